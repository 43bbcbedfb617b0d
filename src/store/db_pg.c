/* db_pg.c — the shared back end: PostgreSQL through libpq, for a prefecture
 * or province that runs every county on one database. Statements are
 * prepared on the server once per connection (db.c caches them), values
 * travel as text, and writers serialise on one advisory lock so the audit
 * chain stays one chain whatever the number of server processes. In bulk
 * mode (an import) row writes go out in libpq's pipeline mode, without
 * waiting for each answer (see pg_defer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "db_int.h"
#include "pqlib.h"

/* pg_advisory_xact_lock's key for "the writer": any fixed number. */
#define PG_WRITER_KEY "7460843"
#define PG_WRITER_LOCK "SELECT pg_advisory_xact_lock(" PG_WRITER_KEY ")"
/* Every auto-numbered id's sequence back to the table's largest id + 1, as
 * SQLite numbers rows: a rolled-back import leaves no gap in the batch and
 * record numbers users see. Under the writers' lock (its session form),
 * so no writer takes a number meanwhile. */
#define PG_RESET_SEQUENCES                                                          \
  "SELECT pg_advisory_lock(" PG_WRITER_KEY ");"                                     \
  "DO $$DECLARE r record; m bigint; BEGIN"                                          \
  " FOR r IN SELECT c.relname AS t, a.attname AS col,"                              \
  "  pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq"              \
  "  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"                     \
  "  WHERE a.attidentity <> '' AND c.relkind = 'r'"                                 \
  "  AND c.relnamespace = current_schema()::regnamespace LOOP"                      \
  "  EXECUTE format('SELECT coalesce(max(%I), 0) FROM %I', r.col, r.t) INTO m;"     \
  "  PERFORM setval(r.seq, m + 1, false);"                                          \
  " END LOOP; END$$;"                                                               \
  "SELECT pg_advisory_unlock(" PG_WRITER_KEY ")"
/* The data version every server process compares (db_generation), and
 * what pg_data_version will say after this commit: the connection's own
 * write is no change from outside. */
#define PG_COMMIT_HOOK                                                        \
  "INSERT INTO fz_meta(key, value) VALUES('data_version', '1')"              \
  " ON CONFLICT(key) DO UPDATE SET value = (fz_meta.value::bigint + 1)::text" \
  " RETURNING value::bigint + 1"

typedef struct PgConn {
  PGconn *conn;
  unsigned nextId;   /* names of prepared statements: s1, s2, … */
  int64_t changes;   /* rows the last command changed */
  int bulk;          /* db_bulk is on: row writes may be deferred */
  int nQueued;       /* deferred writes sent, their answers not yet read */
  Err pending;       /* the first deferred write's failure, not yet told */
  int retryable;     /* pg_exec_multi's failure was a serialisation one */
} PgConn;

/* Deferred writes sent before their answers are read: one round trip per
 * this many rows. The answers (some 30 bytes each) wait in the socket
 * buffers meanwhile, far below what would block either side. */
#define PG_PIPELINE_DEPTH 512
/* Tries after a serialisation failure or a deadlock, for work that is a
 * whole transaction by itself; inside a caller's transaction the failure
 * is the caller's error, and the transaction rolls back whole. */
#define PG_RETRIES 5

typedef struct PgStmt {
  char zName[24];    /* the server-side prepared statement */
  char *zPg;         /* the SQL with $n placeholders */
  int nParam;
  char **azParam;    /* bound values as text (owned); NULL binds NULL */
  PGresult *res;     /* the executed statement's rows */
  PGresult *desc;    /* its columns before it runs (PQdescribePrepared) */
  int iRow;          /* the current row (after a DB_ROW) */
  int executed;
  int readonly;      /* a SELECT: writes nothing */
  int dml;           /* an INSERT, UPDATE, DELETE, …: changes rows */
  int returning;     /* … and returns rows the caller reads */
  int rollback;      /* ROLLBACK: ends a transaction whatever failed in it */
} PgStmt;

#define C(db) (((PgConn *)(db)->pHandle)->conn)
#define P(st) ((PgStmt *)(st)->pHandle)

/* SQLSTATE classes into our codes, with PostgreSQL's own message. */
static int pg_error(const PGresult *res, PGconn *conn, const char *zSql, Err *e) {
  const char *zState = res ? pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  const char *zMsg = res ? pq.PQresultErrorMessage(res) : pq.PQerrorMessage(conn);
  Str msg = STR_INIT;
  int rc;
  str_puts(&msg, zMsg && zMsg[0] ? zMsg : "未知错误");
  while (msg.n && (msg.z[msg.n - 1] == '\n' || msg.z[msg.n - 1] == ' ')) msg.z[--msg.n] = 0;
  if (!zState) zState = pq.PQstatus(conn) == CONNECTION_BAD ? "08006" : "";
  if (strcmp(zState, "23505") == 0) rc = db_error(e, FZ_CONFLICT, str_cstr(&msg), zSql);
  else if (strncmp(zState, "23", 2) == 0) rc = db_error(e, FZ_INVALID, str_cstr(&msg), zSql);
  else if (strncmp(zState, "08", 2) == 0 || strncmp(zState, "57P", 3) == 0)
    rc = err_set(e, FZ_IO, "与 PostgreSQL 的连接中断：%s", str_cstr(&msg));
  else if (strcmp(zState, "53100") == 0)
    rc = err_set(e, FZ_IO, "数据库服务器磁盘已满，数据未能写入：%s", str_cstr(&msg));
  else if (strcmp(zState, "25006") == 0)
    rc = err_set(e, FZ_IO, "数据库为只读，无法写入：%s", str_cstr(&msg));
  else if (strcmp(zState, "40001") == 0 || strcmp(zState, "40P01") == 0)
    rc = err_set(e, FZ_DB, "数据库正忙（并发冲突），请稍后重试：%s", str_cstr(&msg));
  else rc = db_error(e, FZ_DB, str_cstr(&msg), zSql);
  str_free(&msg);
  return rc;
}

/* Read the answers of the deferred writes and leave pipeline mode: the
 * first failure is kept in pending (the ones after it were not run), and
 * the last answer's row count is db_changes. */
static void pg_drain(PgConn *c) {
  PGresult *res;
  int nNull = 0;
  if (pq.PQpipelineStatus(c->conn) == PQ_PIPELINE_OFF) return;
  if (!pq.PQpipelineSync(c->conn) && c->pending.rc == FZ_OK) pg_error(NULL, c->conn, NULL, &c->pending);
  for (;;) {
    ExecStatusType s;
    res = pq.PQgetResult(c->conn);
    if (!res) {
      /* a NULL ends each statement's answers; a dead connection gives
       * nothing more, and then no more than that many are waited for */
      if (pq.PQstatus(c->conn) == CONNECTION_BAD || ++nNull > c->nQueued + 1) break;
      continue;
    }
    s = pq.PQresultStatus(res);
    if (s == PGRES_PIPELINE_SYNC) {
      pq.PQclear(res);
      break;
    }
    if (s == PGRES_COMMAND_OK) {
      c->changes = strtoll(pq.PQcmdTuples(res), NULL, 10);
    } else if (s != PGRES_PIPELINE_ABORTED && s != PGRES_TUPLES_OK && c->pending.rc == FZ_OK) {
      pg_error(res, c->conn, NULL, &c->pending);
    }
    pq.PQclear(res);
  }
  if (pq.PQstatus(c->conn) == CONNECTION_BAD && c->pending.rc == FZ_OK) {
    pg_error(NULL, c->conn, NULL, &c->pending);
  }
  c->nQueued = 0;
  pq.PQexitPipelineMode(c->conn);
}

/* Before a statement whose answer is read now: the deferred writes'
 * answers first, and their failure is this call's (so the transaction
 * fails and rolls back whole). discard: a ROLLBACK, which must run. */
static int pg_sync(Db *db, int discard, Err *e) {
  PgConn *c = db->pHandle;
  pg_drain(c);
  if (c->pending.rc == FZ_OK) return FZ_OK;
  if (discard) {
    err_clear(&c->pending);
    return FZ_OK;
  }
  err_prefix(&c->pending, "批量写入失败，本次写入全部撤销：");
  {
    int rc = c->pending.rc;
    err_move(e, &c->pending);
    return rc;
  }
}

#define PG_MAX_PARAM 256
#define PG_TEXT_OID 25

/* ? and ?N (SQLite's placeholders) into $n, outside quotes; the highest
 * number is the parameter count, and aUsed[n-1] says which appear. */
static char *pg_translate(const char *z, int *pnParam, unsigned char *aUsed) {
  Str s = STR_INIT;
  int next = 0, max = 0;
  while (*z) {
    if (*z == '\'' || *z == '"') {
      char q = *z;
      str_putc(&s, *z++);
      while (*z && *z != q) str_putc(&s, *z++);
      if (*z) str_putc(&s, *z++);
    } else if (*z == '?') {
      int n;
      z++;
      if (*z >= '0' && *z <= '9') n = (int)strtol(z, (char **)&z, 10);
      else n = ++next;
      if (n > max) max = n;
      if (n >= 1 && n <= PG_MAX_PARAM) aUsed[n - 1] = 1;
      str_appendf(&s, "$%d", n);
    } else {
      str_putc(&s, *z++);
    }
  }
  *pnParam = max;
  return str_detach(&s);
}

static int pg_open(Db *db, const char *zName, int flags, Err *e) {
  PgConn *c;
  PGresult *res;
  int rc = pq_load(e);
  if (rc != FZ_OK) return rc;
  c = mem_zalloc(sizeof *c);
  c->conn = pq.PQconnectdb(zName);
  if (pq.PQstatus(c->conn) != CONNECTION_OK) {
    Str name = STR_INIT;
    db_name_redacted(zName, &name);
    rc = err_set(e, FZ_IO, "无法连接 PostgreSQL 数据库 %s：%s", str_cstr(&name),
                 pq.PQerrorMessage(c->conn));
    str_free(&name);
    pq.PQfinish(c->conn);
    mem_free(c);
    return rc;
  }
  pq.PQsetClientEncoding(c->conn, "UTF8");
  db->pHandle = c;
  res = pq.PQexec(c->conn, (flags & DB_READONLY)
                            ? "SET default_transaction_read_only = on; SET client_min_messages = warning"
                            : "SET client_min_messages = warning");
  pq.PQclear(res);
  return FZ_OK;
}

static void pg_close(Db *db) {
  PgConn *c = db->pHandle;
  if (!c) return;
  err_clear(&c->pending);
  pq.PQfinish(c->conn);
  mem_free(c);
}

/* Whether zSql's first word is one of az's. */
static int first_word_in(const char *zSql, const char *const *az, size_t nAz) {
  size_t i, n = strcspn(zSql, " \t\n;(");
  for (i = 0; i < nAz; i++) {
    if (n == strlen(az[i]) && strncasecmp(zSql, az[i], n) == 0) return 1;
  }
  return 0;
}

/* Queries and transaction control change no data (as SQLite's
 * sqlite3_stmt_readonly says of them); pg_advisory_xact_lock is a SELECT. */
static int writes_nothing(const char *zSql) {
  static const char *const az[] = {"SELECT", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT",
                                   "RELEASE", "SET", "SHOW"};
  return first_word_in(zSql, az, sizeof az / sizeof az[0]);
}

/* A statement that changes rows (DDL and the rest are left alone: some,
 * like CREATE DATABASE, must not run inside a transaction). */
static int changes_rows(const char *zSql) {
  static const char *const az[] = {"INSERT", "UPDATE", "DELETE", "MERGE"};
  return first_word_in(zSql, az, sizeof az / sizeof az[0]);
}

static int pg_prepare(Stmt *st, Err *e) {
  PgConn *c = st->db->pHandle;
  PgStmt *p = mem_zalloc(sizeof *p);
  PGresult *res;
  unsigned char aUsed[PG_MAX_PARAM] = {0};
  Oid aType[PG_MAX_PARAM];
  int rc = FZ_OK, i;
  const char *z = st->zSql + strspn(st->zSql, " \t\n");
  /* a ROLLBACK is prepared, and run, whatever the deferred writes did */
  if ((rc = pg_sync(st->db, strncasecmp(z, "ROLLBACK", 8) == 0, e)) != FZ_OK) {
    mem_free(p);
    return rc;
  }
  p->zPg = pg_translate(st->zSql, &p->nParam, aUsed);
  if (p->nParam > PG_MAX_PARAM) p->nParam = PG_MAX_PARAM;
  /* a parameter the SQL skips (?1 ?2 ?4) has no type to infer: text */
  for (i = 0; i < p->nParam; i++) aType[i] = aUsed[i] ? 0 : PG_TEXT_OID;
  p->azParam = mem_zalloc(sizeof(char *) * (size_t)(p->nParam ? p->nParam : 1));
  p->readonly = writes_nothing(z);
  p->dml = changes_rows(z);
  p->returning = strstr(z, "RETURNING") != NULL;
  p->rollback = strncasecmp(z, "ROLLBACK", 8) == 0;
  snprintf(p->zName, sizeof p->zName, "s%u", ++c->nextId);
  res = pq.PQprepare(c->conn, p->zName, p->zPg, p->nParam, aType);
  if (pq.PQresultStatus(res) != PGRES_COMMAND_OK) rc = pg_error(res, c->conn, st->zSql, e);
  pq.PQclear(res);
  if (rc != FZ_OK) {
    mem_free(p->zPg);
    mem_free(p->azParam);
    mem_free(p);
    return rc;
  }
  st->pHandle = p;
  return FZ_OK;
}

static int pg_bind(Stmt *st, int i, char *zOwned) {
  PgStmt *p = P(st);
  if (i < 1 || i > p->nParam) {
    mem_free(zOwned);
    return FZ_DB;
  }
  mem_free(p->azParam[i - 1]);
  p->azParam[i - 1] = zOwned;
  return FZ_OK;
}

static int pg_bind_int64(Stmt *st, int i, int64_t v) {
  char z[24];
  snprintf(z, sizeof z, "%lld", (long long)v);
  return pg_bind(st, i, mem_strdup(z));
}

static int pg_bind_double(Stmt *st, int i, double v) {
  char z[40];
  snprintf(z, sizeof z, "%.17g", v);
  return pg_bind(st, i, mem_strdup(z));
}

static int pg_bind_text(Stmt *st, int i, const char *z) {
  return pg_bind(st, i, mem_strdup(z));
}

static int pg_bind_null(Stmt *st, int i) {
  return pg_bind(st, i, NULL);
}

/* A serialisation failure or a deadlock: PostgreSQL rolled the work back,
 * and running it again is safe when the work is one statement. */
static int pg_retryable(const PGresult *res) {
  const char *z = res ? pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  return z && (strcmp(z, "40001") == 0 || strcmp(z, "40P01") == 0);
}

/* Run a simple query of several statements (no parameters); *pVersion is
 * the first row's first column when a statement returns one. */
static int pg_exec_multi(Db *db, const char *zSql, int64_t *pVersion, Err *e) {
  PgConn *c = db->pHandle;
  PGresult *res;
  int rc = FZ_OK;
  pg_drain(c); /* a failure there stays for the caller's next step */
  c->retryable = 0;
  if (!pq.PQsendQuery(C(db), zSql)) return pg_error(NULL, C(db), zSql, e);
  while ((res = pq.PQgetResult(C(db))) != NULL) {
    ExecStatusType s = pq.PQresultStatus(res);
    if (s == PGRES_TUPLES_OK && pq.PQntuples(res) > 0 && !*pVersion) {
      *pVersion = strtoll(pq.PQgetvalue(res, 0, 0), NULL, 10);
    } else if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && rc == FZ_OK) {
      c->retryable = pg_retryable(res);
      rc = pg_error(res, C(db), zSql, e);
    }
    pq.PQclear(res);
  }
  return rc;
}

static void pg_rolled_back(Db *db) {
  int64_t ignored = 0;
  Err e = ERR_INIT;
  pg_exec_multi(db, PG_RESET_SEQUENCES, &ignored, &e);
  err_clear(&e);
}

/* Wait a little longer before each new try: 10, 20, 40, … ms. */
static void pg_backoff(int nTry) {
  struct timespec ts = {0, 10000000L << (nTry < 5 ? nTry : 5)};
  nanosleep(&ts, NULL);
}

/* One try of an autocommit write; *pRetry when it may be tried again. */
static int pg_autocommit_try(Stmt *st, int *pRetry, Err *e) {
  PgStmt *p = P(st);
  int64_t version = 0;
  Err ignore = ERR_INIT;
  int rc = pg_exec_multi(st->db, "BEGIN; " PG_WRITER_LOCK, &version, e);
  version = 0; /* the lock's row */
  *pRetry = 0;
  if (rc != FZ_OK) return rc;
  pq.PQclear(p->res);
  p->res = pq.PQexecPrepared(C(st->db), p->zName, p->nParam, (const char *const *)p->azParam,
                          NULL, NULL, 0);
  if (pq.PQresultStatus(p->res) != PGRES_COMMAND_OK && pq.PQresultStatus(p->res) != PGRES_TUPLES_OK) {
    *pRetry = pg_retryable(p->res);
    pg_exec_multi(st->db, "ROLLBACK", &version, &ignore);
    err_clear(&ignore);
    pg_rolled_back(st->db);
    return FZ_OK; /* pg_step reports the statement's own error */
  }
  rc = pg_exec_multi(st->db, PG_COMMIT_HOOK "; COMMIT", &version, e);
  if (rc != FZ_OK) {
    *pRetry = ((PgConn *)st->db->pHandle)->retryable;
    if (pq.PQtransactionStatus(C(st->db)) != PQTRANS_IDLE) pg_exec_multi(st->db, "ROLLBACK", &version, &ignore);
    err_clear(&ignore);
    return rc;
  }
  if (version && st->db->dataVersion) st->db->dataVersion = version;
  return FZ_OK;
}

/* A write outside any transaction is its own transaction that counts
 * itself in the data version (PG_COMMIT_HOOK), as db_commit does for
 * the others: another server process sees a session or throttle write
 * as it sees every other. Being the whole transaction, it is run again
 * after a serialisation failure or a deadlock. */
static int pg_autocommit_write(Stmt *st, Err *e) {
  int nTry = 0, retry, rc;
  for (;;) {
    Err eTry = ERR_INIT;
    rc = pg_autocommit_try(st, &retry, &eTry);
    if (!retry || ++nTry > PG_RETRIES) {
      err_move(e, &eTry);
      return rc;
    }
    err_clear(&eTry);
    pg_backoff(nTry);
  }
}

/* In bulk mode, inside a transaction, a row write whose answer nobody
 * reads now is sent without waiting for it: an import's inserts cost one
 * round trip per PG_PIPELINE_DEPTH rows, not one each. Reading anything
 * (db_changes, db_last_insert_id, any other statement) first reads every
 * answer, so callers see what they would have; a failure (a dropped
 * connection, a full disk) is the next statement's error and the
 * transaction rolls back whole. Errors a caller must pin on its row are
 * not left to this: the register engine checks each row before it
 * writes, and duplicates are found when the unique indexes are rebuilt. */
static int pg_defer(Stmt *st, Err *e) {
  PgConn *c = st->db->pHandle;
  PgStmt *p = P(st);
  if (pq.PQpipelineStatus(c->conn) == PQ_PIPELINE_OFF && !pq.PQenterPipelineMode(c->conn)) {
    return pg_error(NULL, c->conn, st->zSql, e);
  }
  if (!pq.PQsendQueryPrepared(c->conn, p->zName, p->nParam, (const char *const *)p->azParam, NULL,
                           NULL, 0)) {
    return pg_error(NULL, c->conn, st->zSql, e);
  }
  p->executed = 1;
  p->iRow = -1;
  c->changes = 1; /* until the answer is read (pg_changes reads it) */
  if (++c->nQueued >= PG_PIPELINE_DEPTH) {
    int rc = pg_sync(st->db, 0, e);
    if (rc != FZ_OK) return rc;
  }
  return DB_DONE;
}

static int pg_deferrable(Stmt *st) {
  PgConn *c = st->db->pHandle;
  PgStmt *p = P(st);
  return c->bulk && p->dml && !p->returning &&
         (pq.PQpipelineStatus(c->conn) != PQ_PIPELINE_OFF ||
          pq.PQtransactionStatus(c->conn) == PQTRANS_INTRANS);
}

static int pg_step(Stmt *st, Err *e) {
  PgConn *c = st->db->pHandle;
  PgStmt *p = P(st);
  if (!p->executed && pg_deferrable(st) && c->pending.rc == FZ_OK) return pg_defer(st, e);
  if (!p->executed) {
    ExecStatusType s;
    int rc = pg_sync(st->db, p->rollback, e);
    if (rc != FZ_OK) return rc;
    p->executed = 1;
    p->iRow = -1;
    if (p->dml && pq.PQtransactionStatus(c->conn) == PQTRANS_IDLE) {
      rc = pg_autocommit_write(st, e);
      if (rc != FZ_OK) return rc;
    } else {
      int idle = pq.PQtransactionStatus(c->conn) == PQTRANS_IDLE, nTry = 0;
      p->res = pq.PQexecPrepared(c->conn, p->zName, p->nParam, (const char *const *)p->azParam,
                              NULL, NULL, 0);
      /* a statement outside a transaction is the whole of it: again */
      while (idle && pg_retryable(p->res) && nTry++ < PG_RETRIES) {
        pq.PQclear(p->res);
        pg_backoff(nTry);
        p->res = pq.PQexecPrepared(c->conn, p->zName, p->nParam, (const char *const *)p->azParam,
                                NULL, NULL, 0);
      }
    }
    s = pq.PQresultStatus(p->res);
    if (s == PGRES_COMMAND_OK) {
      c->changes = strtoll(pq.PQcmdTuples(p->res), NULL, 10);
    } else if (s != PGRES_TUPLES_OK) {
      return pg_error(p->res, c->conn, st->zSql, e);
    } else {
      c->changes = p->readonly ? c->changes : pq.PQntuples(p->res);
    }
  }
  if (pq.PQresultStatus(p->res) != PGRES_TUPLES_OK) return DB_DONE;
  if (p->iRow + 1 < pq.PQntuples(p->res)) {
    p->iRow++;
    return DB_ROW;
  }
  return DB_DONE;
}

/* The columns' names and number: of the rows once run, else as the
 * server describes the prepared statement (asked once, when first needed:
 * SQLite knows them after prepare). */
static const PGresult *pg_columns(Stmt *st) {
  PgStmt *p = P(st);
  if (p->res && pq.PQresultStatus(p->res) == PGRES_TUPLES_OK) return p->res;
  if (!p->desc) {
    pg_drain(st->db->pHandle);
    p->desc = pq.PQdescribePrepared(C(st->db), p->zName);
  }
  return pq.PQresultStatus(p->desc) == PGRES_COMMAND_OK ? p->desc : NULL;
}

static int pg_column_count(Stmt *st) {
  const PGresult *r = pg_columns(st);
  return r ? pq.PQnfields(r) : 0;
}

static int pg_param_count(Stmt *st) {
  return P(st)->nParam;
}

static int pg_column_is_null(Stmt *st, int i) {
  PgStmt *p = P(st);
  return !p->res || p->iRow < 0 || pq.PQgetisnull(p->res, p->iRow, i);
}

static const char *pg_column_text(Stmt *st, int i) {
  return pg_column_is_null(st, i) ? NULL : pq.PQgetvalue(P(st)->res, P(st)->iRow, i);
}

static int64_t pg_column_int64(Stmt *st, int i) {
  const char *z = pg_column_text(st, i);
  /* sum() of integers is numeric in PostgreSQL: "1234" all the same */
  return z ? strtoll(z, NULL, 10) : 0;
}

static double pg_column_double(Stmt *st, int i) {
  const char *z = pg_column_text(st, i);
  return z ? strtod(z, NULL) : 0.0;
}

static const char *pg_column_name(Stmt *st, int i) {
  const PGresult *r = pg_columns(st);
  const char *z = r ? pq.PQfname(r, i) : NULL;
  return z ? z : "";
}

static void pg_reset(Stmt *st) {
  PgStmt *p = P(st);
  pq.PQclear(p->res);
  p->res = NULL;
  p->executed = 0;
  p->iRow = -1;
}

static void pg_recycle(Stmt *st) {
  PgStmt *p = P(st);
  int i;
  pg_reset(st);
  for (i = 0; i < p->nParam; i++) {
    mem_free(p->azParam[i]);
    p->azParam[i] = NULL;
  }
}

static void pg_finalize(Stmt *st) {
  PgStmt *p = P(st);
  char zSql[40];
  if (!p) return;
  pg_recycle(st);
  pq.PQclear(p->desc);
  /* fails harmlessly inside an aborted transaction: the name is never reused */
  snprintf(zSql, sizeof zSql, "DEALLOCATE %s", p->zName);
  pg_drain(st->db->pHandle);
  pq.PQclear(pq.PQexec(C(st->db), zSql));
  mem_free(p->zPg);
  mem_free(p->azParam);
  mem_free(p);
  st->pHandle = NULL;
}

/* Inside a transaction a failed script is undone alone and the
 * transaction goes on, as in SQLite (where a statement's error rolls back
 * that statement): PostgreSQL would refuse every later statement, and a
 * caller that reads on after the error (a unique index that would not
 * build, then the rows at fault) could not. */
static int pg_exec_script(Db *db, const char *zSql, Err *e) {
  PGresult *res;
  ExecStatusType s;
  int inTxn, rc = pg_sync(db, 0, e);
  if (rc != FZ_OK) return rc;
  inTxn = pq.PQtransactionStatus(C(db)) == PQTRANS_INTRANS;
  if (inTxn) pq.PQclear(pq.PQexec(C(db), "SAVEPOINT fz_script"));
  res = pq.PQexec(C(db), zSql);
  s = pq.PQresultStatus(res);
  rc = (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) ? FZ_OK : pg_error(res, C(db), zSql, e);
  pq.PQclear(res);
  if (inTxn) {
    pq.PQclear(pq.PQexec(C(db), rc == FZ_OK ? "RELEASE fz_script"
                                      : "ROLLBACK TO fz_script; RELEASE fz_script"));
  }
  return rc;
}

static int pg_in_transaction(Db *db) {
  return pq.PQpipelineStatus(C(db)) != PQ_PIPELINE_OFF || pq.PQtransactionStatus(C(db)) != PQTRANS_IDLE;
}

/* One-off queries of the driver itself (not cached). */
static int pg_query1(Db *db, const char *zSql, const char *zArg, char **pzOut, Err *e) {
  PGresult *res;
  pg_drain(db->pHandle); /* a failure there stays for the caller's next step */
  res = pq.PQexecParams(C(db), zSql, zArg ? 1 : 0, NULL, &zArg, NULL, NULL, 0);
  int rc = FZ_OK;
  *pzOut = NULL;
  if (pq.PQresultStatus(res) != PGRES_TUPLES_OK) rc = pg_error(res, C(db), zSql, e);
  else if (pq.PQntuples(res) > 0 && !pq.PQgetisnull(res, 0, 0)) *pzOut = mem_strdup(pq.PQgetvalue(res, 0, 0));
  pq.PQclear(res);
  return rc;
}

static int pg_table_exists(Db *db, const char *zTable, int *pExists, Err *e) {
  char *z = NULL;
  int rc = pg_query1(db,
                     "SELECT 1 FROM information_schema.tables"
                     " WHERE table_schema = current_schema() AND table_name = $1",
                     zTable, &z, e);
  *pExists = z != NULL;
  mem_free(z);
  return rc;
}

/* PostgreSQL keeps its own pages and constraints whole (WAL, checksums,
 * enforced foreign keys); what is left to check is that it answers. */
static int pg_integrity_check(Db *db, Err *e) {
  char *z = NULL;
  int rc = pg_query1(db, "SELECT 1", NULL, &z, e);
  mem_free(z);
  return rc;
}

/* PostgreSQL's own tool makes a consistent copy of a live database and
 * restores it (pg_restore); fazhi does not repeat it. The command names
 * the URL as given, but never its password. */
static int pg_backup(Db *db, const char *zDest, Err *e) {
  Str url = STR_INIT;
  int rc, hidden;
  db_name_redacted(db->zName, &url);
  hidden = strcmp(str_cstr(&url), db->zName) != 0;
  rc = err_set(e, FZ_USAGE,
               "PostgreSQL 数据库请用 PostgreSQL 自带的 pg_dump 备份（服务运行时也可）：\n"
               "  pg_dump --format=custom --file='%s' '%s'\n"
               "恢复时用：pg_restore --clean --dbname='%s' '%s'%s",
               zDest, str_cstr(&url), str_cstr(&url), zDest,
               hidden ? "\n（命令中的密码已隐去：请填回，或用 PGPASSWORD、~/.pgpass 提供）" : "");
  str_free(&url);
  return rc;
}

static int pg_bulk(Db *db, int on, Err *e) {
  PgConn *c = db->pHandle;
  (void)e;
  if (!on) pg_drain(c);
  c->bulk = on;
  return FZ_OK;
}

static int64_t pg_last_insert_id(Db *db) {
  char *z = NULL;
  Err e = ERR_INIT;
  int64_t v = 0;
  if (pg_query1(db, "SELECT lastval()", NULL, &z, &e) == FZ_OK && z) v = strtoll(z, NULL, 10);
  mem_free(z);
  err_clear(&e);
  return v;
}

static int64_t pg_changes(Db *db) {
  pg_drain(db->pHandle); /* the deferred writes' own count */
  return ((PgConn *)db->pHandle)->changes;
}

static int pg_readonly(Stmt *st) {
  return P(st)->readonly;
}

/* Every write transaction counts itself in fz_meta (PG_COMMIT_HOOK), so
 * any process sees that another wrote; read in the request's snapshot. */
static int64_t pg_data_version(Db *db) {
  char *z = NULL;
  Err e = ERR_INIT;
  int64_t v = 0;
  if (pg_query1(db, "SELECT value FROM fz_meta WHERE key = 'data_version'", NULL, &z, &e) ==
      FZ_OK) {
    v = (z ? strtoll(z, NULL, 10) : 0) + 1;
  }
  mem_free(z);
  err_clear(&e);
  return v;
}

const DbDriver db_pg_driver = {
    .zDialect = "postgresql",
    .zBegin = "BEGIN ISOLATION LEVEL READ COMMITTED",
    .zBeginLock = PG_WRITER_LOCK, /* one writer at a time: one audit chain */
    .zCommitHook = PG_COMMIT_HOOK,
    .oneWriter = 0,
    .sharedVersion = 1,
    .zBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .xOpen = pg_open,
    .xClose = pg_close,
    .xPrepare = pg_prepare,
    .xBindInt64 = pg_bind_int64,
    .xBindDouble = pg_bind_double,
    .xBindText = pg_bind_text,
    .xBindTextRef = pg_bind_text,
    .xBindNull = pg_bind_null,
    .xStep = pg_step,
    .xColumnCount = pg_column_count,
    .xParamCount = pg_param_count,
    .xColumnIsNull = pg_column_is_null,
    .xColumnInt64 = pg_column_int64,
    .xColumnDouble = pg_column_double,
    .xColumnText = pg_column_text,
    .xColumnName = pg_column_name,
    .xReset = pg_reset,
    .xRecycle = pg_recycle,
    .xFinalize = pg_finalize,
    .xExecScript = pg_exec_script,
    .xInTransaction = pg_in_transaction,
    .xTableExists = pg_table_exists,
    .xIntegrityCheck = pg_integrity_check,
    .xBulk = pg_bulk,
    .xRolledBack = pg_rolled_back,
    .xLastInsertId = pg_last_insert_id,
    .xChanges = pg_changes,
    .xReadonly = pg_readonly,
    .xDataVersion = pg_data_version,
    .xBackup = pg_backup,
};
