/*
 * ui_view.c: the reader's views (feeds, articles, the article pager, help)
 * and what the actions do to them. Views ask the store for the rows they
 * show and draw into the grid; nothing here talks to the terminal.
 *
 * Screen: the title bar on the first row, the view's body, the status line
 * on the last row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui_internal.h"

/* Below this, the reader says the window is too small. */
#define UI_MIN_COLS 20
#define UI_MIN_ROWS 5

/* A laid-out article: the header, a blank line, the body. */
struct ui_lines {
	struct text_doc_layout head, body;
};

/* A label in Vietnamese and in English. */
static const char *ui_label(const struct ui *ui, const char *vi, const char *en)
{
	return ui->vietnamese ? vi : en;
}

static void ui_status(struct ui *ui, bool error, const char *fmt, ...) CORE_PRINTF(3, 4);
static void ui_status(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->status_error = error;
}

/* Our own text (labels, dates, counts) for the screen: without marks in ASCII mode; owned. */
static char *ui_own(const struct ui *ui, const char *s)
{
	return ui->ascii ? text_ascii(s, strlen(s)) : xstrdup(s);
}

/* s ready for the screen: one clean line, and without marks in ASCII mode; owned. */
static char *ui_text(const struct ui *ui, const char *s)
{
	char *clean = text_clean(s != NULL ? s : "", s != NULL ? strlen(s) : 0, TEXT_CLEAN_LINE);
	if (!ui->ascii)
		return clean;
	char *a = text_ascii(clean, strlen(clean));
	free(clean);
	return a;
}

/* Draws our own s from col to end; the column after it. */
static int ui_put(struct ui *ui, int row, int col, int end, const char *s, enum ui_slot slot,
		  unsigned attr)
{
	char *t = ui_own(ui, s);
	col = ui_grid_str(&ui->grid, row, col, end, t, slot, attr);
	free(t);
	return col;
}

/* Draws our own s right-aligned to end; the column it starts at. */
static int ui_put_right(struct ui *ui, int row, int end, const char *s, enum ui_slot slot,
			unsigned attr)
{
	char *t = ui_own(ui, s);
	int w = text_width_str(t);
	int col = end - w > 0 ? end - w : 0;
	ui_grid_str(&ui->grid, row, col, end, t, slot, attr);
	free(t);
	return col;
}

struct ui *ui_new(struct store *st, bool ascii, bool vietnamese, bool offline)
{
	struct ui *ui = xcalloc(1, sizeof *ui);
	ui->st = st;
	ui->ascii = ascii;
	ui->vietnamese = vietnamese;
	ui->offline = offline;
	ui->view = UI_VIEW_FEEDS;
	ui->lines = xcalloc(1, sizeof *ui->lines);
	ui->want_refresh = -1;
	ui->show_related = true;
	return ui;
}

static void ui_drop_rows(struct ui *ui)
{
	store_rows_free(ui->rows, ui->nrows);
	ui->rows = NULL;
	ui->nrows = 0;
	ui->total = -1;
}

static void ui_drop_article(struct ui *ui)
{
	if (ui->have_art)
		store_article_free(&ui->art);
	ui->have_art = false;
	text_doc_layout_free(&ui->lines->head);
	text_doc_layout_free(&ui->lines->body);
	memset(ui->lines, 0, sizeof *ui->lines);
	ui->laid_width = 0;
	store_hits_free(ui->related, ui->nrelated);
	ui->related = NULL;
	ui->nrelated = ui->rsel = 0;
	for (size_t k = 0; k < ui->nlinks; k++)
		free(ui->links[k]);
	free(ui->links);
	ui->links = NULL;
	ui->nlinks = 0;
	ui->related_focus = false;
}

void ui_free(struct ui *ui)
{
	if (ui == NULL)
		return;
	store_feeds_free(ui->feeds, ui->nfeeds);
	ui_drop_rows(ui);
	ui_drop_article(ui);
	free(ui->lines);
	free(ui->list_title);
	store_hits_free(ui->hits, ui->nhits);
	free(ui->query);
	free(ui->find);
	free(ui->matches);
	free(ui->open_url);
	free(ui->copy_url);
	ui_prompt_free(&ui->prompt);
	ui_grid_free(&ui->grid);
	free(ui);
}

/* Rows of the body: all but the title bar and the status line. */
static size_t ui_body_rows(const struct ui *ui)
{
	return ui->grid.rows > 2 ? (size_t)(ui->grid.rows - 2) : 1;
}

/* Keeps sel on screen: top moved as little as possible. */
static void ui_scroll_to(size_t sel, size_t *top, size_t height)
{
	if (sel < *top)
		*top = sel;
	else if (sel >= *top + height)
		*top = sel - height + 1;
}

/* ---- feeds ---- */

static void ui_load_feeds(struct ui *ui)
{
	char err[CORE_ERRLEN];
	struct store_feed *f;
	size_t n;
	if (!store_feeds_list(ui->st, &f, &n, err, sizeof err)) {
		ui_status(ui, true, "%s", err);
		return;
	}
	store_feeds_free(ui->feeds, ui->nfeeds);
	ui->feeds = f;
	ui->nfeeds = n;
	if (ui->fsel > n)
		ui->fsel = n;
}

/* "5 phút trước" / "5 min ago" for a time in the past. */
static void ui_ago(const struct ui *ui, int64_t t, char out[48])
{
	if (t == STORE_NO_TIME) {
		core_err_set(out, 48, "%s", ui_label(ui, "chưa cập nhật", "never updated"));
		return;
	}
	int64_t d = (ui->now != 0 ? ui->now : (int64_t)time(NULL)) - t;
	if (d < 60)
		core_err_set(out, 48, "%s", ui_label(ui, "vừa xong", "just now"));
	else if (d < 3600)
		core_err_set(out, 48, ui->vietnamese ? "%lld phút trước" : "%lld min ago",
			     (long long)(d / 60));
	else if (d < 86400)
		core_err_set(out, 48, ui->vietnamese ? "%lld giờ trước" : "%lld h ago",
			     (long long)(d / 3600));
	else
		core_err_set(out, 48, ui->vietnamese ? "%lld ngày trước" : "%lld days ago",
			     (long long)(d / 86400));
}

static void ui_draw_feeds(struct ui *ui)
{
	if (ui->feeds == NULL)
		ui_load_feeds(ui);
	struct ui_grid *g = &ui->grid;
	size_t height = ui_body_rows(ui), n = ui->nfeeds + 1;
	ui_scroll_to(ui->fsel, &ui->ftop, height);
	int64_t unread = 0, total = 0;
	for (size_t i = 0; i < ui->nfeeds; i++) {
		unread += ui->feeds[i].unread;
		total += ui->feeds[i].total;
	}
	for (size_t r = 0; r < height && ui->ftop + r < n; r++) {
		size_t i = ui->ftop + r;
		int row = (int)r + 1;
		bool sel = i == ui->fsel;
		const struct store_feed *f = i > 0 ? &ui->feeds[i - 1] : NULL;
		int64_t fu = f != NULL ? f->unread : unread, ft = f != NULL ? f->total : total;
		enum ui_slot slot = sel      ? UI_SLOT_SELECTED
				    : fu > 0 ? UI_SLOT_UNREAD
					     : UI_SLOT_NORMAL;
		ui_grid_fill(g, row, 0, g->cols, slot, 0);
		if (sel)
			ui_grid_str(g, row, 0, 1, ">", slot, UI_ATTR_BOLD);
		char right[96], ago[48];
		if (f != NULL) {
			ui_ago(ui, f->last_success, ago);
			core_err_set(right, sizeof right, "%lld/%lld  %s", (long long)fu,
				     (long long)ft, ago);
		} else {
			core_err_set(right, sizeof right, "%lld/%lld", (long long)fu,
				     (long long)ft);
		}
		int rcol = ui_put_right(ui, row, g->cols - 1, right, sel ? slot : UI_SLOT_DIM, 0);
		if (f != NULL && f->last_error != NULL)
			ui_grid_str(g, row, 1, 2, "!", sel ? slot : UI_SLOT_ERROR, UI_ATTR_BOLD);
		const char *name = f == NULL ? ui_label(ui, "Tất cả bài viết", "All articles")
				   : f->title != NULL ? f->title
						      : f->url;
		char *t = ui_text(ui, name);
		char *fit = text_fit(t, rcol - 5 > 1 ? rcol - 5 : 1, ui->ascii ? "." : "…", false);
		ui_grid_str(g, row, 3, rcol - 1, fit, slot, fu > 0 ? UI_ATTR_BOLD : 0);
		free(fit);
		free(t);
	}
	char title[160];
	core_err_set(title, sizeof title, "bantin — %s%s", ui_label(ui, "Nguồn tin", "Feeds"),
		     ui->q.unread_only ? ui_label(ui, " (chưa đọc)", " (unread)") : "");
	ui_put(ui, 0, 1, g->cols, title, UI_SLOT_BAR, UI_ATTR_BOLD);
	if (ui->status[0] == '\0' && ui->fsel > 0 && ui->feeds[ui->fsel - 1].last_error != NULL) {
		char *e = ui_text(ui, ui->feeds[ui->fsel - 1].last_error);
		ui_grid_str(g, g->rows - 1, 1, g->cols - 1, e, UI_SLOT_ERROR, 0);
		free(e);
	}
}

/* ---- articles ---- */

/* Makes sure rows [top, top + height) are loaded. */
static void ui_load_rows(struct ui *ui, size_t top, size_t height)
{
	char err[CORE_ERRLEN];
	if (ui->total < 0 && !store_rows_count(ui->st, &ui->q, &ui->total, err, sizeof err)) {
		ui_status(ui, true, "%s", err);
		ui->total = 0;
	}
	if (ui->nrows > 0 && top >= ui->rows_from && top + height <= ui->rows_from + ui->nrows)
		return;
	if (ui->nrows > 0 && top >= ui->rows_from && ui->rows_from + ui->nrows >= (size_t)ui->total)
		return; /* the end of the list is loaded */
	store_rows_free(ui->rows, ui->nrows);
	ui->rows = NULL;
	ui->nrows = 0;
	struct store_query q = ui->q;
	q.offset = top > height ? top - height : 0; /* a page before and after, for scrolling */
	q.limit = height * 3;
	if (!store_rows(ui->st, &q, &ui->rows, &ui->nrows, err, sizeof err))
		ui_status(ui, true, "%s", err);
	ui->rows_from = q.offset;
}

/* The loaded row for list index i, or NULL. */
static const struct store_row *ui_row(const struct ui *ui, size_t i)
{
	if (i < ui->rows_from || i >= ui->rows_from + ui->nrows)
		return NULL;
	return &ui->rows[i - ui->rows_from];
}

static void ui_draw_articles(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	size_t height = ui_body_rows(ui);
	ui_load_rows(ui, ui->atop, height);
	if (ui->total > 0 && ui->asel >= (size_t)ui->total)
		ui->asel = (size_t)ui->total - 1;
	ui_scroll_to(ui->asel, &ui->atop, height);
	/* No blank rows at the bottom while there are rows above. */
	if (ui->total > 0 && ui->atop + height > (size_t)ui->total)
		ui->atop = (size_t)ui->total > height ? (size_t)ui->total - height : 0;
	ui_load_rows(ui, ui->atop, height);
	bool all = ui->q.feed_id == 0;
	int feedw = all ? (g->cols >= 100 ? 20 : g->cols >= 60 ? 14 : 0) : 0;
	for (size_t r = 0; r < height; r++) {
		const struct store_row *row = ui_row(ui, ui->atop + r);
		if (row == NULL)
			break;
		int y = (int)r + 1;
		bool sel = ui->atop + r == ui->asel;
		enum ui_slot slot = sel ? UI_SLOT_SELECTED : UI_SLOT_NORMAL;
		ui_grid_fill(g, y, 0, g->cols, slot, 0);
		if (sel)
			ui_grid_str(g, y, 0, 1, ">", slot, UI_ATTR_BOLD);
		int col = 1;
		ui_grid_str(g, y, col, col + 1, row->read ? " " : "N", sel ? slot : UI_SLOT_UNREAD,
			    UI_ATTR_BOLD);
		ui_grid_str(g, y, col + 1, col + 2, row->starred ? "*" : " ", slot, UI_ATTR_BOLD);
		col += 3;
		char date[TEXT_DATE_LEN];
		text_date(row->time, TEXT_DATE_SHORT, date);
		/* "29/12 16:05": the year only matters in the list when it is not this one. */
		memmove(date + 5, date + 10, strlen(date + 10) + 1);
		col = ui_grid_str(g, y, col, g->cols, date, sel ? slot : UI_SLOT_DIM, 0) + 2;
		if (feedw > 0) {
			char *t = ui_text(ui, row->feed_title);
			char *fit = text_fit(t, feedw, ui->ascii ? "." : "…", true);
			ui_grid_str(g, y, col, g->cols, fit, sel ? slot : UI_SLOT_DIM, 0);
			col += feedw + 2;
			free(fit);
			free(t);
		}
		char *t = ui_text(ui, row->title);
		char *fit = text_fit(t, g->cols - 1 - col > 1 ? g->cols - 1 - col : 1,
				     ui->ascii ? "." : "…", false);
		ui_grid_str(g, y, col, g->cols - 1, fit, row->read || sel ? slot : UI_SLOT_UNREAD,
			    row->read ? 0 : UI_ATTR_BOLD);
		free(fit);
		free(t);
	}
	if (ui->total == 0)
		ui_put(ui, 1, 1, g->cols,
		       ui->q.unread_only
			   ? ui_label(ui, "Không có bài chưa đọc.", "No unread articles.")
			   : ui_label(ui, "Chưa có bài nào.", "No articles yet."),
		       UI_SLOT_DIM, 0);
	char title[256], pos[64];
	core_err_set(title, sizeof title, "%s%s", ui->list_title != NULL ? ui->list_title : "",
		     ui->q.unread_only ? ui_label(ui, " (chưa đọc)", " (unread)") : "");
	core_err_set(pos, sizeof pos, "%zu/%lld", ui->total > 0 ? ui->asel + 1 : 0,
		     (long long)ui->total);
	int pcol = ui_put_right(ui, 0, g->cols - 1, pos, UI_SLOT_BAR, 0);
	ui_put(ui, 0, 1, pcol - 1, title, UI_SLOT_BAR, UI_ATTR_BOLD);
}

/* ---- the pager ---- */

static size_t ui_pager_lines(const struct ui *ui)
{
	return ui->lines->head.n + ui->lines->body.n;
}

/* Where the pager draws: the article's rows and columns, and the related pane's. */
struct ui_pager_area {
	int rows, cols;               /* of the article, from row 1, column 0 */
	int prow, pcol, prows, pcols; /* of the pane; prows 0 when there is none */
};

static void ui_pager_area(const struct ui *ui, struct ui_pager_area *a)
{
	const struct ui_grid *g = &ui->grid;
	memset(a, 0, sizeof *a);
	a->rows = (int)ui_body_rows(ui);
	a->cols = g->cols;
	if (!ui->show_related || ui->nrelated == 0)
		return;
	if (g->cols >= 140) { /* beside, on the right */
		a->pcols = 44;
		a->cols = g->cols - a->pcols - 1;
		a->prow = 1;
		a->pcol = a->cols + 1;
		a->prows = a->rows;
	} else if (a->rows >= 14) { /* below */
		a->prows = (int)(ui->nrelated < 6 ? ui->nrelated : 6) + 1;
		a->rows -= a->prows + 1;
		a->prow = 1 + a->rows + 1;
		a->pcol = 0;
		a->pcols = g->cols;
	}
}

static void ui_find_matches(struct ui *ui);

/* Lays the article out at width cells of text (again when it changed). */
static void ui_layout_article(struct ui *ui, int cols)
{
	int width = cols - 2 > 1 ? cols - 2 : 1;
	if (!ui->have_art || ui->laid_width == width)
		return;
	text_doc_layout_free(&ui->lines->head);
	text_doc_layout_free(&ui->lines->body);
	memset(ui->lines, 0, sizeof *ui->lines);
	const struct store_article *a = &ui->art;
	int64_t t = a->published != STORE_NO_TIME ? a->published
		    : a->updated != STORE_NO_TIME ? a->updated
						  : a->first_seen;
	struct text_doc *head = text_doc_header(a->title, a->feed_title, t, a->author, a->link);
	text_doc_layout(head, width, ui->ascii, &ui->lines->head);
	text_doc_free(head);
	struct text_doc *body = a->doc != NULL ? text_doc_deserialize(a->doc, NULL, 0) : NULL;
	if (body == NULL)
		body = text_doc_new();
	text_doc_layout(body, width, ui->ascii, &ui->lines->body);
	for (size_t k = 0; k < ui->nlinks; k++)
		free(ui->links[k]);
	free(ui->links);
	ui->links = body->links; /* taken over for the hyperlinks */
	ui->nlinks = body->nlinks;
	body->links = NULL;
	body->nlinks = 0;
	text_doc_free(body);
	ui->laid_width = width;
	ui_find_matches(ui); /* the lines moved: so did the matches */
}

/* Laid-out line i of the article (header first). */
static const struct text_doc_line *ui_pager_line(const struct ui *ui, size_t i)
{
	return i < ui->lines->head.n ? &ui->lines->head.lines[i]
				     : &ui->lines->body.lines[i - ui->lines->head.n];
}

/* Finds ui->find in every laid-out line, without regard to marks, case or đ. */
static void ui_find_matches(struct ui *ui)
{
	free(ui->matches);
	ui->matches = NULL;
	ui->nmatches = 0;
	if (ui->find == NULL || ui->find[0] == '\0')
		return;
	size_t flen = strlen(ui->find), cap = 0;
	for (size_t i = 0; i < ui_pager_lines(ui); i++) {
		const char *t = ui_pager_line(ui, i)->text;
		size_t *map;
		char *f = text_fold(t, strlen(t), &map);
		for (const char *p = strstr(f, ui->find); p != NULL;
		     p = strstr(p + flen, ui->find)) {
			if (ui->nmatches == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				ui->matches = xreallocarray(ui->matches, cap, sizeof *ui->matches);
			}
			struct ui_match *m = &ui->matches[ui->nmatches++];
			m->line = i;
			m->start = map[p - f];
			m->end = map[p - f + (ptrdiff_t)flen];
		}
		free(f);
		free(map);
	}
	if (ui->mcur >= ui->nmatches)
		ui->mcur = 0;
}

/* Draws one laid-out line with its styles at row y. */
static void ui_draw_doc_line(struct ui *ui, int y, int end, const struct text_doc_line *l,
			     size_t index, unsigned list_link)
{
	struct ui_grid *g = &ui->grid;
	bool heading = (l->style & TEXT_STYLE_BOLD) != 0 && l->block != SIZE_MAX;
	enum ui_slot base = heading ? UI_SLOT_HEADING : UI_SLOT_NORMAL;
	int col = 1;
	if (l->prefix != NULL && l->prefix[0] != '\0') {
		char *p = ui_own(ui, l->prefix);
		col = ui_grid_str(g, y, col, end, p, UI_SLOT_DIM, 0);
		free(p);
	}
	if (l->right) {
		int w = text_width_str(l->text);
		if (end - w > col)
			col = end - w;
	}
	if (ui->ascii) {
		/* Without marks the bytes move: the line in its own style, spans aside. */
		char *a = text_ascii(l->text, strlen(l->text));
		g->pen_link = (unsigned short)list_link;
		ui_grid_str(g, y, col, end, a, base,
			    (l->style & TEXT_STYLE_BOLD) ? UI_ATTR_BOLD : 0);
		g->pen_link = 0;
		free(a);
		return;
	}
	size_t len = strlen(l->text), at = 0;
	while (at < len) {
		size_t next = len;
		unsigned attr = (l->style & TEXT_STYLE_BOLD) ? UI_ATTR_BOLD : 0;
		if (l->style & TEXT_STYLE_ITALIC)
			attr |= UI_ATTR_ITALIC;
		enum ui_slot slot = base;
		unsigned link = list_link;
		for (size_t k = 0; k < ui->nmatches; k++) {
			const struct ui_match *m = &ui->matches[k];
			if (m->line != index)
				continue;
			if (m->start > at && m->start < next)
				next = m->start;
			if (m->start <= at && m->end > at) {
				if (m->end < next)
					next = m->end;
				slot = UI_SLOT_SELECTED;
				attr |= k == ui->mcur ? UI_ATTR_BOLD | UI_ATTR_UNDERLINE : 0;
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
		col = ui_grid_text(g, y, col, end, l->text + at, next - at, slot, attr);
		g->pen_link = 0;
		at = next;
	}
}

/* The related articles beside or below the article. */
static void ui_draw_related(struct ui *ui, const struct ui_pager_area *a)
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
	core_err_set(title, sizeof title, "%s (%zu)", ui_label(ui, "Tin liên quan", "Related"),
		     ui->nrelated);
	ui_put(ui, a->prow, a->pcol + 1, a->pcol + a->pcols, title,
	       ui->related_focus ? UI_SLOT_HEADING : UI_SLOT_DIM, UI_ATTR_BOLD);
	size_t height = a->prows > 1 ? (size_t)a->prows - 1 : 0, top = 0;
	ui_scroll_to(ui->rsel, &top, height > 0 ? height : 1);
	for (size_t r = 0; r < height && top + r < ui->nrelated; r++) {
		const struct store_hit *h = &ui->related[top + r];
		int y = a->prow + 1 + (int)r;
		bool sel = top + r == ui->rsel && ui->related_focus;
		enum ui_slot slot = sel ? UI_SLOT_SELECTED : UI_SLOT_NORMAL;
		ui_grid_fill(g, y, a->pcol, a->pcols, slot, 0);
		if (sel)
			ui_grid_str(g, y, a->pcol, a->pcol + 1, ">", slot, UI_ATTR_BOLD);
		char date[TEXT_DATE_LEN];
		text_date(h->time, TEXT_DATE_SHORT, date);
		date[5] = '\0'; /* "29/12" */
		int col = ui_grid_str(g, y, a->pcol + 1, a->pcol + a->pcols, date,
				      sel ? slot : UI_SLOT_DIM, 0) +
			  1;
		char *t = ui_text(ui, h->title);
		int room = a->pcol + a->pcols - 1 - col;
		char *fit = text_fit(t, room > 1 ? room : 1, ui->ascii ? "." : "…", false);
		ui_grid_str(g, y, col, a->pcol + a->pcols - 1, fit, slot,
			    h->read ? 0 : UI_ATTR_BOLD);
		free(fit);
		free(t);
	}
}

static void ui_draw_pager(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	if (!ui->have_art)
		return;
	struct ui_pager_area a;
	ui_pager_area(ui, &a);
	ui_layout_article(ui, a.cols);
	size_t height = (size_t)a.rows, n = ui_pager_lines(ui);
	if (ui->ptop + height > n)
		ui->ptop = n > height ? n - height : 0;
	for (size_t r = 0; r < height && ui->ptop + r < n; r++) {
		size_t i = ui->ptop + r;
		const struct text_doc_line *l = i < ui->lines->head.n
						    ? &ui->lines->head.lines[i]
						    : &ui->lines->body.lines[i - ui->lines->head.n];
		/* A line of the link list: its number is on its first line. */
		unsigned list_link = 0;
		for (size_t k = i + 1; l->block == SIZE_MAX && k-- > ui->lines->head.n;) {
			const struct text_doc_line *p = ui_pager_line(ui, k);
			if (p->block != SIZE_MAX)
				break;
			if (p->prefix != NULL && p->prefix[0] == '[') {
				list_link = (unsigned)strtoul(p->prefix + 1, NULL, 10);
				break;
			}
		}
		ui_draw_doc_line(ui, (int)r + 1, a.cols - 1, l, i, list_link);
	}
	ui_draw_related(ui, &a);
	char pos[64];
	size_t shown = ui->ptop + height < n ? ui->ptop + height : n;
	core_err_set(pos, sizeof pos, "%zu/%zu  %zu%%", shown, n, n > 0 ? shown * 100 / n : 100);
	int pcol = ui_put_right(ui, 0, g->cols - 1, pos, UI_SLOT_BAR, 0);
	char *feed = ui_text(ui, ui->art.feed_title);
	ui_grid_str(g, 0, 1, pcol - 1, feed, UI_SLOT_BAR, UI_ATTR_BOLD);
	free(feed);
}

/*
 * The link an open-link or copy-link means: with a number typed before,
 * that link of the open article; else the article's own. NULL (said in
 * the status line) when there is none.
 */
static char *ui_link(struct ui *ui)
{
	unsigned n = ui->count;
	ui->count = 0;
	if (n > 0) {
		struct text_doc *d =
		    ui->view == UI_VIEW_PAGER && ui->have_art && ui->art.doc != NULL
			? text_doc_deserialize(ui->art.doc, NULL, 0)
			: NULL;
		char *url = d != NULL && n <= d->nlinks ? xstrdup(d->links[n - 1]) : NULL;
		text_doc_free(d);
		if (url == NULL)
			ui_status(ui, true,
				  ui->vietnamese ? "Không có liên kết [%u]" : "No link [%u]", n);
		return url;
	}
	const char *link = NULL;
	if (ui->view == UI_VIEW_PAGER && ui->have_art) {
		link = ui->art.link;
	} else if (ui->view == UI_VIEW_RESULTS && ui->hitsel < ui->nhits) {
		link = ui->hits[ui->hitsel].link;
	} else if (ui->view == UI_VIEW_ARTICLES) {
		const struct store_row *row = ui_row(ui, ui->asel);
		link = row != NULL ? row->link : NULL;
	}
	if (link == NULL || link[0] == '\0') {
		ui_status(ui, true, "%s",
			  ui_label(ui, "Bài này không có liên kết", "No link here"));
		return NULL;
	}
	return xstrdup(link);
}

/* Shows article id in the pager, marks it read and finds its related articles. */
static void ui_show_article(struct ui *ui, int64_t id)
{
	char err[CORE_ERRLEN];
	free(ui->find);
	ui->find = NULL;
	ui->nmatches = ui->mcur = 0;
	bool focus = ui->related_focus;
	ui_drop_article(ui);
	if (!store_article_get(ui->st, id, &ui->art, err, sizeof err)) {
		ui_status(ui, true, "%s", err);
		return;
	}
	ui->have_art = true;
	ui->ptop = 0;
	ui->view = UI_VIEW_PAGER;
	if (!ui->art.read) {
		if (store_mark_read(ui->st, id, true, err, sizeof err))
			ui->art.read = true;
		else
			ui_status(ui, true, "%s", err);
	}
	/* The list keeps the rows it had: the article stays where it is, now read. */
	for (size_t k = 0; k < ui->nrows; k++) {
		if (ui->rows[k].id == id)
			ui->rows[k].read = true;
	}
	if (!store_related(ui->st, id, 10, &ui->related, &ui->nrelated, err, sizeof err))
		ui_status(ui, true, "%s", err);
	ui->related_focus = focus && ui->nrelated > 0;
}

/* Opens list index i in the pager. */
static void ui_open_article(struct ui *ui, size_t i)
{
	ui_load_rows(ui, i, 1);
	const struct store_row *row = ui_row(ui, i);
	if (row == NULL)
		return;
	ui->asel = i;
	ui->nback = 0;
	ui_show_article(ui, row->id);
	ui->pager_from = UI_VIEW_ARTICLES;
}

/* ---- search results ---- */

/* Draws s with marks (byte ranges of s) in bold, from col to end; the column after it. */
static int ui_put_marked(struct ui *ui, int row, int col, int end, const char *s,
			 const struct store_mark *m, size_t nm, enum ui_slot slot, unsigned attr)
{
	char *clean = ui_text(ui, s);
	if (strcmp(clean, s != NULL ? s : "") != 0 || ui->ascii) {
		col = ui_grid_str(&ui->grid, row, col, end, clean, slot, attr);
		free(clean);
		return col;
	}
	size_t at = 0, len = strlen(clean);
	for (size_t k = 0; k < nm && col < end; k++) {
		if (m[k].start < at || m[k].end > len)
			continue;
		col =
		    ui_grid_text(&ui->grid, row, col, end, clean + at, m[k].start - at, slot, attr);
		col = ui_grid_text(
		    &ui->grid, row, col, end, clean + m[k].start, m[k].end - m[k].start,
		    slot == UI_SLOT_SELECTED ? slot : UI_SLOT_HEADING, attr | UI_ATTR_BOLD);
		at = m[k].end;
	}
	col = ui_grid_text(&ui->grid, row, col, end, clean + at, len - at, slot, attr);
	free(clean);
	return col;
}

static void ui_draw_results(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	size_t height = ui_body_rows(ui) / 2; /* two rows a result */
	if (height == 0)
		height = 1;
	ui_scroll_to(ui->hitsel, &ui->hittop, height);
	for (size_t r = 0; r < height && ui->hittop + r < ui->nhits; r++) {
		const struct store_hit *h = &ui->hits[ui->hittop + r];
		int y = 1 + 2 * (int)r;
		bool sel = ui->hittop + r == ui->hitsel;
		enum ui_slot slot = sel ? UI_SLOT_SELECTED : UI_SLOT_NORMAL;
		ui_grid_fill(g, y, 0, g->cols, slot, 0);
		if (sel)
			ui_grid_str(g, y, 0, 1, ">", slot, UI_ATTR_BOLD);
		ui_grid_str(g, y, 1, 2, h->read ? " " : "N", sel ? slot : UI_SLOT_UNREAD,
			    UI_ATTR_BOLD);
		ui_grid_str(g, y, 2, 3, h->starred ? "*" : " ", slot, UI_ATTR_BOLD);
		char date[TEXT_DATE_LEN];
		text_date(h->time, TEXT_DATE_SHORT, date);
		int col = ui_grid_str(g, y, 4, g->cols, date, sel ? slot : UI_SLOT_DIM, 0) + 2;
		ui_put_marked(ui, y, col, g->cols - 1, h->title, h->title_marks, h->ntitle_marks,
			      slot, h->read ? 0 : UI_ATTR_BOLD);
		if (y + 1 < g->rows - 1 && h->snippet != NULL)
			ui_put_marked(ui, y + 1, 6, g->cols - 1, h->snippet, h->marks, h->nmarks,
				      UI_SLOT_DIM, 0);
	}
	if (ui->nhits == 0)
		ui_put(ui, 1, 1, g->cols, ui_label(ui, "Không tìm thấy bài nào.", "Nothing found."),
		       UI_SLOT_DIM, 0);
	char pos[64];
	core_err_set(pos, sizeof pos, "%zu/%zu", ui->nhits > 0 ? ui->hitsel + 1 : 0, ui->nhits);
	int pcol = ui_put_right(ui, 0, g->cols - 1, pos, UI_SLOT_BAR, 0);
	char *q = ui_text(ui, ui->query);
	char title[1200];
	core_err_set(title, sizeof title, "%s %s", ui_label(ui, "Tìm:", "Search:"), q);
	free(q);
	ui_grid_str(g, 0, 1, pcol - 1, title, UI_SLOT_BAR, UI_ATTR_BOLD);
}

/* Searches the cache for the prompt's text and shows the results. */
static void ui_search(struct ui *ui, const char *query)
{
	struct store_hit *hits;
	size_t n;
	char err[CORE_ERRLEN];
	if (!store_search(ui->st, query, 200, 0, &hits, &n, err, sizeof err)) {
		ui_status(ui, true, "%s", err);
		return;
	}
	store_hits_free(ui->hits, ui->nhits);
	ui->hits = hits;
	ui->nhits = n;
	ui->hitsel = ui->hittop = 0;
	free(ui->query);
	ui->query = xstrdup(query);
	ui->view = UI_VIEW_RESULTS;
}

/* Makes match k the current one and scrolls it into view. */
static void ui_find_show(struct ui *ui, size_t k)
{
	if (ui->nmatches == 0)
		return;
	ui->mcur = k % ui->nmatches;
	struct ui_pager_area a;
	ui_pager_area(ui, &a);
	size_t line = ui->matches[ui->mcur].line, h = (size_t)a.rows;
	if (line < ui->ptop || line >= ui->ptop + h)
		ui->ptop = line > 2 ? line - 2 : 0;
	ui_status(ui, false, ui->vietnamese ? "%zu/%zu chỗ khớp" : "match %zu of %zu", ui->mcur + 1,
		  ui->nmatches);
}

/* Finds the prompt's text in the article, from what is on screen on. */
static void ui_find(struct ui *ui, const char *text)
{
	free(ui->find);
	ui->find = text_fold(text, strlen(text), NULL);
	struct ui_pager_area a;
	ui_pager_area(ui, &a);
	ui_layout_article(ui, a.cols); /* (no-op when it is laid out at this width) */
	ui_find_matches(ui);
	if (ui->nmatches == 0) {
		ui_status(ui, true, ui->vietnamese ? "Không thấy: %s" : "Not found: %s", text);
		return;
	}
	size_t k = 0;
	while (k < ui->nmatches && ui->matches[k].line < ui->ptop)
		k++;
	ui_find_show(ui, k < ui->nmatches ? k : 0);
}

/* ---- help ---- */

static unsigned ui_view_flag(enum ui_view v)
{
	return v == UI_VIEW_FEEDS      ? UI_IN_FEEDS
	       : v == UI_VIEW_ARTICLES ? UI_IN_ARTICLES
	       : v == UI_VIEW_PAGER    ? UI_IN_PAGER
	       : v == UI_VIEW_RESULTS  ? UI_IN_RESULTS
				       : UI_IN_HELP;
}

static void ui_draw_help(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	unsigned flag = ui_view_flag(ui->help_from);
	size_t height = ui_body_rows(ui), n = 0;
	for (int a = 0; a < UI_ACT_COUNT; a++)
		n += (ui_actions[a].views & flag) != 0;
	if (ui->htop + height > n)
		ui->htop = n > height ? n - height : 0;
	size_t i = 0, r = 0;
	for (int a = 0; a < UI_ACT_COUNT && r < height; a++) {
		if ((ui_actions[a].views & flag) == 0 || i++ < ui->htop)
			continue;
		int y = (int)r++ + 1;
		ui_grid_str(g, y, 2, 24, ui_actions[a].keys, UI_SLOT_HEADING, UI_ATTR_BOLD);
		ui_grid_str(g, y, 24, g->cols - 1, ui_actions[a].help, UI_SLOT_NORMAL, 0);
	}
	ui_put(ui, 0, 1, g->cols, ui_label(ui, "Trợ giúp — phím", "Help — keys"), UI_SLOT_BAR,
	       UI_ATTR_BOLD);
}

/* ---- drawing ---- */

void ui_draw(struct ui *ui, int rows, int cols)
{
	struct ui_grid *g = &ui->grid;
	ui_grid_resize(g, rows, cols);
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS) {
		const char *msg = ui_label(ui, "Cửa sổ quá nhỏ", "Window too small");
		ui_put(ui, rows / 2, 0, cols, msg, UI_SLOT_ERROR, UI_ATTR_BOLD);
		return;
	}
	ui_grid_fill(g, 0, 0, cols, UI_SLOT_BAR, 0);
	ui_grid_fill(g, rows - 1, 0, cols, UI_SLOT_STATUS, 0);
	switch (ui->view) {
	case UI_VIEW_FEEDS:
		ui_draw_feeds(ui);
		break;
	case UI_VIEW_ARTICLES:
		ui_draw_articles(ui);
		break;
	case UI_VIEW_PAGER:
		ui_draw_pager(ui);
		break;
	case UI_VIEW_HELP:
		ui_draw_help(ui);
		break;
	case UI_VIEW_RESULTS:
		ui_draw_results(ui);
		break;
	}
	int end = cols - 1;
	if (ui->refreshing) {
		char prog[64];
		core_err_set(prog, sizeof prog,
			     ui->vietnamese ? "Đang cập nhật %zu/%zu…" : "Updating %zu/%zu…",
			     ui->refresh_done, ui->refresh_total);
		end = ui_put_right(ui, rows - 1, cols - 1, prog, UI_SLOT_STATUS, UI_ATTR_BOLD) - 2;
	}
	if (ui->offline) {
		end = ui_put_right(ui, rows - 1, cols - 1, ui_label(ui, "ngoại tuyến", "offline"),
				   UI_SLOT_STATUS, UI_ATTR_BOLD) -
		      2;
	}
	if (ui->status[0] != '\0') {
		/* Messages may quote what came from the network: cleaned like it. */
		char *m = ui_text(ui, ui->status);
		ui_grid_str(g, rows - 1, 1, end, m,
			    ui->status_error ? UI_SLOT_ERROR : UI_SLOT_STATUS, 0);
		free(m);
	} else if (ui->view != UI_VIEW_FEEDS || ui->fsel == 0 ||
		   ui->feeds[ui->fsel - 1].last_error == NULL)
		ui_put(ui, rows - 1, 1, end,
		       ui_label(ui, "?: trợ giúp  q: quay lại", "?: help  q: back"), UI_SLOT_STATUS,
		       0);
	if (ui->prompt.active)
		ui_prompt_draw(g, rows - 1, &ui->prompt);
}

/* ---- actions ---- */

/* Moves a selection (or a scroll position) by delta within [0, n). */
static void ui_move(size_t *v, long long delta, size_t n)
{
	long long x = (long long)*v + delta;
	if (x >= (long long)n)
		x = (long long)n - 1;
	if (x < 0)
		x = 0;
	*v = (size_t)x;
}

/* Moves in the current view by delta rows (LLONG_MAX/MIN: to the end or the top). */
static void ui_move_by(struct ui *ui, long long delta)
{
	size_t height = ui_body_rows(ui);
	switch (ui->view) {
	case UI_VIEW_FEEDS:
		ui_move(&ui->fsel, delta, ui->nfeeds + 1);
		break;
	case UI_VIEW_ARTICLES:
		if (ui->total < 0)
			ui_load_rows(ui, ui->atop, height);
		ui_move(&ui->asel, delta, ui->total > 0 ? (size_t)ui->total : 1);
		break;
	case UI_VIEW_PAGER: {
		if (ui->related_focus) {
			ui_move(&ui->rsel, delta, ui->nrelated > 0 ? ui->nrelated : 1);
			break;
		}
		struct ui_pager_area a;
		ui_pager_area(ui, &a);
		size_t n = ui_pager_lines(ui), h = (size_t)a.rows;
		ui_move(&ui->ptop, delta, n > h ? n - h + 1 : 1);
		break;
	}
	case UI_VIEW_HELP:
		ui_move(&ui->htop, delta, UI_ACT_COUNT);
		break;
	case UI_VIEW_RESULTS:
		ui_move(&ui->hitsel, delta, ui->nhits > 0 ? ui->nhits : 1);
		break;
	}
}

/* Opens the article list of the selected feed. */
static void ui_open_feed(struct ui *ui)
{
	ui->q.feed_id = ui->fsel == 0 ? 0 : ui->feeds[ui->fsel - 1].id;
	free(ui->list_title);
	const struct store_feed *f = ui->fsel > 0 ? &ui->feeds[ui->fsel - 1] : NULL;
	ui->list_title = ui_text(ui, f == NULL ? ui_label(ui, "Tất cả bài viết", "All articles")
				     : f->title != NULL ? f->title
							: f->url);
	ui_drop_rows(ui);
	ui->asel = ui->atop = 0;
	ui->view = UI_VIEW_ARTICLES;
}

static void ui_toggle_read(struct ui *ui)
{
	char err[CORE_ERRLEN];
	int64_t id;
	bool read;
	if (ui->view == UI_VIEW_PAGER) {
		id = ui->art.id;
		read = !ui->art.read;
	} else {
		const struct store_row *row = ui_row(ui, ui->asel);
		if (row == NULL)
			return;
		id = row->id;
		read = !row->read;
	}
	if (!store_mark_read(ui->st, id, read, err, sizeof err)) {
		ui_status(ui, true, "%s", err);
		return;
	}
	if (ui->have_art && ui->art.id == id)
		ui->art.read = read;
	for (size_t k = 0; k < ui->nrows; k++) {
		if (ui->rows[k].id == id)
			ui->rows[k].read = read;
	}
	ui_status(ui, false, "%s",
		  read ? ui_label(ui, "Đã đánh dấu đã đọc", "Marked read")
		       : ui_label(ui, "Đã đánh dấu chưa đọc", "Marked unread"));
}

static void ui_star(struct ui *ui)
{
	char err[CORE_ERRLEN];
	const struct store_row *row = ui->view == UI_VIEW_PAGER ? NULL : ui_row(ui, ui->asel);
	int64_t id = row != NULL ? row->id : ui->art.id;
	bool starred = row != NULL ? !row->starred : !ui->art.starred;
	if ((row == NULL && !ui->have_art) || !store_star(ui->st, id, starred, err, sizeof err)) {
		if (row != NULL || ui->have_art)
			ui_status(ui, true, "%s", err);
		return;
	}
	if (ui->have_art && ui->art.id == id)
		ui->art.starred = starred;
	for (size_t k = 0; k < ui->nrows; k++) {
		if (ui->rows[k].id == id)
			ui->rows[k].starred = starred;
	}
	ui_status(ui, false, "%s",
		  starred ? ui_label(ui, "Đã gắn sao", "Starred")
			  : ui_label(ui, "Đã bỏ sao", "Unstarred"));
}

static void ui_mark_all_read(struct ui *ui)
{
	int64_t feed = ui->view == UI_VIEW_FEEDS ? (ui->fsel == 0 ? 0 : ui->feeds[ui->fsel - 1].id)
						 : ui->q.feed_id;
	int64_t n = 0;
	char err[CORE_ERRLEN];
	if (!store_mark_all_read(ui->st, feed, &n, err, sizeof err)) {
		ui_status(ui, true, "%s", err);
		return;
	}
	ui_status(ui, false, ui->vietnamese ? "%lld bài đã đánh dấu đã đọc" : "%lld marked read",
		  (long long)n);
	ui_drop_rows(ui);
	ui_load_feeds(ui);
}

void ui_do(struct ui *ui, enum ui_action_id act)
{
	size_t page = ui_body_rows(ui);
	switch (act) {
	case UI_ACT_DOWN:
		ui_move_by(ui, 1);
		break;
	case UI_ACT_UP:
		ui_move_by(ui, -1);
		break;
	case UI_ACT_PAGE_DOWN:
		ui_move_by(ui, (long long)page);
		break;
	case UI_ACT_PAGE_UP:
		ui_move_by(ui, -(long long)page);
		break;
	case UI_ACT_TOP:
		ui_move_by(ui, -(1LL << 40));
		break;
	case UI_ACT_BOTTOM:
		ui_move_by(ui, 1LL << 40);
		break;
	case UI_ACT_OPEN:
		if (ui->view == UI_VIEW_FEEDS)
			ui_open_feed(ui);
		else if (ui->view == UI_VIEW_ARTICLES)
			ui_open_article(ui, ui->asel);
		else if (ui->view == UI_VIEW_RESULTS && ui->hitsel < ui->nhits) {
			ui->nback = 0;
			ui_show_article(ui, ui->hits[ui->hitsel].id);
			ui->pager_from = UI_VIEW_RESULTS;
		} else if (ui->view == UI_VIEW_PAGER && ui->related_focus &&
			   ui->rsel < ui->nrelated) {
			/* q comes back here. */
			if (ui->nback == CORE_NELEM(ui->back)) {
				memmove(ui->back, ui->back + 1,
					sizeof ui->back - sizeof ui->back[0]);
				ui->nback--;
			}
			ui->back[ui->nback++] = ui->art.id;
			ui_show_article(ui, ui->related[ui->rsel].id);
		}
		break;
	case UI_ACT_BACK:
		if (ui->view == UI_VIEW_HELP) {
			ui->view = ui->help_from;
		} else if (ui->view == UI_VIEW_PAGER && ui->nback > 0) {
			ui_show_article(ui, ui->back[--ui->nback]);
		} else if (ui->view == UI_VIEW_PAGER) {
			ui->view = ui->pager_from;
		} else if (ui->view == UI_VIEW_RESULTS) {
			ui->view = ui->list_title != NULL ? UI_VIEW_ARTICLES : UI_VIEW_FEEDS;
		} else if (ui->view == UI_VIEW_ARTICLES) {
			ui->view = UI_VIEW_FEEDS;
			ui_load_feeds(ui);
		} else {
			ui->quit = true;
		}
		break;
	case UI_ACT_QUIT:
		ui->quit = true;
		break;
	case UI_ACT_NEXT_ARTICLE:
	case UI_ACT_PREV_ARTICLE: {
		if (ui->pager_from == UI_VIEW_RESULTS) {
			size_t h = ui->hitsel;
			if (act == UI_ACT_NEXT_ARTICLE && h + 1 < ui->nhits)
				h++;
			else if (act == UI_ACT_PREV_ARTICLE && h > 0)
				h--;
			if (h != ui->hitsel) {
				ui->hitsel = h;
				ui_show_article(ui, ui->hits[h].id);
				ui->pager_from = UI_VIEW_RESULTS;
				break;
			}
		}
		size_t i = ui->asel;
		if (ui->pager_from != UI_VIEW_RESULTS && act == UI_ACT_NEXT_ARTICLE &&
		    ui->total > 0 && i + 1 < (size_t)ui->total)
			ui_open_article(ui, i + 1);
		else if (ui->pager_from != UI_VIEW_RESULTS && act == UI_ACT_PREV_ARTICLE && i > 0)
			ui_open_article(ui, i - 1);
		else
			ui_status(
			    ui, false, "%s",
			    act == UI_ACT_NEXT_ARTICLE
				? ui_label(ui, "Đây là bài cuối", "This is the last article")
				: ui_label(ui, "Đây là bài đầu", "This is the first article"));
		break;
	}
	case UI_ACT_TOGGLE_UNREAD:
		ui->q.unread_only = !ui->q.unread_only;
		ui_drop_rows(ui);
		ui->asel = ui->atop = 0;
		break;
	case UI_ACT_TOGGLE_READ:
		ui_toggle_read(ui);
		break;
	case UI_ACT_MARK_ALL_READ:
		ui_mark_all_read(ui);
		break;
	case UI_ACT_STAR:
		ui_star(ui);
		break;
	case UI_ACT_HELP:
		if (ui->view != UI_VIEW_HELP) {
			ui->help_from = ui->view;
			ui->htop = 0;
			ui->view = UI_VIEW_HELP;
		}
		break;
	case UI_ACT_SEARCH:
		ui->prompt_find = ui->view == UI_VIEW_PAGER;
		ui_prompt_open(&ui->prompt, ui->prompt_find
						? ui_label(ui, "Tìm trong bài: ", "Find: ")
						: ui_label(ui, "Tìm: ", "Search: "));
		break;
	case UI_ACT_FIND_NEXT:
	case UI_ACT_FIND_PREV:
		if (ui->nmatches == 0)
			ui_status(
			    ui, false, "%s",
			    ui_label(ui, "Chưa tìm gì (/ để tìm)", "Nothing to find (/ to find)"));
		else
			ui_find_show(ui, act == UI_ACT_FIND_NEXT ? ui->mcur + 1
								 : ui->mcur + ui->nmatches - 1);
		break;
	case UI_ACT_OPEN_LINK:
	case UI_ACT_COPY_LINK: {
		char *url = ui_link(ui);
		if (url == NULL)
			break;
		char **to = act == UI_ACT_OPEN_LINK ? &ui->open_url : &ui->copy_url;
		free(*to);
		*to = url;
		if (act == UI_ACT_COPY_LINK)
			ui_status(ui, false, "%s", ui_label(ui, "Đã chép liên kết", "Link copied"));
		break;
	}
	case UI_ACT_TOGGLE_RELATED:
		ui->show_related = !ui->show_related;
		ui->related_focus = ui->related_focus && ui->show_related;
		ui->laid_width = 0;
		break;
	case UI_ACT_FOCUS:
		if (ui->show_related && ui->nrelated > 0)
			ui->related_focus = !ui->related_focus;
		else
			ui_status(ui, false, "%s",
				  ui_label(ui, "Không có tin liên quan", "No related articles"));
		break;
	case UI_ACT_REFRESH_ALL:
	case UI_ACT_REFRESH_FEED:
		if (ui->offline) {
			ui_status(ui, true, "%s",
				  ui_label(ui, "Đang ngoại tuyến (--offline): không cập nhật",
					   "Offline (--offline): no refresh"));
		} else if (ui->refreshing) {
			ui_status(ui, false, "%s",
				  ui_label(ui, "Đang cập nhật rồi", "A refresh is under way"));
		} else if (act == UI_ACT_REFRESH_ALL) {
			ui->want_refresh = 0;
		} else {
			int64_t feed = ui->view == UI_VIEW_FEEDS
					   ? (ui->fsel > 0 ? ui->feeds[ui->fsel - 1].id : 0)
				       : ui->view == UI_VIEW_PAGER && ui->have_art ? ui->art.feed_id
										   : ui->q.feed_id;
			ui->want_refresh = feed;
		}
		break;
	case UI_ACT_REDRAW:
	case UI_ACT_COUNT:
	case UI_ACT_NONE:
		break;
	}
}

void ui_reload(struct ui *ui)
{
	ui_load_feeds(ui);
	const struct store_row *row = ui_row(ui, ui->asel);
	int64_t id = row != NULL ? row->id : 0;
	ui_drop_rows(ui);
	if (id == 0)
		return;
	int64_t index;
	char err[CORE_ERRLEN];
	if (store_row_index(ui->st, &ui->q, id, &index, err, sizeof err)) {
		/* The same article under the cursor, at the same place on the screen. */
		size_t at = ui->asel - ui->atop;
		ui->asel = (size_t)index;
		ui->atop = ui->asel >= at ? ui->asel - at : 0;
	}
}

void ui_mouse(struct ui *ui, enum ui_mouse what, int row, int col)
{
	(void)col;
	ui->status[0] = '\0';
	if (ui->prompt.active)
		return;
	if (what == UI_MOUSE_WHEEL_UP || what == UI_MOUSE_WHEEL_DOWN) {
		long long step = what == UI_MOUSE_WHEEL_UP ? -3 : 3;
		if (ui->view == UI_VIEW_PAGER && !ui->related_focus) {
			ui_move_by(ui, step);
		} else {
			for (int i = 0; i < 3; i++)
				ui_do(ui, step < 0 ? UI_ACT_UP : UI_ACT_DOWN);
		}
		return;
	}
	/* A click selects the row under it in a list; a double click opens it. */
	size_t body = (size_t)(row - 1);
	if (row < 1 || body >= ui_body_rows(ui))
		return;
	bool hit = false;
	if (ui->view == UI_VIEW_FEEDS && ui->ftop + body <= ui->nfeeds) {
		ui->fsel = ui->ftop + body;
		hit = true;
	} else if (ui->view == UI_VIEW_ARTICLES && ui->total > 0 &&
		   ui->atop + body < (size_t)ui->total) {
		ui->asel = ui->atop + body;
		hit = true;
	} else if (ui->view == UI_VIEW_RESULTS && ui->hittop + body / 2 < ui->nhits) {
		ui->hitsel = ui->hittop + body / 2;
		hit = true;
	}
	if (hit && what == UI_MOUSE_DOUBLE)
		ui_do(ui, UI_ACT_OPEN);
}

void ui_key(struct ui *ui, int key)
{
	ui->status[0] = '\0';
	if (ui->prompt.active) {
		if (ui_prompt_key(&ui->prompt, key) == UI_PROMPT_DONE && ui->prompt.len > 0) {
			if (ui->prompt_find)
				ui_find(ui, ui->prompt.text);
			else
				ui_search(ui, ui->prompt.text);
		}
		return;
	}
	int act = ui_keys_action(key, ui_view_flag(ui->view));
	if (act == UI_ACT_NONE && key >= '0' && key <= '9' && ui->count < 100000) {
		/* A number before a key: which link. */
		ui->count = ui->count * 10 + (unsigned)(key - '0');
		ui_status(ui, false, "%u", ui->count);
		return;
	}
	if (act != UI_ACT_NONE) {
		if (act != UI_ACT_OPEN_LINK && act != UI_ACT_COPY_LINK)
			ui->count = 0;
		ui_do(ui, (enum ui_action_id)act);
		return;
	}
	ui->count = 0;
	if (key == UI_KEY_RESIZE)
		return;
	char name[16];
	ui_keys_name(key, name);
	ui_status(ui, false,
		  ui->vietnamese ? "Phím %s không làm gì ở đây (? để xem)"
				 : "%s does nothing here (? for help)",
		  name);
}
