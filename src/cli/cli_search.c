/*
 * bantin search QUERY... [--limit N] [--offset N] [--json]
 * bantin related ID [--limit N] [--json]
 * bantin reindex [--check]
 *
 * A result is two lines: the article as `list` shows it, then a line of
 * its text around the first match, indented. On a terminal the matching
 * words are bold. --json prints one JSON object a line instead, with the
 * matches as byte ranges.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "store.h"
#include "text.h"

struct cli_search {
	struct core_buf query;
	const char *id;
	long long limit, offset;
	bool json, check;
	int status;
};

static void cli_hit_marks_json(struct core_buf *b, const char *key, const struct store_mark *m,
			       size_t n)
{
	core_buf_printf(b, ", \"%s\": [", key);
	for (size_t i = 0; i < n; i++)
		core_buf_printf(b, "%s[%zu, %zu]", i > 0 ? ", " : "", m[i].start, m[i].end);
	core_buf_putc(b, ']');
}

/* Prints hits; matches: how many the search found in all (-1: related). */
static void cli_hits_print(const struct store_hit *h, size_t n, bool json, bool related,
			   int64_t matches)
{
	bool bold = !json && isatty(STDOUT_FILENO);
	for (size_t i = 0; i < n; i++) {
		const struct store_row *v = &h[i].row;
		if (json) {
			struct core_buf b;
			core_buf_init(&b, 0);
			cli_article_json(&b, v);
			core_buf_printf(&b, ", \"score\": %.3f", h[i].score);
			if (related)
				core_buf_printf(&b, ", \"from_page\": %s",
						h[i].own ? "true" : "false");
			if (matches >= 0)
				core_buf_printf(&b, ", \"matches\": %lld", (long long)matches);
			cli_hit_marks_json(&b, "title_marks", h[i].title_marks, h[i].ntitle_marks);
			core_buf_puts(&b, ", \"snippet\": ");
			core_buf_json_str(&b, h[i].snippet);
			cli_hit_marks_json(&b, "marks", h[i].marks, h[i].nmarks);
			core_buf_puts(&b, "}\n");
			fputs(core_buf_str(&b), stdout);
			core_buf_free(&b);
			continue;
		}
		cli_article_line(v, h[i].title_marks, h[i].ntitle_marks, bold);
		if (v->id == 0 && v->link != NULL) { /* not cached: where it is */
			char *link = cli_line(v->link);
			printf("        %s\n", link);
			free(link);
		} else if (h[i].snippet[0] != '\0') {
			char *clean = cli_line(h[i].snippet);
			bool same = strcmp(clean, h[i].snippet) == 0;
			fputs("        ", stdout);
			cli_print_marked(clean, same ? h[i].marks : NULL, same ? h[i].nmarks : 0,
					 bold);
			putchar('\n');
			free(clean);
		}
	}
}

static int cli_search_opt(int id, const char *arg, void *state)
{
	struct cli_search *s = state;
	switch (id) {
	case CLI_OPT_SEARCH_LIMIT:
		return cli_number(CLI_CMD_SEARCH, "limit", arg, 1, 100000, &s->limit, &s->status)
			   ? -1
			   : s->status;
	case CLI_OPT_SEARCH_OFFSET:
		return cli_number(CLI_CMD_SEARCH, "offset", arg, 0, 1000000000, &s->offset,
				  &s->status)
			   ? -1
			   : s->status;
	case CLI_OPT_SEARCH_JSON:
		s->json = true;
		return -1;
	default:
		if (s->query.len > 0)
			core_buf_putc(&s->query, ' ');
		core_buf_puts(&s->query, arg);
		return -1;
	}
}

int cli_search_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_search s = {.limit = 20};
	core_buf_init(&s.query, 0);
	int status =
	    cli_options(CLI_CMD_SEARCH, argc, argv, CLI_OPT_SEARCH_HELP, cli_search_opt, &s);
	if (status >= 0)
		goto out;
	if (s.query.len == 0) {
		status = cli_usage_error(CLI_CMD_SEARCH, "no query given");
		goto out;
	}
	struct store *st = cli_store_open(ctx, CLI_READ);
	status = CLI_EXIT_FAILED;
	if (st == NULL)
		goto out;
	struct store_hit *hits;
	size_t n;
	char err[CORE_ERRLEN];
	char *q = core_str_printable(core_buf_str(&s.query));
	int64_t matches = 0, unread;
	if (!store_search_count(st, core_buf_str(&s.query), &matches, &unread, err, sizeof err)) {
		if (store_search_check(core_buf_str(&s.query), NULL, 0))
			cli_fail(err); /* the cache's fault: err names it */
		else
			cli_error(q, err); /* the query's */
	} else if (store_search(st, core_buf_str(&s.query), (size_t)s.limit, (size_t)s.offset,
				&hits, &n, err, sizeof err)) {
		cli_hits_print(hits, n, s.json, false, matches);
		store_hits_free(hits, n);
		status = cli_flush();
		/* fewer than asked for, though more match: the ranked window's end */
		if (n < (size_t)s.limit && (int64_t)((size_t)s.offset + n) < matches)
			fprintf(stderr,
				"bantin: search '%s': the first %zu of %lld matches, the newest %d "
				"ranked (more words, since: or feed: narrow it)\n",
				q, (size_t)s.offset + n, (long long)matches, STORE_SEARCH_RANKED);
	} else {
		cli_fail(err);
	}
	free(q);
	store_close(st);
out:
	core_buf_free(&s.query);
	return status;
}

static int cli_related_opt(int id, const char *arg, void *state)
{
	struct cli_search *s = state;
	switch (id) {
	case CLI_OPT_RELATED_LIMIT:
		return cli_number(CLI_CMD_RELATED, "limit", arg, 1, 1000, &s->limit, &s->status)
			   ? -1
			   : s->status;
	case CLI_OPT_RELATED_JSON:
		s->json = true;
		return -1;
	default:
		return cli_one_operand(CLI_CMD_RELATED, &s->id, arg, "article number");
	}
}

int cli_related_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_search s = {.limit = 10};
	int status =
	    cli_options(CLI_CMD_RELATED, argc, argv, CLI_OPT_RELATED_HELP, cli_related_opt, &s);
	if (status >= 0)
		return status;
	if (s.id == NULL)
		return cli_usage_error(CLI_CMD_RELATED,
				       "no article number given (see 'bantin list')");
	long long id;
	if (!cli_number(CLI_CMD_RELATED, NULL, s.id, 1, INT64_MAX, &id, &status))
		return status;
	struct store *st = cli_store_open(ctx, CLI_READ);
	if (st == NULL)
		return CLI_EXIT_FAILED;
	struct store_hit *hits;
	size_t n;
	char err[CORE_ERRLEN];
	status = CLI_EXIT_FAILED;
	if (store_related(st, id, (size_t)s.limit, &hits, &n, err, sizeof err)) {
		cli_hits_print(hits, n, s.json, true, -1);
		store_hits_free(hits, n);
		status = cli_flush();
	} else {
		cli_fail(err);
	}
	store_close(st);
	return status;
}

static int cli_reindex_opt(int id, const char *arg, void *state)
{
	(void)arg;
	struct cli_search *s = state;
	if (id == CLI_OPT_REINDEX_CHECK) {
		s->check = true;
		return -1;
	}
	return cli_usage_error(CLI_CMD_REINDEX, "takes no operands");
}

int cli_reindex_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_search s = {0};
	int status =
	    cli_options(CLI_CMD_REINDEX, argc, argv, CLI_OPT_REINDEX_HELP, cli_reindex_opt, &s);
	if (status >= 0)
		return status;
	struct store *st = cli_store_open(ctx, s.check ? CLI_READ : CLI_WRITE);
	if (st == NULL)
		return CLI_EXIT_FAILED;
	char err[CORE_ERRLEN];
	int64_t n = 0;
	status = CLI_EXIT_FAILED;
	if (!s.check && !store_reindex(st, &n, err, sizeof err)) {
		cli_fail(err);
	} else if (!store_check(st, err, sizeof err)) {
		cli_fail(err);
	} else {
		if (s.check)
			printf("the cache and its search index are sound\n");
		else
			printf("%lld articles indexed; the cache and its search index are sound\n",
			       (long long)n);
		status = cli_flush();
	}
	store_close(st);
	return status;
}
