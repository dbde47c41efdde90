/*
 * Unit tests for the feed input filter's fast path: plain text goes through
 * 64 bytes at a time, and whatever needs the filter (a control, a C1
 * control, an escape sequence, an entity, a broken character) must be
 * caught wherever it falls in those 64 bytes, or across two of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "feed.h"
#include "feed_input.h"

#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"

/* The filtered bytes of doc, read 1000 at a time, into out (NUL-terminated). */
static void filter(const char *doc, size_t len, bool scalar, struct core_buf *out)
{
	struct feed_parse_opts opts = {0};
	struct feed_input *in = xmalloc(sizeof *in);
	feed_input_open_mem(in, doc, len, &opts);
	in->scalar = scalar;
	char chunk[1000];
	size_t n;
	while ((n = feed_input_read(in, chunk, sizeof chunk)) > 0)
		core_buf_append(out, chunk, n);
	assert_false(in->failed);
	feed_input_close(in);
	free(in);
}

/* Vietnamese text: one-, two- and three-byte characters mixed. */
static const char filler[] = "Hải Phòng: Thứ Năm, đường Lạch Tray ngập sâu; người dân "
			     "Kiến An đón mùa lúa xuân, tàu cá cập cảng Đình Vũ. ";

/*
 * Each piece that needs the filter, put at every offset from 0 to 140
 * bytes into the text: what comes out is exactly the text with the piece
 * replaced, with and without the fast path.
 */
static void test_each_offset(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} pieces[] = {
	    {"\xc2\x85", ""},                         /* a C1 control (NEL) */
	    {"\xc2\xa0", "\xc2\xa0"},                 /* no-break space: plain */
	    {"\x1b[31m", ""},                         /* an escape sequence */
	    {"\x07", ""},                             /* a C0 control */
	    {"\x7f", ""},                             /* DEL */
	    {"&nbsp;", "&#160;"},                     /* a named entity */
	    {"&amp;", "&amp;"},                       /* a predefined one */
	    {"\x80", "\xef\xbf\xbd"},                 /* a lone continuation byte */
	    {"\xe1\xba", "\xef\xbf\xbd"},             /* a character cut short */
	    {"\xc3", "\xef\xbf\xbd"},                 /* a lead byte alone */
	    {"\xf0\x9f\x93\xb0", "\xf0\x9f\x93\xb0"}, /* four bytes: 📰 */
	    {"\xe2\x80\x8b", "\xe2\x80\x8b"},         /* three bytes the fast path takes */
	    {"\xed\x9f\xbf", "\xed\x9f\xbf"},         /* U+D7FF: three bytes it leaves */
	    {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* a surrogate */
	    {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},                 /* an overlong '/' */
	};
	size_t flen = strlen(filler);
	for (size_t p = 0; p < CORE_NELEM(pieces); p++) {
		for (size_t off = 0; off <= 140; off++) {
			struct core_buf doc, want;
			core_buf_init(&doc, 0);
			core_buf_init(&want, 0);
			core_buf_append(&doc, DECL, strlen(DECL));
			core_buf_append(&want, DECL, strlen(DECL));
			/* off bytes of text, cut back to a character boundary */
			size_t cut = off % flen;
			while (cut > 0 && ((unsigned char)filler[cut] & 0xc0) == 0x80)
				cut--;
			for (size_t k = 0; k < off / flen; k++) {
				core_buf_append(&doc, filler, flen);
				core_buf_append(&want, filler, flen);
			}
			core_buf_append(&doc, filler, cut);
			core_buf_append(&want, filler, cut);
			core_buf_append(&doc, pieces[p].in, strlen(pieces[p].in));
			core_buf_append(&want, pieces[p].out, strlen(pieces[p].out));
			for (int k = 0; k < 3; k++) {
				core_buf_append(&doc, filler, flen);
				core_buf_append(&want, filler, flen);
			}
			for (int scalar = 0; scalar < 2; scalar++) {
				struct core_buf got;
				core_buf_init(&got, 0);
				filter(doc.data, doc.len, scalar != 0, &got);
				if (got.len != want.len ||
				    memcmp(got.data, want.data, got.len) != 0)
					fail_msg("piece %zu at %zu (scalar %d): got \"%s\"", p, off,
						 scalar, core_buf_str(&got));
				core_buf_free(&got);
			}
			core_buf_free(&doc);
			core_buf_free(&want);
		}
	}
}

/* Random documents from pieces: the fast path changes nothing. */
static void test_random_same(void **state)
{
	(void)state;
	static const char *const pieces[] = {
	    "a",
	    "Hải ",
	    "ặ",
	    "ữ",
	    "đ",
	    " ",
	    "\n",
	    "\t",
	    "\r",
	    "<p>",
	    "&",
	    "&#7;",
	    "&#x1b;[2J",
	    "&lt;",
	    "&quot;",
	    "\x1b",
	    "]0;title\x07",
	    "\x9b",
	    "\xc2\x9b",
	    "\xc2\xa0",
	    "\x80",
	    "\xbf",
	    "\xc2",
	    "\xdf\xbf",
	    "\xe1",
	    "\xe1\xbb",
	    "\xe1\xbb\x87",
	    "\xec\xbf\xbf",
	    "\xed\x80\x80",
	    "\xe0\xa0\x80",
	    "\xef\xbb\xbf",
	    "\xf0\x9f\x98\x80",
	    "\xf4\x90\x80\x80",
	    "\xff",
	    "\x00",
	    "\x01",
	    "\x7f",
	    "xyz0123456789",
	    "Đường Lạch Tray ",
	};
	unsigned seed = 12345;
	for (int round = 0; round < 3000; round++) {
		struct core_buf doc;
		core_buf_init(&doc, 0);
		core_buf_append(&doc, DECL, strlen(DECL));
		int n = (int)(rand_r(&seed) % 120);
		for (int k = 0; k < n; k++) {
			const char *p = pieces[(size_t)rand_r(&seed) % CORE_NELEM(pieces)];
			/* runs of plain text, as real documents have */
			int times = rand_r(&seed) % 4 == 0 ? 1 + rand_r(&seed) % 40 : 1;
			for (int t = 0; t < times; t++)
				core_buf_append(&doc, p, p[0] == '\0' ? 1 : strlen(p));
		}
		struct core_buf fast, slow;
		core_buf_init(&fast, 0);
		core_buf_init(&slow, 0);
		filter(doc.data, doc.len, false, &fast);
		filter(doc.data, doc.len, true, &slow);
		if (fast.len != slow.len || memcmp(fast.data, slow.data, fast.len) != 0)
			fail_msg("round %d: the fast path gave something else", round);
		core_buf_free(&fast);
		core_buf_free(&slow);
		core_buf_free(&doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_each_offset),
	    cmocka_unit_test(test_random_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
