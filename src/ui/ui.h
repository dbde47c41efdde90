/*
 * ui: the reader. Views of the feeds, their articles and an article, drawn
 * into a virtual grid from what the store hands over a page at a time, and
 * one event loop that reads keys. Only ui_term.c talks to the terminal
 * (through ncursesw).
 */
#ifndef BANTIN_UI_H
#define BANTIN_UI_H

#include <stdbool.h>

struct config_settings;

struct ui_opts {
	const char *db;    /* the cache */
	const char *feeds; /* the feeds file, or NULL */
	bool offline;
	const char *theme;  /* a theme's name; NULL: default */
	bool no_mouse;      /* leave the mouse to the terminal (selecting text) */
	bool no_hyperlinks; /* no OSC 8 hyperlinks in the article */
	const char *lang;   /* "vi" or "en" labels; NULL: by the locale */
	const struct config_settings *settings; /* network settings for refreshes; may be NULL */
};

/* Runs the reader until the user quits; the exit status. */
int ui_run(const struct ui_opts *o);

#endif
