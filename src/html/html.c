/*
 * Walks libxml2's HTML tree once, gathering inline text (with style spans)
 * into the block being built and starting a new block at each block-level
 * element. White space collapses as a browser would, except in <pre>.
 * The walk is bounded in depth, so a hostile page cannot exhaust the stack.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "core.h"
#include "html.h"
#include "html_internal.h"

/* The largest list item number shown. */
#define HTML_LIST_MAX 999999999L

#define HTML_MAX_DEPTH 256

struct html_walk {
	struct text_doc *doc;
	const char *base;
	const char *image_label; /* "Ảnh" or "Image" */
	struct core_buf text;    /* the block being built */
	struct text_span *spans;
	size_t nspans, cap;
	bool space; /* a collapsed space is due before the next word */
	int quote;  /* block quote depth */
	int list_depth;
	bool pre;
	uint32_t style;     /* inline styles in force */
	uint32_t link;      /* the link in force, 0 for none */
	size_t style_start; /* where the current styled run started */
	enum text_block_kind kind;
	int level;
	char *marker;
	bool in_figure;
	char *figure_img; /* the figure's image URL, until its caption */
	char *figure_caption;
	uint32_t figure_anchor; /* the link around the figure's image, if any */
	uint32_t figure_link;   /* the link in force that an image showed (a linked thumbnail) */
};

static bool html_is(const xmlNode *n, const char *name)
{
	return n->name != NULL && strcasecmp((const char *)n->name, name) == 0;
}

static enum html_kind html_kind_of(const xmlNode *n)
{
	return n->name != NULL
		   ? html_element_kind((const char *)n->name, strlen((const char *)n->name))
		   : HTML_INLINE;
}

/* Adds the run of text since style_start with the current style. */
static void html_close_run(struct html_walk *w)
{
	if (w->style == 0 || w->text.len <= w->style_start) {
		w->style_start = w->text.len;
		return;
	}
	if (w->nspans == w->cap) {
		w->cap = w->cap != 0 ? w->cap * 2 : 8;
		w->spans = xreallocarray(w->spans, w->cap, sizeof *w->spans);
	}
	w->spans[w->nspans++] =
	    (struct text_span){(uint32_t)w->style_start, (uint32_t)w->text.len, w->style, w->link};
	w->style_start = w->text.len;
}

/* Text into the block: collapsed white space unless in <pre>. */
static void html_put_text(struct html_walk *w, const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (!w->pre &&
		    (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) {
			/* no space at the start of the block, nor of a line a <br> began */
			w->space = w->text.len > 0 && w->text.data[w->text.len - 1] != '\n';
			continue;
		}
		if (w->space) {
			/* the space belongs to no styled run that ended before it */
			core_buf_putc(&w->text, ' ');
			w->space = false;
		}
		core_buf_putc(&w->text, (char)c);
	}
}

/* Ends the block being built (nothing when it is empty). */
static void html_flush(struct html_walk *w)
{
	html_close_run(w);
	w->space = false;
	/* cut trailing white space (not in <pre>: there only trailing newlines) */
	while (w->text.len > 0 &&
	       (w->text.data[w->text.len - 1] == ' ' || w->text.data[w->text.len - 1] == '\n'))
		w->text.data[--w->text.len] = '\0';
	if (w->text.len == 0 && w->kind != TEXT_BLOCK_RULE) {
		w->nspans = 0;
		free(w->marker);
		w->marker = NULL;
		w->style_start = 0;
		return;
	}
	char *raw = core_buf_take(&w->text);
	struct text_block *b = text_doc_add(w->doc, w->kind, raw);
	b->level = w->level;
	b->quote = w->quote;
	b->marker = w->marker;
	w->marker = NULL;
	size_t len = strlen(raw);
	for (size_t i = 0; i < w->nspans; i++) {
		struct text_span sp = w->spans[i];
		if (sp.end > len)
			sp.end = (uint32_t)len;
		text_block_add_span(b, sp.start, sp.end, sp.style, sp.link);
	}
	w->nspans = 0;
	w->style_start = 0;
	w->kind = TEXT_BLOCK_PARAGRAPH;
	w->level = 0;
}

/* An absolute, safe URL for href/src, owned; NULL for what must not be a link. */
static char *html_url(const struct html_walk *w, const char *href)
{
	if (href == NULL)
		return NULL;
	while (isspace((unsigned char)*href))
		href++;
	if (*href == '\0' || *href == '#')
		return NULL;
	static const char *const unsafe[] = {"javascript:", "data:", "vbscript:", "file:"};
	for (size_t i = 0; i < CORE_NELEM(unsafe); i++) {
		if (strncasecmp(href, unsafe[i], strlen(unsafe[i])) == 0)
			return NULL;
	}
	xmlChar *abs =
	    w->base != NULL ? xmlBuildURI((const xmlChar *)href, (const xmlChar *)w->base) : NULL;
	char *raw = xstrdup(abs != NULL ? (const char *)abs : href);
	xmlFree(abs);
	char *clean = text_clean(raw, strlen(raw), TEXT_CLEAN_LINE);
	free(raw);
	/* a blank inside a URL is one percent-encoded (text_clean made every other one a blank) */
	struct core_buf b;
	core_buf_init(&b, 0);
	for (const char *p = clean; *p != '\0'; p++) {
		if (*p == ' ')
			core_buf_puts(&b, "%20");
		else
			core_buf_putc(&b, *p);
	}
	free(clean);
	return core_buf_take(&b);
}

static char *html_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* All the text below n, collapsed to one line; owned. */
static char *html_plain(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = text_clean(c != NULL ? (const char *)c : "", c != NULL ? strlen((char *)c) : 0,
			     TEXT_CLEAN_LINE);
	xmlFree(c);
	return s;
}

/*
 * "[Ảnh: caption]" with its link number, as its own block: the link in
 * force for an image inside one (as a browser follows it), else the image's.
 */
static void html_figure(struct html_walk *w, uint32_t anchor, const char *img, const char *caption)
{
	html_flush(w);
	uint32_t link = anchor != 0 ? anchor : img != NULL ? text_doc_link(w->doc, img) : 0;
	char *label = caption != NULL && caption[0] != '\0'
			  ? xasprintf("[%s: %s]", w->image_label, caption)
			  : xasprintf("[%s]", w->image_label);
	w->kind = TEXT_BLOCK_FIGURE;
	core_buf_puts(&w->text, label);
	if (link != 0) {
		size_t start = w->text.len;
		core_buf_printf(&w->text, "[%u]", link);
		if (w->nspans == w->cap) {
			w->cap = w->cap != 0 ? w->cap * 2 : 8;
			w->spans = xreallocarray(w->spans, w->cap, sizeof *w->spans);
		}
		w->spans[w->nspans++] = (struct text_span){(uint32_t)start, (uint32_t)w->text.len,
							   TEXT_STYLE_LINK, link};
	}
	free(label);
	html_flush(w);
}

static void html_walk_children(struct html_walk *w, xmlNode *n, int depth);
static void html_walk(struct html_walk *w, xmlNode *n, int depth);

/* A length attribute in pixels ("16", "16px"); -1 when there is none or it is not one. */
static long html_px(const xmlNode *n, const char *name)
{
	char *v = html_attr(n, name);
	if (v == NULL)
		return -1;
	char *end;
	long px = strtol(v, &end, 10);
	bool ok = end != v && (*end == '\0' || strcmp(end, "px") == 0) && px >= 0;
	free(v);
	return ok ? px : -1;
}

/* Whether an image is part of the text: a smiley, an emoji, or no taller than a line. */
static bool html_img_inline(const xmlNode *n)
{
	char *cls = html_attr(n, "class");
	bool emoji =
	    cls != NULL && (strstr(cls, "wp-smiley") != NULL || strstr(cls, "emoji") != NULL);
	free(cls);
	if (emoji)
		return true;
	long w = html_px(n, "width"), h = html_px(n, "height");
	/* a line of text is some 16 to 24 pixels high */
	return (h >= 0 && h <= 32 && (w < 0 || w <= 64)) || (h < 0 && w >= 0 && w <= 32);
}

/* Whether an <a> holds no text, only images (a thumbnail's link). */
static bool html_only_images(const xmlNode *a)
{
	xmlChar *c = xmlNodeGetContent(a);
	bool blank = true;
	for (const xmlChar *p = c; p != NULL && *p != '\0' && blank; p++)
		blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
	xmlFree(c);
	return blank;
}

/* Whether url is the article's own (base), a fragment or a trailing '/' aside. */
static bool html_is_self(const struct html_walk *w, const char *url)
{
	if (w->base == NULL || url == NULL)
		return false;
	size_t a = strcspn(url, "#"), b = strcspn(w->base, "#");
	while (a > 0 && url[a - 1] == '/')
		a--;
	while (b > 0 && w->base[b - 1] == '/')
		b--;
	return a == b && strncmp(url, w->base, a) == 0;
}

/* Table rows: each <tr> a block, cells joined by tabs. */
static void html_table(struct html_walk *w, xmlNode *table, int depth)
{
	html_flush(w);
	for (xmlNode *n = table->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(n, "thead") || html_is(n, "tbody") || html_is(n, "tfoot")) {
			html_table(w, n, depth + 1);
			continue;
		}
		if (!html_is(n, "tr"))
			continue;
		struct core_buf row;
		core_buf_init(&row, 0);
		bool header = true, any = false;
		for (xmlNode *c = n->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || !(html_is(c, "td") || html_is(c, "th")))
				continue;
			if (any)
				core_buf_putc(&row, '\t');
			char *cell = html_plain(c);
			core_buf_puts(&row, cell);
			free(cell);
			header = header && html_is(c, "th");
			any = true;
		}
		if (any) {
			struct text_block *b =
			    text_doc_add(w->doc, TEXT_BLOCK_TABLE_ROW, core_buf_take(&row));
			b->level = header ? 1 : 0;
			b->quote = w->quote;
		}
		core_buf_free(&row);
	}
}

/* ---- the elements with a shape of their own: one handler each ---- */

struct html_tag;
typedef void (*html_handler)(struct html_walk *w, xmlNode *n, int depth,
			     const struct html_tag *tag);

struct html_tag {
	const char *name;
	html_handler fn;
	uint32_t style; /* inline elements: the style they add */
};

static void html_on_br(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)n, (void)depth, (void)tag;
	core_buf_putc(&w->text, '\n');
	w->space = false;
}

static void html_on_hr(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)n, (void)depth, (void)tag;
	html_flush(w);
	w->kind = TEXT_BLOCK_RULE;
	html_flush(w);
	w->kind = TEXT_BLOCK_PARAGRAPH;
}

/* An image: its alt text in the line (a smiley), a figure of its own, or the figure's. */
static void html_on_img(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)depth, (void)tag;
	char *alt = html_attr(n, "alt");
	char *cap = alt != NULL ? text_clean(alt, strlen(alt), TEXT_CLEAN_LINE) : NULL;
	free(alt);
	if (!w->in_figure && html_img_inline(n)) {
		if (cap != NULL)
			html_put_text(w, cap);
		free(cap);
		return;
	}
	char *src = html_attr(n, "src");
	char *url = html_url(w, src);
	free(src);
	if (w->link != 0)
		w->figure_link = w->link; /* the image shows the link around it */
	if (w->in_figure) {
		free(w->figure_img);
		w->figure_img = url;
		w->figure_anchor = w->link;
		if (w->figure_caption == NULL) {
			w->figure_caption = cap;
			cap = NULL;
		}
	} else {
		html_figure(w, w->link, url, cap);
		free(url);
	}
	free(cap);
}

static void html_on_figure(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)tag;
	bool outer = !w->in_figure;
	html_flush(w);
	w->in_figure = true;
	html_walk_children(w, n, depth);
	if (!outer)
		return;
	html_flush(w); /* text in the figure that is not its caption */
	if (w->figure_img != NULL || w->figure_caption != NULL)
		html_figure(w, w->figure_anchor, w->figure_img, w->figure_caption);
	free(w->figure_img);
	free(w->figure_caption);
	w->figure_img = w->figure_caption = NULL;
	w->figure_anchor = 0;
	w->in_figure = false;
}

static void html_on_block(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag);

static void html_on_figcaption(struct html_walk *w, xmlNode *n, int depth,
			       const struct html_tag *tag)
{
	if (!w->in_figure) { /* a caption outside a figure: a block like any */
		html_on_block(w, n, depth, tag);
		return;
	}
	free(w->figure_caption);
	w->figure_caption = html_plain(n);
}

static void html_on_table(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)tag;
	html_table(w, n, depth);
}

static void html_on_pre(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)tag;
	html_flush(w);
	bool was = w->pre;
	w->pre = true;
	w->kind = TEXT_BLOCK_PRE;
	html_walk_children(w, n, depth);
	html_flush(w);
	w->pre = was;
}

static void html_on_quote(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)tag;
	html_flush(w);
	w->quote++;
	html_walk_children(w, n, depth);
	html_flush(w);
	w->quote--;
}

/* A list's first number: its start attribute, held to nine digits. */
static long html_list_start(const xmlNode *n)
{
	char *start = html_attr(n, "start");
	char *end = NULL;
	long num = start != NULL ? strtol(start, &end, 10) : 1;
	if (start != NULL && end == start)
		num = 1; /* not a number: as if there were none */
	free(start);
	if (num > HTML_LIST_MAX)
		return HTML_LIST_MAX;
	return num < -HTML_LIST_MAX ? -HTML_LIST_MAX : num;
}

static void html_on_list(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)tag;
	html_flush(w);
	bool ordered = html_is(n, "ol");
	long num = html_list_start(n);
	w->list_depth++;
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !html_is(c, "li")) {
			html_walk(w, c, depth + 1);
			continue;
		}
		html_flush(w);
		static const char *const bullets[] = {"•", "◦", "▪"};
		char *marker =
		    ordered ? xasprintf("%ld.", num) : xstrdup(bullets[(w->list_depth - 1) % 3]);
		if (num < HTML_LIST_MAX)
			num++;
		w->kind = TEXT_BLOCK_LIST_ITEM;
		w->level = w->list_depth;
		free(w->marker);
		w->marker = marker;
		html_walk_children(w, c, depth);
		html_flush(w);
	}
	w->list_depth--;
}

static void html_on_heading(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	html_flush(w);
	w->kind = TEXT_BLOCK_HEADING;
	w->level = tag->name[1] - '0';
	html_walk_children(w, n, depth);
	html_flush(w);
}

/* An item outside a list. */
static void html_on_li(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)tag;
	html_flush(w);
	w->kind = TEXT_BLOCK_LIST_ITEM;
	w->level = w->list_depth > 0 ? w->list_depth : 1;
	free(w->marker);
	w->marker = xstrdup("•");
	html_walk_children(w, n, depth);
	html_flush(w);
}

/* Whether n's class list holds word ("byline"). */
static bool html_has_class(const xmlNode *n, const char *word)
{
	char *cls = html_attr(n, "class");
	bool yes = false;
	size_t len = strlen(word);
	for (const char *p = cls; p != NULL && *p != '\0' && !yes;) {
		p += strspn(p, " \t\n\r\f");
		size_t k = strcspn(p, " \t\n\r\f");
		yes = k == len && strncmp(p, word, k) == 0;
		p += k;
	}
	free(cls);
	return yes;
}

/* The blocks with no shape of their own (div, p, section...). */
static void html_on_block(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	(void)tag;
	/* a list item's own paragraphs stay in the item */
	if (w->kind != TEXT_BLOCK_LIST_ITEM)
		html_flush(w);
	/* The closing author and photo line an extracted article marks (class="byline"). */
	if (w->kind == TEXT_BLOCK_PARAGRAPH && w->quote == 0 && html_has_class(n, "byline"))
		w->kind = TEXT_BLOCK_BYLINE;
	html_walk_children(w, n, depth);
	if (w->kind != TEXT_BLOCK_LIST_ITEM)
		html_flush(w);
}

/* The link an <a> makes, owned; NULL when it makes none. */
static char *html_anchor_url(const struct html_walk *w, const xmlNode *n)
{
	char *href = html_attr(n, "href");
	char *url = html_url(w, href);
	free(href);
	if (html_is_self(w, url) && html_only_images(n)) {
		free(url); /* a thumbnail linked to the article itself: no link to show */
		return NULL;
	}
	return url;
}

/* Inline elements: the style they add, and links. */
static void html_on_inline(struct html_walk *w, xmlNode *n, int depth, const struct html_tag *tag)
{
	char *url = html_is(n, "a") ? html_anchor_url(w, n) : NULL;
	uint32_t saved_style = w->style, saved_link = w->link;
	if (w->space) { /* a pending space goes before the styled run */
		core_buf_putc(&w->text, ' ');
		w->space = false;
	}
	html_close_run(w);
	w->style |= tag != NULL ? tag->style : 0;
	if (url != NULL && w->link == 0) {
		w->link = text_doc_link(w->doc, url);
		w->style |= TEXT_STYLE_LINK;
		/* an earlier link to the same place showed nothing of this one */
		w->figure_link = 0;
	}
	html_walk_children(w, n, depth);
	/* The link's number after its text; not again alone after an image that showed it. */
	if (url != NULL && saved_link == 0 && w->link != 0 &&
	    !(w->figure_link == w->link && w->text.len == 0)) {
		core_buf_printf(&w->text, "[%u]", w->link);
		w->space = false;
	}
	html_close_run(w);
	w->style = saved_style;
	w->link = saved_link;
	free(url);
}

/* By name, for bsearch: keep it sorted. */
static const struct html_tag html_tags[] = {
    {"a", html_on_inline, 0},
    {"b", html_on_inline, TEXT_STYLE_BOLD},
    {"blockquote", html_on_quote, 0},
    {"br", html_on_br, 0},
    {"cite", html_on_inline, TEXT_STYLE_ITALIC},
    {"em", html_on_inline, TEXT_STYLE_ITALIC},
    {"figcaption", html_on_figcaption, 0},
    {"figure", html_on_figure, 0},
    {"h1", html_on_heading, 0},
    {"h2", html_on_heading, 0},
    {"h3", html_on_heading, 0},
    {"h4", html_on_heading, 0},
    {"h5", html_on_heading, 0},
    {"h6", html_on_heading, 0},
    {"hr", html_on_hr, 0},
    {"i", html_on_inline, TEXT_STYLE_ITALIC},
    {"img", html_on_img, 0},
    {"ins", html_on_inline, TEXT_STYLE_UNDERLINE},
    {"li", html_on_li, 0},
    {"ol", html_on_list, 0},
    {"pre", html_on_pre, 0},
    {"strong", html_on_inline, TEXT_STYLE_BOLD},
    {"table", html_on_table, 0},
    {"u", html_on_inline, TEXT_STYLE_UNDERLINE},
    {"ul", html_on_list, 0},
    {"var", html_on_inline, TEXT_STYLE_ITALIC},
};

static int html_tag_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct html_tag *)elem)->name);
}

static const struct html_tag *html_tag_find(const char *name)
{
	return bsearch(name, html_tags, CORE_NELEM(html_tags), sizeof html_tags[0], html_tag_cmp);
}

/* Text: cleaned node by node, so an escape sequence ends with the text it is in. */
static void html_on_text(struct html_walk *w, const xmlNode *n)
{
	if (n->content == NULL)
		return;
	const char *c = (const char *)n->content;
	size_t len = strlen(c);
	if (text_is_clean(c, len)) {
		html_put_text(w, c);
		return;
	}
	char *clean = text_clean(c, len, TEXT_CLEAN_BLOCK);
	html_put_text(w, clean);
	free(clean);
}

static void html_walk(struct html_walk *w, xmlNode *n, int depth)
{
	if (depth > HTML_MAX_DEPTH)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		html_on_text(w, n);
		return;
	}
	enum html_kind kind = n->type == XML_ELEMENT_NODE ? html_kind_of(n) : HTML_DROPPED;
	if (kind != HTML_INLINE && kind != HTML_BLOCK)
		return; /* comments, processing instructions, scripts... */
	const struct html_tag *tag = n->name != NULL ? html_tag_find((const char *)n->name) : NULL;
	if (tag != NULL)
		tag->fn(w, n, depth, tag);
	else if (kind == HTML_BLOCK)
		html_on_block(w, n, depth, NULL);
	else
		html_on_inline(w, n, depth, NULL);
}

static void html_walk_children(struct html_walk *w, xmlNode *n, int depth)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		html_walk(w, c, depth + 1);
}

struct text_doc *html_to_doc(const char *html, size_t len, const char *base, enum html_lang lang)
{
	struct html_walk w;
	memset(&w, 0, sizeof w);
	w.doc = text_doc_new();
	w.base = base != NULL && base[0] != '\0' ? base : NULL;
	w.image_label = lang == HTML_LANG_EN ? "Image" : "Ảnh";
	core_buf_init(&w.text, 0);
	/* Escape sequences go before parsing (the parser would drop their ESC and keep
	   the rest as text), each ending at markup; text nodes are cleaned as they are read. */
	char *cleaned = text_esc_strip_markup(html, len);
	/* In an element: at the top of a fragment, libxml2 puts what follows an element
	   it does not know (<figure>) inside it, so an opening image came last. */
	char *input = xasprintf("<div>%s</div>", cleaned);
	free(cleaned);
	len = strlen(input);
	if (len > INT32_MAX)
		len = INT32_MAX;
	htmlDocPtr doc =
	    htmlReadMemory(input, (int)len, base, "UTF-8",
			   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			       HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
	if (doc != NULL) {
		for (xmlNode *n = doc->children; n != NULL; n = n->next)
			html_walk(&w, n, 0);
		xmlFreeDoc(doc);
	}
	free(input);
	html_flush(&w);
	core_buf_free(&w.text);
	free(w.spans);
	free(w.marker);
	free(w.figure_img);
	free(w.figure_caption);

	/* Clean every block's text; spans are kept only where the text did not change. */
	for (size_t i = 0; i < w.doc->nblocks; i++) {
		struct text_block *b = &w.doc->blocks[i];
		char *clean = text_clean(b->text, strlen(b->text), TEXT_CLEAN_BLOCK);
		if (strcmp(clean, b->text) != 0) {
			free(b->spans);
			b->spans = NULL;
			b->nspans = 0;
		}
		free(b->text);
		b->text = clean;
	}
	return w.doc;
}

struct text_doc *html_article_doc(const char *content, const char *summary, const char *base,
				  enum html_lang lang)
{
	if (content != NULL && content[0] != '\0')
		return html_to_doc(content, strlen(content), base, lang);
	if (summary == NULL || summary[0] == '\0')
		return NULL;
	/* The summary is plain text (a "<" in it is a "<"): one paragraph of it. */
	struct text_doc *d = text_doc_new();
	text_doc_add(d, TEXT_BLOCK_PARAGRAPH,
		     text_clean(summary, strlen(summary), TEXT_CLEAN_LINE));
	return d;
}

void html_doc_related(struct text_doc *d, const char *const *titles, const char *const *urls,
		      size_t n, enum html_lang lang)
{
	if (n == 0)
		return;
	text_doc_add(d, TEXT_BLOCK_HEADING,
		     xstrdup(lang == HTML_LANG_EN ? "Other news" : "Tin khác"));
	for (size_t i = 0; i < n; i++) {
		const char *t = titles[i] != NULL && titles[i][0] != '\0' ? titles[i] : urls[i];
		char *clean = text_clean(t, strlen(t), TEXT_CLEAN_LINE);
		uint32_t link = text_doc_link(d, urls[i]);
		/* the link's number after its text, as the body's links have it */
		struct text_block *bl =
		    text_doc_add(d, TEXT_BLOCK_LIST_ITEM, xasprintf("%s[%u]", clean, link));
		bl->level = 1;
		bl->marker = xstrdup("•");
		text_block_add_span(bl, 0, (uint32_t)strlen(bl->text), TEXT_STYLE_LINK, link);
		free(clean);
	}
}

void html_doc_page_failed(struct text_doc *d, const char *why, enum html_lang lang)
{
	char *clean = text_clean(why, strlen(why), TEXT_CLEAN_LINE);
	char *line =
	    lang == HTML_LANG_EN
		? xasprintf("[The article's page could not be read (%s): this is the feed's"
			    " text.]",
			    clean)
		: xasprintf("[Không đọc được trang của bài (%s): đây là nội dung từ"
			    " nguồn tin.]",
			    clean);
	free(clean);
	struct text_block *bl = text_doc_add(d, TEXT_BLOCK_PARAGRAPH, line);
	text_block_add_span(bl, 0, (uint32_t)strlen(bl->text), TEXT_STYLE_ITALIC, 0);
	/* first: the blocks move up one */
	struct text_block first = d->blocks[d->nblocks - 1];
	memmove(&d->blocks[1], &d->blocks[0], (d->nblocks - 1) * sizeof *d->blocks);
	d->blocks[0] = first;
}
