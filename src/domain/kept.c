/* kept.c — the kept figures of kept.h: one static table and the SQL that
 * keeps, reads, rebuilds and checks them, generated from it. A record
 * counts in the year of its defining date, under its own org; a subtree's
 * figure is the sum of its orgs' rows (a country: ~40,000 rows a figure). */
#include "kept.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define YEAR_OF(d) "CAST(substr(" d ", 1, 4) AS INTEGER)"

/* Conditions with ?4 use the last day of the record's year. */
const Kept kept_all[] = {
    {"aid.accepted", "aid_case", "accepted", "", NULL},
    {"aid.closed", "aid_case", "accepted", "closed IS NOT NULL AND closed <= ?4", NULL},
    {"aid.consultations", "consultation", "date", "", "count"},
    {"aid.documents", "aid_document", "date", "", "count"},
    {"aid.recovered", "aid_case", "accepted", "", "recovered"},
    {"enf_event.observation.units", "enf_event", "date", "kind = 'observation'", "units"},
    {"exam.participants", "exam", "date", "", NULL},
    {"literate.classes", "literate_class", "date", "", NULL},
    {"literate.trained", "literate_class", "date", "", "trainees"},
    {"litigation.cases", "litigation", "filed", "", NULL},
    {"litigation.head_appeared", "litigation", "filed", "hearing = 1 AND head_appeared = 1", NULL},
    {"litigation.heard", "litigation", "filed", "hearing = 1", NULL},
    {"litigation.withdrawn", "litigation", "filed", "outcome = 'withdrawn'", NULL},
    {"media.fzzx.aired", "media_episode", "recorded",
     "series = '法治在线10分钟' AND aired IS NOT NULL AND aired <= ?4", NULL},
    {"media.fzzx.recorded", "media_episode", "recorded", "series = '法治在线10分钟'", NULL},
    {"media.yysf.aired", "media_episode", "recorded",
     "series = '谚语说法' AND aired IS NOT NULL AND aired <= ?4", NULL},
    {"media.yysf.recorded", "media_episode", "recorded", "series = '谚语说法'", NULL},
    {"media.yysf.views", "media_episode", "recorded", "series = '谚语说法'", "views"},
    {"mediation.accepted", "dispute", "received", "", NULL},
    {"mediation.resolved", "dispute", "received", "result = 'resolved'", NULL},
    {"normdoc.reviewed.general", "normdoc_review", "reviewed", "kind = 'general'", NULL},
    {"normdoc.reviewed.normative", "normdoc_review", "reviewed", "kind = 'normative'", NULL},
    {"publicity.activities", "activity", "date", "", NULL},
    {"publicity.audience", "activity", "date", "", "audience"},
    {"recon.accepted", "reconsideration", "received", "acceptance = 'accepted'", NULL},
    {"recon.pending", "reconsideration", "received", "acceptance = 'pending'", NULL},
    {"recon.received", "reconsideration", "received", "", NULL},
    {"recon.referred", "reconsideration", "received", "acceptance = 'referred'", NULL},
    {"recon.rejected", "reconsideration", "received", "acceptance = 'rejected'", NULL},
    {"screening.times", "screening", "date", "", "times"},
    {"task.done", "task", "due", "status = 'done'", NULL},
    {"task.total", "task", "due", "", NULL},
};

const int kept_count = (int)(sizeof kept_all / sizeof kept_all[0]);

const Kept *kept_find(const char *zName) {
  int i;
  for (i = 0; i < kept_count; i++) {
    if (strcmp(kept_all[i].zName, zName) == 0) return &kept_all[i];
  }
  return NULL;
}

/* "voided = 0 AND d IS NOT NULL AND (where)", ?4 spelled zEnd. */
static void live_where(const Kept *k, const char *zEnd, Str *s) {
  const char *z = k->zWhere, *q;
  str_appendf(s, "voided = 0 AND %s IS NOT NULL", k->zDate);
  if (!z[0]) return;
  str_puts(s, " AND (");
  while ((q = strstr(z, "?4")) != NULL) {
    str_append(s, z, (size_t)(q - z));
    str_puts(s, zEnd);
    z = q + 2;
  }
  str_appendf(s, "%s)", z);
}

/* The year's last day of the record's own date, for ?4. */
static void year_end(const Kept *k, Str *s) {
  str_appendf(s, "(substr(%s, 1, 4) || '-12-31')", k->zDate);
}

/* SELECT [zFirst,] year, org, n, total FROM the register WHERE [zAnd AND]
 * … GROUP BY org and year; n and total times zSign when given. */
static void fresh_sql(const Kept *k, const char *zFirst, const char *zSign, const char *zAnd,
                      Str *s) {
  Str end = STR_INIT;
  const char *zMul = zSign ? " * " : "";
  if (!zSign) zSign = "";
  year_end(k, &end);
  str_appendf(s, "SELECT %s" YEAR_OF("%s") " AS year, org, %s%scount(*) AS n, %s%s", zFirst,
              k->zDate, zSign, zMul, zSign, zMul);
  if (k->zSum) str_appendf(s, "coalesce(sum(%s), 0)", k->zSum);
  else str_puts(s, "count(*)");
  str_appendf(s, " AS total FROM %s WHERE ", k->zTable);
  if (zAnd) str_appendf(s, "%s AND ", zAnd);
  live_where(k, str_cstr(&end), s);
  str_appendf(s, " GROUP BY org, substr(%s, 1, 4)", k->zDate);
  str_free(&end);
}

#define TALLY_INSERT "INSERT INTO metric_tally(metric, year, org, n, total) "

static int apply_one(Db *db, const Kept *k, int64_t lo, int64_t hi, int sign, Err *e) {
  Str sql = STR_INIT;
  int rc;
  str_puts(&sql, TALLY_INSERT);
  fresh_sql(k, "?1, ", "?2", "id BETWEEN ?3 AND ?4", &sql);
  str_puts(&sql, " ON CONFLICT(metric, year, org) DO UPDATE SET n = metric_tally.n + excluded.n,"
                 " total = metric_tally.total + excluded.total");
  rc = db_exec(db, e, str_cstr(&sql), "tiii", k->zName, (int64_t)sign, lo, hi);
  str_free(&sql);
  return rc;
}

int kept_apply(Db *db, const char *zTable, int64_t lo, int64_t hi, int sign, Err *e) {
  int i, rc = FZ_OK;
  if (lo > hi) return FZ_OK;
  for (i = 0; i < kept_count && rc == FZ_OK; i++) {
    if (strcmp(kept_all[i].zTable, zTable) == 0) rc = apply_one(db, &kept_all[i], lo, hi, sign, e);
  }
  return rc;
}

/* The org range as a condition, or nothing for every org. */
static const char *org_range(const char *zLo, int iFirst, char zBuf[64]) {
  if (!zLo) return NULL;
  snprintf(zBuf, 64, "org >= ?%d AND org < ?%d", iFirst, iFirst + 1);
  return zBuf;
}

int kept_rebuild(Db *db, const char *zLo, const char *zHi, Err *e) {
  char zRange[64];
  int i, rc = zLo ? db_exec(db, e, "DELETE FROM metric_tally WHERE org >= ? AND org < ?", "tt",
                            zLo, zHi)
                  : db_exec(db, e, "DELETE FROM metric_tally", "");
  for (i = 0; i < kept_count && rc == FZ_OK; i++) {
    Str sql = STR_INIT;
    str_puts(&sql, TALLY_INSERT);
    fresh_sql(&kept_all[i], "?1, ", NULL, org_range(zLo, 2, zRange), &sql);
    rc = zLo ? db_exec(db, e, str_cstr(&sql), "ttt", kept_all[i].zName, zLo, zHi)
             : db_exec(db, e, str_cstr(&sql), "t", kept_all[i].zName);
    str_free(&sql);
  }
  return rc;
}

int kept_read(Db *db, const Kept *k, const char *zLo, const char *zHi, int year,
              int64_t *pValue, int64_t *pRecords, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st,
                      "SELECT coalesce(sum(total), 0), coalesce(sum(n), 0) FROM metric_tally"
                      " WHERE metric = ? AND year = ? AND org >= ? AND org < ?",
                      e);
  *pValue = *pRecords = 0;
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, k->zName);
  db_bind_int64(st, 2, year);
  db_bind_text(st, 3, zLo);
  db_bind_text(st, 4, zHi);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    *pValue = db_column_int64(st, 0);
    *pRecords = db_column_int64(st, 1);
    rc = FZ_OK;
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

void kept_records_sql(const Kept *k, Str *s) {
  str_appendf(s, "SELECT id FROM %s WHERE org >= ?1 AND org < ?2 AND %s BETWEEN ?3 AND ?4 AND ",
              k->zTable, k->zDate);
  live_where(k, "?4", s);
  str_puts(s, " ORDER BY 1");
}

/* Rows of one figure where the kept table and a recomputation differ. */
static int verify_one(Db *db, const Kept *k, int64_t *pnBad, Str *pReport, Err *e) {
  Str sql = STR_INIT, fresh = STR_INIT;
  Stmt *st = NULL;
  int rc;
  fresh_sql(k, "", NULL, NULL, &fresh);
  str_appendf(&sql,
              "SELECT year, org FROM (SELECT year, org, n, total FROM metric_tally"
              " WHERE metric = ?1 AND (n <> 0 OR total <> 0) EXCEPT %s) AS a"
              " UNION ALL SELECT year, org FROM (%s EXCEPT SELECT year, org, n, total"
              " FROM metric_tally WHERE metric = ?1) AS b",
              str_cstr(&fresh), str_cstr(&fresh));
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  if (rc == FZ_OK) db_bind_text(st, 1, k->zName);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) {
    if (*pnBad < 5) {
      str_appendf(pReport, "%s%s %lld 年 %s", pReport->n ? "；" : "", k->zName,
                  (long long)db_column_int64(st, 0), db_column_text(st, 1));
    }
    (*pnBad)++;
    rc = FZ_OK;
  }
  db_finalize(st);
  str_free(&sql);
  str_free(&fresh);
  return rc == DB_DONE ? FZ_OK : rc;
}

int kept_verify(Db *db, int64_t *pnBad, Str *pReport, Err *e) {
  int i, rc = FZ_OK;
  *pnBad = 0;
  for (i = 0; i < kept_count && rc == FZ_OK; i++) rc = verify_one(db, &kept_all[i], pnBad, pReport, e);
  return rc;
}

/* A digest of the declarations: a change rebuilds the table. */
static void kept_signature(char zHex[33]) {
  crypto_generichash_state h;
  unsigned char aOut[16];
  int i;
  crypto_generichash_init(&h, NULL, 0, sizeof aOut);
  for (i = 0; i < kept_count; i++) {
    const Kept *k = &kept_all[i];
    const char *az[5] = {k->zName, k->zTable, k->zDate, k->zWhere, k->zSum ? k->zSum : "-"};
    int j;
    for (j = 0; j < 5; j++) crypto_generichash_update(&h, (const unsigned char *)az[j], strlen(az[j]) + 1);
  }
  crypto_generichash_final(&h, aOut, sizeof aOut);
  sodium_bin2hex(zHex, 33, aOut, sizeof aOut);
}

static int signature_is(Db *db, const char *zSig, int *pSame, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st, "SELECT value FROM fz_meta WHERE key = 'kept_signature'", e);
  *pSame = 0;
  if (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) *pSame = strcmp(db_column_text(st, 0), zSig) == 0;
  db_finalize(st);
  return rc == DB_ROW || rc == DB_DONE ? FZ_OK : rc;
}

int kept_sync(Db *db, Err *e) {
  char zSig[33];
  int same = 0, rc;
  kept_signature(zSig);
  rc = signature_is(db, zSig, &same, e);
  if (rc != FZ_OK || same) return rc;
  rc = db_begin(db, e);
  if (rc != FZ_OK) return rc;
  rc = db_exec_script(db,
                      "CREATE TABLE IF NOT EXISTS metric_tally(\n"
                      "  metric TEXT NOT NULL, -- a kept figure (kept.c)\n"
                      "  year INTEGER NOT NULL, -- of the record's defining date\n"
                      "  org TEXT NOT NULL,    -- the records' own org\n"
                      "  n BIGINT NOT NULL,    -- records counted\n"
                      "  total BIGINT NOT NULL, -- their sum (a count: n)\n"
                      "  PRIMARY KEY(metric, year, org))",
                      e);
  if (rc == FZ_OK) rc = signature_is(db, zSig, &same, e); /* another may have just built it */
  if (rc == FZ_OK && !same) rc = kept_rebuild(db, NULL, NULL, e);
  if (rc == FZ_OK && !same) {
    rc = db_exec(db, e,
                 "INSERT INTO fz_meta(key, value) VALUES('kept_signature', ?)"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 "t", zSig);
  }
  if (rc == FZ_OK) rc = db_commit(db, e);
  else db_rollback(db);
  return rc;
}
