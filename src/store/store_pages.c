/*
 * store_pages.c: articles' web pages. A refresh asks which pages are due,
 * fetches and extracts them, and hands each back here: the page's article
 * becomes the article's body (and its index row), its own list of other
 * articles is kept beside it, or the failure is recorded with the time of
 * the next attempt. The feed's body stays in the article all along, so a
 * page that fails never costs what the feed gave.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store_internal.h"

void store_pages_due_free(struct store_page_due *p, size_t n)
{
	for (size_t i = 0; p != NULL && i < n; i++) {
		free(p[i].url);
		free(p[i].etag);
		free(p[i].modified);
	}
	free(p);
}

bool store_pages_due(struct store *st, int64_t feed_id, int64_t now, bool want_all, size_t max,
		     struct store_page_due **out, size_t *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	if (want_all) {
		s = store_stmt(st, STORE_SQL_PAGES_WANT, err, errlen);
		if (s == NULL)
			return false;
		sqlite3_bind_int64(s, 1, feed_id);
		if (!store_exec_stmt(st, s, "cannot mark pages to fetch", err, errlen))
			return false;
	}
	s = store_stmt(st, STORE_SQL_PAGES_DUE, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, (int64_t)(max < INT64_MAX ? max : INT64_MAX));
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		struct store_page_due *p = &(*out)[(*n)++];
		p->id = sqlite3_column_int64(s, 0);
		p->url = store_col_text(s, 1);
		p->etag = store_col_text(s, 2);
		p->modified = store_col_text(s, 3);
		p->tries = sqlite3_column_int(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, "cannot read the pages to fetch", err, errlen);
		store_pages_due_free(*out, *n);
		*out = NULL;
		*n = 0;
		return false;
	}
	return true;
}

/* Replaces article id's list of other articles with p's. */
static bool store_links_put(struct store *st, int64_t id, const struct store_page *p, char *err,
			    size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_LINKS_DELETE, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	if (!store_exec_stmt(st, s, "cannot update an article's links", err, errlen))
		return false;
	for (size_t i = 0; i < p->nlinks; i++) {
		if (p->link_urls[i] == NULL)
			continue;
		if ((s = store_stmt(st, STORE_SQL_LINK_INSERT, err, errlen)) == NULL)
			return false;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		store_bind_text(s, 3, p->link_titles[i]);
		store_bind_text(s, 4, p->link_urls[i]);
		if (!store_exec_stmt(st, s, "cannot update an article's links", err, errlen))
			return false;
	}
	return true;
}

bool store_page_set(struct store *st, int64_t id, const struct store_page *p, char *err,
		    size_t errlen)
{
	if (!store_begin(st, err, errlen))
		return false;
	/* The index row comes out as it went in (made from the body the article has now), and
	   goes in again made from the page's: both once the page and its links are in. */
	sqlite3_stmt *s;
	struct store_index_ops ops = {0};
	bool ok = store_index_queue_stored(st, &ops, id, true, err, errlen) &&
		  (s = store_stmt(st, STORE_SQL_PAGE_SET, err, errlen)) != NULL;
	if (ok) {
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, p->html != NULL ? p->html : "");
		store_bind_text(s, 3, p->author != NULL && p->author[0] != '\0' ? p->author : NULL);
		store_bind_time(s, 4, p->published);
		store_bind_text(s, 5, p->etag);
		store_bind_text(s, 6, p->modified);
		ok = store_exec_stmt(st, s, "cannot store an article's page", err, errlen) &&
		     store_links_put(st, id, p, err, errlen) &&
		     store_index_queue_stored(st, &ops, id, false, err, errlen) &&
		     store_index_flush(st, &ops, err, errlen);
	}
	store_index_ops_free(&ops);
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st, err, errlen);
}

bool store_page_unchanged(struct store *st, int64_t id, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_PAGE_UNCHANGED, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	return store_exec_stmt(st, s, "cannot record an article's page", err, errlen);
}

bool store_page_failed(struct store *st, int64_t id, int64_t next, const char *error, char *err,
		       size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_PAGE_FAILED, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, next);
	store_bind_text(s, 3, error);
	return store_exec_stmt(st, s, "cannot record an article's page", err, errlen);
}

void store_links_free(struct store_link *l, size_t n)
{
	for (size_t i = 0; l != NULL && i < n; i++) {
		free(l[i].title);
		free(l[i].url);
	}
	free(l);
}

bool store_links(struct store *st, int64_t id, struct store_link **out, size_t *n, char *err,
		 size_t errlen)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_LINKS, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		struct store_link *l = &(*out)[(*n)++];
		l->title = store_col_text(s, 0);
		l->url = store_col_text(s, 1);
		l->article =
		    sqlite3_column_type(s, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, "cannot read an article's links", err, errlen);
		store_links_free(*out, *n);
		*out = NULL;
		*n = 0;
		return false;
	}
	return true;
}

/* The cached article of link url (feed_id's first) into *id: 1, 0 when none, -1 with err. */
static int store_link_article(struct store *st, int64_t feed_id, const char *url, int64_t *id,
			      char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_LINK_ARTICLE, err, errlen);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, url);
	sqlite3_bind_int64(s, 2, feed_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		store_fail(st, "cannot look up an article", err, errlen);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

bool store_article_for_link(struct store *st, int64_t feed_id, const char *url, const char *title,
			    int64_t now, int64_t *id, char *err, size_t errlen)
{
	int found = store_link_article(st, feed_id, url, id, err, errlen);
	if (found != 0)
		return found == 1;
	if (!store_begin(st, err, errlen))
		return false;
	/* another bantin may have added it since */
	found = store_link_article(st, feed_id, url, id, err, errlen);
	bool ok = found == 1;
	sqlite3_stmt *s;
	if (found == 0 && (s = store_stmt(st, STORE_SQL_LINK_ADD, err, errlen)) != NULL) {
		sqlite3_bind_int64(s, 1, feed_id);
		store_bind_text(s, 2, url);
		sqlite3_bind_int64(s, 3, now);
		store_bind_text(s, 4, title);
		ok = store_exec_stmt(st, s, "cannot add an article", err, errlen);
		if (ok) {
			*id = sqlite3_last_insert_rowid(st->db);
			ok = store_index_add(st, *id, err, errlen);
		}
	}
	if (!ok) {
		store_rollback(st);
		return false;
	}
	return store_commit(st, err, errlen);
}
