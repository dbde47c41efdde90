/*
 * ui_view.c: the reader's lists (feeds, articles, search results), help,
 * and what they share with the pager (ui_pager.c) and the actions
 * (ui_action.c): labels, cleaning text for the screen, paging rows from
 * the store, the view table (enter, recalc, draw) and the view stack. A
 * view's recalc asks the store for the rows it shows; its draw only draws
 * them into the grid; nothing here talks to the terminal.
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
/* The fewest cells a feed's name keeps before its row leaves out the time of its last refresh. */
#define UI_VIEW_NAME_MIN 16
/* Narrower than this, the article list and search results give a date without its time. */
#define UI_VIEW_TIME_MIN_COLS 40

/* A label in Vietnamese and in English. */
const char *ui_view_label(const struct ui *ui, const char *vi, const char *en)
{
	return ui->vietnamese ? vi : en;
}

void ui_view_status(struct ui *ui, bool error, const char *fmt, ...)
{
	ui->dirty = true;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->status_error = error;
	ui_view_log(ui, error, ui->status);
}

void ui_view_log(struct ui *ui, bool error, const char *msg)
{
	struct ui_log *l = &ui->log;
	if (msg[0] == '\0')
		return;
	free(l->text[l->next]);
	l->text[l->next] = xstrdup(msg);
	l->when[l->next] = ui->now != 0 ? ui->now : (int64_t)time(NULL);
	l->error[l->next] = error;
	l->next = (l->next + 1) % UI_LOG_SIZE;
	if (l->n < UI_LOG_SIZE)
		l->n++;
}

/* Our own text (labels, dates, counts) for the screen: without marks in ASCII mode; owned. */
char *ui_view_own(const struct ui *ui, const char *s)
{
	return ui->ascii ? text_ascii(s, strlen(s)) : xstrdup(s);
}

/* s ready for the screen: one clean line, and without marks in ASCII mode; owned. */
char *ui_view_text(const struct ui *ui, const char *s)
{
	char *clean = text_clean(s != NULL ? s : "", s != NULL ? strlen(s) : 0, TEXT_CLEAN_LINE);
	if (!ui->ascii)
		return clean;
	char *a = text_ascii(clean, strlen(clean));
	free(clean);
	return a;
}

/* Draws our own s from col to end; the column after it. */
int ui_view_put(struct ui *ui, int row, int col, int end, const char *s, enum ui_slot slot,
		unsigned attr)
{
	char *t = ui_view_own(ui, s);
	col = ui_grid_str(&ui->grid, row, col, end, t, slot, attr);
	free(t);
	return col;
}

/* Draws our own s wrapped from col to end, from row on and above last; the rows it took. */
int ui_view_wrap(struct ui *ui, int row, int col, int end, int last, const char *s,
		 enum ui_slot slot)
{
	char *t = ui_view_own(ui, s);
	struct text_lines lines = {0};
	text_wrap(t, strlen(t), end - col > 1 ? end - col : 1, 0, 0, &lines);
	int n = 0;
	for (size_t i = 0; i < lines.n && row + n < last; i++, n++) {
		char *piece = xstrndup(t + lines.v[i].start, lines.v[i].shown - lines.v[i].start);
		ui_grid_str(&ui->grid, row + n, col, end, piece, slot, 0);
		free(piece);
	}
	text_lines_free(&lines);
	free(t);
	return n;
}

/* Draws our own s right-aligned to end; the column it starts at. */
int ui_view_put_right(struct ui *ui, int row, int end, const char *s, enum ui_slot slot,
		      unsigned attr)
{
	char *t = ui_view_own(ui, s);
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
	ui->pv.lines = xcalloc(1, sizeof *ui->pv.lines);
	ui->want_refresh = -1;
	ui->pv.show_related = true;
	ui->recalc = ui->dirty = true;
	config_bindings_defaults(&ui->keys);
	return ui;
}

/* The widest a format's dates can be: the days of a week in each month, mornings and evenings. */
void ui_view_date_format(struct ui *ui, const char *format)
{
	free(ui->date_format);
	ui->date_format = xstrdup(format);
	int widest = 1;
	for (int m = 0; m < 12; m++) {
		for (int d = 0; d < 7; d++) {
			int64_t t;
			if (!core_time_make(2025, m + 1, 21 + d, d % 2 == 0 ? 9 : 21, 45, 30, 0,
					    &t))
				continue;
			char date[TEXT_DATE_LEN];
			text_date_format(t, format, date);
			int w = text_width_str(date);
			widest = w > widest ? w : widest;
		}
	}
	ui->date_width = widest < 16 ? widest : 16;
}

void ui_view_drop_rows(struct ui *ui)
{
	ui->recalc = true;
	store_rows_free(ui->lv.rows, ui->lv.nrows);
	ui->lv.rows = NULL;
	ui->lv.nrows = 0;
	ui->lv.total = -1;
}

void ui_view_drop_article(struct ui *ui)
{
	if (ui->pv.have_art)
		store_article_free(&ui->pv.art);
	ui->pv.have_art = false;
	text_doc_layout_free(&ui->pv.lines->head);
	text_doc_layout_free(&ui->pv.lines->body);
	memset(ui->pv.lines, 0, sizeof *ui->pv.lines);
	ui->pv.laid_width = 0;
	store_hits_free(ui->pv.related, ui->pv.nrelated);
	ui->pv.related = NULL;
	ui->pv.nrelated = ui->pv.rsel = 0;
	for (size_t k = 0; k < ui->pv.nlinks; k++)
		free(ui->pv.links[k]);
	free(ui->pv.links);
	ui->pv.links = NULL;
	ui->pv.nlinks = 0;
	ui->pv.related_focus = false;
}

void ui_free(struct ui *ui)
{
	if (ui == NULL)
		return;
	store_feeds_free(ui->fv.feeds, ui->fv.n);
	ui_view_groups_free(ui->fv.tags, ui->fv.ntags);
	ui_view_groups_free(ui->fv.searches, ui->fv.nsearches);
	free(ui->fv.rows);
	free(ui->lv.set);
	for (size_t i = 0; i < UI_LOG_SIZE; i++)
		free(ui->log.text[i]);
	config_bindings_free(&ui->keys);
	free(ui->date_format);
	ui_view_drop_rows(ui);
	ui_view_drop_article(ui);
	free(ui->pv.lines);
	free(ui->lv.title);
	store_hits_free(ui->rv.hits, ui->rv.n);
	free(ui->rv.query);
	free(ui->pv.find);
	free(ui->pv.matches);
	free(ui->open_url);
	free(ui->want_page_url);
	free(ui->copy_url);
	ui_prompt_free(&ui->prompt);
	ui_grid_free(&ui->grid);
	free(ui);
}

/* Rows of the body: all but the title bar and the status line. */
size_t ui_view_body_rows(const struct ui *ui)
{
	return ui->grid.rows > 2 ? (size_t)(ui->grid.rows - 2) : 1;
}

/* Keeps sel on screen: top moved as little as possible. */
void ui_view_scroll_to(size_t sel, size_t *top, size_t height)
{
	if (sel < *top)
		*top = sel;
	else if (sel >= *top + height)
		*top = sel - height + 1;
}

/* ---- feeds ---- */

void ui_view_groups_free(struct ui_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].name);
		free(g[i].query);
		free(g[i].feeds);
	}
	free(g);
}

void ui_view_set_groups(struct ui *ui, struct ui_group *tags, size_t ntags,
			struct ui_group *searches, size_t nsearches)
{
	ui_view_groups_free(ui->fv.tags, ui->fv.ntags);
	ui_view_groups_free(ui->fv.searches, ui->fv.nsearches);
	ui->fv.tags = tags;
	ui->fv.ntags = ntags;
	ui->fv.searches = searches;
	ui->fv.nsearches = nsearches;
	ui_view_feed_rows(ui);
}

/* Adds a row to the feeds view. */
static void ui_view_row_add(struct ui *ui, enum ui_feed_row_kind kind, size_t i, bool nested)
{
	ui->fv.rows = xreallocarray(ui->fv.rows, ui->fv.nrows + 1, sizeof *ui->fv.rows);
	ui->fv.rows[ui->fv.nrows++] = (struct ui_feed_row){kind, i, nested};
}

void ui_view_feed_rows(struct ui *ui)
{
	ui->recalc = true;
	ui->fv.nrows = 0;
	ui_view_row_add(ui, UI_ROW_ALL, 0, false);
	if (!ui->fv.by_tag || ui->fv.ntags == 0) { /* every feed, then the saved searches */
		for (size_t i = 0; i < ui->fv.n; i++)
			ui_view_row_add(ui, UI_ROW_FEED, i, false);
		for (size_t i = 0; i < ui->fv.nsearches; i++)
			ui_view_row_add(ui, UI_ROW_SEARCH, i, false);
	} else { /* the searches, each tag with its feeds, then the feeds without a tag */
		for (size_t i = 0; i < ui->fv.nsearches; i++)
			ui_view_row_add(ui, UI_ROW_SEARCH, i, false);
		bool *tagged = xcalloc(ui->fv.n + 1, sizeof *tagged);
		for (size_t t = 0; t < ui->fv.ntags; t++) {
			ui_view_row_add(ui, UI_ROW_TAG, t, false);
			for (size_t i = 0; i < ui->fv.n; i++) {
				for (size_t k = 0; k < ui->fv.tags[t].nfeeds; k++) {
					if (ui->fv.tags[t].feeds[k] == ui->fv.feeds[i].id) {
						ui_view_row_add(ui, UI_ROW_FEED, i, true);
						tagged[i] = true;
						break;
					}
				}
			}
		}
		for (size_t i = 0; i < ui->fv.n; i++)
			if (!tagged[i])
				ui_view_row_add(ui, UI_ROW_FEED, i, false);
		free(tagged);
	}
	if (ui->fv.sel >= ui->fv.nrows)
		ui->fv.sel = ui->fv.nrows - 1;
}

const struct ui_feed_row *ui_view_sel_row(const struct ui *ui)
{
	static const struct ui_feed_row all = {UI_ROW_ALL, 0, false};
	return ui->fv.sel < ui->fv.nrows ? &ui->fv.rows[ui->fv.sel] : &all;
}

const struct store_feed *ui_view_sel_feed(const struct ui *ui)
{
	const struct ui_feed_row *r = ui_view_sel_row(ui);
	return r->kind == UI_ROW_FEED && r->i < ui->fv.n ? &ui->fv.feeds[r->i] : NULL;
}

/* Counts each tag's and each saved search's articles, unread and in all. */
static void ui_view_count_groups(struct ui *ui)
{
	char err[CORE_ERRLEN];
	for (size_t t = 0; t < ui->fv.ntags; t++) {
		struct ui_group *g = &ui->fv.tags[t];
		struct store_query q = {.feeds = g->feeds, .nfeeds = g->nfeeds};
		g->total = g->unread = 0;
		if (g->nfeeds == 0)
			continue;
		store_rows_count(ui->st, &q, &g->total, NULL, 0);
		q.unread_only = true;
		store_rows_count(ui->st, &q, &g->unread, NULL, 0);
	}
	for (size_t i = 0; i < ui->fv.nsearches; i++) {
		struct ui_group *g = &ui->fv.searches[i];
		if (g->query[0] == '\0') { /* every unread article */
			struct store_query q = {.unread_only = true};
			store_rows_count(ui->st, &q, &g->unread, NULL, 0);
			g->total = g->unread;
		} else if (!store_search_count(ui->st, g->query, &g->total, &g->unread, err,
					       sizeof err)) {
			g->total = g->unread = 0;
		}
	}
}

void ui_view_load_feeds(struct ui *ui)
{
	ui->recalc = true;
	char err[CORE_ERRLEN];
	struct store_feed *f;
	size_t n;
	if (!store_feeds_list(ui->st, &f, &n, err, sizeof err)) {
		ui_view_status(ui, true, "%s", err);
		return;
	}
	store_feeds_free(ui->fv.feeds, ui->fv.n);
	ui->fv.feeds = f;
	ui->fv.n = n;
	ui_view_count_groups(ui);
	ui_view_feed_rows(ui);
}

/* "5 phút trước" / "5 min ago" for a time in the past. */
static void ui_ago(const struct ui *ui, int64_t t, char out[48])
{
	if (t == STORE_NO_TIME) {
		core_err_set(out, 48, "%s", ui_view_label(ui, "chưa cập nhật", "never updated"));
		return;
	}
	int64_t d = (ui->now != 0 ? ui->now : (int64_t)time(NULL)) - t;
	if (d < 60)
		core_err_set(out, 48, "%s", ui_view_label(ui, "vừa xong", "just now"));
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

/* Recalc: the feeds from the store when there are none yet; the selection on screen. */
static void ui_recalc_feeds(struct ui *ui)
{
	if (ui->fv.feeds == NULL)
		ui_view_load_feeds(ui);
	ui_view_scroll_to(ui->fv.sel, &ui->fv.top, ui_view_body_rows(ui));
}

static void ui_draw_feeds(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	size_t height = ui_view_body_rows(ui), n = ui->fv.nrows;
	int64_t unread = 0, total = 0;
	for (size_t i = 0; i < ui->fv.n; i++) {
		unread += ui->fv.feeds[i].unread;
		total += ui->fv.feeds[i].total;
	}
	for (size_t r = 0; r < height && ui->fv.top + r < n; r++) {
		size_t i = ui->fv.top + r;
		int row = (int)r + 1;
		bool sel = i == ui->fv.sel;
		const struct ui_feed_row *fr = &ui->fv.rows[i];
		const struct store_feed *f = fr->kind == UI_ROW_FEED ? &ui->fv.feeds[fr->i] : NULL;
		const struct ui_group *grp = fr->kind == UI_ROW_TAG      ? &ui->fv.tags[fr->i]
					     : fr->kind == UI_ROW_SEARCH ? &ui->fv.searches[fr->i]
									 : NULL;
		int64_t fu = f != NULL ? f->unread : grp != NULL ? grp->unread : unread;
		int64_t ft = f != NULL ? f->total : grp != NULL ? grp->total : total;
		enum ui_slot slot = sel      ? UI_SLOT_SELECTED
				    : fu > 0 ? UI_SLOT_UNREAD
					     : UI_SLOT_NORMAL;
		ui_grid_fill(g, row, 0, g->cols, slot, 0);
		if (sel)
			ui_grid_str(g, row, 0, 1, ">", slot, UI_ATTR_BOLD);
		char right[96], ago[48];
		core_err_set(right, sizeof right, "%lld/%lld", (long long)fu, (long long)ft);
		if (f != NULL) {
			/* When it is, the last refresh; in a narrow window the name comes first. */
			ui_ago(ui, f->last_success, ago);
			if (g->cols - 5 - text_width_str(right) - 2 - text_width_str(ago) >=
			    UI_VIEW_NAME_MIN)
				core_err_set(right, sizeof right, "%lld/%lld  %s", (long long)fu,
					     (long long)ft, ago);
		}
		int rcol =
		    ui_view_put_right(ui, row, g->cols - 1, right, sel ? slot : UI_SLOT_DIM, 0);
		if (f != NULL && f->last_error != NULL)
			ui_grid_str(g, row, 1, 2, "!", sel ? slot : UI_SLOT_ERROR, UI_ATTR_BOLD);
		char *label = NULL;
		if (fr->kind == UI_ROW_TAG)
			label = xasprintf("#%s", grp->name);
		else if (fr->kind == UI_ROW_SEARCH)
			label = xasprintf("%s %s", ui_view_label(ui, "Tìm:", "Search:"), grp->name);
		const char *name = label != NULL ? label
				   : f == NULL
				       ? ui_view_label(ui, "Tất cả bài viết", "All articles")
				   : f->title != NULL ? f->title
						      : f->url;
		char *t = ui_view_text(ui, name);
		free(label);
		int ncol = fr->nested ? 5 : 3; /* a feed under its tag: indented */
		char *fit = text_fit(t, rcol - ncol - 2 > 1 ? rcol - ncol - 2 : 1,
				     ui->ascii ? "." : "…", false);
		ui_grid_str(g, row, ncol, rcol - 1, fit, slot, fu > 0 ? UI_ATTR_BOLD : 0);
		free(fit);
		free(t);
	}
	char title[160];
	core_err_set(title, sizeof title, "bantin — %s%s",
		     ui->fv.by_tag && ui->fv.ntags > 0
			 ? ui_view_label(ui, "Nguồn tin theo thẻ", "Feeds by tag")
			 : ui_view_label(ui, "Nguồn tin", "Feeds"),
		     ui->lv.q.unread_only ? ui_view_label(ui, " (chưa đọc)", " (unread)") : "");
	ui_view_put(ui, 0, 1, g->cols, title, UI_SLOT_BAR, UI_ATTR_BOLD);
	if (ui->status[0] == '\0' && ui_view_sel_feed(ui) != NULL &&
	    ui_view_sel_feed(ui)->last_error != NULL) {
		char *e = ui_view_text(ui, ui_view_sel_feed(ui)->last_error);
		ui_grid_str(g, g->rows - 1, 1, g->cols - 1, e, UI_SLOT_ERROR, 0);
		free(e);
	}
}

/* ---- articles ---- */

/* Makes sure rows [top, top + height) are loaded. */
void ui_view_load_rows(struct ui *ui, size_t top, size_t height)
{
	char err[CORE_ERRLEN];
	if (ui->lv.total < 0 &&
	    !store_rows_count(ui->st, &ui->lv.q, &ui->lv.total, err, sizeof err)) {
		ui_view_status(ui, true, "%s", err);
		ui->lv.total = 0;
	}
	if (ui->lv.nrows > 0 && top >= ui->lv.rows_from &&
	    top + height <= ui->lv.rows_from + ui->lv.nrows)
		return;
	if (ui->lv.nrows > 0 && top >= ui->lv.rows_from &&
	    ui->lv.rows_from + ui->lv.nrows >= (size_t)ui->lv.total)
		return; /* the end of the list is loaded */
	store_rows_free(ui->lv.rows, ui->lv.nrows);
	ui->lv.rows = NULL;
	ui->lv.nrows = 0;
	struct store_query q = ui->lv.q;
	q.offset = top > height ? top - height : 0; /* a page before and after, for scrolling */
	q.limit = height * 3;
	if (!store_rows(ui->st, &q, &ui->lv.rows, &ui->lv.nrows, err, sizeof err))
		ui_view_status(ui, true, "%s", err);
	ui->lv.rows_from = q.offset;
}

/* The loaded row for list index i, or NULL. */
const struct store_row *ui_view_row(const struct ui *ui, size_t i)
{
	if (i < ui->lv.rows_from || i >= ui->lv.rows_from + ui->lv.nrows)
		return NULL;
	return &ui->lv.rows[i - ui->lv.rows_from];
}

/* Recalc: the rows on screen asked of the store, the selection kept in the list and on screen. */
static void ui_recalc_articles(struct ui *ui)
{
	size_t height = ui_view_body_rows(ui);
	ui_view_load_rows(ui, ui->lv.top, height);
	if (ui->lv.total > 0 && ui->lv.sel >= (size_t)ui->lv.total)
		ui->lv.sel = (size_t)ui->lv.total - 1;
	ui_view_scroll_to(ui->lv.sel, &ui->lv.top, height);
	/* No blank rows at the bottom while there are rows above. */
	if (ui->lv.total > 0 && ui->lv.top + height > (size_t)ui->lv.total)
		ui->lv.top = (size_t)ui->lv.total > height ? (size_t)ui->lv.total - height : 0;
	ui_view_load_rows(ui, ui->lv.top, height);
}

static void ui_draw_articles(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	size_t height = ui_view_body_rows(ui);
	bool all = ui->lv.q.feed_id == 0;
	int feedw = all ? (g->cols >= 100 ? 20 : g->cols >= 60 ? 14 : 0) : 0;
	for (size_t r = 0; r < height; r++) {
		const struct store_row *row = ui_view_row(ui, ui->lv.top + r);
		if (row == NULL)
			break;
		int y = (int)r + 1;
		bool sel = ui->lv.top + r == ui->lv.sel;
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
		/* "29/12 16:05", "29/12/2022" for another year's; in a narrow window the title
		   needs the room more than the time */
		if (ui->date_format != NULL) { /* the settings' format, its widest dates' width */
			text_date_format(row->time, ui->date_format, date);
			char *fit = text_fit(date, ui->date_width, ui->ascii ? "." : "…", true);
			core_err_set(date, sizeof date, "%s", fit);
			free(fit);
		} else {
			text_date(row->time, TEXT_DATE_LIST, date);
			if (g->cols < UI_VIEW_TIME_MIN_COLS &&
			    date[5] == '/') { /* "2022 ": 5 cells */
				memmove(date, date + 6, 4);
				memcpy(date + 4, " ", 2);
			} else if (g->cols < UI_VIEW_TIME_MIN_COLS) {
				date[5] = '\0';
			}
		}
		col = ui_grid_str(g, y, col, g->cols, date, sel ? slot : UI_SLOT_DIM, 0) + 2;
		if (feedw > 0) {
			char *t = ui_view_text(ui, row->feed_title);
			char others[32] = "";
			if (row->others > 0) /* the other feeds that carry it */
				snprintf(others, sizeof others, " +%lld", (long long)row->others);
			char *fit = text_fit_tail(t, others, feedw, ui->ascii ? "." : "…", true);
			ui_grid_str(g, y, col, g->cols, fit, sel ? slot : UI_SLOT_DIM, 0);
			col += feedw + 2;
			free(fit);
			free(t);
		}
		char *t = ui_view_text(ui, row->title);
		char *fit = text_fit(t, g->cols - 1 - col > 1 ? g->cols - 1 - col : 1,
				     ui->ascii ? "." : "…", false);
		ui_grid_str(g, y, col, g->cols - 1, fit, row->read || sel ? slot : UI_SLOT_UNREAD,
			    row->read ? 0 : UI_ATTR_BOLD);
		free(fit);
		free(t);
	}
	if (ui->lv.total == 0) {
		ui_view_put(ui, 1, 1, g->cols,
			    ui->lv.q.unread_only
				? ui_view_label(ui, "Không có bài chưa đọc.", "No unread articles.")
			    : ui->lv.q.starred_only
				? ui_view_label(ui, "Chưa có bài gắn sao (s để gắn).",
						"No starred articles (s stars one).")
				: ui_view_label(ui, "Chưa có bài nào.", "No articles yet."),
			    UI_SLOT_DIM, 0);
		/* a feed whose refresh failed: why, there and then */
		for (size_t i = 0; ui->lv.q.feed_id != 0 && i < ui->fv.n; i++) {
			const struct store_feed *f = &ui->fv.feeds[i];
			if (f->id != ui->lv.q.feed_id || f->last_error == NULL)
				continue;
			char when[TEXT_DATE_LEN], line[CORE_ERRLEN];
			text_date(f->last_attempt, TEXT_DATE_SHORT, when);
			char *e = ui_view_text(ui, f->last_error);
			if (ui->vietnamese)
				core_err_set(line, sizeof line, "Lần cập nhật cuối (%s) bị lỗi: %s",
					     when, e);
			else
				core_err_set(line, sizeof line, "The last refresh (%s) failed: %s",
					     when, e);
			free(e);
			ui_view_wrap(ui, 3, 1, g->cols - 1, g->rows - 2, line, UI_SLOT_ERROR);
		}
	}
	char title[256], pos[64];
	core_err_set(title, sizeof title, "%s%s", ui->lv.title != NULL ? ui->lv.title : "",
		     ui->lv.q.unread_only ? ui_view_label(ui, " (chưa đọc)", " (unread)") : "");
	core_err_set(pos, sizeof pos, "%zu/%lld", ui->lv.total > 0 ? ui->lv.sel + 1 : 0,
		     (long long)ui->lv.total);
	int pcol = ui_view_put_right(ui, 0, g->cols - 1, pos, UI_SLOT_BAR, 0);
	ui_view_put(ui, 0, 1, pcol - 1, title, UI_SLOT_BAR, UI_ATTR_BOLD);
}

/* ---- search results ---- */

/*
 * Draws s with marks (byte ranges of s) in bold, from col to end, with an
 * ellipsis in the last cell when it does not fit; the column after it.
 */
static int ui_put_marked(struct ui *ui, int row, int col, int end, const char *s,
			 const struct store_mark *m, size_t nm, enum ui_slot slot, unsigned attr)
{
	char *clean = ui_view_text(ui, s);
	if (strcmp(clean, s != NULL ? s : "") != 0 || ui->ascii) {
		char *fit =
		    text_fit(clean, end - col > 1 ? end - col : 1, ui->ascii ? "." : "…", false);
		col = ui_grid_str(&ui->grid, row, col, end, fit, slot, attr);
		free(fit);
		free(clean);
		return col;
	}
	bool cut = text_width_str(clean) > end - col && end - col > 1;
	int stop = end;
	if (cut)
		end--; /* the ellipsis's cell */
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
	if (cut)
		col = ui_grid_str(&ui->grid, row, col, stop, "…", slot, attr);
	free(clean);
	return col;
}

/* Two rows a result. */
static size_t ui_results_height(const struct ui *ui)
{
	size_t height = ui_view_body_rows(ui) / 2;
	return height > 0 ? height : 1;
}

static void ui_recalc_results(struct ui *ui)
{
	ui_view_scroll_to(ui->rv.sel, &ui->rv.top, ui_results_height(ui));
}

static void ui_draw_results(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	size_t height = ui_results_height(ui);
	for (size_t r = 0; r < height && ui->rv.top + r < ui->rv.n; r++) {
		const struct store_hit *h = &ui->rv.hits[ui->rv.top + r];
		int y = 1 + 2 * (int)r;
		bool sel = ui->rv.top + r == ui->rv.sel;
		enum ui_slot slot = sel ? UI_SLOT_SELECTED : UI_SLOT_NORMAL;
		ui_grid_fill(g, y, 0, g->cols, slot, 0);
		if (sel)
			ui_grid_str(g, y, 0, 1, ">", slot, UI_ATTR_BOLD);
		ui_grid_str(g, y, 1, 2, h->row.read ? " " : "N", sel ? slot : UI_SLOT_UNREAD,
			    UI_ATTR_BOLD);
		ui_grid_str(g, y, 2, 3, h->row.starred ? "*" : " ", slot, UI_ATTR_BOLD);
		char date[TEXT_DATE_LEN];
		text_date(h->row.time, TEXT_DATE_SHORT, date);
		if (g->cols < UI_VIEW_TIME_MIN_COLS)
			date[10] = '\0'; /* "29/12/2022": the title needs the room more */
		int col = ui_grid_str(g, y, 4, g->cols, date, sel ? slot : UI_SLOT_DIM, 0) + 2;
		ui_put_marked(ui, y, col, g->cols - 1, h->row.title, h->title_marks,
			      h->ntitle_marks, slot, h->row.read ? 0 : UI_ATTR_BOLD);
		if (y + 1 < g->rows - 1 && h->snippet != NULL)
			ui_put_marked(ui, y + 1, 6, g->cols - 1, h->snippet, h->marks, h->nmarks,
				      UI_SLOT_DIM, 0);
	}
	if (ui->rv.n == 0)
		ui_view_put(ui, 1, 1, g->cols,
			    ui_view_label(ui, "Không tìm thấy bài nào.", "Nothing found."),
			    UI_SLOT_DIM, 0);
	char pos[64];
	core_err_set(pos, sizeof pos, "%zu/%zu", ui->rv.n > 0 ? ui->rv.sel + 1 : 0, ui->rv.n);
	int pcol = ui_view_put_right(ui, 0, g->cols - 1, pos, UI_SLOT_BAR, 0);
	char *q = ui_view_text(ui, ui->rv.query);
	char title[1200];
	core_err_set(title, sizeof title, "%s %s", ui_view_label(ui, "Tìm:", "Search:"), q);
	free(q);
	ui_grid_str(g, 0, 1, pcol - 1, title, UI_SLOT_BAR, UI_ATTR_BOLD);
}

/* Searches the cache for the prompt's text and shows the results. */
void ui_view_search(struct ui *ui, const char *query)
{
	ui->recalc = true;
	struct store_hit *hits;
	size_t n;
	char err[CORE_ERRLEN];
	if (!store_search(ui->st, query, 200, 0, &hits, &n, err, sizeof err)) {
		ui_view_status(ui, true, "%s", err);
		return;
	}
	store_hits_free(ui->rv.hits, ui->rv.n);
	ui->rv.hits = hits;
	ui->rv.n = n;
	ui->rv.sel = ui->rv.top = 0;
	free(ui->rv.query);
	ui->rv.query = xstrdup(query);
	ui_view_enter(ui, UI_VIEW_RESULTS);
}

/* ---- help ---- */

unsigned ui_view_flag(enum ui_view v)
{
	return v == UI_VIEW_FEEDS      ? UI_IN_FEEDS
	       : v == UI_VIEW_ARTICLES ? UI_IN_ARTICLES
	       : v == UI_VIEW_PAGER    ? UI_IN_PAGER
	       : v == UI_VIEW_RESULTS  ? UI_IN_RESULTS
				       : UI_IN_HELP;
}

/* The help's text column: from here to the window's last column but one. */
#define UI_HELP_COL 24

/* Calls line(ui, k, act, text, arg) for each line k of the help of the view it was opened
   from: the actions' texts wrapped at the window's width, act the action on the first line
   of its text (its keys are drawn there), -1 on the others. Returns the number of lines. */
static size_t
ui_help_each(struct ui *ui,
	     void (*line)(struct ui *ui, size_t k, int act, const char *text, void *arg), void *arg)
{
	unsigned flag = ui_view_flag(ui_view_under(ui));
	int width = ui->grid.cols - 1 - UI_HELP_COL > 1 ? ui->grid.cols - 1 - UI_HELP_COL : 1;
	size_t k = 0;
	for (int a = 0; a < UI_ACT_COUNT; a++) {
		if ((config_actions[a].views & flag) == 0)
			continue;
		char *help = ui_view_own(ui, ui->vietnamese ? config_actions[a].help_vi
							    : config_actions[a].help);
		struct text_lines lines = {0};
		text_wrap(help, strlen(help), width, 0, 0, &lines);
		for (size_t i = 0; i < lines.n; i++, k++) {
			if (line != NULL) {
				char *t = xstrndup(help + lines.v[i].start,
						   lines.v[i].shown - lines.v[i].start);
				line(ui, k, i == 0 ? a : -1, t, arg);
				free(t);
			}
		}
		text_lines_free(&lines);
		free(help);
	}
	return k;
}

/* The message log's lines, newest first, wrapped to width; each calls cb (NULL: counts). */
static size_t
ui_log_each(struct ui *ui, int width,
	    void (*cb)(struct ui *ui, size_t k, const char *text, bool error, void *arg), void *arg)
{
	const struct ui_log *l = &ui->log;
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		size_t at = (l->next + UI_LOG_SIZE - 1 - i) % UI_LOG_SIZE;
		char when[TEXT_DATE_LEN], *line;
		text_date(l->when[at], TEXT_DATE_SHORT, when);
		char *t = ui_view_text(ui, l->text[at]);
		line = xasprintf("%s  %s", when + 11, t); /* "16:05  ..." */
		free(t);
		struct text_lines lines = {0};
		text_wrap(line, strlen(line), width > 8 ? width : 8, 0, 7, &lines);
		for (size_t j = 0; j < lines.n; j++, k++) {
			if (cb == NULL)
				continue;
			char *piece = xasprintf("%*s%.*s", j > 0 ? 7 : 0, "",
						(int)(lines.v[j].shown - lines.v[j].start),
						line + lines.v[j].start);
			cb(ui, k, piece, l->error[at], arg);
			free(piece);
		}
		text_lines_free(&lines);
		free(line);
	}
	return k;
}

size_t ui_view_help_lines(struct ui *ui)
{
	if (ui->hv.log)
		return ui_log_each(ui, ui->grid.cols - 3, NULL, NULL);
	return ui_help_each(ui, NULL, NULL);
}

/* Draws log line k when it is in view. */
static void ui_log_line(struct ui *ui, size_t k, const char *text, bool error, void *arg)
{
	size_t height = *(const size_t *)arg;
	if (k < ui->hv.top || k >= ui->hv.top + height)
		return;
	ui_grid_str(&ui->grid, (int)(k - ui->hv.top) + 1, 2, ui->grid.cols - 1, text,
		    error ? UI_SLOT_ERROR : UI_SLOT_NORMAL, 0);
}

/* Draws help line k when it is in view. */
static void ui_help_line(struct ui *ui, size_t k, int act, const char *text, void *arg)
{
	size_t height = *(const size_t *)arg;
	if (k < ui->hv.top || k >= ui->hv.top + height)
		return;
	struct ui_grid *g = &ui->grid;
	int y = (int)(k - ui->hv.top) + 1;
	if (act >= 0) {
		char keys[128];
		config_bindings_keys(&ui->keys, (enum config_action_id)act,
				     ui_view_flag(ui_view_under(ui)), keys, sizeof keys);
		ui_grid_str(g, y, 2, UI_HELP_COL, keys[0] != '\0' ? keys : "-", UI_SLOT_HEADING,
			    UI_ATTR_BOLD);
	}
	ui_grid_str(g, y, UI_HELP_COL, g->cols - 1, text, UI_SLOT_NORMAL, 0);
}

static void ui_recalc_help(struct ui *ui)
{
	size_t height = ui_view_body_rows(ui), n = ui_view_help_lines(ui);
	if (ui->hv.top + height > n)
		ui->hv.top = n > height ? n - height : 0;
}

static void ui_draw_help(struct ui *ui)
{
	struct ui_grid *g = &ui->grid;
	size_t height = ui_view_body_rows(ui);
	if (ui->hv.log) {
		ui_log_each(ui, g->cols - 3, ui_log_line, &height);
		if (ui->log.n == 0)
			ui_view_put(ui, 1, 2, g->cols,
				    ui_view_label(ui, "Chưa có thông báo nào.", "No messages yet."),
				    UI_SLOT_DIM, 0);
		ui_view_put(
		    ui, 0, 1, g->cols,
		    ui_view_label(ui, "Thông báo (mới nhất trước)", "Messages (newest first)"),
		    UI_SLOT_BAR, UI_ATTR_BOLD);
		return;
	}
	ui_help_each(ui, ui_help_line, &height);
	ui_view_put(ui, 0, 1, g->cols, ui_view_label(ui, "Trợ giúp — phím", "Help — keys"),
		    UI_SLOT_BAR, UI_ATTR_BOLD);
}

/* ---- drawing ---- */

/* Back at the feeds from an article list: their counts may have changed. */
static void ui_enter_feeds(struct ui *ui, enum ui_view from)
{
	if (from == UI_VIEW_ARTICLES)
		ui_view_load_feeds(ui);
}

/* The help of the view it was opened from (the one under it), from its top. */
static void ui_enter_help(struct ui *ui, enum ui_view from)
{
	if (from != UI_VIEW_HELP)
		ui->hv.top = 0;
}

/*
 * The views: enter (when it is shown, from another; may be NULL), recalc
 * (asks the store for what is shown, lays out text, clamps the scroll) and
 * draw (only draws what recalc computed, into the grid). Each view's state
 * is its own struct in struct ui (fv, lv, pv, hv, rv).
 */
static const struct {
	void (*enter)(struct ui *ui, enum ui_view from);
	void (*recalc)(struct ui *ui);
	void (*draw)(struct ui *ui);
} ui_views[] = {
    [UI_VIEW_FEEDS] = {ui_enter_feeds, ui_recalc_feeds, ui_draw_feeds},
    [UI_VIEW_ARTICLES] = {NULL, ui_recalc_articles, ui_draw_articles},
    [UI_VIEW_PAGER] = {NULL, ui_pager_recalc, ui_pager_draw},
    [UI_VIEW_HELP] = {ui_enter_help, ui_recalc_help, ui_draw_help},
    [UI_VIEW_RESULTS] = {NULL, ui_recalc_results, ui_draw_results},
};

/* Makes view the one shown, coming from the one that was. */
static void ui_view_show(struct ui *ui, enum ui_view view)
{
	enum ui_view from = ui->view;
	ui->view = view;
	if (ui_views[view].enter != NULL)
		ui_views[view].enter(ui, from);
	ui->recalc = true;
}

void ui_view_enter(struct ui *ui, enum ui_view view)
{
	if (view == UI_VIEW_FEEDS) {
		ui->depth = 0; /* the feeds are the bottom of the stack */
	} else if (view != ui->view) {
		if (ui->depth == CORE_NELEM(ui->stack)) { /* cannot happen: five views */
			memmove(ui->stack, ui->stack + 1, sizeof ui->stack - sizeof ui->stack[0]);
			ui->depth--;
		}
		ui->stack[ui->depth++] = ui->view;
	}
	ui_view_show(ui, view);
}

enum ui_view ui_view_under(const struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : UI_VIEW_FEEDS;
}

bool ui_view_back(struct ui *ui)
{
	if (ui->depth == 0)
		return false;
	ui_view_show(ui, ui->stack[--ui->depth]);
	return true;
}

void ui_recalc(struct ui *ui, int rows, int cols)
{
	if (rows != ui->grid.rows || cols != ui->grid.cols)
		ui_grid_resize(&ui->grid, rows, cols);
	if (rows >= UI_MIN_ROWS && cols >= UI_MIN_COLS)
		ui_views[ui->view].recalc(ui);
	ui->recalc = false;
	ui->dirty = true;
}

/* "KEY: what" for the first key act is bound to in this view, after what hint holds (none when
   it has no key). */
static void ui_view_key_hint(const struct ui *ui, enum config_action_id act, const char *what,
			     char *hint, size_t size)
{
	char keys[128];
	config_bindings_keys(&ui->keys, act, ui_view_flag(ui->view), keys, sizeof keys);
	keys[strcspn(keys, " ")] = '\0';
	size_t used = strlen(hint);
	if (keys[0] != '\0' && used < size)
		snprintf(hint + used, size - used, "%s%s: %s", used > 0 ? "  " : "", keys, what);
}

void ui_draw(struct ui *ui, int rows, int cols)
{
	struct ui_grid *g = &ui->grid;
	if (ui->recalc || rows != g->rows || cols != g->cols)
		ui_recalc(ui, rows, cols);
	ui_grid_clear(g);
	ui->dirty = false;
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS) {
		/* never cut: shorter, then a word a line */
		const char *msg = ui_view_label(ui, "Cửa sổ quá nhỏ", "Window too small");
		if (text_width(msg, strlen(msg)) > cols)
			msg = ui_view_label(ui, "Quá nhỏ", "Too small");
		if (text_width(msg, strlen(msg)) <= cols) {
			ui_view_put(ui, rows / 2, 0, cols, msg, UI_SLOT_ERROR, UI_ATTR_BOLD);
			return;
		}
		int row = rows / 2 > 0 ? rows / 2 - 1 : 0;
		for (const char *w = msg; *w != '\0' && row < rows;) {
			size_t n = strcspn(w, " ");
			char *word = xstrndup(w, n);
			ui_view_put(ui, row++, 0, cols, word, UI_SLOT_ERROR, UI_ATTR_BOLD);
			free(word);
			w += n + (w[n] == ' ');
		}
		return;
	}
	ui_grid_fill(g, 0, 0, cols, UI_SLOT_BAR, 0);
	ui_grid_fill(g, rows - 1, 0, cols, UI_SLOT_STATUS, 0);
	ui_views[ui->view].draw(ui);
	int end = cols - 1;
	if (ui->refreshing) {
		char prog[64];
		core_err_set(prog, sizeof prog,
			     ui->vietnamese ? "Đang cập nhật %zu/%zu…" : "Updating %zu/%zu…",
			     ui->refresh_done, ui->refresh_total);
		end =
		    ui_view_put_right(ui, rows - 1, cols - 1, prog, UI_SLOT_STATUS, UI_ATTR_BOLD) -
		    2;
	}
	if (ui->offline || ui->readonly) {
		end = ui_view_put_right(ui, rows - 1, cols - 1,
					ui->offline ? ui_view_label(ui, "ngoại tuyến", "offline")
						    : ui_view_label(ui, "chỉ đọc", "read-only"),
					UI_SLOT_STATUS, UI_ATTR_BOLD) -
		      2;
	}
	if (ui->status[0] != '\0') {
		/* Messages may quote what came from the network: cleaned like it. */
		char *m = ui_view_text(ui, ui->status);
		/* cut with an ellipsis: the whole of it is in the message log (M) */
		char *fit = text_fit(m, end - 1 > 1 ? end - 1 : 1, ui->ascii ? "." : "…", false);
		ui_grid_str(g, rows - 1, 1, end, fit,
			    ui->status_error ? UI_SLOT_ERROR : UI_SLOT_STATUS, 0);
		free(fit);
		free(m);
	} else if (ui->view != UI_VIEW_FEEDS || ui_view_sel_feed(ui) == NULL ||
		   ui_view_sel_feed(ui)->last_error == NULL) {
		char hint[300] = "";
		ui_view_key_hint(ui, CONFIG_ACT_HELP, ui_view_label(ui, "trợ giúp", "help"), hint,
				 sizeof hint);
		ui_view_key_hint(ui, CONFIG_ACT_BACK, ui_view_label(ui, "quay lại", "back"), hint,
				 sizeof hint);
		ui_view_put(ui, rows - 1, 1, end, hint, UI_SLOT_STATUS, 0);
	}
	if (ui->prompt.active)
		ui_prompt_draw(g, rows - 1, &ui->prompt);
}
