/*
 * refresh.c: the pipeline. A feed is a job that goes
 *
 *   waiting ──► net (fetching) ──► todo ──► worker (parse, index text) ──► parsed ──► store
 *
 * Only the calling thread touches net and writes the store; workers take
 * jobs from `todo` and put them on `parsed` under one mutex, then wake the
 * calling thread out of its poll. A worker looks each item up with a store
 * connection of its own and makes the index text (the costliest part of an
 * item) only for articles that are new or changed: a feed whose document
 * changed brings mostly articles stored as they are. Bodies wait in temporary files (net's
 * spool), not in memory: a worker parses one as it reads it. Memory stays
 * flat however many feeds there are: jobs parsed and not yet written are
 * at most max_ahead, and a parsed job is freed as soon as it is written.
 * At most REFRESH_BODY_FETCHES jobs that will likely bring a body are with
 * net (enough to hide a far server's latency), and those fetched with a body
 * but not yet written are at most REFRESH_WAITING_BODIES beside (so the files
 * stay few). A feed asked with validators likely answers 304, with no body:
 * up to REFRESH_MAX_FETCHES of those go at once (one round trip for a whole
 * portal over HTTP/2), until one of them does bring a body, after which they
 * count as the others do. Where no temporary file can be made, bodies are
 * held in memory, and the two limits shrink to REFRESH_MEMORY_BODIES.
 *
 * Articles' web pages are jobs of the same pipeline. When a feed is written,
 * the store says which of its articles' pages are due (a summary-only item
 * of a site with a profile, every item of a full-article=yes feed, a page
 * that failed and whose delay is over); those are queued, and go to net
 * only once every feed has (pages never crowd out feeds), at most
 * REFRESH_PAGE_FETCHES at once. A worker extracts the article (extract);
 * the calling thread writes it, or the failure with the next attempt's time.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "extract.h"
#include "feed.h"
#include "bantin_version.h"
#include "html.h"
#include "net.h"
#include "refresh.h"
#include "text.h"

#define REFRESH_MAX_FETCHES    64
#define REFRESH_BODY_FETCHES   16
#define REFRESH_WAITING_BODIES 8
#define REFRESH_MEMORY_BODIES  3
/* Pages fetched at once, and queued for a feed in one refresh (the newest first). */
#define REFRESH_PAGE_FETCHES 4
#define REFRESH_PAGES_A_FEED 100
/* An item whose body has fewer characters than this is taken for a summary. */
#define REFRESH_SUMMARY_CHARS 500
/* A page that failed is tried again after an hour, doubled for each failure, at most a week. */
#define REFRESH_PAGE_RETRY     3600
#define REFRESH_PAGE_RETRY_MAX (7 * 86400)

/* An item as parsed, every string owned. */
struct refresh_item {
	char *guid, *link, *title, *author, *categories, *summary, *content;
	char *index[3]; /* store_index_text, made here rather than on the writing thread */
	int64_t hash;   /* store_item_hash, likewise */
	int64_t published, updated;
	bool page; /* its web page is wanted */
};

enum refresh_job_kind { REFRESH_JOB_FEED, REFRESH_JOB_PAGE };

struct refresh_job {
	struct refresh *r;
	enum refresh_job_kind kind;
	int64_t feed_id;
	char *url;   /* as the feeds file says */
	char *fetch; /* where it is fetched from */
	char *etag, *last_modified, *cafile;
	bool insecure;
	char *site; /* the feeds file's site=NAME, or NULL */
	int full;   /* its full-article=: 1 yes, 0 no, -1 not said */
	/* REFRESH_JOB_PAGE: the article whose page it is, and the page as extracted */
	int64_t article_id;
	int tries;
	struct extract_article page;
	bool have_page;
	bool cheap;             /* fetched as likely to answer 304 */
	struct net_result *res; /* once fetched */
	bool failed;
	char error[CORE_ERRLEN];
	char *warning;
	struct feed_info info;
	bool have_info;
	struct refresh_item *items;
	size_t nitems, cap;
	struct store *lookup; /* while parsed: the parsing thread's connection to the store */
	struct refresh_job *next;
};

struct refresh_queue {
	struct refresh_job *head, *tail;
};

struct refresh {
	struct store *st;
	refresh_fn fn;
	void *arg;
	struct net *net;
	size_t max_size;
	struct refresh_queue waiting; /* not yet handed to net */
	struct refresh_queue pages;   /* pages, likewise: once no feed is waiting */
	size_t page_fetching;         /* pages handed to net */
	size_t pages_total, pages_done;
	bool no_pages;
	bool page_now; /* a page asked for by refresh_add_page goes before the feeds */
	struct extract_profiles *profiles; /* NULL when they could not be read */
	char *warning;                     /* why not, once */
	size_t fetching;                   /* jobs handed to net */
	size_t body_fetching;              /* of those, jobs not counted as cheap */
	size_t max_body_fetching;          /* REFRESH_BODY_FETCHES, or fewer connections */
	size_t bodies;                     /* jobs fetched with a body, not yet written */
	bool changing;                     /* a feed asked with validators brought a body */
	bool in_memory;                    /* a body came that could not be spooled */
	size_t total, done;
	/* Shared with the workers, under mu. */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct refresh_queue todo, parsed;
	size_t ahead; /* jobs being parsed or parsed, not yet taken to be written */
	size_t max_ahead;
	bool stopping;
	pthread_t *threads;
	int nthreads;
};

static void refresh_push(struct refresh_queue *q, struct refresh_job *j)
{
	j->next = NULL;
	if (q->tail != NULL)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

static struct refresh_job *refresh_pop(struct refresh_queue *q)
{
	struct refresh_job *j = q->head;
	if (j != NULL) {
		q->head = j->next;
		if (q->head == NULL)
			q->tail = NULL;
		j->next = NULL;
	}
	return j;
}

static void refresh_job_free(struct refresh_job *j)
{
	free(j->url);
	free(j->fetch);
	free(j->etag);
	free(j->last_modified);
	free(j->cafile);
	free(j->site);
	if (j->have_page)
		extract_article_free(&j->page);
	net_result_free(j->res);
	free(j->warning);
	if (j->have_info)
		feed_info_free(&j->info);
	for (size_t i = 0; i < j->nitems; i++) {
		struct refresh_item *it = &j->items[i];
		free(it->guid);
		free(it->link);
		free(it->title);
		free(it->author);
		free(it->categories);
		free(it->summary);
		free(it->content);
		for (size_t k = 0; k < 3; k++)
			free(it->index[k]);
	}
	free(j->items);
	free(j);
}

/* A key for an item with neither id nor link: a fingerprint of its title and text. */
static char *refresh_synth_guid(const struct feed_item *it)
{
	uint64_t h = CORE_STR_HASH_START;
	h = core_str_hash(h, it->title);
	h = core_str_hash(h, it->summary);
	h = core_str_hash(h, it->content);
	return xasprintf("bantin:%016llx", (unsigned long long)h);
}

/* The store's view of an item (borrowing its strings). */
static void refresh_store_item(const struct refresh_item *it, struct store_item *out)
{
	*out = (struct store_item){
	    .guid = it->guid,
	    .link = it->link,
	    .title = it->title,
	    .author = it->author,
	    .published = it->published,
	    .updated = it->updated,
	    .categories = it->categories,
	    .summary = it->summary,
	    .content = it->content,
	    .index = {it->index[0], it->index[1], it->index[2]},
	    .hash = it->hash,
	    .page = it->page,
	};
}

/*
 * store_text_fn: html_text_raw for the index, html_text for what is shown.
 * The index text a worker makes comes from it, and so does the text the
 * store makes again to take an article out of the index: the same values.
 */
static char *refresh_text(const char *html, size_t len, bool raw)
{
	return raw ? html_text_raw(html, len) : html_text(html, len);
}

/*
 * Whether text (an item's body) is only a summary: short, or ending as a
 * teaser does ("[…]", "…", "Xem tiếp", "Đọc tiếp", "Read more").
 */
static bool refresh_summary_only(const char *text)
{
	static const char *const endings[] = {
	    "[…]",      "[...]",    "…",        "...",       "Xem tiếp",
	    "Đọc tiếp", "Xem thêm", "Đọc thêm", "Read more", "Continue reading",
	};
	size_t len = strlen(text);
	/* what a teaser's end may carry after its words: spaces, arrows, quotes */
	while (len > 0) {
		size_t k = len - 1;
		while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
		int32_t cp;
		text_utf8_decode(text + k, len - k, &cp);
		if (cp != ' ' && cp != '\t' && cp != '\r' && cp != '\n' && cp != '>' && cp != '"' &&
		    cp != '\'' && cp != 0xA0 && cp != 0xBB && cp != 0x203A && cp != 0x2192)
			break;
		len = k;
	}
	for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
		size_t n = strlen(endings[i]);
		if (len >= n && memcmp(text + len - n, endings[i], n) == 0)
			return true;
	}
	size_t chars = 0;
	for (size_t i = 0; i < len && chars < REFRESH_SUMMARY_CHARS; i++)
		chars += ((unsigned char)text[i] & 0xC0) != 0x80 && (unsigned char)text[i] > ' ';
	return chars < REFRESH_SUMMARY_CHARS;
}

/*
 * Whether item it's web page is wanted, its body's text being text: never
 * with full-article=no; always with =yes; else when the body is a summary
 * and the page has a profile (the feed's site=, or one for its host).
 */
static bool refresh_wants_page(const struct refresh_job *j, const struct refresh_item *it,
			       const char *text)
{
	if (j->full == 0 || it->link == NULL || !net_url_ok(it->link))
		return false;
	if (j->full == 1)
		return true;
	const struct extract_profiles *p = j->r->profiles;
	if (p == NULL || !(j->site != NULL ? extract_profiles_has(p, j->site, NULL)
					   : extract_profiles_has(p, NULL, it->link)))
		return false;
	return refresh_summary_only(text);
}

/* feed_parse's callback, on a worker: copies one item, with its index text when it is new or
 * changed. */
static void refresh_on_item(struct feed_item *it, void *arg)
{
	struct refresh_job *j = arg;
	if (j->nitems == j->cap) {
		j->cap = j->cap == 0 ? 32 : j->cap * 2;
		j->items = xreallocarray(j->items, j->cap, sizeof *j->items);
	}
	struct refresh_item *o = &j->items[j->nitems++];
	memset(o, 0, sizeof *o);
	if (it->id != NULL && it->id[0] != '\0')
		o->guid = xstrdup(it->id);
	else if (it->link != NULL && it->link[0] != '\0')
		o->guid = xstrdup(it->link);
	else
		o->guid = refresh_synth_guid(it);
	/* The item's strings are taken, not copied. */
	o->link = it->link;
	o->title = it->title;
	o->author = it->author;
	it->link = it->title = it->author = NULL;
	o->published = it->published == FEED_NO_DATE ? STORE_NO_TIME : it->published;
	o->updated = it->updated == FEED_NO_DATE ? STORE_NO_TIME : it->updated;
	if (it->ncategories > 0) {
		struct core_buf b;
		core_buf_init(&b, 0);
		for (size_t i = 0; i < it->ncategories; i++) {
			if (i > 0)
				core_buf_putc(&b, '\n');
			core_buf_puts(&b, it->categories[i]);
		}
		o->categories = core_buf_take(&b);
	}
	o->summary = it->summary != NULL ? html_text_line(it->summary, strlen(it->summary)) : NULL;
	/* The body is rendered when it is shown; its text is what the index needs. An item
	   with no body but a summary (an RSS description alone, as VnExpress's and many
	   others send) has that summary's HTML for body: its paragraphs, links and images. */
	if (it->content != NULL && it->content[0] != '\0') {
		o->content = it->content;
		it->content = NULL;
	} else if (it->summary != NULL && it->summary[0] != '\0') {
		o->content = it->summary;
		it->summary = NULL;
	}
	struct store_item si;
	refresh_store_item(o, &si);
	o->hash = store_item_hash(&si);
	/* An article stored as it is now is not written again: no index text for it. A
	   store that changes before it is written makes its own (store_index_item). */
	int64_t had;
	if (j->lookup != NULL && store_article_hash(j->lookup, j->feed_id, o->guid, &had) &&
	    had == o->hash)
		return;
	/* Folded for the index, so not cleaned first: the store makes it so again. */
	char *text = refresh_text(o->content != NULL ? o->content : "",
				  o->content != NULL ? strlen(o->content) : 0, true);
	store_index_text(o->title, o->summary, text, o->index);
	o->page = refresh_wants_page(j, o, text);
	free(text);
}

/* The charset a Content-Type names into out ("" when it names none). */
static void refresh_charset(const char *content_type, char *out, size_t size)
{
	out[0] = '\0';
	for (const char *p = content_type; p != NULL && *p != '\0'; p++) {
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		p += *p == '"' || *p == '\'';
		size_t n = strcspn(p, "\"'; \t");
		if (n < size) {
			memcpy(out, p, n);
			out[n] = '\0';
		}
		return;
	}
}

/* A fetched page, read whole into b (a page is parsed as a tree, not as a stream). */
static bool refresh_page_body(struct net_result *res, size_t max, struct core_buf *b)
{
	core_buf_init(b, max);
	if (res->spool < 0)
		return core_buf_append(b, res->body.data != NULL ? res->body.data : "",
				       res->body.len);
	char chunk[65536];
	ssize_t got;
	while ((got = read(res->spool, chunk, sizeof chunk)) > 0) {
		if (!core_buf_append(b, chunk, (size_t)got))
			return false;
	}
	return got == 0;
}

/* Extracts a fetched page's article (any thread). */
static void refresh_parse_page(struct refresh_job *j)
{
	struct net_result *res = j->res;
	struct core_buf b;
	char charset[64], err[CORE_ERRLEN];
	refresh_charset(res->content_type, charset, sizeof charset);
	if (!refresh_page_body(res, j->r->max_size, &b)) {
		j->failed = true;
		core_err_set(j->error, sizeof j->error, "the page cannot be read");
	} else if (extract_page(j->r->profiles, j->site, core_buf_str(&b), b.len, res->final_url,
				charset[0] != '\0' ? charset : NULL, &j->page, err, sizeof err)) {
		j->have_page = true;
	} else {
		j->failed = true;
		core_err_set(j->error, sizeof j->error, "%s", err);
	}
	core_buf_free(&b);
	net_result_drop_body(res);
}

/* Parses a fetched body into items (any thread). */
static void refresh_parse(struct refresh_job *j)
{
	if (j->kind == REFRESH_JOB_PAGE) {
		refresh_parse_page(j);
		return;
	}
	struct net_result *res = j->res;
	struct feed_parse_opts o = {
	    .url = res->final_url,
	    .content_type = res->content_type,
	    .max_size = j->r->max_size,
	};
	char err[CORE_ERRLEN];
	enum feed_status fs =
	    res->spool >= 0 /* read as it is parsed */
		? feed_parse_fd(res->spool, &o, &j->info, refresh_on_item, j, err, sizeof err)
		: feed_parse(res->body.data != NULL ? res->body.data : "", res->body.len, &o,
			     &j->info, refresh_on_item, j, err, sizeof err);
	net_result_drop_body(res);
	if (fs == FEED_ERROR || fs == FEED_IO_ERROR) {
		j->failed = true;
		core_err_set(j->error, sizeof j->error, "%s", err);
		return;
	}
	j->have_info = true;
	if (fs == FEED_PARTIAL)
		j->warning = xasprintf(
		    "the document is broken after %zu items (%s); those were kept", j->nitems, err);
}

static void *refresh_worker(void *arg)
{
	struct refresh *r = arg;
	feed_thread_init();
	struct store *lookup = store_open_reader(r->st); /* NULL: every item gets its index text */
	pthread_mutex_lock(&r->mu);
	for (;;) {
		/* Parsed items take more room than the body they come from: no more of them
		   than the store keeps up with. */
		while ((r->todo.head == NULL || r->ahead >= r->max_ahead) && !r->stopping)
			pthread_cond_wait(&r->cv, &r->mu);
		struct refresh_job *j = refresh_pop(&r->todo);
		if (j == NULL)
			break;
		r->ahead++;
		pthread_mutex_unlock(&r->mu);
		j->lookup = lookup;
		refresh_parse(j);
		j->lookup = NULL;
		pthread_mutex_lock(&r->mu);
		refresh_push(&r->parsed, j);
		net_wakeup(r->net);
	}
	pthread_mutex_unlock(&r->mu);
	store_close(lookup);
	return NULL;
}

/* Queues the pages of feed j's articles that are due. */
static void refresh_queue_pages(struct refresh *r, const struct refresh_job *j, int64_t now)
{
	if (j->full == 0 || r->no_pages)
		return;
	struct store_page_due *due;
	size_t n;
	if (!store_pages_due(r->st, j->feed_id, now, j->full == 1, REFRESH_PAGES_A_FEED, &due, &n,
			     NULL, 0))
		return; /* the feed is written: its pages wait for another refresh */
	for (size_t i = 0; i < n; i++) {
		struct refresh_job *p = xcalloc(1, sizeof *p);
		p->r = r;
		p->kind = REFRESH_JOB_PAGE;
		p->feed_id = j->feed_id;
		p->article_id = due[i].id;
		p->tries = due[i].tries;
		p->url = due[i].url;
		p->fetch = xstrdup(due[i].url);
		p->etag = due[i].etag;
		p->last_modified = due[i].modified;
		due[i].url = due[i].etag = due[i].modified = NULL;
		p->cafile = xstrdup_opt(j->cafile);
		p->insecure = j->insecure;
		p->site = xstrdup_opt(j->site);
		p->full = j->full;
		refresh_push(&r->pages, p);
		r->pages_total++;
		r->total++;
	}
	store_pages_due_free(due, n);
}

/* Writes what a page job came to into the store and reports it; frees the job. */
static void refresh_finish_page(struct refresh *r, struct refresh_job *j)
{
	struct refresh_event e = {
	    .kind = REFRESH_EVENT_PAGE,
	    .feed_id = j->feed_id,
	    .article_id = j->article_id,
	    .url = j->url,
	    .outcome = REFRESH_UPDATED,
	};
	struct net_result *res = j->res;
	char err[CORE_ERRLEN];
	bool ok;
	if (!res->ok || j->failed) {
		e.outcome = REFRESH_FAILED;
		e.error = res->ok ? j->error : res->error;
		/* an hour, doubled for every failure before, a week at most */
		int64_t delay = REFRESH_PAGE_RETRY;
		for (int i = 0; i < j->tries && delay < REFRESH_PAGE_RETRY_MAX; i++)
			delay *= 2;
		if (delay > REFRESH_PAGE_RETRY_MAX)
			delay = REFRESH_PAGE_RETRY_MAX;
		e.retry_in = delay;
		ok = store_page_failed(r->st, j->article_id, (int64_t)time(NULL) + delay, e.error,
				       err, sizeof err);
	} else if (res->not_modified) {
		e.outcome = REFRESH_UNCHANGED;
		ok = store_page_unchanged(r->st, j->article_id, err, sizeof err);
	} else {
		const struct extract_article *a = &j->page;
		const char **titles = xcalloc(a->nrelated + 1, sizeof *titles);
		const char **urls = xcalloc(a->nrelated + 1, sizeof *urls);
		for (size_t i = 0; i < a->nrelated; i++) {
			titles[i] = a->related[i].title;
			urls[i] = a->related[i].url;
		}
		struct store_page sp = {
		    .html = a->html,
		    .author = a->author,
		    .published = a->published == EXTRACT_NO_TIME ? STORE_NO_TIME : a->published,
		    .etag = res->etag,
		    .modified = res->last_modified,
		    .link_titles = titles,
		    .link_urls = urls,
		    .nlinks = a->nrelated,
		};
		ok = store_page_set(r->st, j->article_id, &sp, err, sizeof err);
		free(titles);
		free(urls);
	}
	if (!ok) {
		e.outcome = REFRESH_FAILED;
		e.error = err;
		e.retry_in = 0;
	}
	r->done++;
	r->pages_done++;
	if (res->ok && !res->not_modified)
		r->bodies--;
	e.done = r->done;
	e.total = r->total;
	r->fn(&e, r->arg);
	refresh_job_free(j);
}

/* Writes what a job came to into the store and reports it; frees the job. */
static void refresh_finish(struct refresh *r, struct refresh_job *j)
{
	if (j->kind == REFRESH_JOB_PAGE) {
		refresh_finish_page(r, j);
		return;
	}
	struct refresh_event e = {
	    .feed_id = j->feed_id,
	    .url = j->url,
	    .outcome = REFRESH_UPDATED,
	};
	struct net_result *res = j->res;
	char err[CORE_ERRLEN];
	int64_t now = (int64_t)time(NULL);
	if (res->moved_to != NULL &&
	    store_feed_move(r->st, j->feed_id, res->moved_to, err, sizeof err))
		e.moved_to = res->moved_to;
	if (!res->ok || j->failed) {
		e.outcome = REFRESH_FAILED;
		e.error = res->ok ? j->error : res->error;
		store_feed_failed(r->st, j->feed_id, now, (int)res->status, e.error, NULL, 0);
	} else if (res->not_modified) {
		e.outcome = REFRESH_UNCHANGED;
		if (!store_feed_unchanged(r->st, j->feed_id, now, err, sizeof err)) {
			e.outcome = REFRESH_FAILED;
			e.error = err;
		}
	} else {
		struct store_item *items = xreallocarray(NULL, j->nitems + 1, sizeof *items);
		for (size_t i = 0; i < j->nitems; i++)
			refresh_store_item(&j->items[i], &items[i]);
		struct store_update u = {
		    .feed_id = j->feed_id,
		    .now = now,
		    .status = (int)res->status,
		    .title = j->info.title,
		    .site = j->info.link,
		    .etag = res->etag,
		    .last_modified = res->last_modified,
		    .items = items,
		    .nitems = j->nitems,
		};
		struct store_update_result ur;
		if (store_update(r->st, &u, &ur, err, sizeof err)) {
			e.added = ur.added;
			e.updated = ur.updated;
			e.warning = j->warning;
		} else {
			e.outcome = REFRESH_FAILED;
			e.error = err;
		}
		free(items);
	}
	if (e.outcome != REFRESH_FAILED)
		refresh_queue_pages(r, j, now);
	r->done++;
	if (res->ok && !res->not_modified)
		r->bodies--;
	e.done = r->done;
	e.total = r->total;
	r->fn(&e, r->arg);
	refresh_job_free(j);
}

/* net's callback (calling thread): a feed is fetched. */
static void refresh_on_fetched(struct net_result *res, void *arg)
{
	struct refresh *r = arg;
	struct refresh_job *j = res->user;
	j->res = res;
	r->fetching--;
	if (j->kind == REFRESH_JOB_PAGE)
		r->page_fetching--;
	else if (!j->cheap)
		r->body_fetching--;
	if (res->ok && !res->not_modified) {
		r->bodies++;
		r->changing = r->changing || (j->cheap && j->kind == REFRESH_JOB_FEED);
		r->in_memory = r->in_memory || (res->spool < 0 && res->size > 0);
	}
	if (r->stopping) {
		refresh_job_free(j);
		return;
	}
	if (!res->ok || res->not_modified) {
		refresh_finish(r, j);
		return;
	}
	if (r->nthreads == 0) {
		j->lookup = r->st; /* parsed here, on the store's own thread */
		refresh_parse(j);
		j->lookup = NULL;
		refresh_finish(r, j);
		return;
	}
	pthread_mutex_lock(&r->mu);
	refresh_push(&r->todo, j);
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

void refresh_opts_init(struct refresh_opts *o, const struct config_settings *s)
{
	memset(o, 0, sizeof *o);
	if (s == NULL)
		return;
	o->timeout_ms = s->timeout_ms;
	o->connect_timeout_ms = s->connect_timeout_ms;
	o->stall_ms = s->stall_ms;
	o->max_size = s->max_size;
	o->proxy = s->proxy;
	o->no_pages = s->article_pages == 0;
}

struct store *refresh_store_open(const char *path, int flags, char *err, size_t errlen)
{
	struct store *st = store_open(path, flags, err, errlen);
	if (st != NULL)
		store_set_text(st, refresh_text);
	return st;
}

void refresh_global_init(void)
{
	feed_global_init();
	/* libcurl sets itself up on first use when this fails, but not thread-safely. */
	net_global_init(NULL, 0);
}

void refresh_global_cleanup(void)
{
	net_global_cleanup();
	feed_global_cleanup();
}

struct refresh *refresh_new(struct store *st, const struct refresh_opts *o, refresh_fn fn,
			    void *arg)
{
	struct refresh *r = xcalloc(1, sizeof *r);
	r->st = st;
	r->fn = fn;
	r->arg = arg;
	/* The one place the User-Agent is made: every refresh, the CLI's and the reader's. */
	struct net_opts no = {
	    .max_connections = o->max_connections,
	    .max_host_connections = o->max_host_connections,
	    .connect_timeout_ms = o->connect_timeout_ms,
	    .timeout_ms = o->timeout_ms,
	    .stall_ms = o->stall_ms,
	    .max_size = o->max_size,
	    .proxy = o->proxy,
	    .user_agent = "bantin/" BANTIN_VERSION,
	};
	r->net = net_new(&no, refresh_on_fetched, r);
	char err[CORE_ERRLEN];
	r->profiles = extract_profiles_load(err, sizeof err);
	if (r->profiles == NULL)
		r->warning = xasprintf("%s; article pages are read without site profiles", err);
	r->max_size = o->max_size != 0 ? o->max_size : FEED_MAX_SIZE_DEFAULT;
	r->no_pages = o->no_pages;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int workers =
	    o->workers != 0 ? o->workers : (int)(cpus > 1 ? (cpus < 9 ? cpus - 1 : 8) : 1);
	if (workers < 0)
		workers = 0;
	long conns = o->max_connections > 0 ? o->max_connections : 16;
	r->max_body_fetching = conns < REFRESH_BODY_FETCHES ? (size_t)conns : REFRESH_BODY_FETCHES;
	/* Each worker parses the next job while the last one is written: no more. */
	r->max_ahead = workers > 0 ? (size_t)workers : 1;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	r->threads = xcalloc((size_t)workers + 1, sizeof *r->threads);
	store_refreshing(st, true);
	for (int i = 0; i < workers; i++) {
		if (pthread_create(&r->threads[i], NULL, refresh_worker, r) != 0)
			break; /* fewer workers; none at all means parsing inline */
		r->nthreads++;
	}
	return r;
}

void refresh_free(struct refresh *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	r->stopping = true;
	/* Jobs not parsed yet are dropped: nothing of them was written. */
	struct refresh_job *j;
	while ((j = refresh_pop(&r->todo)) != NULL)
		refresh_job_free(j);
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	for (int i = 0; i < r->nthreads; i++)
		pthread_join(r->threads[i], NULL);
	while ((j = refresh_pop(&r->parsed)) != NULL)
		refresh_job_free(j);
	while ((j = refresh_pop(&r->waiting)) != NULL)
		refresh_job_free(j);
	while ((j = refresh_pop(&r->pages)) != NULL)
		refresh_job_free(j);
	net_free(r->net); /* hands back the jobs still fetching, which are dropped */
	store_refreshing(r->st, false);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r->threads);
	extract_profiles_free(r->profiles);
	free(r->warning);
	free(r);
}

const char *refresh_warning(const struct refresh *r)
{
	return r->warning;
}

size_t refresh_pages(const struct refresh *r)
{
	return r->pages_total;
}

bool refresh_add(struct refresh *r, int64_t feed_id, const struct refresh_feed_opts *fo, char *err,
		 size_t errlen)
{
	struct store_feed f;
	if (!store_feed_get(r->st, feed_id, &f, err, errlen))
		return false;
	struct refresh_job *j = xcalloc(1, sizeof *j);
	j->r = r;
	j->feed_id = feed_id;
	j->url = xstrdup(f.url);
	j->fetch = xstrdup(f.location != NULL ? f.location : f.url);
	j->etag = xstrdup_opt(f.etag);
	j->last_modified = xstrdup_opt(f.last_modified);
	j->cafile = xstrdup_opt(fo != NULL ? fo->cafile : NULL);
	j->insecure = fo != NULL && fo->insecure;
	j->site = xstrdup_opt(fo != NULL ? fo->site : NULL);
	j->full = fo != NULL ? fo->full : -1;
	if (j->site != NULL && r->profiles != NULL &&
	    !extract_profiles_has(r->profiles, j->site, NULL) && r->warning == NULL)
		r->warning = xasprintf("%s: no site profile named '%s'; its pages are read"
				       " without one",
				       j->url, j->site);
	store_feed_free(&f);
	refresh_push(&r->waiting, j);
	r->total++;
	return true;
}

void refresh_add_page(struct refresh *r, const struct refresh_feeds *f, int64_t feed_id,
		      int64_t article_id, const char *url)
{
	struct refresh_job *p = xcalloc(1, sizeof *p);
	p->r = r;
	p->kind = REFRESH_JOB_PAGE;
	p->feed_id = feed_id;
	p->article_id = article_id;
	p->url = xstrdup(url);
	p->fetch = xstrdup(url);
	p->full = -1;
	for (size_t i = 0; f != NULL && i < f->file.n; i++) {
		if (f->ids[i] == feed_id) {
			p->cafile = xstrdup_opt(f->file.v[i].cafile);
			p->insecure = f->file.v[i].insecure;
			p->site = xstrdup_opt(f->file.v[i].site);
			p->full = f->file.v[i].full;
		}
	}
	/* first in the queue: someone waits for it */
	p->next = r->pages.head;
	r->pages.head = p;
	if (r->pages.tail == NULL)
		r->pages.tail = p;
	r->pages_total++;
	r->total++;
	r->page_now = true;
}

bool refresh_busy(const struct refresh *r)
{
	return r->done < r->total;
}

void refresh_step(struct refresh *r, struct pollfd *extra, unsigned nextra, int timeout_ms)
{
	struct refresh_job *prev = NULL, *next;
	size_t body_limit = r->in_memory ? REFRESH_MEMORY_BODIES : r->max_body_fetching;
	size_t max_bodies = r->in_memory ? REFRESH_MEMORY_BODIES : REFRESH_WAITING_BODIES;
	for (struct refresh_job *j = r->waiting.head; j != NULL; j = next) {
		next = j->next;
		if (r->fetching >= REFRESH_MAX_FETCHES || r->bodies >= max_bodies + body_limit)
			break;
		bool cheap = (j->etag != NULL || j->last_modified != NULL) && !r->changing;
		/* Cheap ones go as far as net starts them (all at once over HTTP/2), not
		   into its queue: if they bring bodies after all, those handed over are
		   beyond the limits on bodies. */
		if (cheap ? net_waiting(r->net) > 0
			  : r->body_fetching >= body_limit ||
				r->body_fetching + r->bodies >= body_limit + max_bodies) {
			prev = j;
			continue;
		}
		/* Out of the waiting queue. */
		if (prev != NULL)
			prev->next = next;
		else
			r->waiting.head = next;
		if (r->waiting.tail == j)
			r->waiting.tail = prev;
		j->next = NULL;
		j->cheap = cheap;
		r->body_fetching += cheap ? 0 : 1;
		struct net_request req = {
		    .url = j->fetch,
		    .etag = j->etag,
		    .last_modified = j->last_modified,
		    .cafile = j->cafile,
		    .insecure = j->insecure,
		    .user = j,
		};
		r->fetching++;
		net_add(r->net, &req);
	}
	/* Pages once every feed is with net, a few at a time, and within the limits on bodies. */
	while ((r->waiting.head == NULL || r->page_now) && r->pages.head != NULL &&
	       r->page_fetching < REFRESH_PAGE_FETCHES && r->fetching < REFRESH_MAX_FETCHES &&
	       r->body_fetching + r->page_fetching + r->bodies < body_limit + max_bodies) {
		struct refresh_job *j = refresh_pop(&r->pages);
		r->page_now = false;
		struct net_request req = {
		    .url = j->fetch,
		    .etag = j->etag,
		    .last_modified = j->last_modified,
		    .cafile = j->cafile,
		    .insecure = j->insecure,
		    .user = j,
		};
		r->fetching++;
		r->page_fetching++;
		net_add(r->net, &req);
	}
	net_step(r->net, extra, nextra, timeout_ms);
	for (;;) {
		pthread_mutex_lock(&r->mu);
		struct refresh_job *j = refresh_pop(&r->parsed);
		if (j != NULL) {
			r->ahead--;
			pthread_cond_broadcast(&r->cv);
		}
		pthread_mutex_unlock(&r->mu);
		if (j == NULL)
			break;
		refresh_finish(r, j);
	}
}

bool refresh_feeds_open(struct store *st, const char *path, struct refresh_feeds *out, char *err,
			size_t errlen)
{
	memset(out, 0, sizeof *out);
	char *file = config_file_path(CONFIG_FILE_FEEDS, path, err, errlen);
	bool ok = file != NULL && config_feeds_load(file, path == NULL, &out->file, err, errlen);
	free(file);
	if (!ok)
		return false;
	size_t n = out->file.n;
	out->ids = xcalloc(n + 1, sizeof *out->ids);
	const char **urls = xcalloc(n + 1, sizeof *urls), **names = xcalloc(n + 1, sizeof *names);
	for (size_t i = 0; i < n; i++) {
		urls[i] = out->file.v[i].url;
		names[i] = out->file.v[i].name;
	}
	ok = store_feeds_ensure(st, n, urls, names, out->ids, err, errlen);
	free(urls);
	free(names);
	if (!ok)
		refresh_feeds_free(out);
	return ok;
}

void refresh_feeds_free(struct refresh_feeds *f)
{
	config_feeds_free(&f->file);
	free(f->ids);
	f->ids = NULL;
}

bool refresh_add_feed(struct refresh *r, const struct refresh_feeds *f, int64_t id, char *err,
		      size_t errlen)
{
	for (size_t i = 0; f != NULL && i < f->file.n; i++) {
		if (f->ids[i] == id) {
			const struct config_feed *c = &f->file.v[i];
			struct refresh_feed_opts fo = {
			    .cafile = c->cafile,
			    .insecure = c->insecure,
			    .site = c->site,
			    .full = c->full,
			};
			return refresh_add(r, id, &fo, err, errlen);
		}
	}
	return refresh_add(r, id, NULL, err, errlen);
}
