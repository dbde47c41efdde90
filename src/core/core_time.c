/* core_time.c: calendar dates to seconds since the epoch, checked. */
#include "core.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's). */
static int64_t core_time_days(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int core_time_mdays(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

bool core_time_make(int y, int mo, int d, int h, int mi, int s, int offset, int64_t *out)
{
	if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > core_time_mdays(y, mo) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
		return false;
	if (s == 60)
		s = 59; /* a leap second */
	*out = core_time_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
	return true;
}
