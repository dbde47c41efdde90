/*
 * store_cleanup.c: keeping the cache in bounds. Read, unstarred articles
 * older than some days, or past a feed's newest N, are removed with their
 * index rows and links, in one transaction a feed; unread and starred ones
 * never are. Each removed article's guid goes into the table "removed"
 * (made by the first cleanup), so that a refresh does not bring back what
 * the feed still lists. The file shrinks (VACUUM) when a quarter of it or
 * more is free, or when asked.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store.h"
#include "store_internal.h"

/* The removed table, made when first needed; an older bantin never reads it. */
#define STORE_REMOVED_TABLE                                                                        \
	"CREATE TABLE IF NOT EXISTS removed (feed_id INTEGER NOT NULL, guid TEXT NOT NULL,"        \
	" PRIMARY KEY (feed_id, guid)) WITHOUT ROWID"

bool store_removed(struct store *st, int64_t feed_id, const char *guid)
{
	if (!st->has_removed || guid == NULL)
		return false;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_REMOVED_FIND, NULL, 0);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_text(s, 2, guid, -1, SQLITE_STATIC);
	bool found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

/* Removes article id (of feed_id, with guid): links, row (its index row is queued to ops to come
 * out); its duplicates get another. */
static bool store_cleanup_one(struct store *st, struct store_index_ops *ops, int64_t id,
			      int64_t feed_id, const char *guid, char *err, size_t errlen)
{
	if (!store_index_queue_stored(st, ops, id, true, err, errlen))
		return false;
	static const enum store_sql steps[] = {STORE_SQL_REMOVED_ADD, STORE_SQL_DUP_PROMOTE,
					       STORE_SQL_DUP_REPOINT, STORE_SQL_LINKS_DELETE,
					       STORE_SQL_ARTICLE_DELETE};
	for (size_t i = 0; i < CORE_NELEM(steps); i++) {
		sqlite3_stmt *s = store_stmt(st, steps[i], err, errlen);
		if (s == NULL)
			return false;
		sqlite3_bind_int64(s, 1, id);
		if (steps[i] == STORE_SQL_REMOVED_ADD) {
			sqlite3_bind_int64(s, 2, feed_id);
			store_bind_text(s, 3, guid);
		}
		if (!store_exec_stmt(st, s, "cannot remove an article", err, errlen))
			return false;
	}
	return true;
}

/* The articles of feed_id that c removes: their ids and guids (owned), their number. */
static bool store_cleanup_list(struct store *st, int64_t feed_id, const struct store_cleanup *c,
			       int64_t **ids, char ***guids, size_t *n, char *err, size_t errlen)
{
	*ids = NULL;
	*guids = NULL;
	*n = 0;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_CLEANUP_LIST, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, c->keep_days > 0 ? c->now - c->keep_days * 86400 : INT64_MIN);
	sqlite3_bind_int64(s, 3, c->keep_per_feed > 0 ? c->keep_per_feed : -1);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		*guids = xreallocarray(*guids, *n + 1, sizeof **guids);
		(*ids)[*n] = sqlite3_column_int64(s, 0);
		(*guids)[(*n)++] = store_col_text(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, "cannot look for old articles", err, errlen);
		return false;
	}
	return true;
}

bool store_cleanup_run(struct store *st, const struct store_cleanup *c,
		       struct store_cleanup_result *r, char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	if (c->keep_days <= 0 && c->keep_per_feed <= 0)
		return true;
	if (!c->dry_run && !st->has_removed) {
		if (!store_exec(st, STORE_REMOVED_TABLE,
				"cannot make the table of removed articles", err, errlen))
			return false;
		st->has_removed = true;
	}
	struct store_feed *feeds;
	size_t nfeeds;
	if (!store_feeds_list(st, &feeds, &nfeeds, err, errlen))
		return false;
	bool ok = true;
	for (size_t f = 0; ok && f < nfeeds; f++) {
		int64_t *ids;
		char **guids;
		size_t n;
		ok = store_cleanup_list(st, feeds[f].id, c, &ids, &guids, &n, err, errlen);
		if (ok && n > 0 && !c->dry_run) { /* one transaction a feed */
			struct store_index_ops ops = {0};
			ok = store_begin(st, err, errlen);
			for (size_t i = 0; ok && i < n; i++)
				ok = store_cleanup_one(st, &ops, ids[i], feeds[f].id, guids[i], err,
						       errlen);
			ok = ok && store_index_flush(st, &ops, err, errlen);
			store_index_ops_free(&ops);
			if (ok)
				ok = store_commit(st, err, errlen);
			else
				store_rollback(st);
		}
		if (ok && n > 0) {
			r->feeds = xreallocarray(r->feeds, r->nfeeds + 1, sizeof *r->feeds);
			r->feeds[r->nfeeds].feed_id = feeds[f].id;
			r->feeds[r->nfeeds++].removed = (int64_t)n;
			r->removed += (int64_t)n;
		}
		for (size_t i = 0; i < n; i++)
			free(guids[i]);
		free(guids);
		free(ids);
	}
	store_feeds_free(feeds, nfeeds);
	if (!ok || c->dry_run)
		return ok;
	/* the file shrinks when much of it is free, or when asked */
	int64_t pages = 0, free_pages = 0;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT page_count, freelist_count FROM pragma_page_count,"
			       " pragma_freelist_count",
			       -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW) {
			pages = sqlite3_column_int64(s, 0);
			free_pages = sqlite3_column_int64(s, 1);
		}
		sqlite3_finalize(s);
	}
	if (c->vacuum || (r->removed > 0 && free_pages * 4 >= pages && pages > 0)) {
		ok = store_exec(st, "VACUUM", "cannot make the cache file smaller", err, errlen);
		r->vacuumed = ok;
	}
	return ok;
}

void store_cleanup_result_free(struct store_cleanup_result *r)
{
	free(r->feeds);
	memset(r, 0, sizeof *r);
}
