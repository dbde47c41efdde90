/*
 * gen_man: prints the man page's generated lists from the tables the
 * program itself uses, so man/bantin.1 cannot drift from --help.
 * scripts/man-lists.py splices the output into the page, or checks it.
 *
 * Usage: gen_man options|commands|keys|settings
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

struct gen_man_option {
	const char *name;
	char short_name;
	const char *arg;
	const char *help;
};

static const struct gen_man_option gen_man_options[] = {
#define MAIN_OPTION(id, name, short_name, arg, help) {name, short_name, arg, help},
#include "main_options.def"
#undef MAIN_OPTION
};

enum gen_man_command_id {
#define CLI_COMMAND(id, fn, name, operands, help) GEN_MAN_CMD_##id,
#define CLI_OPTION(cmd, id, name, short_name, arg, help)
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};

static const struct {
	const char *name, *operands, *help;
} gen_man_commands[] = {
#define CLI_COMMAND(id, fn, name, operands, help) {name, operands, help},
#define CLI_OPTION(cmd, id, name, short_name, arg, help)
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};

static const struct {
	int cmd;
	struct gen_man_option opt;
} gen_man_command_options[] = {
#define CLI_COMMAND(id, fn, name, operands, help)
#define CLI_OPTION(cmd, id, name, short_name, arg, help)                                           \
	{GEN_MAN_CMD_##cmd, {name, short_name, arg, help}},
#include "cli_commands.def"
#undef CLI_COMMAND
#undef CLI_OPTION
};

/* Writes s as man text: first letter capitalised, a full stop at the end. */
static void gen_man_sentence(const char *s)
{
	if (s[0] == '.' || s[0] == '\'')
		fputs("\\&", stdout);
	putchar(toupper((unsigned char)s[0]));
	for (const char *p = s + 1; *p != '\0'; p++) {
		if (*p == '\\')
			fputs("\\e", stdout);
		else
			putchar(*p);
	}
	puts(".");
}

static void gen_man_option(const struct gen_man_option *o)
{
	fputs(".It", stdout);
	if (o->short_name != '\0')
		printf(" Fl %c ,", o->short_name);
	printf(" Fl \\-%s", o->name);
	if (o->arg != NULL)
		printf(" Ar %s", o->arg);
	putchar('\n');
	gen_man_sentence(o->help);
}

static void gen_man_option_list(void)
{
	for (size_t i = 0; i < sizeof gen_man_options / sizeof gen_man_options[0]; i++)
		gen_man_option(&gen_man_options[i]);
}

/* Each command with its operands, its sentence and its own options. */
static void gen_man_command_list(void)
{
	for (size_t c = 0; c < sizeof gen_man_commands / sizeof gen_man_commands[0]; c++) {
		/* an empty Ar would read "file ..." */
		const char *ops = gen_man_commands[c].operands;
		if (ops[0] != '\0')
			printf(".It Cm %s Oo Ar options Oc Ar %s\n", gen_man_commands[c].name, ops);
		else
			printf(".It Cm %s Op Ar options\n", gen_man_commands[c].name);
		gen_man_sentence(gen_man_commands[c].help);
		puts(".Bl -tag -width Ds");
		for (size_t i = 0;
		     i < sizeof gen_man_command_options / sizeof gen_man_command_options[0]; i++) {
			if (gen_man_command_options[i].cmd == (int)c)
				gen_man_option(&gen_man_command_options[i].opt);
		}
		puts(".El");
	}
}

/* The reader's actions: their keys and what they do. */
static const struct {
	const char *name;
	unsigned views;
	const char *keys, *help;
} gen_man_actions[] = {
#define CONFIG_ACTION(id, name, views, keys, help, help_vi) {name, views, keys, help},
#include "config_actions.def"
#undef CONFIG_ACTION
};

/* Action i's keys as mdoc's Ic macros, separated by commas. */
static void gen_man_keys(size_t i)
{
	const char *p = gen_man_actions[i].keys;
	bool first = true;
	while (*p != '\0') {
		size_t len = strcspn(p, " ");
		/* A lone punctuation key would be read as mdoc's delimiter. */
		bool punct = len == 1 && !isalnum((unsigned char)p[0]);
		printf("%s Ic %s%.*s", first ? "" : " ,", punct ? "\\&" : "", (int)len, p);
		first = false;
		p += len;
		p += strspn(p, " ");
	}
}

static void gen_man_key_list(void)
{
	for (size_t i = 0; i < sizeof gen_man_actions / sizeof gen_man_actions[0]; i++) {
		fputs(".It", stdout);
		gen_man_keys(i);
		printf(" Pq %s\n", gen_man_actions[i].name);
		gen_man_sentence(gen_man_actions[i].help);
	}
}

/* The views' names in bind lines, as config_keys.c reads them. */
static const struct {
	unsigned flag;
	const char *name;
} gen_man_views[] = {
    {CONFIG_VIEW_FEEDS, "feeds"},   {CONFIG_VIEW_ARTICLES, "articles"},
    {CONFIG_VIEW_PAGER, "article"}, {CONFIG_VIEW_RESULTS, "search"},
    {CONFIG_VIEW_HELP, "help"},
};

/* For bantin.conf(5): each action by name with its default keys, and the views it works in. */
static void gen_man_action_list(void)
{
	for (size_t i = 0; i < sizeof gen_man_actions / sizeof gen_man_actions[0]; i++) {
		printf(".It Cm %s Pq", gen_man_actions[i].name);
		gen_man_keys(i);
		putchar('\n');
		char *line = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&line, &len);
		fputs(gen_man_actions[i].help, m);
		if (gen_man_actions[i].views == CONFIG_VIEW_ALL) {
			fputs("; in every view", m);
		} else {
			fputs("; in the", m);
			const char *sep = " ";
			for (size_t v = 0; v < sizeof gen_man_views / sizeof gen_man_views[0];
			     v++) {
				if ((gen_man_actions[i].views & gen_man_views[v].flag) == 0)
					continue;
				fprintf(m, "%s%s", sep, gen_man_views[v].name);
				sep = ", ";
			}
			fputs(" views", m);
		}
		fclose(m);
		gen_man_sentence(line);
		free(line);
	}
}

/* The settings file's settings, as config_settings.def declares them. */
static const struct {
	const char *name, *value, *def, *option, *help;
} gen_man_settings[] = {
#define CONFIG_SETTING(id, name, type, field, min, max, value, def, option, help)                  \
	{name, value, def, option, help},
#include "config_settings.def"
#undef CONFIG_SETTING
};

static void gen_man_setting_list(void)
{
	for (size_t i = 0; i < sizeof gen_man_settings / sizeof gen_man_settings[0]; i++) {
		printf(".It Cm %s = Ar %s\n", gen_man_settings[i].name, gen_man_settings[i].value);
		char *line = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&line, &len);
		fprintf(m, "%s (default: %s", gen_man_settings[i].help, gen_man_settings[i].def);
		fputc(')', m);
		fclose(m);
		gen_man_sentence(line);
		free(line);
		if (gen_man_settings[i].option != NULL)
			printf("The command line's\n.Fl \\-%s\nwins over it.\n",
			       gen_man_settings[i].option + 2);
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "settings") == 0) {
		gen_man_setting_list();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "actions") == 0) {
		gen_man_action_list();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "keys") == 0) {
		gen_man_key_list();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "options") == 0) {
		gen_man_option_list();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "commands") == 0) {
		gen_man_command_list();
		return 0;
	}
	fputs("usage: gen_man options|commands|keys|actions|settings\n", stderr);
	return 2;
}
