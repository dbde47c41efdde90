/*
 * Greedy wrapping of a paragraph into lines of at most a given number of
 * cells. Spaces at a break stay at the end of the line they follow, inside
 * its byte range but not drawn and not counted, so the lines' ranges cover
 * the paragraph exactly.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "text.h"

static void text_lines_push(struct text_lines *out, size_t start, size_t end, size_t shown,
			    int indent, int width)
{
	if (out->n == out->cap) {
		out->cap = out->cap != 0 ? out->cap * 2 : 16;
		out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
	}
	out->v[out->n++] = (struct text_line){start, end, shown, indent, width};
}

/* A hyphen a word may be broken after. */
static bool text_is_hyphen(const char *show)
{
	return strcmp(show, "-") == 0 || strcmp(show, "\xe2\x80\x90") == 0;
}

/* Indentation that leaves at least one cell of the width for text. */
static int text_clamp_indent(int indent, int width)
{
	if (indent > width - 1)
		indent = width - 1;
	return indent > 0 ? indent : 0;
}

void text_wrap(const char *s, size_t len, int width, int first_indent, int rest_indent,
	       struct text_lines *out)
{
	if (width < 1)
		width = 1;
	size_t pos = 0;
	bool first = true;
	struct text_cluster c;

	while (pos < len) {
		int indent = text_clamp_indent(first ? first_indent : rest_indent, width);
		int avail = width - indent;
		size_t start = pos;
		int col = 0;          /* cells used so far, trailing spaces included */
		int vis_col = 0;      /* cells up to the end of the last drawn cluster */
		size_t vis_end = pos; /* byte after the last drawn cluster */
		bool have_break = false;
		size_t brk = 0, brk_shown = 0; /* the last place to break, and its text end */
		int brk_width = 0;
		bool done = false;
		first = false;

		while (pos < len && !done) {
			text_cluster_next(s + pos, len - pos, col, &c);
			if (c.newline) {
				pos += c.len;
				text_lines_push(out, start, pos, vis_end, indent, vis_col);
				done = true;
				break;
			}
			if (c.space && vis_col > 0) {
				/* A run of spaces after text: a break opportunity. */
				brk_shown = vis_end;
				brk_width = vis_col;
				while (pos < len) {
					text_cluster_next(s + pos, len - pos, col, &c);
					if (!c.space)
						break;
					col += c.width;
					pos += c.len;
				}
				have_break = true;
				brk = pos;
				continue;
			}
			if (col + c.width <= avail) {
				col += c.width;
				pos += c.len;
				if (c.width > 0) {
					vis_col = col;
					vis_end = pos;
				}
				if (text_is_hyphen(c.show) && vis_col > 1 && pos < len &&
				    s[pos] != ' ' && s[pos] != '-' && s[pos] != '\n') {
					have_break = true;
					brk = brk_shown = pos;
					brk_width = vis_col;
				}
				continue;
			}
			/* The cluster does not fit on this line. */
			if (have_break) {
				text_lines_push(out, start, brk, brk_shown, indent, brk_width);
				pos = brk;
			} else if (pos > start) {
				text_lines_push(out, start, pos, vis_end, indent, vis_col);
			} else {
				/* Wider than a whole line: alone, drawn as a placeholder. */
				pos += c.len;
				text_lines_push(out, start, pos, pos, indent, avail);
			}
			done = true;
		}
		if (!done)
			text_lines_push(out, start, pos, vis_end, indent, vis_col);
	}
}

void text_lines_free(struct text_lines *lines)
{
	free(lines->v);
	lines->v = NULL;
	lines->n = lines->cap = 0;
}

void text_line_cells(const char *s, const struct text_line *line,
		     void (*cb)(const struct text_cell *cell, void *arg), void *arg)
{
	struct text_cluster c;
	int col = 0;
	for (size_t pos = line->start; pos < line->shown && col < line->width; pos += c.len) {
		text_cluster_next(s + pos, line->shown - pos, col, &c);
		if (c.width == 0)
			continue;
		struct text_cell cell = {c.show, c.width, pos};
		if (c.space && c.show[0] == ' ') {
			/* tabs (and spaces) one cell at a time */
			cell.show = " ";
			cell.width = 1;
			for (int i = 0; i < c.width && col < line->width; i++, col++)
				cb(&cell, arg);
			continue;
		}
		if (col + c.width > line->width) {
			cell.show = "?"; /* a cluster wider than the line */
			cell.width = 1;
			while (col < line->width) {
				cb(&cell, arg);
				col++;
			}
			break;
		}
		cb(&cell, arg);
		col += c.width;
	}
}
