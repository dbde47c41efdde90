/*
 * store_update.c: writing a feed's items, and the full-text index.
 *
 * The index is an FTS5 table without content of its own (the articles
 * table has the text): a row goes in with the folded title, summary and
 * body, and comes out with the very same values, so both are computed by
 * one function (store_index_make) from what the articles table keeps: the
 * body's text is the raw text of the content (store_text_fn: html_text_raw,
 * handed over by whoever opened the store), made again when a row comes
 * out. So that text must stay what it is for the rows already indexed: a
 * bantin whose html_text says otherwise must rebuild the index
 * (store_reindex).
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store_internal.h"
#include "text.h"

static uint64_t store_hash_TIME(uint64_t h, int64_t t)
{
	return core_str_hash_fast(h ^ (uint64_t)t, NULL);
}

static uint64_t store_hash_TEXT(uint64_t h, const char *s)
{
	return core_str_hash_fast(h, s);
}

int64_t store_item_hash(const struct store_item *it)
{
	uint64_t h = CORE_STR_HASH_START;
#define STORE_HASH_FIELD(field, kind) h = store_hash_##kind(h, it->field);
	STORE_ITEM_FIELDS(STORE_HASH_FIELD)
#undef STORE_HASH_FIELD
	h &= INT64_MAX;
	return h != 0 ? (int64_t)h : 1; /* 0 means "not computed" */
}

void store_index_text(const char *title, const char *summary, const char *text, char *out[3])
{
	out[0] = text_fold(title != NULL ? title : "", title != NULL ? strlen(title) : 0, NULL);
	out[1] =
	    text_fold(summary != NULL ? summary : "", summary != NULL ? strlen(summary) : 0, NULL);
	out[2] = text_fold(text != NULL ? text : "", text != NULL ? strlen(text) : 0, NULL);
}

char *store_body_text(const struct store *st, const char *content, bool raw)
{
	const char *c = content != NULL ? content : "";
	return st->text != NULL ? st->text(c, strlen(c), raw) : xstrdup("");
}

/* Adds article id's index text to the index, or (remove) takes it out. */
static bool store_index_write(struct store *st, int64_t id, const char *const text[3], bool remove,
			      char *err, size_t errlen)
{
	sqlite3_stmt *s =
	    store_stmt(st, remove ? STORE_SQL_FTS_DELETE : STORE_SQL_FTS_INSERT, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, text[0]);
	store_bind_text(s, 3, text[1]);
	store_bind_text(s, 4, text[2]);
	return store_exec_stmt(st, s, "cannot update the search index", err, errlen);
}

/* The index text of an article's fields, owned. */
static void store_index_make(const struct store *st, const char *title, const char *summary,
			     const char *content, char *out[3])
{
	char *body = store_body_text(st, content, true);
	store_index_text(title, summary, body, out);
	free(body);
}

/* The index text of what article id keeps (its page's article or the feed's body), owned. */
static bool store_index_stored_text(struct store *st, int64_t id, char *out[3], char *err,
				    size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_ARTICLE_TEXT, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	bool ok = sqlite3_step(s) == SQLITE_ROW;
	if (!ok)
		store_fail(st, "cannot read an article", err, errlen);
	else /* the row's values stay good until this statement is reset */
		store_index_make(st, (const char *)sqlite3_column_text(s, 0),
				 (const char *)sqlite3_column_text(s, 1),
				 (const char *)sqlite3_column_text(s, 2), out);
	sqlite3_reset(s);
	return ok;
}

bool store_index_add(struct store *st, int64_t id, char *err, size_t errlen)
{
	char *index[3];
	if (!store_index_stored_text(st, id, index, err, errlen))
		return false;
	bool ok = store_index_write(st, id, (const char *const *)index, false, err, errlen);
	for (size_t i = 0; i < 3; i++)
		free(index[i]);
	return ok;
}

/*
 * The index rows a feed's write adds and takes out, in order, written
 * together once its articles are (store_index_flush). FTS5 keeps the terms
 * of the rows it is given in memory, and writes them out as a new segment
 * of the index whenever a statement opens a savepoint while it holds some:
 * one that may change several rows does, as the look for an article's
 * duplicates (STORE_SQL_DUP_SET, an UPDATE ... FROM) does for every article
 * with a link. An article indexed right after its row cut the index into
 * one segment per article, merged again and again: on 200 feeds x 200
 * items, two fifths of the writer's time. Written after the articles, a
 * feed's rows make one segment.
 *
 * store_index_queue queues article id's row, to add or take out: its text
 * borrowed, or owned (then freed with ops).
 */
static void store_index_queue(struct store_index_ops *ops, int64_t id, bool remove,
			      const char *const borrowed[3], char *owned[3])
{
	if (ops->n == ops->cap) {
		ops->cap = ops->cap != 0 ? 2 * ops->cap : 64;
		ops->v = xreallocarray(ops->v, ops->cap, sizeof *ops->v);
	}
	struct store_index_op *op = &ops->v[ops->n++];
	op->id = id;
	op->remove = remove;
	for (size_t i = 0; i < 3; i++) {
		op->owned[i] = owned != NULL ? owned[i] : NULL;
		op->text[i] = owned != NULL ? owned[i] : borrowed[i];
	}
}

void store_index_ops_free(struct store_index_ops *ops)
{
	for (size_t k = 0; k < ops->n; k++)
		for (size_t i = 0; i < 3; i++)
			free(ops->v[k].owned[i]);
	free(ops->v);
	*ops = (struct store_index_ops){0};
}

bool store_index_flush(struct store *st, const struct store_index_ops *ops, char *err,
		       size_t errlen)
{
	for (size_t k = 0; k < ops->n; k++)
		if (!store_index_write(st, ops->v[k].id, ops->v[k].text, ops->v[k].remove, err,
				       errlen))
			return false;
	return true;
}

bool store_index_queue_stored(struct store *st, struct store_index_ops *ops, int64_t id,
			      bool remove, char *err, size_t errlen)
{
	char *index[3];
	if (!store_index_stored_text(st, id, index, err, errlen))
		return false;
	store_index_queue(ops, id, remove, NULL, index);
	return true;
}

/* Queues a new or changed item's row: with the text it brings, or made here. */
static void store_index_queue_item(struct store *st, struct store_index_ops *ops, int64_t id,
				   const struct store_item *it)
{
	if (it->index[0] != NULL && it->index[1] != NULL && it->index[2] != NULL) {
		store_index_queue(ops, id, false, it->index, NULL);
		return;
	}
	char *index[3];
	store_index_make(st, it->title, it->summary, it->content, index);
	store_index_queue(ops, id, false, NULL, index);
}

/* Binds ?2 to ?9 of ARTICLE_INSERT and ARTICLE_UPDATE: what the feed says of an item. */
#define store_bind_TEXT store_bind_text
#define store_bind_TIME store_bind_time
static void store_bind_item(sqlite3_stmt *s, const struct store_item *it)
{
	int col = 2;
#define STORE_BIND_FIELD(field, kind) store_bind_##kind(s, col++, it->field);
	STORE_ITEM_FIELDS(STORE_BIND_FIELD)
#undef STORE_BIND_FIELD
}
#undef store_bind_TEXT
#undef store_bind_TIME

enum store_put { STORE_PUT_ADDED, STORE_PUT_UPDATED, STORE_PUT_UNCHANGED, STORE_PUT_ERROR };

/* Feed feed_id's article with this guid: 1 with its id, fingerprint and whether its body is its
 * page's, 0 if none, -1 with err. */
static int store_article_find(struct store *st, int64_t feed_id, const char *guid, int64_t *id,
			      int64_t *hash, bool *paged, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_ARTICLE_FIND, err, errlen);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, guid);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*hash = sqlite3_column_int64(s, 1);
		*paged = sqlite3_column_int(s, 2) != 0;
	} else if (rc != SQLITE_DONE) {
		store_fail(st, "cannot look up an article", err, errlen);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

bool store_article_hash(struct store *st, int64_t feed_id, const char *guid, int64_t *hash)
{
	int64_t id;
	bool paged;
	return store_article_find(st, feed_id, guid, &id, hash, &paged, NULL, 0) == 1;
}

/* Adds or updates one item of feed u->feed_id; its index rows go to ops. */
static enum store_put store_put_item(struct store *st, const struct store_update *u,
				     const struct store_item *it, struct store_index_ops *ops,
				     char *err, size_t errlen)
{
	int64_t hash = it->hash != 0 ? it->hash : store_item_hash(it);
	int64_t id, had;
	bool paged = false;
	int found = store_article_find(st, u->feed_id, it->guid, &id, &had, &paged, err, errlen);
	if (found < 0)
		return STORE_PUT_ERROR;
	sqlite3_stmt *s;
	if (found == 0 && store_removed(st, u->feed_id, it->guid))
		return STORE_PUT_UNCHANGED; /* a cleanup removed it: it stays removed */
	if (found == 1) {
		if (had == hash) /* the fingerprint covers every field the feed gives */
			return STORE_PUT_UNCHANGED;
		if (!store_index_queue_stored(st, ops, id, true, err, errlen) ||
		    (s = store_stmt(st, STORE_SQL_ARTICLE_UPDATE, err, errlen)) == NULL)
			return STORE_PUT_ERROR;
		sqlite3_bind_int64(s, 1, id);
		store_bind_item(s, it);
		sqlite3_bind_int64(s, 10, hash);
		sqlite3_bind_int(s, 13, it->page);
		if (!store_exec_stmt(st, s, "cannot update an article", err, errlen))
			return STORE_PUT_ERROR;
		/* An article whose body is its page's keeps it: its index row is made from it. */
		if (paged) {
			if (!store_index_queue_stored(st, ops, id, false, err, errlen))
				return STORE_PUT_ERROR;
		} else {
			store_index_queue_item(st, ops, id, it);
		}
		return STORE_PUT_UPDATED;
	}
	if ((s = store_stmt(st, STORE_SQL_ARTICLE_INSERT, err, errlen)) == NULL)
		return STORE_PUT_ERROR;
	sqlite3_bind_int64(s, 1, u->feed_id);
	store_bind_item(s, it);
	sqlite3_bind_int64(s, 10, hash);
	store_bind_text(s, 11, it->guid);
	sqlite3_bind_int64(s, 12, u->now);
	sqlite3_bind_int(s, 13, it->page);
	if (!store_exec_stmt(st, s, "cannot add an article", err, errlen))
		return STORE_PUT_ERROR;
	id = sqlite3_last_insert_rowid(st->db);
	store_index_queue_item(st, ops, id, it);
	/* the same article in another feed: one article in lists, read with it */
	if (it->link != NULL && it->link[0] != '\0') {
		if ((s = store_stmt(st, STORE_SQL_DUP_SET, err, errlen)) == NULL)
			return STORE_PUT_ERROR;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, it->link);
		sqlite3_bind_int64(s, 3, u->feed_id);
		if (!store_exec_stmt(st, s, "cannot add an article", err, errlen))
			return STORE_PUT_ERROR;
	}
	return STORE_PUT_ADDED;
}

bool store_update(struct store *st, const struct store_update *u, struct store_update_result *r,
		  char *err, size_t errlen)
{
	struct store_update_result res = {0, 0, 0};
	struct store_index_ops ops = {0};
	if (!store_begin(st, err, errlen))
		return false;
	for (size_t i = 0; i < u->nitems; i++) {
		switch (store_put_item(st, u, &u->items[i], &ops, err, errlen)) {
		case STORE_PUT_ADDED:
			res.added++;
			break;
		case STORE_PUT_UPDATED:
			res.updated++;
			break;
		case STORE_PUT_UNCHANGED:
			res.unchanged++;
			break;
		case STORE_PUT_ERROR:
			goto fail;
		}
	}
	if (!store_index_flush(st, &ops, err, errlen))
		goto fail;
	store_index_ops_free(&ops);
	if (u->older)
		goto commit;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FEED_UPDATED, err, errlen);
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, u->feed_id);
	sqlite3_bind_int64(s, 2, u->now);
	sqlite3_bind_int(s, 3, u->status);
	store_bind_text(s, 4, u->title != NULL && u->title[0] != '\0' ? u->title : NULL);
	store_bind_text(s, 5, u->site != NULL && u->site[0] != '\0' ? u->site : NULL);
	store_bind_text(s, 6, u->etag);
	store_bind_text(s, 7, u->last_modified);
	if (!store_exec_stmt(st, s, "cannot record a feed's state", err, errlen))
		goto fail;
commit:
	if (!store_commit(st, err, errlen))
		return false;
	if (r != NULL)
		*r = res;
	return true;
fail:
	store_index_ops_free(&ops);
	store_rollback(st);
	return false;
}

/* ---- the index's upkeep: rebuilding and checking it ---- */

bool store_reindex(struct store *st, int64_t *n, char *err, size_t errlen)
{
	*n = 0;
	if (!store_begin(st, err, errlen))
		return false;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_FTS_DELETE_ALL, err, errlen);
	if (s == NULL || !store_exec_stmt(st, s, "cannot empty the search index", err, errlen))
		goto fail;
	/* The rows are read in pages of ids so that no statement is open while writing. */
	sqlite3_stmt *rows = store_stmt(st, STORE_SQL_REINDEX_ROWS, err, errlen);
	if (rows == NULL)
		goto fail;
	int64_t last = 0;
	for (;;) {
		struct {
			int64_t id;
			char *text[3];
		} page[256];
		size_t np = 0;
		sqlite3_bind_int64(rows, 1, last);
		int rc = SQLITE_OK;
		while (np < 256 && (rc = sqlite3_step(rows)) == SQLITE_ROW) {
			char *title = store_col_text(rows, 1), *summary = store_col_text(rows, 2);
			char *body =
			    store_body_text(st, (const char *)sqlite3_column_text(rows, 3), true);
			page[np].id = sqlite3_column_int64(rows, 0);
			store_index_text(title, summary, body, page[np].text);
			free(title);
			free(summary);
			free(body);
			np++;
		}
		/* A read that fails part way must not pass for the end of the articles. */
		bool ok = np == 256 || rc == SQLITE_DONE;
		if (!ok)
			store_fail(st, "cannot read the articles to index", err, errlen);
		sqlite3_reset(rows);
		for (size_t i = 0; i < np; i++) {
			if (ok) {
				sqlite3_stmt *ins =
				    store_stmt(st, STORE_SQL_FTS_INSERT, err, errlen);
				ok = ins != NULL;
				if (ok) {
					sqlite3_bind_int64(ins, 1, page[i].id);
					for (int k = 0; k < 3; k++)
						store_bind_text(ins, k + 2, page[i].text[k]);
					ok = store_exec_stmt(
					    st, ins, "cannot fill the search index", err, errlen);
				}
			}
			for (int k = 0; k < 3; k++)
				free(page[i].text[k]);
			last = page[i].id;
		}
		*n += (int64_t)np;
		if (!ok)
			goto fail;
		if (np < 256)
			break;
	}
	return store_commit(st, err, errlen);
fail:
	store_rollback(st);
	return false;
}

bool store_check(struct store *st, char *err, size_t errlen)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "cannot check the cache", err, errlen);
		return false;
	}
	bool ok = sqlite3_step(s) == SQLITE_ROW &&
		  strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
	if (!ok)
		core_err_set(err, errlen, "%s: the cache is damaged: %s", st->shown,
			     sqlite3_column_text(s, 0) != NULL
				 ? (const char *)sqlite3_column_text(s, 0)
				 : sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	if (!ok)
		return false;
	/* FTS5's own check is written as an INSERT: a read-only cache gets the counts only */
	if (!st->readonly) {
		s = store_stmt(st, STORE_SQL_FTS_CHECK, err, errlen);
		if (s == NULL)
			return false;
		if (sqlite3_step(s) != SQLITE_DONE) {
			core_err_set(err, errlen,
				     "%s: the search index is damaged (run 'bantin reindex')",
				     st->shown);
			sqlite3_reset(s);
			return false;
		}
		sqlite3_reset(s);
	}
	int64_t articles, indexed;
	if (!store_counts(st, &articles, &indexed, err, errlen))
		return false;
	if (articles != indexed) {
		core_err_set(
		    err, errlen,
		    "%s: the search index holds %lld articles of %lld (run 'bantin reindex')",
		    st->shown, (long long)indexed, (long long)articles);
		return false;
	}
	return true;
}
