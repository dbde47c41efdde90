/*
 * ui_pager.c: the article pager: the article laid out at the window's
 * width (again when it changes), the related pane beside or below it, the
 * find with its highlighted matches, and opening articles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "ui_internal.h"

/* ---- the pager ---- */

size_t ui_pager_lines(const struct ui *ui)
{
	return ui->pv.lines->head.n + ui->pv.lines->body.n;
}

void ui_pager_area(const struct ui *ui, struct ui_pager_area *a)
{
	const struct ui_grid *g = &ui->grid;
	memset(a, 0, sizeof *a);
	a->rows = (int)ui_view_body_rows(ui);
	a->cols = g->cols;
	if (!ui->pv.show_related || ui->pv.nrelated == 0)
		return;
	/* beside, on the right, in a wide window (or where the settings put it, when the
	   article keeps 40 columns); else below */
	bool beside = ui->related_where == UI_RELATED_BESIDE  ? g->cols >= 40 + 1 + 24
		      : ui->related_where == UI_RELATED_BELOW ? false
							      : g->cols >= 140;
	if (beside) {
		a->pcols = g->cols >= 140 ? 44 : g->cols / 3;
		a->cols = g->cols - a->pcols - 1;
		a->prow = 1;
		a->pcol = a->cols + 1;
		a->prows = a->rows;
	} else if (a->rows >= 14) { /* below, in a fifth of the rows: the body gets the room */
		size_t most = (size_t)a->rows / 5 > 1 ? (size_t)a->rows / 5 : 1;
		if (ui->related_size > 0) /* related-size: so many, the article keeping 5 rows */
			most = (size_t)(ui->related_size < a->rows - 7 ? ui->related_size
								       : a->rows - 7);
		a->prows = (int)(ui->pv.nrelated < most ? ui->pv.nrelated : most) + 1;
		a->rows -= a->prows + 1;
		a->prow = 1 + a->rows + 1;
		a->pcol = 0;
		a->pcols = g->cols;
	}
}

static void ui_pager_matches(struct ui *ui);

/* Lays the article out at width cells of text (again when it changed). */
void ui_pager_layout(struct ui *ui, int cols)
{
	int width = cols - 2 > 1 ? cols - 2 : 1;
	if (ui->text_width > 0 && width > ui->text_width) /* text-width */
		width = ui->text_width;
	if (!ui->pv.have_art || ui->pv.laid_width == width)
		return;
	/* Where the reading is: the top line's block, and how far into it (laid out again at
	   another width, the same place of the same block goes to the top). */
	const struct text_doc_layout *ob = &ui->pv.lines->body;
	size_t ohead = ui->pv.lines->head.n, anchor = SIZE_MAX, into = 0, nk = 1;
	if (ui->pv.laid_width > 0 && ui->pv.top >= ohead && ui->pv.top - ohead < ob->n) {
		size_t i = ui->pv.top - ohead, first = i;
		anchor = ob->lines[i].block;
		while (first > 0 && ob->lines[first - 1].block == anchor)
			first--;
		size_t last = i;
		while (last + 1 < ob->n && ob->lines[last + 1].block == anchor)
			last++;
		into = i - first;
		nk = last - first + 1;
	}
	text_doc_layout_free(&ui->pv.lines->head);
	text_doc_layout_free(&ui->pv.lines->body);
	memset(ui->pv.lines, 0, sizeof *ui->pv.lines);
	const struct store_article *a = &ui->pv.art;
	int64_t t = a->published != STORE_NO_TIME ? a->published
		    : a->updated != STORE_NO_TIME ? a->updated
						  : a->first_seen;
	struct text_doc *head =
	    text_doc_header(a->title, a->feed_title, t, !ui->vietnamese, a->author, a->link);
	text_doc_layout(head, width, ui->ascii, &ui->pv.lines->head);
	text_doc_free(head);
	struct text_doc *body = html_article_doc(a->content, a->summary, a->link,
						 ui->vietnamese ? HTML_LANG_VI : HTML_LANG_EN);
	if (body == NULL)
		body = text_doc_new();
	if (a->page_error != NULL)
		html_doc_page_failed(body, a->page_error,
				     ui->vietnamese ? HTML_LANG_VI : HTML_LANG_EN);
	text_doc_layout(body, width, ui->ascii, &ui->pv.lines->body);
	for (size_t k = 0; k < ui->pv.nlinks; k++)
		free(ui->pv.links[k]);
	free(ui->pv.links);
	ui->pv.links = body->links; /* taken over for the hyperlinks */
	ui->pv.nlinks = body->nlinks;
	body->links = NULL;
	body->nlinks = 0;
	text_doc_free(body);
	ui->pv.laid_width = width;
	if (anchor != SIZE_MAX) {
		const struct text_doc_layout *nb = &ui->pv.lines->body;
		size_t first = 0;
		while (first < nb->n && nb->lines[first].block != anchor)
			first++;
		size_t n = 0;
		while (first + n < nb->n && nb->lines[first + n].block == anchor)
			n++;
		if (n > 0)
			ui->pv.top = ui->pv.lines->head.n + first + into * n / nk;
	}
	ui_pager_matches(ui); /* the lines moved: so did the matches */
}

/* Laid-out line i of the article (header first). */
static const struct text_doc_line *ui_pager_line(const struct ui *ui, size_t i)
{
	return i < ui->pv.lines->head.n ? &ui->pv.lines->head.lines[i]
					: &ui->pv.lines->body.lines[i - ui->pv.lines->head.n];
}

/* Finds ui->pv.find in every laid-out line, without regard to marks, case or đ. */
static void ui_pager_matches(struct ui *ui)
{
	free(ui->pv.matches);
	ui->pv.matches = NULL;
	ui->pv.nmatches = 0;
	if (ui->pv.find == NULL || ui->pv.find[0] == '\0')
		return;
	size_t flen = strlen(ui->pv.find), cap = 0;
	for (size_t i = 0; i < ui_pager_lines(ui); i++) {
		const char *t = ui_pager_line(ui, i)->text;
		size_t *map;
		char *f = text_fold(t, strlen(t), &map);
		for (const char *p = strstr(f, ui->pv.find); p != NULL;
		     p = strstr(p + flen, ui->pv.find)) {
			if (ui->pv.nmatches == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				ui->pv.matches =
				    xreallocarray(ui->pv.matches, cap, sizeof *ui->pv.matches);
			}
			struct ui_match *m = &ui->pv.matches[ui->pv.nmatches++];
			m->line = i;
			m->start = map[p - f];
			m->end = map[p - f + (ptrdiff_t)flen];
		}
		free(f);
		free(map);
	}
	if (ui->pv.mcur >= ui->pv.nmatches)
		ui->pv.mcur = 0;
}

/* Draws one laid-out line with its styles at row y. */
static void ui_pager_draw_line(struct ui *ui, int y, int end, const struct text_doc_line *l,
			       size_t index, unsigned list_link)
{
	struct ui_grid *g = &ui->grid;
	bool heading = (l->style & TEXT_STYLE_BOLD) != 0 && l->block != SIZE_MAX;
	enum ui_slot base = heading ? UI_SLOT_HEADING : UI_SLOT_NORMAL;
	int col = 1;
	if (l->prefix != NULL && l->prefix[0] != '\0') /* ASCII already in ASCII mode */
		col = ui_grid_str(g, y, col, end, l->prefix, UI_SLOT_DIM, 0);
	if (l->right) {
		int w = text_width_str(l->text);
		if (end - w > col)
			col = end - w;
	}
	size_t len = strlen(l->text), at = 0;
	while (at < len) {
		size_t next = len;
		unsigned attr = (l->style & TEXT_STYLE_BOLD) ? UI_ATTR_BOLD : 0;
		if (l->style & TEXT_STYLE_ITALIC)
			attr |= UI_ATTR_ITALIC;
		enum ui_slot slot = base;
		unsigned link = list_link;
		for (size_t k = 0; k < ui->pv.nmatches; k++) {
			const struct ui_match *m = &ui->pv.matches[k];
			if (m->line != index)
				continue;
			if (m->start > at && m->start < next)
				next = m->start;
			if (m->start <= at && m->end > at) {
				if (m->end < next)
					next = m->end;
				slot = UI_SLOT_SELECTED;
				attr |= k == ui->pv.mcur ? UI_ATTR_BOLD | UI_ATTR_UNDERLINE : 0;
			}
		}
		for (size_t k = 0; k < l->nspans; k++) {
			const struct text_span *sp = &l->spans[k];
			if (sp->start > at && sp->start < next)
				next = sp->start;
			if (sp->start <= at && sp->end > at) {
				if (sp->end < next)
					next = sp->end;
				if (sp->style & TEXT_STYLE_BOLD)
					attr |= UI_ATTR_BOLD;
				if (sp->style & TEXT_STYLE_ITALIC)
					attr |= UI_ATTR_ITALIC;
				if (sp->style & TEXT_STYLE_UNDERLINE)
					attr |= UI_ATTR_UNDERLINE;
				if ((sp->style & TEXT_STYLE_LINK) && slot != UI_SLOT_SELECTED)
					slot = UI_SLOT_LINK;
				if (sp->link != 0)
					link = sp->link;
			}
		}
		g->pen_link = (unsigned short)(link < 65536 ? link : 0);
		if (ui->ascii) { /* each piece without marks, in its own style */
			char *a = text_ascii(l->text + at, next - at);
			col = ui_grid_str(g, y, col, end, a, slot, attr);
			free(a);
		} else {
			col = ui_grid_text(g, y, col, end, l->text + at, next - at, slot, attr);
		}
		g->pen_link = 0;
		at = next;
	}
}

/* The related articles beside or below the article. */
static void ui_pager_draw_related(struct ui *ui, const struct ui_pager_area *a)
{
	struct ui_grid *g = &ui->grid;
	if (a->prows == 0)
		return;
	const char *rule = ui->ascii ? "|" : "│";
	if (a->pcol > 0) {
		for (int r = 0; r < a->prows; r++)
			ui_grid_str(g, a->prow + r, a->pcol - 1, a->pcol, rule, UI_SLOT_DIM, 0);
	} else {
		for (int c = 0; c < g->cols; c++)
			ui_grid_str(g, a->prow - 1, c, c + 1, ui->ascii ? "-" : "─", UI_SLOT_DIM,
				    0);
	}
	char title[96];
	core_err_set(title, sizeof title, "%s (%zu)", ui_view_label(ui, "Tin liên quan", "Related"),
		     ui->pv.nrelated);
	ui_view_put(ui, a->prow, a->pcol + 1, a->pcol + a->pcols, title,
		    ui->pv.related_focus ? UI_SLOT_HEADING : UI_SLOT_DIM, UI_ATTR_BOLD);
	size_t height = a->prows > 1 ? (size_t)a->prows - 1 : 0, top = 0;
	ui_view_scroll_to(ui->pv.rsel, &top, height > 0 ? height : 1);
	for (size_t r = 0; r < height && top + r < ui->pv.nrelated; r++) {
		const struct store_hit *h = &ui->pv.related[top + r];
		int y = a->prow + 1 + (int)r;
		bool sel = top + r == ui->pv.rsel && ui->pv.related_focus;
		enum ui_slot slot = sel ? UI_SLOT_SELECTED : UI_SLOT_NORMAL;
		ui_grid_fill(g, y, a->pcol, a->pcols, slot, 0);
		if (sel)
			ui_grid_str(g, y, a->pcol, a->pcol + 1, ">", slot, UI_ATTR_BOLD);
		char date[TEXT_DATE_LEN];
		if (h->row.id == 0) /* not cached: no date to give */
			memcpy(date, "  -  ", 6);
		else
			text_date(h->row.time, TEXT_DATE_SHORT, date);
		date[5] = '\0'; /* "29/12" */
		int col = ui_grid_str(g, y, a->pcol + 1, a->pcol + a->pcols, date,
				      sel ? slot : UI_SLOT_DIM, 0) +
			  1;
		char *t = ui_view_text(ui, h->row.title);
		int room = a->pcol + a->pcols - 1 - col;
		char *fit = text_fit(t, room > 1 ? room : 1, ui->ascii ? "." : "…", false);
		ui_grid_str(g, y, col, a->pcol + a->pcols - 1, fit, slot,
			    h->row.read ? 0 : UI_ATTR_BOLD);
		free(fit);
		free(t);
	}
}

void ui_pager_recalc(struct ui *ui)
{
	if (!ui->pv.have_art)
		return;
	struct ui_pager_area a;
	ui_pager_area(ui, &a);
	ui_pager_layout(ui, a.cols);
	size_t height = (size_t)a.rows, n = ui_pager_lines(ui);
	if (ui->pv.top + height > n)
		ui->pv.top = n > height ? n - height : 0;
}

void ui_pager_draw(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	if (!ui->pv.have_art)
		return;
	struct ui_pager_area a;
	ui_pager_area(ui, &a);
	size_t height = (size_t)a.rows, n = ui_pager_lines(ui);
	for (size_t r = 0; r < height && ui->pv.top + r < n; r++) {
		size_t i = ui->pv.top + r;
		const struct text_doc_line *l =
		    i < ui->pv.lines->head.n ? &ui->pv.lines->head.lines[i]
					     : &ui->pv.lines->body.lines[i - ui->pv.lines->head.n];
		/* A line of the link list: its number is on its first line. */
		unsigned list_link = 0;
		for (size_t k = i + 1; l->block == SIZE_MAX && k-- > ui->pv.lines->head.n;) {
			const struct text_doc_line *p = ui_pager_line(ui, k);
			if (p->block != SIZE_MAX)
				break;
			if (p->prefix != NULL && p->prefix[0] == '[') {
				list_link = (unsigned)strtoul(p->prefix + 1, NULL, 10);
				break;
			}
		}
		ui_pager_draw_line(ui, (int)r + 1, a.cols - 1, l, i, list_link);
	}
	ui_pager_draw_related(ui, &a);
	char pos[64];
	size_t shown = ui->pv.top + height < n ? ui->pv.top + height : n;
	core_err_set(pos, sizeof pos, "%zu/%zu  %zu%%", shown, n, n > 0 ? shown * 100 / n : 100);
	int pcol = ui_view_put_right(ui, 0, g->cols - 1, pos, UI_SLOT_BAR, 0);
	char *feed = ui_view_text(ui, ui->pv.art.feed_title);
	ui_grid_str(g, 0, 1, pcol - 1, feed, UI_SLOT_BAR, UI_ATTR_BOLD);
	free(feed);
}

/*
 * The link an open-link or copy-link means: with a number typed before,
 * that link of the open article; else the article's own. NULL (said in
 * the status line) when there is none.
 */
char *ui_pager_link(struct ui *ui)
{
	unsigned n = ui->count;
	ui->count = 0;
	if (n > 0) {
		/* The article's links, as its layout keeps them. */
		char *url = NULL;
		if (ui->view == UI_VIEW_PAGER && ui->pv.have_art) {
			struct ui_pager_area area;
			ui_pager_area(ui, &area);
			ui_pager_layout(ui, area.cols);
			if (n <= ui->pv.nlinks)
				url = xstrdup(ui->pv.links[n - 1]);
		}
		if (url == NULL)
			ui_view_status(ui, true,
				       ui->vietnamese ? "Không có liên kết [%u]" : "No link [%u]",
				       n);
		return url;
	}
	const char *link = NULL;
	if (ui->view == UI_VIEW_PAGER && ui->pv.have_art) {
		link = ui->pv.art.link;
	} else if (ui->view == UI_VIEW_RESULTS && ui->rv.sel < ui->rv.n) {
		link = ui->rv.hits[ui->rv.sel].row.link;
	} else if (ui->view == UI_VIEW_ARTICLES) {
		const struct store_row *row = ui_view_row(ui, ui->lv.sel);
		link = row != NULL ? row->link : NULL;
	}
	if (link == NULL || link[0] == '\0') {
		ui_view_status(ui, true, "%s",
			       ui_view_label(ui, "Bài này không có liên kết", "No link here"));
		return NULL;
	}
	return xstrdup(link);
}

/* Shows article id in the pager, marks it read and finds its related articles. */
void ui_pager_show(struct ui *ui, int64_t id)
{
	ui->recalc = true;
	char err[CORE_ERRLEN];
	free(ui->pv.find);
	ui->pv.find = NULL;
	ui->pv.nmatches = ui->pv.mcur = 0;
	ui_view_drop_article(ui);
	if (!store_article_get(ui->st, id, &ui->pv.art, err, sizeof err)) {
		ui_view_status(ui, true, "%s", err);
		return;
	}
	ui->pv.have_art = true;
	ui->pv.top = 0;
	ui_view_enter(ui, UI_VIEW_PAGER);
	if (!ui->pv.art.read && !ui->readonly) {
		if (store_mark_read(ui->st, id, true, err, sizeof err))
			ui->pv.art.read = true;
		else
			ui_view_status(ui, true, "%s", err);
	}
	/* The list keeps the rows it had: the article stays where it is, now read. */
	for (size_t k = 0; k < ui->lv.nrows; k++) {
		if (ui->lv.rows[k].id == id)
			ui->lv.rows[k].read = true;
	}
	if (!store_related(ui->st, id, 10, &ui->pv.related, &ui->pv.nrelated, err, sizeof err))
		ui_view_status(ui, true, "%s", err);
	ui->pv.related_focus = false; /* a newly opened article: the keys move its body */
}

/* Opens list index i in the pager. */
void ui_pager_open(struct ui *ui, size_t i)
{
	ui_view_load_rows(ui, i, 1);
	const struct store_row *row = ui_view_row(ui, i);
	if (row == NULL)
		return;
	ui->lv.sel = i;
	ui->pv.nback = 0;
	ui_pager_show(ui, row->id);
}

void ui_pager_find_show(struct ui *ui, size_t k)
{
	if (ui->pv.nmatches == 0)
		return;
	ui->pv.mcur = k % ui->pv.nmatches;
	struct ui_pager_area a;
	ui_pager_area(ui, &a);
	size_t line = ui->pv.matches[ui->pv.mcur].line, h = (size_t)a.rows;
	if (line < ui->pv.top || line >= ui->pv.top + h)
		ui->pv.top = line > 2 ? line - 2 : 0;
	ui_view_status(ui, false, ui->vietnamese ? "%zu/%zu chỗ khớp" : "match %zu of %zu",
		       ui->pv.mcur + 1, ui->pv.nmatches);
}

/* Finds the prompt's text in the article, from what is on screen on. */
void ui_pager_find(struct ui *ui, const char *text)
{
	free(ui->pv.find);
	ui->pv.find = text_fold(text, strlen(text), NULL);
	struct ui_pager_area a;
	ui_pager_area(ui, &a);
	ui_pager_layout(ui, a.cols); /* (no-op when it is laid out at this width) */
	ui_pager_matches(ui);
	if (ui->pv.nmatches == 0) {
		ui_view_status(ui, true, ui->vietnamese ? "Không thấy: %s" : "Not found: %s", text);
		return;
	}
	size_t k = 0;
	while (k < ui->pv.nmatches && ui->pv.matches[k].line < ui->pv.top)
		k++;
	ui_pager_find_show(ui, k < ui->pv.nmatches ? k : 0);
}
