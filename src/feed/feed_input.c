/*
 * The byte stream a parser reads: any feed document, from memory or a file
 * descriptor, turned into filtered UTF-8 as it is read, so that memory stays
 * flat whatever the size of the document.
 *
 *   source → gunzip (when the data starts with the gzip magic)
 *          → encoding detection on the first 64 KiB, then iconv or UTF-8
 *            validation (invalid bytes → U+FFFD)
 *          → filter: NUL and other C0/C1 controls and whole terminal escape
 *            sequences dropped (character references to them too, which
 *            XML forbids anyway); named HTML entities (&nbsp;) rewritten as
 *            character references; any other entity made literal text, so
 *            no document-defined entity is ever expanded (no billion laughs,
 *            no external entities)
 *
 * Encoding, in this order: a byte order mark, the HTTP charset, the XML
 * declaration (or the XML spec's detection of UTF-16/32 without a BOM),
 * else UTF-8; then checked against the bytes, because servers and feeds
 * misdeclare it:
 * - UTF-16 or UTF-32 declared on bytes that are plainly 8-bit is ignored;
 * - a single-byte encoding declared on bytes that are valid UTF-8 with
 *   non-ASCII characters is taken as UTF-8;
 * - undeclared bytes that are not UTF-8 and hold no valid multi-byte
 *   character are taken as windows-1252.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feed_input.h"
#include "text.h"

#define FEED_CHUNK 65536
#define FEED_SNIFF 65536

enum feed_filter_state {
	FF_TEXT,
	FF_ESC,       /* after ESC */
	FF_ESC_INTER, /* ESC and intermediate bytes */
	FF_CSI,       /* a control sequence: parameters until a final byte */
	FF_STR,       /* OSC, DCS, SOS, PM, APC: until BEL or ST */
	FF_STR_ESC,   /* ESC inside a string: "\\" ends it */
};

/* Copies the value of "charset=" in a Content-Type into out; false if none. */
static bool feed_http_charset(const char *ctype, char *out, size_t outlen)
{
	if (ctype == NULL)
		return false;
	for (const char *p = ctype; (p = strchr(p, ';')) != NULL;) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (*p == ' ')
			p++;
		if (*p++ != '=')
			continue;
		while (*p == ' ')
			p++;
		char quote = (*p == '"' || *p == '\'') ? *p++ : 0;
		size_t n = 0;
		while (p[n] != '\0' && p[n] != quote && p[n] != ';' && p[n] != ' ' &&
		       n + 1 < outlen)
			n++;
		memcpy(out, p, n);
		out[n] = '\0';
		return n > 0;
	}
	return false;
}

/* The encoding="..." of an ASCII-compatible XML declaration, into out. */
static bool feed_xml_decl_charset(const char *s, size_t len, char *out, size_t outlen)
{
	if (len < 6 || memcmp(s, "<?xml", 5) != 0)
		return false;
	const char *end = memchr(s, '>', len < 1024 ? len : 1024);
	if (end == NULL)
		return false;
	for (const char *p = s; p + 8 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '='))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return false;
		char quote = *p++;
		size_t n = 0;
		while (p + n < end && p[n] != quote && n + 1 < outlen)
			n++;
		memcpy(out, p, n);
		out[n] = '\0';
		return n > 0;
	}
	return false;
}

/* How UTF-8-like the bytes are. */
struct feed_utf8_stats {
	size_t invalid;   /* invalid sequences */
	size_t multibyte; /* valid characters of two bytes or more */
};

static struct feed_utf8_stats feed_utf8_scan(const char *s, size_t len)
{
	struct feed_utf8_stats st = {0, 0};
	for (size_t i = 0; i < len;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		i += text_utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			st.invalid++;
		else
			st.multibyte++;
	}
	return st;
}

static bool feed_is_utf16_or_32(const char *name)
{
	return strncasecmp(name, "utf-16", 6) == 0 || strncasecmp(name, "utf16", 5) == 0 ||
	       strncasecmp(name, "utf-32", 6) == 0 || strncasecmp(name, "ucs-2", 5) == 0 ||
	       strncasecmp(name, "ucs-4", 5) == 0;
}

static bool feed_is_utf8(const char *name)
{
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

/* Labels that mean windows-1252 in practice (as in the WHATWG Encoding standard). */
static const char *feed_charset_alias(const char *name)
{
	static const char *const latin1[] = {"iso-8859-1", "iso8859-1", "latin1",     "l1",
					     "us-ascii",   "ascii",     "iso_8859-1", "cp819"};
	for (size_t i = 0; i < CORE_NELEM(latin1); i++) {
		if (strcasecmp(name, latin1[i]) == 0)
			return "WINDOWS-1252";
	}
	return name;
}

/* ---- reading the source (and gunzip) into in->raw ---- */

static bool feed_input_fail(struct feed_input *in, const char *what)
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
static void feed_raw_fill(struct feed_input *in)
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

/* ---- the filter: decoded UTF-8 in, safe UTF-8 out (into in->dec) ---- */

static void feed_filter_byte(struct feed_input *in, unsigned char c);

/* A control character, from the bytes or from a character reference. */
static void feed_filter_control(struct feed_input *in, int32_t cp)
{
	switch (in->state) {
	case FF_STR:
		if (cp == 0x07 || cp == 0x9c)
			in->state = FF_TEXT;
		else if (cp == 0x1b)
			in->state = FF_STR_ESC;
		return;
	case FF_TEXT:
	default:
		if (cp == 0x1b)
			in->state = FF_ESC;
		else if (cp == 0x9b)
			in->state = FF_CSI;
		else if (cp == 0x9d || cp == 0x90 || cp == 0x98 || cp == 0x9e || cp == 0x9f)
			in->state = FF_STR;
		else
			in->state = FF_TEXT;
		in->str_len = 0;
		return;
	}
}

/* The end of an entity or character reference held in in->ent ("&...;"). */
static void feed_filter_entity(struct feed_input *in)
{
	char *name = in->ent + 1;
	name[in->ent_len - 2] = '\0'; /* without '&' and ';' */
	static const char *const xml_predefined[] = {"amp", "lt", "gt", "quot", "apos"};
	for (size_t i = 0; i < CORE_NELEM(xml_predefined); i++) {
		if (strcmp(name, xml_predefined[i]) == 0) {
			core_buf_printf(&in->dec, "&%s;", name);
			return;
		}
	}
	long v = feed_ref_value(name);
	if (v < 0) {
		core_buf_printf(&in->dec, "&amp;%s;", name); /* never expanded: literal text */
		return;
	}
	if ((v < 0x20 && v != 0x09 && v != 0x0a && v != 0x0d) || (v >= 0x7f && v <= 0x9f)) {
		feed_filter_control(in, (int32_t)v); /* as if the control itself were there */
		return;
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) || v == 0xfffe || v == 0xffff)
		return; /* XML forbids them; nothing to show */
	core_buf_printf(&in->dec, "&#%ld;", v);
}

/* Gathers "&name;" and "&#123;" across chunks; returns false when c is not part of one. */
static bool feed_filter_ref(struct feed_input *in, unsigned char c)
{
	if (in->ent_len == 0) {
		if (c != '&')
			return false;
		in->ent[in->ent_len++] = (char)c;
		return true;
	}
	bool ok = c == ';' ? in->ent_len > 1
			   : (isalnum(c) || (c == '#' && in->ent_len == 1)) &&
				 in->ent_len < sizeof in->ent - 2;
	if (!ok) {
		/* Not a reference after all: the bytes go out as they were. */
		size_t len = in->ent_len;
		in->ent_len = 0;
		core_buf_append(&in->dec, in->ent, len);
		if (c == '&') { /* and this may start the next one */
			in->ent[in->ent_len++] = '&';
			return true;
		}
		return false;
	}
	in->ent[in->ent_len++] = (char)c;
	if (c == ';') {
		feed_filter_entity(in);
		in->ent_len = 0;
	}
	return true;
}

/*
 * Inside a terminal string, only a character reference to its terminator
 * (&#7;, &#x1b;) matters; everything else in it is dropped. Returns true
 * when c was taken as part of a reference.
 */
static bool feed_filter_str_ref(struct feed_input *in, unsigned char c)
{
	if (in->ent_len == 0) {
		if (c != '&')
			return false;
		in->ent[in->ent_len++] = '&';
		return true;
	}
	if (c == ';') {
		in->ent[in->ent_len] = '\0';
		long v = in->ent[1] == '#' ? feed_ref_value(in->ent + 1) : -1;
		in->ent_len = 0;
		if (v == 0x07 || v == 0x1b || v == 0x9c)
			feed_filter_control(in, (int32_t)v);
		return true;
	}
	if ((isalnum(c) || c == '#') && in->ent_len < sizeof in->ent - 2) {
		in->ent[in->ent_len++] = (char)c;
		return true;
	}
	in->ent_len = 0;
	return false;
}

static void feed_filter_byte(struct feed_input *in, unsigned char c)
{
	switch (in->state) {
	case FF_ESC:
		if (c == '[') {
			in->state = FF_CSI;
		} else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
			in->state = FF_STR;
			in->str_len = 0;
		} else if (c >= 0x20 && c <= 0x2f) {
			in->state = FF_ESC_INTER;
		} else {
			in->state = FF_TEXT;
			if (c < 0x30 || c > 0x7e)
				feed_filter_byte(in, c);
		}
		return;
	case FF_ESC_INTER:
		if (c >= 0x20 && c <= 0x2f)
			return;
		in->state = FF_TEXT;
		if (c < 0x30 || c > 0x7e)
			feed_filter_byte(in, c);
		return;
	case FF_CSI:
		if (c >= 0x20 && c <= 0x3f)
			return;
		in->state = FF_TEXT;
		if (c < 0x40 || c > 0x7e)
			feed_filter_byte(in, c);
		return;
	case FF_STR_ESC:
		in->state = FF_TEXT;
		if (c != '\\')
			feed_filter_byte(in, c);
		return;
	case FF_STR:
		/* A terminal string never holds markup: '<' ends it, so does a bound. */
		if (c == '<' || ++in->str_len > 4096) {
			in->ent_len = 0;
			in->state = FF_TEXT;
			feed_filter_byte(in, c);
			return;
		}
		if (feed_filter_str_ref(in, c))
			return;
		if (c == 0x07 || c == 0x1b)
			feed_filter_control(in, c);
		return;
	case FF_TEXT:
		break;
	}
	if (feed_filter_ref(in, c))
		return;
	if (c == 0x1b) {
		feed_filter_control(in, c);
		return;
	}
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
		return;
	core_buf_putc(&in->dec, (char)c);
}

/* One decoded code point into the filter. */
static void feed_filter_cp(struct feed_input *in, int32_t cp, const char *bytes, size_t n)
{
	if (cp >= 0x80 && cp <= 0x9f) {
		feed_filter_control(in, cp);
		return;
	}
	if (cp < 0x80) {
		feed_filter_byte(in, (unsigned char)cp);
		return;
	}
	if (in->state == FF_STR) {
		in->str_len += n;
		if (in->str_len > 4096)
			in->state = FF_TEXT;
		else
			return;
	}
	if (in->state != FF_TEXT)
		in->state = FF_TEXT; /* a sequence cannot go on with a non-ASCII character */
	if (in->ent_len > 0)
		feed_filter_ref(in, 0); /* flushes it */
	core_buf_append(&in->dec, bytes, n);
}

/* ---- decoding: in->raw → filter → in->dec ---- */

/* Bytes the filter passes on as they are in FF_TEXT: printable ASCII but '&', and blanks. */
static const bool feed_plain_byte[256] = {
    ['\t'] = true,  ['\n'] = true,  ['\r'] = true,
#define FEED_R4(c)  [c] = true, [c + 1] = true, [c + 2] = true, [c + 3] = true
#define FEED_R16(c) FEED_R4(c), FEED_R4(c + 4), FEED_R4(c + 8), FEED_R4(c + 12)
    FEED_R4(0x20),  [0x24] = true,  [0x25] = true,  [0x27] = true,  FEED_R4(0x28), FEED_R4(0x2c),
    FEED_R16(0x30), FEED_R16(0x40), FEED_R16(0x50), FEED_R16(0x60), FEED_R4(0x70), FEED_R4(0x74),
    FEED_R4(0x78),  [0x7c] = true,  [0x7d] = true,  [0x7e] = true,
#undef FEED_R4
#undef FEED_R16
};

#if defined(__SSE2__)
/* One bit a byte: the high bits of a 16-byte compare. */
#define FEED_MASK(v) ((uint64_t)(unsigned)_mm_movemask_epi8(v))

/*
 * How far from i the bytes need nothing from the filter (the same bytes as
 * feed_plain_byte and the two- and three-byte characters of the scalar fast
 * path), 64 at a time, ending at a character boundary. Each class of byte
 * becomes a 64-bit mask; a byte where something is wrong marks the start of
 * the character it belongs to, so everything before the first mark is whole.
 */
static size_t feed_plain_simd(const unsigned char *u, size_t i, size_t len)
{
	const __m128i c0 = _mm_set1_epi8((char)0xc0), lc1 = _mm_set1_epi8((char)0xc1);
	const __m128i e0 = _mm_set1_epi8((char)0xe0), ed = _mm_set1_epi8((char)0xed);
	const __m128i a0 = _mm_set1_epi8((char)0xa0), c2 = _mm_set1_epi8((char)0xc2);
	const __m128i sp = _mm_set1_epi8(0x20), amp = _mm_set1_epi8('&');
	const __m128i del = _mm_set1_epi8(0x7f), tab = _mm_set1_epi8('\t');
	const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	while (len - i >= 64) {
		uint64_t hi = 0, cont = 0, lead2 = 0, lead3 = 0, c1 = 0, lc2 = 0, bad = 0;
		for (int k = 0; k < 4; k++) {
			__m128i x =
			    _mm_loadu_si128((const __m128i *)(const void *)(u + i + 16 * k));
			/* Signed compares: 0x80..0xbf are the smallest bytes, then 0xc0.. */
			__m128i ctl =
			    _mm_andnot_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, tab),
								       _mm_cmpeq_epi8(x, nl)),
							  _mm_cmpeq_epi8(x, cr)),
					     _mm_and_si128(_mm_cmplt_epi8(x, sp),
							   _mm_cmpgt_epi8(x, _mm_set1_epi8(-1))));
			__m128i special = _mm_or_si128(
			    ctl, _mm_or_si128(_mm_cmpeq_epi8(x, amp), _mm_cmpeq_epi8(x, del)));
			int s = 16 * k;
			hi |= FEED_MASK(x) << s;
			cont |= FEED_MASK(_mm_cmplt_epi8(x, c0)) << s;
			lead2 |=
			    FEED_MASK(_mm_and_si128(_mm_cmpgt_epi8(x, lc1), _mm_cmplt_epi8(x, e0)))
			    << s;
			lead3 |=
			    FEED_MASK(_mm_and_si128(_mm_cmpgt_epi8(x, e0), _mm_cmplt_epi8(x, ed)))
			    << s;
			c1 |= FEED_MASK(_mm_cmplt_epi8(x, a0)) << s; /* 0x80..0x9f */
			lc2 |= FEED_MASK(_mm_cmpeq_epi8(x, c2)) << s;
			bad |= FEED_MASK(special) << s;
		}
		uint64_t want = (lead2 << 1) | (lead3 << 1) | (lead3 << 2);
		uint64_t missing = want & ~cont;
		bad |= hi & ~(cont | lead2 | lead3); /* bytes no character here starts with */
		bad |= cont & ~want;                 /* a continuation with no lead */
		/* a lead whose continuation bytes are not there */
		bad |= ((missing >> 1) & (lead2 | lead3)) | ((missing >> 2) & lead3);
		bad |= lc2 & (c1 >> 1); /* a C1 control: the filter drops it */
		if (bad != 0)
			return i + (size_t)__builtin_ctzll(bad);
		/* A character the next 64 bytes end: they start with it. */
		uint64_t spill = ((lead2 | lead3) & (1ull << 63)) | (lead3 & (1ull << 62));
		i += spill != 0 ? (size_t)__builtin_ctzll(spill) : 64;
	}
	return i;
}
#undef FEED_MASK
#endif

static void feed_decode_utf8(struct feed_input *in)
{
	size_t i = in->raw_pos;
	while (i < in->raw_len) {
		unsigned char c = in->raw[i];
		if (in->state == FF_TEXT && in->ent_len == 0) {
			/*
			 * Fast path: plain text goes through untouched, a run at a time,
			 * with the two- and three-byte characters past the C1 controls
			 * (every Vietnamese letter) that need nothing either.
			 */
			size_t run = i;
			const unsigned char *u = in->raw;
#if defined(__SSE2__)
			if (!in->scalar)
				run = feed_plain_simd(u, i, in->raw_len);
#endif
			for (;;) {
				if (run < in->raw_len && feed_plain_byte[u[run]]) {
					run++;
				} else if (run + 1 < in->raw_len && u[run] >= 0xc2 &&
					   u[run] <= 0xdf && (u[run + 1] & 0xc0) == 0x80 &&
					   (u[run] != 0xc2 || u[run + 1] >= 0xa0)) {
					run += 2;
				} else if (run + 2 < in->raw_len && u[run] >= 0xe1 &&
					   u[run] <= 0xec && (u[run + 1] & 0xc0) == 0x80 &&
					   (u[run + 2] & 0xc0) == 0x80) {
					run += 3;
				} else {
					break;
				}
			}
			if (run > i) {
				core_buf_append(&in->dec, in->raw + i, run - i);
				i = run;
				continue;
			}
		}
		if (c < 0x80) {
			feed_filter_byte(in, c);
			i++;
			continue;
		}
		int32_t cp;
		size_t n = text_utf8_decode((const char *)in->raw + i, in->raw_len - i, &cp);
		if (cp < 0 && i + n >= in->raw_len && !in->raw_eof)
			break; /* the rest of the character has not been read yet */
		if (cp < 0)
			feed_filter_cp(in, 0xfffd, "\xef\xbf\xbd", 3);
		else
			feed_filter_cp(in, cp, (const char *)in->raw + i, n);
		i += n;
	}
	in->raw_pos = i;
}

static void feed_decode_iconv(struct feed_input *in)
{
	char out[FEED_CHUNK];
	while (in->raw_pos < in->raw_len) {
		char *inp = (char *)in->raw + in->raw_pos;
		size_t left = in->raw_len - in->raw_pos;
		char *outp = out;
		size_t room = sizeof out;
		size_t r = iconv(in->cd, &inp, &left, &outp, &room);
		int e = errno;
		in->raw_pos = in->raw_len - left;
		size_t produced = sizeof out - room;
		for (size_t k = 0; k < produced;) {
			int32_t cp;
			size_t n = text_utf8_decode(out + k, produced - k, &cp);
			feed_filter_cp(in, cp < 0 ? 0xfffd : cp, cp < 0 ? "\xef\xbf\xbd" : out + k,
				       cp < 0 ? 3 : n);
			k += n;
		}
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL && !in->raw_eof)
			break; /* an incomplete character: wait for the rest */
		/* EILSEQ, or an incomplete character at the very end */
		feed_filter_cp(in, 0xfffd, "\xef\xbf\xbd", 3);
		in->raw_pos++;
		iconv(in->cd, NULL, NULL, NULL, NULL);
	}
	if (in->raw_eof && in->raw_pos >= in->raw_len) {
		char *outp = out;
		size_t room = sizeof out;
		iconv(in->cd, NULL, NULL, &outp, &room); /* a composed character still held */
		for (size_t k = 0; k < sizeof out - room;) {
			int32_t cp;
			size_t n = text_utf8_decode(out + k, sizeof out - room - k, &cp);
			feed_filter_cp(in, cp < 0 ? 0xfffd : cp, out + k, n);
			k += n;
		}
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
			feed_raw_fill(in);
		size_t before = in->raw_pos;
		if (in->use_iconv)
			feed_decode_iconv(in);
		else
			feed_decode_utf8(in);
		if (in->raw_pos == before && !in->raw_eof)
			feed_raw_fill(in); /* stuck on an incomplete character */
		if (in->raw_eof && in->raw_pos >= in->raw_len)
			break;
	}
	if (in->raw_eof && in->raw_pos >= in->raw_len && in->ent_len > 0)
		feed_filter_ref(in, 0); /* a dangling '&' at the very end */
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

/* ---- opening: source, gzip, encoding ---- */

/* Chooses the encoding from the first bytes of the document (see the top). */
static void feed_input_sniff(struct feed_input *in, const char *content_type)
{
	while (!in->raw_eof && in->raw_len < FEED_SNIFF)
		feed_raw_fill(in);
	const unsigned char *u = in->raw;
	size_t len = in->raw_len;
	char name[64] = "";
	size_t skip = 0;
	bool declared = false;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		snprintf(name, sizeof name, "UTF-8");
		skip = 3;
	} else if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0) {
		snprintf(name, sizeof name, "UTF-32LE");
		skip = 4;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff) {
		snprintf(name, sizeof name, "UTF-32BE");
		skip = 4;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		snprintf(name, sizeof name, "UTF-16LE");
		skip = 2;
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		snprintf(name, sizeof name, "UTF-16BE");
		skip = 2;
	} else {
		declared = feed_http_charset(content_type, name, sizeof name);
		if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == 0 && u[3] == 0)
			snprintf(name, sizeof name, "UTF-32LE");
		else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] == '<')
			snprintf(name, sizeof name, "UTF-32BE");
		else if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0)
			snprintf(name, sizeof name, "UTF-16LE");
		else if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?')
			snprintf(name, sizeof name, "UTF-16BE");
		else if (!declared)
			declared = feed_xml_decl_charset((const char *)u, len, name, sizeof name);
		if (!declared && name[0] == '\0')
			snprintf(name, sizeof name, "UTF-8");
		/* 8-bit bytes declared as UTF-16/32 (no BOM, no zero bytes up front). */
		if (feed_is_utf16_or_32(name) && len >= 2 && u[0] != 0 && u[1] != 0)
			snprintf(name, sizeof name, "UTF-8");
	}
	in->raw_pos = skip;
	if (!feed_is_utf16_or_32(name)) {
		struct feed_utf8_stats st = feed_utf8_scan((const char *)u + skip, len - skip);
		if (!declared && feed_is_utf8(name) && st.invalid > 0 && st.multibyte == 0)
			snprintf(name, sizeof name, "WINDOWS-1252");
		else if (!feed_is_utf8(name) && st.invalid == 0 && st.multibyte > 0)
			snprintf(name, sizeof name, "UTF-8");
	}
	if (!feed_is_utf8(name)) {
		in->cd = iconv_open("UTF-8", feed_charset_alias(name));
		in->use_iconv = in->cd != (iconv_t)-1; /* unknown to iconv: read as UTF-8 */
	}
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
	feed_input_sniff(in, opts->content_type);
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
}
