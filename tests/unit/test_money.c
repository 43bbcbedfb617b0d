/* test_money.c — unit tests for src/base/money.c: every accepted way of
 * writing an amount, the ones refused (decimals, grouping, junk, int64
 * overflow) and the yuan and 万元 formats with their rounding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/base/money.h"

/* Parse z expecting success; returns the fen. */
static int64_t parse_ok(const char *z) {
  Err e = ERR_INIT;
  int64_t fen = -777;
  if (money_parse(z, &fen, &e) != FZ_OK) {
    fail_msg("money_parse(\"%s\") failed: %s", z, err_msg(&e));
  }
  assert_int_equal(e.rc, FZ_OK);
  err_clear(&e);
  return fen;
}

/* Parse z expecting FZ_INVALID with zFrag (and zFrag2 unless NULL) in the
 * message; the output must be left alone. */
static void parse_bad(const char *z, const char *zFrag, const char *zFrag2) {
  Err e = ERR_INIT;
  int64_t fen = -777;
  int rc = money_parse(z, &fen, &e);
  if (rc != FZ_INVALID) fail_msg("money_parse(\"%s\") gave rc %d", z, rc);
  assert_true(fen == -777);
  if (!strstr(err_msg(&e), zFrag)) {
    fail_msg("message for \"%s\" lacks \"%s\": %s", z, zFrag, err_msg(&e));
  }
  if (zFrag2 && !strstr(err_msg(&e), zFrag2)) {
    fail_msg("message for \"%s\" lacks \"%s\": %s", z, zFrag2, err_msg(&e));
  }
  err_clear(&e);
}

static void check_yuan(int64_t fen, const char *zWant) {
  Str s = STR_INIT;
  money_format_yuan(&s, fen);
  assert_string_equal(str_cstr(&s), zWant);
  str_free(&s);
}

static void check_wan(int64_t fen, int decimals, const char *zWant) {
  Str s = STR_INIT;
  money_format_wan(&s, fen, decimals);
  if (strcmp(str_cstr(&s), zWant) != 0) {
    fail_msg("money_format_wan(%lld, %d) = \"%s\", want \"%s\"", (long long)fen,
             decimals, str_cstr(&s), zWant);
  }
  str_free(&s);
}

static void test_parse_plain(void **state) {
  (void)state;
  assert_true(parse_ok("1234.5") == 123450);
  assert_true(parse_ok("1234.56") == 123456);
  assert_true(parse_ok("1234") == 123400);
  assert_true(parse_ok("0") == 0);
  assert_true(parse_ok("0.01") == 1);
  assert_true(parse_ok("0.1") == 10);
  assert_true(parse_ok("007") == 700);
  assert_true(parse_ok("  12.30 \t") == 1230);
  assert_true(parse_ok("-12.3") == -1230);
  assert_true(parse_ok("+12.3") == 1230);
  assert_true(parse_ok("-0") == 0);
  assert_true(parse_ok("-0.05") == -5);
}

static void test_parse_decorated(void **state) {
  (void)state;
  assert_true(parse_ok("1,234.50元") == 123450);
  assert_true(parse_ok("¥1234") == 123400);
  assert_true(parse_ok("￥1,234.5") == 123450);
  assert_true(parse_ok("-¥12") == -1200);
  assert_true(parse_ok("¥-12") == -1200);
  assert_true(parse_ok("12元") == 1200);
  assert_true(parse_ok("12 元") == 1200);
  assert_true(parse_ok("1,234,567.89") == 123456789);
  assert_true(parse_ok("1，234") == 123400); /* full-width comma */
  assert_true(parse_ok("123,456") == 12345600);
  assert_true(parse_ok("１２３") == 12300); /* full-width digits */
  assert_true(parse_ok("１２３．４５元") == 12345);
  assert_true(parse_ok("－５") == -500);
}

static void test_parse_wan(void **state) {
  (void)state;
  assert_true(parse_ok("2150万元") == 2150000000LL);
  assert_true(parse_ok("2150万") == 2150000000LL);
  assert_true(parse_ok("2150 万元") == 2150000000LL);
  assert_true(parse_ok("0.604万") == 604000);
  assert_true(parse_ok("0.604万元") == 604000);
  assert_true(parse_ok("1.234567万") == 1234567);
  assert_true(parse_ok("-3.5万元") == -3500000);
  assert_true(parse_ok("¥1,000万元") == 1000000000LL);
  parse_bad("1.2345678万", "最多六位小数", "1.2345678万");
  parse_bad("万", "无法识别", NULL);
  parse_bad("2150万万", "无法识别", NULL);
  parse_bad("2150元万", "无法识别", NULL);
  parse_bad("2150万元元", "无法识别", NULL);
}

static void test_parse_decimals(void **state) {
  (void)state;
  parse_bad("1.234", "“1.234”", "最多两位小数");
  parse_bad("0.001", "最多两位小数", NULL);
  parse_bad("1.239元", "最多两位小数", NULL);
  /* Zeros past the second decimal change nothing and are accepted. */
  assert_true(parse_ok("1.230") == 123);
  assert_true(parse_ok("1.50000000") == 150);
  assert_true(parse_ok("1.2340000万") == 1234000);
  parse_bad("1.", "无法识别", NULL);
  parse_bad(".5", "无法识别", NULL);
  parse_bad("1.2.3", "无法识别", NULL);
}

static void test_parse_grouping(void **state) {
  (void)state;
  parse_bad("1,23", "“1,23”", "千位分隔符");
  parse_bad("1,2345", "千位分隔符", NULL);
  parse_bad("1234,567", "千位分隔符", NULL);
  parse_bad("12,34,567", "千位分隔符", NULL);
  parse_bad("1,,234", "千位分隔符", NULL);
  parse_bad(",123", "千位分隔符", NULL);
  parse_bad("123,", "千位分隔符", NULL);
  parse_bad("1,234.5,6", "无法识别", NULL);
}

static void test_parse_junk(void **state) {
  static const char *const azBad[] = {
      "12a", "a12",   "1 2",   "--1",    "-+1",   "+-1",     "¥",   "元",
      "-",   "1e5",   "0x10",  "12元元", "元12",  "¥¥12",    "12¥", "1 000",
      "$12", "12 34", "１２a", "1_000",  "12.5-", "\xff\xfe"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof azBad / sizeof azBad[0]; i++) {
    parse_bad(azBad[i], "无法识别", "2150万元");
  }
  parse_bad("12a", "金额“12a”", NULL);
  parse_bad("", "金额不能为空", NULL);
  parse_bad("   ", "金额不能为空", NULL);
  parse_bad(NULL, "金额不能为空", NULL);
}

static void test_parse_overflow(void **state) {
  (void)state;
  /* INT64_MAX fen is 92233720368547758.07 yuan. */
  assert_true(parse_ok("92233720368547758.07") == INT64_MAX);
  assert_true(parse_ok("-92233720368547758.07") == -INT64_MAX);
  assert_true(parse_ok("92,233,720,368,547,758.07元") == INT64_MAX);
  parse_bad("92233720368547758.08", "超出可处理的范围", NULL);
  parse_bad("92233720368547759", "超出可处理的范围", NULL);
  parse_bad("9223372036854775807", "超出可处理的范围", NULL);
  parse_bad("9223372036854775808", "超出可处理的范围", NULL);
  parse_bad("99999999999999999999999999", "超出可处理的范围", NULL);
  parse_bad("-99999999999999999999999999.99", "超出可处理的范围", NULL);
  /* In 万元 the limit is 9223372036854.775807. */
  assert_true(parse_ok("9223372036854.775807万") == INT64_MAX);
  parse_bad("9223372036854.775808万", "超出可处理的范围", NULL);
  parse_bad("9223372036855万元", "超出可处理的范围", NULL);
}

static void test_first_error_sticks(void **state) {
  Err e = ERR_INIT;
  int64_t fen = 1;
  (void)state;
  assert_int_equal(money_parse("1.234", &fen, &e), FZ_INVALID);
  assert_int_equal(money_parse("abc", &fen, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "1.234"));
  assert_null(strstr(err_msg(&e), "abc"));
  /* A later success leaves the recorded error alone. */
  assert_int_equal(money_parse("5", &fen, &e), FZ_OK);
  assert_true(fen == 500);
  assert_int_equal(e.rc, FZ_INVALID);
  err_clear(&e);
  assert_int_equal(money_parse("1.234", &fen, NULL), FZ_INVALID);
}

static void test_format_yuan(void **state) {
  (void)state;
  check_yuan(0, "0.00");
  check_yuan(1, "0.01");
  check_yuan(-5, "-0.05");
  check_yuan(123456, "1234.56");
  check_yuan(215000, "2150.00");
  check_yuan(-123450, "-1234.50");
  check_yuan(100, "1.00");
  check_yuan(INT64_MAX, "92233720368547758.07");
  check_yuan(INT64_MIN, "-92233720368547758.08");
}

static void test_format_yuan_round_trip(void **state) {
  static const int64_t aFen[] = {
      0, 1, -1, 99, 100, 123456, -98765, 2150000000LL, INT64_MAX, -INT64_MAX};
  size_t i;
  int64_t f;
  Str s = STR_INIT;
  (void)state;
  for (i = 0; i < sizeof aFen / sizeof aFen[0]; i++) {
    str_reset(&s);
    money_format_yuan(&s, aFen[i]);
    assert_true(parse_ok(str_cstr(&s)) == aFen[i]);
  }
  for (f = -100000; f <= 100000; f += 7) {
    str_reset(&s);
    money_format_yuan(&s, f);
    assert_true(parse_ok(str_cstr(&s)) == f);
  }
  str_free(&s);
}

static void test_format_wan(void **state) {
  (void)state;
  check_wan(2150000000LL, 2, "2150");
  check_wan(604000, 3, "0.604");
  check_wan(604000, 1, "0.6");
  check_wan(604000, 6, "0.604");
  check_wan(604000, 0, "1");
  check_wan(404000, 0, "0");
  check_wan(0, 2, "0");
  check_wan(1234567, 6, "1.234567");
  check_wan(1234567, 4, "1.2346");
  check_wan(1234567, 2, "1.23");
  check_wan(1000000, 4, "1");
  check_wan(1050000, 1, "1.1"); /* half rounds away from zero */
  check_wan(1049999, 1, "1");
  check_wan(1250000, 1, "1.3");
  check_wan(-1050000, 1, "-1.1");
  check_wan(-1250000, 1, "-1.3");
  check_wan(-1049999, 1, "-1");
  check_wan(-604000, 3, "-0.604");
  check_wan(500000, 0, "1"); /* 0.5 万 */
  check_wan(-500000, 0, "-1");
  check_wan(499999, 0, "0");
  check_wan(-499999, 0, "0"); /* rounds to zero: no "-0" */
  check_wan(-1, 2, "0");
  check_wan(9999999, 2, "10"); /* carry into the integer */
  check_wan(1000100, 4, "1.0001");
  check_wan(1000100, 3, "1");
  check_wan(1, 6, "0.000001");
  check_wan(1, 9, "0.000001"); /* six places are exact already */
  check_wan(1234567, -3, "1");
  check_wan(INT64_MAX, 6, "9223372036854.775807");
  check_wan(INT64_MAX, 0, "9223372036855");
  check_wan(INT64_MIN, 6, "-9223372036854.775808");
  check_wan(INT64_MIN, 2, "-9223372036854.78");
}

static void test_format_appends(void **state) {
  Str s = STR_INIT;
  (void)state;
  str_puts(&s, "合计：");
  money_format_yuan(&s, 123450);
  str_puts(&s, "元，即");
  money_format_wan(&s, 123450, 4);
  str_puts(&s, "万元");
  assert_string_equal(str_cstr(&s), "合计：1234.50元，即0.1235万元");
  str_free(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_plain),
      cmocka_unit_test(test_parse_decorated),
      cmocka_unit_test(test_parse_wan),
      cmocka_unit_test(test_parse_decimals),
      cmocka_unit_test(test_parse_grouping),
      cmocka_unit_test(test_parse_junk),
      cmocka_unit_test(test_parse_overflow),
      cmocka_unit_test(test_first_error_sticks),
      cmocka_unit_test(test_format_yuan),
      cmocka_unit_test(test_format_yuan_round_trip),
      cmocka_unit_test(test_format_wan),
      cmocka_unit_test(test_format_appends),
  };
  return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
