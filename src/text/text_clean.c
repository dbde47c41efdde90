/*
 * Cleaning untrusted text (feed titles, authors, bodies) into valid NFC
 * UTF-8 that is safe to show: see text.h. One pass decodes and filters
 * into a buffer; NFC and the cap on combining marks run afterwards only
 * when the text holds a character that NFC could change.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core.h"
#include "text.h"

/* Characters NFC leaves alone whatever surrounds them: Vietnamese needs no more. */
static bool text_nfc_stable(int32_t cp)
{
	return cp < 0x300 || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0x2010 && cp <= 0x2027) ||
	       (cp >= 0x202f && cp <= 0x205e) || (cp >= 0x20a0 && cp <= 0x20c0) ||
	       (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3) || cp == 0xfffd ||
	       (cp >= 0x1f300 && cp <= 0x1faff);
}

/*
 * The length of the UTF-8 sequence at s when it is a character that needs
 * no cleaning and is NFC-stable: U+00A1 to U+02FF or U+1E00 to U+1EFF
 * (every Vietnamese letter), or the punctuation of U+2010 to U+2027 and
 * U+2030 to U+205E (dashes, quotation marks, the ellipsis); 0 otherwise.
 */
static inline size_t text_plain_latin(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n >= 2 && s[0] >= 0xc2 && s[0] <= 0xcb && (s[1] & 0xc0) == 0x80 &&
	    !(s[0] == 0xc2 && s[1] <= 0xa0)) /* C1 controls and the no-break space */
		return 2;
	if (n >= 3 && s[0] == 0xe1 &&
	    (s[1] == 0xb8 || s[1] == 0xb9 || s[1] == 0xba || s[1] == 0xbb) && (s[2] & 0xc0) == 0x80)
		return 3;
	if (n >= 3 && s[0] == 0xe2 &&
	    ((s[1] == 0x80 && ((s[2] >= 0x90 && s[2] <= 0xa7) || (s[2] >= 0xb0 && s[2] <= 0xbf))) ||
	     (s[1] == 0x81 && s[2] >= 0x80 && s[2] <= 0x9e)))
		return 3;
	return 0;
}

bool text_is_clean(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = u[i];
		if (c - 0x20u <= 0x5eu || c == '\n' || c == '\t') {
			i++;
		} else {
			size_t n = c >= 0xc2 ? text_plain_latin(s + i, len - i) : 0;
			if (n == 0)
				return false;
			i += n;
		}
	}
	return true;
}

/* Bidi controls (which Vietnamese never needs and which only reorder what a terminal shows)
   and the byte order mark: removed everywhere. */
bool text_is_dropped_format(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c || cp == 0xfeff;
}

/* White space that a one-line field collapses to a single space. */
static bool text_is_space(int32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Drops combining marks beyond TEXT_MAX_MARKS in a row; s is valid UTF-8. */
static char *text_cap_marks(char *s)
{
	size_t len = strlen(s), w = 0, marks = 0;
	for (size_t r = 0; r < len;) {
		int32_t cp;
		size_t n = text_utf8_decode(s + r, len - r, &cp);
		utf8proc_category_t cat = utf8proc_category(cp);
		bool mark = cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME;
		marks = mark ? marks + 1 : 0;
		if (marks <= TEXT_MAX_MARKS) {
			memmove(s + w, s + r, n);
			w += n;
		}
		r += n;
	}
	s[w] = '\0';
	return s;
}

/* NFC of valid UTF-8 (no NULs), owned; s is freed. */
static char *text_nfc_valid(char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) /* cannot happen for valid input; keep the text as it is */
		return s;
	free(s);
	char *r = xstrndup((const char *)out, (size_t)n);
	free(out);
	return r;
}

char *text_clean(const char *s, size_t len, enum text_clean_mode mode)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_reserve(&b, len + 16);
	bool line = mode == TEXT_CLEAN_LINE;
	bool pending_space = false; /* LINE: a space is due before the next character */
	bool stable = true;         /* every character is NFC-stable */
	struct text_esc esc = {0};  /* escape sequences: text_esc.c decides */
	size_t i = 0;

	const unsigned char *u = (const unsigned char *)s;
	/* Kept as they are: printable ASCII from lo; outside LINE, tabs and newlines too. */
	unsigned lo = line ? 0x21u : 0x20u;
	while (i < len) {
		/*
		 * Fast path: a run of printable ASCII and precomposed Vietnamese or
		 * other Latin letters is kept as it is, in one copy (not inside an
		 * escape sequence, whose parameters are printable ASCII).
		 */
		size_t run = i;
		for (; !text_esc_active(&esc);) {
			if (run < len && (u[run] - lo <= 0x7eu - lo ||
					  (!line && (u[run] == '\n' || u[run] == '\t')))) {
				run++;
				continue;
			}
			size_t latin =
			    run < len && u[run] >= 0xc2 ? text_plain_latin(s + run, len - run) : 0;
			if (latin == 0)
				break;
			run += latin;
		}
		if (run > i) {
			if (pending_space) {
				core_buf_putc(&b, ' ');
				pending_space = false;
			}
			core_buf_append(&b, s + i, run - i);
			i = run;
			continue;
		}
		int32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		i += n;
		if (text_esc_step(&esc, cp, n))
			continue;
		if (cp < 0)
			cp = 0xfffd;
		if (line && text_is_space(cp)) {
			pending_space = b.len != 0;
			continue;
		}
		if (!line) {
			if (cp == '\r') {
				if (i < len && s[i] == '\n')
					i++;
				cp = '\n';
			} else if (cp == 0x0b || cp == 0x0c || cp == 0x85 || cp == 0x2028 ||
				   cp == 0x2029) {
				cp = '\n';
			}
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f))
			continue; /* other controls: nothing to show */
		if (text_is_dropped_format(cp))
			continue;
		if (cp == 0xfffe || cp == 0xffff)
			cp = 0xfffd;
		if (pending_space) {
			core_buf_putc(&b, ' ');
			pending_space = false;
		}
		if (!text_nfc_stable(cp))
			stable = false;
		char enc[4];
		core_buf_append(&b, enc, text_utf8_encode(cp, enc));
	}
	size_t outlen = b.len;
	char *out = core_buf_take(&b);
	if (stable)
		return out;
	return text_cap_marks(text_nfc_valid(out, outlen));
}

char *text_nfc(const char *s, size_t len)
{
	char *fixed = text_utf8_fix(s, len);
	size_t n = strlen(fixed);
	bool stable = true;
	for (size_t i = 0; i < n && stable;) {
		int32_t cp;
		i += text_utf8_decode(fixed + i, n - i, &cp);
		stable = text_nfc_stable(cp);
	}
	return stable ? fixed : text_nfc_valid(fixed, n);
}
