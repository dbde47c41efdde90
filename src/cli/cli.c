/* The command table, shared option handling and usage messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "feed.h"

/* Each command's entry point, in the order of cli_commands.def. */
static int (*const cli_runs[])(int, char **) = {
    [CLI_CMD_PARSE] = cli_parse_run,
};

const struct cli_command cli_commands[] = {
#define CLI_COMMAND(id, name, operands, help) {name, operands, help},
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
#define CLI_COMMAND(id, name, operands, help)
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

int cli_run(const struct cli_command *c, int argc, char **argv)
{
	return cli_runs[c - cli_commands](argc, argv);
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
	fputs("\nThe manual: man bantin\n", fp);
}

int cli_usage_error(enum cli_command_id cmd, const char *what)
{
	const char *name = cli_commands[cmd].name;
	fprintf(stderr, "bantin %s: %s (see 'bantin %s --help')\n", name, what, name);
	return CLI_EXIT_USAGE;
}

void cli_error(const char *subject, const char *what)
{
	char *shown = core_str_printable(subject);
	fprintf(stderr, "bantin: %s: %s\n", shown, what);
	free(shown);
}

void cli_init(void)
{
	feed_global_init();
}

void cli_cleanup(void)
{
	feed_global_cleanup();
}
