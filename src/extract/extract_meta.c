/*
 * extract_meta.c: what a page says of its article outside the body — Open
 * Graph and other <meta> tags, schema.org (JSON-LD and microdata),
 * <time datetime>, rel=author — for the title, the author and the date.
 */
#include <libxml/xpath.h>
#include <string.h>

#include "extract_internal.h"
#include "text.h"

/* The first non-empty string an XPath expression gives over doc, owned; NULL when none. */
static char *extract_meta_first(xmlXPathContext *ctx, const char *expr)
{
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	char *s = NULL;
	if (o != NULL && o->type == XPATH_NODESET && o->nodesetval != NULL) {
		for (int i = 0; i < o->nodesetval->nodeNr && s == NULL; i++) {
			s = extract_node_text(o->nodesetval->nodeTab[i]);
			if (s[0] == '\0') {
				free(s);
				s = NULL;
			}
		}
	}
	xmlXPathFreeObject(o);
	return s;
}

/*
 * The string value of "key": in JSON-LD text (the first, or the "name" of
 * an object or list there), owned; a light reading, enough for the
 * metadata news pages give.
 */
static char *extract_meta_ld(const char *json, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\"", key);
	const char *p = strstr(json, pat);
	if (p == NULL)
		return NULL;
	p += strlen(pat);
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == ':')
		p++;
	if (*p == '[')
		p++;
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	if (*p == '{') {
		const char *end = strchr(p, '}');
		const char *name = strstr(p, "\"name\"");
		if (name == NULL || (end != NULL && name > end))
			return NULL;
		p = name + 6;
		while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == ':')
			p++;
	}
	if (*p != '"')
		return NULL;
	p++;
	struct core_buf b;
	core_buf_init(&b, 4096);
	for (; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			char c = *p == 'n' ? ' ' : *p == 't' ? ' ' : *p == 'u' ? '?' : *p;
			if (*p == 'u') {
				/* \uXXXX: the code point itself. */
				unsigned v = 0;
				int k = 1;
				for (; k <= 4 && p[k] != '\0'; k++) {
					char h = p[k];
					v = v * 16 +
					    (unsigned)(h >= '0' && h <= '9'   ? h - '0'
						       : h >= 'a' && h <= 'f' ? h - 'a' + 10
						       : h >= 'A' && h <= 'F' ? h - 'A' + 10
									      : 0);
				}
				char u[4];
				size_t n = text_utf8_encode((int32_t)v, u);
				core_buf_append(&b, u, n);
				p += k - 1;
				continue;
			}
			core_buf_putc(&b, c);
			continue;
		}
		core_buf_putc(&b, *p);
	}
	char *s = text_clean(core_buf_str(&b), b.len, TEXT_CLEAN_LINE);
	core_buf_free(&b);
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* A site's name after the title ("Title - Site", "Title | Site") goes. */
static void extract_meta_title_trim(char *t)
{
	static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " » "};
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		char *last = NULL;
		for (char *p = strstr(t, seps[i]); p != NULL; p = strstr(p + 1, seps[i]))
			last = p;
		/* Only when what stays is most of it: a short site name after it. */
		if (last != NULL && (size_t)(last - t) >= 15 && strlen(last) <= 40) {
			*last = '\0';
			return;
		}
	}
}

/* Whether an author's value is a name, not a link to a profile page. */
static bool extract_meta_name(const char *s)
{
	return s != NULL && strncmp(s, "http", 4) != 0 && strlen(s) <= 100;
}

void extract_meta(xmlDoc *doc, int offset, struct extract_article *a)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	if (ctx == NULL)
		return;
	/* JSON-LD, read whole (extract_node_text skips scripts). */
	char *ld = NULL;
	{
		xmlXPathObject *o = xmlXPathEvalExpression(
		    (const xmlChar *)"//script[@type='application/ld+json']", ctx);
		if (o != NULL && o->nodesetval != NULL) {
			struct core_buf b;
			core_buf_init(&b, 1 << 20);
			for (int i = 0; i < o->nodesetval->nodeNr; i++) {
				xmlChar *v = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
				if (v != NULL)
					core_buf_puts(&b, (const char *)v);
				xmlFree(v);
			}
			ld = core_buf_take(&b);
		}
		xmlXPathFreeObject(o);
	}

	if (a->title == NULL) {
		static const char *const exprs[] = {
		    "//meta[@property='og:title']/@content",
		    "//meta[@name='twitter:title']/@content",
		    "//*[@itemprop='headline']",
		};
		for (size_t i = 0; i < sizeof exprs / sizeof exprs[0] && a->title == NULL; i++)
			a->title = extract_meta_first(ctx, exprs[i]);
		if (a->title == NULL && ld != NULL)
			a->title = extract_meta_ld(ld, "headline");
		if (a->title == NULL) {
			/* One h1 is the title; several (a logo, a section) say nothing. */
			xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)"//h1", ctx);
			if (o != NULL && o->nodesetval != NULL && o->nodesetval->nodeNr == 1)
				a->title = extract_node_text(o->nodesetval->nodeTab[0]);
			xmlXPathFreeObject(o);
			if (a->title != NULL && a->title[0] == '\0') {
				free(a->title);
				a->title = NULL;
			}
		}
		if (a->title == NULL) {
			a->title = extract_meta_first(ctx, "//title");
			if (a->title != NULL)
				extract_meta_title_trim(a->title);
		}
	}
	if (a->author == NULL) {
		static const char *const exprs[] = {
		    "//meta[@name='author']/@content",
		    "//meta[@property='article:author']/@content",
		    "//meta[@name='dc.creator' or @name='DC.creator']/@content",
		    "//*[@itemprop='author']//*[@itemprop='name']",
		    "//*[@itemprop='author']",
		    "//*[@rel='author']",
		};
		for (size_t i = 0; i < sizeof exprs / sizeof exprs[0] && a->author == NULL; i++) {
			a->author = extract_meta_first(ctx, exprs[i]);
			if (a->author != NULL && !extract_meta_name(a->author)) {
				free(a->author);
				a->author = NULL;
			}
		}
		if (a->author == NULL && ld != NULL) {
			a->author = extract_meta_ld(ld, "author");
			if (a->author != NULL && !extract_meta_name(a->author)) {
				free(a->author);
				a->author = NULL;
			}
		}
	}
	if (a->published == EXTRACT_NO_TIME) {
		static const char *const exprs[] = {
		    "//meta[@property='article:published_time']/@content",
		    "//*[@itemprop='datePublished']/@content",
		    "//*[@itemprop='datePublished']/@datetime",
		    "//meta[@name='pubdate' or @name='publishdate' or @name='date']/@content",
		    "//meta[@name='dc.date.issued' or @name='DC.date.issued']/@content",
		    "//time[@datetime]/@datetime",
		};
		for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
			char *s = extract_meta_first(ctx, exprs[i]);
			int64_t t;
			bool ok = s != NULL && extract_date_parse(s, offset, &t);
			free(s);
			if (ok) {
				a->published = t;
				break;
			}
		}
		if (a->published == EXTRACT_NO_TIME && ld != NULL) {
			char *s = extract_meta_ld(ld, "datePublished");
			int64_t t;
			if (s != NULL && extract_date_parse(s, offset, &t))
				a->published = t;
			free(s);
		}
	}
	free(ld);
	xmlXPathFreeContext(ctx);
}
