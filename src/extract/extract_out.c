/*
 * extract_out.c: the body out, as cleaned HTML and as plain text, with its
 * images. Only the elements an article is made of are written (paragraphs,
 * headings, lists, quotes, tables, figures, links, emphasis), with only
 * the attributes that carry meaning (href, src, alt, colspan, rowspan),
 * URLs absolute and http(s) only; other elements give their content. Text
 * is cleaned node by node (text_clean: NFC, no controls or escapes).
 *
 * A figure is a <figure>, an element the profile marked, a WordPress
 * .wp-caption, or a small table holding one image and its caption; it is
 * written as <figure><img><figcaption>, its caption a paragraph of the text.
 */
#include <string.h>

#include "extract_internal.h"
#include "text.h"

struct extract_out {
	struct core_buf html, text, para;
	const char *base;
	struct extract_article *a;
	int row; /* cells written in the table row being read, -1 outside one */
	int pre; /* inside pre */
};

/* The paragraph read so far goes into the text, white space collapsed. */
static void extract_flush(struct extract_out *o)
{
	struct core_buf line;
	core_buf_init(&line, 0);
	bool space = false, any = false;
	for (const char *p = core_buf_str(&o->para); *p != '\0'; p++) {
		char c = *p;
		if (c == '\n' && any) {
			/* A line break (br) stays, the spaces around it go. */
			while (line.len > 0 && core_buf_str(&line)[line.len - 1] == ' ')
				line.len--;
			core_buf_putc(&line, '\n');
			space = false;
			any = false;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = any;
			continue;
		}
		if (c == '\x1f') { /* a table cell's end */
			core_buf_putc(&line, '\t');
			space = false;
			any = false;
			continue;
		}
		if (space)
			core_buf_putc(&line, ' ');
		space = false;
		any = true;
		core_buf_putc(&line, c);
	}
	while (line.len > 0 && (core_buf_str(&line)[line.len - 1] == '\n' ||
				core_buf_str(&line)[line.len - 1] == '\t' ||
				core_buf_str(&line)[line.len - 1] == ' '))
		line.len--;
	if (line.data != NULL)
		line.data[line.len] = '\0';
	const char *s = core_buf_str(&line);
	while (*s == '\n' || *s == '\t')
		s++;
	if (*s != '\0') {
		if (o->text.len > 0)
			core_buf_puts(&o->text, "\n\n");
		core_buf_puts(&o->text, s);
	}
	core_buf_free(&line);
	core_buf_reset(&o->para);
}

/* The image's URL: a lazy loader's real one before a placeholder. */
static char *extract_img_url(const xmlNode *img, const char *base)
{
	static const char *const attrs[] = {"data-src", "data-lazy-src", "data-original",
					    "data-orig-file", "src"};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		char *v = extract_node_attr(img, attrs[i]);
		char *u = extract_url(v, base);
		free(v);
		if (u != NULL && extract_url_web(u))
			return u;
		free(u);
	}
	return NULL;
}

static void extract_add_image(struct extract_out *o, char *url, const char *caption)
{
	struct extract_article *a = o->a;
	for (size_t i = 0; i < a->nimages; i++)
		if (strcmp(a->images[i].url, url) == 0) {
			free(url);
			return;
		}
	a->images = xreallocarray(a->images, a->nimages + 1, sizeof *a->images);
	a->images[a->nimages].url = url;
	a->images[a->nimages].caption =
	    caption != NULL && caption[0] != '\0' ? xstrdup(caption) : NULL;
	a->nimages++;
}

static void extract_img_html(struct extract_out *o, const xmlNode *img, const char *url)
{
	core_buf_puts(&o->html, "<img src=\"");
	core_buf_xml(&o->html, url, true);
	core_buf_puts(&o->html, "\"");
	char *alt = extract_node_attr(img, "alt");
	if (alt != NULL) {
		char *clean = text_clean(alt, strlen(alt), TEXT_CLEAN_LINE);
		if (clean[0] != '\0') {
			core_buf_puts(&o->html, " alt=\"");
			core_buf_xml(&o->html, clean, true);
			core_buf_puts(&o->html, "\"");
		}
		free(clean);
		free(alt);
	}
	core_buf_puts(&o->html, ">");
}

static bool extract_has_class(const xmlNode *n, const char *word)
{
	char *cls = extract_node_attr(n, "class");
	bool yes = cls != NULL && strstr(cls, word) != NULL;
	free(cls);
	return yes;
}

static void extract_find(xmlNode *n, const char *name, xmlNode **out, int *count, int depth)
{
	if (depth > 64)
		return;
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, name) == 0) {
			if (*count == 0)
				*out = c;
			(*count)++;
		}
		extract_find(c, name, out, count, depth + 1);
	}
}

/* The element of n marked as the caption, a figcaption, or one named caption. */
static xmlNode *extract_caption_of(xmlNode *n, int depth)
{
	if (depth > 64)
		return NULL;
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlHasProp(c, (const xmlChar *)"data-bantin-caption") != NULL ||
		    extract_node_is(c, "figcaption") ||
		    (!extract_node_is(c, "img") && extract_has_class(c, "caption")))
			return c;
		xmlNode *f = extract_caption_of(c, depth + 1);
		if (f != NULL)
			return f;
	}
	return NULL;
}

/* The element after n, skipping blank text. */
static xmlNode *extract_next_element(xmlNode *n)
{
	xmlNode *s = n->next;
	while (s != NULL && s->type != XML_ELEMENT_NODE) {
		if (s->type == XML_TEXT_NODE && s->content != NULL &&
		    strspn((const char *)s->content, " \t\r\n") != strlen((const char *)s->content))
			return NULL;
		s = s->next;
	}
	return s;
}

/* Whether n is only emphasis: a caption line in italics ("<p><em>Quang cảnh Hội nghị.</em></p>").
 */
static bool extract_only_emphasis(xmlNode *n)
{
	bool em = false;
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (c->content != NULL && strspn((const char *)c->content, " \t\r\n") !=
						      strlen((const char *)c->content))
				return false;
		} else if (extract_node_is(c, "em") || extract_node_is(c, "i")) {
			em = true;
		} else if (c->type == XML_ELEMENT_NODE && !extract_node_is(c, "br")) {
			return false;
		}
	}
	return em;
}

/* An image's caption in the line after it: [<br>] <em>caption</em> (old pages' way). */
static xmlNode *extract_caption_inline(xmlNode *img)
{
	xmlNode *s = extract_next_element(img);
	if (s != NULL && extract_node_is(s, "br"))
		s = extract_next_element(s);
	if (s != NULL && (extract_node_is(s, "em") || extract_node_is(s, "i")) &&
	    extract_node_text_len(s) > 0 && extract_node_text_len(s) < 400)
		return s;
	return NULL;
}

/*
 * The caption written after a figure rather than in it: the element after
 * it the profile marked, or a short paragraph only in italics after an
 * image alone in its paragraph.
 */
static xmlNode *extract_caption_after(xmlNode *n)
{
	xmlNode *s = extract_next_element(n);
	if (s == NULL)
		return NULL;
	if (xmlHasProp(s, (const xmlChar *)"data-bantin-caption") != NULL)
		return s;
	if (extract_node_is(s, "p") && extract_only_emphasis(s) && extract_node_text_len(s) < 400 &&
	    extract_node_text_len(n) == 0)
		return s;
	return NULL;
}

/* Whether n is a figure (see the top of this file). */
static bool extract_is_figure(xmlNode *n)
{
	if (extract_node_is(n, "figure") ||
	    xmlHasProp(n, (const xmlChar *)"data-bantin-figure") != NULL)
		return true;
	if (!extract_node_is(n, "div") && !extract_node_is(n, "table") && !extract_node_is(n, "p"))
		return false;
	xmlNode *img = NULL;
	int imgs = 0;
	extract_find(n, "img", &img, &imgs, 0);
	if (imgs != 1)
		return false;
	if (extract_node_is(n, "p") && extract_node_text_len(n) == 0 &&
	    extract_caption_after(n) != NULL)
		return true;
	if (extract_has_class(n, "wp-caption") || extract_has_class(n, "image") ||
	    extract_has_class(n, "photo") || extract_has_class(n, "figure"))
		return true;
	/* A small table of an image and a line under it (the press's captioned photos). */
	if (extract_node_is(n, "table")) {
		int rows = 0;
		xmlNode *tr = NULL;
		extract_find(n, "tr", &tr, &rows, 0);
		return rows >= 1 && rows <= 3 && extract_node_text_len(n) < 400;
	}
	return false;
}

static void extract_walk(struct extract_out *o, xmlNode *n, int depth);

static void extract_figure(struct extract_out *o, xmlNode *n)
{
	xmlNode *cap = extract_caption_of(n, 0);
	char *caption = NULL;
	xmlNode *after = cap != NULL                 ? NULL
			 : extract_node_is(n, "img") ? extract_caption_inline(n)
						     : extract_caption_after(n);
	if (after != NULL) {
		/* A line break between the image and its caption goes with them. */
		xmlNode *br = extract_next_element(n);
		if (br != NULL && br != after && extract_node_is(br, "br"))
			extract_node_drop(br);
		caption = extract_node_text(after);
		extract_node_drop(after);
	} else if (cap != NULL) {
		caption = extract_node_text(cap);
	} else if (!extract_node_is(n, "figure") || extract_node_text_len(n) > 0) {
		/* A figure's text besides its image is its caption. */
		caption = extract_node_text(n);
	}
	xmlNode *img = NULL;
	int imgs = 0;
	if (extract_node_is(n, "img"))
		img = n;
	else
		extract_find(n, "img", &img, &imgs, 0);
	char *url = img != NULL ? extract_img_url(img, o->base) : NULL;
	if (url == NULL && (caption == NULL || caption[0] == '\0')) {
		free(caption);
		return;
	}
	extract_flush(o);
	core_buf_puts(&o->html, "<figure>");
	if (url != NULL)
		extract_img_html(o, img, url);
	if (caption != NULL && caption[0] != '\0') {
		core_buf_puts(&o->html, "<figcaption>");
		core_buf_xml(&o->html, caption, false);
		core_buf_puts(&o->html, "</figcaption>");
		core_buf_puts(&o->para, caption);
		extract_flush(o);
	}
	core_buf_puts(&o->html, "</figure>\n");
	if (url != NULL)
		extract_add_image(o, url, caption);
	free(caption);
}

/* Sorted: elements written as they are, and which are blocks of the text. */
struct extract_kept {
	const char *name;
	bool block;
};

static const struct extract_kept extract_kept[] = {
    {"abbr", false},  {"b", false},   {"blockquote", true}, {"caption", true}, {"cite", false},
    {"code", false},  {"dd", true},   {"del", false},       {"dl", true},      {"dt", true},
    {"em", false},    {"h1", true},   {"h2", true},         {"h3", true},      {"h4", true},
    {"h5", true},     {"h6", true},   {"hr", true},         {"i", false},      {"ins", false},
    {"kbd", false},   {"li", true},   {"mark", false},      {"ol", true},      {"p", true},
    {"pre", true},    {"q", false},   {"s", false},         {"small", false},  {"strong", false},
    {"sub", false},   {"sup", false}, {"table", true},      {"tbody", false},  {"td", false},
    {"tfoot", false}, {"th", false},  {"thead", false},     {"time", false},   {"tr", true},
    {"u", false},     {"ul", true},
};

static int extract_kept_cmp(const void *key, const void *el)
{
	return strcmp(key, ((const struct extract_kept *)el)->name);
}

static void extract_children(struct extract_out *o, xmlNode *n, int depth)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		extract_walk(o, c, depth + 1);
}

static void extract_walk(struct extract_out *o, xmlNode *n, int depth)
{
	if (depth > 200)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content == NULL)
			return;
		const char *raw = (const char *)n->content;
		char *t = text_clean(raw, strlen(raw), TEXT_CLEAN_BLOCK);
		core_buf_xml(&o->html, t, false);
		if (o->pre == 0) {
			for (char *p = t; *p != '\0'; p++)
				if (*p == '\n')
					*p = ' ';
		}
		core_buf_puts(&o->para, t);
		free(t);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || n->name == NULL)
		return;
	const char *name = (const char *)n->name;
	if (extract_is_figure(n)) {
		extract_figure(o, n);
		return;
	}
	if (strcmp(name, "img") == 0 && extract_caption_inline(n) != NULL) {
		extract_figure(o, n);
		return;
	}
	if (strcmp(name, "img") == 0) {
		char *url = extract_img_url(n, o->base);
		if (url != NULL) {
			extract_img_html(o, n, url);
			extract_add_image(o, url, NULL);
		}
		return;
	}
	if (strcmp(name, "br") == 0) {
		core_buf_puts(&o->html, "<br>");
		core_buf_putc(&o->para, '\n');
		return;
	}
	if (strcmp(name, "a") == 0) {
		char *href = extract_node_attr(n, "href");
		char *url = extract_url(href, o->base);
		free(href);
		if (url != NULL && extract_url_web(url)) {
			core_buf_puts(&o->html, "<a href=\"");
			core_buf_xml(&o->html, url, true);
			core_buf_puts(&o->html, "\">");
			extract_children(o, n, depth);
			core_buf_puts(&o->html, "</a>");
		} else {
			extract_children(o, n, depth);
		}
		free(url);
		return;
	}
	const struct extract_kept *k =
	    bsearch(name, extract_kept, sizeof extract_kept / sizeof extract_kept[0],
		    sizeof extract_kept[0], extract_kept_cmp);
	if (k == NULL) {
		/* A block of its own text only is a paragraph; other elements give their content.
		 */
		bool para = false;
		if (extract_node_is_block(n)) {
			para = true;
			for (xmlNode *c = n->children; c != NULL && para; c = c->next)
				para = !extract_node_is_block(c);
			para = para && extract_node_text_len(n) > 0;
		}
		if (para) {
			extract_flush(o);
			core_buf_puts(&o->html, "<p>");
			extract_children(o, n, depth);
			core_buf_puts(&o->html, "</p>\n");
			extract_flush(o);
		} else {
			if (extract_node_is_block(n))
				extract_flush(o);
			extract_children(o, n, depth);
			if (extract_node_is_block(n))
				extract_flush(o);
		}
		return;
	}
	bool cell = strcmp(name, "td") == 0 || strcmp(name, "th") == 0;
	if (k->block)
		extract_flush(o);
	if (cell && o->row > 0)
		core_buf_putc(&o->para, '\x1f');
	/* Headings of the article start at h2: h1 is its title. */
	const char *tag = strcmp(name, "h1") == 0 ? "h2" : name;
	core_buf_printf(&o->html, "<%s", tag);
	if (cell) {
		static const char *const spans[] = {"colspan", "rowspan"};
		for (size_t i = 0; i < 2; i++) {
			char *v = extract_node_attr(n, spans[i]);
			long long x;
			if (v != NULL && core_parse_number(v, 2, 1000, &x))
				core_buf_printf(&o->html, " %s=\"%lld\"", spans[i], x);
			free(v);
		}
	}
	core_buf_puts(&o->html, ">");
	if (strcmp(name, "hr") == 0)
		return;
	int row = o->row;
	if (strcmp(name, "tr") == 0)
		o->row = 0;
	if (strcmp(name, "pre") == 0)
		o->pre++;
	extract_children(o, n, depth);
	if (strcmp(name, "pre") == 0)
		o->pre--;
	if (cell && o->row >= 0)
		o->row++;
	if (strcmp(name, "tr") == 0)
		o->row = row;
	core_buf_printf(&o->html, "</%s>", tag);
	if (k->block) {
		core_buf_putc(&o->html, '\n');
		extract_flush(o);
	}
}

void extract_out(xmlNode *root, const char *base, const char *byline, struct extract_article *a)
{
	struct extract_out o = {.base = base, .a = a, .row = -1};
	core_buf_init(&o.html, 0);
	core_buf_init(&o.text, 0);
	core_buf_init(&o.para, 0);
	if (root != NULL)
		extract_children(&o, root, 0);
	extract_flush(&o);
	if (byline != NULL && byline[0] != '\0') {
		core_buf_puts(&o.html, "<p class=\"byline\">");
		core_buf_xml(&o.html, byline, false);
		core_buf_puts(&o.html, "</p>\n");
		core_buf_puts(&o.para, byline);
		extract_flush(&o);
	}
	a->html = core_buf_take(&o.html);
	a->text = core_buf_take(&o.text);
	core_buf_free(&o.para);
}
