/*
 * html: article HTML to a text_doc (blocks with style spans and numbered
 * links) with libxml2's tolerant HTML parser. Scripts, styles, frames,
 * forms and comments are dropped; javascript: and data: URLs never become
 * links; images become "[Ảnh: caption]" lines ("[Image: caption]" in
 * English) with their URL in the link list, and small images inside a
 * sentence (smileys, emoji) their alt text; a block of class "byline"
 * (the closing author and photo line a site profile finds) is a byline.
 * All text is cleaned by the text module.
 */
#ifndef BANTIN_HTML_H
#define BANTIN_HTML_H

#include <stddef.h>

#include "text.h"

/* The language of the labels a document gets ("[Ảnh: …]" or "[Image: …]"). */
enum html_lang {
	HTML_LANG_VI,
	HTML_LANG_EN,
};

/*
 * The document of html[0..len) (UTF-8). Relative links resolve against base
 * (may be NULL), the article's own URL: an image whose only link is to it
 * (a feed's thumbnail) is shown without that link.
 */
struct text_doc *html_to_doc(const char *html, size_t len, const char *base, enum html_lang lang);

/*
 * The plain text of html[0..len), owned: a line a block, white space
 * collapsed, entities decoded, dropped elements skipped, images as their alt
 * text, cleaned (text_clean). One pass without a tree: what is indexed.
 */
char *html_text(const char *html, size_t len);
/*
 * The same text not cleaned (the bytes of the HTML as they are, entities
 * decoded): for text_fold, which makes search keys of any bytes, where
 * cleaning would be a pass for nothing.
 */
char *html_text_raw(const char *html, size_t len);
/* html_text on one line (its lines joined by spaces), owned; NULL when there is no text. */
char *html_text_line(const char *html, size_t len);

/*
 * An article's body as the cache keeps it: its HTML (content) rendered; for
 * one whose feed gives only a summary (RSS descriptions, as VnExpress's),
 * that summary (plain text, as the cache keeps it) as a paragraph. NULL
 * when it has neither.
 */
struct text_doc *html_article_doc(const char *content, const char *summary, const char *base,
				  enum html_lang lang);

/*
 * Adds a page's own list of other articles to d: a heading ("Tin khác",
 * "Other news") and a linked item for each title and URL (both plain
 * text; an item with no title shows its URL).
 */
void html_doc_related(struct text_doc *d, const char *const *titles, const char *const *urls,
		      size_t n, enum html_lang lang);
/*
 * Puts before d's first block the line that says an article's page could
 * not be read (why: one line), so what follows is the feed's text.
 */
void html_doc_page_failed(struct text_doc *d, const char *why, enum html_lang lang);

#endif
