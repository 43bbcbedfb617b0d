/* metric.c — the metric catalog (see metric.h): one static table, sorted by
 * name, and one evaluator. Every SQL aggregate is parameterised the same
 * way (?1 ?2 the org subtree's code range, ?3 ?4 the year's first and last
 * day, ?5 the as-of day for "overdue"), so a county, a prefecture and the
 * country are one code path. */
#include "metric.h"

#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "../base/mem.h"
#include "../base/money.h"
#include "../domain/deadline.h"
#include "../domain/deadline_tally.h"
#include "../domain/kept.h"
#include "../domain/org.h"
#include "../domain/rulefile.h"

/* A live record of the subtree whose defining date falls in the year. */
#define LIVE "voided = 0 AND org >= ?1 AND org < ?2"
#define IN_YEAR(d) LIVE " AND " d " BETWEEN ?3 AND ?4"
#define COUNT_IN(t, d, extra) \
  "SELECT count(*), count(*) FROM " t " WHERE " IN_YEAR(d) extra

/* Items of cleanup campaigns completed in the year. */
#define CLEANUP(extra)                                                        \
  "SELECT count(*), count(*) FROM cleanup_item i JOIN cleanup_campaign c"   \
  " ON c.id = i.campaign WHERE i.voided = 0 AND c.voided = 0"               \
  " AND c.org >= ?1 AND c.org < ?2 AND c.completed BETWEEN ?3 AND ?4" extra

/* Org units of a kind in the subtree, optionally with a culture site built
 * by the year's end. */
#define UNITS(kind) \
  "SELECT count(*), count(*) FROM org_unit u WHERE u.kind = '" kind "'" \
  " AND u.code >= ?1 AND u.code < ?2"
#define HAS_SITE(col)                                                       \
  " AND EXISTS (SELECT 1 FROM culture_site c WHERE c.voided = 0"            \
  " AND c.org = " col " AND (c.built IS NULL OR c.built <= ?4))"

#define C(name, label, unit, reg, sql, def) \
  {name, label, unit, MK_COUNT, reg, sql, NULL, NULL, def}
/* A kept figure (domain/kept.c declares what it counts): read from the
 * summary rows kept with every write. */
#define K(name, label, unit, reg, def) {name, label, unit, MK_COUNT, reg, NULL, NULL, NULL, def}
#define RATE(name, label, num, den, def) \
  {name, label, "%", MK_RATE, NULL, NULL, num, den, def}

const Metric metric_all[] = {
    K("aid.accepted", "受理法律援助案件", "件", "aid_case",
      "当年受理的法律援助案件数"),
    K("aid.closed", "法律援助已结案", "件", "aid_case",
      "当年受理、且在年内结案的法律援助案件数"),
    K("aid.consultations", "接待法律咨询", "人次", "consultation",
      "当年法律咨询登记的人次之和"),
    K("aid.documents", "代写法律文书", "件", "aid_document",
      "当年代写法律文书登记的件数之和"),
    {"aid.recovered", "挽回经济损失", "元", MK_MONEY, "aid_case", NULL, NULL, NULL,
     "当年受理的法律援助案件挽回经济损失之和"},
    C("cleanup.abolished", "废止、失效的规范性文件", "件", "cleanup_item",
      CLEANUP(" AND i.outcome IN ('abolish', 'expire')"),
      "当年完成的清理中结果为废止或失效的文件数"),
    C("cleanup.amended", "予以修改的规范性文件", "件", "cleanup_item",
      CLEANUP(" AND i.outcome = 'amend'"), "当年完成的清理中结果为予以修改的文件数"),
    C("cleanup.continued", "继续有效的规范性文件", "件", "cleanup_item",
      CLEANUP(" AND i.outcome = 'continue'"), "当年完成的清理中结果为继续有效的文件数"),
    C("cleanup.total", "清理的规范性文件", "件", "cleanup_item", CLEANUP(""),
      "当年完成的清理所涉规范性文件总数"),
    RATE("culture.township_rate", "乡镇法治文化阵地覆盖率",
         "culture.townships_covered", "culture.townships",
         "有法治文化阵地的乡镇 / 乡镇总数"),
    C("culture.townships", "乡镇", "个", NULL, UNITS("township"), "辖区内乡镇总数"),
    C("culture.townships_covered", "有法治文化阵地的乡镇", "个", "culture_site",
      UNITS("township") HAS_SITE("u.code"), "年底前建成乡镇级法治文化阵地的乡镇数"),
    {"culture.village_gaps", "村级阵地未全覆盖的乡镇", "", MK_LIST, "culture_site",
     /* from the villages without a site up: a country has 40,000 townships */
     "SELECT u.name FROM org_unit u WHERE u.kind = 'township'"
     " AND u.code >= ?1 AND u.code < ?2 AND u.code IN (SELECT v.parent FROM org_unit v"
     " WHERE v.kind = 'village' AND v.code >= ?1 AND v.code < ?2"
     " AND NOT EXISTS (SELECT 1 FROM culture_site c WHERE c.voided = 0"
     " AND c.org = v.code AND (c.built IS NULL OR c.built <= ?4)))"
     " ORDER BY u.code",
     NULL, NULL, "尚有村（社区）没有法治文化阵地的乡镇"},
    RATE("culture.village_rate", "村级法治文化阵地覆盖率", "culture.villages_covered",
         "culture.villages", "有法治文化阵地的村（社区） / 村（社区）总数"),
    C("culture.villages", "村（社区）", "个", NULL, UNITS("village"),
      "辖区内村（社区）总数"),
    C("culture.villages_covered", "有法治文化阵地的村（社区）", "个", "culture_site",
      UNITS("village") HAS_SITE("u.code"), "年底前建成法治文化阵地的村（社区）数"),
    {"deadline.ontime_rate", "法定期限按期完成率", "%", MK_DL_RATE, NULL, NULL, "", NULL,
     "当年到期的法定期限中按期完成的比例（按期限规则表和节假日安排计算）"},
    {"deadline.overdue", "逾期未完成的法定期限", "项", MK_DL_OVERDUE, NULL, NULL, "", NULL,
     "截至年底（或今天）已过期限仍未完成的事项数"},
    K("enf_event.observation.units", "参加观摩会的执法单位", "家", "enf_event",
      "当年执法规范化观摩会的参加单位数之和"),
    K("exam.participants", "参加执法资格考试", "人", "exam",
      "当年执法资格考试的参考人数"),
    K("literate.classes", "法律明白人培训班", "期", "literate_class",
      "当年举办的法律明白人培训班期数"),
    K("literate.trained", "培养法律明白人", "名", "literate_class",
      "当年培训班培养人数之和"),
    K("litigation.cases", "行政应诉案件", "件", "litigation",
      "当年立案的行政应诉案件数"),
    K("litigation.head_appeared", "负责人出庭应诉", "件", "litigation",
      "当年立案且开庭、行政机关负责人出庭的案件数"),
    RATE("litigation.head_rate", "行政机关负责人出庭应诉率", "litigation.head_appeared",
         "litigation.heard", "负责人出庭的案件 / 开庭审理的案件"),
    K("litigation.heard", "开庭审理的应诉案件", "件", "litigation",
      "当年立案且开庭审理的案件数"),
    K("litigation.withdrawn", "撤诉的应诉案件", "件", "litigation",
      "当年立案、以撤诉结案的案件数"),
    {"litigation.withdrawn.all", "应诉案件均已撤诉", "", MK_ALL, "litigation",
     "SELECT count(*), coalesce(sum(CASE WHEN outcome = 'withdrawn' THEN 0"
     " ELSE 1 END), 0) FROM litigation WHERE " IN_YEAR("filed"),
     NULL, NULL, "当年立案的应诉案件全部以撤诉结案"},
    K("media.fzzx.aired", "《法治在线10分钟》播出", "期", "media_episode",
      "当年录制且年底前已播出的期数"),
    K("media.fzzx.recorded", "《法治在线10分钟》录制", "期", "media_episode",
      "当年录制的期数"),
    K("media.yysf.aired", "《谚语说法》播出", "期", "media_episode",
      "当年录制且年底前已播出的期数"),
    K("media.yysf.recorded", "《谚语说法》录制", "期", "media_episode",
      "当年录制的期数"),
    K("media.yysf.views", "《谚语说法》总播放量", "次", "media_episode",
      "当年录制的各期播放量之和"),
    K("mediation.accepted", "受理矛盾纠纷", "起", "dispute",
      "当年受理的矛盾纠纷数"),
    RATE("mediation.rate", "矛盾纠纷化解率", "mediation.resolved",
         "mediation.accepted", "调解成功的纠纷 / 当年受理的纠纷"),
    K("mediation.resolved", "调处成功的矛盾纠纷", "起", "dispute",
      "当年受理且调解成功的纠纷数"),
    K("normdoc.reviewed.general", "审核一般性文件", "件", "normdoc_review",
      "当年完成合法性审核的一般性文件数"),
    K("normdoc.reviewed.normative", "审核行政规范性文件", "件", "normdoc_review",
      "当年完成合法性审核的行政规范性文件数"),
    C("officer.active", "在岗行政执法人员", "人", "officer",
      "SELECT count(*), count(*) FROM officer WHERE " LIVE " AND status = 'active'",
      "状态为在岗的行政执法人员数"),
    K("publicity.activities", "普法宣传活动", "次", "activity",
      "当年开展的普法宣传活动次数"),
    K("publicity.audience", "普法覆盖群众", "人次", "activity",
      "当年普法活动覆盖人次之和"),
    K("recon.accepted", "受理行政复议案件", "件", "reconsideration",
      "当年收到、决定受理的行政复议申请数"),
    {"recon.accepted.yoy", "受理行政复议案件同比", "%", MK_YOY, "reconsideration",
     NULL, "recon.accepted", NULL, "（本年受理数 − 上年受理数）/ 上年受理数"},
    {"recon.all_closed", "行政复议均已办结", "", MK_ALL, "reconsideration",
     "SELECT count(*), coalesce(sum(CASE WHEN closed IS NULL OR closed > ?4"
     " THEN 1 ELSE 0 END), 0) FROM reconsideration WHERE " IN_YEAR("received"),
     NULL, NULL, "当年收到的行政复议申请在年底前全部办结"},
    {"recon.ontime_rate", "行政复议按期办结率", "%", MK_DL_RATE, "reconsideration", NULL,
     "recon.", NULL, "当年到期的复议受理审查和决定期限中按期完成的比例"},
    {"recon.overdue", "逾期的行政复议事项", "项", MK_DL_OVERDUE, "reconsideration", NULL,
     "recon.", NULL, "截至年底（或今天）已过期限仍未完成的复议受理审查和决定"},
    K("recon.pending", "待补正的行政复议申请", "件", "reconsideration",
      "当年收到、尚待补正的申请数"),
    K("recon.received", "收到行政复议申请", "件", "reconsideration",
      "当年收到的行政复议申请数"),
    K("recon.referred", "告知或转送的行政复议申请", "件", "reconsideration",
      "当年收到、告知或转送的申请数"),
    K("recon.rejected", "不予受理的行政复议申请", "件", "reconsideration",
      "当年收到、决定不予受理的申请数"),
    K("screening.times", "矛盾纠纷排查", "次", "screening",
      "当年排查登记的排查次数之和"),
    RATE("task.completion_rate", "工作任务完成率", "task.done", "task.total",
         "已完成的任务 / 当年到期的任务"),
    K("task.done", "已完成的工作任务", "项", "task",
      "当年到期且已完成的任务数"),
    C("task.overdue", "逾期未完成的工作任务", "项", "task",
      COUNT_IN("task", "due", " AND status <> 'done' AND due < ?5"),
      "截至统计日已过完成时限仍未完成的任务数"),
    K("task.total", "工作任务", "项", "task",
      "当年到期的台账任务数"),
    RATE("training.coverage", "执法人员培训覆盖率", "training.covered",
         "officer.active", "当年参加培训的在岗执法人员 / 在岗执法人员"),
    C("training.covered", "参加培训的在岗执法人员", "人", "officer",
      "SELECT count(*), count(*) FROM officer o WHERE o.voided = 0"
      " AND o.org >= ?1 AND o.org < ?2 AND o.status = 'active' AND EXISTS"
      " (SELECT 1 FROM training_attendance a JOIN training t ON t.id = a.training"
      " WHERE a.officer = o.id AND a.voided = 0 AND t.voided = 0"
      " AND t.date BETWEEN ?3 AND ?4)",
      "当年至少参加一次培训的在岗执法人员数"),
};

const int metric_count = (int)(sizeof metric_all / sizeof metric_all[0]);

const Metric *metric_find(const char *zName) {
  int lo = 0, hi = metric_count - 1;
  while (lo <= hi) { /* the table is sorted: a test checks it */
    int mid = (lo + hi) / 2, c = strcmp(zName, metric_all[mid].zName);
    if (c == 0) return &metric_all[mid];
    if (c < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return NULL;
}

int metric_scope(Db *db, const char *zOrg, int year, MetricScope *s, Err *e) {
  OrgUnit u;
  int rc;
  memset(s, 0, sizeof *s);
  if (year < 2000 || year > 2100) {
    return err_set(e, FZ_INVALID, "年度 %d 不在 2000 至 2100 之间", year);
  }
  rc = org_get(db, zOrg, &u, e);
  if (rc != FZ_OK) return rc;
  org_unit_clear(&u);
  rc = org_subtree_range(zOrg, s->zLo, s->zHi, e);
  snprintf(s->zOrg, sizeof s->zOrg, "%s", zOrg);
  snprintf(s->zFrom, sizeof s->zFrom, "%04d-01-01", year);
  snprintf(s->zTo, sizeof s->zTo, "%04d-12-31", year);
  s->year = year;
  return rc;
}

/* "Overdue" is judged at the year's end, or today while the year runs. */
static void as_of(const MetricScope *s, char zBuf[24]) {
  Str t = STR_INIT;
  date_format_iso(&t, date_today());
  snprintf(zBuf, 24, "%s", strcmp(str_cstr(&t), s->zTo) < 0 ? str_cstr(&t) : s->zTo);
  str_free(&t);
}

/* Every catalog statement takes the same parameters (see the top). */
static void bind_scope(Stmt *st, const MetricScope *s) {
  char zAsOf[24];
  const char *azParam[5];
  int i, n;
  as_of(s, zAsOf);
  azParam[0] = s->zLo;
  azParam[1] = s->zHi;
  azParam[2] = s->zFrom;
  azParam[3] = s->zTo;
  azParam[4] = zAsOf;
  n = db_param_count(st);
  for (i = 0; i < n && i < 5; i++) db_bind_text(st, i + 1, azParam[i]);
}

static int eval_kept(Db *db, const Metric *m, const MetricScope *s, MetricValue *v,
                     Err *e) {
  const Kept *k = kept_find(m->zName);
  if (!k) return err_set(e, FZ_INVALID, "内部错误：指标 %s 没有保持的数字", m->zName);
  return kept_read(db, k, s->zLo, s->zHi, s->year, &v->v, &v->nRecords, e);
}

static int eval_sql(Db *db, const Metric *m, const MetricScope *s,
                    MetricValue *v, Err *e) {
  Stmt *st = NULL;
  Str list = STR_INIT;
  int rc = db_prepare(db, &st, m->zSql, e);
  if (rc != FZ_OK) return rc;
  bind_scope(st, s);
  while ((rc = db_step(st, e)) == DB_ROW) {
    if (m->kind == MK_LIST) {
      if (list.n) str_puts(&list, "、");
      str_puts(&list, db_column_text(st, 0));
      v->nRecords++;
      continue;
    }
    v->v = db_column_int64(st, 0);
    if (m->kind == MK_ALL) v->den = db_column_int64(st, 1);
    v->nRecords = m->kind == MK_ALL ? v->v : db_column_int64(st, 1);
  }
  db_finalize(st);
  if (m->kind == MK_LIST) v->zList = str_detach(&list);
  str_free(&list);
  return rc == DB_DONE ? FZ_OK : rc;
}

/* The scope is the calendar year the kept outcomes are counted by. */
static int whole_year(const MetricScope *s) {
  char zFrom[16], zTo[16];
  snprintf(zFrom, sizeof zFrom, "%04d-01-01", s->year);
  snprintf(zTo, sizeof zTo, "%04d-12-31", s->year);
  return strcmp(s->zFrom, zFrom) == 0 && strcmp(s->zTo, zTo) == 0;
}

/* The deadline figures of one scope come from one read of the kept
 * outcomes (or one walk over the records),
 * counted for every rule-id prefix the catalog uses ("" all, "recon." …),
 * and kept for the thread's next look at the same scope while the data's
 * generation stays (the report asks for four of them). */
#define DL_MAX_PREFIX 4

typedef struct DlCount {
  const Db *db;
  uint64_t gen;             /* 0: nothing kept */
  char zKey[200];           /* org, first and last day, as-of day */
  int nPrefix;
  const char *azPrefix[DL_MAX_PREFIX];
  Date from, to, asOf;
  int64_t nMet[DL_MAX_PREFIX], nDue[DL_MAX_PREFIX], nOverdue[DL_MAX_PREFIX];
} DlCount;

static _Thread_local DlCount tDl;

static int count_deadline(const Deadline *d, void *pArg) {
  DlCount *c = pArg;
  int i;
  if (!d->hasStart || d->pRule->minimum) return FZ_OK;
  for (i = 0; i < c->nPrefix; i++) {
    if (strncmp(d->pRule->zId, c->azPrefix[i], strlen(c->azPrefix[i])) != 0) continue;
    if (d->state == DL_OVERDUE) c->nOverdue[i]++;
    if (d->due < c->from || d->due > c->to) continue;
    if (d->state == DL_MET || d->state == DL_MET_LATE || d->state == DL_OVERDUE) {
      c->nDue[i]++;
      c->nMet[i] += d->state == DL_MET;
    }
  }
  return FZ_OK;
}

/* Count every catalog prefix's deadlines of scope s into c: from the kept
 * outcomes (deadline_tally.h), or by walking the records when a database
 * opened read-only was not synced to this build's rules. */
static int walk_deadlines(Db *db, const MetricScope *s, const char *zAsOf, DlCount *c,
                          Err *e) {
  static const Actor system = {"system", NULL, 0};
  Calendar *cal = NULL;
  int i, current = 0, rc;
  memset(c, 0, sizeof *c);
  for (i = 0; i < metric_count; i++) {
    const Metric *m = &metric_all[i];
    int j, seen = 0;
    if (m->kind != MK_DL_RATE && m->kind != MK_DL_OVERDUE) continue;
    for (j = 0; j < c->nPrefix; j++) seen |= strcmp(c->azPrefix[j], m->zNum) == 0;
    if (!seen && c->nPrefix < DL_MAX_PREFIX) c->azPrefix[c->nPrefix++] = m->zNum;
  }
  date_parse(s->zFrom, 0, &c->from, NULL);
  date_parse(s->zTo, 0, &c->to, NULL);
  date_parse(zAsOf, 0, &c->asOf, NULL);
  rc = kept_current(db, &current, e);
  if (rc == FZ_OK && current && whole_year(s)) {
    return dtally_read(db, s->zLo, s->zHi, s->year, zAsOf, c->azPrefix, c->nPrefix, c->nDue,
                       c->nMet, c->nOverdue, e);
  }
  if (rc == FZ_OK) rc = deadline_calendar(db, &cal, e);
  if (rc == FZ_OK) {
    rc = deadline_walk(db, &system, rulefile_builtin(), cal, s->zOrg, c->asOf, 0, count_deadline,
                       c, e);
  }
  cal_free(cal);
  return rc;
}

static int eval_deadline(Db *db, const Metric *m, const MetricScope *s,
                         MetricValue *v, Err *e) {
  char zAsOf[24], zKey[sizeof tDl.zKey];
  uint64_t gen = db_generation(db);
  int i, rc = FZ_OK;
  if (!gen) gen = db_generation(db); /* a first look: counted now, so keepable */
  as_of(s, zAsOf);
  snprintf(zKey, sizeof zKey, "%s|%s|%s|%s", s->zOrg, s->zFrom, s->zTo, zAsOf);
  if (!gen || tDl.gen != gen || tDl.db != db || strcmp(tDl.zKey, zKey) != 0) {
    rc = walk_deadlines(db, s, zAsOf, &tDl, e);
    tDl.db = db;
    tDl.gen = rc == FZ_OK ? gen : 0;
    snprintf(tDl.zKey, sizeof tDl.zKey, "%s", zKey);
  }
  for (i = 0; i < tDl.nPrefix && strcmp(tDl.azPrefix[i], m->zNum) != 0; i++) {
  }
  if (rc != FZ_OK || i == tDl.nPrefix) {
    return rc != FZ_OK ? rc : err_set(e, FZ_INVALID, "内部错误：期限前缀过多");
  }
  v->v = m->kind == MK_DL_RATE ? tDl.nMet[i] : tDl.nOverdue[i];
  v->den = m->kind == MK_DL_RATE ? tDl.nDue[i] : 0;
  v->nRecords = m->kind == MK_DL_RATE ? tDl.nDue[i] : tDl.nOverdue[i];
  return FZ_OK;
}

static int eval_named(Db *db, const char *zName, const MetricScope *s,
                      MetricValue *v, Err *e) {
  const Metric *m = metric_find(zName);
  if (!m) return err_set(e, FZ_INVALID, "内部错误：指标 %s 未定义", zName);
  return metric_eval(db, m, s, v, e);
}

int metric_eval(Db *db, const Metric *m, const MetricScope *s, MetricValue *v,
                Err *e) {
  MetricValue a, b;
  MetricScope last;
  int rc;
  memset(v, 0, sizeof *v);
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  v->pMetric = m;
  switch (m->kind) {
  case MK_RATE:
    rc = eval_named(db, m->zNum, s, &a, e);
    if (rc == FZ_OK) rc = eval_named(db, m->zDen, s, &b, e);
    v->v = a.v;
    v->den = b.v;
    v->nRecords = b.nRecords;
    return rc;
  case MK_YOY:
    last = *s;
    last.year = s->year - 1;
    snprintf(last.zFrom, sizeof last.zFrom, "%04d-01-01", last.year);
    snprintf(last.zTo, sizeof last.zTo, "%04d-12-31", last.year);
    rc = eval_named(db, m->zNum, s, &a, e);
    if (rc == FZ_OK) rc = eval_named(db, m->zNum, &last, &b, e);
    v->v = a.v;
    v->den = b.v;
    v->nRecords = a.nRecords + b.nRecords;
    return rc;
  case MK_DL_RATE:
  case MK_DL_OVERDUE:
    return eval_deadline(db, m, s, v, e);
  default:
    return m->zSql ? eval_sql(db, m, s, v, e) : eval_kept(db, m, s, v, e);
  }
}

void metric_value_clear(MetricValue *v) {
  mem_free(v->zList);
  memset(v, 0, sizeof *v);
}

/* The aggregate's rows instead of its value: "SELECT agg… FROM t [alias]
 * WHERE…" becomes "SELECT alias.id FROM t alias WHERE… ORDER BY 1". Only
 * for a statement over the metric's own register. */
static int records_sql(const Metric *m, Str *s, Err *e) {
  const char *zFrom = m->zSql ? strstr(m->zSql, " FROM ") : NULL;
  const char *zTable, *zAlias;
  const Kept *k = m->zSql ? NULL : kept_find(m->zName);
  size_t nTable, nAlias;
  if (k) {
    kept_records_sql(k, s);
    return FZ_OK;
  }
  if (!zFrom || !m->zRegister || (m->kind != MK_COUNT && m->kind != MK_MONEY)) {
    return err_set(e, FZ_USAGE, "指标“%s”没有对应的记录清单", m->zLabel);
  }
  zTable = zFrom + 6;
  nTable = strcspn(zTable, " ");
  zAlias = zTable + nTable + 1;
  nAlias = strcspn(zAlias, " ");
  if (nTable != strlen(m->zRegister) || strncmp(zTable, m->zRegister, nTable) != 0) {
    return err_set(e, FZ_USAGE, "指标“%s”没有对应的记录清单", m->zLabel);
  }
  if ((nAlias == 5 && strncmp(zAlias, "WHERE", 5) == 0) || nAlias == 0) {
    zAlias = zTable;
    nAlias = nTable;
  }
  str_appendf(s, "SELECT %.*s.id%s ORDER BY 1", (int)nAlias, zAlias, zFrom);
  return FZ_OK;
}

int metric_records(Db *db, const Metric *m, const MetricScope *s, const char **pzRegister,
                   int64_t **paId, int *pnId, Err *e) {
  Str sql = STR_INIT;
  Stmt *st = NULL;
  int rc, nAlloc = 0;
  *paId = NULL;
  *pnId = 0;
  if (m->kind == MK_RATE || m->kind == MK_YOY) m = metric_find(m->zNum);
  *pzRegister = m ? m->zRegister : NULL;
  rc = m ? records_sql(m, &sql, e) : err_set(e, FZ_INVALID, "内部错误：指标未定义");
  if (rc == FZ_OK) rc = db_prepare(db, &st, str_cstr(&sql), e);
  if (rc == FZ_OK) bind_scope(st, s);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) {
    if (*pnId == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 64;
      *paId = mem_realloc(*paId, sizeof **paId * (size_t)nAlloc);
    }
    (*paId)[(*pnId)++] = db_column_int64(st, 0);
    rc = FZ_OK;
  }
  if (rc == DB_DONE) rc = FZ_OK;
  db_finalize(st);
  str_free(&sql);
  return rc;
}
