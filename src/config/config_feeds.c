/*
 * config_feeds.c: the feeds file. A line is tokens separated by blanks; a
 * token in double quotes may hold blanks (\" and \\ inside); # starts a
 * comment where a token could start. The first token is the URL; a token
 * "~Name" names the feed; key=value tokens with a known key are options;
 * anything else is a tag. newsboat's query:, exec: and filter: lines are
 * skipped with a warning, so a newsboat urls file works as it is.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "config_internal.h"
#include "core.h"
#include "text.h"

/* The largest feeds file read: far more than any list of feeds. */
#define CONFIG_FEEDS_MAX ((size_t)4 << 20)

static const char config_feeds_default[] =
    "# The feeds bantin reads, one a line, in newsboat's \"urls\" format:\n"
    "#\n"
    "#   URL [TAG]... [\"~Name\"] [cafile=FILE] [tls-verify=no] [site=NAME]\n"
    "#       [full-article=yes|no]\n"
    "#\n"
    "# A tag in double quotes may hold spaces; \"~Name\" is the name shown for the\n"
    "# feed. cafile=FILE trusts the certificates in FILE as well, for a server\n"
    "# that sends an incomplete chain; tls-verify=no turns the check off (unsafe).\n"
    "# site=NAME reads the feed's article pages with that site profile, and\n"
    "# full-article=yes fetches every item's page (no: none; by default only\n"
    "# summaries of a site with a profile).\n"
    "# Lines starting with # are comments. For example:\n"
    "#\n"
    "#   https://thanhphohaiphong.gov.vn/category/tin-tuc/feed/ \"~Tin tức\"\n"
    "#   https://vnexpress.net/rss/tin-moi-nhat.rss news \"~VnExpress\"\n"
    "\n" CONFIG_PORTAL_FEED " portal \"~Cổng tin tức Hải Phòng\"\n";

static void config_feed_clear(struct config_feed *c)
{
	free(c->url);
	free(c->name);
	for (size_t k = 0; k < c->ntags; k++)
		free(c->tags[k]);
	free(c->tags);
	free(c->cafile);
	free(c->site);
}

/* Whether name can name a site profile (a file sites/NAME.site): letters, digits, '.', '-', '_'. */
static bool config_site_name(const char *name)
{
	size_t n =
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");
	return n > 0 && name[n] == '\0' && name[0] != '.';
}

void config_feeds_free(struct config_feeds *f)
{
	for (size_t i = 0; i < f->n; i++)
		config_feed_clear(&f->v[i]);
	free(f->v);
	for (size_t i = 0; i < f->nsearches; i++) {
		free(f->searches[i].name);
		free(f->searches[i].query);
	}
	free(f->searches);
	for (size_t i = 0; i < f->nwarnings; i++)
		free(f->warnings[i]);
	free(f->warnings);
	memset(f, 0, sizeof *f);
}

/* Writes the starting feeds file at path (and its directory); false with err. */
static bool config_feeds_create(const char *path, const char *shown, char *err, size_t errlen)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	bool ok = true;
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		ok = core_path_mkdirs(dir, 0700, err, errlen);
	}
	free(dir);
	if (!ok)
		return false;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return true; /* someone else just wrote it */
		core_err_set(err, errlen, "%s: cannot create: %s", shown, strerror(errno));
		return false;
	}
	size_t len = sizeof config_feeds_default - 1;
	ok = write(fd, config_feeds_default, len) == (ssize_t)len;
	if (close(fd) != 0)
		ok = false;
	if (!ok)
		core_err_set(err, errlen, "%s: cannot write: %s", shown, strerror(errno));
	return ok;
}

/* The next token of the line at *p into tok: 1, or 2 when it was quoted; 0 at the end, -1 on an
 * unclosed quote. */
static int config_token(const char **p, struct core_buf *tok)
{
	const char *s = *p;
	core_buf_reset(tok);
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	if (*s == '\0' || *s == '\n' || *s == '#') {
		*p = s;
		return 0;
	}
	if (*s == '"') {
		for (s++; *s != '"'; s++) {
			if (*s == '\0' || *s == '\n')
				return -1;
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			core_buf_putc(tok, *s);
		}
		*p = s + 1;
		return 2;
	}
	for (; *s != '\0' && *s != '\n' && *s != ' ' && *s != '\t' && *s != '\r'; s++)
		core_buf_putc(tok, *s);
	*p = s;
	return 1;
}

/* An absolute path for a cafile value: ~/ is the home directory, relative is to the file's. */
static char *config_path(const char *value, const char *feeds_path)
{
	if (value[0] == '/')
		return xstrdup(value);
	if (value[0] == '~' && value[1] == '/') {
		const char *home = getenv("HOME");
		if (home != NULL && home[0] == '/')
			return core_path_join(home, value + 2);
	}
	char *dir = xstrdup(feeds_path);
	char *slash = strrchr(dir, '/');
	char *out;
	if (slash != NULL) {
		*slash = '\0';
		out = core_path_join(dir[0] != '\0' ? dir : "/", value);
	} else {
		out = xstrdup(value);
	}
	free(dir);
	return out;
}

/* A warning about line lineno, kept in out. */
static void config_feeds_warn(struct config_feeds *out, const char *shown, int lineno,
			      const char *what)
{
	out->warnings = xreallocarray(out->warnings, out->nwarnings + 1, sizeof(char *));
	out->warnings[out->nwarnings++] = xasprintf("%s:%d: %s; line skipped", shown, lineno, what);
}

/*
 * newsboat's filter of a query: line as a saved search: unread = "yes", title =~ "words", or
 * both joined by "and"; false when it is anything else.
 */
static bool config_newsboat_filter(const char *filter, char **query, bool *unread)
{
	*query = NULL;
	*unread = false;
	char *f = xstrdup(filter);
	bool ok = true;
	for (char *part = f; ok && part != NULL;) {
		char *and = strstr(part, " and ");
		if (and != NULL)
			*and = '\0';
		char words[256];
		if (sscanf(part, " unread = \"yes\" %1s", words) == EOF) {
			*unread = true;
		} else if (sscanf(part, " title =~ \"%255[^\"]\"", words) == 1 && *query == NULL &&
			   strspn(words, " ") < strlen(words)) {
			/* words only: a pattern (.*, [a-z]...) means more than bantin's words can
			 */
			for (const char *c = words; ok && *c != '\0'; c++)
				ok = (unsigned char)*c >= 0x80 || *c == ' ' || *c == '-' ||
				     (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
				     (*c >= 'A' && *c <= 'Z');
			if (ok)
				*query = xstrdup(words);
		} else {
			ok = false;
		}
		part = and != NULL ? and+5 : NULL;
	}
	free(f);
	if (!ok || (*query == NULL && !*unread)) {
		free(*query);
		*query = NULL;
		return false;
	}
	if (*query == NULL)
		*query = xstrdup("");
	return true;
}

/* A "search:NAME:QUERY" line (or newsboat's "query:NAME:FILTER") into out->searches. */
static void config_search_line(const char *tok, const char *shown, int lineno,
			       struct config_feeds *out)
{
	bool newsboat = tok[0] == 'q';
	const char *name = strchr(tok, ':') + 1, *colon = strchr(name, ':');
	if (colon == NULL || colon == name || colon[1] == '\0') {
		config_feeds_warn(out, shown, lineno,
				  newsboat
				      ? "a query: line is \"query:NAME:FILTER\""
				      : "a search: line is \"search:NAME:QUERY\" (quoted when it "
					"holds blanks)");
		return;
	}
	char *query = NULL;
	bool unread = false;
	if (newsboat && !config_newsboat_filter(colon + 1, &query, &unread)) {
		config_feeds_warn(
		    out, shown, lineno,
		    "only newsboat queries of unread = \"yes\" and title =~ \"words\" "
		    "are read (write a \"search:NAME:QUERY\" line)");
		return;
	}
	out->searches = xreallocarray(out->searches, out->nsearches + 1, sizeof *out->searches);
	char *n = xstrndup(name, (size_t)(colon - name));
	out->searches[out->nsearches++] = (struct config_search){
	    text_clean(n, strlen(n), TEXT_CLEAN_LINE),
	    query != NULL ? query : text_clean(colon + 1, strlen(colon + 1), TEXT_CLEAN_LINE),
	    unread, lineno};
	free(n);
}

/* Reads one line's feed into c; 1 a feed, 0 nothing (blank, comment, skipped), -1 error. */
static int config_feeds_line(const char *line, const char *path, const char *shown, int lineno,
			     struct config_feeds *out, struct config_feed *c, char *err,
			     size_t errlen)
{
	struct core_buf tok;
	core_buf_init(&tok, 0);
	const char *p = line;
	int rc = config_token(&p, &tok);
	if (rc < 0)
		core_err_set(err, errlen, "%s:%d: a quote is not closed", shown, lineno);
	if (rc <= 0)
		goto out;
	const char *url = core_buf_str(&tok);
	if (strncmp(url, "search:", 7) == 0 || strncmp(url, "query:", 6) == 0) {
		config_search_line(url, shown, lineno, out);
		rc = 0;
		goto out;
	}
	if (strncmp(url, "exec:", 5) == 0 || strncmp(url, "filter:", 7) == 0) {
		out->warnings = xreallocarray(out->warnings, out->nwarnings + 1, sizeof(char *));
		out->warnings[out->nwarnings++] =
		    xasprintf("%s:%d: %.*s feeds are not supported; line skipped", shown, lineno,
			      (int)(strchr(url, ':') - url), url);
		rc = 0;
		goto out;
	}
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		char *s = core_str_printable(url);
		core_err_set(err, errlen, "%s:%d: '%s' is not an http or https URL", shown, lineno,
			     s);
		free(s);
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < out->n; i++) {
		if (strcmp(out->v[i].url, url) == 0) {
			out->warnings =
			    xreallocarray(out->warnings, out->nwarnings + 1, sizeof(char *));
			out->warnings[out->nwarnings++] =
			    xasprintf("%s:%d: the same feed as line %d; line skipped", shown,
				      lineno, out->v[i].line);
			rc = 0;
			goto out;
		}
	}
	memset(c, 0, sizeof *c);
	c->full = -1;
	c->url = core_buf_take(&tok);
	c->line = lineno;
	while ((rc = config_token(&p, &tok)) > 0) {
		const char *t = core_buf_str(&tok);
		bool quoted = rc == 2;
		if (t[0] == '~' && t[1] != '\0') {
			free(c->name);
			c->name = text_clean(t + 1, strlen(t + 1), TEXT_CLEAN_LINE);
		} else if (quoted) { /* a quoted word is a tag, '=' and all */
			c->tags = xreallocarray(c->tags, c->ntags + 1, sizeof(char *));
			c->tags[c->ntags++] = text_clean(t, strlen(t), TEXT_CLEAN_LINE);
		} else if (strncmp(t, "cafile=", 7) == 0 && t[7] != '\0') {
			free(c->cafile);
			c->cafile = config_path(t + 7, path);
		} else if (strcmp(t, "tls-verify=no") == 0) {
			c->insecure = true;
		} else if (strcmp(t, "tls-verify=yes") == 0) {
			c->insecure = false;
		} else if (strncmp(t, "site=", 5) == 0) {
			if (!config_site_name(t + 5)) {
				char *s = core_str_printable(t + 5);
				core_err_set(err, errlen,
					     "%s:%d: '%s' is not a site profile's name (letters,"
					     " digits, '.', '-' and '_')",
					     shown, lineno, s);
				free(s);
				rc = -2;
				break;
			}
			free(c->site);
			c->site = xstrdup(t + 5);
		} else if (strcmp(t, "full-article=yes") == 0 ||
			   strcmp(t, "full-article=no") == 0) {
			c->full = t[13] == 'y';
		} else if (strchr(t, '=') != NULL && strspn(t, "abcdefghijklmnopqrstuvwxyz-") ==
							 (size_t)(strchr(t, '=') - t)) {
			char *s = core_str_printable(t);
			core_err_set(err, errlen,
				     "%s:%d: unknown feed option '%s' (known: cafile=FILE,"
				     " tls-verify=no, site=NAME, full-article=yes|no; quote a tag"
				     " that holds '=')",
				     shown, lineno, s);
			free(s);
			rc = -2;
			break;
		} else {
			c->tags = xreallocarray(c->tags, c->ntags + 1, sizeof(char *));
			c->tags[c->ntags++] = text_clean(t, strlen(t), TEXT_CLEAN_LINE);
		}
	}
	if (rc == -1)
		core_err_set(err, errlen, "%s:%d: a quote is not closed", shown, lineno);
	if (rc < 0) {
		config_feed_clear(c);
		rc = -1;
		goto out;
	}
	rc = 1;
out:
	core_buf_free(&tok);
	return rc;
}

bool config_read(const char *path, const char *shown, const char *what, size_t max,
		 struct core_buf *b, bool *missing, char *err, size_t errlen)
{
	core_buf_init(b, max);
	*missing = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*missing = errno == ENOENT;
		core_err_set(err, errlen, "%s: cannot read the %s: %s", shown, what,
			     strerror(errno));
		return false;
	}
	char chunk[8192];
	ssize_t got;
	while ((got = read(fd, chunk, sizeof chunk)) > 0) {
		if (!core_buf_append(b, chunk, (size_t)got)) {
			core_err_set(err, errlen, "%s: too large for a %s", shown, what);
			close(fd);
			return false;
		}
	}
	int e = errno;
	close(fd);
	if (got < 0) {
		core_err_set(err, errlen, "%s: cannot read the %s: %s", shown, what, strerror(e));
		return false;
	}
	/* A byte order mark, as some editors write, is not part of the first line. */
	if (b->len >= 3 && memcmp(b->data, "\xef\xbb\xbf", 3) == 0) {
		memmove(b->data, b->data + 3, b->len - 3 + 1);
		b->len -= 3;
	}
	return true;
}

bool config_feeds_load(const char *path, bool create, struct config_feeds *out, char *err,
		       size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	char *shown = core_str_printable(path);
	bool ok = false, missing = false;
	struct core_buf b;
	if (!config_read(path, shown, "feeds file", CONFIG_FEEDS_MAX, &b, &missing, err, errlen)) {
		if (!missing || !create)
			goto out;
		core_buf_free(&b);
		if (!config_feeds_create(path, shown, err, errlen) ||
		    !config_read(path, shown, "feeds file", CONFIG_FEEDS_MAX, &b, &missing, err,
				 errlen))
			goto out;
	}
	char *text = text_utf8_fix(core_buf_str(&b), b.len);
	int lineno = 1;
	size_t cap = 0;
	ok = true;
	for (const char *line = text; *line != '\0'; lineno++) {
		struct config_feed c;
		int rc = config_feeds_line(line, path, shown, lineno, out, &c, err, errlen);
		if (rc < 0) { /* a line bantin cannot use: the others are read */
			out->warnings =
			    xreallocarray(out->warnings, out->nwarnings + 1, sizeof(char *));
			out->warnings[out->nwarnings++] = xasprintf("%s; line skipped", err);
			err[0] = '\0';
		}
		if (rc > 0) {
			if (out->n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			out->v[out->n++] = c;
		}
		const char *nl = strchr(line, '\n');
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	free(text);
	if (!ok)
		config_feeds_free(out);
out:
	core_buf_free(&b);
	free(shown);
	return ok;
}

const struct config_feed *config_feeds_find(const struct config_feeds *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->v[i].url, key) == 0)
			return &f->v[i];
	}
	char *k = text_fold(key, strlen(key), NULL);
	const struct config_feed *found = NULL;
	for (size_t i = 0; i < f->n && found == NULL; i++) {
		if (f->v[i].name == NULL)
			continue;
		char *name = text_fold(f->v[i].name, strlen(f->v[i].name), NULL);
		if (strcmp(name, k) == 0)
			found = &f->v[i];
		free(name);
	}
	free(k);
	return found;
}

char *config_file_path(enum config_file which, const char *given, char *err, size_t errlen)
{
	if (given != NULL)
		return xstrdup(given);
	char *dir =
	    core_xdg_dir(which == CONFIG_FILE_CACHE ? CORE_XDG_DATA : CORE_XDG_CONFIG, err, errlen);
	if (dir == NULL)
		return NULL;
	char *out = core_path_join(dir, which == CONFIG_FILE_CACHE   ? "cache.db"
					: which == CONFIG_FILE_FEEDS ? "feeds"
								     : "config");
	free(dir);
	return out;
}

void config_theme_dirs(char *dirs[CONFIG_THEME_DIRS])
{
	char *user = core_xdg_dir(CORE_XDG_CONFIG, NULL, 0);
	dirs[0] = user != NULL ? core_path_join(user, "themes") : NULL;
	dirs[1] = (char *)BANTIN_THEMES_DIR;
	dirs[2] = (char *)BANTIN_SOURCE_THEMES_DIR;
	free(user);
}

/* ---- editing the feeds file in place ---- */

/* Whether a word must be quoted in a feeds-file line. */
static bool config_needs_quotes(const char *w)
{
	return w[0] == '\0' || w[0] == '#' || w[0] == '"' || w[0] == '~' ||
	       strpbrk(w, " \t\"\\=") != NULL;
}

/* Appends w to b, quoted when it must be. */
static void config_put_word(struct core_buf *b, const char *w, bool quote)
{
	core_buf_putc(b, ' ');
	if (!quote) {
		core_buf_puts(b, w);
		return;
	}
	core_buf_putc(b, '"');
	for (; *w != '\0'; w++) {
		if (*w == '"' || *w == '\\')
			core_buf_putc(b, '\\');
		if ((unsigned char)*w >= 0x20)
			core_buf_putc(b, *w);
	}
	core_buf_putc(b, '"');
}

char *config_feeds_line_for(const char *url, const char *name, const char *const *tags,
			    size_t ntags)
{
	struct core_buf b;
	core_buf_init(&b, 0);
	core_buf_puts(&b, url);
	for (size_t i = 0; i < ntags; i++)
		if (tags[i] != NULL && tags[i][0] != '\0')
			config_put_word(&b, tags[i], config_needs_quotes(tags[i]));
	if (name != NULL && name[0] != '\0') {
		char *n = xasprintf("~%s", name);
		config_put_word(&b, n, true);
		free(n);
	}
	return core_buf_take(&b);
}

/*
 * Writes text as the file at path (through a symbolic link to its target)
 * by a new file renamed over it, keeping its permissions: nobody ever reads
 * half a file. False with err.
 */
static bool config_write_file(const char *path, const char *shown, const char *text, size_t len,
			      char *err, size_t errlen)
{
	char *real = realpath(path, NULL);
	const char *target = real != NULL ? real : path;
	struct stat sb;
	mode_t mode = stat(target, &sb) == 0 ? (sb.st_mode & 07777) : 0600;
	char *tmp = xasprintf("%s.new-XXXXXX", target);
	int fd = mkstemp(tmp);
	bool ok = fd >= 0;
	if (ok) {
		ok =
		    fchmod(fd, mode) == 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
		ok = ok && rename(tmp, target) == 0;
		if (!ok)
			unlink(tmp);
	}
	if (!ok)
		core_err_set(err, errlen, "%s: cannot write the feeds file: %s", shown,
			     strerror(errno));
	free(tmp);
	free(real);
	return ok;
}

int config_feeds_append(const char *path, const char *line, char *err, size_t errlen)
{
	struct config_feeds f;
	bool fresh = access(path, F_OK) != 0;
	if (fresh) { /* a new file: the comments on how to write it, then this line */
		char *shown = core_str_printable(path);
		const char *portal = strstr(config_feeds_default, "\n\n" CONFIG_PORTAL_FEED);
		char *text = xasprintf("%.*s%s\n", (int)(portal - config_feeds_default + 2),
				       config_feeds_default, line);
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');
		if (slash != NULL && slash != dir)
			*slash = '\0';
		bool ok = slash == NULL || slash == dir || core_path_mkdirs(dir, 0700, err, errlen);
		ok = ok && config_write_file(path, shown, text, strlen(text), err, errlen);
		free(dir);
		free(text);
		free(shown);
		return ok ? 1 : -1;
	}
	if (!config_feeds_load(path, false, &f, err, errlen))
		return -1;
	const char *p = line;
	struct core_buf url;
	core_buf_init(&url, 0);
	config_token(&p, &url);
	bool there = false;
	for (size_t i = 0; i < f.n && !there; i++)
		there = strcmp(f.v[i].url, core_buf_str(&url)) == 0;
	core_buf_free(&url);
	config_feeds_free(&f);
	if (there)
		return 0;
	char *shown = core_str_printable(path);
	struct core_buf b;
	bool missing;
	int rc = -1;
	if (config_read(path, shown, "feeds file", CONFIG_FEEDS_MAX, &b, &missing, err, errlen)) {
		if (b.len > 0 && b.data[b.len - 1] != '\n')
			core_buf_putc(&b, '\n');
		core_buf_printf(&b, "%s\n", line);
		rc = config_write_file(path, shown, core_buf_str(&b), b.len, err, errlen) ? 1 : -1;
	}
	core_buf_free(&b);
	free(shown);
	return rc;
}

/*
 * Rewrites the feeds file: each line whose URL is url becomes what edit puts
 * in out for it (given the line, its length and where its URL ends; nothing
 * drops it), the rest stays as it was. The number of such lines (the file
 * is written only when there are some), -1 with err.
 */
static int config_feeds_rewrite(const char *path, const char *url,
				void (*edit)(struct core_buf *out, const char *line, size_t len,
					     size_t url_end, void *arg),
				void *arg, char *err, size_t errlen)
{
	char *shown = core_str_printable(path);
	struct core_buf b, out, tok;
	bool missing;
	int rc = -1;
	core_buf_init(&out, 0);
	core_buf_init(&tok, 0);
	if (config_read(path, shown, "feeds file", CONFIG_FEEDS_MAX, &b, &missing, err, errlen)) {
		rc = 0;
		for (const char *line = core_buf_str(&b); *line != '\0';) {
			const char *nl = strchr(line, '\n');
			size_t len = nl != NULL ? (size_t)(nl - line + 1) : strlen(line);
			const char *p = line;
			if (config_token(&p, &tok) > 0 && strcmp(core_buf_str(&tok), url) == 0) {
				edit(&out, line, len, (size_t)(p - line), arg);
				rc++;
			} else {
				core_buf_append(&out, line, len);
			}
			line += len;
		}
		if (rc > 0 &&
		    !config_write_file(path, shown, core_buf_str(&out), out.len, err, errlen))
			rc = -1;
	}
	core_buf_free(&b);
	core_buf_free(&out);
	core_buf_free(&tok);
	free(shown);
	return rc;
}

static void config_feeds_drop_line(struct core_buf *out, const char *line, size_t len,
				   size_t url_end, void *arg)
{
	(void)out;
	(void)line;
	(void)len;
	(void)url_end;
	(void)arg;
}

int config_feeds_remove(const char *path, const char *key, char **url, char *err, size_t errlen)
{
	*url = NULL;
	struct config_feeds f;
	if (!config_feeds_load(path, false, &f, err, errlen))
		return -1;
	const struct config_feed *c = config_feeds_find(&f, key);
	if (c == NULL) {
		config_feeds_free(&f);
		return 0;
	}
	*url = xstrdup(c->url);
	config_feeds_free(&f);
	return config_feeds_rewrite(path, *url, config_feeds_drop_line, NULL, err, errlen);
}

/* The new tags (arg, a core_buf) right after the URL, the rest of the line as it was. */
static void config_feeds_tag_line(struct core_buf *out, const char *line, size_t len,
				  size_t url_end, void *arg)
{
	const struct core_buf *add = arg;
	core_buf_append(out, line, url_end);
	core_buf_append(out, add->data, add->len);
	core_buf_append(out, line + url_end, len - url_end);
}

int config_feeds_add_tags(const char *path, const char *url, const char *const *tags, size_t ntags,
			  char *err, size_t errlen)
{
	struct config_feeds f;
	if (!config_feeds_load(path, false, &f, err, errlen))
		return -1;
	struct core_buf add;
	core_buf_init(&add, 0);
	for (size_t i = 0; i < f.n; i++) {
		if (strcmp(f.v[i].url, url) != 0)
			continue;
		for (size_t t = 0; t < ntags; t++) {
			bool has = tags[t] == NULL || tags[t][0] == '\0';
			for (size_t k = 0; k < f.v[i].ntags && !has; k++)
				has = strcmp(f.v[i].tags[k], tags[t]) == 0;
			for (size_t k = 0; k < t && !has; k++) /* given twice */
				has = strcmp(tags[k], tags[t]) == 0;
			if (!has)
				config_put_word(&add, tags[t], config_needs_quotes(tags[t]));
		}
	}
	config_feeds_free(&f);
	int rc = add.len == 0
		     ? 0
		     : config_feeds_rewrite(path, url, config_feeds_tag_line, &add, err, errlen);
	core_buf_free(&add);
	return rc < 0 ? -1 : rc > 0;
}
