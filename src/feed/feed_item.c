/*
 * Items as they are read (raw) and as they leave the module (clean), and
 * the text helpers both formats share: plain titles, URLs.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "feed_internal.h"
#include "text.h"

void feed_raw_set(char **slot, int *slot_prio, char *value, int prio)
{
	if (value == NULL)
		return;
	if (*slot != NULL && (prio <= *slot_prio || value[0] == '\0')) {
		free(value);
		return;
	}
	free(*slot);
	*slot = value;
	*slot_prio = prio;
}

void feed_raw_add_category(struct feed_raw *raw, char *value)
{
	raw->categories = xreallocarray(raw->categories, raw->ncategories + 1, sizeof(char *));
	raw->categories[raw->ncategories++] = value;
}

void feed_raw_add_enclosure(struct feed_raw *raw, char *url, char *type, int64_t length)
{
	for (size_t i = 0; i < raw->nenclosures; i++) {
		if (strcmp(raw->enclosures[i].url, url) == 0) { /* the same file twice */
			free(url);
			free(type);
			return;
		}
	}
	raw->enclosures =
	    xreallocarray(raw->enclosures, raw->nenclosures + 1, sizeof *raw->enclosures);
	raw->enclosures[raw->nenclosures++] = (struct feed_enclosure){url, type, length};
}

void feed_raw_free(struct feed_raw *raw)
{
	free(raw->id);
	free(raw->title);
	free(raw->link);
	free(raw->author);
	free(raw->summary);
	free(raw->content);
	free(raw->published);
	free(raw->updated);
	free(raw->link_base);
	free(raw->summary_base);
	free(raw->content_base);
	for (size_t i = 0; i < raw->ncategories; i++)
		free(raw->categories[i]);
	free(raw->categories);
	for (size_t i = 0; i < raw->nenclosures; i++) {
		free(raw->enclosures[i].url);
		free(raw->enclosures[i].type);
	}
	free(raw->enclosures);
	memset(raw, 0, sizeof *raw);
}

/* Appends code point cp to b as UTF-8 (U+FFFD for what is not a character). */
static void feed_put_cp(struct core_buf *b, long cp)
{
	if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	char enc[4];
	core_buf_append(b, enc, text_utf8_encode((int32_t)cp, enc));
}

long feed_ref_value(const char *name)
{
	if (name[0] == '#') {
		size_t len = strlen(name), used;
		long v = text_ref_number(name, len, &used);
		return used == len ? v : -1;
	}
	if (strcmp(name, "apos") == 0)
		return '\'';
	const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
	return e != NULL ? (long)e->value : -1;
}

size_t feed_text_ref(const char *s, struct core_buf *b)
{
	size_t n = 1;
	while (n < 12 && (isalnum((unsigned char)s[n]) || (n == 1 && s[n] == '#')))
		n++;
	if (n == 1 || s[n] != ';')
		return 0;
	char name[16];
	memcpy(name, s + 1, n - 1);
	name[n - 1] = '\0';
	long v = feed_ref_value(name);
	if (v < 0)
		return 0;
	feed_put_cp(b, v);
	return n + 1;
}

/* Whether the tag whose name starts at s separates words (<br>, <p>, </div>...). */
static bool feed_tag_breaks(const char *s)
{
	static const char *const blocks[] = {
	    "br", "p",  "div", "li", "ul", "ol", "tr",         "td",    "th",      "h1",
	    "h2", "h3", "h4",  "h5", "h6", "hr", "blockquote", "table", "section", "article"};
	if (*s == '/')
		s++;
	size_t n = 0;
	while (isalnum((unsigned char)s[n]))
		n++;
	for (size_t i = 0; i < CORE_NELEM(blocks); i++) {
		if (strlen(blocks[i]) == n && strncasecmp(s, blocks[i], n) == 0)
			return true;
	}
	return false;
}

char *feed_text_plain(const char *s)
{
	if (s == NULL)
		return xstrdup("");
	if (strpbrk(s, "<&") == NULL)
		return text_clean(s, strlen(s), TEXT_CLEAN_LINE);
	struct core_buf b;
	core_buf_init(&b, 0);
	for (const char *p = s; *p != '\0';) {
		if (*p == '<' &&
		    (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?')) {
			/* A tag: skip it, quotes and all; it separates words. */
			char quote = 0;
			const char *q = p + 1;
			for (; *q != '\0'; q++) {
				if (quote != 0) {
					if (*q == quote)
						quote = 0;
				} else if (*q == '"' || *q == '\'') {
					quote = *q;
				} else if (*q == '>') {
					break;
				}
			}
			if (*q == '\0') { /* no '>': a plain '<' after all */
				core_buf_putc(&b, *p++);
				continue;
			}
			if (feed_tag_breaks(p + 1))
				core_buf_putc(&b, ' ');
			p = q + 1;
			continue;
		}
		if (*p == '&') {
			size_t n = feed_text_ref(p, &b);
			if (n != 0) {
				p += n;
				continue;
			}
		}
		core_buf_putc(&b, *p++);
	}
	char *out = text_clean(core_buf_str(&b), b.len, TEXT_CLEAN_LINE);
	core_buf_free(&b);
	return out;
}

char *feed_text_to_html(const char *s)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	for (; *s != '\0'; s++) {
		if (*s == '&')
			core_buf_puts(&b, "&amp;");
		else if (*s == '<')
			core_buf_puts(&b, "&lt;");
		else if (*s == '>')
			core_buf_puts(&b, "&gt;");
		else if (*s == '\n')
			core_buf_puts(&b, "<br>\n");
		else
			core_buf_putc(&b, *s);
	}
	return core_buf_take(&b);
}

char *feed_text_line(const char *s)
{
	return s != NULL ? text_clean(s, strlen(s), TEXT_CLEAN_LINE) : xstrdup("");
}

/* "editor@site.vn (Nguyễn Hải)" → "Nguyễn Hải"; other names as they are. */
static char *feed_author_name(const char *raw)
{
	char *line = feed_text_plain(raw);
	size_t n = strlen(line);
	char *open = strchr(line, '(');
	if (open != NULL && n > 0 && line[n - 1] == ')' &&
	    memchr(line, '@', (size_t)(open - line))) {
		char *inner = xstrndup(open + 1, (size_t)(line + n - 1 - open - 1));
		char *name = feed_text_line(inner);
		free(inner);
		if (name[0] != '\0') {
			free(line);
			return name;
		}
		free(name);
	}
	return line;
}

/* A date field, or FEED_NO_DATE. */
static int64_t feed_raw_date(const char *s)
{
	int64_t t;
	return s != NULL && feed_date_parse(s, &t) ? t : FEED_NO_DATE;
}

/* s[0..*len) without its leading and trailing white space: where it starts, and *len. */
static const char *feed_trim(const char *s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)*s)) {
		s++;
		(*len)--;
	}
	while (*len > 0 && isspace((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

/* A summary: HTML as given, cleaned but for tabs and newlines; leading/trailing space cut. */
static char *feed_text_block(const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;
	s = feed_trim(s != NULL ? s : "", &len);
	return text_clean(s, len, TEXT_CLEAN_BLOCK);
}

/*
 * A body's HTML, taken from *s, leading/trailing space cut, otherwise as
 * given (valid UTF-8: the reader makes it so): what shows it cleans what
 * it shows (html_to_doc, html_text), so bodies are not cleaned twice.
 */
static char *feed_html_block(char **s)
{
	char *h = *s;
	*s = NULL;
	if (h == NULL)
		return xstrdup("");
	size_t len = strlen(h);
	const char *start = feed_trim(h, &len);
	memmove(h, start, len);
	h[len] = '\0';
	return h;
}

/*
 * A line of text (title, author, category) at most FEED_LINE_MAX cells,
 * cut at a cluster with "…": a feed's 9 MiB title is no title anyone reads,
 * and every list and search would carry it.
 */
char *feed_cap_line(char *s)
{
	if (strlen(s) <= FEED_LINE_MAX) /* a cell takes a byte at least */
		return s;
	char *cut = text_fit(s, FEED_LINE_MAX, "…", false);
	free(s);
	return cut;
}

/* A link or an id: one longer than FEED_LINK_MAX bytes is no usable link, so none (""). */
static char *feed_cap_link(char *s)
{
	if (strlen(s) <= FEED_LINK_MAX)
		return s;
	free(s);
	return xstrdup("");
}

void feed_item_build(struct feed_raw *raw, const char *base, const char *html_base,
		     struct feed_item *item)
{
	memset(item, 0, sizeof *item);
	/* Atom says when a title is plain text; elsewhere it may hold markup. */
	item->title = feed_cap_line(raw->title_is_text ? feed_text_line(raw->title)
						       : feed_text_plain(raw->title));
	const char *link_base = raw->link_base != NULL ? raw->link_base : base;
	item->link = feed_cap_link(feed_url_resolve(raw->link, link_base));
	item->id = feed_cap_link(feed_text_line(raw->id));
	if (item->id[0] == '\0') {
		free(item->id);
		item->id = xstrdup(item->link);
	}
	item->author =
	    raw->author != NULL ? feed_cap_line(feed_author_name(raw->author)) : xstrdup("");
	item->published = feed_raw_date(raw->published);
	item->updated = feed_raw_date(raw->updated);
	item->summary =
	    feed_url_resolve_html(feed_text_block(raw->summary),
				  raw->summary_base != NULL ? raw->summary_base : html_base);
	item->content =
	    feed_url_resolve_html(feed_html_block(&raw->content),
				  raw->content_base != NULL ? raw->content_base : html_base);

	item->categories = xreallocarray(NULL, raw->ncategories, sizeof(char *));
	for (size_t i = 0; i < raw->ncategories; i++) {
		char *c = feed_cap_line(feed_text_plain(raw->categories[i]));
		bool dup = c[0] == '\0';
		for (size_t k = 0; k < item->ncategories && !dup; k++)
			dup = strcmp(item->categories[k], c) == 0;
		if (dup)
			free(c);
		else
			item->categories[item->ncategories++] = c;
	}
	item->enclosures = xreallocarray(NULL, raw->nenclosures, sizeof *item->enclosures);
	for (size_t i = 0; i < raw->nenclosures; i++) {
		struct feed_enclosure *e = &item->enclosures[item->nenclosures];
		e->url = feed_cap_link(feed_url_resolve(raw->enclosures[i].url, link_base));
		if (e->url[0] == '\0') {
			free(e->url);
			continue;
		}
		e->type = feed_text_line(raw->enclosures[i].type);
		e->length = raw->enclosures[i].length;
		item->nenclosures++;
	}
}

void feed_item_free(struct feed_item *item)
{
	free(item->id);
	free(item->title);
	free(item->link);
	free(item->author);
	free(item->summary);
	free(item->content);
	for (size_t i = 0; i < item->ncategories; i++)
		free(item->categories[i]);
	free(item->categories);
	for (size_t i = 0; i < item->nenclosures; i++) {
		free(item->enclosures[i].url);
		free(item->enclosures[i].type);
	}
	free(item->enclosures);
	memset(item, 0, sizeof *item);
}
