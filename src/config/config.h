/*
 * config: the user's files. The feeds file: one feed a line in newsboat's
 * "urls" format (a URL, tags, a "~Name" tag, # comments), plus per-feed
 * options written key=value (cafile=FILE, tls-verify=no). The settings
 * file: "key = value" lines whose keys are long options (timeout, proxy,
 * theme...), what a command line does not say.
 */
#ifndef BANTIN_CONFIG_H
#define BANTIN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* The feed a new feeds file starts with: the Hai Phong city news portal. */
#define CONFIG_PORTAL_FEED "https://thanhphohaiphong.gov.vn/feed/"

struct config_feed {
	char *url;
	char *name; /* from a "~Name" tag; NULL when none */
	char **tags;
	size_t ntags;
	char *cafile;  /* extra CA certificates, an absolute path; NULL when none */
	bool insecure; /* tls-verify=no */
	char *site;    /* site=NAME: the site profile its pages are read with; NULL when none */
	int full;      /* full-article=yes 1, =no 0, not said -1: fetch each item's page */
	int line;      /* in the feeds file */
};

struct config_feeds {
	struct config_feed *v;
	size_t n;
	char **warnings; /* "FILE:LINE: what", for lines that were skipped */
	size_t nwarnings;
};

/*
 * Reads the feeds file at path. When it does not exist and create is
 * true, it is first written (with its directory, both private) holding the
 * portal's feed and a comment on how to add others. A line bantin cannot
 * use is skipped with a warning, "FILE:LINE: what is wrong; line skipped";
 * false (with err) only when the file cannot be read.
 */
bool config_feeds_load(const char *path, bool create, struct config_feeds *out, char *err,
		       size_t errlen);
void config_feeds_free(struct config_feeds *f);
/* What the settings file says; what it does not say is 0, NULL or -1. */
struct config_settings {
	long timeout_ms, connect_timeout_ms, stall_ms; /* timeout, connect-timeout, stall-time */
	size_t max_size;                               /* max-size */
	char *proxy;                                   /* proxy */
	char *theme;                                   /* theme */
	char *lang;                                    /* lang: "vi" or "en" */
	int mouse, hyperlinks;                         /* 1 yes, 0 no, -1 not said */
	int article_pages;                             /* likewise */
	int related_pane;                              /* likewise */
};

/* The settings, declared once in config_settings.def. */
enum config_setting_id {
#define CONFIG_SETTING(id, name, type, field, min, max, value, def, option, help)                  \
	CONFIG_SETTING_##id,
#include "config_settings.def"
#undef CONFIG_SETTING
	CONFIG_SETTING_COUNT
};

enum config_type {
	CONFIG_TYPE_SECONDS,
	CONFIG_TYPE_SIZE,
	CONFIG_TYPE_TEXT,
	CONFIG_TYPE_NAME,
	CONFIG_TYPE_LANG,
	CONFIG_TYPE_BOOL,
};

/* One setting as the table declares it. */
struct config_setting_info {
	const char *name;
	enum config_type type;
	long long min, max; /* SECONDS: the range */
	const char *value;  /* what the value is, for help: "SECONDS", "yes|no" */
	const char *def;    /* the default, as words */
	const char *option; /* the command-line option that overrides it, or NULL */
	const char *help;   /* one line, no full stop */
};

/* The table, CONFIG_SETTING_COUNT entries in the order of config_settings.def. */
extern const struct config_setting_info config_setting_table[CONFIG_SETTING_COUNT];

/*
 * Sets setting id in s from value (as the file or the command line writes
 * it); false with what is wrong ("'timeout' needs ...") in what.
 */
bool config_setting_set(struct config_settings *s, enum config_setting_id id, const char *value,
			char *what, size_t whatlen);

/*
 * Reads the settings file at path. A missing file is no error unless
 * must_exist (a file the user named); err is "FILE:LINE: what is wrong"
 * for a line bantin cannot use.
 */
bool config_settings_load(const char *path, bool must_exist, struct config_settings *out, char *err,
			  size_t errlen);
/* Settings that say nothing; and freeing them leaves them so. */
void config_settings_init(struct config_settings *s);
void config_settings_free(struct config_settings *s);

/* Which of the user's files config_file_path means. */
enum config_file {
	CONFIG_FILE_CACHE,    /* $XDG_DATA_HOME/bantin/cache.db */
	CONFIG_FILE_FEEDS,    /* $XDG_CONFIG_HOME/bantin/feeds */
	CONFIG_FILE_SETTINGS, /* $XDG_CONFIG_HOME/bantin/config */
};

/* given when not NULL, else the file's default place; owned, NULL with err. */
char *config_file_path(enum config_file which, const char *given, char *err, size_t errlen);

/* The feed whose URL or name is key (names compared as search keys), or NULL. */
const struct config_feed *config_feeds_find(const struct config_feeds *f, const char *key);

#endif
