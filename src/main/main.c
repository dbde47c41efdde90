/*
 * main: reads the command line and runs what it asks for. The options are
 * declared in main_options.def; this file only acts on them.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <unistd.h>

#include "bantin_version.h"
#include "cli.h"
#include "config.h"
#include "core.h"
#include "ui.h"

enum main_option_id {
#define MAIN_OPTION(id, name, short_name, arg, help) MAIN_OPT_##id,
#include "main_options.def"
#undef MAIN_OPTION
};

static const struct core_opt main_options[] = {
#define MAIN_OPTION(id, name, short_name, arg, help) {MAIN_OPT_##id, name, short_name, arg, help},
#include "main_options.def"
#undef MAIN_OPTION
};

static void main_help(FILE *fp)
{
	fputs("Usage: bantin [OPTION]... [COMMAND [ARG]...]\n"
	      "\n"
	      "A terminal reader for the Hai Phong city news portal and any RSS or Atom\n"
	      "feed, with every article kept in a local cache.\n"
	      "\n"
	      "Options:\n",
	      fp);
	core_opt_help(fp, main_options, CORE_NELEM(main_options));
	fputs("\nCommands (bantin COMMAND --help tells more):\n", fp);
	size_t widest = 0;
	for (size_t i = 0; i < cli_ncommands; i++) {
		size_t w = strlen(cli_commands[i].name) + 1 + strlen(cli_commands[i].operands);
		widest = w > widest ? w : widest;
	}
	for (size_t i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];
		int w = (int)(strlen(c->name) + 1 + strlen(c->operands));
		fprintf(fp, "  %s %s%*s  %s\n", c->name, c->operands, (int)widest - w, "", c->help);
	}
	fputs("\nSettings (key = value lines of the settings file, man 5 bantin.conf):\n", fp);
	for (size_t i = 0; i < CONFIG_SETTING_COUNT; i++) {
		const struct config_setting_info *t = &config_setting_table[i];
		int w = (int)(strlen(t->name) + 3 + strlen(t->value));
		fprintf(fp, "  %s = %s%*s  default: %s%s%s\n", t->name, t->value,
			w < 26 ? 26 - w : 0, "", t->def, t->option != NULL ? "; option " : "",
			t->option != NULL ? t->option : "");
	}
	fputs("  and bind KEY ACTION [VIEW], unbind KEY [VIEW], include FILE lines\n"
	      "\n"
	      "The manual: man bantin\n",
	      fp);
}

/* Reports a usage error in one line; the exit status for it. */
static int main_usage_error(const char *what)
{
	fprintf(stderr, "bantin: %s (see 'bantin --help')\n", what);
	return 2;
}

/*
 * Reads the settings file (given, or the default one when there is one)
 * into s; false after saying what is wrong with it.
 */
static bool main_settings(const char *given, struct config_settings *s)
{
	char err[CORE_ERRLEN];
	char *path = config_file_path(CONFIG_FILE_SETTINGS, given, err, sizeof err);
	bool ok = true;
	if (path == NULL) /* no home to look in: no settings */
		config_settings_init(s);
	else
		ok = config_settings_load(path, given != NULL, s, err, sizeof err);
	for (size_t i = 0; i < s->nmessages; i++) /* every line that is wrong, not the first */
		fprintf(stderr, "bantin: %s\n", s->messages[i]);
	if (!ok)
		config_settings_free(s);
	free(path);
	return ok;
}

/* What the command line says. */
struct main_args {
	bool help, version;
	struct cli_ctx ctx;
	const char *config, *theme, *lang;
	bool no_mouse, no_links;
	const struct cli_command *command; /* NULL: the reader */
	int command_at;                    /* its index in argv */
};

/* Reads the whole command line before anything is done: -1 to go on, else the exit status. */
static int main_parse(int argc, char **argv, struct main_args *a)
{
	struct core_opt_state st;
	char err[CORE_ERRLEN];
	int id;
	core_opt_init(&st, argc, argv, 1, true);
	while ((id = core_opt_next(&st, main_options, CORE_NELEM(main_options), err, sizeof err)) !=
	       CORE_OPT_END) {
		switch (id) {
		case MAIN_OPT_HELP:
			a->help = true;
			break;
		case MAIN_OPT_VERSION:
			a->version = true;
			break;
		case MAIN_OPT_DB:
			a->ctx.db = st.arg;
			break;
		case MAIN_OPT_FEEDS:
			a->ctx.feeds = st.arg;
			break;
		case MAIN_OPT_CONFIG:
			a->config = st.arg;
			break;
		case MAIN_OPT_OFFLINE:
			a->ctx.offline = true;
			break;
		case MAIN_OPT_THEME:
			a->theme = st.arg;
			break;
		case MAIN_OPT_NO_MOUSE:
			a->no_mouse = true;
			break;
		case MAIN_OPT_NO_HYPERLINKS:
			a->no_links = true;
			break;
		case MAIN_OPT_LANG:
			if (!core_lang_known(st.arg)) {
				core_lang_option_error(err, sizeof err, st.arg);
				return main_usage_error(err);
			}
			a->lang = st.arg;
			break;
		default:
			return main_usage_error(err);
		}
	}
	if (st.index < argc && (a->command = cli_find(argv[st.index])) == NULL) {
		char *shown = core_str_printable(argv[st.index]);
		core_err_set(err, sizeof err, "unknown command '%s'", shown);
		free(shown);
		return main_usage_error(err);
	}
	a->command_at = st.index;
	if (a->help) {
		main_help(stdout);
		return EXIT_SUCCESS;
	}
	if (a->version) {
		printf("bantin %s\n", BANTIN_VERSION);
		return EXIT_SUCCESS;
	}
	return -1;
}

/* What main's stages set up. */
struct main_run {
	struct main_args a;
	struct config_settings settings;
};

static bool main_up_settings(struct main_run *r)
{
	r->a.ctx.config = r->a.config;
	r->a.ctx.theme = r->a.theme;
	if (r->a.command != NULL && cli_reads_settings(r->a.command)) {
		config_settings_init(&r->settings);
		return true;
	}
	if (!main_settings(r->a.config, &r->settings))
		return false;
	r->a.ctx.settings = &r->settings;
	return true;
}

static void main_down_settings(struct main_run *r)
{
	config_settings_free(&r->settings);
}

/* The libraries every command and the reader use (libcurl, libxml2). */
static bool main_up_libraries(struct main_run *r)
{
	(void)r;
	cli_init();
	return true;
}

static void main_down_libraries(struct main_run *r)
{
	(void)r;
	cli_cleanup();
}

/* main's start-up, in order; tear-down is the same in reverse. */
static const struct {
	bool (*up)(struct main_run *r);
	void (*down)(struct main_run *r);
} main_stages[] = {
    {main_up_settings, main_down_settings},
    {main_up_libraries, main_down_libraries},
};

/* No command: the reader, on a terminal; elsewhere, what there is to do. */
static int main_reader(struct main_run *r)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		main_help(stdout);
		return EXIT_SUCCESS;
	}
	char err[CORE_ERRLEN];
	char *db = config_file_path(CONFIG_FILE_CACHE, r->a.ctx.db, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "bantin: %s\n", err);
		return EXIT_FAILURE;
	}
	/* What the command line says wins over the settings file. */
	const struct config_settings *s = &r->settings;
	struct ui_opts uo = {db,
			     r->a.ctx.feeds,
			     r->a.ctx.offline,
			     r->a.theme != NULL ? r->a.theme : s->theme,
			     r->a.no_mouse || s->mouse == 0,
			     r->a.no_links || s->hyperlinks == 0,
			     r->a.lang != NULL ? r->a.lang : s->lang,
			     s};
	int status = ui_run(&uo);
	free(db);
	return status;
}

int main(int argc, char **argv)
{
	/* A file size limit (ulimit -f) makes a write fail with EFBIG, said in one line, rather
	   than end the program with no word. */
	signal(SIGXFSZ, SIG_IGN);
	struct main_run r = {0};
	int status = main_parse(argc, argv, &r.a);
	if (status >= 0)
		return status;
	size_t up = 0;
	while (up < CORE_NELEM(main_stages) && main_stages[up].up(&r))
		up++;
	if (up < CORE_NELEM(main_stages))
		status = EXIT_FAILURE;
	else if (r.a.command != NULL)
		status =
		    cli_run(r.a.command, &r.a.ctx, argc - r.a.command_at, argv + r.a.command_at);
	else
		status = main_reader(&r);
	while (up > 0) /* what was set up, undone in reverse */
		main_stages[--up].down(&r);
	return status;
}
