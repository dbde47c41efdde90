/*
 * What the cache commands share: where the files are, opening the cache,
 * reading the feeds file into it, finding a feed by number, URL or name,
 * and reading numbers from the command line.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_internal.h"
#include "feed.h"
#include "config.h"
#include "refresh.h"
#include "store.h"
#include "text.h"

/* Cells of the feed column in article lines. */
#define CLI_FEED_COLUMN 20

void cli_fail(const char *what)
{
	fprintf(stderr, "bantin: %s\n", what);
}

bool cli_number(enum cli_command_id cmd, const char *opt, const char *arg, long long min,
		long long max, long long *out, int *status)
{
	long long v;
	if (!core_parse_number(arg, min, max, &v)) {
		char err[CORE_ERRLEN];
		char *shown = core_str_printable(arg);
		if (opt != NULL)
			core_err_set(err, sizeof err,
				     "option '--%s' needs a number from %lld to %lld, not '%s'",
				     opt, min, max, shown);
		else
			core_err_set(err, sizeof err, "'%s' is not an article number", shown);
		free(shown);
		*status = cli_usage_error(cmd, err);
		return false;
	}
	*out = v;
	return true;
}

bool cli_size(enum cli_command_id cmd, const char *opt, const char *arg, size_t *out, int *status)
{
	if (core_parse_size(arg, out))
		return true;
	char err[CORE_ERRLEN];
	char *shown = core_str_printable(arg);
	core_err_set(err, sizeof err, "option '--%s' needs a size such as 16M, not '%s'", opt,
		     shown);
	free(shown);
	*status = cli_usage_error(cmd, err);
	return false;
}

/* path, or the file's default place; owned, NULL after saying why. */
static char *cli_path(const char *path, enum config_file which)
{
	char err[CORE_ERRLEN];
	char *out = config_file_path(which, path, err, sizeof err);
	if (out == NULL)
		cli_fail(err);
	return out;
}

struct store *cli_store_open(const struct cli_ctx *ctx, enum cli_use use)
{
	char *path = cli_path(ctx->db, CONFIG_FILE_CACHE);
	if (path == NULL)
		return NULL;
	char err[CORE_ERRLEN];
	/* A cache that is there is opened as one to read (read-only when it cannot be written,
	   which a command that writes then refuses); one that is not is made by refresh, and on
	   a first run whatever the command (a mistyped --db is no new cache). */
	bool missing = access(path, F_OK) != 0;
	bool create = missing && (use == CLI_CREATE || ctx->db == NULL);
	struct store *st =
	    refresh_store_open(path, create ? STORE_OPEN_CREATE : STORE_OPEN_READ, err, sizeof err);
	if (st == NULL) {
		cli_fail(err);
	} else if (use != CLI_READ && store_readonly(st)) {
		char *shown = core_str_printable(path);
		core_err_set(err, sizeof err, "%s: the cache is read-only; this needs to write it",
			     shown);
		free(shown);
		cli_fail(err);
		store_close(st);
		st = NULL;
	}
	free(path);
	return st;
}

bool cli_feeds_sync(const struct cli_ctx *ctx, struct store *st, struct refresh_feeds *feeds)
{
	char err[CORE_ERRLEN];
	if (!refresh_feeds_open(st, ctx->feeds, feeds, err, sizeof err)) {
		cli_fail(err);
		return false;
	}
	return true;
}

void cli_feeds_warn(const struct refresh_feeds *feeds)
{
	for (size_t i = 0; i < feeds->file.nwarnings; i++)
		fprintf(stderr, "bantin: %s\n", feeds->file.warnings[i]);
}

struct store *cli_cache_open(const struct cli_ctx *ctx, enum cli_use use,
			     struct refresh_feeds *feeds)
{
	struct store *st = cli_store_open(ctx, use);
	if (st == NULL)
		return NULL;
	char err[CORE_ERRLEN];
	if (refresh_feeds_open(st, ctx->feeds, feeds, err, sizeof err))
		return st;
	if (use != CLI_READ) {
		cli_fail(err);
		store_close(st);
		return NULL;
	}
	/* a command that only reads the cache reads it without the feeds file */
	fprintf(stderr, "bantin: %s (the cache is read without it)\n", err);
	memset(feeds, 0, sizeof *feeds);
	feeds->ids = xcalloc(1, sizeof *feeds->ids);
	return st;
}

void cli_cache_close(struct store *st, struct refresh_feeds *feeds)
{
	refresh_feeds_free(feeds);
	store_close(st);
}

bool cli_feed_find(struct store *st, const struct config_feeds *feeds, const char *key, int64_t *id)
{
	char err[CORE_ERRLEN];
	if (key[0] >= '1' && key[0] <= '9' && strspn(key, "0123456789") == strlen(key)) {
		struct store_feed f;
		long long n = strtoll(key, NULL, 10);
		if (store_feed_get(st, n, &f, err, sizeof err)) {
			*id = f.id;
			store_feed_free(&f);
			return true;
		}
	}
	const struct config_feed *c = config_feeds_find(feeds, key);
	struct store_feed *all;
	size_t n;
	if (!store_feeds_list(st, &all, &n, err, sizeof err)) {
		cli_fail(err);
		return false;
	}
	char *k = text_fold(key, strlen(key), NULL);
	bool found = false;
	for (size_t i = 0; i < n && !found; i++) {
		const struct store_feed *f = &all[i];
		if ((c != NULL && strcmp(f->url, c->url) == 0) || strcmp(f->url, key) == 0 ||
		    (f->location != NULL && strcmp(f->location, key) == 0)) {
			*id = f->id;
			found = true;
		}
	}
	for (size_t i = 0; i < n && !found; i++) {
		if (all[i].title == NULL)
			continue;
		char *t = text_fold(all[i].title, strlen(all[i].title), NULL);
		if (strcmp(t, k) == 0) {
			*id = all[i].id;
			found = true;
		}
		free(t);
	}
	free(k);
	store_feeds_free(all, n);
	if (!found)
		cli_error(key, "no such feed (see 'bantin feeds')");
	return found;
}

int cli_flush(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("stdout", "cannot write");
		return CLI_EXIT_FAILED;
	}
	return CLI_EXIT_OK;
}

char *cli_line(const char *s)
{
	return text_clean(s != NULL ? s : "", s != NULL ? strlen(s) : 0, TEXT_CLEAN_LINE);
}

/* Writes s[0..len) with marks in bold (ranges relative to s). */
void cli_print_marked(const char *s, const struct store_mark *marks, size_t nmarks, bool bold)
{
	size_t at = 0, len = strlen(s);
	for (size_t i = 0; bold && i < nmarks; i++) {
		if (marks[i].start < at || marks[i].end > len || marks[i].start >= marks[i].end)
			continue;
		fwrite(s + at, 1, marks[i].start - at, stdout);
		fputs("\033[1m", stdout);
		fwrite(s + marks[i].start, 1, marks[i].end - marks[i].start, stdout);
		fputs("\033[22m", stdout);
		at = marks[i].end;
	}
	fputs(s + at, stdout);
}

void cli_article_line(const struct store_row *v, const struct store_mark *marks, size_t nmarks,
		      bool bold)
{
	char date[TEXT_DATE_LEN];
	char *feed, *col;
	if (v->id == 0) { /* not in the cache (a page's "Tin khác"): its site where the feed goes */
		char *host = core_str_host(v->link);
		feed = cli_line(host);
		free(host);
		col = text_fit(feed, CLI_FEED_COLUMN, "…", true);
		printf("%6s    %16s  %s  ", "-", "", col);
	} else {
		text_date(v->time, TEXT_DATE_SHORT, date);
		feed = cli_line(v->feed_title);
		char others[32] = "";
		if (v->others > 0) /* the other feeds that carry it */
			snprintf(others, sizeof others, " +%lld", (long long)v->others);
		col = text_fit_tail(feed, others, CLI_FEED_COLUMN, "…", true);
		printf("%6lld %c%c %s  %s  ", (long long)v->id, v->read ? ' ' : 'N',
		       v->starred ? '*' : ' ', date, col);
	}
	/* Titles are cleaned on the way into the cache; marks are byte ranges of that. */
	char *title = cli_line(v->title);
	bool same = strcmp(title, v->title != NULL ? v->title : "") == 0;
	cli_print_marked(title, same ? marks : NULL, same ? nmarks : 0, bold);
	free(title);
	putchar('\n');
	free(feed);
	free(col);
}

void cli_article_json(struct core_buf *b, const struct store_row *v)
{
	char date[FEED_DATE_LEN];
	if (v->id == 0) { /* not in the cache: what its link and title say */
		core_buf_puts(b, "{\"id\": null, \"feed_id\": null, \"feed\": null, \"title\": ");
		core_buf_json_str(b, v->title != NULL ? v->title : "");
		core_buf_puts(b, ", \"link\": ");
		core_buf_json_str(b, v->link);
		core_buf_puts(b, ", \"date\": null, \"read\": false, \"starred\": false,"
				 " \"other_feeds\": 0");
		return;
	}
	core_buf_printf(b, "{\"id\": %lld, \"feed_id\": %lld, \"feed\": ", (long long)v->id,
			(long long)v->feed_id);
	core_buf_json_str(b, v->feed_title != NULL ? v->feed_title : "");
	core_buf_puts(b, ", \"title\": ");
	core_buf_json_str(b, v->title != NULL ? v->title : "");
	core_buf_puts(b, ", \"link\": ");
	core_buf_json_str(b, v->link);
	core_buf_puts(b, ", \"date\": ");
	feed_date_format(v->time, date);
	core_buf_json_str(b, date);
	core_buf_printf(b, ", \"read\": %s, \"starred\": %s, \"other_feeds\": %lld",
			v->read ? "true" : "false", v->starred ? "true" : "false",
			(long long)v->others);
}

bool cli_tag_feeds(const struct refresh_feeds *feeds, const char *tag, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	char *want = text_fold(tag, strlen(tag), NULL);
	struct core_buf all;
	core_buf_init(&all, 0);
	for (size_t i = 0; i < feeds->file.n; i++) {
		const struct config_feed *f = &feeds->file.v[i];
		bool has = false;
		for (size_t k = 0; k < f->ntags; k++) {
			char *t = text_fold(f->tags[k], strlen(f->tags[k]), NULL);
			has = has || strcmp(t, want) == 0;
			free(t);
			char *quoted = xasprintf("'%s'", f->tags[k]);
			if (strstr(core_buf_str(&all), quoted) == NULL)
				core_buf_printf(&all, "%s%s", all.len > 0 ? ", " : "", quoted);
			free(quoted);
		}
		if (has && feeds->ids[i] != 0) {
			*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
			(*ids)[(*n)++] = feeds->ids[i];
		}
	}
	free(want);
	if (*n == 0) {
		char *shown = cli_line(tag), *tags = cli_line(core_buf_str(&all));
		fprintf(stderr, "bantin: no feed has the tag '%s' (%s%s)\n", shown,
			tags[0] != '\0' ? "the tags: " : "the feeds have no tags", tags);
		free(shown);
		free(tags);
	}
	core_buf_free(&all);
	return *n > 0;
}

/* ---- cleanup ---- */

struct cli_cleanup {
	struct store_cleanup c;
	bool days, per_feed; /* said on the command line */
	int status;
};

static int cli_cleanup_opt(int id, const char *arg, void *state)
{
	struct cli_cleanup *k = state;
	long long v = 0;
	switch (id) {
	case CLI_OPT_CLEANUP_KEEP_DAYS:
		if (!cli_number(CLI_CMD_CLEANUP, "keep-days", arg, 1, 36500, &v, &k->status))
			return k->status;
		k->c.keep_days = v;
		k->days = true;
		return -1;
	case CLI_OPT_CLEANUP_KEEP_PER_FEED:
		if (!cli_number(CLI_CMD_CLEANUP, "keep-per-feed", arg, 1, 1000000, &v, &k->status))
			return k->status;
		k->c.keep_per_feed = v;
		k->per_feed = true;
		return -1;
	case CLI_OPT_CLEANUP_DRY_RUN:
		k->c.dry_run = true;
		return -1;
	case CLI_OPT_CLEANUP_VACUUM:
		k->c.vacuum = true;
		return -1;
	default:
		return cli_usage_error(CLI_CMD_CLEANUP, "takes no operands");
	}
}

int cli_cleanup_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_cleanup k = {.c = {.now = (int64_t)time(NULL)}};
	int status =
	    cli_options(CLI_CMD_CLEANUP, argc, argv, CLI_OPT_CLEANUP_HELP, cli_cleanup_opt, &k);
	if (status >= 0)
		return status;
	const struct config_settings *s = ctx->settings;
	if (!k.days && !k.per_feed && s != NULL) { /* the settings', when the line says nothing */
		k.c.keep_days = s->keep_days > 0 ? s->keep_days : 0;
		k.c.keep_per_feed = s->keep_per_feed > 0 ? s->keep_per_feed : 0;
	}
	if (k.c.keep_days == 0 && k.c.keep_per_feed == 0 && !k.c.vacuum)
		return cli_usage_error(CLI_CMD_CLEANUP,
				       "say what to keep: --keep-days N or --keep-per-feed N (or"
				       " keep-days, keep-per-feed in the settings file)");
	struct refresh_feeds feeds;
	struct store *st = cli_cache_open(ctx, k.c.dry_run ? CLI_READ : CLI_WRITE, &feeds);
	if (st == NULL)
		return CLI_EXIT_FAILED;
	struct store_cleanup_result r;
	char err[CORE_ERRLEN];
	status = CLI_EXIT_OK;
	if (!store_cleanup_run(st, &k.c, &r, err, sizeof err)) {
		cli_fail(err);
		status = CLI_EXIT_FAILED;
	}
	struct store_feed *all = NULL;
	size_t nall = 0;
	if (r.nfeeds > 0 && !store_feeds_list(st, &all, &nall, err, sizeof err))
		nall = 0;
	for (size_t i = 0; i < r.nfeeds; i++) {
		const char *name = NULL;
		for (size_t j = 0; j < nall && name == NULL; j++)
			if (all[j].id == r.feeds[i].feed_id)
				name = all[j].title != NULL ? all[j].title : all[j].url;
		char *shown = cli_line(name);
		printf("%6lld  %s\n", (long long)r.feeds[i].removed, shown);
		free(shown);
	}
	store_feeds_free(all, nall);
	if (status == CLI_EXIT_OK)
		printf("%lld article%s %s%s\n", (long long)r.removed, r.removed == 1 ? "" : "s",
		       k.c.dry_run ? "would be removed" : "removed",
		       r.vacuumed ? "; the cache file made smaller" : "");
	store_cleanup_result_free(&r);
	cli_cache_close(st, &feeds);
	int flushed = cli_flush();
	return status != CLI_EXIT_OK ? status : flushed;
}

/* ---- recover ---- */

static int cli_recover_opt(int id, const char *arg, void *state)
{
	(void)arg;
	(void)state;
	(void)id;
	return cli_usage_error(CLI_CMD_RECOVER, "takes no operands (--db names the cache)");
}

/* Moves path (and its -wal and -shm files) to path's damaged name; that name into kept. */
static bool cli_recover_keep(const char *path, char **kept, char *err, size_t errlen)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char day[16];
	strftime(day, sizeof day, "%Y%m%d", &tm);
	*kept = NULL;
	for (int n = 1; n < 100 && *kept == NULL; n++) {
		char *name = n == 1 ? xasprintf("%s.damaged-%s", path, day)
				    : xasprintf("%s.damaged-%s-%d", path, day, n);
		if (access(name, F_OK) != 0)
			*kept = name;
		else
			free(name);
	}
	if (*kept == NULL || rename(path, *kept) != 0) {
		core_err_set(err, errlen, "cannot move the damaged cache aside: %s",
			     strerror(errno));
		return false;
	}
	static const char *const logs[] = {"-wal", "-shm"};
	for (size_t i = 0; i < CORE_NELEM(logs); i++) {
		char *from = xasprintf("%s%s", path, logs[i]),
		     *to = xasprintf("%s%s", *kept, logs[i]);
		if (access(from, F_OK) == 0)
			rename(from, to);
		free(from);
		free(to);
	}
	return true;
}

int cli_recover_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	int status =
	    cli_options(CLI_CMD_RECOVER, argc, argv, CLI_OPT_RECOVER_HELP, cli_recover_opt, NULL);
	if (status >= 0)
		return status;
	char err[CORE_ERRLEN];
	char *path = config_file_path(CONFIG_FILE_CACHE, ctx->db, err, sizeof err);
	if (path == NULL) {
		cli_fail(err);
		return CLI_EXIT_FAILED;
	}
	char *shown = core_str_printable(path);
	status = CLI_EXIT_FAILED;
	char *tmp = xasprintf("%s.recovering", path), *kept = NULL;
	static const char *const parts[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < CORE_NELEM(parts); i++) { /* what a recovery cut short left */
		char *p = xasprintf("%s%s", tmp, parts[i]);
		unlink(p);
		free(p);
	}
	struct store *nw = NULL;
	struct store_recover_result r;
	int64_t indexed = 0;
	if (access(path, F_OK) != 0) {
		fprintf(stderr, "bantin: %s: no cache there\n", shown);
	} else if ((nw = refresh_store_open(tmp, STORE_OPEN_CREATE, err, sizeof err)) == NULL) {
		cli_fail(err);
	} else if (!store_recover_from(nw, path, &r, err, sizeof err)) {
		fprintf(stderr, "bantin: %s: %s\n", shown, err);
	} else if (!store_reindex(nw, &indexed, err, sizeof err)) {
		cli_fail(err);
	} else {
		store_close(nw);
		nw = NULL;
		if (!cli_recover_keep(path, &kept, err, sizeof err)) {
			fprintf(stderr, "bantin: %s: %s\n", shown, err);
		} else if (rename(tmp, path) != 0) {
			fprintf(stderr, "bantin: %s: cannot put the new cache in place: %s\n",
				shown, strerror(errno));
		} else {
			char *k = core_str_printable(kept);
			printf("saved %lld article%s", (long long)r.articles,
			       r.articles == 1 ? "" : "s");
			if (r.before > 0)
				printf(" of %lld", (long long)r.before);
			printf(" (%lld feed%s, their read and starred state; the search index "
			       "rebuilt)\nthe damaged cache is kept as %s\n",
			       (long long)r.feeds, r.feeds == 1 ? "" : "s", k);
			free(k);
			status = cli_flush();
		}
	}
	if (nw != NULL)
		store_close(nw);
	if (status != CLI_EXIT_OK) {
		for (size_t i = 0; i < CORE_NELEM(parts); i++) {
			char *p = xasprintf("%s%s", tmp, parts[i]);
			unlink(p);
			free(p);
		}
	}
	free(kept);
	free(tmp);
	free(shown);
	free(path);
	return status;
}
