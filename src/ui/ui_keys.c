/*
 * ui_keys.c: key names and the bindings of the action table. Bindings are
 * read from the table's key strings with the same names a user's
 * configuration will use.
 */
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

/* The key called name ("j", "Down", "C-l"); 0 if none. */
static int ui_keys_parse(const char *name, size_t len)
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

int ui_keys_action(int key, unsigned view)
{
	for (int a = 0; a < UI_ACT_COUNT; a++) {
		if ((ui_actions[a].views & view) == 0)
			continue;
		const char *p = ui_actions[a].keys;
		while (*p != '\0') {
			size_t len = strcspn(p, " ");
			if (ui_keys_parse(p, len) == key)
				return a;
			p += len;
			p += strspn(p, " ");
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
