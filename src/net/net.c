/*
 * net.c: the fetcher's scheduling (net_xfer.c sets up each transfer, net_error.c
 * words its failure). Requests wait in a queue; at most max_connections
 * of them have an easy handle in the multi handle at a time, so memory
 * stays flat however many feeds there are. Transfers that cannot share a
 * connection start only as far as there are connections for them (in all
 * and to their host), so none waits inside curl, where the wait would count
 * against its timeout. An https server may multiplex (HTTP/2): up to
 * NET_MAX_STREAMS transfers to such hosts go at once, until a host answers
 * in HTTP/1; its transfers that have not been sent yet are then taken back
 * into the queue. A finished transfer is turned into a net_result (or
 * queued again for its retry) and handed over. A body goes to an unlinked
 * temporary file as it comes, so that bodies waiting to be parsed cost no
 * memory; to memory only where no temporary file can be made.
 */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "net_internal.h"

/* The length of url's origin (scheme://host:port). */
static size_t net_origin_len(const char *url)
{
	const char *p = strstr(url, "://");
	p = p != NULL ? p + 3 : url;
	return (size_t)(p + strcspn(p, "/?#") - url);
}

/* Whether a and b have the same origin. */
static bool net_same_origin(const char *a, const char *b)
{
	size_t len = net_origin_len(a);
	return len == net_origin_len(b) && strncasecmp(a, b, len) == 0;
}

/* Whether a transfer of url may be a stream sharing a connection. */
static bool net_may_multiplex(const struct net *n, const char *url)
{
	if (strncasecmp(url, "https://", 8) != 0)
		return false;
	for (size_t i = 0; i < n->nh1; i++) {
		if (net_same_origin(n->h1[i], url))
			return false;
	}
	return true;
}

/* Remembers that url's https origin answered in HTTP/1. */
void net_saw_http1(struct net *n, const char *url)
{
	if (n->nh1 < NET_MAX_HOSTS && net_may_multiplex(n, url)) {
		n->h1[n->nh1++] = xstrndup(url, net_origin_len(url));
		n->retract = true;
	}
}

int64_t net_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool net_global_init(char *err, size_t errlen)
{
	CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK) {
		core_err_set(err, errlen, "cannot set up libcurl: %s", curl_easy_strerror(rc));
		return false;
	}
	return true;
}

void net_global_cleanup(void)
{
	curl_global_cleanup();
}

bool net_url_ok(const char *url)
{
	return url != NULL &&
	       (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

struct net *net_new(const struct net_opts *opts, net_done_fn done, void *arg)
{
	struct net *n = xcalloc(1, sizeof *n);
	n->o = *opts;
	if (n->o.max_connections <= 0)
		n->o.max_connections = NET_DEFAULT_CONNECTIONS;
	if (n->o.max_host_connections <= 0)
		n->o.max_host_connections = NET_DEFAULT_HOST_CONNECTIONS;
	if (n->o.connect_timeout_ms <= 0)
		n->o.connect_timeout_ms = NET_DEFAULT_CONNECT_MS;
	if (n->o.timeout_ms <= 0)
		n->o.timeout_ms = NET_DEFAULT_TIMEOUT_MS;
	if (n->o.stall_ms <= 0)
		n->o.stall_ms = NET_DEFAULT_STALL_MS;
	if (n->o.max_size == 0)
		n->o.max_size = NET_DEFAULT_MAX_SIZE;
	if (n->o.retries == 0)
		n->o.retries = 1;
	if (n->o.retry_delay_ms <= 0)
		n->o.retry_delay_ms = NET_DEFAULT_RETRY_MS;
	if (n->o.max_retry_after_s <= 0)
		n->o.max_retry_after_s = NET_DEFAULT_MAX_RETRY_AFTER;
	n->proxy = xstrdup_opt(opts->proxy);
	n->user_agent = xstrdup(opts->user_agent != NULL ? opts->user_agent : "bantin");
	n->done = done;
	n->arg = arg;
	n->multi = curl_multi_init();
	if (n->multi == NULL)
		abort(); /* only out of memory makes this fail */
	curl_multi_setopt(n->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(n->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, n->o.max_connections);
	curl_multi_setopt(n->multi, CURLMOPT_MAX_HOST_CONNECTIONS, n->o.max_host_connections);
	curl_multi_setopt(n->multi, CURLMOPT_MAXCONNECTS, n->o.max_connections);
	return n;
}

void net_result_drop_body(struct net_result *r)
{
	core_buf_free(&r->body);
	if (r->spool >= 0)
		close(r->spool);
	r->spool = -1;
	r->size = 0;
}

void net_result_free(struct net_result *r)
{
	if (r == NULL)
		return;
	free(r->url);
	free(r->final_url);
	free(r->moved_to);
	net_result_drop_body(r);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r);
}

static void net_xfer_free(struct net_xfer *x)
{
	if (x->easy != NULL)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	free(x->url);
	free(x->etag);
	free(x->last_modified);
	free(x->cafile);
	free(x->location);
	net_result_free(x->res);
	free(x);
}

/* Hands x's result over as cancelled, and frees x. */
static void net_cancel(struct net *n, struct net_xfer *x)
{
	struct net_result *r = x->res;
	x->res = NULL;
	net_result_drop_body(r);
	core_err_set(r->error, sizeof r->error, "cancelled");
	r->ok = false;
	net_xfer_free(x);
	n->done(r, n->arg);
}

void net_free(struct net *n)
{
	if (n == NULL)
		return;
	while (n->active != NULL) {
		struct net_xfer *x = n->active;
		n->active = x->next;
		curl_multi_remove_handle(n->multi, x->easy);
		net_cancel(n, x);
	}
	while (n->queue != NULL) {
		struct net_xfer *x = n->queue;
		n->queue = x->next;
		net_cancel(n, x);
	}
	curl_multi_cleanup(n->multi);
	for (size_t i = 0; i < n->nh1; i++)
		free(n->h1[i]);
	free(n->proxy);
	free(n->user_agent);
	free(n);
}

static void net_enqueue(struct net *n, struct net_xfer *x)
{
	x->next = NULL;
	if (n->queue_tail != NULL)
		n->queue_tail->next = x;
	else
		n->queue = x;
	n->queue_tail = x;
}

static long net_start(struct net *n);

void net_add(struct net *n, const struct net_request *req)
{
	struct net_xfer *x = xcalloc(1, sizeof *x);
	x->net = n;
	x->url = xstrdup(req->url);
	x->etag = xstrdup_opt(req->etag);
	x->last_modified = xstrdup_opt(req->last_modified);
	x->cafile = xstrdup_opt(req->cafile);
	x->insecure = req->insecure;
	x->res = xcalloc(1, sizeof *x->res);
	x->res->spool = -1;
	x->res->user = req->user;
	x->res->url = xstrdup(req->url);
	n->pending++;
	net_enqueue(n, x);
	net_start(n); /* at once when there is room: net_waiting says when there is not */
}

size_t net_pending(const struct net *n)
{
	return n->pending;
}

size_t net_waiting(const struct net *n)
{
	int64_t now = net_now_ms();
	size_t k = 0;
	for (const struct net_xfer *x = n->queue; x != NULL; x = x->next)
		k += x->due_ms <= now ? 1 : 0;
	return k;
}

/* Whether a finished attempt is worth one more, and after how long (ms). */
static bool net_should_retry(struct net *n, struct net_xfer *x, CURLcode rc, long *delay_ms)
{
	if (n->o.retries < 0 || x->res->attempts > n->o.retries)
		return false;
	long status = x->res->status;
	if (x->stalled)
		rc = CURLE_OPERATION_TIMEDOUT;
	/* An HTTP/2 stream the server reset (ENHANCE_YOUR_CALM, REFUSED_STREAM) is its load. */
	bool transient = rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_HTTP2_STREAM ||
			 (rc == CURLE_OK && status >= 500 && status <= 599) ||
			 (rc == CURLE_OK && status == 429 && x->retry_after_s >= 0);
	if (!transient)
		return false;
	if (x->retry_after_s >= 0 && (status == 429 || status == 503)) {
		if (x->retry_after_s > n->o.max_retry_after_s)
			return false;
		*delay_ms = x->retry_after_s * 1000;
		return true;
	}
	*delay_ms = n->o.retry_delay_ms * x->res->attempts;
	return true;
}

/* Puts x, out of the multi handle, back into the queue to start again at due_ms. */
static void net_requeue(struct net *n, struct net_xfer *x, int64_t due_ms)
{
	struct net_result *r = x->res;
	curl_easy_cleanup(x->easy);
	x->easy = NULL;
	curl_slist_free_all(x->headers);
	x->headers = NULL;
	net_result_drop_body(r);
	free(r->etag);
	free(r->last_modified);
	r->etag = r->last_modified = NULL;
	x->due_ms = due_ms;
	net_enqueue(n, x);
}

/* A transfer is over: retry it, or hand its result over. */
static void net_finish(struct net *n, struct net_xfer *x, CURLcode rc)
{
	struct net_result *r = x->res;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r->status);
	r->attempts++;
	long delay;
	if (net_should_retry(n, x, rc, &delay)) {
		net_requeue(n, x, net_now_ms() + delay);
		return;
	}
	if (rc != CURLE_OK) {
		if (x->too_large)
			rc = CURLE_WRITE_ERROR;
		if (x->stalled)
			rc = CURLE_OPERATION_TIMEDOUT;
		net_error_describe(n, x, rc);
	} else if (r->status == 304) {
		r->ok = r->not_modified = true;
	} else if (r->status >= 200 && r->status <= 299) {
		r->ok = true;
	} else if (r->status >= 300 && r->status <= 399) {
		core_err_set(r->error, sizeof r->error, "HTTP %ld %s without a usable Location",
			     r->status, net_error_reason(r->status));
	} else {
		const char *reason = net_error_reason(r->status);
		core_err_set(r->error, sizeof r->error, "HTTP %ld%s%s", r->status,
			     reason[0] != '\0' ? " " : "", reason);
		if (x->retry_after_s >= 0 && (r->status == 429 || r->status == 503)) {
			size_t len = strlen(r->error);
			core_err_set(r->error + len, sizeof r->error - len,
				     " (the server asks to wait %ld s)", x->retry_after_s);
		}
	}
	if (r->ok) {
		char *ct = NULL, *eurl = NULL;
		long redirects = 0;
		curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
		curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eurl);
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirects);
		r->content_type = xstrdup_opt(ct);
		r->final_url = xstrdup(eurl != NULL ? eurl : x->url);
		if (redirects > 0 && x->chain_permanent && eurl != NULL &&
		    strcmp(eurl, x->url) != 0)
			r->moved_to = xstrdup(eurl);
		if (r->spool >= 0)
			(void)lseek(r->spool, 0, SEEK_SET); /* to be read from its start */
	} else {
		net_result_drop_body(r);
	}
	x->res = NULL;
	n->pending--;
	net_xfer_free(x);
	n->done(r, n->arg);
}

/* How many transfers to url's origin are in the multi handle. */
static size_t net_host_active(const struct net *n, const char *url)
{
	size_t k = 0;
	for (const struct net_xfer *a = n->active; a != NULL; a = a->next)
		k += net_same_origin(a->url, url) ? 1 : 0;
	return k;
}

/* Takes x off the active list. */
static void net_unlink_active(struct net *n, struct net_xfer *x)
{
	for (struct net_xfer **pp = &n->active; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == x) {
			*pp = x->next;
			n->nactive--;
			n->nmux -= x->mux ? 1 : 0;
			return;
		}
	}
}

/*
 * Takes back into the queue the transfers started as streams to origins
 * now known to answer in HTTP/1 that have not sent their request yet:
 * waiting for a connection inside curl would count against their timeout.
 */
static void net_retract(struct net *n)
{
	n->retract = false;
	struct net_xfer **pp = &n->active;
	while (*pp != NULL) {
		struct net_xfer *x = *pp;
		curl_off_t sent = 0;
		if (!x->mux || net_may_multiplex(n, x->url) ||
		    curl_easy_getinfo(x->easy, CURLINFO_PRETRANSFER_TIME_T, &sent) != CURLE_OK ||
		    sent != 0) {
			pp = &x->next;
			continue;
		}
		net_unlink_active(n, x); /* *pp is the next one now */
		curl_multi_remove_handle(n->multi, x->easy);
		net_requeue(n, x, 0);
	}
}

/* Starts queued transfers that are due, as far as the limits allow; ms until the next is due. */
static long net_start(struct net *n)
{
	int64_t now = net_now_ms();
	long wait = -1;
	struct net_xfer **pp = &n->queue, *prev = NULL;
	while (*pp != NULL &&
	       (n->nactive - n->nmux < (size_t)n->o.max_connections || n->nmux < NET_MAX_STREAMS)) {
		struct net_xfer *x = *pp;
		bool mux = net_may_multiplex(n, x->url);
		bool room =
		    mux ? n->nmux < NET_MAX_STREAMS
			: n->nactive - n->nmux < (size_t)n->o.max_connections &&
			      net_host_active(n, x->url) < (size_t)n->o.max_host_connections;
		if (x->due_ms > now || !room) {
			if (x->due_ms > now) {
				long w = (long)(x->due_ms - now);
				wait = wait < 0 || w < wait ? w : wait;
			}
			prev = x;
			pp = &x->next;
			continue;
		}
		*pp = x->next;
		if (n->queue_tail == x)
			n->queue_tail = prev;
		x->next = NULL;
		if (!net_xfer_setup(n, x)) {
			x->res->attempts++;
			struct net_result *r = x->res;
			x->res = NULL;
			n->pending--;
			net_xfer_free(x);
			n->done(r, n->arg);
			continue;
		}
		curl_multi_add_handle(n->multi, x->easy);
		x->next = n->active;
		n->active = x;
		n->nactive++;
		x->mux = mux;
		n->nmux += mux ? 1 : 0;
	}
	return wait;
}

/* Hands over every transfer curl has finished; how many. */
static size_t net_collect(struct net *n)
{
	size_t done = 0;
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(n->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct net_xfer *x = NULL;
		CURLcode rc = m->data.result;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		curl_multi_remove_handle(n->multi, m->easy_handle);
		net_unlink_active(n, x);
		net_finish(n, x, rc);
		done++;
	}
	return done;
}

void net_step(struct net *n, struct pollfd *extra, unsigned nextra, int timeout_ms)
{
	long wait = net_start(n);
	int timeout = timeout_ms;
	if (wait >= 0 && wait < timeout)
		timeout = (int)wait;
	struct curl_waitfd fds[8];
	unsigned nfds = nextra < CORE_NELEM(fds) ? nextra : (unsigned)CORE_NELEM(fds);
	for (unsigned i = 0; i < nfds; i++) {
		fds[i].fd = extra[i].fd;
		fds[i].events = extra[i].events;
		fds[i].revents = 0;
	}
	int running;
	curl_multi_perform(n->multi, &running);
	/* Something finished already (a refused connection, say): do not wait. */
	if (net_collect(n) > 0)
		timeout = 0;
	/* With nothing to wait for, this sleeps until the next retry is due. */
	curl_multi_poll(n->multi, fds, nfds, timeout, NULL);
	for (unsigned i = 0; i < nfds; i++)
		extra[i].revents = fds[i].revents;
	curl_multi_perform(n->multi, &running);
	net_collect(n);
	if (n->retract)
		net_retract(n);
	net_start(n);
}

void net_wakeup(struct net *n)
{
	curl_multi_wakeup(n->multi);
}
