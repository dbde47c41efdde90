/*
 * html_text.c: the plain text of article HTML in one pass over its bytes,
 * without building a tree: what a refresh indexes and search snippets
 * quote. Block-level elements end a line, inline ones add nothing, white
 * space collapses, entities are decoded, the elements html_to_doc drops
 * (scripts, styles, forms, media...) are skipped with what they hold, and
 * an image stands for its alt text. The result is cleaned by the text
 * module like every text the cache keeps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "core.h"
#include "html.h"
#include "html_internal.h"

struct html_text {
	struct core_buf out;
	bool space;          /* a collapsed space is due before the next word */
	int dropped;         /* depth inside dropped elements */
	bool clean;          /* escape sequences and controls dropped (html_text_raw: kept) */
	struct text_esc esc; /* escape sequences end at each tag (text_esc_end) */
};

static bool html_text_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool html_text_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Ends the line being written, if it holds anything. */
static void html_text_break(struct html_text *t)
{
	t->space = false;
	while (t->out.len > 0 && t->out.data[t->out.len - 1] == ' ')
		t->out.data[--t->out.len] = '\0'; /* a line ends with no space */
	if (t->out.len > 0 && t->out.data[t->out.len - 1] != '\n')
		core_buf_putc(&t->out, '\n');
}

/* Text that is kept: a collapsed space goes before it. */
static void html_text_emit(struct html_text *t, const char *s, size_t n)
{
	if (t->space) {
		/* not after a space a dropped character left ("a \x16 b") */
		if (t->out.len > 0 && t->out.data[t->out.len - 1] != '\n' &&
		    t->out.data[t->out.len - 1] != ' ')
			core_buf_putc(&t->out, ' ');
		t->space = false;
	}
	/* a space a dropped character left next to another collapses with it */
	if (n > 0 && s[0] == ' ' &&
	    (t->out.len == 0 || t->out.data[t->out.len - 1] == ' ' ||
	     t->out.data[t->out.len - 1] == '\n')) {
		s++;
		n--;
	}
	core_buf_append(&t->out, s, n);
}

/* Whether the character at s (n bytes left) is one text_markup_char does not keep as it is
   (a bidi control, a byte order mark, a line separator); only its lead byte is looked at
   first, as most of Vietnamese text's 0xe2 bytes are punctuation that stays. */
static bool html_text_special(const unsigned char *s, size_t n)
{
	if (s[0] != 0xe2 && s[0] != 0xd8 && s[0] != 0xef)
		return false;
	int32_t cp;
	text_utf8_decode((const char *)s, n, &cp);
	return text_markup_char(cp) != TEXT_MARKUP_KEEP;
}

/* Whether s[0..n) holds nothing the escape filter acts on: no control, no C1 lead byte, nothing
   text_markup_char drops or makes a blank. */
static bool html_text_plain(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, sizeof w);
		if ((core_bytes_below(w, 0x20) | core_bytes_eq(w, 0x7f) | core_bytes_eq(w, 0xc2)) !=
		    0)
			return false;
		if ((core_bytes_eq(w, 0xe2) | core_bytes_eq(w, 0xd8) | core_bytes_eq(w, 0xef)) !=
		    0) /* a closer look */
			for (size_t k = i; k < i + 8; k++)
				if (html_text_special((const unsigned char *)s + k, n - k))
					return false;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == 0xc2 ||
		    html_text_special((const unsigned char *)s + i, n - i))
			return false;
	}
	return true;
}

static void html_text_put(struct html_text *t, const char *s, size_t n)
{
	if (t->dropped > 0 || n == 0)
		return;
	if (!t->clean || (!text_esc_active(&t->esc) && html_text_plain(s, n))) {
		html_text_emit(t, s, n);
		return;
	}
	/* Escape sequences (text_esc decides, as for every text) and controls go. */
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t len = text_utf8_decode(s + i, n - i, &cp);
		enum text_markup m = text_markup_char(cp);
		if (!text_esc_step(&t->esc, cp, len) && m != TEXT_MARKUP_DROP) {
			if (m == TEXT_MARKUP_SPACE)
				t->space = true; /* as the feed filter makes it: a blank */
			else
				html_text_emit(t, s + i, len);
		}
		i += len;
	}
}

static void html_text_codepoint(struct html_text *t, uint32_t cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') {
		if (!(t->clean && text_esc_active(&t->esc) &&
		      text_esc_step(&t->esc, (int32_t)cp, 1)))
			t->space = true;
		return;
	}
	char u[4];
	html_text_put(t, u, text_utf8_encode((int32_t)cp, u));
}

/*
 * The entity at p (just after '&'), written out; returns the bytes it took,
 * or 0 when it is not one (the '&' is then text).
 */
static size_t html_text_entity(struct html_text *t, const char *p, const char *end)
{
	const char *q = p;
	if (q < end && *q == '#') {
		size_t used;
		long cp = text_ref_number(q, (size_t)(end - q), &used);
		if (cp < 0)
			return 0;
		q += used;
		if (q < end && *q == ';')
			q++;
		html_text_codepoint(t, (uint32_t)(cp <= 0x10ffff ? cp : 0x110000));
		return (size_t)(q - p);
	}
	char name[33];
	size_t n = 0;
	while (q < end && n < sizeof name - 1 &&
	       (html_text_alpha(*q) || (n > 0 && *q >= '0' && *q <= '9')))
		name[n++] = *q++;
	if (n == 0 || q >= end || *q != ';')
		return 0;
	name[n] = '\0';
	const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
	if (e == NULL)
		return 0;
	html_text_codepoint(t, e->value);
	return (size_t)(q + 1 - p);
}

/* The bytes that stop a run of text: '&', white space, and the space (which may not). */
enum { HTML_STOP_REF = 1, HTML_STOP_BLANK, HTML_STOP_SPACE };
static const unsigned char html_text_stop[256] = {
    ['&'] = HTML_STOP_REF,    ['\t'] = HTML_STOP_BLANK, ['\n'] = HTML_STOP_BLANK,
    ['\r'] = HTML_STOP_BLANK, ['\f'] = HTML_STOP_BLANK, ['\v'] = HTML_STOP_BLANK,
    [' '] = HTML_STOP_SPACE,
};

/*
 * Whether the 8 bytes at q (a 9th readable after them) go through a run as
 * they are, 8 at a time: no '&', no byte below 0x20, and every space a
 * single one between two words (not first in the run, not before a byte
 * that stops it).
 */
static inline bool html_text_plain8(const char *q, bool run_start)
{
	uint64_t w;
	memcpy(&w, q, sizeof w);
	if ((core_bytes_below(w, 0x20) | core_bytes_eq(w, '&')) != 0)
		return false;
	uint64_t sp = core_bytes_eq(w, ' ');
	if ((sp & (sp << 8)) != 0)
		return false; /* two spaces in a row */
	if (q[0] == ' ' && run_start)
		return false;
	return q[7] != ' ' || html_text_stop[(unsigned char)q[8]] == 0;
}

/* Text from p to end, entities decoded, white space collapsed. */
static void html_text_run(struct html_text *t, const char *p, const char *end)
{
	while (p < end) {
		/* A run copied as it is: up to an entity or white space that must collapse
		   (a single space between two words is already what it collapses to). */
		const char *q = p;
		while (q < end) {
			if (end - q > 8 && html_text_plain8(q, q == p)) {
				q += 8;
				continue;
			}
			unsigned char k = html_text_stop[(unsigned char)*q];
			if (k == 0) {
				q++;
			} else if (k == HTML_STOP_SPACE && q != p && q + 1 < end &&
				   html_text_stop[(unsigned char)q[1]] == 0) {
				q += 2; /* one space between two words */
			} else {
				break;
			}
		}
		html_text_put(t, p, (size_t)(q - p));
		if (q == end)
			break;
		if (*q == '&') {
			size_t used = html_text_entity(t, q + 1, end);
			if (used == 0)
				html_text_put(t, "&", 1);
			p = q + 1 + used;
			continue;
		}
		/* White space collapses, unless an escape sequence takes it (ESC and a space) */
		for (; q < end && html_text_isspace(*q); q++) {
			if (!(t->clean && text_esc_active(&t->esc) &&
			      text_esc_step(&t->esc, (unsigned char)*q, 1)))
				t->space = true;
		}
		p = q;
	}
}

/* Where the tag starting at p ('<' then a name) ends: past its '>', quotes respected. */
static const char *html_text_tag_end(const char *p, const char *end)
{
	char prev = 0;
	for (; p < end; p++) {
		if ((*p == '"' || *p == '\'') && prev == '=') {
			const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
			if (close == NULL)
				return end;
			p = close;
			prev = *p;
			continue;
		}
		if (*p == '>')
			return p + 1;
		if (!html_text_isspace(*p))
			prev = *p;
	}
	return end;
}

/* An image's alt text, from its attributes between p and end, as a line of its own. */
static void html_text_alt(struct html_text *t, const char *p, const char *end)
{
	while (p < end) {
		while (p < end && (html_text_isspace(*p) || *p == '/'))
			p++;
		const char *an = p;
		while (p < end && !html_text_isspace(*p) && *p != '=' && *p != '>' && *p != '/')
			p++;
		size_t alen = (size_t)(p - an);
		if (alen == 0)
			break;
		while (p < end && html_text_isspace(*p))
			p++;
		const char *v = NULL, *vend = NULL;
		if (p < end && *p == '=') {
			p++;
			while (p < end && html_text_isspace(*p))
				p++;
			if (p < end && (*p == '"' || *p == '\'')) {
				const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
				v = p + 1;
				vend = close != NULL ? close : end;
				p = close != NULL ? close + 1 : end;
			} else {
				v = p;
				while (p < end && !html_text_isspace(*p) && *p != '>')
					p++;
				vend = p;
			}
		}
		if (alen == 3 && strncasecmp(an, "alt", 3) == 0 && v != NULL) {
			html_text_break(t);
			html_text_run(t, v, vend);
			html_text_break(t);
			return;
		}
	}
}

/* Skips a raw-text element's content from p: returns where its end tag ends. */
static const char *html_text_skip_raw(const char *p, const char *end, const char *name, size_t len)
{
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (lt == NULL)
			return end;
		if (lt + 2 + len <= end && lt[1] == '/' && strncasecmp(lt + 2, name, len) == 0 &&
		    (lt + 2 + len == end || !html_text_alpha(lt[2 + len])))
			return html_text_tag_end(lt + 2 + len, end);
		p = lt + 1;
	}
	return end;
}

/* The text of html into t->out, not cleaned. */
static void html_text_extract(struct html_text *t, const char *html, size_t len)
{
	core_buf_init(&t->out, 0);
	core_buf_reserve(&t->out, len);
	const char *p = html, *end = html + len;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		const char *stop = lt != NULL ? lt : end;
		html_text_run(t, p, stop);
		text_esc_end(&t->esc); /* a tag ends the text a sequence was in */
		if (lt == NULL)
			break;
		p = lt + 1;
		if (p < end && *p == '!') {
			if (end - p >= 3 && p[1] == '-' && p[2] == '-') {
				const char *close = p + 3;
				while (close + 3 <= end && memcmp(close, "-->", 3) != 0)
					close++;
				p = close + 3 <= end ? close + 3 : end;
			} else {
				const char *gt = memchr(p, '>', (size_t)(end - p));
				p = gt != NULL ? gt + 1 : end;
			}
			continue;
		}
		if (p < end && *p == '?') {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			p = gt != NULL ? gt + 1 : end;
			continue;
		}
		bool closing = p < end && *p == '/';
		const char *name = closing ? p + 1 : p;
		if (name >= end || !html_text_alpha(*name)) {
			html_text_put(t, "<", 1); /* not a tag: a '<' in the text */
			continue;
		}
		const char *ne = name;
		while (ne < end && !html_text_isspace(*ne) && *ne != '/' && *ne != '>')
			ne++;
		size_t nlen = (size_t)(ne - name);
		const char *tag_end = html_text_tag_end(ne, end);
		bool self_closing = tag_end - ne >= 2 && tag_end[-1] == '>' && tag_end[-2] == '/';
		p = tag_end;
		enum html_kind kind = html_element_kind(name, nlen);
		if (kind == HTML_RAWTEXT && !closing) {
			if (!self_closing)
				p = html_text_skip_raw(p, end, name, nlen);
			html_text_break(t);
			continue;
		}
		if (kind == HTML_DROPPED) {
			if (closing && t->dropped > 0)
				t->dropped--;
			else if (!closing && !self_closing)
				t->dropped++;
			html_text_break(t);
			continue;
		}
		if (kind == HTML_BLOCK) {
			if (t->dropped == 0)
				html_text_break(t);
			continue;
		}
		if (!closing && t->dropped == 0 && nlen == 3 && strncasecmp(name, "img", 3) == 0)
			html_text_alt(t, ne,
				      tag_end > ne && tag_end[-1] == '>' ? tag_end - 1 : tag_end);
	}
	while (t->out.len > 0 &&
	       (t->out.data[t->out.len - 1] == '\n' || t->out.data[t->out.len - 1] == ' '))
		t->out.len--;
	if (t->out.data != NULL)
		t->out.data[t->out.len] = '\0';
}

char *html_text(const char *html, size_t len)
{
	struct html_text t = {.space = false, .dropped = 0, .clean = true};
	html_text_extract(&t, html, len);
	if (t.out.data == NULL)
		return xstrdup("");
	if (text_is_clean(t.out.data, t.out.len))
		return core_buf_take(&t.out); /* the common case: nothing to clean */
	char *clean = text_clean(t.out.data, t.out.len, TEXT_CLEAN_BLOCK);
	core_buf_free(&t.out);
	return clean;
}

char *html_text_line(const char *html, size_t len)
{
	char *s = html_text(html, len);
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	for (char *p = s; (p = strchr(p, '\n')) != NULL; p++)
		*p = ' ';
	return s;
}

char *html_text_raw(const char *html, size_t len)
{
	struct html_text t = {.space = false, .dropped = 0};
	html_text_extract(&t, html, len);
	return t.out.data != NULL ? core_buf_take(&t.out) : xstrdup("");
}
