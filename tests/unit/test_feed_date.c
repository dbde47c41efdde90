/* Unit tests for feed_date: every form of date feeds use, and what is no date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core.h"
#include "feed.h"

static void test_dates(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *want; /* NULL: no date */
	} cases[] = {
	    {"Thu, 29 Dec 2022 16:05:00 +0700", "2022-12-29T09:05:00Z"},
	    {"29 Dec 2022 16:05:00 +0700", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 22 09:05:00 GMT", "2022-12-29T09:05:00Z"},
	    {"Wed, 02 Oct 02 13:00:00 GMT", "2002-10-02T13:00:00Z"},
	    {"Fri, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z"},
	    {"Thu, 29 Dec 2022 09:05 GMT", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 16:05:00 GMT+7", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 16:05:00 UTC+07:00", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 16:05:00 +07", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 16:05:00 +07:00", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 04:05:00 EST", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 16:05:00 ICT", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 10:05:00 +0100", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 02:05:00 -0700", "2022-12-29T09:05:00Z"},
	    {"Thu, 29 Dec 2022 09:05:00", "2022-12-29T09:05:00Z"},
	    {"Thứ Năm, 29 Dec 2022 16:05:00 +0700", "2022-12-29T09:05:00Z"},
	    {"thursday, 29 december 2022 09:05:00 utc", "2022-12-29T09:05:00Z"},
	    {"Thu 29 Dec 2022 09:05:00 Z", "2022-12-29T09:05:00Z"},
	    {"  29-Dec-2022 09:05:00 GMT  ", "2022-12-29T09:05:00Z"},
	    {"29 Dec 2022", "2022-12-29T00:00:00Z"},
	    {"2022-12-29T16:05:00+07:00", "2022-12-29T09:05:00Z"},
	    {"2022-12-29T09:05:00Z", "2022-12-29T09:05:00Z"},
	    {"2022-12-29t09:05:00z", "2022-12-29T09:05:00Z"},
	    {"2022-12-29T09:05:00.123456Z", "2022-12-29T09:05:00Z"},
	    {"2022-12-29T16:05:00.5+0700", "2022-12-29T09:05:00Z"},
	    {"2022-12-29T09:05:00", "2022-12-29T09:05:00Z"},
	    {"2022-12-29 09:05:00", "2022-12-29T09:05:00Z"},
	    {"2022-12-29T09:05Z", "2022-12-29T09:05:00Z"},
	    {"2022-12-29", "2022-12-29T00:00:00Z"},
	    {"9/14/2026 6:44:00 PM", "2026-09-14T11:44:00Z"},
	    {"9/14/2026 12:10:00 AM", "2026-09-13T17:10:00Z"},
	    {"Thứ Năm, 29/12/2022 16:05", "2022-12-29T09:05:00Z"},
	    {"29/12/2022 16:05", "2022-12-29T09:05:00Z"},
	    {"29/12/2022 16:05:30", "2022-12-29T09:05:30Z"},
	    {"29/12/2022 - 16:05", "2022-12-29T09:05:00Z"},
	    {"16:05 | 29/12/2022", "2022-12-29T09:05:00Z"},
	    {"16h05 29/12/2022", "2022-12-29T09:05:00Z"},
	    {"Chủ nhật, 01/01/2023 07:30", "2023-01-01T00:30:00Z"},
	    {"Thứ Bảy, 31/12/2022", "2022-12-30T17:00:00Z"},
	    {"29/12/2022 16:05 +0000", "2022-12-29T16:05:00Z"},
	    {"Sat, 29 Feb 2020 12:00:00 +0000", "2020-02-29T12:00:00Z"},
	    {"Thu, 31 Dec 2015 23:59:60 GMT", "2015-12-31T23:59:59Z"},
	    {"Thu, 01 Jan 1970 00:00:00 GMT", "1970-01-01T00:00:00Z"},
	    {"Wed, 31 Dec 1969 23:00:00 GMT", "1969-12-31T23:00:00Z"},
	    /* not dates */
	    {"", NULL},
	    {"   ", NULL},
	    {"yesterday", NULL},
	    {"Thu, 29 Dec 2022 09:05:00 GMT and more", NULL},
	    {"Tue, 29 Feb 2022 12:00:00 +0000", NULL},
	    {"31/02/2022 10:00", NULL},
	    {"2022-13-01T00:00:00Z", NULL},
	    {"2022-12-32", NULL},
	    {"2022-12-29T25:00:00Z", NULL},
	    {"2022-12-29T09:61:00Z", NULL},
	    {"2022-12-29T09:05:00+15:00", NULL},
	    {"Thu, 29 Foo 2022 09:05:00 GMT", NULL},
	    {"Thu, 29 Dec 2022 09:05:00 XYZ", NULL},
	    {"13/13/2022 10:00", NULL},
	    {"9/14/2026 13:44:00 PM", NULL},
	    {"29 Dec 202 09:05", NULL},
	    {"0000-01-01T00:00:00Z", NULL},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		int64_t t = 0;
		bool ok = feed_date_parse(cases[i].in, &t);
		if (cases[i].want == NULL) {
			if (ok)
				fail_msg("case %zu (%s): parsed, want no date", i, cases[i].in);
			continue;
		}
		if (!ok)
			fail_msg("case %zu (%s): no date, want %s", i, cases[i].in, cases[i].want);
		char got[FEED_DATE_LEN];
		feed_date_format(t, got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu (%s): %s, want %s", i, cases[i].in, got, cases[i].want);
	}
	int64_t t;
	assert_false(feed_date_parse(NULL, &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests_name("feed_date", tests, NULL, NULL);
}
