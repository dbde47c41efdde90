/* Unit tests for src/core: buffer, options, quoting, paths, XDG, log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core.h"

/* ---- core_buf ---- */

static void test_buf_empty(void **state)
{
	(void)state;
	struct core_buf b;
	core_buf_init(&b, 0);
	assert_string_equal(core_buf_str(&b), "");
	assert_int_equal(b.len, 0);
	char *s = core_buf_take(&b);
	assert_string_equal(s, "");
	free(s);
	core_buf_free(&b);
}

static void test_buf_append_and_grow(void **state)
{
	(void)state;
	struct core_buf b;
	core_buf_init(&b, 0);
	for (int i = 0; i < 1000; i++)
		assert_true(core_buf_puts(&b, "ab"));
	assert_int_equal(b.len, 2000);
	assert_int_equal(strlen(core_buf_str(&b)), 2000);
	assert_true(core_buf_printf(&b, "[%d:%s]", 42, "x"));
	assert_string_equal(core_buf_str(&b) + 2000, "[42:x]");
	core_buf_reset(&b);
	assert_string_equal(core_buf_str(&b), "");
	assert_true(core_buf_putc(&b, 'z'));
	assert_string_equal(core_buf_str(&b), "z");
	core_buf_free(&b);
}

static void test_buf_limit(void **state)
{
	(void)state;
	struct core_buf b;
	core_buf_init(&b, 10);
	assert_true(core_buf_puts(&b, "0123456789"));
	assert_false(core_buf_putc(&b, 'x'));
	assert_string_equal(core_buf_str(&b), "0123456789");
	core_buf_reset(&b);
	assert_true(core_buf_puts(&b, "01234"));
	assert_false(core_buf_puts(&b, "567890"));
	assert_string_equal(core_buf_str(&b), "01234");
	assert_false(core_buf_append(&b, "x", SIZE_MAX));
	assert_string_equal(core_buf_str(&b), "01234");
	core_buf_free(&b);
}

static void test_buf_binary(void **state)
{
	(void)state;
	struct core_buf b;
	core_buf_init(&b, 0);
	assert_true(core_buf_append(&b, "a\0b", 3));
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b\0", 4);
	char *s = core_buf_take(&b);
	assert_null(b.data);
	free(s);
	core_buf_free(&b);
}

/* ---- core_opt ---- */

enum { OPT_HELP, OPT_DB, OPT_QUIET, OPT_LIMIT };

static const struct core_opt test_opts[] = {
    {OPT_HELP, "help", 'h', NULL, "show help"},
    {OPT_DB, "db", 'd', "FILE", "use FILE"},
    {OPT_QUIET, "quiet", 'q', NULL, "say less"},
    {OPT_LIMIT, "limit", 0, "N", "at most N"},
};

/* Parses argv (NULL-terminated) and writes a trace such as "h d=x O=y E". */
static void opt_trace(bool stop, char *out, size_t outlen, char *const *args)
{
	char *argv[8];
	memcpy(argv, args, sizeof argv); /* the parser takes main's argv type */
	int argc = 0;
	while (argv[argc] != NULL)
		argc++;
	struct core_opt_state st;
	core_opt_init(&st, argc, argv, 1, stop);
	char err[CORE_ERRLEN];
	struct core_buf b;
	core_buf_init(&b, 0);
	for (;;) {
		int id = core_opt_next(&st, test_opts, CORE_NELEM(test_opts), err, sizeof err);
		if (b.len != 0)
			core_buf_putc(&b, ' ');
		if (id == CORE_OPT_END) {
			core_buf_printf(&b, "END@%d", st.index);
			break;
		}
		if (id == CORE_OPT_ERROR) {
			core_buf_printf(&b, "ERR(%s)", err);
			break;
		}
		if (id == CORE_OPT_OPERAND)
			core_buf_printf(&b, "op=%s", st.arg);
		else if (st.arg != NULL)
			core_buf_printf(&b, "%s=%s", test_opts[id].name, st.arg);
		else
			core_buf_printf(&b, "%s", test_opts[id].name);
	}
	snprintf(out, outlen, "%s", core_buf_str(&b));
	core_buf_free(&b);
}

static void test_opt_table(void **state)
{
	(void)state;
	static const struct {
		bool stop;
		char *argv[8];
		const char *want;
	} cases[] = {
	    {false, {"p", NULL}, "END@1"},
	    {false, {"p", "-h", NULL}, "help END@2"},
	    {false, {"p", "--help", NULL}, "help END@2"},
	    {false, {"p", "-hq", NULL}, "help quiet END@2"},
	    {false, {"p", "-dx.db", NULL}, "db=x.db END@2"},
	    {false, {"p", "-d", "x.db", NULL}, "db=x.db END@3"},
	    {false, {"p", "-qd", "x.db", NULL}, "quiet db=x.db END@3"},
	    {false, {"p", "--db=a=b", NULL}, "db=a=b END@2"},
	    {false, {"p", "--db", "--help", NULL}, "db=--help END@3"},
	    {false, {"p", "--db=", NULL}, "db= END@2"},
	    {false, {"p", "a", "-q", "b", NULL}, "op=a quiet op=b END@4"},
	    {false, {"p", "-", NULL}, "op=- END@2"},
	    {false, {"p", "--", "-q", "--x", NULL}, "op=-q op=--x END@4"},
	    {true, {"p", "-q", "cmd", "-h", NULL}, "quiet END@2"},
	    {true, {"p", "--", "cmd", NULL}, "END@2"},
	    {false, {"p", "--nope", NULL}, "ERR(unknown option '--nope')"},
	    {false, {"p", "--nope=1", NULL}, "ERR(unknown option '--nope')"},
	    {false, {"p", "--he", NULL}, "ERR(unknown option '--he')"},
	    {false, {"p", "-x", NULL}, "ERR(unknown option '-x')"},
	    {false, {"p", "-qx", NULL}, "quiet ERR(unknown option '-x')"},
	    {false, {"p", "-\x1b[2J", NULL}, "ERR(unknown option '-\\x1b')"},
	    {false, {"p", "--\x1b]52;c;x\x07", NULL}, "ERR(unknown option '--\\x1b]52;c;x\\x07')"},
	    {false, {"p", "-đ", NULL}, "ERR(unknown option '-đ')"},
	    {false, {"p", "--help=1", NULL}, "ERR(option '--help' takes no argument)"},
	    {false, {"p", "--db", NULL}, "ERR(option '--db' needs an argument (FILE))"},
	    {false, {"p", "-d", NULL}, "ERR(option '-d' needs an argument (FILE))"},
	    {false, {"p", "--limit", NULL}, "ERR(option '--limit' needs an argument (N))"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char got[512];
		opt_trace(cases[i].stop, got, sizeof got, cases[i].argv);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, cases[i].want);
	}
}

static void test_opt_help(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	core_opt_help(fp, test_opts, CORE_NELEM(test_opts));
	fclose(fp);
	assert_string_equal(text, "  -h, --help     show help\n"
				  "  -d, --db FILE  use FILE\n"
				  "  -q, --quiet    say less\n"
				  "      --limit N  at most N\n");
	free(text);
}

/* ---- core_str ---- */

static void test_str_printable(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"", ""},
	    {"plain", "plain"},
	    {"Hải Phòng", "Hải Phòng"},
	    {"a\tb\nc", "a\\x09b\\x0ac"},
	    {"\x1b[2J", "\\x1b[2J"},
	    {"x\x7fy", "x\\x7fy"},
	    {"c1:\xc2\x9b", "c1:\\xc2\\x9b"},
	    {"\xc2\xa0nbsp", "\xc2\xa0nbsp"},
	    {"rlo:\xe2\x80\xae!", "rlo:\\xe2\\x80\\xae!"},
	    {"lri:\xe2\x81\xa6!", "lri:\\xe2\\x81\\xa6!"},
	    {"dash\xe2\x80\x94", "dash\xe2\x80\x94"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = core_str_printable(cases[i].in);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, cases[i].want);
		free(got);
	}
}

/* ---- core_path and core_xdg ---- */

/* The fast fingerprint tells apart what a change to an article could be. */
static void test_str_hash_fast(void **state)
{
	(void)state;
	const uint64_t h = CORE_STR_HASH_START;
	uint64_t ab = core_str_hash_fast(core_str_hash_fast(h, "ab"), "");
	uint64_t a_b = core_str_hash_fast(core_str_hash_fast(h, "a"), "b");
	assert_true(ab != a_b);
	assert_true(core_str_hash_fast(h, NULL) == core_str_hash_fast(h, ""));
	/* one byte changed anywhere in a long text, and one byte added at its end */
	char text[100];
	memset(text, 'x', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	uint64_t base = core_str_hash_fast(h, text);
	for (size_t i = 0; i < sizeof text - 1; i++) {
		text[i] = 'y';
		assert_true(core_str_hash_fast(h, text) != base);
		text[i] = 'x';
	}
	text[sizeof text - 2] = '\0';
	assert_true(core_str_hash_fast(h, text) != base);
}

static void test_path_join(void **state)
{
	(void)state;
	static const struct {
		const char *dir, *name, *want;
	} cases[] = {
	    {"/a", "b", "/a/b"}, {"/a/", "b", "/a/b"},  {"/a//", "b", "/a/b"},
	    {"/", "b", "/b"},    {"rel", "b", "rel/b"},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = core_path_join(cases[i].dir, cases[i].name);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void test_path_mkdirs(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/bantin-test-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	char *deep = xasprintf("%s/a/b/c", tmpl);
	char err[CORE_ERRLEN] = "";
	assert_true(core_path_mkdirs(deep, 0700, err, sizeof err));
	struct stat sb;
	assert_int_equal(stat(deep, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* Again: existing directories are fine. */
	assert_true(core_path_mkdirs(deep, 0700, err, sizeof err));

	char *file = xasprintf("%s/a/file", tmpl);
	FILE *fp = fopen(file, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_false(core_path_mkdirs(file, 0700, err, sizeof err));
	char *want = xasprintf("%s: exists and is not a directory", file);
	assert_string_equal(err, want);
	char *below = xasprintf("%s/x", file);
	assert_false(core_path_mkdirs(below, 0700, err, sizeof err));
	free(want);
	want = xasprintf("%s: cannot create directory: Not a directory", below);
	assert_string_equal(err, want);

	unlink(file);
	rmdir(deep);
	char *b = xasprintf("%s/a/b", tmpl);
	rmdir(b);
	char *a = xasprintf("%s/a", tmpl);
	rmdir(a);
	rmdir(tmpl);
	free(a);
	free(b);
	free(below);
	free(want);
	free(file);
	free(deep);
}

static void test_xdg(void **state)
{
	(void)state;
	static const struct {
		enum core_xdg_kind kind;
		const char *var, *value, *want;
	} cases[] = {
	    {CORE_XDG_CONFIG, "XDG_CONFIG_HOME", "/x/conf", "/x/conf/bantin"},
	    {CORE_XDG_CONFIG, "XDG_CONFIG_HOME", "", "/home/u/.config/bantin"},
	    {CORE_XDG_CONFIG, "XDG_CONFIG_HOME", "relative", "/home/u/.config/bantin"},
	    {CORE_XDG_CONFIG, "XDG_CONFIG_HOME", NULL, "/home/u/.config/bantin"},
	    {CORE_XDG_DATA, "XDG_DATA_HOME", "/x/data/", "/x/data/bantin"},
	    {CORE_XDG_DATA, "XDG_DATA_HOME", NULL, "/home/u/.local/share/bantin"},
	    {CORE_XDG_CACHE, "XDG_CACHE_HOME", NULL, "/home/u/.cache/bantin"},
	    {CORE_XDG_STATE, "XDG_STATE_HOME", NULL, "/home/u/.local/state/bantin"},
	};
	char *saved_home = getenv("HOME") != NULL ? xstrdup(getenv("HOME")) : NULL;
	setenv("HOME", "/home/u", 1);
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *saved = getenv(cases[i].var) != NULL ? xstrdup(getenv(cases[i].var)) : NULL;
		if (cases[i].value != NULL)
			setenv(cases[i].var, cases[i].value, 1);
		else
			unsetenv(cases[i].var);
		char err[CORE_ERRLEN] = "";
		char *got = core_xdg_dir(cases[i].kind, err, sizeof err);
		assert_non_null(got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, cases[i].want);
		free(got);
		if (saved != NULL)
			setenv(cases[i].var, saved, 1);
		else
			unsetenv(cases[i].var);
		free(saved);
	}
	if (saved_home != NULL)
		setenv("HOME", saved_home, 1);
	else
		unsetenv("HOME");
	free(saved_home);
}

/* ---- core_log ---- */

static void test_log(void **state)
{
	(void)state;
	char path[] = "/tmp/bantin-log-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);

	struct core_log off = {NULL, CORE_LOG_DEBUG};
	core_log_write(&off, CORE_LOG_ERROR, "dropped %d", 1); /* no-op, no crash */
	core_log_write(NULL, CORE_LOG_ERROR, "dropped");

	struct core_log log;
	char err[CORE_ERRLEN];
	assert_true(core_log_open(&log, path, CORE_LOG_INFO, err, sizeof err));
	core_log_write(&log, CORE_LOG_INFO, "feed %s: %d new", "Hải Phòng", 3);
	core_log_write(&log, CORE_LOG_DEBUG, "not written");
	core_log_write(&log, CORE_LOG_ERROR, "title \x1b[2Jx\ny");
	core_log_close(&log);

	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[256];
	assert_non_null(fgets(line, sizeof line, fp));
	/* "2026-11-28T05:20:01Z info feed ..." */
	assert_int_equal(strlen(line), 20 + 1 + strlen("info feed Hải Phòng: 3 new\n"));
	assert_int_equal(line[19], 'Z');
	assert_string_equal(line + 21, "info feed Hải Phòng: 3 new\n");
	assert_non_null(fgets(line, sizeof line, fp));
	assert_string_equal(line + 21, "error title ?[2Jx?y\n");
	assert_null(fgets(line, sizeof line, fp));
	fclose(fp);
	unlink(path);

	assert_false(core_log_open(&log, "/nonexistent-dir/x.log", CORE_LOG_INFO, err, sizeof err));
	assert_string_equal(err, "/nonexistent-dir/x.log: cannot open log file: "
				 "No such file or directory");
	assert_null(log.fp);
}

static void test_log_level_parse(void **state)
{
	(void)state;
	enum core_log_level l;
	assert_true(core_log_level_parse("debug", &l));
	assert_int_equal(l, CORE_LOG_DEBUG);
	assert_true(core_log_level_parse("error", &l));
	assert_int_equal(l, CORE_LOG_ERROR);
	assert_false(core_log_level_parse("", &l));
	assert_false(core_log_level_parse("DEBUG", &l));
}

/* ---- xmalloc ---- */

static void test_xmalloc(void **state)
{
	(void)state;
	char *s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = xasprintf("%s-%03d", "x", 7);
	assert_string_equal(s, "x-007");
	free(s);
	int *v = xcalloc(0, 0);
	free(v);
	v = xreallocarray(NULL, 4, sizeof *v);
	v[3] = 1;
	free(v);
}

static void test_xreallocarray_overflow_aborts(void **state)
{
	(void)state;
	/* Run in a child: an overflowing request must abort, not wrap. */
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(1);
		void *p = xreallocarray(NULL, SIZE_MAX / 2, 4);
		free(p);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

/* The eight-byte masks answer for every byte value in every position, whatever its neighbours. */
static void test_bytes_masks(void **state)
{
	(void)state;
	static const unsigned char around[] = {0x00, 0x01, 0x1f, 0x20, 0x26, 0x7f, 0x80, 0xff};
	for (size_t pos = 0; pos < 8; pos++) {
		for (unsigned v = 0; v < 256; v++) {
			for (size_t a = 0; a < CORE_NELEM(around); a++) {
				unsigned char b[8];
				memset(b, around[a], sizeof b);
				b[pos] = (unsigned char)v;
				uint64_t w;
				memcpy(&w, b, sizeof w);
				uint64_t eq = core_bytes_eq(w, '&'),
					 below = core_bytes_below(w, 0x20);
				unsigned char eqb[8], belowb[8];
				memcpy(eqb, &eq, sizeof eqb);
				memcpy(belowb, &below, sizeof belowb);
				for (size_t k = 0; k < 8; k++) {
					assert_int_equal(eqb[k], b[k] == '&' ? 0x80 : 0);
					assert_int_equal(belowb[k], b[k] < 0x20 ? 0x80 : 0);
				}
			}
		}
	}
}

/* Numbers and sizes as a user writes them: the whole string, in range, or nothing. */
static void test_parse_number_and_size(void **state)
{
	(void)state;
	long long v = -1;
	assert_true(core_parse_number("42", 1, 86400, &v));
	assert_int_equal(v, 42);
	assert_false(core_parse_number("0", 1, 86400, &v));
	assert_false(core_parse_number("86401", 1, 86400, &v));
	assert_false(core_parse_number("12s", 1, 86400, &v));
	assert_false(core_parse_number("", 1, 86400, &v));
	assert_false(core_parse_number("99999999999999999999", 0, 255, &v));
	size_t n = 0;
	assert_true(core_parse_size("16M", &n));
	assert_int_equal(n, (size_t)16 << 20);
	assert_true(core_parse_size("512k", &n));
	assert_int_equal(n, (size_t)512 << 10);
	assert_false(core_parse_size("0", &n));
	assert_false(core_parse_size("-1M", &n));
	assert_false(core_parse_size("1Q", &n));
}

/* JSON strings: escapes, controls as \\u, and null for no string. */
static void test_json_str(void **state)
{
	(void)state;
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_json_str(&b, "Tin \"khác\"\\\n\t\x01");
	core_buf_puts(&b, " ");
	core_buf_json_str(&b, NULL);
	assert_string_equal(core_buf_str(&b), "\"Tin \\\"khác\\\"\\\\\\n\\t\\u0001\" null");
	core_buf_free(&b);
}

/* The host of a URL: without user, port, path, query or fragment; none for what is not a URL. */
static void test_str_host(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"https://thanhphohaiphong.gov.vn/feed/", "thanhphohaiphong.gov.vn"},
	    {"http://user:pw@haiphong.gov.vn:8080/tin-tuc-su-kien?page=2", "haiphong.gov.vn"},
	    {"https://example.org?q=1", "example.org"},
	    {"https://example.org#top", "example.org"},
	    {"http://[::1]:8080/x", "[::1]"},
	    {"https://Example.ORG", "Example.ORG"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *h = core_str_host(cases[i][0]);
		assert_non_null(h);
		assert_string_equal(cases[i][1], h);
		free(h);
	}
	assert_null(core_str_host("not a url"));
	assert_null(core_str_host("https:///path"));
	assert_null(core_str_host(NULL));
}

/* Only absolute http(s) URLs may be opened, copied or made hyperlinks, percent-encoded. */
static void test_url_openable(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out; /* out NULL: refused */
	} cases[] = {
	    {"https://example.vn/a?b=1#c", "https://example.vn/a?b=1#c"},
	    {"HTTP://Example.vn/", "http://Example.vn/"},
	    {"https://example.vn/bài viết", "https://example.vn/b%C3%A0i%20vi%E1%BA%BFt"},
	    {"https://example.vn/a\"b<c>`d|e", "https://example.vn/a%22b%3Cc%3E%60d%7Ce"},
	    {"https://example.vn/x\ny", "https://example.vn/x%0Ay"},
	    {"-oProxyCommand=touch /tmp/x", NULL},
	    {"`id`", NULL},
	    {"x;touch /tmp/x", NULL},
	    {"javascript:alert(1)", NULL},
	    {"file:///etc/passwd", NULL},
	    {"/relative/path", NULL},
	    {"https://", NULL},
	    {"https:///path", NULL},
	    {"https://-oProxy/", NULL},
	    {"https://a b/", NULL},
	    {"ftp://example.vn/", NULL},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		char *got = core_url_openable(cases[i].in);
		if (cases[i].out == NULL) {
			if (got != NULL)
				fail_msg("%s: wanted refused, got %s", cases[i].in, got);
		} else {
			assert_non_null(got);
			assert_string_equal(got, cases[i].out);
		}
		free(got);
	}
	assert_null(core_url_openable(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bytes_masks),
	    cmocka_unit_test(test_parse_number_and_size),
	    cmocka_unit_test(test_buf_empty),
	    cmocka_unit_test(test_buf_append_and_grow),
	    cmocka_unit_test(test_buf_limit),
	    cmocka_unit_test(test_buf_binary),
	    cmocka_unit_test(test_opt_table),
	    cmocka_unit_test(test_opt_help),
	    cmocka_unit_test(test_str_printable),
	    cmocka_unit_test(test_str_hash_fast),
	    cmocka_unit_test(test_path_join),
	    cmocka_unit_test(test_path_mkdirs),
	    cmocka_unit_test(test_xdg),
	    cmocka_unit_test(test_log),
	    cmocka_unit_test(test_log_level_parse),
	    cmocka_unit_test(test_xmalloc),
	    cmocka_unit_test(test_json_str),
	    cmocka_unit_test(test_str_host),
	    cmocka_unit_test(test_url_openable),
	    cmocka_unit_test(test_xreallocarray_overflow_aborts),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
