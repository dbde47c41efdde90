/*
 * cli_feeds.c: changing the list of feeds from the shell. bantin feeds add
 * (a feed's URL, or a page whose feeds are found), bantin feeds remove,
 * bantin import (OPML, or a newsboat urls file) and bantin export (OPML
 * 2.0, tags as folders). The feeds file is edited in place: its comments,
 * order and other lines stay as they were.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "config.h"
#include "feed.h"
#include "refresh.h"
#include "store.h"

struct cli_feeds_edit {
	const char *what; /* "add" or "remove" */
	const char *key;  /* the URL, or the feed to remove */
	const char *name;
	const char **tags;
	size_t ntags;
	bool all;
	int operands;
};

static int cli_feeds_edit_opt(int id, const char *arg, void *state)
{
	struct cli_feeds_edit *e = state;
	switch (id) {
	case CORE_OPT_OPERAND:
		if (e->operands++ == 0)
			e->what = arg;
		else if (e->operands == 2)
			e->key = arg;
		else
			return cli_usage_error(CLI_CMD_FEEDS, "give one URL or feed only");
		return -1;
	case CLI_OPT_FEEDS_NAME:
		e->name = arg;
		return -1;
	case CLI_OPT_FEEDS_TAG:
		e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof *e->tags);
		e->tags[e->ntags++] = arg;
		return -1;
	case CLI_OPT_FEEDS_ALL:
		e->all = true;
		return -1;
	default:
		return cli_usage_error(CLI_CMD_FEEDS, "--json is for the list of feeds");
	}
}

/* The feeds file's path (NULL after saying why). */
static char *cli_feeds_path(const struct cli_ctx *ctx)
{
	char err[CORE_ERRLEN];
	char *path = config_file_path(CONFIG_FILE_FEEDS, ctx->feeds, err, sizeof err);
	if (path == NULL)
		cli_fail(err);
	return path;
}

/* Adds one feed's line; prints what was done. An exit status. */
static int cli_feeds_add_one(const char *path, const char *url, const char *name,
			     const char *const *tags, size_t ntags, const char *title)
{
	char err[CORE_ERRLEN];
	char *line = config_feeds_line_for(url, name, tags, ntags);
	int rc = config_feeds_append(path, line, err, sizeof err);
	free(line);
	char *shown = cli_line(url);
	if (rc < 0) {
		cli_fail(err);
	} else if (rc == 0) {
		printf("%s is already in the feeds file\n", shown);
	} else {
		char *t = title != NULL ? cli_line(title) : NULL;
		printf("added %s%s%s%s\n", shown, t != NULL ? " (" : "", t != NULL ? t : "",
		       t != NULL ? ")" : "");
		free(t);
	}
	free(shown);
	return rc < 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}

/* Which of the n feeds found to add, asked on the terminal: 0-based, n for all, -1 for none. */
static long cli_feeds_ask(size_t n)
{
	printf("Which one? [1-%zu, a for all, Enter for none] ", n);
	fflush(stdout);
	char answer[32];
	if (fgets(answer, sizeof answer, stdin) == NULL)
		return -1;
	if (answer[0] == 'a' || answer[0] == 'A')
		return (long)n;
	long long k;
	answer[strcspn(answer, "\r\n ")] = '\0';
	if (!core_parse_number(answer, 1, (long long)n, &k))
		return -1;
	return (long)k - 1;
}

static int cli_feeds_add(const struct cli_ctx *ctx, struct cli_feeds_edit *e)
{
	if (ctx->offline) {
		cli_fail("feeds add looks the URL up on the network, and --offline says not to");
		return CLI_EXIT_FAILED;
	}
	if (strncmp(e->key, "http://", 7) != 0 && strncmp(e->key, "https://", 8) != 0) {
		char *shown = core_str_printable(e->key);
		char msg[CORE_ERRLEN];
		core_err_set(msg, sizeof msg, "'%s' is not an http or https URL", shown);
		free(shown);
		return cli_usage_error(CLI_CMD_FEEDS, msg);
	}
	char *path = cli_feeds_path(ctx);
	if (path == NULL)
		return CLI_EXIT_FAILED;
	struct refresh_opts o;
	refresh_opts_init(&o, ctx->settings);
	struct refresh_found *found;
	size_t n;
	char err[CORE_ERRLEN];
	int status = CLI_EXIT_OK;
	char *shown = cli_line(e->key);
	if (!refresh_probe(e->key, &o, &found, &n, err, sizeof err)) {
		fprintf(stderr, "bantin: %s: %s\n", shown, err);
		free(shown);
		free(path);
		return CLI_EXIT_FAILED;
	}
	long pick = n == 1 ? 0 : e->all ? (long)n : -2;
	if (pick == -2) { /* several: listed, and asked on a terminal */
		FILE *fp = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) ? stdout : stderr;
		fprintf(fp, "%s%s offers %zu feeds:\n", fp == stderr ? "bantin: " : "", shown, n);
		for (size_t i = 0; i < n; i++) {
			char *u = cli_line(found[i].url), *t = cli_line(found[i].title);
			fprintf(fp, "  %zu  %s  %s (%s)\n", i + 1, u, t, found[i].format);
			free(u);
			free(t);
		}
		if (fp == stdout) {
			pick = cli_feeds_ask(n);
		} else {
			fprintf(stderr,
				"bantin: say which with 'bantin feeds add URL', or add them "
				"all with --all\n");
			status = CLI_EXIT_FAILED;
		}
	}
	for (size_t i = 0; i < n && pick >= 0; i++) {
		if (pick != (long)n && (size_t)pick != i)
			continue;
		int st = cli_feeds_add_one(path, found[i].url, pick == (long)n ? NULL : e->name,
					   e->tags, e->ntags, found[i].title);
		status = st != CLI_EXIT_OK ? st : status;
	}
	refresh_found_free(found, n);
	free(shown);
	free(path);
	return status;
}

static int cli_feeds_remove(const struct cli_ctx *ctx, struct cli_feeds_edit *e)
{
	if (e->name != NULL || e->ntags > 0 || e->all)
		return cli_usage_error(CLI_CMD_FEEDS, "remove takes a URL or a feed's name only");
	char *path = cli_feeds_path(ctx);
	if (path == NULL)
		return CLI_EXIT_FAILED;
	char err[CORE_ERRLEN];
	char *url = NULL;
	int rc = config_feeds_remove(path, e->key, &url, err, sizeof err);
	char *shown = cli_line(e->key);
	if (rc < 0) {
		cli_fail(err);
	} else if (rc == 0) {
		fprintf(stderr, "bantin: %s: no such feed in the feeds file\n", shown);
	} else {
		char *u = cli_line(url);
		printf("removed %s from the feeds file (its articles stay in the cache)\n", u);
		free(u);
	}
	free(url);
	free(shown);
	free(path);
	return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}

int cli_feeds_edit_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_feeds_edit e = {0};
	int status =
	    cli_options(CLI_CMD_FEEDS, argc, argv, CLI_OPT_FEEDS_HELP, cli_feeds_edit_opt, &e);
	if (status < 0 && e.key == NULL)
		status = cli_usage_error(CLI_CMD_FEEDS,
					 strcmp(e.what, "add") == 0
					     ? "feeds add needs a URL"
					     : "feeds remove needs a URL or a feed's name");
	if (status < 0)
		status =
		    strcmp(e.what, "add") == 0 ? cli_feeds_add(ctx, &e) : cli_feeds_remove(ctx, &e);
	free(e.tags);
	return status;
}

/* ---- import and export ---- */

static int cli_one_file_opt(int id, const char *arg, void *state)
{
	const char **file = state;
	if (id == CORE_OPT_OPERAND)
		return cli_one_operand(CLI_CMD_IMPORT, file, arg, "file");
	return -1;
}

int cli_import_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	const char *file = NULL;
	int status =
	    cli_options(CLI_CMD_IMPORT, argc, argv, CLI_OPT_IMPORT_HELP, cli_one_file_opt, &file);
	if (status >= 0)
		return status;
	if (file == NULL)
		return cli_usage_error(CLI_CMD_IMPORT, "give the file to import");
	char *shown = core_str_printable(file);
	struct core_buf b;
	status = cli_read_file(file, (size_t)8 << 20, &b, shown);
	if (status != CLI_EXIT_OK) {
		free(shown);
		core_buf_free(&b);
		return status;
	}
	status = -1; /* going on */
	const char *p = core_buf_str(&b);
	if (b.len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	p += strspn(p, " \t\r\n");
	struct feed_opml opml = {0};
	struct config_feeds urls = {0};
	char err[CORE_ERRLEN];
	bool xml = *p == '<';
	bool ok = xml ? feed_opml_parse(core_buf_str(&b), b.len, &opml, err, sizeof err)
		      : config_feeds_load(file, false, &urls, err, sizeof err);
	core_buf_free(&b);
	if (!ok) {
		if (xml)
			fprintf(stderr, "bantin: %s: %s\n", shown, err);
		else
			cli_fail(err);
		free(shown);
		return CLI_EXIT_DATAERR;
	}
	for (size_t i = 0; i < opml.nwarnings; i++)
		fprintf(stderr, "bantin: %s: %s\n", shown, opml.warnings[i]);
	for (size_t i = 0; i < urls.nwarnings; i++)
		fprintf(stderr, "bantin: %s\n", urls.warnings[i]);
	char *path = cli_feeds_path(ctx);
	size_t added = 0, there = 0, tagged = 0, total = xml ? opml.n : urls.n;
	for (size_t i = 0; path != NULL && i < total; i++) {
		const char *url = xml ? opml.v[i].url : urls.v[i].url;
		const char *name = xml ? opml.v[i].title : urls.v[i].name;
		const char *const *tags =
		    (const char *const *)(xml ? opml.v[i].tags : urls.v[i].tags);
		size_t ntags = xml ? opml.v[i].ntags : urls.v[i].ntags;
		char *line = config_feeds_line_for(url, name, tags, ntags);
		int rc = config_feeds_append(path, line, err, sizeof err);
		free(line);
		if (rc < 0) {
			cli_fail(err);
			status = CLI_EXIT_FAILED;
			break;
		}
		added += rc > 0;
		there += rc == 0;
		if (rc == 0) { /* there already: the tags it lacks are added to its line */
			rc = config_feeds_add_tags(path, url, tags, ntags, err, sizeof err);
			if (rc < 0) {
				cli_fail(err);
				status = CLI_EXIT_FAILED;
				break;
			}
			tagged += rc > 0;
		}
	}
	if (path != NULL && status < 0) {
		printf("%zu feed%s added, %zu already there", added, added == 1 ? "" : "s", there);
		if (tagged > 0)
			printf(" (%zu given the tags they lacked)", tagged);
		putchar('\n');
		status = CLI_EXIT_OK;
	}
	feed_opml_free(&opml);
	config_feeds_free(&urls);
	free(path);
	free(shown);
	return status < 0 ? CLI_EXIT_FAILED : status;
}

/* Appends s as an XML attribute's value, control characters (which XML 1.0 cannot hold) left out.
 */
static void cli_xml_text(struct core_buf *b, const char *s)
{
	char *clean = xstrdup(s != NULL ? s : "");
	size_t w = 0;
	for (size_t i = 0; clean[i] != '\0'; i++)
		if ((unsigned char)clean[i] >= 0x20 || clean[i] == '\t')
			clean[w++] = clean[i];
	clean[w] = '\0';
	core_buf_xml(b, clean, true);
	free(clean);
}

/* One feed's outline, indented, its tags in its category attribute. */
static void cli_export_feed(struct core_buf *b, const struct config_feed *f, const char *title,
			    const char *indent)
{
	core_buf_printf(b, "%s<outline type=\"rss\" text=\"", indent);
	cli_xml_text(b, title != NULL ? title : f->url);
	core_buf_puts(b, "\" title=\"");
	cli_xml_text(b, title != NULL ? title : f->url);
	core_buf_puts(b, "\" xmlUrl=\"");
	cli_xml_text(b, f->url);
	core_buf_puts(b, "\"");
	if (f->ntags > 0) {
		core_buf_puts(b, " category=\"");
		for (size_t k = 0; k < f->ntags; k++) {
			if (k > 0)
				core_buf_puts(b, ",");
			cli_xml_text(b, f->tags[k]);
		}
		core_buf_puts(b, "\"");
	}
	core_buf_puts(b, "/>\n");
}

static int cli_export_opt(int id, const char *arg, void *state)
{
	(void)state;
	return id == CORE_OPT_OPERAND ? cli_no_operand(CLI_CMD_EXPORT, arg) : -1;
}

int cli_export_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	int status =
	    cli_options(CLI_CMD_EXPORT, argc, argv, CLI_OPT_EXPORT_HELP, cli_export_opt, NULL);
	if (status >= 0)
		return status;
	char *path = cli_feeds_path(ctx);
	if (path == NULL)
		return CLI_EXIT_FAILED;
	struct config_feeds feeds;
	char err[CORE_ERRLEN];
	if (!config_feeds_load(path, false, &feeds, err, sizeof err)) {
		cli_fail(err);
		free(path);
		return CLI_EXIT_FAILED;
	}
	free(path);
	/* the feeds' own titles, from the cache when there is one */
	char *db = config_file_path(CONFIG_FILE_CACHE, ctx->db, err, sizeof err);
	struct store *st = db != NULL && access(db, F_OK) == 0
			       ? store_open(db, STORE_OPEN_READ, err, sizeof err)
			       : NULL;
	free(db);
	struct store_feed *cached = NULL;
	size_t ncached = 0;
	if (st != NULL && !store_feeds_list(st, &cached, &ncached, err, sizeof err))
		ncached = 0;
	char **titles = xcalloc(feeds.n > 0 ? feeds.n : 1, sizeof *titles);
	for (size_t i = 0; i < feeds.n; i++) {
		if (feeds.v[i].name != NULL)
			titles[i] = xstrdup(feeds.v[i].name);
		for (size_t k = 0; k < ncached && titles[i] == NULL; k++) {
			if (strcmp(cached[k].url, feeds.v[i].url) == 0 && cached[k].title != NULL)
				titles[i] = xstrdup(cached[k].title);
		}
	}
	store_feeds_free(cached, ncached);
	if (st != NULL)
		store_close(st);
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
			  "  <head>\n    <title>bantin feeds</title>\n  </head>\n  <body>\n");
	/* untagged feeds first, then a folder a tag (a feed in the folder of its first tag) */
	for (size_t i = 0; i < feeds.n; i++) {
		if (feeds.v[i].ntags == 0)
			cli_export_feed(&b, &feeds.v[i], titles[i], "    ");
	}
	for (size_t i = 0; i < feeds.n; i++) {
		if (feeds.v[i].ntags == 0)
			continue;
		const char *tag = feeds.v[i].tags[0];
		bool before = false;
		for (size_t j = 0; j < i && !before; j++)
			before = feeds.v[j].ntags > 0 && strcmp(feeds.v[j].tags[0], tag) == 0;
		if (before)
			continue;
		core_buf_puts(&b, "    <outline text=\"");
		cli_xml_text(&b, tag);
		core_buf_puts(&b, "\" title=\"");
		cli_xml_text(&b, tag);
		core_buf_puts(&b, "\">\n");
		for (size_t j = i; j < feeds.n; j++) {
			if (feeds.v[j].ntags > 0 && strcmp(feeds.v[j].tags[0], tag) == 0)
				cli_export_feed(&b, &feeds.v[j], titles[j], "      ");
		}
		core_buf_puts(&b, "    </outline>\n");
	}
	core_buf_puts(&b, "  </body>\n</opml>\n");
	fputs(core_buf_str(&b), stdout);
	core_buf_free(&b);
	for (size_t i = 0; i < feeds.n; i++)
		free(titles[i]);
	free(titles);
	config_feeds_free(&feeds);
	return cli_flush();
}
