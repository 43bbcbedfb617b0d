/* rollup.h — the kept summary tables (metric_tally, deadline_tally) hold a
 * row per org, and also rolled-up rows for the country, each province and
 * each prefecture, keyed "~" + the division's significant digits ("~",
 * "~63", "~6323"). '~' sorts after every code, so no code range reads
 * them; a scope at one of those levels reads its one rolled-up row instead
 * of the rows of its ~40,000 orgs. */
#ifndef FZ_ROLLUP_H
#define FZ_ROLLUP_H

#include "../base/countmap.h"
#include "../base/err.h"
#include "../store/db.h"

#define ROLLUP_KEY_MAX 8

/* When [zLo, zHi) is the whole subtree of a rolled-up level (as
 * org_subtree_range gives it), 1 and its key in zKey; else 0. */
int rollup_key_of_range(const char *zLo, const char *zHi, char zKey[ROLLUP_KEY_MAX]);

/* Add every org row of m (zA the org) into its rolled-up rows too. */
void rollup_fold(CountMap *m);

/* The SQL of an org's rolled-up key at level i (0 .. ROLLUP_LEVELS - 1),
 * for GROUP BY: "'~' || substr(org, 1, 2)". */
#define ROLLUP_LEVELS 3
const char *rollup_key_sql(int i);

/* Recompute every rolled-up row of zTable from its org rows: zKeys its
 * other key columns, zSums its counted columns ("n, total"). */
int rollup_refresh(Db *db, const char *zTable, const char *zKeys, const char *zSums, Err *e);

/* CREATE TABLE zDdl, with @KEY@ columns compared byte by byte, its rows
 * in key order on SQLite (WITHOUT ROWID: a read of many rows, no lookup
 * from the key index into the table for each). */
int rollup_create_table(Db *db, const char *zDdl, Err *e);

#endif
