/* snapshot.h — an approved report's figures, frozen: the org, year, who
 * approved it and when, the audit entry it was frozen at, any override
 * reason, and every metric's value as JSON. */
#ifndef FZ_SNAPSHOT_H
#define FZ_SNAPSHOT_H

#include <stdint.h>

#include "../base/err.h"
#include "db.h"

typedef struct Snapshot {
  int64_t id;
  char *zOrg;
  int year;
  char *zApprovedAt, *zApprovedBy;
  int64_t auditHead;
  char *zOverride; /* NULL when every check passed */
  char *zFigures;  /* JSON */
} Snapshot;

/* Store s (id is set); inside the caller's transaction. */
int snapshot_insert(Db *db, Snapshot *s, Err *e);
/* The latest snapshot of an org's year: FZ_NOTFOUND when never approved. */
int snapshot_latest(Db *db, const char *zOrg, int year, Snapshot *s, Err *e);
void snapshot_clear(Snapshot *s);

/* The id of the newest audit entry (0 for an empty log). */
int snapshot_audit_head(Db *db, int64_t *pId, Err *e);

#endif
