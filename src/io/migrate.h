/* migrate.h — `fazhi migrate`: one county's whole history moved from one
 * database into another, SQLite → a shared PostgreSQL or back: org tree,
 * people, users, import batches with provenance, every register's records
 * (voided ones too), approved snapshots, the holiday calendar files
 * (`fazhi calendar import`) and the audit log, re-chained in the target
 * with its original times, actors and contents. */
#ifndef FZ_MIGRATE_H
#define FZ_MIGRATE_H

#include <stdint.h>

#include "../base/err.h"
#include "../store/db.h"

typedef struct MigrateOptions {
  const char *zOrg; /* the county; NULL: the source's only county */
  int replace;      /* the target may already hold it: replace its records */
  const char *zActor;
} MigrateOptions;

typedef struct MigrateResult {
  char zCounty[80];
  int64_t nRecords, nAudit, nUsers, nBatches, nSnapshots;
  int64_t nCalendars; /* holiday calendar files the target did not have */
  int already; /* the same history was migrated before: nothing done */
} MigrateResult;

/* All or nothing: one transaction on the target. The source's audit chain
 * must verify; the target's keeps verifying. */
int migrate_county(Db *src, Db *dst, const MigrateOptions *o, MigrateResult *res, Err *e);

#endif
