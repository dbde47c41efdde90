/*
 * Snapshots of the reader's views, in-process: a cache is filled through
 * the store, each view is drawn into the virtual grid at 80x24 and
 * 120x40, and the grid's text is compared with tests/fixtures/ui/NAME.txt
 * (BANTIN_REGEN=1 writes those files instead).
 *
 * Titles mix precomposed and decomposed Vietnamese (which must look the
 * same), CJK and emoji (two cells), and a title far too long for a row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "html.h"
#include "store.h"
#include "text.h"
#include "ui_internal.h"

/* 29/12/2022 16:05 in Vietnam time. */
#define T0 1672304700LL

/* How bantin makes an article's text from its HTML (as refresh_store_open gives it). */
static char *test_text(const char *html, size_t len, bool raw)
{
	return raw ? html_text_raw(html, len) : html_text(html, len);
}

static char db_path[256];
static struct store *st;

static const struct {
	const char *title;
	const char *html;
	int64_t time;
} articles[] = {
    {"Cảng Lạch Huyện đón tàu container lớn nhất",
     "<p>Sáng 29/12, cảng <b>Lạch Huyện</b> đón tàu container lớn nhất từ trước tới nay, "
     "với sức chở hơn 14.000 TEU, theo <a href=\"https://example.vn/cang\">Cảng vụ</a>.</p>"
     "<ul><li>Tàu dài 366 m</li><li>Rộng 51 m</li></ul>"
     "<p class=\"byline\">Nguyễn Hải. Ảnh: Đàm Thanh</p>",
     T0},
    /* The same words, decomposed. */
    {"Ca\xcc\x89ng La\xcc\xa3\x63h Huye\xcc\xa3\xcc\x82n (to\xcc\x82\xcc\x89 ho\xcc\x9b\xcc\xa3p)",
     "<p>Đoạn văn.</p>", T0 - 3600},
    {"日本の港湾代表団が訪問 — đoàn Nhật Bản", "<p>中文 và tiếng Việt.</p>", T0 - 7200},
    {"Lễ hội 🎉 và gia đình 👨‍👩‍👧 đón Tết", "<p>Vui.</p>", T0 - 86400},
    {"Một tiêu đề rất dài về hội nghị tổng kết công tác năm 2022 và triển khai nhiệm vụ "
     "năm 2023 của ngành giáo dục và đào tạo thành phố Hải Phòng",
     "<p>Dài.</p>", T0 - 2 * 86400},
};

static int setup(void **state)
{
	(void)state;
	char err[CORE_ERRLEN];
	snprintf(db_path, sizeof db_path, "/tmp/bantin-ui-test-%d.db", (int)getpid());
	unlink(db_path);
	st = store_open(db_path, STORE_OPEN_CREATE, err, sizeof err);
	if (st != NULL)
		store_set_text(st, test_text);
	if (st == NULL)
		return -1;
	const char *urls[] = {"https://thanhphohaiphong.gov.vn/feed/", "https://example.vn/rss"};
	const char *names[] = {"Cổng tin tức", NULL};
	int64_t ids[2];
	if (!store_feeds_ensure(st, 2, urls, names, ids, err, sizeof err))
		return -1;
	int64_t a = ids[0], b = ids[1];
	struct store_item items[CORE_NELEM(articles)];
	char guid[CORE_NELEM(articles)][16], link[CORE_NELEM(articles)][64];
	for (size_t i = 0; i < CORE_NELEM(articles); i++) {
		snprintf(guid[i], sizeof guid[i], "g%zu", i);
		/* each its own page: articles of one link are one article in the lists */
		snprintf(link[i], sizeof link[i], "https://thanhphohaiphong.gov.vn/a%s%.0zu.html",
			 i > 0 ? "-" : "", i);
		items[i] = (struct store_item){
		    .guid = guid[i],
		    .link = link[i],
		    .title = articles[i].title,
		    .author = i == 0 ? "Nguyễn Hải" : NULL,
		    .published = articles[i].time,
		    .updated = STORE_NO_TIME,
		    .content = articles[i].html,
		};
	}
	struct store_update u = {
	    .feed_id = a, .now = T0, .status = 200, .title = "Portal", .items = items, .nitems = 4};
	bool ok = store_update(st, &u, NULL, err, sizeof err);
	struct store_update u2 = {.feed_id = b,
				  .now = T0 - 600,
				  .status = 200,
				  .title = "Ví dụ",
				  .items = items + 4,
				  .nitems = 1};
	ok = ok && store_update(st, &u2, NULL, err, sizeof err) &&
	     store_feed_failed(st, b, T0, 404, "HTTP 404 Not Found", err, sizeof err);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	unlink(db_path);
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", db_path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", db_path);
	unlink(wal);
	return 0;
}

/* Draws ui at rows x cols and compares with the expected file NAME.txt. */
static void snapshot(struct ui *ui, int rows, int cols, const char *name)
{
	ui_draw(ui, rows, cols);
	char *got = ui_grid_dump(&ui->grid);
	char path[512];
	snprintf(path, sizeof path, "%s/tests/fixtures/ui/%s.txt", getenv("BANTIN_SOURCE_DIR"),
		 name);
	if (getenv("BANTIN_REGEN") != NULL) {
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(got, fp);
		fclose(fp);
	}
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("no expected file %s", path);
	char want[65536];
	size_t n = fread(want, 1, sizeof want - 1, fp);
	want[n] = '\0';
	fclose(fp);
	if (strcmp(want, got) != 0)
		fprintf(stderr, "--- %s, got:\n%s", name, got);
	assert_string_equal(want, got);
	free(got);
}

static struct ui *new_ui(bool ascii)
{
	struct ui *ui = ui_new(st, ascii, false, false);
	ui->now = T0 + 300;
	return ui;
}

/*
 * The pager's hyperlinks: the link in the text (shown as shown) at row 11,
 * column 31, and in the list at row 18, both to the same place with one id.
 */
static void assert_cang_links(struct ui *ui, const char *shown)
{
	struct core_buf b, want;
	core_buf_init(&b, 0);
	core_buf_init(&want, 0);
	ui_grid_hyperlinks(&ui->grid, ui->pv.links, ui->pv.nlinks, &b);
	core_buf_printf(
	    &want,
	    "\033[11;31H\033]8;id=bantin-1;https://example.vn/cang\033\\%s\033]8;;\033\\"
	    "\033[18;6H\033]8;id=bantin-1;https://example.vn/cang\033\\"
	    "https://example.vn/cang\033]8;;\033\\",
	    shown);
	assert_string_equal(core_buf_str(&want), core_buf_str(&b));
	core_buf_free(&b);
	core_buf_free(&want);
}

static void test_feeds(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	snapshot(ui, 24, 80, "feeds-80x24");
	snapshot(ui, 40, 120, "feeds-120x40");
	ui_do(ui, UI_ACT_BOTTOM); /* the failed feed: its reason in the status line */
	snapshot(ui, 24, 80, "feeds-failed-80x24");
	ui_free(ui);
}

static void test_articles(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_OPEN); /* all articles */
	snapshot(ui, 24, 80, "articles-80x24");
	snapshot(ui, 40, 120, "articles-120x40");
	ui_do(ui, UI_ACT_DOWN);
	ui_do(ui, UI_ACT_DOWN);
	snapshot(ui, 24, 80, "articles-moved-80x24");
	ui_free(ui);
}

/* Actions work on what recalc computed: nothing need be drawn between them. */
static void test_actions_without_drawing(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_do(ui, UI_ACT_OPEN); /* all articles */
	ui_do(ui, UI_ACT_OPEN); /* the first */
	assert_int_equal(ui->view, UI_VIEW_PAGER);
	assert_true(ui->pv.have_art);
	snapshot(ui, 24, 80, "pager-80x24");
	char err[CORE_ERRLEN]; /* opening it marked it read: as it was for the tests after */
	assert_true(store_mark_read(st, ui->pv.art.id, false, err, sizeof err));
	ui_free(ui);
}

/* Key bindings: a view's own binding wins over one for every view; unbinding in a view leaves the
   others. */
static void test_bindings(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	assert_int_equal(config_bindings_action(&ui->keys, 'j', UI_IN_FEEDS), UI_ACT_DOWN);
	assert_int_equal(config_bindings_action(&ui->keys, 'n', UI_IN_PAGER), UI_ACT_FIND_NEXT);
	assert_int_equal(config_bindings_action(&ui->keys, 'n', UI_IN_FEEDS), UI_ACT_NONE);
	config_bindings_bind(&ui->keys, 'x', CONFIG_ACT_DOWN, UI_IN_ALL, false);
	config_bindings_bind(&ui->keys, 'x', CONFIG_ACT_STAR, UI_IN_ARTICLES, true);
	assert_int_equal(config_bindings_action(&ui->keys, 'x', UI_IN_ARTICLES), UI_ACT_STAR);
	assert_int_equal(config_bindings_action(&ui->keys, 'x', UI_IN_FEEDS), UI_ACT_DOWN);
	config_bindings_bind(&ui->keys, 'x', CONFIG_ACT_UP, UI_IN_ALL, false);
	assert_int_equal(config_bindings_action(&ui->keys, 'x', UI_IN_ARTICLES), UI_ACT_STAR);
	assert_int_equal(config_bindings_action(&ui->keys, 'x', UI_IN_FEEDS), UI_ACT_UP);
	config_bindings_unbind(&ui->keys, 'x', UI_IN_ARTICLES);
	assert_int_equal(config_bindings_action(&ui->keys, 'x', UI_IN_ARTICLES), UI_ACT_NONE);
	assert_int_equal(config_bindings_action(&ui->keys, 'x', UI_IN_FEEDS), UI_ACT_UP);
	config_bindings_unbind(&ui->keys, 'j', UI_IN_ALL);
	assert_int_equal(config_bindings_action(&ui->keys, 'j', UI_IN_FEEDS), UI_ACT_NONE);
	assert_int_equal(config_key_parse("C-f", 3), UI_KEY_CTRL('f'));
	assert_int_equal(config_key_parse("PageDown", 8), UI_KEY_PAGE_DOWN);
	/* the status line's hint names the keys as they are bound */
	config_bindings_unbind(&ui->keys, '?', UI_IN_ALL);
	config_bindings_bind(&ui->keys, CONFIG_KEY_F1, CONFIG_ACT_HELP, UI_IN_ALL, false);
	config_bindings_unbind(&ui->keys, 'q', UI_IN_ALL);
	ui_draw(ui, 24, 80);
	char *got = ui_grid_dump(&ui->grid);
	char *last = strrchr(got, '\n');
	*last = '\0';
	last = strrchr(got, '\n');
	assert_string_equal(last + 1, " F1: help  Esc: back");
	free(got);
	ui_free(ui);
}

/* q goes back to the view under the current one, never to one closed before. */
static void test_view_stack(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_do(ui, UI_ACT_OPEN); /* all articles */
	ui_do(ui, UI_ACT_BACK); /* the feeds again */
	ui_view_search(ui, "cang");
	assert_int_equal(ui->view, UI_VIEW_RESULTS);
	ui_do(ui, UI_ACT_BACK);
	assert_int_equal(ui->view, UI_VIEW_FEEDS); /* not the list closed before the search */
	ui_do(ui, UI_ACT_OPEN);
	ui_view_search(ui, "cang");
	ui_do(ui, UI_ACT_HELP);
	ui_do(ui, UI_ACT_BACK);
	assert_int_equal(ui->view, UI_VIEW_RESULTS);
	ui_do(ui, UI_ACT_BACK);
	assert_int_equal(ui->view, UI_VIEW_ARTICLES);
	ui_do(ui, UI_ACT_BACK);
	assert_int_equal(ui->view, UI_VIEW_FEEDS);
	assert_int_equal(ui->depth, 0);
	ui_free(ui);
}

/* A reader at 80x24 on the newest article of All articles. */
static struct ui *ui_on_newest(void)
{
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_OPEN); /* all articles */
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_OPEN); /* the newest, now read */
	ui_draw(ui, 24, 80);
	return ui;
}

/* q in the related pane goes back to the article's body; an article opened has focus on its body.
 */
static void test_pane_focus(void **state)
{
	(void)state;
	struct ui *ui = ui_on_newest();
	assert_int_equal(ui->view, UI_VIEW_PAGER);
	assert_true(ui->pv.nrelated > 0);
	ui_do(ui, UI_ACT_FOCUS);
	assert_true(ui->pv.related_focus);
	ui_do(ui, UI_ACT_BACK);
	assert_int_equal(ui->view, UI_VIEW_PAGER); /* not the list */
	assert_false(ui->pv.related_focus);
	ui_do(ui, UI_ACT_FOCUS);
	ui_do(ui, UI_ACT_NEXT_ARTICLE); /* another article: its body has the keys */
	assert_int_equal(ui->view, UI_VIEW_PAGER);
	assert_false(ui->pv.related_focus);
	ui_do(ui, UI_ACT_FOCUS);
	ui_do(ui, UI_ACT_OPEN); /* a related one opened from the pane: likewise */
	assert_false(ui->pv.related_focus);
	ui_do(ui, UI_ACT_BACK); /* back to the article it was opened from */
	assert_int_equal(ui->view, UI_VIEW_PAGER);
	ui_do(ui, UI_ACT_BACK);
	assert_int_equal(ui->view, UI_VIEW_ARTICLES);
	ui_free(ui);
}

/* u twice keeps the article under the cursor; a resize there and back keeps the reading place. */
static void test_keep_place(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_OPEN); /* all articles */
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_DOWN);
	ui_do(ui, UI_ACT_DOWN);
	ui_draw(ui, 24, 80);
	int64_t id = ui_view_row(ui, ui->lv.sel)->id;
	ui_do(ui, UI_ACT_TOGGLE_UNREAD);
	ui_draw(ui, 24, 80);
	assert_int_equal(id, ui_view_row(ui, ui->lv.sel)->id);
	ui_do(ui, UI_ACT_TOGGLE_UNREAD);
	ui_draw(ui, 24, 80);
	assert_int_equal(id, ui_view_row(ui, ui->lv.sel)->id);
	assert_int_equal(2, ui->lv.sel);
	/* the article, read a few lines down in a small window, then narrower and back */
	ui_do(ui, UI_ACT_TOP);
	ui_do(ui, UI_ACT_OPEN);
	ui_do(ui, UI_ACT_TOGGLE_RELATED);
	ui_draw(ui, 8, 44);
	for (int i = 0; i < 12; i++)
		ui_do(ui, UI_ACT_DOWN);
	ui_draw(ui, 8, 44);
	size_t top = ui->pv.top;
	assert_true(top > ui->pv.lines->head.n);
	char *line = xstrdup(ui->pv.lines->body.lines[top - ui->pv.lines->head.n].text);
	ui_draw(ui, 8, 30);
	ui_draw(ui, 8, 120); /* wider: fewer lines, the place kept all the same */
	ui_draw(ui, 8, 44);
	assert_string_equal(line, ui->pv.lines->body.lines[ui->pv.top - ui->pv.lines->head.n].text);
	free(line);
	ui_free(ui);
}

/* C asks, and only a second C marks every article of every feed read. */
static void test_mark_everything(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	char err[CORE_ERRLEN];
	int64_t n;
	assert_true(store_mark_all_read(st, 0, &n, err, sizeof err)); /* from a known state: */
	for (int64_t id = 1; id <= 5; id++)                           /* all unread */
		assert_true(store_mark_read(st, id, false, err, sizeof err));
	ui_key(ui, 'C');
	assert_non_null(strstr(ui->status, "C to confirm"));
	ui_key(ui, 'j'); /* another key: not confirmed */
	ui_key(ui, 'C');
	ui_key(ui, 'x');
	struct store_query q = {.unread_only = true};
	int64_t unread;
	assert_true(store_rows_count(st, &q, &unread, err, sizeof err));
	assert_int_equal(5, unread);
	ui_key(ui, 'C');
	ui_key(ui, 'C');
	assert_true(store_rows_count(st, &q, &unread, err, sizeof err));
	assert_int_equal(0, unread);
	assert_string_equal("5 marked read", ui->status);
	ui_free(ui);
}

/* S lists the starred articles of every feed. */
static void test_starred(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_STARRED);
	ui_draw(ui, 24, 80);
	assert_int_equal(ui->view, UI_VIEW_ARTICLES);
	assert_int_equal(0, ui->lv.total);
	ui_do(ui, UI_ACT_BACK);
	ui_do(ui, UI_ACT_OPEN); /* all articles */
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_DOWN);
	ui_do(ui, UI_ACT_STAR);
	int64_t id = ui_view_row(ui, ui->lv.sel)->id;
	ui_do(ui, UI_ACT_STARRED);
	ui_draw(ui, 24, 80);
	assert_int_equal(1, ui->lv.total);
	assert_int_equal(id, ui_view_row(ui, 0)->id);
	assert_string_equal("Starred", ui->lv.title);
	ui_do(ui, UI_ACT_OPEN); /* it opens as any article does */
	ui_draw(ui, 24, 80);
	assert_int_equal(ui->view, UI_VIEW_PAGER);
	assert_int_equal(id, ui->pv.art.id);
	ui_do(ui, UI_ACT_BACK);
	ui_do(ui, UI_ACT_STAR); /* unstarred, for the tests after */
	ui_free(ui);
}

/* . opens the next unread article whatever its feed; Space at an article's end does too. */
static void test_next_unread(void **state)
{
	(void)state;
	struct ui *ui = ui_on_newest();
	int64_t first = ui->pv.art.id;
	ui_do(ui, UI_ACT_NEXT_UNREAD);
	ui_draw(ui, 24, 80);
	assert_int_equal(ui->view, UI_VIEW_PAGER);
	int64_t second = ui->pv.art.id;
	assert_true(second != first);
	for (int i = 0; i < 40 && ui->pv.art.id == second; i++) { /* Space to its end, and on */
		ui_do(ui, UI_ACT_PAGE_DOWN);
		ui_draw(ui, 24, 80);
	}
	assert_true(ui->pv.art.id != second && ui->pv.art.id != first);
	for (int i = 0; i < 10; i++) { /* every one read: it says so */
		ui_do(ui, UI_ACT_NEXT_UNREAD);
		ui_draw(ui, 24, 80);
	}
	assert_string_equal("No unread articles left", ui->status);
	ui_free(ui);
}

static void test_pager(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_OPEN);
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_OPEN);
	snapshot(ui, 24, 80, "pager-80x24");
	/* The link in the text and in the list, as OSC 8 hyperlinks with one id. */
	assert_cang_links(ui, "Cảng vụ[1]");
	snapshot(ui, 40, 120, "pager-120x40");
	snapshot(ui, 10, 40, "pager-40x10");
	snapshot(ui, 30, 150, "pager-related-beside-150x30");
	ui_do(ui, UI_ACT_FOCUS);
	ui_do(ui, UI_ACT_OPEN); /* the related article, with q to come back */
	snapshot(ui, 24, 80, "pager-related-opened-80x24");
	ui_do(ui, UI_ACT_BACK);
	ui_do(ui, UI_ACT_TOGGLE_RELATED);
	snapshot(ui, 24, 80, "pager-no-related-80x24");
	ui_do(ui, UI_ACT_BACK); /* the article is read now, and still selected */
	snapshot(ui, 24, 80, "articles-after-read-80x24");
	ui_do(ui, UI_ACT_TOGGLE_UNREAD);
	snapshot(ui, 24, 80, "articles-unread-80x24");
	ui_free(ui);
}

static void test_help_and_small(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_key(ui, '?');
	snapshot(ui, 24, 80, "help-feeds-80x24");
	snapshot(ui, 40, 120, "help-feeds-120x40");
	ui_key(ui, 'q');
	ui_key(ui, 'x');
	snapshot(ui, 24, 80, "feeds-unbound-key-80x24");
	snapshot(ui, 4, 10, "too-small-10x4");
	snapshot(ui, 24, 15, "too-small-15x24"); /* the message whole, never cut */
	ui_free(ui);
}

static void test_ascii(void **state)
{
	(void)state;
	struct ui *ui = new_ui(true);
	ui_draw(ui, 24, 80);
	ui_do(ui, UI_ACT_OPEN);
	snapshot(ui, 24, 80, "articles-ascii-80x24");
	ui_do(ui, UI_ACT_OPEN);
	snapshot(ui, 24, 80, "pager-ascii-80x24");
	/* Without marks, the link in the text is still a link (its own style, its hyperlink). */
	assert_cang_links(ui, "Cang vu[1]");
	ui_free(ui);
}

/* Types s into the prompt, one code point a key, as an input method sends it. */
static void type(struct ui *ui, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += text_utf8_decode(s + i, len - i, &cp);
		ui_key(ui, cp);
	}
}

static void test_prompt(void **state)
{
	(void)state;
	struct ui_prompt p = {0};
	ui_prompt_open(&p, "Search: ");
	/* "hợp" decomposed: h, o, horn, dot below, p; one cluster is deleted at a time. */
	const int keys[] = {'h', 'o', 0x31b, 0x323, 'p'};
	for (size_t i = 0; i < CORE_NELEM(keys); i++)
		ui_prompt_key(&p, keys[i]);
	assert_string_equal("ho\xcc\x9b\xcc\xa3p", p.text);
	ui_prompt_key(&p, UI_KEY_LEFT);
	ui_prompt_key(&p, UI_KEY_BACKSPACE); /* the whole ợ */
	assert_string_equal("hp", p.text);
	ui_prompt_key(&p, UI_KEY_HOME);
	ui_prompt_key(&p, 0x110); /* Đ */
	assert_string_equal("\xc4\x90hp", p.text);
	ui_prompt_key(&p, UI_KEY_CTRL('e'));
	ui_prompt_key(&p, ' ');
	ui_prompt_key(&p, 'x');
	ui_prompt_key(&p, UI_KEY_CTRL('w'));
	assert_string_equal("\xc4\x90hp ", p.text);
	ui_prompt_key(&p, 0x1b); /* ESC as a character never inserts a control */
	ui_prompt_key(&p, 0x9b);
	assert_string_equal("\xc4\x90hp ", p.text);
	assert_int_equal(UI_PROMPT_DONE, ui_prompt_key(&p, UI_KEY_ENTER));
	ui_prompt_open(&p, "Search: ");
	ui_prompt_key(&p, UI_KEY_UP);
	assert_string_equal("\xc4\x90hp ", p.text); /* the history */
	ui_prompt_key(&p, UI_KEY_DOWN);
	assert_string_equal("", p.text);
	assert_int_equal(UI_PROMPT_CANCEL, ui_prompt_key(&p, UI_KEY_ESC));
	ui_prompt_free(&p);
}

static void test_search_and_find(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_key(ui, '/');
	type(ui, "cang lach huyen");
	snapshot(ui, 24, 80, "search-prompt-80x24");
	ui_key(ui, UI_KEY_ENTER);
	snapshot(ui, 24, 80, "search-results-80x24");
	snapshot(ui, 40, 120, "search-results-120x40");
	/* m and s act on the selected result, and the store keeps it. */
	int64_t first = ui->rv.hits[0].row.id;
	bool was_read = ui->rv.hits[0].row.read;
	ui_key(ui, 's');
	assert_string_equal("Starred", ui->status);
	assert_true(ui->rv.hits[0].row.starred);
	ui_key(ui, 'm');
	assert_true(ui->rv.hits[0].row.read != was_read);
	struct store_article art;
	char err[CORE_ERRLEN];
	assert_true(store_article_get(st, first, &art, err, sizeof err));
	assert_true(art.starred);
	assert_true(art.read != was_read);
	store_article_free(&art);
	ui_key(ui, 's');
	ui_key(ui, 'm');
	assert_false(ui->rv.hits[0].row.starred);
	ui_key(ui, 'j');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, '/');
	type(ui, "TÀU");
	ui_key(ui, UI_KEY_ENTER);
	/* In the title, in "đón tàu container", in "Tàu dài 366 m". */
	assert_string_equal("match 1 of 3", ui->status);
	ui_key(ui, 'n');
	assert_string_equal("match 2 of 3", ui->status);
	ui_key(ui, 'n');
	ui_key(ui, 'n');
	assert_string_equal("match 1 of 3", ui->status);
	ui_key(ui, 'N');
	assert_string_equal("match 3 of 3", ui->status);
	snapshot(ui, 24, 80, "pager-find-80x24");
	ui_key(ui, 'q');
	assert_int_equal(UI_VIEW_RESULTS, ui->view);
	ui_key(ui, '/');
	type(ui, "\"");
	ui_key(ui, UI_KEY_ENTER);
	assert_string_equal("nothing to search for", ui->status);
	ui_free(ui);
}

static void test_mouse(void **state)
{
	(void)state;
	struct ui *ui = new_ui(false);
	ui_draw(ui, 24, 80);
	ui_mouse(ui, UI_MOUSE_CLICK, 3, 10); /* the second feed's row */
	assert_int_equal(2, ui->fv.sel);
	ui_mouse(ui, UI_MOUSE_CLICK, 20, 10); /* below the last row: nothing */
	assert_int_equal(2, ui->fv.sel);
	ui_mouse(ui, UI_MOUSE_DOUBLE, 1, 10); /* every article, opened */
	assert_int_equal(UI_VIEW_ARTICLES, ui->view);
	ui_draw(ui, 24, 80);
	ui_mouse(ui, UI_MOUSE_WHEEL_DOWN, 5, 5);
	assert_int_equal(3, ui->lv.sel);
	ui_mouse(ui, UI_MOUSE_WHEEL_UP, 5, 5);
	assert_int_equal(0, ui->lv.sel);
	ui_mouse(ui, UI_MOUSE_DOUBLE, 1, 10); /* the first row: the longest article */
	assert_int_equal(UI_VIEW_PAGER, ui->view);
	ui_draw(ui, 10, 40); /* small enough to scroll */
	ui_mouse(ui, UI_MOUSE_WHEEL_DOWN, 5, 5);
	assert_int_equal(3, ui->pv.top);
	ui_free(ui);
}

static void test_themes(void **state)
{
	(void)state;
	char dir[512], err[CORE_ERRLEN];
	snprintf(dir, sizeof dir, "%s/themes", getenv("BANTIN_SOURCE_DIR"));
	const char *dirs[] = {dir};
	static const char *const shipped[] = {"default", "light", "high-contrast", "mono"};
	for (size_t i = 0; i < CORE_NELEM(shipped); i++) {
		struct ui_theme t;
		if (!ui_theme_load(shipped[i], dirs, 1, &t, err, sizeof err))
			fail_msg("%s: %s", shipped[i], err);
	}
	/* The shipped default is the built-in one, and mono likewise. */
	struct ui_theme file, builtin;
	assert_true(ui_theme_load("default", dirs, 1, &file, err, sizeof err));
	ui_theme_builtin(&builtin, false);
	assert_memory_equal(&file, &builtin, sizeof file);
	assert_true(ui_theme_load("mono", dirs, 1, &file, err, sizeof err));
	ui_theme_builtin(&builtin, true);
	assert_memory_equal(&file, &builtin, sizeof file);

	struct ui_theme t;
	assert_false(ui_theme_load("nope", dirs, 1, &t, err, sizeof err));
	assert_string_equal("no theme 'nope' (looked for nope.theme in the theme folders)", err);
	assert_false(ui_theme_load("../etc/passwd", dirs, 1, &t, err, sizeof err));
	assert_string_equal("'../etc/passwd' is not a theme name (letters, digits, - and _)", err);
	static const struct {
		const char *text, *err;
	} bad[] = {
	    {"\n# fine\nborder = red blue\n",
	     "t.theme:3: 'border' is not a colour slot (normal, bar, status, selected, unread, dim,"
	     " heading, link, error)"},
	    {"bar = purple default\n",
	     "t.theme:1: bar needs a foreground and a background colour (a name such as cyan or"
	     " bright-red, default, or 0 to 255)"},
	    {"bar = 256 default\n",
	     "t.theme:1: bar needs a foreground and a background colour (a name such as cyan or"
	     " bright-red, default, or 0 to 255)"},
	    {"link = blue default blink\n",
	     "t.theme:1: 'blink' is not an attribute (bold, underline, reverse)"},
	};
	for (size_t i = 0; i < CORE_NELEM(bad); i++) {
		ui_theme_builtin(&t, false);
		assert_false(ui_theme_parse(bad[i].text, "t.theme", &t, err, sizeof err));
		assert_string_equal(bad[i].err, err);
	}
	ui_theme_builtin(&t, false);
	assert_true(ui_theme_parse("dim = 244 bright-black underline reverse # grey\n", "t.theme",
				   &t, err, sizeof err));
	assert_int_equal(244, t.slot[UI_SLOT_DIM].fg);
	assert_int_equal(8, t.slot[UI_SLOT_DIM].bg);
	assert_int_equal(UI_ATTR_UNDERLINE | UI_ATTR_REVERSE, t.slot[UI_SLOT_DIM].attr);
}

/* Every action has a handler in every view its keys work in. */
static void test_every_action_handled(void **state)
{
	(void)state;
	for (int a = 0; a < UI_ACT_COUNT; a++) {
		for (unsigned v = 1; v <= UI_IN_ALL; v <<= 1) {
			if ((config_actions[a].views & v) != 0 && !ui_action_handled(a, v))
				fail_msg("%s has no handler in view %#x", config_actions[a].name,
					 v);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_action_handled),
	    cmocka_unit_test(test_actions_without_drawing),
	    cmocka_unit_test(test_view_stack),
	    cmocka_unit_test(test_bindings),
	    cmocka_unit_test(test_feeds),
	    cmocka_unit_test(test_articles),
	    cmocka_unit_test(test_pane_focus),
	    cmocka_unit_test(test_keep_place),
	    cmocka_unit_test(test_pager),
	    cmocka_unit_test(test_help_and_small),
	    cmocka_unit_test(test_ascii),
	    cmocka_unit_test(test_prompt),
	    cmocka_unit_test(test_search_and_find),
	    cmocka_unit_test(test_themes),
	    cmocka_unit_test(test_mouse),
	    cmocka_unit_test(test_starred),
	    cmocka_unit_test(test_next_unread), /* last: they read every article */
	    cmocka_unit_test(test_mark_everything),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
