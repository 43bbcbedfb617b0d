/* mem.c — allocation wrappers that abort on out-of-memory (see mem.h); an
 * injected failure (fault.h) takes the same path as a real one. */
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"

static void mem_fail(size_t n) {
  fprintf(stderr, "fazhi: 内存不足（申请 %zu 字节失败）\n", n);
  abort();
}

void *mem_alloc(size_t n) {
  void *p = fault_hit(FAULT_ALLOC, NULL, NULL) ? NULL : malloc(n ? n : 1);
  if (!p) mem_fail(n);
  return p;
}

void *mem_zalloc(size_t n) {
  void *p = fault_hit(FAULT_ALLOC, NULL, NULL) ? NULL : calloc(1, n ? n : 1);
  if (!p) mem_fail(n);
  return p;
}

void *mem_realloc(void *p, size_t n) {
  void *q = fault_hit(FAULT_ALLOC, NULL, NULL) ? NULL : realloc(p, n ? n : 1);
  if (!q) mem_fail(n);
  return q;
}

char *mem_strdup(const char *z) {
  return z ? mem_strndup(z, strlen(z)) : NULL;
}

char *mem_strndup(const char *z, size_t n) {
  char *p = mem_alloc(n + 1);
  memcpy(p, z, n);
  p[n] = 0;
  return p;
}

void mem_free(void *p) {
  free(p);
}
