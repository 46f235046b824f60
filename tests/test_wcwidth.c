/* SPDX-License-Identifier: MIT */
/* The executable's own wcwidth() (src/tui/tui_wcwidth.c), which ncursesw
 * binds to: libc's answer with ambiguous characters narrow; with them wide,
 * the text module's sq_cp_width for every printable code point, so that
 * every column the program computes is where ncurses puts the cursor. */
#include <dlfcn.h>
#include <locale.h>
#include <wchar.h>

#include "check.h"
#include "text.h"

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	int (*libc_wcwidth)(wchar_t) = (int (*)(wchar_t))dlsym(RTLD_NEXT, "wcwidth");
	CHECK(libc_wcwidth != NULL);
	CHECK(libc_wcwidth != wcwidth);
	if (!libc_wcwidth)
		return check_report("test_wcwidth");
	for (int wide = 0; wide < 2; wide++) {
		sq_text_set_ambiguous_wide(wide);
		long off_libc = 0, off_text = 0;
		for (uint32_t c = 0; c <= 0x10FFFF; c++) {
			if (c >= 0xD800 && c <= 0xDFFF)
				continue;
			int w = wcwidth((wchar_t)c), l = libc_wcwidth((wchar_t)c);
			if (!wide && w != l)
				off_libc++;
			/* Text reaching ncurses is sanitised: printable only. */
			if (l >= 0 && c >= 0x20 && w != sq_cp_width(c))
				off_text++;
		}
		CHECK_INT(off_libc, 0);
		CHECK_INT(off_text, 0);
	}
	sq_text_set_ambiguous_wide(true);
	CHECK_INT(wcwidth(0x00B7), 2); /* MIDDLE DOT */
	CHECK_INT(wcwidth(0x2500), 2); /* BOX DRAWINGS LIGHT HORIZONTAL */
	CHECK_INT(wcwidth(0x0301), 0); /* combining acute: stays 0 */
	CHECK_INT(wcwidth(0x4E2D), 2);
	CHECK_INT(wcwidth(L'A'), 1);
	CHECK_INT(wcwidth(0x07), -1);
	CHECK_INT(wcswidth(L"\u00b7\u4e2dA", 3), 5);
	CHECK_INT(wcswidth(L"\u00b7\u4e2dA", 1), 2);
	CHECK_INT(wcswidth(L"A\a", 2), -1);
	sq_text_set_ambiguous_wide(false);
	CHECK_INT(wcwidth(0x00B7), 1);
	CHECK_INT(wcswidth(L"\u00b7\u4e2dA", 3), 4);
	return check_report("test_wcwidth");
}
