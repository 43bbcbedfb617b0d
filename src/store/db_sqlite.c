/* db_sqlite.c — the embedded back end: one SQLite file in WAL mode with
 * foreign keys on, full sync (an acknowledged write survives a crash) and a
 * busy timeout so concurrent writers wait instead of failing. */
#define _GNU_SOURCE /* sync_file_range */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/mem.h"
#include "db_int.h"

#define SQLITE_BUSY_MS 10000

#define H(db) ((sqlite3 *)(db)->pHandle)
#define S(st) ((sqlite3_stmt *)(st)->pHandle)

/* Map an SQLite result code to ours, with a Chinese message. */
static int sq_error(sqlite3 *h, int src, const char *zSql, Err *e) {
  int prim = src & 0xff;
  const char *zMsg = h ? sqlite3_errmsg(h) : sqlite3_errstr(src);
  switch (prim) {
  case SQLITE_CONSTRAINT:
    if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
      return db_error(e, FZ_CONFLICT, zMsg, zSql);
    return db_error(e, FZ_INVALID, zMsg, zSql);
  case SQLITE_FULL:
    return err_set(e, FZ_IO, "磁盘已满，数据未能写入：%s", zMsg);
  case SQLITE_READONLY:
    return err_set(e, FZ_IO, "数据库为只读，无法写入：%s", zMsg);
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return err_set(e, FZ_DB, "数据库正忙（其他进程正在写入），请稍后重试：%s",
                   zMsg);
  case SQLITE_NOTADB:
    return err_set(e, FZ_DB, "文件不是 fazhi 数据库（不是 SQLite 数据库文件）");
  case SQLITE_CORRUPT:
    return err_set(e, FZ_DB, "数据库文件已损坏：%s", zMsg);
  case SQLITE_IOERR:
    if (src == SQLITE_IOERR_WRITE || src == SQLITE_IOERR_FSYNC || src == SQLITE_IOERR_TRUNCATE)
      return err_set(e, FZ_IO, "写入数据库文件失败（磁盘已满、超出文件大小限制或磁盘故障），"
                               "数据未能写入：%s", zMsg);
    return err_set(e, FZ_IO, "读写数据库文件失败：%s", zMsg);
  case SQLITE_CANTOPEN:
    return err_set(e, FZ_IO, "读写数据库文件失败：%s", zMsg);
  default:
    return db_error(e, FZ_DB, zMsg, zSql);
  }
}

/* Say plainly why a path cannot be opened before SQLite gives its terse
 * answer: missing, or not readable / writable by this user. */
static int sq_check_path(const char *zName, int flags, Err *e) {
  struct stat sb;
  if (strcmp(zName, ":memory:") == 0) return FZ_OK;
  if (stat(zName, &sb) != 0) {
    if (errno == ENOENT && !(flags & DB_CREATE)) {
      return err_set(e, FZ_NOTFOUND,
                     "数据库 %s 不存在；请先运行 fazhi init 创建，或用 --db "
                     "指定已有的数据库",
                     zName);
    }
    return FZ_OK; /* SQLite reports the rest (e.g. a missing directory) */
  }
  if (S_ISDIR(sb.st_mode)) {
    return err_set(e, FZ_IO, "%s 是目录，不是数据库文件", zName);
  }
  if (access(zName, (flags & DB_READONLY) ? R_OK : R_OK | W_OK) != 0) {
    return err_set(e, FZ_IO, "无权%s数据库文件 %s",
                   (flags & DB_READONLY) ? "读取" : "读写", zName);
  }
  return FZ_OK;
}

/* Run a script; SQLite's own sqlite3_exec is the right tool for DDL. */
static int sq_exec(Db *db, const char *zSql, Err *e) {
  char *zErr = NULL;
  int src = sqlite3_exec(H(db), zSql, NULL, NULL, &zErr);
  int rc = FZ_OK;
  if (src != SQLITE_OK) rc = sq_error(H(db), src, zSql, e);
  sqlite3_free(zErr);
  return rc;
}

/* Reading the schema proves the file is a database at all. */
static int sq_check_is_db(Db *db, const char *zName, Err *e) {
  int src = sqlite3_exec(H(db), "SELECT count(*) FROM sqlite_schema", NULL,
                         NULL, NULL);
  if ((src & 0xff) == SQLITE_NOTADB) {
    return err_set(e, FZ_DB,
                   "文件 %s 不是 fazhi 数据库（不是 SQLite 数据库文件）", zName);
  }
  return src == SQLITE_OK ? FZ_OK : sq_error(H(db), src, NULL, e);
}

/* Memory statistics make every SQLite allocation take one process-wide
 * mutex: with a connection per server thread that lock was the hottest
 * thing in a profile. fazhi never reads those statistics. */
static void sq_configure_once(void) {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(Db *db, const char *zName, int flags, Err *e) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  sqlite3 *h = NULL;
  int oflags, src, rc;
  pthread_once(&once, sq_configure_once);
  rc = sq_check_path(zName, flags, e);
  if (rc != FZ_OK) return rc;
  oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (flags & DB_CREATE) oflags |= SQLITE_OPEN_CREATE;
  src = sqlite3_open_v2(zName, &h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
  if (src != SQLITE_OK) {
    rc = err_set(e, FZ_IO, "无法打开数据库 %s：%s", zName,
                 h ? sqlite3_errmsg(h) : sqlite3_errstr(src));
    sqlite3_close(h);
    return rc;
  }
  sqlite3_extended_result_codes(h, 1);
  sqlite3_busy_timeout(h, SQLITE_BUSY_MS);
  db->pHandle = h;
  rc = sq_check_is_db(db, zName, e);
  if (rc == FZ_OK) {
    rc = sq_exec(db,
                 (flags & DB_READONLY)
                     ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
                     /* a new database gets 16 KiB pages (an existing one keeps
                      * its own): a quarter of the page reads and writes, and
                      * a million-row import 25% faster; commits are grouped */
                     : "PRAGMA page_size=16384;"
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                       /* reads through a 256 MiB map, not a pread per page:
                        * a province's figures 4x faster */
                       "PRAGMA mmap_size=268435456;"
                       "PRAGMA foreign_keys=ON;",
                 e);
  }
  if (rc != FZ_OK) {
    sqlite3_close(h);
    db->pHandle = NULL;
  }
  return rc;
}

static void sq_writeback_stop(Db *db);

static void sq_close(Db *db) {
  sq_writeback_stop(db); /* before SQLite closes the descriptors it uses */
  sqlite3_close(H(db));
}

static int sq_prepare(Stmt *st, Err *e) {
  sqlite3_stmt *p = NULL;
  int src = sqlite3_prepare_v2(H(st->db), st->zSql, -1, &p, NULL);
  if (src != SQLITE_OK) return sq_error(H(st->db), src, st->zSql, e);
  st->pHandle = p;
  return FZ_OK;
}

static int sq_bind_rc(int src) {
  return src == SQLITE_OK ? FZ_OK : FZ_DB;
}

static int sq_bind_int64(Stmt *st, int i, int64_t v) {
  return sq_bind_rc(sqlite3_bind_int64(S(st), i, v));
}

static int sq_bind_double(Stmt *st, int i, double v) {
  return sq_bind_rc(sqlite3_bind_double(S(st), i, v));
}

static int sq_bind_text(Stmt *st, int i, const char *z) {
  return sq_bind_rc(sqlite3_bind_text(S(st), i, z, -1, SQLITE_TRANSIENT));
}

static int sq_bind_text_ref(Stmt *st, int i, const char *z) {
  return sq_bind_rc(sqlite3_bind_text(S(st), i, z, -1, SQLITE_STATIC));
}

static int sq_bind_null(Stmt *st, int i) {
  return sq_bind_rc(sqlite3_bind_null(S(st), i));
}

/* Run in every write transaction before it commits: its new data version
 * (sq_data_version), positive and never 1. */
#define SQ_COMMIT_HOOK                                                               \
  "INSERT INTO fz_meta(key, value)"                                                  \
  " VALUES('data_version', (random() & 4611686018427387903) + 2)"                    \
  " ON CONFLICT(key) DO UPDATE SET value = excluded.value"                           \
  " RETURNING CAST(value AS INTEGER)"

/* A write that is its own transaction stores a new data version too, as
 * on PostgreSQL: just after it rather than with it, which is enough, since
 * nothing a kept answer shows is written that way. Its failure is no
 * failure of the write (a database without fz_meta has no version). */
static void sq_autocommit_version(Stmt *st) {
  sqlite3_stmt *h = NULL;
  if (sqlite3_prepare_v2(H(st->db), SQ_COMMIT_HOOK, -1, &h, NULL) == SQLITE_OK &&
      sqlite3_step(h) == SQLITE_ROW && st->db->dataVersion) {
    st->db->dataVersion = sqlite3_column_int64(h, 0);
  }
  sqlite3_finalize(h);
}

static int sq_step(Stmt *st, Err *e) {
  int wasAutocommit = sqlite3_get_autocommit(H(st->db));
  int src = sqlite3_step(S(st));
  if (src == SQLITE_ROW) return DB_ROW;
  if (src == SQLITE_DONE) {
    /* still in autocommit after: not BEGIN; a write: not a read or COMMIT */
    if (wasAutocommit && sqlite3_get_autocommit(H(st->db)) && !sqlite3_stmt_readonly(S(st)) &&
        strncasecmp(st->zSql, "PRAGMA", 6) != 0) {
      sq_autocommit_version(st);
    }
    return DB_DONE;
  }
  return sq_error(H(st->db), src, st->zSql, e);
}

static int sq_column_count(Stmt *st) {
  return sqlite3_column_count(S(st));
}

static int sq_param_count(Stmt *st) {
  return sqlite3_bind_parameter_count(S(st));
}

static int sq_column_is_null(Stmt *st, int i) {
  return sqlite3_column_type(S(st), i) == SQLITE_NULL;
}

static int64_t sq_column_int64(Stmt *st, int i) {
  return sqlite3_column_int64(S(st), i);
}

static double sq_column_double(Stmt *st, int i) {
  return sqlite3_column_double(S(st), i);
}

static const char *sq_column_text(Stmt *st, int i) {
  return (const char *)sqlite3_column_text(S(st), i);
}

static const char *sq_column_name(Stmt *st, int i) {
  return sqlite3_column_name(S(st), i);
}

static void sq_reset(Stmt *st) {
  sqlite3_reset(S(st));
}

static void sq_recycle(Stmt *st) {
  sqlite3_reset(S(st));
  sqlite3_clear_bindings(S(st));
}

static void sq_finalize(Stmt *st) {
  sqlite3_finalize(S(st));
}

static int sq_in_transaction(Db *db) {
  return !sqlite3_get_autocommit(H(db));
}

static int sq_table_exists(Db *db, const char *zTable, int *pExists, Err *e) {
  sqlite3_stmt *p = NULL;
  const char *zSql =
      "SELECT 1 FROM sqlite_schema WHERE type='table' AND name=?1";
  int src = sqlite3_prepare_v2(H(db), zSql, -1, &p, NULL);
  if (src != SQLITE_OK) return sq_error(H(db), src, zSql, e);
  sqlite3_bind_text(p, 1, zTable, -1, SQLITE_STATIC);
  src = sqlite3_step(p);
  *pExists = (src == SQLITE_ROW);
  sqlite3_finalize(p);
  return (src == SQLITE_ROW || src == SQLITE_DONE) ? FZ_OK
                                                   : sq_error(H(db), src, zSql, e);
}

/* Rows whose references dangle are damage integrity_check does not see. */
static int sq_foreign_key_check(Db *db, Err *e) {
  sqlite3_stmt *p = NULL;
  const char *zSql = "PRAGMA foreign_key_check";
  int src = sqlite3_prepare_v2(H(db), zSql, -1, &p, NULL);
  int rc = FZ_OK;
  if (src != SQLITE_OK) return sq_error(H(db), src, zSql, e);
  src = sqlite3_step(p);
  if (src == SQLITE_ROW) {
    rc = err_set(e, FZ_DB, "数据库外键检查未通过：表 %s 第 %lld 行引用了不存在的 %s",
                 (const char *)sqlite3_column_text(p, 0),
                 (long long)sqlite3_column_int64(p, 1),
                 (const char *)sqlite3_column_text(p, 2));
  } else if (src != SQLITE_DONE) {
    rc = sq_error(H(db), src, zSql, e);
  }
  sqlite3_finalize(p);
  return rc;
}

static int sq_integrity_check(Db *db, Err *e) {
  sqlite3_stmt *p = NULL;
  const char *zSql = "PRAGMA integrity_check";
  const char *zRes;
  int src = sqlite3_prepare_v2(H(db), zSql, -1, &p, NULL);
  int rc = FZ_OK;
  if (src != SQLITE_OK) return sq_error(H(db), src, zSql, e);
  src = sqlite3_step(p);
  if (src != SQLITE_ROW) {
    rc = sq_error(H(db), src, zSql, e);
  } else {
    zRes = (const char *)sqlite3_column_text(p, 0);
    if (!zRes || strcmp(zRes, "ok") != 0) {
      rc = err_set(e, FZ_DB, "数据库完整性检查未通过：%s", zRes ? zRes : "?");
    }
  }
  if (rc == FZ_OK) rc = sq_foreign_key_check(db, e);
  sqlite3_finalize(p);
  return rc;
}

/* ---- Bulk mode's write-back ----
 * A large import writes its pages twice: into the WAL as it goes, and into
 * the database file when its commit checkpoints. Left to the kernel,
 * nothing of either reaches the disk before the fsync that needs it, which
 * then waits for all of it. While bulk mode lasts, a thread asks the kernel
 * every WRITEBACK_MS to start writing both files out (sync_file_range,
 * which does not wait), so the disk works while the import computes and
 * the fsyncs find little left: a million rows commit in a fifth of the
 * time. Durability is untouched (SQLite syncs as it always does).
 *
 * The thread uses SQLite's own descriptors, found in /proc/self/fd, and
 * never opens or closes one: closing any descriptor of the database file
 * would drop every POSIX lock this process holds on it. One connection at
 * a time gets the thread (an import); Linux only, elsewhere a no-op. */
#define WRITEBACK_MS 50

typedef struct SqWriteback {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pthread_t th;
  Db *db; /* the connection in bulk mode that owns the thread, or NULL */
  int stop;
  int nFd;
  int aFd[2]; /* SQLite's descriptors of the database file and its WAL */
} SqWriteback;

#ifdef __linux__
static SqWriteback gWriteback = {.mu = PTHREAD_MUTEX_INITIALIZER,
                                 .cv = PTHREAD_COND_INITIALIZER};

/* A descriptor this process has open on the file at zPath, or -1. */
static int sq_find_fd(const char *zPath) {
  struct stat want, got;
  DIR *d;
  struct dirent *de;
  int fd = -1;
  if (!zPath || stat(zPath, &want) != 0 || !S_ISREG(want.st_mode)) return -1;
  d = opendir("/proc/self/fd");
  if (!d) return -1;
  while (fd < 0 && (de = readdir(d)) != NULL) {
    char *zEnd;
    long n = strtol(de->d_name, &zEnd, 10);
    if (*zEnd || zEnd == de->d_name || n == dirfd(d)) continue;
    if (fstat((int)n, &got) == 0 && got.st_dev == want.st_dev && got.st_ino == want.st_ino) {
      fd = (int)n;
    }
  }
  closedir(d);
  return fd;
}

static void *sq_writeback_main(void *pArg) {
  SqWriteback *w = pArg;
  int i;
  pthread_mutex_lock(&w->mu);
  while (!w->stop) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += WRITEBACK_MS * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&w->cv, &w->mu, &ts);
    for (i = 0; !w->stop && i < w->nFd; i++) {
      sync_file_range(w->aFd[i], 0, 0, SYNC_FILE_RANGE_WRITE);
    }
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

static void sq_writeback_start(Db *db) {
  SqWriteback *w = &gWriteback;
  const char *zDb = sqlite3_db_filename(H(db), "main");
  int fd;
  pthread_mutex_lock(&w->mu);
  if (w->db || !zDb || !zDb[0]) {
    pthread_mutex_unlock(&w->mu);
    return;
  }
  w->nFd = 0;
  if ((fd = sq_find_fd(zDb)) >= 0) w->aFd[w->nFd++] = fd;
  if ((fd = sq_find_fd(sqlite3_filename_wal(zDb))) >= 0) w->aFd[w->nFd++] = fd;
  w->stop = 0;
  if (w->nFd > 0 && pthread_create(&w->th, NULL, sq_writeback_main, w) == 0) w->db = db;
  pthread_mutex_unlock(&w->mu);
}

static void sq_writeback_stop(Db *db) {
  SqWriteback *w = &gWriteback;
  pthread_mutex_lock(&w->mu);
  if (w->db != db) {
    pthread_mutex_unlock(&w->mu);
    return;
  }
  w->stop = 1;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->th, NULL);
  pthread_mutex_lock(&w->mu);
  w->db = NULL;
  pthread_mutex_unlock(&w->mu);
}
#else
static void sq_writeback_start(Db *db) {
  (void)db;
}
static void sq_writeback_stop(Db *db) {
  (void)db;
}
#endif

/* Foreign keys are off in bulk mode (outside a transaction only, where
 * the pragma takes effect): the register engine has checked every org and
 * reference of every row itself, and the lookups cost a seventh of an
 * import. */
static int sq_bulk(Db *db, int on, Err *e) {
  char zSql[96];
  int rc;
  if (!on) sq_writeback_stop(db);
  snprintf(zSql, sizeof zSql, "PRAGMA cache_size=%d; PRAGMA foreign_keys=%s;",
           on ? -1024 * DB_BULK_CACHE_MB : -2000, on ? "OFF" : "ON");
  rc = sq_exec(db, zSql, e);
  if (on && rc == FZ_OK) sq_writeback_start(db);
  return rc;
}

static int64_t sq_last_insert_id(Db *db) {
  return sqlite3_last_insert_rowid(H(db));
}

static int64_t sq_changes(Db *db) {
  return sqlite3_changes64(H(db));
}

static int sq_readonly(Stmt *st) {
  return sqlite3_stmt_readonly(st->pHandle);
}

/* The data version every connection and process reads (db_generation): a
 * fresh random number each write transaction stores (SQ_COMMIT_HOOK), so a
 * restored or replaced file tells too. PRAGMA data_version would be each
 * connection's own count, and a server's sixteen workers would each count
 * one change as another. No row yet: 1; no fz_meta: 0, never trusted. */
static int64_t sq_data_version(Db *db) {
  Stmt *st = NULL;
  Err e = ERR_INIT;
  int64_t v = 0;
  if (db_prepare(db, &st, "SELECT CAST(value AS INTEGER) FROM fz_meta WHERE key = 'data_version'",
                 &e) == FZ_OK) {
    int rc = db_step(st, &e);
    v = rc == DB_ROW ? db_column_int64(st, 0) : rc == DB_DONE ? 1 : 0;
  }
  db_finalize(st);
  err_clear(&e);
  return v;
}

/* The online backup API: sqlite3_backup_step(-1) copies every page under
 * one read transaction on db, so the copy is one snapshot however much the
 * server writes meanwhile, and lands in zDest inside one write transaction
 * (the busy timeout waits out zDest's own writers). A file it creates is
 * left in rollback-journal mode: one self-contained file, which opens
 * read-only without -wal and -shm files appearing beside it. */
static int sq_backup(Db *db, const char *zDest, Err *e) {
  sqlite3 *hDest = NULL;
  sqlite3_backup *b;
  struct stat sb;
  int created = stat(zDest, &sb) != 0;
  int src, nTry = 0, rc = FZ_OK;
  src = sqlite3_open_v2(zDest, &hDest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (src != SQLITE_OK) {
    rc = err_set(e, FZ_IO, "无法写入数据库 %s：%s", zDest,
                 hDest ? sqlite3_errmsg(hDest) : sqlite3_errstr(src));
    goto cleanup;
  }
  sqlite3_busy_timeout(hDest, SQLITE_BUSY_MS);
  b = sqlite3_backup_init(hDest, "main", H(db), "main");
  if (!b) {
    rc = sq_error(hDest, sqlite3_errcode(hDest), NULL, e);
    goto cleanup;
  }
  /* the source's busy handler is not called: retry a writer's lock briefly */
  while (((src = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || src == SQLITE_LOCKED) &&
         nTry++ < SQLITE_BUSY_MS / 50) {
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(b);
  if (src != SQLITE_DONE) rc = sq_error(hDest, src, NULL, e);
  if (rc == FZ_OK && created) {
    src = sqlite3_exec(hDest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    if (src != SQLITE_OK) rc = sq_error(hDest, src, "PRAGMA journal_mode=DELETE", e);
  }
cleanup:
  if (hDest && sqlite3_close(hDest) != SQLITE_OK && rc == FZ_OK) {
    rc = err_set(e, FZ_IO, "无法关闭数据库 %s", zDest);
  }
  if (rc != FZ_OK) err_prefix(e, "复制数据库到 %s 失败：", zDest);
  return rc;
}

const DbDriver db_sqlite_driver = {
    .zDialect = "sqlite",
    .zBegin = "BEGIN IMMEDIATE", /* take the write lock up front: no upgrade
                                    deadlocks between two writers */
    .oneWriter = 1,
    .sharedVersion = 1,
    .zCommitHook = SQ_COMMIT_HOOK,
    .zBeginRead = "BEGIN DEFERRED", /* shared lock on first read, WAL snapshot */
    .xOpen = sq_open,
    .xClose = sq_close,
    .xPrepare = sq_prepare,
    .xBindInt64 = sq_bind_int64,
    .xBindDouble = sq_bind_double,
    .xBindText = sq_bind_text,
    .xBindTextRef = sq_bind_text_ref,
    .xBindNull = sq_bind_null,
    .xStep = sq_step,
    .xColumnCount = sq_column_count,
    .xParamCount = sq_param_count,
    .xColumnIsNull = sq_column_is_null,
    .xColumnInt64 = sq_column_int64,
    .xColumnDouble = sq_column_double,
    .xColumnText = sq_column_text,
    .xColumnName = sq_column_name,
    .xReset = sq_reset,
    .xRecycle = sq_recycle,
    .xFinalize = sq_finalize,
    .xExecScript = sq_exec,
    .xInTransaction = sq_in_transaction,
    .xTableExists = sq_table_exists,
    .xIntegrityCheck = sq_integrity_check,
    .xBulk = sq_bulk,
    .xLastInsertId = sq_last_insert_id,
    .xChanges = sq_changes,
    .xReadonly = sq_readonly,
    .xDataVersion = sq_data_version,
    .xBackup = sq_backup,
};
