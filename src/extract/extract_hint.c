/*
 * extract_hint.c: what a block's class and id say it is, in English and
 * Vietnamese (the portal's and the press's own names: noi-dung, tin-khac,
 * binh-luan, chia-se…), and the headings and lines that are furniture.
 *
 * A hint is matched against the class and id made one string of words
 * ("-entry-content-post-7-"): a pattern matches where a word starts with
 * it, or, marked exact, where a whole word (or words) is it.
 */
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"
#include "text.h"

struct extract_pattern {
	const char *word;
	bool exact;
};

#define EXTRACT_N(a) (sizeof(a) / sizeof((a)[0]))

static const struct extract_pattern extract_related_words[] = {
    {"related", false},       {"tin-khac", false},        {"tinkhac", false},
    {"other-news", false},    {"othernews", false},       {"lien-quan", false},
    {"lienquan", false},      {"tinlienquan", false},     {"cung-chuyen-muc", false},
    {"cungchuyenmuc", false}, {"more-news", false},       {"morenews", false},
    {"yarpp", false},         {"xem-them", false},        {"xemthem", false},
    {"more-stories", false},  {"read-more", true},        {"see-also", false},
    {"recommended", false},   {"jp-relatedposts", false},
};

/* Never the article, whatever else the element's names say. */
static const struct extract_pattern extract_junk_words[] = {
    {"comment", false},
    {"binh-luan", false},
    {"binhluan", false},
    {"y-kien", false},
    {"share", false},
    {"sharing", false},
    {"chia-se", false},
    {"chiase", false},
    {"social", false},
    {"mang-xa-hoi", false},
    {"mxh", true},
    {"print", false},
    {"in-bai", false},
    {"qr", false},
    {"addthis", false},
    {"addtoany", false},
    {"a2a", false},
    {"sidebar", false},
    {"widget", false},
    {"footer", false},
    {"breadcrumb", false},
    {"newsletter", false},
    {"subscribe", false},
    {"cookie", false},
    {"popup", false},
    {"modal", false},
    {"advert", false},
    {"adsbygoogle", false},
    {"ads", true},
    {"ad", true},
    {"banner", false},
    {"sponsor", false},
    {"promo", false},
    {"quang-cao", false},
    {"quangcao", false},
    {"tu-khoa", false},
    {"tien-ich", false},
    {"tienich", false},
    {"utilit", false},
    {"toolbar", false},
    {"rating", false},
    {"vote", false},
    {"login", false},
    {"signup", false},
    {"pagination", false},
    {"pager", true},
    {"nav-links", false},
    {"post-navigation", false},
    {"author-box", false},
    {"author-bio", false},
    {"hidden", true},
    {"sr-only", false},
    {"screen-reader", false},
    {"skip", true},
    {"masthead", false},
    {"menu", false},
    {"nav", true},
    {"navbar", false},
    {"navigation", false},
    {"nguon-tin", false},
    {"fb-", false},
    {"zalo", false},
    {"twitter", false},
    {"facebook", false},
    {"follow", false},
    {"reaction", false},
};

/* Usually not the article, unless the names also say content. */
static const struct extract_pattern extract_unlikely_words[] = {
    {"header", false},     {"top", true},      {"bottom", true},    {"foot", false},
    {"side", false},       {"extra", false},   {"meta", true},      {"community", false},
    {"disqus", false},     {"remark", false},  {"byline", false},   {"tin-moi", false},
    {"most-", false},      {"popular", false}, {"trending", false}, {"category", false},
    {"chuyen-muc", false}, {"box-", false},    {"list", true},      {"tags", true},
    {"tag", true},
};

static const struct extract_pattern extract_content_words[] = {
    {"article", false},  {"content", false}, {"entry", false},    {"post", false},
    {"story", false},    {"body", false},    {"text", false},     {"main", false},
    {"noi-dung", false}, {"noidung", false}, {"chi-tiet", false}, {"chitiet", false},
    {"detail", false},   {"fck", false},     {"news", true},      {"blog", false},
};

/* "-class words-id words-", lower case, '_' and other punctuation as '-'; owned or NULL. */
static char *extract_hint_words(const xmlNode *n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	char *cls = extract_node_attr(n, "class"), *id = extract_node_attr(n, "id");
	if (cls == NULL && id == NULL)
		return NULL;
	char *s = xasprintf("-%s-%s-", cls != NULL ? cls : "", id != NULL ? id : "");
	free(cls);
	free(id);
	for (char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 'A' && c <= 'Z')
			*p = (char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			*p = '-';
	}
	return s;
}

static bool extract_hint_match(const char *words, const struct extract_pattern *pats, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(pats[i].word);
		for (const char *p = strstr(words, pats[i].word); p != NULL;
		     p = strstr(p + 1, pats[i].word)) {
			if (p[-1] != '-')
				continue;
			if (!pats[i].exact || p[len] == '-')
				return true;
		}
	}
	return false;
}

enum extract_hint extract_hint_of(const xmlNode *n)
{
	char *words = extract_hint_words(n);
	if (words == NULL)
		return EXTRACT_HINT_NONE;
	enum extract_hint h = EXTRACT_HINT_NONE;
	bool content =
	    extract_hint_match(words, extract_content_words, EXTRACT_N(extract_content_words));
	if (extract_hint_match(words, extract_related_words, EXTRACT_N(extract_related_words)))
		h = EXTRACT_HINT_RELATED;
	else if (extract_hint_match(words, extract_junk_words, EXTRACT_N(extract_junk_words)))
		h = EXTRACT_HINT_JUNK;
	else if (content)
		h = EXTRACT_HINT_CONTENT;
	else if (extract_hint_match(words, extract_unlikely_words,
				    EXTRACT_N(extract_unlikely_words)))
		h = EXTRACT_HINT_UNLIKELY;
	free(words);
	return h;
}

int extract_hint_weight(const xmlNode *n)
{
	switch (extract_hint_of(n)) {
	case EXTRACT_HINT_CONTENT:
		return 25;
	case EXTRACT_HINT_UNLIKELY:
	case EXTRACT_HINT_JUNK:
	case EXTRACT_HINT_RELATED:
		return -25;
	default:
		return 0;
	}
}

/* The folded text (marks and case away), owned. */
static char *extract_fold(const char *text)
{
	return text_fold(text, strlen(text), NULL);
}

static bool extract_starts(const char *s, const char *const *list, size_t n, bool whole)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list[i]);
		if (strncmp(s, list[i], len) != 0)
			continue;
		if (!whole || s[len] == '\0' || s[len] == ':' || s[len] == ' ')
			return true;
	}
	return false;
}

bool extract_hint_related_heading(const char *text)
{
	static const char *const heads[] = {
	    "tin khac",        "tin lien quan",      "bai lien quan",     "tin cung chuyen muc",
	    "cung chuyen muc", "bai viet lien quan", "bai viet khac",     "xem them",
	    "doc them",        "tin cung su kien",   "related",           "more on this",
	    "more from",       "read more",          "you may also like", "you might also like",
	    "more stories",    "see also",           "recommended",       "other news",
	    "more news",       "read next",
	};
	if (strlen(text) > 60)
		return false;
	char *f = extract_fold(text);
	bool yes = extract_starts(f, heads, EXTRACT_N(heads), false);
	free(f);
	return yes;
}

bool extract_hint_furniture_text(const char *text)
{
	static const char *const lines[] = {
	    "print",
	    "in bai",
	    "in",
	    "ban in",
	    "goc",
	    "qr code",
	    "qr code:",
	    "ma qr code",
	    "chia se",
	    "share",
	    "share this",
	    "tweet",
	    "email",
	    "luu",
	    "tien ich thong tin",
	    "nguon tin",
	    "chung toi tren mang xa hoi",
	    "quay lai",
	    "ve dau trang",
	    "back to top",
	    "advertisement",
	    "quang cao",
	    "facebook",
	    "zalo",
	    "twitter",
	    "copy link",
	    "sao chep lien ket",
	    "gui email",
	    "gui bai",
	    "phan hoi",
	    "comments",
	    "binh luan",
	    "y kien ban doc",
	    "leave a reply",
	    "leave a comment",
	    "share on facebook",
	    "share on twitter",
	    "font size",
	    "co chu",
	    "a a a",
	    "a- a a+",
	    "a+ a a-",
	    "lien ket",
	};
	static const char *const starts[] = {
	    "qr code:", "ma qr code", "chia se:", "share:", "tags:", "tu khoa:", "the:"};
	if (strlen(text) > 120)
		return false;
	char *f = extract_fold(text);
	/* Trailing punctuation does not change what a line is. */
	size_t len = strlen(f);
	while (len > 0 && (f[len - 1] == ':' || f[len - 1] == '.' || f[len - 1] == ' '))
		f[--len] = '\0';
	bool yes = false;
	for (size_t i = 0; i < EXTRACT_N(lines) && !yes; i++)
		yes = strcmp(f, lines[i]) == 0;
	if (!yes)
		yes = extract_starts(f, starts, EXTRACT_N(starts), false);
	free(f);
	return yes;
}
