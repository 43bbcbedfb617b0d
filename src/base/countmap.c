/* countmap.c — the counters of countmap.h: FNV-1a over both parts, linear
 * probing, doubling when half full. */
#include "countmap.h"

#include <string.h>

#include "mem.h"

void countmap_init(CountMap *m, int nCounter) {
  memset(m, 0, sizeof *m);
  m->nCounter = nCounter;
}

static unsigned key_hash(const char *zA, const char *zB) {
  unsigned h = 2166136261u;
  for (; *zA; zA++) h = (h ^ (unsigned char)*zA) * 16777619u;
  h = (h ^ '|') * 16777619u;
  for (; *zB; zB++) h = (h ^ (unsigned char)*zB) * 16777619u;
  return h;
}

static void rehash(CountMap *m, int nSlot) {
  int i;
  mem_free(m->aSlot);
  m->nSlot = nSlot;
  m->aSlot = mem_zalloc(sizeof(int) * (size_t)nSlot);
  for (i = 0; i < m->n; i++) {
    unsigned h = key_hash(m->a[i]->zA, m->a[i]->zB) & (unsigned)(nSlot - 1);
    while (m->aSlot[h]) h = (h + 1) & (unsigned)(nSlot - 1);
    m->aSlot[h] = i + 1;
  }
}

/* The slot holding (zA, zB), or the empty slot where it would go. */
static unsigned slot_of(const CountMap *m, const char *zA, const char *zB) {
  unsigned h = key_hash(zA, zB) & (unsigned)(m->nSlot - 1);
  while (m->aSlot[h]) {
    const CountRow *p = m->a[m->aSlot[h] - 1];
    if (strcmp(p->zA, zA) == 0 && strcmp(p->zB, zB) == 0) break;
    h = (h + 1) & (unsigned)(m->nSlot - 1);
  }
  return h;
}

CountRow *countmap_find(const CountMap *m, const char *zA, const char *zB) {
  unsigned h;
  if (!m->nSlot) return NULL;
  h = slot_of(m, zA, zB);
  return m->aSlot[h] ? m->a[m->aSlot[h] - 1] : NULL;
}

CountRow *countmap_get(CountMap *m, const char *zA, const char *zB) {
  CountRow *p;
  unsigned h;
  if (2 * (m->n + 1) >= m->nSlot) rehash(m, m->nSlot ? 2 * m->nSlot : 64);
  h = slot_of(m, zA, zB);
  if (m->aSlot[h]) return m->a[m->aSlot[h] - 1];
  p = mem_zalloc(sizeof *p + sizeof(int64_t) * (size_t)m->nCounter);
  p->zA = mem_strdup(zA);
  p->zB = mem_strdup(zB);
  if (m->n == m->nAlloc) {
    m->nAlloc = m->nAlloc ? 2 * m->nAlloc : 64;
    m->a = mem_realloc(m->a, sizeof(CountRow *) * (size_t)m->nAlloc);
  }
  m->a[m->n++] = p;
  m->aSlot[h] = m->n;
  return p;
}

void countmap_free(CountMap *m) {
  int i;
  for (i = 0; i < m->n; i++) {
    mem_free(m->a[i]->zA);
    mem_free(m->a[i]->zB);
    mem_free(m->a[i]);
  }
  mem_free(m->a);
  mem_free(m->aSlot);
  memset(m, 0, sizeof *m);
}
