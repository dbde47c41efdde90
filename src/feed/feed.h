/*
 * feed: feed documents (RSS 0.9x, 1.0 and 2.0, Atom 0.3 and 1.0, JSON
 * Feed 1.0 and 1.1, and the WordPress REST API's list of posts) to items. The XML is read with
 * libxml2's streaming reader, so memory does not grow with the document; each item is handed to a
 * callback as soon as it is complete.
 *
 * Every string that leaves this module is valid UTF-8. Titles, authors and
 * categories are cleaned by the text module (NFC, one line, no controls,
 * escape sequences or bidi overrides); summaries are the HTML as given,
 * cleaned the same way but keeping tabs and newlines. Contents are the
 * HTML as given, not cleaned: they are only shown through html_to_doc or
 * html_text, which clean what they make of them.
 * Links are absolute where the document allows it, and so are the URLs
 * inside summaries and contents (against their xml:base, else the
 * document's URL). Entities the document declares are expanded within
 * 64 KiB. No document can make the parser read a file or the network (no
 * external entities, no DTDs).
 */
#ifndef BANTIN_FEED_H
#define BANTIN_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum feed_format {
	FEED_FORMAT_UNKNOWN,
	FEED_FORMAT_RSS20,
	FEED_FORMAT_RSS10,
	FEED_FORMAT_RSS09X,
	FEED_FORMAT_ATOM10,
	FEED_FORMAT_ATOM03,
	FEED_FORMAT_JSONFEED,
	FEED_FORMAT_WPREST, /* the WordPress REST API's posts (/wp-json/wp/v2/posts) */
};

/* "rss2.0", "rss1.0", "rss0.9x", "atom1.0", "atom0.3", "jsonfeed", "wp-rest" or "unknown". */
const char *feed_format_name(enum feed_format format);

/* A time that is not there. */
#define FEED_NO_DATE INT64_MIN
/* The size of "2022-12-29T09:05:00Z" with its NUL. */
#define FEED_DATE_LEN 32
/* A title, author or category is cut to this many cells (with "…"); a longer link or id is
   dropped. */
#define FEED_LINE_MAX 1000
#define FEED_LINK_MAX 8192
/* The largest document parsed unless told otherwise: 16 MiB. */
#define FEED_MAX_SIZE_DEFAULT ((size_t)16 << 20)

struct feed_enclosure {
	char *url;
	char *type;     /* MIME type, "" when unknown */
	int64_t length; /* bytes, -1 when unknown */
};

struct feed_item {
	char *id;    /* guid, atom:id or JSON id; the link when there is none */
	char *title; /* plain text */
	char *link;  /* absolute when possible */
	char *author;
	int64_t published; /* seconds since the epoch, UTC, or FEED_NO_DATE */
	int64_t updated;
	char **categories;
	size_t ncategories;
	char *summary; /* HTML as given, its URLs made absolute */
	char *content; /* the same, not cleaned: the richest body the item has */
	struct feed_enclosure *enclosures;
	size_t nenclosures;
};

struct feed_info {
	enum feed_format format;
	char *title;
	char *link;
	char *description;
	char *language;
};

struct feed_parse_opts {
	const char *url;          /* the document's URL, for relative links; NULL if none */
	const char *content_type; /* HTTP Content-Type, whose charset counts; NULL if none */
	size_t max_size;          /* refuse larger documents (after gunzip); 0: the default */
};

enum feed_status {
	FEED_OK,
	FEED_PARTIAL,  /* the document is broken, but the items before the break were kept */
	FEED_ERROR,    /* not a usable feed: nothing was kept */
	FEED_IO_ERROR, /* the document could not be read to its end */
};

/* An item for the callback, which may take its strings (leaving NULL in their place). */
typedef void (*feed_item_cb)(struct feed_item *item, void *arg);

/*
 * Parses a feed document (possibly gzip-compressed). Calls cb with each
 * item in document order (the item is borrowed for the call); fills info
 * (owned: feed_info_free). On FEED_ERROR or FEED_IO_ERROR (no info to
 * free), err says what is wrong, as
 * "not a feed (an HTML page)"; on FEED_PARTIAL, what was broken.
 */
enum feed_status feed_parse(const char *body, size_t len, const struct feed_parse_opts *opts,
			    struct feed_info *info, feed_item_cb cb, void *arg, char *err,
			    size_t errlen);
/* Same, reading the document from fd until its end (memory stays flat). */
enum feed_status feed_parse_fd(int fd, const struct feed_parse_opts *opts, struct feed_info *info,
			       feed_item_cb cb, void *arg, char *err, size_t errlen);
void feed_info_free(struct feed_info *info);

/* ---- feed_opml.c: OPML subscription lists ---- */

struct feed_opml_entry {
	char *url;   /* http or https */
	char *title; /* NULL when none */
	char **tags; /* the folders it is in, then its category words */
	size_t ntags;
};

struct feed_opml {
	struct feed_opml_entry *v;
	size_t n;
	char **warnings; /* "line N: what; skipped" */
	size_t nwarnings;
};

/*
 * Reads an OPML 1.0 or 2.0 document: its feeds, each once (a feed in two
 * folders has both tags), in document order. Nothing is fetched; a URL that
 * is not http(s) is a warning; a document declaring entities is refused.
 * False with err when it is no OPML document.
 */
bool feed_opml_parse(const char *doc, size_t len, struct feed_opml *out, char *err, size_t errlen);
void feed_opml_free(struct feed_opml *o);

/*
 * Sets up libxml2 for untrusted documents (no external entities, errors
 * collected rather than printed); once, before any parsing. Cleanup frees
 * what libxml2 holds, at exit.
 */
void feed_global_init(void);
void feed_global_cleanup(void);
/* The same quiet error handling in another thread that parses (libxml2 keeps it per thread). */
void feed_thread_init(void);

/* Copies the value of "charset=" in an HTTP Content-Type into out; false if none. */
bool feed_http_charset(const char *content_type, char *out, size_t outlen);
/* Plain text as HTML (Atom type="text", JSON content_text, a listing's summary): escaped,
   newlines as <br>; owned. */
char *feed_text_to_html(const char *s);

/* ---- feed_date.c ---- */

/* Parses a feed's date into seconds since the epoch, UTC; false if it is not one. */
bool feed_date_parse(const char *s, int64_t *out);
/* Writes t as "2022-12-29T09:05:00Z". */
void feed_date_format(int64_t t, char out[FEED_DATE_LEN]);

#endif
