/*
 * The commands that read and mark the cache:
 *
 *   bantin feeds
 *   bantin list [--feed F] [--unread] [--starred] [--limit N] [--offset N] [--json]
 *   bantin show ID [--width N]
 *   bantin mark-read ID... | --feed F | --all   [--unread]
 *
 * Everything printed comes from the cache and was cleaned on the way in;
 * titles and names are cleaned again here before they reach a terminal.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "config.h"
#include "feed.h"
#include "html.h"
#include "refresh.h"
#include "store.h"
#include "text.h"

/* The default page of `list`. */
#define CLI_LIST_DEFAULT 50

/* ---- feeds ---- */

static int cli_feeds_opt(int id, const char *arg, void *state)
{
	if (id == CORE_OPT_OPERAND) {
		char *shown = core_str_printable(arg), msg[CORE_ERRLEN];
		core_err_set(msg, sizeof msg,
			     "say add or remove (or nothing, for the list of feeds), not '%s'",
			     shown);
		free(shown);
		return cli_usage_error(CLI_CMD_FEEDS, msg);
	}
	if (id == CLI_OPT_FEEDS_NAME || id == CLI_OPT_FEEDS_TAG || id == CLI_OPT_FEEDS_ALL)
		return cli_usage_error(CLI_CMD_FEEDS, "--name, --tag and --all are for feeds add");
	if (id == CLI_OPT_FEEDS_JSON)
		*(bool *)state = true;
	return -1;
}

/* A feed as one line of JSON, for scripts. */
static void cli_feed_json(const struct store_feed *f, const struct config_feed *c)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_printf(&b, "{\"id\": %lld, \"url\": ", (long long)f->id);
	core_buf_json_str(&b, f->url);
	core_buf_puts(&b, ", \"name\": ");
	core_buf_json_str(&b, c->name);
	core_buf_puts(&b, ", \"title\": ");
	core_buf_json_str(&b, f->title);
	core_buf_puts(&b, ", \"site\": ");
	core_buf_json_str(&b, f->site);
	core_buf_puts(&b, ", \"location\": ");
	core_buf_json_str(&b, f->location);
	core_buf_puts(&b, ", \"found_as\": ");
	core_buf_json_str(&b, f->via);
	core_buf_printf(&b, ", \"unread\": %lld, \"total\": %lld, \"last_success\": ",
			(long long)f->unread, (long long)f->total);
	cli_json_date(&b, f->last_success);
	core_buf_puts(&b, ", \"last_attempt\": ");
	cli_json_date(&b, f->last_attempt);
	core_buf_printf(&b, ", \"last_status\": %d, \"last_error\": ", f->last_status);
	core_buf_json_str(&b, f->last_error);
	core_buf_printf(&b, ", \"pages\": %lld, \"pages_failed\": %lld, \"page_error\": ",
			(long long)f->pages, (long long)f->pages_failed);
	core_buf_json_str(&b, f->page_error);
	core_buf_puts(&b, ", \"tags\": [");
	for (size_t i = 0; i < c->ntags; i++) {
		if (i > 0)
			core_buf_puts(&b, ", ");
		core_buf_json_str(&b, c->tags[i]);
	}
	core_buf_puts(&b, "]}\n");
	fputs(core_buf_str(&b), stdout);
	core_buf_free(&b);
}

int cli_feeds_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) { /* the first word that is no option says what */
		if (argv[i][0] == '-')
			continue;
		if (strcmp(argv[i], "add") == 0 || strcmp(argv[i], "remove") == 0)
			return cli_feeds_edit_run(ctx, argc, argv);
		break;
	}
	bool json = false;
	int status =
	    cli_options(CLI_CMD_FEEDS, argc, argv, CLI_OPT_FEEDS_HELP, cli_feeds_opt, &json);
	if (status >= 0)
		return status;
	struct refresh_feeds feeds;
	struct store *st = cli_cache_open(ctx, CLI_READ, &feeds);
	if (st == NULL)
		return CLI_EXIT_FAILED;
	cli_feeds_warn(&feeds);
	status = CLI_EXIT_OK;
	char err[CORE_ERRLEN];
	for (size_t i = 0; i < feeds.file.n; i++) {
		struct store_feed f;
		if (feeds.ids[i] == 0) { /* a read-only cache that has not seen it */
			char *url = cli_line(feeds.file.v[i].url);
			printf("-  %s  not in the cache\n    %s\n", url, url);
			free(url);
			continue;
		}
		if (!store_feed_get(st, feeds.ids[i], &f, err, sizeof err)) {
			cli_fail(err);
			status = CLI_EXIT_FAILED;
			break;
		}
		if (json) {
			cli_feed_json(&f, &feeds.file.v[i]);
			store_feed_free(&f);
			continue;
		}
		char *name = cli_line(f.title != NULL ? f.title : f.url);
		char *url = cli_line(f.url);
		printf("%lld  %s  %lld/%lld unread\n    %s\n", (long long)f.id, name,
		       (long long)f.unread, (long long)f.total, url);
		if (f.location != NULL) {
			char *loc = cli_line(f.location);
			if (f.via != NULL && strcmp(f.location, f.url) == 0) {
				char *via = cli_line(f.via);
				printf("    a web page, not a feed: read as %s\n", via);
				free(via);
			} else if (f.via != NULL) {
				char *via = cli_line(f.via);
				printf("    no feed at its URL: read from %s (%s)\n", loc, via);
				free(via);
			} else {
				printf("    moved for good to %s (update the feeds file)\n", loc);
			}
			free(loc);
		}
		if (feeds.file.v[i].insecure)
			printf("    TLS certificates NOT verified (tls-verify=no)\n");
		char date[TEXT_DATE_LEN];
		if (f.last_success != STORE_NO_TIME) {
			text_date(f.last_success, TEXT_DATE_SHORT, date);
			printf("    last updated %s\n", date);
		} else {
			printf("    never updated\n");
		}
		if (f.last_error != NULL && f.last_attempt != STORE_NO_TIME) {
			char *e = cli_line(f.last_error);
			text_date(f.last_attempt, TEXT_DATE_SHORT, date);
			printf("    last refresh failed %s: %s\n", date, e);
			free(e);
		}
		const struct config_feed *c = &feeds.file.v[i];
		if (c->site != NULL || c->full >= 0) {
			char *site = c->site != NULL ? cli_line(c->site) : NULL;
			printf("    article pages: %s%s%s\n",
			       c->full == 0   ? "never"
			       : c->full == 1 ? "for every item"
					      : "for summaries",
			       site != NULL ? ", site profile " : "", site != NULL ? site : "");
			free(site);
		}
		if (f.pages > 0 || f.pages_failed > 0) {
			printf("    %lld article page%s read", (long long)f.pages,
			       f.pages == 1 ? "" : "s");
			if (f.pages_failed > 0) {
				char *e = cli_line(f.page_error);
				printf(", %lld failed (the newest: %s)", (long long)f.pages_failed,
				       e);
				free(e);
			}
			putchar('\n');
		}
		free(name);
		free(url);
		store_feed_free(&f);
	}
	/* the saved searches, with what they find now */
	for (size_t i = 0; status == CLI_EXIT_OK && i < feeds.file.nsearches; i++) {
		const struct config_search *q = &feeds.file.searches[i];
		int64_t total = 0, unread = 0;
		struct store_query all = {.unread_only = true};
		bool ok = q->query[0] != '\0'
			      ? store_search_count(st, q->query, &total, &unread, err, sizeof err)
			      : store_rows_count(st, &all, &unread, err, sizeof err);
		if (q->query[0] == '\0')
			total = unread;
		char *name = cli_line(q->name), *query = cli_line(q->query);
		if (json) {
			struct core_buf b;
			core_buf_init(&b, 0);
			core_buf_puts(&b, "{\"search\": ");
			core_buf_json_str(&b, q->name);
			core_buf_puts(&b, ", \"query\": ");
			core_buf_json_str(&b, q->query);
			core_buf_printf(
			    &b, ", \"unread_only\": %s, \"unread\": %lld, \"total\": %lld}\n",
			    q->unread_only ? "true" : "false", (long long)unread, (long long)total);
			fputs(core_buf_str(&b), stdout);
			core_buf_free(&b);
		} else if (ok) {
			printf("search  %s  %lld/%lld unread\n    %s\n", name, (long long)unread,
			       (long long)total,
			       q->query[0] != '\0' ? query : "every unread article");
		} else {
			printf("search  %s\n    %s: %s\n", name, query, err);
		}
		free(name);
		free(query);
	}
	cli_cache_close(st, &feeds);
	int flushed = cli_flush();
	return status != CLI_EXIT_OK ? status : flushed;
}

/* ---- list ---- */

struct cli_list {
	const char *feed, *tag;
	struct store_query q;
	bool json;
	int status;
};

static int cli_list_opt(int id, const char *arg, void *state)
{
	struct cli_list *l = state;
	long long v;
	switch (id) {
	case CLI_OPT_LIST_FEED:
		l->feed = arg;
		return -1;
	case CLI_OPT_LIST_TAG:
		l->tag = arg;
		return -1;
	case CLI_OPT_LIST_UNREAD:
		l->q.unread_only = true;
		return -1;
	case CLI_OPT_LIST_STARRED:
		l->q.starred_only = true;
		return -1;
	case CLI_OPT_LIST_LIMIT:
		if (!cli_number(CLI_CMD_LIST, "limit", arg, 0, 1000000000, &v, &l->status))
			return l->status;
		l->q.limit = v == 0 ? SIZE_MAX : (size_t)v;
		return -1;
	case CLI_OPT_LIST_OFFSET:
		if (!cli_number(CLI_CMD_LIST, "offset", arg, 0, 1000000000, &v, &l->status))
			return l->status;
		l->q.offset = (size_t)v;
		return -1;
	case CLI_OPT_LIST_JSON:
		l->json = true;
		return -1;
	default:
		return cli_usage_error(CLI_CMD_LIST,
				       "takes no operands (use --feed to choose one)");
	}
}

static void cli_list_json(const struct store_row *r)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	cli_article_json(&b, r);
	core_buf_puts(&b, "}\n");
	fputs(core_buf_str(&b), stdout);
	core_buf_free(&b);
}

static void cli_list_line(const struct store_row *r)
{
	cli_article_line(r, NULL, 0, false);
}

int cli_list_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_list l = {.q = {.limit = CLI_LIST_DEFAULT}};
	int status = cli_options(CLI_CMD_LIST, argc, argv, CLI_OPT_LIST_HELP, cli_list_opt, &l);
	if (status >= 0)
		return status;
	struct refresh_feeds feeds;
	struct store *st = cli_cache_open(ctx, CLI_READ, &feeds);
	if (st == NULL)
		return CLI_EXIT_FAILED;
	status = CLI_EXIT_OK;
	int64_t *tagged = NULL;
	if (l.feed != NULL && l.tag != NULL)
		status = cli_usage_error(CLI_CMD_LIST, "give --feed or --tag, not both");
	else if (l.feed != NULL && !cli_feed_find(st, &feeds.file, l.feed, &l.q.feed_id))
		status = CLI_EXIT_FAILED;
	else if (l.tag != NULL && !cli_tag_feeds(&feeds, l.tag, &tagged, &l.q.nfeeds))
		status = CLI_EXIT_FAILED;
	l.q.feeds = tagged;
	/* Pages of 500 rows: memory stays flat however large the cache. */
	size_t left = l.q.limit;
	while (status == CLI_EXIT_OK && left > 0) {
		struct store_query page = l.q;
		page.limit = left < 500 ? left : 500;
		struct store_row *rows;
		size_t n;
		char err[CORE_ERRLEN];
		if (!store_rows(st, &page, &rows, &n, err, sizeof err)) {
			cli_fail(err);
			status = CLI_EXIT_FAILED;
			break;
		}
		for (size_t i = 0; i < n; i++) {
			if (l.json)
				cli_list_json(&rows[i]);
			else
				cli_list_line(&rows[i]);
		}
		if (n > 0) { /* the next page: after this one's last row */
			l.q.after = true;
			l.q.after_time = rows[n - 1].time;
			l.q.after_id = rows[n - 1].id;
			l.q.offset = 0;
		}
		store_rows_free(rows, n);
		if (n < page.limit)
			break;
		left -= n;
	}
	free(tagged);
	cli_cache_close(st, &feeds);
	int flushed = cli_flush();
	return status != CLI_EXIT_OK ? status : flushed;
}

/* ---- show ---- */

struct cli_show {
	const char *id;
	int width;
	enum html_lang lang; /* of the image labels */
	bool json;
	int status;
};

/* An article as one line of JSON: its fields, its body as cleaned HTML and laid out as text. */
static void cli_show_json(const struct store_article *a, const char *text,
			  const struct store_link *links, size_t nlinks)
{
	static const char *const pages[] = {"due", "fetched", "failed", "none"};
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_printf(&b, "{\"article\": {\"id\": %lld, \"feed_id\": %lld, \"feed\": ",
			(long long)a->id, (long long)a->feed_id);
	core_buf_json_str(&b, a->feed_title);
	const char *keys[] = {"guid", "title", "link", "author"};
	const char *vals[] = {a->guid, a->title, a->link, a->author};
	for (size_t i = 0; i < CORE_NELEM(keys); i++) {
		core_buf_printf(&b, ", \"%s\": ", keys[i]);
		core_buf_json_str(&b, vals[i]);
	}
	core_buf_puts(&b, ", \"published\": ");
	cli_json_date(&b, a->published);
	core_buf_puts(&b, ", \"updated\": ");
	cli_json_date(&b, a->updated);
	core_buf_puts(&b, ", \"categories\": [");
	for (const char *c = a->categories; c != NULL && *c != '\0';) {
		size_t n = strcspn(c, "\n");
		char *one = xstrndup(c, n);
		core_buf_puts(&b, c == a->categories ? "" : ", ");
		core_buf_json_str(&b, one);
		free(one);
		c += n + (c[n] == '\n');
	}
	core_buf_puts(&b, "], \"summary\": ");
	core_buf_json_str(&b, a->summary);
	core_buf_printf(&b, ", \"read\": %s, \"starred\": %s, \"page\": \"%s\", \"page_error\": ",
			a->read ? "true" : "false", a->starred ? "true" : "false",
			pages[a->page_state <= STORE_PAGE_UNWANTED ? a->page_state : 3]);
	core_buf_json_str(&b, a->page_error);
	core_buf_puts(&b, ", \"html\": ");
	core_buf_json_str(&b, a->content);
	core_buf_puts(&b, ", \"text\": ");
	core_buf_json_str(&b, text);
	core_buf_puts(&b, ", \"related\": [");
	for (size_t i = 0; i < nlinks; i++) {
		core_buf_puts(&b, i > 0 ? ", {\"title\": " : "{\"title\": ");
		core_buf_json_str(&b, links[i].title);
		core_buf_puts(&b, ", \"url\": ");
		core_buf_json_str(&b, links[i].url);
		core_buf_puts(&b, "}");
	}
	core_buf_puts(&b, "]}}\n");
	fputs(core_buf_str(&b), stdout);
	core_buf_free(&b);
}

static int cli_show_opt(int id, const char *arg, void *state)
{
	struct cli_show *s = state;
	long long v;
	switch (id) {
	case CLI_OPT_SHOW_WIDTH:
		if (!cli_number(CLI_CMD_SHOW, "width", arg, 1, 10000, &v, &s->status))
			return s->status;
		s->width = (int)v;
		return -1;
	case CLI_OPT_SHOW_LANG:
		return cli_lang(CLI_CMD_SHOW, arg, &s->lang);
	case CLI_OPT_SHOW_JSON:
		s->json = true;
		return -1;
	default:
		return cli_one_operand(CLI_CMD_SHOW, &s->id, arg, "article number");
	}
}

int cli_show_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_show s = {.lang = cli_lang_default()};
	int status = cli_options(CLI_CMD_SHOW, argc, argv, CLI_OPT_SHOW_HELP, cli_show_opt, &s);
	if (status >= 0)
		return status;
	if (s.id == NULL)
		return cli_usage_error(CLI_CMD_SHOW, "no article number given (see 'bantin list')");
	long long id;
	if (!cli_number(CLI_CMD_SHOW, NULL, s.id, 1, INT64_MAX, &id, &status))
		return status;
	struct store *st = cli_store_open(ctx, CLI_READ);
	if (st == NULL)
		return CLI_EXIT_FAILED;
	struct store_article a;
	char err[CORE_ERRLEN];
	struct store_link *links = NULL;
	size_t nlinks = 0;
	if (!store_article_get(st, id, &a, err, sizeof err) ||
	    !store_links(st, id, &links, &nlinks, err, sizeof err)) {
		cli_fail(err);
		store_close(st);
		return CLI_EXIT_FAILED;
	}
	store_close(st);
	int width = s.width != 0 ? s.width : cli_width();
	if (s.width == 0 && ctx->settings != NULL && ctx->settings->text_width > 0 &&
	    width > ctx->settings->text_width) /* text-width: at most so wide */
		width = (int)ctx->settings->text_width;
	int64_t t = a.published != STORE_NO_TIME ? a.published
		    : a.updated != STORE_NO_TIME ? a.updated
						 : a.first_seen;
	struct text_doc *head =
	    text_doc_header(a.title, a.feed_title, t, s.lang == HTML_LANG_EN, a.author, a.link);
	char *text = text_doc_plain(head, width, false);
	if (!s.json)
		fputs(text, stdout);
	free(text);
	text_doc_free(head);
	struct text_doc *body = html_article_doc(a.content, a.summary, a.link, s.lang);
	if (body == NULL)
		body = text_doc_new();
	if (a.page_error != NULL)
		html_doc_page_failed(body, a.page_error, s.lang);
	/* the page's own list of other articles, as the page shows it */
	const char **titles = xcalloc(nlinks + 1, sizeof *titles);
	const char **urls = xcalloc(nlinks + 1, sizeof *urls);
	for (size_t i = 0; i < nlinks; i++) {
		titles[i] = links[i].title;
		urls[i] = links[i].url;
	}
	if (!s.json) /* JSON has them as fields */
		html_doc_related(body, titles, urls, nlinks, s.lang);
	free(titles);
	free(urls);
	if (s.json) {
		text = text_doc_plain(body, width, false);
		cli_show_json(&a, text, links, nlinks);
		free(text);
	}
	store_links_free(links, nlinks);
	if (body->nblocks > 0 && !s.json) {
		putchar('\n');
		text = text_doc_plain(body, width, false);
		fputs(text, stdout);
		free(text);
	}
	text_doc_free(body);
	store_article_free(&a);
	return cli_flush();
}

/* ---- mark-read ---- */

struct cli_mark {
	const char *feed, *tag;
	bool all, unread;
	const char **ids;
	size_t nids;
};

static int cli_mark_opt(int id, const char *arg, void *state)
{
	struct cli_mark *m = state;
	switch (id) {
	case CLI_OPT_MARK_READ_FEED:
		m->feed = arg;
		return -1;
	case CLI_OPT_MARK_READ_TAG:
		m->tag = arg;
		return -1;
	case CLI_OPT_MARK_READ_ALL:
		m->all = true;
		return -1;
	case CLI_OPT_MARK_READ_UNREAD:
		m->unread = true;
		return -1;
	default:
		m->ids = xreallocarray(m->ids, m->nids + 1, sizeof *m->ids);
		m->ids[m->nids++] = arg;
		return -1;
	}
}

int cli_mark_read_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_mark m = {0};
	int status =
	    cli_options(CLI_CMD_MARK_READ, argc, argv, CLI_OPT_MARK_READ_HELP, cli_mark_opt, &m);
	if (status >= 0)
		goto out;
	int ways = (m.nids > 0) + (m.feed != NULL) + (m.tag != NULL) + m.all;
	if (ways != 1) {
		status =
		    cli_usage_error(CLI_CMD_MARK_READ,
				    ways == 0 ? "give article numbers, --feed F, --tag T or --all"
					      : "give article numbers, --feed F, --tag T or --all,"
						" only one of them");
		goto out;
	}
	if (m.unread && m.nids == 0) {
		status = cli_usage_error(CLI_CMD_MARK_READ, "--unread works with article numbers");
		goto out;
	}
	long long *nums = xcalloc(m.nids + 1, sizeof *nums);
	for (size_t i = 0; i < m.nids; i++) {
		if (!cli_number(CLI_CMD_MARK_READ, NULL, m.ids[i], 1, INT64_MAX, &nums[i],
				&status)) {
			free(nums);
			goto out;
		}
	}
	struct store *st = cli_store_open(ctx, CLI_WRITE);
	status = CLI_EXIT_FAILED;
	if (st == NULL) {
		free(nums);
		goto out;
	}
	char err[CORE_ERRLEN];
	status = CLI_EXIT_OK;
	if (m.nids > 0) {
		for (size_t i = 0; i < m.nids; i++) {
			if (!store_mark_read(st, nums[i], !m.unread, err, sizeof err)) {
				cli_fail(err);
				status = CLI_EXIT_FAILED;
			}
		}
	} else {
		int64_t feed_id = 0, n = 0, *tagged = NULL;
		size_t ntagged = 0;
		struct refresh_feeds feeds;
		if (m.feed != NULL || m.tag != NULL) {
			if (!cli_feeds_sync(ctx, st, &feeds)) {
				status = CLI_EXIT_FAILED;
			} else {
				if (m.feed != NULL &&
				    !cli_feed_find(st, &feeds.file, m.feed, &feed_id))
					status = CLI_EXIT_FAILED;
				if (m.tag != NULL &&
				    !cli_tag_feeds(&feeds, m.tag, &tagged, &ntagged))
					status = CLI_EXIT_FAILED;
				refresh_feeds_free(&feeds);
			}
		}
		/* a tag: each of its feeds in turn */
		for (size_t i = 0; status == CLI_EXIT_OK && i < (m.tag != NULL ? ntagged : 1);
		     i++) {
			int64_t done = 0;
			if (store_mark_all_read(st, m.tag != NULL ? tagged[i] : feed_id, &done, err,
						sizeof err)) {
				n += done;
			} else {
				cli_fail(err);
				status = CLI_EXIT_FAILED;
			}
		}
		if (status == CLI_EXIT_OK)
			printf("%lld marked read\n", (long long)n);
		free(tagged);
	}
	free(nums);
	store_close(st);
	if (status == CLI_EXIT_OK)
		status = cli_flush();
out:
	free(m.ids);
	return status;
}
