/*
 * store_related.c: related articles. An article's distinctive words and
 * two-syllable words (title and summary, Vietnamese function words left
 * out, rare enough in the cache) make an OR query ranked by bantin_bm25,
 * ties broken by the same category and recency.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store_internal.h"
#include "text.h"

/* At most this many matches (the newest) are ranked for a related list. */
#define STORE_RELATED_WINDOW 2000

/*
 * Vietnamese words too common to tell articles apart, folded. Folding
 * merges some distinct words ("có", "cơ", "cỡ" all become "co"), so the
 * list keeps only forms that are function words whatever their marks.
 */
static const char *const store_stop_words[] = {
    "anh",  "bi",   "boi", "cac",  "cho",   "chu",   "co",   "con",   "cua", "cung",  "da",
    "dang", "de",   "den", "do",   "duoc",  "gi",    "hay",  "hoac",  "khi", "khong", "la",
    "lai",  "len",  "ma",  "moi",  "mot",   "nay",   "neu",  "nhieu", "nhu", "nhung", "noi",
    "nam",  "ngay", "o",   "ong",  "qua",   "ra",    "rang", "rat",   "sau", "se",    "so",
    "tai",  "theo", "thi", "tren", "trong", "truoc", "tu",   "va",    "vao", "ve",    "vi",
    "voi",  "viec", "cao", "tin",  "the",   "nhat",
};

static bool store_stop_word(const char *w, size_t len)
{
	for (size_t i = 0; i < CORE_NELEM(store_stop_words); i++) {
		if (strlen(store_stop_words[i]) == len && memcmp(store_stop_words[i], w, len) == 0)
			return true;
	}
	/* Numbers (days, counts) say little about a topic. */
	return strspn(w, "0123456789") == len;
}

struct store_term {
	char *text;   /* a word, or two words with a space */
	double tf;    /* how much the article says it: 3 a time in the title, 2 in the summary, 1 in
			 the body */
	int64_t docs; /* articles that hold it, counted up to the cap (and one past) */
	double weight; /* what it tells: log(articles / docs), times how much the article says it */
};

static int store_term_cmp(const void *a, const void *b)
{
	const struct store_term *x = a, *y = b;
	return x->weight > y->weight ? -1 : x->weight < y->weight;
}

static int store_term_tf_cmp(const void *a, const void *b)
{
	const struct store_term *x = a, *y = b;
	return x->tf > y->tf ? -1 : x->tf < y->tf;
}

/*
 * Words and pairs in at most this share of the articles (and at least
 * two) are distinctive enough to ask for; in a small cache, in up to
 * STORE_RELATED_MIN_CAP. Counting stops there, which keeps it cheap.
 */
#define STORE_RELATED_MAX_SHARE 0.02
#define STORE_RELATED_MIN_CAP   20
#define STORE_RELATED_WORDS     12
#define STORE_RELATED_PAIRS     6
/* Words of the body that are looked at, and the most words counted in the index. */
#define STORE_RELATED_BODY_WORDS 300
#define STORE_RELATED_CANDIDATES 32
/* Words an article shares with its feed's neighbours at its start or end are the feed's own. */
#define STORE_RELATED_TEMPLATE 4
/* A related article scores at least this share of what the article scores against itself. */
#define STORE_RELATED_FLOOR 0.2

/* Adds tf to term text's (owned) in v, adding it when it is not there. */
static void store_term_add(struct store_term **v, size_t *n, char *text, double tf)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*v)[i].text, text) == 0) {
			(*v)[i].tf += tf;
			free(text);
			return;
		}
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].text = text;
	(*v)[*n].tf = tf;
	(*v)[*n].docs = 0;
	(*v)[(*n)++].weight = 0;
}

/* How much saying a term tf times is worth: more, but less than in proportion. */
static double store_term_says(double tf)
{
	return 1.0 + log(tf > 1.0 ? tf : 1.0);
}

/* Counts and weighs the terms, then sorts them best first. */
static void store_terms_weigh(struct store *st, struct store_term *v, size_t n, int64_t total,
			      int64_t cap)
{
	for (size_t i = 0; i < n; i++) {
		char *q = xasprintf("\"%s\"", v[i].text);
		v[i].docs = store_search_match_count(st, q, cap + 1);
		free(q);
		v[i].weight = v[i].docs < 2 ? -1
					    : log((double)total / (double)v[i].docs) *
						  store_term_says(v[i].tf);
	}
	if (n > 1) /* qsort wants an array, even of none */
		qsort(v, n, sizeof *v, store_term_cmp);
}

/* Appends up to max terms of v that are distinctive (or, failing that, the rarest few). */
static void store_terms_pick(const struct store_term *v, size_t n, size_t max, int64_t cap,
			     int64_t total, struct core_buf *m, struct core_buf *plain,
			     struct core_buf *idf)
{
	size_t taken = 0;
	for (size_t i = 0; i < n && taken < max; i++) {
		if (v[i].weight < 0 || (v[i].docs > cap && (taken > 0 || i >= 3)))
			continue;
		core_buf_printf(m, "%s\"%s\"", m->len > 0 ? " OR " : "", v[i].text);
		core_buf_printf(plain, "%s ", v[i].text);
		core_buf_printf(idf, "%.4f ",
				store_search_idf(v[i].docs, total) * store_term_says(v[i].tf));
		taken++;
	}
}

/* The words of folded text f, as [start, end) byte pairs in *w (owned); their number. */
static size_t store_words(const char *f, size_t **w, size_t max)
{
	size_t len = strlen(f), pos = 0, a, b, n = 0, room = 0;
	*w = NULL;
	while (n < max && text_word_next(f, len, &pos, &a, &b)) {
		if (n == room) {
			room = room > 0 ? room * 2 : 64;
			*w = xreallocarray(*w, room, 2 * sizeof **w);
		}
		(*w)[2 * n] = a;
		(*w)[2 * n + 1] = b;
		n++;
	}
	return n;
}

static bool store_word_same(const char *f, const size_t *w, size_t i, const char *g,
			    const size_t *v, size_t k)
{
	size_t l = w[2 * i + 1] - w[2 * i];
	return l == v[2 * k + 1] - v[2 * k] && memcmp(f + w[2 * i], g + v[2 * k], l) == 0;
}

/*
 * Narrows body words [*from, *to) of folded text f to what is not the
 * feed's own: the run of words it starts or ends with that neighbour g
 * (folded) starts or ends with too, when it is STORE_RELATED_TEMPLATE
 * words or more (a newsroom's footer, a byline line, "Mời bạn đọc...").
 */
static void store_template_cut(const char *f, const size_t *w, size_t nw, size_t *from, size_t *to,
			       const char *g)
{
	size_t *v;
	size_t nv = store_words(g, &v, SIZE_MAX);
	size_t head = 0, tail = 0;
	while (head < nw && head < nv && store_word_same(f, w, head, g, v, head))
		head++;
	while (tail < nw - head && tail < nv &&
	       store_word_same(f, w, nw - 1 - tail, g, v, nv - 1 - tail))
		tail++;
	free(v);
	if (head >= STORE_RELATED_TEMPLATE && head > *from)
		*from = head;
	if (tail >= STORE_RELATED_TEMPLATE && nw - tail < *to)
		*to = nw - tail;
}

/*
 * Adds the words and adjacent pairs of words [from, to) of folded text f,
 * function words left out, each worth tf.
 */
static void store_terms_of(const char *f, const size_t *w, size_t from, size_t to, double tf,
			   struct store_term **words, size_t *nwords, struct store_term **pairs,
			   size_t *npairs)
{
	bool have_prev = false;
	for (size_t i = from; i < to; i++) {
		size_t a = w[2 * i], b = w[2 * i + 1];
		bool stop = store_stop_word(f + a, b - a);
		if (!stop && have_prev && f[w[2 * i - 1]] == ' ' && w[2 * i - 1] + 1 == a)
			store_term_add(pairs, npairs,
				       xasprintf("%.*s %.*s", (int)(w[2 * i - 1] - w[2 * i - 2]),
						 f + w[2 * i - 2], (int)(b - a), f + a),
				       tf);
		have_prev = !stop;
		if (!stop)
			store_term_add(words, nwords, xstrndup(f + a, b - a), tf);
	}
}

/* Adds folded text f's words (all of them, or from its body's first words, neighbours' shared ones
 * left out). */
static void store_terms_text(const char *text, double tf, bool body, char *const *neighbours,
			     size_t nneighbours, struct store_term **words, size_t *nwords,
			     struct store_term **pairs, size_t *npairs)
{
	if (text == NULL || text[0] == '\0')
		return;
	char *f = text_fold(text, strlen(text), NULL);
	size_t *w;
	size_t nw = store_words(f, &w, body ? STORE_RELATED_BODY_WORDS + 64 : SIZE_MAX);
	size_t from = 0, to = nw;
	for (size_t i = 0; body && i < nneighbours; i++)
		store_template_cut(f, w, nw, &from, &to, neighbours[i]);
	if (body && to > from + STORE_RELATED_BODY_WORDS)
		to = from + STORE_RELATED_BODY_WORDS;
	store_terms_of(f, w, from, to, tf, words, nwords, pairs, npairs);
	free(w);
	free(f);
}

/*
 * The MATCH expression of an article's distinctive words and word pairs
 * ("" for none), and in *plain the same words separated by spaces, and in
 * *rank the ranking with each one's weight. The words come from the title
 * (worth three times the body), the summary (twice) and the body's first
 * words, less what the article shares word for word with its neighbours
 * in the feed (neighbours, folded). Vietnamese words are often two
 * syllables ("thành phố", "hội nghị"), so a pair of common syllables can
 * tell more than either does alone: pairs are weighed on their own.
 */
static char *store_related_match(struct store *st, const char *title, const char *summary,
				 const char *body, char *const *neighbours, size_t nneighbours,
				 char **plain, char **rank)
{
	int64_t total = store_search_index_total(st);
	int64_t cap = (int64_t)(STORE_RELATED_MAX_SHARE * (double)total);
	cap = cap > STORE_RELATED_MIN_CAP ? cap : STORE_RELATED_MIN_CAP;

	struct store_term *words = NULL, *pairs = NULL;
	size_t nwords = 0, npairs = 0;
	store_terms_text(title, 2, false, NULL, 0, &words, &nwords, &pairs, &npairs);
	/* A summary that is the body's start says nothing the body does not. */
	bool own = summary != NULL && body != NULL &&
		   strncmp(body, summary, strlen(summary) > 40 ? 40 : strlen(summary)) != 0;
	if (own || body == NULL || body[0] == '\0')
		store_terms_text(summary, 2, false, NULL, 0, &words, &nwords, &pairs, &npairs);
	store_terms_text(body, 1, true, neighbours, nneighbours, &words, &nwords, &pairs, &npairs);
	/* Only the words the article says most are counted in the index. */
	if (nwords > 1)
		qsort(words, nwords, sizeof *words, store_term_tf_cmp);
	for (size_t i = STORE_RELATED_CANDIDATES; i < nwords; i++)
		free(words[i].text);
	nwords = nwords < STORE_RELATED_CANDIDATES ? nwords : STORE_RELATED_CANDIDATES;
	store_terms_weigh(st, words, nwords, total, cap);
	/*
	 * A pair is not counted (a rare pair of common syllables costs a scan of
	 * both): it weighs what its words weigh together, and the ranking sees
	 * whether it is rare.
	 */
	for (size_t i = 0; i < npairs; i++) {
		char *sp = strchr(pairs[i].text, ' ');
		double w = 0;
		int found = 0;
		int64_t least = cap + 1;
		for (size_t k = 0; k < nwords; k++) {
			size_t l = strlen(words[k].text);
			if ((l == (size_t)(sp - pairs[i].text) &&
			     memcmp(words[k].text, pairs[i].text, l) == 0) ||
			    strcmp(words[k].text, sp + 1) == 0) {
				w += words[k].docs >= 2 ? log((double)total / (double)words[k].docs)
							: 0;
				least = words[k].docs < least ? words[k].docs : least;
				found++;
			}
		}
		pairs[i].docs = least;
		pairs[i].weight = found == 2 && w > 0 ? w * store_term_says(pairs[i].tf) : -1;
	}
	if (npairs > 1)
		qsort(pairs, npairs, sizeof *pairs, store_term_cmp);
	struct core_buf m, p, idf;
	core_buf_init(&m, 0);
	core_buf_init(&p, 0);
	core_buf_init(&idf, 0);
	store_terms_pick(words, nwords, STORE_RELATED_WORDS, cap, total, &m, &p, &idf);
	store_terms_pick(pairs, npairs, STORE_RELATED_PAIRS, cap, total, &m, &p, &idf);
	*plain = core_buf_take(&p);
	*rank = xasprintf("bantin_bm25(4.0, 2.0, 1.0, '%s')", core_buf_str(&idf));
	core_buf_free(&idf);
	for (size_t i = 0; i < nwords; i++)
		free(words[i].text);
	for (size_t i = 0; i < npairs; i++)
		free(pairs[i].text);
	free(words);
	free(pairs);
	return core_buf_take(&m);
}

/*
 * The worst rank a related article may have (ranks are negative, lower is
 * better): a share of what article id scores against its own terms, so
 * that a few shared common words do not make an article related.
 */
static double store_related_floor(struct store *st, int64_t id, const char *match, const char *rank)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_RELATED_SELF, NULL, 0);
	double self = 0;
	if (s == NULL)
		return 0;
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_text(s, 3, rank, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		self = sqlite3_column_double(s, 0);
	sqlite3_reset(s);
	return self * STORE_RELATED_FLOOR;
}

/* The articles sharing article id's distinctive words, best first, limit at most. */
static bool store_related_similar(struct store *st, int64_t id, size_t limit,
				  struct store_hit **out, size_t *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_RELATED_SOURCE, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			core_err_set(err, errlen, "no article %lld", (long long)id);
		else
			store_fail(st, "cannot read an article", err, errlen);
		sqlite3_reset(s);
		return false;
	}
	char *title = store_col_text(s, 0), *summary = store_col_text(s, 1),
	     *categories = store_col_text(s, 2);
	char *body = store_body_text(st, (const char *)sqlite3_column_text(s, 3), true);
	int64_t feed = sqlite3_column_int64(s, 4), time = sqlite3_column_int64(s, 5);
	sqlite3_reset(s);
	/* Its feed's neighbours, to leave out the words every article of the feed has. */
	char *near[2];
	size_t nnear = 0;
	if ((s = store_stmt(st, STORE_SQL_RELATED_NEIGHBOURS, NULL, 0)) != NULL) {
		sqlite3_bind_int64(s, 1, feed);
		sqlite3_bind_int64(s, 2, time);
		sqlite3_bind_int64(s, 3, id);
		while (nnear < 2 && sqlite3_step(s) == SQLITE_ROW) {
			char *t =
			    store_body_text(st, (const char *)sqlite3_column_text(s, 0), true);
			near[nnear++] = text_fold(t, strlen(t), NULL);
			free(t);
		}
		sqlite3_reset(s);
	}
	char *words, *rank;
	char *match = store_related_match(st, title, summary, body, near, nnear, &words, &rank);
	for (size_t i = 0; i < nnear; i++)
		free(near[i]);
	free(body);
	char *ftitle =
	    text_fold(title != NULL ? title : "", title != NULL ? strlen(title) : 0, NULL);
	bool ok = true;
	if (match[0] != '\0' && limit > 0 &&
	    (s = store_stmt(st, STORE_SQL_RELATED, err, errlen)) != NULL) {
		sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, (int64_t)(limit * 4 + 8));
		sqlite3_bind_int64(s, 3, id);
		sqlite3_bind_text(s, 4, ftitle, -1, SQLITE_STATIC);
		store_bind_text(s, 5, categories);
		sqlite3_bind_int64(s, 6, (int64_t)limit);
		struct store_squery none = {NULL, 0, NULL, STORE_NO_TIME, STORE_NO_TIME};
		sqlite3_bind_int64(
		    s, 7, store_search_rank_window(st, match, &none, STORE_RELATED_WINDOW));
		sqlite3_bind_text(s, 8, rank, -1, SQLITE_STATIC);
		sqlite3_bind_double(s, 9, store_related_floor(st, id, match, rank));
		/* Highlight the words the articles share with this one. */
		struct store_squery q = {0};
		struct store_unit u = {NULL, 0, false, false};
		store_search_unit_words(&u, words, strlen(words));
		q.units = &u;
		q.nunits = 1;
		ok = store_search_read_hits(st, s, &q, out, n, err, errlen);
		for (size_t i = 0; i < u.nwords; i++)
			free(u.words[i]);
		free(u.words);
		if (!ok) {
			store_hits_free(*out, *n);
			*out = NULL;
			*n = 0;
		}
	} else if (match[0] != '\0' && limit > 0) {
		ok = false;
	}
	free(match);
	free(words);
	free(rank);
	free(ftitle);
	free(title);
	free(summary);
	free(categories);
	return ok;
}

/* Cached article id as a row of a list into r; false when it is not there (or cannot be read). */
static bool store_row_get(struct store *st, int64_t id, struct store_row *r, char *err,
			  size_t errlen)
{
	sqlite3_stmt *s = store_stmt(st, STORE_SQL_ROW_GET, err, errlen);
	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, id);
	bool ok = sqlite3_step(s) == SQLITE_ROW;
	if (ok)
		store_row_read(s, r);
	sqlite3_reset(s);
	return ok;
}

/* Whether hits h[0..n) hold article id (a cached one) or link url (one that is not). */
static bool store_hits_have(const struct store_hit *h, size_t n, int64_t id, const char *url)
{
	for (size_t i = 0; i < n; i++) {
		if (id != 0 ? h[i].row.id == id
			    : h[i].row.id == 0 && h[i].row.link != NULL &&
				  strcmp(h[i].row.link, url) == 0)
			return true;
	}
	return false;
}

bool store_related(struct store *st, int64_t id, size_t limit, struct store_hit **out, size_t *n,
		   char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	struct store_link *links;
	size_t nlinks;
	if (!store_links(st, id, &links, &nlinks, err, errlen))
		return false;
	struct store_hit *h = xcalloc(limit + 1, sizeof *h);
	size_t nh = 0;
	for (size_t i = 0; i < nlinks && nh < limit; i++) {
		const struct store_link *l = &links[i];
		if (l->article == id || store_hits_have(h, nh, l->article, l->url))
			continue;
		struct store_hit *x = &h[nh];
		memset(x, 0, sizeof *x);
		x->own = true;
		x->snippet = xstrdup("");
		if (l->article != 0 && store_row_get(st, l->article, &x->row, NULL, 0)) {
			nh++;
			continue;
		}
		x->row.title =
		    xstrdup_opt(l->title != NULL && l->title[0] != '\0' ? l->title : l->url);
		x->row.link = xstrdup(l->url);
		x->row.time = STORE_NO_TIME;
		nh++;
	}
	store_links_free(links, nlinks);
	/* Then the similar ones, asked for as many more as could be among those above. */
	struct store_hit *sim = NULL;
	size_t nsim = 0;
	bool ok = nh >= limit || store_related_similar(st, id, limit, &sim, &nsim, err, errlen);
	for (size_t i = 0; i < nsim; i++) {
		if (ok && nh < limit && !store_hits_have(h, nh, sim[i].row.id, NULL)) {
			h[nh++] = sim[i];
			memset(&sim[i], 0, sizeof sim[i]);
		}
	}
	store_hits_free(sim, nsim);
	if (!ok) {
		store_hits_free(h, nh);
		return false;
	}
	*out = h;
	*n = nh;
	return true;
}
