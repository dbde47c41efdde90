/*
 * refresh_probe.c: what feeds a URL offers, for `bantin feeds add`. The
 * URL itself when it is a feed; else the feeds its page names (<link
 * rel="alternate">), else the places sites usually keep one (/feed/,
 * /rss, /atom.xml...). Every candidate is fetched and parsed: only what is
 * a feed is offered, with its title; a comments feed only when it is all
 * there is.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "feed.h"
#include "net.h"
#include "refresh.h"
#include "refresh_internal.h"

/* The usual places of a site's feed, tried when its page names none. */
static const char *const refresh_probe_paths[] = {
    "/feed/", "/rss", "/feed", "/atom.xml", "/rss.xml", "/index.xml", "/feed.xml", "/feed.json",
};

struct refresh_probe_run {
	struct net_result **res; /* by request, in the order added */
	size_t n;
};

static void refresh_probe_done(struct net_result *r, void *arg)
{
	struct refresh_probe_run *run = arg;
	size_t i = (size_t)(uintptr_t)r->user;
	if (i < run->n)
		run->res[i] = r;
	else
		net_result_free(r);
}

/* Fetches urls[0..n) at once; results[i] for urls[i] (owned by the caller). */
static void refresh_probe_fetch(const struct refresh_opts *o, char *const *urls, size_t n,
				struct net_result **results)
{
	struct refresh_probe_run run = {results, n};
	struct net_opts no;
	refresh_net_opts(o, &no);
	no.retries = -1; /* a probe is quick: what does not answer is no feed */
	struct net *net = net_new(&no, refresh_probe_done, &run);
	for (size_t i = 0; i < n; i++) {
		results[i] = NULL;
		struct net_request req = {.url = urls[i], .user = (void *)(uintptr_t)i};
		net_add(net, &req);
	}
	while (net_pending(net) > 0)
		net_step(net, NULL, 0, 250);
	net_free(net);
}

static void refresh_probe_item(struct feed_item *item, void *arg)
{
	(void)item;
	(void)arg;
}

/* Whether body is a feed: its title into *title (owned) and its format's name. */
static bool refresh_probe_is_feed(const struct core_buf *body, const struct net_result *r,
				  char **title, const char **format)
{
	struct feed_parse_opts po = {r->final_url != NULL ? r->final_url : r->url, r->content_type,
				     0};
	struct feed_info info;
	char err[CORE_ERRLEN];
	enum feed_status st = feed_parse(core_buf_str(body), body->len, &po, &info,
					 refresh_probe_item, NULL, err, sizeof err);
	if (st != FEED_OK && st != FEED_PARTIAL)
		return false;
	*title = info.title != NULL ? xstrdup(info.title) : NULL;
	*format = feed_format_name(info.format);
	feed_info_free(&info);
	return true;
}

/* Whether a found feed is a comments feed (WordPress's "Comments for ..."). */
static bool refresh_probe_comments(const struct refresh_found *f)
{
	return strstr(f->url, "/comments/") != NULL ||
	       (f->title != NULL &&
		(strncmp(f->title, "Comments", 8) == 0 || strncmp(f->title, "Bình luận", 11) == 0));
}

void refresh_found_free(struct refresh_found *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].title);
	}
	free(v);
}

bool refresh_probe(const char *url, const struct refresh_opts *o, struct refresh_found **out,
		   size_t *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	size_t max = o->max_size != 0 ? o->max_size : FEED_MAX_SIZE_DEFAULT;
	struct net_result *first;
	char *one[] = {(char *)(uintptr_t)url};
	refresh_probe_fetch(o, one, 1, &first);
	if (first == NULL || !first->ok) {
		core_err_set(err, errlen, "%s", first != NULL ? first->error : "no answer");
		net_result_free(first);
		return false;
	}
	struct core_buf body;
	if (!refresh_page_body(first, max, &body)) {
		core_err_set(err, errlen, "its answer is larger than the size limit");
		core_buf_free(&body);
		net_result_free(first);
		return false;
	}
	char *title = NULL;
	const char *format = NULL;
	if (refresh_probe_is_feed(&body, first, &title, &format)) { /* a feed itself */
		*out = xcalloc(1, sizeof **out);
		(*out)[0] = (struct refresh_found){xstrdup(url), title, format};
		*n = 1;
		core_buf_free(&body);
		net_result_free(first);
		return true;
	}
	/* a page: the feeds it names, else the usual places on its site */
	const char *page = first->final_url != NULL ? first->final_url : url;
	char charset[64] = "";
	if (first->content_type != NULL)
		feed_http_charset(first->content_type, charset, sizeof charset);
	char **cands = NULL;
	size_t ncands = 0;
	extract_feed_links(core_buf_str(&body), body.len, page, charset[0] != '\0' ? charset : NULL,
			   &cands, &ncands);
	core_buf_free(&body);
	if (ncands == 0) {
		char *host = core_str_host(page);
		const char *scheme_end = strstr(page, "://");
		const char *path = scheme_end != NULL ? strchr(scheme_end + 3, '/') : NULL;
		size_t origin = path != NULL ? (size_t)(path - page) : strlen(page);
		for (size_t i = 0; host != NULL && i < CORE_NELEM(refresh_probe_paths); i++) {
			cands = xreallocarray(cands, ncands + 1, sizeof *cands);
			cands[ncands++] =
			    xasprintf("%.*s%s", (int)origin, page, refresh_probe_paths[i]);
		}
		free(host);
	}
	net_result_free(first);
	struct net_result **res = xcalloc(ncands > 0 ? ncands : 1, sizeof *res);
	refresh_probe_fetch(o, cands, ncands, res);
	for (size_t i = 0; i < ncands; i++) {
		struct core_buf b;
		core_buf_init(&b, 0);
		if (res[i] != NULL && res[i]->ok && refresh_page_body(res[i], max, &b) &&
		    refresh_probe_is_feed(&b, res[i], &title, &format)) {
			bool seen = false;
			for (size_t k = 0; k < *n && !seen; k++)
				seen = strcmp((*out)[k].url, cands[i]) == 0;
			if (!seen) {
				*out = xreallocarray(*out, *n + 1, sizeof **out);
				(*out)[(*n)++] =
				    (struct refresh_found){xstrdup(cands[i]), title, format};
			} else {
				free(title);
			}
		}
		core_buf_free(&b);
		if (res[i] != NULL)
			net_result_free(res[i]);
		free(cands[i]);
	}
	free(res);
	free(cands);
	/* a comments feed is offered only when it is all there is */
	size_t keep = 0, plain = 0;
	for (size_t i = 0; i < *n; i++)
		plain += !refresh_probe_comments(&(*out)[i]);
	for (size_t i = 0; i < *n; i++) {
		if (plain > 0 && refresh_probe_comments(&(*out)[i])) {
			free((*out)[i].url);
			free((*out)[i].title);
		} else {
			(*out)[keep++] = (*out)[i];
		}
	}
	*n = keep;
	if (*n == 0) {
		core_err_set(err, errlen,
			     "no feed found: the page names none, and none is at the usual places"
			     " (/feed/, /rss, /atom.xml...)");
		free(*out);
		*out = NULL;
		return false;
	}
	return true;
}
