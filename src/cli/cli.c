/* The command table, shared option handling and usage messages. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli_internal.h"
#include "refresh.h"
#include "feed.h"

/* Each command's entry point, in the order of cli_commands.def. */
static int (*const cli_runs[])(const struct cli_ctx *, int, char **) = {
#define CLI_COMMAND(id, fn, name, operands, help) fn,
#define CLI_OPTION(cmd, id, name, short_name, arg, help)
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};

const struct cli_command cli_commands[] = {
#define CLI_COMMAND(id, fn, name, operands, help) {name, operands, help},
#define CLI_OPTION(cmd, id, name, short_name, arg, help)
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};
const size_t cli_ncommands = CORE_NELEM(cli_commands);

static const struct {
	enum cli_command_id cmd;
	struct core_opt opt;
} cli_all_options[] = {
#define CLI_COMMAND(id, fn, name, operands, help)
#define CLI_OPTION(cmd, id, name, short_name, arg, help)                                           \
	{CLI_CMD_##cmd, {CLI_OPT_##cmd##_##id, name, short_name, arg, help}},
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};

const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++) {
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	}
	return NULL;
}

bool cli_reads_settings(const struct cli_command *c)
{
	return c == &cli_commands[CLI_CMD_CONFIG];
}

int cli_run(const struct cli_command *c, const struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_runs[c - cli_commands](ctx, argc, argv);
}

void cli_opts_for(enum cli_command_id cmd, struct cli_opts *out)
{
	out->n = 0;
	for (size_t i = 0; i < CORE_NELEM(cli_all_options); i++) {
		if (cli_all_options[i].cmd == cmd && out->n < CORE_NELEM(out->v))
			out->v[out->n++] = cli_all_options[i].opt;
	}
}

void cli_help(enum cli_command_id cmd, FILE *fp)
{
	const struct cli_command *c = &cli_commands[cmd];
	struct cli_opts opts;
	cli_opts_for(cmd, &opts);
	fprintf(fp, "Usage: bantin %s [OPTION]... %s\n\n%c%s.\n\nOptions:\n", c->name, c->operands,
		c->help[0] - ('a' - 'A'), c->help + 1);
	core_opt_help(fp, opts.v, opts.n);
	if (cmd == CLI_CMD_REFRESH)
		fputs("\nThe settings file gives what these options do not (man 5 bantin.conf).\n",
		      fp);
	fputs("\nThe manual: man bantin\n", fp);
}

int cli_usage_error(enum cli_command_id cmd, const char *what)
{
	const char *name = cli_commands[cmd].name;
	if (strstr(what, "(see ") != NULL) /* one hint is enough */
		fprintf(stderr, "bantin %s: %s\n", name, what);
	else
		fprintf(stderr, "bantin %s: %s (see 'bantin %s --help')\n", name, what, name);
	return CLI_EXIT_USAGE;
}

int cli_lang(enum cli_command_id cmd, const char *arg, enum html_lang *lang)
{
	if (!core_lang_known(arg)) {
		char msg[CORE_ERRLEN];
		core_lang_option_error(msg, sizeof msg, arg);
		return cli_usage_error(cmd, msg);
	}
	*lang = strcmp(arg, "vi") == 0 ? HTML_LANG_VI : HTML_LANG_EN;
	return -1;
}

enum html_lang cli_lang_default(void)
{
	return core_lang_vietnamese(NULL) ? HTML_LANG_VI : HTML_LANG_EN;
}

int cli_no_operand(enum cli_command_id cmd, const char *arg)
{
	char *shown = core_str_printable(arg);
	char msg[CORE_ERRLEN];
	core_err_set(msg, sizeof msg, "unexpected argument '%s'", shown);
	free(shown);
	return cli_usage_error(cmd, msg);
}

int cli_one_operand(enum cli_command_id cmd, const char **slot, const char *arg, const char *what)
{
	if (*slot != NULL) {
		char msg[CORE_ERRLEN];
		core_err_set(msg, sizeof msg, "give one %s only", what);
		return cli_usage_error(cmd, msg);
	}
	*slot = arg;
	return -1;
}

/*
 * Whether word, after a query's first word, is one of the query's words
 * rather than an option: a word of one dash ("-putin", a word to leave out)
 * unless it is one of the command's short options, alone or with a number
 * ("-n", "-n5").
 */
static bool cli_query_word(const char *word, const struct cli_opts *opts)
{
	if (word[0] != '-' || word[1] == '-' || word[1] == '\0')
		return false;
	for (size_t i = 0; i < opts->n; i++) {
		if (opts->v[i].short_name == word[1] &&
		    (word[2] == '\0' || (opts->v[i].arg != NULL &&
					 strspn(word + 2, "0123456789") == strlen(word + 2))))
			return false;
	}
	return true;
}

int cli_options(enum cli_command_id cmd, int argc, char **argv, int help_id, cli_opt_fn fn,
		void *state)
{
	struct cli_opts opts;
	cli_opts_for(cmd, &opts);
	char err[CORE_ERRLEN];
	struct core_opt_state st;
	bool help = false;
	int id;
	core_opt_init(&st, argc, argv, 1, false);
	bool query = false; /* search: a word of the query was seen */
	for (;;) {
		if (query && st.cluster == NULL && st.index < argc &&
		    cli_query_word(argv[st.index], &opts)) {
			int status = fn(CORE_OPT_OPERAND, argv[st.index++], state);
			if (status >= 0)
				return status;
			continue;
		}
		if ((id = core_opt_next(&st, opts.v, opts.n, err, sizeof err)) == CORE_OPT_END)
			break;
		if (id == CORE_OPT_ERROR)
			return cli_usage_error(cmd, err);
		query = query || (cmd == CLI_CMD_SEARCH && id == CORE_OPT_OPERAND);
		if (id == help_id) {
			help = true;
			continue;
		}
		int status = fn(id, st.arg, state);
		if (status >= 0)
			return status;
	}
	if (help) {
		cli_help(cmd, stdout);
		return CLI_EXIT_OK;
	}
	return -1;
}

int cli_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

void cli_error(const char *subject, const char *what)
{
	char *shown = core_str_printable(subject);
	fprintf(stderr, "bantin: %s: %s\n", shown, what);
	free(shown);
}

int cli_read_file(const char *path, size_t max, struct core_buf *b, const char *shown)
{
	core_buf_init(b, max);
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	char what[CORE_ERRLEN];
	if (fd == -1) {
		core_err_set(what, sizeof what, "cannot open: %s", strerror(errno));
		cli_error(shown, what);
		return CLI_EXIT_NOINPUT;
	}
	char chunk[65536];
	int status = CLI_EXIT_OK;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			core_err_set(what, sizeof what, "cannot read: %s", strerror(errno));
			cli_error(shown, what);
			status = CLI_EXIT_NOINPUT;
			break;
		}
		if (!core_buf_append(b, chunk, (size_t)n)) {
			core_err_set(what, sizeof what, "too large (over %zu MiB)", max >> 20);
			cli_error(shown, what);
			status = CLI_EXIT_DATAERR;
			break;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return status;
}

void cli_init(void)
{
	refresh_global_init();
}

void cli_cleanup(void)
{
	refresh_global_cleanup();
}

void cli_json_date(struct core_buf *b, int64_t t)
{
	if (t == FEED_NO_DATE) {
		core_buf_puts(b, "null");
		return;
	}
	char date[FEED_DATE_LEN];
	feed_date_format(t, date);
	core_buf_json_str(b, date);
}
