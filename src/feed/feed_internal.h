/* Shared by the files of the feed module; not part of its interface. */
#ifndef BANTIN_FEED_INTERNAL_H
#define BANTIN_FEED_INTERNAL_H

#include "core.h"
#include "feed.h"

/* Raw values of an item while its document is read, before cleaning. */
struct feed_raw {
	char *id, *title, *link, *author, *summary, *content, *published, *updated;
	char *link_base;    /* the base URI in scope where the link was found */
	char *summary_base; /* ... where the summary was found, for its HTML's URLs */
	char *content_base; /* ... where the content was found */
	int prio_id, prio_title, prio_link, prio_author, prio_summary, prio_content;
	int prio_published, prio_updated;
	bool title_is_text; /* an Atom type="text" title: literal, no markup to strip */
	char **categories;
	size_t ncategories;
	struct feed_enclosure *enclosures;
	size_t nenclosures;
};

/*
 * Stores value (owned) into *slot if the slot is empty or prio is higher
 * than *slot_prio (the first of equals wins); frees it otherwise.
 */
void feed_raw_set(char **slot, int *slot_prio, char *value, int prio);
void feed_raw_add_category(struct feed_raw *raw, char *value);
void feed_raw_add_enclosure(struct feed_raw *raw, char *url, char *type, int64_t length);
void feed_raw_free(struct feed_raw *raw);

/*
 * Turns raw values into a clean item (owned by *item: feed_item_free):
 * strings cleaned, dates parsed, links resolved against link_base, then
 * base (the channel link or document URL), the id defaulting to the link;
 * URLs inside the summary's and content's HTML against their own base,
 * then html_base (the document's URL, else the channel link).
 */
void feed_item_build(struct feed_raw *raw, const char *base, const char *html_base,
		     struct feed_item *item);
void feed_item_free(struct feed_item *item);

/*
 * The code point of a reference's name (what stands between '&' and ';':
 * "#233", "#xE9", "eacute", "apos"); -1 when it is no reference we know.
 * Numbers are not checked for being characters.
 */
long feed_ref_value(const char *name);
/* Decodes the reference at s ('&') into b; the bytes it took, 0 when it is none. */
size_t feed_text_ref(const char *s, struct core_buf *b);
/* Plain one-line text from a title that may hold tags and entities (decoded once). */
char *feed_text_plain(const char *s);
/* One-line cleaned text, for names and categories. */
char *feed_text_line(const char *s);
/* feed_url.c: url made absolute against base (either may be NULL), owned; "" stays "". */
char *feed_url_resolve(const char *url, const char *base);
/*
 * html (owned, and freed when a new string is returned) with the URLs of
 * its href, src, srcset, poster and cite attributes made absolute against
 * base; html itself when nothing changed or base is NULL.
 */
char *feed_url_resolve_html(char *html, const char *base);

struct feed_input;

/* feed_xml.c and feed_json.c: documents read from the filtered input */
enum feed_status feed_xml_parse(struct feed_input *in, const struct feed_parse_opts *opts,
				struct feed_info *info, feed_item_cb cb, void *arg, char *err,
				size_t errlen);
enum feed_status feed_json_parse(struct feed_input *in, const struct feed_parse_opts *opts,
				 struct feed_info *info, feed_item_cb cb, void *arg, char *err,
				 size_t errlen);

/* s (owned) cut to FEED_LINE_MAX cells with "…" when longer: titles, authors, categories. */
char *feed_cap_line(char *s);

#endif
