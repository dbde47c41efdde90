/*
 * html: article HTML to a text_doc (blocks with style spans and numbered
 * links) with libxml2's tolerant HTML parser. Scripts, styles, frames,
 * forms and comments are dropped; javascript: and data: URLs never become
 * links; images become "[Ảnh: caption]" lines with their URL in the link
 * list; the portal's closing author/photo line becomes a byline. All text
 * is cleaned by the text module.
 */
#ifndef BANTIN_HTML_H
#define BANTIN_HTML_H

#include <stddef.h>

#include "text.h"

/* The document of html[0..len) (UTF-8); relative links resolve against base (may be NULL). */
struct text_doc *html_to_doc(const char *html, size_t len, const char *base);

#endif
