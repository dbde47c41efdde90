/*
 * bantin render FILE|- [--width N] [--url URL] [--lang vi|en]
 *
 * Lays out an HTML article (a file, or standard input) as the reader shows
 * it and prints it as plain text: the body at the width, then the numbered
 * link list. For tests and scripting.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "html.h"
#include "text.h"

#define CLI_RENDER_MAX ((size_t)16 << 20)

struct cli_render {
	const char *path, *url;
	int width;
	enum html_lang lang;
	int status;
};

static int cli_render_opt(int id, const char *arg, void *state)
{
	struct cli_render *r = state;
	long long v;
	switch (id) {
	case CLI_OPT_RENDER_WIDTH:
		if (!cli_number(CLI_CMD_RENDER, "width", arg, 1, 10000, &v, &r->status))
			return r->status;
		r->width = (int)v;
		return -1;
	case CLI_OPT_RENDER_URL:
		r->url = arg;
		return -1;
	case CLI_OPT_RENDER_LANG:
		return cli_lang(CLI_CMD_RENDER, arg, &r->lang);
	default:
		return cli_one_operand(CLI_CMD_RENDER, &r->path, arg, "file");
	}
}

int cli_render_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	struct cli_render r = {.lang = cli_lang_default()};
	int status =
	    cli_options(CLI_CMD_RENDER, argc, argv, CLI_OPT_RENDER_HELP, cli_render_opt, &r);
	if (status >= 0)
		return status;
	const char *path = r.path, *url = r.url;
	if (path == NULL)
		return cli_usage_error(CLI_CMD_RENDER, "no file given (use - for standard input)");
	int width = r.width != 0 ? r.width : cli_width();

	const char *shown = strcmp(path, "-") == 0 ? "stdin" : path;
	struct core_buf body;
	status = cli_read_file(path, CLI_RENDER_MAX, &body, shown);
	if (status != CLI_EXIT_OK) {
		core_buf_free(&body);
		return status;
	}
	struct text_doc *doc = html_to_doc(core_buf_str(&body), body.len, url, r.lang);
	core_buf_free(&body);
	char *text = text_doc_plain(doc, width, false);
	text_doc_free(doc);
	fputs(text, stdout);
	free(text);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("stdout", "cannot write");
		return CLI_EXIT_FAILED;
	}
	return CLI_EXIT_OK;
}
