/* Shared by the files of the store module. */
#ifndef BANTIN_STORE_INTERNAL_H
#define BANTIN_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

/* Every statement the store runs, prepared once and kept (store.c has the SQL). */
enum store_sql {
	STORE_SQL_BEGIN,
	STORE_SQL_COMMIT,
	STORE_SQL_ROLLBACK,
	STORE_SQL_FEED_INSERT,
	STORE_SQL_FEED_ID,
	STORE_SQL_FEED_SET_NAME,
	STORE_SQL_FEED_GET,
	STORE_SQL_FEEDS_LIST,
	STORE_SQL_FEED_SET_URL,
	STORE_SQL_FEED_FAILED,
	STORE_SQL_FEED_UNCHANGED,
	STORE_SQL_FEED_UPDATED,
	STORE_SQL_ARTICLE_FIND,
	STORE_SQL_ARTICLE_INSERT,
	STORE_SQL_ARTICLE_UPDATE,
	STORE_SQL_FTS_INSERT,
	STORE_SQL_FTS_DELETE,
	STORE_SQL_ROWS_ALL,
	STORE_SQL_ROWS_UNREAD,
	STORE_SQL_ROWS_FEED,
	STORE_SQL_ROWS_FEED_UNREAD,
	STORE_SQL_ROWS_ALL_REV, /* the four above, from the end: in this order */
	STORE_SQL_ROWS_UNREAD_REV,
	STORE_SQL_ROWS_FEED_REV,
	STORE_SQL_ROWS_FEED_UNREAD_REV,
	STORE_SQL_ROWS_COUNT,
	STORE_SQL_ROWS_SET,
	STORE_SQL_ROWS_STARRED,
	STORE_SQL_ROWS_SET_COUNT,
	STORE_SQL_COUNT_ALL,
	STORE_SQL_COUNT_UNREAD,
	STORE_SQL_COUNT_FEED,
	STORE_SQL_COUNT_FEED_UNREAD,
	STORE_SQL_ROW_INDEX,
	STORE_SQL_ARTICLE_GET,
	STORE_SQL_MARK_READ,
	STORE_SQL_MARK_ALL_READ,
	STORE_SQL_MARK_FEED_READ,
	STORE_SQL_STAR,
	STORE_SQL_COUNTS,
	STORE_SQL_SEARCH_RANKED,
	STORE_SQL_SEARCH_FILTERED,
	STORE_SQL_SEARCH_UNRANKED,
	STORE_SQL_SEARCH_COUNT,
	STORE_SQL_RELATED,
	STORE_SQL_RELATED_SOURCE,
	STORE_SQL_RELATED_NEIGHBOURS,
	STORE_SQL_RELATED_SELF,
	STORE_SQL_MATCH_COUNT,
	STORE_SQL_SEARCH_WINDOW,
	STORE_SQL_MATCH_WINDOW,
	STORE_SQL_INDEX_COUNT,
	STORE_SQL_ARTICLE_TEXT,
	STORE_SQL_REINDEX_ROWS,
	STORE_SQL_FTS_DELETE_ALL,
	STORE_SQL_FTS_CHECK,
	STORE_SQL_PAGES_DUE,
	STORE_SQL_PAGES_WANT,
	STORE_SQL_PAGE_SET,
	STORE_SQL_PAGE_UNCHANGED,
	STORE_SQL_PAGE_FAILED,
	STORE_SQL_LINKS_DELETE,
	STORE_SQL_LINK_INSERT,
	STORE_SQL_LINKS,
	STORE_SQL_LINK_ARTICLE,
	STORE_SQL_LINK_ADD,
	STORE_SQL_ROW_GET,
	STORE_SQL_DUP_SET,
	STORE_SQL_NEXT_UNREAD,
	STORE_SQL_REMOVED_FIND,
	STORE_SQL_REMOVED_ADD,
	STORE_SQL_DUP_PROMOTE,
	STORE_SQL_DUP_REPOINT,
	STORE_SQL_ARTICLE_DELETE,
	STORE_SQL_CLEANUP_LIST,
	STORE_SQL_COUNT
};

/*
 * The page cache (PRAGMA cache_size: KiB when negative), and while a
 * refresh writes: each feed's transaction touches few pages again once it
 * is committed. Measured on 200 feeds: 8 MiB bought no time, 1.5 MiB cost
 * none (and saves half a MiB of a refresh's peak), 1 MiB cost 4 %.
 */
#define STORE_CACHE         "-8192"
#define STORE_CACHE_REFRESH "-1536"

/*
 * How large the log file stays when it starts over (PRAGMA
 * journal_size_limit), but while a refresh writes: it grows past 100 MiB
 * then, and would be cut and grown again each time (measured: 0.3 s more
 * for 200 feeds), so the limit is off and the first write after the
 * refresh shrinks it, in a reader that stays open.
 */
#define STORE_LOG_LIMIT         "16777216"
#define STORE_LOG_LIMIT_REFRESH "-1"

struct store {
	sqlite3 *db;
	char *path;  /* as given, for messages */
	char *shown; /* the file's name as messages show it */
	sqlite3_stmt *stmts[STORE_SQL_COUNT];
	struct store_ckpt *ckpt; /* checkpoints apart, while on (store_checkpoint.c) */
	bool reader;             /* store_open_reader's: it never writes */
	bool readonly;           /* opened read-only: it cannot write */
	store_text_fn text;      /* an article's text from its HTML (store_set_text) */
	bool has_removed;        /* the cache has the table of removed articles (a cleanup's) */
};

/* Runs sql (no rows); false with err "FILE: what: SQLite's message". */
bool store_exec(struct store *st, const char *sql, const char *what, char *err, size_t errlen);
/* Whether feed_id's article with guid was removed by a cleanup (not to be brought back). */
bool store_removed(struct store *st, int64_t feed_id, const char *guid);

/* The prepared statement for sql, reset and with its bindings cleared; NULL with err set. */
sqlite3_stmt *store_stmt(struct store *st, enum store_sql sql, char *err, size_t errlen);
/* Writes "FILE: what: SQLite's message" into err. */
void store_fail(struct store *st, const char *what, char *err, size_t errlen);
/* Binds s (NULL as NULL) and t (STORE_NO_TIME as NULL). */
void store_bind_text(sqlite3_stmt *s, int col, const char *text);
void store_bind_time(sqlite3_stmt *s, int col, int64_t t);
/* Column col as an owned string (NULL for NULL) and as a time. */
char *store_col_text(sqlite3_stmt *s, int col);
int64_t store_col_time(sqlite3_stmt *s, int col);
/* Reads a row of a list from columns 0 to 8 (id, feed, feed title, title, link, time, read,
   starred, other feeds), and frees one. */
void store_row_read(sqlite3_stmt *s, struct store_row *r);
/*
 * SQL bantin_untitled(summary, content, link): what an article without a
 * title is listed and shown by — the start of its summary's text, else of
 * its body's, else its link (NULL when it has none of them).
 */
void store_sql_untitled(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void store_row_clear(struct store_row *r);
/* Runs a statement that returns no rows; false with err. */
bool store_exec_stmt(struct store *st, sqlite3_stmt *s, const char *what, char *err, size_t errlen);
/* An article's body text, owned: html_text of its content (html_text_raw when raw: what its
   index row is made of). */
char *store_body_text(const struct store *st, const char *content, bool raw);
/* Puts article id's row into the index, made from what the article keeps (its page's article
 * or the feed's body). */
bool store_index_add(struct store *st, int64_t id, char *err, size_t errlen);
/*
 * Index rows queued while a transaction writes articles, and written together at its end
 * (store_update.c says why): a row to take out is made before its article changes or goes.
 */
struct store_index_op {
	int64_t id;
	bool remove;
	const char *text[3]; /* the item's own (index_text), or owned[] */
	char *owned[3];
};

struct store_index_ops {
	struct store_index_op *v;
	size_t n, cap;
};
/* Queues article id's row as what it keeps makes it now, to add or (remove) take out. */
bool store_index_queue_stored(struct store *st, struct store_index_ops *ops, int64_t id,
			      bool remove, char *err, size_t errlen);
/* Writes the queued rows, in order. */
bool store_index_flush(struct store *st, const struct store_index_ops *ops, char *err,
		       size_t errlen);
void store_index_ops_free(struct store_index_ops *ops);
/* One unit of a query: its folded words. */
struct store_unit {
	char **words;
	size_t nwords;
	bool prefix;  /* the last word is a prefix */
	bool exclude; /* articles with it are left out */
};

struct store_squery {
	struct store_unit *units;
	size_t nunits;
	char *feed;    /* folded; NULL: any feed */
	int64_t since; /* STORE_NO_TIME: no bound */
	int64_t before;
};

/* The folded words of s[0..len), appended to u (store_search.c, like those below). */
void store_search_unit_words(struct store_unit *u, const char *s, size_t len);
/* Reads the rows of a search or related statement into hits, with snippets marked for q. */
bool store_search_read_hits(struct store *st, sqlite3_stmt *s, const struct store_squery *q,
			    struct store_hit **out, size_t *n, char *err, size_t errlen);
/* How many articles match expression m, counting no further than cap. */
int64_t store_search_match_count(struct store *st, const char *m, int64_t cap);
/* BM25's inverse document frequency of a phrase in docs of total articles. */
double store_search_idf(int64_t docs, int64_t total);
/* Articles in the index. */
int64_t store_search_index_total(struct store *st);
/* The lowest article id worth ranking when more than window articles match (else 0). */
int64_t store_search_rank_window(struct store *st, const char *match, const struct store_squery *q,
				 int64_t window);

/* Registers bantin_bm25 (store_rank.c) with the connection. */
bool store_rank_register(sqlite3 *db);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
bool store_begin(struct store *st, char *err, size_t errlen);
bool store_commit(struct store *st, char *err, size_t errlen);
void store_rollback(struct store *st);

#endif
