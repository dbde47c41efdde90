/*
 * URLs in feeds: one made absolute against a base, and every link and
 * media URL inside an item's HTML (href, src, srcset, poster, cite)
 * resolved against the base in scope for that HTML (xml:base, else the
 * document's URL), so that links and images in a shown article open.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "feed_internal.h"
#include "text.h"

/* Whether url has a scheme ("http:", "mailto:"). */
static bool feed_url_has_scheme(const char *url)
{
	if (!isalpha((unsigned char)url[0]))
		return false;
	const char *p = url + 1;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

char *feed_url_resolve(const char *url, const char *base)
{
	char *clean = feed_text_line(url != NULL ? url : "");
	if (clean[0] == '\0' || feed_url_has_scheme(clean) || base == NULL || base[0] == '\0')
		return clean;
	xmlChar *abs = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)base);
	if (abs == NULL)
		return clean;
	free(clean);
	char *out = feed_text_line((const char *)abs);
	xmlFree(abs);
	return out;
}

/* Whether url is one to resolve: relative, and not a fragment or empty. */
static bool feed_url_relative(const char *url)
{
	while (isspace((unsigned char)*url))
		url++;
	return *url != '\0' && *url != '#' && !feed_url_has_scheme(url);
}

/* An attribute value as HTML writes it, its references decoded (feed_text_ref). */
static char *feed_url_attr_decode(const char *s, size_t len)
{
	char *raw = xstrndup(s, len);
	struct core_buf b;
	core_buf_init(&b, 0);
	for (const char *p = raw; *p != '\0';) {
		size_t n = *p == '&' ? feed_text_ref(p, &b) : 0;
		if (n == 0)
			core_buf_putc(&b, *p++);
		else
			p += n;
	}
	free(raw);
	return core_buf_take(&b);
}

/* Appends url as a double-quoted attribute value. */
static void feed_url_attr_put(struct core_buf *out, const char *url)
{
	core_buf_putc(out, '"');
	for (const char *p = url; *p != '\0'; p++) {
		if (*p == '&')
			core_buf_puts(out, "&amp;");
		else if (*p == '"')
			core_buf_puts(out, "&quot;");
		else if (*p == '<')
			core_buf_puts(out, "%3C");
		else
			core_buf_putc(out, *p);
	}
	core_buf_putc(out, '"');
}

/* A srcset ("a.jpg 1x, /b.jpg 2x") with each candidate's URL resolved. */
static char *feed_url_srcset(const char *set, const char *base)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	for (const char *p = set; *p != '\0';) {
		while (isspace((unsigned char)*p) || *p == ',')
			core_buf_putc(&b, *p++);
		const char *u = p;
		while (*p != '\0' && !isspace((unsigned char)*p) && *p != ',')
			p++;
		/* a URL may hold commas ("a,b.jpg"), but never ends with one */
		while (*p == ',' && p[1] != '\0' && !isspace((unsigned char)p[1])) {
			p++;
			while (*p != '\0' && !isspace((unsigned char)*p) && *p != ',')
				p++;
		}
		if (p == u)
			continue;
		char *url = xstrndup(u, (size_t)(p - u));
		char *abs = feed_url_relative(url) ? feed_url_resolve(url, base) : url;
		core_buf_puts(&b, abs);
		if (abs != url)
			free(abs);
		free(url);
		while (*p != '\0' && *p != ',') /* the descriptor */
			core_buf_putc(&b, *p++);
	}
	return core_buf_take(&b);
}

/* Whether the attribute name s[0..len) holds a URL (or, for srcset, several). */
static int feed_url_attr_kind(const char *s, size_t len)
{
	static const char *const names[] = {"href", "src", "poster", "cite", "background"};
	if (len == 6 && strncasecmp(s, "srcset", 6) == 0)
		return 2;
	for (size_t i = 0; i < CORE_NELEM(names); i++) {
		if (strlen(names[i]) == len && strncasecmp(s, names[i], len) == 0)
			return 1;
	}
	return 0;
}

/*
 * Reads the attributes of the tag whose name ends at p, up to its '>';
 * rewrites the URL ones into out (from *copied on). Returns where it ended.
 */
static const char *feed_url_tag(const char *html, const char *p, const char *base,
				struct core_buf *out, const char **copied)
{
	for (;;) {
		while (isspace((unsigned char)*p) || *p == '/')
			p++;
		if (*p == '\0' || *p == '>')
			return p;
		const char *name = p;
		while (*p != '\0' && !isspace((unsigned char)*p) && *p != '=' && *p != '>' &&
		       *p != '/')
			p++;
		size_t name_len = (size_t)(p - name);
		if (name_len == 0) {
			p++;
			continue;
		}
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=')
			continue; /* an attribute without a value */
		p++;
		while (isspace((unsigned char)*p))
			p++;
		const char *vstart = p, *vend;
		if (*p == '"' || *p == '\'') {
			const char *close = strchr(p + 1, *p);
			if (close == NULL)
				return p + strlen(p); /* unclosed: nothing more to read */
			vstart = p + 1;
			vend = close;
			p = close + 1;
		} else {
			while (*p != '\0' && !isspace((unsigned char)*p) && *p != '>')
				p++;
			vend = p;
		}
		int kind = feed_url_attr_kind(name, name_len);
		if (kind == 0)
			continue;
		char *value = feed_url_attr_decode(vstart, (size_t)(vend - vstart));
		char *abs = NULL;
		if (kind == 2)
			abs = feed_url_srcset(value, base);
		else if (feed_url_relative(value))
			abs = feed_url_resolve(value, base);
		if (abs != NULL && strcmp(abs, value) != 0) {
			/* the value, quotes and all, becomes the resolved one */
			const char *from =
			    vstart > html && (vstart[-1] == '"' || vstart[-1] == '\'') ? vstart - 1
										       : vstart;
			if (out->data == NULL)
				core_buf_reserve(out, strlen(html) + 64);
			core_buf_append(out, *copied, (size_t)(from - *copied));
			feed_url_attr_put(out, abs);
			*copied = p;
		}
		free(abs);
		free(value);
	}
}

char *feed_url_resolve_html(char *html, const char *base)
{
	if (html == NULL || base == NULL || base[0] == '\0')
		return html;
	struct core_buf out;
	core_buf_init(&out, 0);
	const char *copied = html;
	for (const char *p = html; (p = strchr(p, '<')) != NULL;) {
		if (strncmp(p, "<!--", 4) == 0) {
			const char *end = strstr(p + 4, "-->");
			if (end == NULL)
				break;
			p = end + 3;
			continue;
		}
		p++;
		if (!isalpha((unsigned char)*p))
			continue;
		while (isalnum((unsigned char)*p) || *p == '-' || *p == ':')
			p++;
		p = feed_url_tag(html, p, base, &out, &copied);
	}
	if (out.data == NULL)
		return html; /* nothing to resolve: the same string */
	core_buf_puts(&out, copied);
	free(html);
	return core_buf_take(&out);
}
