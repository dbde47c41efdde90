/* Unit tests for the feeds file's lines, the settings table and the settings file's language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core.h"

/* Loads a feeds file holding text; true with *out filled, or false with err. */
static bool load_feeds(const char *text, struct config_feeds *out, char *err, size_t errlen)
{
	char path[] = "/tmp/bantin-test-feeds-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	bool ok = config_feeds_load(path, false, out, err, errlen);
	unlink(path);
	return ok;
}

/* A quoted word is a tag, '=' and all; an unquoted a=b is an option, known or not. */
static void test_feed_tags(void **state)
{
	(void)state;
	struct config_feeds f;
	char err[CORE_ERRLEN];
	assert_true(load_feeds("https://a.example/feed \"colour=red\" \"~Tin A\" port\n", &f, err,
			       sizeof err));
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].ntags, 2);
	assert_string_equal(f.v[0].tags[0], "colour=red");
	assert_string_equal(f.v[0].tags[1], "port");
	assert_string_equal(f.v[0].name, "Tin A");
	config_feeds_free(&f);
	/* a line it cannot use is skipped, with a warning; the others are read */
	assert_true(load_feeds("https://a.example/feed colour=red\nhttps://b.example/feed\n", &f,
			       err, sizeof err));
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].url, "https://b.example/feed");
	assert_int_equal(f.nwarnings, 1);
	assert_non_null(strstr(f.warnings[0], ":1: unknown feed option 'colour=red'"));
	assert_non_null(strstr(f.warnings[0], "; line skipped"));
	config_feeds_free(&f);
}

/* The settings table: each type's value checked, with its sentence. */
static void test_settings_table(void **state)
{
	(void)state;
	static const struct {
		enum config_setting_id id;
		const char *value;
		const char *error; /* NULL: accepted */
	} cases[] = {
	    {CONFIG_SETTING_TIMEOUT, "30", NULL},
	    {CONFIG_SETTING_TIMEOUT, "0",
	     "\"timeout\" needs a number of seconds from 1 to 86400, not \"0\""},
	    {CONFIG_SETTING_MAX_SIZE, "2M", NULL},
	    {CONFIG_SETTING_MAX_SIZE, "lots",
	     "\"max-size\" needs a size such as 16M, not \"lots\""},
	    {CONFIG_SETTING_THEME, "../x", "\"theme\" needs a theme's name, not \"../x\""},
	    {CONFIG_SETTING_LANG, "fr", "\"lang\" needs vi or en, not \"fr\""},
	    {CONFIG_SETTING_MOUSE, "no", NULL},
	    {CONFIG_SETTING_MOUSE, "maybe", "\"mouse\" needs yes or no, not \"maybe\""},
	    {CONFIG_SETTING_PROXY, "", NULL},
	    {CONFIG_SETTING_REFRESH_INTERVAL, "30", NULL},
	    {CONFIG_SETTING_REFRESH_INTERVAL, "-5",
	     "\"refresh-interval\" needs a number from 0 to 10080, not \"-5\""},
	    {CONFIG_SETTING_CONNECTIONS, "0",
	     "\"connections\" needs a number from 1 to 64, not \"0\""},
	    {CONFIG_SETTING_RELATED_POSITION, "beside", NULL},
	    {CONFIG_SETTING_RELATED_POSITION, "left",
	     "\"related-position\" needs one of auto,below,beside, not \"left\""},
	};
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		struct config_settings s;
		config_settings_init(&s);
		char what[CORE_ERRLEN] = "";
		bool ok = config_setting_set(&s, cases[i].id, cases[i].value, what, sizeof what);
		if (cases[i].error == NULL) {
			assert_true(ok);
		} else {
			assert_false(ok);
			assert_string_equal(what, cases[i].error);
		}
		config_settings_free(&s);
	}
	struct config_settings s;
	config_settings_init(&s);
	char what[CORE_ERRLEN];
	assert_true(config_setting_set(&s, CONFIG_SETTING_TIMEOUT, "30", what, sizeof what));
	assert_int_equal(s.timeout_ms, 30000);
	assert_true(config_setting_set(&s, CONFIG_SETTING_MOUSE, "no", what, sizeof what));
	assert_int_equal(s.mouse, 0);
	assert_true(config_setting_set(&s, CONFIG_SETTING_LANG, "en", what, sizeof what));
	assert_string_equal(s.lang, "en");
	config_settings_free(&s);
}

/* A temporary folder for settings files, and a file in it. */
static char settings_dir[] = "/tmp/bantin-test-settings-XXXXXX";

static void write_file(const char *name, const char *text)
{
	char *path = core_path_join(settings_dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(path);
}

/* The messages of loading settings file "config" holding text, joined by newlines, the folder's
   name written DIR; "" when there is none. Owned. */
static char *load_messages(const char *text, struct config_settings *s)
{
	write_file("config", text);
	char *path = core_path_join(settings_dir, "config");
	char err[CORE_ERRLEN];
	bool ok = config_settings_load(path, true, s, err, sizeof err);
	assert_true(ok == (s->nmessages == 0));
	struct core_buf b;
	core_buf_init(&b, 0);
	for (size_t i = 0; i < s->nmessages; i++) {
		const char *m = s->messages[i];
		for (const char *at; (at = strstr(m, settings_dir)) != NULL;
		     m = at + strlen(settings_dir)) {
			core_buf_append(&b, m, (size_t)(at - m));
			core_buf_puts(&b, "DIR");
		}
		core_buf_printf(&b, "%s%s", m, i + 1 < s->nmessages ? "\n" : "");
	}
	free(path);
	char *out = xstrdup(core_buf_str(&b));
	core_buf_free(&b);
	return out;
}

/* Good and bad lines of the settings file, with their exact messages. */
static void test_settings_lines(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(settings_dir));
	static const struct {
		const char *text, *messages;
	} cases[] = {
	    {"# a comment\n\ntimeout = 30\nbind x scroll-down\nbind y reload-all\n", ""},
	    {"bind x scrol-down\n",
	     "DIR/config:1: no action \"scrol-down\" (did you mean \"scroll-down\"?) (the actions: "
	     "man 5 bantin.conf, KEYS)"},
	    {"refesh-on-start = yes\n", "DIR/config:1: unknown setting \"refesh-on-start\" (did "
					"you mean \"refresh-on-start\"?)"},
	    {"bind j dwn\n",
	     "DIR/config:1: no action \"dwn\" (did you mean \"down\"?) (the actions: man 5 "
	     "bantin.conf, KEYS)"},
	    {"bind j down\nbind C-d page-down\nbind M-x star\nbind F5 refresh-all\nbind đ top\n"
	     "bind PageDown page-down article\nunbind K\nunbind * help\n",
	     ""},
	    {"bind Knopf page-down\n",
	     "DIR/config:1: no key \"Knopf\": a key is a letter or symbol, C-x, M-x, F1 to F12, "
	     "Up, "
	     "Down, Left, Right, PageUp, PageDown, Home, End, Enter, Esc, Tab, S-Tab, Space, "
	     "Backspace, Delete or Insert"},
	    {"bind Hme top\n",
	     "DIR/config:1: no key \"Hme\" (did you mean \"Home\"?): a key is a letter or symbol, "
	     "C-x, M-x, F1 to F12, Up, Down, Left, Right, PageUp, PageDown, Home, End, Enter, Esc, "
	     "Tab, S-Tab, Space, Backspace, Delete or Insert"},
	    {"bind p toggle-related feeds\n", "DIR/config:1: \"toggle-related\" does nothing in "
					      "the feeds view (it works in: article)"},
	    {"bind p down artcle\n",
	     "DIR/config:1: no view \"artcle\" (did you mean \"article\"?): the views are feeds, "
	     "articles, article, search and help"},
	    {"bind j\n", "DIR/config:1: a bind line is \"bind KEY ACTION [VIEW]\""},
	    {"mouse = maybe\ntheme = x/y\n",
	     "DIR/config:1: \"mouse\" needs yes or no, not \"maybe\"\n"
	     "DIR/config:2: \"theme\" needs a theme's name, not \"x/y\""},
	    {"bind-key j down\n", "DIR/config:1: \"bind-key\" is newsboat's; in bantin: \"bind KEY "
				  "ACTION [VIEW]\" lines "
				  "(the actions: man 5 bantin.conf)"},
	    {"auto-reload yes\n",
	     "DIR/config:1: \"auto-reload\" is newsboat's; in bantin: refresh-on-start = yes, and "
	     "refresh-interval = MINUTES"},
	    {"color listfocus black yellow\n",
	     "DIR/config:1: \"color\" is newsboat's; in bantin: theme files: theme = NAME (man 5 "
	     "bantin.conf, THEMES)"},
	    {"mouse\n",
	     "DIR/config:1: expected \"key = value\", \"bind KEY ACTION\", \"unbind KEY\" or "
	     "\"include FILE\""},
	    {"include keys.conf\n", ""},
	    {"include missing.conf\n",
	     "DIR/config:1: DIR/missing.conf: cannot read the settings file: No such file or "
	     "directory"},
	    {"include loop.conf\n", "DIR/loop.conf:1: \"DIR/loop.conf\" includes itself"},
	    {"include deep1.conf\n", "DIR/deep7.conf:1: includes nest more than 8 files deep"},
	};
	write_file("keys.conf", "# included\nbind x star\n");
	write_file("loop.conf", "include loop.conf\n");
	for (int i = 1; i <= 8; i++) {
		char name[32], text[64];
		snprintf(name, sizeof name, "deep%d.conf", i);
		snprintf(text, sizeof text, "include deep%d.conf\n", i + 1);
		write_file(name, text);
	}
	write_file("deep9.conf", "mouse = no\n");
	for (size_t i = 0; i < CORE_NELEM(cases); i++) {
		struct config_settings s;
		char *got = load_messages(cases[i].text, &s);
		if (strcmp(got, cases[i].messages) != 0)
			fail_msg("case %zu: got\n%s\nwanted\n%s", i, got, cases[i].messages);
		free(got);
		config_settings_free(&s);
	}
	/* what the good lines do */
	struct config_settings s;
	free(load_messages("bind j page-down\nbind M-x star\nbind F5 refresh-all\nunbind k\n"
			   "bind x star article\nbind x up\ninclude keys.conf\n",
			   &s));
	struct config_bindings b;
	config_settings_bindings(&s, &b);
	assert_int_equal(config_bindings_action(&b, 'j', CONFIG_VIEW_FEEDS), CONFIG_ACT_PAGE_DOWN);
	assert_int_equal(config_bindings_action(&b, 'k', CONFIG_VIEW_FEEDS), CONFIG_ACT_NONE);
	assert_int_equal(config_bindings_action(&b, 'x' | 0, CONFIG_VIEW_FEEDS), CONFIG_ACT_UP);
	/* bound in a view: wins over the later global line; keys.conf's star is for its views */
	assert_int_equal(config_bindings_action(&b, 'x', CONFIG_VIEW_PAGER), CONFIG_ACT_STAR);
	assert_int_equal(config_bindings_action(&b, 'x', CONFIG_VIEW_ARTICLES), CONFIG_ACT_STAR);
	assert_int_equal(config_bindings_action(&b, CONFIG_KEY_META | 'x', CONFIG_VIEW_PAGER),
			 CONFIG_ACT_STAR);
	assert_int_equal(config_bindings_action(&b, CONFIG_KEY_F1 + 4, CONFIG_VIEW_FEEDS),
			 CONFIG_ACT_REFRESH_ALL);
	char keys[128];
	config_bindings_keys(&b, CONFIG_ACT_PAGE_DOWN, CONFIG_VIEW_FEEDS, keys, sizeof keys);
	assert_string_equal(keys, "PageDown Space C-f j");
	config_bindings_free(&b);
	config_settings_free(&s);
	/* the key names read back what they write */
	static const char *const names[] = {"j",      "C-l",   "M-x",   "M-Enter", "F12",
					    "PageUp", "S-Tab", "Space", "đ",       "?"};
	for (size_t i = 0; i < CORE_NELEM(names); i++) {
		char name[24];
		int key = config_key_parse(names[i], strlen(names[i]));
		assert_int_not_equal(key, 0);
		config_key_name(key, name);
		assert_string_equal(name, names[i]);
	}
	assert_int_equal(config_key_parse("F13", 3), 0);
	/* other names read, and newsboat's */
	assert_int_equal(config_key_parse("PgDn", 4), CONFIG_KEY_PAGE_DOWN);
	assert_int_equal(config_key_parse("RETURN", 6), CONFIG_KEY_ENTER);
	assert_int_equal(config_key_parse("^D", 2), CONFIG_KEY_CTRL('d'));
	assert_int_equal(config_view_parse("articlelist"), CONFIG_VIEW_ARTICLES);
	assert_int_equal(config_view_parse("feedlist"), CONFIG_VIEW_FEEDS);
	assert_int_equal(config_key_parse("M-", 2), 0);
	assert_int_equal(config_key_parse("\xcc\x81", 2), 0); /* a combining mark alone */
	static const char *const files[] = {"config",     "keys.conf",  "loop.conf",  "deep1.conf",
					    "deep2.conf", "deep3.conf", "deep4.conf", "deep5.conf",
					    "deep6.conf", "deep7.conf", "deep8.conf", "deep9.conf"};
	for (size_t i = 0; i < CORE_NELEM(files); i++) {
		char *path = core_path_join(settings_dir, files[i]);
		assert_int_equal(unlink(path), 0);
		free(path);
	}
	assert_int_equal(rmdir(settings_dir), 0);
}

/* config dump writes a settings file that reads back to itself. */
static void test_settings_dump(void **state)
{
	(void)state;
	struct config_settings s;
	char err[CORE_ERRLEN];
	char path[] = "/tmp/bantin-test-dump-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "timeout = 30\nlang = en\nbind x star article\nunbind j\nbind F2 help\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_true(config_settings_load(path, true, &s, err, sizeof err));
	struct core_buf one, two;
	core_buf_init(&one, 0);
	core_buf_init(&two, 0);
	config_settings_dump(&s, &one);
	config_settings_free(&s);
	assert_non_null(strstr(core_buf_str(&one), "\ntimeout = 30\n"));
	assert_non_null(strstr(core_buf_str(&one), "\nconnect-timeout = 15\n"));
	assert_non_null(strstr(core_buf_str(&one), "\n# proxy = (the environment's)\n"));
	assert_non_null(strstr(core_buf_str(&one), "\nbind x star article\n"));
	assert_null(strstr(core_buf_str(&one), "\nbind j down"));
	FILE *fp = fopen(path, "w");
	fputs(core_buf_str(&one), fp);
	fclose(fp);
	assert_true(config_settings_load(path, true, &s, err, sizeof err));
	config_settings_dump(&s, &two);
	config_settings_free(&s);
	assert_string_equal(core_buf_str(&one), core_buf_str(&two));
	core_buf_free(&one);
	core_buf_free(&two);
	unlink(path);
}

/* The near miss of a mistyped name. */
static void test_nearest(void **state)
{
	(void)state;
	static const char *const names[] = {"refresh-on-start", "scroll-down", "down", "timeout"};
	assert_int_equal(core_str_nearest("refesh-on-start", names, 4), 0);
	assert_int_equal(core_str_nearest("scrol-down", names, 4), 1);
	assert_int_equal(core_str_nearest("dwon", names, 4), 2);
	assert_int_equal(core_str_nearest("Timeout", names, 4), 3);
	assert_int_equal(core_str_nearest("timeout", names, 4), -1);
	assert_int_equal(core_str_nearest("colour", names, 4), -1);
	assert_int_equal(core_str_nearest("up", names, 4), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_feed_tags),      cmocka_unit_test(test_settings_table),
	    cmocka_unit_test(test_settings_lines), cmocka_unit_test(test_settings_dump),
	    cmocka_unit_test(test_nearest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
