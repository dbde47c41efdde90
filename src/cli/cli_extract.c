/*
 * bantin extract FILE|- [--url URL] [--site NAME] [--json] [--width N] [--lang vi|en]
 *
 * One web page in, its article out: laid out as show lays out an article
 * (the header, the body, the page's related links), or with --json one
 * line {"article": {...}}.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "extract.h"
#include "html.h"
#include "text.h"

#define CLI_EXTRACT_MAX ((size_t)16 << 20)

struct cli_extract {
	const char *path, *url, *site;
	bool json;
	int width;
	enum html_lang lang;
	int status;
};

static int cli_extract_opt(int id, const char *arg, void *state)
{
	struct cli_extract *x = state;
	long long v;
	switch (id) {
	case CLI_OPT_EXTRACT_URL:
		x->url = arg;
		return -1;
	case CLI_OPT_EXTRACT_SITE:
		x->site = arg;
		return -1;
	case CLI_OPT_EXTRACT_JSON:
		x->json = true;
		return -1;
	case CLI_OPT_EXTRACT_WIDTH:
		if (!cli_number(CLI_CMD_EXTRACT, "width", arg, 1, 10000, &v, &x->status))
			return x->status;
		x->width = (int)v;
		return -1;
	case CLI_OPT_EXTRACT_LANG:
		return cli_lang(CLI_CMD_EXTRACT, arg, &x->lang);
	default:
		return cli_one_operand(CLI_CMD_EXTRACT, &x->path, arg, "file");
	}
}

static void cli_extract_json(const struct extract_article *a)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, "{\"article\": {\"title\": ");
	core_buf_json_str(&b, a->title);
	core_buf_puts(&b, ", \"author\": ");
	core_buf_json_str(&b, a->author);
	core_buf_puts(&b, ", \"published\": ");
	cli_json_date(&b, a->published);
	core_buf_puts(&b, ", \"text\": ");
	core_buf_json_str(&b, a->text);
	core_buf_puts(&b, ", \"html\": ");
	core_buf_json_str(&b, a->html);
	core_buf_puts(&b, ", \"images\": [");
	for (size_t i = 0; i < a->nimages; i++) {
		core_buf_puts(&b, i > 0 ? ", {\"url\": " : "{\"url\": ");
		core_buf_json_str(&b, a->images[i].url);
		core_buf_puts(&b, ", \"caption\": ");
		core_buf_json_str(&b, a->images[i].caption);
		core_buf_putc(&b, '}');
	}
	core_buf_puts(&b, "], \"related\": [");
	for (size_t i = 0; i < a->nrelated; i++) {
		core_buf_puts(&b, i > 0 ? ", {\"title\": " : "{\"title\": ");
		core_buf_json_str(&b, a->related[i].title);
		core_buf_puts(&b, ", \"url\": ");
		core_buf_json_str(&b, a->related[i].url);
		core_buf_putc(&b, '}');
	}
	core_buf_puts(&b, "], \"profile\": ");
	core_buf_json_str(&b, a->profile);
	core_buf_puts(&b, "}}\n");
	fputs(core_buf_str(&b), stdout);
	core_buf_free(&b);
}

static void cli_extract_print(const struct extract_article *a, const char *url, int width,
			      enum html_lang lang)
{
	struct text_doc *head =
	    text_doc_header(a->title, NULL, a->published, lang == HTML_LANG_EN, a->author, url);
	char *text = text_doc_plain(head, width, false);
	fputs(text, stdout);
	free(text);
	text_doc_free(head);
	struct text_doc *body = html_to_doc(a->html, strlen(a->html), url, lang);
	const char **titles = xcalloc(a->nrelated + 1, sizeof *titles);
	const char **urls = xcalloc(a->nrelated + 1, sizeof *urls);
	for (size_t i = 0; i < a->nrelated; i++) {
		titles[i] = a->related[i].title;
		urls[i] = a->related[i].url;
	}
	html_doc_related(body, titles, urls, a->nrelated, lang);
	free(titles);
	free(urls);
	putchar('\n');
	text = text_doc_plain(body, width, false);
	fputs(text, stdout);
	free(text);
	text_doc_free(body);
}

int cli_extract_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	struct cli_extract x = {.lang = cli_lang_default()};
	int status =
	    cli_options(CLI_CMD_EXTRACT, argc, argv, CLI_OPT_EXTRACT_HELP, cli_extract_opt, &x);
	if (status >= 0)
		return status;
	if (x.path == NULL)
		return cli_usage_error(CLI_CMD_EXTRACT, "no file given (use - for standard input)");
	const char *shown = strcmp(x.path, "-") == 0 ? "stdin" : x.path;
	char err[CORE_ERRLEN];
	struct extract_profiles *profiles = extract_profiles_load(err, sizeof err);
	if (profiles == NULL) {
		cli_fail(err);
		return CLI_EXIT_FAILED;
	}
	if (x.site != NULL && !extract_profiles_has(profiles, x.site, NULL)) {
		extract_profiles_free(profiles);
		char what[256];
		snprintf(what, sizeof what, "no site profile named '%s'", x.site);
		return cli_usage_error(CLI_CMD_EXTRACT, what);
	}
	struct core_buf page;
	status = cli_read_file(x.path, CLI_EXTRACT_MAX, &page, shown);
	if (status != CLI_EXIT_OK) {
		core_buf_free(&page);
		extract_profiles_free(profiles);
		return status;
	}
	struct extract_article a;
	bool ok = extract_page(profiles, x.site, core_buf_str(&page), page.len, x.url, NULL, &a,
			       err, sizeof err);
	core_buf_free(&page);
	extract_profiles_free(profiles);
	if (!ok) {
		cli_error(shown, err);
		return CLI_EXIT_DATAERR;
	}
	if (x.json)
		cli_extract_json(&a);
	else
		cli_extract_print(&a, x.url, x.width != 0 ? x.width : cli_width(), x.lang);
	extract_article_free(&a);
	return cli_flush();
}
