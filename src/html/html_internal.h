/*
 * html_internal.h: what html_to_doc (html.c) and html_text (html_text.c)
 * both know of an element by its name, so that the text a refresh indexes
 * is the text a reader is shown.
 */
#ifndef BANTIN_HTML_INTERNAL_H
#define BANTIN_HTML_INTERNAL_H

#include <stddef.h>

enum html_kind {
	HTML_INLINE,  /* anything not below: its text joins the text around it */
	HTML_BLOCK,   /* starts and ends a block of text */
	HTML_DROPPED, /* skipped with everything inside it (forms, media, ...) */
	HTML_RAWTEXT, /* dropped, and what it holds is not markup (scripts, styles) */
	HTML_VOID,    /* dropped, and it holds nothing (input, meta, ...) */
};

/* The kind of the element named name[0..len), in any case. */
enum html_kind html_element_kind(const char *name, size_t len);

#endif
