/*
 * Unit tests of extract's listing pages: the e-portal's profile turns a
 * listing (haiphong.gov.vn's shape) into items with absolute links, dates
 * in Vietnam time and summaries, and finds the next page; a page no
 * profile lists is said so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core.h"
#include "extract.h"

static const char listing[] =
    "<html><body><div class=\"list-news\">"
    "<div class=\"news-item\"><a class=\"title\" href=\"/tin-tuc-su-kien/chuyen-doi-so-6012\">"
    "Đẩy mạnh chuyển đổi số</a><span class=\"time\">Thời gian: 11/05/2022 12:15</span>"
    "<p class=\"sapo\">Hội thảo về chuyển đổi số.</p></div>"
    "<div class=\"news-item\"><h3 class=\"title\"><a href=\"cau-vuot-6013\">Khởi công cầu "
    "vượt</a></h3><span class=\"time\">15/11/2022</span></div>"
    /* the same article again, and an item with no link: neither counts */
    "<div class=\"news-item\"><a class=\"title\" href=\"/tin-tuc-su-kien/chuyen-doi-so-6012\">"
    "Đẩy mạnh chuyển đổi số</a></div>"
    "<div class=\"news-item\"><span class=\"title\">Không có liên kết</span></div>"
    "</div><a class=\"next\" href=\"?page=2\">Trang sau</a></body></html>";

static struct extract_profiles *test_profiles(void)
{
	const char *dirs[] = {BANTIN_SOURCE_DIR "/sites"};
	char err[CORE_ERRLEN];
	struct extract_profiles *ps = extract_profiles_load_dirs(dirs, 1, err, sizeof err);
	assert_non_null(ps);
	return ps;
}

static void test_listing(void **state)
{
	(void)state;
	struct extract_profiles *ps = test_profiles();
	struct extract_listing l;
	char err[CORE_ERRLEN];
	assert_true(extract_listing(ps, NULL, listing, strlen(listing),
				    "https://haiphong.gov.vn/tin-tuc-su-kien", NULL, &l, err,
				    sizeof err));
	assert_int_equal(l.nitems, 2);
	assert_string_equal(l.items[0].title, "Đẩy mạnh chuyển đổi số");
	assert_string_equal(l.items[0].url,
			    "https://haiphong.gov.vn/tin-tuc-su-kien/chuyen-doi-so-6012");
	assert_string_equal(l.items[0].summary, "Hội thảo về chuyển đổi số.");
	assert_int_equal(l.items[0].published, 1652246100); /* 2022-05-11 05:15 UTC */
	assert_string_equal(l.items[1].url, "https://haiphong.gov.vn/cau-vuot-6013");
	assert_null(l.items[1].summary);
	assert_int_equal(l.items[1].published, 1668445200); /* 2022-11-15 00:00 +07:00 */
	assert_string_equal(l.next, "https://haiphong.gov.vn/tin-tuc-su-kien?page=2");
	extract_listing_free(&l);

	/* Another host's page: no profile lists it. */
	assert_false(extract_listing(ps, NULL, listing, strlen(listing), "https://example.org/news",
				     NULL, &l, err, sizeof err));
	assert_string_equal(err, "no site profile lists this page's articles");
	extract_profiles_free(ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_listing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
