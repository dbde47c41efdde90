/* Shared by the files of the ui module. */
#ifndef BANTIN_UI_INTERNAL_H
#define BANTIN_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "store.h"
#include "text.h"
#include "config.h"
#include "ui.h"

/* ---- ui_grid.c: the virtual screen ---- */

/* Colour slots a theme gives colours to. */
enum ui_slot {
	UI_SLOT_NORMAL,
	UI_SLOT_BAR,      /* the title bar */
	UI_SLOT_STATUS,   /* the status line */
	UI_SLOT_SELECTED, /* the selected row */
	UI_SLOT_UNREAD,   /* unread titles, feeds with unread articles */
	UI_SLOT_DIM,      /* dates, counts, feeds in the article list */
	UI_SLOT_HEADING,  /* the article's title and headings */
	UI_SLOT_LINK,
	UI_SLOT_ERROR,
	UI_SLOT_COUNT
};

enum {
	UI_ATTR_BOLD = 1 << 0,
	UI_ATTR_UNDERLINE = 1 << 1,
	UI_ATTR_ITALIC = 1 << 2,
	UI_ATTR_REVERSE = 1 << 3,
};

/* ---- ui_theme.c: colour themes ---- */

struct ui_theme_slot {
	short fg, bg;  /* -1: the terminal's default; 0 to 255 */
	unsigned attr; /* UI_ATTR_* */
};

struct ui_theme {
	struct ui_theme_slot slot[UI_SLOT_COUNT];
};

/* The built-in default theme, or mono. */
void ui_theme_builtin(struct ui_theme *t, bool mono);
/* Applies theme text (shown names it in errors: "FILE:LINE: what") on top of t. */
bool ui_theme_parse(const char *text, const char *shown, struct ui_theme *t, char *err,
		    size_t errlen);
/*
 * The theme called name, from NAME.theme in the first of dirs that has it
 * (NULL entries skipped); "default" and "mono" are built in. On failure t
 * is the default theme and err says why.
 */
bool ui_theme_load(const char *name, const char *const *dirs, size_t ndirs, struct ui_theme *t,
		   char *err, size_t errlen);

struct ui_cell {
	char show[TEXT_SHOW_MAX]; /* a cluster, "" for the second cell of a wide one */
	unsigned char width;      /* 1 or 2; 0 for that second cell */
	unsigned char slot;       /* enum ui_slot */
	unsigned char attr;       /* UI_ATTR_* */
	unsigned short link;      /* the article's link number it shows, 0 for none */
};

struct ui_grid {
	int rows, cols;
	struct ui_cell *cells;
	unsigned short pen_link; /* what ui_grid_text marks the cells it draws with */
};

/* Sets the size (cleared). */
void ui_grid_resize(struct ui_grid *g, int rows, int cols);
void ui_grid_free(struct ui_grid *g);
void ui_grid_clear(struct ui_grid *g);
/* Blanks n cells of row from col in slot. */
void ui_grid_fill(struct ui_grid *g, int row, int col, int n, enum ui_slot slot, unsigned attr);
/*
 * Draws s[0..len) on row from col, never at or past column end (a wide
 * character that would cross it is left out); the column after it.
 */
int ui_grid_text(struct ui_grid *g, int row, int col, int end, const char *s, size_t len,
		 enum ui_slot slot, unsigned attr);
int ui_grid_str(struct ui_grid *g, int row, int col, int end, const char *s, enum ui_slot slot,
		unsigned attr);
/* The grid as text, a line per row, trailing blanks cut; owned. */
char *ui_grid_dump(const struct ui_grid *g);
/*
 * The OSC 8 hyperlinks of the cells that show links (links[n - 1] is link
 * n), as terminal output: for each run of cells of one link, a cursor
 * move, the link's start, the cells' text again, the link's end. The same
 * link keeps one id, so a URL wrapped over two lines is one link.
 */
void ui_grid_hyperlinks(const struct ui_grid *g, char *const *links, size_t nlinks,
			struct core_buf *out);

/* ---- keys, views and actions: config's (config_keys.c, config_actions.def) ---- */

enum {
	UI_KEY_UP = CONFIG_KEY_UP,
	UI_KEY_DOWN = CONFIG_KEY_DOWN,
	UI_KEY_LEFT = CONFIG_KEY_LEFT,
	UI_KEY_RIGHT = CONFIG_KEY_RIGHT,
	UI_KEY_PAGE_UP = CONFIG_KEY_PAGE_UP,
	UI_KEY_PAGE_DOWN = CONFIG_KEY_PAGE_DOWN,
	UI_KEY_HOME = CONFIG_KEY_HOME,
	UI_KEY_END = CONFIG_KEY_END,
	UI_KEY_ENTER = CONFIG_KEY_ENTER,
	UI_KEY_ESC = CONFIG_KEY_ESC,
	UI_KEY_BACKSPACE = CONFIG_KEY_BACKSPACE,
	UI_KEY_DELETE = CONFIG_KEY_DELETE,
	UI_KEY_RESIZE = CONFIG_KEY_RESIZE,
	UI_KEY_MOUSE = CONFIG_KEY_MOUSE,
};
#define UI_KEY_CTRL(c) CONFIG_KEY_CTRL(c)

enum {
	UI_IN_FEEDS = CONFIG_VIEW_FEEDS,
	UI_IN_ARTICLES = CONFIG_VIEW_ARTICLES,
	UI_IN_PAGER = CONFIG_VIEW_PAGER,
	UI_IN_HELP = CONFIG_VIEW_HELP,
	UI_IN_RESULTS = CONFIG_VIEW_RESULTS,
	UI_IN_LISTS = CONFIG_VIEW_LISTS,
	UI_IN_ALL = CONFIG_VIEW_ALL,
};

enum ui_action_id {
#define CONFIG_ACTION(id, name, views, keys, help, help_vi) UI_ACT_##id = CONFIG_ACT_##id,
#include "config_actions.def"
#undef CONFIG_ACTION
	UI_ACT_COUNT = CONFIG_ACT_COUNT,
	UI_ACT_NONE = CONFIG_ACT_NONE
};

/* ---- ui_prompt.c: the line editor of the prompts ---- */

struct ui_prompt {
	bool active;
	const char *label; /* "Search: ", borrowed */
	char text[1024];
	size_t len, cur; /* bytes; cur is always at a cluster boundary */
	char *hist[32];
	size_t nhist, hpos;
};

enum ui_prompt_result { UI_PROMPT_EDITING, UI_PROMPT_DONE, UI_PROMPT_CANCEL };

void ui_prompt_open(struct ui_prompt *p, const char *label);
enum ui_prompt_result ui_prompt_key(struct ui_prompt *p, int key);
/* Draws the prompt on row, the cursor's cell underlined. */
void ui_prompt_draw(struct ui_grid *g, int row, const struct ui_prompt *p);
void ui_prompt_free(struct ui_prompt *p);

/* ---- ui_view.c: the views ---- */

enum ui_view {
	UI_VIEW_FEEDS,
	UI_VIEW_ARTICLES,
	UI_VIEW_PAGER,
	UI_VIEW_HELP,
	UI_VIEW_RESULTS, /* a search of the cache */
};

/* A match of the pager's find: bytes of a laid-out line. */
struct ui_match {
	size_t line;
	size_t start, end;
};

struct ui_lines; /* a laid-out article (ui_view.c) */

/* The feeds view: row 0 is every article, then the feeds. */
/* A tag of the feeds file, or a saved search ("search:NAME:QUERY"), in the feeds view. */
struct ui_group {
	char *name;
	char *query;      /* a saved search's; NULL for a tag */
	bool unread_only; /* a saved search of every unread article (newsboat's unread = "yes") */
	int64_t *feeds;   /* a tag's feeds */
	size_t nfeeds;
	int64_t unread, total; /* counted when the feeds are loaded */
};

/* What a row of the feeds view is: every article, a feed, a tag or a saved search. */
enum ui_feed_row_kind { UI_ROW_ALL, UI_ROW_FEED, UI_ROW_TAG, UI_ROW_SEARCH };

struct ui_feed_row {
	enum ui_feed_row_kind kind;
	size_t i;    /* into feeds, tags or searches */
	bool nested; /* a feed under its tag */
};

struct ui_feeds_view {
	struct store_feed *feeds;
	size_t n, sel, top; /* sel and top: rows */
	struct ui_group *tags, *searches;
	size_t ntags, nsearches;
	struct ui_feed_row *rows;
	size_t nrows;
	bool by_tag; /* toggle-tags: the feeds under their tags */
};

/* The articles view: a window of rows asked of the store. */
struct ui_list_view {
	struct store_query q;
	int64_t *set; /* a tag's feeds, which q.feeds points to (owned) */
	char *title;
	int64_t total;
	size_t sel, top;
	struct store_row *rows; /* rows [rows_from, rows_from + nrows) of the list */
	size_t nrows, rows_from;
};

/* The pager: the article, its related pane, the find in it. */
struct ui_pager_view {
	struct store_article art;
	bool have_art;
	struct ui_lines *lines;
	int laid_width;
	size_t top;
	char **links; /* the article's link list, for hyperlinks */
	size_t nlinks;
	bool show_related;
	bool related_focus;        /* keys move in the pane */
	struct store_hit *related; /* of the open article */
	size_t nrelated, rsel;
	int64_t back[32]; /* articles left by opening a related one, for q */
	size_t nback;
	char *find; /* folded */
	struct ui_match *matches;
	size_t nmatches, mcur;
};

/* The help screen. */
struct ui_help_view {
	size_t top; /* the help is of the view under it on the stack */
	bool log;   /* the message log instead (messages) */
};

/* The messages the status line showed, for the log: the newest UI_LOG_SIZE. */
#define UI_LOG_SIZE 100
struct ui_log {
	char *text[UI_LOG_SIZE];
	int64_t when[UI_LOG_SIZE];
	bool error[UI_LOG_SIZE];
	size_t n, next; /* how many are kept; where the next goes */
};

/* The results of a search of the cache. */
struct ui_results_view {
	struct store_hit *hits;
	size_t n, sel, top;
	char *query;
};

struct ui {
	struct store *st;
	struct ui_grid grid;
	enum ui_view view;     /* the one shown */
	enum ui_view stack[8]; /* the views under it, the last the one q goes back to */
	size_t depth;
	bool ascii;      /* no UTF-8 here: Vietnamese without marks */
	bool vietnamese; /* labels in Vietnamese */
	bool offline;
	bool readonly; /* the cache cannot be written: nothing is marked, nothing refreshed */
	bool quit;
	bool recalc; /* what is shown must be asked of the store and laid out again */
	bool dirty;  /* the screen must be drawn again */
	int64_t now; /* the time "5 min ago" counts from; 0: the clock's (tests set it) */
	char status[CORE_ERRLEN]; /* the latest message; "" for none */
	struct ui_log log;
	bool status_error;

	/* Each view's own state. */
	struct ui_feeds_view fv;
	struct ui_list_view lv;
	struct ui_pager_view pv;
	struct ui_help_view hv;
	struct ui_results_view rv;

	struct config_bindings keys; /* what each key does, view by view */

	/* What the settings file says of the reading (ui_term.c sets them). */
	enum { UI_RELATED_AUTO, UI_RELATED_BELOW, UI_RELATED_BESIDE } related_where;
	int related_size;  /* at most this many related rows below; 0: by the window */
	int text_width;    /* articles at most this wide; 0: the window's */
	char *date_format; /* the lists' dates, strftime's way; NULL: the labels' */
	int date_width;    /* the cells date_format's dates take at most */

	/* Prompts: a search of the cache from the lists, a find in the article. */
	struct ui_prompt prompt;
	bool prompt_find;

	/* Asked of the terminal by an action, done by the loop (ui_term.c); owned. */
	char *open_url; /* to hand to $BROWSER */
	char *copy_url; /* to copy with OSC 52 */
	unsigned count; /* digits typed before a key: which link */

	/* A refresh: asked for by an action, run by the loop (ui_term.c). */
	int64_t want_refresh; /* -1: none; 0: every feed; else that feed */
	bool want_older;      /* ... with its older pages (load-older) */
	bool want_cancel;     /* the refresh under way is to stop (cancel-refresh) */
	bool confirm_all;     /* mark-everything-read asked once: the next C does it */
	/* A "Tin khác" article opened before it was cached: its page, to fetch (0: none) */
	int64_t want_page, want_page_feed;
	char *want_page_url;
	int64_t page_waited; /* the article whose page is being fetched for the pager (0: none) */
	bool refreshing;
	size_t refresh_done, refresh_total;
};

/* A laid-out article: the header, then the body. */
struct ui_lines {
	struct text_doc_layout head, body;
};

/* Where the pager draws: the article's rows and columns, and the related pane's. */
struct ui_pager_area {
	int rows, cols;               /* of the article, from row 1, column 0 */
	int prow, pcol, prows, pcols; /* of the pane; prows 0 when there is none */
};

/* A reader on st (borrowed), showing the feeds. */
struct ui *ui_new(struct store *st, bool ascii, bool vietnamese, bool offline);
void ui_free(struct ui *ui);
/*
 * Shows view over the current one, which goes on the view stack (the same
 * view again replaces itself); runs the view's enter and marks a recalc.
 */
void ui_view_enter(struct ui *ui, enum ui_view view);
/* The view under the current one (the one it was opened from; the pager's list). */
enum ui_view ui_view_under(const struct ui *ui);
/* Goes back to the view under the current one; false when there is none. */
bool ui_view_back(struct ui *ui);
/*
 * Recalc: asks the store for what the current view shows at rows x cols,
 * lays it out, clamps the scroll (ui->grid takes the size, blank).
 */
void ui_recalc(struct ui *ui, int rows, int cols);
/* Draws the current view into ui->grid at rows x cols: recalc first when it is due. */
void ui_draw(struct ui *ui, int rows, int cols);
/* What the views share (ui_view.c). */
const char *ui_view_label(const struct ui *ui, const char *vi, const char *en);
void ui_view_status(struct ui *ui, bool error, const char *fmt, ...) CORE_PRINTF(3, 4);
/* Our own text for the screen (without marks in ASCII mode); owned. */
char *ui_view_own(const struct ui *ui, const char *s);
/* Text from the cache for the screen: one clean line (ASCII mode too); owned. */
char *ui_view_text(const struct ui *ui, const char *s);
/* Keeps msg in the message log (the status line's messages go there by themselves). */
void ui_view_log(struct ui *ui, bool error, const char *msg);
int ui_view_wrap(struct ui *ui, int row, int col, int end, int last, const char *s,
		 enum ui_slot slot);
int ui_view_put(struct ui *ui, int row, int col, int end, const char *s, enum ui_slot slot,
		unsigned attr);
int ui_view_put_right(struct ui *ui, int row, int end, const char *s, enum ui_slot slot,
		      unsigned attr);
size_t ui_view_body_rows(const struct ui *ui);
/* The feed of the feeds view's selected row, or NULL (every article, a tag, a search). */
const struct store_feed *ui_view_sel_feed(const struct ui *ui);
/* The feeds view's selected row. */
const struct ui_feed_row *ui_view_sel_row(const struct ui *ui);
/* The tags and saved searches the feeds view shows (taken over, counted at the next load). */
void ui_view_set_groups(struct ui *ui, struct ui_group *tags, size_t ntags,
			struct ui_group *searches, size_t nsearches);
void ui_view_groups_free(struct ui_group *g, size_t n);
/* The rows of the feeds view, again (after the feeds, the groups or the mode changed). */
void ui_view_feed_rows(struct ui *ui);
/* The lists write dates with format (strftime's), at most 16 cells of them. */
void ui_view_date_format(struct ui *ui, const char *format);
void ui_view_scroll_to(size_t sel, size_t *top, size_t height);
void ui_view_load_feeds(struct ui *ui);
void ui_view_load_rows(struct ui *ui, size_t top, size_t height);
const struct store_row *ui_view_row(const struct ui *ui, size_t i);
void ui_view_drop_rows(struct ui *ui);
void ui_view_drop_article(struct ui *ui);
void ui_view_search(struct ui *ui, const char *query);
unsigned ui_view_flag(enum ui_view v);
/* How many lines the help screen has at the window's width (its texts wrapped). */
size_t ui_view_help_lines(struct ui *ui);

/* The pager (ui_pager.c). */
size_t ui_pager_lines(const struct ui *ui);
void ui_pager_area(const struct ui *ui, struct ui_pager_area *a);
void ui_pager_layout(struct ui *ui, int cols);
void ui_pager_recalc(struct ui *ui);
void ui_pager_draw(struct ui *ui);
/* Shows article id, marks it read, finds its related articles. */
void ui_pager_show(struct ui *ui, int64_t id);
/* Opens list index i. */
void ui_pager_open(struct ui *ui, size_t i);
/* The link an open-link or copy-link means (owned), or NULL after saying why. */
char *ui_pager_link(struct ui *ui);
void ui_pager_find(struct ui *ui, const char *text);
void ui_pager_find_show(struct ui *ui, size_t k);

/* Asks the store again for what is shown, keeping the selection on its article. */
void ui_reload(struct ui *ui);
/* Mouse events, where the terminal reports them. */
enum ui_mouse { UI_MOUSE_CLICK, UI_MOUSE_DOUBLE, UI_MOUSE_WHEEL_UP, UI_MOUSE_WHEEL_DOWN };
/* Handles one at row, col of the screen. */
void ui_mouse(struct ui *ui, enum ui_mouse what, int row, int col);
/* Handles a key. */
void ui_key(struct ui *ui, int key);
/* Carries out an action, by the handler the current view has for it. */
void ui_do(struct ui *ui, enum ui_action_id act);
/* Whether action act has a handler in view (a UI_IN_* flag). */
bool ui_action_handled(enum ui_action_id act, unsigned view);

#endif
