/* test_db.c — the store layer (over SQLite, and on the "-pg" run over
 * PostgreSQL, where the tests about SQLite's file are skipped): opening (missing, not a database,
 * a directory), pragmas in force, statements and binds, error mapping,
 * nesting transactions where a rollback leaves nothing behind, the statement
 * cache (no stale binding survives reuse) and writers queueing per file. */
#include "testutil.h"

#include <pthread.h>
#include <sys/stat.h>
#include <time.h>

#include "../../src/store/db.h"
#include "../../src/store/schema.h"

typedef struct Fix {
  char zPath[512];
  Db *db;
} Fix;

/* A table t and fz_meta (where write transactions store their data
 * version, as in every fazhi database). */
static int setup(void **state) {
  Fix *f = calloc(1, sizeof *f);
  Err e = ERR_INIT;
  Str ddl = STR_INIT;
  int rc;
  test_db_name(f->zPath, sizeof f->zPath, "t.db");
  if (db_open(&f->db, f->zPath, DB_CREATE, &e) != FZ_OK) return -1;
  schema_expand(f->db,
                "CREATE TABLE fz_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                "CREATE TABLE t(id @ID@, name TEXT UNIQUE, n INTEGER, x REAL)",
                &ddl);
  rc = db_exec_script(f->db, str_cstr(&ddl), &e);
  str_free(&ddl);
  if (rc != FZ_OK) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fix *f = *state;
  db_close(f->db);
  free(f);
  return 0;
}

static int64_t count_rows(Db *db) {
  Err e = ERR_INIT;
  int64_t n = -1;
  assert_int_equal(db_query_int64(db, &e, &n, NULL, "SELECT count(*) FROM t", ""),
                   FZ_OK);
  return n;
}

static void missing_file_is_not_created(void **state) {
  char zPath[512];
  Db *db = NULL;
  Err e = ERR_INIT;
  struct stat sb;
  (void)state;
  test_tmp_path(zPath, sizeof zPath, "missing.db");
  assert_int_equal(db_open(&db, zPath, 0, &e), FZ_NOTFOUND);
  assert_null(db);
  assert_non_null(strstr(err_msg(&e), "不存在"));
  assert_non_null(strstr(err_msg(&e), "fazhi init"));
  assert_int_not_equal(stat(zPath, &sb), 0); /* nothing was created */
  err_clear(&e);
}

static void not_a_database(void **state) {
  char zPath[512];
  Db *db = NULL;
  Err e = ERR_INIT;
  const char *zJunk = "this is plainly not an SQLite file, but long enough "
                      "to hold a header of one hundred bytes or more ........"
                      "...............................................";
  (void)state;
  test_tmp_path(zPath, sizeof zPath, "junk.db");
  test_write_file(zPath, zJunk, strlen(zJunk));
  assert_int_equal(db_open(&db, zPath, 0, &e), FZ_DB);
  assert_null(db);
  assert_non_null(strstr(err_msg(&e), "不是 fazhi 数据库"));
  assert_non_null(strstr(err_msg(&e), zPath));
  err_clear(&e);
}

static void directory_is_refused(void **state) {
  char zPath[512];
  Db *db = NULL;
  Err e = ERR_INIT;
  (void)state;
  test_tmp_path(zPath, sizeof zPath, "");
  assert_int_equal(db_open(&db, zPath, DB_CREATE, &e), FZ_IO);
  assert_non_null(strstr(err_msg(&e), "目录"));
  err_clear(&e);
}

static void pragmas_in_force(void **state) {
  Fix *f = *state;
  Stmt *st = NULL;
  Err e = ERR_INIT;
  int64_t v = 0;
  TEST_SQLITE_ONLY();
  assert_int_equal(db_prepare(f->db, &st, "PRAGMA journal_mode", &e), FZ_OK);
  assert_int_equal(db_step(st, &e), DB_ROW);
  assert_string_equal(db_column_text(st, 0), "wal");
  db_finalize(st);
  assert_int_equal(db_query_int64(f->db, &e, &v, NULL, "PRAGMA foreign_keys", ""),
                   FZ_OK);
  assert_int_equal(v, 1);
  assert_int_equal(db_query_int64(f->db, &e, &v, NULL, "PRAGMA synchronous", ""),
                   FZ_OK);
  assert_int_equal(v, 2); /* FULL */
  assert_string_equal(db_dialect(f->db), "sqlite");
}

static void binds_and_columns(void **state) {
  Fix *f = *state;
  Stmt *st = NULL;
  Err e = ERR_INIT;
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name, n, x) VALUES(?,?,?)",
                           "tid", "泽库县", (int64_t)632323, 99.44),
                   FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name, n, x) VALUES(?,?,?)",
                           "tni", (const char *)NULL, (int64_t)1),
                   FZ_OK);
  assert_int_equal(db_prepare(f->db, &st,
                              "SELECT name, n, x FROM t ORDER BY id", &e),
                   FZ_OK);
  assert_int_equal(db_column_count(st), 3);
  assert_string_equal(db_column_name(st, 1), "n");
  assert_int_equal(db_step(st, &e), DB_ROW);
  assert_string_equal(db_column_text(st, 0), "泽库县");
  assert_int_equal(db_column_int64(st, 1), 632323);
  assert_true(db_column_double(st, 2) > 99.43 && db_column_double(st, 2) < 99.45);
  assert_int_equal(db_step(st, &e), DB_ROW);
  assert_true(db_column_is_null(st, 0));
  assert_null(db_column_text(st, 0));
  assert_true(db_column_is_null(st, 1));
  assert_int_equal(db_column_int64(st, 2), 1);
  assert_int_equal(db_step(st, &e), DB_DONE);
  db_reset(st);
  assert_int_equal(db_step(st, &e), DB_ROW); /* reset starts over */
  db_finalize(st);
  assert_int_equal(e.rc, FZ_OK);
}

static void errors_are_mapped(void **state) {
  Fix *f = *state;
  Stmt *st = NULL;
  Err e = ERR_INIT;
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name) VALUES(?)", "t", "a"),
                   FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name) VALUES(?)", "t", "a"),
                   FZ_CONFLICT);
  assert_non_null(strstr(err_msg(&e), test_on_pg() ? "unique constraint" : "UNIQUE"));
  assert_non_null(strstr(err_msg(&e), "INSERT INTO t")); /* SQL is quoted */
  err_clear(&e);
  assert_int_equal(db_prepare(f->db, &st, "SELEC nonsense", &e), FZ_DB);
  assert_null(st);
  assert_non_null(strstr(err_msg(&e), "SELEC nonsense"));
  err_clear(&e);
}

static void rollback_leaves_nothing(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  int i;
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  for (i = 0; i < 100; i++) {
    assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(?)", "i",
                             (int64_t)i),
                     FZ_OK);
  }
  assert_int_equal(count_rows(f->db), 100);
  db_rollback(f->db);
  assert_int_equal(db_txn_depth(f->db), 0);
  assert_int_equal(count_rows(f->db), 0);
}

static void nested_rollback_keeps_outer(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(1)", ""), FZ_OK);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_txn_depth(f->db), 2);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(2)", ""), FZ_OK);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(3)", ""), FZ_OK);
  assert_int_equal(db_commit(f->db, &e), FZ_OK); /* releases level 3 into 2 */
  db_rollback(f->db);                            /* undoes 2 and 3 */
  assert_int_equal(count_rows(f->db), 1);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  assert_int_equal(db_txn_depth(f->db), 0);
  assert_int_equal(count_rows(f->db), 1);
}

static void commit_is_durable_across_reopen(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  Db *db2 = NULL;
  int64_t n = 0;
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(7)", ""), FZ_OK);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  assert_int_equal(db_open(&db2, f->zPath, DB_READONLY, &e), FZ_OK);
  assert_int_equal(db_query_int64(db2, &e, &n, NULL, "SELECT sum(n) FROM t", ""),
                   FZ_OK);
  assert_int_equal(n, 7);
  /* read-only really is read-only */
  assert_int_not_equal(db_exec(db2, &e, "INSERT INTO t(n) VALUES(8)", ""), FZ_OK);
  err_clear(&e);
  db_close(db2);
}

static void commit_without_begin_is_error(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  assert_int_equal(db_commit(f->db, &e), FZ_DB);
  err_clear(&e);
  assert_int_equal(db_rollback(f->db), FZ_OK); /* harmless */
}

static void table_exists_and_integrity(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  int exists = -1;
  assert_int_equal(db_table_exists(f->db, "t", &exists, &e), FZ_OK);
  assert_true(exists);
  assert_int_equal(db_table_exists(f->db, "nope", &exists, &e), FZ_OK);
  assert_false(exists);
  assert_int_equal(db_integrity_check(f->db, &e), FZ_OK);
}

static void close_rolls_back_open_transaction(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  Db *db2 = NULL;
  assert_int_equal(db_open(&db2, f->zPath, 0, &e), FZ_OK);
  assert_int_equal(db_begin(db2, &e), FZ_OK);
  assert_int_equal(db_exec(db2, &e, "INSERT INTO t(n) VALUES(9)", ""), FZ_OK);
  db_close(db2); /* never committed */
  assert_int_equal(count_rows(f->db), 0);
}

static void statement_cache_reuses_safely(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  Stmt *a = NULL, *b = NULL;
  char zSql[64];
  int i;
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(id, n) VALUES(1, 10), (2, 20)", ""),
                   FZ_OK);
  assert_int_equal(db_prepare(f->db, &a, "SELECT n FROM t WHERE id = ?", &e), FZ_OK);
  db_bind_int64(a, 1, 1);
  assert_int_equal(db_step(a, &e), DB_ROW);
  db_finalize(a);
  /* the same SQL again: the cached statement, its old binding gone */
  assert_int_equal(db_prepare(f->db, &a, "SELECT n FROM t WHERE id = ?", &e), FZ_OK);
  assert_int_equal(db_step(a, &e), DB_DONE);
  db_reset(a);
  db_bind_int64(a, 1, 2);
  /* and twice at once: two independent statements */
  assert_int_equal(db_prepare(f->db, &b, "SELECT n FROM t WHERE id = ?", &e), FZ_OK);
  db_bind_int64(b, 1, 1);
  assert_int_equal(db_step(a, &e), DB_ROW);
  assert_int_equal(db_step(b, &e), DB_ROW);
  assert_int_equal(db_column_int64(a, 0), 20);
  assert_int_equal(db_column_int64(b, 0), 10);
  db_finalize(a);
  db_finalize(b);
  /* more distinct statements than the cache holds */
  for (i = 0; i < 200; i++) {
    int64_t v = -1;
    snprintf(zSql, sizeof zSql, "SELECT %d + count(*) FROM t", i);
    assert_int_equal(db_query_int64(f->db, &e, &v, NULL, zSql, ""), FZ_OK);
    assert_int_equal(v, i + 2);
  }
}

typedef struct Writer {
  const char *zPath;
  int nFailed;
} Writer;

/* 50 read-then-write transactions on a connection of its own. */
/* The generation behind the response cache: reads leave it alone; every
 * committed write moves it, this connection's (in a transaction or not)
 * or another's (seen as "changed, trust nothing" once, then a new value);
 * a rolled-back write may move it but never makes it go back. */
static void generation_follows_writes(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  Db *other = NULL;
  uint64_t g0, g1, g2, g3;
  db_generation(f->db); /* the first look is a change */
  g0 = db_generation(f->db);
  assert_true(g0 > 0);
  assert_int_equal(count_rows(f->db), 0);
  assert_int_equal(db_generation(f->db), g0); /* a read */
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name) VALUES('a')", NULL), FZ_OK);
  g1 = db_generation(f->db);
  assert_true(g1 > g0); /* an autocommit write */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name) VALUES('b')", NULL), FZ_OK);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  g2 = db_generation(f->db);
  assert_true(g2 > g1); /* a transaction */
  /* another connection (another process would do the same) */
  assert_int_equal(db_open(&other, f->zPath, 0, &e), FZ_OK);
  db_generation(other);
  assert_int_equal(db_exec(other, &e, "DELETE FROM t", NULL), FZ_OK);
  assert_int_equal(db_generation(f->db), 0); /* changed from outside */
  g3 = db_generation(f->db);
  assert_true(g3 > g2);
  assert_int_equal(db_generation(f->db), g3);
  db_close(other);
}

/* The server's workers, each on its own connection: one change retires
 * every kept answer once, not once per worker. Each worker's first look
 * after it still answers afresh (0), and counts nothing new. */
static void generation_counts_a_change_once(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  Db *worker = NULL;
  uint64_t gWriter, gWorker;
  assert_int_equal(db_open(&worker, f->zPath, 0, &e), FZ_OK);
  db_generation(f->db);
  db_generation(worker); /* first looks */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name) VALUES('c')", NULL), FZ_OK);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  gWriter = db_generation(f->db); /* its own write: counted at commit */
  assert_true(gWriter > 0);
  assert_int_equal(db_generation(worker), 0); /* a change: nothing kept is used */
  gWorker = db_generation(worker);
  assert_int_equal(gWorker, gWriter); /* … and nothing more retired */
  assert_int_equal(db_generation(f->db), gWorker);
  db_close(worker);
}

static void *write_many(void *pArg) {
  Writer *w = pArg;
  Db *db = NULL;
  Err e = ERR_INIT;
  int i;
  if (db_open(&db, w->zPath, 0, &e) != FZ_OK) {
    w->nFailed = 50;
    return NULL;
  }
  for (i = 0; i < 50; i++) {
    int rc = db_begin(db, &e);
    if (rc == FZ_OK)
      rc = db_exec(db, &e, "INSERT INTO t(n) SELECT coalesce(max(n), 0) + 1 FROM t", "");
    rc = rc == FZ_OK ? db_commit(db, &e) : (db_rollback(db), rc);
    if (rc != FZ_OK) w->nFailed++;
    err_clear(&e);
  }
  db_close(db);
  return NULL;
}

static void writers_queue_per_file(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  Writer w[4];
  pthread_t th[4];
  Db *db2 = NULL;
  int64_t n = 0;
  time_t t0;
  int i;
  for (i = 0; i < 4; i++) {
    w[i].zPath = f->zPath;
    w[i].nFailed = 0;
    assert_int_equal(pthread_create(&th[i], NULL, write_many, &w[i]), 0);
  }
  for (i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    assert_int_equal(w[i].nFailed, 0);
  }
  /* every transaction saw the one before it: 1..200, no value twice */
  assert_int_equal(db_query_int64(f->db, &e, &n, NULL, "SELECT count(DISTINCT n) FROM t", ""),
                   FZ_OK);
  assert_int_equal(n, 200);
  assert_int_equal(db_query_int64(f->db, &e, &n, NULL, "SELECT max(n) FROM t", ""), FZ_OK);
  assert_int_equal(n, 200);
  /* a rolled-back or closed writer lets the next one in at once (the
   * gate's timeout is 10 s; a leaked gate would show as a stall) */
  t0 = time(NULL);
  assert_int_equal(db_open(&db2, f->zPath, 0, &e), FZ_OK);
  assert_int_equal(db_begin(db2, &e), FZ_OK);
  db_rollback(db2);
  assert_int_equal(db_begin(db2, &e), FZ_OK);
  db_close(db2);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  assert_true(time(NULL) - t0 < 5);
}

/* Bulk mode (PostgreSQL sends the writes without waiting for each
 * answer): what a read sees and db_changes say are as if each had been
 * waited for, and a write that fails fails the transaction — at once on
 * SQLite, at the latest at the commit on PostgreSQL — which then leaves
 * nothing behind. */
static void bulk_writes_all_or_nothing(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  int i, rc;
  assert_int_equal(db_bulk(f->db, 1, &e), FZ_OK);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  for (i = 0; i < 2000; i++) {
    assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(?)", "i", (int64_t)i), FZ_OK);
  }
  assert_int_equal(db_changes(f->db), 1);
  assert_int_equal(count_rows(f->db), 2000);
  assert_int_equal(db_exec(f->db, &e, "UPDATE t SET x = 1 WHERE n < 10", ""), FZ_OK);
  assert_int_equal(db_changes(f->db), 10);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(name) VALUES('x')", ""), FZ_OK);
  rc = db_exec(f->db, &e, "INSERT INTO t(name) VALUES('x')", "");
  if (rc == FZ_OK) rc = db_commit(f->db, &e); /* a failed commit rolls back */
  else db_rollback(f->db);
  assert_int_equal(rc, FZ_CONFLICT);
  assert_int_equal(db_txn_depth(f->db), 0);
  err_clear(&e);
  assert_int_equal(db_bulk(f->db, 0, &e), FZ_OK);
  assert_int_equal(count_rows(f->db), 0);
  /* and the connection goes on */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(1)", ""), FZ_OK);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  assert_int_equal(count_rows(f->db), 1);
}

/* PostgreSQL: a write that is a whole transaction by itself is run again
 * after a serialisation failure (a trigger fails the first two tries);
 * inside a caller's transaction the failure is the caller's error and
 * the transaction leaves nothing behind. */
static void serialisation_failure_retried(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  if (!test_on_pg()) skip();
  assert_int_equal(
      db_exec_script(f->db,
                     "CREATE SEQUENCE flaky;"
                     "CREATE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                     " IF nextval('flaky') % 3 <> 0 THEN RAISE EXCEPTION 'try again'"
                     " USING ERRCODE = 'serialization_failure'; END IF; RETURN NEW; END$$;"
                     "CREATE TRIGGER flaky BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION flaky()",
                     &e),
      FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(1)", ""), FZ_OK);
  assert_int_equal(count_rows(f->db), 1);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_exec(f->db, &e, "INSERT INTO t(n) VALUES(2)", ""), FZ_DB);
  assert_non_null(strstr(err_msg(&e), "请稍后重试"));
  err_clear(&e);
  db_rollback(f->db);
  assert_int_equal(count_rows(f->db), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(missing_file_is_not_created),
      cmocka_unit_test(not_a_database),
      cmocka_unit_test(directory_is_refused),
      cmocka_unit_test_setup_teardown(pragmas_in_force, setup, teardown),
      cmocka_unit_test_setup_teardown(binds_and_columns, setup, teardown),
      cmocka_unit_test_setup_teardown(errors_are_mapped, setup, teardown),
      cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(nested_rollback_keeps_outer, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(commit_is_durable_across_reopen, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(commit_without_begin_is_error, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(table_exists_and_integrity, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(statement_cache_reuses_safely, setup, teardown),
      cmocka_unit_test_setup_teardown(writers_queue_per_file, setup, teardown),
      cmocka_unit_test_setup_teardown(generation_follows_writes, setup, teardown),
      cmocka_unit_test_setup_teardown(generation_counts_a_change_once, setup, teardown),
      cmocka_unit_test_setup_teardown(bulk_writes_all_or_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(serialisation_failure_retried, setup, teardown),
      cmocka_unit_test_setup_teardown(close_rolls_back_open_transaction, setup,
                                      teardown),
  };
  return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
