/* test_deadline.c — statutory deadlines from the rule table and the
 * calendar: exact due dates across holidays and 调休, extension, suspension,
 * every state, a rule changed in the data, bad rule files, and a year with
 * no calendar. */
#include "testutil.h"

#include "../../src/base/mem.h"
#include "../../src/domain/deadline.h"
#include "../../src/io/orgfile.h"
#include "../../src/domain/rulefile.h"
#include "../../src/report/metric.h"

static const Actor actor = {"test", NULL, 0};

typedef struct Fx {
  Db *db;
  Calendar *cal;
  DeadlineRules rules;
} Fx;

static int setup(void **state) {
  Fx *f = calloc(1, sizeof *f);
  Err e = ERR_INIT;
  if (test_open_org_db("dl.db", &f->db) != 0) return -1;
  if (deadline_calendar(f->db, &f->cal, &e) != FZ_OK) return -1;
  if (rulefile_parse(&f->rules, deadline_rules_default, "default", &e) != FZ_OK) {
    fprintf(stderr, "%s\n", err_msg(&e));
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fx *f = *state;
  deadline_rules_clear(&f->rules);
  cal_free(f->cal);
  db_close(f->db);
  free(f);
  return 0;
}

static void add(Fx *f, const char *zReg, const char *const *az) {
  Record r;
  Err e = ERR_INIT;
  int i, rc = FZ_OK;
  reg_record_init(&r, reg_find(zReg));
  for (i = 0; az[i] && rc == FZ_OK; i += 2) rc = reg_set(&r, az[i], az[i + 1], &e);
  if (rc == FZ_OK) rc = reg_insert(f->db, &actor, &r, &e);
  if (rc != FZ_OK) fail_msg("%s: %s", zReg, err_msg(&e));
  reg_record_clear(&r);
}

typedef struct Found {
  const char *zRule;
  char zDue[16];
  int state, n, uncovered;
} Found;

static int find(const Deadline *d, void *pArg) {
  Found *fd = pArg;
  Str s = STR_INIT;
  if (strcmp(d->pRule->zId, fd->zRule) != 0) return FZ_OK;
  date_format_iso(&s, d->due);
  snprintf(fd->zDue, sizeof fd->zDue, "%s", str_cstr(&s));
  fd->state = d->state;
  fd->uncovered = d->uncoveredYear;
  fd->n++;
  str_free(&s);
  return FZ_OK;
}

static Found due_of(Fx *f, const char *zRule, const char *zToday) {
  Found fd;
  Date today;
  Err e = ERR_INIT;
  memset(&fd, 0, sizeof fd);
  fd.zRule = zRule;
  assert_int_equal(date_parse(zToday, 0, &today, &e), FZ_OK);
  assert_int_equal(deadline_walk(f->db, &actor, &f->rules, f->cal, NULL, today, 7, find,
                                 &fd, &e),
                   FZ_OK);
  return fd;
}

#define RECON(received, ...)                                                    \
  {"org", "632323000000-SFJ", "case_no", "泽政复〔2024〕1号", "applicant", "才让", \
   "applicant_kind", "个人", "respondent", "泽库县市场监督管理局", "matter",     \
   "行政处罚", "received", received, __VA_ARGS__, NULL}

/* 2024-02-07 + 5 working days: 02-08, 02-09, (02-10…02-17 春节), 02-18 (调休
 * Sunday), 02-19, 02-20. */
static void acceptance_review_across_spring_festival(void **state) {
  Fx *f = *state;
  const char *const a[] = RECON("2024-02-07", "acceptance", "待补正");
  Found fd;
  add(f, "reconsideration", a);
  fd = due_of(f, "recon.acceptance", "2024-02-19");
  assert_int_equal(fd.n, 1);
  assert_string_equal(fd.zDue, "2024-02-20");
  assert_int_equal(fd.state, DL_DUE_SOON);
  fd = due_of(f, "recon.acceptance", "2024-02-21");
  assert_int_equal(fd.state, DL_OVERDUE);
  fd = due_of(f, "recon.acceptance", "2024-02-08");
  assert_int_equal(fd.state, DL_RUNNING); /* 12 days ahead, beyond 7 */
}

/* 60 days from acceptance on 2024-08-02 is 2024-10-01, 国庆: rolls to 10-08. */
static void decision_period_rolls_over_national_day(void **state) {
  Fx *f = *state;
  const char *const a[] = RECON("2024-07-30", "acceptance", "受理", "acceptance_date",
                                "2024-08-02", "procedure", "普通");
  Found fd;
  add(f, "reconsideration", a);
  fd = due_of(f, "recon.decision", "2024-09-01");
  assert_string_equal(fd.zDue, "2024-10-08");
  assert_int_equal(fd.state, DL_RUNNING);
}

static void extension_adds_thirty_days(void **state) {
  Fx *f = *state;
  const char *const a[] = RECON("2024-07-30", "acceptance", "受理", "acceptance_date",
                                "2024-08-02", "procedure", "普通", "extended", "是");
  Found fd;
  add(f, "reconsideration", a);
  /* 2024-08-02 + 60 + 30 days = 2024-10-31, a Thursday */
  fd = due_of(f, "recon.decision", "2024-09-01");
  assert_string_equal(fd.zDue, "2024-10-31");
}

static void suspension_does_not_count(void **state) {
  Fx *f = *state;
  const char *const a[] = {
      "org", "632323000000-SFJ", "case_no", "泽政复〔2024〕3号", "applicant", "卓玛",
      "applicant_kind", "个人", "respondent", "泽库县交通运输局", "matter", "行政处罚",
      "received", "2024-03-01", "acceptance", "受理", "acceptance_date", "2024-03-04",
      "procedure", "普通", "suspended_from", "2024-03-11", "suspended_to", "2024-03-21",
      NULL};
  Found fd;
  add(f, "reconsideration", a);
  /* 03-04 + 10 paused days + 60 = 2024-05-13 (a Monday) */
  fd = due_of(f, "recon.decision", "2024-04-01");
  assert_string_equal(fd.zDue, "2024-05-13");
}

static void met_and_met_late(void **state) {
  Fx *f = *state;
  const char *const aOk[] = RECON("2024-03-01", "acceptance", "不予受理", "acceptance_date",
                                  "2024-03-05");
  const char *const aLate[] = {
      "org", "632323000000-SFJ", "case_no", "泽政复〔2024〕9号", "applicant", "扎西",
      "applicant_kind", "个人", "respondent", "泽库县交通运输局", "matter", "行政处罚",
      "received", "2024-03-01", "acceptance", "不予受理", "acceptance_date", "2024-03-20",
      NULL};
  Found fd;
  add(f, "reconsideration", aOk);
  fd = due_of(f, "recon.acceptance", "2024-12-31");
  assert_int_equal(fd.state, DL_MET);
  add(f, "reconsideration", aLate);
  fd = due_of(f, "recon.acceptance", "2024-12-31");
  assert_int_equal(fd.n, 2);
  assert_int_equal(fd.state, DL_MET_LATE); /* the last one visited */
}

/* The report counts deadlines too: on time / due in the year, and overdue. */
static void deadline_metrics(void **state) {
  Fx *f = *state;
  const char *const aOk[] = RECON("2024-03-01", "acceptance", "不予受理", "acceptance_date",
                                  "2024-03-05");
  const char *const aLate[] = {
      "org", "632323000000-SFJ", "case_no", "泽政复〔2024〕9号", "applicant", "扎西",
      "applicant_kind", "个人", "respondent", "泽库县交通运输局", "matter", "行政处罚",
      "received", "2024-03-01", "acceptance", "不予受理", "acceptance_date", "2024-03-20",
      NULL};
  const char *const aOpen[] = {
      "org", "632323000000-SFJ", "case_no", "泽政复〔2024〕10号", "applicant", "拉毛",
      "applicant_kind", "个人", "respondent", "泽库县交通运输局", "matter", "行政处罚",
      "received", "2024-06-03", "acceptance", "待补正", NULL};
  MetricScope sc;
  MetricValue v;
  Str t = STR_INIT;
  Err e = ERR_INIT;
  add(f, "reconsideration", aOk);
  add(f, "reconsideration", aLate);
  add(f, "reconsideration", aOpen); /* acceptance review never decided: overdue */
  assert_int_equal(metric_scope(f->db, "632323000000", 2024, &sc, &e), FZ_OK);
  assert_int_equal(metric_eval(f->db, metric_find("recon.ontime_rate"), &sc, &v, &e), FZ_OK);
  assert_int_equal(v.v, 1);
  assert_int_equal(v.den, 3); /* met, met late, overdue */
  assert_int_equal(metric_format(&v, NULL, &t, &e), FZ_OK);
  assert_string_equal(str_cstr(&t), "33.33%");
  metric_value_clear(&v);
  assert_int_equal(metric_eval(f->db, metric_find("recon.overdue"), &sc, &v, &e), FZ_OK);
  assert_int_equal(v.v, 1);
  metric_value_clear(&v);
  str_free(&t);
}

static void a_rule_changed_in_the_data(void **state) {
  Fx *f = *state;
  const char *const a[] = RECON("2024-02-07", "acceptance", "待补正");
  Str s = STR_INIT;
  Err e = ERR_INIT;
  const char *z = deadline_rules_default, *p = strstr(z, "recon.acceptance,");
  Found fd;
  add(f, "reconsideration", a);
  /* a province makes the acceptance review 3 working days */
  str_append(&s, z, (size_t)(p - z));
  str_puts(&s, "recon.acceptance,reconsideration,受理审查,deadline,received,workday,3,"
               "acceptance_date,,,,,,本省规定\n");
  str_puts(&s, strchr(p, '\n') + 1);
  deadline_rules_clear(&f->rules);
  assert_int_equal(rulefile_parse(&f->rules, str_cstr(&s), "province.csv", &e), FZ_OK);
  fd = due_of(f, "recon.acceptance", "2024-02-19");
  assert_string_equal(fd.zDue, "2024-02-18"); /* 02-08, 02-09, 02-18 (调休) */
  str_free(&s);
}

static void a_year_with_no_calendar_says_so(void **state) {
  Fx *f = *state;
  const char *const a[] = {"org", "632323000000-SFJ", "title", "年度工作要点落实",
                           "category", "法治体系", "lead", "632323000000-SFJ-BGS",
                           "due", "2027-03-01", "status", "推进中", "progress", "10", NULL};
  Found fd;
  add(f, "task", a);
  fd = due_of(f, "task.due", "2026-12-01");
  assert_int_equal(fd.n, 1);
  assert_int_equal(fd.uncovered, 2027);
}

static void bad_rule_files(void **state) {
  static const struct {
    const char *zText, *zMsg;
  } aCase[] = {
      {"id,register,label,kind,start,unit,n,stop,when,extend,extend_n,suspend_from,suspend_to,source\n"
       "x,nope,X,deadline,received,day,5,closed,,,,,,src\n",
       "没有登记簿“nope”"},
      {"id,register,label,kind,start,unit,n,stop,when,extend,extend_n,suspend_from,suspend_to,source\n"
       "x,reconsideration,X,deadline,recieved,day,5,closed,,,,,,src\n",
       "没有日期字段“recieved”"},
      {"id,register,label,kind,start,unit,n,stop,when,extend,extend_n,suspend_from,suspend_to,source\n"
       "# a comment keeps the line numbers\n"
       "x,reconsideration,X,deadline,received,fortnight,5,closed,,,,,,src\n",
       "未知的单位“fortnight”"},
      {"id,register,label,kind,start,unit,n,stop,when,extend,extend_n,suspend_from,suspend_to,source\n"
       "x,reconsideration,X,deadline,received,day,five,closed,,,,,,src\n",
       "期限应为"},
      {"id,register,label,kind,start,unit,n,stop,when,extend,extend_n,suspend_from,suspend_to,source\n"
       "x,reconsideration,X,deadline,received,day,5,closed,colour=red,,,,,src\n",
       "条件应为"},
  };
  size_t i;
  Fx *f = *state;
  for (i = 0; i < sizeof aCase / sizeof aCase[0]; i++) {
    Err e = ERR_INIT;
    int nBefore = f->rules.nRule;
    if (rulefile_parse(&f->rules, aCase[i].zText, "bad.csv", &e) != FZ_INVALID)
      fail_msg("case %zu should fail", i);
    if (e.nItem < 1 || !strstr(e.aItem[0].msg, aCase[i].zMsg))
      fail_msg("case %zu: '%s'", i, e.nItem ? e.aItem[0].msg : err_msg(&e));
    if (i == 2) assert_int_equal(e.aItem[0].row, 3);
    assert_int_equal(f->rules.nRule, nBefore); /* nothing replaced */
    err_clear(&e);
  }
}

int main(void) {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(acceptance_review_across_spring_festival),
      T(decision_period_rolls_over_national_day),
      T(extension_adds_thirty_days),
      T(suspension_does_not_count),
      T(met_and_met_late),
      T(deadline_metrics),
      T(a_rule_changed_in_the_data),
      T(a_year_with_no_calendar_says_so),
      T(bad_rule_files),
  };
  return cmocka_run_group_tests_name("deadline", tests, NULL, NULL);
}
