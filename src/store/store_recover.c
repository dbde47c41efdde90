/*
 * store_recover.c: saving what a damaged cache still holds. The damaged
 * file is attached to a new cache and its tables are copied a range of
 * keys at a time; a range that cannot be read is copied row by row, and a
 * row that cannot be read is left behind. Feeds, articles (their text,
 * read and starred state, pages) and their links come over; the search
 * index is then rebuilt by the caller (store_reindex).
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store.h"
#include "store_internal.h"

/* Keys copied in one statement when they can all be read. */
#define STORE_RECOVER_RANGE 256

/* One value of sql (bound to nothing) into *v; false when it cannot be read. */
static bool store_recover_value(struct store *st, const char *sql, int64_t *v)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return false;
	bool ok = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL;
	if (ok)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return ok;
}

/* Runs copy (an INSERT ... SELECT with ?1 <= key < ?2) for [lo, hi); rows copied, -1 on failure. */
static int64_t store_recover_range(struct store *st, sqlite3_stmt *copy, int64_t lo, int64_t hi)
{
	sqlite3_reset(copy);
	sqlite3_bind_int64(copy, 1, lo);
	sqlite3_bind_int64(copy, 2, hi);
	int rc = sqlite3_step(copy);
	sqlite3_reset(copy);
	return rc == SQLITE_DONE ? sqlite3_changes64(st->db) : -1;
}

/*
 * Copies table's rows whose key is in [1, max] from old to main, a range
 * at a time, row by row where a range fails; how many were copied.
 */
static int64_t store_recover_table(struct store *st, const char *table, const char *key,
				   int64_t max)
{
	char *sql = xasprintf("INSERT OR IGNORE INTO main.%s SELECT * FROM old.%s"
			      " WHERE %s >= ?1 AND %s < ?2",
			      table, table, key, key);
	sqlite3_stmt *copy;
	int64_t saved = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &copy, NULL) == SQLITE_OK) {
		for (int64_t lo = 0; lo <= max; lo += STORE_RECOVER_RANGE) {
			int64_t n = store_recover_range(st, copy, lo, lo + STORE_RECOVER_RANGE);
			if (n >= 0) {
				saved += n;
				continue;
			}
			for (int64_t k = lo; k < lo + STORE_RECOVER_RANGE && k <= max; k++) {
				n = store_recover_range(st, copy, k, k + 1);
				saved += n > 0 ? n : 0;
			}
		}
		sqlite3_finalize(copy);
	}
	free(sql);
	return saved;
}

bool store_recover_from(struct store *st, const char *damaged, struct store_recover_result *r,
			char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "ATTACH DATABASE ?1 AS old", -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "cannot open the damaged cache", err, errlen);
		return false;
	}
	sqlite3_bind_text(s, 1, damaged, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, "cannot open the damaged cache", err, errlen);
		return false;
	}
	int64_t version = 0;
	if (!store_recover_value(st, "PRAGMA old.user_version", &version) || version != 2) {
		core_err_set(err, errlen,
			     version == 0
				 ? "nothing can be read from it: it is no bantin cache, or "
				   "its first page is lost"
				 : "it is a cache of version %lld, which this bantin cannot read",
			     (long long)version);
		sqlite3_exec(st->db, "DETACH DATABASE old", NULL, NULL, NULL);
		return false;
	}
	/* how far the keys go: the table's own last key, else the index's */
	int64_t feeds_max = 0, articles_max = 0;
	if (!store_recover_value(st, "SELECT max(id) FROM old.feeds", &feeds_max))
		feeds_max = 100000;
	if (!store_recover_value(st, "SELECT max(id) FROM old.articles", &articles_max) &&
	    !store_recover_value(st, "SELECT max(id) FROM old.articles_fts_docsize", &articles_max))
		articles_max = 0;
	int64_t indexed = 0;
	if (store_recover_value(st, "SELECT count(*) FROM old.articles_fts_docsize", &indexed))
		r->before = indexed;
	/* each range on its own: a read of damaged pages can roll a whole transaction back */
	sqlite3_exec(st->db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	r->feeds = store_recover_table(st, "feeds", "id", feeds_max);
	r->articles = store_recover_table(st, "articles", "id", articles_max);
	r->links = store_recover_table(st, "article_links", "article_id", articles_max);
	int64_t has_removed = 0;
	if (store_recover_value(st, "SELECT count(*) FROM old.sqlite_schema WHERE name = 'removed'",
				&has_removed) &&
	    has_removed > 0 &&
	    sqlite3_exec(st->db,
			 "CREATE TABLE IF NOT EXISTS removed (feed_id INTEGER NOT NULL,"
			 " guid TEXT NOT NULL, PRIMARY KEY (feed_id, guid)) WITHOUT ROWID;"
			 "INSERT OR IGNORE INTO main.removed SELECT * FROM old.removed",
			 NULL, NULL, NULL) == SQLITE_OK)
		st->has_removed = true;
	/* what refers to rows left behind refers to nothing */
	sqlite3_exec(st->db,
		     "UPDATE articles SET dup = NULL WHERE dup IS NOT NULL AND dup NOT IN"
		     " (SELECT id FROM articles);"
		     "DELETE FROM articles WHERE feed_id NOT IN (SELECT id FROM feeds);"
		     "DELETE FROM article_links WHERE article_id NOT IN (SELECT id FROM articles)",
		     NULL, NULL, NULL);
	sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	bool ok = r->feeds > 0;
	if (!ok)
		core_err_set(err, errlen, "nothing can be read from it: its feeds are lost");
	int64_t kept = 0;
	if (ok && store_recover_value(st, "SELECT count(*) FROM articles", &kept))
		r->articles = kept;
	sqlite3_exec(st->db, "DETACH DATABASE old", NULL, NULL, NULL);
	return ok;
}
