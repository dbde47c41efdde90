/*
 * UTF-8 decoding and encoding. The decoder follows the Unicode "maximal
 * subpart" practice (also WHATWG's): a broken sequence is replaced by one
 * U+FFFD for as many bytes as could have started a valid sequence.
 */
#include <string.h>

#include "core.h"
#include "text.h"

size_t text_utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t need;
	int32_t v;
	unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0; /* no overlong forms */
		else if (c == 0xed)
			hi = 0x9f; /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f; /* nothing past U+10FFFF */
	} else {
		*cp = -1;
		return 1;
	}
	size_t i = 1;
	for (; i <= need; i++) {
		if (i >= n) {
			*cp = -1;
			return i;
		}
		unsigned char b = s[i];
		unsigned char bl = i == 1 ? lo : 0x80, bh = i == 1 ? hi : 0xbf;
		if (b < bl || b > bh) {
			*cp = -1;
			return i;
		}
		v = (v << 6) | (b & 0x3f);
	}
	*cp = v;
	return i;
}

size_t text_utf8_encode(int32_t cp, char out[4])
{
	uint32_t u = (uint32_t)cp;
	if (u < 0x80) {
		out[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		out[0] = (char)(0xc0 | (u >> 6));
		out[1] = (char)(0x80 | (u & 0x3f));
		return 2;
	}
	if (u < 0x10000) {
		out[0] = (char)(0xe0 | (u >> 12));
		out[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		out[2] = (char)(0x80 | (u & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (u >> 18));
	out[1] = (char)(0x80 | ((u >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((u >> 6) & 0x3f));
	out[3] = (char)(0x80 | (u & 0x3f));
	return 4;
}

/* NUL bytes are replaced too, so the result is one C string. */
char *text_utf8_fix(const char *s, size_t len)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	size_t i = 0, run = 0; /* valid bytes not yet copied start at run */
	while (i < len) {
		if ((unsigned char)s[i] < 0x80 && s[i] != '\0') {
			i++;
			continue;
		}
		int32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (cp > 0) { /* a NUL would end the string: replace it too */
			i += n;
			continue;
		}
		core_buf_append(&b, s + run, i - run);
		core_buf_puts(&b, "\xef\xbf\xbd");
		i += n;
		run = i;
	}
	core_buf_append(&b, s + run, len - run);
	return core_buf_take(&b);
}
