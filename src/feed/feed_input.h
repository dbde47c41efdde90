/* The filtered UTF-8 stream the feed parsers read (see feed_input.c). */
#ifndef BANTIN_FEED_INPUT_H
#define BANTIN_FEED_INPUT_H

#include <iconv.h>
#include <zlib.h>

#include "feed_internal.h"

struct feed_input {
	int fd; /* the source: a descriptor, or -1 for memory */
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	unsigned char *src_buf;   /* read buffer for a descriptor */
	const unsigned char *src; /* the current chunk of the source */
	size_t src_len, src_pos;
	bool gzip, z_init, z_end;
	z_stream zs;
	unsigned char raw[2 * 65536]; /* document bytes not decoded yet */
	size_t raw_len, raw_pos;
	bool raw_eof;
	size_t total, max; /* document bytes so far, and the limit */
	bool use_iconv;
	iconv_t cd;
	int state;      /* of the escape-sequence filter */
	size_t str_len; /* bytes of the terminal string being dropped */
	char ent[40];   /* an entity reference being read */
	size_t ent_len;
	struct core_buf dec; /* filtered UTF-8 not read yet, from dec_pos */
	size_t dec_pos;
	bool failed;   /* too large, broken gzip, a read error */
	bool io_error; /* the failure was a read error */
	bool scalar;   /* tests: without the SIMD fast path */
	char err[CORE_ERRLEN];
};

void feed_input_open_mem(struct feed_input *in, const char *body, size_t len,
			 const struct feed_parse_opts *opts);
void feed_input_open_fd(struct feed_input *in, int fd, const struct feed_parse_opts *opts);
/* Reads up to n bytes of filtered UTF-8; 0 at the end (or on failure: in->failed). */
size_t feed_input_read(struct feed_input *in, char *buf, size_t n);
/* The next bytes without consuming them (at least want, unless the document is shorter). */
const char *feed_input_peek(struct feed_input *in, size_t want, size_t *len);
void feed_input_close(struct feed_input *in);

#endif
