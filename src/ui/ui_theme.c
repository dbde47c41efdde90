/*
 * ui_theme.c: colour themes. A theme gives each colour slot a foreground,
 * a background and attributes:
 *
 *   SLOT = FOREGROUND BACKGROUND [bold] [underline] [reverse]
 *
 * Colours are names (default, black ... white, bright-black ...
 * bright-white) or numbers from 0 to 255; ui_term.c brings a colour the
 * terminal lacks down to one it has. A theme file only changes the slots
 * it names: the built-in default fills the rest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ui_internal.h"

static const char *const ui_theme_slot_names[UI_SLOT_COUNT] = {
    [UI_SLOT_NORMAL] = "normal",     [UI_SLOT_BAR] = "bar",       [UI_SLOT_STATUS] = "status",
    [UI_SLOT_SELECTED] = "selected", [UI_SLOT_UNREAD] = "unread", [UI_SLOT_DIM] = "dim",
    [UI_SLOT_HEADING] = "heading",   [UI_SLOT_LINK] = "link",     [UI_SLOT_ERROR] = "error",
};

static const char *const ui_theme_colours[] = {"black", "red",     "green", "yellow",
					       "blue",  "magenta", "cyan",  "white"};

/* The built-in themes: default (dark backgrounds) and mono. */
static const char ui_theme_default_text[] = "normal = default default\n"
					    "bar = black cyan bold\n"
					    "status = black white\n"
					    "selected = black yellow\n"
					    "unread = bright-white default bold\n"
					    "dim = cyan default\n"
					    "heading = yellow default bold\n"
					    "link = bright-blue default underline\n"
					    "error = bright-red default bold\n";
static const char ui_theme_mono_text[] = "normal = default default\n"
					 "bar = default default reverse bold\n"
					 "status = default default reverse\n"
					 "selected = default default reverse\n"
					 "unread = default default bold\n"
					 "dim = default default\n"
					 "heading = default default bold\n"
					 "link = default default underline\n"
					 "error = default default bold\n";

/* A colour word: -1 for default, 0..255; false if it is not one. */
static bool ui_theme_colour(const char *w, short *out)
{
	if (strcmp(w, "default") == 0) {
		*out = -1;
		return true;
	}
	bool bright = strncmp(w, "bright-", 7) == 0;
	const char *name = bright ? w + 7 : w;
	for (short i = 0; i < 8; i++) {
		if (strcmp(name, ui_theme_colours[i]) == 0) {
			*out = (short)(i + (bright ? 8 : 0));
			return true;
		}
	}
	long long v;
	if (!core_parse_number(w, 0, 255, &v))
		return false;
	*out = (short)v;
	return true;
}

bool ui_theme_parse(const char *text, const char *shown, struct ui_theme *t, char *err,
		    size_t errlen)
{
	int lineno = 0;
	for (const char *line = text; *line != '\0';) {
		lineno++;
		size_t len = strcspn(line, "\n");
		char buf[256];
		if (len >= sizeof buf) {
			core_err_set(err, errlen, "%s:%d: the line is too long", shown, lineno);
			return false;
		}
		memcpy(buf, line, len);
		buf[len] = '\0';
		line += len + (line[len] == '\n');
		char *hash = strchr(buf, '#');
		if (hash != NULL)
			*hash = '\0';
		char *words[8];
		size_t n = 0;
		for (char *w = strtok(buf, " \t\r="); w != NULL && n < CORE_NELEM(words);
		     w = strtok(NULL, " \t\r="))
			words[n++] = w;
		if (n == 0)
			continue;
		int slot = -1;
		for (int i = 0; i < UI_SLOT_COUNT; i++) {
			if (strcmp(words[0], ui_theme_slot_names[i]) == 0)
				slot = i;
		}
		if (slot < 0) {
			core_err_set(err, errlen,
				     "%s:%d: '%.40s' is not a colour slot (normal, bar, status,"
				     " selected, unread, dim, heading, link, error)",
				     shown, lineno, words[0]);
			return false;
		}
		struct ui_theme_slot s = {-1, -1, 0};
		if (n < 3 || !ui_theme_colour(words[1], &s.fg) ||
		    !ui_theme_colour(words[2], &s.bg)) {
			core_err_set(err, errlen,
				     "%s:%d: %s needs a foreground and a background colour (a name"
				     " such as cyan or bright-red, default, or 0 to 255)",
				     shown, lineno, words[0]);
			return false;
		}
		for (size_t i = 3; i < n; i++) {
			if (strcmp(words[i], "bold") == 0)
				s.attr |= UI_ATTR_BOLD;
			else if (strcmp(words[i], "underline") == 0)
				s.attr |= UI_ATTR_UNDERLINE;
			else if (strcmp(words[i], "reverse") == 0)
				s.attr |= UI_ATTR_REVERSE;
			else {
				core_err_set(err, errlen,
					     "%s:%d: '%.40s' is not an attribute (bold, underline,"
					     " reverse)",
					     shown, lineno, words[i]);
				return false;
			}
		}
		t->slot[slot] = s;
	}
	return true;
}

void ui_theme_builtin(struct ui_theme *t, bool mono)
{
	ui_theme_parse(mono ? ui_theme_mono_text : ui_theme_default_text, "built-in", t, NULL, 0);
}

/* Reads a file into a string (at most 64 KiB); NULL with err. */
static char *ui_theme_read(const char *path, const char *shown, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		core_err_set(err, errlen, "%s: %s", shown, strerror(errno));
		return NULL;
	}
	char *buf = xmalloc(65536);
	size_t n = fread(buf, 1, 65535, fp);
	fclose(fp);
	buf[n] = '\0';
	return buf;
}

bool ui_theme_load(const char *name, const char *const *dirs, size_t ndirs, struct ui_theme *t,
		   char *err, size_t errlen)
{
	ui_theme_builtin(t, strcmp(name, "mono") == 0);
	if (name[0] == '\0' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(name)) {
		char *shown = core_str_printable(name);
		core_err_set(err, errlen, "'%s' is not a theme name (letters, digits, - and _)",
			     shown);
		free(shown);
		return false;
	}
	for (size_t i = 0; i < ndirs; i++) {
		if (dirs[i] == NULL)
			continue;
		char *file = xasprintf("%s/%s.theme", dirs[i], name);
		if (access(file, R_OK) != 0) {
			free(file);
			continue;
		}
		char *shown = core_str_printable(file);
		char *text = ui_theme_read(file, shown, err, errlen);
		bool ok = text != NULL && ui_theme_parse(text, shown, t, err, errlen);
		free(text);
		free(shown);
		free(file);
		if (!ok)
			ui_theme_builtin(t, false);
		return ok;
	}
	if (strcmp(name, "default") == 0 || strcmp(name, "mono") == 0)
		return true; /* built in */
	core_err_set(err, errlen, "no theme '%s' (looked for %s.theme in the theme folders)", name,
		     name);
	return false;
}
