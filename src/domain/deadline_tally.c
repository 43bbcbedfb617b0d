/* deadline_tally.c — the kept deadline outcomes of deadline_tally.h. A
 * record's deadlines are judged by deadline_each and counted in a
 * CountMap keyed (org, due key): the due key is the due date's year for a
 * stopped clock (met or late: fixed for good) and the whole due date for a
 * running one (overdue once the day asked is past it). Each key holds three
 * counters per rule: met, late, open. */
#include "deadline_tally.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/countmap.h"
#include "../base/mem.h"
#include "deadline.h"
#include "rollup.h"
#include "rulefile.h"

enum { T_MET, T_LATE, T_OPEN, T_COUNT };

const char dtally_ddl[] =
    "CREATE TABLE deadline_tally(\n"
    "  org @KEY@ NOT NULL,     -- the record's own org, or a rolled-up key\n"
    "  rule TEXT NOT NULL,     -- a rule id of data/rules/deadlines.csv\n"
    "  year INTEGER NOT NULL,  -- of the due date\n"
    "  due TEXT NOT NULL,      -- '' when the clock stopped; else the due date\n"
    "  n_met BIGINT NOT NULL,  -- stopped by the due date\n"
    "  n_late BIGINT NOT NULL, -- stopped after it\n"
    "  n_open BIGINT NOT NULL, -- still running\n"
    "  PRIMARY KEY(org, rule, year, due))";

struct DtallyCounter {
  const DeadlineRules *rules;
  Calendar *cal;
  CountMap m;
};

static int has_rules(const DeadlineRules *rules, const char *zTable) {
  int i;
  for (i = 0; i < rules->nRule; i++) {
    if (strcmp(rules->aRule[i].zRegister, zTable) == 0) return 1;
  }
  return 0;
}

static int counter_new(Db *db, DtallyCounter **pp, Err *e) {
  DtallyCounter *c = mem_zalloc(sizeof *c);
  int rc = deadline_calendar(db, &c->cal, e);
  c->rules = rulefile_builtin();
  countmap_init(&c->m, T_COUNT * c->rules->nRule);
  if (rc != FZ_OK) {
    dtally_counter_free(c);
    c = NULL;
  }
  *pp = c;
  return rc;
}

void dtally_counter_free(DtallyCounter *c) {
  if (!c) return;
  cal_free(c->cal);
  countmap_free(&c->m);
  mem_free(c);
}

int dtally_counter_open(Db *db, const Register *p, DtallyCounter **pp, Err *e) {
  *pp = NULL;
  return has_rules(rulefile_builtin(), p->zName) ? counter_new(db, pp, e) : FZ_OK;
}

/* One deadline into its key; "not before" rules and unstarted clocks are
 * no figure of the report's. */
static int count_one(const Deadline *d, void *pArg) {
  DtallyCounter *c = pArg;
  char zKey[16];
  CountRow *row;
  int iRule = (int)(d->pRule - c->rules->aRule), y, m, dd;
  if (!d->hasStart || d->pRule->minimum) return FZ_OK;
  date_to_ymd(d->due, &y, &m, &dd);
  if (d->hasStop) snprintf(zKey, sizeof zKey, "%04d", y);
  else snprintf(zKey, sizeof zKey, "%04d-%02d-%02d", y, m, dd);
  row = countmap_get(&c->m, d->pRecord->zOrg, zKey);
  row->aN[T_COUNT * iRule + (!d->hasStop ? T_OPEN : d->stop <= d->due ? T_MET : T_LATE)]++;
  return FZ_OK;
}

int dtally_counter_add(DtallyCounter *c, const Record *r, Err *e) {
  (void)e;
  if (r->voided) return FZ_OK;
  return deadline_each(c->rules, c->cal, r, 0, 0, count_one, c);
}

#define UPSERT                                                                            \
  "INSERT INTO deadline_tally(org, rule, year, due, n_met, n_late, n_open)"               \
  " VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(org, rule, year, due) DO UPDATE SET"           \
  " n_met = deadline_tally.n_met + excluded.n_met,"                                      \
  " n_late = deadline_tally.n_late + excluded.n_late,"                                   \
  " n_open = deadline_tally.n_open + excluded.n_open"

/* Add the counts, times sign, to the table: one upsert per (key, rule);
 * with fold, to the rolled-up rows as well (a rebuild recomputes those). */
static int counter_store(Db *db, DtallyCounter *c, int sign, int fold, Err *e) {
  Stmt *up = NULL;
  int i, k, rc = c->m.n ? db_prepare(db, &up, UPSERT, e) : FZ_OK;
  if (fold) rollup_fold(&c->m);
  for (i = 0; rc == FZ_OK && i < c->m.n; i++) {
    const CountRow *row = c->m.a[i];
    for (k = 0; rc == FZ_OK && k < c->rules->nRule; k++) {
      const int64_t *a = &row->aN[T_COUNT * k];
      if (!a[T_MET] && !a[T_LATE] && !a[T_OPEN]) continue;
      db_reset(up);
      db_bind_text(up, 1, row->zA);
      db_bind_text(up, 2, c->rules->aRule[k].zId);
      db_bind_int64(up, 3, strtol(row->zB, NULL, 10));
      db_bind_text(up, 4, strlen(row->zB) > 4 ? row->zB : "");
      db_bind_int64(up, 5, sign * a[T_MET]);
      db_bind_int64(up, 6, sign * a[T_LATE]);
      db_bind_int64(up, 7, sign * a[T_OPEN]);
      rc = db_step(up, e);
      rc = rc == DB_DONE ? FZ_OK : rc;
    }
  }
  db_finalize(up);
  return rc;
}

int dtally_counter_store(Db *db, DtallyCounter *c, Err *e) {
  return counter_store(db, c, +1, 1, e);
}

static int count_record(const Record *r, void *pArg) {
  return dtally_counter_add(pArg, r, NULL);
}

/* Count the live records of every register with rules that q selects. */
static int count_records(Db *db, const RegQuery *q0, const char *zOnly, DtallyCounter *c,
                         Err *e) {
  static const Actor system = {"system", NULL, 0};
  int i, rc = FZ_OK;
  for (i = 0; i < reg_count && rc == FZ_OK; i++) {
    const Register *p = reg_all[i];
    RegQuery q = *q0;
    if ((zOnly && strcmp(p->zName, zOnly) != 0) || !has_rules(c->rules, p->zName)) continue;
    q.only = deadline_rule_fields(c->rules, p);
    rc = reg_list(db, &system, p, &q, count_record, c, NULL, e);
  }
  return rc;
}

int dtally_apply(Db *db, const char *zTable, int64_t lo, int64_t hi, int sign, Err *e) {
  DtallyCounter *c = NULL;
  RegQuery q;
  int rc;
  if (lo > hi || !has_rules(rulefile_builtin(), zTable)) return FZ_OK;
  memset(&q, 0, sizeof q);
  q.idLo = lo;
  q.idHi = hi;
  rc = counter_new(db, &c, e);
  if (rc == FZ_OK) rc = count_records(db, &q, zTable, c, e);
  if (rc == FZ_OK) rc = counter_store(db, c, sign, 1, e);
  dtally_counter_free(c);
  return rc;
}

/* A recount of [zLo, zHi) (NULL: every org) into *pp. */
static int recount(Db *db, const char *zLo, const char *zHi, DtallyCounter **pp, Err *e) {
  RegQuery q;
  int rc = counter_new(db, pp, e);
  memset(&q, 0, sizeof q);
  q.zOrgLo = zLo;
  q.zOrgHi = zHi;
  if (rc == FZ_OK) rc = count_records(db, &q, NULL, *pp, e);
  return rc;
}

int dtally_rebuild(Db *db, const char *zLo, const char *zHi, Err *e) {
  DtallyCounter *c = NULL;
  int rc = zLo ? db_exec(db, e, "DELETE FROM deadline_tally WHERE org >= ? AND org < ?", "tt",
                         zLo, zHi)
               : db_exec(db, e, "DELETE FROM deadline_tally", "");
  if (rc == FZ_OK) rc = recount(db, zLo, zHi, &c, e);
  if (rc == FZ_OK) rc = counter_store(db, c, +1, 0, e);
  if (rc == FZ_OK) rc = rollup_refresh(db, "deadline_tally", "rule, year, due", "n_met, n_late, n_open", e);
  dtally_counter_free(c);
  return rc;
}

int dtally_read(Db *db, const char *zLo, const char *zHi, int year, const char *zAsOf,
                const char *const *azPrefix, int nPrefix, int64_t *aDue, int64_t *aMet,
                int64_t *aOverdue, Err *e) {
  Stmt *st = NULL;
  char zKey[ROLLUP_KEY_MAX];
  int up = rollup_key_of_range(zLo, zHi, zKey);
  Str sql = STR_INIT;
  int i, rc;
  str_appendf(&sql,
              "SELECT rule, sum(CASE WHEN year = ?3 THEN n_met ELSE 0 END),"
              " sum(CASE WHEN year = ?3 THEN n_met + n_late ELSE 0 END)"
              " + sum(CASE WHEN year = ?3 AND due <> '' AND due < ?4 THEN n_open ELSE 0 END),"
              " sum(CASE WHEN due <> '' AND due < ?4 THEN n_open ELSE 0 END)"
              " FROM deadline_tally WHERE %s GROUP BY rule",
              up ? "org = ?1" : "org >= ?1 AND org < ?2");
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  str_free(&sql);
  for (i = 0; i < nPrefix; i++) aDue[i] = aMet[i] = aOverdue[i] = 0;
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, up ? zKey : zLo);
  db_bind_text(st, 2, zHi);
  db_bind_int64(st, 3, year);
  db_bind_text(st, 4, zAsOf);
  while ((rc = db_step(st, e)) == DB_ROW) {
    const char *zRule = db_column_text(st, 0);
    for (i = 0; i < nPrefix; i++) {
      if (strncmp(zRule, azPrefix[i], strlen(azPrefix[i])) != 0) continue;
      aMet[i] += db_column_int64(st, 1);
      aDue[i] += db_column_int64(st, 2);
      aOverdue[i] += db_column_int64(st, 3);
    }
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

/* The table as counted: into the recount's shape, so the two compare. */
static int load_table(Db *db, DtallyCounter *c, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st,
                      "SELECT org, rule, year, due, n_met, n_late, n_open FROM deadline_tally"
                      " WHERE n_met <> 0 OR n_late <> 0 OR n_open <> 0",
                      e);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) {
    const char *zRule = db_column_text(st, 1), *zDue = db_column_text(st, 3);
    char zYear[16];
    CountRow *row;
    int k;
    for (k = 0; k < c->rules->nRule && strcmp(c->rules->aRule[k].zId, zRule) != 0; k++) {
    }
    snprintf(zYear, sizeof zYear, "%lld", (long long)db_column_int64(st, 2));
    row = countmap_get(&c->m, db_column_text(st, 0), zDue[0] ? zDue : zYear);
    if (k == c->rules->nRule) { /* a rule no longer in the table: always wrong */
      row->aN[0] = INT64_MIN;
    } else {
      row->aN[T_COUNT * k + T_MET] += db_column_int64(st, 4);
      row->aN[T_COUNT * k + T_LATE] += db_column_int64(st, 5);
      row->aN[T_COUNT * k + T_OPEN] += db_column_int64(st, 6);
    }
    rc = FZ_OK;
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

/* Keys of a whose counters differ from b's (absent: all zero); with
 * onlyMissing, only the keys b lacks (the others were compared already). */
static void compare(const CountMap *a, const CountMap *b, int onlyMissing, int64_t *pnBad,
                    Str *pReport) {
  int i, k;
  for (i = 0; i < a->n; i++) {
    const CountRow *x = a->a[i], *y = countmap_find(b, x->zA, x->zB);
    int same = 1;
    if (onlyMissing && y) continue;
    for (k = 0; k < a->nCounter; k++) same &= x->aN[k] == (y ? y->aN[k] : 0);
    if (same) continue;
    if (*pnBad < 5) str_appendf(pReport, "%s期限 %s %s", pReport->n ? "；" : "", x->zA, x->zB);
    (*pnBad)++;
  }
}

int dtally_verify(Db *db, int64_t *pnBad, Str *pReport, Err *e) {
  DtallyCounter *fresh = NULL, *kept = NULL;
  int rc = recount(db, NULL, NULL, &fresh, e);
  if (rc == FZ_OK) rc = counter_new(db, &kept, e);
  if (rc == FZ_OK) rc = load_table(db, kept, e);
  if (rc == FZ_OK) {
    rollup_fold(&fresh->m);
    compare(&kept->m, &fresh->m, 0, pnBad, pReport);
    compare(&fresh->m, &kept->m, 1, pnBad, pReport);
  }
  dtally_counter_free(fresh);
  dtally_counter_free(kept);
  return rc;
}
