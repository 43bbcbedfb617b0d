/* db_int.h — what a database back end implements (private to src/store/).
 * db.c holds everything dialect-neutral (transactions, one-shot helpers) and
 * calls through this table; db_sqlite.c is the embedded back end. */
#ifndef FZ_DB_INT_H
#define FZ_DB_INT_H

#include "db.h"

typedef struct DbDriver {
  const char *zDialect;
  const char *zBegin; /* SQL that opens the outermost write transaction */
  const char *zBeginRead; /* … and a read-only one: one consistent snapshot */
  const char *zBeginLock; /* run after zBegin: the writers' lock, or NULL */
  /* Run before a write transaction commits, or NULL; a row it returns is
   * the xDataVersion this commit leaves (the connection's own write is no
   * change from outside). */
  const char *zCommitHook;
  int oneWriter;          /* the engine admits one writer: queue them (writer.h) */
  int sharedVersion;      /* xDataVersion is one counter every connection reads
                           * (not each connection's own, as SQLite's is) */
  int (*xOpen)(Db *db, const char *zName, int flags, Err *e);
  void (*xClose)(Db *db);
  int (*xPrepare)(Stmt *st, Err *e);
  int (*xBindInt64)(Stmt *st, int i, int64_t v);
  int (*xBindDouble)(Stmt *st, int i, double v);
  int (*xBindText)(Stmt *st, int i, const char *z);
  int (*xBindTextRef)(Stmt *st, int i, const char *z);
  int (*xBindNull)(Stmt *st, int i);
  int (*xStep)(Stmt *st, Err *e);
  int (*xColumnCount)(Stmt *st);
  int (*xParamCount)(Stmt *st);
  int (*xColumnIsNull)(Stmt *st, int i);
  int64_t (*xColumnInt64)(Stmt *st, int i);
  double (*xColumnDouble)(Stmt *st, int i);
  const char *(*xColumnText)(Stmt *st, int i);
  const char *(*xColumnName)(Stmt *st, int i);
  void (*xReset)(Stmt *st);
  void (*xRecycle)(Stmt *st); /* reset and drop every binding, for reuse */
  void (*xFinalize)(Stmt *st);
  int (*xExecScript)(Db *db, const char *zSql, Err *e);
  int (*xInTransaction)(Db *db); /* whether the engine still has one open */
  int (*xTableExists)(Db *db, const char *zTable, int *pExists, Err *e);
  int (*xIntegrityCheck)(Db *db, Err *e);
  int (*xBulk)(Db *db, int on, Err *e);
  /* After the outermost write transaction rolled back, or NULL: undo what
   * the engine keeps outside transactions (PostgreSQL's sequences). */
  void (*xRolledBack)(Db *db);
  int64_t (*xLastInsertId)(Db *db);
  int64_t (*xChanges)(Db *db);
  int (*xReadonly)(Stmt *st);    /* the statement writes nothing */
  int64_t (*xDataVersion)(Db *db); /* changes when another connection commits */
  /* Copy the whole database, one consistent snapshot, into the database
   * file zDest (created, or its content replaced in one transaction);
   * FZ_USAGE with guidance when the engine has its own tools (pg_dump). */
  int (*xBackup)(Db *db, const char *zDest, Err *e);
} DbDriver;

/* Finished statements kept per connection, keyed by their SQL text:
 * parsing was over half the cost of a metrics request. */
#define DB_STMT_CACHE 64

struct Db {
  const DbDriver *pDriver;
  void *pHandle; /* the back end's connection */
  char *zName;   /* path or URL, for messages */
  int nTxn;      /* transaction nesting depth */
  struct WriterGate *pGate; /* this file's writer queue (oneWriter engines) */
  int inGate;    /* the open write transaction holds pGate */
  int writeTxn;  /* the outermost transaction was opened to write */
  int txnControl; /* running BEGIN, COMMIT, ROLLBACK or a savepoint */
  int64_t dataVersion; /* xDataVersion when last looked at (0: never) */
  struct Counted *pCounted; /* db.c's last shared version counted, or NULL */
  int nCache;    /* statements in aCache, most recently used first */
  Stmt *aCache[DB_STMT_CACHE];
};

struct Stmt {
  Db *db;
  void *pHandle; /* the back end's statement */
  char *zSql;    /* as the caller wrote it, for messages */
};

extern const DbDriver db_sqlite_driver;
extern const DbDriver db_pg_driver;

/* Format a database error for users: the engine's words and the SQL. */
int db_error(Err *e, int rc, const char *zEngineMsg, const char *zSql);

#endif
