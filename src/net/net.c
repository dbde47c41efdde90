/*
 * net.c: the fetcher. Requests wait in a queue; at most max_connections
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

#include "net.h"

#define NET_DEFAULT_CONNECTIONS      16
#define NET_DEFAULT_HOST_CONNECTIONS 6
#define NET_DEFAULT_CONNECT_MS       15000
#define NET_DEFAULT_TIMEOUT_MS       60000
#define NET_DEFAULT_STALL_MS         20000
#define NET_DEFAULT_MAX_SIZE         ((size_t)16 << 20)
#define NET_DEFAULT_RETRY_MS         2000
#define NET_DEFAULT_MAX_RETRY_AFTER  120
#define NET_MAX_REDIRECTS            5
#define NET_MAX_STREAMS              64
#define NET_MAX_HOSTS                64 /* https hosts remembered as HTTP/1 only */

struct net_xfer {
	struct net *net;
	CURL *easy;
	struct curl_slist *headers;
	char *url, *etag, *last_modified, *cafile;
	char *location; /* of the last response */
	bool insecure;
	struct net_result *res;
	char errbuf[CURL_ERROR_SIZE];
	bool too_large;        /* the body passed max_size */
	bool in_memory;        /* no temporary file could be made: the body goes to memory */
	bool error_status;     /* the response is an HTTP error: its body is not kept */
	int spool_errno;       /* why writing the body to its temporary file failed */
	bool stalled;          /* nothing came for stall_ms */
	curl_off_t seen;       /* bytes received when last looked at */
	int64_t moved_ms;      /* when they last grew */
	bool chain_permanent;  /* every redirect so far was 301 or 308 */
	long retry_after_s;    /* of the last response; -1 when none */
	int64_t due_ms;        /* a retry waits until then */
	bool mux;              /* started as a stream that may share a connection */
	struct net_xfer *next; /* in the queue or the active list */
};

struct net {
	CURLM *multi;
	struct net_opts o;
	char *proxy, *user_agent; /* owned copies of o's */
	net_done_fn done;
	void *arg;
	struct net_xfer *queue, *queue_tail; /* waiting to start (retries: once due) */
	struct net_xfer *active;             /* in the multi handle */
	size_t nactive, pending;
	size_t nmux;             /* of nactive, streams that may share a connection */
	char *h1[NET_MAX_HOSTS]; /* https origins seen answering in HTTP/1 */
	size_t nh1;
	bool retract; /* an origin was just seen answering in HTTP/1 */
};

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
static void net_saw_http1(struct net *n, const char *url)
{
	if (n->nh1 < NET_MAX_HOSTS && net_may_multiplex(n, url)) {
		n->h1[n->nh1++] = xstrndup(url, net_origin_len(url));
		n->retract = true;
	}
}

static int64_t net_now_ms(void)
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

/* "16 MiB", "512 KiB", "300 bytes". */
static void net_size(size_t v, char out[32])
{
	if (v >= ((size_t)1 << 20) && v % ((size_t)1 << 20) == 0)
		core_err_set(out, 32, "%zu MiB", v >> 20);
	else if (v >= 1024 && v % 1024 == 0)
		core_err_set(out, 32, "%zu KiB", v >> 10);
	else
		core_err_set(out, 32, "%zu bytes", v);
}

/* "15 s" or "1500 ms", in out (32 bytes). */
static const char *net_duration(long ms, char out[32])
{
	if (ms % 1000 == 0)
		core_err_set(out, 32, "%ld s", ms / 1000);
	else
		core_err_set(out, 32, "%ld ms", ms);
	return out;
}

/* Where bodies go: $TMPDIR when it is an absolute path, else /tmp. */
static const char *net_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir != NULL && dir[0] == '/' ? dir : "/tmp";
}

/* A temporary file, already unlinked, in net_tmpdir(); -1 when none can be made. */
static int net_spool_open(void)
{
	char *path = xasprintf("%s/bantin-XXXXXX", net_tmpdir());
	int fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		fcntl(fd, F_SETFD, FD_CLOEXEC); /* no browser the reader starts inherits it */
	}
	free(path);
	return fd;
}

/* Writes len bytes at p to fd; false with errno set. */
static bool net_write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t k = write(fd, p, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return false;
		p += k;
		len -= (size_t)k;
	}
	return true;
}

static size_t net_on_body(char *p, size_t size, size_t nmemb, void *arg)
{
	struct net_xfer *x = arg;
	struct net_result *r = x->res;
	size_t len = size * nmemb;
	if (r->size > x->net->o.max_size || len > x->net->o.max_size - r->size) {
		x->too_large = true;
		return 0; /* makes curl stop with CURLE_WRITE_ERROR */
	}
	if (x->error_status) { /* a 404's page, say: only the status is ever told */
		r->size += len;
		return len;
	}
	if (r->spool < 0 && !x->in_memory && (r->spool = net_spool_open()) < 0)
		x->in_memory = true; /* no temporary file to be had: memory, as for any other */
	if (x->in_memory) {
		if (!core_buf_append(&r->body, p, len)) {
			x->too_large = true;
			return 0;
		}
	} else if (!net_write_all(r->spool, p, len)) {
		x->spool_errno = errno; /* the disk is full, say: so would the cache be */
		return 0;
	}
	r->size += len;
	return len;
}

/* Stops a transfer that has received nothing for stall_ms (called about once a second). */
static int net_on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
			   curl_off_t ulnow)
{
	(void)dltotal;
	(void)ultotal;
	(void)ulnow;
	struct net_xfer *x = arg;
	int64_t now = net_now_ms();
	if (dlnow != x->seen) {
		x->seen = dlnow;
		x->moved_ms = now;
		return 0;
	}
	if (now - x->moved_ms >= x->net->o.stall_ms) {
		x->stalled = true;
		return 1; /* makes curl stop with CURLE_ABORTED_BY_CALLBACK */
	}
	return 0;
}

/* Copies a header's value (after "name:"), trimmed, when line is that header. */
static bool net_header_value(const char *line, size_t len, const char *name, char **out)
{
	size_t nl = strlen(name);
	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return false;
	const char *v = line + nl + 1, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	free(*out);
	*out = xstrndup(v, (size_t)(end - v));
	return true;
}

/* Seconds from a Retry-After value (delta seconds or an HTTP date); -1 if neither. */
static long net_retry_after(const char *v)
{
	if (v[0] >= '0' && v[0] <= '9') {
		char *end;
		long s = strtol(v, &end, 10);
		return *end == '\0' && s >= 0 ? s : -1;
	}
	time_t t = curl_getdate(v, NULL);
	if (t == -1)
		return -1;
	time_t now = time(NULL);
	return t > now ? (long)(t - now) : 0;
}

static size_t net_on_header(char *p, size_t size, size_t nmemb, void *arg)
{
	struct net_xfer *x = arg;
	size_t len = size * nmemb;
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new response: a redirect hop, or the final one. */
		const char *sp = memchr(p, ' ', len);
		long status = sp != NULL ? strtol(sp + 1, NULL, 10) : 0;
		if (status >= 300 && status < 400 && status != 301 && status != 308 &&
		    status != 304)
			x->chain_permanent = false;
		x->error_status = status >= 400;
		if (x->mux && len >= 7 && strncmp(p, "HTTP/1.", 7) == 0)
			net_saw_http1(x->net,
				      x->url); /* taken back in net_step, not in curl's call */
		free(x->res->etag);
		free(x->res->last_modified);
		x->res->etag = x->res->last_modified = NULL;
		x->retry_after_s = -1;
		return len;
	}
	char *v = NULL;
	net_header_value(p, len, "etag", &x->res->etag);
	net_header_value(p, len, "location", &x->location);
	net_header_value(p, len, "last-modified", &x->res->last_modified);
	if (net_header_value(p, len, "retry-after", &v)) {
		x->retry_after_s = net_retry_after(v);
		free(v);
	}
	return len;
}

/* "cannot read cafile 'FILE': why" into err, the why from opening it. */
static void net_cafile_error(const char *cafile, char *err, size_t errlen)
{
	FILE *fp = fopen(cafile, "rb");
	int e = fp == NULL ? errno : 0;
	if (fp != NULL)
		fclose(fp);
	char *shown = core_str_printable(cafile);
	core_err_set(err, errlen, "cannot read cafile '%s': %s", shown,
		     e != 0 ? strerror(e) : "not a PEM certificate file");
	free(shown);
}

/* The system's CA bundle followed by cafile, as one PEM blob in b; false with err. */
static bool net_ca_blob(const char *cafile, struct core_buf *b, char *err, size_t errlen)
{
	const curl_version_info_data *vi = curl_version_info(CURLVERSION_NOW);
	const char *paths[2] = {vi->cainfo, cafile};
	for (size_t i = 0; i < 2; i++) {
		if (paths[i] == NULL)
			continue;
		FILE *fp = fopen(paths[i], "rb");
		if (fp == NULL) {
			if (i == 0)
				continue; /* no system bundle: the extra file alone */
			net_cafile_error(paths[i], err, errlen);
			return false;
		}
		char chunk[8192];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
			core_buf_append(b, chunk, got);
		fclose(fp);
		core_buf_putc(b, '\n');
	}
	return true;
}

/* Sets up x's easy handle; false with x->res->error set. */
static bool net_xfer_setup(struct net *n, struct net_xfer *x)
{
	CURL *e = x->easy = curl_easy_init();
	if (e == NULL)
		abort();
	core_buf_init(&x->res->body, n->o.max_size);
	x->chain_permanent = true;
	x->spool_errno = 0;
	x->in_memory = false;
	x->retry_after_s = -1;
	x->too_large = false;
	x->errbuf[0] = '\0';
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)NET_MAX_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, n->user_agent);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, n->o.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, n->o.timeout_ms);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, net_on_progress);
	curl_easy_setopt(e, CURLOPT_XFERINFODATA, x);
	x->stalled = false;
	x->seen = 0;
	x->moved_ms = net_now_ms();
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)n->o.max_size);
	/* Over TLS a server may offer HTTP/2: wait to share its connection. Plain http never does.
	 */
	if (strncasecmp(x->url, "https://", 8) == 0)
		curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 64L * 1024);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, net_on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, net_on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	if (n->proxy != NULL)
		curl_easy_setopt(e, CURLOPT_PROXY, n->proxy);
	x->headers = curl_slist_append(NULL, "Accept: application/rss+xml, application/atom+xml,"
					     " application/feed+json, application/xml;q=0.9,"
					     " text/xml;q=0.9, */*;q=0.8");
	if (x->etag != NULL) {
		char *h = xasprintf("If-None-Match: %s", x->etag);
		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	if (x->last_modified != NULL) {
		char *h = xasprintf("If-Modified-Since: %s", x->last_modified);
		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	if (x->insecure) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	} else if (x->cafile != NULL) {
		const char *capath = curl_version_info(CURLVERSION_NOW)->capath;
		if (capath != NULL) {
			/* The file, with the system's certificates looked up in its directory
			   as needed: curl keeps that store for the transfers that name it, and
			   says so (CURLE_SSL_CACERT_BADFILE) when it cannot read the file. */
			curl_easy_setopt(e, CURLOPT_CAINFO, x->cafile);
			curl_easy_setopt(e, CURLOPT_CAPATH, capath);
			return true;
		}
		struct core_buf ca;
		core_buf_init(&ca, 0);
		bool ok = net_ca_blob(x->cafile, &ca, x->res->error, sizeof x->res->error);
		if (ok) {
			struct curl_blob blob = {ca.data, ca.len, CURL_BLOB_COPY};
			curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
		}
		core_buf_free(&ca);
		if (!ok)
			return false;
	}
	return true;
}

/*
 * The host of url, and its port when the URL names one (or always, with
 * the scheme's default, when port is true), owned.
 */
static char *net_host(const char *url, bool port)
{
	CURLU *u = curl_url();
	char *host = NULL, *num = NULL, *out;
	/* A URL without a scheme (a proxy given as host:port) is read as http. */
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, CURLU_GUESS_SCHEME) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		if (curl_url_get(u, CURLUPART_PORT, &num, port ? CURLU_DEFAULT_PORT : 0) ==
		    CURLUE_OK)
			out = xasprintf("%s:%s", host, num);
		else
			out = xstrdup(host);
	} else {
		out = core_str_printable(url);
	}
	curl_free(host);
	curl_free(num);
	curl_url_cleanup(u);
	return out;
}

/*
 * Where a connection that failed went when that is not eurl's host and port:
 * a proxy curl took from the environment (http_proxy and the like, with
 * no_proxy's exceptions), as HOST:PORT. Read from curl's message ("Failed to
 * connect to HOST port N"); NULL when it names eurl's own host, or nothing.
 */
static char *net_env_proxy(const char *errbuf, const char *eurl)
{
	const char *p = strstr(errbuf, "connect to ");
	const char *sp = p != NULL ? strstr(p += 11, " port ") : NULL;
	char *end;
	unsigned long port = sp != NULL ? strtoul(sp + 6, &end, 10) : 0;
	if (sp == NULL || sp == p || end == sp + 6)
		return NULL;
	/* curl names an IPv6 host bare; a URL, in brackets. */
	int len = (int)(sp - p);
	char *name = xasprintf(memchr(p, ':', (size_t)len) != NULL ? "[%.*s]:%lu" : "%.*s:%lu", len,
			       p, port);
	char *own = net_host(eurl, true);
	char *out = NULL;
	if (strcasecmp(name, own) != 0)
		out = core_str_printable(name);
	free(own);
	free(name);
	return out;
}

/* An HTTP status's reason phrase, "" for unusual ones. */
static const char *net_reason(long status)
{
	static const struct {
		long status;
		const char *reason;
	} reasons[] = {
	    {300, "Multiple Choices"},
	    {304, "Not Modified"},
	    {400, "Bad Request"},
	    {401, "Unauthorized"},
	    {403, "Forbidden"},
	    {404, "Not Found"},
	    {405, "Method Not Allowed"},
	    {406, "Not Acceptable"},
	    {408, "Request Timeout"},
	    {410, "Gone"},
	    {429, "Too Many Requests"},
	    {451, "Unavailable For Legal Reasons"},
	    {500, "Internal Server Error"},
	    {501, "Not Implemented"},
	    {502, "Bad Gateway"},
	    {503, "Service Unavailable"},
	    {504, "Gateway Timeout"},
	};
	for (size_t i = 0; i < CORE_NELEM(reasons); i++) {
		if (reasons[i].status == status)
			return reasons[i].reason;
	}
	return "";
}

/* Turns curl's code into the result's one-line error. */
static void net_describe(struct net *n, struct net_xfer *x, CURLcode rc)
{
	struct net_result *r = x->res;
	char *host = NULL;
	char *eurl = NULL;
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eurl);
	host = net_host(eurl != NULL ? eurl : x->url, false);
	char size[32];
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		core_err_set(r->error, sizeof r->error, "cannot resolve host %s", host);
		break;
	case CURLE_COULDNT_RESOLVE_PROXY:
		core_err_set(r->error, sizeof r->error, "cannot resolve the proxy's host");
		break;
	case CURLE_COULDNT_CONNECT: {
		long os = 0;
		curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os);
		/* With a proxy given, it is the proxy that could not be reached: named
		   by its host and port only (its URL may hold a password). */
		char *to, *ph = NULL;
		if (n->proxy != NULL && n->proxy[0] != '\0')
			ph = net_host(n->proxy, false);
		else
			ph = net_env_proxy(x->errbuf, eurl != NULL ? eurl : x->url);
		to = ph != NULL ? xasprintf("the proxy %s", ph) : xstrdup(host);
		free(ph);
		if (os != 0)
			core_err_set(r->error, sizeof r->error, "cannot connect to %s: %s", to,
				     strerror((int)os));
		else
			core_err_set(r->error, sizeof r->error, "cannot connect to %s", to);
		free(to);
		break;
	}
	case CURLE_OPERATION_TIMEDOUT:
		if (x->stalled)
			core_err_set(r->error, sizeof r->error,
				     "%s stalled: nothing received for %s", host,
				     net_duration(n->o.stall_ms, size));
		else if (strstr(x->errbuf, "onnect") != NULL || strstr(x->errbuf, "esolv") != NULL)
			core_err_set(r->error, sizeof r->error,
				     "connecting to %s timed out after %s", host,
				     net_duration(n->o.connect_timeout_ms, size));
		else
			core_err_set(r->error, sizeof r->error,
				     "%s timed out after %s (%zu bytes received)", host,
				     net_duration(n->o.timeout_ms, size), r->size);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		core_err_set(r->error, sizeof r->error, "too many redirects (more than %d)",
			     NET_MAX_REDIRECTS);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL: {
		char *shown = core_str_printable(x->location != NULL ? x->location : "");
		core_err_set(r->error, sizeof r->error,
			     "redirected to '%s', which is not an http or https URL", shown);
		free(shown);
		break;
	}
	case CURLE_WRITE_ERROR:
		if (x->spool_errno != 0) {
			char *dir = core_str_printable(net_tmpdir());
			core_err_set(r->error, sizeof r->error,
				     "cannot write what %s sent to a temporary file in %s: %s",
				     host, dir, strerror(x->spool_errno));
			free(dir);
			break;
		}
		/* fall through */
	case CURLE_FILESIZE_EXCEEDED:
		net_size(n->o.max_size, size);
		core_err_set(r->error, sizeof r->error,
			     "the document is larger than the limit of %s (after decompression)",
			     size);
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		core_err_set(r->error, sizeof r->error,
			     "%s sent a compressed body that cannot be decompressed", host);
		break;
	case CURLE_GOT_NOTHING:
		core_err_set(r->error, sizeof r->error, "%s closed the connection without replying",
			     host);
		break;
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
		core_err_set(r->error, sizeof r->error,
			     "the connection to %s broke off after %zu bytes", host, r->size);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		core_err_set(r->error, sizeof r->error,
			     "the TLS certificate of %s cannot be verified; if the server sends an"
			     " incomplete chain, give this feed cafile=FILE in the feeds file",
			     host);
		break;
	case CURLE_SSL_CACERT_BADFILE:
		if (x->cafile != NULL)
			net_cafile_error(x->cafile, r->error, sizeof r->error);
		else
			core_err_set(r->error, sizeof r->error, "cannot use the CA file for %s",
				     host);
		break;
	case CURLE_SSL_CONNECT_ERROR:
		core_err_set(r->error, sizeof r->error, "the TLS handshake with %s failed: %s",
			     host, x->errbuf[0] != '\0' ? x->errbuf : curl_easy_strerror(rc));
		break;
	default:
		core_err_set(r->error, sizeof r->error, "%s: %s", host,
			     x->errbuf[0] != '\0' ? x->errbuf : curl_easy_strerror(rc));
		break;
	}
	/* curl's own text may hold anything the server sent: keep it printable. */
	for (char *p = r->error; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	}
	free(host);
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
		net_describe(n, x, rc);
	} else if (r->status == 304) {
		r->ok = r->not_modified = true;
	} else if (r->status >= 200 && r->status <= 299) {
		r->ok = true;
	} else if (r->status >= 300 && r->status <= 399) {
		core_err_set(r->error, sizeof r->error, "HTTP %ld %s without a usable Location",
			     r->status, net_reason(r->status));
	} else {
		const char *reason = net_reason(r->status);
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
