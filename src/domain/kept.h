/* kept.h — kept figures: the counts and sums the annual report states over
 * the busy registers, kept per (figure, year, org) in the table
 * metric_tally and changed in the same transaction as every write that
 * changes them, so a county, a province or the whole country reads a few
 * summary rows instead of scanning millions of records. Each figure is
 * declared once here (register, defining date, condition, summed column);
 * the metric catalog reads it by name. */
#ifndef FZ_KEPT_H
#define FZ_KEPT_H

#include <stdint.h>

#include "../base/err.h"
#include "../base/str.h"
#include "../store/db.h"

typedef struct Kept {
  const char *zName;  /* the metric that reads it: "mediation.resolved" */
  const char *zTable; /* the register */
  const char *zDate;  /* the defining date: a record counts in its year */
  const char *zWhere; /* more conditions, "" for none; ?4 is the last day
                         of the record's year */
  const char *zSum;   /* the summed column; NULL: the figure is a count */
} Kept;

extern const Kept kept_all[];
extern const int kept_count;

const Kept *kept_find(const char *zName);

/* Whether the tables were built by these declarations (a database opened
 * read-only is not synced: stale ones must not be read). */
int kept_current(Db *db, int *pCurrent, Err *e);

/* Create metric_tally when missing, and rebuild it whole when the
 * declarations above changed since it was built (or it never was). Run
 * when a database is opened for writing. */
int kept_sync(Db *db, Err *e);

/* Add (sign +1) or take away (-1) the records of zTable with ids lo..hi
 * as they are now: after an insert (+1), before an update (-1, and +1
 * after it), before a void (-1). Inside the write's transaction. */
int kept_apply(Db *db, const char *zTable, int64_t lo, int64_t hi, int sign, Err *e);

/* The figures of an import counted row by row as the rows are stored, for
 * one register: NULL when a condition of its figures is outside what the
 * counter reads (then kept_apply). The counter also counts the records'
 * deadlines (deadline_tally.h). kept_counter_add each record
 * inserted (after its org is resolved), kept_counter_store once in the
 * import's transaction. */
typedef struct KeptCounter KeptCounter;
struct Register;
struct Record;
int kept_counter_open(Db *db, const struct Register *p, KeptCounter **pp, Err *e);
int kept_counter_add(KeptCounter *c, const struct Record *r, Err *e);
int kept_counter_store(Db *db, KeptCounter *c, Err *e);
void kept_counter_free(KeptCounter *c);

/* Recompute every kept figure of the orgs in [zLo, zHi) from the records
 * (NULL, NULL: all), e.g. after records were copied in by a migration. */
int kept_rebuild(Db *db, const char *zLo, const char *zHi, Err *e);

/* A figure for an org subtree [zLo, zHi) and a year: *pValue the sum (or
 * the count), *pRecords the records behind it. */
int kept_read(Db *db, const Kept *k, const char *zLo, const char *zHi, int year,
              int64_t *pValue, int64_t *pRecords, Err *e);

/* The records behind a figure, "SELECT id … ORDER BY 1", with the metric
 * catalog's parameters (?1 ?2 the org range, ?3 ?4 the year's first and
 * last day). */
void kept_records_sql(const Kept *k, Str *s);

/* Compare every kept row with a recomputation from the records: *pnBad
 * the (figure, year, org) rows that differ, the first few named in
 * pReport. */
int kept_verify(Db *db, int64_t *pnBad, Str *pReport, Err *e);

#endif
