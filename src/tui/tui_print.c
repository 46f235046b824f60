/* SPDX-License-Identifier: MIT */
/* The print dialog's place.  Printing itself (sheet, PDF, CUPS) is the core's;
 * the dialog that asks for language, paper and copies comes here. */
#include "config.h"
#include "i18n.h"
#include "tui_int.h"

void tui_print(struct tui *t, uint32_t comm)
{
	(void)comm;
#if HAVE_PRINTING
	tui_status(t, false, "%s", _("Printing from this screen is not available yet; use shequ --print"));
#else
	tui_status(t, true, "%s", _("This shequ was built without printing"));
#endif
}
