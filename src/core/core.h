/*
 * core: what every module needs and nothing more. Allocation that aborts
 * when memory runs out, a capped growable string buffer, error sentences,
 * a log file, command-line option tables, paths and XDG directories.
 *
 * Depends on libc alone. Every other module may use it; it uses none.
 *
 * Conventions used across bantin and set here:
 * - Functions that can fail return bool (or a small enum) and write one
 *   human sentence, without a trailing newline or full stop, into a
 *   caller-supplied `char *err, size_t errlen` (err may be NULL).
 * - A returned `char *` is owned by the caller unless the comment says
 *   "borrowed".
 */
#ifndef BANTIN_CORE_H
#define BANTIN_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#define CORE_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define CORE_NELEM(a)          (sizeof(a) / sizeof((a)[0]))

/* A size for error buffers that holds any sentence bantin writes. */
#define CORE_ERRLEN 512

/* ---- xmalloc.c: allocation that never returns NULL ---- */

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* xstrdup, but NULL for NULL. */
char *xstrdup_opt(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) CORE_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) CORE_PRINTF(1, 0);

/* ---- core_err.c: error sentences ---- */

/* Writes a formatted sentence into err (truncated to errlen; err may be NULL). */
void core_err_set(char *err, size_t errlen, const char *fmt, ...) CORE_PRINTF(3, 4);

/* ---- core_str.c: quoting untrusted strings for messages, sizes ---- */

/*
 * s with C0 and C1 controls, DEL and bidi override and isolate characters
 * written as \xNN escapes, owned; everything else is kept as it is.
 */
char *core_str_printable(const char *s);

/*
 * The host of an absolute URL ("https://user@host:8080/x" gives "host"),
 * owned; NULL when url is not one.
 */
char *core_str_host(const char *url);

/*
 * Of the n names, the one nearest to word (by edits: a letter added, dropped,
 * changed or two swapped; case counts for none), when it is near enough to be
 * what was meant: at most 2 edits and a third of word's length (1 for a
 * word of 3 to 5 letters, none below); its index, or -1 (also for word itself).
 */
int core_str_nearest(const char *word, const char *const *names, size_t n);

/*
 * url as one that may be opened, copied or made a hyperlink: an absolute
 * http or https URL with a host, its scheme in lower case and every byte
 * that is not printable ASCII, and " < > \ ^ ` { | }, percent-encoded
 * (owned); NULL for anything else ("-oProxyCommand=...", "javascript:",
 * "x;touch y", a relative link). What it returns never starts with '-'.
 */
char *core_url_openable(const char *url);

/* A decimal number from min to max, the whole of s, into *out; false if not one. */
bool core_parse_number(const char *s, long long min, long long max, long long *out);
/* A size such as "16M", "512K", "1G" or "1000" (bytes) into *out; false if not one (or 0). */
bool core_parse_size(const char *s, size_t *out);

/* Where an FNV-1a fingerprint starts. */
#define CORE_STR_HASH_START 0xcbf29ce484222325ULL
/*
 * The FNV-1a fingerprint h continued over s (NULL counts as ""), then over
 * a byte no UTF-8 string holds, so that ("ab", "") and ("a", "b") differ.
 */
uint64_t core_str_hash(uint64_t h, const char *s);
/*
 * A fingerprint h continued over s (NULL counts as "") and its length,
 * eight bytes at a time: for telling changed text quickly, not for keys
 * that are kept (it is not the same on every machine).
 */
uint64_t core_str_hash_fast(uint64_t h, const char *s);

/*
 * Eight bytes looked at at once (a uint64_t loaded with memcpy): each
 * returns a mask with the high bit of every byte that answers, exactly
 * (no carry crosses from one byte to the next).
 */
#define CORE_BYTES_ONES UINT64_C(0x0101010101010101)
/* The bytes of w equal to c. */
static inline uint64_t core_bytes_eq(uint64_t w, unsigned char c)
{
	const uint64_t low = CORE_BYTES_ONES * 0x7f;
	uint64_t x = w ^ (CORE_BYTES_ONES * c);
	return ~(((x & low) + low) | x | low);
}
/* The bytes of w below n (n at most 0x80). */
static inline uint64_t core_bytes_below(uint64_t w, unsigned char n)
{
	const uint64_t low = CORE_BYTES_ONES * 0x7f;
	return ~(((w & low) + CORE_BYTES_ONES * (0x80u - n)) | w) & (CORE_BYTES_ONES * 0x80);
}

/* ---- core_buf.c: growable, always NUL-terminated byte buffer ---- */

struct core_buf {
	char *data; /* NULL until the first append; then NUL-terminated */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* hard limit on len; appends past it fail */
};

/* Sets up an empty buffer that refuses to grow beyond max bytes (0: no limit). */
void core_buf_init(struct core_buf *b, size_t max);
/* Makes room for n more bytes; false when that would pass the limit. */
bool core_buf_reserve(struct core_buf *b, size_t n);
/* Appends n bytes; false (buffer unchanged) when that would pass the limit. */
bool core_buf_append_slow(struct core_buf *b, const void *p, size_t n);
bool core_buf_puts(struct core_buf *b, const char *s);
/* Appends s as XML or HTML text: & < > escaped, and " too when attr (inside an attribute). */
void core_buf_xml(struct core_buf *b, const char *s, bool attr);

/* Inline fast paths: most appends fit in the room already there. */
static inline bool core_buf_append(struct core_buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len && b->data != NULL) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return true;
	}
	return core_buf_append_slow(b, p, n);
}

static inline bool core_buf_putc(struct core_buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return true;
	}
	return core_buf_append_slow(b, &c, 1);
}
bool core_buf_printf(struct core_buf *b, const char *fmt, ...) CORE_PRINTF(2, 3);
/* The contents as a string, borrowed; "" when nothing was appended. */
const char *core_buf_str(const struct core_buf *b);
/* Forgets the contents but keeps the memory and the limit. */
void core_buf_reset(struct core_buf *b);
/* Hands over the contents (owned, never NULL) and leaves the buffer empty. */
char *core_buf_take(struct core_buf *b);
void core_buf_free(struct core_buf *b);

/* ---- core_lang.c: the labels' language ---- */

/* choice ("vi" or "en") if given, else the locale (LC_ALL, LC_MESSAGES, LANG): Vietnamese? */
bool core_lang_vietnamese(const char *choice);
/* Whether s is a language bantin has labels in: "vi" or "en". */
bool core_lang_known(const char *s);
/* "option '--lang' needs vi or en, not 'x'" into err. */
void core_lang_option_error(char *err, size_t errlen, const char *arg);

/* ---- core_json.c: writing JSON ---- */

/* Appends s as a JSON string, quotes included (s is UTF-8); null when s is NULL. */
void core_buf_json_str(struct core_buf *b, const char *s);

/* ---- core_log.c: an optional log file ---- */

enum core_log_level {
	CORE_LOG_ERROR,
	CORE_LOG_WARN,
	CORE_LOG_INFO,
	CORE_LOG_DEBUG,
};

struct core_log {
	FILE *fp;                  /* NULL: logging is off */
	enum core_log_level level; /* messages above this level are dropped */
};

/* Opens path for appending (created 0600). A closed log is a valid no-op log. */
bool core_log_open(struct core_log *log, const char *path, enum core_log_level level, char *err,
		   size_t errlen);
void core_log_close(struct core_log *log);
/* Writes one line: UTC time, level, message; control characters become '?'. */
void core_log_write(struct core_log *log, enum core_log_level level, const char *fmt, ...)
    CORE_PRINTF(3, 4);
/* "error", "warn", "info" or "debug"; false for anything else. */
bool core_log_level_parse(const char *name, enum core_log_level *out);

/* ---- core_opt.c: command-line options declared as tables ---- */

struct core_opt {
	int id;           /* what core_opt_next returns for it */
	const char *name; /* long name without the dashes */
	char short_name;  /* 0 when there is none */
	const char *arg;  /* name of its argument; NULL when it takes none */
	const char *help; /* one line for --help and the man page */
};

enum {
	CORE_OPT_END = -1,     /* no more options */
	CORE_OPT_ERROR = -2,   /* err says what is wrong */
	CORE_OPT_OPERAND = -3, /* a non-option argument, in state->arg */
};

struct core_opt_state {
	int argc;
	char **argv;
	int index;            /* next element of argv to look at */
	const char *cluster;  /* the rest of "-abc" after "-a" */
	const char *arg;      /* the argument (or operand) just returned; borrowed */
	bool only_operands;   /* "--" was seen */
	bool stop_at_operand; /* return CORE_OPT_END at the first operand */
};

/* Starts parsing argv[first..argc). */
void core_opt_init(struct core_opt_state *st, int argc, char **argv, int first,
		   bool stop_at_operand);
/*
 * Returns the id of the next option (its argument in st->arg),
 * CORE_OPT_OPERAND, CORE_OPT_END, or CORE_OPT_ERROR with a sentence in err
 * naming the option. With stop_at_operand, st->index is left on the operand.
 */
int core_opt_next(struct core_opt_state *st, const struct core_opt *opts, size_t n, char *err,
		  size_t errlen);
/* Prints one aligned line per option, as --help shows them. */
void core_opt_help(FILE *fp, const struct core_opt *opts, size_t n);

/* ---- core_path.c: file system paths ---- */

/* dir + "/" + name, owned. */
char *core_path_join(const char *dir, const char *name);
/* Creates path and any missing parents with mode (existing ones untouched). */
bool core_path_mkdirs(const char *path, mode_t mode, char *err, size_t errlen);

/* ---- core_time.c: calendar dates ---- */

/*
 * The time of a date and a time of day (Gregorian, years 1900 to 9999) at
 * offset seconds east of UTC, in seconds since the epoch; false when there
 * is no such date or time (a leap second counts as :59).
 */
bool core_time_make(int y, int mo, int d, int h, int mi, int s, int offset, int64_t *out);

/* ---- core_xdg.c: where bantin's files live ---- */

enum core_xdg_kind {
	CORE_XDG_CONFIG, /* $XDG_CONFIG_HOME, ~/.config */
	CORE_XDG_DATA,   /* $XDG_DATA_HOME, ~/.local/share */
	CORE_XDG_CACHE,  /* $XDG_CACHE_HOME, ~/.cache */
	CORE_XDG_STATE,  /* $XDG_STATE_HOME, ~/.local/state */
};

/*
 * "<base>/bantin" for kind, owned: the XDG variable when it holds an
 * absolute path, else the default below $HOME (or the password file's home
 * directory). NULL with err set when no home directory can be found.
 */
char *core_xdg_dir(enum core_xdg_kind kind, char *err, size_t errlen);

#endif
