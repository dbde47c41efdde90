/* config_internal.h: what the feeds file and the settings file share. */
#ifndef BANTIN_CONFIG_INTERNAL_H
#define BANTIN_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

/*
 * Reads the whole file at path (shown: its name for messages, what: what
 * it is, "feeds file") into b, at most max bytes, without a byte order
 * mark. False with err ("SHOWN: cannot read the WHAT: reason"); *missing
 * says the file is not there.
 */
bool config_read(const char *path, const char *shown, const char *what, size_t max,
		 struct core_buf *b, bool *missing, char *err, size_t errlen);

#endif
