/*
 * net_error.c: what went wrong with a transfer, in one line a person can
 * act on: the HTTP status and its reason, the host that could not be
 * found or reached, the proxy, the time limit or size limit passed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net_internal.h"

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
/* "cannot read cafile 'FILE': why" into err, the why from opening it. */
void net_error_cafile(const char *cafile, char *err, size_t errlen)
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

const char *net_error_reason(long status)
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
/* Could not connect: to the host, or to the proxy (named by its host and port only). */
static void net_error_connect(struct net *n, struct net_xfer *x, const char *eurl, const char *host)
{
	struct net_result *r = x->res;
	long os = 0;
	curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os);
	/* With a proxy given, it is the proxy that could not be reached (its URL may
	   hold a password). */
	char *ph = NULL;
	if (n->proxy != NULL && n->proxy[0] != '\0')
		ph = net_host(n->proxy, false);
	else
		ph = net_env_proxy(x->errbuf, eurl != NULL ? eurl : x->url);
	char *to = ph != NULL ? xasprintf("the proxy %s", ph) : xstrdup(host);
	free(ph);
	if (os != 0)
		core_err_set(r->error, sizeof r->error, "cannot connect to %s: %s", to,
			     strerror((int)os));
	else
		core_err_set(r->error, sizeof r->error, "cannot connect to %s", to);
	free(to);
}

/* Which time limit a timed-out transfer passed. */
static void net_error_timeout(struct net *n, struct net_xfer *x, const char *host)
{
	struct net_result *r = x->res;
	char size[32];
	if (x->stalled)
		core_err_set(r->error, sizeof r->error, "%s stalled: nothing received for %s", host,
			     net_duration(n->o.stall_ms, size));
	else if (strstr(x->errbuf, "onnect") != NULL || strstr(x->errbuf, "esolv") != NULL)
		core_err_set(r->error, sizeof r->error, "connecting to %s timed out after %s", host,
			     net_duration(n->o.connect_timeout_ms, size));
	else
		core_err_set(r->error, sizeof r->error,
			     "%s timed out after %s (%zu bytes received)", host,
			     net_duration(n->o.timeout_ms, size), r->size);
}

void net_error_describe(struct net *n, struct net_xfer *x, CURLcode rc)
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
	case CURLE_COULDNT_CONNECT:
		net_error_connect(n, x, eurl, host);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		net_error_timeout(n, x, host);
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
			char *dir = core_str_printable(net_xfer_tmpdir());
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
			net_error_cafile(x->cafile, r->error, sizeof r->error);
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
