/*
 * Quoting untrusted strings (a user's arguments, file names) for messages
 * printed before the text module's full sanitizer is at hand: anything a
 * terminal could act on is shown as an escape, everything else as is.
 * Reading a number or a size written by a user (16M), and the name a
 * mistyped one meant.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"

/* Length of the sequence at s that must be escaped byte by byte, or 0. */
static size_t core_str_unsafe(const unsigned char *s)
{
	if (s[0] < 0x20 || s[0] == 0x7f)
		return 1; /* C0 controls, ESC among them, and DEL */
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2; /* C1 controls, U+0080..U+009F */
	if (s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae)
		return 3; /* bidi embeddings and overrides, U+202A..U+202E */
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 3; /* bidi isolates, U+2066..U+2069 */
	if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0x8e || s[2] == 0x8f))
		return 3; /* bidi marks, U+200E and U+200F */
	if (s[0] == 0xd8 && s[1] == 0x9c)
		return 2; /* the Arabic letter mark, U+061C */
	return 0;
}

char *core_str_printable(const char *s)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';) {
		size_t n = core_str_unsafe(p);
		if (n == 0) {
			core_buf_putc(&b, (char)*p++);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			core_buf_printf(&b, "\\x%02x", p[i]);
		p += n;
	}
	return core_buf_take(&b);
}

uint64_t core_str_hash_fast(uint64_t h, const char *s)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	size_t n = s != NULL ? strlen(s) : 0;
	h = (h ^ n) * k;
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * k;
		h ^= h >> 31;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * k;
	return h ^ (h >> 31);
}

uint64_t core_str_hash(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s != NULL ? s : ""); *p != '\0';
	     p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;
	h *= 0x100000001b3ULL;
	return h;
}

bool core_parse_number(const char *s, long long min, long long max, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool core_parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno != 0 || s[0] == '-')
		return false;
	unsigned shift = 0;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift != 0)
		end++;
	if (*end != '\0' || v == 0 || v > (SIZE_MAX >> shift))
		return false;
	*out = (size_t)v << shift;
	return true;
}

char *core_str_host(const char *url)
{
	const char *p = url != NULL ? strstr(url, "://") : NULL;
	if (p == NULL)
		return NULL;
	p += 3;
	size_t n = strcspn(p, "/?#");
	const char *at = memchr(p, '@', n);
	if (at != NULL) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	size_t h = p[0] == '[' ? strcspn(p, "]") + (p[strcspn(p, "]")] == ']') : strcspn(p, ":/?#");
	if (h > n)
		h = n;
	if (h == 0)
		return NULL;
	char *host = xmalloc(h + 1);
	memcpy(host, p, h);
	host[h] = '\0';
	return host;
}

/* Edits from a to b (optimal string alignment, case ignored), stopping past limit. */
static size_t core_str_edits(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost =
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1])
				? 0
				: 1;
			size_t v = d[i - 1][j] + 1;
			v = d[i][j - 1] + 1 < v ? d[i][j - 1] + 1 : v;
			v = d[i - 1][j - 1] + cost < v ? d[i - 1][j - 1] + cost : v;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

int core_str_nearest(const char *word, const char *const *names, size_t n)
{
	size_t len = strlen(word), limit = len / 3 < 2 ? len / 3 : 2;
	if (len >= 3 && limit == 0)
		limit = 1;
	int best = -1;
	size_t best_edits = limit + 1;
	for (size_t i = 0; i < n; i++) {
		size_t e = core_str_edits(word, names[i], limit);
		if (e < best_edits) {
			best_edits = e;
			best = (int)i;
		}
	}
	return best >= 0 && strcmp(word, names[best]) != 0 ? best : -1;
}

char *core_url_openable(const char *url)
{
	if (url == NULL)
		return NULL;
	size_t scheme = strncasecmp(url, "https://", 8) == 0  ? 8
			: strncasecmp(url, "http://", 7) == 0 ? 7
							      : 0;
	if (scheme == 0)
		return NULL;
	const char *host = url + scheme;
	size_t hlen = strcspn(host, "/?#");
	if (hlen == 0 || host[0] == '.' || host[0] == '-' || host[0] == '@' || host[0] == ':')
		return NULL;
	for (size_t i = 0; i < hlen; i++) { /* a host (user@host:port) has no blank or control */
		unsigned char c = (unsigned char)host[i];
		if (c <= 0x20 || c == 0x7f || c == '\\' || c == '"' || c == '<' || c == '>')
			return NULL;
	}
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, scheme == 8 ? "https://" : "http://");
	for (const unsigned char *p = (const unsigned char *)host; *p != '\0'; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p) != NULL)
			core_buf_printf(&b, "%%%02X", *p);
		else
			core_buf_putc(&b, (char)*p);
	}
	return core_buf_take(&b);
}
