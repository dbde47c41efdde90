/*
 * libFuzzer target for the feed parser: any bytes through feed_parse
 * (gunzip, encoding detection, the filter, XML or JSON, item building).
 * Built with -DBANTIN_FUZZ=ON and clang; run by the "fuzz" test label.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "feed.h"
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
	return 0;
}
