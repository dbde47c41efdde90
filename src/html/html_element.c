/* html_element.c: the kinds of elements (html_internal.h). */
#include <string.h>
#include <strings.h>

#include "core.h"
#include "html_internal.h"

/* clang-format off */
#define HTML_E(name, kind) {name, sizeof name - 1, kind}
/* clang-format on */

static const struct {
	const char *name;
	size_t len;
	enum html_kind kind;
} html_elements[] = {
    /* what is not shown */
    HTML_E("script", HTML_RAWTEXT),
    HTML_E("style", HTML_RAWTEXT),
    HTML_E("textarea", HTML_RAWTEXT),
    HTML_E("title", HTML_RAWTEXT),
    HTML_E("iframe", HTML_RAWTEXT),
    HTML_E("noscript", HTML_RAWTEXT),
    HTML_E("noembed", HTML_RAWTEXT),
    HTML_E("noframes", HTML_RAWTEXT),
    HTML_E("template", HTML_RAWTEXT),
    HTML_E("frameset", HTML_DROPPED),
    HTML_E("form", HTML_DROPPED),
    HTML_E("button", HTML_DROPPED),
    HTML_E("select", HTML_DROPPED),
    HTML_E("option", HTML_DROPPED),
    HTML_E("datalist", HTML_DROPPED),
    HTML_E("object", HTML_DROPPED),
    HTML_E("svg", HTML_DROPPED),
    HTML_E("math", HTML_DROPPED),
    HTML_E("head", HTML_DROPPED),
    HTML_E("canvas", HTML_DROPPED),
    HTML_E("audio", HTML_DROPPED),
    HTML_E("video", HTML_DROPPED),
    HTML_E("map", HTML_DROPPED),
    HTML_E("frame", HTML_VOID),
    HTML_E("input", HTML_VOID),
    HTML_E("embed", HTML_VOID),
    HTML_E("link", HTML_VOID),
    HTML_E("meta", HTML_VOID),
    /* blocks (html_to_doc gives some of them a shape of their own) */
    HTML_E("p", HTML_BLOCK),
    HTML_E("div", HTML_BLOCK),
    HTML_E("section", HTML_BLOCK),
    HTML_E("article", HTML_BLOCK),
    HTML_E("header", HTML_BLOCK),
    HTML_E("footer", HTML_BLOCK),
    HTML_E("main", HTML_BLOCK),
    HTML_E("aside", HTML_BLOCK),
    HTML_E("nav", HTML_BLOCK),
    HTML_E("address", HTML_BLOCK),
    HTML_E("center", HTML_BLOCK),
    HTML_E("dl", HTML_BLOCK),
    HTML_E("dt", HTML_BLOCK),
    HTML_E("dd", HTML_BLOCK),
    HTML_E("body", HTML_BLOCK),
    HTML_E("html", HTML_BLOCK),
    HTML_E("figcaption", HTML_BLOCK),
    HTML_E("caption", HTML_BLOCK),
    HTML_E("details", HTML_BLOCK),
    HTML_E("summary", HTML_BLOCK),
    HTML_E("fieldset", HTML_BLOCK),
    HTML_E("legend", HTML_BLOCK),
    HTML_E("menu", HTML_BLOCK),
    HTML_E("dir", HTML_BLOCK),
    HTML_E("h1", HTML_BLOCK),
    HTML_E("h2", HTML_BLOCK),
    HTML_E("h3", HTML_BLOCK),
    HTML_E("h4", HTML_BLOCK),
    HTML_E("h5", HTML_BLOCK),
    HTML_E("h6", HTML_BLOCK),
    HTML_E("ul", HTML_BLOCK),
    HTML_E("ol", HTML_BLOCK),
    HTML_E("li", HTML_BLOCK),
    HTML_E("blockquote", HTML_BLOCK),
    HTML_E("pre", HTML_BLOCK),
    HTML_E("figure", HTML_BLOCK),
    HTML_E("table", HTML_BLOCK),
    HTML_E("thead", HTML_BLOCK),
    HTML_E("tbody", HTML_BLOCK),
    HTML_E("tfoot", HTML_BLOCK),
    HTML_E("tr", HTML_BLOCK),
    HTML_E("td", HTML_BLOCK),
    HTML_E("th", HTML_BLOCK),
    HTML_E("hr", HTML_BLOCK),
    HTML_E("br", HTML_BLOCK),
};

#undef HTML_E

enum html_kind html_element_kind(const char *name, size_t len)
{
	if (len == 0)
		return HTML_INLINE;
	char first = name[0] >= 'A' && name[0] <= 'Z' ? (char)(name[0] + 32) : name[0];
	for (size_t i = 0; i < CORE_NELEM(html_elements); i++) {
		const char *e = html_elements[i].name;
		if (html_elements[i].len == len && e[0] == first && strncasecmp(name, e, len) == 0)
			return html_elements[i].kind;
	}
	return HTML_INLINE;
}
