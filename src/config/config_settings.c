/*
 * config_settings.c: the settings file, "key = value" a line (# starts a
 * comment line). Its keys, their types and ranges are the table of
 * config_settings.def; what the command line gives wins over it. Every
 * value is checked when the file is read, and a wrong one names the file
 * and the line.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "config_internal.h"
#include "core.h"
#include "text.h"

/* The largest settings file read. */
#define CONFIG_SETTINGS_MAX ((size_t)1 << 20)

void config_settings_init(struct config_settings *s)
{
	memset(s, 0, sizeof *s);
	s->mouse = s->hyperlinks = s->article_pages = s->related_pane = -1;
}

void config_settings_free(struct config_settings *s)
{
	free(s->proxy);
	free(s->theme);
	free(s->lang);
	config_settings_init(s);
}

/* "yes", "no" and their synonyms: 1, 0; -1 for anything else. */
static int config_bool(const char *v)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < CORE_NELEM(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

const struct config_setting_info config_setting_table[CONFIG_SETTING_COUNT] = {
#define CONFIG_SETTING(id, name, type, field, min, max, value, def, option, help)                  \
	[CONFIG_SETTING_##id] = {name, CONFIG_TYPE_##type, min, max, value, def, option, help},
#include "config_settings.def"
#undef CONFIG_SETTING
};

/* Where each setting's value lives in struct config_settings. */
static const size_t config_setting_offset[CONFIG_SETTING_COUNT] = {
#define CONFIG_SETTING(id, name, type, field, min, max, value, def, option, help)                  \
	[CONFIG_SETTING_##id] = offsetof(struct config_settings, field),
#include "config_settings.def"
#undef CONFIG_SETTING
};

bool config_setting_set(struct config_settings *s, enum config_setting_id id, const char *value,
			char *what, size_t whatlen)
{
	const struct config_setting_info *t = &config_setting_table[id];
	void *field = (char *)s + config_setting_offset[id];
	char *shown = core_str_printable(value);
	bool ok = true;
	long long n;
	switch (t->type) {
	case CONFIG_TYPE_SECONDS:
		ok = core_parse_number(value, t->min, t->max, &n);
		if (ok)
			*(long *)field = (long)n * 1000;
		else
			core_err_set(what, whatlen,
				     "'%s' needs a number of seconds from %lld to %lld, not '%s'",
				     t->name, t->min, t->max, shown);
		break;
	case CONFIG_TYPE_SIZE:
		ok = core_parse_size(value, (size_t *)field);
		if (!ok)
			core_err_set(what, whatlen, "'%s' needs a size such as 16M, not '%s'",
				     t->name, shown);
		break;
	case CONFIG_TYPE_NAME:
		ok = value[0] != '\0' && strchr(value, '/') == NULL;
		if (!ok)
			core_err_set(what, whatlen, "'%s' needs a %s's name, not '%s'", t->name,
				     t->name, shown);
		break;
	case CONFIG_TYPE_LANG:
		ok = core_lang_known(value);
		if (!ok)
			core_err_set(what, whatlen, "'%s' needs vi or en, not '%s'", t->name,
				     shown);
		break;
	case CONFIG_TYPE_BOOL:
		n = config_bool(value);
		ok = n >= 0;
		if (ok)
			*(int *)field = (int)n;
		else
			core_err_set(what, whatlen, "'%s' needs yes or no, not '%s'", t->name,
				     shown);
		break;
	case CONFIG_TYPE_TEXT:
		break;
	}
	if (ok && (t->type == CONFIG_TYPE_TEXT || t->type == CONFIG_TYPE_NAME ||
		   t->type == CONFIG_TYPE_LANG)) {
		free(*(char **)field);
		*(char **)field = xstrdup(value);
	}
	free(shown);
	return ok;
}

/* Takes key = value into s; false with what is wrong with it. */
static bool config_setting(struct config_settings *s, const char *key, const char *value,
			   char *what, size_t whatlen)
{
	for (size_t i = 0; i < CONFIG_SETTING_COUNT; i++) {
		if (strcmp(key, config_setting_table[i].name) == 0)
			return config_setting_set(s, (enum config_setting_id)i, value, what,
						  whatlen);
	}
	char *k = core_str_printable(key);
	core_err_set(what, whatlen, "unknown setting '%s'", k);
	free(k);
	return false;
}

/*
 * Says what is wrong with a line that is no "key = value": a newsboat line
 * (its settings are "key value") is named as such, key bindings pointed to
 * the manual.
 */
static void config_settings_newsboat(const char *line, const char *shown, int lineno, char *err,
				     size_t errlen)
{
	static const char *const bindings[] = {"bind-key", "unbind-key", "macro", "bind", "unbind"};
	static const char *const newsboat[] = {
	    "color",           "browser",         "auto-reload",        "reload-time",
	    "reload-threads",  "show-read-feeds", "show-read-articles", "articlelist-format",
	    "feedlist-format", "datetime-format", "html-renderer",      "max-items",
	    "notify-program",  "proxy-type",      "save-path",          "text-width",
	    "urls-source",     "include",         "highlight",          "define-filter",
	};
	size_t n = strcspn(line, " \t");
	for (size_t i = 0; i < CORE_NELEM(bindings); i++) {
		if (strlen(bindings[i]) == n && strncmp(line, bindings[i], n) == 0) {
			core_err_set(
			    err, errlen,
			    "%s:%d: '%s' lines are not read: the reader's keys are fixed for"
			    " now (see Keys in man bantin)",
			    shown, lineno, bindings[i]);
			return;
		}
	}
	for (size_t i = 0; i < CORE_NELEM(newsboat); i++) {
		if (strlen(newsboat[i]) == n && strncmp(line, newsboat[i], n) == 0) {
			core_err_set(err, errlen,
				     "%s:%d: '%s' is a newsboat setting; bantin's are 'key = value'"
				     " lines (see man 5 bantin.conf)",
				     shown, lineno, newsboat[i]);
			return;
		}
	}
	core_err_set(err, errlen, "%s:%d: expected 'key = value'", shown, lineno);
}

/* One line of the file; false with err. */
static bool config_settings_line(struct config_settings *s, char *line, const char *shown,
				 int lineno, char *err, size_t errlen)
{
	char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#')
		return true;
	char *eq = strchr(p, '=');
	char what[CORE_ERRLEN];
	if (eq == NULL) {
		config_settings_newsboat(p, shown, lineno, err, errlen);
		return false;
	}
	char *kend = eq;
	while (kend > p && (kend[-1] == ' ' || kend[-1] == '\t'))
		kend--;
	*kend = '\0';
	char *v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	size_t vlen = strlen(v);
	while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t' || v[vlen - 1] == '\r'))
		v[--vlen] = '\0';
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') { /* "a value", quotes optional */
		v[vlen - 1] = '\0';
		v++;
	}
	if (!config_setting(s, p, v, what, sizeof what)) {
		core_err_set(err, errlen, "%s:%d: %s", shown, lineno, what);
		return false;
	}
	return true;
}

bool config_settings_load(const char *path, bool must_exist, struct config_settings *out, char *err,
			  size_t errlen)
{
	config_settings_init(out);
	char *shown = core_str_printable(path);
	struct core_buf b;
	bool missing = false;
	bool ok = config_read(path, shown, "settings file", CONFIG_SETTINGS_MAX, &b, &missing, err,
			      errlen);
	if (!ok && missing && !must_exist) {
		ok = true; /* no file: every setting has its default */
	} else if (ok) {
		char *text = text_utf8_fix(core_buf_str(&b), b.len);
		int lineno = 1;
		for (char *line = text; ok && line != NULL; lineno++) {
			char *nl = strchr(line, '\n');
			if (nl != NULL)
				*nl = '\0';
			ok = config_settings_line(out, line, shown, lineno, err, errlen);
			line = nl != NULL ? nl + 1 : NULL;
		}
		free(text);
	}
	core_buf_free(&b);
	free(shown);
	if (!ok)
		config_settings_free(out);
	return ok;
}
