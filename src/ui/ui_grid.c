/*
 * ui_grid.c: the virtual screen views draw into. A cell holds one grapheme
 * cluster as the text module measured it, its width (a wide character's
 * second cell has width 0), a colour slot and attributes. Only ui_term.c
 * turns a grid into terminal output; tests dump it as text.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_internal.h"

void ui_grid_resize(struct ui_grid *g, int rows, int cols)
{
	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows != g->rows || cols != g->cols) {
		free(g->cells);
		g->cells = xcalloc((size_t)rows * (size_t)cols, sizeof *g->cells);
		g->rows = rows;
		g->cols = cols;
	}
	ui_grid_clear(g);
}

void ui_grid_free(struct ui_grid *g)
{
	free(g->cells);
	memset(g, 0, sizeof *g);
}

void ui_grid_clear(struct ui_grid *g)
{
	for (int r = 0; r < g->rows; r++)
		ui_grid_fill(g, r, 0, g->cols, UI_SLOT_NORMAL, 0);
}

void ui_grid_fill(struct ui_grid *g, int row, int col, int n, enum ui_slot slot, unsigned attr)
{
	if (row < 0 || row >= g->rows)
		return;
	for (int c = col < 0 ? 0 : col; c < col + n && c < g->cols; c++) {
		struct ui_cell *cell = &g->cells[(size_t)row * (size_t)g->cols + (size_t)c];
		cell->show[0] = ' ';
		cell->show[1] = '\0';
		cell->width = 1;
		cell->slot = (unsigned char)slot;
		cell->attr = (unsigned char)attr;
		cell->link = 0;
	}
}

int ui_grid_text(struct ui_grid *g, int row, int col, int end, const char *s, size_t len,
		 enum ui_slot slot, unsigned attr)
{
	if (row < 0 || row >= g->rows)
		return col;
	if (end > g->cols)
		end = g->cols;
	size_t i = 0;
	while (i < len && col < end) {
		struct text_cluster c;
		text_cluster_next(s + i, len - i, col, &c);
		i += c.len;
		if (c.newline)
			break;
		if (c.width == 0)
			continue; /* nothing to show (a lone mark is attached by text already) */
		if (col + c.width > end) {
			ui_grid_fill(g, row, col, end - col, slot,
				     attr); /* a wide one that does not fit */
			return end;
		}
		struct ui_cell *cell = &g->cells[(size_t)row * (size_t)g->cols + (size_t)col];
		if (c.show[0] == '\t' || c.width > 2) { /* a tab: spaces */
			ui_grid_fill(g, row, col, c.width, slot, attr);
			col += c.width;
			continue;
		}
		memcpy(cell->show, c.show, sizeof cell->show);
		cell->width = (unsigned char)c.width;
		cell->slot = (unsigned char)slot;
		cell->attr = (unsigned char)attr;
		cell->link = g->pen_link;
		if (c.width == 2) {
			struct ui_cell *next = cell + 1;
			next->show[0] = '\0';
			next->width = 0;
			next->slot = (unsigned char)slot;
			next->attr = (unsigned char)attr;
			next->link = g->pen_link;
		}
		col += c.width;
	}
	return col;
}

int ui_grid_str(struct ui_grid *g, int row, int col, int end, const char *s, enum ui_slot slot,
		unsigned attr)
{
	return ui_grid_text(g, row, col, end, s, strlen(s), slot, attr);
}

char *ui_grid_dump(const struct ui_grid *g)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	for (int r = 0; r < g->rows; r++) {
		size_t start = b.len, keep = b.len;
		for (int c = 0; c < g->cols; c++) {
			const struct ui_cell *cell =
			    &g->cells[(size_t)r * (size_t)g->cols + (size_t)c];
			if (cell->width == 0)
				continue;
			core_buf_puts(&b, cell->show);
			if (strcmp(cell->show, " ") != 0)
				keep = b.len;
		}
		(void)start;
		b.len = keep; /* trailing blanks cut, as tmux capture-pane does */
		core_buf_putc(&b, '\n');
	}
	return core_buf_take(&b);
}

/* Appends url for an OSC 8 sequence: printable ASCII as it is, other bytes as %XX. */
static void ui_grid_url(struct core_buf *out, const char *url)
{
	for (const unsigned char *p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p > 0x20 && *p < 0x7f)
			core_buf_putc(out, (char)*p);
		else
			core_buf_printf(out, "%%%02X", *p);
	}
}

void ui_grid_hyperlinks(const struct ui_grid *g, char *const *links, size_t nlinks,
			struct core_buf *out)
{
	for (int r = 0; r < g->rows; r++) {
		for (int c = 0; c < g->cols;) {
			const struct ui_cell *cell =
			    &g->cells[(size_t)r * (size_t)g->cols + (size_t)c];
			unsigned link = cell->link;
			char *safe = link > 0 && link <= nlinks && cell->width > 0
					 ? core_url_openable(links[link - 1])
					 : NULL;
			if (safe == NULL) { /* no link, or one that is no http(s) URL: text only */
				c++;
				continue;
			}
			core_buf_printf(out, "\033[%d;%dH\033]8;id=bantin-%u;", r + 1, c + 1, link);
			ui_grid_url(out, safe);
			free(safe);
			core_buf_puts(out, "\033\\");
			for (; c < g->cols; c++) {
				cell = &g->cells[(size_t)r * (size_t)g->cols + (size_t)c];
				if (cell->link != link)
					break;
				core_buf_puts(out, cell->show);
			}
			core_buf_puts(out, "\033]8;;\033\\");
		}
	}
}
