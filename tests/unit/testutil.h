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

#endif
