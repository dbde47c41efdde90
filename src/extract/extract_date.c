/*
 * extract_date.c: the dates pages write — ISO 8601 in their metadata
 * (2022-12-29T16:05:00+07:00), day/month/year in their text ("Thứ Năm,
 * 29/12/2022 16:05", "Thời gian: 11/05/2022 12:15", "29-12-2022").
 */
#include <ctype.h>
#include <string.h>

#include "extract_internal.h"

/* Reads n digits at *p into *v, moving *p on; false when they are not there. */
static bool extract_digits(const char **p, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		x = x * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*v = x;
	return true;
}

/* Reads 1 or 2 digits. */
static bool extract_digits12(const char **p, int *v)
{
	if (!isdigit((unsigned char)**p))
		return false;
	int x = **p - '0';
	(*p)++;
	if (isdigit((unsigned char)**p)) {
		x = x * 10 + (**p - '0');
		(*p)++;
	}
	*v = x;
	return true;
}

/* ISO 8601 at p: YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|±hh[:]mm]. */
static bool extract_date_iso(const char *p, int offset, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, s = 0;
	if (!extract_digits(&p, 4, &y) || *p++ != '-' || !extract_digits(&p, 2, &mo) ||
	    *p++ != '-' || !extract_digits(&p, 2, &d))
		return false;
	if ((*p == 'T' || *p == ' ') && isdigit((unsigned char)p[1])) {
		p++;
		if (!extract_digits(&p, 2, &h) || *p++ != ':' || !extract_digits(&p, 2, &mi))
			return false;
		if (*p == ':') {
			p++;
			if (!extract_digits(&p, 2, &s))
				return false;
			if (*p == '.' || *p == ',')
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
		if (*p == 'Z' || *p == 'z') {
			offset = 0;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1, oh, om = 0;
			p++;
			if (!extract_digits(&p, 2, &oh))
				return false;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && !extract_digits(&p, 2, &om))
				return false;
			offset = sign * (oh * 3600 + om * 60);
		}
	}
	return core_time_make(y, mo, d, h, mi, s, offset, out);
}

/* d/m/yyyy (or d-m-yyyy, d.m.yyyy) at p, then an optional [,|-| lúc] hh:mm[:ss]. */
static bool extract_date_dmy(const char *p, int offset, int64_t *out)
{
	int d, mo, y, h = 0, mi = 0, s = 0;
	if (!extract_digits12(&p, &d))
		return false;
	char sep = *p;
	if (sep != '/' && sep != '-' && sep != '.')
		return false;
	p++;
	if (!extract_digits12(&p, &mo) || *p++ != sep || !extract_digits(&p, 4, &y))
		return false;
	if (isdigit((unsigned char)*p))
		return false;
	/* A time of day within a few characters ("16:05", ", 16:05", " - 16:05", " lúc 16:05"). */
	const char *t = p;
	for (int i = 0; i < 8 && *t != '\0' && !isdigit((unsigned char)*t); i++)
		t++;
	int th, tm;
	const char *q = t;
	if (t != p && extract_digits12(&q, &th) && (*q == ':' || *q == 'h') &&
	    (q++, extract_digits(&q, 2, &tm)) && th < 24 && tm < 60) {
		h = th;
		mi = tm;
		if (*q == ':' && isdigit((unsigned char)q[1])) {
			q++;
			extract_digits(&q, 2, &s);
		}
	}
	return core_time_make(y, mo, d, h, mi, s, offset, out);
}

bool extract_date_parse(const char *s, int offset, int64_t *out)
{
	if (s == NULL)
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		if (extract_date_iso(p, offset, out) || extract_date_dmy(p, offset, out))
			return true;
	}
	return false;
}
