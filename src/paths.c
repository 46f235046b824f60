/* SPDX-License-Identifier: MIT */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

bool sq_uninstalled(void)
{
	static int cached = -1;
	if (cached >= 0)
		return cached;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		cached = false;
		return false;
	}
	exe[n] = '\0';
	char *dir = realpath(SHEQU_BUILDDIR, NULL);
	const char *b = dir ? dir : SHEQU_BUILDDIR;
	size_t bl = strlen(b);
	cached = strncmp(exe, b, bl) == 0 && exe[bl] == '/';
	free(dir);
	return cached;
}

/* The directory of the bundled data: the source tree's when this binary was
 * run from the build tree, else the installed one. */
static const char *bundled_dir(void)
{
	return sq_uninstalled() ? SHEQU_SRC_DATADIR : SHEQU_DATADIR;
}

const char *sq_default_data_path(void)
{
	const char *env = getenv("SHEQU_DATA");
	if (env && *env)
		return env;
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/communities.rec", bundled_dir());
	return path;
}

const char *sq_default_city_path(void)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/hangzhou.rec", bundled_dir());
	return access(path, R_OK) == 0 ? path : NULL;
}

bool sq_settings_path_explicit(void)
{
	const char *env = getenv("SHEQU_CONFIG");
	return env && *env;
}

const char *sq_settings_path(void)
{
	return sq_settings_path_explicit() ? getenv("SHEQU_CONFIG")
					   : SHEQU_SYSCONFDIR "/shequ.conf";
}

const char *sq_locale_dir(void)
{
	/* meson's i18n.gettext builds BUILDDIR/po/LL/LC_MESSAGES/shequ.mo. */
	return sq_uninstalled() ? SHEQU_BUILDDIR "/po" : SHEQU_LOCALEDIR;
}
