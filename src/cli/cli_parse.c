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

bool cli_parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno != 0 || s[0] == '-')
		return false;
	unsigned shift = 0;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift != 0)
		end++;
	if (*end != '\0' || v == 0 || v > (SIZE_MAX >> shift))
		return false;
	*out = (size_t)v << shift;
	return true;
}

static void cli_json_date(struct core_buf *b, int64_t t)
{
	if (t == FEED_NO_DATE) {
		core_buf_puts(b, "null");
		return;
	}
	char date[FEED_DATE_LEN];
	feed_date_format(t, date);
	core_buf_json_str(b, date);
}

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

int cli_parse_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	struct cli_opts opts;
	cli_opts_for(CLI_CMD_PARSE, &opts);
	struct feed_parse_opts popts = {NULL, NULL, FEED_MAX_SIZE_DEFAULT};
	const char *path = NULL;
	char err[CORE_ERRLEN];
	bool help = false;
	struct core_opt_state st;
	int id;

	core_opt_init(&st, argc, argv, 1, false);
	while ((id = core_opt_next(&st, opts.v, opts.n, err, sizeof err)) != CORE_OPT_END) {
		switch (id) {
		case CLI_OPT_PARSE_URL:
			popts.url = st.arg;
			break;
		case CLI_OPT_PARSE_CONTENT_TYPE:
			popts.content_type = st.arg;
			break;
		case CLI_OPT_PARSE_MAX_SIZE:
			if (!cli_parse_size(st.arg, &popts.max_size)) {
				char *shown = core_str_printable(st.arg);
				core_err_set(
				    err, sizeof err,
				    "option '--max-size' needs a size such as 16M, not '%s'",
				    shown);
				free(shown);
				return cli_usage_error(CLI_CMD_PARSE, err);
			}
			break;
		case CLI_OPT_PARSE_HELP:
			help = true;
			break;
		case CORE_OPT_OPERAND:
			if (path != NULL)
				return cli_usage_error(CLI_CMD_PARSE, "give one file only");
			path = st.arg;
			break;
		default:
			return cli_usage_error(CLI_CMD_PARSE, err);
		}
	}
	if (help) {
		cli_help(CLI_CMD_PARSE, stdout);
		return CLI_EXIT_OK;
	}
	if (path == NULL)
		return cli_usage_error(CLI_CMD_PARSE, "no file given (use - for standard input)");

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
	    feed_parse_fd(fd, &popts, &info, cli_parse_item, tmp, err, sizeof err);
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
