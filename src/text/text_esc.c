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
