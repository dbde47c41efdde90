/*
 * Terminal escape sequences in untrusted text: the one place in bantin
 * that decides where a sequence starts and ends. text_clean runs it over
 * a string; the feed input filter over a document as it streams, ending a
 * sequence at markup. Both therefore agree on what is dropped and what is
 * text, character for character.
 *
 * What is recognised, as a terminal (ECMA-48) reads it:
 * - ESC followed by intermediates (0x20-0x2f) and a final byte (0x30-0x7e);
 * - CSI (ESC [ or C1 0x9b): parameters and intermediates (0x20-0x3f) up
 *   to a final byte (0x40-0x7e);
 * - the strings OSC, DCS, SOS, PM and APC (ESC ] P X ^ _, or C1 0x9d 0x90
 *   0x98 0x9e 0x9f): up to BEL, ST (ESC \ or C1 0x9c); an ESC inside a
 *   string cancels it and starts a new sequence.
 * A character that cannot continue a sequence ends it and is text. No
 * sequence runs past TEXT_ESC_MAX bytes or past the end of the text it is
 * in: what follows is text again.
 */
#include "core.h"
#include "text.h"

enum {
	TE_TEXT,
	TE_ESC,       /* after ESC */
	TE_ESC_INTER, /* ESC and intermediate bytes */
	TE_CSI,       /* parameters until a final byte */
	TE_STR,       /* a string, until BEL or ST */
	TE_STR_ESC,   /* ESC inside a string */
};

static bool text_esc_starts_string(int32_t cp)
{
	return cp == 0x9d || cp == 0x90 || cp == 0x98 || cp == 0x9e || cp == 0x9f;
}

bool text_esc_step(struct text_esc *e, int32_t cp, size_t n)
{
	if (e->state != TE_TEXT) {
		e->len += n;
		if (e->len > TEXT_ESC_MAX)
			e->state = TE_TEXT; /* too long to be one: it ended, cp is text */
	}
	switch (e->state) {
	case TE_ESC:
		if (cp == '[') {
			e->state = TE_CSI;
		} else if (cp == ']' || cp == 'P' || cp == 'X' || cp == '^' || cp == '_') {
			e->state = TE_STR;
		} else if (cp >= 0x20 && cp <= 0x2f) {
			e->state = TE_ESC_INTER;
		} else if (cp >= 0x30 && cp <= 0x7e) {
			e->state = TE_TEXT;
		} else {
			e->state = TE_TEXT;
			return text_esc_step(e, cp, n);
		}
		return true;
	case TE_ESC_INTER:
		if (cp >= 0x20 && cp <= 0x2f)
			return true;
		e->state = TE_TEXT;
		if (cp >= 0x30 && cp <= 0x7e)
			return true;
		return text_esc_step(e, cp, n);
	case TE_CSI:
		if (cp >= 0x20 && cp <= 0x3f)
			return true;
		e->state = TE_TEXT;
		if (cp >= 0x40 && cp <= 0x7e)
			return true;
		return text_esc_step(e, cp, n);
	case TE_STR:
		if (cp == 0x07 || cp == 0x9c)
			e->state = TE_TEXT;
		else if (cp == 0x1b)
			e->state = TE_STR_ESC;
		return true;
	case TE_STR_ESC:
		if (cp == '\\') {
			e->state = TE_TEXT;
			return true;
		}
		e->state = TE_ESC; /* the ESC starts a sequence of its own */
		return text_esc_step(e, cp, n);
	default:
		break;
	}
	e->len = 0;
	if (cp == 0x1b)
		e->state = TE_ESC;
	else if (cp == 0x9b)
		e->state = TE_CSI;
	else if (text_esc_starts_string(cp))
		e->state = TE_STR;
	else
		return false;
	return true;
}

void text_esc_end(struct text_esc *e)
{
	e->state = TE_TEXT;
	e->len = 0;
}

bool text_esc_active(const struct text_esc *e)
{
	return e->state != TE_TEXT;
}

long text_ref_number(const char *s, size_t len, size_t *used)
{
	*used = 0;
	if (len < 2 || s[0] != '#')
		return -1;
	size_t i = 1;
	bool hex = s[i] == 'x' || s[i] == 'X';
	if (hex)
		i++;
	long v = 0;
	size_t start = i;
	for (; i < len; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'          ? c - '0'
			: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
			: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
						      : -1;
		if (d < 0)
			break;
		if (v <= 0x10ffff) /* past it, no character: it stays past it */
			v = v * (hex ? 16 : 10) + d;
	}
	if (i == start)
		return -1;
	*used = i;
	return v;
}

enum text_markup text_markup_char(int32_t cp)
{
	/* VT, FF and the line and paragraph separators separate words */
	if (cp == '\v' || cp == '\f' || cp == 0x2028 || cp == 0x2029)
		return TEXT_MARKUP_SPACE;
	if ((cp >= 0 && cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0x7f && cp <= 0x9f))
		return TEXT_MARKUP_DROP;
	if (text_is_dropped_format(cp)) /* gone before white space collapses around it */
		return TEXT_MARKUP_DROP;
	if (cp == 0xfffe || cp == 0xffff || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return TEXT_MARKUP_REPLACE;
	return TEXT_MARKUP_KEEP;
}

char *text_esc_strip_markup(const char *s, size_t len)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_reserve(&b, len + 1);
	struct text_esc e = {0};
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '&' && !text_esc_active(&e)) {
			size_t run = i + 1; /* plain ASCII: as it is */
			while (run < len && (unsigned char)s[run] >= 0x20 &&
			       (unsigned char)s[run] < 0x7f && s[run] != '&')
				run++;
			core_buf_append(&b, s + i, run - i);
			i = run;
			continue;
		}
		size_t n = 0;
		long ref = c == '&' ? text_ref_number(s + i + 1, len - i - 1, &n) : -1;
		if (ref >= 0) {
			/* A reference is the character it stands for, written as it was
			   (HTML allows the ';' to be left out); one to a non-character goes. */
			n++; /* the '&' */
			if (i + n < len && s[i + n] == ';')
				n++;
			enum text_markup m = text_markup_char(ref <= 0x10ffff ? (int32_t)ref : -1);
			if (ref > 0x10ffff)
				m = TEXT_MARKUP_DROP;
			if (!text_esc_step(&e, (int32_t)(ref <= 0x10ffff ? ref : 0xfffd), 1)) {
				if (m == TEXT_MARKUP_SPACE)
					core_buf_putc(&b, ' ');
				else if (m == TEXT_MARKUP_KEEP)
					core_buf_append(&b, s + i, n);
			}
			i += n;
			continue;
		}
		int32_t cp;
		n = text_utf8_decode(s + i, len - i, &cp);
		if (cp == '<')
			text_esc_end(&e); /* markup: the text a sequence was in has ended */
		if (cp < 0)
			cp = 0xfffd;
		if (!text_esc_step(&e, cp, n)) {
			switch (text_markup_char(cp)) {
			case TEXT_MARKUP_KEEP:
				core_buf_append(&b, s + i, n);
				break;
			case TEXT_MARKUP_SPACE:
				core_buf_putc(&b, ' ');
				break;
			case TEXT_MARKUP_REPLACE:
				core_buf_puts(&b, "\xef\xbf\xbd");
				break;
			case TEXT_MARKUP_DROP:
				break;
			}
		}
		i += n;
	}
	return core_buf_take(&b);
}
