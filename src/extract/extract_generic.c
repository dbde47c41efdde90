/*
 * extract_generic.c: the article of a page no profile knows, in the manner
 * of readability. The page's related-articles boxes are taken apart first;
 * hidden elements, furniture (share, print, QR, comments, menus, footers)
 * and unlikely blocks go; runs of text directly in a block become
 * paragraphs; each paragraph scores its ancestors (1, a comma each, a
 * point a hundred characters up to three; the parent all of it, the
 * grandparent half, further ones less), which start from what their tag
 * and class say; a candidate's score is cut by its link density. The best
 * candidate (climbing to a parent that scores nearly as well) is gathered
 * with its siblings that score, or read as prose, and what inside it is
 * not article (link lists, forms, empty and furniture blocks, the title
 * again) is dropped.
 */
#include <libxml/xpath.h>
#include <math.h>
#include <string.h>

#include "extract_internal.h"
#include "text.h"

/* ---- the related list ---- */

void extract_related_add(struct extract_article *a, struct core_buf *seen, char *title, char *url,
			 const char *self)
{
	bool keep = title != NULL && url != NULL && extract_url_web(url) &&
		    text_width_str(title) >= 8 && !extract_hint_related_heading(title);
	if (keep && self != NULL) {
		size_t n = strcspn(url, "#"), m = strcspn(self, "#");
		keep = !(n == m && strncmp(url, self, n) == 0);
	}
	if (keep) {
		char *key = xasprintf("\n%s\n", url);
		keep = strstr(core_buf_str(seen), key) == NULL;
		if (keep)
			core_buf_printf(seen, "%s\n", url);
		free(key);
	}
	if (!keep) {
		free(title);
		free(url);
		return;
	}
	a->related = xreallocarray(a->related, a->nrelated + 1, sizeof *a->related);
	a->related[a->nrelated].title = title;
	a->related[a->nrelated].url = url;
	a->nrelated++;
}

/* Takes the links of box into a's related list. */
static void extract_related_box(xmlNode *box, const char *base, struct core_buf *seen,
				struct extract_article *a, int depth)
{
	if (depth > 64)
		return;
	for (xmlNode *c = box->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_node_is(c, "a")) {
			char *href = extract_node_attr(c, "href");
			char *url = extract_url(href, base);
			free(href);
			char *title = extract_node_text(c);
			if (title[0] == '\0') {
				free(title);
				title = extract_node_attr(c, "title");
			}
			extract_related_add(a, seen, title, url, base);
		} else {
			extract_related_box(c, base, seen, a, depth + 1);
		}
	}
}

/* Links in n (a elements with an href). */
static int extract_links(const xmlNode *n, int depth)
{
	int k = 0;
	if (depth > 64)
		return 0;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_node_is(c, "a") && xmlHasProp(c, (const xmlChar *)"href") != NULL)
			k++;
		else
			k += extract_links(c, depth + 1);
	}
	return k;
}

static double extract_link_density(const xmlNode *n)
{
	size_t len = extract_node_text_len(n);
	return len == 0 ? 0.0 : (double)extract_node_link_len(n) / (double)len;
}

static bool extract_is_heading(const xmlNode *n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return false;
	const char *s = (const char *)n->name;
	return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0';
}

/* The elements never dropped for their class: they are the page's frame or its article. */
static bool extract_protected(const xmlNode *n)
{
	if (extract_node_is(n, "html") || extract_node_is(n, "body") ||
	    extract_node_is(n, "article") || extract_node_is(n, "main"))
		return true;
	char *ip = extract_node_attr(n, "itemprop");
	bool yes = ip != NULL && strstr(ip, "articleBody") != NULL;
	free(ip);
	return yes;
}

/* Whether n holds the page's article element (an article, main or articleBody). */
static bool extract_holds_article(const xmlNode *n, int depth)
{
	if (depth > 64)
		return false;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_protected(c) || extract_holds_article(c, depth + 1))
			return true;
	}
	return false;
}

/* A box of links under a heading that names it ("Tin khác"): the box, else NULL. */
static xmlNode *extract_related_of_heading(xmlNode *h)
{
	char *t = extract_node_text(h);
	bool named = extract_hint_related_heading(t);
	free(t);
	if (!named)
		return NULL;
	for (xmlNode *s = h->next; s != NULL; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (extract_links(s, 0) >= 2)
			return s;
		break;
	}
	xmlNode *p = h->parent;
	if (p != NULL && !extract_protected(p) && extract_links(p, 0) >= 2 &&
	    extract_link_density(p) > 0.5)
		return p;
	return NULL;
}

static void extract_related_walk(xmlNode *n, const char *base, struct core_buf *seen,
				 struct extract_article *a, int depth)
{
	if (depth > 256)
		return;
	xmlNode *next;
	for (xmlNode *c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!extract_protected(c) && extract_hint_of(c) == EXTRACT_HINT_RELATED &&
		    extract_links(c, 0) >= 1) {
			extract_related_box(c, base, seen, a, 0);
			extract_node_drop(c);
			continue;
		}
		bool heading = extract_is_heading(c) || extract_node_is(c, "strong") ||
			       extract_node_is(c, "b") || extract_node_is(c, "span") ||
			       extract_node_is(c, "p") || extract_node_is(c, "div");
		xmlNode *box = heading && extract_node_text_len(c) <= 60 && extract_links(c, 0) <= 1
				   ? extract_related_of_heading(c)
				   : NULL;
		if (box != NULL) {
			extract_related_box(box, base, seen, a, 0);
			if (box == c->parent) {
				/* The box holds the heading: it goes with everything after. */
				extract_node_drop(box);
				return;
			}
			if (next == box)
				next = box->next;
			extract_node_drop(box);
			extract_node_drop(c);
			continue;
		}
		extract_related_walk(c, base, seen, a, depth + 1);
	}
}

void extract_generic_related(xmlDoc *doc, const char *base, struct core_buf *seen,
			     struct extract_article *a)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root != NULL)
		extract_related_walk(root, base, seen, a, 0);
}

/* ---- pruning ---- */

static bool extract_hidden(const xmlNode *n)
{
	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		return true;
	char *v = extract_node_attr(n, "aria-hidden");
	bool yes = v != NULL && strcmp(v, "true") == 0;
	free(v);
	if (yes)
		return true;
	v = extract_node_attr(n, "style");
	if (v != NULL) {
		for (char *p = v; *p != '\0'; p++)
			if (*p == ' ')
				memmove(p, p + 1, strlen(p));
		yes = strstr(v, "display:none") != NULL || strstr(v, "visibility:hidden") != NULL;
	}
	free(v);
	return yes;
}

/* Sorted, for bsearch: what is never article. */
static const char *const extract_dropped[] = {
    "applet",   "aside",  "audio",  "button", "canvas", "dialog", "embed",    "footer",
    "form",     "iframe", "input",  "link",   "map",    "menu",   "meta",     "nav",
    "noscript", "object", "script", "select", "style",  "svg",    "template", "textarea",
};

static bool extract_is_dropped(const xmlNode *n)
{
	return extract_node_in(n, extract_dropped,
			       sizeof extract_dropped / sizeof extract_dropped[0]);
}

/* The ARIA roles of what is not article (readability's). */
static bool extract_role_unlikely(const xmlNode *n)
{
	static const char *const roles[] = {"menu",  "menubar",     "complementary", "navigation",
					    "alert", "alertdialog", "dialog"};
	char *r = extract_node_attr(n, "role");
	bool yes = false;
	for (size_t i = 0; r != NULL && i < sizeof roles / sizeof roles[0] && !yes; i++)
		yes = strcmp(r, roles[i]) == 0;
	free(r);
	return yes;
}

static void extract_prune_walk(xmlNode *n, int pass, int depth)
{
	if (depth > 256)
		return;
	xmlNode *next;
	for (xmlNode *c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			extract_node_drop(c);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		bool prot = extract_protected(c) || extract_holds_article(c, 0);
		if (!prot && (extract_is_dropped(c) || extract_hidden(c))) {
			/* An aside or footer the page names content stays, and a form
			   wrapping the page (ASP.NET's) is no form to drop. */
			bool wrapper = extract_node_is(c, "form") &&
				       extract_node_text_len(c) > 1000 &&
				       extract_link_density(c) < 0.5;
			if (!wrapper &&
			    !((extract_node_is(c, "aside") || extract_node_is(c, "footer")) &&
			      extract_hint_of(c) == EXTRACT_HINT_CONTENT)) {
				extract_node_drop(c);
				continue;
			}
		}
		if (!prot) {
			enum extract_hint h = extract_hint_of(c);
			if (extract_role_unlikely(c) && !(pass & EXTRACT_PASS_KEEP_UNLIKELY)) {
				extract_node_drop(c);
				continue;
			}
			if ((h == EXTRACT_HINT_JUNK && !(pass & EXTRACT_PASS_KEEP_JUNK)) ||
			    h == EXTRACT_HINT_RELATED) {
				extract_node_drop(c);
				continue;
			}
			if (h == EXTRACT_HINT_UNLIKELY && !(pass & EXTRACT_PASS_KEEP_UNLIKELY) &&
			    (extract_node_text_len(c) < 200 || extract_link_density(c) > 0.3)) {
				extract_node_drop(c);
				continue;
			}
			if ((extract_node_is_block(c) || extract_node_is(c, "a") ||
			     extract_node_is(c, "span")) &&
			    extract_node_text_len(c) <= 60) {
				char *t = extract_node_text(c);
				bool furniture = t[0] != '\0' && extract_hint_furniture_text(t);
				free(t);
				if (furniture) {
					extract_node_drop(c);
					continue;
				}
			}
		}
		extract_prune_walk(c, pass, depth + 1);
	}
}

void extract_generic_prune(xmlNode *root, int pass)
{
	extract_prune_walk(root, pass, 0);
}

/* ---- paragraphs ---- */

static bool extract_blank(const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE) {
		for (const xmlChar *p = n->content; p != NULL && *p != '\0'; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				return false;
		return true;
	}
	return n->type != XML_ELEMENT_NODE || extract_node_is(n, "br");
}

/*
 * Runs of text and inline elements directly in a block that also holds
 * blocks become paragraphs of their own (a br pair ends one), so that
 * text written between divs, or with br for paragraphs, is scored and
 * kept as paragraphs.
 */
static void extract_paragraphs(xmlNode *n, int depth)
{
	if (depth > 256)
		return;
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !extract_node_is(c, "p") &&
		    !extract_node_is(c, "pre") && !extract_is_heading(c))
			extract_paragraphs(c, depth + 1);
	if (!extract_node_is(n, "div") && !extract_node_is(n, "section") &&
	    !extract_node_is(n, "article") && !extract_node_is(n, "main") &&
	    !extract_node_is(n, "td") && !extract_node_is(n, "body") &&
	    !extract_node_is(n, "blockquote") && !extract_node_is(n, "center") &&
	    !extract_node_is(n, "header") && !extract_node_is(n, "font") &&
	    !extract_node_is(n, "span"))
		return;
	bool blocks = false, runs = false;
	int brs = 0;
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (extract_node_is_block(c))
			blocks = true;
		else if (extract_node_is(c, "br"))
			brs++;
		else if (!extract_blank(c))
			runs = true;
	}
	if (!runs || (!blocks && brs < 2))
		return;
	xmlNode *p = NULL;
	xmlNode *next;
	for (xmlNode *c = n->children; c != NULL; c = next) {
		next = c->next;
		bool br_pair =
		    extract_node_is(c, "br") && next != NULL &&
		    (extract_node_is(next, "br") || (extract_blank(next) && next->next != NULL &&
						     extract_node_is(next->next, "br")));
		if (extract_node_is_block(c) || br_pair) {
			p = NULL;
			continue;
		}
		if (p == NULL) {
			if (extract_blank(c))
				continue;
			p = xmlNewNode(NULL, (const xmlChar *)"p");
			xmlAddPrevSibling(c, p);
		}
		xmlUnlinkNode(c);
		xmlAddChild(p, c);
	}
}

/* ---- scoring ---- */

struct extract_score {
	xmlNode *node;
	double score;
};

struct extract_scores {
	struct extract_score *v;
	size_t n, cap;
};

/* The node's score record, made (with its tag's and class's start) on first use. */
static struct extract_score *extract_score_of(struct extract_scores *s, xmlNode *n, int pass)
{
	if (n->_private != NULL)
		return &s->v[(size_t)n->_private - 1];
	if (s->n == s->cap) {
		s->cap = s->cap != 0 ? s->cap * 2 : 64;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	double base = 0;
	const char *name = (const char *)n->name;
	if (strcmp(name, "div") == 0 || strcmp(name, "article") == 0 ||
	    strcmp(name, "section") == 0 || strcmp(name, "main") == 0)
		base = 5;
	else if (strcmp(name, "pre") == 0 || strcmp(name, "td") == 0 ||
		 strcmp(name, "blockquote") == 0)
		base = 3;
	else if (strcmp(name, "address") == 0 || strcmp(name, "ol") == 0 ||
		 strcmp(name, "ul") == 0 || strcmp(name, "dl") == 0 || strcmp(name, "dd") == 0 ||
		 strcmp(name, "dt") == 0 || strcmp(name, "li") == 0 || strcmp(name, "form") == 0)
		base = -3;
	else if (extract_is_heading(n) || strcmp(name, "th") == 0)
		base = -5;
	if (!(pass & EXTRACT_PASS_NO_WEIGHT))
		base += extract_hint_weight(n);
	if (extract_protected(n) && !extract_node_is(n, "body") && !extract_node_is(n, "html"))
		base += extract_node_is(n, "article") || extract_node_is(n, "main") ? 10 : 50;
	s->v[s->n].node = n;
	s->v[s->n].score = base;
	s->n++;
	n->_private = (void *)s->n;
	return &s->v[s->n - 1];
}

static void extract_score_walk(struct extract_scores *s, xmlNode *n, int pass, int depth)
{
	if (depth > 256)
		return;
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		bool para = extract_node_is(c, "p") || extract_node_is(c, "pre");
		if (!para && (extract_node_is(c, "div") || extract_node_is(c, "section") ||
			      extract_node_is(c, "td"))) {
			para = true;
			for (xmlNode *g = c->children; g != NULL && para; g = g->next)
				para = !extract_node_is_block(g);
		}
		if (para) {
			size_t len = extract_node_text_len(c);
			if (len >= 25 && c->parent != NULL && c->parent->type == XML_ELEMENT_NODE) {
				double score = 1.0 + extract_node_commas(c) +
					       fmin(floor((double)len / 100.0), 3.0);
				int level = 0;
				for (xmlNode *a = c->parent;
				     a != NULL && a->type == XML_ELEMENT_NODE && level < 5;
				     a = a->parent, level++) {
					double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
					extract_score_of(s, a, pass)->score += score / div;
				}
			}
			if (!extract_node_is(c, "td"))
				continue;
		}
		extract_score_walk(s, c, pass, depth + 1);
	}
}

static double extract_final(struct extract_scores *s, xmlNode *n)
{
	if (n->_private == NULL)
		return 0;
	return s->v[(size_t)n->_private - 1].score * (1.0 - extract_link_density(n));
}

static void extract_clear(struct extract_scores *s)
{
	for (size_t i = 0; i < s->n; i++)
		s->v[i].node->_private = NULL;
	free(s->v);
}

/* Whether a sibling reads as prose: long with few links, or a short sentence with none. */
static bool extract_prose(xmlNode *n)
{
	if (!extract_node_is(n, "p"))
		return false;
	size_t len = extract_node_text_len(n);
	double ld = extract_link_density(n);
	if (len > 80 && ld < 0.25)
		return true;
	if (len == 0 || ld > 0)
		return false;
	char *t = extract_node_text(n);
	size_t tl = strlen(t);
	bool sentence = tl > 0 && (t[tl - 1] == '.' || strstr(t, ". ") != NULL);
	free(t);
	return sentence;
}

xmlNode *extract_generic_body(xmlDoc *doc, int pass)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root == NULL)
		return NULL;
	extract_paragraphs(root, 0);
	struct extract_scores s = {0};
	extract_score_walk(&s, root, pass, 0);
	xmlNode *top = NULL;
	double best = 0;
	for (size_t i = 0; i < s.n; i++) {
		double f = extract_final(&s, s.v[i].node);
		if (top == NULL || f > best) {
			top = s.v[i].node;
			best = f;
		}
	}
	if (top == NULL) {
		extract_clear(&s);
		return NULL;
	}
	/* A parent scoring better than what is under it holds more of the article. */
	double last = best, floor_ = best / 3;
	for (xmlNode *p = top->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
				       !extract_node_is(p, "body") && !extract_node_is(p, "html");
	     p = p->parent) {
		if (p->_private == NULL)
			continue;
		double ps = extract_final(&s, p);
		if (ps < floor_)
			break;
		if (ps > last) {
			top = p;
			best = ps;
			break;
		}
		last = ps;
	}
	xmlNode *parent = top->parent;
	if (parent == NULL || parent->type != XML_ELEMENT_NODE || extract_node_is(top, "body")) {
		extract_clear(&s);
		return top;
	}
	/* Its siblings that score, or read as prose, join it. */
	double threshold = fmax(10.0, best * 0.2);
	char *top_class = extract_node_attr(top, "class");
	xmlNode *box = xmlNewNode(NULL, (const xmlChar *)"div");
	xmlAddPrevSibling(top, box);
	xmlNode *next;
	for (xmlNode *c = parent->children; c != NULL; c = next) {
		next = c->next;
		if (c == box || c->type != XML_ELEMENT_NODE)
			continue;
		bool join = c == top;
		if (!join) {
			double bonus = 0;
			char *cls = extract_node_attr(c, "class");
			if (cls != NULL && top_class != NULL && cls[0] != '\0' &&
			    strcmp(cls, top_class) == 0)
				bonus = best * 0.2;
			free(cls);
			join = (c->_private != NULL && extract_final(&s, c) + bonus >= threshold) ||
			       extract_prose(c);
		}
		if (join) {
			xmlUnlinkNode(c);
			xmlAddChild(box, c);
		}
	}
	free(top_class);
	extract_clear(&s);
	return box;
}

/* ---- cleaning ---- */

static int extract_count(const xmlNode *n, const char *name, int depth)
{
	int k = 0;
	if (depth > 64)
		return 0;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, name) == 0)
			k++;
		k += extract_count(c, name, depth + 1);
	}
	return k;
}

/* Whether n (a table, list or div) is not article: readability's conditional cleaning. */
static bool extract_not_article(xmlNode *n)
{
	int weight = extract_hint_weight(n);
	if (weight < 0)
		return true;
	if (extract_node_commas(n) >= 10)
		return false;
	size_t len = extract_node_text_len(n);
	int p = extract_count(n, "p", 0), img = extract_count(n, "img", 0);
	int input = extract_count(n, "input", 0);
	double ld = extract_link_density(n);
	bool list = extract_node_is(n, "ul") || extract_node_is(n, "ol");
	bool table = extract_node_is(n, "table");
	if (input > p / 3)
		return true;
	if (len < 25 && (img == 0 || img > 2) && !table)
		return extract_count(n, "video", 0) == 0 && extract_count(n, "picture", 0) == 0;
	if (weight < 25 && ld > (list ? 0.33 : table ? 0.5 : 0.2))
		return true;
	if (weight >= 25 && ld > 0.5)
		return true;
	return false;
}

static void extract_clean_walk(xmlNode *n, const char *title_folded, int pass, int depth)
{
	if (depth > 256)
		return;
	xmlNode *next;
	for (xmlNode *c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_node_is(c, "header") && extract_node_text_len(c) < 400) {
			/* The article's header: title, byline, date, which the page's metadata
			 * gave. */
			extract_node_drop(c);
			continue;
		}
		extract_clean_walk(c, title_folded, pass, depth + 1);
		if (extract_node_is(c, "div") || extract_node_is(c, "section") ||
		    extract_node_is(c, "ul") || extract_node_is(c, "ol") ||
		    extract_node_is(c, "table")) {
			if (!(pass & EXTRACT_PASS_NO_CLEAN) && extract_not_article(c))
				extract_node_drop(c);
			continue;
		}
		if (extract_is_heading(c) || extract_node_is(c, "p")) {
			char *t = extract_node_text(c);
			bool drop = false;
			if (t[0] == '\0')
				drop = extract_count(c, "img", 0) == 0 &&
				       extract_count(c, "picture", 0) == 0 &&
				       extract_count(c, "video", 0) == 0;
			else if (extract_hint_furniture_text(t))
				drop = true;
			else if (extract_is_heading(c) && title_folded != NULL) {
				char *f = text_fold(t, strlen(t), NULL);
				drop = strcmp(f, title_folded) == 0;
				free(f);
			} else if (extract_is_heading(c) && extract_hint_weight(c) < 0)
				drop = true;
			free(t);
			if (drop)
				extract_node_drop(c);
		}
	}
}

/* The first block of the body when it is the title again, with at most a date line after it. */
static void extract_title_again(xmlNode *body, const char *folded)
{
	xmlNode *first = body->children;
	while (first != NULL && first->type != XML_ELEMENT_NODE)
		first = first->next;
	/* Down through wrappers to the first paragraph. */
	while (first != NULL && !extract_node_is(first, "p") && !extract_is_heading(first) &&
	       first->children != NULL) {
		xmlNode *c = first->children;
		while (c != NULL && c->type != XML_ELEMENT_NODE)
			c = c->next;
		first = c;
	}
	if (first == NULL || extract_node_text_len(first) > strlen(folded) + 40)
		return;
	char *t = extract_node_text(first);
	char *f = text_fold(t, strlen(t), NULL);
	if (strncmp(f, folded, strlen(folded)) == 0)
		extract_node_drop(first);
	free(f);
	free(t);
}

void extract_generic_clean(xmlNode *body, const char *title, int pass)
{
	char *folded = title != NULL ? text_fold(title, strlen(title), NULL) : NULL;
	if (folded != NULL && folded[0] != '\0')
		extract_title_again(body, folded);
	extract_clean_walk(body, folded, pass, 0);
	free(folded);
}
