/* The labels' language: Vietnamese or English, as chosen or as the locale says. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

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
