/* Error sentences written into caller-supplied buffers. */
#include <stdio.h>

#include "core.h"

void core_err_set(char *err, size_t errlen, const char *fmt, ...)
{
	if (err == NULL || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
