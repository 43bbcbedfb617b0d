/* clock.c — wall-clock time for created_at / updated_at (see clock.h). */
#include "clock.h"

#include <time.h>

const char *clock_now_iso(char *zBuf, size_t n) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  if (strftime(zBuf, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0 && n) zBuf[0] = 0;
  return zBuf;
}
