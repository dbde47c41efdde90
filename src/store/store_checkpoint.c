/*
 * store_checkpoint.c: WAL checkpoints on a thread of their own while a
 * refresh writes, and a smaller page cache meanwhile. SQLite's automatic checkpoint copies the log
 * into the database file, fsync included, on the thread that commits: during a refresh, the thread
 * every feed's write waits for. Apart, commits only count the log's pages (a WAL hook) and wake a
 * thread that checkpoints with a connection of its own, PASSIVE: it never waits for the writer and
 * never makes it wait. When the refresh is over it copies what is left
 * (unless a reader holds it back: then the next checkpoint, or the last
 * connection's close, does).
 */
#include <pthread.h>
#include <stdlib.h>

#include "core.h"
#include "store_internal.h"

/* Log pages that make a checkpoint due: SQLite's own default. */
#define STORE_CKPT_PAGES 1000

struct store_ckpt {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool due, stop;
	char *path;
};

static int store_ckpt_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	(void)db;
	(void)name;
	struct store_ckpt *c = arg;
	if (pages >= STORE_CKPT_PAGES) {
		pthread_mutex_lock(&c->mu);
		c->due = true;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
	}
	return SQLITE_OK;
}

static void *store_ckpt_run(void *arg)
{
	struct store_ckpt *c = arg;
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		db = NULL; /* the log then waits for the writer's own close */
	} else {
		/* A first read tells the new connection that the file is in WAL mode. */
		sqlite3_exec(db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL);
	}
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->due && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->stop)
			break;
		c->due = false;
		pthread_mutex_unlock(&c->mu);
		if (db != NULL)
			sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	/* The rest of the log, so that the next write starts it over (and shrinks it
	   to journal_size_limit) rather than adding to it. */
	if (db != NULL)
		sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	sqlite3_close(db);
	return NULL;
}

void store_refreshing(struct store *st, bool on)
{
	if (on && st->ckpt == NULL) {
		struct store_ckpt *c = xcalloc(1, sizeof *c);
		c->path = xstrdup(st->path);
		pthread_mutex_init(&c->mu, NULL);
		pthread_cond_init(&c->cv, NULL);
		if (pthread_create(&c->thread, NULL, store_ckpt_run, c) != 0) {
			pthread_mutex_destroy(&c->mu);
			pthread_cond_destroy(&c->cv);
			free(c->path);
			free(c);
			return; /* checkpoints stay where they were */
		}
		st->ckpt = c;
		sqlite3_wal_hook(st->db, store_ckpt_hook, c);
		sqlite3_exec(st->db,
			     "PRAGMA cache_size = " STORE_CACHE_REFRESH
			     "; PRAGMA journal_size_limit = " STORE_LOG_LIMIT_REFRESH,
			     NULL, NULL, NULL);
	} else if (!on && st->ckpt != NULL) {
		struct store_ckpt *c = st->ckpt;
		sqlite3_wal_autocheckpoint(st->db, STORE_CKPT_PAGES); /* replaces the hook */
		sqlite3_exec(st->db,
			     "PRAGMA cache_size = " STORE_CACHE
			     "; PRAGMA journal_size_limit = " STORE_LOG_LIMIT,
			     NULL, NULL, NULL);
		pthread_mutex_lock(&c->mu);
		c->stop = true;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
		pthread_join(c->thread, NULL);
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		free(c->path);
		free(c);
		st->ckpt = NULL;
	}
}
