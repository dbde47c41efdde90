/* store_articles.c: pages of article rows, whole articles, read and starred state. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store_internal.h"
#include "text.h"

/* An untitled article's stand-in: from this much of its HTML, this many cells at most. */
#define STORE_UNTITLED_HTML  4096
#define STORE_UNTITLED_CELLS 100

void store_sql_untitled(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	for (int i = 0; i < 2; i++) {
		const char *html = (const char *)sqlite3_value_text(argv[i]);
		size_t len = (size_t)sqlite3_value_bytes(argv[i]);
		if (html == NULL || len == 0)
			continue;
		if (len > STORE_UNTITLED_HTML) /* enough for a line; cut between letters */
			len = text_cluster_start(html, len, STORE_UNTITLED_HTML);
		const struct store *st = sqlite3_user_data(ctx);
		char *line = st->text != NULL ? st->text(html, len, false) : xstrdup("");
		for (char *p = line; (p = strchr(p, '\n')) != NULL; p++)
			*p = ' '; /* its lines joined */
		if (line[0] == '\0') {
			free(line);
			line = NULL;
		}
		if (line != NULL) {
			char *fit = text_fit(line, STORE_UNTITLED_CELLS, "…", false);
			free(line);
			sqlite3_result_text(ctx, fit, -1, free);
			return;
		}
	}
	sqlite3_result_value(ctx, argv[2]);
}

void store_row_read(sqlite3_stmt *s, struct store_row *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->feed_id = sqlite3_column_int64(s, 1);
	r->feed_title = store_col_text(s, 2);
	r->title = store_col_text(s, 3);
	r->link = store_col_text(s, 4);
	r->time = sqlite3_column_int64(s, 5);
	r->read = sqlite3_column_int(s, 6) != 0;
	r->starred = sqlite3_column_int(s, 7) != 0;
	r->others = sqlite3_column_int64(s, 8);
}

void store_row_clear(struct store_row *r)
{
	free(r->feed_title);
	free(r->title);
	free(r->link);
}

void store_rows_free(struct store_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_row_clear(&rows[i]);
	free(rows);
}

/* Rows of q from the end of its list when it is shorter that way: a deep OFFSET walks. */
static bool store_rows_from_end(struct store *st, const struct store_query *q, int64_t *offset,
				int64_t *limit)
{
	int64_t total;
	if (q->offset < 1000 || q->limit > 100000 || !store_rows_count(st, q, &total, NULL, 0) ||
	    (int64_t)q->offset <= total / 2)
		return false;
	int64_t end = total - (int64_t)q->offset; /* rows [start, end) counted from the end */
	int64_t start = end - (int64_t)q->limit > 0 ? end - (int64_t)q->limit : 0;
	*offset = start;
	*limit = end > start ? end - start : 0;
	return true;
}

/* Steps s (bound), a count: its one value into *n; false with err. */
static bool store_count_step(struct store *st, sqlite3_stmt *s, int64_t *n, char *err,
			     size_t errlen)
{
	bool ok = sqlite3_step(s) == SQLITE_ROW;
	if (ok)
		*n = sqlite3_column_int64(s, 0);
	else
		store_fail(st, "cannot count articles", err, errlen);
	sqlite3_reset(s);
	return ok;
}

/* Steps s (bound) to its end, each row a store_row of *out; false with err (nothing kept). */
static bool store_rows_step(struct store *st, sqlite3_stmt *s, struct store_row **out, size_t *n,
			    char *err, size_t errlen)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		store_row_read(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return true;
	store_fail(st, "cannot list articles", err, errlen);
	store_rows_free(*out, *n);
	*out = NULL;
	*n = 0;
	return false;
}

/* The feeds of q as a JSON array, owned; NULL when q is not of a set. */
static char *store_query_set(const struct store_query *q)
{
	if (q->nfeeds == 0)
		return NULL;
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_putc(&b, '[');
	for (size_t i = 0; i < q->nfeeds; i++)
		core_buf_printf(&b, "%s%lld", i > 0 ? "," : "", (long long)q->feeds[i]);
	core_buf_putc(&b, ']');
	return core_buf_take(&b);
}

/* Rows or their count (count non-NULL) of q, a query of a set of feeds. */
static bool store_rows_set(struct store *st, const struct store_query *q, struct store_row **out,
			   size_t *n, int64_t *count, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(
	    st, count != NULL ? STORE_SQL_ROWS_SET_COUNT : STORE_SQL_ROWS_SET, err, errlen);
	if (s == NULL)
		return false;
	char *set = store_query_set(q);
	sqlite3_bind_int(s, 1, q->unread_only);
	sqlite3_bind_int(s, 2, q->starred_only);
	sqlite3_bind_int64(s, 3, q->limit > INT64_MAX ? INT64_MAX : (int64_t)q->limit);
	sqlite3_bind_int64(s, 4, q->offset > INT64_MAX ? INT64_MAX : (int64_t)q->offset);
	sqlite3_bind_text(s, 5, set, -1, free);
	if (count != NULL)
		return store_count_step(st, s, count, err, errlen);
	sqlite3_bind_int64(s, 6, q->after ? q->after_time : INT64_MAX);
	sqlite3_bind_int64(s, 7, q->after ? q->after_id : INT64_MAX);
	return store_rows_step(st, s, out, n, err, errlen);
}

bool store_rows(struct store *st, const struct store_query *q, struct store_row **out, size_t *n,
		char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	if (q->nfeeds > 0)
		return store_rows_set(st, q, out, n, NULL, err, errlen);
	enum store_sql which =
	    q->feed_id != 0 ? (q->unread_only ? STORE_SQL_ROWS_FEED_UNREAD : STORE_SQL_ROWS_FEED)
			    : (q->unread_only ? STORE_SQL_ROWS_UNREAD : STORE_SQL_ROWS_ALL);
	int64_t offset = q->offset > INT64_MAX ? INT64_MAX : (int64_t)q->offset;
	int64_t limit = q->limit > INT64_MAX ? INT64_MAX : (int64_t)q->limit;
	bool starred = q->starred_only && q->feed_id == 0 && !q->unread_only;
	bool reverse = !q->after && !starred && store_rows_from_end(st, q, &offset, &limit);
	if (reverse)
		which = (enum store_sql)(which - STORE_SQL_ROWS_ALL + STORE_SQL_ROWS_ALL_REV);
	if (starred)
		which = STORE_SQL_ROWS_STARRED;
	sqlite3_stmt *s = store_stmt(st, which, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, q->feed_id);
	sqlite3_bind_int(s, 2, q->starred_only);
	sqlite3_bind_int64(s, 3, limit);
	sqlite3_bind_int64(s, 4, offset);
	sqlite3_bind_int64(s, 6, q->after ? q->after_time : INT64_MAX);
	sqlite3_bind_int64(s, 7, q->after ? q->after_id : INT64_MAX);
	if (!store_rows_step(st, s, out, n, err, errlen))
		return false;
	for (size_t i = 0; reverse && i < *n / 2; i++) { /* back to newest first */
		struct store_row t = (*out)[i];
		(*out)[i] = (*out)[*n - 1 - i];
		(*out)[*n - 1 - i] = t;
	}
	return true;
}

void store_article_free(struct store_article *a)
{
	if (a == NULL)
		return;
	free(a->feed_title);
	free(a->guid);
	free(a->link);
	free(a->title);
	free(a->author);
	free(a->categories);
	free(a->summary);
	free(a->content);
	free(a->page_error);
}

bool store_article_get(struct store *st, int64_t id, struct store_article *a, char *err,
		       size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_ARTICLE_GET, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		a->id = sqlite3_column_int64(s, 0);
		a->feed_id = sqlite3_column_int64(s, 1);
		a->feed_title = store_col_text(s, 2);
		a->guid = store_col_text(s, 3);
		a->link = store_col_text(s, 4);
		a->title = store_col_text(s, 5);
		a->author = store_col_text(s, 6);
		a->published = store_col_time(s, 7);
		a->updated = store_col_time(s, 8);
		a->first_seen = store_col_time(s, 9);
		a->categories = store_col_text(s, 10);
		a->summary = store_col_text(s, 11);
		a->content = store_col_text(s, 12);
		a->read = sqlite3_column_int(s, 13) != 0;
		a->starred = sqlite3_column_int(s, 14) != 0;
		/* The page's byline and date stand in for what the feed does not say. */
		if (a->author == NULL || a->author[0] == '\0') {
			free(a->author);
			a->author = store_col_text(s, 15);
		}
		if (a->published == STORE_NO_TIME)
			a->published = store_col_time(s, 16);
		a->page_state = (enum store_page_state)sqlite3_column_int(s, 17);
		a->page_error = store_col_text(s, 18);
	} else if (rc == SQLITE_DONE) {
		core_err_set(err, errlen, "no article %lld", (long long)id);
	} else {
		store_fail(st, "cannot read an article", err, errlen);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW;
}

/* Runs an UPDATE of one article by id (?1) with ?2 = value; false when there is no such article. */
static bool store_set_flag(struct store *st, enum store_sql sql, int64_t id, bool value, char *err,
			   size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, sql, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, value);
	if (!store_exec_stmt(st, s, "cannot change an article", err, errlen))
		return false;
	if (sqlite3_changes(st->db) == 0) {
		core_err_set(err, errlen, "no article %lld", (long long)id);
		return false;
	}
	return true;
}

bool store_mark_read(struct store *st, int64_t id, bool read, char *err, size_t errlen)
{
	return store_set_flag(st, STORE_SQL_MARK_READ, id, read, err, errlen);
}

bool store_star(struct store *st, int64_t id, bool starred, char *err, size_t errlen)
{
	return store_set_flag(st, STORE_SQL_STAR, id, starred, err, errlen);
}

bool store_mark_all_read(struct store *st, int64_t feed_id, int64_t *n, char *err, size_t errlen)
{
	sqlite3_stmt *s = store_stmt(
	    st, feed_id != 0 ? STORE_SQL_MARK_FEED_READ : STORE_SQL_MARK_ALL_READ, err, errlen);
	if (s == NULL)
		return false;
	if (feed_id != 0)
		sqlite3_bind_int64(s, 1, feed_id);
	if (!store_exec_stmt(st, s, "cannot mark articles read", err, errlen))
		return false;
	if (n != NULL)
		*n = sqlite3_changes64(st->db);
	return true;
}

bool store_rows_count(struct store *st, const struct store_query *q, int64_t *n, char *err,
		      size_t errlen)
{
	if (q->nfeeds > 0)
		return store_rows_set(st, q, NULL, NULL, n, err, errlen);
	enum store_sql which =
	    q->starred_only ? STORE_SQL_ROWS_COUNT
	    : q->feed_id != 0
		? (q->unread_only ? STORE_SQL_COUNT_FEED_UNREAD : STORE_SQL_COUNT_FEED)
		: (q->unread_only ? STORE_SQL_COUNT_UNREAD : STORE_SQL_COUNT_ALL);
	sqlite3_stmt *s = store_stmt(st, which, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, q->feed_id);
	if (which == STORE_SQL_ROWS_COUNT) {
		sqlite3_bind_int(s, 2, q->unread_only);
		sqlite3_bind_int(s, 3, q->starred_only);
	}
	return store_count_step(st, s, n, err, errlen);
}

bool store_row_index(struct store *st, const struct store_query *q, int64_t id, int64_t *index,
		     char *err, size_t errlen)
{
	if (q->nfeeds > 0) { /* a tag's list: the place is not looked for */
		core_err_set(err, errlen, "article %lld is not in the list", (long long)id);
		return false;
	}
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_ROW_INDEX, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, q->feed_id);
	sqlite3_bind_int(s, 2, q->unread_only);
	sqlite3_bind_int(s, 3, q->starred_only);
	sqlite3_bind_int64(s, 4, id);
	bool ok = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 1) == 1;
	if (ok)
		*index = sqlite3_column_int64(s, 0);
	else
		core_err_set(err, errlen, "article %lld is not in the list", (long long)id);
	sqlite3_reset(s);
	return ok;
}

bool store_next_unread(struct store *st, int64_t after, int64_t *id, char *err, size_t errlen)
{
	*id = 0;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_NEXT_UNREAD, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, after);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		store_fail(st, "cannot look for an unread article", err, errlen);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE;
}
