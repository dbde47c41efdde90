/*
 * bantin refresh [FEED]...
 *
 * Fetches the feeds of the feeds file (or the ones named) and brings the
 * cache up to date. A progress bar goes to stderr when it is a terminal,
 * nothing otherwise (cron); then one summary line on stdout (and one of
 * the articles' pages fetched, when there were any), and one line per
 * failed feed or page on stderr. Exit status 0 when every feed succeeded, 1
 * when some failed.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "config.h"
#include "refresh.h"
#include "store.h"

/* Cells of the progress bar itself. */
#define CLI_BAR_WIDTH 30

struct cli_refresh {
	struct refresh_opts ro;
	const char **only;
	size_t nonly;
	int status;
	bool bar; /* stderr is a terminal */
	size_t added, updated, failed;
	size_t pages, pages_unchanged, pages_failed; /* articles' web pages */
	int64_t *order;                              /* feed ids in the order they were queued */
	size_t norder;
	struct cli_note {
		size_t rank;     /* the feed's place in order: notes come out in that order */
		int64_t article; /* then the feed's own before its pages', pages by article */
		size_t seq;      /* then in the order they were made */
		char *line;
	} * notes; /* lines for stderr after the summary */
	size_t nnotes;
};

/* A setting's option (--timeout...), in the range the settings table gives it. */
static int cli_refresh_seconds(struct cli_refresh *r, enum config_setting_id id, const char *arg,
			       long *out_ms)
{
	const struct config_setting_info *t = &config_setting_table[id];
	long long v;
	if (!cli_number(CLI_CMD_REFRESH, t->name, arg, t->min, t->max, &v, &r->status))
		return r->status;
	*out_ms = (long)v * 1000;
	return -1;
}

static int cli_refresh_opt(int id, const char *arg, void *state)
{
	struct cli_refresh *r = state;
	switch (id) {
	case CLI_OPT_REFRESH_TIMEOUT:
		return cli_refresh_seconds(r, CONFIG_SETTING_TIMEOUT, arg, &r->ro.timeout_ms);
	case CLI_OPT_REFRESH_CONNECT_TIMEOUT:
		return cli_refresh_seconds(r, CONFIG_SETTING_CONNECT_TIMEOUT, arg,
					   &r->ro.connect_timeout_ms);
	case CLI_OPT_REFRESH_STALL_TIME: {
		return cli_refresh_seconds(r, CONFIG_SETTING_STALL_TIME, arg, &r->ro.stall_ms);
	}
	case CLI_OPT_REFRESH_PROXY:
		r->ro.proxy = arg;
		return -1;
	case CLI_OPT_REFRESH_NO_PAGES:
		r->ro.no_pages = true;
		return -1;
	case CLI_OPT_REFRESH_OLDER: {
		long long n;
		if (!cli_number(CLI_CMD_REFRESH, "older", arg, 1, 1000, &n, &r->status))
			return r->status;
		r->ro.older = (int)n;
		return -1;
	}
	case CLI_OPT_REFRESH_MAX_SIZE:
		return cli_size(CLI_CMD_REFRESH, "max-size", arg, &r->ro.max_size, &r->status)
			   ? -1
			   : r->status;
	default:
		r->only = xreallocarray(r->only, r->nonly + 1, sizeof *r->only);
		r->only[r->nonly++] = arg;
		return -1;
	}
}

static void cli_refresh_bar(size_t done, size_t total)
{
	int filled = total > 0 ? (int)(done * CLI_BAR_WIDTH / total) : 0;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu", filled,
		"==============================", CLI_BAR_WIDTH - filled, "", done, total);
	fflush(stderr);
}

/* Keeps a line for stderr about feed id (article: about that article's page, else 0). */
static void cli_refresh_note(struct cli_refresh *r, int64_t id, int64_t article, char *line)
{
	size_t rank = 0;
	while (rank < r->norder && r->order[rank] != id)
		rank++;
	r->notes = xreallocarray(r->notes, r->nnotes + 1, sizeof *r->notes);
	r->notes[r->nnotes].rank = rank;
	r->notes[r->nnotes].article = article;
	r->notes[r->nnotes].seq = r->nnotes;
	r->notes[r->nnotes++].line = line;
}

static int cli_note_cmp(const void *a, const void *b)
{
	const struct cli_note *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->article != y->article) /* pages finish in any order: said in one */
		return x->article < y->article ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* "in 2 hours", "in 4 days": when a page is tried again. */
static char *cli_refresh_when(int64_t s)
{
	if (s >= 2 * 86400)
		return xasprintf("in %lld days", (long long)(s / 86400));
	if (s >= 3600)
		return xasprintf("in %lld hour%s", (long long)(s / 3600), s >= 2 * 3600 ? "s" : "");
	return xasprintf("in %lld minute%s", (long long)(s / 60), s >= 120 ? "s" : "");
}

/* An article's page is done. */
static void cli_refresh_page(struct cli_refresh *r, const struct refresh_event *e, const char *url)
{
	if (e->outcome == REFRESH_FAILED) {
		r->pages_failed++;
		char *when = e->retry_in > 0 ? cli_refresh_when(e->retry_in) : NULL;
		cli_refresh_note(r, e->feed_id, e->article_id,
				 when != NULL
				     ? xasprintf("bantin: %s: the page could not be read (%s);"
						 " the feed's text stays, tried again %s",
						 url, e->error, when)
				     : xasprintf("bantin: %s: %s", url, e->error));
		free(when);
	} else if (e->outcome == REFRESH_UNCHANGED) {
		r->pages_unchanged++;
	} else {
		r->pages++;
	}
}

static void cli_refresh_event(const struct refresh_event *e, void *arg)
{
	struct cli_refresh *r = arg;
	char *url = core_str_printable(e->url);
	if (e->kind == REFRESH_EVENT_PAGE) {
		cli_refresh_page(r, e, url);
	} else if (e->outcome == REFRESH_FAILED) {
		r->failed++;
		cli_refresh_note(r, e->feed_id, 0, xasprintf("bantin: %s: %s", url, e->error));
	} else {
		r->added += e->added;
		r->updated += e->updated;
	}
	if (e->moved_to != NULL) {
		char *to = core_str_printable(e->moved_to);
		cli_refresh_note(r, e->feed_id, 0,
				 xasprintf("bantin: %s: moved for good to %s; fetched from there"
					   " from now on (update the feeds file)",
					   url, to));
		free(to);
	}
	if (e->found != NULL) {
		char *at = core_str_printable(e->found);
		char *why = core_str_printable(e->found_because != NULL ? e->found_because : "");
		cli_refresh_note(
		    r, e->feed_id, 0,
		    strcmp(e->found, e->url) == 0
			? xasprintf("bantin: %s: a web page, not a feed: read as %s", url,
				    e->found_how)
		    : e->found_because != NULL
			? xasprintf("bantin: %s: no feed there (%s); its articles are read"
				    " from %s (%s) from now on",
				    url, why, at, e->found_how)
			: xasprintf("bantin: %s: its articles are read from %s (%s)", url, at,
				    e->found_how));
		free(at);
		free(why);
	}
	if (e->warning != NULL)
		cli_refresh_note(r, e->feed_id, 0, xasprintf("bantin: %s: %s", url, e->warning));
	free(url);
	if (r->bar)
		cli_refresh_bar(e->done, e->total);
}

/* Queues feed id, keeping the order the notes come out in. */
static bool cli_refresh_add(struct cli_refresh *r, struct refresh *rf,
			    const struct refresh_feeds *feeds, int64_t id)
{
	r->order = xreallocarray(r->order, r->norder + 1, sizeof *r->order);
	r->order[r->norder++] = id;
	char err[CORE_ERRLEN];
	if (!refresh_add_feed(rf, feeds, id, err, sizeof err)) {
		cli_fail(err);
		return false;
	}
	return true;
}

int cli_refresh_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_refresh r = {.bar = isatty(STDERR_FILENO) == 1};
	refresh_opts_init(&r.ro, ctx->settings); /* the options below say otherwise */
	int status =
	    cli_options(CLI_CMD_REFRESH, argc, argv, CLI_OPT_REFRESH_HELP, cli_refresh_opt, &r);
	if (status >= 0)
		goto out;
	if (ctx->offline) {
		cli_error("refresh", "not possible with --offline, which forbids the network");
		status = CLI_EXIT_USAGE;
		goto out;
	}
	struct refresh_feeds feeds;
	struct store *st = cli_cache_open(ctx, CLI_CREATE, &feeds);
	status = CLI_EXIT_FAILED;
	if (st == NULL)
		goto out;
	cli_feeds_warn(&feeds);
	struct refresh *rf = refresh_new(st, &r.ro, cli_refresh_event, &r);
	bool ok = true;
	if (r.nonly == 0) {
		for (size_t i = 0; i < feeds.file.n && ok; i++)
			ok = cli_refresh_add(&r, rf, &feeds, feeds.ids[i]);
	} else {
		for (size_t i = 0; i < r.nonly && ok; i++) {
			int64_t id;
			ok = cli_feed_find(st, &feeds.file, r.only[i], &id) &&
			     cli_refresh_add(&r, rf, &feeds, id);
		}
	}
	if (ok) {
		if (r.bar)
			cli_refresh_bar(0, r.norder);
		while (refresh_busy(rf))
			refresh_step(rf, NULL, 0, 1000);
		if (r.bar)
			fputs("\r\033[K", stderr);
		size_t n = r.norder;
		printf("%zu feed%s: %zu new, %zu updated, %zu failed\n", n, n == 1 ? "" : "s",
		       r.added, r.updated, r.failed);
		size_t np = refresh_pages(rf);
		if (np > 0)
			printf("%zu article page%s: %zu read, %zu unchanged, %zu failed\n", np,
			       np == 1 ? "" : "s", r.pages, r.pages_unchanged, r.pages_failed);
		struct store_cleanup_result cr;
		char err[CORE_ERRLEN];
		if (!refresh_cleanup(st, ctx->settings, &cr, err, sizeof err))
			cli_refresh_note(&r, 0, 0, xasprintf("bantin: %s", err));
		else if (cr.removed > 0) /* keep-days, keep-per-feed */
			printf("%lld old article%s removed (keep-days, keep-per-feed)\n",
			       (long long)cr.removed, cr.removed == 1 ? "" : "s");
		store_cleanup_result_free(&cr);
		if (refresh_warning(rf) != NULL) {
			char *w = core_str_printable(refresh_warning(rf));
			cli_refresh_note(&r, 0, 0, xasprintf("bantin: %s", w));
			free(w);
		}
		status = cli_flush();
		if (r.nnotes > 0)
			qsort(r.notes, r.nnotes, sizeof *r.notes, cli_note_cmp);
		for (size_t i = 0; i < r.nnotes; i++)
			fprintf(stderr, "%s\n", r.notes[i].line);
		if (status == CLI_EXIT_OK && r.failed > 0)
			status = CLI_EXIT_FAILED;
	}
	refresh_free(rf);
	cli_cache_close(st, &feeds);
out:
	free(r.only);
	free(r.order);
	for (size_t i = 0; i < r.nnotes; i++)
		free(r.notes[i].line);
	free(r.notes);
	return status;
}
