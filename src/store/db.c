/* db.c — the dialect-neutral part of the store layer: choosing a back end,
 * statements, nesting transactions (savepoints inside one outer
 * transaction) and the one-shot exec/query helpers. */
#include "db_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/fault.h"
#include "../base/file.h"
#include "../base/mem.h"
#include "../base/str.h"
#include "writer.h"

#define DB_SQL_IN_MESSAGE 160 /* bytes of SQL quoted in an error message */
#define DB_WRITER_WAIT_MS 10000 /* as long as SQLite's own busy timeout */

int db_error(Err *e, int rc, const char *zEngineMsg, const char *zSql) {
  if (zSql) {
    size_t n = strlen(zSql);
    return err_set(e, rc, "数据库错误：%s（SQL：%.*s%s）", zEngineMsg,
                   (int)(n > DB_SQL_IN_MESSAGE ? DB_SQL_IN_MESSAGE : n), zSql,
                   n > DB_SQL_IN_MESSAGE ? "…" : "");
  }
  return err_set(e, rc, "数据库错误：%s", zEngineMsg);
}

/* An injected failure (fault.h) of the nth database call: reported as the
 * engine's own error would be, so it takes the same way to the user. */
static int db_fault(Err *e, long n) {
  return err_set(e, FZ_DB, "注入的故障：第 %ld 次数据库调用", n);
}

void db_name_redacted(const char *zName, Str *s) {
  const char *zAt = strchr(zName, '@'), *zScheme = strstr(zName, "://");
  const char *zColon = zScheme ? strchr(zScheme + 3, ':') : NULL;
  if (zAt && zColon && zColon < zAt) {
    str_appendf(s, "%.*s:***%s", (int)(zColon - zName), zName, zAt);
  } else {
    str_puts(s, zName);
  }
}

static const DbDriver *db_driver_for(const char *zName) {
  if (strncmp(zName, "postgresql://", 13) == 0 ||
      strncmp(zName, "postgres://", 11) == 0) {
    return &db_pg_driver;
  }
  return &db_sqlite_driver;
}

int db_open(Db **ppDb, const char *zName, int flags, Err *e) {
  const DbDriver *pDriver;
  Db *db;
  int rc;
  *ppDb = NULL;
  if (!zName || !zName[0]) return err_set(e, FZ_USAGE, "未指定数据库");
  pDriver = db_driver_for(zName);
  db = mem_zalloc(sizeof *db);
  db->pDriver = pDriver;
  db->zName = mem_strdup(zName);
  rc = pDriver->xOpen(db, zName, flags, e);
  if (rc != FZ_OK) {
    mem_free(db->zName);
    mem_free(db);
    return rc;
  }
  *ppDb = db;
  return FZ_OK;
}

static void stmt_free(Stmt *st) {
  st->db->pDriver->xFinalize(st);
  mem_free(st->zSql);
  mem_free(st);
}

void db_close(Db *db) {
  if (!db) return;
  while (db->nTxn > 0) db_rollback(db);
  while (db->nCache > 0) stmt_free(db->aCache[--db->nCache]);
  db->pDriver->xClose(db);
  mem_free(db->zName);
  mem_free(db);
}

const char *db_name(const Db *db) {
  return db->zName;
}

const char *db_dialect(const Db *db) {
  return db->pDriver->zDialect;
}

/* Take a finished statement with this SQL out of the cache, or NULL. */
static Stmt *cache_take(Db *db, const char *zSql) {
  int i;
  Stmt *st;
  for (i = 0; i < db->nCache; i++) {
    if (strcmp(db->aCache[i]->zSql, zSql) != 0) continue;
    st = db->aCache[i];
    memmove(&db->aCache[i], &db->aCache[i + 1], (size_t)(db->nCache - i - 1) * sizeof st);
    db->nCache--;
    return st;
  }
  return NULL;
}

/* Keep st for the next db_prepare of its SQL, at the front; the least
 * recently used statement falls out when the cache is full. */
static void cache_put(Db *db, Stmt *st) {
  Stmt *twin = cache_take(db, st->zSql); /* the same SQL used twice at once */
  if (twin) stmt_free(twin);
  if (db->nCache == DB_STMT_CACHE) stmt_free(db->aCache[--db->nCache]);
  memmove(&db->aCache[1], &db->aCache[0], (size_t)db->nCache * sizeof st);
  db->aCache[0] = st;
  db->nCache++;
}

int db_prepare(Db *db, Stmt **ppStmt, const char *zSql, Err *e) {
  Stmt *st;
  long nFault;
  int rc;
  *ppStmt = NULL;
  if (fault_hit(FAULT_DB, zSql, &nFault)) return db_fault(e, nFault);
  st = cache_take(db, zSql);
  if (st) {
    *ppStmt = st;
    return FZ_OK;
  }
  st = mem_zalloc(sizeof *st);
  st->db = db;
  st->zSql = mem_strdup(zSql);
  rc = db->pDriver->xPrepare(st, e);
  if (rc != FZ_OK) {
    mem_free(st->zSql);
    mem_free(st);
    st = NULL;
  }
  *ppStmt = st;
  return rc;
}

int db_bind_int64(Stmt *st, int i, int64_t v) {
  return st->db->pDriver->xBindInt64(st, i, v);
}

int db_bind_double(Stmt *st, int i, double v) {
  return st->db->pDriver->xBindDouble(st, i, v);
}

int db_bind_text(Stmt *st, int i, const char *z) {
  return z ? st->db->pDriver->xBindText(st, i, z)
           : st->db->pDriver->xBindNull(st, i);
}

int db_bind_text_ref(Stmt *st, int i, const char *z) {
  return z ? st->db->pDriver->xBindTextRef(st, i, z)
           : st->db->pDriver->xBindNull(st, i);
}

int db_bind_null(Stmt *st, int i) {
  return st->db->pDriver->xBindNull(st, i);
}

/* The process's data generation (db_generation). */
static _Atomic uint64_t gGeneration = 1;

static void data_changed(void) {
  atomic_fetch_add(&gGeneration, 1);
}

/* On an engine whose data version all connections share (sharedVersion),
 * the last version of each database this process has counted in
 * gGeneration, stored only after the count: a connection that then sees
 * that very version needs no count again. One slot per database name for
 * the life of the process (a server has one; tests and migrate a few). */
#define COUNTED_SLOTS 32
typedef struct Counted {
  char *zDb;
  _Atomic int64_t v;
} Counted;
static Counted aCounted[COUNTED_SLOTS];
static pthread_mutex_t gCountedMu = PTHREAD_MUTEX_INITIALIZER;

/* db's slot, or NULL: a per-connection version, or every slot taken */
static Counted *counted_of(Db *db) {
  int i;
  if (db->pCounted || !db->pDriver->sharedVersion) return db->pCounted;
  pthread_mutex_lock(&gCountedMu);
  for (i = 0; i < COUNTED_SLOTS && aCounted[i].zDb; i++) {
    if (strcmp(aCounted[i].zDb, db->zName) == 0) break;
  }
  if (i < COUNTED_SLOTS && !aCounted[i].zDb) aCounted[i].zDb = strdup(db->zName);
  if (i < COUNTED_SLOTS && aCounted[i].zDb) db->pCounted = &aCounted[i];
  pthread_mutex_unlock(&gCountedMu);
  return db->pCounted;
}

int db_step(Stmt *st, Err *e) {
  long nFault;
  int rc;
  if (fault_hit(FAULT_DB, st->zSql, &nFault)) return db_fault(e, nFault);
  rc = st->db->pDriver->xStep(st, e);
  /* a write outside any transaction has committed when it is done */
  if (rc == DB_DONE && st->db->nTxn == 0 && !st->db->txnControl &&
      !st->db->pDriver->xReadonly(st))
    data_changed();
  return rc;
}

uint64_t db_generation(Db *db) {
  /* loaded before the engine is asked (which may open the snapshot): an
   * answer read after this never predates a commit counted in g */
  uint64_t g = atomic_load(&gGeneration);
  int64_t v = db->pDriver->xDataVersion(db);
  Counted *p;
  if (v != 0 && v == db->dataVersion) return g;
  /* a change since this connection last looked, a first look, or a version
   * the engine could not tell (0): this request trusts nothing kept. Every
   * kept answer is retired too, unless the version is shared and this
   * process has already counted it (another connection saw it first, or
   * this process wrote it): 16 workers would otherwise empty the cache 16
   * times for one change. */
  db->dataVersion = v;
  p = counted_of(db);
  if (v == 0 || !p || v != atomic_load(&p->v)) data_changed();
  if (v != 0 && p) atomic_store(&p->v, v);
  return 0;
}

int db_param_count(Stmt *st) {
  return st->db->pDriver->xParamCount(st);
}

int db_column_count(Stmt *st) {
  return st->db->pDriver->xColumnCount(st);
}

int db_column_is_null(Stmt *st, int i) {
  return st->db->pDriver->xColumnIsNull(st, i);
}

int64_t db_column_int64(Stmt *st, int i) {
  return st->db->pDriver->xColumnInt64(st, i);
}

double db_column_double(Stmt *st, int i) {
  return st->db->pDriver->xColumnDouble(st, i);
}

const char *db_column_text(Stmt *st, int i) {
  return st->db->pDriver->xColumnText(st, i);
}

const char *db_column_name(Stmt *st, int i) {
  return st->db->pDriver->xColumnName(st, i);
}

void db_reset(Stmt *st) {
  st->db->pDriver->xReset(st);
}

/* Finished: the statement goes back to its connection's cache. */
void db_finalize(Stmt *st) {
  if (!st) return;
  st->db->pDriver->xRecycle(st);
  cache_put(st->db, st);
}

const char *db_sql(const Stmt *st) {
  return st->zSql;
}

/* Bind the arguments described by zTypes (see db.h) to st. */
static void db_bind_va(Stmt *st, const char *zTypes, va_list ap) {
  int i = 1;
  for (; zTypes && *zTypes; zTypes++, i++) {
    switch (*zTypes) {
    case 'i': db_bind_int64(st, i, va_arg(ap, int64_t)); break;
    case 'd': db_bind_double(st, i, va_arg(ap, double)); break;
    case 't': db_bind_text(st, i, va_arg(ap, const char *)); break;
    case 'n': db_bind_null(st, i); break;
    default: abort(); /* a wrong type string is a bug, not bad input */
    }
  }
}

int db_exec(Db *db, Err *e, const char *zSql, const char *zTypes, ...) {
  Stmt *st = NULL;
  va_list ap;
  int rc = db_prepare(db, &st, zSql, e);
  if (rc != FZ_OK) return rc;
  va_start(ap, zTypes);
  db_bind_va(st, zTypes, ap);
  va_end(ap);
  while ((rc = db_step(st, e)) == DB_ROW) {
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

int db_query_int64(Db *db, Err *e, int64_t *pV, int *pFound, const char *zSql,
                   const char *zTypes, ...) {
  Stmt *st = NULL;
  va_list ap;
  int rc = db_prepare(db, &st, zSql, e);
  if (rc != FZ_OK) return rc;
  va_start(ap, zTypes);
  db_bind_va(st, zTypes, ap);
  va_end(ap);
  if (pFound) *pFound = 0;
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    *pV = db_column_int64(st, 0);
    if (pFound) *pFound = 1;
    rc = FZ_OK;
  } else if (rc == DB_DONE) {
    rc = FZ_OK;
  }
  db_finalize(st);
  return rc;
}

int db_exec_script(Db *db, const char *zSql, Err *e) {
  long nFault;
  if (fault_hit(FAULT_DB, zSql, &nFault)) return db_fault(e, nFault);
  return db->pDriver->xExecScript(db, zSql, e);
}

/* Transaction control goes through the statement cache like any other
 * statement: a read request costs a BEGIN and a COMMIT, parsed once. */
static int txn_exec(Db *db, const char *zSql, Err *e) {
  int rc;
  db->txnControl = 1; /* BEGIN is no write of its own (db_step) */
  rc = db_exec(db, e, zSql, NULL);
  db->txnControl = 0;
  return rc;
}

/* Savepoint names follow the depth they open: sp1 for depth 2, and so on. */
static int db_savepoint(Db *db, const char *zVerb, int depth, Err *e) {
  char zSql[64];
  snprintf(zSql, sizeof zSql, "%s sp%d", zVerb, depth);
  return txn_exec(db, zSql, e);
}

/* Step a driver's own statement to its end, whatever it returns. */
static int run_all(Db *db, const char *zSql, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st, zSql, e);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) rc = FZ_OK;
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

static int begin_with(Db *db, const char *zOutermost, Err *e) {
  int rc = db->nTxn == 0 ? txn_exec(db, zOutermost, e)
                         : db_savepoint(db, "SAVEPOINT", db->nTxn, e);
  if (rc == FZ_OK) db->nTxn++;
  return rc;
}

/* The outermost transaction is over: let the next writer in. */
static void txn_ended(Db *db) {
  if (db->inGate) writer_leave(db->pGate);
  db->inGate = 0;
  db->writeTxn = 0;
}

int db_begin(Db *db, Err *e) {
  int rc;
  if (db->nTxn == 0 && db->pDriver->oneWriter) {
    if (!db->pGate) db->pGate = writer_gate(db->zName);
    db->inGate = writer_enter(db->pGate, DB_WRITER_WAIT_MS);
  }
  rc = begin_with(db, db->pDriver->zBegin, e);
  if (rc != FZ_OK && db->nTxn == 0) txn_ended(db);
  if (rc == FZ_OK && db->nTxn == 1) {
    db->writeTxn = 1;
    if (db->pDriver->zBeginLock) {
      rc = run_all(db, db->pDriver->zBeginLock, e);
      if (rc != FZ_OK) db_rollback(db);
    }
  }
  return rc;
}

int db_begin_read(Db *db, Err *e) {
  return begin_with(db, db->pDriver->zBeginRead, e);
}

/* The driver's commit hook; *pVersion is the data version it returns
 * (0: none). */
static int commit_hook(Db *db, int64_t *pVersion, Err *e) {
  Stmt *st = NULL;
  int rc;
  *pVersion = 0;
  if (!db->writeTxn || !db->pDriver->zCommitHook) return FZ_OK;
  rc = db_prepare(db, &st, db->pDriver->zCommitHook, e);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) {
    *pVersion = db_column_int64(st, 0);
    rc = FZ_OK;
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

int db_commit(Db *db, Err *e) {
  int64_t version;
  int rc;
  if (db->nTxn <= 0) return err_set(e, FZ_DB, "内部错误：没有进行中的事务可提交");
  if (db->nTxn > 1) {
    rc = db_savepoint(db, "RELEASE", db->nTxn - 1, e);
    if (rc != FZ_OK) {
      db_rollback(db);
      return rc;
    }
    db->nTxn--;
    return FZ_OK;
  }
  rc = commit_hook(db, &version, e);
  if (rc == FZ_OK) rc = txn_exec(db, "COMMIT", e);
  if (rc != FZ_OK) {
    db_rollback(db); /* a failed commit leaves nothing half-written */
    return rc;
  }
  db->nTxn = 0;
  /* the version this commit left: writers take turns (zBeginLock), so one
   * from outside before it is counted too, and data_changed() below,
   * after both, retires every answer kept from before */
  if (version && db->dataVersion) db->dataVersion = version;
  if (db->writeTxn) data_changed(); /* after the commit, never before */
  if (version && counted_of(db)) atomic_store(&db->pCounted->v, version); /* after the count */
  txn_ended(db);
  return FZ_OK;
}

int db_rollback(Db *db) {
  Err e = ERR_INIT;
  if (db->nTxn <= 0) return FZ_OK;
  fault_pause(); /* the recovery path is no injection point (fault.h) */
  if (db->nTxn > 1 && !db->pDriver->xInTransaction(db)) {
    /* The engine rolled the whole transaction back by itself (disk full):
     * every level is gone; the caller sees depth 0. */
    if (db->writeTxn && db->pDriver->xRolledBack) db->pDriver->xRolledBack(db);
    db->nTxn = 0;
    txn_ended(db);
    fault_resume();
    return FZ_OK;
  }
  if (db->nTxn > 1) {
    db_savepoint(db, "ROLLBACK TO", db->nTxn - 1, &e);
    db_savepoint(db, "RELEASE", db->nTxn - 1, &e);
  } else if (db->pDriver->xInTransaction(db)) {
    /* The engine may already have rolled back by itself (disk full). */
    txn_exec(db, "ROLLBACK", &e);
  }
  if (db->nTxn == 1 && db->writeTxn && db->pDriver->xRolledBack) db->pDriver->xRolledBack(db);
  fault_resume();
  if (--db->nTxn == 0) txn_ended(db);
  err_clear(&e);
  return FZ_OK;
}

int db_txn_depth(const Db *db) {
  return db->nTxn;
}

int db_one_writer(const Db *db) {
  return db->pDriver->oneWriter;
}

int db_table_exists(Db *db, const char *zTable, int *pExists, Err *e) {
  return db->pDriver->xTableExists(db, zTable, pExists, e);
}

int db_integrity_check(Db *db, Err *e) {
  return db->pDriver->xIntegrityCheck(db, e);
}

int db_bulk(Db *db, int on, Err *e) {
  return db->pDriver->xBulk(db, on, e);
}

/* ---- Backup ---- */

/* A copy just written opens as a database and passes the full check
 * (read-only: opening to write would turn a standalone copy back to WAL). */
static int backup_verify(const char *zPath, Err *e) {
  Db *copy = NULL;
  int rc = db_open(&copy, zPath, DB_READONLY, e);
  if (rc == FZ_OK) rc = db_integrity_check(copy, e);
  db_close(copy);
  if (rc != FZ_OK) err_prefix(e, "副本 %s 未通过完整性检查：", zPath);
  return rc;
}

/* Remove a temporary copy and whatever SQLite left beside it. */
static void backup_remove(const char *zPath) {
  static const char *const azSuffix[] = {"", "-wal", "-shm", "-journal"};
  Str s = STR_INIT;
  size_t i;
  for (i = 0; i < sizeof azSuffix / sizeof azSuffix[0]; i++) {
    str_reset(&s);
    str_appendf(&s, "%s%s", zPath, azSuffix[i]);
    unlink(str_cstr(&s));
  }
  str_free(&s);
}

/* The rename is durable once the directory holding it is synced. */
static void backup_sync_dir(const char *zPath) {
  const char *zSlash = strrchr(zPath, '/');
  Str dir = STR_INIT;
  int fd;
  if (!zSlash) str_puts(&dir, ".");
  else str_append(&dir, zPath, zSlash == zPath ? 1 : (size_t)(zSlash - zPath));
  fd = open(str_cstr(&dir), O_RDONLY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  str_free(&dir);
}

/* Whether zPath already holds a database this back end opens. */
static int backup_target_is_db(const char *zPath) {
  Db *other = NULL;
  Err e = ERR_INIT;
  int isDb = db_open(&other, zPath, 0, &e) == FZ_OK;
  db_close(other);
  err_clear(&e);
  return isDb;
}

/* A non-empty zPath-wal with no database of its own at zPath: SQLite would
 * replay its frames into whatever file is put there (it checks the log's
 * own checksums, not which database it belongs to). */
static int backup_stale_wal(const char *zPath) {
  struct stat sb;
  Str wal = STR_INIT;
  int stale;
  str_appendf(&wal, "%s-wal", zPath);
  stale = stat(str_cstr(&wal), &sb) == 0 && sb.st_size > 0;
  str_free(&wal);
  return stale;
}

int db_backup(Db *db, const char *zPath, int replace, Err *e) {
  struct stat sb, sbSrc;
  Str tmp = STR_INIT;
  int rc;
  /* a server database (PostgreSQL) has no file to copy: it says how */
  if (strcmp(db->pDriver->zDialect, "sqlite") != 0) return db->pDriver->xBackup(db, zPath, e);
  if (stat(zPath, &sb) == 0) {
    if (stat(db->zName, &sbSrc) == 0 && sb.st_dev == sbSrc.st_dev && sb.st_ino == sbSrc.st_ino) {
      return err_set(e, FZ_USAGE, "%s 就是要复制的数据库本身", zPath);
    }
    if (!replace) return err_set(e, FZ_CONFLICT, "文件 %s 已存在", zPath);
    if (S_ISDIR(sb.st_mode)) return err_set(e, FZ_IO, "%s 是目录，不是数据库文件", zPath);
    if (backup_target_is_db(zPath)) {
      /* in place, one transaction: a server on zPath never sees half */
      rc = db->pDriver->xBackup(db, zPath, e);
      return rc == FZ_OK ? backup_verify(zPath, e) : rc;
    }
  }
  if (backup_stale_wal(zPath)) {
    return err_set(e, FZ_CONFLICT,
                   "%s-wal 是以前在此的数据库留下的日志，会被误当作新文件的日志：确认无用后删除它再试",
                   zPath);
  }
  file_temp_name(zPath, &tmp);
  backup_remove(str_cstr(&tmp)); /* a stale one from a killed run */
  rc = db->pDriver->xBackup(db, str_cstr(&tmp), e);
  if (rc == FZ_OK) rc = backup_verify(str_cstr(&tmp), e);
  if (rc == FZ_OK && rename(str_cstr(&tmp), zPath) != 0) {
    rc = err_set(e, FZ_IO, "无法写入 %s：%s", zPath, strerror(errno));
  }
  if (rc == FZ_OK) backup_sync_dir(zPath);
  else backup_remove(str_cstr(&tmp));
  str_free(&tmp);
  return rc;
}

int64_t db_last_insert_id(Db *db) {
  return db->pDriver->xLastInsertId(db);
}

int64_t db_changes(Db *db) {
  return db->pDriver->xChanges(db);
}
