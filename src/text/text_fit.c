/* One line of text cut or padded to a fixed number of cells. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "text.h"

char *text_fit(const char *s, int width, const char *ellipsis, bool pad)
{
	struct core_buf out;
	core_buf_init(&out, 0);
	int ew = text_width_str(ellipsis);
	if (ew > width) { /* no room for it: cut without */
		ellipsis = "";
		ew = 0;
	}
	size_t len = strlen(s);
	int col = 0;
	size_t cut_len = 0; /* bytes of out that fit with the ellipsis after them */
	int cut_col = 0;
	bool cut = false;
	struct text_cluster c;
	for (size_t i = 0; i < len; i += c.len) {
		text_cluster_next(s + i, len - i, col, &c);
		if (c.newline)
			continue;
		if (col + c.width > width) {
			cut = true;
			break;
		}
		core_buf_puts(&out, c.show);
		col += c.width;
		if (col + ew <= width && !c.space) { /* no space before the ellipsis */
			cut_len = out.len;
			cut_col = col;
		}
	}
	if (cut) {
		if (out.data != NULL) {
			out.len = cut_len;
			out.data[cut_len] = '\0';
		}
		core_buf_puts(&out, ellipsis);
		col = cut_col + ew;
	}
	while (pad && col < width) {
		core_buf_putc(&out, ' ');
		col++;
	}
	return core_buf_take(&out);
}

char *text_fit_tail(const char *s, const char *tail, int width, const char *ellipsis, bool pad)
{
	int tw = text_width_str(tail);
	if (tail[0] == '\0' || tw >= width)
		return text_fit(s, width, ellipsis, pad);
	char *head = text_fit(s, width - tw, ellipsis, false);
	char *joined = xasprintf("%s%s", head, tail);
	free(head);
	char *out = text_fit(joined, width, ellipsis, pad);
	free(joined);
	return out;
}
