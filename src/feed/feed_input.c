/*
 * The byte stream a parser reads: any feed document, from memory or a file
 * descriptor, turned into filtered UTF-8 as it is read, so that memory stays
 * flat whatever the size of the document.
 *
 *   source → gunzip (when the data starts with the gzip magic)
 *          → encoding detection on the first 64 KiB (feed_charset.c)
 *          → decoding: iconv, or UTF-8 validation (feed_decode.c)
 *          → the filter: escape sequences, controls, references and the
 *            DOCTYPE's entities (feed_filter.c)
 *
 * This file reads the source, gunzips it and hands out what the filter made.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "feed_input.h"
#include "text.h"

#define FEED_CHUNK 65536

/* ---- reading the source (and gunzip) into in->raw ---- */

bool feed_input_fail(struct feed_input *in, const char *what)
{
	if (!in->failed)
		snprintf(in->err, sizeof in->err, "%s", what);
	in->failed = true;
	return false;
}

/* Reads more source bytes into in->src; false at the end or on an error. */
static bool feed_src_fill(struct feed_input *in)
{
	if (in->src_pos < in->src_len)
		return true;
	in->src_pos = in->src_len = 0;
	if (in->fd < 0) {
		size_t n = in->mem_len - in->mem_pos;
		if (n == 0)
			return false;
		if (n > FEED_CHUNK)
			n = FEED_CHUNK;
		in->src = in->mem + in->mem_pos; /* no copy for memory */
		in->mem_pos += n;
		in->src_len = n;
		return true;
	}
	for (;;) {
		ssize_t n = read(in->fd, in->src_buf, FEED_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			char what[CORE_ERRLEN];
			core_err_set(what, sizeof what, "cannot read: %s", strerror(errno));
			in->io_error = true;
			return feed_input_fail(in, what);
		}
		in->src = in->src_buf;
		in->src_len = (size_t)n;
		return n > 0;
	}
}

/* Appends up to FEED_CHUNK more bytes of the document to in->raw. */
void feed_input_raw_fill(struct feed_input *in)
{
	if (in->failed)
		in->raw_eof = true;
	if (in->raw_eof)
		return;
	/* Keep what is not consumed yet at the front. */
	if (in->raw_pos > 0) {
		memmove(in->raw, in->raw + in->raw_pos, in->raw_len - in->raw_pos);
		in->raw_len -= in->raw_pos;
		in->raw_pos = 0;
	}
	size_t room = sizeof in->raw - in->raw_len;
	if (room > FEED_CHUNK)
		room = FEED_CHUNK;
	size_t got = 0;
	while (got < room) {
		if (!feed_src_fill(in)) {
			if (in->gzip && !in->z_end && !in->failed)
				feed_input_fail(in, "broken gzip data (it ends too soon)");
			in->raw_eof = true;
			break;
		}
		if (!in->gzip) {
			size_t n = in->src_len - in->src_pos;
			if (n > room - got)
				n = room - got;
			memcpy(in->raw + in->raw_len + got, in->src + in->src_pos, n);
			in->src_pos += n;
			got += n;
			continue;
		}
		if (in->z_end) { /* trailing bytes after the gzip stream are ignored */
			in->src_pos = in->src_len;
			continue;
		}
		in->zs.next_in = (Bytef *)(uintptr_t)(in->src + in->src_pos);
		in->zs.avail_in = (uInt)(in->src_len - in->src_pos);
		in->zs.next_out = (Bytef *)(in->raw + in->raw_len + got);
		in->zs.avail_out = (uInt)(room - got);
		int rc = inflate(&in->zs, Z_NO_FLUSH);
		in->src_pos = in->src_len - in->zs.avail_in;
		got = room - in->zs.avail_out;
		if (rc == Z_STREAM_END) {
			in->z_end = true;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			feed_input_fail(in, "broken gzip data");
			in->raw_eof = true;
			break;
		}
	}
	in->raw_len += got;
	in->total += got;
	if (in->total > in->max) {
		char what[CORE_ERRLEN];
		if (in->max % (1 << 20) == 0)
			core_err_set(what, sizeof what, "too large (over %zu MiB%s)", in->max >> 20,
				     in->gzip ? " when decompressed" : "");
		else
			core_err_set(what, sizeof what, "too large (over %zu bytes%s)", in->max,
				     in->gzip ? " when decompressed" : "");
		feed_input_fail(in, what);
		in->raw_eof = true;
	}
}

/* Decodes until in->dec holds at least want unread bytes, or the end. */
static void feed_input_fill(struct feed_input *in, size_t want)
{
	while (in->dec.len - in->dec_pos < want && !in->failed) {
		if (in->dec_pos > 0) { /* keep only what is not read yet */
			memmove(in->dec.data, in->dec.data + in->dec_pos,
				in->dec.len - in->dec_pos);
			in->dec.len -= in->dec_pos;
			in->dec.data[in->dec.len] = '\0';
			in->dec_pos = 0;
		}
		bool more = in->raw_pos < in->raw_len;
		if (!more && in->raw_eof)
			break;
		if (!more || (in->raw_len - in->raw_pos < 8 && !in->raw_eof))
			feed_input_raw_fill(in);
		size_t before = in->raw_pos;
		if (in->use_iconv)
			feed_decode_iconv(in);
		else
			feed_decode_utf8(in);
		if (in->raw_pos == before && !in->raw_eof)
			feed_input_raw_fill(in); /* stuck on an incomplete character */
		if (in->raw_eof && in->raw_pos >= in->raw_len)
			break;
	}
	if (in->raw_eof && in->raw_pos >= in->raw_len)
		feed_filter_finish(in); /* a dangling '&' at the very end */
}

size_t feed_input_read(struct feed_input *in, char *buf, size_t n)
{
	feed_input_fill(in, n);
	size_t have = in->dec.len - in->dec_pos;
	if (n > have)
		n = have;
	if (n == 0)
		return 0; /* nothing decoded at all leaves dec.data NULL */
	memcpy(buf, in->dec.data + in->dec_pos, n);
	in->dec_pos += n;
	return n;
}

const char *feed_input_peek(struct feed_input *in, size_t want, size_t *len)
{
	feed_input_fill(in, want);
	*len = in->dec.len - in->dec_pos;
	return in->dec.data != NULL ? in->dec.data + in->dec_pos : "";
}

static void feed_input_start(struct feed_input *in, const struct feed_parse_opts *opts)
{
	in->max = opts->max_size != 0 ? opts->max_size : FEED_MAX_SIZE_DEFAULT;
	in->cd = (iconv_t)-1;
	core_buf_init(&in->dec, 0);
	if (feed_src_fill(in) && in->src_len >= 2 && in->src[0] == 0x1f && in->src[1] == 0x8b) {
		in->gzip = true;
		if (inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK)
			feed_input_fail(in, "cannot decompress: out of memory");
		else
			in->z_init = true;
	}
	feed_filter_init(in);
	feed_charset_sniff(in, opts->content_type);
}

void feed_input_open_mem(struct feed_input *in, const char *body, size_t len,
			 const struct feed_parse_opts *opts)
{
	memset(in, 0, sizeof *in);
	in->fd = -1;
	in->mem = (const unsigned char *)body;
	in->mem_len = len;
	feed_input_start(in, opts);
}

void feed_input_open_fd(struct feed_input *in, int fd, const struct feed_parse_opts *opts)
{
	memset(in, 0, sizeof *in);
	in->fd = fd;
	in->src_buf = xmalloc(FEED_CHUNK);
	feed_input_start(in, opts);
}

void feed_input_close(struct feed_input *in)
{
	if (in->z_init)
		inflateEnd(&in->zs);
	if (in->use_iconv)
		iconv_close(in->cd);
	free(in->src_buf);
	core_buf_free(&in->dec);
	feed_filter_free(in);
}
