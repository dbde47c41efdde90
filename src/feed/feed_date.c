/*
 * Dates as feeds write them, to seconds since the epoch (UTC).
 *
 * Accepted: RFC 822/1123/2822 with the variants seen in the wild (no
 * weekday, two-digit years, seconds left out, zones as +0700, +07:00, +07,
 * GMT+7, UTC+07:00 or a name), RFC 3339 / ISO 8601 (with or without an
 * offset, fractional seconds), "9/14/2026 6:44:00 PM" (US, with AM/PM) and
 * the Hai Phong portal's "Thứ Năm, 29/12/2022 16:05" and "29/12/2022 16:05"
 * (day/month/year). A weekday in front, in English or Vietnamese, is
 * skipped. Without a zone, ISO and RFC 822 dates are UTC and slashed dates
 * are Vietnam time (UTC+7). Anything else, or an impossible date, is no date.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core.h"
#include "feed.h"

#define FEED_VN_OFFSET (7 * 3600)

struct feed_date_scan {
	const char *p;
};

static void feed_date_skip_space(struct feed_date_scan *sc)
{
	while (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r')
		sc->p++;
}

/* Reads 1 to max digits; false when there are none. */
static bool feed_date_num(struct feed_date_scan *sc, int max, int *out, int *ndigits)
{
	int v = 0, n = 0;
	while (n < max && isdigit((unsigned char)sc->p[n]))
		v = v * 10 + (sc->p[n++] - '0');
	if (n == 0)
		return false;
	sc->p += n;
	*out = v;
	if (ndigits != NULL)
		*ndigits = n;
	return true;
}

static bool feed_date_lit(struct feed_date_scan *sc, char c)
{
	if (*sc->p != c)
		return false;
	sc->p++;
	return true;
}

static const char *const feed_date_months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					       "jul", "aug", "sep", "oct", "nov", "dec"};

/* A month name (three letters or more of the English name); 0 if none. */
static int feed_date_month(struct feed_date_scan *sc)
{
	size_t n = 0;
	while (isalpha((unsigned char)sc->p[n]))
		n++;
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		if (strncasecmp(sc->p, feed_date_months[i], 3) == 0) {
			sc->p += n;
			if (*sc->p == '.')
				sc->p++;
			return i + 1;
		}
	}
	return 0;
}

static const struct {
	const char *name;
	int offset; /* minutes east of UTC */
} feed_date_zones[] = {
    {"UT", 0},     {"UTC", 0},    {"GMT", 0},    {"Z", 0},      {"ICT", 420},  {"WIB", 420},
    {"HKT", 480},  {"SGT", 480},  {"PHT", 480},  {"AWST", 480}, {"JST", 540},  {"KST", 540},
    {"AEST", 600}, {"AEDT", 660}, {"NZST", 720}, {"NZDT", 780}, {"IST", 330},  {"MSK", 180},
    {"EET", 120},  {"EEST", 180}, {"CET", 60},   {"CEST", 120}, {"WET", 0},    {"WEST", 60},
    {"BST", 60},   {"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300}, {"MST", -420},
    {"MDT", -360}, {"PST", -480}, {"PDT", -420},
};

/* "+0700", "+07:00", "+07", "+7"; sc->p is on the sign. */
static bool feed_date_numeric_zone(struct feed_date_scan *sc, int *offset)
{
	int sign = *sc->p == '-' ? -1 : 1;
	sc->p++;
	int h, n, m = 0;
	if (!feed_date_num(sc, 4, &h, &n))
		return false;
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (n == 3) {
		return false;
	} else if (feed_date_lit(sc, ':')) {
		if (!feed_date_num(sc, 2, &m, NULL))
			return false;
	}
	if (h > 14 || m > 59)
		return false;
	*offset = sign * (h * 3600 + m * 60);
	return true;
}

/*
 * A zone at sc->p, or none. *offset is set when there is one; false when
 * something is there that is not a zone.
 */
static bool feed_date_zone(struct feed_date_scan *sc, int *offset, bool *have)
{
	feed_date_skip_space(sc);
	*have = false;
	if (*sc->p == '\0')
		return true;
	if (*sc->p == '+' || *sc->p == '-') {
		*have = true;
		return feed_date_numeric_zone(sc, offset);
	}
	size_t n = 0;
	while (isalpha((unsigned char)sc->p[n]))
		n++;
	for (size_t i = 0; i < CORE_NELEM(feed_date_zones); i++) {
		if (strlen(feed_date_zones[i].name) == n &&
		    strncasecmp(sc->p, feed_date_zones[i].name, n) == 0) {
			sc->p += n;
			*offset = feed_date_zones[i].offset * 60;
			*have = true;
			/* "GMT+7", "UTC+07:00" */
			if ((*sc->p == '+' || *sc->p == '-') && *offset == 0)
				return feed_date_numeric_zone(sc, offset);
			return true;
		}
	}
	return false;
}

/* hh:mm[:ss[.frac]]; false when not there. */
static bool feed_date_time(struct feed_date_scan *sc, int *h, int *mi, int *s)
{
	*s = 0;
	if (!feed_date_num(sc, 2, h, NULL) || !(feed_date_lit(sc, ':') || feed_date_lit(sc, 'h')) ||
	    !feed_date_num(sc, 2, mi, NULL))
		return false;
	if (feed_date_lit(sc, ':')) {
		if (!feed_date_num(sc, 2, s, NULL))
			return false;
		if (*sc->p == '.' || *sc->p == ',') {
			sc->p++;
			int frac;
			if (!feed_date_num(sc, 9, &frac, NULL))
				return false;
		}
	}
	return true;
}

/* The end of input, after optional white space. */
static bool feed_date_end(struct feed_date_scan *sc)
{
	feed_date_skip_space(sc);
	return *sc->p == '\0';
}

/* The rest of a date after its day: a time, perhaps a zone, and nothing more. */
static bool feed_date_finish(struct feed_date_scan *sc, int y, int mo, int d, int64_t *out)
{
	int h, mi, s, offset = 0;
	bool have;
	return feed_date_time(sc, &h, &mi, &s) && feed_date_zone(sc, &offset, &have) &&
	       feed_date_end(sc) && core_time_make(y, mo, d, h, mi, s, offset, out);
}

/* RFC 3339 / ISO 8601: 2022-12-29[T16:05[:00[.123]]][Z|+07:00]. */
static bool feed_date_iso(const char *str, int64_t *out)
{
	struct feed_date_scan sc = {str};
	int y, mo, d, n;
	if (!feed_date_num(&sc, 4, &y, &n) || n != 4 || !feed_date_lit(&sc, '-') ||
	    !feed_date_num(&sc, 2, &mo, NULL) || !feed_date_lit(&sc, '-') ||
	    !feed_date_num(&sc, 2, &d, NULL))
		return false;
	if (*sc.p == 'T' || *sc.p == 't' || *sc.p == ' ') {
		sc.p++;
		return feed_date_finish(&sc, y, mo, d, out);
	}
	return feed_date_end(&sc) && core_time_make(y, mo, d, 0, 0, 0, 0, out);
}

/* RFC 822 and relatives: 29 Dec 2022 16:05[:00] [zone]. */
static bool feed_date_rfc822(const char *str, int64_t *out)
{
	struct feed_date_scan sc = {str};
	int y, mo, d, n;
	if (!feed_date_num(&sc, 2, &d, NULL))
		return false;
	feed_date_skip_space(&sc);
	feed_date_lit(&sc, '-');
	if ((mo = feed_date_month(&sc)) == 0)
		return false;
	feed_date_skip_space(&sc);
	feed_date_lit(&sc, '-');
	if (!feed_date_num(&sc, 4, &y, &n) || n == 1 || n == 3)
		return false;
	if (n == 2)
		y += y < 50 ? 2000 : 1900;
	feed_date_skip_space(&sc);
	if (*sc.p == '\0') /* a date without a time */
		return core_time_make(y, mo, d, 0, 0, 0, 0, out);
	return feed_date_finish(&sc, y, mo, d, out);
}

/* d/m/yyyy or m/d/yyyy (with AM/PM), the time before or after, "|" or "-" between. */
static bool feed_date_slashed(const char *str, int64_t *out)
{
	struct feed_date_scan sc = {str};
	int a, b, y, n, h = 0, mi = 0, s = 0, offset = FEED_VN_OFFSET;
	bool have_time = false, time_first = false;

	if (isdigit((unsigned char)sc.p[0]) &&
	    (sc.p[1] == ':' || sc.p[2] == ':' || sc.p[2] == 'h')) {
		if (!feed_date_time(&sc, &h, &mi, &s))
			return false;
		have_time = time_first = true;
		feed_date_skip_space(&sc);
		if (*sc.p == '|' || *sc.p == '-' || *sc.p == ',')
			sc.p++;
		feed_date_skip_space(&sc);
	}
	if (!feed_date_num(&sc, 2, &a, NULL) ||
	    !(feed_date_lit(&sc, '/') || feed_date_lit(&sc, '-')))
		return false;
	char sep = sc.p[-1];
	if (!feed_date_num(&sc, 2, &b, NULL) || !feed_date_lit(&sc, sep) ||
	    !feed_date_num(&sc, 4, &y, &n) || n != 4)
		return false;
	feed_date_skip_space(&sc);
	if (!time_first && *sc.p != '\0') {
		if (*sc.p == '|' || *sc.p == '-' || *sc.p == ',')
			sc.p++;
		feed_date_skip_space(&sc);
		if (!feed_date_time(&sc, &h, &mi, &s))
			return false;
		have_time = true;
	}
	feed_date_skip_space(&sc);
	bool us = false;
	if (have_time && (strncasecmp(sc.p, "AM", 2) == 0 || strncasecmp(sc.p, "PM", 2) == 0)) {
		if (h < 1 || h > 12)
			return false;
		bool pm = toupper((unsigned char)sc.p[0]) == 'P';
		h = h % 12 + (pm ? 12 : 0);
		sc.p += 2;
		us = true;
	}
	bool have_zone;
	int zone;
	if (!feed_date_zone(&sc, &zone, &have_zone) || !feed_date_end(&sc))
		return false;
	if (have_zone)
		offset = zone;
	int d = us ? b : a, mo = us ? a : b;
	return core_time_make(y, mo, d, h, mi, s, offset, out);
}

/* Skips a leading weekday: anything up to a comma, or an English day name. */
static const char *feed_date_skip_weekday(const char *s)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	if (isdigit((unsigned char)*s))
		return s;
	const char *comma = strchr(s, ',');
	if (comma != NULL) {
		bool digits = false;
		for (const char *p = s; p < comma; p++)
			digits = digits || isdigit((unsigned char)*p);
		if (!digits && comma - s <= 24)
			return comma + 1;
	}
	for (size_t i = 0; i < CORE_NELEM(days); i++) {
		if (strncasecmp(s, days[i], 3) == 0) {
			while (isalpha((unsigned char)*s))
				s++;
			return s;
		}
	}
	return s;
}

bool feed_date_parse(const char *str, int64_t *out)
{
	if (str == NULL)
		return false;
	while (isspace((unsigned char)*str))
		str++;
	const char *s = feed_date_skip_weekday(str);
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0' || strlen(s) > 64)
		return false;
	return feed_date_iso(s, out) || feed_date_rfc822(s, out) || feed_date_slashed(s, out);
}

void feed_date_format(int64_t t, char out[FEED_DATE_LEN])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	/* civil_from_days (Howard Hinnant's) */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(out, FEED_DATE_LEN, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, (int)m, (int)d,
		 (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}
