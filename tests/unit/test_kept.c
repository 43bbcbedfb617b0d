/* test_kept.c — the kept figures (domain/kept.h): after any mix of
 * inserts, updates, voids and imports they equal a recomputation from the
 * records; a tampered summary row is found and a rebuild mends it; and
 * the metric catalog and the kept declarations name each other. */
#include "testutil.h"

#include "../../src/domain/deadline.h"
#include "../../src/domain/deadline_tally.h"
#include "../../src/domain/kept.h"
#include "../../src/domain/rulefile.h"
#include "../../src/domain/reg.h"
#include "../../src/io/regimport.h"
#include "../../src/report/metric.h"

static const Actor actor = {"test", NULL, 0};
static const char *const azOffice[] = {"632323100000-SFS", "632323101000-SFS",
                                       "632323102000-SFS", "632323000000-SFJ"};
static const char *const azResult[] = {"调解成功", "调解中", "调解不成", "resolved"};

static unsigned next_rand(unsigned *p) { /* a fixed sequence: the test repeats */
  *p = *p * 1103515245u + 12345u;
  return (*p >> 16) & 0x7fff;
}

static void assert_kept_equal(Db *db) {
  Str report = STR_INIT;
  Err e = ERR_INIT;
  int64_t nBad = -1;
  if (kept_verify(db, &nBad, &report, &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  if (nBad != 0) fail_msg("%lld kept rows differ: %s", (long long)nBad, str_cstr(&report));
  str_free(&report);
}

static void set(Record *r, const char *zField, const char *z) {
  Err e = ERR_INIT;
  if (reg_set(r, zField, z, &e) != FZ_OK) fail_msg("%s=%s: %s", zField, z, err_msg(&e));
}

static int64_t add_dispute(Db *db, unsigned *pSeed, int n) {
  Record r;
  Err e = ERR_INIT;
  char zCase[32], zDay[16];
  reg_record_init(&r, reg_find("dispute"));
  snprintf(zCase, sizeof zCase, "K-%d", n);
  snprintf(zDay, sizeof zDay, "%d-%02u-%02u", 2023 + (int)(next_rand(pSeed) % 2),
           1 + next_rand(pSeed) % 12, 1 + next_rand(pSeed) % 28);
  set(&r, "org", azOffice[next_rand(pSeed) % 4]);
  set(&r, "case_no", zCase);
  set(&r, "category", "邻里");
  set(&r, "received", zDay);
  set(&r, "result", azResult[next_rand(pSeed) % 4]);
  if (strcmp(reg_text(&r, "result"), "pending") != 0) set(&r, "closed", "2024-12-31");
  int64_t id;
  if (reg_insert(db, &actor, &r, &e) != FZ_OK) fail_msg("insert: %s", err_msg(&e));
  id = r.id;
  reg_record_clear(&r);
  return id;
}

static int64_t add_activity(Db *db, unsigned *pSeed) {
  Record r;
  Err e = ERR_INIT;
  char zAudience[16];
  reg_record_init(&r, reg_find("activity"));
  snprintf(zAudience, sizeof zAudience, "%u", next_rand(pSeed) % 500);
  set(&r, "org", azOffice[next_rand(pSeed) % 4]);
  set(&r, "date", next_rand(pSeed) % 2 ? "2024-06-01" : "2023-12-31");
  set(&r, "title", "宪法宣传");
  set(&r, "theme", "宪法");
  set(&r, "audience", zAudience);
  int64_t id;
  if (reg_insert(db, &actor, &r, &e) != FZ_OK) fail_msg("insert: %s", err_msg(&e));
  id = r.id;
  reg_record_clear(&r);
  return id;
}

/* Change a dispute's year, org or result — what moves it between rows. */
static void change_dispute(Db *db, int64_t id, unsigned *pSeed) {
  Record r;
  Err e = ERR_INIT;
  int rc;
  reg_record_init(&r, reg_find("dispute"));
  r.id = id;
  switch (next_rand(pSeed) % 3) {
  case 0: set(&r, "received", next_rand(pSeed) % 2 ? "2024-02-02" : "2023-11-30"); break;
  case 1: set(&r, "org", azOffice[next_rand(pSeed) % 4]); break;
  default: /* a result needs a closing date (on or after any date here) */
    set(&r, "result", next_rand(pSeed) % 2 ? "调解成功" : "调解不成");
    set(&r, "closed", "2024-12-31");
    break;
  }
  rc = reg_update(db, &actor, &r, &e);
  if (rc != FZ_OK && rc != FZ_CONFLICT) fail_msg("update: %s", err_msg(&e)); /* voided */
  err_clear(&e);
  reg_record_clear(&r);
}

static int setup(void **state) {
  Db *db = NULL;
  if (test_open_org_db("kept.db", &db) != 0) return -1;
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  return 0;
}

static void kept_figures_follow_every_write(void **state) {
  Db *db = *state;
  int64_t aId[200];
  unsigned seed = 20241231;
  int i, nId = 0;
  for (i = 0; i < 400; i++) {
    unsigned op = next_rand(&seed) % 10;
    Err e = ERR_INIT;
    if (op < 4 || nId == 0) {
      if (nId < 200) aId[nId++] = add_dispute(db, &seed, i);
    } else if (op < 7) {
      change_dispute(db, aId[next_rand(&seed) % (unsigned)nId], &seed);
    } else if (op < 8) {
      int rc = reg_void(db, &actor, reg_find("dispute"), aId[next_rand(&seed) % (unsigned)nId],
                        "重复登记", &e);
      if (rc != FZ_OK && rc != FZ_CONFLICT) fail_msg("void: %s", err_msg(&e));
      err_clear(&e);
    } else {
      add_activity(db, &seed);
    }
    if (i % 100 == 99) assert_kept_equal(db);
  }
  assert_kept_equal(db);
}

static void kept_figures_follow_an_import(void **state) {
  Db *db = *state;
  char zPath[512];
  const char *zCsv = "机构,案号,纠纷类型,受理日期,调解结果,结案日期\n"
                     "632323100000-SFS,IMP-1,邻里,2024-03-01,调解成功,2024-03-05\n"
                     "632323101000-SFS,IMP-2,草场,2024-04-01,调解中,\n"
                     "632323101000-SFS,IMP-3,草场,2023-04-01,调解成功,2023-04-02\n";
  ImportResult res;
  Err e = ERR_INIT;
  MetricScope s;
  MetricValue v;
  int64_t nFresh = 0;
  test_tmp_path(zPath, sizeof zPath, "disputes.csv");
  test_write_file(zPath, zCsv, strlen(zCsv));
  memset(&res, 0, sizeof res);
  if (regimport_file(db, &actor, reg_find("dispute"), zPath, NULL, &res, &e) != FZ_OK) {
    fail_msg("import: %s", err_msg(&e));
  }
  assert_kept_equal(db);
  /* and the metric the report states reads them */
  assert_int_equal(metric_scope(db, "632323000000", 2024, &s, &e), FZ_OK);
  assert_int_equal(metric_eval(db, metric_find("mediation.resolved"), &s, &v, &e), FZ_OK);
  assert_int_equal(db_query_int64(db, &e, &nFresh, NULL,
                                  "SELECT count(*) FROM dispute WHERE voided = 0 AND"
                                  " received BETWEEN '2024-01-01' AND '2024-12-31'"
                                  " AND result = 'resolved'",
                                  ""),
                   FZ_OK);
  assert_true(nFresh > 0);
  assert_int_equal(v.v, nFresh);
  assert_int_equal(v.nRecords, nFresh);
}

/* An import's figures with conditions on the record's own year end, a
 * summed column with empty cells, and rows of two years and four orgs,
 * into a register that already has records (the import adds its own
 * only): twice, the second time on top of the first. */
static void kept_figures_of_an_import_with_sums_and_year_ends(void **state) {
  Db *db = *state;
  char zPath[512];
  Str csv = STR_INIT;
  ImportResult res;
  Err e = ERR_INIT;
  unsigned seed = 11;
  int i, pass;
  for (pass = 0; pass < 2; pass++) {
    str_reset(&csv);
    str_puts(&csv, "机构,案号,申请人,案件类别,受理日期,结案日期,挽回经济损失\n");
    for (i = 0; i < 700; i++) {
      int year = 2023 + (int)(next_rand(&seed) % 2), m = 1 + (int)(next_rand(&seed) % 12);
      /* open; closed on the year's last day; closed the next year; closed, no sum */
      unsigned kind = next_rand(&seed) % 4;
      unsigned iOrg = next_rand(&seed) % 5; /* the fifth: 泽曲镇司法所 by name */
      str_appendf(&csv, "%s,援-%d-%d,申请人%d,民事,%d-%02d-10,",
                  iOrg < 4 ? azOffice[iOrg] : "泽曲镇司法所", pass, i, i, year, m);
      if (kind == 1 || kind == 3) str_appendf(&csv, "%d-12-%d", year, kind == 1 ? 31 : 20);
      else if (kind == 2) str_appendf(&csv, "%d-01-15", year + 1);
      if (kind != 3) {
        unsigned yuan = next_rand(&seed) % 5000, fen = next_rand(&seed) % 100;
        str_appendf(&csv, ",%u.%02u\n", yuan, fen);
      } else {
        str_puts(&csv, ",\n");
      }
    }
    test_tmp_path(zPath, sizeof zPath, "aid.csv");
    test_write_file(zPath, str_cstr(&csv), csv.n);
    memset(&res, 0, sizeof res);
    if (regimport_file(db, &actor, reg_find("aid_case"), zPath, NULL, &res, &e) != FZ_OK) {
      fail_msg("import: %s", err_msg(&e));
    }
    assert_int_equal(res.nRows, 700);
    assert_kept_equal(db);
  }
  str_free(&csv);
}

/* An import counts every register's figures as it stores the rows (no
 * scan afterwards): the counter reads each condition declared today. */
static void an_import_counts_every_kept_register(void **state) {
  Db *db = *state;
  Err e = ERR_INIT;
  int i;
  for (i = 0; i < kept_count; i++) {
    KeptCounter *c = NULL;
    if (kept_counter_open(db, reg_find(kept_all[i].zTable), &c, &e) != FZ_OK) {
      fail_msg("%s", err_msg(&e));
    }
    if (!c) fail_msg("%s: its import would scan (kept_counter_open)", kept_all[i].zName);
    kept_counter_free(c);
  }
}

/* ---- Kept deadline outcomes ---- */

/* A day of 2023–2024, or of the first days of 2025 (a deadline due then). */
static void random_day(unsigned *pSeed, int yearLo, char zDay[16]) {
  snprintf(zDay, 16, "%d-%02u-%02u", yearLo + (int)(next_rand(pSeed) % 2),
           1 + next_rand(pSeed) % 12, 1 + next_rand(pSeed) % 28);
}

/* The day n days after zDay (n < 28), as text. */
static void day_after(const char *zDay, int n, char zOut[16]) {
  Date d;
  Str s = STR_INIT;
  assert_int_equal(date_parse(zDay, 0, &d, NULL), FZ_OK);
  date_format_iso(&s, d + n);
  snprintf(zOut, 16, "%s", str_cstr(&s));
  str_free(&s);
}

/* Decided and assigned on time, late, or not yet: every outcome. */
static void set_aid_dates(Record *r, const char *zAccepted, unsigned *pSeed) {
  char zDecided[16], zAssigned[16];
  unsigned k = next_rand(pSeed) % 4;
  set(r, "accepted", zAccepted);
  if (k == 0) return; /* open: decision running */
  day_after(zAccepted, (int)(next_rand(pSeed) % 12), zDecided);
  set(r, "decided", zDecided);
  if (k == 1) return; /* open: assignment running */
  day_after(zDecided, (int)(next_rand(pSeed) % 6), zAssigned);
  set(r, "assigned", zAssigned);
}

static int64_t add_aid_case(Db *db, unsigned *pSeed, int n) {
  Record r;
  Err e = ERR_INIT;
  char zCase[32], zDay[16];
  int64_t id;
  reg_record_init(&r, reg_find("aid_case"));
  snprintf(zCase, sizeof zCase, "援-D-%d", n);
  random_day(pSeed, 2023, zDay);
  set(&r, "org", azOffice[next_rand(pSeed) % 4]);
  set(&r, "case_no", zCase);
  set(&r, "applicant", "申请人");
  set(&r, "category", "民事");
  set_aid_dates(&r, zDay, pSeed);
  if (reg_insert(db, &actor, &r, &e) != FZ_OK) fail_msg("insert: %s", err_msg(&e));
  id = r.id;
  reg_record_clear(&r);
  return id;
}

/* Move an aid case's clock: new dates (all three, so they stay in order)
 * or another org. */
static void change_aid_case(Db *db, int64_t id, unsigned *pSeed) {
  Record r;
  Err e = ERR_INIT;
  char zDay[16];
  int rc;
  reg_record_init(&r, reg_find("aid_case"));
  r.id = id;
  if (next_rand(pSeed) % 3 == 0) {
    set(&r, "org", azOffice[next_rand(pSeed) % 4]);
  } else {
    random_day(pSeed, 2023, zDay);
    set(&r, "decided", "");
    set(&r, "assigned", "");
    set_aid_dates(&r, zDay, pSeed);
  }
  rc = reg_update(db, &actor, &r, &e);
  if (rc != FZ_OK && rc != FZ_CONFLICT) fail_msg("update: %s", err_msg(&e)); /* voided */
  err_clear(&e);
  reg_record_clear(&r);
}

/* What the report's deadline figures count, straight from a walk. */
typedef struct WalkCount {
  Date from, to, asOf;
  const char *zPrefix;
  int64_t nDue, nMet, nOverdue;
} WalkCount;

static int walk_count(const Deadline *d, void *pArg) {
  WalkCount *c = pArg;
  if (!d->hasStart || d->pRule->minimum) return FZ_OK;
  if (strncmp(d->pRule->zId, c->zPrefix, strlen(c->zPrefix)) != 0) return FZ_OK;
  if (d->state == DL_OVERDUE) c->nOverdue++;
  if (d->due < c->from || d->due > c->to) return FZ_OK;
  c->nDue += d->state == DL_MET || d->state == DL_MET_LATE || d->state == DL_OVERDUE;
  c->nMet += d->state == DL_MET;
  return FZ_OK;
}

/* The kept outcomes read for org, year and as-of day equal the walk's. */
static void assert_deadlines_equal_walk(Db *db, const char *zOrg, int year, const char *zAsOf,
                                        const char *zPrefix) {
  static const Actor system = {"system", NULL, 0};
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1], zFrom[16], zTo[16];
  WalkCount w;
  Calendar *cal = NULL;
  Err e = ERR_INIT;
  int64_t nDue, nMet, nOverdue;
  memset(&w, 0, sizeof w);
  w.zPrefix = zPrefix;
  snprintf(zFrom, sizeof zFrom, "%d-01-01", year);
  snprintf(zTo, sizeof zTo, "%d-12-31", year);
  assert_int_equal(date_parse(zFrom, 0, &w.from, NULL), FZ_OK);
  assert_int_equal(date_parse(zTo, 0, &w.to, NULL), FZ_OK);
  assert_int_equal(date_parse(zAsOf, 0, &w.asOf, NULL), FZ_OK);
  assert_int_equal(deadline_calendar(db, &cal, &e), FZ_OK);
  if (deadline_walk(db, &system, rulefile_builtin(), cal, zOrg, w.asOf, 0, walk_count, &w,
                    &e) != FZ_OK) {
    fail_msg("walk: %s", err_msg(&e));
  }
  cal_free(cal);
  assert_int_equal(org_subtree_range(zOrg, zLo, zHi, &e), FZ_OK);
  if (dtally_read(db, zLo, zHi, year, zAsOf, &zPrefix, 1, &nDue, &nMet, &nOverdue, &e) != FZ_OK) {
    fail_msg("read: %s", err_msg(&e));
  }
  if (nDue != w.nDue || nMet != w.nMet || nOverdue != w.nOverdue) {
    fail_msg("%s %d as of %s (%s): kept %lld/%lld/%lld, walk %lld/%lld/%lld", zOrg, year,
             zAsOf, zPrefix, (long long)nDue, (long long)nMet, (long long)nOverdue,
             (long long)w.nDue, (long long)w.nMet, (long long)w.nOverdue);
  }
}

/* Every record lies in one county: the province's and the prefecture's
 * rolled-up rows read what the county's org rows add up to. */
static void assert_rollup_reads_equal_range_reads(Db *db) {
  static const char *const azUp[][2] = {{"63", "64"}, {"6323", "6324"}};
  Err e = ERR_INIT;
  int i, j, year;
  for (i = 0; i < kept_count; i++)
    for (year = 2023; year <= 2024; year++) {
      int64_t v, n, vUp, nUp;
      assert_int_equal(kept_read(db, &kept_all[i], "632323", "632324", year, &v, &n, &e), FZ_OK);
      for (j = 0; j < 2; j++) {
        assert_int_equal(kept_read(db, &kept_all[i], azUp[j][0], azUp[j][1], year, &vUp, &nUp, &e),
                         FZ_OK);
        if (v != vUp || n != nUp) fail_msg("%s %d: %s", kept_all[i].zName, year, azUp[j][0]);
      }
    }
}

static void assert_deadlines_everywhere(Db *db) {
  /* the province and the prefecture read rolled-up rows, the others ranges */
  static const char *const azOrg[] = {"630000000000", "632300000000", "632323000000",
                                      "632323100000", "632323101000-SFS"};
  static const char *const azAsOf[] = {"2023-12-31", "2024-06-15", "2024-12-31", "2025-02-01"};
  static const char *const azPrefix[] = {"", "aid.", "aid.assign", "recon."};
  const char *zAll = "";
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1];
  int64_t nDue, nMet, nOverdue;
  int i, j, k, year;
  Err e = ERR_INIT;
  /* the data hold every outcome, so the comparisons below compare something */
  assert_int_equal(org_subtree_range("632323000000", zLo, zHi, &e), FZ_OK);
  assert_int_equal(dtally_read(db, zLo, zHi, 2024, "2024-12-31", &zAll, 1, &nDue, &nMet,
                               &nOverdue, &e),
                   FZ_OK);
  assert_true(nMet > 50 && nDue > nMet + 50 && nOverdue > 50);
  for (i = 0; i < 5; i++)
    for (year = 2023; year <= 2024; year++)
      for (j = 0; j < 4; j++)
        for (k = 0; k < 4; k++) assert_deadlines_equal_walk(db, azOrg[i], year, azAsOf[j], azPrefix[k]);
}

/* Inserts, updates that move a clock or an org, voids and an import:
 * the kept deadline outcomes stay equal to a recount, and the figures
 * read from them equal a walk over the records for any scope, year and
 * day asked. */
static void kept_deadlines_follow_every_write(void **state) {
  Db *db = *state;
  char zPath[512];
  Str csv = STR_INIT;
  ImportResult res;
  int64_t aId[150];
  unsigned seed = 7;
  int i, nId = 0;
  for (i = 0; i < 300; i++) {
    unsigned op = next_rand(&seed) % 10;
    Err e = ERR_INIT;
    if (op < 5 || nId == 0) {
      if (nId < 150) aId[nId++] = add_aid_case(db, &seed, i);
    } else if (op < 8) {
      change_aid_case(db, aId[next_rand(&seed) % (unsigned)nId], &seed);
    } else {
      int rc = reg_void(db, &actor, reg_find("aid_case"), aId[next_rand(&seed) % (unsigned)nId],
                        "重复登记", &e);
      if (rc != FZ_OK && rc != FZ_CONFLICT) fail_msg("void: %s", err_msg(&e));
      err_clear(&e);
    }
    if (i % 100 == 99) assert_kept_equal(db);
  }
  str_puts(&csv, "机构,案号,申请人,案件类别,受理日期,审查决定日期,指派日期\n");
  for (i = 0; i < 300; i++) {
    char zAcc[16], zDec[16], zAsg[16];
    random_day(&seed, 2023, zAcc);
    day_after(zAcc, (int)(next_rand(&seed) % 12), zDec);
    day_after(zDec, (int)(next_rand(&seed) % 6), zAsg);
    str_appendf(&csv, "%s,援-I-%d,申请人,民事,%s,%s,%s\n", azOffice[next_rand(&seed) % 4], i, zAcc,
                i % 3 ? zDec : "", i % 3 == 2 ? zAsg : "");
  }
  test_tmp_path(zPath, sizeof zPath, "aid-dl.csv");
  test_write_file(zPath, str_cstr(&csv), csv.n);
  memset(&res, 0, sizeof res);
  {
    Err e = ERR_INIT;
    if (regimport_file(db, &actor, reg_find("aid_case"), zPath, NULL, &res, &e) != FZ_OK) {
      fail_msg("import: %s", err_msg(&e));
    }
  }
  assert_kept_equal(db);
  assert_deadlines_everywhere(db);
  assert_rollup_reads_equal_range_reads(db);
  str_free(&csv);
}

/* A changed deadline row is found, and a rebuild mends it. */
static void a_tampered_deadline_row_is_found(void **state) {
  Db *db = *state;
  Str report = STR_INIT;
  Err e = ERR_INIT;
  int64_t nBad = 0;
  unsigned seed = 3;
  int i;
  for (i = 0; i < 20; i++) add_aid_case(db, &seed, i);
  assert_kept_equal(db);
  assert_int_equal(db_exec(db, &e, "UPDATE deadline_tally SET n_met = n_met + 1"
                                   " WHERE (org, rule, year, due) = (SELECT org, rule, year, due"
                                   " FROM deadline_tally ORDER BY 1, 2, 3, 4 LIMIT 1)", ""),
                   FZ_OK);
  assert_int_equal(kept_verify(db, &nBad, &report, &e), FZ_OK);
  assert_int_equal(nBad, 1);
  assert_non_null(strstr(str_cstr(&report), "期限"));
  assert_int_equal(kept_rebuild(db, NULL, NULL, &e), FZ_OK);
  assert_kept_equal(db);
  str_free(&report);
}

static void a_tampered_row_is_found_and_a_rebuild_mends_it(void **state) {
  Db *db = *state;
  Str report = STR_INIT;
  Err e = ERR_INIT;
  int64_t nBad = 0;
  add_dispute(db, &(unsigned){7}, 9999);
  assert_int_equal(db_exec(db, &e, "UPDATE metric_tally SET n = n + 1"
                                   " WHERE metric = 'mediation.accepted'", ""), FZ_OK);
  assert_int_equal(kept_verify(db, &nBad, &report, &e), FZ_OK);
  assert_true(nBad > 0);
  assert_non_null(strstr(str_cstr(&report), "mediation.accepted"));
  str_free(&report);
  assert_int_equal(kept_rebuild(db, NULL, NULL, &e), FZ_OK);
  assert_kept_equal(db);
}

static void the_catalog_and_the_declarations_agree(void **state) {
  int i;
  (void)state;
  for (i = 0; i < metric_count; i++) {
    const Metric *m = &metric_all[i];
    int reads = (m->kind == MK_COUNT || m->kind == MK_MONEY) && !m->zSql;
    if (reads && !kept_find(m->zName)) fail_msg("%s reads no kept figure", m->zName);
  }
  for (i = 0; i < kept_count; i++) {
    const Metric *m = metric_find(kept_all[i].zName);
    if (!m || m->zSql) fail_msg("kept %s is read by no metric", kept_all[i].zName);
    assert_non_null(reg_find(kept_all[i].zTable));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(kept_figures_follow_every_write, setup, teardown),
      cmocka_unit_test_setup_teardown(kept_figures_follow_an_import, setup, teardown),
      cmocka_unit_test_setup_teardown(kept_figures_of_an_import_with_sums_and_year_ends, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(a_tampered_row_is_found_and_a_rebuild_mends_it, setup,
                                      teardown),
      cmocka_unit_test(the_catalog_and_the_declarations_agree),
      cmocka_unit_test_setup_teardown(an_import_counts_every_kept_register, setup, teardown),
      cmocka_unit_test_setup_teardown(kept_deadlines_follow_every_write, setup, teardown),
      cmocka_unit_test_setup_teardown(a_tampered_deadline_row_is_found, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
