/* commit.h — group commit for the server's writes on a one-writer back end
 * (SQLite): write requests are handed (their worker threads wait) to one
 * committer thread, which runs them in batches, each request in its own
 * savepoint of one transaction, with one durable commit per batch. A
 * request is answered only after the commit that holds it: every
 * acknowledged write is on disk, and a disk's fsync is paid once per
 * batch instead of once per request. */
#ifndef FZ_COMMIT_H
#define FZ_COMMIT_H

#include "http.h"

/* Open the committer's own connection to zDb and start its thread. On a
 * back end that takes concurrent writers (db_one_writer() false) nothing
 * starts and commit_active() stays 0: writes run on the worker threads. */
int commit_start(const char *zDb, Err *e);
int commit_active(void);

/* Run r's write on the committer's connection (see api_write) and return
 * once it is answered: committed, or failed with its error (r->written).
 * 0: the server is stopping and took nothing — answer r at once. */
int commit_run(Req *r);

/* Refuse new writes, finish the queued ones, stop the thread and close its
 * connection. Call after the daemon stopped (its workers may wait here). */
void commit_stop(void);

#endif
