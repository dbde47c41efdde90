/*
 * RSS and Atom through libxml2's streaming reader (xmlTextReader): one
 * pass, memory bounded by the largest single item, never a DOM of the
 * whole document. Which element fills which field is the table fx_tags
 * (in the manner of sfeed's rsstags[]). The root's local name tells the
 * format whatever its namespace, and that namespace then counts as the
 * format's own. Entities never reach libxml2 but as the five predefined
 * ones and character references: the input filter (feed_filter.c) expands
 * the DOCTYPE's own within a budget, rewrites HTML entities and makes any
 * other literal text. External entities and DTDs are never loaded, and
 * libxml2's own depth and amplification limits stay on.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlreader.h>

#include "feed_input.h"
#include "feed_internal.h"
#include "text.h"

#define NS_RSS10   "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_ATOM10  "http://www.w3.org/2005/Atom"
#define NS_ATOM03  "http://purl.org/atom/ns#"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_MEDIA   "http://search.yahoo.com/mrss/"
#define NS_ITUNES  "http://www.itunes.com/dtds/podcast-1.0.dtd"

/* Namespace classes an element can be matched by. */
enum fx_ns {
	FX_NS_RSS,
	FX_NS_ATOM,
	FX_NS_CONTENT,
	FX_NS_DC,
	FX_NS_DCTERMS,
	FX_NS_MEDIA,
	FX_NS_ITUNES,
	FX_NS_OTHER
};

enum fx_scope {
	FX_FEED,   /* a child of the channel (RSS) or feed (Atom) element */
	FX_ITEM,   /* a child of an item or entry */
	FX_AUTHOR, /* a child of an Atom entry's author */
};

enum fx_field {
	FX_TITLE,
	FX_LINK,
	FX_ID,
	FX_GUID,
	FX_AUTHOR_NAME,
	FX_AUTHOR_BOX, /* Atom <author>: its <name> is the author */
	FX_PUBLISHED,
	FX_UPDATED,
	FX_CATEGORY,
	FX_ATOM_CATEGORY,
	FX_SUMMARY,
	FX_CONTENT,
	FX_ENCLOSURE,
	FX_ATOM_LINK,
	FX_MEDIA_CONTENT,
	FX_MEDIA_THUMBNAIL,
	FX_MEDIA_GROUP, /* its children count as the item's */
	FX_DESCRIPTION,
	FX_LANGUAGE,
};

static const struct fx_tag {
	enum fx_scope scope;
	enum fx_ns ns;
	const char *name;
	enum fx_field field;
	int prio; /* a value replaces one found earlier only with a higher prio */
} fx_tags[] = {
    {FX_FEED, FX_NS_RSS, "title", FX_TITLE, 2},
    {FX_FEED, FX_NS_ATOM, "title", FX_TITLE, 2},
    {FX_FEED, FX_NS_DC, "title", FX_TITLE, 1},
    {FX_FEED, FX_NS_RSS, "link", FX_LINK, 2},
    {FX_FEED, FX_NS_ATOM, "link", FX_ATOM_LINK, 1},
    {FX_FEED, FX_NS_RSS, "description", FX_DESCRIPTION, 2},
    {FX_FEED, FX_NS_ATOM, "subtitle", FX_DESCRIPTION, 2},
    {FX_FEED, FX_NS_ATOM, "tagline", FX_DESCRIPTION, 2},
    {FX_FEED, FX_NS_DC, "description", FX_DESCRIPTION, 1},
    {FX_FEED, FX_NS_ITUNES, "subtitle", FX_DESCRIPTION, 0},
    {FX_FEED, FX_NS_RSS, "language", FX_LANGUAGE, 2},
    {FX_FEED, FX_NS_DC, "language", FX_LANGUAGE, 1},

    {FX_ITEM, FX_NS_RSS, "title", FX_TITLE, 2},
    {FX_ITEM, FX_NS_ATOM, "title", FX_TITLE, 2},
    {FX_ITEM, FX_NS_DC, "title", FX_TITLE, 1},
    {FX_ITEM, FX_NS_RSS, "link", FX_LINK, 3},
    {FX_ITEM, FX_NS_ATOM, "link", FX_ATOM_LINK, 2},
    {FX_ITEM, FX_NS_RSS, "guid", FX_GUID, 2},
    {FX_ITEM, FX_NS_ATOM, "id", FX_ID, 2},
    {FX_ITEM, FX_NS_DC, "identifier", FX_ID, 1},
    {FX_ITEM, FX_NS_RSS, "author", FX_AUTHOR_NAME, 1},
    {FX_ITEM, FX_NS_DC, "creator", FX_AUTHOR_NAME, 2},
    {FX_ITEM, FX_NS_DC, "author", FX_AUTHOR_NAME, 2},
    {FX_ITEM, FX_NS_ITUNES, "author", FX_AUTHOR_NAME, 1},
    {FX_ITEM, FX_NS_DC, "contributor", FX_AUTHOR_NAME, 0},
    {FX_ITEM, FX_NS_ATOM, "author", FX_AUTHOR_BOX, 3},
    {FX_AUTHOR, FX_NS_ATOM, "name", FX_AUTHOR_NAME, 3},
    {FX_ITEM, FX_NS_RSS, "pubDate", FX_PUBLISHED, 3},
    {FX_ITEM, FX_NS_ATOM, "published", FX_PUBLISHED, 3},
    {FX_ITEM, FX_NS_ATOM, "issued", FX_PUBLISHED, 3},
    {FX_ITEM, FX_NS_DC, "date", FX_PUBLISHED, 2},
    {FX_ITEM, FX_NS_DCTERMS, "issued", FX_PUBLISHED, 1},
    {FX_ITEM, FX_NS_DCTERMS, "created", FX_PUBLISHED, 1},
    {FX_ITEM, FX_NS_DCTERMS, "date", FX_PUBLISHED, 1},
    {FX_ITEM, FX_NS_ATOM, "created", FX_PUBLISHED, 1},
    {FX_ITEM, FX_NS_ATOM, "updated", FX_UPDATED, 2},
    {FX_ITEM, FX_NS_ATOM, "modified", FX_UPDATED, 2},
    {FX_ITEM, FX_NS_DCTERMS, "modified", FX_UPDATED, 1},
    {FX_ITEM, FX_NS_RSS, "category", FX_CATEGORY, 0},
    {FX_ITEM, FX_NS_DC, "subject", FX_CATEGORY, 0},
    {FX_ITEM, FX_NS_ATOM, "category", FX_ATOM_CATEGORY, 0},
    {FX_ITEM, FX_NS_RSS, "description", FX_SUMMARY, 2},
    {FX_ITEM, FX_NS_ATOM, "summary", FX_SUMMARY, 2},
    {FX_ITEM, FX_NS_DC, "description", FX_SUMMARY, 1},
    {FX_ITEM, FX_NS_MEDIA, "description", FX_SUMMARY, 1},
    {FX_ITEM, FX_NS_ITUNES, "summary", FX_SUMMARY, 0},
    {FX_ITEM, FX_NS_CONTENT, "encoded", FX_CONTENT, 2},
    {FX_ITEM, FX_NS_ATOM, "content", FX_CONTENT, 2},
    {FX_ITEM, FX_NS_RSS, "enclosure", FX_ENCLOSURE, 0},
    {FX_ITEM, FX_NS_MEDIA, "content", FX_MEDIA_CONTENT, 0},
    {FX_ITEM, FX_NS_MEDIA, "thumbnail", FX_MEDIA_THUMBNAIL, 0},
    {FX_ITEM, FX_NS_MEDIA, "group", FX_MEDIA_GROUP, 0},
};

/* Text being gathered for one field. */
struct fx_capture {
	bool active;
	int depth; /* of the element whose text it is */
	const struct fx_tag *tag;
	bool markup;    /* child elements are kept as markup (HTML bodies) */
	bool text_type; /* Atom type="text": plain text */
	bool permalink; /* RSS guid: the id is also the link */
	int name_depth; /* an author's <name> child: only its text counts; -1 before it */
	bool name_done; /* that <name> has ended */
	char *base;     /* xml:base in scope, for a link; owned */
	struct core_buf buf;
};

/* An xml:base in scope from an element at depth. */
struct fx_base {
	int depth;
	char *uri; /* absolute; owned */
};

struct fx {
	xmlTextReaderPtr r;
	const struct feed_parse_opts *opts;
	struct feed_info *info;
	feed_item_cb cb;
	void *arg;
	int channel_depth; /* -1 until the channel (RSS) or feed (Atom) element */
	int item_depth;    /* -1 outside an item */
	int author_depth;  /* -1 outside an Atom entry's author */
	int group_depth;   /* -1 outside media:group */
	int skip_depth;    /* -1, or: ignore everything deeper than this */
	struct feed_raw raw;
	struct fx_capture cap;
	struct fx_base bases[64];
	size_t nbases;
	int feed_prio_title, feed_prio_link, feed_prio_desc, feed_prio_lang;
	char *feed_title, *feed_link, *feed_desc, *feed_lang;
	bool feed_title_is_text, feed_desc_is_text; /* Atom type="text": no markup */
	size_t nitems;
	char error[256]; /* the first error libxml2 reported */
	int error_line;
	bool html_root;
	char root_name[64];
	bool root_any_ns; /* the root's namespace stands for RSS or Atom */
	char *root_ns;    /* that namespace (NULL: none); owned */
	enum fx_ns root_class;
	bool root_guessed; /* a root in a namespace of no feed format: its shape decides */
};

/* Namespace classes without the document's own root namespace. */
static enum fx_ns fx_ns_known(const char *u)
{
	if (u == NULL || strcmp(u, NS_RSS10) == 0 || strcmp(u, NS_RSS090) == 0)
		return FX_NS_RSS;
	if (strcmp(u, NS_ATOM10) == 0 || strcmp(u, NS_ATOM03) == 0)
		return FX_NS_ATOM;
	if (strcmp(u, NS_CONTENT) == 0)
		return FX_NS_CONTENT;
	if (strcmp(u, NS_DC) == 0)
		return FX_NS_DC;
	if (strcmp(u, NS_DCTERMS) == 0)
		return FX_NS_DCTERMS;
	if (strncmp(u, NS_MEDIA, strlen(NS_MEDIA) - 1) == 0) /* with or without the '/' */
		return FX_NS_MEDIA;
	if (strcasecmp(u, NS_ITUNES) == 0)
		return FX_NS_ITUNES;
	return FX_NS_OTHER;
}

/*
 * The class of an element's namespace: the root's own namespace (whatever
 * URI a document gives its <rss> or <feed>) is the format's, others by URI.
 */
static enum fx_ns fx_ns_class(const struct fx *fx, const xmlChar *uri)
{
	const char *u = (const char *)uri;
	if (fx->root_any_ns &&
	    (u == NULL ? fx->root_ns == NULL : fx->root_ns != NULL && strcmp(u, fx->root_ns) == 0))
		return fx->root_class;
	return fx_ns_known(u);
}

static const struct fx_tag *fx_lookup(enum fx_scope scope, enum fx_ns ns, const char *name)
{
	for (size_t i = 0; i < CORE_NELEM(fx_tags); i++) {
		if (fx_tags[i].scope == scope && fx_tags[i].ns == ns &&
		    strcmp(fx_tags[i].name, name) == 0)
			return &fx_tags[i];
	}
	return NULL;
}

/* Collects libxml2's first error instead of letting it print. */
static void fx_on_error(void *arg, xmlErrorPtr e)
{
	struct fx *fx = arg;
	if (fx->error[0] != '\0' || e == NULL || e->level < XML_ERR_ERROR)
		return;
	snprintf(fx->error, sizeof fx->error, "%s", e->message != NULL ? e->message : "error");
	size_t n = strlen(fx->error);
	while (n > 0 && (fx->error[n - 1] == '\n' || fx->error[n - 1] == ' '))
		fx->error[--n] = '\0';
	fx->error_line = e->line;
}

/* The innermost xml:base in scope, or NULL; borrowed. */
static const char *fx_base(const struct fx *fx)
{
	return fx->nbases > 0 ? fx->bases[fx->nbases - 1].uri : NULL;
}

/* The base for resolving a feed-level link: xml:base, else the document URL. */
static const char *fx_doc_base(const struct fx *fx)
{
	const char *b = fx_base(fx);
	return b != NULL ? b : fx->opts->url;
}

static char *fx_attr(struct fx *fx, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(fx->r, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int64_t fx_length(const char *s)
{
	if (s == NULL)
		return -1;
	char *end;
	long long v = strtoll(s, &end, 10);
	return (end == s || *end != '\0' || v < 0) ? -1 : (int64_t)v;
}

/* A MIME type guessed from an image URL's extension, for thumbnails. */
static char *fx_image_type(const char *url)
{
	static const struct {
		const char *ext, *type;
	} types[] = {{".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".png", "image/png"},
		     {".gif", "image/gif"},  {".webp", "image/webp"}, {".svg", "image/svg+xml"}};
	const char *q = strpbrk(url, "?#");
	size_t len = q != NULL ? (size_t)(q - url) : strlen(url);
	for (size_t i = 0; i < CORE_NELEM(types); i++) {
		size_t n = strlen(types[i].ext);
		if (len >= n && strncasecmp(url + len - n, types[i].ext, n) == 0)
			return xstrdup(types[i].type);
	}
	return xstrdup("image");
}

/* Hands a captured value to its field. */
static void fx_capture_end(struct fx *fx)
{
	struct fx_capture *cap = &fx->cap;
	const struct fx_tag *t = cap->tag;
	char *v = core_buf_take(&cap->buf);
	cap->active = false;
	if (t->scope == FX_FEED) {
		switch (t->field) {
		case FX_TITLE:
			if (fx->feed_title == NULL || t->prio > fx->feed_prio_title)
				fx->feed_title_is_text = cap->text_type;
			feed_raw_set(&fx->feed_title, &fx->feed_prio_title, v, t->prio);
			break;
		case FX_LINK: {
			char *abs = feed_url_resolve(v, fx_doc_base(fx));
			free(v);
			feed_raw_set(&fx->feed_link, &fx->feed_prio_link, abs, t->prio);
			break;
		}
		case FX_DESCRIPTION:
			if (fx->feed_desc == NULL || t->prio > fx->feed_prio_desc)
				fx->feed_desc_is_text = cap->text_type;
			feed_raw_set(&fx->feed_desc, &fx->feed_prio_desc, v, t->prio);
			break;
		case FX_LANGUAGE:
			feed_raw_set(&fx->feed_lang, &fx->feed_prio_lang, v, t->prio);
			break;
		default:
			free(v);
		}
		free(cap->base);
		cap->base = NULL;
		return;
	}
	struct feed_raw *raw = &fx->raw;
	switch (t->field) {
	case FX_TITLE:
		if (t->prio > raw->prio_title || raw->title == NULL)
			raw->title_is_text = cap->text_type;
		feed_raw_set(&raw->title, &raw->prio_title, v, t->prio);
		break;
	case FX_LINK:
		if (raw->link == NULL || t->prio > raw->prio_link) {
			free(raw->link_base);
			raw->link_base = cap->base;
			cap->base = NULL;
		}
		feed_raw_set(&raw->link, &raw->prio_link, v, t->prio);
		break;
	case FX_GUID:
		/* A permalink guid is the link when there is no other, if it is a URL. */
		if (cap->permalink && raw->link == NULL &&
		    (strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0)) {
			raw->link = xstrdup(v);
			raw->prio_link = 0;
			raw->link_base = cap->base;
			cap->base = NULL;
		}
		feed_raw_set(&raw->id, &raw->prio_id, v, t->prio);
		break;
	case FX_ID:
		feed_raw_set(&raw->id, &raw->prio_id, v, t->prio);
		break;
	case FX_AUTHOR_NAME:
		feed_raw_set(&raw->author, &raw->prio_author, v, t->prio);
		break;
	case FX_PUBLISHED:
		feed_raw_set(&raw->published, &raw->prio_published, v, t->prio);
		break;
	case FX_UPDATED:
		feed_raw_set(&raw->updated, &raw->prio_updated, v, t->prio);
		break;
	case FX_CATEGORY:
		feed_raw_add_category(raw, v);
		break;
	case FX_SUMMARY:
	case FX_CONTENT:
		if (cap->text_type) {
			char *html = feed_text_to_html(v);
			free(v);
			v = html;
		}
		{
			bool summary = t->field == FX_SUMMARY;
			char **slot = summary ? &raw->summary : &raw->content;
			int *prio = summary ? &raw->prio_summary : &raw->prio_content;
			char **base = summary ? &raw->summary_base : &raw->content_base;
			if (*slot == NULL || t->prio > *prio) {
				free(*base);
				*base = cap->base;
				cap->base = NULL;
			}
			feed_raw_set(slot, prio, v, t->prio);
		}
		break;
	default:
		free(v);
	}
	free(cap->base);
	cap->base = NULL;
}

/* Strips the <div xmlns="..."> wrapper of Atom xhtml content. */
static char *fx_unwrap_div(const char *xml)
{
	const char *p = xml;
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	if (strncmp(p, "<div", 4) != 0)
		return xstrdup(xml);
	const char *open_end = strchr(p, '>');
	const char *close = strstr(p, "</div>");
	const char *last = close;
	while (close != NULL) { /* the last </div> closes the wrapper */
		last = close;
		close = strstr(close + 6, "</div>");
	}
	if (open_end == NULL || last == NULL || open_end[-1] == '/')
		return xstrdup("");
	return xstrndup(open_end + 1, (size_t)(last - open_end - 1));
}

/* Starts gathering the text of the current element for tag. */
static void fx_capture_start(struct fx *fx, const struct fx_tag *tag, int depth, bool empty)
{
	struct fx_capture *cap = &fx->cap;
	cap->active = true;
	cap->depth = depth;
	cap->tag = tag;
	cap->markup = tag->field == FX_SUMMARY || tag->field == FX_CONTENT;
	cap->text_type = false;
	cap->permalink = false;
	cap->name_depth = -1;
	cap->name_done = false;
	cap->base = xstrdup_opt(fx_base(fx));
	core_buf_init(&cap->buf, FEED_MAX_SIZE_DEFAULT);

	if (tag->ns == FX_NS_ATOM && (tag->field == FX_TITLE || tag->field == FX_SUMMARY ||
				      tag->field == FX_CONTENT || tag->field == FX_DESCRIPTION)) {
		char *type = fx_attr(fx, "type");
		bool xhtml = type != NULL && (strcmp(type, "xhtml") == 0 ||
					      strcmp(type, "application/xhtml+xml") == 0);
		bool html =
		    type != NULL && (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0);
		cap->text_type = !xhtml && !html;
		free(type);
		if (xhtml && !empty) {
			xmlChar *inner = xmlTextReaderReadInnerXml(fx->r);
			char *body = fx_unwrap_div(inner != NULL ? (const char *)inner : "");
			xmlFree(inner);
			core_buf_puts(&cap->buf, body);
			free(body);
			fx->skip_depth = depth;
			fx_capture_end(fx);
			return;
		}
	}
	if (tag->field == FX_GUID) {
		char *pl = fx_attr(fx, "isPermaLink");
		cap->permalink = pl == NULL || strcmp(pl, "false") != 0;
		free(pl);
	}
	if (empty)
		fx_capture_end(fx);
}

/* An element whose attributes say it all: links, enclosures, categories. */
static void fx_attr_element(struct fx *fx, const struct fx_tag *tag)
{
	struct feed_raw *raw = &fx->raw;
	switch (tag->field) {
	case FX_ATOM_LINK: {
		char *rel = fx_attr(fx, "rel"), *href = fx_attr(fx, "href");
		const char *r = rel != NULL ? rel : "alternate";
		if (href == NULL) {
			free(rel);
			return;
		}
		if (tag->scope == FX_FEED) {
			if (strcmp(r, "alternate") == 0)
				feed_raw_set(&fx->feed_link, &fx->feed_prio_link,
					     feed_url_resolve(href, fx_doc_base(fx)), tag->prio);
			free(href);
		} else if (strcmp(r, "alternate") == 0) {
			if (raw->link == NULL || tag->prio > raw->prio_link) {
				free(raw->link_base);
				raw->link_base = xstrdup_opt(fx_base(fx));
			}
			feed_raw_set(&raw->link, &raw->prio_link, href, tag->prio);
		} else if (strcmp(r, "enclosure") == 0) {
			char *type = fx_attr(fx, "type"), *len = fx_attr(fx, "length");
			feed_raw_add_enclosure(raw, href, type != NULL ? type : xstrdup(""),
					       fx_length(len));
			free(len);
		} else {
			free(href);
		}
		free(rel);
		break;
	}
	case FX_ENCLOSURE:
	case FX_MEDIA_CONTENT: {
		char *url = fx_attr(fx, "url");
		if (url == NULL)
			return;
		char *type = fx_attr(fx, "type");
		char *len = fx_attr(fx, tag->field == FX_ENCLOSURE ? "length" : "fileSize");
		if (type == NULL && tag->field == FX_MEDIA_CONTENT) {
			char *medium = fx_attr(fx, "medium");
			type = medium != NULL && strcmp(medium, "image") == 0 ? fx_image_type(url)
									      : medium;
			if (type != medium)
				free(medium);
		}
		feed_raw_add_enclosure(raw, url, type != NULL ? type : xstrdup(""), fx_length(len));
		free(len);
		break;
	}
	case FX_MEDIA_THUMBNAIL: {
		char *url = fx_attr(fx, "url");
		if (url != NULL)
			feed_raw_add_enclosure(raw, url, fx_image_type(url), -1);
		break;
	}
	case FX_ATOM_CATEGORY: {
		char *label = fx_attr(fx, "label"), *term = fx_attr(fx, "term");
		if (label != NULL && label[0] != '\0') {
			feed_raw_add_category(raw, label);
			free(term);
		} else {
			free(label);
			if (term != NULL)
				feed_raw_add_category(raw, term);
		}
		break;
	}
	default:
		break;
	}
}

/* The item is complete: build it, hand it over, forget it. */
static void fx_item_end(struct fx *fx)
{
	struct feed_item item;
	const char *base =
	    fx->feed_link != NULL && fx->feed_link[0] != '\0' ? fx->feed_link : fx->opts->url;
	const char *html_base =
	    fx->opts->url != NULL && fx->opts->url[0] != '\0' ? fx->opts->url : fx->feed_link;
	feed_item_build(&fx->raw, base, html_base, &item);
	feed_raw_free(&fx->raw);
	fx->cb(&item, fx->arg);
	feed_item_free(&item);
	fx->nitems++;
	fx->item_depth = -1;
	fx->author_depth = -1;
	fx->group_depth = -1;
}

/* The root element decides the format; false when it is no feed. */
static bool fx_root(struct fx *fx, const char *name, const xmlChar *ns)
{
	const char *u = (const char *)ns;
	snprintf(fx->root_name, sizeof fx->root_name, "%s", name);
	if (strcasecmp(name, "html") == 0) {
		fx->html_root = true;
		return false;
	}
	/* The local name says the format, whatever namespace a document puts it in
	   (UserLand's RSS 2.0, a misspelt Atom URI); the root's namespace is then
	   the format's own for the elements in it. */
	if (strcmp(name, "rss") == 0) {
		char *v = fx_attr(fx, "version");
		fx->info->format =
		    v != NULL && strncmp(v, "0.9", 3) == 0 ? FEED_FORMAT_RSS09X : FEED_FORMAT_RSS20;
		free(v);
		fx->root_any_ns = true;
		fx->root_ns = xstrdup_opt(u);
		fx->root_class = FX_NS_RSS;
		return true;
	}
	if (strcmp(name, "RDF") == 0) {
		fx->info->format = FEED_FORMAT_RSS10; /* 0.90 is told by its channel */
		fx->root_guessed = u == NULL || strcmp(u, NS_RDF) != 0;
		return true;
	}
	if (strcmp(name, "entry") == 0 && u != NULL &&
	    (strcmp(u, NS_ATOM10) == 0 || strcmp(u, NS_ATOM03) == 0)) {
		fx->info->format =
		    strcmp(u, NS_ATOM10) == 0 ? FEED_FORMAT_ATOM10 : FEED_FORMAT_ATOM03;
		fx->root_any_ns = true;
		fx->root_ns = xstrdup(u);
		fx->root_class = FX_NS_ATOM;
		return true;
	}
	if (strcmp(name, "feed") == 0) {
		char *v = fx_attr(fx, "version");
		if (u != NULL && strcmp(u, NS_ATOM10) == 0)
			fx->info->format = FEED_FORMAT_ATOM10;
		else if ((u != NULL && strcmp(u, NS_ATOM03) == 0) ||
			 (v != NULL && strcmp(v, "0.3") == 0))
			fx->info->format = FEED_FORMAT_ATOM03;
		else
			fx->info->format = FEED_FORMAT_ATOM10;
		free(v);
		fx->root_guessed =
		    u == NULL || (strcmp(u, NS_ATOM10) != 0 && strcmp(u, NS_ATOM03) != 0);
		fx->root_any_ns = true;
		fx->root_ns = xstrdup_opt(u);
		fx->root_class = FX_NS_ATOM;
		fx->channel_depth = 0;
		const xmlChar *lang = xmlTextReaderConstXmlLang(fx->r);
		if (lang != NULL)
			feed_raw_set(&fx->feed_lang, &fx->feed_prio_lang,
				     xstrdup((const char *)lang), 1);
		return true;
	}
	return false;
}

/* Pushes the element's xml:base, resolved against the one in scope. */
static void fx_push_base(struct fx *fx, int depth)
{
	xmlChar *b = xmlTextReaderGetAttributeNs(fx->r, (const xmlChar *)"base", XML_XML_NAMESPACE);
	if (b == NULL)
		return;
	if (fx->nbases < CORE_NELEM(fx->bases)) {
		fx->bases[fx->nbases].depth = depth;
		fx->bases[fx->nbases].uri = feed_url_resolve((const char *)b, fx_doc_base(fx));
		fx->nbases++;
	}
	xmlFree(b);
}

/* Leaves the element at depth: its xml:base goes out of scope. */
static void fx_pop_base(struct fx *fx, int depth)
{
	while (fx->nbases > 0 && fx->bases[fx->nbases - 1].depth >= depth)
		free(fx->bases[--fx->nbases].uri);
}

static void fx_element_end(struct fx *fx, int depth)
{
	if (fx->cap.active && depth == fx->cap.name_depth)
		fx->cap.name_done = true;
	if (fx->cap.active && depth == fx->cap.depth)
		fx_capture_end(fx);
	if (depth == fx->author_depth)
		fx->author_depth = -1;
	if (depth == fx->group_depth)
		fx->group_depth = -1;
	if (depth == fx->item_depth)
		fx_item_end(fx);
	fx_pop_base(fx, depth);
}

/* Returns false when the document turns out not to be a feed. */
static bool fx_element_start(struct fx *fx, int depth)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(fx->r);
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(fx->r);
	bool empty = xmlTextReaderIsEmptyElement(fx->r) == 1;

	if (fx->cap.active) {
		/* Markup inside a body that was not escaped: keep it as HTML. */
		if (fx->cap.markup) {
			xmlChar *outer = xmlTextReaderReadOuterXml(fx->r);
			if (outer != NULL)
				core_buf_puts(&fx->cap.buf, (const char *)outer);
			xmlFree(outer);
			if (!empty)
				fx->skip_depth = depth;
		} else if (fx->cap.tag->field == FX_AUTHOR_NAME && fx->cap.name_depth < 0 &&
			   strcmp(name, "name") == 0 && !empty) {
			/* <author><name>…</name><email>…</email></author>: the name */
			core_buf_reset(&fx->cap.buf);
			fx->cap.name_depth = depth;
		}
		return true;
	}
	fx_push_base(fx, depth);
	if (depth == 0) {
		if (!fx_root(fx, name, ns))
			return false;
		if (strcmp(name, "entry") == 0) { /* an Atom entry document: a feed of one entry */
			fx->item_depth = 0;
			memset(&fx->raw, 0, sizeof fx->raw);
			if (empty)
				fx_item_end(fx);
		}
	} else if (fx->item_depth < 0 && fx->channel_depth < 0 && strcmp(name, "channel") == 0 &&
		   fx_ns_class(fx, ns) == FX_NS_RSS) {
		fx->channel_depth = depth;
		if (ns != NULL && strcmp((const char *)ns, NS_RSS090) == 0)
			fx->info->format = FEED_FORMAT_RSS09X;
	} else if (fx->item_depth < 0 && depth <= 2 &&
		   ((strcmp(name, "item") == 0 && fx_ns_class(fx, ns) == FX_NS_RSS) ||
		    (strcmp(name, "entry") == 0 && fx_ns_class(fx, ns) == FX_NS_ATOM))) {
		fx->item_depth = depth;
		memset(&fx->raw, 0, sizeof fx->raw);
		xmlChar *ab = xmlTextReaderGetAttributeNs(fx->r, (const xmlChar *)"about",
							  (const xmlChar *)NS_RDF);
		if (ab != NULL) {
			feed_raw_set(&fx->raw.id, &fx->raw.prio_id, xstrdup((const char *)ab), 1);
			xmlFree(ab);
		}
		if (empty)
			fx_item_end(fx);
	} else {
		enum fx_scope scope;
		bool known = true;
		if (fx->author_depth >= 0 && depth == fx->author_depth + 1)
			scope = FX_AUTHOR;
		else if (fx->item_depth >= 0 &&
			 (depth == fx->item_depth + 1 ||
			  (fx->group_depth >= 0 && depth == fx->group_depth + 1)))
			scope = FX_ITEM;
		else if (fx->item_depth < 0 && fx->channel_depth >= 0 &&
			 depth == fx->channel_depth + 1)
			scope = FX_FEED;
		else
			known = false;
		const struct fx_tag *tag =
		    known ? fx_lookup(scope, fx_ns_class(fx, ns), name) : NULL;
		if (tag != NULL) {
			switch (tag->field) {
			case FX_AUTHOR_BOX:
				if (!empty)
					fx->author_depth = depth;
				break;
			case FX_MEDIA_GROUP:
				if (!empty)
					fx->group_depth = depth;
				break;
			case FX_ATOM_LINK:
			case FX_ENCLOSURE:
			case FX_MEDIA_CONTENT:
			case FX_MEDIA_THUMBNAIL:
			case FX_ATOM_CATEGORY:
				fx_attr_element(fx, tag);
				break;
			default:
				fx_capture_start(fx, tag, depth, empty);
			}
		}
	}
	if (empty)
		fx_pop_base(fx, depth);
	return true;
}

/* Text inside a field being gathered. */
static void fx_text(struct fx *fx, int depth)
{
	if (!fx->cap.active)
		return;
	if (fx->cap.name_depth >= 0 && (fx->cap.name_done || depth <= fx->cap.name_depth))
		return; /* an author's text around its <name> */
	const xmlChar *v = xmlTextReaderConstValue(fx->r);
	if (v != NULL)
		core_buf_puts(&fx->cap.buf, (const char *)v);
}

static void fx_free(struct fx *fx)
{
	if (fx->cap.active)
		core_buf_free(&fx->cap.buf);
	free(fx->cap.base);
	feed_raw_free(&fx->raw);
	fx_pop_base(fx, 0);
	free(fx->feed_title);
	free(fx->feed_link);
	free(fx->feed_desc);
	free(fx->feed_lang);
	free(fx->root_ns);
}

/* libxml2 pulls the document through this. */
static int fx_io_read(void *ctx, char *buf, int len)
{
	struct feed_input *in = ctx;
	size_t n = feed_input_read(in, buf, (size_t)len);
	return n == 0 && in->failed ? -1 : (int)n;
}

/* What the parse comes to: OK, PARTIAL (what was read is kept) or ERROR, with err. */
static enum feed_status fx_verdict(struct fx *fx, struct feed_input *in, int ret, bool not_feed,
				   char *err, size_t errlen)
{
	enum feed_status status = FEED_OK;
	/* What the channel said before the document broke off counts, items or not. */
	bool channel_read =
	    fx->feed_title != NULL || fx->feed_link != NULL || fx->feed_desc != NULL;
	if (fx->html_root) {
		core_err_set(err, errlen, "not a feed (an HTML page)");
		status = FEED_ERROR;
	} else if (not_feed || (fx->root_guessed && fx->nitems == 0 && !channel_read)) {
		char *shown = core_str_printable(fx->root_name);
		core_err_set(err, errlen, "not a feed (the root element is <%s>)", shown);
		free(shown);
		status = FEED_ERROR;
	} else if (ret != 0 || fx->error[0] != '\0') {
		const char *what = fx->error[0] != '\0' ? fx->error : "the XML is broken";
		/* libxml2 words a document cut short as "extra content" at its end */
		size_t left;
		feed_input_peek(in, 1, &left);
		if (left == 0 && !in->failed && strstr(what, "Extra content at the end") != NULL)
			what = "the document ends too soon";
		if (fx->nitems > 0 || (channel_read && !in->failed)) {
			core_err_set(err, errlen,
				     "the XML is broken at line %d (%s); kept %zu item%s",
				     fx->error_line, what, fx->nitems, fx->nitems == 1 ? "" : "s");
			status = FEED_PARTIAL;
		} else {
			core_err_set(err, errlen, "not a feed (broken XML at line %d: %s)",
				     fx->error_line, what);
			status = FEED_ERROR;
		}
	} else if (fx->info->format == FEED_FORMAT_UNKNOWN) {
		core_err_set(err, errlen, "not a feed (no XML elements)");
		status = FEED_ERROR;
	}
	return status;
}

enum feed_status feed_xml_parse(struct feed_input *in, const struct feed_parse_opts *opts,
				struct feed_info *info, feed_item_cb cb, void *arg, char *err,
				size_t errlen)
{
	struct fx fx;
	memset(&fx, 0, sizeof fx);
	fx.opts = opts;
	fx.info = info;
	fx.cb = cb;
	fx.arg = arg;
	fx.channel_depth = fx.item_depth = fx.author_depth = fx.group_depth = fx.skip_depth = -1;

	/* No network, no DTD, no entity substitution; the bytes are UTF-8 already. */
	int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING |
		      XML_PARSE_NOERROR | XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT;
	fx.r = xmlReaderForIO(fx_io_read, NULL, in, opts->url, "UTF-8", options);
	if (fx.r == NULL) {
		core_err_set(err, errlen, "not a feed (the XML parser could not start)");
		return FEED_ERROR;
	}
	xmlTextReaderSetStructuredErrorHandler(fx.r, fx_on_error, &fx);

	int ret;
	bool not_feed = false;
	while ((ret = xmlTextReaderRead(fx.r)) == 1) {
		int type = xmlTextReaderNodeType(fx.r);
		int depth = xmlTextReaderDepth(fx.r);
		if (fx.skip_depth >= 0) {
			if (depth > fx.skip_depth)
				continue;
			fx.skip_depth = -1;
			if (type == XML_READER_TYPE_END_ELEMENT) {
				/* the end of the element whose insides were taken whole */
				fx_pop_base(&fx, depth);
				continue;
			}
		}
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			not_feed = !fx_element_start(&fx, depth);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			fx_element_end(&fx, depth);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			fx_text(&fx, depth);
			break;
		default:
			break;
		}
		if (not_feed)
			break;
	}
	xmlFreeTextReader(fx.r);

	enum feed_status status = fx_verdict(&fx, in, ret, not_feed, err, errlen);
	if (status != FEED_ERROR) {
		info->title = feed_cap_line(fx.feed_title_is_text ? feed_text_line(fx.feed_title)
								  : feed_text_plain(fx.feed_title));
		info->link = xstrdup(fx.feed_link != NULL ? fx.feed_link : "");
		info->description = fx.feed_desc_is_text ? feed_text_line(fx.feed_desc)
							 : feed_text_plain(fx.feed_desc);
		info->language = feed_text_line(fx.feed_lang);
	}
	fx_free(&fx);
	return status;
}
