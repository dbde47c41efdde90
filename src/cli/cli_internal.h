/* Shared by the files of the cli module. */
#ifndef BANTIN_CLI_INTERNAL_H
#define BANTIN_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "core.h"
#include "html.h"

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
/*
 * Reads a command's options and operands (CORE_OPT_OPERAND), calling fn
 * for each but help_id, which prints the --help. The exit status to end
 * with, or -1 to go on. fn returns the same.
 */
typedef int (*cli_opt_fn)(int id, const char *arg, void *state);
int cli_options(enum cli_command_id cmd, int argc, char **argv, int help_id, cli_opt_fn fn,
		void *state);
/* The width to lay out at when none is given: the terminal's, or 80. */
int cli_width(void);
/* Prints the command's --help. */
void cli_help(enum cli_command_id cmd, FILE *fp);
/* "bantin CMD: what (see 'bantin CMD --help')" on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(enum cli_command_id cmd, const char *what);
/*
 * For an option callback: arg as the command's one operand, into *slot;
 * -1, or when it has one already "give one WHAT only" and CLI_EXIT_USAGE.
 */
int cli_one_operand(enum cli_command_id cmd, const char **slot, const char *arg, const char *what);
/* For a command that takes no operands: the usage error "unexpected argument 'ARG'". */
int cli_no_operand(enum cli_command_id cmd, const char *arg);
/* "bantin: subject: what" on stderr, subject quoted for the terminal. */
void cli_error(const char *subject, const char *what);

/* A date as JSON: "YYYY-MM-DDTHH:MM:SSZ", or null when there is none. */
void cli_json_date(struct core_buf *b, int64_t t);
/* Reads a whole file (or standard input for "-") of at most max bytes; an exit status. */
int cli_read_file(const char *path, size_t max, struct core_buf *b, const char *shown);

/*
 * --lang vi|en into *lang; -1 (go on) or, for another value, the usage
 * error's status after saying it. The default is the locale's.
 */
int cli_lang(enum cli_command_id cmd, const char *arg, enum html_lang *lang);
enum html_lang cli_lang_default(void);

/* ---- cli_cache.c: what the cache commands share ---- */

struct store;
struct config_feeds;

/* "bantin: what" on stderr (what already names its file or feed). */
void cli_fail(const char *what);
/*
 * Reads a number from min to max from arg (of option opt, or an operand
 * when opt is NULL); on a usage error false, *status set.
 */
bool cli_number(enum cli_command_id cmd, const char *opt, const char *arg, long long min,
		long long max, long long *out, int *status);
/* What a command does with the cache. */
enum cli_use {
	CLI_READ,   /* only reads: it must be there; read-only when it cannot be written */
	CLI_WRITE,  /* changes it: it must be there, and writable */
	CLI_CREATE, /* fills it (refresh): made when missing; it must be writable */
};
/* Opens the cache for use; NULL after saying why. */
struct store *cli_store_open(const struct cli_ctx *ctx, enum cli_use use);
/*
 * Reads the feeds file (creating the default one when it is the default
 * place) and makes sure each feed is in the cache (refresh_feeds_open);
 * false after saying why.
 */
struct refresh_feeds;
bool cli_feeds_sync(const struct cli_ctx *ctx, struct store *st, struct refresh_feeds *feeds);
/* Prints the feeds file's warnings (lines skipped): refresh and feeds do, once each. */
void cli_feeds_warn(const struct refresh_feeds *feeds);
/* The cache with the feeds file read into it (both above); NULL after saying why. */
struct store *cli_cache_open(const struct cli_ctx *ctx, enum cli_use use,
			     struct refresh_feeds *feeds);
void cli_cache_close(struct store *st, struct refresh_feeds *feeds);
/*
 * The cache's ids of the feeds with tag (compared without marks and case)
 * into *ids (owned); false after saying that no feed has it, and which tags
 * there are.
 */
bool cli_tag_feeds(const struct refresh_feeds *feeds, const char *tag, int64_t **ids, size_t *n);
/* The feed called key: its number, URL or name; false after saying there is none. */
bool cli_feed_find(struct store *st, const struct config_feeds *feeds, const char *key,
		   int64_t *id);
/* Reads a size such as 16M, 512K or 1000 (bytes) from arg of option opt; as cli_number. */
bool cli_size(enum cli_command_id cmd, const char *opt, const char *arg, size_t *out, int *status);
/*
 * Prints "    ID N* DATE  FEED  TITLE": N for unread, * for starred, the
 * date in Vietnam time, the feed in a 20-cell column. With bold, marks
 * (byte ranges of title) are shown in bold.
 */
struct store_mark;
struct store_row;
void cli_article_line(const struct store_row *v, const struct store_mark *marks, size_t nmarks,
		      bool bold);
/* Appends {"id": ..., "feed_id", "feed", "title", "link", "date", "read", "starred" (unclosed). */
void cli_article_json(struct core_buf *b, const struct store_row *v);
/* s cleaned to one printable line, owned ("" for NULL). */
char *cli_line(const char *s);
/* Prints s with the byte ranges marks in bold when bold is true. */
void cli_print_marked(const char *s, const struct store_mark *marks, size_t nmarks, bool bold);
/* Flushes stdout; an exit status (1 after saying it cannot be written). */
int cli_flush(void);

/* bantin feeds add|remove (cli_feeds.c; argv[1] is add or remove). */
int cli_feeds_edit_run(const struct cli_ctx *ctx, int argc, char **argv);

/* The commands' entry points, named in cli_commands.def. */
#define CLI_COMMAND(id, fn, name, operands, help)                                                  \
	int fn(const struct cli_ctx *ctx, int argc, char **argv);
#define CLI_OPTION(cmd, id, name, short_name, arg, help)
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION

#endif
