/*
 * store: the cache. One SQLite file holds the feeds, their articles and a
 * full-text index of the articles' text folded for Vietnamese (marks
 * removed, đ to d, lower case). Only this module knows SQL.
 *
 * Invariants:
 * - The file is in WAL mode with a busy timeout, so a cron refresh and
 *   readers share it; each feed's update is one transaction, so a crash
 *   or a kill loses nothing already committed and never half a feed.
 * - Articles are keyed by (feed, guid): an update keeps read and starred
 *   state, and an article that left its feed stays.
 * - The index always holds exactly the articles' current text: it is
 *   written in the same transaction as the article.
 * - An article's body is its web page's article once a refresh fetched
 *   it (store_page_set), else what the feed gave: lists, search, the index
 *   and the reader all read the one the article has.
 * - Everything handed out is owned plain data; no statement outlives a
 *   call.
 */
#ifndef BANTIN_STORE_H
#define BANTIN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A time that is not there (the same value as FEED_NO_DATE). */
#define STORE_NO_TIME INT64_MIN

struct store;

enum store_open_flags {
	STORE_OPEN_CREATE = 1 << 0, /* create the file (and its directory) when missing */
	/* only to read: the file must be there; when it (or its directory, where SQLite keeps
	   its log) cannot be written, it is opened read-only and nothing is ever written */
	STORE_OPEN_READ = 1 << 1,
};

/*
 * Opens (and creates) the cache at path. err names the file and the
 * problem, e.g. "cache.db: not a bantin cache (file is not a database)";
 * a cache of another schema version is refused and left as it is.
 */
struct store *store_open(const char *path, int flags, char *err, size_t errlen);
/* Whether st was opened read-only (STORE_OPEN_READ on a cache that cannot be written). */
bool store_readonly(const struct store *st);
/*
 * A number that changes when another connection (another bantin: a cron
 * refresh, a mark-read) has changed the cache since the last call; st's own
 * writes leave it as it is. -1 when it cannot be read.
 */
int64_t store_data_version(struct store *st);
/*
 * What makes an article's plain text from its HTML: raw for the index
 * (folded after, so not cleaned), else cleaned (search snippets, an
 * untitled article's stand-in). Owned. The store parses no HTML: whoever
 * opens it hands it this (refresh_store_open gives html's); until then an
 * article's body has no text.
 */
typedef char *(*store_text_fn)(const char *html, size_t len, bool raw);
void store_set_text(struct store *st, store_text_fn fn);
void store_close(struct store *st);
/*
 * Another connection to st's file, for another thread, to look articles
 * up with (store_article_hash) while st writes; NULL when none can be had.
 */
struct store *store_open_reader(const struct store *st);
/*
 * The fingerprint (store_item_hash) of feed_id's article with this guid, as
 * stored, into *hash; false when there is none, or it cannot be told.
 */
bool store_article_hash(struct store *st, int64_t feed_id, const char *guid, int64_t *hash);

/* ---- store_feeds.c ---- */

struct store_feed {
	int64_t id;
	char *url; /* as the feeds file says */
	char *
	    location; /* where it moved for good, or was found (and is fetched from); NULL if not */
	char *via;    /* how location was found when the feed's URL gave no feed, else NULL */
	char *title;  /* its name, else the title it gives; NULL until a refresh tells it */
	char *site;   /* the feed's web site */
	char *etag, *last_modified;
	int64_t last_attempt, last_success; /* STORE_NO_TIME when never */
	int last_status;                    /* HTTP status of the last attempt, 0 when none */
	char *last_error;                   /* NULL when the last attempt succeeded */
	int64_t unread, total;              /* articles */
	int64_t pages, pages_failed;        /* articles whose page was fetched, or failed */
	char *page_error;                   /* why the newest failed page failed; NULL: none */
};

void store_feed_free(struct store_feed *f);
void store_feeds_free(struct store_feed *f, size_t n);

/*
 * The n feeds with these URLs, each added when it is not there yet, with
 * its name (from the feeds file; NULL for none) set; their ids into ids.
 * Writes only when something changed, then in one transaction. A read-only
 * store is only looked in: a feed not in it gets id 0.
 */
bool store_feeds_ensure(struct store *st, size_t n, const char *const *urls,
			const char *const *names, int64_t *ids, char *err, size_t errlen);
/* Fills f (owned) for feed id; false with err when there is none. */
bool store_feed_get(struct store *st, int64_t id, struct store_feed *f, char *err, size_t errlen);
/* Every feed with its counts, in id order (feeds are few). */
bool store_feeds_list(struct store *st, struct store_feed **out, size_t *n, char *err,
		      size_t errlen);
/* Records that feed id moved for good to url (NULL: back to its own URL). */
bool store_feed_move(struct store *st, int64_t id, const char *url, char *err, size_t errlen);
/* Records that feed id's articles are at url, found as via says ("the WordPress REST API"). */
bool store_feed_found(struct store *st, int64_t id, const char *url, const char *via, char *err,
		      size_t errlen);
/* Records a failed attempt (status 0 when no HTTP status came back). */
bool store_feed_failed(struct store *st, int64_t id, int64_t now, int status, const char *error,
		       char *err, size_t errlen);
/* Records an attempt answered 304 Not Modified: only the times change. */
bool store_feed_unchanged(struct store *st, int64_t id, int64_t now, char *err, size_t errlen);

/* ---- store_pages.c: articles' web pages ---- */

/* A page to fetch. */
struct store_page_due {
	int64_t id;     /* the article */
	char *url;      /* its link */
	char *etag;     /* validators of the page fetched before, or NULL */
	char *modified; /* likewise */
	int tries;      /* failed attempts so far */
};

void store_pages_due_free(struct store_page_due *p, size_t n);
/*
 * The pages of feed_id's articles that are due at now (never fetched, or
 * failed and their delay over), newest first, max at most. With want_all,
 * articles whose page was not wanted become due first (full-article=yes).
 */
bool store_pages_due(struct store *st, int64_t feed_id, int64_t now, bool want_all, size_t max,
		     struct store_page_due **out, size_t *n, char *err, size_t errlen);

/* A page's article, as extracted; strings borrowed. */
struct store_page {
	const char *html;   /* the article, cleaned */
	const char *author; /* the byline, or NULL */
	int64_t published;  /* or STORE_NO_TIME */
	const char *etag, *modified;
	const char *const *link_titles; /* its list of other articles ("Tin khác") */
	const char *const *link_urls;
	size_t nlinks;
};

/* Article id's body becomes p's article (the index follows), in one transaction. */
bool store_page_set(struct store *st, int64_t id, const struct store_page *p, char *err,
		    size_t errlen);
/* The page was asked with its validators and has not changed (304). */
bool store_page_unchanged(struct store *st, int64_t id, char *err, size_t errlen);
/*
 * The page could not be fetched or read: the article keeps the feed's
 * body, says why, and is tried again at next (a growing delay: the caller's).
 */
bool store_page_failed(struct store *st, int64_t id, int64_t next, const char *error, char *err,
		       size_t errlen);

/*
 * The article of link url: the cached one (feed_id's first, else the
 * newest) into *id, else a new article of feed_id with only this link and
 * title (plain text), its page due. For a "Tin khác" article opened
 * before it is cached.
 */
bool store_article_for_link(struct store *st, int64_t feed_id, const char *url, const char *title,
			    int64_t now, int64_t *id, char *err, size_t errlen);

/* One of an article's own list of other articles. */
struct store_link {
	char *title;
	char *url;
	int64_t article; /* the cached article of that link, or 0 when it is not cached */
};

void store_links_free(struct store_link *l, size_t n);
/* Article id's own list of other articles, in the page's order. */
bool store_links(struct store *st, int64_t id, struct store_link **out, size_t *n, char *err,
		 size_t errlen);

/* ---- store_checkpoint.c ---- */

/*
 * For the length of a refresh: the write-ahead log is copied into the
 * database file by a thread of its own (with its own connection) rather
 * than by the thread that commits, and the page cache is smaller (a
 * refresh writes pages once; memory goes to the feeds in flight). Off
 * again, SQLite's automatic checkpoints and the reader's cache are back.
 * store_close turns it off.
 */
void store_refreshing(struct store *st, bool on);

/* ---- store_update.c ---- */

/* An article as a refresh hands it over; all strings borrowed, NULL for none. */
/*
 * What a feed says of an article, declared once: X(field, TEXT or TIME),
 * in the order of the article statements' parameters ?2 to ?9. The item
 * below, its fingerprint and its binding come from it. (store_article is
 * written out: it owns its strings and holds what the cache adds, and the
 * feed module's items hold lists, not lines.)
 *   link; title (plain text); author; published, updated (STORE_NO_TIME when
 *   unknown); categories (plain text, one per line); summary (plain text);
 *   content (the body's HTML as the feed gave it)
 */
/* clang-format off: one field a line */
#define STORE_ITEM_FIELDS(X)                                                                       \
	X(link, TEXT)                                                                              \
	X(title, TEXT)                                                                             \
	X(author, TEXT)                                                                            \
	X(published, TIME)                                                                         \
	X(updated, TIME)                                                                           \
	X(categories, TEXT)                                                                        \
	X(summary, TEXT)                                                                           \
	X(content, TEXT)
/* clang-format on */
#define STORE_FIELD_TEXT const char *
#define STORE_FIELD_TIME int64_t

struct store_item {
	const char *guid; /* required: the item's id, or its link */
#define STORE_ITEM_MEMBER(field, kind) STORE_FIELD_##kind field;
	STORE_ITEM_FIELDS(STORE_ITEM_MEMBER)
#undef STORE_ITEM_MEMBER
	const char *index[3]; /* store_index_text of the above, or NULLs: the store makes it */
	int64_t hash;         /* store_item_hash of the above, or 0: the store computes it */
	bool page;            /* its web page is wanted: due from now (when new or changed) */
};

/* A fingerprint of everything an item says, to tell a changed one (pure, any thread). */
int64_t store_item_hash(const struct store_item *it);

/*
 * What the search index keeps of an article: its title, summary and body
 * text (html_text_raw of its content), folded (text_fold), owned, in
 * out[0..2]. Touches no database: a refresh computes it on a worker thread
 * and hands it over.
 */
void store_index_text(const char *title, const char *summary, const char *text, char *out[3]);

/* What a feed's update is made of. */
struct store_update {
	int64_t feed_id;
	int64_t now;
	int status; /* HTTP status */
	const char *title, *site;
	const char *etag, *last_modified; /* validators to send next time */
	const struct store_item *items;
	size_t nitems;
	bool older; /* an older page of the feed (refresh --older): the feed's state stays */
};

struct store_update_result {
	size_t added, updated, unchanged;
};

/*
 * Writes a feed's items and its new state in one transaction: new articles
 * are added, changed ones updated (keeping read and starred state), and the
 * index follows. On failure nothing is written.
 */
bool store_update(struct store *st, const struct store_update *u, struct store_update_result *r,
		  char *err, size_t errlen);

/* ---- store_articles.c ---- */

/* One row of an article list. */
struct store_row {
	int64_t id;
	int64_t feed_id;
	char *feed_title; /* the feed's title, or its URL */
	char *title;
	char *link;
	int64_t time; /* published, else updated, else first seen */
	bool read, starred;
	int64_t others; /* the other feeds that carry the same article (its link) */
};

struct store_query {
	int64_t feed_id;      /* 0: every feed */
	const int64_t *feeds; /* else, when nfeeds > 0: the articles of these feeds, each once */
	size_t nfeeds;
	bool unread_only;
	bool starred_only;
	size_t limit; /* rows at most */
	size_t offset;
	/* with after: the rows after this one (its time and id), newest first: a list read page
	   by page from its last row, not by an offset that walks every row before it */
	bool after;
	int64_t after_time, after_id;
};

/* A page of rows, newest first (ties: larger id first). */
bool store_rows(struct store *st, const struct store_query *q, struct store_row **out, size_t *n,
		char *err, size_t errlen);
void store_rows_free(struct store_row *rows, size_t n);
/* The place of article id in q's list (0 first); false with err when it is not in it. */
bool store_row_index(struct store *st, const struct store_query *q, int64_t id, int64_t *index,
		     char *err, size_t errlen);
/* How many rows q selects (its limit and offset aside). */
bool store_rows_count(struct store *st, const struct store_query *q, int64_t *n, char *err,
		      size_t errlen);

/* Where an article's web page stands. */
enum store_page_state {
	STORE_PAGE_DUE,      /* wanted, not fetched yet */
	STORE_PAGE_FETCHED,  /* the body is the page's article */
	STORE_PAGE_FAILED,   /* wanted, the last attempt failed: tried again later */
	STORE_PAGE_UNWANTED, /* the feed's body is the article */
};

/* A whole article. */
struct store_article {
	int64_t id;
	int64_t feed_id;
	char *feed_title;
	char *guid, *link, *title;
	char *author;      /* the feed's, else the page's byline */
	int64_t published; /* the feed's, else the page's date */
	int64_t updated, first_seen;
	char *categories, *summary;
	char *content; /* the page's article (cleaned HTML) once fetched, else the feed's body */
	bool read, starred;
	enum store_page_state page_state;
	char *page_error; /* STORE_PAGE_FAILED: why, one line */
};

/* Fills a (owned) with article id; false with err "no article N" when there is none. */
bool store_article_get(struct store *st, int64_t id, struct store_article *a, char *err,
		       size_t errlen);
void store_article_free(struct store_article *a);

/*
 * The unread article that comes after article after in the list of every
 * article (newest first; duplicates left out), else the newest unread one
 * (0 after: from the top); 0 in *id when none is unread.
 */
bool store_next_unread(struct store *st, int64_t after, int64_t *id, char *err, size_t errlen);

/* Sets the read state of article id; false with err when there is no such article. */
bool store_mark_read(struct store *st, int64_t id, bool read, char *err, size_t errlen);
/* Marks every article of feed_id (0: of every feed) read; how many changed in *n. */
bool store_mark_all_read(struct store *st, int64_t feed_id, int64_t *n, char *err, size_t errlen);
/* Sets the starred state of article id. */
bool store_star(struct store *st, int64_t id, bool starred, char *err, size_t errlen);

/* ---- store_cleanup.c: keeping the cache in bounds ---- */

struct store_cleanup {
	int64_t keep_days;     /* read, unstarred articles older than this go; 0: no limit */
	int64_t keep_per_feed; /* those past the feed's newest N go; 0: no limit */
	int64_t now;
	bool dry_run; /* only count */
	bool vacuum;  /* make the file smaller whatever was removed */
};

struct store_cleanup_result {
	struct {
		int64_t feed_id, removed;
	} * feeds; /* the feeds something went from */
	size_t nfeeds;
	int64_t removed;
	bool vacuumed;
};

/*
 * Removes the read, unstarred articles c says, a feed in one transaction;
 * unread and starred ones stay. A refresh never brings a removed one back.
 */
bool store_cleanup_run(struct store *st, const struct store_cleanup *c,
		       struct store_cleanup_result *r, char *err, size_t errlen);
void store_cleanup_result_free(struct store_cleanup_result *r);

/* ---- store_recover.c: what a damaged cache still holds ---- */

struct store_recover_result {
	int64_t before; /* the articles the damaged cache's index knew of (0: unknown) */
	int64_t feeds, articles, links; /* saved */
};

/*
 * Copies what can be read of the damaged cache at path into st (a new,
 * empty cache): feeds, articles with their state and pages, their links.
 * The index is not made: store_reindex then. False with err when nothing
 * can be read.
 */
bool store_recover_from(struct store *st, const char *path, struct store_recover_result *r,
			char *err, size_t errlen);

/* ---- store_search.c: full-text search and related articles ---- */

/* A byte range [start, end) of a string: a match to highlight. */
struct store_mark {
	size_t start, end;
};

/* One search result or related article. */
struct store_hit {
	struct store_row row;
	double score;                   /* lower is better (bm25); 0 when not ranked */
	struct store_mark *title_marks; /* the query's words in the title */
	size_t ntitle_marks;
	char *snippet; /* one line of the article's text around the first match, "…" where cut */
	struct store_mark *marks; /* the query's words in the snippet */
	size_t nmarks;
	bool own; /* related: from the article's page's own list ("Tin khác"); a row.id of 0 is one
		     not in the cache (row.title and row.link only, row.time STORE_NO_TIME) */
};

void store_hits_free(struct store_hit *h, size_t n);

/*
 * Searches the cache. query: words (all must match, without regard to
 * marks, case or đ), "a phrase", prefix*, -excluded, feed:NAME,
 * since:YYYY-MM-DD, until:YYYY-MM-DD (Vietnam time, both days included).
 * Ranked by bm25 with the title weighing most, ties by recency. Nothing a
 * user types is an error of the index's own query language; a query that
 * cannot mean anything gets err, e.g. "nothing to search for".
 */
bool store_search(struct store *st, const char *query, size_t limit, size_t offset,
		  struct store_hit **out, size_t *n, char *err, size_t errlen);

/* At most this many matches (the newest) are ranked for a search: pages past them are empty. */
#define STORE_SEARCH_RANKED 5000
/* Whether query can be searched for; err says why not ("nothing to search for"). */
bool store_search_check(const char *query, char *err, size_t errlen);
/* How many articles query finds (*total), and how many of them are unread (*unread). */
bool store_search_count(struct store *st, const char *query, int64_t *total, int64_t *unread,
			char *err, size_t errlen);

/*
 * Articles related to article id, best first: first its page's own list of
 * other articles ("Tin khác", store_links) in the page's order, the cached
 * ones as rows and the others by title and link; then those sharing its most
 * distinctive words and word pairs (title and summary, Vietnamese stop
 * words left out), ties broken by the same category, then recency. The
 * article itself, others with the same title and any article twice are left
 * out; limit in all.
 */
bool store_related(struct store *st, int64_t id, size_t limit, struct store_hit **out, size_t *n,
		   char *err, size_t errlen);

/* Rebuilds the search index from the articles; how many were indexed in *n. */
bool store_reindex(struct store *st, int64_t *n, char *err, size_t errlen);
/* Checks the database and its index; err says what is wrong. */
bool store_check(struct store *st, char *err, size_t errlen);

/* Article and index counts, for checks: articles, index rows. */
bool store_counts(struct store *st, int64_t *articles, int64_t *indexed, char *err, size_t errlen);

#endif
