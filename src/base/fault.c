/* fault.c — fault injection armed from FZ_FAULT (see fault.h). */
#include "fault.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once by fault_init, before any thread: 1 when FZ_FAULT is set. */
int fault_armed;

static const char *const azKind[FAULT_KIND_COUNT] = {"alloc", "db"};
static FaultKind gKind;     /* the kind armed to fail */
static long gTarget;        /* its call number to fail; 0: count only */
static const char *gzMatch; /* count only statements containing it */
static _Atomic long gCount[FAULT_KIND_COUNT]; /* calls so far, per kind */
static _Thread_local int tlPaused; /* fault_pause depth on this thread */

static void fault_report(void) {
  fprintf(stderr, "fazhi: 故障注入计数：alloc %ld，db %ld\n",
          atomic_load(&gCount[FAULT_ALLOC]), atomic_load(&gCount[FAULT_DB]));
}

/* "alloc:N", "db:N" or "db:N:TEXT" with N >= 1; 0 when zSpec is none. */
static int fault_parse(const char *zSpec) {
  int k;
  for (k = 0; k < FAULT_KIND_COUNT; k++) {
    size_t n = strlen(azKind[k]);
    char *zEnd = NULL;
    if (strncmp(zSpec, azKind[k], n) != 0 || zSpec[n] != ':') continue;
    gTarget = strtol(zSpec + n + 1, &zEnd, 10);
    if (zEnd == zSpec + n + 1 || gTarget < 1) return 0;
    if (k == FAULT_DB && zEnd[0] == ':' && zEnd[1]) {
      gzMatch = zEnd + 1; /* points into the environment, which lives on */
    } else if (*zEnd) {
      return 0;
    }
    gKind = (FaultKind)k;
    return 1;
  }
  return 0;
}

void fault_init(void) {
  const char *zSpec = getenv("FZ_FAULT");
  if (!zSpec || !zSpec[0]) return;
  if (strcmp(zSpec, "count") == 0) {
    atexit(fault_report);
  } else if (!fault_parse(zSpec)) {
    fprintf(stderr,
            "fazhi: FZ_FAULT 的值“%s”无效，应为 alloc:N、db:N、db:N:SQL片段 或 "
            "count\n",
            zSpec);
    exit(2);
  }
  fault_armed = 1;
}

int fault_next(FaultKind k, const char *zSql, long *pN) {
  long n;
  if (k == FAULT_DB && tlPaused) return 0;
  if (gzMatch && k == gKind && !(zSql && strstr(zSql, gzMatch))) return 0;
  n = atomic_fetch_add(&gCount[k], 1) + 1;
  if (pN) *pN = n;
  return gTarget && k == gKind && n == gTarget;
}

void fault_pause(void) {
  tlPaused++;
}

void fault_resume(void) {
  tlPaused--;
}
