/* commit.c — the committer of commit.h: one thread, one connection, a
 * queue of write requests whose worker threads wait; each turn takes the
 * whole queue as one batch. The batch grows by itself with the load: while
 * one commit waits for the disk, the next batch queues up. */
#include "commit.h"

#include <pthread.h>
#include <stdio.h>

#include "../base/mem.h"
#include "../domain/reg.h"
#include "api.h"

static struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;   /* the committer: work queued, or stop */
  pthread_cond_t done; /* the workers: a batch was answered */
  pthread_t thread;
  Db *db;          /* the committer's connection */
  Req *pHead, **ppTail; /* parked requests, oldest first */
  int active;      /* the thread runs */
  int stopping;    /* commit_stop: no new requests */
  unsigned long long nWrite, nCommit; /* requests run, transactions committed */
} gC = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER,
        .done = PTHREAD_COND_INITIALIZER};

/* One request inside the batch's transaction: its own savepoint, so its
 * failure undoes its own changes only. On failure it is answered with its
 * error at once (api_write does that for the handler's own). */
static void run_one(Req *r) {
  Err e = ERR_INIT;
  int rc = db_begin(gC.db, &e);
  r->db = gC.db;
  if (rc == FZ_OK && (rc = api_write(r, &e)) != FZ_OK) {
    db_rollback(gC.db);
  } else if (rc == FZ_OK && (rc = db_commit(gC.db, &e)) != FZ_OK) {
    http_error(r, rc, &e);
  } else if (rc != FZ_OK) {
    http_error(r, rc, &e);
  }
  r->written = rc == FZ_OK ? 1 : -1;
  err_clear(&e);
}

/* A batch that did not reach the disk: its requests that had succeeded
 * are answered with the reason instead (their cookies withdrawn). */
static void fail_batch(Req *pBatch, int rc, const Err *e) {
  Req *r;
  for (r = pBatch; r; r = r->pNextWrite) {
    if (r->written < 0) continue; /* already answered with its own error */
    mem_free(r->zSetCookie);
    r->zSetCookie = NULL;
    http_error(r, rc, e);
    r->written = -1;
  }
}

static void run_batch(Req *pBatch) {
  Err e = ERR_INIT;
  Req *r;
  int rc = db_begin(gC.db, &e);
  for (r = pBatch; r && rc == FZ_OK; r = r->pNextWrite) {
    run_one(r);
    gC.nWrite++;
    if (db_txn_depth(gC.db) == 0) { /* the engine rolled everything back */
      rc = err_set(&e, FZ_IO, "数据库未能写入（磁盘空间不足或只读？），本批修改均未保存");
    }
  }
  if (rc == FZ_OK) rc = db_commit(gC.db, &e);
  else db_rollback(gC.db);
  if (rc == FZ_OK) gC.nCommit++;
  if (rc != FZ_OK) fail_batch(pBatch, rc, &e);
  err_clear(&e);
  pthread_mutex_lock(&gC.mu); /* answered: wake their worker threads */
  for (r = pBatch; r; r = pBatch) {
    pBatch = r->pNextWrite;
    r->pNextWrite = NULL;
    r->answered = 1; /* r may be gone once the lock is released */
  }
  pthread_cond_broadcast(&gC.done);
  pthread_mutex_unlock(&gC.mu);
}

static void *committer(void *pArg) {
  (void)pArg;
  for (;;) {
    Req *pBatch;
    pthread_mutex_lock(&gC.mu);
    while (!gC.pHead && !gC.stopping) pthread_cond_wait(&gC.cv, &gC.mu);
    pBatch = gC.pHead;
    gC.pHead = NULL;
    gC.ppTail = &gC.pHead;
    pthread_mutex_unlock(&gC.mu);
    if (!pBatch) break; /* stopping, and nothing left */
    run_batch(pBatch);
  }
  return NULL;
}

int commit_start(const char *zDb, Err *e) {
  int rc = reg_open_db(&gC.db, zDb, 0, e);
  if (rc != FZ_OK) return rc;
  if (!db_one_writer(gC.db)) {
    db_close(gC.db);
    gC.db = NULL;
    return FZ_OK;
  }
  gC.pHead = NULL;
  gC.ppTail = &gC.pHead;
  gC.stopping = 0;
  if (pthread_create(&gC.thread, NULL, committer, NULL) != 0) {
    db_close(gC.db);
    gC.db = NULL;
    return err_set(e, FZ_IO, "无法启动写入线程");
  }
  gC.active = 1;
  return FZ_OK;
}

int commit_active(void) {
  return gC.active;
}

int commit_run(Req *r) {
  pthread_mutex_lock(&gC.mu);
  if (gC.stopping) {
    pthread_mutex_unlock(&gC.mu);
    return 0;
  }
  r->pNextWrite = NULL;
  r->answered = 0;
  *gC.ppTail = r;
  gC.ppTail = &r->pNextWrite;
  pthread_cond_signal(&gC.cv);
  while (!r->answered) pthread_cond_wait(&gC.done, &gC.mu);
  pthread_mutex_unlock(&gC.mu);
  return 1;
}

void commit_stop(void) {
  if (!gC.active) return;
  pthread_mutex_lock(&gC.mu);
  gC.stopping = 1;
  pthread_cond_signal(&gC.cv);
  pthread_mutex_unlock(&gC.mu);
  pthread_join(gC.thread, NULL);
  fprintf(stderr, "写入请求 %llu 个，合并为 %llu 次提交\n", gC.nWrite, gC.nCommit);
  db_close(gC.db);
  gC.db = NULL;
  gC.active = 0;
}
