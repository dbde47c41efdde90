/*
 * store.c: opening the cache, its schema, and the cache of prepared
 * statements every other file of the module uses.
 *
 * The schema's version is PRAGMA user_version, 2: a new cache gets the
 * whole schema in one transaction, a cache of version 1 gains what version
 * 2 added (the article pages) in one transaction, and a cache of any other
 * version is refused with a line saying what to do, and never changed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "store_internal.h"
#include "text.h"

/* Waits this long for another writer (a cron refresh, say) before giving up. */
#define STORE_BUSY_MS 30000

/*
 * What version 2 adds to an article: its web page, when it was fetched
 * (refresh) — the page's article as cleaned HTML, the byline and date the
 * page gives, where it stands (page_state: 0 due, 1 fetched, 2 failed,
 * 3 not wanted), the failed attempts and when the next may be, the
 * validators to check it again with, and why the last attempt failed —
 * and the page's own list of other articles ("Tin khác"), in its order;
 * and how a feed's articles were found when its own URL gave none (via:
 * its location is then that place, not a permanent redirect's); and, for
 * an article whose link an earlier article of another feed has (a site's
 * main and category feeds, a blog's RSS and Atom), that article (dup):
 * lists across feeds, search and related show the first one only.
 * The columns come after the feed's text, as ALTER TABLE puts them on a
 * cache of version 1: only the index below reads page_state for a list.
 */
#define STORE_SCHEMA_PAGES                                                                         \
	"ALTER TABLE articles ADD COLUMN page TEXT;"                                               \
	"ALTER TABLE articles ADD COLUMN page_author TEXT;"                                        \
	"ALTER TABLE articles ADD COLUMN page_published INTEGER;"                                  \
	"ALTER TABLE articles ADD COLUMN page_state INTEGER NOT NULL DEFAULT 3;"                   \
	"ALTER TABLE articles ADD COLUMN page_tries INTEGER NOT NULL DEFAULT 0;"                   \
	"ALTER TABLE articles ADD COLUMN page_next INTEGER;"                                       \
	"ALTER TABLE articles ADD COLUMN page_etag TEXT;"                                          \
	"ALTER TABLE articles ADD COLUMN page_modified TEXT;"                                      \
	"ALTER TABLE articles ADD COLUMN page_error TEXT;"                                         \
	"CREATE TABLE article_links ("                                                             \
	" article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"                  \
	" pos INTEGER NOT NULL,"                                                                   \
	" title TEXT,"                                                                             \
	" url TEXT NOT NULL,"                                                                      \
	" PRIMARY KEY (article_id, pos)) WITHOUT ROWID;"                                           \
	"CREATE INDEX articles_by_link ON articles (link);"                                        \
	"ALTER TABLE feeds ADD COLUMN via TEXT;"                                                   \
	"ALTER TABLE articles ADD COLUMN dup INTEGER;"                                             \
	"UPDATE articles SET dup = (SELECT min(b.id) FROM articles b WHERE b.link = articles.link" \
	" AND b.id < articles.id) WHERE link IS NOT NULL;"                                         \
	"CREATE INDEX articles_dups ON articles (dup, read) WHERE dup IS NOT NULL;"                \
	"CREATE INDEX articles_pages ON articles (feed_id, page_state, time);"                     \
	"PRAGMA user_version = 2;"

/*
 * The schema, version 1: feeds, articles (the small columns first: SQLite
 * reads a column by walking the record from its start, so read and starred
 * behind an article's text would cost a walk through its overflow pages
 * for every row a list counts or shows), their indexes, the folded
 * full-text index and its vocabulary.
 */
static const char store_schema[] =
    "CREATE TABLE feeds ("
    " id INTEGER PRIMARY KEY,"
    " url TEXT NOT NULL UNIQUE," /* as the feeds file says */
    " name TEXT,"                /* the feeds file's "~Name" */
    " location TEXT,"            /* where it moved to for good (301/308): fetched instead */
    " title TEXT,"
    " site TEXT,"
    " etag TEXT,"
    " last_modified TEXT,"
    " last_attempt INTEGER,"
    " last_success INTEGER,"
    " last_status INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT);"
    "CREATE TABLE articles ("
    " id INTEGER PRIMARY KEY,"
    " feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
    " read INTEGER NOT NULL DEFAULT 0,"
    " starred INTEGER NOT NULL DEFAULT 0,"
    " time INTEGER NOT NULL," /* published, else updated, else first seen: the sort key */
    " hash INTEGER NOT NULL," /* of what the feed said, to see changes cheaply */
    " published INTEGER,"
    " updated INTEGER,"
    " first_seen INTEGER NOT NULL,"
    " guid TEXT NOT NULL,"
    " title TEXT,"
    " link TEXT,"
    " author TEXT,"
    " categories TEXT,"
    " summary TEXT,"
    " content TEXT,"
    " UNIQUE (feed_id, guid));"
    "CREATE INDEX articles_by_time ON articles (time DESC, id DESC);"
    "CREATE INDEX articles_by_feed ON articles (feed_id, time DESC, id DESC);"
    "CREATE INDEX articles_unread ON articles (time DESC, id DESC) WHERE read = 0;"
    "CREATE INDEX articles_feed_read ON articles (feed_id, read);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, body, content='',"
    " tokenize='unicode61 remove_diacritics 2');"
    /* how many articles hold each word, for choosing related articles' terms */
    "CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, 'row');"
    /* Ranking: a match in the title counts ten times one in the body, the summary four. */
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');"
    /* The index merges its segments less eagerly while it is written (16 of a size
       before merging them, not 4): a third less work for a refresh, a few more
       segments for a search to look in. */
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 64);"
    /* and version 2 */
    STORE_SCHEMA_PAGES;

/* A cache of version 1 becomes one of version 2. */
static const char store_schema_v1_to_v2[] = STORE_SCHEMA_PAGES;

#define STORE_VERSION 2

/* An article's title as lists and the reader show it: an untitled one's stand-in otherwise. */
#define STORE_TITLE "coalesce(nullif(a.title, ''), bantin_untitled(a.summary, a.content, a.link))"

static const char *const store_sql_text[STORE_SQL_COUNT] = {
    [STORE_SQL_BEGIN] = "BEGIN IMMEDIATE",
    [STORE_SQL_COMMIT] = "COMMIT",
    [STORE_SQL_ROLLBACK] = "ROLLBACK",
    [STORE_SQL_FEED_INSERT] = "INSERT INTO feeds (url) VALUES (?1) ON CONFLICT (url) DO NOTHING",
    [STORE_SQL_FEED_ID] = "SELECT id, name FROM feeds WHERE url = ?1",
    [STORE_SQL_FEED_SET_NAME] = "UPDATE feeds SET name = ?2 WHERE id = ?1",
/* A feed as store_feed_read reads it. */
#define STORE_FEED_SELECT                                                                          \
	"SELECT f.id, f.url, f.location, coalesce(f.name, f.title), f.site, f.etag,"               \
	" f.last_modified, f.last_attempt, f.last_success, f.last_status, f.last_error,"           \
	" (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0),"                \
	" (SELECT count(*) FROM articles a WHERE a.feed_id = f.id),"                               \
	" (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.page_state = 1),"          \
	" (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.page_state = 2),"          \
	" (SELECT a.page_error FROM articles a WHERE a.feed_id = f.id AND a.page_state = 2"        \
	" ORDER BY a.time DESC LIMIT 1), f.via FROM feeds f"
    [STORE_SQL_FEED_GET] = STORE_FEED_SELECT " WHERE f.id = ?1",
    [STORE_SQL_FEEDS_LIST] = STORE_FEED_SELECT " ORDER BY f.id",
#undef STORE_FEED_SELECT
    [STORE_SQL_FEED_SET_URL] = "UPDATE feeds SET location = ?2, via = ?3 WHERE id = ?1",
    [STORE_SQL_FEED_FAILED] = "UPDATE feeds SET last_attempt = ?2, last_status = ?3,"
			      " last_error = ?4 WHERE id = ?1",
    [STORE_SQL_FEED_UNCHANGED] = "UPDATE feeds SET last_attempt = ?2, last_success = ?2,"
				 " last_status = 304, last_error = NULL WHERE id = ?1",
    [STORE_SQL_FEED_UPDATED] =
	"UPDATE feeds SET last_attempt = ?2, last_success = ?2, last_status = ?3,"
	" last_error = NULL, title = coalesce(?4, title), site = coalesce(?5, site),"
	" etag = ?6, last_modified = ?7 WHERE id = ?1",
    [STORE_SQL_ARTICLE_FIND] = "SELECT id, hash, page IS NOT NULL FROM articles"
			       " WHERE feed_id = ?1 AND guid = ?2",
    /* ?2 to ?9 are an item's fields in both (store_bind_item), ?10 its fingerprint, ?13
       whether its page is wanted. */
    [STORE_SQL_ARTICLE_INSERT] =
	"INSERT INTO articles (feed_id, guid, first_seen, link, title, author, published, updated,"
	" time, categories, summary, content, hash, page_state)"
	" VALUES (?1, ?11, ?12, ?2, ?3, ?4, ?5, ?6, coalesce(?5, ?6, ?12), ?7, ?8, ?9, ?10,"
	" CASE WHEN ?13 THEN 0 ELSE 3 END)",
    /* A changed item whose page is wanted has it fetched again (conditionally when it was
       fetched before); the page's date stands in for a date the feed does not give. */
    [STORE_SQL_ARTICLE_UPDATE] =
	"UPDATE articles SET link = ?2, title = ?3, author = ?4, published = ?5, updated = ?6,"
	" time = coalesce(?5, page_published, ?6, first_seen), categories = ?7, summary = ?8,"
	" content = ?9, hash = ?10, page_state = CASE WHEN ?13 THEN 0 ELSE page_state END,"
	" page_tries = CASE WHEN ?13 THEN 0 ELSE page_tries END,"
	" page_next = CASE WHEN ?13 THEN NULL ELSE page_next END WHERE id = ?1",
    /* Cleanup: what it removed, and the article removed with what refers to it. */
    [STORE_SQL_REMOVED_FIND] = "SELECT 1 FROM removed WHERE feed_id = ?1 AND guid = ?2",
    [STORE_SQL_REMOVED_ADD] = "INSERT OR IGNORE INTO removed (feed_id, guid)"
			      " SELECT ?2, ?3 WHERE ?1 = ?1 AND ?3 IS NOT NULL",
    /* the first duplicate of a removed article stands for it, the others then duplicate it */
    [STORE_SQL_DUP_PROMOTE] = "UPDATE articles SET dup = NULL WHERE id ="
			      " (SELECT min(id) FROM articles WHERE dup = ?1)",
    [STORE_SQL_DUP_REPOINT] = "UPDATE articles SET dup = (SELECT min(id) FROM articles WHERE"
			      " dup = ?1) WHERE dup = ?1",
    [STORE_SQL_ARTICLE_DELETE] = "DELETE FROM articles WHERE id = ?1",
    /* feed ?1's read, unstarred articles older than ?2 or past its newest ?3 (-1: no limit) */
    [STORE_SQL_CLEANUP_LIST] =
	"SELECT id, guid FROM articles WHERE feed_id = ?1 AND read = 1 AND starred = 0"
	" AND (time < ?2 OR (?3 >= 0 AND id NOT IN (SELECT id FROM articles WHERE feed_id = ?1"
	" ORDER BY time DESC, id DESC LIMIT ?3)))",
    [STORE_SQL_FTS_INSERT] =
	"INSERT INTO articles_fts (rowid, title, summary, body) VALUES (?1, ?2, ?3, ?4)",
    [STORE_SQL_FTS_DELETE] = "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body)"
			     " VALUES ('delete', ?1, ?2, ?3, ?4)",
/* Articles that are not another's duplicate (a list of the partial index, read once). */
#define STORE_NOT_DUP " a.id NOT IN (SELECT id FROM articles WHERE dup IS NOT NULL)"
/* The feed's name; and (the last column of a row) how many other feeds carry the article. */
#define STORE_FEEDS  "coalesce(f.name, f.title, f.url)"
#define STORE_OTHERS "(SELECT count(*) FROM articles d WHERE d.dup = a.id)"
#define STORE_ROWS(where, order)                                                                   \
	"SELECT a.id, a.feed_id, " STORE_FEEDS ", " STORE_TITLE ", a.link, "                       \
	"a.time, a.read,"                                                                          \
	" a.starred, " STORE_OTHERS " FROM articles a JOIN feeds f ON f.id = a.feed_id"            \
	" WHERE " where " AND (?2 = 0 OR a.starred = 1)"                                           \
	" AND (a.time, a.id) < (?6, ?7)" /* a row value: a range of the index, from the key on */  \
	" ORDER BY a.time " order ", a.id " order " LIMIT ?3 OFFSET ?4"
    [STORE_SQL_ROWS_ALL] = STORE_ROWS("?1 = 0 AND" STORE_NOT_DUP, "DESC"),
    [STORE_SQL_ROWS_UNREAD] = STORE_ROWS("?1 = 0 AND a.read = 0 AND" STORE_NOT_DUP, "DESC"),
    [STORE_SQL_ROWS_FEED] = STORE_ROWS("a.feed_id = ?1", "DESC"),
    [STORE_SQL_ROWS_FEED_UNREAD] = STORE_ROWS("a.feed_id = ?1 AND a.read = 0", "DESC"),
    /* The same lists from their end, for pages past the middle. */
    [STORE_SQL_ROWS_ALL_REV] = STORE_ROWS("?1 = 0 AND" STORE_NOT_DUP, "ASC"),
    [STORE_SQL_ROWS_UNREAD_REV] = STORE_ROWS("?1 = 0 AND a.read = 0 AND" STORE_NOT_DUP, "ASC"),
    [STORE_SQL_ROWS_FEED_REV] = STORE_ROWS("a.feed_id = ?1", "ASC"),
    [STORE_SQL_ROWS_FEED_UNREAD_REV] = STORE_ROWS("a.feed_id = ?1 AND a.read = 0", "ASC"),
/* The articles of a set of feeds (?5, a JSON array of ids), each once: a duplicate only
   when what it duplicates is of no feed of the set. */
#define STORE_IN_SET                                                                               \
	" a.feed_id IN (SELECT value FROM json_each(?5)) AND (a.dup IS NULL OR a.dup NOT IN"       \
	" (SELECT id FROM articles WHERE feed_id IN (SELECT value FROM json_each(?5))))"           \
	" AND (?1 = 0 OR a.read = 0)"
    [STORE_SQL_ROWS_SET] = STORE_ROWS(STORE_IN_SET, "DESC"),
    /* the starred articles of every feed, through their own index (articles_starred) */
    [STORE_SQL_ROWS_STARRED] = STORE_ROWS("a.starred = 1 AND ?1 = 0 AND" STORE_NOT_DUP, "DESC"),
    [STORE_SQL_ROWS_SET_COUNT] = "SELECT count(*) FROM articles a WHERE" STORE_IN_SET
				 " AND (?2 = 0 OR a.starred = 1) AND ?3 = ?3 AND ?4 = ?4",
#undef STORE_IN_SET
#undef STORE_ROWS
    /* Counts, each able to use an index alone: a row of the table is pages of text. */
    [STORE_SQL_ROWS_COUNT] = "SELECT count(*) FROM articles a WHERE (?1 = 0 OR a.feed_id = ?1)"
			     " AND (?2 = 0 OR a.read = 0) AND (?3 = 0 OR a.starred = 1)"
			     " AND (?1 != 0 OR" STORE_NOT_DUP ")",
    /* every article but the duplicates, both counted from indexes */
    [STORE_SQL_COUNT_ALL] = "SELECT (SELECT count(*) FROM articles WHERE ?1 = ?1) -"
			    " (SELECT count(*) FROM articles WHERE dup IS NOT NULL)",
    [STORE_SQL_COUNT_UNREAD] =
	"SELECT (SELECT count(*) FROM articles WHERE read = 0 AND ?1 = ?1) -"
	" (SELECT count(*) FROM articles WHERE dup IS NOT NULL AND read = 0)",
    [STORE_SQL_COUNT_FEED] = "SELECT count(*) FROM articles WHERE feed_id = ?1",
    [STORE_SQL_COUNT_FEED_UNREAD] = "SELECT count(*) FROM articles WHERE feed_id = ?1 AND read = 0",
    [STORE_SQL_ROW_INDEX] =
	"SELECT count(*), (SELECT count(*) FROM articles b WHERE b.id = ?4"
	" AND (?1 = 0 OR b.feed_id = ?1) AND (?2 = 0 OR b.read = 0) AND (?3 = 0 OR b.starred = 1)"
	" AND (?1 != 0 OR b.id NOT IN (SELECT id FROM articles WHERE dup IS NOT NULL)))"
	" FROM articles a, (SELECT time AS t FROM articles WHERE id = ?4) x"
	" WHERE (?1 = 0 OR a.feed_id = ?1) AND (?2 = 0 OR a.read = 0) AND (?3 = 0 OR a.starred = 1)"
	" AND (?1 != 0 OR" STORE_NOT_DUP ") AND (a.time > x.t OR (a.time = x.t AND a.id > ?4))",
    [STORE_SQL_ARTICLE_GET] =
	"SELECT a.id, a.feed_id, coalesce(f.name, f.title, f.url), a.guid, a.link, " STORE_TITLE
	", a.author,"
	" a.published, a.updated, a.first_seen, a.categories, a.summary, coalesce(a.page, "
	"a.content),"
	" a.read, a.starred, a.page_author, a.page_published, a.page_state,"
	" CASE a.page_state WHEN 2 THEN a.page_error END"
	" FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1",
    [STORE_SQL_ROW_GET] = "SELECT a.id, a.feed_id, coalesce(f.name, f.title, f.url), " STORE_TITLE
			  ", a.link, a.time, a.read, a.starred, " STORE_OTHERS " FROM articles a"
			  " JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1",
/* an article and its duplicates (or the one it duplicates, and its others) together */
#define STORE_GROUP                                                                                \
	" WHERE id = ?1 OR id = (SELECT dup FROM articles WHERE id = ?1)"                          \
	" OR dup = (SELECT coalesce(dup, id) FROM articles WHERE id = ?1)"
    [STORE_SQL_MARK_READ] = "UPDATE articles SET read = ?2" STORE_GROUP,
    [STORE_SQL_NEXT_UNREAD] =
	"SELECT a.id FROM articles a, (SELECT coalesce((SELECT time FROM articles WHERE id = ?1),"
	" 9223372036854775807) AS t) x WHERE a.read = 0 AND a.id != ?1 AND" STORE_NOT_DUP
	" ORDER BY (a.time < x.t OR (a.time = x.t AND a.id < ?1)) DESC, a.time DESC, a.id DESC"
	" LIMIT 1",
    [STORE_SQL_MARK_ALL_READ] = "UPDATE articles SET read = 1 WHERE read = 0",
    [STORE_SQL_MARK_FEED_READ] = "UPDATE articles SET read = 1 WHERE read = 0 AND feed_id = ?1",
    [STORE_SQL_STAR] = "UPDATE articles SET starred = ?2" STORE_GROUP,
#undef STORE_GROUP
    /* a new article whose link an earlier one has: its duplicate, read if that one is */
    [STORE_SQL_DUP_SET] =
	"UPDATE articles SET dup = d.first, read = d.read FROM (SELECT coalesce(b.dup, b.id) AS"
	" first, b.read FROM articles b WHERE b.link = ?2 AND b.id != ?1 AND b.feed_id != ?3"
	" ORDER BY b.id LIMIT 1) d WHERE articles.id = ?1",
#define STORE_HIT_COLUMNS                                                                          \
	"a.id, a.feed_id, " STORE_FEEDS ", " STORE_TITLE ", a.link, a.time,"                       \
	" a.read, a.starred, " STORE_OTHERS
#define STORE_FILTERS                                                                              \
	" (?5 IS NULL OR a.time >= ?5) AND (?6 IS NULL OR a.time < ?6) AND (?7 IS NULL"            \
	" OR instr(bantin_fold(coalesce(f.name, '') || ' ' || coalesce(f.title, '') || ' ' ||"     \
	" f.url), ?7) > 0)"
    /* ?1 the match, ?2 how many ranked rows to look at, ?3 limit, ?4 offset */
    /* ... and ?5 the lowest article id to rank (a window of the newest) */
    [STORE_SQL_SEARCH_RANKED] =
	"SELECT " STORE_HIT_COLUMNS ", s.rank FROM (SELECT rowid, rank FROM articles_fts"
	" WHERE articles_fts MATCH ?1 AND rowid >= ?5 AND rank MATCH ?9 ORDER BY rank LIMIT ?2) s"
	" JOIN articles a ON a.id = s.rowid JOIN feeds f ON f.id = a.feed_id WHERE" STORE_NOT_DUP
	" ORDER BY s.rank, a.time DESC, a.id DESC LIMIT ?3 OFFSET ?4",
    /* ... with ?5 since, ?6 before, ?7 a folded piece of the feed's name */
    [STORE_SQL_SEARCH_FILTERED] =
	"SELECT " STORE_HIT_COLUMNS ", articles_fts.rank FROM articles_fts"
	" JOIN articles a ON a.id = articles_fts.rowid JOIN feeds f ON f.id = a.feed_id"
	" WHERE articles_fts MATCH ?1 AND ?2 = ?2 AND articles_fts.rowid >= ?8"
	" AND articles_fts.rank MATCH ?9 AND " STORE_FILTERS " AND" STORE_NOT_DUP
	" ORDER BY articles_fts.rank, a.time DESC, a.id DESC LIMIT ?3 OFFSET ?4",
    /* How many of the ?2 newest articles match ?1 and the filters ?5 ?6 ?7, and the
       lowest id among them */
    [STORE_SQL_MATCH_WINDOW] = "SELECT count(*), min(rowid) FROM (SELECT rowid FROM articles_fts"
			       " WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)",
    [STORE_SQL_SEARCH_WINDOW] =
	"SELECT count(*), min(id) FROM (SELECT a.id FROM articles_fts"
	" JOIN articles a ON a.id = articles_fts.rowid JOIN feeds f ON f.id = a.feed_id"
	" WHERE articles_fts MATCH ?1 AND " STORE_FILTERS
	" ORDER BY articles_fts.rowid DESC LIMIT ?2)",
    /* How many articles match ?1 ('' for any) and the filters, and how many of them are unread */
    [STORE_SQL_SEARCH_COUNT] =
	"SELECT count(*), coalesce(sum(a.read = 0), 0) FROM articles a JOIN feeds f ON"
	" f.id = a.feed_id WHERE (?1 = '' OR a.id IN (SELECT rowid FROM articles_fts WHERE"
	" articles_fts MATCH ?1)) AND " STORE_FILTERS " AND" STORE_NOT_DUP,
    [STORE_SQL_SEARCH_UNRANKED] =
	"SELECT " STORE_HIT_COLUMNS ", 0 FROM articles a JOIN feeds f ON f.id = a.feed_id"
	" WHERE ?1 = ?1 AND ?2 = ?2 AND " STORE_FILTERS " AND" STORE_NOT_DUP
	" ORDER BY a.time DESC, a.id DESC LIMIT ?3 OFFSET ?4",
    /* ?1 the match, ?2 rows to look at, ?3 the article, ?4 its folded title,
       ?5 its categories, ?6 limit, ?7 the lowest id to rank */
    [STORE_SQL_RELATED] =
	"SELECT " STORE_HIT_COLUMNS ", s.rank FROM (SELECT rowid, rank FROM articles_fts"
	" WHERE articles_fts MATCH ?1 AND rowid >= ?7 AND rank MATCH ?8 ORDER BY rank LIMIT ?2) s"
	" JOIN articles a ON a.id = s.rowid JOIN feeds f ON f.id = a.feed_id"
	" WHERE s.rank <= ?9 AND a.id != ?3 AND a.id IS NOT (SELECT dup FROM articles WHERE id = "
	"?3) "
	"AND" STORE_NOT_DUP " AND (?4 = '' OR bantin_fold(coalesce(a.title, '')) != ?4)"
	" ORDER BY round(s.rank), a.categories IS ?5 DESC, a.time DESC, a.id DESC LIMIT ?6",
#undef STORE_HIT_COLUMNS
#undef STORE_FILTERS
#undef STORE_FEEDS
#undef STORE_OTHERS
#undef STORE_NOT_DUP
    [STORE_SQL_RELATED_SOURCE] = "SELECT title, summary, categories, coalesce(page, content),"
				 " feed_id, time FROM articles WHERE id = ?1",
    /* The articles of feed ?1 just before and just after article ?3 (at time ?2). */
    [STORE_SQL_RELATED_NEIGHBOURS] =
	"SELECT * FROM (SELECT coalesce(page, content) FROM articles WHERE feed_id = ?1"
	" AND (time < ?2 OR (time = ?2 AND id < ?3)) ORDER BY time DESC, id DESC LIMIT 1)"
	" UNION ALL SELECT * FROM (SELECT coalesce(page, content) FROM articles WHERE feed_id = ?1"
	" AND (time > ?2 OR (time = ?2 AND id > ?3)) ORDER BY time, id LIMIT 1)",
    /* How article ?2 ranks against its own related terms ?1 (ranking ?3) */
    [STORE_SQL_RELATED_SELF] = "SELECT rank FROM articles_fts WHERE articles_fts MATCH ?1"
			       " AND rowid = ?2 AND rank MATCH ?3",
    /* How many articles match ?1, counting no further than ?2. */
    [STORE_SQL_MATCH_COUNT] = "SELECT count(*) FROM (SELECT rowid FROM articles_fts"
			      " WHERE articles_fts MATCH ?1 LIMIT ?2)",

    [STORE_SQL_INDEX_COUNT] = "SELECT count(*) FROM articles_fts_docsize",
    /* What an article's index row is made of (store_index_text), and snippets. */
    /* The body is the page's article once it was fetched, else the feed's. */
    [STORE_SQL_ARTICLE_TEXT] = "SELECT title, summary, coalesce(page, content) FROM articles"
			       " WHERE id = ?1",
    [STORE_SQL_REINDEX_ROWS] = "SELECT id, title, summary, coalesce(page, content) FROM articles"
			       " WHERE id > ?1 ORDER BY id LIMIT 256",
    /* ---- pages (store_pages.c) ---- */
    /* ?1 the feed, ?2 now, ?3 how many at most: the newest first */
    [STORE_SQL_PAGES_DUE] =
	"SELECT id, link, page_etag, page_modified, page_tries FROM articles"
	" WHERE feed_id = ?1 AND page_state IN (0, 2) AND (page_next IS NULL OR page_next <= ?2)"
	" AND link IS NOT NULL ORDER BY time DESC, id DESC LIMIT ?3",
    [STORE_SQL_PAGES_WANT] =
	"UPDATE articles SET page_state = 0 WHERE feed_id = ?1 AND page_state = 3",
    [STORE_SQL_PAGE_SET] =
	"UPDATE articles SET page = ?2, page_author = ?3, page_published = ?4, page_state = 1,"
	" page_tries = 0, page_next = NULL, page_etag = ?5, page_modified = ?6, page_error = NULL,"
	" time = coalesce(published, ?4, updated, first_seen) WHERE id = ?1",
    [STORE_SQL_PAGE_UNCHANGED] = "UPDATE articles SET page_state = 1, page_tries = 0,"
				 " page_next = NULL, page_error = NULL WHERE id = ?1",
    [STORE_SQL_PAGE_FAILED] = "UPDATE articles SET page_state = 2, page_tries = page_tries + 1,"
			      " page_next = ?2, page_error = ?3 WHERE id = ?1",
    [STORE_SQL_LINK_ARTICLE] = "SELECT id FROM articles WHERE link = ?1"
			       " ORDER BY feed_id = ?2 DESC, time DESC, id DESC LIMIT 1",
    [STORE_SQL_LINK_ADD] =
	"INSERT INTO articles (feed_id, guid, first_seen, link, title, time, hash, page_state)"
	" VALUES (?1, ?2, ?3, ?2, ?4, ?3, 1, 0)",
    [STORE_SQL_LINKS_DELETE] = "DELETE FROM article_links WHERE article_id = ?1",
    [STORE_SQL_LINK_INSERT] =
	"INSERT INTO article_links (article_id, pos, title, url) VALUES (?1, ?2, ?3, ?4)",
    /* An article's own list, each with the cached article of that link (the feed's own
       first, then the newest) or none */
    [STORE_SQL_LINKS] =
	"SELECT l.title, l.url, (SELECT b.id FROM articles b WHERE b.link = l.url"
	" ORDER BY b.feed_id = (SELECT feed_id FROM articles WHERE id = ?1) DESC, b.time DESC,"
	" b.id DESC LIMIT 1) FROM article_links l WHERE l.article_id = ?1 ORDER BY l.pos",
    [STORE_SQL_FTS_DELETE_ALL] = "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')",
    [STORE_SQL_FTS_CHECK] = "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
    [STORE_SQL_COUNTS] = "SELECT (SELECT count(*) FROM articles),"
			 " (SELECT count(*) FROM articles_fts_docsize)",
#undef STORE_TITLE
};

void store_fail(struct store *st, const char *what, char *err, size_t errlen)
{
	int code = sqlite3_errcode(st->db) & 0xff, sys = sqlite3_system_errno(st->db);
	if (code == SQLITE_IOERR && sys == 0)
		sys = errno; /* a write SQLite's rollback did not overwrite */
	if (code == SQLITE_READONLY)
		core_err_set(err, errlen, "%s: %s: the cache is read-only", st->shown, what);
	else if (code == SQLITE_FULL || (code == SQLITE_IOERR && sys == ENOSPC))
		core_err_set(err, errlen, "%s: %s: the disk is full", st->shown, what);
	else if (code == SQLITE_IOERR && sys == EFBIG)
		core_err_set(err, errlen, "%s: %s: the file size limit (ulimit -f) is reached",
			     st->shown, what);
	else if (code == SQLITE_IOERR && sys != 0)
		core_err_set(err, errlen, "%s: %s: disk I/O error (%s)", st->shown, what,
			     strerror(sys));
	else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		core_err_set(err, errlen,
			     "%s: %s: the cache is damaged (bantin recover saves what can"
			     " be read)",
			     st->shown, what);
	else
		core_err_set(err, errlen, "%s: %s: %s", st->shown, what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *store_stmt(struct store *st, enum store_sql sql, char *err, size_t errlen)
{
	sqlite3_stmt *s = st->stmts[sql];
	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, store_sql_text[sql], -1, SQLITE_PREPARE_PERSISTENT,
				       &s, NULL) != SQLITE_OK) {
			store_fail(st, "cannot prepare a query", err, errlen);
			return NULL;
		}
		st->stmts[sql] = s;
		return s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

void store_bind_text(sqlite3_stmt *s, int col, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, col);
	else
		sqlite3_bind_text(s, col, text, -1, SQLITE_STATIC);
}

void store_bind_time(sqlite3_stmt *s, int col, int64_t t)
{
	if (t == STORE_NO_TIME)
		sqlite3_bind_null(s, col);
	else
		sqlite3_bind_int64(s, col, t);
}

char *store_col_text(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	return t == NULL ? NULL : xstrdup((const char *)t);
}

int64_t store_col_time(sqlite3_stmt *s, int col)
{
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return STORE_NO_TIME;
	return sqlite3_column_int64(s, col);
}

bool store_exec_stmt(struct store *st, sqlite3_stmt *s, const char *what, char *err, size_t errlen)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, what, err, errlen);
		sqlite3_reset(s);
		return false;
	}
	sqlite3_reset(s);
	return true;
}

bool store_begin(struct store *st, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_BEGIN, err, errlen);
	return s != NULL && store_exec_stmt(st, s, "cannot start a transaction", err, errlen);
}

bool store_commit(struct store *st, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_COMMIT, err, errlen);
	if (s != NULL && store_exec_stmt(st, s, "cannot commit", err, errlen))
		return true;
	store_rollback(st);
	return false;
}

void store_rollback(struct store *st)
{
	if (sqlite3_get_autocommit(st->db))
		return;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_ROLLBACK, NULL, 0);
	if (s != NULL)
		store_exec_stmt(st, s, "cannot roll back", NULL, 0);
}

/* Runs SQL text with no results; false with err saying what failed. */
bool store_exec(struct store *st, const char *sql, const char *what, char *err, size_t errlen)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(st, what, err, errlen);
		return false;
	}
	return true;
}

/* SQL bantin_fold(text): the search key of text (text_fold), for comparing names and titles. */
static void store_sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	char *f = text_fold((const char *)s, (size_t)sqlite3_value_bytes(argv[0]), NULL);
	sqlite3_result_text(ctx, f, -1, free);
}

/* Says why the cache cannot be read. */
static void store_fail_read(struct store *st, char *err, size_t errlen)
{
	int code = sqlite3_errcode(st->db) & 0xff;
	if (code == SQLITE_NOTADB)
		core_err_set(err, errlen, "%s: not a bantin cache (not an SQLite database)",
			     st->shown);
	else if (code == SQLITE_CORRUPT)
		core_err_set(err, errlen, "%s: the cache is damaged (%s)", st->shown,
			     sqlite3_errmsg(st->db));
	else
		store_fail(st, "cannot read the cache", err, errlen);
}

/* bantin's SQL functions on st's connection. */
static void store_functions(struct store *st)
{
	sqlite3_create_function(st->db, "bantin_fold", 1,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				store_sql_fold, NULL, NULL);
	sqlite3_create_function(st->db, "bantin_untitled", 3,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, st,
				store_sql_untitled, NULL, NULL);
}

/* The schema version; -1 with err when the file cannot be read as a database. */
static int store_version(struct store *st, char *err, size_t errlen)
{
	sqlite3_stmt *s;
	int version = -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK) {
		store_fail_read(st, err, errlen);
		return -1;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	else
		store_fail_read(st, err, errlen);
	sqlite3_finalize(s);
	return version;
}

/* A cache of another version: one line naming the file and what to do. */
static bool store_version_refused(struct store *st, int version, char *err, size_t errlen)
{
	core_err_set(err, errlen,
		     "%s: a cache of another bantin (version %d; this one reads version %d):"
		     " move it away and run 'bantin refresh' to make a new one",
		     st->shown, version, STORE_VERSION);
	return false;
}

/* Gives a new cache its schema, and one of version 1 what version 2 adds; false for a cache of
 * another version. */
static bool store_create(struct store *st, char *err, size_t errlen)
{
	int version = store_version(st, err, errlen);
	if (version < 0)
		return false;
	if (version == STORE_VERSION)
		return true;
	if (version != 0 && version != 1)
		return store_version_refused(st, version, err, errlen);
	if (st->readonly) {
		core_err_set(err, errlen,
			     version == 0
				 ? "%s: not a bantin cache (it is empty)"
				 : "%s: a cache of an older bantin, read-only here: it needs"
				   " one run of this bantin that can write it",
			     st->shown);
		return false;
	}
	/* Another process may be creating it too: take the write lock, then look again. */
	if (!store_exec(st, "BEGIN IMMEDIATE", "cannot start a transaction", err, errlen))
		return false;
	version = store_version(st, err, errlen);
	bool ok = version == STORE_VERSION ||
		  (version == 0 &&
		   store_exec(st, store_schema, "cannot create the tables", err, errlen)) ||
		  (version == 1 && store_exec(st, store_schema_v1_to_v2,
					      "cannot add the tables of version 2", err, errlen));
	if (!ok) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return version > 1 && version != STORE_VERSION
			   ? store_version_refused(st, version, err, errlen)
			   : false;
	}
	return store_exec(st, "COMMIT", "cannot commit the new tables", err, errlen);
}

/*
 * Switches the file to WAL mode (it stays so). Another process may be
 * doing the same on a new file: that lock is not waited for by SQLite's
 * busy handler, so wait here.
 */
static bool store_wal(struct store *st, char *err, size_t errlen)
{
	for (int waited = 0;; waited += 10) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL) !=
		    SQLITE_OK) {
			store_fail(st, "cannot switch to WAL mode", err, errlen);
			return false;
		}
		int rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			return true;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= STORE_BUSY_MS) {
			store_fail(st, "cannot switch to WAL mode", err, errlen);
			return false;
		}
		sqlite3_sleep(10);
	}
}

/* Whether a cleanup made the table of removed articles in this cache. */
static bool store_has_removed(struct store *st)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE name = 'removed'", -1, &s,
			       NULL) != SQLITE_OK)
		return false;
	bool has = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return has;
}

/*
 * For a cache that is only read: it must be there and readable; when it or
 * its directory (where SQLite puts its log and the log's index) cannot be
 * written, st becomes read-only.
 */
static bool store_open_readable(struct store *st, const char *path, char *err, size_t errlen)
{
	if (access(path, F_OK) != 0) {
		core_err_set(err, errlen, "%s: no such cache (run 'bantin refresh' to make one)",
			     st->shown);
		return false;
	}
	if (access(path, R_OK) != 0) {
		core_err_set(err, errlen, "%s: cannot read the cache: %s", st->shown,
			     strerror(errno));
		return false;
	}
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	st->readonly = access(path, W_OK) != 0 || access(dir, W_OK) != 0;
	free(dir);
	return true;
}

/* The SQLite URI of path opened read-only with params ("mode=ro", "immutable=1"), owned. */
static char *store_uri(const char *path, const char *params)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f)
			core_buf_printf(&b, "%%%02X", *p);
		else
			core_buf_putc(&b, (char)*p);
	}
	core_buf_printf(&b, "?%s", params);
	return core_buf_take(&b);
}

/* Whether path's log or shared-memory file is there. */
static bool store_logs_exist(const char *path)
{
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	bool there = access(wal, F_OK) == 0 || access(shm, F_OK) == 0;
	free(wal);
	free(shm);
	return there;
}

/*
 * Opens st read-only: as SQLite reads a log it cannot write beside the
 * cache (mode=ro), else (or at once with immutable) as a file nobody
 * changes (immutable=1: no log, no lock), which is what a cache on
 * read-only media, or on a full disk, is.
 */
static bool store_open_ro(struct store *st, const char *path, bool immutable, char *err,
			  size_t errlen)
{
	static const char *const modes[] = {"mode=ro", "immutable=1"};
	int version = -1;
	/* without a log beside it no writer is at work: read it as it is, making no log or
	   shared memory that would stay behind (the files would be the reader's, not the
	   cache's owner's) */
	if (!store_logs_exist(path))
		immutable = true;
	for (size_t i = immutable ? 1 : 0; i < CORE_NELEM(modes) && version < 0; i++) {
		if (st->db != NULL)
			sqlite3_close(st->db);
		st->db = NULL;
		char *uri = store_uri(path, modes[i]);
		int rc = sqlite3_open_v2(uri, &st->db,
					 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
					     SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
					 NULL);
		free(uri);
		if (rc != SQLITE_OK || st->db == NULL)
			continue;
		sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
		version = store_version(st, err, errlen);
	}
	if (version < 0)
		return false;
	sqlite3_extended_result_codes(st->db, 1);
	store_functions(st);
	if (version != STORE_VERSION)
		return version > 1 ? store_version_refused(st, version, err, errlen)
				   : store_create(st, err, errlen);
	if (!store_rank_register(st->db)) {
		core_err_set(err, errlen, "%s: this SQLite has no usable FTS5", st->shown);
		return false;
	}
	sqlite3_exec(st->db, "PRAGMA cache_size = " STORE_CACHE, NULL, NULL, NULL);
	st->has_removed = store_has_removed(st);
	return true;
}

bool store_readonly(const struct store *st)
{
	return st->readonly;
}

int64_t store_data_version(struct store *st)
{
	sqlite3_stmt *s;
	int64_t v = -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Whether the last error of st is the disk's: full, or a write that failed. */
static bool store_disk_trouble(struct store *st)
{
	int code = sqlite3_errcode(st->db) & 0xff;
	return code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN;
}

/* Removes the empty log (and its shared memory) an open that failed made, unless they were
   there before it. */
static void store_logs_unlink_empty(const char *path, bool before)
{
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	struct stat sb;
	if (!before && stat(wal, &sb) == 0 && sb.st_size == 0) {
		unlink(wal);
		unlink(shm);
	} else if (!before && stat(wal, &sb) != 0) {
		unlink(shm);
	}
	free(wal);
	free(shm);
}

/* Finalizes the prepared statements of st (before its connection is closed). */
static void store_stmts_drop(struct store *st)
{
	for (size_t i = 0; i < STORE_SQL_COUNT; i++) {
		sqlite3_finalize(st->stmts[i]);
		st->stmts[i] = NULL;
	}
}

struct store *store_open(const char *path, int flags, char *err, size_t errlen)
{
	bool logs_before = true; /* whether a log was beside the cache before it was opened */
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->shown = core_str_printable(path);

	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		core_err_set(err, errlen, "%s: a directory, not a cache", st->shown);
		goto fail;
	}
	if ((flags & STORE_OPEN_READ) != 0 && !store_open_readable(st, path, err, errlen))
		goto fail;
	int oflags = SQLITE_OPEN_READWRITE;
	if (st->readonly)
		return store_open_ro(st, path, false, err, errlen) ? st : (store_close(st), NULL);
	if ((flags & STORE_OPEN_CREATE) != 0) {
		oflags |= SQLITE_OPEN_CREATE;
		char *dir = xstrdup(path);
		char *slash = strrchr(dir, '/');
		if (slash != NULL && slash != dir) {
			*slash = '\0';
			if (!core_path_mkdirs(dir, 0700, err, errlen)) {
				free(dir);
				goto fail;
			}
		}
		free(dir);
	}
	oflags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	logs_before = store_logs_exist(path);
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		if (st->db == NULL) {
			core_err_set(err, errlen, "%s: cannot open the cache (out of memory)",
				     st->shown);
		} else if (sqlite3_errcode(st->db) == SQLITE_CANTOPEN) {
			if (stat(path, &sb) != 0 && errno == ENOENT)
				core_err_set(err, errlen, "%s: no such cache", st->shown);
			else
				core_err_set(err, errlen, "%s: cannot open the cache", st->shown);
		} else {
			store_fail(st, "cannot open the cache", err, errlen);
		}
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	store_functions(st);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	int version = store_version(st, err, errlen);
	if (version < 0)
		goto fail;
	if (version > 1 && version != STORE_VERSION) { /* refused before anything is written */
		store_version_refused(st, version, err, errlen);
		goto fail;
	}
	if (!store_rank_register(st->db)) {
		core_err_set(err, errlen, "%s: this SQLite has no usable FTS5", st->shown);
		goto fail;
	}
	/* A new cache's pages: 16 KiB, so that most articles fit one page rather than
	   three and a refresh writes (twice, log then file) fewer of them. An existing
	   cache keeps the size it has. */
	sqlite3_exec(st->db, "PRAGMA page_size = 16384", NULL, NULL, NULL);
	if (!store_wal(st, err, errlen))
		goto fail;
	if (!store_exec(st,
			"PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
			" PRAGMA cache_size = " STORE_CACHE ";"
			" PRAGMA journal_size_limit = " STORE_LOG_LIMIT,
			"cannot set up the connection", err, errlen))
		goto fail;
	if (!store_create(st, err, errlen))
		goto fail;
	/* the starred articles' own index, made once on a cache that has none yet */
	sqlite3_exec(st->db,
		     "CREATE INDEX IF NOT EXISTS articles_starred ON articles (time DESC, id DESC)"
		     " WHERE starred = 1",
		     NULL, NULL, NULL);
	st->has_removed = store_has_removed(st);
	return st;
fail:
	if ((flags & STORE_OPEN_READ) != 0 && st->db != NULL && store_disk_trouble(st)) {
		/* a full disk, a failing write: what only reads reads it read-only, and leaves
		   no empty log beside it */
		store_stmts_drop(st);
		sqlite3_close(st->db);
		st->db = NULL;
		store_logs_unlink_empty(path, logs_before);
		st->readonly = true;
		if (store_open_ro(st, path, true, err,
				  errlen)) /* nothing written, not even a lock */
			return st;
	}
	store_close(st);
	return NULL;
}

void store_set_text(struct store *st, store_text_fn fn)
{
	st->text = fn;
}

struct store *store_open_reader(const struct store *st)
{
	struct store *rd = xcalloc(1, sizeof *rd);
	rd->text = st->text;
	rd->path = xstrdup(st->path);
	rd->shown = xstrdup(st->shown);
	rd->reader = true;
	if (sqlite3_open_v2(rd->path, &rd->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		store_close(rd);
		return NULL;
	}
	sqlite3_busy_timeout(rd->db, STORE_BUSY_MS);
	/* A few lookups by key: a small cache does. */
	sqlite3_exec(rd->db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
	return rd;
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_refreshing(st, false);
	for (size_t i = 0; i < STORE_SQL_COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	if (st->db != NULL) {
		if (!st->reader && !st->readonly) /* it may write (ANALYZE) */
			sqlite3_exec(st->db, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close(st->db);
	}
	free(st->path);
	free(st->shown);
	free(st);
}

bool store_counts(struct store *st, int64_t *articles, int64_t *indexed, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_COUNTS, err, errlen);
	if (s == NULL)
		return false;
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, "cannot count the articles", err, errlen);
		sqlite3_reset(s);
		return false;
	}
	*articles = sqlite3_column_int64(s, 0);
	*indexed = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return true;
}
