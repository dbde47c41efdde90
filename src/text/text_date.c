/* text_date.c: times as the portal writes them, in Vietnam time (UTC+7, no summer time). */
#include <time.h>

#include "core.h"
#include "text.h"

#define TEXT_VIETNAM_OFFSET (7 * 3600)

void text_date(int64_t t, enum text_date_form form, char out[TEXT_DATE_LEN])
{
	static const char *const weekdays[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
					       "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
	static const char *const days_en[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					      "Thursday", "Friday", "Saturday"};
	static const char *const months_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
						"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	if (t >
	    INT64_MAX - TEXT_VIETNAM_OFFSET) { /* checked before the sum, which would overflow */
		out[0] = '\0';
		return;
	}
	time_t local = (time_t)(t + TEXT_VIETNAM_OFFSET);
	if (gmtime_r(&local, &tm) == NULL) {
		out[0] = '\0';
		return;
	}
	int year = tm.tm_year + 1900;
	switch (form) {
	case TEXT_DATE_LONG:
		core_err_set(out, TEXT_DATE_LEN, "%s, %02d/%02d/%04d %02d:%02d",
			     weekdays[tm.tm_wday], tm.tm_mday, tm.tm_mon + 1, year, tm.tm_hour,
			     tm.tm_min);
		break;
	case TEXT_DATE_LONG_EN:
		core_err_set(out, TEXT_DATE_LEN, "%s, %d %s %04d %02d:%02d", days_en[tm.tm_wday],
			     tm.tm_mday, months_en[tm.tm_mon], year, tm.tm_hour, tm.tm_min);
		break;
	case TEXT_DATE_SHORT:
		core_err_set(out, TEXT_DATE_LEN, "%02d/%02d/%04d %02d:%02d", tm.tm_mday,
			     tm.tm_mon + 1, year, tm.tm_hour, tm.tm_min);
		break;
	case TEXT_DATE_LIST: {
		struct tm now;
		time_t here = time(NULL) + TEXT_VIETNAM_OFFSET;
		if (gmtime_r(&here, &now) != NULL && now.tm_year == tm.tm_year)
			core_err_set(out, TEXT_DATE_LEN, "%02d/%02d %02d:%02d", tm.tm_mday,
				     tm.tm_mon + 1, tm.tm_hour, tm.tm_min);
		else /* as wide as the above */
			core_err_set(out, TEXT_DATE_LEN, "%02d/%02d/%04d ", tm.tm_mday,
				     tm.tm_mon + 1, year);
		break;
	}
	}
}

void text_date_format(int64_t t, const char *format, char out[TEXT_DATE_LEN])
{
	struct tm tm;
	out[0] = '\0';
	if (t > INT64_MAX - TEXT_VIETNAM_OFFSET)
		return;
	time_t local = (time_t)(t + TEXT_VIETNAM_OFFSET);
	if (gmtime_r(&local, &tm) == NULL)
		return;
	tm.tm_isdst = 0;
	/* the format is the user's own, from the settings file */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(out, TEXT_DATE_LEN, format, &tm) == 0)
		out[0] = '\0';
#pragma GCC diagnostic pop
}
