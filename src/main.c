/* SPDX-License-Identifier: MIT */
/* Option parsing and dispatch: a command-line mode, or the TUI. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
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
#include "settings.h"
#include "text.h"
#include "tui.h"

enum mode { MODE_TUI, MODE_CHECK, MODE_LIST, MODE_SEARCH, MODE_SHEET, MODE_PRINT };

enum {
	OPT_DATA = 0x100, OPT_CHECK, OPT_LIST, OPT_SEARCH, OPT_SHEET, OPT_PRINT,
	OPT_LANG, OPT_FORMAT, OPT_WIDTH, OPT_PAPER, OPT_PRINTER, OPT_COPIES,
	OPT_SAVE_DIR, OPT_KIOSK, OPT_IDLE, OPT_LARGE, OPT_AMBIGUOUS, OPT_NO_MOUSE,
	OPT_VERSION,
};

static const struct option long_options[] = {
	{"data", required_argument, NULL, OPT_DATA},
	{"check", no_argument, NULL, OPT_CHECK},
	{"list", no_argument, NULL, OPT_LIST},
	{"search", required_argument, NULL, OPT_SEARCH},
	{"sheet", required_argument, NULL, OPT_SHEET},
	{"print", required_argument, NULL, OPT_PRINT},
	{"lang", required_argument, NULL, OPT_LANG},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"width", required_argument, NULL, OPT_WIDTH},
	{"paper", required_argument, NULL, OPT_PAPER},
	{"output", required_argument, NULL, 'o'},
	{"printer", required_argument, NULL, OPT_PRINTER},
	{"copies", required_argument, NULL, OPT_COPIES},
	{"save-dir", required_argument, NULL, OPT_SAVE_DIR},
	{"kiosk", no_argument, NULL, OPT_KIOSK},
	{"idle", required_argument, NULL, OPT_IDLE},
	{"large", no_argument, NULL, OPT_LARGE},
	{"ambiguous", required_argument, NULL, OPT_AMBIGUOUS},
	{"no-mouse", no_argument, NULL, OPT_NO_MOUSE},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{0, 0, 0, 0},
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: shequ [OPTION]...\n"
		       "Browse Hangzhou's international demonstration communities.\n"
		       "\n"
		       "With no mode option, starts the full-screen browser.\n"
		       "\n"
		       "Modes:\n"
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
		       "      --idle SECONDS      kiosk idle reset after SECONDS (default 120)\n"
		       "      --large             large print: taller rows for touch screens\n"
		       "      --ambiguous MODE    width of East Asian Ambiguous characters:\n"
		       "                          narrow (default), wide or auto\n"
		       "      --no-mouse          do not enable the mouse\n"
		       "  -h, --help              show this help and exit\n"
		       "      --version           show the version and exit\n"
		       "\n"
		       "A COMMUNITY is named by its code, Chinese or English name, or alias.\n"
		       "Environment: SHEQU_DATA, SHEQU_SAVE_DIR, NO_COLOR.\n"
		       "Exit status: 0 ok, 1 nothing found or print job failed, 2 error.\n"));
}

static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	fputs("shequ: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fprintf(stderr, _("Try 'shequ --help' for more information.\n"));
	exit(SQ_EXIT_ERROR);
}

static int parse_int(const char *s, const char *opt, int lo, int hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi) {
		fprintf(stderr, _("shequ: %s: '%s' is not a number from %d to %d\n"),
			opt, s, lo, hi);
		fprintf(stderr, _("Try 'shequ --help' for more information.\n"));
		exit(SQ_EXIT_ERROR);
	}
	return (int)v;
}

static void set_default_lang(struct sq_options *o)
{
	/* The interface follows the locale at start: zh* gives Chinese. */
	const char *l = setlocale(LC_MESSAGES, NULL);
	const char *env = getenv("LANGUAGE");
	if (env && *env)
		l = env;
	o->lang = l && strncmp(l, "zh", 2) == 0 ? SQ_ZH : SQ_EN;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	sq_i18n_init();
	struct sq_options opt = {
		.width = 80,
		.copies = 1,
		.idle_seconds = 120,
		.sheet_lang = SQ_SHEET_BOTH,
		.ambiguous = SQ_AMBIGUOUS_NARROW,
	};
	set_default_lang(&opt);
	opt.quit_keys = SQ_DEFAULT_QUIT_KEYS;
	/* The system-wide file first, so that the command line wins. */
	struct sq_diag cdiag = {0};
	if (!sq_settings_load(sq_settings_path(), &opt, &cdiag)) {
		fputs(sq_diag_text(&cdiag), stderr);
		sq_diag_free(&cdiag);
		return SQ_EXIT_ERROR;
	}
	sq_diag_free(&cdiag);
	enum mode mode = MODE_TUI;
	const char *mode_arg = NULL, *check_path = NULL;

	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":ho:", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_DATA: opt.data_path = optarg; break;
		case OPT_CHECK:
			mode = MODE_CHECK;
			/* --check takes an optional FILE as the next word. */
			if (optind < argc && argv[optind][0] != '-')
				check_path = argv[optind++];
			break;
		case OPT_LIST: mode = MODE_LIST; break;
		case OPT_SEARCH: mode = MODE_SEARCH; mode_arg = optarg; break;
		case OPT_SHEET: mode = MODE_SHEET; mode_arg = optarg; break;
		case OPT_PRINT: mode = MODE_PRINT; mode_arg = optarg; break;
		case OPT_LANG:
			if (strcmp(optarg, "zh") == 0) {
				opt.lang = SQ_ZH;
				opt.sheet_lang = SQ_SHEET_ZH;
				sq_i18n_set_lang(SQ_ZH);
			} else if (strcmp(optarg, "en") == 0) {
				opt.lang = SQ_EN;
				opt.sheet_lang = SQ_SHEET_EN;
				sq_i18n_set_lang(SQ_EN);
			} else if (strcmp(optarg, "both") == 0) {
				opt.sheet_lang = SQ_SHEET_BOTH;
			} else {
				usage_error(_("--lang: '%s' is not zh, en or both"), optarg);
			}
			opt.lang_given = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				opt.format = SQ_FORMAT_TEXT;
			else if (strcmp(optarg, "pdf") == 0)
				opt.format = SQ_FORMAT_PDF;
			else
				usage_error(_("--format: '%s' is not text or pdf"), optarg);
			break;
		case OPT_WIDTH: opt.width = parse_int(optarg, "--width", 32, 120); break;
		case OPT_PAPER:
			if (strcmp(optarg, "a4") == 0)
				opt.paper = SQ_PAPER_A4;
			else if (strcmp(optarg, "receipt") == 0)
				opt.paper = SQ_PAPER_RECEIPT;
			else
				usage_error(_("--paper: '%s' is not a4 or receipt"), optarg);
			break;
		case 'o': opt.output = optarg; break;
		case OPT_PRINTER: opt.printer = optarg; break;
		case OPT_COPIES: opt.copies = parse_int(optarg, "--copies", 1, 99); break;
		case OPT_SAVE_DIR: opt.save_dir = optarg; break;
		case OPT_KIOSK: opt.kiosk = true; break;
		case OPT_IDLE: opt.idle_seconds = parse_int(optarg, "--idle", 1, 86400); break;
		case OPT_LARGE: opt.large = true; break;
		case OPT_NO_MOUSE: opt.no_mouse = true; break;
		case OPT_AMBIGUOUS:
			if (strcmp(optarg, "narrow") == 0)
				opt.ambiguous = SQ_AMBIGUOUS_NARROW;
			else if (strcmp(optarg, "wide") == 0)
				opt.ambiguous = SQ_AMBIGUOUS_WIDE;
			else if (strcmp(optarg, "auto") == 0)
				opt.ambiguous = SQ_AMBIGUOUS_AUTO;
			else
				usage_error(_("--ambiguous: '%s' is not narrow, wide or auto"),
					    optarg);
			break;
		case 'h': usage(stdout); return SQ_EXIT_OK;
		case OPT_VERSION:
			printf("shequ %s\n", SHEQU_VERSION);
			return SQ_EXIT_OK;
		case ':':
			usage_error(_("option '%s' needs an argument"), argv[optind - 1]);
		default:
			usage_error(_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error(_("unexpected argument '%s'"), argv[optind]);
	/* Messages follow the locale unless --lang zh|en says otherwise (from
	 * where it is given); the browser speaks the language of its data. */
	if (mode == MODE_TUI)
		sq_i18n_set_lang(opt.lang);

	if (!opt.save_dir)
		opt.save_dir = getenv("SHEQU_SAVE_DIR");
	if (!opt.data_path)
		opt.data_path = sq_default_data_path();
	opt.city_path = sq_default_city_path();

	if (mode == MODE_CHECK)
		return sq_cli_check(check_path ? check_path : opt.data_path);

	if (mode == MODE_TUI && !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("shequ: standard output is not a terminal; the "
				  "browser needs one (see --list, --search and --help)\n"));
		return SQ_EXIT_ERROR;
	}

	struct sq_diag diag = {0};
	struct sq_model *m = sq_load_file(opt.data_path, &diag);
	if (!m) {
		fputs(sq_diag_text(&diag), stderr);
		sq_diag_free(&diag);
		return SQ_EXIT_ERROR;
	}
	sq_diag_free(&diag);

	int status;
	switch (mode) {
	case MODE_LIST: status = sq_cli_list(m, stdout); break;
	case MODE_SEARCH: status = sq_cli_search(m, mode_arg, stdout); break;
	case MODE_SHEET: status = sq_cli_sheet(m, &opt, mode_arg); break;
	case MODE_PRINT: status = sq_cli_print(m, &opt, mode_arg); break;
	default: status = sq_tui_run(m, &opt); break;
	}
	sq_model_free(m);
	return status;
}
