/*
 * Documents: the blocks an article is made of (built by the html module),
 * and their serialised form, which the cache keeps so an article is laid
 * out again at any width without parsing its HTML again:
 *
 *   bantin-doc 1
 *   B <kind> <level> <quote> <marker or .> <number of spans>
 *   S <start> <end> <style> <link>        (one per span)
 *   T <text>
 *   L <url>                               (one per link, in order)
 *
 * Kinds are one letter (p h l r t - f y); marker and text escape '\\',
 * newline and tab as \\\\, \\n and \\t; a marker is written after a ':'.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "text.h"

static const char text_doc_kinds[] = {
    [TEXT_BLOCK_PARAGRAPH] = 'p', [TEXT_BLOCK_HEADING] = 'h',   [TEXT_BLOCK_LIST_ITEM] = 'l',
    [TEXT_BLOCK_PRE] = 'r',       [TEXT_BLOCK_TABLE_ROW] = 't', [TEXT_BLOCK_RULE] = '-',
    [TEXT_BLOCK_FIGURE] = 'f',    [TEXT_BLOCK_BYLINE] = 'y',
};

struct text_doc *text_doc_new(void)
{
	return xcalloc(1, sizeof(struct text_doc));
}

void text_doc_free(struct text_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->nblocks; i++) {
		free(doc->blocks[i].marker);
		free(doc->blocks[i].text);
		free(doc->blocks[i].spans);
	}
	free(doc->blocks);
	for (size_t i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->links);
	free(doc);
}

struct text_block *text_doc_add(struct text_doc *doc, enum text_block_kind kind, char *text)
{
	doc->blocks = xreallocarray(doc->blocks, doc->nblocks + 1, sizeof *doc->blocks);
	struct text_block *b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = text != NULL ? text : xstrdup("");
	return b;
}

void text_block_add_span(struct text_block *b, uint32_t start, uint32_t end, uint32_t style,
			 uint32_t link)
{
	if (end <= start)
		return;
	b->spans = xreallocarray(b->spans, b->nspans + 1, sizeof *b->spans);
	b->spans[b->nspans++] = (struct text_span){start, end, style, link};
}

uint32_t text_doc_link(struct text_doc *doc, const char *url)
{
	for (size_t i = 0; i < doc->nlinks; i++) {
		if (strcmp(doc->links[i], url) == 0)
			return (uint32_t)i + 1;
	}
	doc->links = xreallocarray(doc->links, doc->nlinks + 1, sizeof *doc->links);
	doc->links[doc->nlinks++] = xstrdup(url);
	return (uint32_t)doc->nlinks;
}

/* The escaped text from s to the end of its line, unescaped; *next after the line. */
static char *text_doc_unescape(const char *s, const char **next)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	for (; *s != '\0' && *s != '\n'; s++) {
		size_t plain = strcspn(s, "\\\n");
		if (plain > 0) {
			core_buf_append(&b, s, plain);
			s += plain - 1;
			continue;
		}
		if (*s == '\\' && s[1] != '\0' && s[1] != '\n') {
			s++;
			core_buf_putc(&b, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s);
		} else {
			core_buf_putc(&b, *s);
		}
	}
	*next = *s == '\n' ? s + 1 : s;
	return core_buf_take(&b);
}

/* Reads an unsigned number and one following space or newline. */
static bool text_doc_num(const char **p, unsigned long max, unsigned long *out)
{
	char *end;
	if (**p < '0' || **p > '9')
		return false;
	unsigned long v = strtoul(*p, &end, 10);
	if (v > max || (*end != ' ' && *end != '\n'))
		return false;
	*out = v;
	*p = end + 1;
	return true;
}

struct text_doc *text_doc_deserialize(const char *s, char *err, size_t errlen)
{
	struct text_doc *doc = text_doc_new();
	const char *p = s;
	if (strncmp(p, "bantin-doc 1\n", 13) != 0) {
		core_err_set(err, errlen, "not a serialised document");
		goto fail;
	}
	p += 13;
	while (*p != '\0') {
		if (p[0] == 'L' && p[1] == ' ') {
			char *url = text_doc_unescape(p + 2, &p);
			doc->links = xreallocarray(doc->links, doc->nlinks + 1, sizeof *doc->links);
			doc->links[doc->nlinks++] = url;
			continue;
		}
		if (p[0] != 'B' || p[1] != ' ' || p[2] == '\0') {
			core_err_set(err, errlen, "broken document: unexpected line");
			goto fail;
		}
		const char *k = memchr(text_doc_kinds, p[2], sizeof text_doc_kinds);
		if (k == NULL || p[3] != ' ') {
			core_err_set(err, errlen, "broken document: unknown block kind");
			goto fail;
		}
		p += 4;
		unsigned long level, quote, nspans;
		if (!text_doc_num(&p, 64, &level) || !text_doc_num(&p, 64, &quote)) {
			core_err_set(err, errlen, "broken document: bad block header");
			goto fail;
		}
		char *marker = NULL;
		if (*p == ':') {
			const char *sp = strchr(p, ' ');
			const char *nl = strchr(p, '\n');
			if (sp == NULL || (nl != NULL && nl < sp)) {
				core_err_set(err, errlen, "broken document: bad marker");
				goto fail;
			}
			char *raw = xstrndup(p + 1, (size_t)(sp - p - 1));
			const char *unused;
			marker = text_doc_unescape(raw, &unused);
			free(raw);
			p = sp + 1;
		} else if (p[0] == '.' && p[1] == ' ') {
			p += 2;
		} else {
			core_err_set(err, errlen, "broken document: bad marker");
			goto fail;
		}
		if (!text_doc_num(&p, 1u << 20, &nspans)) {
			free(marker);
			core_err_set(err, errlen, "broken document: bad span count");
			goto fail;
		}
		struct text_block *b =
		    text_doc_add(doc, (enum text_block_kind)(k - text_doc_kinds), NULL);
		b->level = (int)level;
		b->quote = (int)quote;
		b->marker = marker;
		for (unsigned long i = 0; i < nspans; i++) {
			unsigned long v[4];
			if (p[0] != 'S' || p[1] != ' ') {
				core_err_set(err, errlen, "broken document: missing span");
				goto fail;
			}
			p += 2;
			for (int f = 0; f < 4; f++) {
				if (!text_doc_num(&p, UINT32_MAX, &v[f])) {
					core_err_set(err, errlen, "broken document: bad span");
					goto fail;
				}
			}
			text_block_add_span(b, (uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2],
					    (uint32_t)v[3]);
		}
		if (p[0] != 'T' || p[1] != ' ') {
			core_err_set(err, errlen, "broken document: missing text");
			goto fail;
		}
		free(b->text);
		b->text = text_doc_unescape(p + 2, &p);
	}
	/* Spans must lie inside their text and name links that exist. */
	for (size_t i = 0; i < doc->nblocks; i++) {
		size_t len = strlen(doc->blocks[i].text);
		for (size_t k = 0; k < doc->blocks[i].nspans; k++) {
			const struct text_span *sp = &doc->blocks[i].spans[k];
			if (sp->end > len || sp->link > doc->nlinks) {
				core_err_set(err, errlen, "broken document: a span out of range");
				goto fail;
			}
		}
	}
	return doc;
fail:
	text_doc_free(doc);
	return NULL;
}

char *text_doc_serialized_text(const char *s)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	if (s == NULL || strncmp(s, "bantin-doc 1\n", 13) != 0)
		return core_buf_take(&b);
	const char *p = s + 13;
	while (*p != '\0') {
		if (p[0] == 'T' && p[1] == ' ') {
			const char *next;
			char *t = text_doc_unescape(p + 2, &next);
			if (b.len > 0)
				core_buf_putc(&b, '\n');
			core_buf_puts(&b, t);
			free(t);
			p = next;
			continue;
		}
		const char *nl = strchr(p, '\n');
		p = nl != NULL ? nl + 1 : p + strlen(p);
	}
	return core_buf_take(&b);
}

struct text_doc *text_doc_header(const char *title, const char *feed, int64_t time,
				 const char *author, const char *link)
{
	struct text_doc *d = text_doc_new();
	const char *t = title != NULL ? title : "";
	struct text_block *b =
	    text_doc_add(d, TEXT_BLOCK_HEADING, text_clean(t, strlen(t), TEXT_CLEAN_LINE));
	b->level = 1;
	char date[TEXT_DATE_LEN];
	text_date(time, TEXT_DATE_LONG, date);
	struct core_buf meta;
	core_buf_init(&meta, 0);
	const char *parts[] = {feed, author, link};
	for (size_t i = 0; i < CORE_NELEM(parts); i++) {
		if (i > 0 && (parts[i] == NULL || parts[i][0] == '\0'))
			continue;
		const char *p = parts[i] != NULL ? parts[i] : "";
		char *line = text_clean(p, strlen(p), TEXT_CLEAN_LINE);
		if (i == 0)
			core_buf_printf(&meta, "%s · %s", line, date);
		else
			core_buf_printf(&meta, "\n%s", line);
		free(line);
	}
	text_doc_add(d, TEXT_BLOCK_PARAGRAPH, core_buf_take(&meta));
	text_doc_add(d, TEXT_BLOCK_RULE, xstrdup(""));
	return d;
}
