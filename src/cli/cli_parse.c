/*
 * bantin parse FILE|- [--url URL] [--content-type TYPE] [--max-size BYTES]
 *
 * Parses one feed document without touching the cache and prints JSON
 * lines: the feed first, then one entry per item in document order. Items
 * stream into a temporary file while the document is read (a feed's own
 * fields may come after its items), so memory stays flat.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "feed.h"
#include "text.h"

/* One "entry" line into the temporary file. */
static void cli_parse_item(struct feed_item *it, void *arg)
{
	FILE *tmp = arg;
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, "{\"entry\": {\"id\": ");
	core_buf_json_str(&b, it->id);
	core_buf_puts(&b, ", \"title\": ");
	core_buf_json_str(&b, it->title);
	core_buf_puts(&b, ", \"link\": ");
	core_buf_json_str(&b, it->link);
	core_buf_puts(&b, ", \"author\": ");
	core_buf_json_str(&b, it->author);
	core_buf_puts(&b, ", \"published\": ");
	cli_json_date(&b, it->published);
	core_buf_puts(&b, ", \"updated\": ");
	cli_json_date(&b, it->updated);
	core_buf_puts(&b, ", \"categories\": [");
	for (size_t i = 0; i < it->ncategories; i++) {
		if (i > 0)
			core_buf_puts(&b, ", ");
		core_buf_json_str(&b, it->categories[i]);
	}
	core_buf_puts(&b, "], \"summary\": ");
	core_buf_json_str(&b, it->summary);
	core_buf_puts(&b, ", \"content\": ");
	char *content = text_clean(it->content, strlen(it->content), TEXT_CLEAN_BLOCK);
	core_buf_json_str(&b, content);
	free(content);
	core_buf_puts(&b, ", \"enclosures\": [");
	for (size_t i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		core_buf_puts(&b, i > 0 ? ", {\"url\": " : "{\"url\": ");
		core_buf_json_str(&b, e->url);
		core_buf_puts(&b, ", \"type\": ");
		core_buf_json_str(&b, e->type);
		if (e->length >= 0)
			core_buf_printf(&b, ", \"length\": %lld}", (long long)e->length);
		else
			core_buf_puts(&b, ", \"length\": null}");
	}
	core_buf_puts(&b, "]}}\n");
	fwrite(b.data, 1, b.len, tmp);
	core_buf_free(&b);
}

static void cli_parse_print_feed(const struct feed_info *info)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, "{\"feed\": {\"title\": ");
	core_buf_json_str(&b, info->title);
	core_buf_puts(&b, ", \"link\": ");
	core_buf_json_str(&b, info->link);
	core_buf_puts(&b, ", \"description\": ");
	core_buf_json_str(&b, info->description);
	core_buf_puts(&b, ", \"language\": ");
	core_buf_json_str(&b, info->language);
	core_buf_puts(&b, ", \"format\": ");
	core_buf_json_str(&b, feed_format_name(info->format));
	core_buf_puts(&b, "}}\n");
	fwrite(b.data, 1, b.len, stdout);
	core_buf_free(&b);
}

struct cli_parse {
	struct feed_parse_opts popts;
	const char *path;
	int status;
};

static int cli_parse_opt(int id, const char *arg, void *state)
{
	struct cli_parse *p = state;
	switch (id) {
	case CLI_OPT_PARSE_URL:
		p->popts.url = arg;
		return -1;
	case CLI_OPT_PARSE_CONTENT_TYPE:
		p->popts.content_type = arg;
		return -1;
	case CLI_OPT_PARSE_MAX_SIZE:
		return cli_size(CLI_CMD_PARSE, "max-size", arg, &p->popts.max_size, &p->status)
			   ? -1
			   : p->status;
	default:
		return cli_one_operand(CLI_CMD_PARSE, &p->path, arg, "file");
	}
}

int cli_parse_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	struct cli_parse p = {.popts = {NULL, NULL, FEED_MAX_SIZE_DEFAULT}};
	int status = cli_options(CLI_CMD_PARSE, argc, argv, CLI_OPT_PARSE_HELP, cli_parse_opt, &p);
	if (status >= 0)
		return status;
	const char *path = p.path;
	if (path == NULL)
		return cli_usage_error(CLI_CMD_PARSE, "no file given (use - for standard input)");
	char err[CORE_ERRLEN];

	const char *shown = strcmp(path, "-") == 0 ? "stdin" : path;
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		core_err_set(err, sizeof err, "cannot open: %s", strerror(errno));
		cli_error(shown, err);
		return CLI_EXIT_NOINPUT;
	}
	FILE *tmp = tmpfile();
	if (tmp == NULL) {
		core_err_set(err, sizeof err, "cannot create a temporary file: %s",
			     strerror(errno));
		cli_error(shown, err);
		if (fd != STDIN_FILENO)
			close(fd);
		return CLI_EXIT_FAILED;
	}
	struct feed_info info;
	enum feed_status fs =
	    feed_parse_fd(fd, &p.popts, &info, cli_parse_item, tmp, err, sizeof err);
	if (fd != STDIN_FILENO)
		close(fd);
	if (fs == FEED_ERROR || fs == FEED_IO_ERROR) {
		cli_error(shown, err);
		fclose(tmp);
		return fs == FEED_IO_ERROR ? CLI_EXIT_NOINPUT : CLI_EXIT_DATAERR;
	}
	if (fs == FEED_PARTIAL)
		cli_error(shown, err);
	cli_parse_print_feed(&info);
	feed_info_free(&info);
	rewind(tmp);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, tmp)) > 0)
		fwrite(chunk, 1, n, stdout);
	fclose(tmp);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("stdout", "cannot write");
		return CLI_EXIT_FAILED;
	}
	return CLI_EXIT_OK;
}
