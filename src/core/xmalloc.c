/*
 * Allocation that aborts with a message instead of returning NULL, and
 * checks multiplication for overflow. bantin has no sensible way to go on
 * without memory, so no caller tests for NULL.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* Says why allocation failed and stops. */
static _Noreturn void xalloc_die(const char *what, size_t nmemb, size_t size)
{
	fprintf(stderr, "bantin: %s of %zu x %zu bytes failed: %s\n", what, nmemb, size,
		strerror(errno != 0 ? errno : ENOMEM));
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size != 0 ? size : 1);
	if (p == NULL)
		xalloc_die("malloc", 1, size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	void *p = calloc(nmemb, size);
	if (p == NULL)
		xalloc_die("calloc", nmemb, size);
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size) {
		errno = ENOMEM;
		xalloc_die("reallocarray (overflow)", nmemb, size);
	}
	size_t total = nmemb * size;
	void *p = realloc(ptr, total != 0 ? total : 1);
	if (p == NULL)
		xalloc_die("realloc", nmemb, size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrdup_opt(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		xalloc_die("vasprintf (bad format)", 1, 0);
	size_t size = (size_t)n + 1;
	char *s = xmalloc(size);
	vsnprintf(s, size, fmt, ap);
	return s;
}
