/* html_element.c: the kinds of elements (html_internal.h). */
#include <string.h>
#include <strings.h>

#include "core.h"
#include "html_internal.h"

static const struct {
	const char *name;
	enum html_kind kind;
} html_elements[] = {
    /* what is not shown */
    {"script", HTML_RAWTEXT},
    {"style", HTML_RAWTEXT},
    {"textarea", HTML_RAWTEXT},
    {"title", HTML_RAWTEXT},
    {"iframe", HTML_RAWTEXT},
    {"noscript", HTML_RAWTEXT},
    {"noembed", HTML_RAWTEXT},
    {"noframes", HTML_RAWTEXT},
    {"template", HTML_RAWTEXT},
    {"frameset", HTML_DROPPED},
    {"form", HTML_DROPPED},
    {"button", HTML_DROPPED},
    {"select", HTML_DROPPED},
    {"option", HTML_DROPPED},
    {"datalist", HTML_DROPPED},
    {"object", HTML_DROPPED},
    {"svg", HTML_DROPPED},
    {"math", HTML_DROPPED},
    {"head", HTML_DROPPED},
    {"canvas", HTML_DROPPED},
    {"audio", HTML_DROPPED},
    {"video", HTML_DROPPED},
    {"map", HTML_DROPPED},
    {"frame", HTML_VOID},
    {"input", HTML_VOID},
    {"embed", HTML_VOID},
    {"link", HTML_VOID},
    {"meta", HTML_VOID},
    /* blocks (html_to_doc gives some of them a shape of their own) */
    {"p", HTML_BLOCK},
    {"div", HTML_BLOCK},
    {"section", HTML_BLOCK},
    {"article", HTML_BLOCK},
    {"header", HTML_BLOCK},
    {"footer", HTML_BLOCK},
    {"main", HTML_BLOCK},
    {"aside", HTML_BLOCK},
    {"nav", HTML_BLOCK},
    {"address", HTML_BLOCK},
    {"center", HTML_BLOCK},
    {"dl", HTML_BLOCK},
    {"dt", HTML_BLOCK},
    {"dd", HTML_BLOCK},
    {"body", HTML_BLOCK},
    {"html", HTML_BLOCK},
    {"figcaption", HTML_BLOCK},
    {"caption", HTML_BLOCK},
    {"details", HTML_BLOCK},
    {"summary", HTML_BLOCK},
    {"fieldset", HTML_BLOCK},
    {"legend", HTML_BLOCK},
    {"menu", HTML_BLOCK},
    {"dir", HTML_BLOCK},
    {"h1", HTML_BLOCK},
    {"h2", HTML_BLOCK},
    {"h3", HTML_BLOCK},
    {"h4", HTML_BLOCK},
    {"h5", HTML_BLOCK},
    {"h6", HTML_BLOCK},
    {"ul", HTML_BLOCK},
    {"ol", HTML_BLOCK},
    {"li", HTML_BLOCK},
    {"blockquote", HTML_BLOCK},
    {"pre", HTML_BLOCK},
    {"figure", HTML_BLOCK},
    {"table", HTML_BLOCK},
    {"thead", HTML_BLOCK},
    {"tbody", HTML_BLOCK},
    {"tfoot", HTML_BLOCK},
    {"tr", HTML_BLOCK},
    {"td", HTML_BLOCK},
    {"th", HTML_BLOCK},
    {"hr", HTML_BLOCK},
    {"br", HTML_BLOCK},
};

enum html_kind html_element_kind(const char *name, size_t len)
{
	for (size_t i = 0; i < CORE_NELEM(html_elements); i++) {
		const char *e = html_elements[i].name;
		if (strlen(e) == len && strncasecmp(name, e, len) == 0)
			return html_elements[i].kind;
	}
	return HTML_INLINE;
}
