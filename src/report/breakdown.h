/* breakdown.h — the roll-up table of a prefecture's or a province's report:
 * every county of the subtree with its key figures side by side, and the
 * whole subtree's as the last row. In the report (template @breakdown), as
 * XLSX, and as JSON through the API. */
#ifndef FZ_BREAKDOWN_H
#define FZ_BREAKDOWN_H

#include "doc.h"
#include "metric.h"

typedef struct BreakdownRow {
  char *zCode, *zName;  /* the county ("" code for the total row) */
  MetricValue *aValue;  /* one per column */
} BreakdownRow;

typedef struct Breakdown {
  const Metric **apCol;
  int nCol;
  BreakdownRow *aRow;   /* counties in code order, then the total */
  int nRow;
  int rowKind;          /* ORG_COUNTY; ORG_PROVINCE for the country */
} Breakdown;

/* The counties strictly below s's org (none for a county or below); for
 * the country, its provinces. */
int breakdown_build(Db *db, const MetricScope *s, Breakdown *b, Err *e);
void breakdown_clear(Breakdown *b);

/* A caption paragraph and the table, appended to d; nothing when there
 * are no counties below. */
int breakdown_doc(const Breakdown *b, Doc *d, Err *e);

/* The table as an XLSX sheet (frozen header row, number formats). */
int breakdown_xlsx(const Breakdown *b, const char *zTitle, const char *zPath, Err *e);

#endif
