/* The filtered UTF-8 stream the feed parsers read (see feed_input.c). */
#ifndef BANTIN_FEED_INPUT_H
#define BANTIN_FEED_INPUT_H

#include <iconv.h>
#include <zlib.h>

#include "feed_internal.h"
#include "text.h"

/* Bytes the entities a document declares may expand to, in all. */
#define FEED_ENTITY_BUDGET (64 * 1024)

/* An entity a DOCTYPE declares. */
struct feed_entity {
	char *name;  /* owned */
	char *value; /* its replacement text as written; owned */
};

/* The filter's state (feed_filter.c). */
struct feed_filter {
	struct text_esc esc; /* escape sequences: text_esc_step decides */
	char ent[40];        /* a reference being read ("&..."), ent_len bytes */
	size_t ent_len;
	bool json;        /* a JSON document: references are its text */
	bool started;     /* something but white space was read */
	bool prolog;      /* before the root element */
	bool prev_lt;     /* the prolog's last character was '<' */
	size_t dt_match;  /* characters of "<!DOCTYPE" seen */
	bool in_doctype;  /* inside it: kept in doctype */
	bool dt_comment;  /* inside a comment of it */
	int32_t dt_quote; /* the quote of a literal being read in it, or 0 */
	int dt_depth;     /* '[' of the internal subset open */
	struct core_buf doctype;
	struct feed_entity *entities;
	size_t nentities;
	size_t expanded; /* bytes of replacement text so far */
	int depth;       /* expansions inside expansions */
};

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
	struct feed_filter f;
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
/* Marks the input failed with what (the first failure is kept); returns false. */
bool feed_input_fail(struct feed_input *in, const char *what);
/* Appends up to 64 KiB more document bytes to in->raw (gunzipped). */
void feed_input_raw_fill(struct feed_input *in);

/* feed_charset.c: chooses the encoding from the first bytes (in->raw) and sets up iconv. */
void feed_charset_sniff(struct feed_input *in, const char *content_type);

/* feed_decode.c: in->raw to code points for the filter, as far as it is complete. */
void feed_decode_utf8(struct feed_input *in);
void feed_decode_iconv(struct feed_input *in);

/* feed_filter.c: code points in, filtered UTF-8 out into in->dec. */
void feed_filter_init(struct feed_input *in);
void feed_filter_free(struct feed_input *in);
/* An ASCII byte of the document. */
void feed_filter_byte(struct feed_input *in, unsigned char c);
/* A code point, as bytes[0..n) of UTF-8 (U+FFFD for what was invalid). */
void feed_filter_cp(struct feed_input *in, int32_t cp, const char *bytes, size_t n);
/* Whether plain text (feed_decode.c's fast path) would pass the filter untouched now. */
bool feed_filter_idle(const struct feed_input *in);
/* The end of the document: a reference left open is text. */
void feed_filter_finish(struct feed_input *in);

#endif
