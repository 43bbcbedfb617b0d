/* writer.c — the per-file writer gates of writer.h: a fixed table of
 * semaphores (a semaphore, not a mutex, so no thread owns the gate). */
#include "writer.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define WRITER_MAX_FILES 16

struct WriterGate {
  char zName[512];
  sem_t sem;
};

static WriterGate aGate[WRITER_MAX_FILES];
static int nGate;
static pthread_mutex_t gateLock = PTHREAD_MUTEX_INITIALIZER;

WriterGate *writer_gate(const char *zName) {
  WriterGate *g = NULL;
  int i;
  if (!zName || strlen(zName) >= sizeof aGate[0].zName) return NULL;
  pthread_mutex_lock(&gateLock);
  for (i = 0; i < nGate && !g; i++) {
    if (strcmp(aGate[i].zName, zName) == 0) g = &aGate[i];
  }
  if (!g && nGate < WRITER_MAX_FILES) {
    g = &aGate[nGate];
    snprintf(g->zName, sizeof g->zName, "%s", zName);
    if (sem_init(&g->sem, 0, 1) == 0) nGate++;
    else g = NULL;
  }
  pthread_mutex_unlock(&gateLock);
  return g;
}

int writer_enter(WriterGate *g, int timeoutMs) {
  struct timespec until;
  int rc;
  if (!g) return 0;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += timeoutMs / 1000;
  until.tv_nsec += (long)(timeoutMs % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000L;
  }
  while ((rc = sem_timedwait(&g->sem, &until)) != 0 && errno == EINTR) {
  }
  return rc == 0;
}

void writer_leave(WriterGate *g) {
  if (g) sem_post(&g->sem);
}
