/*
 * Decoding the document's bytes (in->raw) to code points for the filter:
 * UTF-8 checked as it is read (each invalid sequence one U+FFFD), with a
 * fast path that copies runs needing nothing from the filter, or iconv
 * from the document's encoding.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feed_input.h"
#include "text.h"

#define FEED_CHUNK 65536

/* Bytes the filter passes on as they are when idle: printable ASCII but '&', and blanks. */
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

void feed_decode_utf8(struct feed_input *in)
{
	size_t i = in->raw_pos;
	while (i < in->raw_len) {
		unsigned char c = in->raw[i];
		if (feed_filter_idle(in)) {
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

void feed_decode_iconv(struct feed_input *in)
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
