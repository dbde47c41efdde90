/*
 * Grapheme clusters, their widths and what is drawn for them. Widths come
 * from utf8proc (East Asian wide and emoji: 2, combining marks: 0), which
 * agrees with glibc's wcwidth, and so with ncursesw and terminals, for each
 * code point that is drawn. Sequences whose width terminals disagree on
 * (ZWJ emoji, skin-tone modifiers) are drawn as their first emoji.
 */
#include <string.h>

#include <utf8proc.h>

#include "core.h"
#include "text.h"

#define TEXT_ZWJ           0x200d
#define TEXT_DOTTED_CIRCLE 0x25cc

static bool text_is_mark(utf8proc_category_t cat)
{
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	       cat == UTF8PROC_CATEGORY_ME;
}

static bool text_is_regional(int32_t cp)
{
	return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

static bool text_is_emoji_modifier(int32_t cp)
{
	return cp >= 0x1f3fb && cp <= 0x1f3ff;
}

/* Space a line may break at: not the no-break ones. */
static bool text_is_break_space(int32_t cp, utf8proc_category_t cat)
{
	return cp == ' ' || cp == '\t' ||
	       (cat == UTF8PROC_CATEGORY_ZS && cp != 0xa0 && cp != 0x2007 && cp != 0x202f);
}

/*
 * Cells of one code point as terminals count them (glibc's wcwidth):
 * utf8proc's width, except that spacing marks (Mc, as in Devanagari and
 * Thai vowel signs) take a cell.
 */
static int text_cp_width(int32_t cp, utf8proc_category_t cat)
{
	int w = utf8proc_charwidth(cp);
	if (w == 0 && cat == UTF8PROC_CATEGORY_MC)
		w = 1;
	return w;
}

static void text_show_cp(struct text_cluster *c, size_t *used, int32_t cp)
{
	char enc[4];
	size_t n = text_utf8_encode(cp, enc);
	if (*used + n < sizeof c->show) {
		memcpy(c->show + *used, enc, n);
		*used += n;
	}
}

void text_cluster_next(const char *s, size_t len, int col, struct text_cluster *c)
{
	const unsigned char *u = (const unsigned char *)s;
	c->newline = false;
	c->space = false;

	/* Printable ASCII not followed by a combining mark: the common case. */
	if (u[0] >= 0x20 && u[0] < 0x7f && (len == 1 || u[1] < 0x80)) {
		c->len = 1;
		c->width = 1;
		c->show[0] = s[0];
		c->show[1] = '\0';
		c->space = u[0] == ' ';
		return;
	}
	if (u[0] == '\n') {
		c->len = 1;
		c->width = 0;
		c->show[0] = '\0';
		c->newline = true;
		return;
	}
	if (u[0] == '\t') {
		c->len = 1;
		c->width = TEXT_TAB_WIDTH - col % TEXT_TAB_WIDTH;
		memset(c->show, ' ', (size_t)c->width);
		c->show[c->width] = '\0';
		c->space = true;
		return;
	}

	/* Collect the cluster's code points (invalid bytes stand alone). */
	int32_t cps[TEXT_MAX_MARKS + 4];
	size_t ncp = 0, pos = 0;
	int32_t first;
	pos = text_utf8_decode(s, len, &first);
	cps[ncp++] = first;
	if (first >= 0) {
		utf8proc_int32_t state = 0, prev = first;
		while (pos < len) {
			int32_t next;
			size_t n = text_utf8_decode(s + pos, len - pos, &next);
			if (next < 0 || utf8proc_grapheme_break_stateful(prev, next, &state))
				break;
			if (ncp < CORE_NELEM(cps))
				cps[ncp++] = next;
			prev = next;
			pos += n;
		}
	}
	c->len = pos;

	utf8proc_category_t cat0 = first >= 0 ? utf8proc_category(first) : UTF8PROC_CATEGORY_CN;
	if (first < 0 || cat0 == UTF8PROC_CATEGORY_CC || cat0 == UTF8PROC_CATEGORY_CN ||
	    cat0 == UTF8PROC_CATEGORY_CS) {
		memcpy(c->show, "\xef\xbf\xbd", 4); /* U+FFFD */
		c->width = 1;
		return;
	}
	c->space = text_is_break_space(first, cat0);

	size_t used = 0;
	int width = 0;
	if (text_is_regional(first) && ncp == 2 && text_is_regional(cps[1])) {
		text_show_cp(c, &used, first);
		text_show_cp(c, &used, cps[1]);
		c->show[used] = '\0';
		c->width = 2;
		return;
	}
	for (size_t i = 0; i < ncp; i++) {
		int32_t cp = cps[i];
		if (cp == TEXT_ZWJ && i > 0)
			break; /* what follows is joined emoji: show the first only */
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_CF || text_is_emoji_modifier(cp))
			continue;
		/* A mark with no base is shown on a dotted circle, where it would join one
		   (not the few spacing marks that stand alone, such as U+102C): what is
		   shown must measure the same again. */
		if (used == 0 && text_is_mark(cat) &&
		    !utf8proc_grapheme_break(TEXT_DOTTED_CIRCLE, cp)) {
			text_show_cp(c, &used, TEXT_DOTTED_CIRCLE);
			width += 1;
		}
		text_show_cp(c, &used, cp);
		width += text_cp_width(cp, cat);
	}
	c->show[used] = '\0';
	if (width == 0)
		c->show[0] = '\0';
	c->width = width;
}

size_t text_cluster_start(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	size_t at = i;
	while (at > 0 && s[at] != ' ' && s[at] != '\n')
		at--; /* a blank starts a cluster: read from there */
	while (at < i) {
		struct text_cluster c;
		text_cluster_next(s + at, len - at, 0, &c);
		if (at + c.len > i)
			break;
		at += c.len;
	}
	return at;
}

int text_width(const char *s, size_t len)
{
	struct text_cluster c;
	int col = 0;
	for (size_t i = 0; i < len; i += c.len) {
		text_cluster_next(s + i, len - i, col, &c);
		col += c.width;
	}
	return col;
}

int text_width_str(const char *s)
{
	return text_width(s, strlen(s));
}
