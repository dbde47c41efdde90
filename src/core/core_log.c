/*
 * An optional log file. Once curses owns the terminal nothing may be
 * printed, so diagnostics go here, and only when the user asked for a log.
 * A core_log whose fp is NULL accepts and drops everything.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <stdlib.h>
#include <unistd.h>

#include "core.h"

static const char *const core_log_names[] = {
    [CORE_LOG_ERROR] = "error",
    [CORE_LOG_WARN] = "warn",
    [CORE_LOG_INFO] = "info",
    [CORE_LOG_DEBUG] = "debug",
};

bool core_log_open(struct core_log *log, const char *path, enum core_log_level level, char *err,
		   size_t errlen)
{
	log->fp = NULL;
	log->level = level;
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd == -1) {
		core_err_set(err, errlen, "%s: cannot open log file: %s", path, strerror(errno));
		return false;
	}
	log->fp = fdopen(fd, "a");
	if (log->fp == NULL) {
		core_err_set(err, errlen, "%s: cannot open log file: %s", path, strerror(errno));
		close(fd);
		return false;
	}
	setvbuf(log->fp, NULL, _IOLBF, 0);
	return true;
}

void core_log_close(struct core_log *log)
{
	if (log->fp != NULL)
		fclose(log->fp);
	log->fp = NULL;
}

void core_log_write(struct core_log *log, enum core_log_level level, const char *fmt, ...)
{
	if (log == NULL || log->fp == NULL || level > log->level)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages quote network text; keep the file safe to cat in a terminal. */
	for (unsigned char *p = (unsigned char *)msg; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			*p = '?';
	}
	char stamp[32] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm) != NULL)
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(log->fp, "%s %s %s\n", stamp, core_log_names[level], msg);
	free(msg);
}

bool core_log_level_parse(const char *name, enum core_log_level *out)
{
	for (size_t i = 0; i < CORE_NELEM(core_log_names); i++) {
		if (strcmp(name, core_log_names[i]) == 0) {
			*out = (enum core_log_level)i;
			return true;
		}
	}
	return false;
}
