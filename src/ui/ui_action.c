/*
 * ui_action.c: what the actions of config_actions.def do, keys and mouse
 * events turned into them, and reloading what is shown when the cache
 * changes under it. Handlers change state; drawing comes after.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
		ui_move(&ui->fv.sel, delta, ui->fv.nrows > 0 ? ui->fv.nrows : 1);
		break;
	case UI_VIEW_ARTICLES: {
		if (ui->lv.total < 0)
			ui_view_load_rows(ui, ui->lv.top, height);
		size_t was = ui->lv.sel;
		ui_move(&ui->lv.sel, delta, ui->lv.total > 0 ? (size_t)ui->lv.total : 1);
		/* past the end: older articles can be had */
		if (delta > 0 && ui->lv.sel == was && !ui->offline && !ui->refreshing)
			ui_view_status(
			    ui, false, "%s",
			    ui_view_label(ui, "Hết danh sách: O để tải các bài cũ hơn",
					  "The end of the list: O loads older articles"));
		break;
	}
	case UI_VIEW_PAGER: {
		if (ui->pv.related_focus) {
			ui_move(&ui->pv.rsel, delta, ui->pv.nrelated > 0 ? ui->pv.nrelated : 1);
			break;
		}
		struct ui_pager_area a;
		ui_pager_area(ui, &a);
		size_t n = ui_pager_lines(ui), h = (size_t)a.rows;
		ui_move(&ui->pv.top, delta, n > h ? n - h + 1 : 1);
		break;
	}
	case UI_VIEW_HELP:
		ui_move(&ui->hv.top, delta, ui_view_help_lines(ui));
		break;
	case UI_VIEW_RESULTS:
		ui_move(&ui->rv.sel, delta, ui->rv.n > 0 ? ui->rv.n : 1);
		break;
	}
}

/* Opens the article list of the selected row: a feed's, a tag's, every article; a saved search's
   results. */
static void ui_open_feed(struct ui *ui)
{
	const struct ui_feed_row *r = ui_view_sel_row(ui);
	const struct store_feed *f = ui_view_sel_feed(ui);
	if (r->kind == UI_ROW_SEARCH && ui->fv.searches[r->i].query[0] != '\0') {
		ui_view_search(ui, ui->fv.searches[r->i].query);
		return;
	}
	ui->lv.q.feed_id = f != NULL ? f->id : 0;
	ui->lv.q.starred_only = false;
	free(ui->lv.set);
	ui->lv.set = NULL;
	ui->lv.q.feeds = NULL;
	ui->lv.q.nfeeds = 0;
	free(ui->lv.title);
	char *name = NULL;
	if (r->kind == UI_ROW_TAG) { /* the articles of the tag's feeds */
		const struct ui_group *g = &ui->fv.tags[r->i];
		ui->lv.set = xcalloc(g->nfeeds + 1, sizeof *ui->lv.set);
		memcpy(ui->lv.set, g->feeds, g->nfeeds * sizeof *g->feeds);
		ui->lv.q.feeds = ui->lv.set;
		ui->lv.q.nfeeds = g->nfeeds;
		name = xasprintf("#%s", g->name);
	} else if (r->kind == UI_ROW_SEARCH) { /* every unread article */
		ui->lv.q.unread_only = true;
		name = xstrdup(ui->fv.searches[r->i].name);
	}
	ui->lv.title =
	    ui_view_text(ui, name != NULL ? name
			     : f == NULL ? ui_view_label(ui, "Tất cả bài viết", "All articles")
			     : f->title != NULL ? f->title
						: f->url);
	free(name);
	ui_view_drop_rows(ui);
	ui->lv.sel = ui->lv.top = 0;
	ui_view_enter(ui, UI_VIEW_ARTICLES);
}

/* The starred articles of every feed, as a list of their own. */
static void ui_on_starred(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->lv.q.feed_id = 0;
	free(ui->lv.set);
	ui->lv.set = NULL;
	ui->lv.q.feeds = NULL;
	ui->lv.q.nfeeds = 0;
	ui->lv.q.starred_only = true;
	free(ui->lv.title);
	ui->lv.title = ui_view_text(ui, ui_view_label(ui, "Bài gắn sao", "Starred"));
	ui_view_drop_rows(ui);
	ui->lv.sel = ui->lv.top = 0;
	ui_view_enter(ui, UI_VIEW_ARTICLES);
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
		row = ui_view_row(ui, ui->lv.sel);
	else if (ui->view == UI_VIEW_RESULTS && ui->rv.sel < ui->rv.n)
		row = &ui->rv.hits[ui->rv.sel].row;
	int64_t id;
	bool set;
	if (ui->view == UI_VIEW_PAGER && ui->pv.have_art) {
		id = ui->pv.art.id;
		set = star ? !ui->pv.art.starred : !ui->pv.art.read;
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
	if (ui->pv.have_art && ui->pv.art.id == id) {
		if (star)
			ui->pv.art.starred = set;
		else
			ui->pv.art.read = set;
	}
	for (size_t k = 0; k < ui->lv.nrows; k++)
		ui_flag_row(&ui->lv.rows[k], id, star, set);
	for (size_t k = 0; k < ui->rv.n; k++)
		ui_flag_row(&ui->rv.hits[k].row, id, star, set);
	for (size_t k = 0; k < ui->pv.nrelated; k++)
		ui_flag_row(&ui->pv.related[k].row, id, star, set);
	static const char *const said[2][2][2] = {
	    {{"Đã đánh dấu chưa đọc", "Marked unread"}, {"Đã đánh dấu đã đọc", "Marked read"}},
	    {{"Đã bỏ sao", "Unstarred"}, {"Đã gắn sao", "Starred"}},
	};
	ui_view_status(ui, false, "%s", said[star][set][!ui->vietnamese]);
}

static void ui_mark_all_read(struct ui *ui, bool everything)
{
	const struct ui_feed_row *r = ui_view_sel_row(ui);
	if (!everything && ((ui->view == UI_VIEW_FEEDS && r->kind == UI_ROW_TAG) ||
			    (ui->view != UI_VIEW_FEEDS && ui->lv.q.nfeeds > 0))) {
		/* a tag: each of its feeds */
		const int64_t *ids =
		    ui->view == UI_VIEW_FEEDS ? ui->fv.tags[r->i].feeds : ui->lv.set;
		size_t nids =
		    ui->view == UI_VIEW_FEEDS ? ui->fv.tags[r->i].nfeeds : ui->lv.q.nfeeds;
		int64_t n = 0, done;
		char err[CORE_ERRLEN];
		for (size_t i = 0; i < nids; i++) {
			if (!store_mark_all_read(ui->st, ids[i], &done, err, sizeof err)) {
				ui_view_status(ui, true, "%s", err);
				return;
			}
			n += done;
		}
		ui_view_status(ui, false,
			       ui->vietnamese ? "Đã đánh dấu %lld bài là đã đọc"
					      : "%lld marked read",
			       (long long)n);
		ui_reload(ui);
		return;
	}
	if (!everything && ui->view == UI_VIEW_FEEDS && r->kind == UI_ROW_SEARCH) {
		ui_view_status(ui, true, "%s",
			       ui_view_label(ui, "Mở tìm kiếm để đánh dấu từng bài",
					     "Open the search to mark its articles one by one"));
		return;
	}
	int64_t feed = everything ? 0
		       : ui->view == UI_VIEW_FEEDS
			   ? (ui_view_sel_feed(ui) != NULL ? ui_view_sel_feed(ui)->id : 0)
			   : ui->lv.q.feed_id;
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

/* Opens the next unread article after the one open or selected, whatever its feed. */
static void ui_next_unread(struct ui *ui)
{
	int64_t after = 0, id;
	if (ui->view == UI_VIEW_PAGER && ui->pv.have_art)
		after = ui->pv.art.id;
	else if (ui->view == UI_VIEW_ARTICLES && ui_view_row(ui, ui->lv.sel) != NULL)
		after = ui_view_row(ui, ui->lv.sel)->id;
	char err[CORE_ERRLEN];
	if (!store_next_unread(ui->st, after, &id, err, sizeof err)) {
		ui_view_status(ui, true, "%s", err);
		return;
	}
	if (id == 0) {
		ui_view_status(
		    ui, false, "%s",
		    ui_view_label(ui, "Không còn bài chưa đọc", "No unread articles left"));
		return;
	}
	ui->pv.nback = 0;
	ui_pager_show(ui, id);
}

static void ui_on_next_unread(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_next_unread(ui);
}

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
	size_t was = ui->pv.top;
	ui_move_by(ui, delta);
	/* Space at an article's end: the next unread one */
	if (act == UI_ACT_PAGE_DOWN && ui->view == UI_VIEW_PAGER && !ui->pv.related_focus &&
	    ui->pv.top == was)
		ui_next_unread(ui);
}

static void ui_on_open_feed(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_open_feed(ui);
}

static void ui_on_open_article(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_pager_open(ui, ui->lv.sel);
}

static void ui_on_open_hit(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->rv.sel >= ui->rv.n)
		return;
	ui->pv.nback = 0;
	ui_pager_show(ui, ui->rv.hits[ui->rv.sel].row.id);
}

/* In the pager: the related article selected in the pane; q comes back here. */
static void ui_on_open_related(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (!ui->pv.related_focus || ui->pv.rsel >= ui->pv.nrelated)
		return;
	if (ui->pv.nback == CORE_NELEM(ui->pv.back)) {
		memmove(ui->pv.back, ui->pv.back + 1, sizeof ui->pv.back - sizeof ui->pv.back[0]);
		ui->pv.nback--;
	}
	ui->pv.back[ui->pv.nback++] = ui->pv.art.id;
	const struct store_row *row = &ui->pv.related[ui->pv.rsel].row;
	int64_t id = row->id;
	if (id == 0) { /* not cached yet: an article of its link, shown while its page comes */
		char err[CORE_ERRLEN];
		if (row->link == NULL ||
		    !store_article_for_link(ui->st, ui->pv.art.feed_id, row->link, row->title,
					    (int64_t)time(NULL), &id, err, sizeof err)) {
			ui->pv.nback--;
			ui_view_status(ui, true, "%s", row->link == NULL ? "no link" : err);
			return;
		}
		free(ui->want_page_url);
		ui->want_page_url = xstrdup(row->link);
		ui->want_page = ui->page_waited = id;
		ui->want_page_feed = ui->pv.art.feed_id;
	}
	ui_pager_show(ui, id);
	if (ui->page_waited == id)
		ui_view_status(
		    ui, false, "%s",
		    ui_view_label(ui, "Đang tải trang của bài…", "Fetching the article's page…"));
}

static void ui_on_back_help(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_view_back(ui);
}

static void ui_on_back_pager(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->pv.related_focus) /* from the pane: back to the article's body */
		ui->pv.related_focus = false;
	else if (ui->pv.nback > 0)
		ui_pager_show(ui, ui->pv.back[--ui->pv.nback]);
	else
		ui_view_back(ui);
}

static void ui_on_back_results(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_view_back(ui); /* where the search was made from */
}

static void ui_on_back_articles(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_view_enter(ui, UI_VIEW_FEEDS);
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
	bool in_list = ui_view_under(ui) != UI_VIEW_RESULTS;
	if (!in_list) {
		size_t h = ui->rv.sel;
		if (next && h + 1 < ui->rv.n)
			h++;
		else if (!next && h > 0)
			h--;
		if (h != ui->rv.sel) {
			ui->rv.sel = h;
			ui_pager_show(ui, ui->rv.hits[h].row.id);
			return;
		}
	}
	size_t i = ui->lv.sel;
	if (in_list && next && ui->lv.total > 0 && i + 1 < (size_t)ui->lv.total)
		ui_pager_open(ui, i + 1);
	else if (in_list && !next && i > 0)
		ui_pager_open(ui, i - 1);
	else
		ui_view_status(
		    ui, false, "%s",
		    next ? ui_view_label(ui, "Đây là bài cuối", "This is the last article")
			 : ui_view_label(ui, "Đây là bài đầu", "This is the first article"));
}

/* t: the feeds under their tags, or one list; the cursor stays on its row's feed or tag. */
static void ui_on_toggle_tags(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->fv.ntags == 0) {
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui,
					     "Chưa nguồn tin nào có thẻ (xem man 5 bantin.conf)",
					     "No feed has a tag yet (see man 5 bantin.conf)"));
		return;
	}
	struct ui_feed_row was = *ui_view_sel_row(ui);
	ui->fv.by_tag = !ui->fv.by_tag;
	ui_view_feed_rows(ui);
	for (size_t i = 0; i < ui->fv.nrows; i++) {
		if (ui->fv.rows[i].kind == was.kind && ui->fv.rows[i].i == was.i) {
			ui->fv.sel = i;
			break;
		}
	}
}

static void ui_on_toggle_unread(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	/* the article under the cursor stays there, at its place on the screen, when it is in
	   the other list too */
	const struct store_row *row =
	    ui->view == UI_VIEW_ARTICLES ? ui_view_row(ui, ui->lv.sel) : NULL;
	int64_t id = row != NULL ? row->id : 0;
	size_t at = ui->lv.sel >= ui->lv.top ? ui->lv.sel - ui->lv.top : 0;
	ui->lv.q.unread_only = !ui->lv.q.unread_only;
	ui_view_drop_rows(ui);
	ui->lv.sel = ui->lv.top = 0;
	int64_t index;
	if (id != 0 && store_row_index(ui->st, &ui->lv.q, id, &index, NULL, 0)) {
		ui->lv.sel = (size_t)index;
		ui->lv.top = ui->lv.sel >= at ? ui->lv.sel - at : 0;
	}
}

static void ui_on_flag(struct ui *ui, enum ui_action_id act)
{
	ui_toggle_flag(ui, act == UI_ACT_STAR);
}

static void ui_on_mark_all_read(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui_mark_all_read(ui, false);
}

/* C: every article read, once asked again. */
static void ui_on_mark_everything(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->readonly) {
		ui_view_status(ui, true, "%s",
			       ui_view_label(ui, "Bộ nhớ đệm chỉ đọc", "The cache is read-only"));
		return;
	}
	if (!ui->confirm_all) {
		ui->confirm_all = true;
		ui_view_status(
		    ui, false, "%s",
		    ui_view_label(ui,
				  "Đánh dấu mọi bài của mọi nguồn tin là đã đọc? C để xác "
				  "nhận, phím khác để thôi",
				  "Mark every article of every feed read? C to confirm, any "
				  "other key not to"));
		return;
	}
	ui->confirm_all = false;
	ui_mark_all_read(ui, true);
}

static void ui_on_help(struct ui *ui, enum ui_action_id act)
{
	ui->hv.log = act == UI_ACT_MESSAGES;
	ui->hv.top = 0;
	ui_view_enter(ui, UI_VIEW_HELP);
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
	if (ui->pv.nmatches == 0) {
		ui_view_status(
		    ui, false, "%s",
		    ui_view_label(ui, "Chưa tìm gì (/ để tìm)", "Nothing to find (/ to find)"));
		return;
	}
	ui_pager_find_show(ui, act == UI_ACT_FIND_NEXT ? ui->pv.mcur + 1
						       : ui->pv.mcur + ui->pv.nmatches - 1);
}

/* open-link and copy-link: the loop (ui_term.c) hands the URL over. */
static void ui_on_link(struct ui *ui, enum ui_action_id act)
{
	char *url = ui_pager_link(ui);
	if (url == NULL)
		return;
	char *safe = core_url_openable(url); /* only http(s), and never an option to a program */
	if (safe == NULL) {
		char *shown = ui_view_text(ui, url);
		ui_view_status(ui, true, "%s: %s",
			       act == UI_ACT_OPEN_LINK
				   ? ui_view_label(ui, "Không phải liên kết http(s), không mở",
						   "Not an http or https link, not opened")
				   : ui_view_label(ui, "Không phải liên kết http(s), không chép",
						   "Not an http or https link, not copied"),
			       shown);
		free(shown);
		free(url);
		return;
	}
	free(url);
	char **to = act == UI_ACT_OPEN_LINK ? &ui->open_url : &ui->copy_url;
	free(*to);
	*to = safe;
	if (act == UI_ACT_COPY_LINK)
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui, "Đã chép liên kết", "Link copied"));
}

static void ui_on_toggle_related(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	ui->pv.show_related = !ui->pv.show_related;
	ui->pv.related_focus = ui->pv.related_focus && ui->pv.show_related;
	ui->pv.laid_width = 0;
}

static void ui_on_focus(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->pv.show_related && ui->pv.nrelated > 0)
		ui->pv.related_focus = !ui->pv.related_focus;
	else
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui, "Không có tin liên quan", "No related articles"));
}

/* The feed a refresh-feed means in the current view; 0 for every feed. */
static int64_t ui_refresh_target(const struct ui *ui)
{
	if (ui->view == UI_VIEW_FEEDS)
		return ui_view_sel_feed(ui) != NULL ? ui_view_sel_feed(ui)->id : 0;
	if (ui->view == UI_VIEW_PAGER && ui->pv.have_art)
		return ui->pv.art.feed_id;
	return ui->lv.q.feed_id;
}

/* Asks the loop (ui_term.c) for a refresh. */
static void ui_on_refresh(struct ui *ui, enum ui_action_id act)
{
	if (ui->offline)
		ui_view_status(ui, true, "%s",
			       ui_view_label(ui, "Đang ngoại tuyến (--offline): không cập nhật",
					     "Offline (--offline): no refresh"));
	else if (ui->readonly)
		ui_view_status(ui, true, "%s",
			       ui_view_label(ui, "Bộ nhớ đệm chỉ đọc: không cập nhật được",
					     "The cache is read-only: no refresh"));
	else if (ui->refreshing)
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui, "Đang cập nhật rồi (X để dừng)",
					     "A refresh is under way (X stops it)"));
	else
		ui->want_refresh = act == UI_ACT_REFRESH_ALL ? 0 : ui_refresh_target(ui);
	ui->want_older = ui->want_refresh >= 0 && act == UI_ACT_LOAD_OLDER;
}

/* Asks the loop to stop the refresh under way. */
static void ui_on_cancel_refresh(struct ui *ui, enum ui_action_id act)
{
	(void)act;
	if (ui->refreshing)
		ui->want_cancel = true;
	else
		ui_view_status(ui, false, "%s",
			       ui_view_label(ui, "Không có lần cập nhật nào đang chạy",
					     "No refresh is under way"));
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
    {UI_ACT_NEXT_UNREAD, UI_IN_LISTS | UI_IN_PAGER | UI_IN_RESULTS, ui_on_next_unread},
    {UI_ACT_STARRED, UI_IN_LISTS | UI_IN_PAGER | UI_IN_RESULTS, ui_on_starred},
    {UI_ACT_MARK_EVERYTHING_READ, UI_IN_ALL, ui_on_mark_everything},
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
    {UI_ACT_TOGGLE_TAGS, UI_IN_FEEDS, ui_on_toggle_tags},
    {UI_ACT_TOGGLE_READ, UI_IN_ALL, ui_on_flag},
    {UI_ACT_STAR, UI_IN_ALL, ui_on_flag},
    {UI_ACT_MARK_ALL_READ, UI_IN_ALL, ui_on_mark_all_read},
    {UI_ACT_HELP, UI_IN_ALL, ui_on_help},
    {UI_ACT_MESSAGES, UI_IN_ALL, ui_on_help},
    {UI_ACT_SEARCH, UI_IN_ALL, ui_on_search},
    {UI_ACT_FIND_NEXT, UI_IN_ALL, ui_on_find_next},
    {UI_ACT_FIND_PREV, UI_IN_ALL, ui_on_find_next},
    {UI_ACT_OPEN_LINK, UI_IN_ALL, ui_on_link},
    {UI_ACT_COPY_LINK, UI_IN_ALL, ui_on_link},
    {UI_ACT_TOGGLE_RELATED, UI_IN_ALL, ui_on_toggle_related},
    {UI_ACT_FOCUS, UI_IN_ALL, ui_on_focus},
    {UI_ACT_REFRESH_ALL, UI_IN_ALL, ui_on_refresh},
    {UI_ACT_REFRESH_FEED, UI_IN_ALL, ui_on_refresh},
    {UI_ACT_LOAD_OLDER, UI_IN_ARTICLES, ui_on_refresh},
    {UI_ACT_CANCEL_REFRESH, UI_IN_ALL, ui_on_cancel_refresh},
    {UI_ACT_REDRAW, UI_IN_ALL, ui_on_nothing},
};

/* The handler of act in view (a UI_IN_* flag), or NULL. */
static ui_handler ui_handler_for(enum ui_action_id act, unsigned view)
{
	for (size_t i = 0; i < CORE_NELEM(ui_handlers); i++) {
		if (ui_handlers[i].act == act && (ui_handlers[i].views & view) != 0)
			return ui_handlers[i].fn;
	}
	return NULL;
}

bool ui_action_handled(enum ui_action_id act, unsigned view)
{
	return ui_handler_for(act, view) != NULL;
}

void ui_do(struct ui *ui, enum ui_action_id act)
{
	/* What the handler reads of the view is up to date, drawn or not (never drawn:
	   at a terminal's usual 80x24). */
	if (ui->recalc)
		ui_recalc(ui, ui->grid.rows > 0 ? ui->grid.rows : 24,
			  ui->grid.cols > 0 ? ui->grid.cols : 80);
	ui->recalc = true;
	ui_handler fn = ui_handler_for(act, ui_view_flag(ui->view));
	if (fn != NULL)
		fn(ui, act);
}

void ui_reload(struct ui *ui)
{
	ui->recalc = true;
	ui_view_load_feeds(ui);
	const struct store_row *row = ui_view_row(ui, ui->lv.sel);
	int64_t id = row != NULL ? row->id : 0;
	ui_view_drop_rows(ui);
	if (id == 0)
		return;
	int64_t index;
	char err[CORE_ERRLEN];
	if (store_row_index(ui->st, &ui->lv.q, id, &index, err, sizeof err)) {
		/* The same article under the cursor, at the same place on the screen. */
		size_t at = ui->lv.sel - ui->lv.top;
		ui->lv.sel = (size_t)index;
		ui->lv.top = ui->lv.sel >= at ? ui->lv.sel - at : 0;
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
		if (ui->view == UI_VIEW_PAGER && !ui->pv.related_focus) {
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
	if (ui->view == UI_VIEW_FEEDS && ui->fv.top + body < ui->fv.nrows) {
		ui->fv.sel = ui->fv.top + body;
		hit = true;
	} else if (ui->view == UI_VIEW_ARTICLES && ui->lv.total > 0 &&
		   ui->lv.top + body < (size_t)ui->lv.total) {
		ui->lv.sel = ui->lv.top + body;
		hit = true;
	} else if (ui->view == UI_VIEW_RESULTS && ui->rv.top + body / 2 < ui->rv.n) {
		ui->rv.sel = ui->rv.top + body / 2;
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
	int act = config_bindings_action(&ui->keys, key, ui_view_flag(ui->view));
	if (act != UI_ACT_MARK_EVERYTHING_READ)
		ui->confirm_all = false; /* any other key: not confirmed */
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
	char name[24];
	config_key_name(key, name);
	ui_view_status(ui, false,
		       ui->vietnamese ? "Phím %s không làm gì ở đây (? để xem)"
				      : "%s does nothing here (? for help)",
		       name);
}
