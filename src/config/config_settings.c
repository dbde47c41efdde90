/*
 * config_settings.c: the settings file. A line is "key = value", "bind KEY
 * ACTION [VIEW]", "unbind KEY [VIEW]" or "include FILE" (# starts a comment
 * line). The keys, their types and ranges are the table of
 * config_settings.def; what the command line gives wins over it. Every line
 * is checked when the file is read; a wrong one names the file and the
 * line, suggests the near miss, and says what a newsboat line is in bantin.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
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
	s->mouse = s->hyperlinks = s->article_pages = s->related_pane = s->refresh_on_start = -1;
	s->refresh_interval = s->connections = s->host_connections = s->related_size = -1;
	s->text_width = s->keep_days = s->keep_per_feed = -1;
}

void config_settings_free(struct config_settings *s)
{
	free(s->proxy);
	free(s->theme);
	free(s->lang);
	free(s->user_agent);
	free(s->browser);
	free(s->related_position);
	free(s->date_format);
	free(s->binds);
	for (size_t i = 0; i < s->nmessages; i++)
		free(s->messages[i]);
	free(s->messages);
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

/* Whether v is one of the '|'-separated words of choices. */
static bool config_choice(const char *v, const char *choices)
{
	size_t n = strlen(v);
	for (const char *p = choices; *p != '\0';) {
		size_t len = strcspn(p, "|");
		if (len == n && n > 0 && strncmp(p, v, n) == 0)
			return true;
		p += len;
		p += *p == '|';
	}
	return false;
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
			core_err_set(
			    what, whatlen,
			    "\"%s\" needs a number of seconds from %lld to %lld, not \"%s\"",
			    t->name, t->min, t->max, shown);
		break;
	case CONFIG_TYPE_NUMBER:
		ok = core_parse_number(value, t->min, t->max, &n);
		if (ok)
			*(long *)field = (long)n;
		else
			core_err_set(what, whatlen,
				     "\"%s\" needs a number from %lld to %lld, not \"%s\"", t->name,
				     t->min, t->max, shown);
		break;
	case CONFIG_TYPE_SIZE:
		ok = core_parse_size(value, (size_t *)field);
		if (!ok)
			core_err_set(what, whatlen, "\"%s\" needs a size such as 16M, not \"%s\"",
				     t->name, shown);
		break;
	case CONFIG_TYPE_NAME:
		ok = value[0] != '\0' && strchr(value, '/') == NULL;
		if (!ok)
			core_err_set(what, whatlen, "\"%s\" needs a %s's name, not \"%s\"", t->name,
				     t->name, shown);
		break;
	case CONFIG_TYPE_LANG:
		ok = core_lang_known(value);
		if (!ok)
			core_err_set(what, whatlen, "\"%s\" needs vi or en, not \"%s\"", t->name,
				     shown);
		break;
	case CONFIG_TYPE_BOOL:
		n = config_bool(value);
		ok = n >= 0;
		if (ok)
			*(int *)field = (int)n;
		else
			core_err_set(what, whatlen, "\"%s\" needs yes or no, not \"%s\"", t->name,
				     shown);
		break;
	case CONFIG_TYPE_CHOICE:
		ok = config_choice(value, t->value);
		if (!ok) {
			char *choices = xstrdup(t->value);
			for (char *p = choices; (p = strchr(p, '|')) != NULL;)
				*p = ',';
			core_err_set(what, whatlen, "\"%s\" needs one of %s, not \"%s\"", t->name,
				     choices, shown);
			free(choices);
		}
		break;
	case CONFIG_TYPE_TEXT:
		break;
	}
	if (ok && (t->type == CONFIG_TYPE_TEXT || t->type == CONFIG_TYPE_NAME ||
		   t->type == CONFIG_TYPE_LANG || t->type == CONFIG_TYPE_CHOICE)) {
		free(*(char **)field);
		*(char **)field = xstrdup(value);
	}
	free(shown);
	return ok;
}

bool config_setting_get(const struct config_settings *s, enum config_setting_id id, char *out,
			size_t outlen)
{
	const struct config_setting_info *t = &config_setting_table[id];
	const void *field = (const char *)s + config_setting_offset[id];
	switch (t->type) {
	case CONFIG_TYPE_SECONDS:
		if (*(const long *)field <= 0)
			return false;
		core_err_set(out, outlen, "%ld", *(const long *)field / 1000);
		return true;
	case CONFIG_TYPE_NUMBER:
		if (*(const long *)field < 0)
			return false;
		core_err_set(out, outlen, "%ld", *(const long *)field);
		return true;
	case CONFIG_TYPE_SIZE: {
		size_t v = *(const size_t *)field;
		if (v == 0)
			return false;
		static const char units[] = "GMK";
		for (int u = 0; u < 3; u++) {
			size_t m = (size_t)1 << (10 * (3 - u));
			if (v % m == 0) {
				core_err_set(out, outlen, "%zu%c", v / m, units[u]);
				return true;
			}
		}
		core_err_set(out, outlen, "%zu", v);
		return true;
	}
	case CONFIG_TYPE_BOOL:
		if (*(const int *)field < 0)
			return false;
		core_err_set(out, outlen, "%s", *(const int *)field ? "yes" : "no");
		return true;
	case CONFIG_TYPE_TEXT:
	case CONFIG_TYPE_NAME:
	case CONFIG_TYPE_LANG:
	case CONFIG_TYPE_CHOICE:
		if (*(char *const *)field == NULL)
			return false;
		core_err_set(out, outlen, "%s", *(char *const *)field);
		return true;
	}
	return false;
}

/* A message about line lineno of the file shown, kept in s. */
static void config_message(struct config_settings *s, const char *shown, int lineno,
			   const char *fmt, ...) CORE_PRINTF(4, 5);
static void config_message(struct config_settings *s, const char *shown, int lineno,
			   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *what = xvasprintf(fmt, ap);
	va_end(ap);
	s->messages = xreallocarray(s->messages, s->nmessages + 1, sizeof *s->messages);
	s->messages[s->nmessages++] = lineno > 0 ? xasprintf("%s:%d: %s", shown, lineno, what)
						 : xasprintf("%s: %s", shown, what);
	free(what);
}

/* Newsboat's lines, and what each is in bantin. */
static const struct {
	const char *name, *instead;
} config_newsboat[] = {
    {"bind-key", "\"bind KEY ACTION [VIEW]\" lines (the actions: man 5 bantin.conf)"},
    {"unbind-key", "\"unbind KEY [VIEW]\" lines"},
    {"macro", "no macros; bind a key to one action with \"bind KEY ACTION\""},
    {"color", "theme files: theme = NAME (man 5 bantin.conf, THEMES)"},
    {"browser", "browser = COMMAND"},
    {"auto-reload", "refresh-on-start = yes, and refresh-interval = MINUTES"},
    {"refresh-on-startup", "refresh-on-start = yes"},
    {"reload-time", "refresh-interval = MINUTES"},
    {"reload-threads", "connections = N"},
    {"download-timeout", "timeout = SECONDS"},
    {"user-agent", "user-agent = TEXT"},
    {"proxy", "proxy = http://HOST:PORT"},
    {"proxy-type", "the proxy's scheme: proxy = socks5://HOST:PORT"},
    {"use-proxy", "proxy = URL (an empty value: none)"},
    {"show-read-feeds", "the reader's u key (toggle-unread)"},
    {"show-read-articles", "the reader's u key (toggle-unread)"},
    {"datetime-format", "date-format = FORMAT"},
    {"text-width", "text-width = COLUMNS"},
    {"max-items", "keep-per-feed = N"},
    {"keep-articles-days", "keep-days = N"},
    {"confirm-exit", "none: Q quits at once, q goes back"},
    {"articlelist-format", "none: the lists' columns are fixed"},
    {"feedlist-format", "none: the lists' columns are fixed"},
    {"html-renderer", "none: bantin lays out HTML itself"},
    {"notify-program", "none yet"},
    {"save-path", "none yet"},
    {"urls-source", "none: feeds come from the feeds file (bantin import reads OPML)"},
    {"highlight", "none yet"},
    {"define-filter", "saved searches: \"search:NAME:QUERY\" lines in the feeds file"},
    {"cleanup-on-quit", "bantin cleanup, and keep-days = N"},
};

/* What newsboat's word is in bantin, or NULL when it is not one of newsboat's. */
static const char *config_newsboat_instead(const char *word, size_t n)
{
	for (size_t i = 0; i < CORE_NELEM(config_newsboat); i++) {
		if (strlen(config_newsboat[i].name) == n &&
		    strncmp(word, config_newsboat[i].name, n) == 0)
			return config_newsboat[i].instead;
	}
	return NULL;
}

/* " (did you mean \"NAME\"?)" when one of names is near word, else "". */
static void config_near(const char *word, const char *const *names, size_t n, char *out,
			size_t outlen)
{
	int i = core_str_nearest(word, names, n);
	if (i >= 0)
		core_err_set(out, outlen, " (did you mean \"%s\"?)", names[i]);
	else if (outlen > 0)
		out[0] = '\0';
}

/* The words of line p, split at blanks, at most max; their number. */
static size_t config_words(char *p, char **w, size_t max)
{
	size_t n = 0;
	while (n < max) {
		p += strspn(p, " \t\r");
		if (*p == '\0')
			break;
		w[n++] = p;
		p += strcspn(p, " \t\r");
		if (*p != '\0')
			*p++ = '\0';
	}
	return n;
}

/* The key word names, or 0 after a message. */
static int config_bind_key(struct config_settings *s, const char *word, const char *shown,
			   int lineno)
{
	int key = config_key_parse(word, strlen(word));
	if (key != 0)
		return key;
	static const char *const names[] = {
	    "Up",    "Down", "Left", "Right", "PageUp", "PageDown",  "Home",   "End",
	    "Enter", "Esc",  "Tab",  "S-Tab", "Space",  "Backspace", "Delete", "Insert"};
	char near[64], *k = core_str_printable(word);
	config_near(word, names, CORE_NELEM(names), near, sizeof near);
	config_message(s, shown, lineno,
		       "no key \"%s\"%s: a key is a letter or symbol, C-x, M-x, F1 to F12, Up, "
		       "Down, Left, Right, PageUp, PageDown, Home, End, Enter, Esc, Tab, S-Tab, "
		       "Space, Backspace, Delete or Insert",
		       k, near);
	free(k);
	return 0;
}

/* The views word names ("feeds", "article,search"), or 0 after a message. */
static unsigned config_bind_views(struct config_settings *s, char *word, const char *shown,
				  int lineno)
{
	static const char *const names[] = {"feeds", "articles", "article", "search", "help"};
	unsigned views = 0;
	for (char *v = strtok(word, ","); v != NULL; v = strtok(NULL, ",")) {
		unsigned f = config_view_parse(v);
		if (f == 0) {
			char near[64], *shownv = core_str_printable(v);
			config_near(v, names, CORE_NELEM(names), near, sizeof near);
			config_message(s, shown, lineno,
				       "no view \"%s\"%s: the views are feeds, articles, article, "
				       "search and help",
				       shownv, near);
			free(shownv);
			return 0;
		}
		views |= f;
	}
	return views;
}

/* "bind KEY ACTION [VIEW]" (w[0] is "bind"). */
static void config_bind(struct config_settings *s, char **w, size_t n, const char *shown,
			int lineno)
{
	if (n < 3 || n > 4) {
		config_message(s, shown, lineno, "a bind line is \"bind KEY ACTION [VIEW]\"");
		return;
	}
	int key = config_bind_key(s, w[1], shown, lineno);
	if (key == 0)
		return;
	int act = config_action_parse(w[2]);
	if (act == CONFIG_ACT_NONE) {
		const char *names[CONFIG_ACT_COUNT + 32];
		size_t nnames = config_action_names(names, CORE_NELEM(names));
		char near[64], *shownv = core_str_printable(w[2]);
		config_near(w[2], names, nnames, near, sizeof near);
		config_message(s, shown, lineno,
			       "no action \"%s\"%s (the actions: man 5 bantin.conf, KEYS)", shownv,
			       near);
		free(shownv);
		return;
	}
	unsigned views = 0;
	if (n == 4 && (views = config_bind_views(s, w[3], shown, lineno)) == 0)
		return;
	unsigned works = config_actions[act].views;
	if (views != 0 && (views & works) != views) {
		char where[128] = "";
		for (unsigned f = 1; f <= CONFIG_VIEW_ALL; f <<= 1) {
			if ((works & f) != 0)
				core_err_set(where + strlen(where), sizeof where - strlen(where),
					     "%s%s", where[0] != '\0' ? ", " : "",
					     config_view_name(f));
		}
		config_message(s, shown, lineno,
			       "\"%s\" does nothing in the %s view (it works in: %s)",
			       config_actions[act].name,
			       config_view_name(views & ~works & -(views & ~works)), where);
		return;
	}
	s->binds = xreallocarray(s->binds, s->nbinds + 1, sizeof *s->binds);
	s->binds[s->nbinds++] = (struct config_bind_line){key, (enum config_action_id)act, views};
}

/* "unbind KEY|* [VIEW]" (w[0] is "unbind"). */
static void config_unbind(struct config_settings *s, char **w, size_t n, const char *shown,
			  int lineno)
{
	if (n < 2 || n > 3) {
		config_message(s, shown, lineno,
			       "an unbind line is \"unbind KEY [VIEW]\" (or \"unbind *\")");
		return;
	}
	int key = strcmp(w[1], "*") == 0 ? 0 : config_bind_key(s, w[1], shown, lineno);
	if (key == 0 && strcmp(w[1], "*") != 0)
		return;
	unsigned views = 0;
	if (n == 3 && (views = config_bind_views(s, w[2], shown, lineno)) == 0)
		return;
	s->binds = xreallocarray(s->binds, s->nbinds + 1, sizeof *s->binds);
	s->binds[s->nbinds++] = (struct config_bind_line){key, CONFIG_ACT_NONE, views};
}

void config_settings_bindings(const struct config_settings *s, struct config_bindings *out)
{
	memset(out, 0, sizeof *out);
	config_bindings_defaults(out);
	for (size_t i = 0; i < s->nbinds; i++) {
		const struct config_bind_line *l = &s->binds[i];
		if (l->act == CONFIG_ACT_NONE)
			config_bindings_unbind(out, l->key,
					       l->views != 0 ? l->views : CONFIG_VIEW_ALL);
		else
			config_bindings_bind(
			    out, l->key, l->act,
			    l->views != 0 ? l->views : config_actions[l->act].views, l->views != 0);
	}
}

/* Takes key = value into s, or says what is wrong with it. */
static void config_setting(struct config_settings *s, const char *key, const char *value,
			   const char *shown, int lineno)
{
	const char *names[CONFIG_SETTING_COUNT];
	for (size_t i = 0; i < CONFIG_SETTING_COUNT; i++) {
		names[i] = config_setting_table[i].name;
		if (strcmp(key, names[i]) == 0) {
			char what[CORE_ERRLEN];
			if (!config_setting_set(s, (enum config_setting_id)i, value, what,
						sizeof what))
				config_message(s, shown, lineno, "%s", what);
			return;
		}
	}
	char *k = core_str_printable(key), near[96];
	const char *instead = config_newsboat_instead(key, strlen(key));
	if (instead != NULL)
		config_message(s, shown, lineno, "\"%s\" is newsboat's; in bantin: %s", k, instead);
	else {
		config_near(key, names, CONFIG_SETTING_COUNT, near, sizeof near);
		config_message(s, shown, lineno, "unknown setting \"%s\"%s", k, near);
	}
	free(k);
}

/* The files being read, innermost last: for the include depth and loops. */
#define CONFIG_INCLUDE_DEPTH 8
struct config_stack {
	char *real[CONFIG_INCLUDE_DEPTH + 1];
	int depth;
};

static void config_settings_file(struct config_settings *s, const char *path, bool must_exist,
				 struct config_stack *stack, const char *from, int fromline);

/* "include FILE", relative to the including file's folder. */
static void config_include(struct config_settings *s, const char *path, char *file,
			   const char *shown, int lineno, struct config_stack *stack)
{
	size_t n = strlen(file);
	if (n >= 2 && file[0] == '"' && file[n - 1] == '"') {
		file[n - 1] = '\0';
		file++;
	}
	if (file[0] == '\0') {
		config_message(s, shown, lineno, "an include line is \"include FILE\"");
		return;
	}
	char *target;
	if (file[0] == '/') {
		target = xstrdup(file);
	} else if (file[0] == '~' && file[1] == '/' && getenv("HOME") != NULL) {
		target = core_path_join(getenv("HOME"), file + 2);
	} else {
		const char *slash = strrchr(path, '/');
		char *dir =
		    slash != NULL ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup("");
		target = xasprintf("%s%s", dir, file);
		free(dir);
	}
	if (stack->depth >= CONFIG_INCLUDE_DEPTH)
		config_message(s, shown, lineno, "includes nest more than %d files deep",
			       CONFIG_INCLUDE_DEPTH);
	else
		config_settings_file(s, target, true, stack, shown, lineno);
	free(target);
}

/* One line of the file. */
static void config_settings_line(struct config_settings *s, const char *path, char *line,
				 const char *shown, int lineno, struct config_stack *stack)
{
	char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t end = strlen(p);
	while (end > 0 && (p[end - 1] == ' ' || p[end - 1] == '\t' || p[end - 1] == '\r'))
		p[--end] = '\0';
	if (*p == '\0' || *p == '#')
		return;
	size_t first = strcspn(p, " \t=");
	if ((first == 4 && strncmp(p, "bind", 4) == 0) ||
	    (first == 6 && strncmp(p, "unbind", 6) == 0)) {
		char *w[5];
		size_t n = config_words(p, w, 5);
		if (strcmp(w[0], "bind") == 0)
			config_bind(s, w, n, shown, lineno);
		else
			config_unbind(s, w, n, shown, lineno);
		return;
	}
	if (first == 7 && strncmp(p, "include", 7) == 0 && p[7] != '=') {
		char *file = p + 7;
		file += strspn(file, " \t");
		config_include(s, path, file, shown, lineno, stack);
		return;
	}
	char *eq = strchr(p, '=');
	if (eq == NULL) {
		const char *instead = config_newsboat_instead(p, first);
		char *word = xstrndup(p, first), *k = core_str_printable(word);
		if (instead != NULL)
			config_message(s, shown, lineno, "\"%s\" is newsboat's; in bantin: %s", k,
				       instead);
		else
			config_message(s, shown, lineno,
				       "expected \"key = value\", \"bind KEY ACTION\", \"unbind "
				       "KEY\" or \"include FILE\"");
		free(k);
		free(word);
		return;
	}
	char *kend = eq;
	while (kend > p && (kend[-1] == ' ' || kend[-1] == '\t'))
		kend--;
	*kend = '\0';
	char *v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	size_t vlen = strlen(v);
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') { /* "a value", quotes optional */
		v[vlen - 1] = '\0';
		v++;
	}
	config_setting(s, p, v, shown, lineno);
}

/* Reads the file at path into s; from:fromline is the line that included it (NULL: none). */
static void config_settings_file(struct config_settings *s, const char *path, bool must_exist,
				 struct config_stack *stack, const char *from, int fromline)
{
	char *shown = core_str_printable(path);
	char *real = realpath(path, NULL);
	for (int i = 0; real != NULL && i < stack->depth; i++) {
		if (strcmp(stack->real[i], real) == 0) {
			config_message(s, from, fromline, "\"%s\" includes itself", shown);
			free(real);
			free(shown);
			return;
		}
	}
	struct core_buf b;
	bool missing = false;
	char err[CORE_ERRLEN];
	if (!config_read(path, shown, "settings file", CONFIG_SETTINGS_MAX, &b, &missing, err,
			 sizeof err)) {
		if (!missing || must_exist) {
			s->messages =
			    xreallocarray(s->messages, s->nmessages + 1, sizeof *s->messages);
			s->messages[s->nmessages++] =
			    from != NULL ? xasprintf("%s:%d: %s", from, fromline, err)
					 : xstrdup(err);
		}
	} else {
		stack->real[stack->depth++] = real != NULL ? real : xstrdup(path);
		real = NULL;
		char *text = text_utf8_fix(core_buf_str(&b), b.len);
		int lineno = 1;
		for (char *line = text; line != NULL; lineno++) {
			char *nl = strchr(line, '\n');
			if (nl != NULL)
				*nl = '\0';
			config_settings_line(s, path, line, shown, lineno, stack);
			line = nl != NULL ? nl + 1 : NULL;
		}
		free(text);
		free(stack->real[--stack->depth]);
	}
	core_buf_free(&b);
	free(real);
	free(shown);
}

bool config_settings_load(const char *path, bool must_exist, struct config_settings *out, char *err,
			  size_t errlen)
{
	config_settings_init(out);
	struct config_stack stack = {{0}, 0};
	config_settings_file(out, path, must_exist, &stack, NULL, 0);
	if (out->nmessages == 0)
		return true;
	core_err_set(err, errlen, "%s", out->messages[0]);
	return false;
}

void config_settings_dump(const struct config_settings *s, struct core_buf *out)
{
	core_buf_puts(out, "# bantin's configuration in effect: every setting, then every key "
			   "binding\n\n");
	struct config_settings probe;
	for (size_t i = 0; i < CONFIG_SETTING_COUNT; i++) {
		const struct config_setting_info *t = &config_setting_table[i];
		char v[1024];
		core_buf_printf(out, "# %s\n", t->help);
		if (config_setting_get(s, (enum config_setting_id)i, v, sizeof v)) {
			core_buf_printf(out, "%s = %s\n", t->name, v);
			continue;
		}
		/* a default written as a value is one (any text could be, so a text's is words) */
		config_settings_init(&probe);
		char what[CORE_ERRLEN];
		bool literal = t->type != CONFIG_TYPE_TEXT &&
			       config_setting_set(&probe, (enum config_setting_id)i, t->def, what,
						  sizeof what);
		config_settings_free(&probe);
		if (literal)
			core_buf_printf(out, "%s = %s\n", t->name, t->def);
		else
			core_buf_printf(out, "# %s = (%s)\n", t->name, t->def);
	}
	struct config_bindings b;
	config_settings_bindings(s, &b);
	core_buf_puts(out, "\n# the keys: none but these\nunbind *\n");
	for (size_t i = 0; i < b.n; i++) {
		const struct config_binding *k = &b.v[i];
		char name[24];
		config_key_name(k->key, name);
		core_buf_printf(out, "bind %s %s", name, config_actions[k->act].name);
		if (k->pinned || k->views != config_actions[k->act].views) {
			const char *sep = " ";
			for (unsigned f = 1; f <= CONFIG_VIEW_ALL; f <<= 1) {
				if ((k->views & f) != 0) {
					core_buf_printf(out, "%s%s", sep, config_view_name(f));
					sep = ",";
				}
			}
		}
		core_buf_puts(out, "\n");
	}
	config_bindings_free(&b);
}
