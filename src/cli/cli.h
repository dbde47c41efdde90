/*
 * cli: the non-interactive commands. Each reads its own options and
 * operands, prints results on stdout and errors on stderr (one line each,
 * "bantin: NAME: what is wrong"), and returns the exit status:
 * 0 success, 1 some work failed, 2 usage error, 65 bad input data,
 * 66 an input file that cannot be read.
 */
#ifndef BANTIN_CLI_H
#define BANTIN_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAILED = 1,
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_DATAERR = 65,
	CLI_EXIT_NOINPUT = 66,
};

struct cli_command {
	const char *name;
	const char *operands; /* for the usage line */
	const char *help;     /* one line */
};

extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;

/* The command called name, or NULL. */
const struct cli_command *cli_find(const char *name);
/* What the program's own options say, for every command. */
struct config_settings;

struct cli_ctx {
	const char *db;                         /* --db FILE; NULL: the default place */
	const char *feeds;                      /* --feeds FILE; NULL: the default place */
	bool offline;                           /* --offline: never use the network */
	const struct config_settings *settings; /* the settings file's; NULL: none */
	const char *config;                     /* --config FILE; NULL: the default place */
	const char *theme;                      /* --theme NAME; NULL: the settings' */
};

/* Whether command c reads the settings file itself (config check: a wrong one is its answer). */
bool cli_reads_settings(const struct cli_command *c);

/* Runs command c with its arguments (argv[0] is its name); the exit status. */
int cli_run(const struct cli_command *c, const struct cli_ctx *ctx, int argc, char **argv);

/* Global set-up and tear-down of the libraries the commands use. */
void cli_init(void);
void cli_cleanup(void);

#endif
