/*
 * Shared by the files of the net module; not part of its interface:
 * net.c schedules the transfers, net_xfer.c sets up each one and takes
 * what curl hands back, net_error.c words what went wrong.
 */
#ifndef BANTIN_NET_INTERNAL_H
#define BANTIN_NET_INTERNAL_H

#include <curl/curl.h>

#include "net.h"

#define NET_DEFAULT_CONNECTIONS 16
/* Over HTTP/1.1 a request has a connection to itself: 16 to one host make 50 conditional
   requests four round trips, not nine (a 304 costs the server next to nothing; over HTTP/2
   they share one connection anyway). */
#define NET_DEFAULT_HOST_CONNECTIONS 16
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

/* net.c */
int64_t net_now_ms(void);
/* An https origin answered in HTTP/1: its transfers are no streams to share a connection. */
void net_saw_http1(struct net *n, const char *url);

/* net_xfer.c: the easy handle of x, its options and callbacks; false with x->res failed. */
bool net_xfer_setup(struct net *n, struct net_xfer *x);
/* Where bodies wait for the parser ($TMPDIR, else /tmp); borrowed. */
const char *net_xfer_tmpdir(void);

/* net_error.c: x->res->error, the one-line sentence for how the transfer ended. */
void net_error_describe(struct net *n, struct net_xfer *x, CURLcode rc);
/* An HTTP status's reason phrase ("Not Found"), "" for one without. */
const char *net_error_reason(long status);
/* Why the certificates of cafile cannot be used, into err. */
void net_error_cafile(const char *cafile, char *err, size_t errlen);

#endif
