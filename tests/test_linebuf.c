/* SPDX-License-Identifier: MIT */
/* The search bar's line editor: characters, not bytes or cells. */
#include <locale.h>
#include <string.h>

#include "check.h"
#include "linebuf.h"

static void view(struct sq_linebuf *lb, int cols, size_t *first, size_t *count,
		 int *col)
{
	sq_linebuf_view(lb, cols, first, count, col);
}

static void test_insert_and_cursor(void)
{
	struct sq_linebuf lb;
	sq_linebuf_init(&lb, 0);
	sq_linebuf_insert_utf8(&lb, "英语角");
	CHECK_STR(sq_linebuf_str(&lb), "英语角");
	CHECK_INT(lb.len, 3);
	CHECK_INT(sq_linebuf_cursor_col(&lb), 6);
	sq_linebuf_insert_utf8(&lb, "ＡＢ"); /* fullwidth */
	CHECK_INT(sq_linebuf_cursor_col(&lb), 10);
	sq_linebuf_insert(&lb, 'x');
	CHECK_INT(sq_linebuf_cursor_col(&lb), 11);
	CHECK_STR(sq_linebuf_str(&lb), "英语角ＡＢx");
	CHECK(!sq_linebuf_insert(&lb, '\t'));
	CHECK(!sq_linebuf_insert(&lb, 0x1b));
	CHECK(!sq_linebuf_insert(&lb, 0x85));
	sq_linebuf_free(&lb);
}

static void test_backspace_whole_character(void)
{
	struct sq_linebuf lb;
	sq_linebuf_init(&lb, 0);
	sq_linebuf_insert_utf8(&lb, "ae\xcc\x81"); /* a, e + combining acute */
	CHECK_INT(lb.len, 3);
	CHECK_INT(sq_linebuf_cursor_col(&lb), 2);
	CHECK(sq_linebuf_backspace(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "a");
	sq_linebuf_insert_utf8(&lb, "社区");
	CHECK(sq_linebuf_backspace(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "a社");
	CHECK_INT(sq_linebuf_cursor_col(&lb), 3);
	CHECK(sq_linebuf_backspace(&lb));
	CHECK(sq_linebuf_backspace(&lb));
	CHECK(!sq_linebuf_backspace(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "");
	/* A combining mark cannot start the text. */
	CHECK(!sq_linebuf_insert(&lb, 0x301));
	sq_linebuf_free(&lb);
}

static void test_moving(void)
{
	struct sq_linebuf lb;
	sq_linebuf_init(&lb, 0);
	sq_linebuf_insert_utf8(&lb, "黄e\xcc\x81龙");
	CHECK(sq_linebuf_left(&lb));
	CHECK_INT(lb.cursor, 3);
	CHECK(sq_linebuf_left(&lb)); /* over e + mark in one step */
	CHECK_INT(lb.cursor, 1);
	CHECK_INT(sq_linebuf_cursor_col(&lb), 2);
	CHECK(sq_linebuf_right(&lb));
	CHECK_INT(lb.cursor, 3);
	CHECK_INT(sq_linebuf_cursor_col(&lb), 3);
	CHECK(sq_linebuf_home(&lb));
	CHECK(!sq_linebuf_left(&lb));
	CHECK(sq_linebuf_delete(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "e\xcc\x81龙");
	CHECK(sq_linebuf_delete(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "龙");
	sq_linebuf_insert(&lb, 'Z');
	CHECK_STR(sq_linebuf_str(&lb), "Z龙");
	CHECK(sq_linebuf_end(&lb));
	CHECK(!sq_linebuf_right(&lb));
	CHECK(sq_linebuf_clear(&lb));
	CHECK_INT(lb.len, 0);
	CHECK_INT(lb.cursor, 0);
	CHECK(!sq_linebuf_clear(&lb));
	sq_linebuf_free(&lb);
}

static void test_kill(void)
{
	struct sq_linebuf lb;
	sq_linebuf_init(&lb, 0);
	sq_linebuf_insert_utf8(&lb, "jin se  li");
	CHECK(sq_linebuf_kill_word(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "jin se  ");
	CHECK(sq_linebuf_kill_word(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "jin ");
	sq_linebuf_home(&lb);
	sq_linebuf_right(&lb);
	CHECK(sq_linebuf_kill_end(&lb));
	CHECK_STR(sq_linebuf_str(&lb), "j");
	sq_linebuf_free(&lb);
}

static void test_limit(void)
{
	struct sq_linebuf lb;
	sq_linebuf_init(&lb, 4);
	sq_linebuf_insert_utf8(&lb, "一二三四五六");
	CHECK_STR(sq_linebuf_str(&lb), "一二三四");
	CHECK(!sq_linebuf_insert(&lb, 'a'));
	sq_linebuf_free(&lb);
}

/* The field scrolls so the cursor stays visible and never splits a wide
 * character; the cursor column counts cells. */
static void test_view(void)
{
	struct sq_linebuf lb;
	size_t first, count;
	int col;
	sq_linebuf_init(&lb, 0);
	sq_linebuf_insert_utf8(&lb, "良渚文化村社区");
	view(&lb, 20, &first, &count, &col);
	CHECK_INT(first, 0);
	CHECK_INT(count, 7);
	CHECK_INT(col, 14);
	/* 9 cells: cursor at the end needs one cell, so 4 characters show. */
	view(&lb, 9, &first, &count, &col);
	CHECK_INT(first, 3);
	CHECK_INT(count, 4);
	CHECK_INT(col, 8);
	/* 8 cells: 3 characters (6 cells) + cursor; a 4th would not fit. */
	view(&lb, 8, &first, &count, &col);
	CHECK_INT(first, 4);
	CHECK_INT(count, 3);
	CHECK_INT(col, 6);
	/* Going home scrolls back. */
	sq_linebuf_home(&lb);
	view(&lb, 8, &first, &count, &col);
	CHECK_INT(first, 0);
	CHECK_INT(count, 4);
	CHECK_INT(col, 0);
	/* Moving right keeps the scroll until the cursor leaves the field. */
	for (int i = 0; i < 3; i++)
		sq_linebuf_right(&lb);
	view(&lb, 8, &first, &count, &col);
	CHECK_INT(first, 0);
	CHECK_INT(col, 6);
	sq_linebuf_right(&lb);
	view(&lb, 8, &first, &count, &col);
	CHECK_INT(first, 1);
	CHECK_INT(col, 6);
	/* Odd width with mixed text: never half of a wide character. */
	sq_linebuf_clear(&lb);
	sq_linebuf_insert_utf8(&lb, "a英b语c角");
	view(&lb, 5, &first, &count, &col);
	int cells = 0;
	for (size_t i = first; i < first + count; i++)
		cells += lb.widths[i];
	CHECK(cells <= 5);
	CHECK(col + 1 <= 5);
	/* Deleting scrolls back so no room is wasted on the left. */
	while (sq_linebuf_backspace(&lb) && lb.len > 2)
		;
	view(&lb, 5, &first, &count, &col);
	CHECK_INT(first, 0);
	sq_linebuf_free(&lb);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_insert_and_cursor();
	test_backspace_whole_character();
	test_moving();
	test_kill();
	test_limit();
	test_view();
	return check_report("linebuf");
}
