/* testutil.h — helpers shared by the unit tests: a fresh temporary database
 * path per test and cmocka's includes in the order it needs. */
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
  test_tmp_path(zPath, sizeof zPath, zName);
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
