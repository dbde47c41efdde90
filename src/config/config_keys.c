/*
 * config_keys.c: the settings file's key language. Key names ("j", "C-f",
 * "M-x", "F5", "PageDown"), the views a binding can name, the reader's
 * actions (config_actions.def) and the bindings they make: the defaults,
 * written in the same key names and read by the same parser as a user's
 * bind lines, then what the user's lines change.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "core.h"
#include "text.h"

const struct config_action config_actions[CONFIG_ACT_COUNT] = {
#define CONFIG_ACTION(id, name, views, keys, help, help_vi) {name, views, keys, help, help_vi},
#include "config_actions.def"
#undef CONFIG_ACTION
};

/* Other names of actions: the scrolling words, and newsboat's names for the same action. */
static const struct {
	const char *name;
	enum config_action_id act;
} config_action_aliases[] = {
    {"scroll-down", CONFIG_ACT_DOWN},
    {"scroll-up", CONFIG_ACT_UP},
    {"pagedown", CONFIG_ACT_PAGE_DOWN},
    {"pageup", CONFIG_ACT_PAGE_UP},
    {"home", CONFIG_ACT_TOP},
    {"end", CONFIG_ACT_BOTTOM},
    {"next", CONFIG_ACT_NEXT_ARTICLE},
    {"prev", CONFIG_ACT_PREV_ARTICLE},
    {"reload", CONFIG_ACT_REFRESH_FEED},
    {"reload-all", CONFIG_ACT_REFRESH_ALL},
    {"mark-feed-read", CONFIG_ACT_MARK_ALL_READ},
    {"mark-all-feeds-read", CONFIG_ACT_MARK_EVERYTHING_READ},
    {"toggle-article-read", CONFIG_ACT_TOGGLE_READ},
    {"toggle-show-read-feeds", CONFIG_ACT_TOGGLE_UNREAD},
    {"open-in-browser", CONFIG_ACT_OPEN_LINK},
    {"quit-all", CONFIG_ACT_QUIT},
};

int config_action_parse(const char *name)
{
	for (int a = 0; a < CONFIG_ACT_COUNT; a++) {
		if (strcmp(name, config_actions[a].name) == 0)
			return a;
	}
	for (size_t i = 0; i < CORE_NELEM(config_action_aliases); i++) {
		if (strcmp(name, config_action_aliases[i].name) == 0)
			return config_action_aliases[i].act;
	}
	return CONFIG_ACT_NONE;
}

size_t config_action_names(const char **out, size_t max)
{
	size_t n = 0;
	for (int a = 0; a < CONFIG_ACT_COUNT && n < max; a++)
		out[n++] = config_actions[a].name;
	for (size_t i = 0; i < CORE_NELEM(config_action_aliases) && n < max; i++)
		out[n++] = config_action_aliases[i].name;
	return n;
}

static const struct {
	const char *name;
	unsigned flag;
} config_views[] = {
    {"feeds", CONFIG_VIEW_FEEDS},   {"articles", CONFIG_VIEW_ARTICLES},
    {"article", CONFIG_VIEW_PAGER}, {"search", CONFIG_VIEW_RESULTS},
    {"help", CONFIG_VIEW_HELP},
};

/* newsboat's names of the same views (its bind-key contexts). */
static const struct {
	const char *name;
	unsigned flag;
} config_view_aliases[] = {
    {"feedlist", CONFIG_VIEW_FEEDS}, {"articlelist", CONFIG_VIEW_ARTICLES},
    {"pager", CONFIG_VIEW_PAGER},    {"searchresults", CONFIG_VIEW_RESULTS},
    {"all", CONFIG_VIEW_ALL},
};

unsigned config_view_parse(const char *name)
{
	for (size_t i = 0; i < CORE_NELEM(config_views); i++) {
		if (strcmp(name, config_views[i].name) == 0)
			return config_views[i].flag;
	}
	for (size_t i = 0; i < CORE_NELEM(config_view_aliases); i++) {
		if (strcmp(name, config_view_aliases[i].name) == 0)
			return config_view_aliases[i].flag;
	}
	return 0;
}

const char *config_view_name(unsigned flag)
{
	for (size_t i = 0; i < CORE_NELEM(config_views); i++) {
		if (config_views[i].flag == flag)
			return config_views[i].name;
	}
	return NULL;
}

/* The keys with names; a name is matched whatever its case ("pagedown" too). */
static const struct {
	const char *name;
	int key;
} config_key_names[] = {
    {"Up", CONFIG_KEY_UP},
    {"Down", CONFIG_KEY_DOWN},
    {"Left", CONFIG_KEY_LEFT},
    {"Right", CONFIG_KEY_RIGHT},
    {"PageUp", CONFIG_KEY_PAGE_UP},
    {"PageDown", CONFIG_KEY_PAGE_DOWN},
    {"Home", CONFIG_KEY_HOME},
    {"End", CONFIG_KEY_END},
    {"Enter", CONFIG_KEY_ENTER},
    {"Esc", CONFIG_KEY_ESC},
    {"Backspace", CONFIG_KEY_BACKSPACE},
    {"Delete", CONFIG_KEY_DELETE},
    {"Insert", CONFIG_KEY_INSERT},
    {"S-Tab", CONFIG_KEY_BACKTAB},
    {"Space", ' '},
    {"Tab", '\t'},
};

/* Other names people write for them (read, never written). */
static const struct {
	const char *name;
	int key;
} config_key_aliases[] = {
    {"PgUp", CONFIG_KEY_PAGE_UP},    {"PgDn", CONFIG_KEY_PAGE_DOWN}, {"Return", CONFIG_KEY_ENTER},
    {"Escape", CONFIG_KEY_ESC},      {"Del", CONFIG_KEY_DELETE},     {"Ins", CONFIG_KEY_INSERT},
    {"BackTab", CONFIG_KEY_BACKTAB}, {"BS", CONFIG_KEY_BACKSPACE},
};

int config_key_parse(const char *name, size_t len)
{
	if (len > 2 && name[0] == 'M' && name[1] == '-') {
		int k = config_key_parse(name + 2, len - 2);
		return k != 0 && (k & CONFIG_KEY_META) == 0 ? k | CONFIG_KEY_META : 0;
	}
	for (size_t i = 0; i < CORE_NELEM(config_key_names); i++) {
		if (strlen(config_key_names[i].name) == len &&
		    strncasecmp(config_key_names[i].name, name, len) == 0)
			return config_key_names[i].key;
	}
	for (size_t i = 0; i < CORE_NELEM(config_key_aliases); i++) {
		if (strlen(config_key_aliases[i].name) == len &&
		    strncasecmp(config_key_aliases[i].name, name, len) == 0)
			return config_key_aliases[i].key;
	}
	/* newsboat's ^D for C-d */
	if (len == 2 && name[0] == '^' &&
	    ((name[1] >= 'a' && name[1] <= 'z') || (name[1] >= 'A' && name[1] <= 'Z')))
		return CONFIG_KEY_CTRL(name[1]);
	if (len == 3 && name[0] == 'C' && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z')))
		return CONFIG_KEY_CTRL(name[2]);
	if ((len == 2 || len == 3) && (name[0] == 'F' || name[0] == 'f')) {
		long long n;
		char digits[3] = {name[1], len == 3 ? name[2] : '\0', '\0'};
		if (core_parse_number(digits, 1, 12, &n))
			return CONFIG_KEY_F1 + (int)n - 1;
	}
	/* one character: a printable code point that takes a cell (no combining mark alone) */
	int32_t cp;
	size_t used = text_utf8_decode(name, len, &cp);
	bool mark = (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
		    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
		    (cp >= 0xfe20 && cp <= 0xfe2f);
	if (used == len && cp > 0x20 && cp != 0x7f && (cp < 0x80 || cp > 0x9f) && !mark &&
	    text_width(name, len) > 0)
		return (int)cp;
	return 0;
}

void config_key_name(int key, char out[24])
{
	if ((key & CONFIG_KEY_META) != 0 && (key & ~CONFIG_KEY_META) != 0) {
		char inner[24];
		config_key_name(key & ~CONFIG_KEY_META, inner);
		core_err_set(out, 24, "M-%s", inner);
		return;
	}
	for (size_t i = 0; i < CORE_NELEM(config_key_names); i++) {
		if (config_key_names[i].key == key) {
			core_err_set(out, 24, "%s", config_key_names[i].name);
			return;
		}
	}
	if (key >= CONFIG_KEY_F1 && key < CONFIG_KEY_F1 + 12)
		core_err_set(out, 24, "F%d", key - CONFIG_KEY_F1 + 1);
	else if (key > 0 && key < 0x20)
		core_err_set(out, 24, "C-%c", key + 'a' - 1);
	else if (key > 0x20 && key < 0x110000 && key != 0x7f) {
		char u[5] = {0};
		text_utf8_encode((int32_t)key, u);
		core_err_set(out, 24, "%s", u);
	} else
		core_err_set(out, 24, "U+%04X", (unsigned)key);
}

void config_bindings_unbind(struct config_bindings *b, int key, unsigned views)
{
	size_t w = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct config_binding k = b->v[i];
		if (key == 0 || k.key == key)
			k.views &= ~views;
		if (k.views != 0)
			b->v[w++] = k;
	}
	b->n = w;
}

void config_bindings_bind(struct config_bindings *b, int key, enum config_action_id act,
			  unsigned views, bool pinned)
{
	/* what the key did in these views is undone, but a view's own binding stays
	   when the new one is for more than that view */
	size_t w = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct config_binding k = b->v[i];
		if (k.key == key && (pinned || !k.pinned))
			k.views &= ~views;
		if (k.views != 0)
			b->v[w++] = k;
	}
	b->n = w;
	b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
	b->v[b->n++] = (struct config_binding){key, views, act, pinned};
}

void config_bindings_defaults(struct config_bindings *b)
{
	for (int a = 0; a < CONFIG_ACT_COUNT; a++) {
		const char *p = config_actions[a].keys;
		while (*p != '\0') {
			size_t len = strcspn(p, " ");
			int key = config_key_parse(p, len);
			if (key != 0)
				config_bindings_bind(b, key, (enum config_action_id)a,
						     config_actions[a].views, false);
			p += len;
			p += strspn(p, " ");
		}
	}
}

void config_bindings_free(struct config_bindings *b)
{
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

int config_bindings_action(const struct config_bindings *b, int key, unsigned view)
{
	for (int tier = 0; tier < 3; tier++) {
		for (size_t i = b->n; i-- > 0;) {
			const struct config_binding *k = &b->v[i];
			if (k->key != key || (k->views & view) == 0)
				continue;
			int t = k->pinned ? 0 : k->views == CONFIG_VIEW_ALL ? 2 : 1;
			if (t == tier)
				return k->act;
		}
	}
	return CONFIG_ACT_NONE;
}

void config_bindings_keys(const struct config_bindings *b, enum config_action_id act, unsigned view,
			  char *out, size_t outlen)
{
	struct core_buf names;
	core_buf_init(&names, 0);
	for (size_t i = 0; i < b->n; i++) {
		const struct config_binding *k = &b->v[i];
		if (k->act != act || (k->views & view) == 0)
			continue;
		if (config_bindings_action(b, k->key, view) != (int)act)
			continue; /* another binding of the key wins here */
		char name[24];
		config_key_name(k->key, name);
		bool seen = false; /* bound twice (in two sets of views) */
		for (size_t j = 0; j < i && !seen; j++)
			seen = b->v[j].key == k->key && b->v[j].act == act &&
			       (b->v[j].views & view) != 0;
		if (!seen)
			core_buf_printf(&names, "%s%s", names.len > 0 ? " " : "", name);
	}
	core_err_set(out, outlen, "%s", core_buf_str(&names));
	core_buf_free(&names);
}
