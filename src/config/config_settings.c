/*
 * config_settings.c: the settings file, "key = value" a line (# starts a
 * comment line). Its keys are the long options they stand for; what the
 * command line gives wins over it. Every value is checked when the file is
 * read, and a wrong one names the file and the line.
 */
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
	s->mouse = s->hyperlinks = -1;
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

static bool config_seconds(const char *v, long *out_ms)
{
	long long n;
	if (!core_parse_number(v, 1, 86400, &n))
		return false;
	*out_ms = (long)n * 1000;
	return true;
}

/* Takes key = value into s; false with what is wrong with it. */
static bool config_setting(struct config_settings *s, const char *key, const char *value,
			   char *what, size_t whatlen)
{
	char *shown = core_str_printable(value);
	bool ok = true;
	if (strcmp(key, "timeout") == 0 || strcmp(key, "connect-timeout") == 0 ||
	    strcmp(key, "stall-time") == 0) {
		long *out = key[0] == 't'   ? &s->timeout_ms
			    : key[0] == 'c' ? &s->connect_timeout_ms
					    : &s->stall_ms;
		ok = config_seconds(value, out);
		if (!ok)
			core_err_set(what, whatlen,
				     "'%s' needs a number of seconds from 1 to 86400, not '%s'",
				     key, shown);
	} else if (strcmp(key, "max-size") == 0) {
		ok = core_parse_size(value, &s->max_size);
		if (!ok)
			core_err_set(what, whatlen, "'max-size' needs a size such as 16M, not '%s'",
				     shown);
	} else if (strcmp(key, "proxy") == 0) {
		free(s->proxy);
		s->proxy = xstrdup(value);
	} else if (strcmp(key, "theme") == 0) {
		ok = value[0] != '\0' && strchr(value, '/') == NULL;
		if (ok) {
			free(s->theme);
			s->theme = xstrdup(value);
		} else {
			core_err_set(what, whatlen, "'theme' needs a theme's name, not '%s'",
				     shown);
		}
	} else if (strcmp(key, "lang") == 0) {
		ok = strcmp(value, "vi") == 0 || strcmp(value, "en") == 0;
		if (ok) {
			free(s->lang);
			s->lang = xstrdup(value);
		} else {
			core_err_set(what, whatlen, "'lang' needs vi or en, not '%s'", shown);
		}
	} else if (strcmp(key, "mouse") == 0 || strcmp(key, "hyperlinks") == 0) {
		int b = config_bool(value);
		ok = b >= 0;
		if (ok)
			*(key[0] == 'm' ? &s->mouse : &s->hyperlinks) = b;
		else
			core_err_set(what, whatlen, "'%s' needs yes or no, not '%s'", key, shown);
	} else {
		char *k = core_str_printable(key);
		core_err_set(what, whatlen, "unknown setting '%s'", k);
		free(k);
		ok = false;
	}
	free(shown);
	return ok;
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
		core_err_set(err, errlen, "%s:%d: expected 'key = value'", shown, lineno);
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
