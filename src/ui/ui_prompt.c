/*
 * ui_prompt.c: the line editor of the search prompts. UTF-8 text (what an
 * input method sends, precomposed or not), a cursor that moves and deletes
 * by grapheme cluster, and a history of what was entered.
 *
 * Keys: characters insert; Left/Right and C-b/C-f move a cluster;
 * Home/End and C-a/C-e go to the ends; Backspace and C-h delete the
 * cluster before the cursor, C-d the one under it; C-w deletes a word
 * back, C-u everything before the cursor; Up/Down walk the history; Enter
 * accepts, Esc and C-g give up.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

void ui_prompt_open(struct ui_prompt *p, const char *label)
{
	p->active = true;
	p->label = label;
	p->len = p->cur = 0;
	p->text[0] = '\0';
	p->hpos = p->nhist;
}

void ui_prompt_free(struct ui_prompt *p)
{
	for (size_t i = 0; i < p->nhist; i++)
		free(p->hist[i]);
	memset(p, 0, sizeof *p);
}

/* The byte where the cluster before at starts. */
static size_t ui_prompt_prev(const struct ui_prompt *p, size_t at)
{
	size_t i = 0, last = 0;
	while (i < at) {
		struct text_cluster c;
		text_cluster_next(p->text + i, p->len - i, 0, &c);
		last = i;
		i += c.len;
	}
	return last;
}

/* The byte after the cluster at at. */
static size_t ui_prompt_next(const struct ui_prompt *p, size_t at)
{
	if (at >= p->len)
		return p->len;
	struct text_cluster c;
	text_cluster_next(p->text + at, p->len - at, 0, &c);
	return at + c.len;
}

static void ui_prompt_delete(struct ui_prompt *p, size_t from, size_t to)
{
	memmove(p->text + from, p->text + to, p->len - to + 1);
	p->len -= to - from;
	if (p->cur > to)
		p->cur -= to - from;
	else if (p->cur > from)
		p->cur = from;
}

static void ui_prompt_set(struct ui_prompt *p, const char *s)
{
	size_t n = strlen(s);
	if (n >= sizeof p->text)
		n = sizeof p->text - 1;
	memcpy(p->text, s, n);
	p->text[n] = '\0';
	p->len = p->cur = n;
}

enum ui_prompt_result ui_prompt_key(struct ui_prompt *p, int key)
{
	switch (key) {
	case UI_KEY_ENTER:
		p->active = false;
		if (p->len > 0 && (p->nhist == 0 || strcmp(p->hist[p->nhist - 1], p->text) != 0)) {
			if (p->nhist == CORE_NELEM(p->hist)) {
				free(p->hist[0]);
				memmove(p->hist, p->hist + 1, sizeof p->hist - sizeof p->hist[0]);
				p->nhist--;
			}
			p->hist[p->nhist++] = xstrdup(p->text);
		}
		return UI_PROMPT_DONE;
	case UI_KEY_ESC:
	case UI_KEY_CTRL('g'):
		p->active = false;
		return UI_PROMPT_CANCEL;
	case UI_KEY_LEFT:
	case UI_KEY_CTRL('b'):
		p->cur = ui_prompt_prev(p, p->cur);
		break;
	case UI_KEY_RIGHT:
	case UI_KEY_CTRL('f'):
		p->cur = ui_prompt_next(p, p->cur);
		break;
	case UI_KEY_HOME:
	case UI_KEY_CTRL('a'):
		p->cur = 0;
		break;
	case UI_KEY_END:
	case UI_KEY_CTRL('e'):
		p->cur = p->len;
		break;
	case UI_KEY_BACKSPACE:
	case UI_KEY_CTRL('h'):
		if (p->cur > 0)
			ui_prompt_delete(p, ui_prompt_prev(p, p->cur), p->cur);
		else if (p->len == 0) {
			p->active = false; /* backspace on nothing: gone, as in less and vim */
			return UI_PROMPT_CANCEL;
		}
		break;
	case UI_KEY_CTRL('d'):
		ui_prompt_delete(p, p->cur, ui_prompt_next(p, p->cur));
		break;
	case UI_KEY_CTRL('u'):
		ui_prompt_delete(p, 0, p->cur);
		break;
	case UI_KEY_CTRL('w'): {
		size_t at = p->cur;
		while (at > 0 && p->text[at - 1] == ' ')
			at--;
		while (at > 0 && p->text[at - 1] != ' ')
			at = ui_prompt_prev(p, at);
		ui_prompt_delete(p, at, p->cur);
		break;
	}
	case UI_KEY_UP:
		if (p->hpos > 0)
			ui_prompt_set(p, p->hist[--p->hpos]);
		break;
	case UI_KEY_DOWN:
		if (p->hpos + 1 < p->nhist)
			ui_prompt_set(p, p->hist[++p->hpos]);
		else {
			p->hpos = p->nhist;
			ui_prompt_set(p, "");
		}
		break;
	default:
		if (key >= 0x20 && key <= 0x10ffff && key != 0x7f && !(key >= 0x80 && key < 0xa0)) {
			char enc[4];
			size_t n = text_utf8_encode(key, enc);
			if (p->len + n < sizeof p->text) {
				memmove(p->text + p->cur + n, p->text + p->cur,
					p->len - p->cur + 1);
				memcpy(p->text + p->cur, enc, n);
				p->len += n;
				p->cur += n;
			}
		}
		break;
	}
	return UI_PROMPT_EDITING;
}

void ui_prompt_draw(struct ui_grid *g, int row, const struct ui_prompt *p)
{
	ui_grid_fill(g, row, 0, g->cols, UI_SLOT_STATUS, 0);
	int col = ui_grid_str(g, row, 0, g->cols, p->label, UI_SLOT_STATUS, UI_ATTR_BOLD);
	int room = g->cols - col - 1;
	if (room < 1)
		return;
	/* Scroll so the cursor shows: start at the first cluster that leaves it in view. */
	size_t start = 0;
	while (start < p->cur && text_width(p->text + start, p->cur - start) >= room)
		start = ui_prompt_next(p, start);
	int ccol = col + text_width(p->text + start, p->cur - start);
	ui_grid_text(g, row, col, g->cols, p->text + start, p->len - start, UI_SLOT_STATUS, 0);
	/* The cursor: the cell under it, underlined. */
	if (ccol < g->cols) {
		struct ui_cell *cell = &g->cells[(size_t)row * (size_t)g->cols + (size_t)ccol];
		cell->attr |= UI_ATTR_UNDERLINE;
		cell->slot = UI_SLOT_SELECTED;
	}
}
