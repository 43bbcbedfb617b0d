/* snapshot.c — approved report snapshots (see snapshot.h). */
#include "snapshot.h"

#include <string.h>

#include "../base/mem.h"

int snapshot_insert(Db *db, Snapshot *s, Err *e) {
  int rc = db_exec(db, e,
                   "INSERT INTO report_snapshot(org, year, approved_at, approved_by,"
                   " audit_head, override, figures) VALUES(?,?,?,?,?,?,?)",
                   "tittitt", s->zOrg, (int64_t)s->year, s->zApprovedAt,
                   s->zApprovedBy, s->auditHead, s->zOverride, s->zFigures);
  if (rc == FZ_OK) s->id = db_last_insert_id(db);
  return rc;
}

int snapshot_latest(Db *db, const char *zOrg, int year, Snapshot *s, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st,
                      "SELECT id, approved_at, approved_by, audit_head, override,"
                      " figures FROM report_snapshot WHERE org = ? AND year = ?"
                      " ORDER BY id DESC LIMIT 1",
                      e);
  memset(s, 0, sizeof *s);
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, zOrg);
  db_bind_int64(st, 2, year);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    s->id = db_column_int64(st, 0);
    s->zOrg = mem_strdup(zOrg);
    s->year = year;
    s->zApprovedAt = mem_strdup(db_column_text(st, 1));
    s->zApprovedBy = mem_strdup(db_column_text(st, 2));
    s->auditHead = db_column_int64(st, 3);
    s->zOverride = mem_strdup(db_column_text(st, 4));
    s->zFigures = mem_strdup(db_column_text(st, 5));
    rc = FZ_OK;
  } else if (rc == DB_DONE) {
    rc = err_set(e, FZ_NOTFOUND, "%s %d 年度的报告尚未审定", zOrg, year);
  }
  db_finalize(st);
  return rc;
}

void snapshot_clear(Snapshot *s) {
  mem_free(s->zOrg);
  mem_free(s->zApprovedAt);
  mem_free(s->zApprovedBy);
  mem_free(s->zOverride);
  mem_free(s->zFigures);
  memset(s, 0, sizeof *s);
}

int snapshot_audit_head(Db *db, int64_t *pId, Err *e) {
  *pId = 0;
  return db_query_int64(db, e, pId, NULL, "SELECT coalesce(max(id), 0) FROM audit_log", "");
}
