/* countmap.h — counters by a two-part text key: a hash table of (a, b) →
 * n int64 counters, kept in order of first appearance. The kept figures
 * count an import's rows (or a write's deadlines) here, then store one
 * upsert per key instead of one per record. */
#ifndef FZ_COUNTMAP_H
#define FZ_COUNTMAP_H

#include <stdint.h>

typedef struct CountRow {
  char *zA, *zB;
  int64_t aN[]; /* the map's nCounter counters, zero at first */
} CountRow;

typedef struct CountMap {
  CountRow **a; /* in order of first appearance */
  int n, nAlloc;
  int *aSlot;   /* open addressing: index in a plus one, 0 empty */
  int nSlot;    /* a power of two, more than twice n */
  int nCounter;
} CountMap;

void countmap_init(CountMap *m, int nCounter);
/* The row of (zA, zB), made (all zero) when new. */
CountRow *countmap_get(CountMap *m, const char *zA, const char *zB);
/* The row of (zA, zB) or NULL; never makes one. */
CountRow *countmap_find(const CountMap *m, const char *zA, const char *zB);
void countmap_free(CountMap *m);

#endif
