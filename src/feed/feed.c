/*
 * The entry point of the feed module: size limit, gzip, decoding to
 * UTF-8, telling feeds from what is not one, then the XML or JSON parser.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "feed_input.h"
#include "feed_internal.h"
#include "text.h"

/* libxml2's own messages would go to stderr: each parse collects its own. */
static void feed_xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* No document may make libxml2 open a file or a URL. */
static xmlParserInputPtr feed_no_entity_loader(const char *url, const char *id,
					       xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void feed_global_init(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, feed_xml_quiet);
	xmlSetExternalEntityLoader(feed_no_entity_loader);
}

void feed_thread_init(void)
{
	xmlSetGenericErrorFunc(NULL, feed_xml_quiet);
}

void feed_global_cleanup(void)
{
	xmlCleanupParser();
}

const char *feed_format_name(enum feed_format format)
{
	static const char *const names[] = {
	    [FEED_FORMAT_UNKNOWN] = "unknown",   [FEED_FORMAT_RSS20] = "rss2.0",
	    [FEED_FORMAT_RSS10] = "rss1.0",      [FEED_FORMAT_RSS09X] = "rss0.9x",
	    [FEED_FORMAT_ATOM10] = "atom1.0",    [FEED_FORMAT_ATOM03] = "atom0.3",
	    [FEED_FORMAT_JSONFEED] = "jsonfeed", [FEED_FORMAT_WPREST] = "wp-rest",
	};
	return (size_t)format < CORE_NELEM(names) ? names[format] : "unknown";
}

void feed_info_free(struct feed_info *info)
{
	free(info->title);
	free(info->link);
	free(info->description);
	free(info->language);
	info->title = info->link = info->description = info->language = NULL;
}

/*
 * Whether the start of a document (as the input filter passes it on: an
 * invalid byte is U+FFFD) looks like binary data, not text: a quarter or
 * more of it invalid bytes and controls. A feed with broken bytes here and
 * there is text: it is decoded with U+FFFD and its items kept.
 */
static bool feed_looks_binary(const char *s, size_t len)
{
	size_t n = len < 4096 ? len : 4096, bad = 0, chars = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += text_utf8_decode(s + i, n - i, &cp);
		chars++;
		if (cp == 0xfffd || cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r'))
			bad++;
	}
	return bad > 8 && bad * 4 > chars;
}

/* Whether the document (from its first '<') is an HTML page. */
static bool feed_looks_html(const char *s)
{
	/* Past an XML declaration and comments. */
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (strncmp(s, "<?", 2) == 0 || strncmp(s, "<!--", 4) == 0) {
			const char *end = strstr(s, strncmp(s, "<?", 2) == 0 ? "?>" : "-->");
			if (end == NULL)
				return false;
			s = end + 2;
			continue;
		}
		break;
	}
	return strncasecmp(s, "<!doctype html", 14) == 0 || strncasecmp(s, "<html", 5) == 0;
}

static enum feed_status feed_parse_input(struct feed_input *in, const struct feed_parse_opts *opts,
					 struct feed_info *info, feed_item_cb cb, void *arg,
					 char *err, size_t errlen)
{
	size_t n;
	const char *head = feed_input_peek(in, 4096, &n);
	enum feed_status status = FEED_ERROR;
	const char *p = head;
	while (isspace((unsigned char)*p))
		p++;
	if (in->failed)
		core_err_set(err, errlen, "%s", in->err);
	else if (*p == '\0')
		core_err_set(err, errlen, "not a feed (it is empty)");
	else if (feed_looks_binary(head, n))
		core_err_set(err, errlen, "not a feed (binary data)");
	else if (*p == '{' || *p == '[') /* a JSON Feed, or the WordPress REST API's posts */
		status = feed_json_parse(in, opts, info, cb, arg, err, errlen);
	else if (*p != '<')
		core_err_set(err, errlen, "not a feed (neither XML nor JSON)");
	else if (feed_looks_html(p))
		core_err_set(err, errlen, "not a feed (an HTML page)");
	else
		status = feed_xml_parse(in, opts, info, cb, arg, err, errlen);
	if (in->failed) { /* too large, broken gzip, unreadable: whatever was parsed */
		core_err_set(err, errlen, "%s", in->err);
		status = in->io_error ? FEED_IO_ERROR : FEED_ERROR;
	}
	if (status == FEED_ERROR || status == FEED_IO_ERROR)
		feed_info_free(info);
	return status;
}

enum feed_status feed_parse(const char *body, size_t len, const struct feed_parse_opts *opts,
			    struct feed_info *info, feed_item_cb cb, void *arg, char *err,
			    size_t errlen)
{
	memset(info, 0, sizeof *info);
	struct feed_input *in = xmalloc(sizeof *in);
	feed_input_open_mem(in, body, len, opts);
	enum feed_status status = feed_parse_input(in, opts, info, cb, arg, err, errlen);
	feed_input_close(in);
	free(in);
	return status;
}

enum feed_status feed_parse_fd(int fd, const struct feed_parse_opts *opts, struct feed_info *info,
			       feed_item_cb cb, void *arg, char *err, size_t errlen)
{
	memset(info, 0, sizeof *info);
	struct feed_input *in = xmalloc(sizeof *in);
	feed_input_open_fd(in, fd, opts);
	enum feed_status status = feed_parse_input(in, opts, info, cb, arg, err, errlen);
	feed_input_close(in);
	free(in);
	return status;
}
