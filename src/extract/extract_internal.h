/* extract's insides: the parsed page, node helpers, the parts of one extraction. */
#ifndef BANTIN_EXTRACT_INTERNAL_H
#define BANTIN_EXTRACT_INTERNAL_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "extract.h"

/* ---- extract_node.c: node helpers ---- */

/* Whether n is an element named name (lower case, as the HTML parser names them). */
bool extract_node_is(const xmlNode *n, const char *name);
/* The attribute's value, borrowed from a static-free copy: owned, NULL when absent. */
char *extract_node_attr(const xmlNode *n, const char *name);
/* n's text with white space collapsed and trimmed, owned (text_clean'd line). */
char *extract_node_text(const xmlNode *n);
/* The length in bytes of n's text, white space collapsed (no copy kept). */
size_t extract_node_text_len(const xmlNode *n);
/* The text length inside <a> elements under n. */
size_t extract_node_link_len(const xmlNode *n);
/* Commas in n's text. */
int extract_node_commas(const xmlNode *n);
/* Whether n is an element named one of names[0..nnames), sorted (strcmp). */
bool extract_node_in(const xmlNode *n, const char *const *names, size_t nnames);
/* Whether the element is a block (p, div, table, lists, headings…). */
bool extract_node_is_block(const xmlNode *n);
/* Removes n from the tree and frees it. */
void extract_node_drop(xmlNode *n);
/* The absolute form of ref against base (either may be NULL), owned; NULL for none. */
char *extract_url(const char *ref, const char *base);
/* Whether an absolute URL is http(s). */
bool extract_url_web(const char *url);

/* ---- extract_hint.c: class and id hints ---- */

enum extract_hint {
	EXTRACT_HINT_NONE,
	EXTRACT_HINT_CONTENT,  /* article, content, noi-dung... */
	EXTRACT_HINT_UNLIKELY, /* menus, footers, sidebars... (unless also content) */
	EXTRACT_HINT_JUNK,     /* share, print, comments, QR, related: never the article */
	EXTRACT_HINT_RELATED,  /* a list of other articles (also junk) */
};
/* What n's class and id say of it. */
enum extract_hint extract_hint_of(const xmlNode *n);
/* The weight readability-style scoring gives n from its hints (-25..25). */
int extract_hint_weight(const xmlNode *n);
/* Whether a heading's text names a related-articles list ("Tin khác", "Related"). */
bool extract_hint_related_heading(const char *text);
/* Whether a block's text is furniture on its own ("Print", "QR Code", "Chia sẻ"). */
bool extract_hint_furniture_text(const char *text);

/* ---- extract_date.c ---- */

/*
 * The first date in s: ISO 8601 (with its zone, else offset), or
 * day/month/year with an optional hh:mm (as "Thứ Năm, 29/12/2022 16:05",
 * "Thời gian: 11/05/2022 12:15") at offset seconds east of UTC.
 */
bool extract_date_parse(const char *s, int offset, int64_t *out);

/* ---- extract_out.c: the body out ---- */

/*
 * Cleans the body under root in place (drops what is never article,
 * resolves URLs against base) and writes it out: HTML, plain text and
 * images into a. byline (or NULL) is the closing byline, written last.
 */
void extract_out(xmlNode *root, const char *base, const char *byline, struct extract_article *a);

/* ---- extract_generic.c ---- */

/* The related list of the page (boxes found by hint or heading), dropped from the tree. */
void extract_generic_related(xmlDoc *doc, const char *base, struct core_buf *seen,
			     struct extract_article *a);
/*
 * How strict a pass of the generic extractor is: the first drops all it
 * can; when what it keeps is short, the next passes keep more (as
 * readability retries).
 */
enum extract_pass {
	EXTRACT_PASS_KEEP_JUNK = 1 << 0,     /* keep elements named junk (share, comments...) */
	EXTRACT_PASS_KEEP_UNLIKELY = 1 << 1, /* keep elements named unlikely (header, meta...) */
	EXTRACT_PASS_NO_WEIGHT = 1 << 2,     /* class and id do not weigh in the scores */
	EXTRACT_PASS_NO_CLEAN = 1 << 3,      /* no conditional cleaning of the body's blocks */
};
/* Drops hidden, never-article and (as pass says) junk and unlikely elements under root. */
void extract_generic_prune(xmlNode *root, int pass);
/* The element holding the article, with its siblings gathered: NULL when none. */
xmlNode *extract_generic_body(xmlDoc *doc, int pass);
/* Drops what inside the body is not article (link lists, empty blocks, the title again). */
void extract_generic_clean(xmlNode *body, const char *title, int pass);

/* ---- extract_meta.c: title, author, date from the page's metadata ---- */

void extract_meta(xmlDoc *doc, int offset, struct extract_article *a);

/* Adds a related link once (seen keeps "\n"-joined URLs); takes title and url. */
void extract_related_add(struct extract_article *a, struct core_buf *seen, char *title, char *url,
			 const char *self);

#endif

/* ---- extract_profile.c: site profiles ---- */

struct extract_profile;

/*
 * The profile for a page: the one named site (NULL when it is not loaded),
 * else the one for url's host, else the first whose detect expression
 * matches doc; NULL for the generic extractor.
 */
const struct extract_profile *extract_profile_find(const struct extract_profiles *ps,
						   const char *site, const char *url, xmlDoc *doc);
const char *extract_profile_name(const struct extract_profile *p);
/* Seconds east of UTC of the profile's dates (NULL: Vietnam's for a .vn host, else UTC). */
int extract_profile_offset(const struct extract_profile *p, const char *url);
/*
 * Applies the profile to doc: its related list into a, the byline (owned,
 * into *byline) and what it drops taken out, title, date and author as
 * it finds them; the body element into *body (NULL when the expression
 * finds none). Whether the profile gave a related list.
 */
bool extract_profile_apply(const struct extract_profile *p, xmlDoc *doc, const char *base,
			   struct core_buf *seen, struct extract_article *a, xmlNode **body,
			   char **byline);
/* The profile's listing: false when it has no item expression. */
bool extract_profile_listing(const struct extract_profile *p, xmlDoc *doc, const char *base,
			     int offset, struct extract_listing *out);

/* ---- extract.c ---- */

/* The page parsed (charset as for extract_page), NULL when it cannot be. */
xmlDoc *extract_parse(const char *html, size_t len, const char *url, const char *charset);
