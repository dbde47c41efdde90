/*
 * extract_node.c: what the extractor asks of a node — its name, its
 * attributes, its text and how much of that text is links — and URLs.
 */
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_internal.h"
#include "text.h"

bool extract_node_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	       strcmp((const char *)n->name, name) == 0;
}

char *extract_node_attr(const xmlNode *n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Text is counted and copied with white space collapsed: one space between words. */
struct extract_walk {
	struct core_buf *out; /* NULL: only count */
	size_t len, links;
	int commas;
	bool space; /* a space is owed before the next word */
	bool any;
};

static void extract_walk_text(struct extract_walk *w, const char *s, bool link)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
			w->space = w->any;
			continue;
		}
		/* U+00A0 no-break space counts as a space. */
		if (p[0] == 0xC2 && p[1] == 0xA0) {
			p++;
			w->space = w->any;
			continue;
		}
		if (w->space) {
			w->len++;
			if (link)
				w->links++;
			if (w->out != NULL)
				core_buf_putc(w->out, ' ');
			w->space = false;
		}
		w->any = true;
		w->len++;
		if (link)
			w->links++;
		if (*p == ',' || (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||
		    (p[0] == 0xD8 && p[1] == 0x8C) ||
		    (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81))
			w->commas++;
		if (w->out != NULL)
			core_buf_putc(w->out, (char)*p);
	}
}

static void extract_walk_node(struct extract_walk *w, const xmlNode *n, bool link, int depth)
{
	if (depth > 256)
		return;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				extract_walk_text(w, (const char *)c->content, link);
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)c->name;
			if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
			    strcmp(name, "noscript") == 0 || strcmp(name, "template") == 0)
				continue;
			bool block = extract_node_is_block(c) || strcmp(name, "br") == 0;
			if (block)
				w->space = w->any;
			extract_walk_node(w, c, link || strcmp(name, "a") == 0, depth + 1);
			if (block)
				w->space = w->any;
		}
	}
}

char *extract_node_text(const xmlNode *n)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	struct extract_walk w = {.out = &b};
	if (n->type == XML_ATTRIBUTE_NODE || n->type == XML_TEXT_NODE) {
		xmlChar *v = xmlNodeGetContent(n);
		if (v != NULL)
			extract_walk_text(&w, (const char *)v, false);
		xmlFree(v);
	} else {
		extract_walk_node(&w, n, false, 0);
	}
	char *s = text_clean(core_buf_str(&b), b.len, TEXT_CLEAN_LINE);
	core_buf_free(&b);
	return s;
}

size_t extract_node_text_len(const xmlNode *n)
{
	struct extract_walk w = {0};
	extract_walk_node(&w, n, false, 0);
	return w.len;
}

size_t extract_node_link_len(const xmlNode *n)
{
	struct extract_walk w = {0};
	extract_walk_node(&w, n, extract_node_is(n, "a"), 0);
	return w.links;
}

int extract_node_commas(const xmlNode *n)
{
	struct extract_walk w = {0};
	extract_walk_node(&w, n, false, 0);
	return w.commas;
}

/* Sorted, for bsearch. */
static const char *const extract_blocks[] = {
    "address", "article", "aside",   "blockquote", "body",     "center",     "dd",     "details",
    "dialog",  "div",     "dl",      "dt",         "fieldset", "figcaption", "figure", "footer",
    "form",    "h1",      "h2",      "h3",         "h4",       "h5",         "h6",     "header",
    "hgroup",  "hr",      "li",      "main",       "menu",     "nav",        "ol",     "p",
    "pre",     "section", "summary", "table",      "tbody",    "td",         "tfoot",  "th",
    "thead",   "tr",      "ul",
};

static int extract_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool extract_node_in(const xmlNode *n, const char *const *names, size_t nnames)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return false;
	const char *name = (const char *)n->name;
	return bsearch(&name, names, nnames, sizeof names[0], extract_cmp) != NULL;
}

bool extract_node_is_block(const xmlNode *n)
{
	return extract_node_in(n, extract_blocks, sizeof extract_blocks / sizeof extract_blocks[0]);
}

void extract_node_drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

char *extract_url(const char *ref, const char *base)
{
	if (ref == NULL)
		return NULL;
	/* Trim the spaces an attribute may carry. */
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	size_t len = strlen(ref);
	while (len > 0 && (ref[len - 1] == ' ' || ref[len - 1] == '\t' || ref[len - 1] == '\n' ||
			   ref[len - 1] == '\r'))
		len--;
	if (len == 0)
		return NULL;
	char *r = xstrndup(ref, len);
	if (base == NULL || base[0] == '\0')
		return r;
	xmlChar *abs = xmlBuildURI((const xmlChar *)r, (const xmlChar *)base);
	if (abs == NULL)
		return r;
	free(r);
	char *s = xstrdup((const char *)abs);
	xmlFree(abs);
	return s;
}

bool extract_url_web(const char *url)
{
	return url != NULL &&
	       (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}
