/*
 * ui_action.c: what the actions of ui_actions.def do, keys and mouse
 * events turned into them, and reloading what is shown when the cache
 * changes under it. Handlers change state; drawing comes after.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

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
	size_t height = ui_view_body_rows(ui);
	switch (ui->view) {
	case UI_VIEW_FEEDS:
		ui_move(&ui->fsel, delta, ui->nfeeds + 1);
		break;
	case UI_VIEW_ARTICLES:
		if (ui->total < 0)
			ui_view_load_rows(ui, ui->atop, height);
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
		ui_move(&ui->htop, delta, ui_view_help_lines(ui));
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
	ui->list_title =
	    ui_view_text(ui, f == NULL ? ui_view_label(ui, "Tất cả bài viết", "All articles")
			     : f->title != NULL ? f->title
						: f->url);
	ui_view_drop_rows(ui);
	ui->asel = ui->atop = 0;
	ui->view = UI_VIEW_ARTICLES;
}

/* Sets the read (or starred) state of article id in the copy of row r, if it is that one. */
static void ui_flag_row(struct store_row *r, int64_t id, bool star, bool set)
{
	if (r->id != id)
		return;
	if (star)
		r->starred = set;
	else
		r->read = set;
}

/*
 * Marks the article the keys are on (the open one, or the selected row of
 * the articles or the results) read or unread, or stars it or not, and
 * every copy the views hold follows.
 */
static void ui_toggle_flag(struct ui *ui, bool star)
{
	const struct store_row *row = NULL;
	if (ui->view == UI_VIEW_ARTICLES)
		row = ui_view_row(ui, ui->asel);
	else if (ui->view == UI_VIEW_RESULTS && ui->hitsel < ui->nhits)
		row = &ui->hits[ui->hitsel].row;
	int64_t id;
	bool set;
	if (ui->view == UI_VIEW_PAGER && ui->have_art) {
		id = ui->art.id;
		set = star ? !ui->art.starred : !ui->art.read;
	} else if (row != NULL) {
		id = row->id;
		set = star ? !row->starred : !row->read;
	} else {
		return;
	}
	char err[CORE_ERRLEN];
	bool ok = star ? store_star(ui->st, id, set, err, sizeof err)
		       : store_mark_read(ui->st, id, set, err, sizeof err);
	if (!ok) {
		ui_view_status(ui, true, "%s", err);
		return;
	}
	if (ui->have_art && ui->art.id == id) {
		if (star)
			ui->art.starred = set;
		else
			ui->art.read = set;
	}
	for (size_t k = 0; k < ui->nrows; k++)
		ui_flag_row(&ui->rows[k], id, star, set);
	for (size_t k = 0; k < ui->nhits; k++)
		ui_flag_row(&ui->hits[k].row, id, star, set);
	for (size_t k = 0; k < ui->nrelated; k++)
		ui_flag_row(&ui->related[k].row, id, star, set);
	static const char *const said[2][2][2] = {
	    {{"Đã đánh dấu chưa đọc", "Marked unread"}, {"Đã đánh dấu đã đọc", "Marked read"}},
	    {{"Đã bỏ sao", "Unstarred"}, {"Đã gắn sao", "Starred"}},
	};
	ui_view_status(ui, false, "%s", said[star][set][!ui->vietnamese]);
}

static void ui_mark_all_read(struct ui *ui)
{
	int64_t feed = ui->view == UI_VIEW_FEEDS ? (ui->fsel == 0 ? 0 : ui->feeds[ui->fsel - 1].id)
						 : ui->q.feed_id;
	int64_t n = 0;
	char err[CORE_ERRLEN];
	if (!store_mark_all_read(ui->st, feed, &n, err, sizeof err)) {
		ui_view_status(ui, true, "%s", err);
		return;
	}
	ui_view_status(ui, false,
		       ui->vietnamese ? "%lld bài đã đánh dấu đã đọc" : "%lld marked read",
		       (long long)n);
	ui_view_drop_rows(ui);
	ui_view_load_feeds(ui);
}

/* ---- the handlers: one an action, or one an action in a view ---- */

static void ui_on_move(struct ui *ui, enum ui_action_id act)
{
	long long page = (long long)ui_view_body_rows(ui);
	static const long long far = 1LL << 40;
	long long delta = act == UI_ACT_DOWN        ? 1
			  : act == UI_ACT_UP        ? -1
			  : act == UI_ACT_PAGE_DOWN ? page
			  : act == UI_ACT_PAGE_UP   ? -page
			  : act == UI_ACT_TOP       ? -far
						    : far;
	ui_move_by(ui, delta);
}

static void ui_on_open_feed(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_open_feed(ui);
}

static void ui_on_open_article(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_pager_open(ui, ui->asel);
}

static void ui_on_open_hit(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->hitsel >= ui->nhits)
		return;
	ui->nback = 0;
	ui_pager_show(ui, ui->hits[ui->hitsel].row.id);
	ui->pager_from = UI_VIEW_RESULTS;
}

/* In the pager: the related article selected in the pane; q comes back here. */
static void ui_on_open_related(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (!ui->related_focus || ui->rsel >= ui->nrelated)
		return;
	if (ui->nback == CORE_NELEM(ui->back)) {
		memmove(ui->back, ui->back + 1, sizeof ui->back - sizeof ui->back[0]);
		ui->nback--;
	}
	ui->back[ui->nback++] = ui->art.id;
	ui_pager_show(ui, ui->related[ui->rsel].row.id);
}

static void ui_on_back_help(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->view = ui->help_from;
}

static void ui_on_back_pager(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->nback > 0)
		ui_pager_show(ui, ui->back[--ui->nback]);
	else
		ui->view = ui->pager_from;
}

static void ui_on_back_results(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->view = ui->list_title != NULL ? UI_VIEW_ARTICLES : UI_VIEW_FEEDS;
}

static void ui_on_back_articles(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->view = UI_VIEW_FEEDS;
	ui_view_load_feeds(ui);
}

static void ui_on_quit(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->quit = true;
}

/* The next or previous article of the list (or the results) the pager came from. */
static void ui_on_next_article(struct ui *ui, enum ui_action_id act)
{
	bool next = act == UI_ACT_NEXT_ARTICLE;
	if (ui->pager_from == UI_VIEW_RESULTS) {
		size_t h = ui->hitsel;
		if (next && h + 1 < ui->nhits)
			h++;
		else if (!next && h > 0)
			h--;
		if (h != ui->hitsel) {
			ui->hitsel = h;
			ui_pager_show(ui, ui->hits[h].row.id);
			ui->pager_from = UI_VIEW_RESULTS;
			return;
		}
	}
	size_t i = ui->asel;
	bool in_list = ui->pager_from != UI_VIEW_RESULTS;
	if (in_list && next && ui->total > 0 && i + 1 < (size_t)ui->total)
		ui_pager_open(ui, i + 1);
	else if (in_list && !next && i > 0)
		ui_pager_open(ui, i - 1);
	else
		ui_view_status(
		    ui, false, "%s",
		    next ? ui_view_label(ui, "Đây là bài cuối", "This is the last article")
			 : ui_view_label(ui, "Đây là bài đầu", "This is the first article"));
}

static void ui_on_toggle_unread(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->q.unread_only = !ui->q.unread_only;
	ui_view_drop_rows(ui);
	ui->asel = ui->atop = 0;
}

static void ui_on_flag(struct ui *ui, enum ui_action_id act)
{
	ui_toggle_flag(ui, act == UI_ACT_STAR);
}

static void ui_on_mark_all_read(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_mark_all_read(ui);
}

static void ui_on_help(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->view == UI_VIEW_HELP)
		return;
	ui->help_from = ui->view;
	ui->htop = 0;
	ui->view = UI_VIEW_HELP;
}

static void ui_on_search(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->prompt_find = ui->view == UI_VIEW_PAGER;
	ui_prompt_open(&ui->prompt, ui->prompt_find ? ui_view_label(ui, "Tìm trong bài: ", "Find: ")
						    : ui_view_label(ui, "Tìm: ", "Search: "));
}

static void ui_on_find_next(struct ui *ui, enum ui_action_id act)
{
	if (ui->nmatches == 0) {
		ui_view_status(
		    ui, false, "%s",
		    ui_view_label(ui, "Chưa tìm gì (/ để tìm)", "Nothing to find (/ to find)"));
		return;
	}
	ui_pager_find_show(ui,
			   act == UI_ACT_FIND_NEXT ? ui->mcur + 1 : ui->mcur + ui->nmatches - 1);
}

/* open-link and copy-link: the loop (ui_term.c) hands the URL over. */
static void ui_on_link(struct ui *ui, enum ui_action_id act)
{
	char *url = ui_pager_link(ui);
	if (url == NULL)
		return;
	char **to = act == UI_ACT_OPEN_LINK ? &ui->open_url : &ui->copy_url;
	free(*to);
	*to = url;
	if (act == UI_ACT_COPY_LINK)
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui, "Đã chép liên kết", "Link copied"));
}

static void ui_on_toggle_related(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->show_related = !ui->show_related;
	ui->related_focus = ui->related_focus && ui->show_related;
	ui->laid_width = 0;
}

static void ui_on_focus(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->show_related && ui->nrelated > 0)
		ui->related_focus = !ui->related_focus;
	else
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui, "Không có tin liên quan", "No related articles"));
}

/* The feed a refresh-feed means in the current view; 0 for every feed. */
static int64_t ui_refresh_target(const struct ui *ui)
{
	if (ui->view == UI_VIEW_FEEDS)
		return ui->fsel > 0 ? ui->feeds[ui->fsel - 1].id : 0;
	if (ui->view == UI_VIEW_PAGER && ui->have_art)
		return ui->art.feed_id;
	return ui->q.feed_id;
}

/* Asks the loop (ui_term.c) for a refresh. */
static void ui_on_refresh(struct ui *ui, enum ui_action_id act)
{
	if (ui->offline)
		ui_view_status(ui, true, "%s",
			       ui_view_label(ui, "Đang ngoại tuyến (--offline): không cập nhật",
					     "Offline (--offline): no refresh"));
	else if (ui->refreshing)
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui, "Đang cập nhật rồi", "A refresh is under way"));
	else
		ui->want_refresh = act == UI_ACT_REFRESH_ALL ? 0 : ui_refresh_target(ui);
}

/* redraw: the loop redraws after every key anyway. */
static void ui_on_nothing(struct ui *ui, enum ui_action_id act)
{
	(void)ui;
	(void)act;
}

typedef void (*ui_handler)(struct ui *ui, enum ui_action_id act);

/*
 * What each action does, by view: the first row whose action it is and
 * whose views hold the current one (UI_IN_* flags) handles it, so the rows
 * of one view come before an action's row for every view.
 */
static const struct {
	enum ui_action_id act;
	unsigned views;
	ui_handler fn;
} ui_handlers[] = {
    {UI_ACT_DOWN, UI_IN_ALL, ui_on_move},
    {UI_ACT_UP, UI_IN_ALL, ui_on_move},
    {UI_ACT_PAGE_DOWN, UI_IN_ALL, ui_on_move},
    {UI_ACT_PAGE_UP, UI_IN_ALL, ui_on_move},
    {UI_ACT_TOP, UI_IN_ALL, ui_on_move},
    {UI_ACT_BOTTOM, UI_IN_ALL, ui_on_move},
    {UI_ACT_OPEN, UI_IN_FEEDS, ui_on_open_feed},
    {UI_ACT_OPEN, UI_IN_ARTICLES, ui_on_open_article},
    {UI_ACT_OPEN, UI_IN_RESULTS, ui_on_open_hit},
    {UI_ACT_OPEN, UI_IN_PAGER, ui_on_open_related},
    {UI_ACT_BACK, UI_IN_HELP, ui_on_back_help},
    {UI_ACT_BACK, UI_IN_PAGER, ui_on_back_pager},
    {UI_ACT_BACK, UI_IN_RESULTS, ui_on_back_results},
    {UI_ACT_BACK, UI_IN_ARTICLES, ui_on_back_articles},
    {UI_ACT_BACK, UI_IN_FEEDS, ui_on_quit},
    {UI_ACT_QUIT, UI_IN_ALL, ui_on_quit},
    {UI_ACT_NEXT_ARTICLE, UI_IN_ALL, ui_on_next_article},
    {UI_ACT_PREV_ARTICLE, UI_IN_ALL, ui_on_next_article},
    {UI_ACT_TOGGLE_UNREAD, UI_IN_ALL, ui_on_toggle_unread},
    {UI_ACT_TOGGLE_READ, UI_IN_ALL, ui_on_flag},
    {UI_ACT_STAR, UI_IN_ALL, ui_on_flag},
    {UI_ACT_MARK_ALL_READ, UI_IN_ALL, ui_on_mark_all_read},
    {UI_ACT_HELP, UI_IN_ALL, ui_on_help},
    {UI_ACT_SEARCH, UI_IN_ALL, ui_on_search},
    {UI_ACT_FIND_NEXT, UI_IN_ALL, ui_on_find_next},
    {UI_ACT_FIND_PREV, UI_IN_ALL, ui_on_find_next},
    {UI_ACT_OPEN_LINK, UI_IN_ALL, ui_on_link},
    {UI_ACT_COPY_LINK, UI_IN_ALL, ui_on_link},
    {UI_ACT_TOGGLE_RELATED, UI_IN_ALL, ui_on_toggle_related},
    {UI_ACT_FOCUS, UI_IN_ALL, ui_on_focus},
    {UI_ACT_REFRESH_ALL, UI_IN_ALL, ui_on_refresh},
    {UI_ACT_REFRESH_FEED, UI_IN_ALL, ui_on_refresh},
    {UI_ACT_REDRAW, UI_IN_ALL, ui_on_nothing},
};

bool ui_action_handled(enum ui_action_id act, unsigned view)
{
	for (size_t i = 0; i < CORE_NELEM(ui_handlers); i++) {
		if (ui_handlers[i].act == act && (ui_handlers[i].views & view) != 0)
			return true;
	}
	return false;
}

void ui_do(struct ui *ui, enum ui_action_id act)
{
	/* What the handler reads of the view is up to date, drawn or not (never drawn:
	   at a terminal's usual 80x24). */
	if (ui->recalc)
		ui_recalc(ui, ui->grid.rows > 0 ? ui->grid.rows : 24,
			  ui->grid.cols > 0 ? ui->grid.cols : 80);
	ui->recalc = true;
	unsigned view = ui_view_flag(ui->view);
	for (size_t i = 0; i < CORE_NELEM(ui_handlers); i++) {
		if (ui_handlers[i].act == act && (ui_handlers[i].views & view) != 0) {
			ui_handlers[i].fn(ui, act);
			return;
		}
	}
}

void ui_reload(struct ui *ui)
{
	ui->recalc = true;
	ui_view_load_feeds(ui);
	const struct store_row *row = ui_view_row(ui, ui->asel);
	int64_t id = row != NULL ? row->id : 0;
	ui_view_drop_rows(ui);
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
	ui->recalc = true;
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
	if (row < 1 || body >= ui_view_body_rows(ui))
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
	ui->recalc = true;
	ui->status[0] = '\0';
	if (ui->prompt.active) {
		if (ui_prompt_key(&ui->prompt, key) == UI_PROMPT_DONE && ui->prompt.len > 0) {
			if (ui->prompt_find)
				ui_pager_find(ui, ui->prompt.text);
			else
				ui_view_search(ui, ui->prompt.text);
		}
		return;
	}
	int act = ui_keys_action(key, ui_view_flag(ui->view));
	if (act == UI_ACT_NONE && key >= '0' && key <= '9' && ui->count < 100000) {
		/* A number before a key: which link. */
		ui->count = ui->count * 10 + (unsigned)(key - '0');
		ui_view_status(ui, false, "%u", ui->count);
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
	ui_view_status(ui, false,
		       ui->vietnamese ? "Phím %s không làm gì ở đây (? để xem)"
				      : "%s does nothing here (? for help)",
		       name);
}
