/*
 * XDG base directories (the freedesktop.org Base Directory specification):
 * a variable that is unset, empty or relative is ignored, and the default
 * below the home directory is used instead.
 */
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "core.h"

static const struct {
	const char *var;    /* environment variable */
	const char *subdir; /* default below $HOME */
} core_xdg_table[] = {
    [CORE_XDG_CONFIG] = {"XDG_CONFIG_HOME", ".config"},
    [CORE_XDG_DATA] = {"XDG_DATA_HOME", ".local/share"},
    [CORE_XDG_CACHE] = {"XDG_CACHE_HOME", ".cache"},
    [CORE_XDG_STATE] = {"XDG_STATE_HOME", ".local/state"},
};

/* $HOME when absolute, else the password file's entry; borrowed, or NULL. */
static const char *core_xdg_home(void)
{
	const char *home = getenv("HOME");
	if (home != NULL && home[0] == '/')
		return home;
	const struct passwd *pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return NULL;
}

char *core_xdg_dir(enum core_xdg_kind kind, char *err, size_t errlen)
{
	const char *base = getenv(core_xdg_table[kind].var);
	if (base != NULL && base[0] == '/')
		return core_path_join(base, "bantin");
	const char *home = core_xdg_home();
	if (home == NULL) {
		core_err_set(err, errlen, "cannot find a home directory: set HOME or %s",
			     core_xdg_table[kind].var);
		return NULL;
	}
	char *root = core_path_join(home, core_xdg_table[kind].subdir);
	char *dir = core_path_join(root, "bantin");
	free(root);
	return dir;
}
