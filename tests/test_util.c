/* SPDX-License-Identifier: MIT */
/* The core's small shared helpers: the monotonic clock, the file name of a
 * path, the arena, the installation paths. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "hash.h"
#include "options.h"
#include "paths.h"
#include "util.h"

static void test_base_name(void)
{
	CHECK_STR(sq_base_name("/usr/share/shequ/communities.rec"), "communities.rec");
	CHECK_STR(sq_base_name("communities.rec"), "communities.rec");
	CHECK_STR(sq_base_name("data/"), "");
	CHECK_STR(sq_base_name("/"), "");
	CHECK_STR(sq_base_name(""), "");
	const char *p = "a/b/c";
	CHECK(sq_base_name(p) == p + 4); /* points into the path */
}

/* Against a linear scan, on every key around a sorted array with repeats. */
static void test_lower_bound(void)
{
	static const uint32_t a[] = {2, 3, 3, 7, 9, 9, 9, 40, UINT32_MAX};
	size_t n = sizeof a / sizeof a[0];
	for (size_t len = 0; len <= n; len++)
		for (uint32_t key = 0; key <= 42; key++) {
			size_t want = 0;
			while (want < len && a[want] < key)
				want++;
			CHECK(sq_lower_bound_u32(a, len, key) == want);
		}
	CHECK(sq_lower_bound_u32(a, n, UINT32_MAX) == n - 1);
	CHECK(sq_lower_bound_u32(NULL, 0, 5) == 0);
}

static void test_now(void)
{
	double a = sq_now();
	struct timespec ts = {0, 20 * 1000 * 1000};
	nanosleep(&ts, NULL);
	double b = sq_now();
	CHECK(a > 0);
	CHECK(b - a >= 0.019);
	CHECK(b - a < 5); /* seconds, not milliseconds */
}

static void test_arena(void)
{
	struct sq_arena *a = sq_arena_new();
	char *s = sq_arena_strndup(a, "abcdef", 3);
	CHECK_STR(s, "abc");
	for (int i = 0; i < 1000; i++) {
		void *p = sq_arena_alloc(a, (size_t)i * 97 + 1);
		CHECK(((uintptr_t)p & 7) == 0);
	}
	char *big = sq_arena_alloc(a, 40u * 1024 * 1024);
	memset(big, 1, 40u * 1024 * 1024);
	CHECK_STR(s, "abc");
	sq_arena_free(a);
}

static void test_paths(void)
{
	unsetenv("SHEQU_CONFIG");
	CHECK(!sq_settings_path_explicit());
	CHECK_STR(sq_settings_path(), SHEQU_SYSCONFDIR "/shequ.conf");
	setenv("SHEQU_CONFIG", "", 1);
	CHECK(!sq_settings_path_explicit());
	setenv("SHEQU_CONFIG", "/k/shequ.conf", 1);
	CHECK(sq_settings_path_explicit());
	CHECK_STR(sq_settings_path(), "/k/shequ.conf");
	unsetenv("SHEQU_CONFIG");

	setenv("SHEQU_DATA", "/x/y.rec", 1);
	CHECK_STR(sq_default_data_path(), "/x/y.rec");
	unsetenv("SHEQU_DATA");
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	char *bd = realpath(SHEQU_BUILDDIR, NULL);
	bool in_build = bd && strncmp(exe, bd, strlen(bd)) == 0 && exe[strlen(bd)] == '/';
	free(bd);
	CHECK(sq_uninstalled() == in_build);
	CHECK_STR(sq_default_data_path(), in_build ? SHEQU_SRC_DATADIR "/communities.rec"
						   : SHEQU_DATADIR "/communities.rec");
	CHECK_STR(sq_locale_dir(), in_build ? SHEQU_BUILDDIR "/po" : SHEQU_LOCALEDIR);
}

static const char *const words[] = {"上城区", "西湖区", "拱墅区", "滨江区", "a", "b"};

static bool same_word(const void *ctx, uint32_t val)
{
	return strcmp(words[val - 1], ctx) == 0;
}

static void test_hash(void)
{
	/* Exact keys: many, growing the table several times. */
	struct sq_hash h = {0};
	for (uint32_t i = 1; i <= 100000; i++)
		CHECK_INT(sq_hash_get_or_put(&h, (uint64_t)i * 330100000000u, i, NULL, NULL), 0);
	CHECK_INT(h.n, 100000);
	CHECK(h.cap >= h.n * 4 / 3);
	long bad = 0;
	for (uint32_t i = 1; i <= 100000; i++)
		bad += sq_hash_get_or_put(&h, (uint64_t)i * 330100000000u, 7, NULL, NULL) != i;
	CHECK_INT(bad, 0);
	CHECK_INT(h.n, 100000);
	sq_hash_free(&h);
	CHECK(h.slots == NULL && h.n == 0);

	/* Hashed strings, told apart by the caller: one key for them all. */
	for (uint32_t i = 0; i < 6; i++)
		CHECK_INT(sq_hash_get_or_put(&h, 42, i + 1, same_word, words[i]), 0);
	for (uint32_t i = 0; i < 6; i++)
		CHECK_INT(sq_hash_get_or_put(&h, 42, 99, same_word, words[i]), i + 1);
	CHECK_INT(h.n, 6);
	sq_hash_free(&h);
	CHECK(sq_str_hash("a") != sq_str_hash("b"));
	CHECK_INT(sq_str_hash(""), 2166136261u);
}

/* One table for the command line and the configuration file. */
static void test_settings(void)
{
	struct sq_options o;
	sq_options_init(&o);
	char *why = NULL;
	CHECK(sq_setting_apply(sq_setting_by_key("lang"), "lang", "zh", &o, &why));
	CHECK(o.lang == SQ_ZH && o.sheet_lang == SQ_SHEET_ZH && !o.lang_both);
	CHECK(sq_setting_apply(sq_setting_by_option("lang"), "--lang", "both", &o, &why));
	CHECK(o.lang == SQ_ZH && o.sheet_lang == SQ_SHEET_BOTH && o.lang_both);
	CHECK(sq_setting_apply(sq_setting_by_option("lang"), "--lang", "en", &o, &why));
	CHECK(o.lang == SQ_EN && !o.lang_both);
	CHECK(!sq_setting_apply(sq_setting_by_option("lang"), "--lang", "fr", &o, &why));
	CHECK_STR(why, "--lang: 'fr' is not one of: zh, en, both");
	free(why);
	CHECK(!sq_setting_apply(sq_setting_by_key("width"), "width", "33x", &o, &why));
	CHECK_STR(why, "width: '33x' is not a number from 32 to 120");
	free(why);
	CHECK(sq_setting_apply(sq_setting_by_key("width"), "width", "33", &o, &why));
	CHECK_INT(o.width, 33);
	/* mouse = no is --no-mouse */
	CHECK(sq_setting_apply(sq_setting_by_key("mouse"), "mouse", "no", &o, &why));
	CHECK(o.no_mouse);
	CHECK(sq_setting_apply(sq_setting_by_key("mouse"), "mouse", "yes", &o, &why));
	CHECK(!o.no_mouse);
	CHECK(sq_setting_apply(sq_setting_by_option("no-mouse"), "--no-mouse", "no", &o, &why));
	CHECK(o.no_mouse);
	CHECK(sq_setting_apply(sq_setting_by_option("kiosk"), "--kiosk", "yes", &o, &why));
	CHECK(o.kiosk);
	/* Every yes/no setting has both directions on the command line, so
	 * that it can undo the file's. */
	for (size_t i = 0; i < sq_n_settings; i++)
		if (sq_settings[i].kind == SQ_SETTING_BOOL)
			CHECK(sq_settings[i].option && sq_settings[i].no_option);
	CHECK(sq_setting_by_option("mouse") == sq_setting_by_key("mouse"));
	CHECK(sq_setting_by_option("no-large") == sq_setting_by_key("large"));
	CHECK(sq_setting_by_option("no-kiosk") == sq_setting_by_key("kiosk"));
	CHECK(!sq_setting_apply(sq_setting_by_key("kiosk"), "kiosk", "si", &o, &why));
	CHECK_STR(why, "kiosk: 'si' is not yes or no");
	free(why);
	/* Text outlives what it came from. */
	char printer[] = "station";
	CHECK(sq_setting_apply(sq_setting_by_key("printer"), "printer", printer, &o, &why));
	printer[0] = 'X';
	CHECK_STR(o.printer, "station");
	CHECK(!sq_setting_apply(sq_setting_by_key("quit-keys"), "quit-keys", "", &o, &why));
	CHECK_STR(why, "quit-keys is empty");
	free(why);
	CHECK(sq_setting_by_key("output") == NULL); /* the command line's only */
	CHECK(sq_setting_by_option("quit-keys") == NULL);      /* the file's only */

	/* quit-keys is checked, and its keys kept, when it is given; a bad
	 * one leaves the keys as they were. */
	CHECK_INT(o.quit_seq.n, 3);
	CHECK(sq_setting_apply(sq_setting_by_key("quit-keys"), "quit-keys", "F12 Esc",
			       &o, &why));
	CHECK_INT(o.quit_seq.n, 2);
	CHECK_STR(o.quit_keys, "F12 Esc");
	CHECK(!sq_setting_apply(sq_setting_by_key("quit-keys"), "quit-keys", "C-x C-€",
				&o, &why));
	CHECK(why && strncmp(why, "quit-keys: 'C-€' is not a key;", 31) == 0);
	free(why);
	CHECK_INT(o.quit_seq.n, 2);
	CHECK_STR(o.quit_keys, "F12 Esc");

	/* Where a setting was given: the file's line, until the command line
	 * gives it again. */
	const char *path;
	unsigned line;
	CHECK(!sq_setting_in_file(&o, "lang", &path, &line));
	sq_setting_given(&o, sq_setting_by_key("lang"), "/etc/shequ.conf", 7);
	CHECK(sq_setting_in_file(&o, "lang", &path, &line));
	CHECK_STR(path, "/etc/shequ.conf");
	CHECK_INT(line, 7);
	sq_setting_given(&o, sq_setting_by_option("lang"), NULL, 0);
	CHECK(!sq_setting_in_file(&o, "lang", &path, &line));
}

/* The installed configuration file shows every setting it may hold. */
static void test_conf_documents_all(void)
{
	const char *src = getenv("SHEQU_SRCDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/data/shequ.conf", src ? src : "..");
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char text[16384];
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	for (size_t i = 0; i < sq_n_settings; i++) {
		if (!sq_settings[i].key)
			continue;
		char want[64];
		snprintf(want, sizeof want, "\n#%s = ", sq_settings[i].key);
		if (!strstr(text, want))
			fprintf(stderr, "data/shequ.conf does not show %s\n",
				sq_settings[i].key);
		CHECK(strstr(text, want) != NULL);
	}
}

/* Key names, as quit-keys is written: codes and characters, no curses. */
static void test_keyseq(void)
{
	struct sq_keyseq k;
	struct sq_buf why = {0};
	CHECK(sq_keyseq_parse("C-x ^S ctrl-a q 中 F1 f63 Enter BS PgDn Esc Space",
			      "quit-keys", &k, &why));
	CHECK_INT(k.n, 12);
	CHECK(k.keys[0].code == SQ_KEYCODE_NONE && k.keys[0].ch[0] == 0x18);
	CHECK(k.keys[1].ch[0] == 0x13);
	CHECK(k.keys[2].ch[0] == 0x01);
	CHECK(k.keys[3].ch[0] == 'q');
	CHECK(k.keys[4].ch[0] == 0x4e2d);
	CHECK(k.keys[5].code == SQ_KEYCODE_F1);
	CHECK(k.keys[6].code == SQ_KEYCODE_F63);
	CHECK(k.keys[7].code == SQ_KEYCODE_ENTER && k.keys[7].ch[0] == '\r' &&
	      k.keys[7].ch[1] == '\n');
	CHECK(k.keys[8].code == SQ_KEYCODE_BACKSPACE && k.keys[8].ch[0] == 0x7f);
	CHECK(k.keys[9].code == SQ_KEYCODE_PGDN);
	CHECK(k.keys[10].ch[0] == 0x1b);
	CHECK(k.keys[11].ch[0] == ' ');
	CHECK_INT(why.len, 0);
	static const char *const bad[] = {"C-1", "C-@", "F0", "F64", "F01", "Hyper-q",
					  "qq", "", "   ", "\x7f", "C-\xe2\x82\xac"};
	for (size_t i = 0; i < SQ_ARRAY_LEN(bad); i++) {
		sq_buf_reset(&why);
		CHECK(!sq_keyseq_parse(bad[i], "quit-keys", &k, &why));
		CHECK(why.len > 0 && strncmp(why.data, "quit-keys: '", 12) == 0);
		CHECK_INT(k.n, 0);
	}
	sq_buf_free(&why);
}

int main(void)
{
	test_base_name();
	test_lower_bound();
	test_now();
	test_arena();
	test_paths();
	test_hash();
	test_settings();
	test_keyseq();
	test_conf_documents_all();
	return check_report("test_util");
}
