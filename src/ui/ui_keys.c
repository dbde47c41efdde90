/*
 * ui_keys.c: key names and the key bindings: key → action for some views
 * (UI_IN_* flags), those for the current view first, then those for every
 * view. The defaults are read from the action table's key strings with the
 * same names a user's configuration will use.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

const struct ui_action ui_actions[UI_ACT_COUNT] = {
#define UI_ACTION(id, name, views, keys, help, help_vi) {name, views, keys, help, help_vi},
#include "ui_actions.def"
#undef UI_ACTION
};

static const struct {
	const char *name;
	int key;
} ui_key_names[] = {
    {"Up", UI_KEY_UP},
    {"Down", UI_KEY_DOWN},
    {"Left", UI_KEY_LEFT},
    {"Right", UI_KEY_RIGHT},
    {"PageUp", UI_KEY_PAGE_UP},
    {"PageDown", UI_KEY_PAGE_DOWN},
    {"Home", UI_KEY_HOME},
    {"End", UI_KEY_END},
    {"Enter", UI_KEY_ENTER},
    {"Esc", UI_KEY_ESC},
    {"Backspace", UI_KEY_BACKSPACE},
    {"Space", ' '},
    {"Tab", '\t'},
};

int ui_keys_parse(const char *name, size_t len)
{
	for (size_t i = 0; i < CORE_NELEM(ui_key_names); i++) {
		if (strlen(ui_key_names[i].name) == len &&
		    memcmp(ui_key_names[i].name, name, len) == 0)
			return ui_key_names[i].key;
	}
	if (len == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z')
		return UI_KEY_CTRL(name[2]);
	if (len == 1 && (unsigned char)name[0] > 0x20 && (unsigned char)name[0] < 0x7f)
		return name[0];
	return 0;
}

void ui_keys_bind(struct ui_bindings *b, int key, enum ui_action_id act, unsigned views)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].key == key && b->v[i].views == views) { /* bound again: replaced */
			b->v[i].act = act;
			return;
		}
	}
	b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
	b->v[b->n++] = (struct ui_binding){key, views, act};
}

void ui_keys_unbind(struct ui_bindings *b, int key, unsigned views)
{
	size_t w = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (!(b->v[i].key == key && b->v[i].views == views))
			b->v[w++] = b->v[i];
	}
	b->n = w;
}

void ui_keys_defaults(struct ui_bindings *b)
{
	for (int a = 0; a < UI_ACT_COUNT; a++) {
		const char *p = ui_actions[a].keys;
		while (*p != '\0') {
			size_t len = strcspn(p, " ");
			int key = ui_keys_parse(p, len);
			if (key != 0)
				ui_keys_bind(b, key, (enum ui_action_id)a, ui_actions[a].views);
			p += len;
			p += strspn(p, " ");
		}
	}
}

void ui_keys_free(struct ui_bindings *b)
{
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

int ui_keys_action(const struct ui_bindings *b, int key, unsigned view)
{
	/* A binding for some views wins over one for every view, the later over the earlier. */
	for (int global = 0; global < 2; global++) {
		for (size_t i = b->n; i-- > 0;) {
			const struct ui_binding *k = &b->v[i];
			if (k->key == key && (k->views & view) != 0 &&
			    (k->views == UI_IN_ALL) == (global == 1))
				return k->act;
		}
	}
	return UI_ACT_NONE;
}

void ui_keys_name(int key, char out[16])
{
	for (size_t i = 0; i < CORE_NELEM(ui_key_names); i++) {
		if (ui_key_names[i].key == key) {
			core_err_set(out, 16, "%s", ui_key_names[i].name);
			return;
		}
	}
	if (key > 0 && key < 0x20)
		core_err_set(out, 16, "C-%c", key + 'a' - 1);
	else if (key > 0x20 && key < 0x7f)
		core_err_set(out, 16, "%c", key);
	else
		core_err_set(out, 16, "U+%04X", (unsigned)key);
}
