/* Shared by the files of the cli module. */
#ifndef BANTIN_CLI_INTERNAL_H
#define BANTIN_CLI_INTERNAL_H

#include <stdio.h>

#include "cli.h"
#include "core.h"

enum cli_command_id {
#define CLI_COMMAND(id, fn, name, operands, help) CLI_CMD_##id,
#define CLI_OPTION(cmd, id, name, short_name, arg, help)
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};

enum cli_option_id {
#define CLI_COMMAND(id, fn, name, operands, help)
#define CLI_OPTION(cmd, id, name, short_name, arg, help) CLI_OPT_##cmd##_##id,
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};

struct cli_opts {
	struct core_opt v[32];
	size_t n;
};

/* The options of command cmd, as a table for core_opt_next. */
void cli_opts_for(enum cli_command_id cmd, struct cli_opts *out);
/* Prints the command's --help. */
void cli_help(enum cli_command_id cmd, FILE *fp);
/* "bantin CMD: what (see 'bantin CMD --help')" on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(enum cli_command_id cmd, const char *what);
/* "bantin: subject: what" on stderr, subject quoted for the terminal. */
void cli_error(const char *subject, const char *what);

/* Reads a whole file (or standard input for "-") of at most max bytes; an exit status. */
int cli_read_file(const char *path, size_t max, struct core_buf *b, const char *shown);

/* The commands' entry points, named in cli_commands.def. */
#define CLI_COMMAND(id, fn, name, operands, help) int fn(int argc, char **argv);
#define CLI_OPTION(cmd, id, name, short_name, arg, help)
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION

#endif
