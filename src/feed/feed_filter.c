/*
 * The filter between the decoded document and the XML parser: decoded
 * code points in, safe UTF-8 out (into in->dec).
 *
 * - Terminal escape sequences are dropped whole, as text_esc_step reads
 *   them (the same function text_clean uses, so what a feed's parse keeps
 *   is what its rendering keeps); markup ('<') ends a sequence, since a
 *   sequence lives in one piece of text. NUL and the other C0/C1 controls
 *   are dropped, and so are character references to them.
 * - References: the five XML ones and numeric ones go on as they are;
 *   entities the document declares in its DOCTYPE's internal subset are
 *   expanded, within FEED_ENTITY_BUDGET bytes a document (an entity bomb
 *   is refused); named HTML entities (&nbsp;) become numeric references;
 *   any other entity, and a bare '&' (a URL's "?a=1&b=2"), become literal
 *   text, as browsers read them. External entities are never loaded: the
 *   XML parser never sees a reference it would have to resolve.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_input.h"
#include "text.h"

/* Entities a DOCTYPE may declare, and the largest internal subset read. */
#define FEED_ENTITY_MAX  1024
#define FEED_DOCTYPE_MAX (64 * 1024)
/* References inside expansions inside expansions...: deeper is a loop. */
#define FEED_ENTITY_DEPTH 16

static void feed_filter_ref_flush(struct feed_input *in);

/*
 * One character of text: cp, written as bytes[0..n) when kept. literal:
 * it stood in the document as itself (a '<' then is markup), not as a
 * reference.
 */
static void feed_filter_char(struct feed_input *in, int32_t cp, const char *bytes, size_t n,
			     bool literal)
{
	if (literal && cp == '<')
		text_esc_end(&in->f.esc); /* markup: the text a sequence was in has ended */
	if (text_esc_step(&in->f.esc, cp, n))
		return;
	switch (text_markup_char(cp)) {
	case TEXT_MARKUP_KEEP:
		core_buf_append(&in->dec, bytes, n);
		break;
	case TEXT_MARKUP_SPACE:
		core_buf_putc(&in->dec, ' ');
		break;
	case TEXT_MARKUP_REPLACE: /* the parser would stop at it */
		if (literal)
			core_buf_puts(&in->dec, "\xef\xbf\xbd");
		break;
	case TEXT_MARKUP_DROP:
		break;
	}
}

/* Text that stood in the document as it is (ASCII only). */
static void feed_filter_chars(struct feed_input *in, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		feed_filter_char(in, (unsigned char)s[i], s + i, 1, true);
}

static const struct feed_entity *feed_filter_declared(const struct feed_input *in, const char *name)
{
	for (size_t i = 0; i < in->f.nentities; i++) {
		if (strcmp(in->f.entities[i].name, name) == 0)
			return &in->f.entities[i];
	}
	return NULL;
}

/* A declared entity's replacement text, read again through the filter. */
static void feed_filter_expand(struct feed_input *in, const struct feed_entity *e)
{
	struct feed_filter *f = &in->f;
	size_t len = strlen(e->value);
	if (f->depth >= FEED_ENTITY_DEPTH) {
		feed_input_fail(in, "refused: its entities refer to themselves");
		return;
	}
	f->expanded += len;
	if (f->expanded > FEED_ENTITY_BUDGET) {
		feed_input_fail(in, "refused: its entities expand to over 64 KiB");
		return;
	}
	f->depth++;
	for (size_t i = 0; i < len && !in->failed;) {
		int32_t cp;
		size_t n = text_utf8_decode(e->value + i, len - i, &cp);
		if (f->ent_len == 0 && cp == '"')
			feed_filter_char(in, cp, "&quot;", 6, false); /* safe in an attribute too */
		else if (f->ent_len == 0 && cp == '\'')
			feed_filter_char(in, cp, "&apos;", 6, false);
		else if (cp < 0)
			feed_filter_cp(in, 0xfffd, "\xef\xbf\xbd", 3);
		else
			feed_filter_cp(in, cp, e->value + i, n);
		i += n;
	}
	feed_filter_ref_flush(in); /* a '&' left open at the end of the value */
	f->depth--;
}

/* A complete reference "&name;" (name without '&' and ';'). */
static void feed_filter_entity(struct feed_input *in, const char *name)
{
	static const struct {
		const char *name;
		char c;
	} predefined[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
	char ref[48];
	int reflen = snprintf(ref, sizeof ref, "&%s;", name);
	for (size_t i = 0; i < CORE_NELEM(predefined); i++) {
		if (strcmp(name, predefined[i].name) == 0) {
			feed_filter_char(in, predefined[i].c, ref, (size_t)reflen, false);
			return;
		}
	}
	const struct feed_entity *e = name[0] != '#' ? feed_filter_declared(in, name) : NULL;
	if (e != NULL) {
		feed_filter_expand(in, e);
		return;
	}
	long v = feed_ref_value(name);
	if (v < 0) { /* no entity we know: literal text */
		feed_filter_char(in, '&', "&amp;", 5, false);
		feed_filter_chars(in, ref + 1, (size_t)reflen - 1);
		return;
	}
	if (v > 0x10ffff)
		return; /* no character; the others XML forbids feed_filter_char drops */
	reflen = snprintf(ref, sizeof ref, "&#%ld;", v);
	feed_filter_char(in, (int32_t)v, ref, (size_t)reflen, false);
}

/* Whether c may stand at position pos of a reference being read ("&" is 0). */
static bool feed_filter_ref_char(int32_t c, size_t pos)
{
	if (c == '#')
		return pos == 1;
	return c >= 0 && c < 0x80 &&
	       (isalnum((int)c) || c == '_' || c == '-' || c == '.' || c == ':');
}

/* What was gathered turns out to be no reference: a literal '&' and text. */
static void feed_filter_ref_flush(struct feed_input *in)
{
	struct feed_filter *f = &in->f;
	if (f->ent_len == 0)
		return;
	char held[sizeof f->ent];
	size_t len = f->ent_len;
	memcpy(held, f->ent, len);
	f->ent_len = 0;
	feed_filter_char(in, '&', "&amp;", 5, false);
	feed_filter_chars(in, held + 1, len - 1);
}

/* Gathers "&name;" and "&#123;"; returns false when cp is not part of one. */
static bool feed_filter_ref(struct feed_input *in, int32_t cp)
{
	struct feed_filter *f = &in->f;
	if (f->ent_len == 0) {
		if (cp != '&')
			return false;
		f->ent[f->ent_len++] = '&';
		return true;
	}
	if (cp == ';' && f->ent_len > 1) {
		char name[sizeof f->ent];
		memcpy(name, f->ent + 1, f->ent_len - 1);
		name[f->ent_len - 1] = '\0';
		f->ent_len = 0;
		feed_filter_entity(in, name);
		return true;
	}
	if (cp != ';' && feed_filter_ref_char(cp, f->ent_len) && f->ent_len < sizeof f->ent - 2) {
		f->ent[f->ent_len++] = (char)cp;
		return true;
	}
	feed_filter_ref_flush(in);
	if (cp == '&') { /* this may start the next one */
		f->ent[f->ent_len++] = '&';
		return true;
	}
	return false;
}

/* ---- the DOCTYPE's internal subset ---- */

static const char *feed_filter_skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Reads the <!ENTITY name "value"> declarations of a complete DOCTYPE. */
static void feed_filter_doctype(struct feed_input *in)
{
	struct feed_filter *f = &in->f;
	const char *s = core_buf_str(&f->doctype), *end = s + f->doctype.len;
	for (const char *p = s; p < end && f->nentities < FEED_ENTITY_MAX;) {
		if (strncmp(p, "<!--", 4) == 0) {
			const char *close = strstr(p + 4, "-->");
			p = close != NULL ? close + 3 : end;
			continue;
		}
		if (*p == '"' || *p == '\'') { /* a literal outside a declaration we read */
			const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
			p = close != NULL ? close + 1 : end;
			continue;
		}
		if (strncmp(p, "<!ENTITY", 8) != 0) {
			p++;
			continue;
		}
		p = feed_filter_skip_space(p + 8, end);
		if (p < end && *p == '%') { /* a parameter entity: the DTD's own business */
			p++;
			continue;
		}
		const char *name = p;
		while (p < end && feed_filter_ref_char((unsigned char)*p, 2))
			p++;
		size_t name_len = (size_t)(p - name);
		p = feed_filter_skip_space(p, end);
		if (name_len == 0 || name_len >= sizeof f->ent - 2 || p >= end ||
		    (*p != '"' && *p != '\''))
			continue; /* SYSTEM or PUBLIC: external, never loaded */
		const char *value = p + 1;
		const char *close = memchr(value, *p, (size_t)(end - value));
		if (close == NULL)
			break;
		p = close + 1;
		char *n = xstrndup(name, name_len);
		if (feed_filter_declared(in, n) != NULL) { /* the first declaration binds */
			free(n);
			continue;
		}
		f->entities = xreallocarray(f->entities, f->nentities + 1, sizeof *f->entities);
		f->entities[f->nentities++] =
		    (struct feed_entity){n, xstrndup(value, (size_t)(close - value))};
	}
	core_buf_free(&f->doctype);
}

/* Before the root element: finds the DOCTYPE and keeps it whole (as it stood). */
static void feed_filter_prolog(struct feed_input *in, int32_t cp, const char *bytes, size_t n)
{
	struct feed_filter *f = &in->f;
	if (f->in_doctype) {
		if (f->doctype.len + n <= FEED_DOCTYPE_MAX)
			core_buf_append(&f->doctype, bytes, n);
		if (f->dt_quote != 0) {
			if (cp == f->dt_quote)
				f->dt_quote = 0;
		} else if (f->dt_comment) {
			f->dt_comment =
			    !(cp == '>' && f->doctype.len >= 3 &&
			      memcmp(f->doctype.data + f->doctype.len - 3, "-->", 3) == 0);
		} else if (cp == '-' && f->doctype.len >= 4 &&
			   memcmp(f->doctype.data + f->doctype.len - 4, "<!--", 4) == 0) {
			f->dt_comment = true;
		} else if (cp == '"' || cp == '\'') {
			f->dt_quote = cp;
		} else if (cp == '[') {
			f->dt_depth++;
		} else if (cp == ']') {
			f->dt_depth--;
		} else if (cp == '>' && f->dt_depth <= 0) {
			f->in_doctype = false;
			feed_filter_doctype(in);
		}
		return;
	}
	static const char keyword[] = "<!DOCTYPE";
	if (cp == (unsigned char)keyword[f->dt_match]) {
		if (++f->dt_match == sizeof keyword - 1) {
			f->in_doctype = true;
			f->dt_match = 0;
			core_buf_init(&f->doctype, 0);
			core_buf_puts(&f->doctype, keyword);
		}
	} else {
		f->dt_match = cp == '<' ? 1 : 0;
	}
	/* "<" and a name: the root element, and the end of the prolog */
	if (f->prev_lt && cp != '!' && cp != '?')
		f->prolog = false;
	f->prev_lt = cp == '<';
}

/* ---- the interface ---- */

void feed_filter_cp(struct feed_input *in, int32_t cp, const char *bytes, size_t n)
{
	struct feed_filter *f = &in->f;
	if (f->prolog && !f->started && cp == '{') { /* JSON: no references, no DOCTYPE */
		f->json = true;
		f->prolog = false;
	}
	if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r')
		f->started = true;
	if (f->prolog)
		feed_filter_prolog(in, cp, bytes, n);
	if (!f->json && feed_filter_ref(in, cp))
		return;
	feed_filter_char(in, cp, bytes, n, true);
}

void feed_filter_byte(struct feed_input *in, unsigned char c)
{
	char b = (char)c;
	feed_filter_cp(in, c, &b, 1);
}

bool feed_filter_idle(const struct feed_input *in)
{
	return !in->f.prolog && in->f.ent_len == 0 && !text_esc_active(&in->f.esc);
}

void feed_filter_finish(struct feed_input *in)
{
	feed_filter_ref_flush(in);
}

void feed_filter_init(struct feed_input *in)
{
	memset(&in->f, 0, sizeof in->f);
	in->f.prolog = true;
}

void feed_filter_free(struct feed_input *in)
{
	struct feed_filter *f = &in->f;
	for (size_t i = 0; i < f->nentities; i++) {
		free(f->entities[i].name);
		free(f->entities[i].value);
	}
	free(f->entities);
	if (f->in_doctype)
		core_buf_free(&f->doctype);
	memset(f, 0, sizeof *f);
}
