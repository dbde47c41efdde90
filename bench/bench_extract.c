/*
 * bench_extract: the time extract_page takes on each page of a directory
 * (PAGE.html, served from the URL in PAGE.url), in-process, with the site
 * profiles of a directory loaded once: each page extracted REPEAT times,
 * its median kept; prints the median and the largest of those medians and
 * the slowest single extraction.
 *
 * usage: bench_extract PAGES_DIR SITES_DIR [REPEAT]
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "extract.h"

static double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static char *bench_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	struct core_buf b;
	core_buf_init(&b, 0);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		core_buf_append(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return core_buf_take(&b);
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_extract PAGES_DIR SITES_DIR [REPEAT]\n");
		return 2;
	}
	int repeat = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 20;
	if (repeat < 1)
		repeat = 1;
	char err[CORE_ERRLEN];
	const char *dirs[] = {argv[2]};
	struct extract_profiles *ps = extract_profiles_load_dirs(dirs, 1, err, sizeof err);
	if (ps == NULL) {
		fprintf(stderr, "bench_extract: %s\n", err);
		return 1;
	}
	DIR *d = opendir(argv[1]);
	if (d == NULL) {
		fprintf(stderr, "bench_extract: %s: cannot open\n", argv[1]);
		return 1;
	}
	double *medians = NULL, worst = 0, bytes = 0;
	size_t n = 0;
	double *runs = xcalloc((size_t)repeat, sizeof *runs);
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".html") != 0)
			continue;
		char *path = xasprintf("%s/%s", argv[1], e->d_name);
		char *upath = xasprintf("%s/%.*s.url", argv[1], (int)(l - 5), e->d_name);
		size_t len, ulen;
		char *page = bench_read(path, &len), *url = bench_read(upath, &ulen);
		if (url != NULL)
			url[strcspn(url, "\n")] = '\0';
		for (int i = 0; page != NULL && i < repeat; i++) {
			struct extract_article a;
			double t0 = bench_now();
			bool ok = extract_page(ps, NULL, page, len, url, NULL, &a, err, sizeof err);
			runs[i] = bench_now() - t0;
			if (ok)
				extract_article_free(&a);
			if (runs[i] > worst)
				worst = runs[i];
		}
		if (page != NULL) {
			qsort(runs, (size_t)repeat, sizeof *runs, bench_cmp);
			medians = xreallocarray(medians, n + 1, sizeof *medians);
			medians[n++] = runs[repeat / 2];
			bytes += (double)len;
		}
		free(page);
		free(url);
		free(path);
		free(upath);
	}
	closedir(d);
	if (n == 0) {
		fprintf(stderr, "bench_extract: no pages in %s\n", argv[1]);
		return 1;
	}
	qsort(medians, n, sizeof *medians, bench_cmp);
	printf("extract in-process: %zu pages (%.0f KiB on average), median %.2f ms a page, "
	       "slowest page %.2f ms (median of %d), slowest run %.2f ms\n",
	       n, bytes / (double)n / 1024, medians[n / 2], medians[n - 1], repeat, worst);
	free(medians);
	free(runs);
	extract_profiles_free(ps);
	return 0;
}
