/*
 * feed_opml.c: OPML 1.0 and 2.0 subscription lists (what other readers
 * export) to feeds with tags. An outline with an xmlUrl is a feed; the
 * outlines it sits in are its tags (their text or title), and so are the
 * words of its category attribute ("a,b" or "/a/b"). Nothing in the file is
 * fetched or run: a URL that is not http(s) is skipped with a warning
 * naming its line, and a document that declares entities is refused before
 * it is parsed (an OPML file needs none; an entity bomb is refused at once).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core.h"
#include "feed.h"
#include "text.h"

void feed_opml_free(struct feed_opml *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].url);
		free(o->v[i].title);
		for (size_t k = 0; k < o->v[i].ntags; k++)
			free(o->v[i].tags[k]);
		free(o->v[i].tags);
	}
	free(o->v);
	for (size_t i = 0; i < o->nwarnings; i++)
		free(o->warnings[i]);
	free(o->warnings);
	memset(o, 0, sizeof *o);
}

/* An attribute's value cleaned to one line, owned; NULL when absent or blank. */
static char *feed_opml_attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	char *s = text_clean((const char *)v, strlen((const char *)v), TEXT_CLEAN_LINE);
	xmlFree(v);
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Adds tag to e unless it has it. */
static void feed_opml_tag(struct feed_opml_entry *e, const char *tag)
{
	if (tag == NULL || tag[0] == '\0')
		return;
	for (size_t k = 0; k < e->ntags; k++) {
		if (strcmp(e->tags[k], tag) == 0)
			return;
	}
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof *e->tags);
	e->tags[e->ntags++] = xstrdup(tag);
}

static void feed_opml_warn(struct feed_opml *o, const char *fmt, ...) CORE_PRINTF(2, 3);
static void feed_opml_warn(struct feed_opml *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	o->warnings = xreallocarray(o->warnings, o->nwarnings + 1, sizeof *o->warnings);
	o->warnings[o->nwarnings++] = xvasprintf(fmt, ap);
	va_end(ap);
}

#define FEED_OPML_DEPTH 32

/* The outlines under parent, with the tags of the folders they sit in. */
static void feed_opml_walk(struct feed_opml *o, xmlNode *parent, char **folders, int depth)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "outline") != 0)
			continue;
		char *url = feed_opml_attr(n, "xmlUrl");
		if (url == NULL)
			url = feed_opml_attr(n, "xmlurl");
		char *title = feed_opml_attr(n, "text");
		if (title == NULL)
			title = feed_opml_attr(n, "title");
		if (url == NULL) { /* a folder: its name is a tag of what it holds */
			if (depth < FEED_OPML_DEPTH) {
				folders[depth] = title;
				feed_opml_walk(o, n, folders, depth + 1);
			}
			free(title);
			continue;
		}
		long line = xmlGetLineNo(n);
		if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
			char *shown = core_str_printable(url);
			feed_opml_warn(o, "line %ld: '%s' is not an http or https URL; skipped",
				       line, shown);
			free(shown);
			free(url);
			free(title);
			continue;
		}
		struct feed_opml_entry *e = NULL;
		for (size_t i = 0; i < o->n && e == NULL;
		     i++) /* listed twice: one feed, both tags */
			if (strcmp(o->v[i].url, url) == 0)
				e = &o->v[i];
		if (e == NULL) {
			o->v = xreallocarray(o->v, o->n + 1, sizeof *o->v);
			e = &o->v[o->n++];
			*e = (struct feed_opml_entry){url, title, NULL, 0};
		} else {
			free(url);
			free(title);
		}
		for (int d = 0; d < depth; d++)
			feed_opml_tag(e, folders[d]);
		char *cat = feed_opml_attr(n, "category");
		for (char *t = cat != NULL ? strtok(cat, ",/") : NULL; t != NULL;
		     t = strtok(NULL, ",/")) {
			while (*t == ' ')
				t++;
			size_t len = strlen(t);
			while (len > 0 && t[len - 1] == ' ')
				t[--len] = '\0';
			feed_opml_tag(e, t);
		}
		free(cat);
	}
}

bool feed_opml_parse(const char *doc, size_t len, struct feed_opml *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	/* a DOCTYPE that declares entities: refused before libxml2 sees it */
	for (size_t i = 0; i + 8 <= len; i++) {
		if (doc[i] == '<' && memcmp(doc + i, "<!ENTITY", 8) == 0) {
			core_err_set(err, errlen,
				     "refused: it declares XML entities (an OPML file needs none)");
			return false;
		}
	}
	if (len > (size_t)INT32_MAX) {
		core_err_set(err, errlen, "too large for an OPML file");
		return false;
	}
	xmlDoc *d = xmlReadMemory(doc, (int)len, NULL, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNode *root = d != NULL ? xmlDocGetRootElement(d) : NULL;
	if (root == NULL || strcmp((const char *)root->name, "opml") != 0) {
		core_err_set(err, errlen, "%s",
			     root == NULL ? "not an OPML file (no XML document)"
					  : "not an OPML file (its root is not <opml>)");
		xmlFreeDoc(d);
		return false;
	}
	char *folders[FEED_OPML_DEPTH];
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "body") == 0)
			feed_opml_walk(out, n, folders, 0);
	}
	xmlFreeDoc(d);
	return true;
}
