/*
 * libFuzzer target for the feed parser: any bytes through feed_parse
 * (gunzip, encoding detection, the filter, XML or JSON, item building),
 * and the filter alone with and without its SIMD fast path, which must
 * give the same bytes.
 * Built with -DBANTIN_FUZZ=ON and clang; run by the "fuzz" test label.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "feed.h"
#include "feed_input.h"
#include "text.h"

/* Checks what the feed module promises about every item. */
static void fuzz_feed_item(struct feed_item *it, void *arg)
{
	(void)arg;
	const char *fields[] = {it->id, it->title, it->link, it->author};
	for (size_t i = 0; i < CORE_NELEM(fields); i++) {
		for (const unsigned char *p = (const unsigned char *)fields[i]; *p != '\0'; p++) {
			if (*p < 0x20 || *p == 0x7f)
				__builtin_trap(); /* a control character got through */
		}
		char *again = text_clean(fields[i], strlen(fields[i]), TEXT_CLEAN_LINE);
		if (strcmp(again, fields[i]) != 0)
			__builtin_trap(); /* not already clean */
		free(again);
	}
}

/* What the input filter makes of data, fast path or not (owned). */
static char *fuzz_filter(const uint8_t *data, size_t size, bool scalar, size_t *len)
{
	struct feed_parse_opts opts = {NULL, NULL, 1 << 20};
	struct feed_input *in = xmalloc(sizeof *in);
	feed_input_open_mem(in, (const char *)data, size, &opts);
	in->scalar = scalar;
	struct core_buf out;
	core_buf_init(&out, 0);
	char chunk[4096];
	size_t n;
	while ((n = feed_input_read(in, chunk, sizeof chunk)) > 0)
		core_buf_append(&out, chunk, n);
	feed_input_close(in);
	free(in);
	*len = out.len;
	return core_buf_take(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready) {
		feed_global_init();
		ready = true;
	}
	struct feed_parse_opts opts = {"https://example.vn/feed/", NULL, 1 << 20};
	struct feed_info info;
	char err[CORE_ERRLEN];
	enum feed_status st = feed_parse((const char *)data, size, &opts, &info, fuzz_feed_item,
					 NULL, err, sizeof err);
	if (st == FEED_OK || st == FEED_PARTIAL)
		feed_info_free(&info);

	size_t flen, slen;
	char *fast = fuzz_filter(data, size, false, &flen);
	char *slow = fuzz_filter(data, size, true, &slen);
	if (flen != slen || memcmp(fast, slow, flen) != 0)
		__builtin_trap(); /* the fast path changed what the filter makes */
	free(fast);
	free(slow);
	return 0;
}
