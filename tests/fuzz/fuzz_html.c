/*
 * libFuzzer target for html → document → layout: any bytes as an article,
 * laid out at a width taken from the input; no line may be wider. The
 * same bytes through html_text: what comes out is printable text (no
 * controls but newlines).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core.h"
#include "html.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int width = 1 + data[0] % 120;
	struct text_doc *doc = html_to_doc((const char *)data + 1, size - 1,
					   "https://portal.example.vn/a/", HTML_LANG_VI);
	struct text_doc_layout l = {0};
	text_doc_layout(doc, width, data[0] & 1, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (l.lines[i].prefix_width + text_width_str(l.lines[i].text) > width)
			__builtin_trap();
	}
	text_doc_layout_free(&l);
	text_doc_free(doc);
	char *t = html_text((const char *)data + 1, size - 1);
	for (const unsigned char *p = (const unsigned char *)t; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			__builtin_trap();
	}
	free(t);
	return 0;
}
