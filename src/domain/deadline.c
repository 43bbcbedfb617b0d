/* deadline.c — evaluate the deadline rules against the records (see
 * deadline.h). The rule table is data (rulefile.c reads it); this file
 * only counts days with the calendar and judges each deadline's state. */
#include "deadline.h"

#include <string.h>

#include "../base/mem.h"
#include "../store/calfile.h"
#include "deadline_tally.h"

static const char *const azCode[DL_STATE_COUNT] = {
    "not_started", "running", "due_soon", "overdue", "met", "met_late", "too_short"};
static const char *const azLabel[DL_STATE_COUNT] = {
    "未开始", "进行中", "即将到期", "已逾期", "按期完成", "逾期完成", "期限不足"};

const char *deadline_state_label(int state) {
  return state >= 0 && state < DL_STATE_COUNT ? azLabel[state] : "?";
}

const char *deadline_state_code(int state) {
  return state >= 0 && state < DL_STATE_COUNT ? azCode[state] : "?";
}

void deadline_rules_clear(DeadlineRules *p) {
  int i;
  for (i = 0; i < p->nRule; i++) {
    DeadlineRule *r = &p->aRule[i];
    mem_free(r->zId);
    mem_free(r->zRegister);
    mem_free(r->zLabel);
    mem_free(r->zStart);
    mem_free(r->zStop);
    mem_free(r->zWhenField);
    mem_free(r->zWhenValue);
    mem_free(r->zExtend);
    mem_free(r->zSuspendFrom);
    mem_free(r->zSuspendTo);
    mem_free(r->zSource);
  }
  mem_free(p->aRule);
  memset(p, 0, sizeof *p);
}

/* A date field of a record as a Date; 0 when unset. */
static int field_date(const Record *r, const char *zField, Date *pD) {
  const char *z = zField ? reg_text(r, zField) : NULL;
  return z && date_parse(z, 0, pD, NULL) == FZ_OK;
}

/* The due date: n units after start, plus an extension when granted and a
 * pause when the case was suspended. */
static Date due_date(const DeadlineRule *rule, const Record *r, const Calendar *cal,
                     Date start, int *pUncovered) {
  CalResult res;
  Date from, to, out = start;
  int n = rule->n;
  const RegValue *pExt = rule->zExtend ? reg_value(r, rule->zExtend) : NULL;
  memset(&res, 0, sizeof res);
  if (pExt && pExt->i) n += rule->extendN;
  if (field_date(r, rule->zSuspendFrom, &from) && field_date(r, rule->zSuspendTo, &to) &&
      to >= from) {
    start += to - from; /* the paused days do not count */
  }
  switch (rule->unit) {
  /* A count past the calendar's range (2199) leaves the start: the date
   * is then plainly wrong rather than silently plausible. */
  case DU_WORKDAY:
    if (cal_add_workdays(cal, r->zOrg, start, n, &res) == FZ_OK) out = res.date;
    break;
  case DU_DAY:
    if (cal_add_days(cal, r->zOrg, start, n, &res) == FZ_OK) out = res.date;
    break;
  case DU_MONTH: cal_add_months(start, n, &out); break;
  default: cal_add_months(start, 12 * n, &out); break;
  }
  *pUncovered = res.uncovered ? res.uncoveredYear : 0;
  return out;
}

static int judge(const DeadlineRule *rule, Deadline *d, Date today, int nSoon) {
  if (!d->hasStart) return DL_NOT_STARTED;
  if (rule->minimum) {
    if (!d->hasStop) return DL_RUNNING;
    return d->stop < d->due ? DL_TOO_SHORT : DL_MET;
  }
  if (d->hasStop) return d->stop <= d->due ? DL_MET : DL_MET_LATE;
  if (today > d->due) return DL_OVERDUE;
  return d->due - today <= nSoon ? DL_DUE_SOON : DL_RUNNING;
}

typedef struct Walk {
  const DeadlineRules *rules;
  const Calendar *cal;
  Date today;
  int nSoon;
  DeadlineVisit xVisit;
  void *pArg;
} Walk;

/* A rule's "when" condition (field=code) holds for r, or it has none. */
static int rule_applies(const DeadlineRule *rule, const Record *r) {
  const char *z;
  if (!rule->zWhenField) return 1;
  z = reg_text(r, rule->zWhenField);
  return z && strcmp(z, rule->zWhenValue) == 0;
}

int deadline_each(const DeadlineRules *rules, const Calendar *cal, const Record *r,
                  Date today, int nSoon, DeadlineVisit xVisit, void *pArg) {
  int i, rc = FZ_OK;
  for (i = 0; i < rules->nRule && rc == FZ_OK; i++) {
    const DeadlineRule *rule = &rules->aRule[i];
    Deadline d;
    if (strcmp(rule->zRegister, r->pReg->zName) != 0 || !rule_applies(rule, r)) continue;
    memset(&d, 0, sizeof d);
    d.pRule = rule;
    d.pRecord = r;
    d.hasStart = field_date(r, rule->zStart, &d.start);
    d.hasStop = field_date(r, rule->zStop, &d.stop);
    if (d.hasStart) d.due = due_date(rule, r, cal, d.start, &d.uncoveredYear);
    d.state = judge(rule, &d, today, nSoon);
    d.daysLeft = (int)(d.due - today);
    rc = xVisit(&d, pArg);
  }
  return rc;
}

/* Every rule of the walked register, on one record: a register is read
 * once however many rules it has (legal aid has two). */
static int visit_record(const Record *r, void *pArg) {
  Walk *w = pArg;
  return deadline_each(w->rules, w->cal, r, w->today, w->nSoon, w->xVisit, w->pArg);
}

/* Whether a rule before rule i names the same register (walked then). */
static int walked_before(const DeadlineRules *rules, int i) {
  int j;
  for (j = 0; j < i; j++) {
    if (strcmp(rules->aRule[j].zRegister, rules->aRule[i].zRegister) == 0) return 1;
  }
  return 0;
}

uint64_t deadline_rule_fields(const DeadlineRules *rules, const Register *p) {
  uint64_t m = 0;
  int i, j;
  for (i = 0; i < rules->nRule; i++) {
    const DeadlineRule *rule = &rules->aRule[i];
    const char *az[6] = {rule->zStart, rule->zStop, rule->zWhenField, rule->zExtend,
                         rule->zSuspendFrom, rule->zSuspendTo};
    if (strcmp(rule->zRegister, p->zName) != 0) continue;
    for (j = 0; j < 6; j++) {
      int k = az[j] ? reg_field_index(p, az[j]) : -1;
      if (k >= 64) return 0; /* beyond the mask: read everything */
      if (k >= 0) m |= (uint64_t)1 << k;
    }
  }
  return m;
}

int deadline_walk(Db *db, const Actor *a, const DeadlineRules *rules,
                  const Calendar *cal, const char *zOrg, Date today, int nSoon,
                  DeadlineVisit xVisit, void *pArg, Err *e) {
  int i, rc = FZ_OK;
  for (i = 0; i < rules->nRule && rc == FZ_OK; i++) {
    RegQuery q;
    Walk w = {rules, cal, today, nSoon, xVisit, pArg};
    const Register *p = reg_find(rules->aRule[i].zRegister);
    if (walked_before(rules, i)) continue;
    memset(&q, 0, sizeof q);
    q.zOrg = zOrg;
    q.only = p ? deadline_rule_fields(rules, p) : 0;
    rc = reg_list(db, a, p, &q, visit_record, &w, NULL, e);
  }
  return rc;
}

static int load_stored(const char *zName, const char *zText, void *pArg) {
  void **ap = pArg;
  return cal_load((Calendar *)ap[0], zText, zName, (Err *)ap[1]);
}

int deadline_calendar(Db *db, Calendar **pp, Err *e) {
  Calendar *c = cal_new();
  void *ap[2] = {c, e};
  int rc = cal_load(c, calendar_default, "data/calendar/cn.csv", e);
  if (rc == FZ_OK) rc = calfile_each(db, load_stored, ap, e);
  if (rc != FZ_OK) {
    cal_free(c);
    c = NULL;
  }
  *pp = c;
  return rc;
}

int deadline_calendar_import(Db *db, const char *zName, const char *zText,
                             const char *zActor, Err *e) {
  Calendar *c = NULL;
  int rc = deadline_calendar(db, &c, e);
  if (rc == FZ_OK) rc = cal_load(c, zText, zName, e); /* conflicts with what is in force */
  if (rc == FZ_OK) {
    rc = db_begin(db, e);
    if (rc == FZ_OK) rc = calfile_add(db, zName, zText, zActor, e);
    /* due dates move with the calendar: recount the kept outcomes */
    if (rc == FZ_OK) rc = dtally_rebuild(db, NULL, NULL, e);
    rc = rc == FZ_OK ? db_commit(db, e) : (db_rollback(db), rc);
  }
  cal_free(c);
  return rc;
}
