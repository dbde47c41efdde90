/*
 * cli_config.c: bantin config dump|check [FILE], and bantin themes: the
 * settings file as bantin reads it, checked without starting the reader,
 * and the colour themes it can find.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "config.h"

struct cli_config_args {
	const char *what; /* "dump" or "check" */
	const char *file;
	int operands;
};

static int cli_config_opt(int id, const char *arg, void *state)
{
	struct cli_config_args *a = state;
	if (id != CORE_OPT_OPERAND)
		return -1;
	if (a->operands++ == 0)
		a->what = arg;
	else if (a->operands == 2)
		a->file = arg;
	else
		return cli_usage_error(CLI_CMD_CONFIG, "give one settings file only");
	return -1;
}

/* Whether a theme called name can be found (or is built in). */
static bool cli_theme_exists(const char *name)
{
	if (strcmp(name, "default") == 0 || strcmp(name, "mono") == 0)
		return true;
	char *dirs[CONFIG_THEME_DIRS];
	config_theme_dirs(dirs);
	bool found = false;
	for (size_t i = 0; i < CONFIG_THEME_DIRS && !found; i++) {
		if (dirs[i] == NULL)
			continue;
		char *file = xasprintf("%s/%s.theme", dirs[i], name);
		found = access(file, R_OK) == 0;
		free(file);
	}
	free(dirs[0]);
	return found;
}

int cli_config_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_config_args a = {NULL, NULL, 0};
	int status =
	    cli_options(CLI_CMD_CONFIG, argc, argv, CLI_OPT_CONFIG_HELP, cli_config_opt, &a);
	if (status >= 0)
		return status;
	bool dump = a.what != NULL && strcmp(a.what, "dump") == 0;
	if (a.what == NULL || (!dump && strcmp(a.what, "check") != 0)) {
		char *shown = a.what != NULL ? core_str_printable(a.what) : NULL;
		char msg[CORE_ERRLEN];
		if (shown != NULL)
			core_err_set(msg, sizeof msg, "say dump or check, not '%s'", shown);
		else
			core_err_set(msg, sizeof msg, "say dump or check");
		free(shown);
		return cli_usage_error(CLI_CMD_CONFIG, msg);
	}
	if (dump && a.file != NULL)
		return cli_usage_error(CLI_CMD_CONFIG,
				       "dump prints the settings in effect: no file");
	char err[CORE_ERRLEN];
	const char *given = a.file != NULL ? a.file : ctx->config;
	char *path = config_file_path(CONFIG_FILE_SETTINGS, given, err, sizeof err);
	struct config_settings s;
	if (path == NULL) { /* no home to look in: nothing but the defaults */
		config_settings_init(&s);
	} else {
		config_settings_load(path, given != NULL, &s, err, sizeof err);
	}
	for (size_t i = 0; i < s.nmessages; i++)
		fprintf(stderr, "bantin: %s\n", s.messages[i]);
	status = s.nmessages > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
	if (status == CLI_EXIT_OK && s.theme != NULL && !cli_theme_exists(s.theme)) {
		char *shown = core_str_printable(path);
		fprintf(stderr, "bantin: %s: no theme \"%s\" (bantin themes lists them)\n", shown,
			s.theme);
		free(shown);
		status = CLI_EXIT_FAILED;
	}
	if (status == CLI_EXIT_OK && dump) {
		struct core_buf b;
		core_buf_init(&b, 0);
		config_settings_dump(&s, &b);
		fputs(core_buf_str(&b), stdout);
		core_buf_free(&b);
		status = cli_flush();
	} else if (status == CLI_EXIT_OK) {
		char *shown = core_str_printable(path != NULL ? path : "");
		if (path != NULL && access(path, F_OK) != 0)
			printf("%s: no settings file there: every setting has its default\n",
			       shown);
		else
			printf("%s: no problems\n", shown);
		free(shown);
		status = cli_flush();
	}
	config_settings_free(&s);
	free(path);
	return status;
}

static int cli_themes_opt(int id, const char *arg, void *state)
{
	(void)state;
	return id == CORE_OPT_OPERAND ? cli_no_operand(CLI_CMD_THEMES, arg) : -1;
}

struct cli_theme {
	char *name, *file; /* file NULL: built in */
};

static int cli_theme_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cli_theme *)a)->name, ((const struct cli_theme *)b)->name);
}

/* Adds name (with its file) to v unless a folder before had it; the count. */
static size_t cli_theme_add(struct cli_theme **v, size_t n, const char *name, const char *file)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp((*v)[i].name, name) == 0) {
			if ((*v)[i].file == NULL && file != NULL) /* a file for a built-in one */
				(*v)[i].file = xstrdup(file);
			return n;
		}
	}
	*v = xreallocarray(*v, n + 1, sizeof **v);
	(*v)[n] = (struct cli_theme){xstrdup(name), file != NULL ? xstrdup(file) : NULL};
	return n + 1;
}

int cli_themes_run(const struct cli_ctx *ctx, int argc, char **argv)
{
	int status =
	    cli_options(CLI_CMD_THEMES, argc, argv, CLI_OPT_THEMES_HELP, cli_themes_opt, NULL);
	if (status >= 0)
		return status;
	char *dirs[CONFIG_THEME_DIRS];
	config_theme_dirs(dirs);
	struct cli_theme *v = NULL;
	size_t n = 0;
	for (size_t i = 0; i < CONFIG_THEME_DIRS; i++) {
		DIR *d = dirs[i] != NULL ? opendir(dirs[i]) : NULL;
		if (d == NULL)
			continue;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			if (len <= 6 || strcmp(e->d_name + len - 6, ".theme") != 0)
				continue;
			char *name = xstrndup(e->d_name, len - 6);
			if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") == len - 6) {
				char *file = core_path_join(dirs[i], e->d_name);
				n = cli_theme_add(&v, n, name, file);
				free(file);
			}
			free(name);
		}
		closedir(d);
	}
	free(dirs[0]);
	n = cli_theme_add(&v, n, "default", NULL);
	n = cli_theme_add(&v, n, "mono", NULL);
	qsort(v, n, sizeof *v, cli_theme_cmp);
	const char *in_use = ctx->theme != NULL ? ctx->theme
			     : ctx->settings != NULL && ctx->settings->theme != NULL
				 ? ctx->settings->theme
				 : "default";
	size_t widest = 0;
	for (size_t i = 0; i < n; i++)
		widest = strlen(v[i].name) > widest ? strlen(v[i].name) : widest;
	for (size_t i = 0; i < n; i++) {
		char *file = v[i].file != NULL ? core_str_printable(v[i].file) : NULL;
		printf("%c %-*s  %s\n", strcmp(v[i].name, in_use) == 0 ? '*' : ' ', (int)widest,
		       v[i].name, file != NULL ? file : "built in");
		free(file);
		free(v[i].name);
		free(v[i].file);
	}
	free(v);
	return cli_flush();
}
