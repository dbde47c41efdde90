/* Unit tests for the feeds file's lines and the settings table. */
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
	     "'timeout' needs a number of seconds from 1 to 86400, not '0'"},
	    {CONFIG_SETTING_MAX_SIZE, "2M", NULL},
	    {CONFIG_SETTING_MAX_SIZE, "lots", "'max-size' needs a size such as 16M, not 'lots'"},
	    {CONFIG_SETTING_THEME, "../x", "'theme' needs a theme's name, not '../x'"},
	    {CONFIG_SETTING_LANG, "fr", "'lang' needs vi or en, not 'fr'"},
	    {CONFIG_SETTING_MOUSE, "no", NULL},
	    {CONFIG_SETTING_MOUSE, "maybe", "'mouse' needs yes or no, not 'maybe'"},
	    {CONFIG_SETTING_PROXY, "", NULL},
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_feed_tags),
	    cmocka_unit_test(test_settings_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
