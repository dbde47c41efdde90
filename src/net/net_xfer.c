/*
 * net_xfer.c: one transfer's easy handle: its options (limits, TLS,
 * conditional GET, the proxy), and the callbacks curl calls while it runs:
 * the body into an unlinked temporary file (or memory), the size limit and
 * the stall watch, the headers kept (validators, Location, Retry-After).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "net_internal.h"

/* Where bodies go: $TMPDIR when it is an absolute path, else /tmp. */
const char *net_xfer_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir != NULL && dir[0] == '/' ? dir : "/tmp";
}

/* A temporary file, already unlinked, in net_xfer_tmpdir(); -1 when none can be made. */
static int net_spool_open(void)
{
	char *path = xasprintf("%s/bantin-XXXXXX", net_xfer_tmpdir());
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
			net_error_cafile(paths[i], err, errlen);
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
bool net_xfer_setup(struct net *n, struct net_xfer *x)
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
