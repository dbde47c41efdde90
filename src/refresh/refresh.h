/*
 * refresh: brings feeds in the cache up to date. net fetches (conditional
 * GET with the validators the store kept), feed parses each finished body,
 * html makes each article's plain text for the index, and store writes
 * each feed in one transaction. Then the web pages of articles that are
 * summaries only (of sites with a profile, or of full-article=yes feeds)
 * are fetched, and extract makes each an article the store keeps. Progress is reported through a
 * callback, one event per finished feed, so the command line and the reader share it.
 *
 * Parsing (and the index text) runs on worker threads, each reading the
 * store through a connection of its own; the calling thread moves
 * transfers on and is the only one that writes to the store. net's types
 * stay inside refresh: its users see refresh_opts only.
 */
#ifndef BANTIN_REFRESH_H
#define BANTIN_REFRESH_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store.h"

enum refresh_outcome {
	REFRESH_UPDATED,   /* fetched and stored (maybe with nothing new) */
	REFRESH_UNCHANGED, /* 304 Not Modified: nothing parsed, nothing written */
	REFRESH_FAILED,
};

enum refresh_event_kind {
	REFRESH_EVENT_FEED,
	REFRESH_EVENT_PAGE, /* an article's web page */
};

/* One feed, or one article's page, is done. Strings are borrowed for the call. */
struct refresh_event {
	enum refresh_event_kind kind;
	int64_t feed_id;
	int64_t article_id; /* a page's article */
	const char *url;    /* as the feeds file says; a page's URL */
	enum refresh_outcome outcome;
	size_t added, updated;
	const char *error;    /* REFRESH_FAILED: one line, e.g. "HTTP 404 Not Found" */
	const char *warning;  /* or NULL: e.g. the document broke after some items */
	const char *moved_to; /* a permanent redirect: the new location, now used */
	/* the feed's URL gave no feed (found_because says why) but this place did, now used:
	   found_how says what it is ("the WordPress REST API"); once, when first found */
	const char *found, *found_how, *found_because;
	int older_page;     /* --older: which of the feed's older pages, else 0 */
	int64_t retry_in;   /* a page that failed: tried again in this many seconds */
	size_t done, total; /* feeds and pages finished and queued so far */
};

typedef void (*refresh_fn)(const struct refresh_event *e, void *arg);

/* How a refresh fetches; 0 or NULL: the default. */
struct refresh_opts {
	long connect_timeout_ms;   /* 15 s */
	long timeout_ms;           /* the whole transfer: 60 s */
	long stall_ms;             /* receiving nothing this long: 20 s */
	size_t max_size;           /* a document, decoded: 16 MiB */
	const char *proxy;         /* the environment's (http_proxy and the like); borrowed */
	const char *user_agent;    /* "bantin/VERSION"; borrowed */
	long max_connections;      /* in all: 16 */
	long max_host_connections; /* to one host: 16 */
	bool no_pages;             /* fetch no article's page (those due stay due) */
	int older;                 /* also fetch up to this many older pages of each feed */
	int workers; /* parsing threads; 0: one per processor but one (the store writes on its own)
		      */
};

/*
 * Default options but what the settings file s says (timeouts, size limit,
 * proxy, connections, user agent; s may be NULL). A refresh says it is
 * "bantin/VERSION" unless the settings say otherwise.
 */
void refresh_opts_init(struct refresh_opts *o, const struct config_settings *s);

/*
 * store_open, the store then handed html's way of making an article's text
 * from its HTML (store_set_text): how the command line and the reader open
 * the cache.
 */
struct store *refresh_store_open(const char *path, int flags, char *err, size_t errlen);

/* Sets up the libraries a refresh uses (libcurl, libxml2), once, before any thread; and at exit. */
void refresh_global_init(void);
void refresh_global_cleanup(void);

/* A feed that a URL offers (refresh_probe). */
struct refresh_found {
	char *url;
	char *title;        /* NULL when it has none */
	const char *format; /* "rss2.0", "atom1.0"... */
};

/*
 * The feeds url offers: itself when it is a feed; else those its page names,
 * else those at the usual places of its site (/feed/, /rss, /atom.xml...);
 * each fetched and read, a comments feed only when there is nothing else.
 * False with err ("HTTP 404 Not Found", "no feed found: ...").
 */
bool refresh_probe(const char *url, const struct refresh_opts *o, struct refresh_found **out,
		   size_t *n, char *err, size_t errlen);
void refresh_found_free(struct refresh_found *v, size_t n);

/*
 * What settings s keep (keep-days, keep-per-feed): the cleanup after a
 * refresh, when they say any; r says what went (free it). False with err.
 */
bool refresh_cleanup(struct store *st, const struct config_settings *s,
		     struct store_cleanup_result *r, char *err, size_t errlen);

struct refresh;

/* A refresh writing into st (borrowed; it must outlive the refresh). */
struct refresh *refresh_new(struct store *st, const struct refresh_opts *o, refresh_fn fn,
			    void *arg);
void refresh_free(struct refresh *r);
/* What the feeds file says of a feed, borrowed. */
struct refresh_feed_opts {
	const char *cafile;
	bool insecure;
	const char *site; /* the site profile its pages are read with, or NULL */
	int full;         /* full-article=: 1 every item's page, 0 none, -1 summaries' */
};

/*
 * Queues feed id of the store (its URL, location and validators are read
 * from there) with fo's settings (NULL: none); false with err when it
 * cannot be read. Its articles' pages that are due follow it.
 */
bool refresh_add(struct refresh *r, int64_t feed_id, const struct refresh_feed_opts *fo, char *err,
		 size_t errlen);
/* Something to say once about the whole refresh (the site profiles cannot be read), or NULL. */
const char *refresh_warning(const struct refresh *r);
/* How many pages were queued so far. */
size_t refresh_pages(const struct refresh *r);
/* The feeds file, each feed with its number in the cache. */
struct refresh_feeds {
	struct config_feeds file;
	int64_t *ids; /* ids[i]: file.v[i]'s feed in the cache */
};

/*
 * Reads the feeds file at path (NULL: the default place, where it is
 * created when missing) and makes sure each of its feeds is in the cache,
 * with its name. False with err ("FILE:LINE: what").
 */
bool refresh_feeds_open(struct store *st, const char *path, struct refresh_feeds *out, char *err,
			size_t errlen);
void refresh_feeds_free(struct refresh_feeds *f);
/* Queues feed id with the TLS settings the feeds file gives it (none when it is not there). */
bool refresh_add_feed(struct refresh *r, const struct refresh_feeds *f, int64_t id, char *err,
		      size_t errlen);

/*
 * Queues the web page url of article article_id of feed_id (read with the
 * settings f gives the feed; f may be NULL): fetched even while feeds are
 * (the reader asked for it), reported as a page event.
 */
void refresh_add_page(struct refresh *r, const struct refresh_feeds *f, int64_t feed_id,
		      int64_t article_id, const char *url);
/* Whether feeds are still in progress. */
bool refresh_busy(const struct refresh *r);
/*
 * Moves the refresh on for at most timeout_ms: waits for network activity
 * or one of extra's descriptors (revents filled in), then handles what
 * finished.
 */
void refresh_step(struct refresh *r, struct pollfd *extra, unsigned nextra, int timeout_ms);

#endif
