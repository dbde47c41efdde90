/* The labels' language: Vietnamese or English, as chosen or as the locale says. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

bool core_lang_known(const char *s)
{
	return strcmp(s, "vi") == 0 || strcmp(s, "en") == 0;
}

void core_lang_option_error(char *err, size_t errlen, const char *arg)
{
	char *shown = core_str_printable(arg);
	core_err_set(err, errlen, "option '--lang' needs vi or en, not '%s'", shown);
	free(shown);
}

bool core_lang_vietnamese(const char *choice)
{
	if (choice != NULL)
		return strcmp(choice, "vi") == 0;
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < CORE_NELEM(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && v[0] != '\0')
			return strncmp(v, "vi", 2) == 0;
	}
	return false;
}
