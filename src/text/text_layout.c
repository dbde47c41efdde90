/*
 * Laying a document out at a width: the lines the pager draws and the
 * plain text `bantin render` prints. Pure: strings in, strings out.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "text.h"

struct text_glyphs {
	const char *ascii; /* used with ascii */
	const char *utf8;
};

static const struct text_glyphs text_g_quote = {"| ", "\xe2\x94\x82 "}, /* │ */
    text_g_rule = {"-", "\xe2\x94\x80"},                                /* ─ */
    text_g_h1 = {"=", "\xe2\x95\x90"},                                  /* ═ */
    text_g_colsep = {" | ", " \xe2\x94\x82 "},                          /* │ */
    text_g_cross = {"-+-", "\xe2\x94\x80\xe2\x94\xbc\xe2\x94\x80"};     /* ─┼─ */

static const char *text_glyph(const struct text_glyphs *g, bool ascii)
{
	return ascii ? g->ascii : g->utf8;
}

/* Appends a line; prefix and text are copied, spans taken over (owned). */
static struct text_doc_line *text_layout_push(struct text_doc_layout *out, const char *prefix,
					      const char *text, uint32_t style, size_t block)
{
	if (out->n == out->cap) {
		out->cap = out->cap != 0 ? out->cap * 2 : 32;
		out->lines = xreallocarray(out->lines, out->cap, sizeof *out->lines);
	}
	struct text_doc_line *l = &out->lines[out->n++];
	memset(l, 0, sizeof *l);
	l->prefix = xstrdup(prefix);
	l->prefix_width = text_width_str(prefix);
	l->text = xstrdup(text);
	l->style = style;
	l->block = block;
	return l;
}

static void text_layout_blank(struct text_doc_layout *out)
{
	if (out->n > 0 &&
	    (out->lines[out->n - 1].text[0] != '\0' || out->lines[out->n - 1].prefix_width > 0))
		text_layout_push(out, "", "", 0, SIZE_MAX);
}

/* A prefix cut so that at least one cell of width is left for text. */
static char *text_layout_prefix(const char *prefix, int width)
{
	if (text_width_str(prefix) <= width - 1)
		return xstrdup(prefix);
	return text_fit(prefix, width - 1 > 0 ? width - 1 : 0, "", false);
}

/* The cells of a wrapped line, and where each came from. */
struct text_drawn {
	struct core_buf text;
	size_t *src, *dst; /* source offset and output offset of each cell */
	size_t n, cap;
};

static void text_drawn_cell(const struct text_cell *cell, void *arg)
{
	struct text_drawn *d = arg;
	if (d->n == d->cap) {
		d->cap = d->cap != 0 ? d->cap * 2 : 64;
		d->src = xreallocarray(d->src, d->cap, sizeof *d->src);
		d->dst = xreallocarray(d->dst, d->cap, sizeof *d->dst);
	}
	d->src[d->n] = cell->offset;
	d->dst[d->n] = d->text.len;
	d->n++;
	core_buf_puts(&d->text, cell->show);
}

/* Output offset of source offset off (the first cell at or after it). */
static size_t text_drawn_map(const struct text_drawn *d, size_t off)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->src[i] >= off)
			return d->dst[i];
	}
	return d->text.len;
}

/* Wraps text (with spans) under a first and a following prefix. */
static void text_layout_wrap(struct text_doc_layout *out, const char *text,
			     const struct text_span *spans, size_t nspans, const char *first,
			     const char *rest, int width, uint32_t style, size_t block)
{
	char *p1 = text_layout_prefix(first, width), *p2 = text_layout_prefix(rest, width);
	int w1 = width - text_width_str(p1), w2 = width - text_width_str(p2);
	struct text_lines lines = {0};
	size_t len = strlen(text);
	/* Wrap at the narrower of the two, so both prefixes fit. */
	text_wrap(text, len, w1 < w2 ? w1 : w2, 0, 0, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		struct text_drawn d = {0};
		core_buf_init(&d.text, 0);
		text_line_cells(text, &lines.v[i], text_drawn_cell, &d);
		struct text_doc_line *l =
		    text_layout_push(out, i == 0 ? p1 : p2, core_buf_str(&d.text), style, block);
		for (size_t k = 0; k < nspans; k++) {
			const struct text_span *sp = &spans[k];
			if (sp->end <= lines.v[i].start || sp->start >= lines.v[i].shown)
				continue;
			size_t a = text_drawn_map(&d, sp->start), b = text_drawn_map(&d, sp->end);
			if (b <= a)
				continue;
			l->spans = xreallocarray(l->spans, l->nspans + 1, sizeof *l->spans);
			l->spans[l->nspans++] =
			    (struct text_span){(uint32_t)a, (uint32_t)b, sp->style, sp->link};
		}
		free(d.src);
		free(d.dst);
		core_buf_free(&d.text);
	}
	if (lines.n == 0)
		text_layout_push(out, p1, "", style, block);
	text_lines_free(&lines);
	free(p1);
	free(p2);
}

/* The quote bars for depth. */
static char *text_layout_quote(int depth, bool ascii)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	for (int i = 0; i < depth && i < 16; i++)
		core_buf_puts(&b, text_glyph(&text_g_quote, ascii));
	return core_buf_take(&b);
}

static char *text_layout_repeat(const char *glyph, int n)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	for (int i = 0; i < n; i++)
		core_buf_puts(&b, glyph);
	return core_buf_take(&b);
}

/* Splits a table row's text into its cells (borrowed pointers into a copy). */
static size_t text_table_cells(char *row, char **cells, size_t max)
{
	size_t n = 0;
	for (char *p = row; n < max;) {
		cells[n++] = p;
		char *tab = strchr(p, '\t');
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

#define TEXT_TABLE_MAX_COLS 32
#define TEXT_TABLE_MIN_COL  6

/* Table rows doc->blocks[from..to) at width, after the quote prefix. */
/*
 * The widths of the columns of the table rows [from, to) into w (ncols of
 * them), shrunk to fit avail cells if they can: whether they fit.
 */
static bool text_table_widths(const struct text_doc *doc, size_t from, size_t to, int avail,
			      int sepw, int w[TEXT_TABLE_MAX_COLS], size_t *ncols)
{
	*ncols = 0;
	for (size_t r = from; r < to; r++) {
		char *copy = xstrdup(doc->blocks[r].text);
		char *cells[TEXT_TABLE_MAX_COLS];
		size_t n = text_table_cells(copy, cells, TEXT_TABLE_MAX_COLS);
		for (size_t c = 0; c < n; c++) {
			int cw = text_width_str(cells[c]);
			w[c] = cw > w[c] ? cw : w[c];
		}
		*ncols = n > *ncols ? n : *ncols;
		free(copy);
	}
	int total = sepw * (int)(*ncols - 1);
	for (size_t c = 0; c < *ncols; c++)
		total += w[c];
	/* Shrink the widest columns until the grid fits, if it can. */
	while (total > avail) {
		size_t widest = 0;
		for (size_t c = 1; c < *ncols; c++)
			widest = w[c] > w[widest] ? c : widest;
		if (w[widest] <= TEXT_TABLE_MIN_COL)
			break;
		w[widest]--;
		total--;
	}
	return total <= avail;
}

/* One row of a grid: each cell wrapped in its column, as tall as its tallest cell. */
static void text_layout_grid_row(struct text_doc_layout *out, char **cells, size_t n, size_t ncols,
				 const int *w, const char *sep, const char *qprefix, int avail,
				 uint32_t style, size_t r)
{
	struct text_lines lines[TEXT_TABLE_MAX_COLS];
	size_t height = 1;
	for (size_t c = 0; c < ncols; c++) {
		memset(&lines[c], 0, sizeof lines[c]);
		if (c < n)
			text_wrap(cells[c], strlen(cells[c]), w[c], 0, 0, &lines[c]);
		height = lines[c].n > height ? lines[c].n : height;
	}
	for (size_t h = 0; h < height; h++) {
		struct core_buf row;
		core_buf_init(&row, 0);
		for (size_t c = 0; c < ncols; c++) {
			if (c > 0)
				core_buf_puts(&row, sep);
			struct text_drawn d = {0};
			core_buf_init(&d.text, 0);
			if (h < lines[c].n)
				text_line_cells(cells[c], &lines[c].v[h], text_drawn_cell, &d);
			char *cell = text_fit(core_buf_str(&d.text), w[c], "", true);
			core_buf_puts(&row, cell);
			free(cell);
			free(d.src);
			free(d.dst);
			core_buf_free(&d.text);
		}
		/* no trailing spaces */
		while (row.len > 0 && row.data[row.len - 1] == ' ')
			row.data[--row.len] = '\0';
		/* Cells drawn side by side can join into wider clusters: fit the row. */
		char *fitted = text_fit(core_buf_str(&row), avail, "", false);
		text_layout_push(out, qprefix, fitted, style, r);
		free(fitted);
		core_buf_free(&row);
	}
	for (size_t c = 0; c < ncols; c++)
		text_lines_free(&lines[c]);
}

/* The rule under a header row. */
static void text_layout_grid_rule(struct text_doc_layout *out, size_t ncols, const int *w,
				  const char *qprefix, bool ascii, size_t r)
{
	struct core_buf rule;
	core_buf_init(&rule, 0);
	for (size_t c = 0; c < ncols; c++) {
		if (c > 0)
			core_buf_puts(&rule, text_glyph(&text_g_cross, ascii));
		char *dash = text_layout_repeat(text_glyph(&text_g_rule, ascii), w[c]);
		core_buf_puts(&rule, dash);
		free(dash);
	}
	text_layout_push(out, qprefix, core_buf_str(&rule), 0, r);
	core_buf_free(&rule);
}

/* A row when no grid fits: one cell per line, named by its header. */
static void text_layout_cells_row(struct text_doc_layout *out, char **cells, size_t n,
				  char **hcells, size_t nh, const char *qprefix, int width,
				  size_t r)
{
	text_layout_blank(out);
	for (size_t c = 0; c < n; c++) {
		char *t = c < nh && hcells[c][0] != '\0' ? xasprintf("%s: %s", hcells[c], cells[c])
							 : xstrdup(cells[c]);
		text_layout_wrap(out, t, NULL, 0, qprefix, qprefix, width, 0, r);
		free(t);
	}
}

static void text_layout_table(struct text_doc_layout *out, const struct text_doc *doc, size_t from,
			      size_t to, const char *qprefix, int width, bool ascii)
{
	int avail = width - text_width_str(qprefix);
	const char *sep = text_glyph(&text_g_colsep, ascii);
	size_t ncols;
	int w[TEXT_TABLE_MAX_COLS] = {0};
	bool grid = text_table_widths(doc, from, to, avail, text_width_str(sep), w, &ncols);
	char *header_copy = NULL; /* the header row's cells live here */
	char *hcells[TEXT_TABLE_MAX_COLS];
	size_t nh = 0;
	if (doc->blocks[from].level == 1) {
		header_copy = xstrdup(doc->blocks[from].text);
		nh = text_table_cells(header_copy, hcells, TEXT_TABLE_MAX_COLS);
	}
	for (size_t r = from; r < to; r++) {
		const struct text_block *b = &doc->blocks[r];
		char *copy = xstrdup(b->text);
		char *cells[TEXT_TABLE_MAX_COLS];
		size_t n = text_table_cells(copy, cells, TEXT_TABLE_MAX_COLS);
		if (!grid && b->level != 1) {
			text_layout_cells_row(out, cells, n, hcells, nh, qprefix, width, r);
		} else if (grid) {
			uint32_t style = b->level == 1 ? TEXT_STYLE_BOLD : 0;
			text_layout_grid_row(out, cells, n, ncols, w, sep, qprefix, avail, style,
					     r);
			if (b->level == 1)
				text_layout_grid_rule(out, ncols, w, qprefix, ascii, r);
		}
		free(copy);
	}
	free(header_copy);
}

void text_doc_layout(const struct text_doc *doc, int width, bool ascii, struct text_doc_layout *out)
{
	if (width < 1)
		width = 1;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct text_block *b = &doc->blocks[i];
		char *q = text_layout_quote(b->quote, ascii);
		bool continues =
		    i > 0 && doc->blocks[i - 1].kind == b->kind &&
		    (b->kind == TEXT_BLOCK_LIST_ITEM || b->kind == TEXT_BLOCK_TABLE_ROW);
		if (!continues)
			text_layout_blank(out);
		switch (b->kind) {
		case TEXT_BLOCK_LIST_ITEM: {
			/* The document's marker ("•", "◦"), in ASCII mode as its look-alike. */
			const char *mk = b->marker != NULL ? b->marker : "*";
			char *marker = ascii ? text_ascii(mk, strlen(mk)) : xstrdup(mk);
			char *first = xasprintf("%s%*s%s ", q,
						2 * (b->level > 1 ? b->level - 1 : 0), "", marker);
			free(marker);
			char *rest =
			    xasprintf("%s%*s", q, text_width_str(first) - text_width_str(q), "");
			text_layout_wrap(out, b->text, b->spans, b->nspans, first, rest, width, 0,
					 i);
			free(first);
			free(rest);
			break;
		}
		case TEXT_BLOCK_HEADING: {
			size_t before = out->n;
			text_layout_wrap(out, b->text, b->spans, b->nspans, q, q, width,
					 TEXT_STYLE_BOLD, i);
			if (b->level <= 2) {
				int longest = 0;
				for (size_t k = before; k < out->n; k++) {
					int tw = text_width_str(out->lines[k].text);
					longest = tw > longest ? tw : longest;
				}
				char *u = text_layout_repeat(
				    text_glyph(b->level == 1 ? &text_g_h1 : &text_g_rule, ascii),
				    longest);
				text_layout_push(out, out->lines[out->n - 1].prefix, u,
						 TEXT_STYLE_BOLD, i);
				free(u);
			}
			break;
		}
		case TEXT_BLOCK_RULE: {
			char *p = text_layout_prefix(q, width);
			char *r = text_layout_repeat(text_glyph(&text_g_rule, ascii),
						     width - text_width_str(p));
			text_layout_push(out, p, r, 0, i);
			free(r);
			free(p);
			break;
		}
		case TEXT_BLOCK_TABLE_ROW: {
			size_t end = i + 1;
			while (end < doc->nblocks &&
			       doc->blocks[end].kind == TEXT_BLOCK_TABLE_ROW &&
			       doc->blocks[end].quote == b->quote)
				end++;
			char *p = text_layout_prefix(q, width);
			text_layout_table(out, doc, i, end, p, width, ascii);
			free(p);
			i = end - 1;
			break;
		}
		case TEXT_BLOCK_BYLINE: {
			size_t before = out->n;
			text_layout_wrap(out, b->text, b->spans, b->nspans, q, q, width,
					 TEXT_STYLE_ITALIC, i);
			if (out->n == before + 1)
				out->lines[before].right = true;
			break;
		}
		case TEXT_BLOCK_FIGURE:
			text_layout_wrap(out, b->text, b->spans, b->nspans, q, q, width,
					 TEXT_STYLE_ITALIC, i);
			break;
		case TEXT_BLOCK_PRE:
		case TEXT_BLOCK_PARAGRAPH:
			text_layout_wrap(out, b->text, b->spans, b->nspans, q, q, width, 0, i);
			break;
		}
		free(q);
	}
	if (doc->nlinks > 0)
		text_layout_blank(out);
	for (size_t i = 0; i < doc->nlinks; i++) {
		char *first = xasprintf("[%zu] ", i + 1);
		char *rest = xasprintf("%*s", text_width_str(first), "");
		text_layout_wrap(out, doc->links[i], NULL, 0, first, rest, width, TEXT_STYLE_LINK,
				 SIZE_MAX);
		free(first);
		free(rest);
	}
}

void text_doc_layout_free(struct text_doc_layout *layout)
{
	for (size_t i = 0; i < layout->n; i++) {
		free(layout->lines[i].prefix);
		free(layout->lines[i].text);
		free(layout->lines[i].spans);
	}
	free(layout->lines);
	memset(layout, 0, sizeof *layout);
}

char *text_doc_plain(const struct text_doc *doc, int width, bool ascii)
{
	struct text_doc_layout layout = {0};
	text_doc_layout(doc, width, ascii, &layout);
	struct core_buf b;
	core_buf_init(&b, 0);
	for (size_t i = 0; i < layout.n; i++) {
		const struct text_doc_line *l = &layout.lines[i];
		size_t start = b.len;
		core_buf_puts(&b, l->prefix);
		if (l->right) {
			int pad = width - l->prefix_width - text_width_str(l->text);
			for (int k = 0; k < pad; k++)
				core_buf_putc(&b, ' ');
		}
		core_buf_puts(&b, l->text);
		while (b.len > start && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
		core_buf_putc(&b, '\n');
	}
	text_doc_layout_free(&layout);
	return core_buf_take(&b);
}
