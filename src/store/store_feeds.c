/* store_feeds.c: the feeds table: adding, listing, moving, recording attempts. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store_internal.h"

void store_feed_free(struct store_feed *f)
{
	if (f == NULL)
		return;
	free(f->url);
	free(f->location);
	free(f->title);
	free(f->site);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->page_error);
	free(f->via);
}

void store_feeds_free(struct store_feed *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_feed_free(&f[i]);
	free(f);
}

/* A feed from a row of FEED_GET or FEEDS_LIST. */
static void store_feed_read(sqlite3_stmt *s, struct store_feed *f)
{
	f->id = sqlite3_column_int64(s, 0);
	f->url = store_col_text(s, 1);
	f->location = store_col_text(s, 2);
	f->title = store_col_text(s, 3);
	f->site = store_col_text(s, 4);
	f->etag = store_col_text(s, 5);
	f->last_modified = store_col_text(s, 6);
	f->last_attempt = store_col_time(s, 7);
	f->last_success = store_col_time(s, 8);
	f->last_status = sqlite3_column_int(s, 9);
	f->last_error = store_col_text(s, 10);
	f->unread = sqlite3_column_int64(s, 11);
	f->total = sqlite3_column_int64(s, 12);
	f->pages = sqlite3_column_int64(s, 13);
	f->pages_failed = sqlite3_column_int64(s, 14);
	f->page_error = store_col_text(s, 15);
	f->via = store_col_text(s, 16);
}

/* The id (and name, owned) of the feed with url: 1 found, 0 not there, -1 error. */
static int store_feed_find(struct store *st, const char *url, int64_t *id, char **name, char *err,
			   size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_ID, err, errlen);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, url);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*name = store_col_text(s, 1);
		sqlite3_reset(s);
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	store_fail(st, "cannot look up a feed", err, errlen);
	return -1;
}

/* Whether a feed named had (NULL: no name) is named name already. */
static bool store_feed_named(const char *had, const char *name)
{
	return (had == NULL && name == NULL) ||
	       (had != NULL && name != NULL && strcmp(had, name) == 0);
}

/* Adds the feed with this URL when it is not there, and gives it name; its id. */
static bool store_feed_put(struct store *st, const char *url, const char *name, int64_t *id,
			   char *err, size_t errlen)
{
	char *had = NULL;
	int found = store_feed_find(st, url, id, &had, err, errlen);
	if (found == 0) {
		sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_INSERT, err, errlen);
		if (s == NULL)
			return false;
		store_bind_text(s, 1, url);
		if (!store_exec_stmt(st, s, "cannot add a feed", err, errlen))
			return false;
		found = store_feed_find(st, url, id, &had, err, errlen);
		if (found == 0)
			store_fail(st, "cannot add a feed", err, errlen);
	}
	if (found <= 0)
		return false;
	bool same = store_feed_named(had, name);
	free(had);
	if (same)
		return true;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_SET_NAME, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, *id);
	store_bind_text(s, 2, name);
	return store_exec_stmt(st, s, "cannot name a feed", err, errlen);
}

bool store_feeds_ensure(struct store *st, size_t n, const char *const *urls,
			const char *const *names, int64_t *ids, char *err, size_t errlen)
{
	/* Usually every feed is there as it was: then nothing is written, not even a lock taken. */
	size_t i = 0;
	for (; i < n; i++) {
		char *had = NULL;
		int found = store_feed_find(st, urls[i], &ids[i], &had, err, errlen);
		if (found < 0)
			return false;
		if (st->readonly) { /* what is there; the others are not in the cache (id 0) */
			if (found == 0)
				ids[i] = 0;
			free(had);
			continue;
		}
		bool same = found > 0 && store_feed_named(had, names[i]);
		free(had);
		if (!same)
			break;
	}
	if (i == n || st->readonly)
		return true;
	/* One transaction for them all (a first run adds every feed). */
	if (!store_begin(st, err, errlen))
		return false;
	for (i = 0; i < n; i++) {
		if (!store_feed_put(st, urls[i], names[i], &ids[i], err, errlen)) {
			store_rollback(st);
			return false;
		}
	}
	return store_commit(st, err, errlen);
}

bool store_feed_get(struct store *st, int64_t id, struct store_feed *f, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_GET, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_feed_read(s, f);
	else if (rc == SQLITE_DONE)
		core_err_set(err, errlen, "no feed %lld", (long long)id);
	else
		store_fail(st, "cannot read a feed", err, errlen);
	sqlite3_reset(s);
	return rc == SQLITE_ROW;
}

bool store_feeds_list(struct store *st, struct store_feed **out, size_t *n, char *err,
		      size_t errlen)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEEDS_LIST, err, errlen);
	if (s == NULL)
		return false;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		store_feed_read(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, "cannot list the feeds", err, errlen);
		store_feeds_free(*out, *n);
		*out = NULL;
		*n = 0;
		return false;
	}
	return true;
}

bool store_feed_move(struct store *st, int64_t id, const char *url, char *err, size_t errlen)
{
	return store_feed_found(st, id, url, NULL, err, errlen);
}

bool store_feed_found(struct store *st, int64_t id, const char *url, const char *via, char *err,
		      size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_SET_URL, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, url);
	store_bind_text(s, 3, url != NULL ? via : NULL);
	return store_exec_stmt(st, s, "cannot record a feed's new location", err, errlen);
}

bool store_feed_failed(struct store *st, int64_t id, int64_t now, int status, const char *error,
		       char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_FAILED, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int(s, 3, status);
	store_bind_text(s, 4, error);
	return store_exec_stmt(st, s, "cannot record a failure", err, errlen);
}

bool store_feed_unchanged(struct store *st, int64_t id, int64_t now, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_UNCHANGED, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	return store_exec_stmt(st, s, "cannot record an attempt", err, errlen);
}
