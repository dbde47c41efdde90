/*
 * Which encoding a feed document is in, from its first 64 KiB, and an
 * iconv descriptor for it when it is not UTF-8.
 *
 * In this order: a byte order mark, the HTTP charset, the XML declaration
 * (or the XML spec's detection of UTF-16/32 without a BOM), else UTF-8;
 * then checked against the bytes, because servers and feeds misdeclare it:
 * - UTF-16 or UTF-32 declared on bytes that are plainly 8-bit is ignored;
 * - a single-byte encoding declared on bytes that are valid UTF-8 with
 *   non-ASCII characters is taken as UTF-8;
 * - undeclared bytes that are not UTF-8 and hold no valid multi-byte
 *   character are taken as windows-1252;
 * - ISO-8859-1 and US-ASCII are read as windows-1252, as browsers do.
 */
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "feed_input.h"
#include "text.h"

#define FEED_SNIFF 65536

bool feed_http_charset(const char *ctype, char *out, size_t outlen)
{
	if (ctype == NULL)
		return false;
	for (const char *p = ctype; (p = strchr(p, ';')) != NULL;) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (*p == ' ')
			p++;
		if (*p++ != '=')
			continue;
		while (*p == ' ')
			p++;
		char quote = (*p == '"' || *p == '\'') ? *p++ : 0;
		size_t n = 0;
		while (p[n] != '\0' && p[n] != quote && p[n] != ';' && p[n] != ' ' &&
		       n + 1 < outlen)
			n++;
		memcpy(out, p, n);
		out[n] = '\0';
		return n > 0;
	}
	return false;
}

/* The encoding="..." of an ASCII-compatible XML declaration, into out. */
static bool feed_xml_decl_charset(const char *s, size_t len, char *out, size_t outlen)
{
	if (len < 6 || memcmp(s, "<?xml", 5) != 0)
		return false;
	const char *end = memchr(s, '>', len < 1024 ? len : 1024);
	if (end == NULL)
		return false;
	for (const char *p = s; p + 8 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '='))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return false;
		char quote = *p++;
		size_t n = 0;
		while (p + n < end && p[n] != quote && n + 1 < outlen)
			n++;
		memcpy(out, p, n);
		out[n] = '\0';
		return n > 0;
	}
	return false;
}

/* How UTF-8-like the bytes are. */
struct feed_utf8_stats {
	size_t invalid;   /* invalid sequences */
	size_t multibyte; /* valid characters of two bytes or more */
};

static struct feed_utf8_stats feed_utf8_scan(const char *s, size_t len)
{
	struct feed_utf8_stats st = {0, 0};
	for (size_t i = 0; i < len;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		i += text_utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			st.invalid++;
		else
			st.multibyte++;
	}
	return st;
}

static bool feed_is_utf16_or_32(const char *name)
{
	return strncasecmp(name, "utf-16", 6) == 0 || strncasecmp(name, "utf16", 5) == 0 ||
	       strncasecmp(name, "utf-32", 6) == 0 || strncasecmp(name, "ucs-2", 5) == 0 ||
	       strncasecmp(name, "ucs-4", 5) == 0;
}

static bool feed_is_utf8(const char *name)
{
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

/* Labels that mean windows-1252 in practice (as in the WHATWG Encoding standard). */
static const char *feed_charset_alias(const char *name)
{
	static const char *const latin1[] = {"iso-8859-1", "iso8859-1", "latin1",     "l1",
					     "us-ascii",   "ascii",     "iso_8859-1", "cp819"};
	for (size_t i = 0; i < CORE_NELEM(latin1); i++) {
		if (strcasecmp(name, latin1[i]) == 0)
			return "WINDOWS-1252";
	}
	return name;
}

/* Chooses the encoding from the first bytes of the document (see the top). */
void feed_charset_sniff(struct feed_input *in, const char *content_type)
{
	while (!in->raw_eof && in->raw_len < FEED_SNIFF)
		feed_input_raw_fill(in);
	const unsigned char *u = in->raw;
	size_t len = in->raw_len;
	char name[64] = "";
	size_t skip = 0;
	bool declared = false;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		snprintf(name, sizeof name, "UTF-8");
		skip = 3;
	} else if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0) {
		snprintf(name, sizeof name, "UTF-32LE");
		skip = 4;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff) {
		snprintf(name, sizeof name, "UTF-32BE");
		skip = 4;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		snprintf(name, sizeof name, "UTF-16LE");
		skip = 2;
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		snprintf(name, sizeof name, "UTF-16BE");
		skip = 2;
	} else {
		declared = feed_http_charset(content_type, name, sizeof name);
		if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == 0 && u[3] == 0)
			snprintf(name, sizeof name, "UTF-32LE");
		else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] == '<')
			snprintf(name, sizeof name, "UTF-32BE");
		else if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0)
			snprintf(name, sizeof name, "UTF-16LE");
		else if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?')
			snprintf(name, sizeof name, "UTF-16BE");
		else if (!declared)
			declared = feed_xml_decl_charset((const char *)u, len, name, sizeof name);
		if (!declared && name[0] == '\0')
			snprintf(name, sizeof name, "UTF-8");
		/* 8-bit bytes declared as UTF-16/32 (no BOM, no zero bytes up front). */
		if (feed_is_utf16_or_32(name) && len >= 2 && u[0] != 0 && u[1] != 0)
			snprintf(name, sizeof name, "UTF-8");
	}
	in->raw_pos = skip;
	if (!feed_is_utf16_or_32(name)) {
		struct feed_utf8_stats st = feed_utf8_scan((const char *)u + skip, len - skip);
		if (!declared && feed_is_utf8(name) && st.invalid > 0 && st.multibyte == 0)
			snprintf(name, sizeof name, "WINDOWS-1252");
		else if (!feed_is_utf8(name) && st.invalid == 0 && st.multibyte > 0)
			snprintf(name, sizeof name, "UTF-8");
	}
	if (!feed_is_utf8(name)) {
		in->cd = iconv_open("UTF-8", feed_charset_alias(name));
		in->use_iconv = in->cd != (iconv_t)-1; /* unknown to iconv: read as UTF-8 */
	}
}
