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

struct core_buf;

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

/* A saved search: a feeds-file line "search:NAME:QUERY", or newsboat's simple query: lines. */
struct config_search {
	char *name;
	char *query;      /* bantin's query language; "" with unread_only: every unread article */
	bool unread_only; /* newsboat's unread = "yes" */
	int line;
};

struct config_feeds {
	struct config_feed *v;
	size_t n;
	struct config_search *searches;
	size_t nsearches;
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
/* ---- config_keys.c: key names, the reader's actions and key bindings ---- */

/* Keys: a Unicode code point, or one of these (past the last code point). */
enum {
	CONFIG_KEY_UP = 0x110001,
	CONFIG_KEY_DOWN,
	CONFIG_KEY_LEFT,
	CONFIG_KEY_RIGHT,
	CONFIG_KEY_PAGE_UP,
	CONFIG_KEY_PAGE_DOWN,
	CONFIG_KEY_HOME,
	CONFIG_KEY_END,
	CONFIG_KEY_ENTER,
	CONFIG_KEY_ESC,
	CONFIG_KEY_BACKSPACE,
	CONFIG_KEY_DELETE,
	CONFIG_KEY_INSERT,
	CONFIG_KEY_BACKTAB,
	CONFIG_KEY_RESIZE,
	CONFIG_KEY_MOUSE,
	CONFIG_KEY_F1, /* to CONFIG_KEY_F1 + 11, F12 */
};
/* Ctrl-x, and Meta (Alt) with any key: M-x, M-Enter. */
#define CONFIG_KEY_CTRL(c) ((c)&0x1f)
#define CONFIG_KEY_META    0x400000

/* The reader's views, as flags: where an action works, where a key is bound. */
enum {
	CONFIG_VIEW_FEEDS = 1 << 0,
	CONFIG_VIEW_ARTICLES = 1 << 1,
	CONFIG_VIEW_PAGER = 1 << 2,
	CONFIG_VIEW_HELP = 1 << 3,
	CONFIG_VIEW_RESULTS = 1 << 4,
	CONFIG_VIEW_LISTS = CONFIG_VIEW_FEEDS | CONFIG_VIEW_ARTICLES,
	CONFIG_VIEW_ALL = 0x1f,
};

enum config_action_id {
#define CONFIG_ACTION(id, name, views, keys, help, help_vi) CONFIG_ACT_##id,
#include "config_actions.def"
#undef CONFIG_ACTION
	CONFIG_ACT_COUNT,
	CONFIG_ACT_NONE = -1
};

struct config_action {
	const char *name;
	unsigned views;
	const char *keys; /* the default keys, as a settings file names them */
	const char *help, *help_vi;
};

extern const struct config_action config_actions[CONFIG_ACT_COUNT];

/*
 * The action called name: its own name, or another a bind line may use
 * (scroll-down, and newsboat's: reload-all, open-in-browser...); NONE if none.
 */
int config_action_parse(const char *name);
/* Every name config_action_parse knows, into out (at most max); their number. */
size_t config_action_names(const char **out, size_t max);

/* The views' names in bind lines ("feeds", "article"...), and the flag a name means (0: none). */
unsigned config_view_parse(const char *name);
const char *config_view_name(unsigned flag);

/* The key called name[0..len) ("j", "Down", "C-l", "M-x", "F5", "Space", "đ"); 0 if none. */
int config_key_parse(const char *name, size_t len);
/* The name of key, as config_key_parse reads it, into out. */
void config_key_name(int key, char out[24]);

/* A key bound to an action in some views (CONFIG_VIEW_* flags). */
struct config_binding {
	int key;
	unsigned views;
	enum config_action_id act;
	bool pinned; /* bound in a view by name: wins over a binding for more views */
};

struct config_bindings {
	struct config_binding *v;
	size_t n;
};

/* The default bindings: config_actions.def's keys. */
void config_bindings_defaults(struct config_bindings *b);
/* Binds key to act in views, taking key from what it did there (pinned: see above). */
void config_bindings_bind(struct config_bindings *b, int key, enum config_action_id act,
			  unsigned views, bool pinned);
/* Takes key (0: every key) from views. */
void config_bindings_unbind(struct config_bindings *b, int key, unsigned views);
void config_bindings_free(struct config_bindings *b);
/*
 * The action key means in view (a CONFIG_VIEW_* flag): a binding pinned to
 * the view first, then one for some views, then one for every view, the
 * later before the earlier; CONFIG_ACT_NONE if none.
 */
int config_bindings_action(const struct config_bindings *b, int key, unsigned view);
/* The keys that do act in view, their names blank-separated ("j Down"), into out. */
void config_bindings_keys(const struct config_bindings *b, enum config_action_id act, unsigned view,
			  char *out, size_t outlen);

/* A bind or unbind line of the settings file, in the order they came. */
struct config_bind_line {
	int key;                   /* 0 with unbind: every key ("unbind *") */
	enum config_action_id act; /* CONFIG_ACT_NONE: unbind */
	unsigned views;            /* 0: those of the action (bind), every view (unbind) */
};

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
	int refresh_on_start;                          /* likewise */
	long refresh_interval;                         /* minutes; -1 not said */
	long connections, host_connections;            /* -1 not said */
	char *user_agent, *browser;                    /* NULL not said */
	char *related_position;                        /* "auto", "below", "beside" */
	long related_size;                             /* -1 not said */
	char *date_format;                             /* NULL not said */
	long text_width;                               /* -1 not said */
	long keep_days, keep_per_feed;                 /* -1 not said */
	struct config_bind_line *binds;                /* bind and unbind lines */
	size_t nbinds;
	char **messages; /* what is wrong with the file, "FILE:LINE: what", a line each */
	size_t nmessages;
};

/* The bindings settings s make: the defaults, then its bind and unbind lines. */
void config_settings_bindings(const struct config_settings *s, struct config_bindings *out);

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
	CONFIG_TYPE_NUMBER,
	CONFIG_TYPE_CHOICE,
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

/* Setting id's value in s as the file would write it, into out; false when s does not say. */
bool config_setting_get(const struct config_settings *s, enum config_setting_id id, char *out,
			size_t outlen);

/*
 * Reads the settings file at path, with the files it includes. A missing
 * file is no error unless must_exist (a file the user named). Every line
 * bantin cannot use is a message in out->messages ("FILE:LINE: what is
 * wrong", the near miss suggested); false when there is one, err the first.
 */
bool config_settings_load(const char *path, bool must_exist, struct config_settings *out, char *err,
			  size_t errlen);
/* Writes the configuration s makes, every setting and binding, as a settings file. */
void config_settings_dump(const struct config_settings *s, struct core_buf *out);
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

/*
 * The folders themes are looked for in, in order: the user's
 * ($XDG_CONFIG_HOME/bantin/themes, NULL when there is no home), the
 * installed ones, then the source tree's (bantin run from its build). The
 * first is owned by the caller.
 */
#define CONFIG_THEME_DIRS 3
void config_theme_dirs(char *dirs[CONFIG_THEME_DIRS]);

/* A feeds-file line for url with its tags and name (NULL: none), quoted where need be; owned. */
char *config_feeds_line_for(const char *url, const char *name, const char *const *tags,
			    size_t ntags);
/*
 * Adds line at the end of the feeds file at path (made as config_feeds_load
 * makes it when there is none), leaving the rest as it was: 1, 0 when its
 * feed is there already, -1 with err.
 */
int config_feeds_append(const char *path, const char *line, char *err, size_t errlen);
/*
 * Adds the tags of tags the feed url's line lacks to it (right after its
 * URL, the rest of the file as it was): 1, 0 when it had them all, -1 with err.
 */
int config_feeds_add_tags(const char *path, const char *url, const char *const *tags, size_t ntags,
			  char *err, size_t errlen);
/*
 * Removes the line of the feed whose URL or name is key from the feeds file,
 * the rest as it was: 1 (*url its URL, owned), 0 when there is no such feed,
 * -1 with err.
 */
int config_feeds_remove(const char *path, const char *key, char **url, char *err, size_t errlen);

/* The feed whose URL or name is key (names compared as search keys), or NULL. */
const struct config_feed *config_feeds_find(const struct config_feeds *f, const char *key);

#endif
