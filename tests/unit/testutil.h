/* testutil.h — helpers shared by the unit tests: a fresh temporary database
 * per test (a file, or on the PostgreSQL run a new database in the test
 * cluster) and cmocka's includes in the order it needs. */
#ifndef FZ_TESTUTIL_H
#define FZ_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh directory under $TMPDIR (or /tmp); zBuf receives "DIR/NAME". */
static inline void test_tmp_path(char *zBuf, size_t n, const char *zName) {
  char zDir[256];
  const char *zTmp = getenv("TMPDIR");
  snprintf(zDir, sizeof zDir, "%s/fztest-XXXXXX", zTmp ? zTmp : "/tmp");
  if (!mkdtemp(zDir)) fail_msg("mkdtemp failed");
  snprintf(zBuf, n, "%s/%s", zDir, zName);
}

/* Write n bytes to a file, failing the test on error. */
static inline void test_write_file(const char *zPath, const char *z, size_t n) {
  FILE *f = fopen(zPath, "wb");
  if (!f) fail_msg("cannot write %s", zPath);
  if (n && fwrite(z, 1, n, f) != n) fail_msg("short write %s", zPath);
  fclose(f);
}

#include "../../src/store/db.h"

/* The PostgreSQL run (meson's "-pg" unit tests set FZ_BACKEND=pg): the
 * same tests, each database a new one in the cluster at $FZ_TEST_PG. */
static inline int test_on_pg(void) {
  const char *z = getenv("FZ_BACKEND");
  return z && strcmp(z, "pg") == 0;
}

/* Skip a test that is about SQLite's file itself (run with cmocka's skip). */
#define TEST_SQLITE_ONLY() \
  do { \
    if (test_on_pg()) skip(); \
  } while (0)

/* Without a cluster the PostgreSQL run is skipped (77: meson's SKIP),
 * before cmocka starts, as the end-to-end scripts do. */
__attribute__((constructor)) static void test_pg_skip_without_cluster(void) {
  const char *z = getenv("FZ_TEST_PG");
  if (test_on_pg() && (!z || !z[0])) {
    printf("skipped: no PostgreSQL cluster (FZ_TEST_PG unset)\n");
    exit(77);
  }
}

static int nTestPgDb;

/* Drop every database this process made (they are named after its pid). */
static inline void test_pg_drop_all(void) {
  char zSql[128];
  Db *db = NULL;
  Err e = ERR_INIT;
  char zUrl[512];
  int i;
  snprintf(zUrl, sizeof zUrl, "%s/postgres", getenv("FZ_TEST_PG"));
  if (db_open(&db, zUrl, 0, &e) != FZ_OK) {
    err_clear(&e);
    return;
  }
  for (i = 1; i <= nTestPgDb; i++) {
    snprintf(zSql, sizeof zSql, "DROP DATABASE IF EXISTS fz_u%d_%d WITH (FORCE)", (int)getpid(), i);
    db_exec_script(db, zSql, &e);
    err_clear(&e);
  }
  db_close(db);
}

/* A new, empty database in the test cluster; zBuf receives its URL. */
static inline void test_pg_new_db(char *zBuf, size_t n) {
  const char *zBase = getenv("FZ_TEST_PG");
  char zSql[128], zUrl[512];
  Db *db = NULL;
  Err e = ERR_INIT;
  if (!zBase || !zBase[0]) fail_msg("FZ_BACKEND=pg needs FZ_TEST_PG (scripts/pgcluster.sh)");
  snprintf(zUrl, sizeof zUrl, "%s/postgres", zBase);
  if (nTestPgDb == 0) atexit(test_pg_drop_all);
  nTestPgDb++;
  snprintf(zSql, sizeof zSql, "CREATE DATABASE fz_u%d_%d", (int)getpid(), nTestPgDb);
  if (db_open(&db, zUrl, 0, &e) != FZ_OK || db_exec_script(db, zSql, &e) != FZ_OK) {
    fail_msg("cannot create a test database: %s", err_msg(&e));
  }
  db_close(db);
  snprintf(zBuf, n, "%s/fz_u%d_%d", zBase, (int)getpid(), nTestPgDb);
}

/* A fresh database's name: "DIR/NAME" in a new temporary directory, or on
 * the PostgreSQL run the URL of a new database. */
static inline void test_db_name(char *zBuf, size_t n, const char *zName) {
  if (test_on_pg()) test_pg_new_db(zBuf, n);
  else test_tmp_path(zBuf, n, zName);
}

#include "../../src/domain/reg.h"
#include "../../src/io/orgfile.h"

/* A fresh database with every table and the demo org tree
 * ($FZ_TEST_DATA/org/zeku.csv): what most domain tests start from.
 * Returns 0, or -1 (for a cmocka setup) after printing why. */
static inline int test_open_org_db(const char *zName, Db **ppDb) {
  char zPath[512], zOrg[512];
  const char *zData = getenv("FZ_TEST_DATA");
  OrgImportStats st;
  Err e = ERR_INIT;
  test_db_name(zPath, sizeof zPath, zName);
  snprintf(zOrg, sizeof zOrg, "%s/org/zeku.csv", zData ? zData : "data");
  if (reg_open_db(ppDb, zPath, DB_CREATE, &e) != FZ_OK ||
      orgfile_import(*ppDb, zOrg, 0, "test", &st, &e) != FZ_OK) {
    fprintf(stderr, "test setup: %s\n", err_msg(&e));
    err_clear(&e);
    return -1;
  }
  return 0;
}

#endif
