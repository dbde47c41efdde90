/* Unit tests for html_to_doc and html_text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "html.h"
#include "text.h"

static const char article[] =
    "<h1>Ti\xc3\xaau \xc4\x91\xe1\xbb\x81</h1><p>M\xe1\xbb\x99t <b>\xc4\x91o\xe1\xba\xa1n</b> "
    "<a href=\"/x\">li\xc3\xaan k\xe1\xba\xbft</a>\tv\xe1\xbb\x9bi\\ k\xc3\xbd t\xe1\xbb\xb1\n"
    "xu\xe1\xbb\x91ng d\xc3\xb2ng</p><ul><li>m\xe1\xbb\x99t</li><li>hai</li></ul>"
    "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
    "<pre>a\tb\n  c</pre><hr><p class=\"byline\">Nguy\xe1\xbb\x85n H\xe1\xba\xa3i. \xe1\xba\xa2nh: "
    "\xc4\x90\xc3\xa0m "
    "Thanh</p>";

/* A closing "name. Ảnh: name" line is a byline only when marked so (a site profile's work). */
static void test_byline_marked(void **state)
{
	(void)state;
	static const char plain[] = "<p>Một đoạn văn.</p><p>Nguyễn Hải. Ảnh: Đàm Thanh</p>";
	struct text_doc *doc = html_to_doc(plain, strlen(plain), NULL, HTML_LANG_VI);
	assert_int_equal(doc->nblocks, 2);
	assert_int_equal(doc->blocks[1].kind, TEXT_BLOCK_PARAGRAPH);
	text_doc_free(doc);
	static const char marked[] =
	    "<p>Một đoạn văn.</p><p class=\"x byline\">Nguyễn Hải. Ảnh: Đàm Thanh</p>";
	doc = html_to_doc(marked, strlen(marked), NULL, HTML_LANG_VI);
	assert_int_equal(doc->nblocks, 2);
	assert_int_equal(doc->blocks[1].kind, TEXT_BLOCK_BYLINE);
	text_doc_free(doc);
}

static void test_blocks(void **state)
{
	(void)state;
	struct text_doc *doc =
	    html_to_doc(article, strlen(article), "https://portal.example.vn/a/", HTML_LANG_VI);
	static const enum text_block_kind kinds[] = {
	    TEXT_BLOCK_HEADING,   TEXT_BLOCK_PARAGRAPH, TEXT_BLOCK_LIST_ITEM,
	    TEXT_BLOCK_LIST_ITEM, TEXT_BLOCK_TABLE_ROW, TEXT_BLOCK_TABLE_ROW,
	    TEXT_BLOCK_PRE,       TEXT_BLOCK_RULE,      TEXT_BLOCK_BYLINE,
	};
	assert_int_equal(doc->nblocks, CORE_NELEM(kinds));
	for (size_t i = 0; i < CORE_NELEM(kinds); i++)
		assert_int_equal(doc->blocks[i].kind, kinds[i]);
	assert_string_equal(doc->blocks[1].text, "Một đoạn liên kết[1] với\\ ký tự xuống dòng");
	assert_int_equal(doc->blocks[1].nspans, 2);
	assert_int_equal(doc->blocks[1].spans[0].style, TEXT_STYLE_BOLD);
	assert_int_equal(doc->blocks[1].spans[1].style, TEXT_STYLE_LINK);
	assert_int_equal(doc->blocks[1].spans[1].link, 1);
	assert_string_equal(doc->blocks[4].text, "A\tB");
	assert_int_equal(doc->blocks[4].level, 1);
	assert_string_equal(doc->blocks[6].text, "a\tb\n  c");
	assert_int_equal(doc->nlinks, 1);
	assert_string_equal(doc->links[0], "https://portal.example.vn/x");
	text_doc_free(doc);
}

static void test_text_of(const char *html, const char *want)
{
	char *got = html_text(html, strlen(html));
	assert_string_equal(got, want);
	free(got);
}

/* html_text: what the index and snippets take of an article. */
static void test_text(void **state)
{
	(void)state;
	test_text_of(article,
		     "Tiêu đề\nMột đoạn liên kết với\\ ký tự xuống dòng\nmột\nhai\nA\nB\n1\n2\n"
		     "a b c\nNguyễn Hải. Ảnh: Đàm Thanh");
	/* entities; comments, scripts, styles and forms skipped with what they hold */
	test_text_of("<p>A&amp;B &lt;tag&gt; &#273;&#x1ED3;ng &bogus; & y &#0; &#xD800; "
		     "&#99999999;</p><!-- <p>hidden</p> --><script>var s = \"</p>\";</script>"
		     "<STYLE>p{}</style><form><p>form text</p></form><p>after</p>",
		     "A&B <tag> đồng &bogus; & y \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd\nafter");
	/* images by their alt text; inline elements join, blocks break */
	test_text_of("<figure><img src=\"a.jpg\" alt=\"Cầu &quot;Rào&quot;\"><figcaption>Chú "
		     "thích</figcaption></figure>x<b>Hải</b>Phòng <span>a</span>\n\t<span>b</span>",
		     "Cầu \"Rào\"\nChú thích\nxHảiPhòng a b");
	/* escape sequences and bidi overrides never come through; stray '<' is text */
	test_text_of("E&#27;[31mred&#x202E;rev a < b <3 <p title=\">x\">y</p><p",
		     "Eredrev a < b <3\ny");
	/* long runs (read 8 bytes at a time): doubled, leading and trailing blanks */
	test_text_of("<p>abcdefg  hijklmnop&amp;qrstuvw\txyz abcdefgh ijklmnopq </p>"
		     "<b>x</b> abcdefghijklmno<i>y</i>abcdefg\n\nhijklmnopqr &lt;abcdefghij",
		     "abcdefg hijklmnop&qrstuvw xyz abcdefgh ijklmnopq\nx abcdefghijklmnoyabcdefg "
		     "hijklmnopqr <abcdefghij");
	/* decomposed input comes out composed */
	test_text_of("<p>Ha\xcc\x89i Pho\xcc\x80ng</p>", "Hải Phòng");
	test_text_of("", "");
	test_text_of("<div><p>  </p></div>", "");
	/* not cleaned: for folding only (decomposed marks, a bidi override stay) */
	const char raw[] = "<p>Ha\xcc\x89i&#x202E;</p><script>x</script>";
	char *got = html_text_raw(raw, strlen(raw));
	assert_string_equal(got, "Ha\xcc\x89i\xe2\x80\xae");
	free(got);
}

/* What html_to_doc shows and html_text indexes are the same text, block for line. */
static void test_text_agrees_with_doc(void **state)
{
	(void)state;
	static const char html[] =
	    "<h2>Tiêu đề</h2><p>Một <b>đoạn</b> văn<br>hai dòng</p><form><p>biểu mẫu</p>"
	    "</form><noscript>bật JavaScript</noscript><noembed>x</noembed><details><summary>"
	    "Tóm tắt</summary>Chi tiết</details><ul><li>một</li><li>hai</li></ul><video><p>"
	    "phim</p></video><blockquote>Trích dẫn</blockquote><fieldset><legend>Nhóm</legend>"
	    "</fieldset><script>var x;</script><p>Kết</p>";
	struct text_doc *doc = html_to_doc(html, strlen(html), NULL, HTML_LANG_VI);
	struct core_buf b;
	core_buf_init(&b, 0);
	for (size_t i = 0; i < doc->nblocks; i++) {
		if (i > 0)
			core_buf_putc(&b, '\n');
		core_buf_puts(&b, doc->blocks[i].text);
	}
	char *text = html_text(html, strlen(html));
	assert_string_equal(text, core_buf_str(&b));
	assert_string_equal(text, "Tiêu đề\nMột đoạn văn\nhai dòng\nTóm tắt\nChi tiết\nmột\nhai\n"
				  "Trích dẫn\nNhóm\nKết");
	free(text);
	core_buf_free(&b);
	text_doc_free(doc);
}

static void test_layout_never_too_wide(void **state)
{
	(void)state;
	struct text_doc *doc = html_to_doc(article, strlen(article), NULL, HTML_LANG_VI);
	for (int w = 1; w <= 60; w++) {
		struct text_doc_layout l = {0};
		text_doc_layout(doc, w, w % 2 == 0, &l);
		for (size_t i = 0; i < l.n; i++) {
			int cells = l.lines[i].prefix_width + text_width_str(l.lines[i].text);
			if (cells > w)
				fail_msg("width %d line %zu: %d cells", w, i, cells);
		}
		text_doc_layout_free(&l);
	}
	text_doc_free(doc);
}

/* In ASCII mode the layout's own marks are ASCII, list markers included. */
static void test_ascii_markers(void **state)
{
	(void)state;
	static const char html[] = "<ul><li>m\xe1\xbb\x99t<ul><li>hai</li></ul></li></ul>";
	struct text_doc *doc = html_to_doc(html, strlen(html), NULL, HTML_LANG_VI);
	char *text = text_doc_plain(doc, 40, true);
	assert_string_equal("* m\xe1\xbb\x99t\n  o hai\n", text);
	free(text);
	text = text_doc_plain(doc, 40, false);
	assert_string_equal("\xe2\x80\xa2 m\xe1\xbb\x99t\n  \xe2\x97\xa6 hai\n", text);
	free(text);
	text_doc_free(doc);
}

/* A bidi control between two blanks goes as if it had never been there: one space, in the
   index's text as in the shown one (what the feed filter would have left). */
static void test_bidi_between_spaces(void **state)
{
	(void)state;
	static const char *const html[] = {"<p>a\n\xe2\x81\xa9 b</p>",  "<p>a \xe2\x80\x8f b</p>",
					   "<p>a \xe2\x80\xae\n b</p>", "<p>a \xd8\x9c b</p>",
					   "<p>a \xef\xbb\xbf\v b</p>", "<p>a\xe2\x80\xa8 b</p>"};
	for (size_t i = 0; i < CORE_NELEM(html); i++) {
		char *t = html_text(html[i], strlen(html[i]));
		assert_string_equal(t, "a b");
		free(t);
		struct text_doc *d = html_to_doc(html[i], strlen(html[i]), NULL, HTML_LANG_VI);
		assert_int_equal(d->nblocks, 1);
		assert_string_equal(d->blocks[0].text, "a b");
		text_doc_free(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ascii_markers),
	    cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_byline_marked),
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_text_agrees_with_doc),
	    cmocka_unit_test(test_layout_never_too_wide),
	    cmocka_unit_test(test_bidi_between_spaces),
	};
	return cmocka_run_group_tests_name("html_doc", tests, NULL, NULL);
}
