/*
 * bench_store CACHE: times store_search and store_related in-process on an
 * existing cache, so that process start-up does not count. 50 varied
 * searches (words with and without marks, phrases, prefixes, exclusions,
 * filters) and the related lists of 50 articles spread over the cache;
 * prints the median and the 95th percentile of each, in milliseconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core.h"
#include "html.h"
#include "store.h"

/* How bantin makes an article's text from its HTML (as refresh_store_open gives it). */
static char *bench_text(const char *html, size_t len, bool raw)
{
	return raw ? html_text_raw(html, len) : html_text(html, len);
}

static double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void bench_report(const char *what, double *ms, size_t n, size_t results)
{
	qsort(ms, n, sizeof *ms, bench_cmp);
	size_t p95 = (n * 95 + 99) / 100;
	printf("%-8s %zu queries: median %6.2f ms   p95 %6.2f ms   max %6.2f ms   (%zu results)\n",
	       what, n, ms[n / 2], ms[p95 > 0 ? p95 - 1 : 0], ms[n - 1], results);
}

int main(int argc, char **argv)
{
	static const char *const queries[] = {
	    "hải phòng",
	    "hai phong",
	    "cảng container",
	    "cang container",
	    "lạch huyện",
	    "lach huyen",
	    "giáo dục",
	    "giao duc",
	    "bệnh viện",
	    "benh vien",
	    "nông nghiệp",
	    "nong nghiep",
	    "lễ hội",
	    "le hoi",
	    "giao thông",
	    "cao tốc",
	    "\"hội nghị tổng kết\"",
	    "\"thành phố\"",
	    "doanh*",
	    "xuất*",
	    "thủy nguyên",
	    "cát hải",
	    "kiến an",
	    "đồ sơn",
	    "do son",
	    "kế hoạch -năm",
	    "đầu tư phát triển",
	    "kinh tế xã hội",
	    "người dân huyện",
	    "ủy ban nhân dân",
	    "chủ tịch",
	    "đoàn công tác",
	    "doan cong tac",
	    "sở ngành",
	    "xuất khẩu hàng hóa",
	    "thu hoạch lúa",
	    "y tế",
	    "văn hóa",
	    "cầu đường",
	    "tàu",
	    "triển khai nhiệm vụ",
	    "năm 2022",
	    "feed:1 cảng",
	    "since:2022-12-20 lúa",
	    "until:2022-12-05 cảng",
	    "bệnh* -viện",
	    "\"cảng biển\" tàu",
	    "HẢI PHÒNG",
	    "hội nghị",
	    "container",
	};
	if (argc != 2) {
		fprintf(stderr, "usage: bench_store CACHE\n");
		return 2;
	}
	char err[CORE_ERRLEN];
	struct store *st = store_open(argv[1], 0, err, sizeof err);
	if (st != NULL)
		store_set_text(st, bench_text);
	if (st == NULL) {
		fprintf(stderr, "bench_store: %s\n", err);
		return 1;
	}
	int64_t articles, indexed;
	if (!store_counts(st, &articles, &indexed, err, sizeof err) || articles == 0) {
		fprintf(stderr, "bench_store: an empty cache\n");
		store_close(st);
		return 1;
	}
	printf("cache: %lld articles, %lld indexed\n", (long long)articles, (long long)indexed);
	double ms[CORE_NELEM(queries)];
	size_t results = 0;
	for (size_t i = 0; i < CORE_NELEM(queries); i++) {
		struct store_hit *h;
		size_t n;
		double t0 = bench_now_ms();
		if (!store_search(st, queries[i], 20, 0, &h, &n, err, sizeof err)) {
			fprintf(stderr, "bench_store: %s: %s\n", queries[i], err);
			store_close(st);
			return 1;
		}
		ms[i] = bench_now_ms() - t0;
		if (getenv("BENCH_VERBOSE") != NULL)
			printf("  %7.2f ms  %zu  %s\n", ms[i], n, queries[i]);
		results += n;
		store_hits_free(h, n);
	}
	bench_report("search", ms, CORE_NELEM(queries), results);
	double rms[50];
	results = 0;
	for (size_t i = 0; i < 50; i++) {
		int64_t id = 1 + (int64_t)((uint64_t)articles * (2 * i + 1) / 100);
		struct store_hit *h;
		size_t n;
		double t0 = bench_now_ms();
		if (!store_related(st, id, 10, &h, &n, err, sizeof err)) {
			fprintf(stderr, "bench_store: related %lld: %s\n", (long long)id, err);
			store_close(st);
			return 1;
		}
		rms[i] = bench_now_ms() - t0;
		results += n;
		store_hits_free(h, n);
	}
	bench_report("related", rms, 50, results);
	store_close(st);
	return 0;
}
