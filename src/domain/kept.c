/* kept.c — the kept figures of kept.h: one static table and the SQL that
 * keeps, reads, rebuilds and checks them, generated from it. A record
 * counts in the year of its defining date, under its own org; a subtree's
 * figure is the sum of its orgs' rows (a country: ~40,000 rows a figure). */
#include "kept.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/countmap.h"
#include "../base/mem.h"
#include "deadline.h"
#include "deadline_tally.h"
#include "reg.h"
#include "rollup.h"

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
 * … GROUP BY org and year; n and total times zSign when given. zOrg is
 * "org", or a rolled-up key (rollup.h). */
static void fresh_sql(const Kept *k, const char *zFirst, const char *zSign, const char *zAnd,
                      const char *zOrg, Str *s) {
  Str end = STR_INIT;
  const char *zMul = zSign ? " * " : "";
  if (!zSign) zSign = "";
  year_end(k, &end);
  str_appendf(s, "SELECT %s" YEAR_OF("%s") " AS year, %s AS org, %s%scount(*) AS n, %s%s",
              zFirst, k->zDate, zOrg, zSign, zMul, zSign, zMul);
  if (k->zSum) str_appendf(s, "coalesce(sum(%s), 0)", k->zSum);
  else str_puts(s, "count(*)");
  str_appendf(s, " AS total FROM %s WHERE ", k->zTable);
  if (zAnd) str_appendf(s, "%s AND ", zAnd);
  live_where(k, str_cstr(&end), s);
  str_appendf(s, " GROUP BY %s, substr(%s, 1, 4)", zOrg, k->zDate);
  str_free(&end);
}

#define TALLY_INSERT "INSERT INTO metric_tally(metric, year, org, n, total) "

/* Add the records lo..hi (times sign) to their org rows and rolled-up rows. */
static int apply_one(Db *db, const Kept *k, int64_t lo, int64_t hi, int sign, Err *e) {
  Str sql = STR_INIT;
  int i, rc = FZ_OK;
  for (i = -1; i < ROLLUP_LEVELS && rc == FZ_OK; i++) {
    str_reset(&sql);
    str_puts(&sql, TALLY_INSERT);
    fresh_sql(k, "?1, ", "?2", "id BETWEEN ?3 AND ?4", i < 0 ? "org" : rollup_key_sql(i), &sql);
    str_puts(&sql, " ON CONFLICT(metric, year, org) DO UPDATE SET n = metric_tally.n + excluded.n,"
                   " total = metric_tally.total + excluded.total");
    rc = db_exec(db, e, str_cstr(&sql), "tiii", k->zName, (int64_t)sign, lo, hi);
  }
  str_free(&sql);
  return rc;
}

int kept_apply(Db *db, const char *zTable, int64_t lo, int64_t hi, int sign, Err *e) {
  int i, rc = FZ_OK;
  if (lo > hi) return FZ_OK;
  for (i = 0; i < kept_count && rc == FZ_OK; i++) {
    if (strcmp(kept_all[i].zTable, zTable) == 0) rc = apply_one(db, &kept_all[i], lo, hi, sign, e);
  }
  return rc == FZ_OK ? dtally_apply(db, zTable, lo, hi, sign, e) : rc;
}

/* ---- Counted as an import stores its rows ----
 * kept_apply reads the new records once per figure and sorts them for its
 * GROUP BY: after a million rows, dispute's two figures took a fifth of
 * the import. A bulk writer counts each row's figures as it stores the
 * row instead, in a hash table of (org, year) groups, and adds the few
 * totals at the end, one upsert each. The conditions of kept_all use a
 * small part of SQL — terms "col = 'text'", "col = N", "col IS NOT NULL"
 * and "col <= ?4" joined by AND — which is read here once per register
 * and evaluated on the row's values exactly as the database compares the
 * stored ones (text byte by byte, integers as integers, NULL matching
 * nothing). A register with a condition outside that part gets no
 * counter, and its import runs kept_apply. kept_verify holds the two to
 * the same figures in the tests. */

/* Add the group's figures to metric_tally (as kept_apply: a figure with
 * no record in the group gets no row). */
static int groups_store(Db *db, const Kept **aK, int nK, const CountMap *g, Err *e) {
  Stmt *up = NULL;
  int i, k, rc = db_prepare(db, &up,
                            TALLY_INSERT "VALUES(?, ?, ?, ?, ?) ON CONFLICT(metric, year, org)"
                                         " DO UPDATE SET n = metric_tally.n + excluded.n,"
                                         " total = metric_tally.total + excluded.total",
                            e);
  for (i = 0; rc == FZ_OK && i < g->n; i++) {
    for (k = 0; rc == FZ_OK && k < nK; k++) {
      if (g->a[i]->aN[2 * k] == 0) continue;
      db_reset(up);
      db_bind_text(up, 1, aK[k]->zName);
      db_bind_int64(up, 2, strtol(g->a[i]->zB, NULL, 10));
      db_bind_text(up, 3, g->a[i]->zA);
      db_bind_int64(up, 4, g->a[i]->aN[2 * k]);
      db_bind_int64(up, 5, g->a[i]->aN[2 * k + 1]);
      rc = db_step(up, e);
      rc = rc == DB_DONE ? FZ_OK : rc;
    }
  }
  db_finalize(up);
  return rc;
}

enum { TERM_EQ_TEXT, TERM_EQ_INT, TERM_NOT_NULL, TERM_LE_YEAR_END };

typedef struct KeptTerm {
  int op;   /* TERM_* */
  int iField;
  char *zText; /* TERM_EQ_TEXT's literal */
  int64_t iVal; /* TERM_EQ_INT's */
} KeptTerm;

typedef struct KeptRule {
  const Kept *k;
  KeptTerm *aTerm;
  int nTerm;
  int iSum; /* the summed field, or -1 for a count */
} KeptRule;

struct KeptCounter {
  const Register *p;
  int iDate; /* the defining date's field, shared by every rule */
  KeptRule *aRule;
  int nRule;
  CountMap g; /* (org, year): each rule's count and total */
  DtallyCounter *pDl; /* the register's deadlines; NULL when it has none */
};

static int field_is_text(const RegField *f) {
  return f->type == FT_TEXT || f->type == FT_DATE || f->type == FT_ENUM ||
         f->type == FT_IDNUM || f->type == FT_USCC;
}

static int field_is_int(const RegField *f) {
  return f->type == FT_INT || f->type == FT_MONEY || f->type == FT_BOOL;
}

/* Read one term z[0..n) into t; 0 when it is outside the part we read. */
static int parse_term(const Register *p, const char *z, size_t n, KeptTerm *t) {
  char zCol[64];
  size_t nCol = 0;
  const char *zRest;
  size_t nRest;
  while (nCol < n && (z[nCol] == '_' || (z[nCol] >= 'a' && z[nCol] <= 'z') ||
                      (z[nCol] >= '0' && z[nCol] <= '9')))
    nCol++;
  if (nCol == 0 || nCol >= sizeof zCol) return 0;
  memcpy(zCol, z, nCol);
  zCol[nCol] = 0;
  t->iField = reg_field_index(p, zCol);
  if (t->iField < 0 || strcmp(p->aField[t->iField].zName, zCol) != 0) return 0;
  zRest = z + nCol;
  nRest = n - nCol;
  if (nRest == 12 && memcmp(zRest, " IS NOT NULL", 12) == 0) {
    t->op = TERM_NOT_NULL;
    return 1;
  }
  if (nRest == 6 && memcmp(zRest, " <= ?4", 6) == 0) {
    t->op = TERM_LE_YEAR_END;
    return p->aField[t->iField].type == FT_DATE;
  }
  if (nRest > 5 && memcmp(zRest, " = '", 4) == 0 && zRest[nRest - 1] == '\'') {
    if (memchr(zRest + 4, '\'', nRest - 5)) return 0; /* no quoted quotes */
    t->op = TERM_EQ_TEXT;
    t->zText = mem_strndup(zRest + 4, nRest - 5);
    return field_is_text(&p->aField[t->iField]);
  }
  if (nRest > 3 && memcmp(zRest, " = ", 3) == 0) {
    size_t i;
    int64_t v = 0;
    for (i = 3; i < nRest; i++) {
      if (zRest[i] < '0' || zRest[i] > '9' || v > 100000000) return 0;
      v = v * 10 + (zRest[i] - '0');
    }
    t->op = TERM_EQ_INT;
    t->iVal = v;
    return field_is_int(&p->aField[t->iField]);
  }
  return 0;
}

static int parse_rule(const Register *p, const Kept *k, KeptRule *u) {
  const char *z = k->zWhere;
  u->k = k;
  u->iSum = -1;
  if (k->zSum) {
    u->iSum = reg_field_index(p, k->zSum);
    if (u->iSum < 0 || !field_is_int(&p->aField[u->iSum]) ||
        strcmp(p->aField[u->iSum].zName, k->zSum) != 0)
      return 0;
  }
  while (*z) {
    const char *zAnd = strstr(z, " AND ");
    size_t n = zAnd ? (size_t)(zAnd - z) : strlen(z);
    u->aTerm = mem_realloc(u->aTerm, sizeof(KeptTerm) * (size_t)(u->nTerm + 1));
    memset(&u->aTerm[u->nTerm], 0, sizeof(KeptTerm));
    if (!parse_term(p, z, n, &u->aTerm[u->nTerm++])) return 0;
    z += n + (zAnd ? 5 : 0);
  }
  return 1;
}

void kept_counter_free(KeptCounter *c) {
  int i, j;
  if (!c) return;
  for (i = 0; i < c->nRule; i++) {
    for (j = 0; j < c->aRule[i].nTerm; j++) mem_free(c->aRule[i].aTerm[j].zText);
    mem_free(c->aRule[i].aTerm);
  }
  mem_free(c->aRule);
  countmap_free(&c->g);
  dtally_counter_free(c->pDl);
  mem_free(c);
}

int kept_counter_open(Db *db, const Register *p, KeptCounter **pp, Err *e) {
  KeptCounter *c = mem_zalloc(sizeof *c);
  int i, ok = 1, rc;
  *pp = NULL;
  c->p = p;
  c->iDate = -1;
  for (i = 0; ok && i < kept_count; i++) {
    const Kept *k = &kept_all[i];
    int iDate;
    if (strcmp(k->zTable, p->zName) != 0) continue;
    iDate = reg_field_index(p, k->zDate);
    ok = iDate >= 0 && p->aField[iDate].type == FT_DATE && (c->iDate < 0 || c->iDate == iDate);
    c->iDate = iDate;
    c->aRule = mem_realloc(c->aRule, sizeof(KeptRule) * (size_t)(c->nRule + 1));
    memset(&c->aRule[c->nRule], 0, sizeof(KeptRule));
    if (ok) ok = parse_rule(p, k, &c->aRule[c->nRule]);
    c->nRule++;
  }
  countmap_init(&c->g, 2 * c->nRule);
  rc = ok ? dtally_counter_open(db, p, &c->pDl, e) : FZ_OK;
  if (ok && rc == FZ_OK) *pp = c;
  else kept_counter_free(c);
  return rc;
}

static int term_holds(const KeptTerm *t, const Record *r, const char *zYearEnd) {
  const RegValue *v = &r->aVal[t->iField];
  if (!v->isSet || v->isNull) return 0; /* NULL matches no term */
  switch (t->op) {
  case TERM_EQ_TEXT: return strcmp(v->z, t->zText) == 0;
  case TERM_EQ_INT: return v->i == t->iVal;
  case TERM_NOT_NULL: return 1;
  default: return strcmp(v->z, zYearEnd) <= 0;
  }
}

int kept_counter_add(KeptCounter *c, const Record *r, Err *e) {
  const RegValue *d;
  char zYear[5], zYearEnd[11];
  CountRow *g = NULL;
  int i, j, rc = c->pDl ? dtally_counter_add(c->pDl, r, e) : FZ_OK;
  if (rc != FZ_OK || c->nRule == 0) return rc;
  d = &r->aVal[c->iDate];
  if (!d->isSet || d->isNull || r->voided) return FZ_OK; /* counted nowhere */
  /* substr(date, 1, 4) and that || '-12-31', by hand: every row passes */
  for (i = 0; i < 4 && d->z[i]; i++) zYear[i] = d->z[i];
  zYear[i] = 0;
  memcpy(zYearEnd, zYear, (size_t)i);
  memcpy(zYearEnd + i, "-12-31", 7);
  for (i = 0; i < c->nRule; i++) {
    const KeptRule *u = &c->aRule[i];
    int64_t x;
    for (j = 0; j < u->nTerm && term_holds(&u->aTerm[j], r, zYearEnd); j++) {
    }
    if (j < u->nTerm) continue;
    if (!g) g = countmap_get(&c->g, r->zOrg, zYear);
    x = u->iSum < 0 ? 1 : (r->aVal[u->iSum].isSet && !r->aVal[u->iSum].isNull)
                              ? r->aVal[u->iSum].i
                              : 0;
    g->aN[2 * i]++;
    if (__builtin_add_overflow(g->aN[2 * i + 1], x, &g->aN[2 * i + 1])) {
      return err_set(e, FZ_DB, "数据库错误：integer overflow（%s）", u->k->zName);
    }
  }
  return FZ_OK;
}

int kept_counter_store(Db *db, KeptCounter *c, Err *e) {
  const Kept *aK[sizeof kept_all / sizeof kept_all[0]];
  int i, rc;
  for (i = 0; i < c->nRule; i++) aK[i] = c->aRule[i].k;
  rollup_fold(&c->g);
  rc = groups_store(db, aK, c->nRule, &c->g, e);
  return rc == FZ_OK && c->pDl ? dtally_counter_store(db, c->pDl, e) : rc;
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
    fresh_sql(&kept_all[i], "?1, ", NULL, org_range(zLo, 2, zRange), "org", &sql);
    rc = zLo ? db_exec(db, e, str_cstr(&sql), "ttt", kept_all[i].zName, zLo, zHi)
             : db_exec(db, e, str_cstr(&sql), "t", kept_all[i].zName);
    str_free(&sql);
  }
  if (rc == FZ_OK) rc = rollup_refresh(db, "metric_tally", "metric, year", "n, total", e);
  return rc == FZ_OK ? dtally_rebuild(db, zLo, zHi, e) : rc;
}

int kept_read(Db *db, const Kept *k, const char *zLo, const char *zHi, int year,
              int64_t *pValue, int64_t *pRecords, Err *e) {
  Stmt *st = NULL;
  char zKey[ROLLUP_KEY_MAX];
  int up = rollup_key_of_range(zLo, zHi, zKey);
  int rc = db_prepare(db, &st,
                      up ? "SELECT coalesce(sum(total), 0), coalesce(sum(n), 0) FROM metric_tally"
                           " WHERE metric = ? AND year = ? AND org = ?"
                         : "SELECT coalesce(sum(total), 0), coalesce(sum(n), 0) FROM metric_tally"
                           " WHERE metric = ? AND year = ? AND org >= ? AND org < ?",
                      e);
  *pValue = *pRecords = 0;
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, k->zName);
  db_bind_int64(st, 2, year);
  db_bind_text(st, 3, up ? zKey : zLo);
  if (!up) db_bind_text(st, 4, zHi);
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
  int i, rc;
  /* the org rows and the rolled-up rows, as one operand of EXCEPT */
  str_puts(&fresh, "SELECT year, org, n, total FROM (");
  fresh_sql(k, "", NULL, NULL, "org", &fresh);
  for (i = 0; i < ROLLUP_LEVELS; i++) {
    str_puts(&fresh, " UNION ALL ");
    fresh_sql(k, "", NULL, NULL, rollup_key_sql(i), &fresh);
  }
  str_puts(&fresh, ") AS f");
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
  return rc == FZ_OK ? dtally_verify(db, pnBad, pReport, e) : rc;
}

static const char zTallyDdl[] =
    "CREATE TABLE metric_tally(\n"
    "  metric TEXT NOT NULL, -- a kept figure (kept.c)\n"
    "  year INTEGER NOT NULL, -- of the record's defining date\n"
    "  org @KEY@ NOT NULL,   -- the records' own org, or a rolled-up key\n"
    "  n BIGINT NOT NULL,    -- records counted\n"
    "  total BIGINT NOT NULL, -- their sum (a count: n)\n"
    "  PRIMARY KEY(metric, year, org))";

/* A digest of the declarations and the built-in deadline rules: a change
 * rebuilds the tables. */
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
  crypto_generichash_update(&h, (const unsigned char *)zTallyDdl, strlen(zTallyDdl));
  crypto_generichash_update(&h, (const unsigned char *)dtally_ddl, strlen(dtally_ddl));
  crypto_generichash_update(&h, (const unsigned char *)deadline_rules_default,
                            strlen(deadline_rules_default));
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

int kept_current(Db *db, int *pCurrent, Err *e) {
  char zSig[33];
  kept_signature(zSig);
  return signature_is(db, zSig, pCurrent, e);
}

int kept_sync(Db *db, Err *e) {
  char zSig[33];
  int same = 0, rc;
  kept_signature(zSig);
  rc = signature_is(db, zSig, &same, e);
  if (rc != FZ_OK || same) return rc;
  rc = db_begin(db, e);
  if (rc != FZ_OK) return rc;
  rc = signature_is(db, zSig, &same, e); /* another may have just built it */
  if (rc == FZ_OK && !same) {
    rc = db_exec_script(db, "DROP TABLE IF EXISTS metric_tally; DROP TABLE IF EXISTS deadline_tally", e);
    if (rc == FZ_OK) rc = rollup_create_table(db, zTallyDdl, e);
    if (rc == FZ_OK) rc = rollup_create_table(db, dtally_ddl, e);
    if (rc == FZ_OK) rc = kept_rebuild(db, NULL, NULL, e);
  }
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
