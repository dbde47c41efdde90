/* File system paths: joining and creating directories. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core.h"

char *core_path_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	while (len > 0 && dir[len - 1] == '/')
		len--;
	return xasprintf("%.*s/%s", (int)len, dir, name);
}

bool core_path_mkdirs(const char *path, mode_t mode, char *err, size_t errlen)
{
	char *copy = xstrdup(path);
	bool ok = true;
	/* Create each prefix ending before a '/', then the whole path. */
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, mode) == -1 && errno != EEXIST) {
			core_err_set(err, errlen, "%s: cannot create directory: %s", copy,
				     strerror(errno));
			ok = false;
		}
		*p = saved;
		if (!ok || saved == '\0')
			break;
	}
	if (ok) {
		struct stat sb;
		if (stat(path, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
			core_err_set(err, errlen, "%s: exists and is not a directory", path);
			ok = false;
		}
	}
	free(copy);
	return ok;
}
