/*
 * main: reads the command line and runs what it asks for. The options are
 * declared in main_options.def; this file only acts on them.
 */
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
	fputs("\n"
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
	if (!ok)
		fprintf(stderr, "bantin: %s\n", err);
	free(path);
	return ok;
}

int main(int argc, char **argv)
{
	struct core_opt_state st;
	char err[CORE_ERRLEN];
	bool help = false, version = false;
	struct cli_ctx ctx = {NULL, NULL, false, NULL};
	const char *config = NULL;
	const char *theme = NULL;
	bool no_mouse = false, no_links = false;
	const char *lang = NULL;
	int id;

	/* The whole command line is checked before anything is done. */
	core_opt_init(&st, argc, argv, 1, true);
	while ((id = core_opt_next(&st, main_options, CORE_NELEM(main_options), err, sizeof err)) !=
	       CORE_OPT_END) {
		switch (id) {
		case MAIN_OPT_HELP:
			help = true;
			break;
		case MAIN_OPT_VERSION:
			version = true;
			break;
		case MAIN_OPT_DB:
			ctx.db = st.arg;
			break;
		case MAIN_OPT_FEEDS:
			ctx.feeds = st.arg;
			break;
		case MAIN_OPT_CONFIG:
			config = st.arg;
			break;
		case MAIN_OPT_OFFLINE:
			ctx.offline = true;
			break;
		case MAIN_OPT_THEME:
			theme = st.arg;
			break;
		case MAIN_OPT_NO_MOUSE:
			no_mouse = true;
			break;
		case MAIN_OPT_NO_HYPERLINKS:
			no_links = true;
			break;
		case MAIN_OPT_LANG:
			if (strcmp(st.arg, "vi") != 0 && strcmp(st.arg, "en") != 0) {
				char *shown = core_str_printable(st.arg);
				core_err_set(err, sizeof err,
					     "option '--lang' needs vi or en, not '%s'", shown);
				free(shown);
				return main_usage_error(err);
			}
			lang = st.arg;
			break;
		default:
			return main_usage_error(err);
		}
	}
	const struct cli_command *c = NULL;
	if (st.index < argc && (c = cli_find(argv[st.index])) == NULL) {
		char *shown = core_str_printable(argv[st.index]);
		core_err_set(err, sizeof err, "unknown command '%s'", shown);
		free(shown);
		return main_usage_error(err);
	}
	if (help) {
		main_help(stdout);
		return EXIT_SUCCESS;
	}
	if (version) {
		printf("bantin %s\n", BANTIN_VERSION);
		return EXIT_SUCCESS;
	}
	struct config_settings settings;
	if (!main_settings(config, &settings))
		return EXIT_FAILURE;
	ctx.settings = &settings;
	int status;
	if (c != NULL) {
		cli_init();
		status = cli_run(c, &ctx, argc - st.index, argv + st.index);
		cli_cleanup();
		config_settings_free(&settings);
		return status;
	}
	/* No command: the reader, on a terminal; elsewhere, what there is to do. */
	char *db = NULL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		main_help(stdout);
		status = EXIT_SUCCESS;
	} else if ((db = config_file_path(CONFIG_FILE_CACHE, ctx.db, err, sizeof err)) == NULL) {
		fprintf(stderr, "bantin: %s\n", err);
		status = EXIT_FAILURE;
	} else {
		/* What the command line says wins over the settings file. */
		struct ui_opts uo = {db,
				     ctx.feeds,
				     ctx.offline,
				     theme != NULL ? theme : settings.theme,
				     no_mouse || settings.mouse == 0,
				     no_links || settings.hyperlinks == 0,
				     lang != NULL ? lang : settings.lang,
				     &settings};
		cli_init();
		status = ui_run(&uo);
		cli_cleanup();
	}
	free(db);
	config_settings_free(&settings);
	return status;
}
