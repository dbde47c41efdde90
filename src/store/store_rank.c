/*
 * store_rank.c: bantin_bm25, the ranking function of searches and related
 * lists: Okapi BM25 as FTS5's own bm25() computes it (k1 = 1.2, b = 0.75,
 * column weights, lower is better), except that the inverse document
 * frequency of each phrase is handed in by the caller rather than counted
 * by scanning the whole index for every query. FTS5 counts a phrase such
 * as "hai phong" by reading both words' every position in every article,
 * which costs more than the rest of a search; the store counts words only
 * up to a cap and knows what a cheap estimate is worth.
 *
 *   rank MATCH 'bantin_bm25(10.0, 4.0, 1.0, ''2.31 0.12 4.7'')'
 *
 * The last argument holds one IDF per phrase of the MATCH expression, in
 * the order the phrases appear in it; a phrase without one weighs 1.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "store_internal.h"

#define STORE_BM25_K1 1.2
#define STORE_BM25_B  0.75

/* What one query's ranking needs every row: worked out at its first row. */
struct store_rank_query {
	int nphrase;
	double *idf;
	double avgdl;
	double *freq; /* room for nphrase weighted frequencies */
};

static void store_rank_query_free(void *p)
{
	struct store_rank_query *q = p;
	free(q->idf);
	free(q->freq);
	free(q);
}

static struct store_rank_query *store_rank_query_new(const Fts5ExtensionApi *api, Fts5Context *fts,
						     const char *idf)
{
	struct store_rank_query *q = xcalloc(1, sizeof *q);
	q->nphrase = api->xPhraseCount(fts);
	q->idf = xcalloc((size_t)q->nphrase + 1, sizeof *q->idf);
	q->freq = xcalloc((size_t)q->nphrase + 1, sizeof *q->freq);
	const char *p = idf != NULL ? idf : "";
	for (int i = 0; i < q->nphrase; i++) {
		char *end;
		double v = strtod(p, &end);
		q->idf[i] = end != p ? v : 1.0;
		p = end;
	}
	sqlite3_int64 rows = 0, tokens = 0;
	api->xRowCount(fts, &rows);
	api->xColumnTotalSize(fts, -1, &tokens);
	q->avgdl = rows > 0 ? (double)tokens / (double)rows : 1.0;
	if (q->avgdl <= 0)
		q->avgdl = 1.0;
	return q;
}

static void store_rank_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
			    int nval, sqlite3_value **val)
{
	struct store_rank_query *q = api->xGetAuxdata(fts, 0);
	if (q == NULL) {
		q = store_rank_query_new(
		    api, fts, nval > 3 ? (const char *)sqlite3_value_text(val[3]) : NULL);
		if (api->xSetAuxdata(fts, q, store_rank_query_free) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, SQLITE_NOMEM);
			return;
		}
	}
	int ncol = api->xColumnCount(fts);
	double weight[8];
	for (int c = 0; c < ncol && c < 8; c++)
		weight[c] = c < nval && c < 3 ? sqlite3_value_double(val[c]) : 1.0;
	memset(q->freq, 0, sizeof *q->freq * (size_t)q->nphrase);
	int ninst = 0;
	if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "cannot read a match", -1);
		return;
	}
	for (int i = 0; i < ninst; i++) {
		int phrase, col, off;
		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && phrase >= 0 &&
		    phrase < q->nphrase && col >= 0 && col < 8)
			q->freq[phrase] += weight[col];
	}
	int dl = 0;
	api->xColumnSize(fts, -1, &dl);
	double norm = STORE_BM25_K1 * (1 - STORE_BM25_B + STORE_BM25_B * (double)dl / q->avgdl);
	double score = 0;
	for (int i = 0; i < q->nphrase; i++) {
		double f = q->freq[i];
		if (f > 0)
			score += q->idf[i] * f * (STORE_BM25_K1 + 1) / (f + norm);
	}
	sqlite3_result_double(ctx, -score);
}

bool store_rank_register(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (api == NULL || api->iVersion < 2)
		return false;
	return api->xCreateFunction(api, "bantin_bm25", NULL, store_rank_bm25, NULL) == SQLITE_OK;
}
