/*
 * libFuzzer target for the feed parser: any bytes through feed_parse
 * (gunzip, encoding detection, the filter, XML or JSON, item building),
 * and the filter alone with and without its SIMD fast path, which must
 * give the same bytes; and any bytes as a piece of text between paragraphs
 * of an item's HTML: the parse (the input filter) and the rendering of
 * the same HTML (html_to_doc, html_text) keep the same text around it.
 * Built with -DBANTIN_FUZZ=ON and clang; run by the "fuzz" test label.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "feed.h"
#include "feed_input.h"
#include "html.h"
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

/* The item's summary, for fuzz_same_text. */
static void fuzz_keep_summary(struct feed_item *it, void *arg)
{
	char **summary = arg;
	free(*summary);
	*summary = it->summary;
	it->summary = NULL;
}

/* What a reader is shown of html (blocks, one a line) and what is indexed, owned. */
static char *fuzz_shown(const char *html)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	struct text_doc *doc = html_to_doc(html, strlen(html), NULL, HTML_LANG_VI);
	for (size_t i = 0; i < doc->nblocks; i++)
		core_buf_printf(&b, "%s\n", doc->blocks[i].text);
	text_doc_free(doc);
	char *t = html_text(html, strlen(html));
	core_buf_printf(&b, "--\n%s", t);
	free(t);
	return core_buf_take(&b);
}

/* data as one piece of text in an item's HTML: parse and render agree on what is kept. */
static void fuzz_same_text(const uint8_t *data, size_t size)
{
	struct core_buf html;
	core_buf_init(&html, 0);
	core_buf_puts(&html, "<p>Alpha ");
	for (size_t i = 0; i < size; i++) {
		if (data[i] != '<' && data[i] != '>' && data[i] != '&' && data[i] != ']' &&
		    data[i] != '\0')
			core_buf_putc(&html, (char)data[i]);
	}
	core_buf_puts(&html, "</p><p>Beta para.</p><p>Gamma</p>");
	char *fixed = text_utf8_fix(html.data, html.len);
	char *doc = xasprintf("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title>"
			      "<description><![CDATA[%s]]></description></item></channel></rss>",
			      fixed);
	struct feed_parse_opts opts = {NULL, NULL, 1 << 20};
	struct feed_info info;
	char err[CORE_ERRLEN];
	char *summary = NULL;
	enum feed_status st = feed_parse(doc, strlen(doc), &opts, &info, fuzz_keep_summary,
					 &summary, err, sizeof err);
	if (st != FEED_ERROR)
		feed_info_free(&info);
	bool binary = st == FEED_ERROR && strstr(err, "binary") != NULL; /* mostly controls */
	if (summary == NULL && !binary)
		__builtin_trap(); /* the item was lost */
	if (summary == NULL)
		goto out;
	char *via_parse = fuzz_shown(summary), *direct = fuzz_shown(fixed);
	if (strcmp(via_parse, direct) != 0 || strstr(direct, "Beta para.\nGamma\n") == NULL)
		__builtin_trap(); /* parse and render disagree, or text after the piece was lost */
	free(via_parse);
	free(direct);
out:
	free(summary);
	free(doc);
	free(fixed);
	core_buf_free(&html);
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
	fuzz_same_text(data, size < 4096 ? size : 4096);
	return 0;
}
