/* refresh_internal.h: what refresh.c shares with refresh_probe.c. */
#ifndef BANTIN_REFRESH_INTERNAL_H
#define BANTIN_REFRESH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"
#include "net.h"
#include "refresh.h"

/* The fetcher's options for a refresh's: the one place the User-Agent is made. */
void refresh_net_opts(const struct refresh_opts *o, struct net_opts *out);
/* A fetched document, read whole into b (at most max bytes) from memory or its spool file. */
bool refresh_page_body(struct net_result *res, size_t max, struct core_buf *b);

#endif
