/*
 * bantin render FILE|- [--width N] [--url URL]
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

int cli_render_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	struct cli_opts opts;
	cli_opts_for(CLI_CMD_RENDER, &opts);
	const char *path = NULL, *url = NULL;
	int width = 0;
	bool help = false;
	char err[CORE_ERRLEN];
	struct core_opt_state st;
	int id;

	core_opt_init(&st, argc, argv, 1, false);
	while ((id = core_opt_next(&st, opts.v, opts.n, err, sizeof err)) != CORE_OPT_END) {
		switch (id) {
		case CLI_OPT_RENDER_WIDTH: {
			char *end;
			long v = strtol(st.arg, &end, 10);
			if (end == st.arg || *end != '\0' || v < 1 || v > 10000) {
				char *shown = core_str_printable(st.arg);
				core_err_set(
				    err, sizeof err,
				    "option '--width' needs a number from 1 to 10000, not '%s'",
				    shown);
				free(shown);
				return cli_usage_error(CLI_CMD_RENDER, err);
			}
			width = (int)v;
			break;
		}
		case CLI_OPT_RENDER_URL:
			url = st.arg;
			break;
		case CLI_OPT_RENDER_HELP:
			help = true;
			break;
		case CORE_OPT_OPERAND:
			if (path != NULL)
				return cli_usage_error(CLI_CMD_RENDER, "give one file only");
			path = st.arg;
			break;
		default:
			return cli_usage_error(CLI_CMD_RENDER, err);
		}
	}
	if (help) {
		cli_help(CLI_CMD_RENDER, stdout);
		return CLI_EXIT_OK;
	}
	if (path == NULL)
		return cli_usage_error(CLI_CMD_RENDER, "no file given (use - for standard input)");
	if (width == 0)
		width = cli_width();

	const char *shown = strcmp(path, "-") == 0 ? "stdin" : path;
	struct core_buf body;
	int status = cli_read_file(path, CLI_RENDER_MAX, &body, shown);
	if (status != CLI_EXIT_OK) {
		core_buf_free(&body);
		return status;
	}
	struct text_doc *doc = html_to_doc(core_buf_str(&body), body.len, url);
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
