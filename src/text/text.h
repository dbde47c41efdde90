/*
 * text: UTF-8 text for people to read. Pure functions over strings: no
 * curses, no SQLite, no network. Everything here is UTF-8; there is no
 * wchar_t string type anywhere in bantin.
 *
 * - Cleaning turns untrusted bytes into valid NFC UTF-8 with nothing a
 *   terminal would act on: invalid bytes become U+FFFD; escape sequences,
 *   C0/C1 controls and bidi overrides/isolates are removed; runs of
 *   combining marks are cut to TEXT_MAX_MARKS.
 * - Measuring works on grapheme clusters (utf8proc's segmentation). One
 *   function, text_cluster_next, decides each cluster's width and what is
 *   drawn for it, and every other function here measures through it, so
 *   what is measured is what is drawn.
 * - Folding makes search keys: lower case, Vietnamese tone and vowel marks
 *   removed, đ/Đ folded to d.
 */
#ifndef BANTIN_TEXT_H
#define BANTIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Combining marks kept after one base character; more are dropped. */
#define TEXT_MAX_MARKS 8
/* Cells a tab advances to: the next multiple of this. */
#define TEXT_TAB_WIDTH 8

/* ---- text_utf8.c: code points ---- */

/*
 * Decodes the code point at s (n > 0 bytes) into *cp and returns its length.
 * An invalid sequence gives *cp = -1 and the length of its maximal subpart
 * (at least 1), so that each invalid piece becomes one U+FFFD.
 */
size_t text_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Writes cp (a valid scalar value) as UTF-8 into out; returns 1 to 4. */
size_t text_utf8_encode(int32_t cp, char out[4]);
/* Valid UTF-8, owned: each invalid sequence replaced by U+FFFD. */
char *text_utf8_fix(const char *s, size_t len);

/* ---- text_esc.c: terminal escape sequences ---- */

/* Bytes a sequence may run to; past them it has ended and what follows is text. */
#define TEXT_ESC_MAX 512

/* Where a stream of text is, for the escape-sequence recogniser; zero it to start. */
struct text_esc {
	int state;
	size_t len; /* bytes of the sequence so far */
};

/*
 * Reads the next character cp (n bytes of UTF-8) of a text: true when it
 * belongs to a terminal escape sequence (CSI, OSC, DCS, SOS, PM, APC, the
 * other ESC sequences, in their 7-bit and C1 forms) and must be dropped,
 * false when it is text. This is the only place in bantin that decides
 * where such a sequence ends (text_esc.c says how).
 */
bool text_esc_step(struct text_esc *e, int32_t cp, size_t n);
/* The text the stream was in has ended (markup, the end of a string): so has any sequence. */
void text_esc_end(struct text_esc *e);
/* Whether a sequence is under way (the next character may belong to it). */
bool text_esc_active(const struct text_esc *e);
/*
 * The number of a numeric character reference at s ("#233", "#xE9": from
 * its '#', without '&' or ';'), the bytes it takes in *used; -1 (used 0)
 * when it is none. A number past U+10FFFF comes out as more than 0x10FFFF.
 */
long text_ref_number(const char *s, size_t len, size_t *used);

/* What a parser (XML, HTML) is given for a character of untrusted text. */
enum text_markup {
	TEXT_MARKUP_KEEP,
	TEXT_MARKUP_DROP,    /* NUL and the other C0/C1 controls, DEL */
	TEXT_MARKUP_SPACE,   /* VT and FF (XML forbids them), U+2028, U+2029: they separate words */
	TEXT_MARKUP_REPLACE, /* U+FFFE, U+FFFF, surrogates: U+FFFD (XML forbids them) */
};
/* The invisible characters every text drops: bidi controls (embeddings, overrides, isolates,
   the marks U+200E, U+200F, U+061C) and the byte order mark. */
bool text_is_dropped_format(int32_t cp);
/* The one rule for it: the feed filter and text_esc_strip_markup both follow it. */
enum text_markup text_markup_char(int32_t cp);

/*
 * s[0..len) as markup (HTML), owned: escape sequences dropped, each ending
 * at the latest where the text it is in ends ('<'), as the feed filter
 * ends them; numeric references to controls read as those controls and
 * dropped; NULs and other controls dropped; invalid UTF-8 as U+FFFD.
 * Everything else stays as it was, for an HTML parser.
 */
char *text_esc_strip_markup(const char *s, size_t len);

/* ---- text_clean.c: untrusted text to clean NFC ---- */

enum text_clean_mode {
	TEXT_CLEAN_LINE,  /* titles, names: one line, white space collapsed, trimmed */
	TEXT_CLEAN_BLOCK, /* bodies: tabs and newlines kept (CR LF becomes LF) */
};

/* Cleaned copy of s[0..len), owned (see the top of this file). */
char *text_clean(const char *s, size_t len, enum text_clean_mode mode);
/*
 * Whether s[0..len) is sure to come out of text_clean (TEXT_CLEAN_BLOCK)
 * as it is: printable ASCII, tabs, newlines and characters that need
 * nothing (Vietnamese letters, common punctuation). False means it may not.
 */
bool text_is_clean(const char *s, size_t len);
/* NFC of s[0..len) after replacing invalid UTF-8; nothing else changed. */
char *text_nfc(const char *s, size_t len);

/* ---- text_width.c: grapheme clusters and their widths ---- */

/* Bytes that text_cluster.show may hold: a base and TEXT_MAX_MARKS marks. */
#define TEXT_SHOW_MAX (4 * (TEXT_MAX_MARKS + 2) + 1)

struct text_cluster {
	size_t len;               /* bytes of the source it covers */
	int width;                /* cells it takes on screen: 0, 1 or 2 (tabs: up to 8) */
	char show[TEXT_SHOW_MAX]; /* what to draw for it, NUL-terminated, may be "" */
	bool newline;             /* it is a line break ("\n") */
	bool space;               /* it is white space a line may break at */
};

/*
 * Reads the cluster at the start of s[0..len) (len > 0), drawn at column
 * col (tabs depend on it). What is shown for it:
 * - a control character (other than tab and newline) or invalid UTF-8:
 *   U+FFFD, one cell;
 * - format characters (bidi controls, zero-width space, soft hyphen...):
 *   nothing, no cell;
 * - an emoji sequence joined with ZWJ, or an emoji with a skin-tone
 *   modifier: its first emoji, two cells, because terminals disagree on
 *   how wide the whole sequence is and the first emoji is two cells in all;
 * - a flag (two regional indicators): both, two cells;
 * - a combining mark with no base: on a dotted circle, one cell;
 * - otherwise the base and up to TEXT_MAX_MARKS combining marks, with the
 *   base's width (East Asian wide and emoji: 2).
 */
void text_cluster_next(const char *s, size_t len, int col, struct text_cluster *c);
/*
 * Where the cluster holding byte i of s[0..len) starts, as text_cluster_next
 * reads clusters from the last blank before it: cutting text there never
 * parts a letter from its marks or an emoji sequence.
 */
size_t text_cluster_start(const char *s, size_t len, size_t i);
/* Cells s[0..len) takes when drawn from column 0 (a newline counts 0). */
int text_width(const char *s, size_t len);
/* Same, for a NUL-terminated string. */
int text_width_str(const char *s);

/* ---- text_fit.c: one line in a fixed number of cells ---- */

/*
 * s cut to at most width cells, ending in ellipsis when something was cut
 * (the ellipsis counts in the width); with pad, spaces are added up to
 * exactly width cells. A wide character that would straddle the edge is
 * left out. What is returned is what text_cluster_next shows, owned.
 */
char *text_fit(const char *s, int width, const char *ellipsis, bool pad);
/* The same with tail kept whole after s ("Cổng tin tức +2" as "Cổng tin… +2"). */
char *text_fit_tail(const char *s, const char *tail, int width, const char *ellipsis, bool pad);

/* ---- text_wrap.c: paragraphs into lines ---- */

struct text_line {
	size_t start; /* first byte of the line in the paragraph */
	size_t end;   /* one past its last byte, spaces and newline included */
	size_t shown; /* one past the last byte to draw (trailing spaces cut) */
	int indent;   /* cells of indentation before it */
	int width;    /* cells of the drawn text, indentation not counted */
};

struct text_lines {
	struct text_line *v;
	size_t n, cap;
};

/*
 * Appends the lines of paragraph s[0..len) wrapped to width cells: the
 * first line indented by first_indent cells, the others by rest_indent
 * (a hanging indent). Lines break after spaces and hyphens; a word longer
 * than a line breaks between grapheme clusters; "\n" forces a break.
 * No line is wider than width (indentation included), for any width >= 1:
 * indentation shrinks to leave at least one cell, and a cluster wider than
 * the whole line is drawn by text_line_cells as a one-cell placeholder.
 * The lines' [start, end) ranges cover s with no gap and no overlap.
 */
void text_wrap(const char *s, size_t len, int width, int first_indent, int rest_indent,
	       struct text_lines *out);
void text_lines_free(struct text_lines *lines);

/* One cell of a drawn line: what text_line_cells hands to the screen. */
struct text_cell {
	const char *show; /* UTF-8 to draw; borrowed, valid during the callback */
	int width;        /* 1 or 2 cells */
	size_t offset;    /* byte of the source it comes from (for styles) */
};

/*
 * Calls cb once per cell group of line (not counting its indent) in order,
 * exactly as text_wrap measured it: never more than line->width cells.
 */
void text_line_cells(const char *s, const struct text_line *line,
		     void (*cb)(const struct text_cell *cell, void *arg), void *arg);

/* ---- text_fold.c: search keys and the ASCII fallback ---- */

/*
 * The search key of s[0..len), owned: lower case, combining marks (tone
 * and vowel marks among them) removed, đ and Đ folded to d. Other text is
 * kept. When map is not NULL, *map is set to an owned array with, for each
 * byte of the result and one past its end, the offset in s of the source
 * character it came from (for highlighting matches in the original).
 */
char *text_fold(const char *s, size_t len, size_t **map);

/*
 * The next word of s[*pos..len) as a search index sees it (a run of
 * letters, digits and marks): its bytes in [*start, *end), and *pos moved
 * past it; false when there is none.
 */
bool text_word_next(const char *s, size_t len, size_t *pos, size_t *start, size_t *end);

/*
 * s for a terminal without UTF-8, owned: Vietnamese letters without their
 * marks ("Hải Phòng" → "Hai Phong", đ → d, Đ → D), common punctuation as
 * its ASCII look-alike, and any other cluster as one '?' per cell, so that
 * widths do not change.
 */
char *text_ascii(const char *s, size_t len);

/* Whether s starts with an upper-case letter (any script). */
bool text_starts_upper(const char *s);

/* ---- text_date.c: times for people, in Vietnam time (UTC+7) ---- */

#define TEXT_DATE_LEN 48

enum text_date_form {
	TEXT_DATE_LONG,    /* "Thứ Năm, 29/12/2022 16:05", as the portal writes dates */
	TEXT_DATE_LONG_EN, /* "Thursday, 29 Dec 2022 16:05": the same with English labels */
	TEXT_DATE_SHORT,   /* "29/12/2022 16:05" */
	TEXT_DATE_LIST,    /* "29/12 16:05" this year (Vietnam time), else "29/12/2022" */
};

/* t (seconds since the epoch) in Vietnam time; "" when it cannot be shown. */
void text_date(int64_t t, enum text_date_form form, char out[TEXT_DATE_LEN]);
/* Time t in Vietnam time as strftime(3) writes it with format (C locale names); "" if nothing. */
void text_date_format(int64_t t, const char *format, char out[TEXT_DATE_LEN]);

/* ---- text_doc.c, text_layout.c: documents of blocks, and their layout ---- */

enum text_block_kind {
	TEXT_BLOCK_PARAGRAPH,
	TEXT_BLOCK_HEADING,   /* level: 1 to 6 */
	TEXT_BLOCK_LIST_ITEM, /* level: nesting depth from 1; marker: "•", "3." */
	TEXT_BLOCK_PRE,       /* white space kept */
	TEXT_BLOCK_TABLE_ROW, /* cells; level 1 for a header row */
	TEXT_BLOCK_RULE,
	TEXT_BLOCK_FIGURE, /* "[Ảnh: caption]" */
	TEXT_BLOCK_BYLINE, /* the author and photo line that ends an article */
};

enum {
	TEXT_STYLE_BOLD = 1 << 0,
	TEXT_STYLE_ITALIC = 1 << 1,
	TEXT_STYLE_UNDERLINE = 1 << 2,
	TEXT_STYLE_LINK = 1 << 3, /* link text and its "[n]" */
};

struct text_span {
	uint32_t start, end; /* bytes of the block's text */
	uint32_t style;      /* TEXT_STYLE_* */
	uint32_t link;       /* 1-based link number, 0 for none */
};

struct text_block {
	enum text_block_kind kind;
	int level;
	int quote;    /* block quote depth */
	char *marker; /* list items: the marker; otherwise NULL */
	char *text;   /* clean UTF-8 (for a table row: its cells joined by '\t') */
	struct text_span *spans;
	size_t nspans;
};

struct text_doc {
	struct text_block *blocks;
	size_t nblocks;
	char **links; /* link n is links[n - 1]: absolute URLs */
	size_t nlinks;
};

struct text_doc *text_doc_new(void);
void text_doc_free(struct text_doc *doc);
/* Appends a block (text, marker owned by the document from now on). */
struct text_block *text_doc_add(struct text_doc *doc, enum text_block_kind kind, char *text);
void text_block_add_span(struct text_block *b, uint32_t start, uint32_t end, uint32_t style,
			 uint32_t link);
/* Adds url to the link list (or finds it there); its 1-based number. */
uint32_t text_doc_link(struct text_doc *doc, const char *url);

/*
 * The header of an article as a document: the title as a heading; the
 * feed and the date as the portal writes it, in Vietnam time; the author
 * and the link, each on its own line; a rule. Strings may be NULL.
 */
struct text_doc *text_doc_header(const char *title, const char *feed, int64_t time, bool english,
				 const char *author, const char *link);

/* One laid-out line of a document. */
struct text_doc_line {
	char *prefix; /* owned: quote bars, list marker or hanging indent */
	int prefix_width;
	char *text;     /* owned: what is drawn after the prefix (never wider than the rest) */
	uint32_t style; /* TEXT_STYLE_* of the whole line (headings, bylines...) */
	size_t block;   /* the block it comes from; SIZE_MAX for the link list */
	struct text_span *spans; /* styles within text, in bytes of text; owned */
	size_t nspans;
	bool right; /* aligned to the right edge (a byline that fits) */
};

struct text_doc_layout {
	struct text_doc_line *lines;
	size_t n, cap;
};

/*
 * Lays doc out at width cells (>= 1): paragraphs wrapped, lists with
 * hanging indents, quotes with bars, tables as a grid that fits or one
 * cell per line, and the numbered link list at the end. No line is wider
 * than width. ascii: only ASCII in the prefixes and rules.
 */
void text_doc_layout(const struct text_doc *doc, int width, bool ascii,
		     struct text_doc_layout *out);
void text_doc_layout_free(struct text_doc_layout *layout);
/* The layout as plain text, one line each, trailing spaces cut; owned. */
char *text_doc_plain(const struct text_doc *doc, int width, bool ascii);

#endif
