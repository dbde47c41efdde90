/*
 * extract: one web page to its article. A page is parsed with libxml2's
 * HTML parser; a site profile (sites/NAME.site: XPath expressions for one
 * host's pages) says where the body, title, date, byline, figures and the
 * page's own list of other articles are and what to drop; a page of a host
 * with no profile goes to the generic extractor, which scores blocks by
 * their text (length, commas, link density, class and id hints in English
 * and Vietnamese) and keeps the best block with its siblings. Either way the
 * body comes out as cleaned HTML (absolute URLs, no scripts, forms, share,
 * print or QR boxes) and as plain text, and the page's related list apart.
 * A profile can also turn a listing page into items.
 *
 * Nothing here touches the network or the cache.
 */
#ifndef BANTIN_EXTRACT_H
#define BANTIN_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A time that is not there (the same value as STORE_NO_TIME). */
#define EXTRACT_NO_TIME INT64_MIN

struct extract_image {
	char *url;     /* absolute */
	char *caption; /* plain text; NULL when there is none */
};

struct extract_link {
	char *title; /* plain text */
	char *url;   /* absolute */
};

/* An article as a page gives it; every string owned, clean UTF-8 (NFC). */
struct extract_article {
	char *title;       /* NULL when the page gives none */
	char *author;      /* the byline; NULL when none */
	int64_t published; /* seconds since the epoch, EXTRACT_NO_TIME when unknown */
	char *html;        /* the cleaned body, never NULL ("" when nothing was found) */
	char *text;        /* the body as plain text: a paragraph a block, blank lines between */
	struct extract_image *images;
	size_t nimages;
	struct extract_link *related; /* the page's own list of other articles */
	size_t nrelated;
	char *profile; /* the profile's name, or "generic" */
};

void extract_article_free(struct extract_article *a);

struct extract_profiles;

/*
 * Loads the profiles: the user's ($XDG_CONFIG_HOME/bantin/sites/), then
 * the installed ones, then those of the source tree (for an uninstalled
 * build); a profile of a name already loaded is skipped, so the user's
 * override. False with err ("FILE:LINE: what") when a file is wrong; a
 * missing directory is no error.
 */
struct extract_profiles *extract_profiles_load(char *err, size_t errlen);
/* The same from these directories only, in this order. */
struct extract_profiles *extract_profiles_load_dirs(const char *const *dirs, size_t ndirs,
						    char *err, size_t errlen);
void extract_profiles_free(struct extract_profiles *p);
/*
 * Whether profile name is loaded (name NULL: whether a profile is meant for
 * url's host). The profile detected from a page (the generic WordPress one)
 * does not count for a host.
 */
bool extract_profiles_has(const struct extract_profiles *p, const char *name, const char *url);

/*
 * Extracts the article of the page html[0..len) fetched from url (its base
 * for relative links; may be NULL). charset is the HTTP Content-Type's
 * (NULL: the page's own meta, else UTF-8 if it is, else windows-1252).
 * site names the profile to use (NULL: by url's host, else detected from
 * the page, else the generic extractor); profiles may be NULL. False with
 * err when the page cannot be parsed or has no body to speak of.
 */
bool extract_page(const struct extract_profiles *profiles, const char *site, const char *html,
		  size_t len, const char *url, const char *charset, struct extract_article *out,
		  char *err, size_t errlen);

/*
 * The feeds a page names (<link rel="alternate"> of RSS, Atom or JSON Feed
 * type), absolute, in the page's order but comment feeds last; owned
 * (free each, then the array). *n is 0 when it names none.
 */
void extract_feed_links(const char *html, size_t len, const char *url, const char *charset,
			char ***out, size_t *n);

/* One item of a listing page. Strings owned. */
struct extract_item {
	char *title, *url;
	char *summary; /* plain text or NULL */
	int64_t published;
};

struct extract_listing {
	struct extract_item *items;
	size_t nitems;
	char *next; /* the next (older) page's URL, or NULL */
};

void extract_listing_free(struct extract_listing *l);

/*
 * Turns a listing page into items with its profile's item expressions
 * (site as for extract_page). False with err when no profile of the page
 * lists items or the page has none.
 */
bool extract_listing(const struct extract_profiles *profiles, const char *site, const char *html,
		     size_t len, const char *url, const char *charset, struct extract_listing *out,
		     char *err, size_t errlen);

#endif
