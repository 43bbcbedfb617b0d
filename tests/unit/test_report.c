/* test_report.c — the report's arithmetic and text: every format on its
 * edge cases (half-up at .005, 9999/10000/10001, 万 and 余), the metric
 * table (sorted, every SQL runs, nothing divides by zero on an empty
 * year), and the template's checks and conditionals. */
#include "testutil.h"

#include "../../src/domain/reg.h"
#include "../../src/io/demo.h"
#include "../../src/io/orgfile.h"
#include "../../src/report/doc.h"
#include "../../src/report/metric.h"
#include "../../src/report/template.h"

static const Actor actor = {"test", NULL, 0};

/* Format a hand-made value of metric zName. */
static char *fmt(const char *zName, int64_t v, int64_t den, const char *zList,
                 const char *zFmt) {
  MetricValue mv;
  Str s = STR_INIT;
  Err e = ERR_INIT;
  memset(&mv, 0, sizeof mv);
  mv.pMetric = metric_find(zName);
  assert_non_null(mv.pMetric);
  mv.v = v;
  mv.den = den;
  mv.zList = (char *)zList;
  if (metric_format(&mv, zFmt, &s, &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  return str_detach(&s);
}

#define EXPECT(want, call)                 \
  do {                                     \
    char *z_ = (call);                     \
    assert_string_equal(z_, want);         \
    free(z_);                              \
  } while (0)

static void percentages_round_half_up_at_the_end(void **state) {
  (void)state;
  EXPECT("99.44%", fmt("mediation.rate", 353, 355, NULL, NULL)); /* not 99.43 */
  EXPECT("100%", fmt("mediation.rate", 4, 4, NULL, NULL));
  EXPECT("33.33%", fmt("mediation.rate", 1, 3, NULL, NULL));
  EXPECT("66.67%", fmt("mediation.rate", 2, 3, NULL, NULL));
  EXPECT("0.13%", fmt("mediation.rate", 1, 800, NULL, NULL)); /* 0.125 → up */
  EXPECT("0.50%", fmt("mediation.rate", 1, 200, NULL, NULL));
  EXPECT("0%", fmt("mediation.rate", 0, 7, NULL, NULL));
  EXPECT("—", fmt("mediation.rate", 0, 0, NULL, NULL)); /* never ÷ 0 */
}

static void year_on_year_phrases(void **state) {
  (void)state;
  EXPECT("同比增长100%", fmt("recon.accepted.yoy", 4, 2, NULL, NULL));
  EXPECT("同比下降25%", fmt("recon.accepted.yoy", 3, 4, NULL, NULL));
  EXPECT("同比增长33.33%", fmt("recon.accepted.yoy", 4, 3, NULL, NULL));
  EXPECT("与上年持平", fmt("recon.accepted.yoy", 5, 5, NULL, NULL));
  EXPECT("与上年持平", fmt("recon.accepted.yoy", 0, 0, NULL, NULL));
  EXPECT("上年为0", fmt("recon.accepted.yoy", 3, 0, NULL, NULL));
}

static void wan_and_yu(void **state) {
  (void)state;
  EXPECT("2150", fmt("aid.recovered", 2150000000LL, 0, NULL, "wan")); /* 万元 */
  EXPECT("6", fmt("aid.recovered", 6000000, 0, NULL, "wan"));
  EXPECT("0.6", fmt("aid.recovered", 600000, 0, NULL, "wan"));
  EXPECT("21500000.00", fmt("aid.recovered", 2150000000LL, 0, NULL, NULL));
  EXPECT("60.4", fmt("media.yysf.views", 604000, 0, NULL, "wan"));
  EXPECT("1", fmt("media.yysf.views", 10000, 0, NULL, "wan"));
  EXPECT("1", fmt("media.yysf.views", 10001, 0, NULL, "wan"));
  EXPECT("1", fmt("media.yysf.views", 9999, 0, NULL, "wan"));
  EXPECT("0.05", fmt("media.yysf.views", 500, 0, NULL, "wan"));
  EXPECT("0", fmt("media.yysf.views", 0, 0, NULL, "wan"));
  EXPECT("700余", fmt("publicity.activities", 712, 0, NULL, "yu"));
  EXPECT("2万余", fmt("publicity.audience", 20560, 0, NULL, "yu"));
  EXPECT("1万余", fmt("publicity.audience", 10000, 0, NULL, "yu"));
  EXPECT("9900余", fmt("publicity.audience", 9999, 0, NULL, "yu"));
  EXPECT("1700余", fmt("aid.consultations", 1733, 0, NULL, "yu"));
  EXPECT("80余", fmt("literate.trained", 88, 0, NULL, "yu"));
  EXPECT("1", fmt("literate.trained", 1, 0, NULL, "yu"));
  EXPECT("0", fmt("literate.trained", 0, 0, NULL, NULL));
  EXPECT("9999", fmt("literate.trained", 9999, 0, NULL, NULL));
}

static void lists_and_truth(void **state) {
  MetricValue v;
  (void)state;
  EXPECT("王加、宁秀", fmt("culture.village_gaps", 0, 0, "王加乡、宁秀镇", NULL));
  EXPECT("西卜沙", fmt("culture.village_gaps", 0, 0, "西卜沙乡", NULL));
  memset(&v, 0, sizeof v);
  v.pMetric = metric_find("recon.all_closed");
  v.v = 5;
  assert_true(metric_truth(&v)); /* all 5 closed */
  v.den = 1;
  assert_false(metric_truth(&v));
  v.v = 0;
  v.den = 0;
  assert_false(metric_truth(&v)); /* none at all is not "all closed" */
  v.pMetric = metric_find("training.coverage");
  v.v = 150;
  v.den = 150;
  assert_true(metric_truth(&v));
  v.v = 149;
  assert_false(metric_truth(&v));
}

static void formats_refuse_what_does_not_fit(void **state) {
  MetricValue v;
  Str s = STR_INIT;
  Err e = ERR_INIT;
  (void)state;
  memset(&v, 0, sizeof v);
  v.pMetric = metric_find("mediation.accepted");
  assert_int_equal(metric_format(&v, "pct", &s, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "mediation.accepted"));
  err_clear(&e);
  assert_true(metric_format_known("yu"));
  assert_false(metric_format_known("percent"));
  str_free(&s);
}

static void metric_table_is_sorted_and_complete(void **state) {
  static const char *const azSeed[] = {
      "normdoc.reviewed.normative", "normdoc.reviewed.general", "cleanup.total",
      "cleanup.abolished", "cleanup.amended", "cleanup.continued",
      "exam.participants", "enf_event.observation.units", "training.coverage",
      "recon.received", "recon.accepted", "recon.rejected", "recon.accepted.yoy",
      "recon.all_closed", "litigation.cases", "litigation.withdrawn",
      "litigation.head_rate", "screening.times", "mediation.accepted",
      "mediation.resolved", "mediation.rate", "aid.accepted", "aid.closed",
      "aid.documents", "aid.consultations", "aid.recovered",
      "publicity.activities", "publicity.audience", "culture.township_rate",
      "culture.village_gaps", "literate.classes", "literate.trained",
      "media.fzzx.recorded", "media.fzzx.aired", "media.yysf.recorded",
      "media.yysf.aired", "media.yysf.views", "task.completion_rate",
      "task.overdue"};
  int i;
  (void)state;
  for (i = 1; i < metric_count; i++) {
    if (strcmp(metric_all[i - 1].zName, metric_all[i].zName) >= 0)
      fail_msg("metric table not sorted at %s", metric_all[i].zName);
  }
  for (i = 0; i < (int)(sizeof azSeed / sizeof azSeed[0]); i++) {
    if (!metric_find(azSeed[i])) fail_msg("missing metric %s", azSeed[i]);
  }
  for (i = 0; i < metric_count; i++) {
    const Metric *m = &metric_all[i];
    if (m->kind == MK_RATE && (!metric_find(m->zNum) || !metric_find(m->zDen)))
      fail_msg("%s: rate of unknown metrics", m->zName);
    if (m->kind == MK_YOY && !metric_find(m->zNum))
      fail_msg("%s: yoy of unknown metric", m->zName);
    if (!m->zDef || !m->zLabel[0]) fail_msg("%s: no label or definition", m->zName);
  }
}

typedef struct Fx {
  Db *db;
} Fx;

static int setup(void **state) {
  Fx *f = calloc(1, sizeof *f);
  if (test_open_org_db("rep.db", &f->db) != 0) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fx *f = *state;
  db_close(f->db);
  free(f);
  return 0;
}

static void every_metric_runs_on_an_empty_year(void **state) {
  Fx *f = *state;
  MetricScope s;
  Err e = ERR_INIT;
  int i;
  assert_int_equal(metric_scope(f->db, "632323000000", 2024, &s, &e), FZ_OK);
  assert_string_equal(s.zLo, "632323");
  for (i = 0; i < metric_count; i++) {
    MetricValue v;
    Str t = STR_INIT;
    if (metric_eval(f->db, &metric_all[i], &s, &v, &e) != FZ_OK)
      fail_msg("%s: %s", metric_all[i].zName, err_msg(&e));
    assert_int_equal(metric_format(&v, NULL, &t, &e), FZ_OK);
    str_free(&t);
    metric_value_clear(&v);
  }
  assert_int_equal(metric_scope(f->db, "632399000000", 2024, &s, &e), FZ_NOTFOUND);
  err_clear(&e);
  assert_int_equal(metric_scope(f->db, "632323000000", 1850, &s, &e), FZ_INVALID);
  err_clear(&e);
}

static int add(Db *db, const char *zReg, const char *const *az) {
  Record r;
  Err e = ERR_INIT;
  int i, rc = FZ_OK;
  reg_record_init(&r, reg_find(zReg));
  for (i = 0; az[i] && rc == FZ_OK; i += 2) rc = reg_set(&r, az[i], az[i + 1], &e);
  if (rc == FZ_OK) rc = reg_insert(db, &actor, &r, &e);
  if (rc != FZ_OK) fail_msg("%s: %s", zReg, err_msg(&e));
  reg_record_clear(&r);
  return rc;
}

static void disputes(Db *db, int nResolved, int nFailed) {
  int i;
  for (i = 0; i < nResolved + nFailed; i++) {
    const char *const a[] = {"org", "632323100000-SFS", "category", "草场",
                             "received", "2024-03-05", "result",
                             i < nResolved ? "调解成功" : "调解不成", "closed",
                             "2024-03-09", NULL};
    add(db, "dispute", a);
  }
}

static void figures_come_from_records(void **state) {
  Fx *f = *state;
  MetricScope s;
  MetricValue v;
  Err e = ERR_INIT;
  Str t = STR_INIT;
  disputes(f->db, 3, 1);
  assert_int_equal(metric_scope(f->db, "632323000000", 2024, &s, &e), FZ_OK);
  assert_int_equal(metric_eval(f->db, metric_find("mediation.rate"), &s, &v, &e), FZ_OK);
  assert_int_equal(v.v, 3);
  assert_int_equal(v.den, 4);
  assert_int_equal(metric_format(&v, NULL, &t, &e), FZ_OK);
  assert_string_equal(str_cstr(&t), "75%");
  metric_value_clear(&v);
  /* another township's subtree sees none of them */
  assert_int_equal(metric_scope(f->db, "632323101000", 2024, &s, &e), FZ_OK);
  assert_int_equal(metric_eval(f->db, metric_find("mediation.accepted"), &s, &v, &e),
                   FZ_OK);
  assert_int_equal(v.v, 0);
  str_free(&t);
}

/* Every figure that counts a register's records can list them, and the
 * list has exactly as many as the figure counts (the demo county, every
 * metric, the county and one township). */
static void figures_list_their_records(void **state) {
  Fx *f = *state;
  const char *azOrg[] = {"632323000000", "632323100000"};
  const char *zData = getenv("FZ_TEST_DATA");
  Err e = ERR_INIT;
  int i, k, nListed = 0;
  if (demo_load(f->db, &actor, zData ? zData : "data", NULL, NULL, &e) != FZ_OK)
    fail_msg("demo: %s", err_msg(&e));
  for (k = 0; k < 2; k++) {
    MetricScope s;
    assert_int_equal(metric_scope(f->db, azOrg[k], 2024, &s, &e), FZ_OK);
    for (i = 0; i < metric_count; i++) {
      const Metric *m = &metric_all[i], *pCounted = m;
      MetricValue v;
      const char *zReg = NULL;
      int64_t *aId = NULL;
      int nId = 0, rc = metric_records(f->db, m, &s, &zReg, &aId, &nId, &e);
      if (m->kind == MK_RATE || m->kind == MK_YOY) pCounted = metric_find(m->zNum);
      if (rc == FZ_USAGE) { /* only figures that count no register's rows */
        assert_true(!pCounted->zRegister || (pCounted->kind != MK_COUNT &&
                                             pCounted->kind != MK_MONEY) ||
                    strncmp(pCounted->zSql, "SELECT count(*), count(*) FROM org_unit", 39) == 0);
        err_clear(&e);
        continue;
      }
      if (rc != FZ_OK) fail_msg("%s: %s", m->zName, err_msg(&e));
      assert_string_equal(zReg, pCounted->zRegister);
      assert_int_equal(metric_eval(f->db, pCounted, &s, &v, &e), FZ_OK);
      if (nId != v.nRecords) fail_msg("%s in %s: %d listed, %lld counted", m->zName, azOrg[k], nId, (long long)v.nRecords);
      nListed += nId > 0;
      metric_value_clear(&v);
      free(aId);
    }
  }
  assert_true(nListed > 40); /* the demo year fills most figures */
}

/* Render a template against the county's 2024 and return its text. */
static int render(Fx *f, const char *zTmpl, Str *out, Err *e) {
  MetricScope s;
  ReportInput in;
  Doc d;
  int rc, i;
  doc_init(&d);
  memset(&in, 0, sizeof in);
  metric_scope(f->db, "632323000000", 2024, &s, e);
  in.db = f->db;
  in.scope = &s;
  in.zIssuer = "泽库县司法局";
  in.zOrgName = "泽库县";
  in.zDate = "2025年1月10日";
  rc = template_render(zTmpl, "t.tmpl", &in, &d, e);
  for (i = 0; i < d.nBlock; i++) {
    doc_block_text(&d.aBlock[i], out);
    str_putc(out, '\n');
  }
  doc_clear(&d);
  return rc;
}

static void template_renders_and_conditions(void **state) {
  Fx *f = *state;
  Str out = STR_INIT;
  Err e = ERR_INIT;
  disputes(f->db, 353, 2);
  assert_int_equal(render(f,
                          "@title {{issuer}}\n\n"
                          "@para 共受理矛盾纠纷{{mediation.accepted}}起，调处\n"
                          "{{mediation.resolved}}起，化解率达到{{mediation.rate}}。\n"
                          "{{#if recon.all_closed}}均已办结{{else}}无复议{{/if}}\n\n"
                          "@para {{#if recon.received}}不应出现{{/if}}\n",
                          &out, &e),
                   FZ_OK);
  assert_string_equal(str_cstr(&out),
                      "泽库县司法局\n"
                      "共受理矛盾纠纷355起，调处353起，化解率达到99.44%。无复议\n");
  str_free(&out);
}

static void template_errors_name_the_line(void **state) {
  static const struct {
    const char *zTmpl, *zMsg;
  } aCase[] = {
      {"@para ok\n\n@para {{mediation.nope}}\n", "第3行：未知的指标“mediation.nope”"},
      {"@para {{mediation.accepted|percent}}\n", "第1行：未知的格式"},
      {"@para {{mediation.accepted|pct}}\n", "格式不适用于该指标"},
      {"@para {{#if mediation.accepted}}x\n", "{{#if}} 没有对应的 {{/if}}"},
      {"@para x{{/if}}\n", "没有对应 #if 的"},
      {"@para {{else}}\n", "没有对应 #if 的"},
      {"@para {{text:nonsense}}\n", "年度报告没有叙述字段"},
      {"@para {{whoever}}\n", "未知的变量"},
      {"@heading x\n", "未知的段落类型"},
      {"just text\n", "段落应以 @title"},
      {"@para {{mediation.accepted\n", "缺少 }}"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof aCase / sizeof aCase[0]; i++) {
    Err e = ERR_INIT;
    if (template_check(aCase[i].zTmpl, "t.tmpl", &e) != FZ_INVALID)
      fail_msg("case %zu should fail", i);
    if (!strstr(err_msg(&e), aCase[i].zMsg))
      fail_msg("case %zu: '%s' lacks '%s'", i, err_msg(&e), aCase[i].zMsg);
    err_clear(&e);
  }
}

static void default_template_is_valid(void **state) {
  Err e = ERR_INIT;
  (void)state;
  if (template_check(template_default, "default", &e) != FZ_OK)
    fail_msg("%s", err_msg(&e));
}

int main(void) {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(percentages_round_half_up_at_the_end),
      cmocka_unit_test(year_on_year_phrases),
      cmocka_unit_test(wan_and_yu),
      cmocka_unit_test(lists_and_truth),
      cmocka_unit_test(formats_refuse_what_does_not_fit),
      cmocka_unit_test(metric_table_is_sorted_and_complete),
      cmocka_unit_test(template_errors_name_the_line),
      cmocka_unit_test(default_template_is_valid),
      T(every_metric_runs_on_an_empty_year),
      T(figures_come_from_records),
      T(figures_list_their_records),
      T(template_renders_and_conditions),
  };
  return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
