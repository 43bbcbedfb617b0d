/* lifecycle.c — checks, approval snapshots, publication and the diff since
 * approval (see lifecycle.h). */
#include "lifecycle.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/date.h"
#include "../base/mem.h"
#include "../check/check.h"
#include "../domain/org.h"
#include "../store/audit.h"
#include "../store/snapshot.h"
#include "metric.h"
#include "report.h"

/* A total and the parts that must add up to it. */
static const struct {
  const char *zTotal;
  const char *azPart[5];
} aSum[] = {
    {"cleanup.total", {"cleanup.abolished", "cleanup.amended", "cleanup.continued"}},
    {"recon.received",
     {"recon.accepted", "recon.rejected", "recon.referred", "recon.pending"}},
};

/* A part that cannot exceed its whole. */
static const struct {
  const char *zPart, *zWhole;
} aBound[] = {
    {"aid.closed", "aid.accepted"},
    {"culture.townships_covered", "culture.townships"},
    {"culture.villages_covered", "culture.villages"},
    {"litigation.head_appeared", "litigation.heard"},
    {"litigation.heard", "litigation.cases"},
    {"litigation.withdrawn", "litigation.cases"},
    {"media.fzzx.aired", "media.fzzx.recorded"},
    {"media.yysf.aired", "media.yysf.recorded"},
    {"mediation.resolved", "mediation.accepted"},
    {"task.done", "task.total"},
    {"training.covered", "officer.active"},
};

static int value_of(Db *db, const MetricScope *s, const char *zName, int64_t *pV,
                    Err *e) {
  MetricValue v;
  int rc = metric_eval(db, metric_find(zName), s, &v, e);
  *pV = v.v;
  metric_value_clear(&v);
  return rc;
}

static int check_sums(Db *db, const MetricScope *s, int *pnFail, Err *e) {
  size_t i, k;
  int rc = FZ_OK;
  for (i = 0; i < sizeof aSum / sizeof aSum[0] && rc == FZ_OK; i++) {
    int64_t total = 0, sum = 0, v = 0;
    Str parts = STR_INIT;
    rc = value_of(db, s, aSum[i].zTotal, &total, e);
    for (k = 0; k < 5 && aSum[i].azPart[k] && rc == FZ_OK; k++) {
      rc = value_of(db, s, aSum[i].azPart[k], &v, e);
      sum += v;
      str_appendf(&parts, "%s%s=%lld", k ? " + " : "", aSum[i].azPart[k], (long long)v);
    }
    if (rc == FZ_OK && sum != total) {
      (*pnFail)++;
      err_add_item(e, 0, aSum[i].zTotal, NULL, "合计不等于各项之和：%s=%lld，而 %s = %lld",
                   aSum[i].zTotal, (long long)total, str_cstr(&parts), (long long)sum);
    }
    str_free(&parts);
  }
  return rc;
}

static int check_bounds(Db *db, const MetricScope *s, int *pnFail, Err *e) {
  size_t i;
  int rc = FZ_OK;
  for (i = 0; i < sizeof aBound / sizeof aBound[0] && rc == FZ_OK; i++) {
    int64_t part = 0, whole = 0;
    rc = value_of(db, s, aBound[i].zPart, &part, e);
    if (rc == FZ_OK) rc = value_of(db, s, aBound[i].zWhole, &whole, e);
    if (rc == FZ_OK && part > whole) {
      (*pnFail)++;
      err_add_item(e, 0, aBound[i].zPart, NULL, "部分大于整体：%s=%lld，%s=%lld",
                   aBound[i].zPart, (long long)part, aBound[i].zWhole, (long long)whole);
    }
  }
  return rc;
}

/* Each rate and year-on-year figure, recomputed from its own counts. */
static int check_rates(Db *db, const MetricScope *s, int *pnFail, Err *e) {
  int i, rc = FZ_OK;
  for (i = 0; i < metric_count && rc == FZ_OK; i++) {
    const Metric *m = &metric_all[i];
    int64_t num = 0, den = 0;
    MetricValue v;
    if (m->kind != MK_RATE) continue;
    rc = metric_eval(db, m, s, &v, e);
    if (rc == FZ_OK) rc = value_of(db, s, m->zNum, &num, e);
    if (rc == FZ_OK) rc = value_of(db, s, m->zDen, &den, e);
    if (rc == FZ_OK && (v.v != num || v.den != den)) {
      (*pnFail)++;
      err_add_item(e, 0, m->zName, NULL, "比率与其计数不符：%lld/%lld，计数为 %lld/%lld",
                   (long long)v.v, (long long)v.den, (long long)num, (long long)den);
    }
    metric_value_clear(&v);
  }
  return rc;
}

int report_check(Db *db, const char *zOrg, int year, Err *e) {
  MetricScope s;
  int nFail = 0, rc = metric_scope(db, zOrg, year, &s, e);
  if (rc == FZ_OK) rc = check_sums(db, &s, &nFail, e);
  if (rc == FZ_OK) rc = check_bounds(db, &s, &nFail, e);
  if (rc == FZ_OK) rc = check_rates(db, &s, &nFail, e);
  if (rc == FZ_OK && nFail) {
    rc = err_set(e, FZ_INVALID, "%s %d 年度报告有 %d 项一致性检查未通过", zOrg, year, nFail);
  }
  return rc;
}

/* Every metric's value as JSON: what the snapshot freezes. */
static int figures_json(Db *db, const MetricScope *s, char **pz, Err *e) {
  json_t *o = json_object();
  int i, rc = FZ_OK;
  for (i = 0; i < metric_count && rc == FZ_OK; i++) {
    MetricValue v;
    Str t = STR_INIT;
    rc = metric_eval(db, &metric_all[i], s, &v, e);
    if (rc == FZ_OK) rc = metric_format(&v, NULL, &t, e);
    if (rc == FZ_OK) {
      json_object_set_new(o, metric_all[i].zName,
                          json_pack("{s:s, s:I, s:I, s:I}", "text", str_cstr(&t), "value",
                                    (json_int_t)v.v, "den", (json_int_t)v.den, "records",
                                    (json_int_t)v.nRecords));
    }
    str_free(&t);
    metric_value_clear(&v);
  }
  if (rc == FZ_OK) {
    char *z = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    *pz = mem_strdup(z);
    free(z);
  }
  json_decref(o);
  return rc;
}

/* The year's report record of the subtree. */
static int keep_first(const Record *r, void *pArg) {
  Record *pOut = pArg;
  if (!pOut->pReg) reg_record_copy(pOut, r);
  return FZ_OK;
}

static int find_report(Db *db, const Actor *a, const char *zOrg, int year,
                       Record *r, Err *e) {
  RegQuery q;
  char zYear[8];
  int rc;
  memset(r, 0, sizeof *r);
  memset(&q, 0, sizeof q);
  snprintf(zYear, sizeof zYear, "%d", year);
  q.zOrg = zOrg;
  q.nFilter = 1;
  q.azFilterField[0] = "year";
  q.azFilterValue[0] = zYear;
  q.zSort = "org";
  q.limit = 1;
  rc = reg_list(db, a, reg_find("report"), &q, keep_first, r, NULL, e);
  if (rc == FZ_OK && !r->pReg) {
    rc = err_set(e, FZ_NOTFOUND, "%s 没有 %d 年度报告记录；请先新增年度报告（fazhi add report …）",
                 zOrg, year);
  }
  return rc;
}

/* Set the report record's status and its date field, audited. */
static int set_status(Db *db, const Actor *a, const Record *pRep, const char *zStatus,
                      const char *zDateField, Err *e) {
  Record r;
  Str today = STR_INIT;
  int rc;
  reg_record_init(&r, pRep->pReg);
  r.id = pRep->id;
  date_format_iso(&today, date_today());
  rc = reg_set(&r, "status", zStatus, e);
  if (rc == FZ_OK) rc = reg_set(&r, zDateField, str_cstr(&today), e);
  if (rc == FZ_OK) rc = reg_update(db, a, &r, e);
  reg_record_clear(&r);
  str_free(&today);
  return rc;
}

static int freeze(Db *db, const Actor *a, const MetricScope *s, const char *zOverride,
                  Err *e) {
  Snapshot snap;
  AuditEntry ae;
  char zNow[CLOCK_ISO_LEN], *zFig = NULL;
  int rc = figures_json(db, s, &zFig, e);
  memset(&snap, 0, sizeof snap);
  snap.zOrg = (char *)s->zOrg;
  snap.year = s->year;
  snap.zApprovedAt = (char *)clock_now_iso(zNow, sizeof zNow);
  snap.zApprovedBy = (char *)a->zName;
  snap.zOverride = (char *)zOverride;
  snap.zFigures = zFig;
  if (rc == FZ_OK) rc = snapshot_audit_head(db, &snap.auditHead, e);
  if (rc == FZ_OK) rc = snapshot_insert(db, &snap, e);
  memset(&ae, 0, sizeof ae);
  ae.zActor = a->zName;
  ae.zRegister = "report_snapshot";
  ae.recordId = snap.id;
  ae.zAction = "approve";
  ae.zAfter = zFig;
  ae.zReason = zOverride;
  if (rc == FZ_OK) rc = audit_append(db, &ae, NULL, e);
  mem_free(zFig);
  return rc;
}

/* The last gate: the report's text as it will be written, checked by
 * `fazhi check` (src/check) like anyone's report — an arithmetic slip a
 * template or a narrative field brings in is caught before approval. Each
 * failing relation is an item of e; rc becomes FZ_INVALID when any fails. */
static int check_report_text(Db *db, const Actor *a, const char *zOrg, int year, int rc,
                             Err *e) {
  ReportOptions o;
  CheckReport r;
  Doc d;
  Str text = STR_INIT;
  int i, rcText;
  memset(&o, 0, sizeof o);
  memset(&r, 0, sizeof r);
  o.zOrg = zOrg;
  o.year = year;
  o.format = REPORT_MD;
  doc_init(&d);
  rcText = report_build(db, a, &o, &d, e);
  for (i = 0; rcText == FZ_OK && i < d.nBlock; i++) {
    doc_block_text(&d.aBlock[i], &text);
    str_putc(&text, '\n');
  }
  if (rcText == FZ_OK) rcText = check_run(str_cstr(&text), text.n, NULL, 0, &r, e);
  for (i = 0; rcText == FZ_OK && i < r.nRel; i++) {
    if (r.aRel[i].verdict != CHECK_FAILS) continue;
    err_add_item(e, 0, "报告正文", r.aRel[i].zQuote, "%s不成立：%s（%s）",
                 check_kind_label(r.aRel[i].kind), r.aRel[i].zReason, r.aRel[i].zCalc);
  }
  if (rcText == FZ_OK && r.anVerdict[CHECK_FAILS] > 0) {
    rcText = err_set(e, FZ_INVALID, "%s %d 年度报告正文有 %d 处数字关系不成立（fazhi check）",
                     zOrg, year, r.anVerdict[CHECK_FAILS]);
  }
  check_report_clear(&r);
  doc_clear(&d);
  str_free(&text);
  return rcText == FZ_OK ? rc : rcText;
}

int report_approve(Db *db, const Actor *a, const char *zOrg, int year,
                   const char *zOverride, Err *e) {
  MetricScope s;
  Record rep;
  Err eCheck = ERR_INIT;
  int rc = metric_scope(db, zOrg, year, &s, e);
  if (rc == FZ_OK) rc = find_report(db, a, zOrg, year, &rep, e);
  if (rc != FZ_OK) return rc;
  rc = report_check(db, zOrg, year, &eCheck);
  if (rc == FZ_OK || rc == FZ_INVALID) rc = check_report_text(db, a, zOrg, year, rc, &eCheck);
  if (rc == FZ_INVALID && !(zOverride && zOverride[0])) {
    err_take_items(e, &eCheck);
    err_set(e, FZ_INVALID, "%s；修正数据后再审定，或用 --override 说明理由", err_msg(&eCheck));
  } else if (rc == FZ_INVALID || rc == FZ_OK) {
    rc = db_begin(db, e);
    if (rc == FZ_OK) rc = freeze(db, a, &s, eCheck.rc == FZ_OK ? NULL : zOverride, e);
    if (rc == FZ_OK) rc = set_status(db, a, &rep, "approved", "approved", e);
    if (rc == FZ_OK) rc = db_commit(db, e);
    else db_rollback(db);
  } else {
    err_move(e, &eCheck);
  }
  err_clear(&eCheck);
  reg_record_clear(&rep);
  return rc;
}

int report_publish(Db *db, const Actor *a, const char *zOrg, int year, Err *e) {
  Record rep;
  int rc = find_report(db, a, zOrg, year, &rep, e);
  if (rc != FZ_OK) return rc;
  if (!reg_text(&rep, "status") || strcmp(reg_text(&rep, "status"), "approved") != 0) {
    rc = err_set(e, FZ_CONFLICT, "报告尚未审定（当前状态：%s），不能公开", reg_enum_label(&rep, "status"));
  } else {
    rc = set_status(db, a, &rep, "published", "published", e);
  }
  reg_record_clear(&rep);
  return rc;
}

/* ---- What changed since approval ---- */

typedef struct Changes {
  const MetricScope *s;
  Str *out;
  int n;
} Changes;

/* An audit row of the register counts when the record it wrote belongs
 * to the subtree (as it was, or as it is now). */
static int note_change(const AuditRow *r, void *pArg) {
  Changes *c = pArg;
  const char *azJson[2] = {r->zAfter, r->zBefore};
  int i, inScope = 0;
  for (i = 0; i < 2 && !inScope; i++) {
    json_t *o = azJson[i] ? json_loads(azJson[i], 0, NULL) : NULL;
    const char *zOrg = o ? json_string_value(json_object_get(o, "org")) : NULL;
    inScope = zOrg && strcmp(zOrg, c->s->zLo) >= 0 && strcmp(zOrg, c->s->zHi) < 0;
    json_decref(o);
  }
  if (inScope) {
    const Register *p = reg_find(r->zRegister);
    str_appendf(c->out, "    %s第 %lld 号记录：%s，%s %s\n", p ? p->zLabel : r->zRegister,
                (long long)r->recordId, r->zAction, r->zActor, r->zAt);
    c->n++;
  }
  return FZ_OK;
}

int report_diff(Db *db, const char *zOrg, int year, Str *out, int *pnChanged, Err *e) {
  Snapshot snap;
  MetricScope s;
  json_t *old = NULL;
  int i, rc = metric_scope(db, zOrg, year, &s, e);
  *pnChanged = 0;
  if (rc == FZ_OK) rc = snapshot_latest(db, zOrg, year, &snap, e);
  if (rc != FZ_OK) return rc;
  old = json_loads(snap.zFigures, 0, NULL);
  str_appendf(out, "与 %s 由 %s 审定的快照相比：\n", snap.zApprovedAt, snap.zApprovedBy);
  for (i = 0; i < metric_count && rc == FZ_OK; i++) {
    const Metric *m = &metric_all[i];
    const char *zOld = json_string_value(json_object_get(json_object_get(old, m->zName), "text"));
    MetricValue v;
    Str now = STR_INIT;
    rc = metric_eval(db, m, &s, &v, e);
    if (rc == FZ_OK) rc = metric_format(&v, NULL, &now, e);
    if (rc == FZ_OK && (!zOld || strcmp(zOld, str_cstr(&now)) != 0)) {
      Changes c = {&s, out, 0};
      (*pnChanged)++;
      str_appendf(out, "  %s（%s）：%s → %s\n", m->zLabel, m->zName, zOld ? zOld : "（无）",
                  str_cstr(&now));
      if (m->zRegister) rc = audit_since(db, m->zRegister, snap.auditHead, note_change, &c, e);
      if (rc == FZ_OK && m->zRegister && c.n == 0) {
        str_puts(out, "    （无记录变动：口径或组织机构有变化）\n");
      }
    }
    str_free(&now);
    metric_value_clear(&v);
  }
  if (rc == FZ_OK && *pnChanged == 0) str_puts(out, "  所有数字均未变化。\n");
  json_decref(old);
  snapshot_clear(&snap);
  return rc;
}
