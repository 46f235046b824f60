/* SPDX-License-Identifier: MIT */
/* Option parsing and dispatch: a command-line mode, or the TUI. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "i18n.h"
#include "load.h"
#include "options.h"
#include "paths.h"
#include "search.h"
#include "settings.h"
#include "tui.h"
#include "util.h"

enum mode { MODE_TUI, MODE_CHECK, MODE_LIST, MODE_SEARCH, MODE_SHEET, MODE_PRINT };

/* The options that choose a mode; at most one is given. */
enum {
	OPT_MODE = 0x100,
	OPT_VERSION = 0x1ff,
	OPT_SETTING = 0x200,    /* + the setting's index */
	OPT_SETTING_NO = 0x300, /* + the index of a yes/no setting: its no_option */
};

static const struct option mode_options[] = {
	{"check", no_argument, NULL, OPT_MODE + MODE_CHECK},
	{"list", no_argument, NULL, OPT_MODE + MODE_LIST},
	{"search", required_argument, NULL, OPT_MODE + MODE_SEARCH},
	{"sheet", required_argument, NULL, OPT_MODE + MODE_SHEET},
	{"print", required_argument, NULL, OPT_MODE + MODE_PRINT},
};

static const char *const mode_names[] = {
	[MODE_CHECK] = "--check", [MODE_LIST] = "--list", [MODE_SEARCH] = "--search",
	[MODE_SHEET] = "--sheet", [MODE_PRINT] = "--print",
};

struct command {
	enum mode mode;   /* MODE_TUI when no mode option is given */
	const char *arg;  /* the mode's argument (--check: the file, if any) */
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: shequ [OPTION]...\n"
		       "Browse Hangzhou's international demonstration communities.\n"
		       "\n"
		       "With no mode option, starts the full-screen browser.\n"
		       "\n"
		       "Modes (at most one):\n"
		       "      --check [FILE]      validate a data file and count its contents\n"
		       "      --list              list every community: district, street, community\n"
		       "      --search QUERY      list the communities matching QUERY\n"
		       "      --sheet COMMUNITY   write a community's fact sheet\n"
		       "      --print COMMUNITY   print a community's fact sheet through CUPS\n"
		       "\n"
		       "Options:\n"
		       "      --data FILE         use this data file instead of the bundled one\n"
		       "      --lang LANG         zh or en (interface and data); for sheets also both\n"
		       "      --format FORMAT     sheet format: text (default) or pdf\n"
		       "      --width N           text sheet width in columns, 32-120 (default 80)\n"
		       "      --paper PAPER       PDF paper: a4 (default) or receipt (80 mm roll)\n"
		       "  -o, --output FILE       write the sheet to FILE\n"
		       "      --printer NAME      print on this CUPS queue (default: the default one)\n"
		       "      --copies N          number of copies (default 1)\n"
		       "      --save-dir DIR      where to save a sheet that could not be printed\n"
		       "      --kiosk             kiosk mode: staff key sequence to quit, idle reset\n"
		       "      --no-kiosk          not a kiosk (the default)\n"
		       "      --idle SECONDS      kiosk idle reset after SECONDS (default 120)\n"
		       "      --large             large print: taller rows for touch screens\n"
		       "      --no-large          rows of one line (the default)\n"
		       "      --ambiguous MODE    width of East Asian Ambiguous characters:\n"
		       "                          narrow (default), wide or auto\n"
		       "      --mouse             enable the mouse (the default)\n"
		       "      --no-mouse          do not enable the mouse\n"
		       "  -h, --help              show this help and exit\n"
		       "      --version           show the version and exit\n"
		       "\n"
		       "A COMMUNITY is named by its code, Chinese or English name, or alias.\n"
		       "Settings can also be given in the configuration file (see shequ(1));\n"
		       "the command line wins.\n"
		       "Environment: SHEQU_DATA, SHEQU_SAVE_DIR, SHEQU_CONFIG, NO_COLOR.\n"
		       "Exit status: 0 ok, 1 nothing found or print job failed, 2 error.\n"));
}

__attribute__((format(printf, 1, 2))) static _Noreturn void
usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("shequ: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	fprintf(stderr, _("Try 'shequ --help' for more information.\n"));
	exit(SQ_EXIT_ERROR);
}

/* The long options: the modes, every setting that has one, help, version. */
static const struct option *long_options(void)
{
	static struct option all[64];
	size_t n = 0;
	for (size_t i = 0; i < SQ_ARRAY_LEN(mode_options); i++)
		all[n++] = mode_options[i];
	for (size_t i = 0; i < sq_n_settings; i++) {
		const struct sq_setting *s = &sq_settings[i];
		if (!s->option)
			continue;
		if (n + 4 > SQ_ARRAY_LEN(all))
			sq_die("too many options");
		all[n++] = (struct option){
			s->option, s->kind == SQ_SETTING_BOOL ? no_argument : required_argument,
			NULL, OPT_SETTING + (int)i};
		if (s->no_option)
			all[n++] = (struct option){s->no_option, no_argument, NULL,
						   OPT_SETTING_NO + (int)i};
	}
	all[n++] = (struct option){"help", no_argument, NULL, 'h'};
	all[n++] = (struct option){"version", no_argument, NULL, OPT_VERSION};
	all[n] = (struct option){0};
	return all;
}

/* A setting's option; a yes/no one's value says which of its two it was. */
static void set_setting(const struct sq_setting *s, const char *value,
			struct sq_options *opt)
{
	char name[64], *why;
	bool no = s->kind == SQ_SETTING_BOOL && strcmp(value, "no") == 0;
	snprintf(name, sizeof name, "--%s", no ? s->no_option : s->option);
	if (!sq_setting_apply(s, name, value, opt, &why))
		usage_error("%s", why);
	sq_setting_given(opt, s, NULL, 0);
}

/* One mode: a second one is a mistake, never "the last wins". */
static void set_mode(struct command *cmd, enum mode mode, const char *arg)
{
	if (cmd->mode == mode)
		usage_error(_("%s is given more than once"), mode_names[mode]);
	if (cmd->mode != MODE_TUI)
		usage_error(_("%s and %s cannot be used together"),
			    mode_names[cmd->mode], mode_names[mode]);
	cmd->mode = mode;
	cmd->arg = arg;
}

/* The command line, over what the configuration file set. */
static void parse_args(int argc, char **argv, struct sq_options *opt,
		       struct command *cmd)
{
	const struct option *options = long_options();
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", options, NULL)) != -1) {
		if (c >= OPT_SETTING_NO) {
			set_setting(&sq_settings[c - OPT_SETTING_NO], "no", opt);
		} else if (c >= OPT_SETTING) {
			const struct sq_setting *s = &sq_settings[c - OPT_SETTING];
			set_setting(s, s->kind == SQ_SETTING_BOOL ? "yes" : optarg, opt);
		} else if (c > OPT_MODE && c < OPT_VERSION) {
			const char *arg = optarg;
			/* --check takes an optional FILE as the next word. */
			if (c == OPT_MODE + MODE_CHECK && optind < argc && argv[optind][0] != '-')
				arg = argv[optind++];
			set_mode(cmd, (enum mode)(c - OPT_MODE), arg);
		} else if (c == 'o') {
			set_setting(sq_setting_by_option("output"), optarg, opt);
		} else if (c == 'h') {
			usage(stdout);
			exit(SQ_EXIT_OK);
		} else if (c == OPT_VERSION) {
			printf("shequ %s\n", SHEQU_VERSION);
			exit(SQ_EXIT_OK);
		} else if (c == ':') {
			usage_error(_("option '%s' needs an argument"), argv[optind - 1]);
		} else {
			usage_error(_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error(_("unexpected argument '%s'"), argv[optind]);
}

/* The configuration file, before the command line.  A bad one stops here;
 * false when one that should be there cannot be read (SHEQU_CONFIG names a
 * missing file, or the file is a directory...), after a warning. */
static bool read_settings(struct sq_options *opt)
{
	struct sq_diag diag = {0};
	enum sq_settings_status st = sq_settings_load(sq_settings_path(), opt, &diag);
	if (st == SQ_SETTINGS_BAD) {
		fputs(sq_diag_text(&diag), stderr);
		exit(SQ_EXIT_ERROR);
	}
	bool lost = st == SQ_SETTINGS_UNREADABLE ||
		    (st == SQ_SETTINGS_ABSENT && sq_settings_path_explicit());
	if (lost)
		fputs(sq_diag_text(&diag), stderr);
	sq_diag_free(&diag);
	return !lost;
}

static const char *lang_both_refused(void)
{
	return _("the browser speaks zh or en: lang both is for sheets and printing");
}

/* lang = both in the configuration file, which the browser refuses: the
 * line that says so, for the browser and for --check.  False after saying
 * it. */
static bool lang_fits_browser(const struct sq_options *opt)
{
	const char *path;
	unsigned line;
	if (!opt->lang_both || !sq_setting_in_file(opt, "lang", &path, &line))
		return true;
	struct sq_diag diag = {0};
	sq_diag_at(&diag, path, line, "%s", lang_both_refused());
	fputs(sq_diag_text(&diag), stderr);
	sq_diag_free(&diag);
	return false;
}

/* After a data file that could not be used: the configuration line that
 * named it, when one did, since a path cut short by a '#' or written for
 * another machine reads as a mystery without it. */
static void say_data_origin(const struct sq_options *opt)
{
	const char *path;
	unsigned line;
	if (!sq_setting_in_file(opt, "data", &path, &line))
		return;
	struct sq_diag diag = {0};
	sq_diag_at(&diag, path, line, _("the data file named here (data = %s) could not be used"),
		   opt->data_path);
	fputs(sq_diag_text(&diag), stderr);
	sq_diag_free(&diag);
}

/* What is wrong with the whole command, once every option is known. */
static void check_command(const struct command *cmd, const struct sq_options *opt,
			  bool have_settings)
{
	if (cmd->mode == MODE_SEARCH && sq_search_query_empty(cmd->arg))
		usage_error("%s", _("--search: the query is empty"));
	if (cmd->mode != MODE_TUI)
		return;
	if (!lang_fits_browser(opt))
		exit(SQ_EXIT_ERROR);
	if (opt->lang_both)
		usage_error("%s", lang_both_refused());
	if (!have_settings) {
		/* It may have said kiosk = yes: never start unlocked by mistake. */
		fprintf(stderr, _("shequ: not starting the browser without its "
				  "configuration file, which may make it a kiosk\n"));
		exit(SQ_EXIT_ERROR);
	}
	if (!isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("shequ: standard output is not a terminal; the "
				  "browser needs one (see --list, --search and --help)\n"));
		exit(SQ_EXIT_ERROR);
	}
}

static int run(const struct command *cmd, const struct sq_options *opt,
	       bool have_settings)
{
	if (cmd->mode == MODE_CHECK) {
		int status = sq_cli_check(cmd->arg ? cmd->arg : opt->data_path);
		if (status != SQ_EXIT_OK && !cmd->arg)
			say_data_origin(opt);
		/* The configuration file too, as the browser takes it (each
		 * line was checked when read): one that cannot be read, or
		 * lang = both, stops the browser. */
		if (!have_settings || !lang_fits_browser(opt))
			status = SQ_EXIT_ERROR;
		return status;
	}
	struct sq_diag diag = {0};
	struct sq_model *m = sq_load_file(opt->data_path, &diag);
	fputs(sq_diag_text(&diag), stderr);
	sq_diag_free(&diag);
	if (!m) {
		say_data_origin(opt);
		return SQ_EXIT_ERROR;
	}
	int status;
	switch (cmd->mode) {
	case MODE_LIST: status = sq_cli_list(m, stdout); break;
	case MODE_SEARCH: status = sq_cli_search(m, cmd->arg, stdout); break;
	case MODE_SHEET: status = sq_cli_sheet(m, opt, cmd->arg); break;
	case MODE_PRINT: status = sq_cli_print(m, opt, cmd->arg); break;
	default: return sq_tui_run(m, opt); /* it frees m */
	}
	sq_model_free(m);
	return status;
}

int main(int argc, char **argv)
{
	const char *missing = sq_locale_init();
	sq_i18n_init();
	if (missing)
		fprintf(stderr, _("shequ: the locale %s is not installed; using C.UTF-8\n"),
			missing);
	struct sq_options opt;
	sq_options_init(&opt);
	opt.lang = sq_i18n_default_lang();
	if (missing) /* messages in the language the missing locale meant */
		sq_i18n_set_lang(opt.lang);
	bool have_settings = read_settings(&opt);
	struct command cmd = {MODE_TUI, NULL};
	parse_args(argc, argv, &opt, &cmd);
	check_command(&cmd, &opt, have_settings);
	/* The browser speaks the language of its data. */
	if (cmd.mode == MODE_TUI)
		sq_i18n_set_lang(opt.lang);
	if (!opt.save_dir)
		opt.save_dir = getenv("SHEQU_SAVE_DIR");
	if (!opt.data_path)
		opt.data_path = sq_default_data_path();
	opt.city_path = sq_default_city_path();
	return run(&cmd, &opt, have_settings);
}
