/* Writing JSON: strings escaped so that any UTF-8 text is a valid JSON string. */
#include "core.h"

void core_buf_json_str(struct core_buf *b, const char *s)
{
	if (s == NULL) {
		core_buf_puts(b, "null");
		return;
	}
	core_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			core_buf_puts(b, "\\\"");
			break;
		case '\\':
			core_buf_puts(b, "\\\\");
			break;
		case '\n':
			core_buf_puts(b, "\\n");
			break;
		case '\t':
			core_buf_puts(b, "\\t");
			break;
		case '\r':
			core_buf_puts(b, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				core_buf_printf(b, "\\u%04x", *p);
			else
				core_buf_putc(b, (char)*p);
		}
	}
	core_buf_putc(b, '"');
}
