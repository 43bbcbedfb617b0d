/* db.h — the one way to run SQL. A thin statement API (prepare, bind, step,
 * column) over a pluggable back end; SQL is written dialect-neutral with `?`
 * placeholders, which each back end rewrites as it needs (PostgreSQL's $1).
 * Only db_sqlite.c (and later db_pg.c) touch a driver's API. */
#ifndef FZ_DB_H
#define FZ_DB_H

#include <stddef.h>
#include <stdint.h>

#include "../base/err.h"
#include "../base/str.h"

typedef struct Db Db;
typedef struct Stmt Stmt;

/* db_open flags */
#define DB_CREATE 0x01   /* create the database if it does not exist */
#define DB_READONLY 0x02 /* open for reading only */

/* db_step results besides error codes (which are FZ_* values) */
#define DB_ROW 100
#define DB_DONE 101

/* Open a database named by a path (SQLite) or, once its back end exists, a
 * postgresql:// URL. A missing file without DB_CREATE is FZ_NOTFOUND; a file
 * that is not a database is FZ_DB; messages are Chinese and name the path. */
int db_open(Db **ppDb, const char *zName, int flags, Err *e);
void db_close(Db *db);
const char *db_name(const Db *db);
const char *db_dialect(const Db *db); /* "sqlite" or "postgresql" */
/* zName for messages and records: a URL's password becomes "***". */
void db_name_redacted(const char *zName, Str *s);

/* Statements. The SQL text is kept for error messages. */
int db_prepare(Db *db, Stmt **ppStmt, const char *zSql, Err *e);
int db_bind_int64(Stmt *st, int i, int64_t v); /* i is 1-based */
int db_bind_double(Stmt *st, int i, double v);
int db_bind_text(Stmt *st, int i, const char *z); /* NULL binds NULL */
int db_bind_null(Stmt *st, int i);
/* Bind without copying: z must stay unchanged until db_reset (the hot path
 * of an import, where the values outlive the step anyway). */
int db_bind_text_ref(Stmt *st, int i, const char *z);
int db_step(Stmt *st, Err *e); /* DB_ROW, DB_DONE or an FZ_* error */
int db_param_count(Stmt *st); /* highest parameter number the SQL uses */
int db_column_count(Stmt *st);
int db_column_is_null(Stmt *st, int i); /* i is 0-based */
int64_t db_column_int64(Stmt *st, int i);
double db_column_double(Stmt *st, int i);
const char *db_column_text(Stmt *st, int i); /* valid until next step; NULL for NULL */
const char *db_column_name(Stmt *st, int i);
void db_reset(Stmt *st); /* ready to step again; bindings kept */
void db_finalize(Stmt *st); /* NULL is fine */
const char *db_sql(const Stmt *st);

/* After an INSERT: the new row's id, and how many rows the last statement
 * changed (0 when ON CONFLICT DO NOTHING skipped it). Cheaper than
 * RETURNING, which costs SQLite a third of an insert. */
int64_t db_last_insert_id(Db *db);
int64_t db_changes(Db *db);

/* One-shot helpers. zTypes names each argument: 'i' int64_t, 'd' double,
 * 't' const char * (NULL binds NULL), 'n' NULL (no argument consumed). */
int db_exec(Db *db, Err *e, const char *zSql, const char *zTypes, ...);
/* Run a script of several statements without parameters (DDL). */
int db_exec_script(Db *db, const char *zSql, Err *e);
/* First column of the first row as int64; *pFound says if there was a row. */
int db_query_int64(Db *db, Err *e, int64_t *pV, int *pFound, const char *zSql,
                   const char *zTypes, ...);

/* Nesting transactions: the outermost db_begin starts a write transaction,
 * inner ones are savepoints. db_commit releases the innermost level (the
 * outermost commits); db_rollback undoes the innermost level only. Every
 * db_begin must be matched by exactly one db_commit or db_rollback. */
int db_begin(Db *db, Err *e);
/* Open a read transaction: every statement until the matching db_commit
 * sees the same snapshot, and locks are taken once rather than per
 * statement. Nothing inside may write. Inside a transaction: a savepoint. */
int db_begin_read(Db *db, Err *e);
int db_commit(Db *db, Err *e);
int db_rollback(Db *db);
int db_txn_depth(const Db *db);
/* Whether the back end takes one writer at a time (SQLite): a server then
 * funnels its writes through one connection and commits them in groups;
 * PostgreSQL takes concurrent writers and groups their WAL flushes itself. */
int db_one_writer(const Db *db);

/* A number that grows whenever the data may have changed: after every
 * commit that wrote, by any connection of this process, and (checked on db
 * at this call) by any other connection or process. Answers read after
 * the call are at least as new as the generation it returns, so an answer
 * kept under it stays true while it lasts (the server's response cache).
 * 0: db sees a change since it last looked; keep nothing this time. A
 * change is counted once per process, however many connections see it:
 * every write stores a data version all of them read (fz_meta). */
uint64_t db_generation(Db *db);

/* Bulk mode for a large write (an import), set outside its transaction: a
 * bigger page cache so a long transaction does not spill and rewrite
 * pages, and no foreign-key lookups (the caller has checked references).
 * Memory stays bounded by DB_BULK_CACHE_MB whatever the input's size. On
 * SQLite a thread has the kernel write the files out as they grow, so the
 * commit's fsyncs do not wait for all of it (db_sqlite.c). On
 * PostgreSQL, row writes inside the transaction go out without waiting
 * for their answers (libpq's pipeline): reads, db_changes and
 * db_last_insert_id still see every write before them, but a write that
 * fails may be reported by a later call, at the latest by db_commit —
 * the transaction then rolls back whole, so callers check rows first. */
#define DB_BULK_CACHE_MB 64
int db_bulk(Db *db, int on, Err *e);

/* Whether a table exists (dialect-specific catalogue lookup). */
int db_table_exists(Db *db, const char *zTable, int *pExists, Err *e);

/* Check the database file's integrity: FZ_OK or FZ_DB with the first
 * problem in the message. */
int db_integrity_check(Db *db, Err *e);

/* Copy db — one consistent snapshot, while others keep writing — into the
 * database file zPath (`fazhi backup`, and `fazhi restore` the other way).
 * A new file is written under a temporary name beside zPath, checked
 * (db_integrity_check) and renamed into place, so zPath is the whole copy
 * or untouched. replace: an existing zPath is replaced — a database there
 * is overwritten inside one transaction, so its open connections (a
 * running server) see the old content or the new, never a mix. FZ_CONFLICT
 * when zPath exists and !replace; FZ_USAGE for PostgreSQL (the message
 * gives the pg_dump command). */
int db_backup(Db *db, const char *zPath, int replace, Err *e);

#endif
