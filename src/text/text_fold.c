/*
 * Search keys and the ASCII fallback. Both work one code point at a time
 * with utf8proc's decomposition, which keeps the mapping from each output
 * byte back to the source simple and allocates nothing per character.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core.h"
#include "text.h"

/* Hangul syllables decompose into jamo, which are not marks: keep them whole. */
static bool text_is_hangul(int32_t cp)
{
	return cp >= 0xac00 && cp <= 0xd7a3;
}

/*
 * Writes the folded form of cp into dst (room for n code points); returns
 * how many were written.
 */
static size_t text_fold_cp(int32_t cp, utf8proc_int32_t *dst, size_t n, bool casefold)
{
	if (cp < 0x80) {
		dst[0] = casefold && cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
		return 1;
	}
	if (cp == 0x0110 || cp == 0x0111) { /* Đ đ: a letter of its own, no decomposition */
		dst[0] = casefold || cp == 0x0111 ? 'd' : 'D';
		return 1;
	}
	if (text_is_hangul(cp)) {
		dst[0] = cp;
		return 1;
	}
	utf8proc_option_t opt = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;
	if (casefold)
		opt |= UTF8PROC_CASEFOLD;
	int last = 0;
	utf8proc_ssize_t r = utf8proc_decompose_char(cp, dst, (utf8proc_ssize_t)n, opt, &last);
	if (r < 0 || (size_t)r > n) { /* cannot happen for valid code points */
		dst[0] = cp;
		return 1;
	}
	for (utf8proc_ssize_t i = 0; i < r; i++) {
		if (dst[i] == 0x0110 || dst[i] == 0x0111)
			dst[i] = casefold || dst[i] == 0x0111 ? 'd' : 'D';
	}
	return (size_t)r;
}

/*
 * The folded form of U+00C0..U+024F and U+1E00..U+1EFF when it is one
 * ASCII letter (every Vietnamese letter), else 0: worked out once with
 * utf8proc, then a table lookup.
 */
static unsigned char text_fold_latin[0x190 + 0x100];
static pthread_once_t text_fold_once = PTHREAD_ONCE_INIT;

static void text_fold_latin_init(void)
{
	for (int32_t i = 0; i < 0x190 + 0x100; i++) {
		int32_t cp = i < 0x190 ? 0xc0 + i : 0x1e00 + (i - 0x190);
		utf8proc_int32_t out[8];
		size_t k = text_fold_cp(cp, out, CORE_NELEM(out), true);
		text_fold_latin[i] = k == 1 && out[0] < 0x80 ? (unsigned char)out[0] : 0;
	}
}

/* The one ASCII letter the character at s folds to (its length in *n), or 0. */
static inline char text_fold_fast(const char *str, size_t len, size_t *n)
{
	const unsigned char *s = (const unsigned char *)str;
	int32_t cp;
	if (len >= 2 && s[0] >= 0xc3 && s[0] <= 0xc9 && (s[1] & 0xc0) == 0x80) {
		cp = ((s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		*n = 2;
		return cp >= 0xc0 && cp < 0x250 ? (char)text_fold_latin[cp - 0xc0] : 0;
	}
	if (len >= 3 && s[0] == 0xe1 && s[1] >= 0xb8 && s[1] <= 0xbb && (s[2] & 0xc0) == 0x80) {
		cp = ((s[1] & 0x3f) << 6) | (s[2] & 0x3f); /* the low 12 bits: 0xe00..0xeff */
		*n = 3;
		return (char)text_fold_latin[0x190 + (cp - 0xe00)];
	}
	return 0;
}

char *text_fold(const char *s, size_t len, size_t **map)
{
	pthread_once(&text_fold_once, text_fold_latin_init);
	struct core_buf out;
	core_buf_init(&out, 0);
	size_t *m = NULL, mcap = 0;
	utf8proc_int32_t buf[32];

	core_buf_reserve(&out, len + 16);
	for (size_t i = 0; i < len;) {
		if (map == NULL) {
			/* Without a map: runs of ASCII and table letters straight into the
			   buffer, which they never make longer than the text they come from. */
			core_buf_reserve(&out, len - i);
			char *o = out.data + out.len;
			size_t w = 0;
			const unsigned char *u = (const unsigned char *)s;
			while (i < len) {
				unsigned char c = u[i];
				if (c - 1u < 0x7fu) {
					o[w++] = (char)(c - (unsigned)'A' < 26u ? c + 32u : c);
					i++;
					continue;
				}
				size_t fn;
				char f = text_fold_fast(s + i, len - i, &fn);
				if (f == 0)
					break;
				o[w++] = f;
				i += fn;
			}
			out.len += w;
			out.data[out.len] = '\0';
			if (i >= len)
				break;
		}
		size_t start = out.len, n = 1;
		/* Fast paths: ASCII only needs lower case; a precomposed Latin letter, the table.
		 */
		char fast = 0;
		if ((unsigned char)s[i] < 0x80 && s[i] != '\0') {
			fast = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
			n = 1;
		} else {
			fast = text_fold_fast(s + i, len - i, &n);
		}
		if (fast != 0) {
			core_buf_putc(&out, fast);
		} else {
			int32_t cp;
			n = text_utf8_decode(s + i, len - i, &cp);
			if (cp <= 0)
				cp = 0xfffd;
			size_t k = text_fold_cp(cp, buf, CORE_NELEM(buf), true);
			for (size_t j = 0; j < k; j++) {
				char enc[4];
				core_buf_append(&out, enc, text_utf8_encode(buf[j], enc));
			}
		}
		if (map != NULL) {
			if (out.len + 1 > mcap) {
				mcap = (out.len + 1) * 2;
				m = xreallocarray(m, mcap, sizeof *m);
			}
			for (size_t j = start; j < out.len; j++)
				m[j] = i;
		}
		i += n;
	}
	if (map != NULL) {
		if (m == NULL)
			m = xmalloc(sizeof *m);
		m[out.len] = len;
		*map = m;
	}
	return core_buf_take(&out);
}

/* ASCII look-alikes of common punctuation, each one cell like the original. */
static const struct {
	int32_t cp;
	char ascii;
} text_ascii_punct[] = {
    {0x00a0, ' '},  {0x00ab, '"'}, {0x00bb, '"'}, {0x00b7, '.'}, {0x2010, '-'},  {0x2011, '-'},
    {0x2012, '-'},  {0x2013, '-'}, {0x2014, '-'}, {0x2015, '-'}, {0x2018, '\''}, {0x2019, '\''},
    {0x201a, ','},  {0x201c, '"'}, {0x201d, '"'}, {0x201e, '"'}, {0x2022, '*'},  {0x2026, '.'},
    {0x2032, '\''}, {0x2033, '"'}, {0x2039, '<'}, {0x203a, '>'}, {0x2212, '-'},  {0x00d7, 'x'},
    {0xfffd, '?'},  {0x25e6, 'o'}, {0x25aa, '-'}, /* the list markers of nested lists */
};

/* The ASCII form of one shown cluster of the given width, into out. */
static void text_ascii_cluster(const char *show, int width, struct core_buf *out)
{
	size_t len = strlen(show);
	int32_t cp;
	text_utf8_decode(show, len, &cp);
	if (width == 1) {
		if (cp >= 0x20 && cp < 0x7f) {
			core_buf_putc(out, (char)cp);
			return;
		}
		for (size_t i = 0; i < CORE_NELEM(text_ascii_punct); i++) {
			if (text_ascii_punct[i].cp == cp) {
				core_buf_putc(out, text_ascii_punct[i].ascii);
				return;
			}
		}
		utf8proc_int32_t buf[8];
		size_t k = text_fold_cp(cp, buf, CORE_NELEM(buf), false);
		/* A letter whose marks come off leaves one ASCII letter: "ặ" → "a". */
		if (k == 1 && buf[0] < 0x80 && buf[0] >= 0x20) {
			core_buf_putc(out, (char)buf[0]);
			return;
		}
	}
	for (int i = 0; i < width; i++)
		core_buf_putc(out, '?');
}

char *text_ascii(const char *s, size_t len)
{
	struct core_buf out;
	core_buf_init(&out, 0);
	struct text_cluster c;
	int col = 0;
	for (size_t i = 0; i < len; i += c.len) {
		text_cluster_next(s + i, len - i, col, &c);
		if (c.newline)
			core_buf_putc(&out, '\n');
		else if (s[i] == '\t')
			core_buf_putc(&out, '\t');
		else if (c.space)
			for (int k = 0; k < c.width; k++)
				core_buf_putc(&out, ' ');
		else if (c.width > 0)
			text_ascii_cluster(c.show, c.width, &out);
		col += c.width;
	}
	return core_buf_take(&out);
}

bool text_starts_upper(const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return false;
	int32_t cp;
	text_utf8_decode(s, len, &cp);
	return cp >= 0 && utf8proc_isupper(cp);
}

/* Whether cp is part of a word as SQLite's unicode61 tokenizer sees it. */
static bool text_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return true;
	default:
		return false;
	}
}

bool text_word_next(const char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
	size_t i = *pos;
	bool in = false;
	while (i < len) {
		int32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		bool w = cp > 0 && text_word_cp(cp);
		if (w && !in) {
			*start = i;
			in = true;
		} else if (!w && in) {
			*end = i;
			*pos = i;
			return true;
		}
		i += n;
	}
	*pos = len;
	if (in)
		*end = len;
	return in;
}
