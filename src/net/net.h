/*
 * net: fetching many URLs at once with one libcurl multi handle.
 *
 * Limits: a total number of connections and a number per host, HTTP/2
 * multiplexing where the server offers it, keep-alive reuse. Every request
 * is conditional when validators are given (a 304 comes back with no body).
 * Only http and https, also across redirects. Bodies are decoded
 * (gzip, deflate, br, zstd) and refused past a size limit, so a
 * compression bomb costs nothing; each goes to an unlinked temporary file
 * in $TMPDIR (or /tmp) as it comes, not to memory. Timeouts for the connection, the whole
 * transfer and a stalled one (nothing received for a while); one retry with backoff for timeouts
 * and 5xx, honouring Retry-After.
 *
 * Knows nothing of feeds or the cache: a request goes in, a result comes
 * out through a callback, with a one-line error that names the host.
 */
#ifndef BANTIN_NET_H
#define BANTIN_NET_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

struct net_opts {
	long max_connections;      /* in all; 0: 16 */
	long max_host_connections; /* per host; 0: 16 */
	long connect_timeout_ms;   /* 0: 15 s */
	long timeout_ms;           /* the whole transfer; 0: 60 s */
	long stall_ms;       /* a transfer that receives nothing this long has stalled; 0: 20 s */
	size_t max_size;     /* decoded body limit; 0: 16 MiB */
	int retries;         /* retries of timeouts and 5xx; -1: none, 0: the default 1 */
	long retry_delay_ms; /* before a retry without Retry-After; 0: 2 s */
	long max_retry_after_s; /* a longer Retry-After is not waited for; 0: 120 s */
	const char *proxy;      /* NULL: the environment's (http_proxy and the like) */
	const char *user_agent; /* NULL: "bantin" (refresh gives "bantin/VERSION") */
};

struct net_request {
	const char *url;
	const char *etag;          /* sent as If-None-Match; NULL for none */
	const char *last_modified; /* sent as If-Modified-Since; NULL for none */
	const char *cafile;        /* extra trusted certificates (PEM); NULL for none */
	bool insecure;             /* do not verify TLS certificates */
	void *user;                /* handed back in the result */
};

struct net_result {
	void *user;
	char *url;               /* as requested */
	char *final_url;         /* after redirects (when ok) */
	char *moved_to;          /* every redirect was permanent (301/308): the final URL */
	long status;             /* the final HTTP status; 0 when none came */
	bool ok;                 /* a 2xx with a body, or a 304 */
	bool not_modified;       /* a 304 */
	int spool;               /* the unlinked temporary file holding the body, at its start */
	struct core_buf body;    /* or, where no such file could be made (spool -1), the body */
	size_t size;             /* bytes of body received, held in either */
	char *content_type;      /* NULL when none */
	char *etag;              /* of a 2xx or 304; NULL when none */
	char *last_modified;     /* likewise */
	int attempts;            /* 1, or 2 after a retry */
	char error[CORE_ERRLEN]; /* when !ok: one line, e.g. "HTTP 404 Not Found" */
};

/* Called once per request when it is finished; r is the callee's (net_result_free). */
typedef void (*net_done_fn)(struct net_result *r, void *arg);

struct net;

/* Once per process, before anything else uses libcurl (and cleanup at exit). */
bool net_global_init(char *err, size_t errlen);
void net_global_cleanup(void);

/* A fetcher; opts is copied. */
struct net *net_new(const struct net_opts *opts, net_done_fn done, void *arg);
/* Requests still pending are handed back first, failed with "cancelled". */
void net_free(struct net *n);
/* Queues a request (copied); it starts as soon as the limits allow. */
void net_add(struct net *n, const struct net_request *req);
/* Requests not finished yet. */
size_t net_pending(const struct net *n);
/* Of those, requests that are due but not started: no connection for them yet. */
size_t net_waiting(const struct net *n);
/*
 * Moves transfers on: waits at most timeout_ms for network activity or
 * for one of extra's descriptors (revents filled in), then delivers what
 * finished through the callback.
 */
void net_step(struct net *n, struct pollfd *extra, unsigned nextra, int timeout_ms);

/* Makes a net_step waiting in another thread return now (thread-safe). */
void net_wakeup(struct net *n);

void net_result_free(struct net_result *r);
/* Frees r's body, in memory or spooled (any thread). */
void net_result_drop_body(struct net_result *r);

/* Whether url is an http or https URL (what the fetcher accepts). */
bool net_url_ok(const char *url);

#endif
