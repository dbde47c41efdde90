/*
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), and the
 * WordPress REST API's list of posts (/wp-json/wp/v2/posts, with _embed for
 * the authors' and categories' names), with json-c.
 * The document is small next to XML feeds and bounded by the size limit;
 * json-c's nesting limit (32) stays on.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "feed_input.h"
#include "feed_internal.h"
#include "text.h"

/* A member that is a string (or a number, for ids), owned; NULL otherwise. */
static char *fj_str(json_object *obj, const char *key)
{
	json_object *v;
	if (obj == NULL || !json_object_object_get_ex(obj, key, &v))
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return xstrdup(json_object_get_string(v));
	if (json_object_is_type(v, json_type_int))
		return xasprintf("%lld", (long long)json_object_get_int64(v));
	return NULL;
}

static json_object *fj_get(json_object *obj, const char *key, json_type type)
{
	json_object *v;
	if (obj == NULL || !json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

/* The first author's name: "authors" (1.1) or "author" (1.0). */
static char *fj_author(json_object *obj)
{
	json_object *authors = fj_get(obj, "authors", json_type_array);
	if (authors != NULL && json_object_array_length(authors) > 0)
		return fj_str(json_object_array_get_idx(authors, 0), "name");
	return fj_str(fj_get(obj, "author", json_type_object), "name");
}

static void fj_item(json_object *it, const char *base, const char *html_base, feed_item_cb cb,
		    void *arg)
{
	struct feed_raw raw;
	memset(&raw, 0, sizeof raw);
	raw.id = fj_str(it, "id");
	raw.title = fj_str(it, "title");
	raw.title_is_text = true;
	raw.link = fj_str(it, "url");
	if (raw.link == NULL)
		raw.link = fj_str(it, "external_url");
	raw.author = fj_author(it);
	raw.published = fj_str(it, "date_published");
	raw.updated = fj_str(it, "date_modified");
	raw.summary = fj_str(it, "summary");
	if (raw.summary != NULL) {
		char *h = feed_text_to_html(raw.summary);
		free(raw.summary);
		raw.summary = h;
	}
	raw.content = fj_str(it, "content_html");
	if (raw.content == NULL) {
		char *text = fj_str(it, "content_text");
		if (text != NULL) {
			raw.content = feed_text_to_html(text);
			free(text);
		}
	}
	json_object *tags = fj_get(it, "tags", json_type_array);
	for (size_t i = 0; tags != NULL && i < json_object_array_length(tags); i++) {
		json_object *t = json_object_array_get_idx(tags, i);
		if (json_object_is_type(t, json_type_string))
			feed_raw_add_category(&raw, xstrdup(json_object_get_string(t)));
	}
	json_object *att = fj_get(it, "attachments", json_type_array);
	for (size_t i = 0; att != NULL && i < json_object_array_length(att); i++) {
		json_object *a = json_object_array_get_idx(att, i);
		char *url = fj_str(a, "url");
		if (url == NULL)
			continue;
		char *type = fj_str(a, "mime_type");
		json_object *size = fj_get(a, "size_in_bytes", json_type_int);
		feed_raw_add_enclosure(&raw, url, type != NULL ? type : xstrdup(""),
				       size != NULL ? json_object_get_int64(size) : -1);
	}
	struct feed_item item;
	feed_item_build(&raw, base, html_base, &item);
	feed_raw_free(&raw);
	cb(&item, arg);
	feed_item_free(&item);
}

/* ---- the WordPress REST API's posts (/wp-json/wp/v2/posts): an array of post objects ---- */

/* A post's "title": {"rendered": "..."} (or a plain string), owned; NULL when none. */
static char *fj_rendered(json_object *obj, const char *key)
{
	json_object *v = fj_get(obj, key, json_type_object);
	return v != NULL ? fj_str(v, "rendered") : fj_str(obj, key);
}

/* A date of the REST API, given in UTC without a zone ("2022-12-29T09:05:00"), owned. */
static char *fj_gmt(json_object *obj, const char *key)
{
	char *s = fj_str(obj, key);
	if (s == NULL || s[0] == '\0' || strchr(s, 'Z') != NULL || strchr(s, '+') != NULL) {
		return s;
	}
	char *z = xasprintf("%sZ", s);
	free(s);
	return z;
}

/* Whether root is the REST API's list of posts: an array of objects with a link and a title. */
static bool fj_is_wp_posts(json_object *root)
{
	if (!json_object_is_type(root, json_type_array))
		return false;
	size_t n = json_object_array_length(root);
	if (n == 0)
		return true; /* a page past the last has none */
	json_object *first = json_object_array_get_idx(root, 0);
	return json_object_is_type(first, json_type_object) &&
	       fj_get(first, "link", json_type_string) != NULL &&
	       fj_get(first, "title", json_type_object) != NULL;
}

static void fj_wp_post(json_object *it, const char *base, feed_item_cb cb, void *arg)
{
	struct feed_raw raw;
	memset(&raw, 0, sizeof raw);
	raw.id = fj_rendered(it, "guid");
	raw.title = fj_rendered(it, "title");
	raw.link = fj_str(it, "link");
	raw.published = fj_gmt(it, "date_gmt");
	raw.updated = fj_gmt(it, "modified_gmt");
	raw.summary = fj_rendered(it, "excerpt");
	raw.content = fj_rendered(it, "content");
	/* With _embed: the author's name and the categories' names. */
	json_object *emb = fj_get(it, "_embedded", json_type_object);
	json_object *authors = fj_get(emb, "author", json_type_array);
	if (authors != NULL && json_object_array_length(authors) > 0)
		raw.author = fj_str(json_object_array_get_idx(authors, 0), "name");
	json_object *terms = fj_get(emb, "wp:term", json_type_array);
	for (size_t i = 0; terms != NULL && i < json_object_array_length(terms); i++) {
		json_object *group = json_object_array_get_idx(terms, i);
		for (size_t k = 0; json_object_is_type(group, json_type_array) &&
				   k < json_object_array_length(group);
		     k++) {
			json_object *t = json_object_array_get_idx(group, k);
			char *tax = fj_str(t, "taxonomy");
			if (tax != NULL && strcmp(tax, "category") == 0) {
				char *name = fj_str(t, "name");
				if (name != NULL)
					feed_raw_add_category(&raw, name);
			}
			free(tax);
		}
	}
	struct feed_item item;
	feed_item_build(&raw, base, base, &item);
	feed_raw_free(&raw);
	cb(&item, arg);
	feed_item_free(&item);
}

/* The posts of the REST API into items; the site is the URL's scheme and host. */
static enum feed_status fj_wp_posts(json_object *root, const struct feed_parse_opts *opts,
				    struct feed_info *info, feed_item_cb cb, void *arg)
{
	info->format = FEED_FORMAT_WPREST;
	info->title = xstrdup("");
	info->description = xstrdup("");
	info->language = xstrdup("");
	const char *u = opts->url != NULL ? opts->url : "";
	const char *rest = strstr(u, "/wp-json/");
	info->link = rest != NULL ? xstrndup(u, (size_t)(rest - u) + 1) : xstrdup("");
	const char *base = opts->url;
	for (size_t i = 0; i < json_object_array_length(root); i++) {
		json_object *it = json_object_array_get_idx(root, i);
		if (json_object_is_type(it, json_type_object))
			fj_wp_post(it, base, cb, arg);
	}
	return FEED_OK;
}

enum feed_status feed_json_parse(struct feed_input *in, const struct feed_parse_opts *opts,
				 struct feed_info *info, feed_item_cb cb, void *arg, char *err,
				 size_t errlen)
{
	json_tokener *tok = json_tokener_new();
	json_object *root = NULL;
	enum json_tokener_error jerr = json_tokener_continue;
	char chunk[16384];
	size_t n;
	while (root == NULL && jerr == json_tokener_continue &&
	       (n = feed_input_read(in, chunk, sizeof chunk)) > 0) {
		root = json_tokener_parse_ex(tok, chunk, (int)n);
		jerr = json_tokener_get_error(tok);
	}
	json_tokener_free(tok);
	if (root == NULL || jerr != json_tokener_success) {
		core_err_set(err, errlen, "not a feed (broken JSON: %s)",
			     jerr == json_tokener_continue ? "it ends too soon"
							   : json_tokener_error_desc(jerr));
		json_object_put(root);
		return FEED_ERROR;
	}
	if (fj_is_wp_posts(root)) {
		enum feed_status st = fj_wp_posts(root, opts, info, cb, arg);
		json_object_put(root);
		return st;
	}
	char *version = fj_str(root, "version");
	if (version == NULL || strncmp(version, "https://jsonfeed.org/version/", 29) != 0) {
		core_err_set(err, errlen, "not a feed (JSON, but not a JSON Feed)");
		free(version);
		json_object_put(root);
		return FEED_ERROR;
	}
	free(version);
	info->format = FEED_FORMAT_JSONFEED;
	char *title = fj_str(root, "title"), *home = fj_str(root, "home_page_url");
	char *desc = fj_str(root, "description"), *lang = fj_str(root, "language");
	info->title = feed_cap_line(feed_text_line(title));
	info->link = feed_url_resolve(home, opts->url);
	info->description = feed_text_line(desc);
	info->language = feed_text_line(lang);
	free(title);
	free(home);
	free(desc);
	free(lang);

	const char *base = info->link[0] != '\0' ? info->link : opts->url;
	const char *html_base = opts->url != NULL && opts->url[0] != '\0' ? opts->url : base;
	json_object *items = fj_get(root, "items", json_type_array);
	for (size_t i = 0; items != NULL && i < json_object_array_length(items); i++) {
		json_object *it = json_object_array_get_idx(items, i);
		if (json_object_is_type(it, json_type_object))
			fj_item(it, base, html_base, cb, arg);
	}
	json_object_put(root);
	return FEED_OK;
}
