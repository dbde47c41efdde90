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
 *
 * A feed whose URL answers 404 (or 410) or an HTML page is looked for
 * before it is called failed: the page as a listing, when a site profile
 * lists its articles; the feeds the page names (<link rel="alternate">);
 * those its site's home page names; the WordPress REST API's posts. The
 * same job goes round again with each URL in turn (a stage at a time), and
 * the first that works is kept as the feed's location, said once. With
 * --older, each feed's older pages follow it as jobs of their own
 * (WordPress's ?paged=N, the REST API's page=N, a listing's next page).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "extract.h"
#include "feed.h"
#include "bantin_version.h"
#include "html.h"
#include "net.h"
#include "refresh.h"
#include "refresh_internal.h"
#include "text.h"

#ifdef __GLIBC__ /* known once a header of the C library is in */
#include <malloc.h>
#endif

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

/*
 * What the C library keeps of freed memory while a refresh runs. Every
 * feed allocates and frees a few megabytes (the index's pending terms in
 * SQLite, a document's text, the parser's buffers); glibc's defaults hand
 * a freed top of the heap over 128 KiB back to the kernel at once, and
 * the next feed faults the same pages in again: on 200 feeds x 200 items,
 * a tenth of the refresh's time went to brk, munmap and page faults.
 * Blocks under REFRESH_MMAP_MAX come from the heap, and up to
 * REFRESH_TRIM_MAX of free heap stays with the process (bench/NOTES.md).
 */
#define REFRESH_MMAP_MAX (1 << 20)
#define REFRESH_TRIM_MAX (2 << 20)

/* An item as parsed, every string owned. */
struct refresh_item {
	char *guid, *link, *title, *author, *categories, *summary, *content;
	char *index[3]; /* store_index_text, made here rather than on the writing thread */
	int64_t hash;   /* store_item_hash, likewise */
	int64_t published, updated;
	bool page; /* its web page is wanted */
};

enum refresh_job_kind { REFRESH_JOB_FEED, REFRESH_JOB_PAGE };

/* Where a feed job is fetching from: its URL (or location), or a place found for it. */
enum refresh_stage {
	REFRESH_STAGE_FEED,      /* the feeds file's URL, or the location found before */
	REFRESH_STAGE_ALTERNATE, /* a feed a page names */
	REFRESH_STAGE_HOME,      /* the site's home page, for the feeds it names */
	REFRESH_STAGE_REST,      /* the WordPress REST API's posts */
};

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
	/* REFRESH_JOB_FEED: finding the feed when its URL gives none */
	enum refresh_stage stage;
	char *first_error; /* the feed's own URL's failure, reported when nothing works */
	char **alternates; /* feeds named by the pages fetched so far, to try in turn */
	size_t nalternates, next_alternate;
	bool tried_home, tried_rest;
	bool html;          /* the body was an HTML page, and no listing */
	bool listing;       /* the body was a listing page, read with its site profile */
	char *listing_next; /* the listing's next (older) page */
	char *stored_via;   /* how the store says its location was found, or NULL */
	/* --older: 0 for the feed itself, else which older page; how many more after it */
	int older_page, older_left;
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
	int older;     /* --older: older pages of each feed */
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

/* Frees what a fetch of a job came to: its result, its info and items. */
static void refresh_job_clear(struct refresh_job *j)
{
	net_result_free(j->res);
	j->res = NULL;
	free(j->warning);
	j->warning = NULL;
	if (j->have_info)
		feed_info_free(&j->info);
	j->have_info = false;
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
	j->items = NULL;
	j->nitems = j->cap = 0;
	j->failed = j->html = j->listing = false;
	j->error[0] = '\0';
}

static void refresh_job_free(struct refresh_job *j)
{
	free(j->url);
	free(j->fetch);
	free(j->etag);
	free(j->last_modified);
	free(j->cafile);
	free(j->site);
	free(j->first_error);
	for (size_t i = 0; i < j->nalternates; i++)
		free(j->alternates[i]);
	free(j->alternates);
	free(j->listing_next);
	free(j->stored_via);
	if (j->have_page)
		extract_article_free(&j->page);
	refresh_job_clear(j);
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

/* A fetched page, read whole into b (a page is parsed as a tree, not as a stream). */
bool refresh_page_body(struct net_result *res, size_t max, struct core_buf *b)
{
	core_buf_init(b, max);
	if (res->spool < 0)
		return core_buf_append(b, res->body.data != NULL ? res->body.data : "",
				       res->body.len);
	if (lseek(res->spool, 0, SEEK_SET) != 0) /* read once already, as a feed */
		return false;
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
	char charset[64] = "", err[CORE_ERRLEN];
	feed_http_charset(res->content_type, charset, sizeof charset);
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

/*
 * A feed's body that is an HTML page (any thread): its articles when a site
 * profile lists them (the page is the feed), else the feeds it names, to
 * try next.
 */
static void refresh_parse_html(struct refresh_job *j, const char *charset)
{
	struct net_result *res = j->res;
	struct core_buf b;
	if (!refresh_page_body(res, j->r->max_size, &b)) {
		core_buf_free(&b);
		return;
	}
	struct extract_listing l;
	char err[CORE_ERRLEN];
	if (j->r->profiles != NULL &&
	    extract_listing(j->r->profiles, j->site, core_buf_str(&b), b.len, res->final_url,
			    charset, &l, err, sizeof err)) {
		j->listing = true;
		j->failed = false;
		j->have_info = true;
		memset(&j->info, 0, sizeof j->info);
		for (size_t i = 0; i < l.nitems; i++) {
			struct extract_item *x = &l.items[i];
			struct feed_item it = {
			    .id = x->url,
			    .title = x->title,
			    .link = xstrdup(x->url),
			    .published =
				x->published == EXTRACT_NO_TIME ? FEED_NO_DATE : x->published,
			    .updated = FEED_NO_DATE,
			    .summary = x->summary != NULL ? feed_text_to_html(x->summary) : NULL,
			};
			x->title = NULL; /* taken */
			refresh_on_item(&it, j);
			free(it.title);
			free(it.link);
			free(it.author);
			free(it.summary);
			free(it.content);
		}
		j->listing_next = l.next;
		l.next = NULL;
		extract_listing_free(&l);
	} else {
		j->html = true;
		extract_feed_links(core_buf_str(&b), b.len, res->final_url, charset, &j->alternates,
				   &j->nalternates);
	}
	core_buf_free(&b);
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
	if (fs == FEED_ERROR || fs == FEED_IO_ERROR) {
		j->failed = true;
		core_err_set(j->error, sizeof j->error, "%s", err);
		/* not a feed but a web page: a listing, or the feeds it names */
		if (fs == FEED_ERROR && strcmp(err, "not a feed (an HTML page)") == 0) {
			char charset[64] = "";
			feed_http_charset(res->content_type, charset, sizeof charset);
			refresh_parse_html(j, charset[0] != '\0' ? charset : NULL);
		}
		net_result_drop_body(res);
		return;
	}
	net_result_drop_body(res);
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

/* url's scheme and host with path ("https://host/") and more, owned. */
static char *refresh_site_url(const char *url, const char *path)
{
	const char *p = strstr(url, "://");
	if (p == NULL)
		return NULL;
	p += 3;
	size_t n = (size_t)(p - url) + strcspn(p, "/?#");
	return xasprintf("%.*s/%s", (int)n, url, path);
}

/* url with its query's name=value set (replaced when it is there), owned. */
static char *refresh_url_param(const char *url, const char *name, int value)
{
	size_t frag = strcspn(url, "#");
	const char *q = memchr(url, '?', frag);
	size_t nlen = strlen(name);
	for (const char *p = q; p != NULL && p < url + frag;
	     p = memchr(p + 1, '&', (size_t)(url + frag - p - 1))) {
		if (strncmp(p + 1, name, nlen) == 0 && p[1 + nlen] == '=') {
			const char *end = p + 1 + nlen + 1;
			end += strcspn(end, "&#");
			return xasprintf("%.*s%c%s=%d%s", (int)(p - url), url, *p, name, value,
					 end);
		}
	}
	return xasprintf("%.*s%c%s=%d%s", (int)frag, url, q != NULL ? '&' : '?', name, value,
			 url + frag);
}

/* What a stage says of where a feed's articles were found. */
static const char *refresh_found_how(const struct refresh_job *j)
{
	if (j->listing)
		return "a listing page read with its site profile";
	switch (j->stage) {
	case REFRESH_STAGE_ALTERNATE:
		return "the feed its site names";
	case REFRESH_STAGE_REST:
		return "the WordPress REST API";
	default:
		return NULL;
	}
}

/*
 * When feed job j's URL gave no feed (404, 410, or a web page that is no
 * listing), sends it round again to the next place its articles may be and
 * says true; false when there is nowhere left (or it is an older page).
 */
static bool refresh_discover(struct refresh *r, struct refresh_job *j)
{
	struct net_result *res = j->res;
	bool gone = !res->ok && (res->status == 404 || res->status == 410);
	bool page = res->ok && !res->not_modified && j->failed && j->html;
	if (j->older_page > 0 || !(gone || page))
		return false;
	if (j->first_error == NULL)
		j->first_error = xstrdup(res->ok ? j->error : res->error);
	char *next = NULL;
	enum refresh_stage stage = j->stage;
	if (j->stage == REFRESH_STAGE_FEED && j->stored_via != NULL) {
		/* the place found before has gone: look again from the feed's own URL */
		next = xstrdup(j->url);
		free(j->stored_via);
		j->stored_via = NULL;
		store_feed_found(r->st, j->feed_id, NULL, NULL, NULL, 0);
		free(j->first_error);
		j->first_error = NULL;
	} else if (j->next_alternate < j->nalternates) {
		next = xstrdup(j->alternates[j->next_alternate++]);
		stage = REFRESH_STAGE_ALTERNATE;
	} else if (!j->tried_home) {
		j->tried_home = true;
		next = refresh_site_url(j->url, "");
		stage = REFRESH_STAGE_HOME;
		if (next != NULL && strcmp(next, j->fetch) == 0) { /* it was the home page */
			free(next);
			next = NULL;
		}
	}
	if (next == NULL && !j->tried_rest) {
		j->tried_rest = true;
		next = refresh_site_url(j->url, "wp-json/wp/v2/posts?per_page=20&_embed=1");
		stage = REFRESH_STAGE_REST;
	}
	if (next == NULL)
		return false;
	if (res->ok && !res->not_modified)
		r->bodies--;
	refresh_job_clear(j);
	free(j->fetch);
	j->fetch = next;
	j->stage = stage;
	free(j->etag); /* the validators were the first URL's */
	free(j->last_modified);
	j->etag = j->last_modified = NULL;
	/* first in line: it is what is left of a feed already begun */
	j->next = r->waiting.head;
	r->waiting.head = j;
	if (r->waiting.tail == NULL)
		r->waiting.tail = j;
	return true;
}

/* Queues feed j's next older page (--older); false when there is none to fetch. */
static bool refresh_queue_older(struct refresh *r, const struct refresh_job *j, size_t added)
{
	if (j->older_left <= 0 || (j->older_page > 0 && added == 0))
		return false;
	int page = j->older_page > 0 ? j->older_page + 1 : 2;
	char *next = j->listing ? xstrdup_opt(j->listing_next)
		     : j->info.format == FEED_FORMAT_WPREST
			 ? refresh_url_param(j->fetch, "page", page)
			 : refresh_url_param(j->fetch, "paged", page);
	if (next == NULL)
		return false;
	struct refresh_job *o = xcalloc(1, sizeof *o);
	o->r = r;
	o->kind = REFRESH_JOB_FEED;
	o->feed_id = j->feed_id;
	o->url = xstrdup(j->url);
	o->fetch = next;
	o->cafile = xstrdup_opt(j->cafile);
	o->insecure = j->insecure;
	o->site = xstrdup_opt(j->site);
	o->full = j->full;
	o->stage = j->stage;
	o->older_page = page;
	o->older_left = j->older_left - 1;
	o->next = r->waiting.head;
	r->waiting.head = o;
	if (r->waiting.tail == NULL)
		r->waiting.tail = o;
	r->total++;
	return true;
}

/* Writes what a job came to into the store and reports it; frees the job. */
static void refresh_finish(struct refresh *r, struct refresh_job *j)
{
	if (j->kind == REFRESH_JOB_PAGE) {
		refresh_finish_page(r, j);
		return;
	}
	if (refresh_discover(r, j))
		return; /* round again, elsewhere */
	struct refresh_event e = {
	    .feed_id = j->feed_id,
	    .url = j->url,
	    .outcome = REFRESH_UPDATED,
	};
	struct net_result *res = j->res;
	char err[CORE_ERRLEN];
	int64_t now = (int64_t)time(NULL);
	if (res->moved_to != NULL && j->stage == REFRESH_STAGE_FEED && j->older_page == 0 &&
	    !j->listing && store_feed_move(r->st, j->feed_id, res->moved_to, err, sizeof err))
		e.moved_to = res->moved_to;
	char *failure = NULL;
	if (j->older_page > 0 && (!res->ok || j->failed)) {
		/* the archive ends (404), or an older page fails: the feed itself is done */
		e.outcome = REFRESH_UNCHANGED;
		/* WordPress's REST API answers a page past the last 400 */
		if (!(res->status == 404 || res->status == 410 || res->status == 400))
			e.warning = failure = xasprintf("older page %d: %s", j->older_page,
							res->ok ? j->error : res->error);
	} else if (!res->ok || j->failed) {
		e.outcome = REFRESH_FAILED;
		e.error = res->ok ? j->error : res->error;
		if (j->first_error !=
		    NULL) /* its own URL's failure, and that nothing else worked */
			e.error = failure =
			    xasprintf("%s; no other feed found on its site", j->first_error);
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
		    .older = j->older_page > 0,
		};
		struct store_update_result ur;
		if (store_update(r->st, &u, &ur, err, sizeof err)) {
			e.added = ur.added;
			e.updated = ur.updated;
			e.warning = j->warning;
			/* found elsewhere: kept as its location, said once */
			const char *how = refresh_found_how(j);
			if (how != NULL && j->older_page == 0 &&
			    (j->stored_via == NULL || strcmp(j->stored_via, how) != 0) &&
			    store_feed_found(r->st, j->feed_id, j->fetch, how, err, sizeof err)) {
				e.found = j->fetch;
				e.found_how = how;
				e.found_because = j->first_error;
			}
		} else {
			e.outcome = REFRESH_FAILED;
			e.error = err;
		}
		free(items);
	}
	/* the feed's pages once its older pages are in too */
	if (!(e.outcome == REFRESH_UPDATED && refresh_queue_older(r, j, e.added)) &&
	    (e.outcome != REFRESH_FAILED))
		refresh_queue_pages(r, j, now);
	r->done++;
	if (res->ok && !res->not_modified)
		r->bodies--;
	e.done = r->done;
	e.total = r->total;
	e.older_page = j->older_page;
	r->fn(&e, r->arg);
	free(failure);
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
	o->max_connections = s->connections > 0 ? s->connections : 0;
	o->max_host_connections = s->host_connections > 0 ? s->host_connections : 0;
	o->user_agent = s->user_agent != NULL && s->user_agent[0] != '\0' ? s->user_agent : NULL;
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

bool refresh_cleanup(struct store *st, const struct config_settings *s,
		     struct store_cleanup_result *r, char *err, size_t errlen)
{
	struct store_cleanup c = {
	    .keep_days = s != NULL && s->keep_days > 0 ? s->keep_days : 0,
	    .keep_per_feed = s != NULL && s->keep_per_feed > 0 ? s->keep_per_feed : 0,
	    .now = (int64_t)time(NULL),
	};
	return store_cleanup_run(st, &c, r, err, errlen);
}

void refresh_net_opts(const struct refresh_opts *o, struct net_opts *out)
{
	/* The one place the User-Agent is made: every refresh, the CLI's and the reader's. */
	*out = (struct net_opts){
	    .max_connections = o->max_connections,
	    .max_host_connections = o->max_host_connections,
	    .connect_timeout_ms = o->connect_timeout_ms,
	    .timeout_ms = o->timeout_ms,
	    .stall_ms = o->stall_ms,
	    .max_size = o->max_size,
	    .proxy = o->proxy,
	    .user_agent = o->user_agent != NULL ? o->user_agent : "bantin/" BANTIN_VERSION,
	};
}

struct refresh *refresh_new(struct store *st, const struct refresh_opts *o, refresh_fn fn,
			    void *arg)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, REFRESH_MMAP_MAX);
	mallopt(M_TRIM_THRESHOLD, REFRESH_TRIM_MAX);
#endif
	struct refresh *r = xcalloc(1, sizeof *r);
	r->st = st;
	r->fn = fn;
	r->arg = arg;
	struct net_opts no;
	refresh_net_opts(o, &no);
	r->net = net_new(&no, refresh_on_fetched, r);
	char err[CORE_ERRLEN];
	r->profiles = extract_profiles_load(err, sizeof err);
	if (r->profiles == NULL)
		r->warning = xasprintf("%s; article pages are read without site profiles", err);
	r->max_size = o->max_size != 0 ? o->max_size : FEED_MAX_SIZE_DEFAULT;
	r->no_pages = o->no_pages;
	r->older = o->older;
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
	if (r->older == 0) { /* older pages need to know what the first is */
		j->etag = xstrdup_opt(f.etag);
		j->last_modified = xstrdup_opt(f.last_modified);
	}
	j->older_left = r->older;
	j->stored_via = xstrdup_opt(f.location != NULL ? f.via : NULL);
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

/* Hands job j to net: its URL, with its validators and TLS settings. */
static void refresh_send(struct refresh *r, struct refresh_job *j)
{
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
		refresh_send(r, j);
	}
	/* Pages once every feed is with net, a few at a time, and within the limits on bodies. */
	while ((r->waiting.head == NULL || r->page_now) && r->pages.head != NULL &&
	       r->page_fetching < REFRESH_PAGE_FETCHES && r->fetching < REFRESH_MAX_FETCHES &&
	       r->body_fetching + r->page_fetching + r->bodies < body_limit + max_bodies) {
		struct refresh_job *j = refresh_pop(&r->pages);
		r->page_now = false;
		r->page_fetching++;
		refresh_send(r, j);
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
