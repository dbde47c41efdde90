/*
 * Documents: the blocks an article is made of (built by the html module
 * from its HTML each time it is shown), and an article's header.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "text.h"

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

struct text_doc *text_doc_header(const char *title, const char *feed, int64_t time, bool english,
				 const char *author, const char *link)
{
	struct text_doc *d = text_doc_new();
	const char *t = title != NULL ? title : "";
	struct text_block *b =
	    text_doc_add(d, TEXT_BLOCK_HEADING, text_clean(t, strlen(t), TEXT_CLEAN_LINE));
	b->level = 1;
	char date[TEXT_DATE_LEN];
	text_date(time, english ? TEXT_DATE_LONG_EN : TEXT_DATE_LONG, date);
	struct core_buf meta;
	core_buf_init(&meta, 0);
	const char *parts[] = {feed, author, link};
	for (size_t i = 0; i < CORE_NELEM(parts); i++) {
		const char *p = parts[i] != NULL ? parts[i] : "";
		char *line = text_clean(p, strlen(p), TEXT_CLEAN_LINE);
		/* The feed and the date share the first line; a line of nothing is left out. */
		if (i == 0)
			core_buf_printf(&meta, "%s%s%s", line,
					line[0] != '\0' && date[0] != '\0' ? " · " : "", date);
		else if (line[0] != '\0')
			core_buf_printf(&meta, "%s%s", meta.len > 0 ? "\n" : "", line);
		free(line);
	}
	text_doc_add(d, TEXT_BLOCK_PARAGRAPH, core_buf_take(&meta));
	text_doc_add(d, TEXT_BLOCK_RULE, xstrdup(""));
	return d;
}
