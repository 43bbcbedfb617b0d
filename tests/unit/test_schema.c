/* test_schema.c — migrations: a new database reaches the latest version,
 * re-running is a no-op, a newer database is refused untouched, and a
 * migration that fails or whose process dies leaves the old version intact. */
#include "testutil.h"

#include <sys/wait.h>

#include "../../src/store/schema.h"

static Db *open_new(char *zPath, size_t n) {
  Db *db = NULL;
  Err e = ERR_INIT;
  test_db_name(zPath, n, "s.db");
  assert_int_equal(db_open(&db, zPath, DB_CREATE, &e), FZ_OK);
  return db;
}

static int version_of(Db *db) {
  Err e = ERR_INIT;
  int v = -1;
  assert_int_equal(schema_version(db, &v, &e), FZ_OK);
  return v;
}

static int table_exists(Db *db, const char *zName) {
  Err e = ERR_INIT;
  int x = -1;
  assert_int_equal(db_table_exists(db, zName, &x, &e), FZ_OK);
  return x;
}

static void new_database_reaches_latest(void **state) {
  char zPath[512];
  Db *db = open_new(zPath, sizeof zPath);
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(version_of(db), 0);
  assert_int_equal(schema_migrate(db, &e), FZ_OK);
  assert_int_equal(version_of(db), schema_latest());
  assert_true(table_exists(db, "org_unit"));
  assert_true(table_exists(db, "fz_meta"));
  db_close(db);
}

static void rerun_is_noop(void **state) {
  char zPath[512];
  Db *db = open_new(zPath, sizeof zPath);
  Err e = ERR_INIT;
  int64_t nObj1 = 0, nObj2 = 0;
  const char *zObjects = test_on_pg() ? "SELECT count(*) FROM pg_class WHERE relnamespace ="
                                        " current_schema()::regnamespace"
                                      : "SELECT count(*) FROM sqlite_schema";
  (void)state;
  assert_int_equal(schema_migrate(db, &e), FZ_OK);
  assert_int_equal(db_query_int64(db, &e, &nObj1, NULL,
                                  zObjects, ""),
                   FZ_OK);
  assert_int_equal(schema_migrate(db, &e), FZ_OK);
  assert_int_equal(schema_migrate(db, &e), FZ_OK);
  assert_int_equal(db_query_int64(db, &e, &nObj2, NULL,
                                  zObjects, ""),
                   FZ_OK);
  assert_int_equal(nObj1, nObj2);
  assert_int_equal(version_of(db), schema_latest());
  db_close(db);
}

static void newer_database_is_refused(void **state) {
  char zPath[512];
  Db *db = open_new(zPath, sizeof zPath);
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(schema_migrate(db, &e), FZ_OK);
  assert_int_equal(db_exec(db, &e,
                           "UPDATE fz_meta SET value='999' WHERE key='schema_version'",
                           ""),
                   FZ_OK);
  db_close(db);
  db = NULL;
  assert_int_equal(schema_open(&db, zPath, 0, &e), FZ_CONFLICT);
  assert_null(db);
  assert_non_null(strstr(err_msg(&e), "999"));
  assert_non_null(strstr(err_msg(&e), "升级 fazhi"));
  err_clear(&e);
  /* untouched: still 999 */
  assert_int_equal(db_open(&db, zPath, 0, &e), FZ_OK);
  assert_int_equal(version_of(db), 999);
  db_close(db);
}

static const Migration aGood[] = {
    {1, "one", "CREATE TABLE fz_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
               "CREATE TABLE a(x @ID@);"},
    {2, "two", "CREATE TABLE b(y @KEY@);"},
};

static const Migration aBad[] = {
    {1, "one", "CREATE TABLE fz_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
               "CREATE TABLE a(x @ID@);"},
    {2, "two", "CREATE TABLE b(y TEXT); INSERT INTO b VALUES('half');"
               "THIS IS NOT SQL;"},
};

static void failed_migration_keeps_old_version(void **state) {
  char zPath[512];
  Db *db = open_new(zPath, sizeof zPath);
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(schema_migrate_with(db, aBad, 1, &e), FZ_OK);
  assert_int_equal(version_of(db), 1);
  assert_int_equal(schema_migrate_with(db, aBad, 2, &e), FZ_DB);
  assert_non_null(strstr(err_msg(&e), "第 2 版"));
  assert_non_null(strstr(err_msg(&e), "保持原版本"));
  err_clear(&e);
  assert_int_equal(version_of(db), 1);
  assert_false(table_exists(db, "b")); /* the half-done step left nothing */
  assert_int_equal(db_txn_depth(db), 0);
  /* the corrected migration then runs */
  assert_int_equal(schema_migrate_with(db, aGood, 2, &e), FZ_OK);
  assert_int_equal(version_of(db), 2);
  assert_true(table_exists(db, "b"));
  db_close(db);
}

/* A process killed in the middle of a migration: its transaction never
 * committed, so the next open sees the old version and migrates again. */
static void killed_migration_keeps_old_version(void **state) {
  char zPath[512];
  Db *db = open_new(zPath, sizeof zPath);
  Err e = ERR_INIT;
  pid_t pid;
  int status = 0;
  (void)state;
  assert_int_equal(schema_migrate_with(db, aGood, 1, &e), FZ_OK);
  db_close(db);
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    Db *child = NULL;
    Err ce = ERR_INIT;
    if (db_open(&child, zPath, 0, &ce) != FZ_OK) _exit(2);
    if (db_begin(child, &ce) != FZ_OK) _exit(3);
    if (db_exec_script(child, "CREATE TABLE b(y TEXT);"
                              "UPDATE fz_meta SET value='2';",
                       &ce) != FZ_OK)
      _exit(4);
    _exit(0); /* dies mid-migration: no commit, no close */
  }
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  assert_int_equal(db_open(&db, zPath, 0, &e), FZ_OK);
  assert_int_equal(version_of(db), 1);
  assert_false(table_exists(db, "b"));
  assert_int_equal(db_integrity_check(db, &e), FZ_OK);
  assert_int_equal(schema_migrate_with(db, aGood, 2, &e), FZ_OK);
  assert_int_equal(version_of(db), 2);
  db_close(db);
}

static void readonly_open_needs_latest(void **state) {
  char zPath[512];
  Db *db = open_new(zPath, sizeof zPath);
  Err e = ERR_INIT;
  (void)state;
  db_close(db); /* an empty database: version 0 */
  db = NULL;
  assert_int_equal(schema_open(&db, zPath, DB_READONLY, &e), FZ_CONFLICT);
  assert_null(db);
  err_clear(&e);
  assert_int_equal(schema_open(&db, zPath, 0, &e), FZ_OK);
  db_close(db);
  db = NULL;
  assert_int_equal(schema_open(&db, zPath, DB_READONLY, &e), FZ_OK);
  db_close(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(new_database_reaches_latest),
      cmocka_unit_test(rerun_is_noop),
      cmocka_unit_test(newer_database_is_refused),
      cmocka_unit_test(failed_migration_keeps_old_version),
      cmocka_unit_test(killed_migration_keeps_old_version),
      cmocka_unit_test(readonly_open_needs_latest),
  };
  return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
