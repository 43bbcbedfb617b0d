/* test_date.c — unit tests for src/base/date.c: the day arithmetic, every
 * accepted input form and the ones refused, Excel serials (with the phantom
 * 1900-02-29), formatting round trips and weekdays. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* localtime_r */
#endif
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../src/base/date.h"

#define D_1970_01_01 0
#define D_1900_01_01 (-25567)
#define D_1900_03_01 (-25508)
#define D_2000_02_29 11016
#define D_2024_03_05 19787
#define D_2199_12_31 84005

/* Parse z expecting success; returns the day. */
static Date parse_ok(const char *z, int flags) {
  Err e = ERR_INIT;
  Date d = -1;
  int rc = date_parse(z, flags, &d, &e);
  if (rc != FZ_OK) fail_msg("date_parse(\"%s\") failed: %s", z, err_msg(&e));
  err_clear(&e);
  return d;
}

/* Parse z expecting FZ_INVALID with a message containing zFrag (and, when
 * zFrag2 is not NULL, that too); *pD must not be touched. */
static void parse_bad(const char *z, int flags, const char *zFrag,
                      const char *zFrag2) {
  Err e = ERR_INIT;
  Date d = 12345;
  int rc = date_parse(z, flags, &d, &e);
  if (rc != FZ_INVALID) fail_msg("date_parse(\"%s\") gave rc %d", z, rc);
  assert_int_equal(e.rc, FZ_INVALID);
  assert_int_equal(d, 12345);
  if (!strstr(err_msg(&e), zFrag)) {
    fail_msg("message for \"%s\" lacks \"%s\": %s", z, zFrag, err_msg(&e));
  }
  if (zFrag2 && !strstr(err_msg(&e), zFrag2)) {
    fail_msg("message for \"%s\" lacks \"%s\": %s", z, zFrag2, err_msg(&e));
  }
  err_clear(&e);
}

static void test_leap(void **state) {
  (void)state;
  assert_true(date_is_leap(2024));
  assert_false(date_is_leap(2023));
  assert_false(date_is_leap(1900));
  assert_true(date_is_leap(2000));
  assert_false(date_is_leap(2100));
  assert_true(date_is_leap(2196));
}

static void test_days_in_month(void **state) {
  static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int m;
  (void)state;
  for (m = 1; m <= 12; m++)
    assert_int_equal(date_days_in_month(2023, m), aDays[m - 1]);
  assert_int_equal(date_days_in_month(2024, 2), 29);
  assert_int_equal(date_days_in_month(1900, 2), 28);
  assert_int_equal(date_days_in_month(2000, 2), 29);
  assert_int_equal(date_days_in_month(2024, 0), 0);
  assert_int_equal(date_days_in_month(2024, 13), 0);
  assert_int_equal(date_days_in_month(2024, -1), 0);
}

static void test_from_ymd_known(void **state) {
  Err e = ERR_INIT;
  Date d;
  (void)state;
  assert_int_equal(date_from_ymd(1970, 1, 1, &d, &e), FZ_OK);
  assert_int_equal(d, D_1970_01_01);
  assert_int_equal(date_from_ymd(2024, 3, 5, &d, &e), FZ_OK);
  assert_int_equal(d, D_2024_03_05);
  assert_int_equal(date_from_ymd(1900, 1, 1, &d, &e), FZ_OK);
  assert_int_equal(d, D_1900_01_01);
  assert_int_equal(date_from_ymd(1900, 3, 1, &d, &e), FZ_OK);
  assert_int_equal(d, D_1900_03_01);
  assert_int_equal(date_from_ymd(2000, 2, 29, &d, &e), FZ_OK);
  assert_int_equal(d, D_2000_02_29);
  assert_int_equal(date_from_ymd(2199, 12, 31, &d, &e), FZ_OK);
  assert_int_equal(d, D_2199_12_31);
  assert_int_equal(date_from_ymd(1969, 12, 31, &d, &e), FZ_OK);
  assert_int_equal(d, -1);
  assert_int_equal(e.rc, FZ_OK);
  assert_null(e.msg);
}

static void test_from_ymd_invalid(void **state) {
  Err e = ERR_INIT;
  Date d = 7;
  (void)state;
  assert_int_equal(date_from_ymd(2023, 2, 29, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "2023-02-29"));
  assert_non_null(strstr(err_msg(&e), "2023年2月只有28天"));
  err_clear(&e);
  assert_int_equal(date_from_ymd(1900, 2, 29, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "1900年2月只有28天"));
  err_clear(&e);
  assert_int_equal(date_from_ymd(2024, 4, 31, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "2024年4月只有30天"));
  err_clear(&e);
  assert_int_equal(date_from_ymd(2024, 13, 1, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "月份应为1至12"));
  err_clear(&e);
  assert_int_equal(date_from_ymd(2024, 0, 1, &d, &e), FZ_INVALID);
  err_clear(&e);
  assert_int_equal(date_from_ymd(2024, 1, 0, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "日应为1至31"));
  err_clear(&e);
  assert_int_equal(date_from_ymd(1899, 12, 31, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "年份1899超出范围"));
  err_clear(&e);
  assert_int_equal(date_from_ymd(2200, 1, 1, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "年份2200超出范围"));
  err_clear(&e);
  assert_int_equal(d, 7);
  /* A NULL Err is allowed: the rc still says what happened. */
  assert_int_equal(date_from_ymd(2023, 2, 29, &d, NULL), FZ_INVALID);
}

static void test_first_error_sticks(void **state) {
  Err e = ERR_INIT;
  Date d;
  (void)state;
  assert_int_equal(date_parse("2023-02-29", 0, &d, &e), FZ_INVALID);
  assert_int_equal(date_parse("nonsense", 0, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "2023-02-29"));
  assert_null(strstr(err_msg(&e), "nonsense"));
  err_clear(&e);
}

static void test_to_ymd(void **state) {
  int y, m, d;
  (void)state;
  date_to_ymd(D_2024_03_05, &y, &m, &d);
  assert_int_equal(y, 2024);
  assert_int_equal(m, 3);
  assert_int_equal(d, 5);
  date_to_ymd(-1, &y, &m, &d);
  assert_int_equal(y, 1969);
  assert_int_equal(m, 12);
  assert_int_equal(d, 31);
  date_to_ymd(D_2000_02_29, &y, &m, &d);
  assert_int_equal(m, 2);
  assert_int_equal(d, 29);
  /* Far outside the supported years the arithmetic must still not
   * overflow (UBSan watches this). */
  date_to_ymd(INT32_MAX, &y, &m, &d);
  assert_true(y > 5000000);
  date_to_ymd(INT32_MIN, &y, &m, &d);
  assert_true(y < -5000000);
}

static void test_parse_forms(void **state) {
  (void)state;
  assert_int_equal(parse_ok("2024-03-05", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024-3-5", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024-03-5", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024/3/5", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024/03/05", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024.03.05", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024.3.5", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024年3月5日", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024年03月05日", 0), D_2024_03_05);
  assert_int_equal(parse_ok("  2024-03-05\t\r\n", 0), D_2024_03_05);
  assert_int_equal(parse_ok("\t2024年3月5日 ", 0), D_2024_03_05);
  /* Full-width digits and separators, as a Chinese IME types them. */
  assert_int_equal(parse_ok("２０２４年３月５日", 0), D_2024_03_05);
  assert_int_equal(parse_ok("２０２４－０３－０５", 0), D_2024_03_05);
  assert_int_equal(parse_ok("2024／3／5", 0), D_2024_03_05);
  /* The calendar forms still work when serials are allowed. */
  assert_int_equal(parse_ok("2024-03-05", DATE_ALLOW_SERIAL), D_2024_03_05);
  assert_int_equal(parse_ok("2024.03.05", DATE_ALLOW_SERIAL), D_2024_03_05);
}

static void test_parse_leap_days(void **state) {
  (void)state;
  assert_int_equal(parse_ok("2024-02-29", 0), D_2024_03_05 - 5);
  assert_int_equal(parse_ok("2000-02-29", 0), D_2000_02_29);
  assert_int_equal(parse_ok("2000年2月29日", 0), D_2000_02_29);
  parse_bad("2023-02-29", 0, "日期“2023-02-29”不存在", "2023年2月只有28天");
  parse_bad("1900-02-29", 0, "1900-02-29", "1900年2月只有28天");
  parse_bad("2100/2/29", 0, "2100/2/29", "2100年2月只有28天");
  parse_bad("2023年2月29日", 0, "日期“2023年2月29日”不存在", "28天");
  parse_bad("2024-02-30", 0, "2024-02-30", "2024年2月只有29天");
  parse_bad("2024-04-31", 0, "2024-04-31", "2024年4月只有30天");
  parse_bad("2024-13-01", 0, "2024-13-01", "月份应为1至12");
  parse_bad("2024-00-10", 0, "2024-00-10", "月份应为1至12");
  parse_bad("2024-01-00", 0, "2024-01-00", "日应为1至31");
}

static void test_parse_year_range(void **state) {
  (void)state;
  assert_int_equal(parse_ok("1900-01-01", 0), D_1900_01_01);
  assert_int_equal(parse_ok("2199-12-31", 0), D_2199_12_31);
  parse_bad("1899-12-31", 0, "1899-12-31", "超出范围");
  parse_bad("2200-01-01", 0, "2200-01-01", "超出范围");
  parse_bad("0000-01-01", 0, "0000-01-01", "超出范围");
}

static void test_parse_rejects(void **state) {
  static const char *const azBad[] = {
      "2024-03/05", /* mixed separators */
      "2024/03-05",
      "2024.03-05",
      "2024-03-05x", /* trailing junk */
      "2024-03-05 10:00",
      "2024-03-05日",
      "x2024-03-05",
      "24-3-5", /* two-digit year */
      "02024-03-05",
      "2024-003-05",
      "2024-03-005",
      "2024-03",
      "2024-03-",
      "2024--03-05",
      "2024年3月5",
      "2024年3月",
      "2024年3-5日",
      "2024 03 05",
      "2024 - 03 - 05",
      "20240305", /* compact digits: a bare number */
      "45356",    /* a serial, not allowed without the flag */
      "45356.5",
      "abc",
      "-",
      "2024-03-05\x01",
      "2024-0x3-05"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof azBad / sizeof azBad[0]; i++) {
    parse_bad(azBad[i], 0, "无法识别的日期", "2024年3月5日");
  }
  parse_bad("2024-03/05", 0, "“2024-03/05”", NULL);
  /* The message quotes the trimmed value. */
  parse_bad("  foo  ", 0, "“foo”", NULL);
}

static void test_parse_empty(void **state) {
  (void)state;
  parse_bad("", 0, "日期不能为空", NULL);
  parse_bad("   \t\n", 0, "日期不能为空", NULL);
  parse_bad(NULL, 0, "日期不能为空", NULL);
  parse_bad("", DATE_ALLOW_SERIAL, "日期不能为空", NULL);
}

static void test_parse_long_junk(void **state) {
  char z[2000];
  Err e = ERR_INIT;
  Date d;
  size_t i;
  (void)state;
  for (i = 0; i + 3 < sizeof z; i += 3)
    memcpy(z + i, "日", 3);
  z[i] = 0;
  assert_int_equal(date_parse(z, 0, &d, &e), FZ_INVALID);
  /* Shortened, but never in the middle of a character. */
  assert_true(strlen(err_msg(&e)) < 400);
  assert_non_null(strstr(err_msg(&e), "日日日”"));
  err_clear(&e);
  memset(z, '9', sizeof z - 1);
  z[sizeof z - 1] = 0;
  assert_int_equal(date_parse(z, DATE_ALLOW_SERIAL, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "超出范围"));
  err_clear(&e);
}

static void test_parse_serial(void **state) {
  (void)state;
  assert_int_equal(parse_ok("1", DATE_ALLOW_SERIAL), D_1900_01_01);
  assert_int_equal(parse_ok("59", DATE_ALLOW_SERIAL), D_1900_03_01 - 1);
  assert_int_equal(parse_ok("61", DATE_ALLOW_SERIAL), D_1900_03_01);
  assert_int_equal(parse_ok("45356", DATE_ALLOW_SERIAL), D_2024_03_05);
  assert_int_equal(parse_ok("25569", DATE_ALLOW_SERIAL), D_1970_01_01);
  assert_int_equal(parse_ok(" 45356 ", DATE_ALLOW_SERIAL), D_2024_03_05);
  assert_int_equal(parse_ok("045356", DATE_ALLOW_SERIAL), D_2024_03_05);
  /* A time of day is dropped. */
  assert_int_equal(parse_ok("45356.75", DATE_ALLOW_SERIAL), D_2024_03_05);
  assert_int_equal(parse_ok("45356.0", DATE_ALLOW_SERIAL), D_2024_03_05);
  assert_int_equal(parse_ok("109574", DATE_ALLOW_SERIAL), D_2199_12_31);
  parse_bad("60", DATE_ALLOW_SERIAL, "“60”", "1900年2月29日并不存在");
  parse_bad("60.5", DATE_ALLOW_SERIAL, "1900年2月29日", NULL);
  parse_bad("0", DATE_ALLOW_SERIAL, "“0”", "超出范围");
  parse_bad("109575", DATE_ALLOW_SERIAL, "“109575”", "超出范围");
  parse_bad("99999999999999999999999", DATE_ALLOW_SERIAL, "超出范围", NULL);
  parse_bad("-5", DATE_ALLOW_SERIAL, "无法识别的日期", NULL);
  parse_bad("45356.", DATE_ALLOW_SERIAL, "无法识别的日期", NULL);
  parse_bad(".5", DATE_ALLOW_SERIAL, "无法识别的日期", NULL);
  parse_bad("45356.5.5", DATE_ALLOW_SERIAL, "无法识别的日期", NULL);
  parse_bad("45356abc", DATE_ALLOW_SERIAL, "无法识别的日期", NULL);
  parse_bad("4.5e4", DATE_ALLOW_SERIAL, "无法识别的日期", NULL);
}

static void test_from_excel_serial(void **state) {
  Err e = ERR_INIT;
  Date d = 3;
  (void)state;
  assert_int_equal(date_from_excel_serial(45356.0, &d, &e), FZ_OK);
  assert_int_equal(d, D_2024_03_05);
  assert_int_equal(date_from_excel_serial(45356.999, &d, &e), FZ_OK);
  assert_int_equal(d, D_2024_03_05);
  assert_int_equal(date_from_excel_serial(1.0, &d, &e), FZ_OK);
  assert_int_equal(d, D_1900_01_01);
  assert_int_equal(date_from_excel_serial(59.0, &d, &e), FZ_OK);
  assert_int_equal(d, D_1900_03_01 - 1);
  assert_int_equal(date_from_excel_serial(61.0, &d, &e), FZ_OK);
  assert_int_equal(d, D_1900_03_01);
  assert_int_equal(e.rc, FZ_OK);
  d = 3;
  assert_int_equal(date_from_excel_serial(60.0, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "1900年2月29日并不存在"));
  err_clear(&e);
  assert_int_equal(date_from_excel_serial(0.5, &d, &e), FZ_INVALID);
  err_clear(&e);
  assert_int_equal(date_from_excel_serial(-1.0, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "“-1”"));
  err_clear(&e);
  assert_int_equal(date_from_excel_serial(NAN, &d, &e), FZ_INVALID);
  err_clear(&e);
  assert_int_equal(date_from_excel_serial(INFINITY, &d, &e), FZ_INVALID);
  err_clear(&e);
  assert_int_equal(date_from_excel_serial(1e300, &d, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "超出范围"));
  err_clear(&e);
  assert_int_equal(d, 3);
}

static void test_to_excel_serial(void **state) {
  Err e = ERR_INIT;
  Date d, back;
  (void)state;
  assert_true(date_to_excel_serial(D_1900_01_01) == 1.0);
  assert_true(date_to_excel_serial(D_1900_03_01 - 1) == 59.0);
  assert_true(date_to_excel_serial(D_1900_03_01) == 61.0);
  assert_true(date_to_excel_serial(D_2024_03_05) == 45356.0);
  assert_true(date_to_excel_serial(D_1970_01_01) == 25569.0);
  assert_true(date_to_excel_serial(D_2199_12_31) == 109574.0);
  /* Inverse over the whole supported range; no serial is ever 60. */
  for (d = D_1900_01_01; d <= D_2199_12_31; d++) {
    double s = date_to_excel_serial(d);
    assert_true(s != 60.0);
    assert_int_equal(date_from_excel_serial(s, &back, &e), FZ_OK);
    assert_int_equal(back, d);
  }
  assert_int_equal(e.rc, FZ_OK);
}

static void test_format(void **state) {
  Str s = STR_INIT;
  (void)state;
  date_format_iso(&s, D_2024_03_05);
  assert_string_equal(str_cstr(&s), "2024-03-05");
  str_reset(&s);
  date_format_cn(&s, D_2024_03_05);
  assert_string_equal(str_cstr(&s), "2024年3月5日");
  str_reset(&s);
  date_format_iso(&s, D_1900_01_01);
  str_putc(&s, ' ');
  date_format_cn(&s, D_2199_12_31);
  assert_string_equal(str_cstr(&s), "1900-01-01 2199年12月31日");
  str_reset(&s);
  date_format_iso(&s, D_1970_01_01);
  assert_string_equal(str_cstr(&s), "1970-01-01");
  str_free(&s);
}

/* Every day 1900–2199: format then parse is the identity, in both forms,
 * and consecutive days are consecutive dates. */
static void test_round_trip(void **state) {
  Str s = STR_INIT;
  Date d;
  int py = 1899, pm = 12, pd = 31;
  (void)state;
  for (d = D_1900_01_01; d <= D_2199_12_31; d++) {
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if (dd == 1) {
      assert_true(pd == date_days_in_month(py, pm));
      assert_true(m == pm % 12 + 1);
    } else {
      assert_true(y == py && m == pm && dd == pd + 1);
    }
    py = y, pm = m, pd = dd;
    str_reset(&s);
    date_format_iso(&s, d);
    if (parse_ok(str_cstr(&s), 0) != d) fail_msg("iso %s", str_cstr(&s));
    str_reset(&s);
    date_format_cn(&s, d);
    if (parse_ok(str_cstr(&s), 0) != d) fail_msg("cn %s", str_cstr(&s));
    assert_int_equal(date_year(d), y);
  }
  assert_int_equal(py, 2199);
  str_free(&s);
}

static void test_weekday(void **state) {
  (void)state;
  assert_int_equal(date_weekday(D_2024_03_05), 2); /* Tuesday */
  assert_int_equal(date_weekday(D_1970_01_01), 4); /* Thursday */
  assert_int_equal(date_weekday(-1), 3);           /* 1969-12-31 Wed */
  assert_int_equal(date_weekday(D_1900_01_01), 1); /* Monday */
  assert_int_equal(date_weekday(D_2000_02_29), 2); /* Tuesday */
  assert_int_equal(date_weekday(parse_ok("2024-10-01", 0)), 2);
  assert_int_equal(date_weekday(parse_ok("2024-03-10", 0)), 7); /* Sunday */
  assert_int_equal(date_weekday(parse_ok("2024-03-09", 0)), 6);
  assert_int_equal(date_weekday(D_2199_12_31), 2);
  assert_true(date_weekday(INT32_MIN) >= 1 && date_weekday(INT32_MIN) <= 7);
  assert_true(date_weekday(INT32_MAX) >= 1 && date_weekday(INT32_MAX) <= 7);
}

static void test_year(void **state) {
  (void)state;
  assert_int_equal(date_year(D_2024_03_05), 2024);
  assert_int_equal(date_year(-1), 1969);
  assert_int_equal(date_year(D_1900_01_01), 1900);
  assert_int_equal(date_year(D_2199_12_31), 2199);
}

static void test_today(void **state) {
  time_t now = time(NULL);
  struct tm tm;
  Date t = date_today();
  int y, m, d;
  (void)state;
  assert_non_null(localtime_r(&now, &tm));
  date_to_ymd(t, &y, &m, &d);
  /* Allow for midnight passing between the two clock reads. */
  if (d != tm.tm_mday) t = date_today(), date_to_ymd(t, &y, &m, &d);
  assert_int_equal(y, tm.tm_year + 1900);
  assert_int_equal(m, tm.tm_mon + 1);
  assert_int_equal(d, tm.tm_mday);
  assert_true(t > D_2024_03_05);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_leap),
      cmocka_unit_test(test_days_in_month),
      cmocka_unit_test(test_from_ymd_known),
      cmocka_unit_test(test_from_ymd_invalid),
      cmocka_unit_test(test_first_error_sticks),
      cmocka_unit_test(test_to_ymd),
      cmocka_unit_test(test_parse_forms),
      cmocka_unit_test(test_parse_leap_days),
      cmocka_unit_test(test_parse_year_range),
      cmocka_unit_test(test_parse_rejects),
      cmocka_unit_test(test_parse_empty),
      cmocka_unit_test(test_parse_long_junk),
      cmocka_unit_test(test_parse_serial),
      cmocka_unit_test(test_from_excel_serial),
      cmocka_unit_test(test_to_excel_serial),
      cmocka_unit_test(test_format),
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_weekday),
      cmocka_unit_test(test_year),
      cmocka_unit_test(test_today),
  };
  return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
