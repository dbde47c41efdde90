/*
 * Command-line options declared as tables of struct core_opt. One parser
 * for the program and every subcommand, so all of them accept the same
 * forms: "--name", "--name=ARG", "--name ARG", "-n", "-nARG", "-n ARG",
 * clusters of short flags ("-ab"), "--" to end options and "-" as an
 * operand. Long names are matched exactly, never abbreviated.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

void core_opt_init(struct core_opt_state *st, int argc, char **argv, int first,
		   bool stop_at_operand)
{
	memset(st, 0, sizeof *st);
	st->argc = argc;
	st->argv = argv;
	st->index = first;
	st->stop_at_operand = stop_at_operand;
}

static const struct core_opt *core_opt_find_long(const struct core_opt *opts, size_t n,
						 const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++) {
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
			return &opts[i];
	}
	return NULL;
}

static const struct core_opt *core_opt_find_short(const struct core_opt *opts, size_t n, char c)
{
	for (size_t i = 0; i < n; i++) {
		if (opts[i].short_name != '\0' && opts[i].short_name == c)
			return &opts[i];
	}
	return NULL;
}

/* "--name[=arg]" at argv[index]. */
static int core_opt_long(struct core_opt_state *st, const struct core_opt *opts, size_t n,
			 char *err, size_t errlen)
{
	const char *word = st->argv[st->index++] + 2;
	const char *eq = strchr(word, '=');
	size_t len = eq != NULL ? (size_t)(eq - word) : strlen(word);
	const struct core_opt *o = core_opt_find_long(opts, n, word, len);
	if (o == NULL) {
		char *name = xstrndup(word, len);
		char *shown = core_str_printable(name);
		core_err_set(err, errlen, "unknown option '--%s'", shown);
		free(shown);
		free(name);
		return CORE_OPT_ERROR;
	}
	if (o->arg == NULL) {
		if (eq != NULL) {
			core_err_set(err, errlen, "option '--%s' takes no argument", o->name);
			return CORE_OPT_ERROR;
		}
		return o->id;
	}
	if (eq != NULL) {
		st->arg = eq + 1;
	} else if (st->index < st->argc) {
		st->arg = st->argv[st->index++];
	} else {
		core_err_set(err, errlen, "option '--%s' needs an argument (%s)", o->name, o->arg);
		return CORE_OPT_ERROR;
	}
	return o->id;
}

/* The next letter of a "-abc" cluster. */
static int core_opt_short(struct core_opt_state *st, const struct core_opt *opts, size_t n,
			  char *err, size_t errlen)
{
	char c = *st->cluster++;
	const struct core_opt *o = core_opt_find_short(opts, n, c);
	if (o == NULL) {
		/* A non-ASCII letter is several bytes: name the rest of the word. */
		char *shown = (unsigned char)c >= 0x80 ? core_str_printable(st->cluster - 1)
						       : core_str_printable((char[]){c, '\0'});
		core_err_set(err, errlen, "unknown option '-%s'", shown);
		free(shown);
		st->cluster = NULL;
		return CORE_OPT_ERROR;
	}
	if (o->arg == NULL) {
		if (*st->cluster == '\0')
			st->cluster = NULL;
		return o->id;
	}
	if (*st->cluster != '\0') {
		st->arg = st->cluster;
	} else if (st->index < st->argc) {
		st->arg = st->argv[st->index++];
	} else {
		st->cluster = NULL;
		core_err_set(err, errlen, "option '-%c' needs an argument (%s)", c, o->arg);
		return CORE_OPT_ERROR;
	}
	st->cluster = NULL;
	return o->id;
}

int core_opt_next(struct core_opt_state *st, const struct core_opt *opts, size_t n, char *err,
		  size_t errlen)
{
	st->arg = NULL;
	if (st->cluster != NULL)
		return core_opt_short(st, opts, n, err, errlen);
	if (st->index >= st->argc)
		return CORE_OPT_END;
	const char *word = st->argv[st->index];
	if (st->only_operands || word[0] != '-' || word[1] == '\0') {
		if (st->stop_at_operand)
			return CORE_OPT_END;
		st->arg = word;
		st->index++;
		return CORE_OPT_OPERAND;
	}
	if (strcmp(word, "--") == 0) {
		st->index++;
		st->only_operands = true;
		return core_opt_next(st, opts, n, err, errlen);
	}
	if (word[1] == '-')
		return core_opt_long(st, opts, n, err, errlen);
	st->cluster = word + 1;
	st->index++;
	return core_opt_short(st, opts, n, err, errlen);
}

void core_opt_help(FILE *fp, const struct core_opt *opts, size_t n)
{
	/* Left column: "  -x, --name ARG"; help text starts after the widest. */
	size_t widest = 0;
	for (size_t i = 0; i < n; i++) {
		size_t w = 6 + 2 + strlen(opts[i].name);
		if (opts[i].arg != NULL)
			w += 1 + strlen(opts[i].arg);
		if (w > widest)
			widest = w;
	}
	for (size_t i = 0; i < n; i++) {
		const struct core_opt *o = &opts[i];
		int used;
		if (o->short_name != '\0')
			used = fprintf(fp, "  -%c, --%s", o->short_name, o->name);
		else
			used = fprintf(fp, "      --%s", o->name);
		if (o->arg != NULL)
			used += fprintf(fp, " %s", o->arg);
		fprintf(fp, "%*s%s\n", (int)(widest - (size_t)used + 2), "", o->help);
	}
}
