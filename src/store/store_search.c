/*
 * store_search.c: searching the cache, and what related lists
 * (store_related.c) share with it: query units, counting matches, ranking
 * windows, reading hits with their snippets.
 *
 * A user's query never reaches FTS5 as written: it is read here into
 * units (a word, a phrase, a prefix, each maybe excluded) and filters, each
 * unit folded like the index (text_fold) and cut into words the way the
 * index's tokenizer cuts them, and only those words, inside double quotes,
 * make the MATCH expression. Words hold only letters, digits and marks, so
 * no input can be FTS5 syntax.
 *
 * Snippets and highlights are found in the original text, unfolded: the
 * text is folded with a map back to its bytes, and the query's words are
 * looked for word by word.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core.h"
#include "store_internal.h"
#include "text.h"

/* Bytes of text a snippet shows around its first match. */
#define STORE_SNIPPET_BEFORE 60
#define STORE_SNIPPET_LEN    220
/* At most this many matches (the newest) are ranked for a search. */
#define STORE_RANK_WINDOW STORE_SEARCH_RANKED
/* Ranked rows looked at for one page of results. */
#define STORE_RANKED_MIN 100

static void store_query_free(struct store_squery *q)
{
	for (size_t i = 0; i < q->nunits; i++) {
		for (size_t k = 0; k < q->units[i].nwords; k++)
			free(q->units[i].words[k]);
		free(q->units[i].words);
	}
	free(q->units);
	free(q->feed);
}

/* The folded words of s[0..len), appended to u. */
void store_search_unit_words(struct store_unit *u, const char *s, size_t len)
{
	char *f = text_fold(s, len, NULL);
	size_t flen = strlen(f), pos = 0, a, b;
	while (text_word_next(f, flen, &pos, &a, &b)) {
		u->words = xreallocarray(u->words, u->nwords + 1, sizeof *u->words);
		u->words[u->nwords++] = xstrndup(f + a, b - a);
	}
	free(f);
}

/* Reads YYYY-MM-DD as the start of that day in Vietnam time; false if it is not a date. */
static bool store_query_date(const char *s, size_t len, int64_t *out)
{
	int y, m, d;
	char tail;
	char buf[16];
	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* The start of that day in Vietnam time (UTC+7). */
	return sscanf(buf, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	       core_time_make(y, m, d, 0, 0, 0, 7 * 3600, out);
}

/* The value of a filter at *p (quoted or not); moves *p past it. */
static void store_query_value(const char **p, const char **v, size_t *vlen)
{
	const char *s = *p;
	if (*s == '"') {
		s++;
		const char *q = strchr(s, '"');
		*v = s;
		*vlen = q != NULL ? (size_t)(q - s) : strlen(s);
		*p = q != NULL ? q + 1 : s + *vlen;
		return;
	}
	*v = s;
	*vlen = strcspn(s, " \t\n\r\f\v");
	*p = s + *vlen;
}

/* Reads a user's query; false with err for one that cannot mean anything. */
static bool store_query_parse(const char *text, struct store_squery *q, char *err, size_t errlen)
{
	memset(q, 0, sizeof *q);
	q->since = q->before = STORE_NO_TIME;
	const char *p = text;
	for (;;) {
		p += strspn(p, " \t\n\r\f\v");
		if (*p == '\0')
			break;
		bool exclude = false;
		if (*p == '-' && p[1] != '\0' && strchr(" \t\n\r\f\v-", p[1]) == NULL) {
			exclude = true;
			p++;
		}
		const char *v;
		size_t vlen;
		static const char *const filters[] = {"feed:", "since:", "until:"};
		size_t which = CORE_NELEM(filters);
		for (size_t i = 0; i < CORE_NELEM(filters) && !exclude; i++) {
			if (strncasecmp(p, filters[i], strlen(filters[i])) == 0)
				which = i;
		}
		if (which < CORE_NELEM(filters)) {
			p += strlen(filters[which]);
			store_query_value(&p, &v, &vlen);
			int64_t t;
			if (which == 0) {
				free(q->feed);
				q->feed = text_fold(v, vlen, NULL);
				continue;
			}
			if (!store_query_date(v, vlen, &t)) {
				char *shown = core_str_printable(which == 1 ? "since:" : "until:");
				core_err_set(err, errlen,
					     "%s needs a date such as 2022-12-29, not '%.*s'",
					     shown, (int)(vlen > 40 ? 40 : vlen), v);
				free(shown);
				store_query_free(q);
				return false;
			}
			if (which == 1)
				q->since = t;
			else
				q->before = t + 86400;
			continue;
		}
		struct store_unit u = {NULL, 0, false, exclude};
		if (*p == '"') {
			p++;
			const char *end = strchr(p, '"');
			size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
			store_search_unit_words(&u, p, len);
			p += len + (end != NULL);
		} else {
			size_t len = strcspn(p, " \t\n\r\f\v\"");
			size_t stars = 0;
			while (stars < len && p[len - 1 - stars] == '*')
				stars++;
			u.prefix = stars > 0 && stars < len;
			store_search_unit_words(&u, p, len - stars);
			p += len;
		}
		if (u.nwords == 0) {
			free(u.words);
			continue; /* punctuation alone: nothing to look for */
		}
		q->units = xreallocarray(q->units, q->nunits + 1, sizeof *q->units);
		q->units[q->nunits++] = u;
	}
	return true;
}

/* Appends unit u as an FTS5 phrase: its words in double quotes, maybe a prefix. */
static void store_unit_phrase(struct core_buf *b, const struct store_unit *u)
{
	core_buf_putc(b, '"');
	for (size_t k = 0; k < u->nwords; k++) {
		if (k > 0)
			core_buf_putc(b, ' ');
		core_buf_puts(b, u->words[k]); /* letters, digits, marks: never a quote */
	}
	core_buf_putc(b, '"');
	if (u->prefix)
		core_buf_puts(b, " *");
}

/*
 * The FTS5 expression of a query's units; "" when no unit is positive.
 * Words typed one after another also count as the phrase they make, so
 * "giao thong" ranks "giao thông" above a text with "giáo" here and
 * "thông" there, which the folded words alone cannot tell apart.
 */
static char *store_query_match(const struct store_squery *q, bool phrase_too)
{
	struct core_buf b, all;
	core_buf_init(&b, 0);
	core_buf_init(&all, 0);
	size_t positive = 0, singles = 0;
	for (size_t i = 0; i < q->nunits; i++) {
		const struct store_unit *u = &q->units[i];
		if (u->exclude)
			continue;
		positive++;
		if (u->nwords == 1 && !u->prefix)
			singles++;
		core_buf_puts(&b, b.len == 0 ? "" : " AND ");
		store_unit_phrase(&b, u);
		for (size_t k = 0; k < u->nwords; k++)
			core_buf_printf(&all, "%s%s", all.len == 0 ? "" : " ", u->words[k]);
	}
	if (phrase_too && positive >= 2 && singles == positive) {
		char *and = core_buf_take(&b);
		core_buf_printf(&b, "(\"%s\" OR (%s))", core_buf_str(&all), and);
		free(and);
	}
	core_buf_free(&all);
	for (size_t i = 0; i < q->nunits && b.len > 0; i++) {
		if (!q->units[i].exclude)
			continue;
		core_buf_puts(&b, " NOT ");
		store_unit_phrase(&b, &q->units[i]);
	}
	return core_buf_take(&b);
}

void store_hits_free(struct store_hit *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		store_row_clear(&h[i].row);
		free(h[i].title_marks);
		free(h[i].snippet);
		free(h[i].marks);
	}
	free(h);
}

/* Whether folded word w (len bytes) matches one of the query's positive words. */
static bool store_word_matches(const struct store_squery *q, const char *w, size_t len)
{
	for (size_t i = 0; i < q->nunits; i++) {
		const struct store_unit *u = &q->units[i];
		if (u->exclude)
			continue;
		for (size_t k = 0; k < u->nwords; k++) {
			size_t wl = strlen(u->words[k]);
			bool prefix = u->prefix && k == u->nwords - 1;
			if ((wl == len || (prefix && wl < len)) && memcmp(u->words[k], w, wl) == 0)
				return true;
		}
	}
	return false;
}

/* The ranges of s[0..len) (original bytes) whose words match the query. */
static void store_find_marks(const struct store_squery *q, const char *s, size_t len,
			     struct store_mark **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t *map;
	char *f = text_fold(s, len, &map);
	size_t flen = strlen(f), pos = 0, a, b;
	while (text_word_next(f, flen, &pos, &a, &b)) {
		if (!store_word_matches(q, f + a, b - a))
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].start = map[a];
		(*out)[(*n)++].end = map[b];
	}
	free(f);
	free(map);
}

/* A one-line snippet of text around its first match, with the marks inside it. */
static void store_snippet(const struct store_squery *q, const char *text, struct store_hit *h)
{
	size_t len = strlen(text);
	struct store_mark *m;
	size_t nm;
	store_find_marks(q, text, len, &m, &nm);
	size_t start = 0;
	if (nm > 0 && m[0].start > STORE_SNIPPET_BEFORE) {
		start = text_cluster_start(text, len, m[0].start - STORE_SNIPPET_BEFORE);
		/* Begin at a word: after the first blank past start. */
		const char *sp = memchr(text + start, ' ', m[0].start - start);
		if (sp != NULL)
			start = (size_t)(sp - text) + 1;
	}
	size_t end = len;
	if (len - start > STORE_SNIPPET_LEN) {
		end = text_cluster_start(text, len, start + STORE_SNIPPET_LEN);
		size_t cut = end;
		while (cut > start && text[cut] != ' ')
			cut--;
		if (cut > start + STORE_SNIPPET_LEN / 2)
			end = cut;
	}
	struct core_buf b;
	core_buf_init(&b, 0);
	const char *ell = "…";
	size_t shift = 0;
	if (start > 0) {
		core_buf_puts(&b, ell);
		shift = strlen(ell);
	}
	for (size_t i = start; i < end; i++)
		core_buf_putc(&b, text[i] == '\n' || text[i] == '\t' ? ' ' : text[i]);
	if (end < len)
		core_buf_puts(&b, ell);
	h->snippet = core_buf_take(&b);
	for (size_t i = 0; i < nm; i++) {
		if (m[i].start < start || m[i].end > end)
			continue;
		h->marks = xreallocarray(h->marks, h->nmarks + 1, sizeof *h->marks);
		h->marks[h->nmarks].start = m[i].start - start + shift;
		h->marks[h->nmarks++].end = m[i].end - start + shift;
	}
	free(m);
}

/* The text snippets come from: the summary, then the body's text. */
static char *store_hit_text(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_ARTICLE_TEXT, NULL, 0);
	if (s == NULL)
		return xstrdup("");
	sqlite3_bind_int64(s, 1, id);
	struct core_buf b;
	core_buf_init(&b, 0);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *summary = (const char *)sqlite3_column_text(s, 1);
		char *body = store_body_text(st, (const char *)sqlite3_column_text(s, 2), false);
		if (summary != NULL && summary[0] != '\0') {
			core_buf_puts(&b, summary);
			/* A summary is usually the body's first sentences: skip what repeats. */
			if (strncmp(body, summary, strlen(summary) > 40 ? 40 : strlen(summary)) !=
			    0) {
				core_buf_putc(&b, '\n');
				core_buf_puts(&b, body);
			}
		} else {
			core_buf_puts(&b, body);
		}
		free(body);
	}
	sqlite3_reset(s);
	return core_buf_take(&b);
}

/* Reads the rows of a search or related statement into hits. */
bool store_search_read_hits(struct store *st, sqlite3_stmt *s, const struct store_squery *q,
			    struct store_hit **out, size_t *n, char *err, size_t errlen)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		struct store_hit *h = &(*out)[(*n)++];
		memset(h, 0, sizeof *h);
		store_row_read(s, &h->row);
		h->score = sqlite3_column_double(s, 9);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, "cannot search", err, errlen);
		return false;
	}
	/* Snippets after the statement is done: they run statements of their own. */
	for (size_t i = 0; i < *n; i++) {
		struct store_hit *h = &(*out)[i];
		const char *title = h->row.title != NULL ? h->row.title : "";
		store_find_marks(q, title, strlen(title), &h->title_marks, &h->ntitle_marks);
		char *text = store_hit_text(st, h->row.id);
		store_snippet(q, text, h);
		free(text);
	}
	return true;
}

/* How many articles match expression m, counting no further than cap. */
int64_t store_search_match_count(struct store *st, const char *m, int64_t cap)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_MATCH_COUNT, NULL, 0);
	if (s == NULL)
		return cap;
	sqlite3_bind_text(s, 1, m, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, cap);
	int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : cap;
	sqlite3_reset(s);
	return n;
}

/* Words are counted up to this many articles for their IDF; more counts as this many. */
#define STORE_DF_CAP 5000

/* BM25's inverse document frequency of a phrase in docs of total articles. */
double store_search_idf(int64_t docs, int64_t total)
{
	double idf = log(((double)total - (double)docs + 0.5) / ((double)docs + 0.5));
	return idf > 1e-6 ? idf : 1e-6;
}

/* Articles in the index. */
int64_t store_search_index_total(struct store *st)
{
	sqlite3_stmt *cs = store_stmt(st, STORE_SQL_INDEX_COUNT, NULL, 0);
	int64_t total = 1;
	if (cs != NULL && sqlite3_step(cs) == SQLITE_ROW)
		total = sqlite3_column_int64(cs, 0);
	if (cs != NULL)
		sqlite3_reset(cs);
	return total > 0 ? total : 1;
}

/* How many articles hold unit u, up to STORE_DF_CAP: a phrase as its rarest word. */
static int64_t store_unit_docs(struct store *st, const struct store_unit *u)
{
	int64_t least = STORE_DF_CAP;
	for (size_t k = 0; k < u->nwords; k++) {
		bool prefix = u->prefix && k == u->nwords - 1;
		char *m = xasprintf("\"%s\"%s", u->words[k], prefix ? " *" : "");
		int64_t d = store_search_match_count(st, m, STORE_DF_CAP);
		free(m);
		least = d < least ? d : least;
	}
	return least;
}

/*
 * The rank expression for q's MATCH expression (store_query_match with
 * the same phrase_too): bantin_bm25 with one IDF per phrase, in order.
 */
static char *store_query_rank(struct store *st, const struct store_squery *q, bool phrase_too)
{
	int64_t total = store_search_index_total(st);
	struct core_buf b;
	core_buf_init(&b, 0);
	size_t positive = 0, singles = 0;
	int64_t least = STORE_DF_CAP;
	int64_t *docs = xcalloc(q->nunits + 1, sizeof *docs);
	for (size_t i = 0; i < q->nunits; i++) {
		const struct store_unit *u = &q->units[i];
		if (u->exclude)
			continue;
		docs[i] = store_unit_docs(st, u);
		least = docs[i] < least ? docs[i] : least;
		positive++;
		if (u->nwords == 1 && !u->prefix)
			singles++;
	}
	if (phrase_too && positive >= 2 && singles == positive)
		core_buf_printf(&b, "%.4f ",
				store_search_idf(least, total)); /* the phrase of them all */
	for (size_t i = 0; i < q->nunits; i++) {
		if (!q->units[i].exclude)
			core_buf_printf(&b, "%.4f ", store_search_idf(docs[i], total));
	}
	free(docs);
	char *out = xasprintf("bantin_bm25(10.0, 4.0, 1.0, '%s')", core_buf_str(&b));
	core_buf_free(&b);
	return out;
}

/*
 * The lowest article id worth ranking for match and q's filters: 0 (all
 * of them) unless more than window articles match, when bm25 is computed
 * for the newest window of them only (ids grow with time). Ranking every article that holds a word
 * of nearly every article costs far more than a search may; for such a query the newest good
 * matches are what a reader of news wants anyway.
 */
int64_t store_search_rank_window(struct store *st, const char *match, const struct store_squery *q,
				 int64_t window)
{
	bool filtered = q->feed != NULL || q->since != STORE_NO_TIME || q->before != STORE_NO_TIME;
	sqlite3_stmt *s =
	    store_stmt(st, filtered ? STORE_SQL_SEARCH_WINDOW : STORE_SQL_MATCH_WINDOW, NULL, 0);
	if (s == NULL)
		return 0;
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, window + 1);
	if (filtered) {
		store_bind_time(s, 5, q->since);
		store_bind_time(s, 6, q->before);
		store_bind_text(s, 7, q->feed);
	}
	int64_t lo = 0;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) > window)
		lo = sqlite3_column_int64(s, 1) + 1; /* the window's own newest STORE_RANK_WINDOW */
	sqlite3_reset(s);
	return lo;
}

bool store_search(struct store *st, const char *query, size_t limit, size_t offset,
		  struct store_hit **out, size_t *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	struct store_squery q;
	if (!store_query_parse(query, &q, err, errlen))
		return false;
	char *match = store_query_match(&q, true);
	bool filtered = q.feed != NULL || q.since != STORE_NO_TIME || q.before != STORE_NO_TIME;
	bool ok = false;
	if (match[0] == '\0' && !filtered) {
		core_err_set(err, errlen,
			     q.nunits > 0 ? "a search needs a word that is not excluded"
					  : "nothing to search for");
		goto out;
	}
	enum store_sql which = match[0] == '\0' ? STORE_SQL_SEARCH_UNRANKED
			       : filtered       ? STORE_SQL_SEARCH_FILTERED
						: STORE_SQL_SEARCH_RANKED;
	sqlite3_stmt *s = store_stmt(st, which, err, errlen);
	if (s == NULL)
		goto out;
	size_t look = offset + limit;
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (int64_t)(look > STORE_RANKED_MIN ? look : STORE_RANKED_MIN));
	sqlite3_bind_int64(s, 3, (int64_t)limit);
	sqlite3_bind_int64(s, 4, (int64_t)offset);
	if (which != STORE_SQL_SEARCH_RANKED) {
		store_bind_time(s, 5, q.since);
		store_bind_time(s, 6, q.before);
		store_bind_text(s, 7, q.feed);
	}
	char *rank = NULL;
	if (which != STORE_SQL_SEARCH_UNRANKED) {
		/* A broad query: the newest matches only, and words without their phrase. */
		char *plain = store_query_match(&q, false);
		int64_t lo = store_search_rank_window(st, plain, &q, STORE_RANK_WINDOW);
		sqlite3_bind_int64(s, which == STORE_SQL_SEARCH_RANKED ? 5 : 8, lo);
		if (lo > 0) {
			free(match);
			match = plain;
			sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
		} else {
			free(plain);
		}
		rank = store_query_rank(st, &q, lo == 0);
	}
	sqlite3_bind_text(s, 9, rank != NULL ? rank : "", -1, SQLITE_STATIC);
	ok = store_search_read_hits(st, s, &q, out, n, err, errlen);
	free(rank);
	if (!ok) {
		store_hits_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
out:
	free(match);
	store_query_free(&q);
	return ok;
}

bool store_search_count(struct store *st, const char *query, int64_t *total, int64_t *unread,
			char *err, size_t errlen)
{
	*total = *unread = 0;
	struct store_squery q;
	if (!store_query_parse(query, &q, err, errlen))
		return false;
	char *match = store_query_match(&q, true);
	bool ok = false;
	if (match[0] == '\0' && q.feed == NULL && q.since == STORE_NO_TIME &&
	    q.before == STORE_NO_TIME) {
		core_err_set(err, errlen,
			     q.nunits > 0 ? "a search needs a word that is not excluded"
					  : "nothing to search for");
	} else {
		sqlite3_stmt *s = store_stmt(st, STORE_SQL_SEARCH_COUNT, err, errlen);
		if (s != NULL) {
			sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
			store_bind_time(s, 5, q.since);
			store_bind_time(s, 6, q.before);
			store_bind_text(s, 7, q.feed);
			ok = sqlite3_step(s) == SQLITE_ROW;
			if (ok) {
				*total = sqlite3_column_int64(s, 0);
				*unread = sqlite3_column_int64(s, 1);
			} else {
				store_fail(st, "cannot count the matches", err, errlen);
			}
			sqlite3_reset(s);
		}
	}
	free(match);
	store_query_free(&q);
	return ok;
}

bool store_search_check(const char *query, char *err, size_t errlen)
{
	struct store_squery q;
	if (!store_query_parse(query, &q, err, errlen))
		return false;
	char *match = store_query_match(&q, true);
	bool ok = match[0] != '\0' || q.feed != NULL || q.since != STORE_NO_TIME ||
		  q.before != STORE_NO_TIME;
	if (!ok)
		core_err_set(err, errlen, "%s",
			     q.nunits > 0 ? "a search needs a word that is not excluded"
					  : "nothing to search for");
	free(match);
	store_query_free(&q);
	return ok;
}
