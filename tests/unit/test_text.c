/* Unit tests for src/text: cleaning, widths, fitting, wrapping, folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "text.h"

/* NFC and NFD spellings of the same Vietnamese text. */
#define VI_NFC "Thành phố Hải Phòng đón tàu ặ ệ ộ ớ ự"
#define VI_NFD                                                                                     \
	"Tha\xcc\x80nh pho\xcc\x82\xcc\x81 Ha\xcc\x89i Pho\xcc\x80ng \xc4\x91o\xcc\x81n "          \
	"ta\xcc\x80u a\xcc\xa3\xcc\x86 e\xcc\xa3\xcc\x82 o\xcc\xa3\xcc\x82 o\xcc\x9b\xcc\x81 "     \
	"u\xcc\x9b\xcc\xa3"

static void expect_str(size_t i, const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, want);
}

/* Same, comparing the NFC forms: drawn NFD text is NFD, and looks the same. */
static void expect_nfc(size_t i, const char *got, const char *want)
{
	char *a = text_nfc(got, strlen(got));
	expect_str(i, a, want);
	free(a);
}

/* ---- text_utf8 ---- */

static void test_utf8_fix(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} cases[] = {
	    {"", 0, ""},
	    {"abc", 3, "abc"},
	    {"Hải", 5, "Hải"},
	    {"\xff", 1, "\xef\xbf\xbd"},
	    {"a\xc3", 2, "a\xef\xbf\xbd"},               /* truncated 2-byte */
	    {"\xe2\x82z", 3, "\xef\xbf\xbdz"},           /* truncated 3-byte: one U+FFFD */
	    {"\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd"}, /* overlong */
	    {"\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* surrogate */
	    {"\xf4\x90\x80\x80", 4,
	     "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* past U+10FFFF */
	    {"\xf0\x9f\x91\x8d", 4, "\xf0\x9f\x91\x8d"},
	    {"a\0b", 3,
	     "a\xef\xbf\xbd"
	     "b"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = text_utf8_fix(cases[i].in, cases[i].len);
		expect_str(i, got, cases[i].want);
		free(got);
	}
}

static void test_utf8_roundtrip(void **state)
{
	(void)state;
	static const int32_t cps[] = {0,      0x7f,   0x80,    0x7ff,   0x800,
				      0xfffd, 0xffff, 0x10000, 0x10ffff};
	for (size_t i = 0; i < CORE_NELEM(cps); i++) {
		char enc[4];
		size_t n = text_utf8_encode(cps[i], enc);
		int32_t back;
		assert_int_equal(text_utf8_decode(enc, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

/* ---- text_clean ---- */

static void test_clean_line(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"", ""},
	    {"   ", ""},
	    {"  Hải   Phòng \n", "Hải Phòng"},
	    {"a\tb\r\nc\xc2\xa0"
	     "d",
	     "a b c d"},
	    {VI_NFD, VI_NFC},
	    {"a\xcc\xa3\xcc\x86", "ặ"},
	    {"\x1b[31mĐỏ\x1b[0m", "Đỏ"},
	    {"x\x1b[2Jy", "xy"},
	    {"copy\x1b]52;c;ZXZpbA==\x07me", "copyme"},
	    {"\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "link"},
	    {"t\x1b]0;title", "t"},
	    {"a\x1b(Bb", "ab"},
	    {"a\x1b", "a"},
	    {"c1\xc2\x9b"
	     "31mred",
	     "c1red"},
	    {"osc\xc2\x9d"
	     "0;x\xc2\x9cok",
	     "oscok"},
	    {"\xe2\x80\xae"
	     "evil\xe2\x80\xac",
	     "evil"},
	    {"\xe2\x81\xa6x\xe2\x81\xa9", "x"},
	    {"r\xe2\x80\x8fl\xe2\x80\x8em\xd8\x9c!", "rlm!"}, /* the bidi marks */
	    {"\xef\xbb\xbftitle", "title"},
	    {"nul\0byte", "nulbyte"},
	    {"bell\x07!", "bell!"},
	    {"del\x7f!", "del!"},
	    {"bad\xff!", "bad\xef\xbf\xbd!"},
	    {"\xef\xbf\xbe", "\xef\xbf\xbd"},
	    {"Ω", "Ω"}, /* U+2126 OHM SIGN → U+03A9 */
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		size_t len = strlen(cases[i].in);
		if (strcmp(cases[i].want, "nulbyte") == 0)
			len = 8;
		char *got = text_clean(cases[i].in, len, TEXT_CLEAN_LINE);
		expect_str(i, got, cases[i].want);
		free(got);
	}
}

static void test_clean_block(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"a\r\nb\rc\td\x01"
	     "e",
	     "a\nb\nc\tde"},
	    {"  lead and trail  ", "  lead and trail  "},
	    {"p1\n\np2\xe2\x80\xa8p3", "p1\n\np2\np3"},
	    {VI_NFD "\n", VI_NFC "\n"},
	    {"x\x1b[1;31my", "xy"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = text_clean(cases[i].in, strlen(cases[i].in), TEXT_CLEAN_BLOCK);
		expect_str(i, got, cases[i].want);
		free(got);
	}
}

/* text_esc: where each sequence ends, in text_clean and over markup alike. */
static void test_esc(void **state)
{
	(void)state;
	static const struct {
		const char *in, *line, *markup;
	} cases[] = {
	    {"", "", ""},
	    {"plain", "plain", "plain"},
	    /* an OSC never runs past the text it is in: markup ends it */
	    {"<p>Alpha \x1b]0;x</p><p>Beta</p>", "<p>Alpha", "<p>Alpha </p><p>Beta</p>"},
	    {"a\x1b]0;t\x07"
	     "b",
	     "ab", "ab"},
	    {"a\x1b]0;t\x1b\\b", "ab", "ab"},
	    {"a\xc2\x9d"
	     "0;t\xc2\x9c"
	     "b",
	     "ab", "ab"},
	    /* ESC inside a string starts a sequence of its own */
	    {"a\x1b]0;t\x1b[31mb", "ab", "ab"},
	    {"a\x1b[1;31mb\x1b[0m", "ab", "ab"},
	    {"a\xc2\x9b"
	     "2Jb",
	     "ab", "ab"},
	    /* a character that cannot go on a sequence ends it and is text */
	    {"a\x1b\xc3\xa9", "aé", "aé"},
	    {"a\x1b[1\xc3\xa9", "aé", "aé"},
	    {"a\x1b(Bb", "ab", "ab"},
	    {"a\x1bPq#0\x1b\\b", "ab", "ab"},
	    {"a\x1b_apc\x07"
	     "b",
	     "ab", "ab"},
	    {"a\x1b^pm\x07"
	     "b",
	     "ab", "ab"},
	    {"a\x1bXsos\x07"
	     "b",
	     "ab", "ab"},
	    /* references to controls, over markup */
	    {"E&#27;[31mred", "E&#27;[31mred", "Ered"},
	    {"E&#x9b;2Jz &amp; &#233;", "E&#x9b;2Jz &amp; &#233;", "Ez &amp; &#233;"},
	    {"nul\x01\x7f!", "nul!", "nul!"},
	    /* noncharacters: U+FFFD for an HTML parser, a reference to one dropped */
	    {"a\xef\xbf\xbf"
	     "b&#xfffe;c",
	     "a\xef\xbf\xbd"
	     "b&#xfffe;c",
	     "a\xef\xbf\xbd"
	     "bc"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *line = text_clean(cases[i].in, strlen(cases[i].in), TEXT_CLEAN_LINE);
		expect_str(i, line, cases[i].line);
		free(line);
		char *m = text_esc_strip_markup(cases[i].in, strlen(cases[i].in));
		expect_str(i, m, cases[i].markup);
		free(m);
	}
	/* an unterminated string ends after TEXT_ESC_MAX bytes: what follows is text */
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, "a\x1b]");
	for (int i = 0; i < TEXT_ESC_MAX; i++)
		core_buf_putc(&b, 'x');
	core_buf_puts(&b, "tail");
	char *got = text_clean(b.data, b.len, TEXT_CLEAN_LINE);
	assert_string_equal(got, "axtail"); /* ESC, then TEXT_ESC_MAX bytes dropped */
	free(got);
	core_buf_free(&b);
}

/* text_is_clean: true only where text_clean would change nothing. */
static void test_is_clean(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool clean;
	} cases[] = {
	    {"Hải Phòng – “Sắc màu” 29/12…\n\tđ", true},
	    {"", true},
	    {"a\x1b[31mb", false}, /* an escape sequence */
	    {"a\xe2\x80\xae"
	     "b",
	     false},                /* a bidi override */
	    {"Ha\xcc\x89i", false}, /* decomposed */
	    {"a\xc2\x9b"
	     "b",
	     false},           /* a C1 control */
	    {"a\r\nb", false}, /* CR LF becomes LF */
	    {"a\xff"
	     "b",
	     false}, /* not UTF-8 */
	    {"a\xe2\x80\xa8"
	     "b",
	     false},                            /* the line separator becomes LF */
	    {"\xe2\x80\xa7\xe2\x81\x9e", true}, /* the ends of the punctuation kept as is */
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		size_t len = strlen(cases[i].s);
		if (text_is_clean(cases[i].s, len) != cases[i].clean)
			fail_msg("case %zu: text_is_clean %d", i, !cases[i].clean);
		char *c = text_clean(cases[i].s, len, TEXT_CLEAN_BLOCK);
		if (cases[i].clean)
			assert_string_equal(c, cases[i].s);
		else
			assert_true(strcmp(c, cases[i].s) != 0);
		free(c);
	}
}

static void test_clean_mark_flood(void **state)
{
	(void)state;
	struct core_buf in;
	core_buf_init(&in, 0);
	core_buf_puts(&in, "x a");
	for (int i = 0; i < 10000; i++)
		core_buf_puts(&in, "\xcc\x81"); /* U+0301 */
	core_buf_puts(&in, " y");
	char *got = text_clean(in.data, in.len, TEXT_CLEAN_LINE);
	/* a + U+0301 composes to á, then TEXT_MAX_MARKS more marks at most. */
	struct core_buf want;
	core_buf_init(&want, 0);
	core_buf_puts(&want, "x á");
	for (int i = 0; i < TEXT_MAX_MARKS; i++)
		core_buf_puts(&want, "\xcc\x81");
	core_buf_puts(&want, " y");
	assert_string_equal(got, core_buf_str(&want));
	assert_int_equal(text_width_str(got), 5);
	free(got);
	core_buf_free(&in);
	core_buf_free(&want);
}

static void test_nfc(void **state)
{
	(void)state;
	char *a = text_nfc(VI_NFD, strlen(VI_NFD));
	assert_string_equal(a, VI_NFC);
	free(a);
	a = text_nfc("x\x1b\xff", 3); /* only NFC and U+FFFD: controls stay */
	assert_string_equal(a, "x\x1b\xef\xbf\xbd");
	free(a);
}

/* ---- text_width ---- */

static void test_width(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int width;
		const char *show; /* what the first cluster shows, or NULL */
	} cases[] = {
	    {"", 0, NULL},
	    {"Hải Phòng", 9, NULL},
	    {VI_NFD, 37, NULL},
	    {VI_NFC, 37, NULL},
	    {"a\xcc\xa3\xcc\x86", 1, "a\xcc\xa3\xcc\x86"},
	    {"中文", 4, "中"},
	    {"한국", 4, "한"},
	    {"👍", 2, "👍"},
	    {"👨‍👩‍👧", 2, "👨"},
	    {"👍🏽", 2, "👍"},
	    {"🇻🇳", 2, "🇻🇳"},
	    {"❤️", 1, "❤️"},
	    {"1️⃣", 1, "1️⃣"},
	    {"\x1b", 1, "\xef\xbf\xbd"},
	    {"\xc2\x9b", 1, "\xef\xbf\xbd"},
	    {"\xff", 1, "\xef\xbf\xbd"},
	    {"\xe2\x80\xae", 0, ""},
	    {"a\xc2\xad"
	     "b",
	     2, "a"},
	    {"\xcc\x81", 1, "\xe2\x97\x8c\xcc\x81"},
	    /* a spacing mark that stands alone (U+102C): no circle, which would not join */
	    {"\xe1\x80\xac", 1, "\xe1\x80\xac"},
	    {"\xe2\x97\x8c\xe1\x80\xac", 2, "\xe2\x97\x8c"},
	    {"a\tb", 9, "a"},
	    {"\t", 8, "        "},
	    {"a\nb", 2, "a"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		int w = text_width_str(cases[i].in);
		if (w != cases[i].width)
			fail_msg("case %zu (%s): width %d, want %d", i, cases[i].in, w,
				 cases[i].width);
		if (cases[i].show != NULL) {
			struct text_cluster c;
			text_cluster_next(cases[i].in, strlen(cases[i].in), 0, &c);
			expect_str(i, c.show, cases[i].show);
		}
	}
}

/* Cutting at a cluster's start keeps a letter with its marks and an emoji sequence whole. */
static void test_cluster_start(void **state)
{
	(void)state;
	static const char nfd[] = "Ha\xcc\x89i Pho\xcc\x80ng"; /* Hải Phòng, decomposed */
	size_t len = strlen(nfd);
	assert_int_equal(text_cluster_start(nfd, len, 0), 0);
	assert_int_equal(text_cluster_start(nfd, len, 1), 1);
	assert_int_equal(text_cluster_start(nfd, len, 2), 1); /* the hook above: with its a */
	assert_int_equal(text_cluster_start(nfd, len, 3), 1);
	assert_int_equal(text_cluster_start(nfd, len, 4), 4);
	assert_int_equal(text_cluster_start(nfd, len, 5), 5);
	assert_int_equal(text_cluster_start(nfd, len, 9), 8); /* the grave: with its o */
	assert_int_equal(text_cluster_start(nfd, len, 10), 8);
	assert_int_equal(text_cluster_start(nfd, len, len), len);
	/* a woman technologist: woman, ZWJ, laptop */
	static const char zwj[] = "x \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb y";
	size_t zlen = strlen(zwj);
	for (size_t i = 2; i < 13; i++)
		assert_int_equal(text_cluster_start(zwj, zlen, i), 2);
	assert_int_equal(text_cluster_start(zwj, zlen, 13), 13);
	/* no blank to start from: read from the beginning */
	static const char cjk[] = "\xe6\xb5\xb7\xe9\x98\xb2";
	assert_int_equal(text_cluster_start(cjk, strlen(cjk), 4), 3);
}

static void test_tab_stops(void **state)
{
	(void)state;
	struct text_cluster c;
	text_cluster_next("\t", 1, 5, &c);
	assert_int_equal(c.width, 3);
	text_cluster_next("\t", 1, 8, &c);
	assert_int_equal(c.width, 8);
	assert_true(c.space);
}

/* ---- text_fit ---- */

static void test_fit(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int width;
		const char *ellipsis;
		bool pad;
		const char *want;
	} cases[] = {
	    {"", 3, "…", true, "   "},
	    {"abc", 3, "…", true, "abc"},
	    {"abc", 5, "…", true, "abc  "},
	    {"abcd", 3, "…", false, "ab…"},
	    {"abcd", 0, "…", true, ""},
	    {"abcd", 1, "…", true, "…"},
	    {"abcd", 2, "...", true, "ab"},
	    {"Hải Phòng", 5, "…", false, "Hải…"},
	    {"Hải Phòng", 5, "…", true, "Hải… "},
	    {VI_NFD, 8, "…", false, "Thành p…"},
	    {"中文字", 5, "…", true, "中文…"},
	    {"中文字", 4, "…", true, "中… "},
	    {"中文字", 6, "…", true, "中文字"},
	    {"👨‍👩‍👧 gia đình", 6, "…", true, "👨 gi…"},
	    {"👨‍👩‍👧 gia đình", 7, "…", true, "👨 gia…"},
	    {"a\x1b[2Jb", 10, "…", false, "a\xef\xbf\xbd[2Jb"},
	    {"x\xe2\x80\xaey", 3, "…", true, "xy "},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = text_fit(cases[i].in, cases[i].width, cases[i].ellipsis, cases[i].pad);
		expect_nfc(i, got, cases[i].want);
		if (cases[i].pad && text_width_str(got) != cases[i].width)
			fail_msg("case %zu: padded to %d cells", i, text_width_str(got));
		free(got);
	}
}

static void test_fit_columns_line_up(void **state)
{
	(void)state;
	/* Titles in every script padded to one column: equal widths. */
	static const char *titles[] = {VI_NFC, VI_NFD, "中文标题很长很长很长很长很长很长",
				       "👍🏽👨‍👩‍👧🇻🇳 emoji", "short"};
	for (size_t i = 0; i < CORE_NELEM(titles); i++) {
		char *got = text_fit(titles[i], 21, "…", true);
		assert_int_equal(text_width_str(got), 21);
		char *row = xasprintf("%s|", got);
		assert_int_equal(text_width_str(row), 22);
		free(row);
		free(got);
	}
}

/* ---- text_wrap ---- */

static void cell_collect(const struct text_cell *cell, void *arg)
{
	core_buf_puts(arg, cell->show);
}

/* The wrapped paragraph drawn as "indent+text" lines joined with '|'. */
static char *wrap_render(const char *s, int width, int first, int rest)
{
	struct text_lines lines = {0};
	text_wrap(s, strlen(s), width, first, rest, &lines);
	struct core_buf b;
	core_buf_init(&b, 0);
	for (size_t i = 0; i < lines.n; i++) {
		if (i > 0)
			core_buf_putc(&b, '|');
		for (int k = 0; k < lines.v[i].indent; k++)
			core_buf_putc(&b, ' ');
		text_line_cells(s, &lines.v[i], cell_collect, &b);
	}
	text_lines_free(&lines);
	return core_buf_take(&b);
}

static void test_wrap(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int width, first, rest;
		const char *want;
	} cases[] = {
	    {"", 10, 0, 0, ""},
	    {"Cảng Hải Phòng đón tàu lớn", 10, 0, 0, "Cảng Hải|Phòng đón|tàu lớn"},
	    {VI_NFD, 10, 0, 0, "Thành phố|Hải Phòng|đón tàu ặ|ệ ộ ớ ự"},
	    {"abcdefghij", 4, 0, 0, "abcd|efgh|ij"},
	    {"well-known fact", 6, 0, 0, "well-|known|fact"},
	    {"a - b", 3, 0, 0, "a -|b"},
	    {"中文中文中", 3, 0, 0, "中|文|中|文|中"},
	    {"中文", 1, 0, 0, "?|?"},
	    {"ab", 1, 0, 0, "a|b"},
	    {"one  two   three", 8, 0, 0, "one  two|three"},
	    {"one  two   three", 7, 0, 0, "one|two|three"},
	    {"line one\nline two", 20, 0, 0, "line one|line two"},
	    {"a\n\nb", 20, 0, 0, "a||b"},
	    {"    code();", 20, 0, 0, "    code();"},
	    {"x\ty", 20, 0, 0, "x       y"},
	    {"• một hai ba bốn", 8, 0, 2, "• một|  hai ba|  bốn"},
	    {"1. alpha beta", 6, 0, 3, "1.|   alp|   ha|   bet|   a"},
	    {"deep indent", 4, 10, 10, "   d|   e|   e|   p|   i|   n|   d|   e|   n|   t"},
	    {"👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 4, 0, 0, "👨👨|👨"},
	    {"trailing   ", 20, 0, 0, "trailing"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = wrap_render(cases[i].in, cases[i].width, cases[i].first, cases[i].rest);
		expect_nfc(i, got, cases[i].want);
		free(got);
	}
}

/* ---- property test: random mixes at random widths ---- */

static const char *const fragments[] = {
    "Hải",
    "Phòng",
    VI_NFD,
    "ặ",
    "a\xcc\xa3\xcc\x86",
    "中文",
    "한국어",
    "👍🏽",
    "👨‍👩‍👧",
    "🇻🇳",
    "❤️",
    " ",
    "  ",
    "-",
    "\t",
    "\n",
    "x",
    "supercalifragilistic",
    "\xcc\x81\xcc\x81\xcc\x81",
    "\xff",
    "\x1b[2J",
    "\xe2\x80\xae",
    "\xc2\xad",
    "Đoàn",
    "—",
    "…",
};

struct width_check {
	int cells;
};

static void cell_count(const struct text_cell *cell, void *arg)
{
	((struct width_check *)arg)->cells += cell->width;
}

static void test_wrap_property(void **state)
{
	(void)state;
	uint32_t seed = 12345;
	for (int round = 0; round < 3000; round++) {
		struct core_buf in;
		core_buf_init(&in, 0);
		seed = seed * 1103515245u + 12345u;
		int parts = (int)(seed >> 16) % 30;
		for (int p = 0; p < parts; p++) {
			seed = seed * 1103515245u + 12345u;
			core_buf_puts(&in, fragments[(seed >> 16) % CORE_NELEM(fragments)]);
		}
		seed = seed * 1103515245u + 12345u;
		int width = 1 + (int)((seed >> 16) % 40);
		int first = (int)((seed >> 8) % 6), rest = (int)((seed >> 4) % 6);
		const char *s = core_buf_str(&in);

		/* The cluster boundaries of the whole paragraph. */
		char *boundary = xcalloc(in.len + 1, 1);
		struct text_cluster c;
		for (size_t i = 0; i < in.len; i += c.len) {
			boundary[i] = 1;
			text_cluster_next(s + i, in.len - i, 0, &c);
		}
		boundary[in.len] = 1;

		struct text_lines lines = {0};
		text_wrap(s, in.len, width, first, rest, &lines);
		size_t expect_start = 0;
		for (size_t i = 0; i < lines.n; i++) {
			const struct text_line *l = &lines.v[i];
			if (l->start != expect_start)
				fail_msg("round %d: line %zu starts at %zu, not %zu", round, i,
					 l->start, expect_start);
			if (!boundary[l->start] || !boundary[l->end])
				fail_msg("round %d: line %zu splits a cluster", round, i);
			if (l->shown < l->start || l->shown > l->end)
				fail_msg("round %d: line %zu draws outside itself", round, i);
			struct width_check wc = {0};
			text_line_cells(s, l, cell_count, &wc);
			if (wc.cells != l->width || l->indent + l->width > width)
				fail_msg(
				    "round %d: line %zu is %d+%d cells (measured %d), width %d",
				    round, i, l->indent, l->width, wc.cells, width);
			expect_start = l->end;
		}
		if (expect_start != in.len)
			fail_msg("round %d: lines end at %zu of %zu bytes", round, expect_start,
				 in.len);
		text_lines_free(&lines);
		free(boundary);
		core_buf_free(&in);
	}
}

/* ---- text_fold and text_ascii ---- */

static void test_fold(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"", ""},
	    {"Hải Phòng", "hai phong"},
	    {"HẢI PHÒNG", "hai phong"},
	    {"hai phong", "hai phong"},
	    {"Ha\xcc\x89i Pho\xcc\x80ng", "hai phong"},
	    {"Đoàn", "doan"},
	    {"ĐƯỜNG đường", "duong duong"},
	    {"ặ ệ ộ ớ ự Ặ Ệ Ộ Ớ Ự", "a e o o u a e o o u"},
	    {VI_NFD, "thanh pho hai phong don tau a e o o u"},
	    {"中文 한국", "中文 한국"},
	    {"Straße", "strasse"},
	    {"\xff", "\xef\xbf\xbd"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = text_fold(cases[i].in, strlen(cases[i].in), NULL);
		expect_str(i, got, cases[i].want);
		free(got);
	}
}

static void test_fold_map(void **state)
{
	(void)state;
	size_t *map = NULL;
	char *got = text_fold("Hải", 5, &map);
	assert_string_equal(got, "hai");
	static const size_t want[] = {0, 1, 4, 5};
	assert_memory_equal(map, want, sizeof want);
	free(got);
	free(map);

	/* NFD: the marks fold away; "i" maps past them. */
	got = text_fold("a\xcc\xa3\xcc\x86i", 6, &map);
	assert_string_equal(got, "ai");
	static const size_t want2[] = {0, 5, 6};
	assert_memory_equal(map, want2, sizeof want2);
	free(got);
	free(map);

	got = text_fold("", 0, &map);
	assert_string_equal(got, "");
	assert_int_equal(map[0], 0);
	free(got);
	free(map);
}

static void test_ascii(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"", ""},
	    {"Hải Phòng", "Hai Phong"},
	    {"Đà Nẵng đẹp", "Da Nang dep"},
	    {VI_NFD, "Thanh pho Hai Phong don tau a e o o u"},
	    {"“tin” – ‘mới’…", "\"tin\" - 'moi'."},
	    {"中文", "????"},
	    {"👍🏽 ok", "?? ok"},
	    {"a\tb\nc", "a\tb\nc"},
	    {"\x1b", "?"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = text_ascii(cases[i].in, strlen(cases[i].in));
		expect_str(i, got, cases[i].want);
		if (text_width_str(got) != text_width_str(cases[i].in))
			fail_msg("case %zu: width changed", i);
		free(got);
	}
}

/* Dates in Vietnam time: the portal's form, its English form, a list's (the year when not this). */
static void test_dates(void **state)
{
	(void)state;
	char d[TEXT_DATE_LEN];
	int64_t t = 1672304700; /* 2022-12-29 09:05 UTC: 16:05 in Hải Phòng */
	text_date(t, TEXT_DATE_LONG, d);
	assert_string_equal("Thứ Năm, 29/12/2022 16:05", d);
	text_date(t, TEXT_DATE_LONG_EN, d);
	assert_string_equal("Thursday, 29 Dec 2022 16:05", d);
	text_date(t, TEXT_DATE_SHORT, d);
	assert_string_equal("29/12/2022 16:05", d);
	text_date(t, TEXT_DATE_LIST, d);
	assert_string_equal("29/12/2022 ", d); /* not this year: as wide as "29/12 16:05" */
	int64_t now = (int64_t)time(NULL);
	text_date(now, TEXT_DATE_LIST, d);
	assert_int_equal(11, strlen(d));
	assert_true(d[2] == '/' && d[5] == ' ' && d[8] == ':'); /* "dd/mm hh:mm" this year */
	text_date(INT64_MAX, TEXT_DATE_LIST, d);
	assert_string_equal("", d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_fix),
	    cmocka_unit_test(test_utf8_roundtrip),
	    cmocka_unit_test(test_clean_line),
	    cmocka_unit_test(test_clean_block),
	    cmocka_unit_test(test_esc),
	    cmocka_unit_test(test_clean_mark_flood),
	    cmocka_unit_test(test_is_clean),
	    cmocka_unit_test(test_nfc),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_cluster_start),
	    cmocka_unit_test(test_tab_stops),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_fit_columns_line_up),
	    cmocka_unit_test(test_wrap),
	    cmocka_unit_test(test_wrap_property),
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_fold_map),
	    cmocka_unit_test(test_ascii),
	    cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
