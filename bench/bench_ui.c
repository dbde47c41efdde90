/*
 * bench_ui CACHE: what the reader does before its first frame, in-process
 * and without a terminal: open the cache, draw the feeds at 80x24; then
 * open the list of every article and draw it, jump to its end and draw,
 * open an article and draw. Prints the time of each step and the peak
 * resident memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "core.h"
#include "html.h"
#include "store.h"
#include "ui_internal.h"

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

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench_ui CACHE\n");
		return 2;
	}
	char err[CORE_ERRLEN];
	double t0 = bench_now_ms();
	struct store *st = store_open(argv[1], 0, err, sizeof err);
	if (st != NULL)
		store_set_text(st, bench_text);
	if (st == NULL) {
		fprintf(stderr, "bench_ui: %s\n", err);
		return 1;
	}
	struct ui *ui = ui_new(st, false, false, true);
	ui_draw(ui, 24, 80);
	double t1 = bench_now_ms();
	ui_do(ui, UI_ACT_OPEN);
	ui_draw(ui, 24, 80);
	double t2 = bench_now_ms();
	ui_do(ui, UI_ACT_BOTTOM);
	ui_draw(ui, 24, 80);
	double t3 = bench_now_ms();
	ui_do(ui, UI_ACT_OPEN);
	ui_draw(ui, 24, 80);
	double t4 = bench_now_ms();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("first frame (open the cache, the feeds): %7.2f ms\n", t1 - t0);
	printf("every article, first page:               %7.2f ms\n", t2 - t1);
	printf("every article, last page:                %7.2f ms\n", t3 - t2);
	printf("an article with its related list:        %7.2f ms\n", t4 - t3);
	printf("peak RSS:                                %7ld KiB\n", ru.ru_maxrss);
	ui_free(ui);
	store_close(st);
	return 0;
}
