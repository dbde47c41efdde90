/*
 * ui_term.c: the one file that talks to the terminal, through ncursesw,
 * and the reader's event loop: poll() on the keyboard and a signal
 * self-pipe; draw the grid the views computed; restore the terminal on
 * quit and on SIGINT, SIGTERM and SIGHUP.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "refresh.h"
#include "ui_internal.h"

static int ui_term_pipe[2] = {-1, -1}; /* written by signal handlers */
static volatile sig_atomic_t ui_term_signal;

static struct termios ui_term_saved; /* the terminal as it was, for a crash */
static bool ui_term_have_saved;

/*
 * A crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT): put the terminal
 * back with what a signal handler may do — the saved modes, and the
 * sequences that leave the alternate screen, show the cursor and reset
 * the colours — then die of the signal as before.
 */
static void ui_term_on_crash(int sig)
{
	static const char reset[] = "\033[0m\033[?25h\033[?1000l\033[?1049l\r\n";
	if (ui_term_have_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &ui_term_saved);
	ssize_t w = write(STDOUT_FILENO, reset, sizeof reset - 1);
	(void)w;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void ui_term_on_signal(int sig)
{
	int saved = errno;
	ui_term_signal = sig;
	if (ui_term_pipe[1] >= 0) {
		char c = 1;
		ssize_t w = write(ui_term_pipe[1], &c, 1);
		(void)w;
	}
	errno = saved;
}

static struct ui_theme ui_term_theme;
static bool ui_term_color;

/* A theme's colour as one the terminal has: 256 → 16 → 8, bright as bold. */
static short ui_term_colour(short c, bool *bold)
{
	if (c < 0 || c < COLORS)
		return c;
	if (c >= 8 && c < 16) {
		*bold = true;
		return (short)(c - 8);
	}
	if (c >= 16 && c < 232) { /* the 6x6x6 cube: each channel on or off */
		int v = c - 16, r = v / 36, g = (v / 6) % 6, b = v % 6;
		return (short)((r > 2 ? COLOR_RED : 0) | (g > 2 ? COLOR_GREEN : 0) |
			       (b > 2 ? COLOR_BLUE : 0));
	}
	return c >= 244 ? COLOR_WHITE : COLOR_BLACK; /* the greys */
}

static attr_t ui_term_attrs(unsigned a)
{
	attr_t out = A_NORMAL;
	if (a & UI_ATTR_BOLD)
		out |= A_BOLD;
	if (a & UI_ATTR_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & UI_ATTR_ITALIC)
		out |= A_ITALIC;
	if (a & UI_ATTR_REVERSE)
		out |= A_REVERSE;
	return out;
}

static attr_t ui_term_slot_attr[UI_SLOT_COUNT];
/* The browser setting (borrowed from the settings), or NULL: $BROWSER. */
static const char *ui_term_browser;

/* Sets up colours from the theme, or attributes alone (NO_COLOR, mono terminals). */
static void ui_term_colors(struct ui *ui, const struct ui_opts *o)
{
	const char *no = getenv("NO_COLOR");
	bool mono = (no != NULL && no[0] != '\0') || !has_colors() ||
		    (o->theme != NULL && strcmp(o->theme, "mono") == 0);
	char err[CORE_ERRLEN];
	char *dirs[CONFIG_THEME_DIRS];
	config_theme_dirs(dirs);
	if (mono) {
		ui_theme_builtin(&ui_term_theme, true);
	} else if (!ui_theme_load(o->theme != NULL ? o->theme : "default",
				  (const char *const *)dirs, CONFIG_THEME_DIRS, &ui_term_theme, err,
				  sizeof err)) {
		core_err_set(ui->status, sizeof ui->status, "%s", err);
		ui->status_error = true;
	}
	free(dirs[0]);
	ui_term_color = !mono;
	if (ui_term_color) {
		start_color();
		use_default_colors();
	}
	for (short s = 0; s < UI_SLOT_COUNT; s++) {
		const struct ui_theme_slot *t = &ui_term_theme.slot[s];
		bool bold = false;
		short fg = ui_term_colour(t->fg, &bold), bg = ui_term_colour(t->bg, &bold);
		ui_term_slot_attr[s] = ui_term_attrs(t->attr) | (bold ? A_BOLD : A_NORMAL);
		if (ui_term_color && s > 0)
			init_pair(s, fg, bg);
		else if (ui_term_color)
			assume_default_colors(fg, bg);
	}
}

/* Whether this terminal gets OSC 8 hyperlinks: not the console and old ones, which show them. */
static bool ui_term_hyperlinks(const struct ui_opts *o)
{
	const char *term = getenv("TERM");
	if (o->no_hyperlinks || term == NULL)
		return false;
	return strcmp(term, "linux") != 0 && strcmp(term, "dumb") != 0 &&
	       strncmp(term, "vt", 2) != 0 && strncmp(term, "ansi", 4) != 0;
}

/* Draws the grid on the screen. */
static void ui_term_render(const struct ui_grid *g)
{
	for (int r = 0; r < g->rows; r++) {
		for (int c = 0; c < g->cols; c++) {
			const struct ui_cell *cell =
			    &g->cells[(size_t)r * (size_t)g->cols + (size_t)c];
			if (cell->width == 0)
				continue;
			wchar_t w[TEXT_SHOW_MAX];
			size_t n = mbstowcs(w, cell->show, TEXT_SHOW_MAX - 1);
			if (n == (size_t)-1 || n == 0) {
				w[0] = L'?';
				n = 1;
			}
			w[n < CCHARW_MAX ? n : CCHARW_MAX] = L'\0';
			attr_t a = ui_term_slot_attr[cell->slot] | ui_term_attrs(cell->attr);
			short pair = ui_term_color ? (short)cell->slot : 0;
			cchar_t cc;
			setcchar(&cc, w, a, pair, NULL);
			mvadd_wch(r, c, &cc);
		}
	}
	move(g->rows - 1, 0);
	refresh();
}

/* The next key from curses, in ui terms; -1 when none is waiting. */
static int ui_term_key(void)
{
	wint_t ch;
	int rc = get_wch(&ch);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			return UI_KEY_UP;
		case KEY_DOWN:
			return UI_KEY_DOWN;
		case KEY_LEFT:
			return UI_KEY_LEFT;
		case KEY_RIGHT:
			return UI_KEY_RIGHT;
		case KEY_PPAGE:
			return UI_KEY_PAGE_UP;
		case KEY_NPAGE:
			return UI_KEY_PAGE_DOWN;
		case KEY_HOME:
			return UI_KEY_HOME;
		case KEY_END:
			return UI_KEY_END;
		case KEY_ENTER:
			return UI_KEY_ENTER;
		case KEY_BACKSPACE:
			return UI_KEY_BACKSPACE;
		case KEY_RESIZE:
			return UI_KEY_RESIZE;
		case KEY_MOUSE:
			return UI_KEY_MOUSE;
		case KEY_DC:
			return CONFIG_KEY_DELETE;
		case KEY_IC:
			return CONFIG_KEY_INSERT;
		case KEY_BTAB:
			return CONFIG_KEY_BACKTAB;
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return CONFIG_KEY_F1 + (int)(ch - KEY_F(1));
			return (int)ch + 0x200000; /* a key no action has */
		}
	}
	if (ch == '\r' || ch == '\n')
		return UI_KEY_ENTER;
	if (ch == 27) { /* Esc, or Meta with the key that came with it (M-x) */
		wint_t next;
		int rc2 = get_wch(&next);
		if (rc2 == OK && next != 27 && next >= 0x20 && next != 0x7f)
			return CONFIG_KEY_META | (int)next;
		if (rc2 == OK && (next == '\r' || next == '\n'))
			return CONFIG_KEY_META | CONFIG_KEY_ENTER;
		if (rc2 == KEY_CODE_YES)
			ungetch((int)next);
		else if (rc2 == OK)
			unget_wch((wchar_t)next);
		return UI_KEY_ESC;
	}
	if (ch == 127 || ch == 8)
		return UI_KEY_BACKSPACE;
	return (int)ch;
}

/* The feeds file, and the refresh running in the background. */
/* How often, when idle, the reader looks for changes others made (the cache, the feeds file). */
#define UI_NOTICE_MS 1000

/* Older pages a load-older brings of each feed. */
#define UI_OLDER_PAGES 3

struct ui_term_feeds {
	struct ui *ui;
	const struct config_settings *settings; /* what refreshes are made with */
	struct refresh_feeds feeds;
	bool loaded;
	struct refresh *rf;
	size_t added, failed;
	bool pages_only; /* rf fetches only what the pager asked for (refresh_add_page) */
	char first_failure[CORE_ERRLEN]; /* "URL: why" of the first feed that failed */
	const char *feeds_arg;           /* --feeds, or NULL for the default place */
	char *feeds_path;                /* the feeds file, to see it change */
	struct timespec feeds_mtime;
	int64_t data_version; /* the cache's, to see another bantin change it */
};

/*
 * What the reader keeps from one session to the next: whether articles show
 * their related pane (p), in $XDG_STATE_HOME/bantin/reader as a
 * "related-pane = yes|no" line. The settings file's related-pane wins.
 */
static char *ui_term_state_path(void)
{
	char *dir = core_xdg_dir(CORE_XDG_STATE, NULL, 0);
	char *path = dir != NULL ? core_path_join(dir, "reader") : NULL;
	free(dir);
	return path;
}

/* The related pane as the last session left it: 1 shown, 0 hidden, -1 not known. */
static int ui_term_state_related(void)
{
	char *path = ui_term_state_path();
	FILE *fp = path != NULL ? fopen(path, "r") : NULL;
	free(path);
	if (fp == NULL)
		return -1;
	char line[64];
	int v = -1;
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, "related-pane = ", 15) == 0)
			v = strncmp(line + 15, "no", 2) == 0 ? 0 : 1;
	}
	fclose(fp);
	return v;
}

/* Keeps whether the related pane shows, for the next session; quietly, as best it can. */
static void ui_term_state_save(bool related)
{
	char *dir = core_xdg_dir(CORE_XDG_STATE, NULL, 0);
	char *path = ui_term_state_path();
	if (dir != NULL && path != NULL && core_path_mkdirs(dir, 0700, NULL, 0)) {
		FILE *fp = fopen(path, "w");
		if (fp != NULL) {
			fprintf(fp, "# bantin's reader, as it was left\nrelated-pane = %s\n",
				related ? "yes" : "no");
			fclose(fp);
		}
	}
	free(dir);
	free(path);
}

/* When path was last changed (zero when it cannot be told). */
static struct timespec ui_term_mtime(const char *path)
{
	struct stat sb;
	struct timespec zero = {0, 0};
	return path != NULL && stat(path, &sb) == 0 ? sb.st_mtim : zero;
}

/* The feeds file's tags (each with its feeds) and saved searches, for the feeds view. */
static void ui_term_groups(struct ui *ui, const struct refresh_feeds *feeds)
{
	struct ui_group *tags = NULL, *searches = NULL;
	size_t ntags = 0, nsearches = 0;
	const struct config_feeds *file = &feeds->file;
	for (size_t i = 0; i < file->n; i++) {
		for (size_t k = 0; k < file->v[i].ntags && feeds->ids[i] != 0; k++) {
			const char *name = file->v[i].tags[k];
			size_t t = 0;
			while (t < ntags && strcmp(tags[t].name, name) != 0)
				t++;
			if (t == ntags) {
				tags = xreallocarray(tags, ntags + 1, sizeof *tags);
				tags[ntags++] = (struct ui_group){.name = xstrdup(name)};
			}
			tags[t].feeds =
			    xreallocarray(tags[t].feeds, tags[t].nfeeds + 1, sizeof *tags[t].feeds);
			tags[t].feeds[tags[t].nfeeds++] = feeds->ids[i];
		}
	}
	for (size_t i = 0; i < file->nsearches; i++) {
		searches = xreallocarray(searches, nsearches + 1, sizeof *searches);
		searches[nsearches++] =
		    (struct ui_group){.name = xstrdup(file->searches[i].name),
				      .query = xstrdup(file->searches[i].query),
				      .unread_only = file->searches[i].unread_only};
	}
	ui_view_set_groups(ui, tags, ntags, searches, nsearches);
}

/* Reads the feeds file into the cache, so that every feed shows before its first refresh. */
static void ui_term_sync_feeds(struct ui_term_feeds *tf, const struct ui_opts *o)
{
	struct ui *ui = tf->ui;
	tf->feeds_arg = o->feeds;
	free(tf->feeds_path);
	tf->feeds_path = config_file_path(CONFIG_FILE_FEEDS, o->feeds, NULL, 0);
	tf->feeds_mtime = ui_term_mtime(tf->feeds_path);
	tf->loaded =
	    refresh_feeds_open(ui->st, o->feeds, &tf->feeds, ui->status, sizeof ui->status);
	ui->status_error = !tf->loaded;
	if (tf->loaded)
		ui_term_groups(ui, &tf->feeds);
	tf->data_version = store_data_version(ui->st);
}

/*
 * When idle: the feeds file edited is read again (a refresh then has its
 * feeds), and a cache another bantin changed (a cron refresh, a mark-read)
 * is shown again, the cursor on its article.
 */
static void ui_term_notice(struct ui_term_feeds *tf)
{
	struct ui *ui = tf->ui;
	if (tf->rf != NULL)
		return; /* the refresh's own writes are shown as they come */
	struct timespec m = ui_term_mtime(tf->feeds_path);
	bool reread = m.tv_sec != tf->feeds_mtime.tv_sec || m.tv_nsec != tf->feeds_mtime.tv_nsec;
	if (reread) {
		struct refresh_feeds old = tf->feeds;
		bool had = tf->loaded;
		struct ui_opts o = {.feeds = tf->feeds_arg};
		char *path = tf->feeds_path;
		tf->feeds_path = NULL;
		ui_term_sync_feeds(tf, &o);
		free(path);
		if (had)
			refresh_feeds_free(&old);
		if (tf->loaded)
			ui_view_status(ui, false, "%s",
				       ui_view_label(ui, "Đã đọc lại tệp nguồn tin",
						     "The feeds file was read again"));
	}
	int64_t v = store_data_version(ui->st);
	if (reread || (v >= 0 && v != tf->data_version)) {
		tf->data_version = v;
		ui_reload(ui); /* counts and lists as the cache has them now */
	}
}

/* A feed of the background refresh is done. */
static void ui_term_on_refresh(const struct refresh_event *e, void *arg)
{
	struct ui_term_feeds *tf = arg;
	tf->ui->dirty = true; /* the progress on the status line: of the feeds */
	if (e->kind == REFRESH_EVENT_PAGE) {
		struct ui *ui = tf->ui;
		if (e->outcome == REFRESH_UPDATED)
			ui_reload(ui); /* the whole article, and its place in time */
		if (e->article_id == ui->page_waited) {
			ui->page_waited = 0;
			if (ui->view == UI_VIEW_PAGER && ui->pv.have_art &&
			    ui->pv.art.id == e->article_id)
				ui_pager_show(ui,
					      e->article_id); /* now with its page, or why not */
			if (e->outcome == REFRESH_FAILED)
				ui_view_status(ui, true, "%s", e->error);
			else
				ui->status[0] = '\0';
		}
		return;
	}
	tf->ui->refresh_done++;
	if (e->outcome == REFRESH_FAILED) {
		tf->failed++;
		char line[CORE_ERRLEN];
		core_err_set(line, sizeof line, "%s: %s", e->url, e->error);
		ui_view_log(tf->ui, true, line); /* each failure whole, in the log (M) */
		if (tf->failed == 1)
			core_err_set(tf->first_failure, sizeof tf->first_failure, "%s", line);
	}
	tf->added += e->added;
	if (e->added > 0 || e->updated > 0 || e->outcome == REFRESH_FAILED)
		ui_reload(tf->ui); /* new rows appear; the cursor stays on its article */
}

/* Starts refreshing feed (0: every feed of the feeds file). */
static void ui_term_start_refresh(struct ui_term_feeds *tf, int64_t feed)
{
	struct ui *ui = tf->ui;
	struct refresh_opts ro;
	refresh_opts_init(&ro, tf->settings);
	if (ui->want_older)
		ro.older = UI_OLDER_PAGES;
	ui->want_older = false;
	tf->rf = refresh_new(ui->st, &ro, ui_term_on_refresh, tf);
	tf->added = tf->failed = 0;
	char err[CORE_ERRLEN];
	size_t n = 0;
	const struct refresh_feeds *f = tf->loaded ? &tf->feeds : NULL;
	if (feed != 0) {
		n += refresh_add_feed(tf->rf, f, feed, err, sizeof err);
	} else {
		for (size_t i = 0; f != NULL && i < f->file.n; i++)
			n += refresh_add_feed(tf->rf, f, f->ids[i], err, sizeof err);
	}
	ui->refreshing = n > 0;
	ui->refresh_done = 0;
	ui->refresh_total = n;
	ui->dirty = true;
	if (n == 0) {
		refresh_free(tf->rf);
		tf->rf = NULL;
	}
}

/* Fetches the page the pager waits for: in the refresh going on, or in one of its own. */
static void ui_term_fetch_page(struct ui_term_feeds *tf)
{
	struct ui *ui = tf->ui;
	if (tf->rf == NULL) {
		struct refresh_opts ro;
		refresh_opts_init(&ro, tf->settings);
		tf->rf = refresh_new(ui->st, &ro, ui_term_on_refresh, tf);
		tf->added = tf->failed = 0;
		tf->pages_only = true;
	}
	refresh_add_page(tf->rf, tf->loaded ? &tf->feeds : NULL, ui->want_page_feed, ui->want_page,
			 ui->want_page_url);
	ui->want_page = 0;
	free(ui->want_page_url);
	ui->want_page_url = NULL;
}

/* The refresh is over: says how it went. */
static void ui_term_end_refresh(struct ui_term_feeds *tf)
{
	struct ui *ui = tf->ui;
	refresh_free(tf->rf);
	tf->rf = NULL;
	if (tf->pages_only) { /* a page the pager asked for: its event said how it went */
		tf->pages_only = false;
		return;
	}
	ui->refreshing = false;
	char sum[CORE_ERRLEN];
	core_err_set(sum, sizeof sum,
		     ui->vietnamese ? "Đã cập nhật %zu nguồn: %zu bài mới, %zu lỗi"
		     : ui->refresh_total == 1 ? "%zu feed refreshed: %zu new, %zu failed"
					      : "%zu feeds refreshed: %zu new, %zu failed",
		     ui->refresh_total, tf->added, tf->failed);
	/* what failed and why: the first, and the others in the log */
	if (tf->failed == 1)
		ui_view_status(ui, true, "%s: %s", sum, tf->first_failure);
	else if (tf->failed > 1)
		ui_view_status(ui, true,
			       ui->vietnamese ? "%s: %s, … (M: xem tất cả)"
					      : "%s: %s, … (M: all of them)",
			       sum, tf->first_failure);
	else
		ui_view_status(ui, false, "%s", sum);
	tf->first_failure[0] = '\0';
	struct store_cleanup_result cr; /* keep-days, keep-per-feed */
	char err[CORE_ERRLEN];
	if (!ui->readonly) {
		if (!refresh_cleanup(ui->st, tf->settings, &cr, err, sizeof err))
			ui_view_status(ui, true, "%s", err);
		store_cleanup_result_free(&cr);
	}
	ui_reload(ui);
}

/* Whether prog can be run: a path to an executable, or a name found in $PATH. */
static bool ui_term_runnable(const char *prog)
{
	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	const char *path = getenv("PATH");
	if (path == NULL)
		return false;
	for (const char *p = path;;) {
		size_t n = strcspn(p, ":");
		char *dir = xstrndup(p, n);
		char *file = core_path_join(dir[0] != '\0' ? dir : ".", prog);
		bool ok = access(file, X_OK) == 0;
		free(dir);
		free(file);
		if (ok)
			return true;
		if (p[n] == '\0')
			return false;
		p += n + 1;
	}
}

/*
 * Opens url with the browser setting or $BROWSER (its words an argv, the
 * URL one more element: no shell ever sees it), else xdg-open; with neither, shows the URL. The
 * terminal is handed over while the browser runs, for text browsers.
 */
static void ui_term_browse(struct ui *ui, const char *url)
{
	const char *cmd = ui_term_browser != NULL && ui_term_browser[0] != '\0' ? ui_term_browser
			  : getenv("BROWSER") != NULL                           ? getenv("BROWSER")
										: "";
	char *words = xstrdup(cmd);
	char *argv[18];
	size_t argc = 0;
	for (char *w = strtok(words, " \t"); w != NULL && argc < 16; w = strtok(NULL, " \t"))
		argv[argc++] = w;
	if (argc == 0 || !ui_term_runnable(argv[0])) {
		argc = 0;
		argv[argc++] = (char *)(uintptr_t) "xdg-open";
		if (!ui_term_runnable(argv[0])) {
			char *shown = text_clean(url, strlen(url), TEXT_CLEAN_LINE);
			core_err_set(ui->status, sizeof ui->status, "%s %s",
				     ui->vietnamese ? "Không có $BROWSER hay xdg-open:"
						    : "No $BROWSER or xdg-open:",
				     shown);
			ui->status_error = true;
			free(shown);
			free(words);
			return;
		}
	}
	argv[argc++] = (char *)(uintptr_t)url;
	argv[argc] = NULL;
	def_prog_mode();
	endwin();
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	char *shown = text_clean(url, strlen(url), TEXT_CLEAN_LINE);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ui_view_status(ui, true, "%s: %s %s", argv[0],
			       ui->vietnamese ? "không mở được" : "could not open", shown);
	else /* what it opened, with what */
		ui_view_status(ui, false, "%s %s (%s)", ui->vietnamese ? "Đã mở" : "Opened", shown,
			       argv[0]);
	free(shown);
	free(words);
}

/* Copies s to the clipboard of the terminal (OSC 52; through SSH and tmux too). */
static void ui_term_copy(const char *s)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, "\033]52;c;");
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)(unsigned char)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)(unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned)(unsigned char)s[i + 2];
		core_buf_putc(&b, b64[(v >> 18) & 63]);
		core_buf_putc(&b, b64[(v >> 12) & 63]);
		core_buf_putc(&b, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		core_buf_putc(&b, i + 2 < n ? b64[v & 63] : '=');
	}
	core_buf_puts(&b, "\a");
	fflush(stdout);
	ssize_t w = write(STDOUT_FILENO, b.data, b.len);
	(void)w;
	core_buf_free(&b);
}

/* Whether the locale is UTF-8, trying C.UTF-8 when it is not. */
static bool ui_term_utf8(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return true;
	setlocale(LC_CTYPE, "");
	return false;
}

/* Whether the user reads Vietnamese, by the locale's variables. */
/* What the reader's stages set up, and the loop uses. */
struct ui_term_run {
	const struct ui_opts *o;
	bool utf8;
	struct store *st;
	struct ui *ui;
	struct ui_term_feeds tf;
	SCREEN *scr;
	bool links;         /* OSC 8 hyperlinks in articles */
	bool related_shown; /* the related pane as last saved */
	int64_t next_auto;  /* refresh-interval: when the next refresh starts (monotonic s) */
};

/* Seconds on a clock that only goes forward. */
static int64_t ui_term_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

static bool ui_term_up_cache(struct ui_term_run *r)
{
	char err[CORE_ERRLEN];
	/* made on a first run; read-only when it cannot be written (a shared cache) */
	r->st = refresh_store_open(
	    r->o->db, access(r->o->db, F_OK) == 0 ? STORE_OPEN_READ : STORE_OPEN_CREATE, err,
	    sizeof err);
	if (r->st == NULL)
		fprintf(stderr, "bantin: %s\n", err);
	return r->st != NULL;
}

static void ui_term_down_cache(struct ui_term_run *r)
{
	store_close(r->st);
}

/* The signal self-pipe and the handlers: signals only set a flag and wake the loop. */
static bool ui_term_up_signals(struct ui_term_run *r)
{
	(void)r;
	if (pipe(ui_term_pipe) != 0) {
		fprintf(stderr, "bantin: cannot start: %s\n", strerror(errno));
		return false;
	}
	fcntl(ui_term_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(ui_term_pipe[1], F_SETFL, O_NONBLOCK);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_term_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	ui_term_have_saved = tcgetattr(STDIN_FILENO, &ui_term_saved) == 0;
	sa.sa_handler = ui_term_on_crash;
	sa.sa_flags = (int)SA_RESETHAND;
	static const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < CORE_NELEM(crashes); i++)
		sigaction(crashes[i], &sa, NULL);
	return true;
}

static void ui_term_down_signals(struct ui_term_run *r)
{
	(void)r;
	close(ui_term_pipe[0]);
	close(ui_term_pipe[1]);
	ui_term_pipe[0] = ui_term_pipe[1] = -1;
}

/* The reader's state on the cache, its feeds, and the first refresh asked for. */
static bool ui_term_up_reader(struct ui_term_run *r)
{
	const struct ui_opts *o = r->o;
	struct ui *ui = ui_new(r->st, !r->utf8, core_lang_vietnamese(o->lang), o->offline);
	r->ui = ui;
	r->tf = (struct ui_term_feeds){.ui = ui, .settings = o->settings};
	ui_term_sync_feeds(&r->tf, o);
	ui->readonly = store_readonly(r->st);
	if (o->settings != NULL) { /* the keys: the defaults and what the settings file changes */
		config_bindings_free(&ui->keys);
		config_settings_bindings(o->settings, &ui->keys);
	}
	if (o->settings != NULL && o->settings->related_pane >= 0)
		ui->pv.show_related = o->settings->related_pane == 1; /* p shows or hides them */
	else if (ui_term_state_related() >= 0)
		ui->pv.show_related = ui_term_state_related() == 1; /* as p left it last time */
	r->related_shown = ui->pv.show_related;
	const struct config_settings *s = o->settings;
	if (!o->offline && !ui->readonly && (s == NULL || s->refresh_on_start != 0))
		ui->want_refresh = 0; /* the first frame comes from the cache, then the refresh */
	if (s != NULL && s->refresh_interval > 0)
		r->next_auto = ui_term_seconds() + s->refresh_interval * 60;
	if (s != NULL) {
		ui_term_browser = s->browser;
		ui->related_where = s->related_position == NULL                  ? UI_RELATED_AUTO
				    : strcmp(s->related_position, "below") == 0  ? UI_RELATED_BELOW
				    : strcmp(s->related_position, "beside") == 0 ? UI_RELATED_BESIDE
										 : UI_RELATED_AUTO;
		ui->related_size = s->related_size > 0 ? (int)s->related_size : 0;
		ui->text_width = s->text_width > 0 ? (int)s->text_width : 0;
		if (s->date_format != NULL)
			ui_view_date_format(ui, s->date_format);
	}
	if (!r->utf8 && ui->status[0] == '\0')
		core_err_set(ui->status, sizeof ui->status, "%s",
			     ui->vietnamese ? "Không có locale UTF-8: hiện tiếng Việt không dấu"
					    : "No UTF-8 locale: Vietnamese is shown without marks");
	return true;
}

static void ui_term_down_reader(struct ui_term_run *r)
{
	refresh_free(r->tf.rf); /* a refresh cut short keeps what it wrote */
	if (r->tf.loaded)
		refresh_feeds_free(&r->tf.feeds);
	free(r->tf.feeds_path);
	ui_free(r->ui);
}

static bool ui_term_up_terminal(struct ui_term_run *r)
{
	r->scr = newterm(NULL, stdout, stdin);
	if (r->scr == NULL) {
		fprintf(stderr, "bantin: cannot use this terminal (TERM=%s)\n",
			getenv("TERM") != NULL ? getenv("TERM") : "");
		return false;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_term_colors(r->ui, r->o);
	r->links = ui_term_hyperlinks(r->o);
	if (!r->o->no_mouse) {
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
			      BUTTON5_PRESSED,
			  NULL);
		mouseinterval(300);
	}
	return true;
}

static void ui_term_down_terminal(struct ui_term_run *r)
{
	endwin();
	delscreen(r->scr);
}

/* The reader's start-up, in order; tear-down is the same in reverse. */
static const struct {
	bool (*up)(struct ui_term_run *r);
	void (*down)(struct ui_term_run *r);
} ui_term_stages[] = {
    {ui_term_up_cache, ui_term_down_cache},
    {ui_term_up_signals, ui_term_down_signals},
    {ui_term_up_reader, ui_term_down_reader},
    {ui_term_up_terminal, ui_term_down_terminal},
};

/* Draws the screen: curses sends only the cells that changed; then the hyperlinks. */
static void ui_term_frame(struct ui_term_run *r)
{
	struct ui *ui = r->ui;
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (!ui->dirty && !ui->recalc && rows == ui->grid.rows && cols == ui->grid.cols)
		return; /* nothing changed: nothing to draw */
	ui_draw(ui, rows, cols);
	ui_term_render(&ui->grid);
	if (!r->links || ui->view != UI_VIEW_PAGER || ui->pv.nlinks == 0)
		return;
	/* The links again, as hyperlinks, then the cursor back where curses left it. */
	struct core_buf b;
	core_buf_init(&b, 0);
	ui_grid_hyperlinks(&ui->grid, ui->pv.links, ui->pv.nlinks, &b);
	core_buf_printf(&b, "\033[%d;1H", rows);
	fflush(stdout);
	ssize_t w = write(STDOUT_FILENO, b.data != NULL ? b.data : "", b.len);
	(void)w;
	core_buf_free(&b);
}

/* A mouse event curses has for us. */
static void ui_term_mouse(struct ui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON4_PRESSED))
		ui_mouse(ui, UI_MOUSE_WHEEL_UP, ev.y, ev.x);
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_mouse(ui, UI_MOUSE_WHEEL_DOWN, ev.y, ev.x);
	else if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		ui_mouse(ui, UI_MOUSE_DOUBLE, ev.y, ev.x);
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
		ui_mouse(ui, UI_MOUSE_CLICK, ev.y, ev.x);
}

/* Every key waiting, and what the actions asked of the terminal. */
static void ui_term_keys(struct ui *ui)
{
	int key;
	while ((key = ui_term_key()) >= 0 && !ui->quit) {
		if (key == UI_KEY_MOUSE) {
			ui_term_mouse(ui);
			continue;
		}
		ui_key(ui, key);
		if (key == UI_KEY_CTRL('l')) {
			clearok(curscr, TRUE);
			ui_reload(ui); /* and what the cache holds now */
		}
		if (ui->open_url != NULL) {
			ui_term_browse(ui, ui->open_url);
			free(ui->open_url);
			ui->open_url = NULL;
		}
		if (ui->copy_url != NULL) {
			ui_term_copy(ui->copy_url);
			free(ui->copy_url);
			ui->copy_url = NULL;
		}
	}
}

/* The event loop: keys, the signal pipe and a refresh's transfers share one wait. */
static void ui_term_loop(struct ui_term_run *r)
{
	struct ui *ui = r->ui;
	while (!ui->quit && ui_term_signal == 0) {
		ui_term_frame(r);
		if (ui->want_refresh >= 0 && r->tf.rf == NULL) {
			ui_term_start_refresh(&r->tf, ui->want_refresh);
			ui->want_refresh = -1;
			continue;
		}
		if (ui->want_cancel) { /* what was stored stays; the rest is dropped */
			ui->want_cancel = false;
			if (r->tf.rf != NULL) {
				size_t done = ui->refresh_done, total = ui->refresh_total;
				refresh_free(r->tf.rf);
				r->tf.rf = NULL;
				r->tf.pages_only = false;
				ui->refreshing = false;
				ui_view_status(ui, false,
					       ui->vietnamese
						   ? "Đã dừng cập nhật: xong %zu/%zu nguồn"
						   : "Refresh stopped: %zu of %zu feeds done",
					       done, total);
				ui_reload(ui);
			}
			continue;
		}
		if (ui->want_page != 0) { /* with the refresh going on, or one of its own */
			ui_term_fetch_page(&r->tf);
			continue;
		}
		struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {ui_term_pipe[0], POLLIN, 0}};
		if (r->tf.rf != NULL) {
			/* Transfers, parsing and writing go on while keys are waited for. */
			refresh_step(r->tf.rf, fds, 2, 250);
			if (!refresh_busy(r->tf.rf))
				ui_term_end_refresh(&r->tf);
		} else if (poll(fds, 2, UI_NOTICE_MS) == 0) {
			ui_term_notice(&r->tf); /* idle: what others changed */
			const struct config_settings *s = r->o->settings;
			if (r->next_auto > 0 && ui_term_seconds() >= r->next_auto &&
			    !r->o->offline && !ui->readonly) { /* refresh-interval */
				r->next_auto = ui_term_seconds() + s->refresh_interval * 60;
				ui->want_refresh = 0;
			}
			continue;
		} else if (errno != EINTR && fds[0].revents == 0 && fds[1].revents == 0) {
			break;
		}
		if (fds[1].revents & POLLIN) {
			char buf[16];
			while (read(ui_term_pipe[0], buf, sizeof buf) > 0)
				;
		}
		ui_term_keys(ui);
		if (ui->pv.show_related != r->related_shown) { /* p: remembered */
			r->related_shown = ui->pv.show_related;
			ui_term_state_save(r->related_shown);
		}
	}
}

int ui_run(const struct ui_opts *o)
{
	struct ui_term_run r = {.o = o, .utf8 = ui_term_utf8()};
	size_t up = 0;
	while (up < CORE_NELEM(ui_term_stages) && ui_term_stages[up].up(&r))
		up++;
	bool started = up == CORE_NELEM(ui_term_stages);
	if (started)
		ui_term_loop(&r);
	while (up > 0) /* what was set up, undone in reverse */
		ui_term_stages[--up].down(&r);
	if (!started)
		return 1;
	return ui_term_signal != 0 ? 128 + ui_term_signal : 0;
}
