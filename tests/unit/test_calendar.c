/* test_calendar.c — unit tests for src/base/calendar.c: the shipped national
 * calendar (data/calendar/cn.csv) against LAW.md §11, both deadline counts
 * pinned to exact dates, month arithmetic, local holidays and bad files. */
#include "testutil.h"

#include "../../src/base/calendar.h"
#include "../../src/base/mem.h"

/* ---- helpers ------------------------------------------------------------ */

static Date day(const char *z) {
  Err e = ERR_INIT;
  Date d = 0;
  if (date_parse(z, 0, &d, &e) != FZ_OK) fail_msg("bad test date %s", z);
  return d;
}

static void assert_day(Date got, const char *zWant, const char *zCase) {
  if (got != day(zWant)) {
    Str s = STR_INIT;
    date_format_iso(&s, got);
    fail_msg("%s: got %s, want %s", zCase, str_cstr(&s), zWant);
  }
}

/* The text of data/calendar/cn.csv; caller frees. */
static char *cn_text(void) {
  char zPath[512];
  const char *zData = getenv("FZ_TEST_DATA");
  FILE *f;
  long n;
  char *z;
  snprintf(zPath, sizeof zPath, "%s/calendar/cn.csv", zData ? zData : "data");
  f = fopen(zPath, "rb");
  if (!f) fail_msg("cannot open %s", zPath);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  z = mem_alloc((size_t)n + 1);
  if (fread(z, 1, (size_t)n, f) != (size_t)n) fail_msg("short read %s", zPath);
  z[n] = 0;
  fclose(f);
  return z;
}

static Calendar *cn_calendar(void) {
  Calendar *c = cal_new();
  Err e = ERR_INIT;
  char *z = cn_text();
  if (cal_load(c, z, "cn.csv", &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  assert_int_equal(e.nItem, 0);
  mem_free(z);
  return c;
}

static int setup(void **state) {
  *state = cn_calendar();
  return 0;
}

static int teardown(void **state) {
  cal_free(*state);
  return 0;
}

/* ---- the shipped table -------------------------------------------------- */

/* Every day of LAW.md §11, with its weekday, and whether it is worked. */
static void national_days(void **state) {
  static const struct {
    const char *zDay;
    int weekday, bWork;
  } a[] = {
      {"2024-01-01", 1, 0}, {"2024-02-04", 7, 1}, {"2024-02-09", 5, 1},
      {"2024-02-10", 6, 0}, {"2024-02-12", 1, 0}, {"2024-02-17", 6, 0},
      {"2024-02-18", 7, 1}, {"2024-04-04", 4, 0}, {"2024-04-06", 6, 0},
      {"2024-04-07", 7, 1}, {"2024-04-28", 7, 1}, {"2024-05-01", 3, 0},
      {"2024-05-05", 7, 0}, {"2024-05-06", 1, 1}, {"2024-05-11", 6, 1},
      {"2024-06-10", 1, 0}, {"2024-09-14", 6, 1}, {"2024-09-15", 7, 0},
      {"2024-09-17", 2, 0}, {"2024-09-29", 7, 1}, {"2024-10-01", 2, 0},
      {"2024-10-07", 1, 0}, {"2024-10-08", 2, 1}, {"2024-10-12", 6, 1},
      {"2024-10-13", 7, 0}, {"2025-01-01", 3, 0}, {"2025-01-26", 7, 1},
      {"2025-01-28", 2, 0}, {"2025-02-04", 2, 0}, {"2025-02-05", 3, 1},
      {"2025-02-08", 6, 1}, {"2025-04-04", 5, 0}, {"2025-04-06", 7, 0},
      {"2025-04-27", 7, 1}, {"2025-05-01", 4, 0}, {"2025-05-05", 1, 0},
      {"2025-05-31", 6, 0}, {"2025-06-02", 1, 0}, {"2025-09-28", 7, 1},
      {"2025-10-01", 3, 0}, {"2025-10-08", 3, 0}, {"2025-10-09", 4, 1},
      {"2025-10-11", 6, 1}, {"2026-01-01", 4, 0}, {"2026-01-03", 6, 0},
      {"2026-01-04", 7, 1}, {"2026-02-14", 6, 1}, {"2026-02-15", 7, 0},
      {"2026-02-23", 1, 0}, {"2026-02-24", 2, 1}, {"2026-02-28", 6, 1},
      {"2026-04-04", 6, 0}, {"2026-04-06", 1, 0}, {"2026-05-01", 5, 0},
      {"2026-05-05", 2, 0}, {"2026-05-09", 6, 1}, {"2026-06-19", 5, 0},
      {"2026-06-21", 7, 0}, {"2026-09-20", 7, 1}, {"2026-09-25", 5, 0},
      {"2026-09-27", 7, 0}, {"2026-10-01", 4, 0}, {"2026-10-07", 3, 0},
      {"2026-10-08", 4, 1}, {"2026-10-10", 6, 1},
  };
  const Calendar *c = *state;
  size_t i;
  for (i = 0; i < sizeof a / sizeof a[0]; i++) {
    Date d = day(a[i].zDay);
    if (date_weekday(d) != a[i].weekday) fail_msg("weekday of %s", a[i].zDay);
    if (cal_is_workday(c, NULL, d) != a[i].bWork) fail_msg("%s", a[i].zDay);
  }
}

/* Working days per year as counted from LAW.md §11 by an independent script
 * (2024's 251 is also the figure commonly cited): a check on every range and
 * make-up day at once. */
static void national_totals(void **state) {
  static const struct {
    int year, nWork;
  } a[] = {{2024, 251}, {2025, 248}, {2026, 248}};
  const Calendar *c = *state;
  size_t i;
  for (i = 0; i < sizeof a / sizeof a[0]; i++) {
    Date d, dEnd;
    int n = 0;
    Err e = ERR_INIT;
    date_from_ymd(a[i].year, 1, 1, &d, &e);
    date_from_ymd(a[i].year, 12, 31, &dEnd, &e);
    for (; d <= dEnd; d++)
      n += cal_is_workday(c, NULL, d);
    if (n != a[i].nWork) fail_msg("%d: %d working days", a[i].year, n);
  }
}

static void covers(void **state) {
  const Calendar *c = *state;
  Calendar *cEmpty = cal_new();
  assert_false(cal_covers(c, 2023));
  assert_true(cal_covers(c, 2024));
  assert_true(cal_covers(c, 2025));
  assert_true(cal_covers(c, 2026));
  assert_false(cal_covers(c, 2027));
  assert_false(cal_covers(cEmpty, 2024));
  assert_true(cal_is_workday(cEmpty, NULL, day("2024-10-01")));
  assert_false(cal_is_workday(cEmpty, NULL, day("2024-02-18")));
  cal_free(cEmpty);
}

/* ---- counting ----------------------------------------------------------- */

typedef struct Case {
  const char *zStart;
  int n;
  const char *zWant;
  int uncoveredYear; /* 0: all years covered */
  const char *zWhy;
} Case;

static void run_cases(const Calendar *c, const Case *a, size_t n, int bWork) {
  size_t i;
  for (i = 0; i < n; i++) {
    CalResult r = {0, -1, -1};
    int rc = bWork ? cal_add_workdays(c, NULL, day(a[i].zStart), a[i].n, &r)
                   : cal_add_days(c, NULL, day(a[i].zStart), a[i].n, &r);
    if (rc != FZ_OK) fail_msg("%s: rc %d", a[i].zWhy, rc);
    assert_day(r.date, a[i].zWant, a[i].zWhy);
    if (r.uncovered != (a[i].uncoveredYear != 0) ||
        r.uncoveredYear != a[i].uncoveredYear) {
      fail_msg("%s: uncovered %d/%d", a[i].zWhy, r.uncovered, r.uncoveredYear);
    }
  }
}

static void add_workdays(void **state) {
  static const Case a[] = {
      {"2024-02-07", 5, "2024-02-20", 0, "受理审查：春节，02-18 调休上班"},
      {"2024-03-01", 1, "2024-03-04", 0, "周五加一：跳过周末"},
      {"2024-03-02", 1, "2024-03-04", 0, "周六起算"},
      {"2024-03-08", 5, "2024-03-15", 0, "普通一周"},
      {"2024-04-03", 3, "2024-04-09", 0, "清明，04-07 周日上班"},
      {"2024-10-03", 1, "2024-10-08", 0, "起算日在国庆假期中"},
      {"2024-10-03", 5, "2024-10-12", 0, "国庆后 10-12 周六上班"},
      {"2025-01-24", 5, "2025-02-07", 0, "2025 春节，01-26 周日上班"},
      {"2025-09-25", 5, "2025-10-09", 0, "2025 国庆中秋，09-28 上班"},
      {"2025-09-26", 1, "2025-09-28", 0, "09-28 周日调休上班"},
      {"2025-09-30", 1, "2025-10-09", 0, "10-01…10-08 放假"},
      {"2025-09-30", 3, "2025-10-11", 0, "10-11 周六调休上班"},
      {"2025-12-31", 1, "2026-01-04", 0, "2026 元旦，01-04 周日上班"},
      {"2025-12-31", 2, "2026-01-05", 0, "2026 元旦后周一"},
      {"2026-02-12", 3, "2026-02-24", 0, "2026 春节，02-14 周六上班"},
      {"2026-02-13", 10, "2026-03-05", 0, "2026 春节，02-28 周六上班"},
      {"2024-09-10", 30, "2024-10-28", 0, "30 日：中秋、国庆及三个调休日"},
      {"2024-12-25", 30, "2025-02-12", 0, "30 日：元旦、春节"},
      {"2026-04-01", 30, "2026-05-18", 0, "30 日：清明、劳动节"},
      {"2024-02-07", 0, "2024-02-07", 0, "n=0，工作日"},
      {"2024-02-12", 0, "2024-02-18", 0, "n=0，假日"},
      {"2024-03-02", 0, "2024-03-04", 0, "n=0，周六"},
      {"2024-02-04", 0, "2024-02-04", 0, "n=0，调休上班的周日"},
      {"2026-12-20", 10, "2027-01-01", 2027, "进入 2027：按普通周计算"},
      {"2023-12-29", 1, "2024-01-02", 2023, "经过 2023 的周末"},
  };
  run_cases(*state, a, sizeof a / sizeof a[0], 1);
}

static void add_days(void **state) {
  static const Case a[] = {
      {"2024-08-02", 60, "2024-10-08", 0, "60 日到 10-01，顺延至 10-08"},
      {"2024-03-01", 1, "2024-03-04", 0, "到周六，顺延至周一"},
      {"2024-01-05", 30, "2024-02-04", 0, "到调休上班的周日，不顺延"},
      {"2024-09-15", 15, "2024-09-30", 0, "起算日为假日，到期日为工作日"},
      {"2024-09-30", 15, "2024-10-15", 0, "中间经过国庆，不影响"},
      {"2024-10-01", 3, "2024-10-08", 0, "起算日与到期日都在国庆"},
      {"2025-03-31", 60, "2025-05-30", 0, "普通到期"},
      {"2025-09-01", 30, "2025-10-09", 0, "2025 国庆中秋 8 天"},
      {"2025-12-02", 30, "2026-01-04", 0, "2026 元旦，01-04 周日上班"},
      {"2026-01-16", 30, "2026-02-24", 0, "2026 春节 9 天"},
      {"2024-03-06", 0, "2024-03-06", 0, "n=0，工作日"},
      {"2024-05-01", 0, "2024-05-06", 0, "n=0，劳动节"},
      {"2026-12-01", 60, "2027-02-01", 2027, "到 2027 的周六：按普通周"},
  };
  run_cases(*state, a, sizeof a / sizeof a[0], 0);
}

static void add_refused(void **state) {
  const Calendar *c = *state;
  CalResult r = {123, 4, 5};
  assert_int_equal(cal_add_workdays(c, NULL, day("2024-01-02"), -1, &r),
                   FZ_INVALID);
  assert_int_equal(cal_add_days(c, NULL, day("2024-01-02"), -1, &r),
                   FZ_INVALID);
  assert_int_equal(cal_add_days(c, NULL, day("2199-12-30"), 5, &r), FZ_INVALID);
  assert_int_equal(cal_add_workdays(c, NULL, day("2199-12-30"), 5, &r),
                   FZ_INVALID);
  assert_int_equal(r.date, 123);
  assert_int_equal(r.uncovered, 4);
}

static void add_months(void **state) {
  static const struct {
    const char *zStart;
    int n;
    const char *zWant;
  } a[] = {
      {"2024-01-31", 1, "2024-02-29"},    {"2023-01-31", 1, "2023-02-28"},
      {"2024-02-29", 12, "2025-02-28"},   {"2024-02-29", 48, "2028-02-29"},
      {"2024-03-15", 12, "2025-03-15"},   {"2024-08-31", 1, "2024-09-30"},
      {"2024-12-31", 2, "2025-02-28"},    {"2024-10-31", 4, "2025-02-28"},
      {"2024-05-31", -3, "2024-02-29"},   {"2024-01-15", -1, "2023-12-15"},
      {"2024-06-30", 0, "2024-06-30"},    {"2024-01-31", 36, "2027-01-31"},
      {"2000-02-29", 1200, "2100-02-28"},
  };
  size_t i;
  Date d = 7;
  (void)state;
  for (i = 0; i < sizeof a / sizeof a[0]; i++) {
    assert_int_equal(cal_add_months(day(a[i].zStart), a[i].n, &d), FZ_OK);
    assert_day(d, a[i].zWant, a[i].zStart);
  }
  d = 7;
  assert_int_equal(cal_add_months(day("2199-12-31"), 1, &d), FZ_INVALID);
  assert_int_equal(cal_add_months(day("1900-01-31"), -1, &d), FZ_INVALID);
  assert_int_equal(d, 7);
}

/* ---- local holidays ------------------------------------------------------ */

static const char zLocal[] =
    "region,year,kind,from,to,name\n"
    "632300000000,2025,year,,,黄南州\n"
    "632300000000,2025,holiday,2025-02-28,2025-03-04,藏历新年\n"
    "632300000000,2026,year,,,黄南州\n"
    "632300000000,2026,holiday,2026-02-18,2026-02-20,藏历新年\n";

static void local_holidays(void **state) {
  Calendar *c = *state;
  Err e = ERR_INIT;
  CalResult r = {0, 0, 0};
  Date d = day("2025-02-28");
  assert_int_equal(cal_load(c, zLocal, "huangnan.csv", &e), FZ_OK);
  assert_false(cal_is_workday(c, "632323000000", d));
  assert_false(cal_is_workday(c, "632300000000", d));
  assert_true(cal_is_workday(c, "630100000000", d));
  assert_true(cal_is_workday(c, NULL, d));
  assert_true(cal_is_workday(c, "632323000000", day("2025-03-05")));
  assert_int_equal(
      cal_add_workdays(c, "632323000000", day("2025-02-27"), 1, &r), FZ_OK);
  assert_day(r.date, "2025-03-05", "泽库：藏历新年");
  assert_int_equal(
      cal_add_workdays(c, "630100000000", day("2025-02-27"), 1, &r), FZ_OK);
  assert_day(r.date, "2025-02-28", "西宁：无藏历新年");
  /* Overlapping the national 春节 is fine: the regions differ. */
  assert_false(cal_is_workday(c, "632323000000", day("2026-02-20")));
  assert_true(cal_is_workday(c, "632323000000", day("2026-02-24")));
  assert_false(cal_covers(c, 2027));
  err_clear(&e);
}

/* ---- bad files ---------------------------------------------------------- */

/* Lines 2 and 3 are good and would make 2027 covered and 2027-03-03 (Wed) a
 * holiday, so a failed load that kept anything shows. */
#define BAD_HEAD                                                               \
  "region,year,kind,from,to,name\n"                                            \
  "CN,2027,year,,,2027\n"                                                      \
  "CN,2027,holiday,2027-03-03,2027-03-03,测试\n"

typedef struct Bad {
  const char *zText;
  long row;         /* the first problem's line */
  const char *zCol; /* its column, NULL for the whole line */
  const char *zMsg; /* a fragment of its message */
} Bad;

static void bad_files(void **state) {
  static const Bad a[] = {
      {"CN,2027,year,,,\n", 1, NULL, "表头"},
      {"", 1, NULL, "表头"},
      {BAD_HEAD "CN,2027,holiday,2027-05-01\n", 4, NULL, "6 列"},
      {BAD_HEAD "CN,2027,holiday,2027-05-01,2027-05-01,a,b\n", 4, NULL, "7 列"},
      {BAD_HEAD "CN,2027,vacation,2027-05-03,2027-05-03,x\n", 4, "kind",
       "vacation"},
      {BAD_HEAD "CN,2027,holiday,2027-02-30,2027-02-30,x\n", 4, "from",
       "2027-02-30"},
      {BAD_HEAD "CN,2027,holiday,2027-05-01,x,x\n", 4, "to", "x"},
      {BAD_HEAD "CN,27,holiday,2027-05-01,2027-05-01,x\n", 4, "year", "年份"},
      {BAD_HEAD "CN,2027,year,2027-01-01,,x\n", 4, "from", "为空"},
      {BAD_HEAD "63X,2027,holiday,2027-05-01,2027-05-01,x\n", 4, "region",
       "地区"},
      {BAD_HEAD "CN,2027,holiday,2027-05-05,2027-05-01,x\n", 4, "to", "早于"},
      {BAD_HEAD "CN,2027,holiday,2027-12-31,2028-01-02,x\n", 4, "to", "跨年"},
      {BAD_HEAD "CN,2027,holiday,2026-05-01,2026-05-01,x\n", 4, "year", "不符"},
      {BAD_HEAD "CN,2027,holiday,2027-03-01,2027-03-05,x\n", 4, "from", "重叠"},
      {BAD_HEAD "CN,2024,holiday,2024-10-07,2024-10-09,x\n", 4, "from",
       "cn.csv 第"},
      {BAD_HEAD "CN,2027,workday,2027-03-06,2027-03-06,x\n"
                "CN,2027,holiday,2027-03-05,2027-03-07,y\n",
       5, "from", "既是假日又是调休"},
      {BAD_HEAD "CN,2024,holiday,2024-02-18,2024-02-18,x\n", 4, "from",
       "既是假日又是调休"},
      {BAD_HEAD "CN,2024,workday,2024-10-05,2024-10-05,x\n", 4, "from",
       "既是假日又是调休"},
      {BAD_HEAD "CN,2027,workday,2027-03-08,2027-03-08,x\n", 4, "from",
       "不是周六或周日"},
      {BAD_HEAD "CN,2027,workday,2027-03-06,2027-03-07,x\n", 4, "to", "单日"},
      {BAD_HEAD "CN,2027,workday,2027-03-13,2027-03-13,x\n"
                "CN,2027,workday,2027-03-13,2027-03-13,x\n",
       5, "from", "重复"},
      {BAD_HEAD "CN,2028,holiday,2028-05-01,2028-05-01,x\n", 4, "year",
       "2028 年没有 year 行"},
      {BAD_HEAD "632300000000,2027,holiday,2027-03-01,2027-03-01,x\n", 4,
       "year", "632300000000,2027,year"},
      {BAD_HEAD "CN,2024,year,,,again\n", 4, "year", "year 行重复"},
      {BAD_HEAD "# comment\n\nCN,2027,year,,,again\n", 6, "year",
       "year 行重复"},
  };
  Calendar *c = *state;
  size_t i;
  for (i = 0; i < sizeof a / sizeof a[0]; i++) {
    Err e = ERR_INIT;
    const ErrItem *it;
    int rc = cal_load(c, a[i].zText, "bad.csv", &e);
    if (rc != FZ_INVALID || e.rc != FZ_INVALID || e.nItem < 1)
      fail_msg("case %zu: rc %d, %d items", i, rc, e.nItem);
    it = &e.aItem[0];
    if (it->row != a[i].row) fail_msg("case %zu: row %ld", i, it->row);
    if ((a[i].zCol == NULL) != (it->column == NULL) ||
        (a[i].zCol && strcmp(a[i].zCol, it->column) != 0)) {
      fail_msg("case %zu: column %s", i, it->column ? it->column : "NULL");
    }
    if (!strstr(it->msg, a[i].zMsg)) fail_msg("case %zu: %s", i, it->msg);
    if (!strstr(err_msg(&e), "bad.csv")) fail_msg("case %zu: summary", i);
    /* Unchanged: nothing of the file was kept. */
    assert_false(cal_covers(c, 2027));
    assert_true(cal_is_workday(c, NULL, day("2027-03-03")));
    assert_false(cal_is_workday(c, NULL, day("2024-10-07")));
    assert_true(cal_is_workday(c, NULL, day("2024-10-08")));
    assert_true(cal_is_workday(c, NULL, day("2024-02-18")));
    assert_false(cal_is_workday(c, NULL, day("2024-10-05")));
    err_clear(&e);
  }
}

/* Every problem of a file is listed, in line order; the good file loads
 * afterwards, and loading the national file twice is refused. */
static void bad_all_listed(void **state) {
  static const char zText[] = "region,year,kind,from,to,name\n"
                              "CN,2027,holiday,2027-05-05,2027-05-01,x\n"
                              "CN,2027,workday,2027-03-08,2027-03-08,x\n"
                              "CN,2027,nope,,,\n";
  Calendar *c = *state;
  Err e = ERR_INIT;
  char *zCn = cn_text();
  assert_int_equal(cal_load(c, zText, "bad.csv", &e), FZ_INVALID);
  assert_int_equal(e.nItem, 3);
  assert_int_equal(e.aItem[0].row, 2);
  assert_int_equal(e.aItem[1].row, 3);
  assert_int_equal(e.aItem[2].row, 4);
  assert_int_equal(e.row, 2);
  err_clear(&e);

  assert_int_equal(cal_load(c, zCn, "cn.csv", &e), FZ_INVALID);
  assert_int_equal(e.aItem[0].row, 6);
  assert_true(e.nItem > 3); /* year lines, ranges and make-up days clash */
  err_clear(&e);
  mem_free(zCn);

  assert_int_equal(cal_load(c, BAD_HEAD, "2027.csv", &e), FZ_OK);
  assert_true(cal_covers(c, 2027));
  assert_false(cal_is_workday(c, NULL, day("2027-03-03")));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(national_days, setup, teardown),
      cmocka_unit_test_setup_teardown(national_totals, setup, teardown),
      cmocka_unit_test_setup_teardown(covers, setup, teardown),
      cmocka_unit_test_setup_teardown(add_workdays, setup, teardown),
      cmocka_unit_test_setup_teardown(add_days, setup, teardown),
      cmocka_unit_test_setup_teardown(add_refused, setup, teardown),
      cmocka_unit_test(add_months),
      cmocka_unit_test_setup_teardown(local_holidays, setup, teardown),
      cmocka_unit_test_setup_teardown(bad_files, setup, teardown),
      cmocka_unit_test_setup_teardown(bad_all_listed, setup, teardown),
  };
  return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
