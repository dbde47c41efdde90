/*
 * extract_profile.c: site profiles. A profile is a small text file,
 * sites/NAME.site, of "key = value" lines ('#' starts a comment): the hosts
 * it is for, or an XPath expression that tells its pages (detect), and
 * XPath expressions, evaluated by libxml2 over the parsed page, for where
 * the article's parts are (body, title, date, author, byline, figure,
 * caption, related) and what to drop; for a listing page, its items
 * (item, item-title, item-link, item-date, item-summary) and the next
 * page (next). man 5 bantin.conf documents the keys.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <libxml/xpath.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_internal.h"
#include "text.h"

#define EXTRACT_PROFILE_MAX 64 /* repeated keys (host, drop) at most */

struct extract_profile {
	char *name;
	char *hosts[EXTRACT_PROFILE_MAX];
	size_t nhosts;
	char *drop[EXTRACT_PROFILE_MAX];
	size_t ndrop;
	int offset;
	bool has_offset;
	char *detect, *body, *title, *date, *author, *byline, *figure, *caption, *related;
	char *item, *item_title, *item_link, *item_date, *item_summary, *next;
};

struct extract_profiles {
	struct extract_profile *v;
	size_t n;
};

/* The keys whose value is one XPath expression, and where it goes. */
static const struct {
	const char *key;
	size_t off;
} extract_profile_keys[] = {
#define EXTRACT_KEY(k, f)                                                                          \
	{                                                                                          \
		k, offsetof(struct extract_profile, f)                                             \
	}
    EXTRACT_KEY("detect", detect),
    EXTRACT_KEY("body", body),
    EXTRACT_KEY("title", title),
    EXTRACT_KEY("date", date),
    EXTRACT_KEY("author", author),
    EXTRACT_KEY("byline", byline),
    EXTRACT_KEY("figure", figure),
    EXTRACT_KEY("caption", caption),
    EXTRACT_KEY("related", related),
    EXTRACT_KEY("item", item),
    EXTRACT_KEY("item-title", item_title),
    EXTRACT_KEY("item-link", item_link),
    EXTRACT_KEY("item-date", item_date),
    EXTRACT_KEY("item-summary", item_summary),
    EXTRACT_KEY("next", next),
#undef EXTRACT_KEY
};

static void extract_profile_clear(struct extract_profile *p)
{
	free(p->name);
	for (size_t i = 0; i < p->nhosts; i++)
		free(p->hosts[i]);
	for (size_t i = 0; i < p->ndrop; i++)
		free(p->drop[i]);
	for (size_t i = 0; i < sizeof extract_profile_keys / sizeof extract_profile_keys[0]; i++)
		free(*(char **)((char *)p + extract_profile_keys[i].off));
}

void extract_profiles_free(struct extract_profiles *ps)
{
	if (ps == NULL)
		return;
	for (size_t i = 0; i < ps->n; i++)
		extract_profile_clear(&ps->v[i]);
	free(ps->v);
	free(ps);
}

static char *extract_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* "+07:00", "-05:30", "UTC", "Z" to seconds east of UTC. */
static bool extract_offset_parse(const char *s, int *out)
{
	if (strcmp(s, "UTC") == 0 || strcmp(s, "Z") == 0) {
		*out = 0;
		return true;
	}
	if ((s[0] != '+' && s[0] != '-') || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return false;
	int h = (s[1] - '0') * 10 + (s[2] - '0'), m = 0;
	const char *p = s + 3;
	if (*p == ':')
		p++;
	if (*p != '\0') {
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != '\0')
			return false;
		m = (p[0] - '0') * 10 + (p[1] - '0');
	}
	if (h > 14 || m > 59)
		return false;
	*out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return true;
}

/* Reads one profile file into p; false with err "FILE:LINE: what". */
static bool extract_profile_read(const char *path, const char *name, struct extract_profile *p,
				 char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		core_err_set(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return false;
	}
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	char line[4096];
	int lineno = 0;
	bool ok = true;
	while (ok && fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			core_err_set(err, errlen, "%s:%d: line too long", path, lineno);
			ok = false;
			break;
		}
		char *s = extract_trim(line);
		if (*s == '#' || *s == '\0')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			core_err_set(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
			ok = false;
			break;
		}
		*eq = '\0';
		char *key = extract_trim(s), *value = extract_trim(eq + 1);
		if (*value == '\0') {
			core_err_set(err, errlen, "%s:%d: '%s' has no value", path, lineno, key);
			ok = false;
			break;
		}
		if (strcmp(key, "host") == 0) {
			if (p->nhosts == EXTRACT_PROFILE_MAX) {
				core_err_set(err, errlen, "%s:%d: too many hosts", path, lineno);
				ok = false;
				break;
			}
			for (char *c = value; *c != '\0'; c++)
				*c = (char)tolower((unsigned char)*c);
			p->hosts[p->nhosts++] = xstrdup(value);
			continue;
		}
		if (strcmp(key, "timezone") == 0) {
			if (!extract_offset_parse(value, &p->offset)) {
				core_err_set(err, errlen,
					     "%s:%d: timezone '%s' is not an offset such as +07:00",
					     path, lineno, value);
				ok = false;
				break;
			}
			p->has_offset = true;
			continue;
		}
		char **slot = NULL;
		if (strcmp(key, "drop") == 0) {
			if (p->ndrop == EXTRACT_PROFILE_MAX) {
				core_err_set(err, errlen, "%s:%d: too many drop lines", path,
					     lineno);
				ok = false;
				break;
			}
			slot = &p->drop[p->ndrop++];
		}
		for (size_t i = 0; slot == NULL &&
				   i < sizeof extract_profile_keys / sizeof extract_profile_keys[0];
		     i++)
			if (strcmp(key, extract_profile_keys[i].key) == 0)
				slot = (char **)((char *)p + extract_profile_keys[i].off);
		if (slot == NULL) {
			core_err_set(err, errlen, "%s:%d: unknown key '%s'", path, lineno, key);
			ok = false;
			break;
		}
		xmlXPathCompExpr *c = xmlXPathCompile((const xmlChar *)value);
		if (c == NULL) {
			core_err_set(err, errlen, "%s:%d: '%s' is not an XPath expression: %s",
				     path, lineno, key, value);
			ok = false;
			break;
		}
		xmlXPathFreeCompExpr(c);
		free(*slot);
		*slot = xstrdup(value);
	}
	fclose(fp);
	if (ok && p->nhosts == 0 && p->detect == NULL) {
		core_err_set(err, errlen, "%s: no host and no detect line: no page would use it",
			     path);
		ok = false;
	}
	if (!ok)
		extract_profile_clear(p);
	return ok;
}

static int extract_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool extract_profiles_dir(struct extract_profiles *ps, const char *dir, char *err,
				 size_t errlen)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return true; /* no such directory: no profiles there */
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".site") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, extract_name_cmp);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		char *name = xstrndup(names[i], strlen(names[i]) - 5);
		bool have = false;
		for (size_t j = 0; j < ps->n && !have; j++)
			have = strcmp(ps->v[j].name, name) == 0;
		if (!have && ok) {
			char *path = core_path_join(dir, names[i]);
			struct extract_profile p;
			ok = extract_profile_read(path, name, &p, err, errlen);
			if (ok) {
				ps->v = xreallocarray(ps->v, ps->n + 1, sizeof *ps->v);
				ps->v[ps->n++] = p;
			}
			free(path);
		}
		free(name);
		free(names[i]);
	}
	free(names);
	return ok;
}

struct extract_profiles *extract_profiles_load_dirs(const char *const *dirs, size_t ndirs,
						    char *err, size_t errlen)
{
	struct extract_profiles *ps = xcalloc(1, sizeof *ps);
	for (size_t i = 0; i < ndirs; i++) {
		if (dirs[i] != NULL && !extract_profiles_dir(ps, dirs[i], err, errlen)) {
			extract_profiles_free(ps);
			return NULL;
		}
	}
	return ps;
}

struct extract_profiles *extract_profiles_load(char *err, size_t errlen)
{
	char *user = core_xdg_dir(CORE_XDG_CONFIG, NULL, 0);
	char *mine = user != NULL ? core_path_join(user, "sites") : NULL;
	const char *dirs[] = {mine, BANTIN_SITES_DIR, BANTIN_SOURCE_SITES_DIR};
	struct extract_profiles *ps =
	    extract_profiles_load_dirs(dirs, sizeof dirs / sizeof dirs[0], err, errlen);
	free(user);
	free(mine);
	return ps;
}

/* url's host in lower case, owned; NULL when it has none. */
static char *extract_host(const char *url)
{
	char *h = core_str_host(url);
	for (char *c = h; c != NULL && *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	return h;
}

static bool extract_host_matches(const struct extract_profile *p, const char *host)
{
	for (size_t i = 0; i < p->nhosts; i++) {
		const char *h = p->hosts[i];
		if (strncmp(h, "*.", 2) == 0) {
			size_t hl = strlen(host), sl = strlen(h + 1);
			if (hl > sl && strcmp(host + hl - sl, h + 1) == 0)
				return true;
		} else if (strcmp(host, h) == 0 ||
			   (strncmp(host, "www.", 4) == 0 && strcmp(host + 4, h) == 0)) {
			return true;
		}
	}
	return false;
}

static const struct extract_profile *extract_by_host(const struct extract_profiles *ps,
						     const char *url)
{
	char *host = extract_host(url);
	const struct extract_profile *found = NULL;
	for (size_t i = 0; host != NULL && ps != NULL && i < ps->n && found == NULL; i++)
		if (extract_host_matches(&ps->v[i], host))
			found = &ps->v[i];
	free(host);
	return found;
}

bool extract_profiles_has(const struct extract_profiles *ps, const char *name, const char *url)
{
	if (ps == NULL)
		return false;
	if (name == NULL)
		return extract_by_host(ps, url) != NULL;
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].name, name) == 0)
			return true;
	return false;
}

/* The result of expr over node, NULL when it fails. */
static xmlXPathObject *extract_eval(xmlDoc *doc, xmlNode *node, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	if (ctx == NULL)
		return NULL;
	if (node != NULL)
		ctx->node = node;
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	return o;
}

static bool extract_eval_bool(xmlDoc *doc, const char *expr)
{
	xmlXPathObject *o = extract_eval(doc, NULL, expr);
	bool yes = o != NULL && xmlXPathCastToBoolean(o) != 0;
	xmlXPathFreeObject(o);
	return yes;
}

/* The text expr gives over node (its first node's, or its string), owned; NULL when none. */
static char *extract_eval_text(xmlDoc *doc, xmlNode *node, const char *expr)
{
	if (expr == NULL)
		return NULL;
	xmlXPathObject *o = extract_eval(doc, node, expr);
	char *s = NULL;
	if (o != NULL && o->type == XPATH_NODESET) {
		if (o->nodesetval != NULL && o->nodesetval->nodeNr > 0)
			s = extract_node_text(o->nodesetval->nodeTab[0]);
	} else if (o != NULL) {
		xmlChar *v = xmlXPathCastToString(o);
		if (v != NULL)
			s = text_clean((const char *)v, strlen((const char *)v), TEXT_CLEAN_LINE);
		xmlFree(v);
	}
	xmlXPathFreeObject(o);
	if (s != NULL && s[0] == '\0') {
		free(s);
		s = NULL;
	}
	return s;
}

/* The element nodes expr gives (their parent element for others), owned array; their number. */
static int extract_eval_nodes(xmlDoc *doc, xmlNode *node, const char *expr, xmlNode ***out)
{
	*out = NULL;
	xmlXPathObject *o = extract_eval(doc, node, expr);
	int n = 0;
	if (o != NULL && o->type == XPATH_NODESET && o->nodesetval != NULL &&
	    o->nodesetval->nodeNr > 0) {
		*out = xreallocarray(NULL, (size_t)o->nodesetval->nodeNr, sizeof **out);
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			xmlNode *x = o->nodesetval->nodeTab[i];
			if (x->type == XML_ELEMENT_NODE)
				(*out)[n++] = x;
		}
	}
	xmlXPathFreeObject(o);
	return n;
}

/* Whether a is b or inside it. */
static bool extract_inside(const xmlNode *a, const xmlNode *b)
{
	for (; a != NULL; a = a->parent)
		if (a == b)
			return true;
	return false;
}

/* Drops every node expr gives, once (a node inside one already dropped is skipped). */
static void extract_drop_all(xmlDoc *doc, const char *expr)
{
	xmlNode **v;
	int n = extract_eval_nodes(doc, NULL, expr, &v);
	/* Unlinked first, freed after: a later node may lie inside an earlier one. */
	xmlNode **gone = n > 0 ? xreallocarray(NULL, (size_t)n, sizeof *gone) : NULL;
	int ngone = 0;
	for (int i = 0; i < n; i++) {
		bool inside = false;
		for (int j = 0; j < ngone && !inside; j++)
			inside = extract_inside(v[i], gone[j]);
		if (inside || v[i]->parent == NULL || v[i] == xmlDocGetRootElement(doc))
			continue;
		xmlUnlinkNode(v[i]);
		gone[ngone++] = v[i];
	}
	for (int j = 0; j < ngone; j++)
		xmlFreeNode(gone[j]);
	free(gone);
	free(v);
}

const struct extract_profile *extract_profile_find(const struct extract_profiles *ps,
						   const char *site, const char *url, xmlDoc *doc)
{
	if (ps == NULL)
		return NULL;
	if (site != NULL) {
		for (size_t i = 0; i < ps->n; i++)
			if (strcmp(ps->v[i].name, site) == 0)
				return &ps->v[i];
		return NULL;
	}
	const struct extract_profile *p = extract_by_host(ps, url);
	for (size_t i = 0; p == NULL && doc != NULL && i < ps->n; i++)
		if (ps->v[i].detect != NULL && extract_eval_bool(doc, ps->v[i].detect))
			p = &ps->v[i];
	return p;
}

const char *extract_profile_name(const struct extract_profile *p)
{
	return p != NULL ? p->name : "generic";
}

int extract_profile_offset(const struct extract_profile *p, const char *url)
{
	if (p != NULL && p->has_offset)
		return p->offset;
	char *host = extract_host(url);
	size_t n = host != NULL ? strlen(host) : 0;
	bool vn = n > 3 && strcmp(host + n - 3, ".vn") == 0;
	free(host);
	return vn ? 7 * 3600 : 0;
}

bool extract_profile_apply(const struct extract_profile *p, xmlDoc *doc, const char *base,
			   struct core_buf *seen, struct extract_article *a, xmlNode **body,
			   char **byline)
{
	*body = NULL;
	*byline = NULL;
	bool related = false;
	if (p->related != NULL) {
		xmlNode **v;
		int n = extract_eval_nodes(doc, NULL, p->related, &v);
		for (int i = 0; i < n; i++) {
			char *href = extract_node_attr(v[i], "href");
			if (href == NULL) {
				/* An item holding its link. */
				xmlNode **links;
				int k = extract_eval_nodes(doc, v[i], ".//a[@href]", &links);
				for (int j = 0; j < k; j++) {
					char *h = extract_node_attr(links[j], "href");
					extract_related_add(a, seen, extract_node_text(links[j]),
							    extract_url(h, base), base);
					free(h);
				}
				free(links);
				continue;
			}
			char *title = extract_node_text(v[i]);
			if (title[0] == '\0') {
				free(title);
				title = extract_node_attr(v[i], "title");
			}
			extract_related_add(a, seen, title, extract_url(href, base), base);
			free(href);
		}
		free(v);
		related = true;
	}
	int offset = extract_profile_offset(p, base);
	if (a->title == NULL)
		a->title = extract_eval_text(doc, NULL, p->title);
	if (p->date != NULL) {
		char *d = extract_eval_text(doc, NULL, p->date);
		int64_t t;
		if (d != NULL && extract_date_parse(d, offset, &t))
			a->published = t;
		free(d);
	}
	if (p->author != NULL)
		a->author = extract_eval_text(doc, NULL, p->author);
	if (p->byline != NULL) {
		*byline = extract_eval_text(doc, NULL, p->byline);
		if (a->author == NULL && *byline != NULL)
			a->author = xstrdup(*byline);
		extract_drop_all(doc, p->byline);
	}
	/* Figures and captions are marked before anything is dropped. */
	if (p->figure != NULL) {
		xmlNode **v;
		int n = extract_eval_nodes(doc, NULL, p->figure, &v);
		for (int i = 0; i < n; i++) {
			xmlSetProp(v[i], (const xmlChar *)"data-bantin-figure",
				   (const xmlChar *)"");
			if (p->caption != NULL) {
				xmlNode **c;
				int k = extract_eval_nodes(doc, v[i], p->caption, &c);
				if (k > 0)
					xmlSetProp(c[0], (const xmlChar *)"data-bantin-caption",
						   (const xmlChar *)"");
				free(c);
			}
		}
		free(v);
	}
	if (p->related != NULL)
		extract_drop_all(doc, p->related);
	for (size_t i = 0; i < p->ndrop; i++)
		extract_drop_all(doc, p->drop[i]);
	if (p->body != NULL) {
		xmlNode **v;
		int n = extract_eval_nodes(doc, NULL, p->body, &v);
		if (n > 0)
			*body = v[0];
		free(v);
	}
	return related;
}

static void extract_listing_add(struct extract_listing *l, char *title, char *url, char *summary,
				int64_t t)
{
	for (size_t i = 0; i < l->nitems; i++)
		if (strcmp(l->items[i].url, url) == 0) {
			free(title);
			free(url);
			free(summary);
			return;
		}
	l->items = xreallocarray(l->items, l->nitems + 1, sizeof *l->items);
	l->items[l->nitems] = (struct extract_item){title, url, summary, t};
	l->nitems++;
}

bool extract_profile_listing(const struct extract_profile *p, xmlDoc *doc, const char *base,
			     int offset, struct extract_listing *out)
{
	if (p == NULL || p->item == NULL)
		return false;
	xmlNode **v;
	int n = extract_eval_nodes(doc, NULL, p->item, &v);
	for (int i = 0; i < n; i++) {
		char *link = extract_eval_text(
		    doc, v[i], p->item_link != NULL ? p->item_link : "string(.//a/@href)");
		char *url = extract_url(link, base);
		free(link);
		char *title =
		    extract_eval_text(doc, v[i], p->item_title != NULL ? p->item_title : ".//a");
		if (url == NULL || !extract_url_web(url) || title == NULL) {
			free(url);
			free(title);
			continue;
		}
		char *summary = extract_eval_text(doc, v[i], p->item_summary);
		int64_t t = EXTRACT_NO_TIME;
		char *d = extract_eval_text(doc, v[i], p->item_date);
		if (d != NULL && !extract_date_parse(d, offset, &t))
			t = EXTRACT_NO_TIME;
		free(d);
		extract_listing_add(out, title, url, summary, t);
	}
	free(v);
	if (p->next != NULL) {
		char *next = extract_eval_text(doc, NULL, p->next);
		out->next = extract_url(next, base);
		free(next);
		if (out->next != NULL && !extract_url_web(out->next)) {
			free(out->next);
			out->next = NULL;
		}
	}
	return true;
}
