/* audit.h — the audit log: every insert, update and void of a record appends
 * one row (who, when, which record, before and after, why) chained to the row
 * before it by SHA-256, so that editing, deleting, inserting or reordering
 * rows shows when the chain is verified. History is data (STYLE.md item 10). */
#ifndef FZ_AUDIT_H
#define FZ_AUDIT_H

#include <stdint.h>

#include "../base/err.h"
#include "db.h"

#define AUDIT_HASH_HEX 65 /* 64 hex digits of a SHA-256 and the NUL */

/* What a caller records. Strings are borrowed for the call. zActor,
 * zRegister and zAction are required; zBefore is NULL for an insert, and any
 * of zBefore, zAfter, zReason may be NULL, which is recorded (and hashed) as
 * different from "". zBefore and zAfter are JSON text made by the caller. */
typedef struct AuditEntry {
  const char *zActor;    /* user name, or "system" */
  const char *zRegister; /* the register written: "org_unit", … */
  int64_t recordId;      /* the record's id in that register */
  const char *zAction;   /* "insert", "update", "void", "import", … */
  const char *zBefore;   /* record before, as JSON; NULL for an insert */
  const char *zAfter;    /* record after, as JSON */
  const char *zReason;   /* why, as the user gave it; NULL when none */
  const char *zAt;       /* when; NULL: now (a migration keeps the original) */
} AuditEntry;

/* One stored row. Pointers belong to the statement that read the row and are
 * valid only during the callback that receives it. */
typedef struct AuditRow {
  int64_t id;      /* 1, 2, … in chain order */
  const char *zAt; /* UTC, ISO 8601 */
  const char *zActor;
  const char *zRegister;
  int64_t recordId;
  const char *zAction;
  const char *zBefore; /* NULL for an insert */
  const char *zAfter;
  const char *zReason;   /* NULL when none */
  const char *zPrevHash; /* hash of the row before; 64 zeros for the first */
  const char *zHash;     /* hex SHA-256, see audit_row_hash */
} AuditRow;

/* Append one row for a write the caller is making, and return its id in
 * *pId (pId may be NULL). Must run inside the caller's write transaction
 * (db_begin): the row commits or rolls back with the write it records, so
 * outside one it is refused with FZ_USAGE. The row's time is now. The chain's
 * head (last id and hash) is kept in fz_meta as 'audit_head', updated in the
 * same transaction; a new row always chains to that head, so rows deleted
 * from the end of the log stay detectable after later appends. */
int audit_append(Db *db, const AuditEntry *a, int64_t *pId, Err *e);

/* The result of a verification. badId is 0 when the log is intact; else the
 * first entry found broken (for a truncated tail: the first missing one),
 * and zReason says what happened, in Chinese. */
typedef struct AuditReport {
  int64_t nChecked;  /* rows read, including the broken one */
  int64_t badId;     /* 0 when intact */
  char zReason[200]; /* "" when intact */
  int64_t headId;    /* the head in fz_meta: last id (0 for an empty log) */
  char zHead[AUDIT_HASH_HEX]; /* and its hash; write it down elsewhere now
                               * and then: only an outside copy can show a
                               * log rewritten from scratch with new hashes */
} AuditReport;

/* Check every row in id order against its hash, its predecessor and the
 * head. FZ_OK whether intact or not (see pRep); an rc only when the
 * database cannot be read. Reads one row at a time: constant memory. */
int audit_verify(Db *db, AuditReport *pRep, Err *e);

/* Visit the rows of one record, oldest first. xRow returns FZ_OK to go on;
 * any other value stops the walk and is returned. */
typedef int (*AuditVisit)(const AuditRow *r, void *pArg);
/* Visit every row, oldest first (a migration copies the log). */
int audit_all(Db *db, AuditVisit xRow, void *pArg, Err *e);
int audit_history(Db *db, const char *zRegister, int64_t recordId,
                  AuditVisit xRow, void *pArg, Err *e);

/* Visit the rows of one register written after audit entry afterId (a
 * snapshot remembers the head it was taken at), oldest first. */
int audit_since(Db *db, const char *zRegister, int64_t afterId, AuditVisit xRow,
                void *pArg, Err *e);

/* The hash of a row (its zHash is ignored) into zHex, lowercase hex. It is
 * SHA-256 over an encoding where no two different rows give the same bytes:
 *
 *   "fazhi-audit-v1", then for each of prev_hash, id, at, actor, register,
 *   record_id, action, before_json, after_json, reason, in that order:
 *     NULL     0x00
 *     text     0x01, byte length as 8 bytes big-endian, the UTF-8 bytes
 *     integer  0x02, the value as 8 bytes big-endian two's complement
 *
 * Lengths keep field boundaries ("ab","c" differs from "a","bc"), the tag
 * byte tells NULL from "", and the id ties each row to its place. */
void audit_row_hash(const AuditRow *r, char zHex[AUDIT_HASH_HEX]);

#endif
