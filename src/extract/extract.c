/*
 * extract.c: a page in, its article (or its listing, or its feeds) out.
 * The page is parsed once; the profile, when one fits, is applied first,
 * and what it does not say the page's metadata and the generic extractor
 * tell.
 */
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_internal.h"
#include "text.h"

void extract_article_free(struct extract_article *a)
{
	if (a == NULL)
		return;
	free(a->title);
	free(a->author);
	free(a->html);
	free(a->text);
	for (size_t i = 0; i < a->nimages; i++) {
		free(a->images[i].url);
		free(a->images[i].caption);
	}
	free(a->images);
	for (size_t i = 0; i < a->nrelated; i++) {
		free(a->related[i].title);
		free(a->related[i].url);
	}
	free(a->related);
	free(a->profile);
	memset(a, 0, sizeof *a);
}

void extract_listing_free(struct extract_listing *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->nitems; i++) {
		free(l->items[i].title);
		free(l->items[i].url);
		free(l->items[i].summary);
	}
	free(l->items);
	free(l->next);
	memset(l, 0, sizeof *l);
}

/* The charset a page's <meta> declares in its first 4 KiB, into out; false when none. */
static bool extract_meta_charset(const char *html, size_t len, char *out, size_t outlen)
{
	size_t n = len < 4096 ? len : 4096;
	for (size_t i = 0; i + 8 < n; i++) {
		if (strncasecmp(html + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < n && (html[j] == ' ' || html[j] == '='))
			j++;
		if (j < n && (html[j] == '"' || html[j] == '\''))
			j++;
		size_t k = 0;
		while (j < n && k + 1 < outlen &&
		       (html[j] == '-' || html[j] == '_' || (html[j] >= '0' && html[j] <= '9') ||
			(html[j] >= 'a' && html[j] <= 'z') || (html[j] >= 'A' && html[j] <= 'Z')))
			out[k++] = html[j++];
		out[k] = '\0';
		if (k > 0)
			return true;
	}
	return false;
}

static bool extract_valid_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += text_utf8_decode(s + i, len - i, &cp); /* at least 1 */
		if (cp < 0)
			return false;
	}
	return true;
}

xmlDoc *extract_parse(const char *html, size_t len, const char *url, const char *charset)
{
	char meta[64];
	const char *enc = charset;
	if (enc == NULL || enc[0] == '\0')
		enc = extract_meta_charset(html, len, meta, sizeof meta) ? meta
		      : extract_valid_utf8(html, len)                    ? "UTF-8"
									 : "windows-1252";
	/* UTF-8 is read as NFC (and invalid bytes as U+FFFD): decomposed text ("Unicode
	   tổ hợp") then matches what profiles look for ("Ảnh:") and reads as it shows. */
	char *nfc = NULL;
	if (strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0) {
		nfc = text_nfc(html, len);
		html = nfc;
		len = strlen(nfc);
	}
	if (len > INT32_MAX)
		len = INT32_MAX;
	int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_RECOVER | HTML_PARSE_COMPACT;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, url, enc, opts);
	if (doc == NULL && enc != charset)
		doc = htmlReadMemory(html, (int)len, url, "UTF-8", opts);
	free(nfc);
	if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* A leading block that is only a date line ("Thứ Năm, 29/12/2022 16:05") goes, its date kept. */
static void extract_date_line(xmlNode *body, int offset, struct extract_article *a)
{
	int seen = 0;
	for (xmlNode *c = body->children; c != NULL && seen < 3; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		seen++;
		if (extract_node_text_len(c) > 60)
			return;
		char *t = extract_node_text(c);
		int64_t when;
		bool date = t[0] != '\0' && extract_date_parse(t, offset, &when);
		free(t);
		if (date) {
			if (a->published == EXTRACT_NO_TIME)
				a->published = when;
			extract_node_drop(c);
			return;
		}
	}
}

/* The passes of the generic extractor, strictest first. */
static const int extract_passes[] = {
    0,
    EXTRACT_PASS_KEEP_UNLIKELY,
    EXTRACT_PASS_KEEP_UNLIKELY | EXTRACT_PASS_KEEP_JUNK | EXTRACT_PASS_NO_WEIGHT,
    EXTRACT_PASS_KEEP_UNLIKELY | EXTRACT_PASS_KEEP_JUNK | EXTRACT_PASS_NO_WEIGHT |
	EXTRACT_PASS_NO_CLEAN,
};

/* Text this long is an article: no looser pass is tried (readability's threshold). */
#define EXTRACT_ENOUGH 500

/*
 * Text past this much is no article's (the longest run to tens of KiB): a
 * page with more is refused rather than read for seconds.
 */
#define EXTRACT_MAX_TEXT ((size_t)1 << 20)

/*
 * One extraction of doc (which it changes) with the profile p (or none) at
 * this pass; false when the page holds too much text to be read.
 */
static bool extract_once(const struct extract_profile *p, xmlDoc *doc, const char *url, int pass,
			 struct extract_article *out)
{
	memset(out, 0, sizeof *out);
	out->published = EXTRACT_NO_TIME;
	int offset = extract_profile_offset(p, url);
	struct core_buf seen;
	core_buf_init(&seen, 0);
	core_buf_putc(&seen, '\n');
	xmlNode *body = NULL;
	char *byline = NULL;
	bool related = false;
	if (p != NULL)
		related = extract_profile_apply(p, doc, url, &seen, out, &body, &byline);
	extract_meta(doc, offset, out);
	if (!related)
		extract_generic_related(doc, url, &seen, out);
	bool ok = true;
	if (body != NULL) {
		/* The profile's body: only what is never article goes. */
		extract_generic_prune(body, EXTRACT_PASS_KEEP_UNLIKELY);
		ok = extract_node_text_len(body) <= EXTRACT_MAX_TEXT;
	} else {
		extract_generic_prune(xmlDocGetRootElement(doc), pass);
		ok = extract_node_text_len(xmlDocGetRootElement(doc)) <= EXTRACT_MAX_TEXT;
		body = ok ? extract_generic_body(doc, pass) : NULL;
		if (body != NULL)
			extract_generic_clean(body, out->title, pass);
	}
	if (!ok)
		body = NULL;
	if (body != NULL)
		extract_date_line(body, offset, out);
	extract_out(body, url, byline, out);
	free(byline);
	core_buf_free(&seen);
	out->profile = xstrdup(extract_profile_name(p));
	return ok;
}

bool extract_page(const struct extract_profiles *profiles, const char *site, const char *html,
		  size_t len, const char *url, const char *charset, struct extract_article *out,
		  char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	out->published = EXTRACT_NO_TIME;
	if (site != NULL && !extract_profiles_has(profiles, site, NULL)) {
		core_err_set(err, errlen, "no site profile named '%s'", site);
		return false;
	}
	xmlDoc *doc = extract_parse(html, len, url, charset);
	if (doc == NULL) {
		core_err_set(err, errlen, "not an HTML page");
		return false;
	}
	const struct extract_profile *p = extract_profile_find(profiles, site, url, doc);
	/* The longest of the passes, stopping at the first that gives an article's length. */
	for (size_t i = 0; i < sizeof extract_passes / sizeof extract_passes[0]; i++) {
		if (doc == NULL)
			doc = extract_parse(html, len, url, charset);
		struct extract_article a;
		bool ok = extract_once(p, doc, url, extract_passes[i], &a);
		xmlFreeDoc(doc);
		doc = NULL;
		if (!ok) {
			extract_article_free(&a);
			extract_article_free(out);
			core_err_set(err, errlen, "refused: the page holds over %zu KiB of text",
				     EXTRACT_MAX_TEXT >> 10);
			return false;
		}
		size_t n = strlen(a.text);
		if (out->text == NULL || n > strlen(out->text)) {
			extract_article_free(out);
			*out = a;
		} else {
			extract_article_free(&a);
		}
		if (n >= EXTRACT_ENOUGH)
			break;
	}
	if (out->text[0] == '\0') {
		core_err_set(err, errlen, "no article found in the page");
		extract_article_free(out);
		return false;
	}
	return true;
}

bool extract_listing(const struct extract_profiles *profiles, const char *site, const char *html,
		     size_t len, const char *url, const char *charset, struct extract_listing *out,
		     char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	xmlDoc *doc = extract_parse(html, len, url, charset);
	if (doc == NULL) {
		core_err_set(err, errlen, "not an HTML page");
		return false;
	}
	const struct extract_profile *p = extract_profile_find(profiles, site, url, doc);
	bool ok = extract_profile_listing(p, doc, url, extract_profile_offset(p, url), out);
	xmlFreeDoc(doc);
	if (!ok) {
		core_err_set(err, errlen, "no site profile lists this page's articles");
		return false;
	}
	if (out->nitems == 0) {
		core_err_set(err, errlen, "no articles listed in the page");
		extract_listing_free(out);
		return false;
	}
	return true;
}

/* Whether a feed link is a comments feed (WordPress's "Comments Feed", ".../comments/feed/"). */
static bool extract_comments_feed(const char *href, const char *title)
{
	return strstr(href, "/comments/") != NULL ||
	       (title != NULL &&
		(strstr(title, "Comments") != NULL || strstr(title, "comments") != NULL ||
		 strstr(title, "Bình luận") != NULL || strstr(title, "bình luận") != NULL));
}

void extract_feed_links(const char *html, size_t len, const char *url, const char *charset,
			char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	xmlDoc *doc = extract_parse(html, len, url, charset);
	if (doc == NULL)
		return;
	static const char *const types[] = {"application/rss+xml", "application/atom+xml",
					    "application/feed+json", "application/json",
					    "application/rdf+xml"};
	char **later = NULL;
	size_t nlater = 0;
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o =
	    ctx != NULL
		? xmlXPathEvalExpression(
		      (const xmlChar *)"//link[contains(concat(' ', translate(@rel,"
				       " 'ALTERNATE', 'alternate'), ' '), ' alternate ')][@href]",
		      ctx)
		: NULL;
	for (int i = 0; o != NULL && o->nodesetval != NULL && i < o->nodesetval->nodeNr; i++) {
		xmlNode *l = o->nodesetval->nodeTab[i];
		xmlChar *type = xmlGetProp(l, (const xmlChar *)"type");
		bool feed = false;
		for (size_t k = 0; type != NULL && k < sizeof types / sizeof *types; k++)
			feed = feed ||
			       strncasecmp((const char *)type, types[k], strlen(types[k])) == 0;
		xmlFree(type);
		if (!feed)
			continue;
		xmlChar *href = xmlGetProp(l, (const xmlChar *)"href");
		xmlChar *title = xmlGetProp(l, (const xmlChar *)"title");
		char *abs = href != NULL ? extract_url((const char *)href, url) : NULL;
		if (abs != NULL) {
			bool comments = extract_comments_feed(abs, (const char *)title);
			char ***list = comments ? &later : out;
			size_t *count = comments ? &nlater : n;
			*list = xreallocarray(*list, *count + 1, sizeof **list);
			(*list)[(*count)++] = abs;
		}
		xmlFree(href);
		xmlFree(title);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	for (size_t i = 0; i < nlater; i++) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = later[i];
	}
	free(later);
}
