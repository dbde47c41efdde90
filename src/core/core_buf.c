/*
 * A growable byte buffer with a hard maximum, for network bodies and built
 * strings. Invariant: once data is allocated, data[len] == '\0', so the
 * contents are always a valid C string (binary data may hold NULs).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

void core_buf_init(struct core_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max != 0 ? max : SIZE_MAX / 2;
}

/* Room for n more bytes plus the NUL; false when past the maximum. */
bool core_buf_reserve(struct core_buf *b, size_t n)
{
	if (n > b->max || b->len > b->max - n)
		return false;
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	/* A first reservation is taken as it is (a body's Content-Length, say); growth doubles. */
	size_t cap = b->cap != 0 ? b->cap : need > 64 ? need : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	b->data = xreallocarray(b->data, cap, 1);
	b->data[b->len] = '\0';
	b->cap = cap;
	return true;
}

bool core_buf_append_slow(struct core_buf *b, const void *p, size_t n)
{
	if (!core_buf_reserve(b, n))
		return false;
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool core_buf_puts(struct core_buf *b, const char *s)
{
	return core_buf_append(b, s, strlen(s));
}

void core_buf_xml(struct core_buf *b, const char *s, bool attr)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			core_buf_puts(b, "&amp;");
			break;
		case '<':
			core_buf_puts(b, "&lt;");
			break;
		case '>':
			core_buf_puts(b, "&gt;");
			break;
		case '"':
			core_buf_puts(b, attr ? "&quot;" : "\"");
			break;
		default:
			core_buf_putc(b, *s);
		}
	}
}

bool core_buf_printf(struct core_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	bool ok = core_buf_puts(b, s);
	free(s);
	return ok;
}

const char *core_buf_str(const struct core_buf *b)
{
	return b->data != NULL ? b->data : "";
}

void core_buf_reset(struct core_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

char *core_buf_take(struct core_buf *b)
{
	/* What is handed over may be kept long: give back room it will never use. */
	if (b->data != NULL && b->cap - b->len > 64 && b->cap - b->len > b->len / 8)
		b->data = xreallocarray(b->data, b->len + 1, 1);
	char *s = b->data != NULL ? b->data : xstrdup("");
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return s;
}

void core_buf_free(struct core_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}
