/* deadline_tally.h — the deadline outcomes the report counts, kept per
 * (org, rule, year of the due date) in the table deadline_tally: met, met
 * late, and still open. Open ones are kept by their due date, since whether
 * one is overdue depends on the day asked. Changed in the transaction of
 * every write (kept.c calls it next to the kept figures), so a province or
 * the country reads summary rows instead of judging every record's
 * deadlines with the calendar. Counted with the built-in rule table and the
 * calendar in force; a calendar import rebuilds it. */
#ifndef FZ_DEADLINE_TALLY_H
#define FZ_DEADLINE_TALLY_H

#include <stdint.h>

#include "../base/err.h"
#include "../base/str.h"
#include "../store/db.h"

struct Register;
struct Record;

/* The DDL of the table (kept_sync runs it). */
extern const char dtally_ddl[];

/* Add (+1) or take away (-1) the deadlines of the live records of zTable
 * with ids lo..hi, as they are now (kept_apply's contract). */
int dtally_apply(Db *db, const char *zTable, int64_t lo, int64_t hi, int sign, Err *e);

/* Recount the orgs in [zLo, zHi) (NULL, NULL: all) from the records. */
int dtally_rebuild(Db *db, const char *zLo, const char *zHi, Err *e);

/* An import's deadlines counted row by row (NULL when the register has no
 * rule), stored once in its transaction. */
typedef struct DtallyCounter DtallyCounter;
int dtally_counter_open(Db *db, const struct Register *p, DtallyCounter **pp, Err *e);
int dtally_counter_add(DtallyCounter *c, const struct Record *r, Err *e);
int dtally_counter_store(Db *db, DtallyCounter *c, Err *e);
void dtally_counter_free(DtallyCounter *c);

/* The figures of the subtree [zLo, zHi) for the year, judged at zAsOf, for
 * each rule-id prefix azPrefix[i] ("" every rule): aDue[i] deadlines due in
 * the year and met, met late or overdue; aMet[i] of them met in time;
 * aOverdue[i] open past their due date (due in any year). */
int dtally_read(Db *db, const char *zLo, const char *zHi, int year, const char *zAsOf,
                const char *const *azPrefix, int nPrefix, int64_t *aDue, int64_t *aMet,
                int64_t *aOverdue, Err *e);

/* Compare the table with a recount: *pnBad the (org, rule, year, due) rows
 * that differ, the first few named in pReport. */
int dtally_verify(Db *db, int64_t *pnBad, Str *pReport, Err *e);

#endif
