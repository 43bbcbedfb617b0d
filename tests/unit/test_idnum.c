/* test_idnum.c — unit tests for src/base/idnum.c: the MOD 11-2 check
 * character (with the standard's X example), every way an ID number can be
 * wrong and what the message then says, and masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/base/idnum.h"

/* A fixed "today" so the tests do not age: 2024-03-05. */
static Date today_fixed(void) {
  Date d = 0;
  assert_int_equal(date_from_ymd(2024, 3, 5, &d, NULL), FZ_OK);
  return d;
}

/* z17 plus its correct check character, into buf (at least 19 bytes). */
static const char *with_check(const char *z17, char *buf) {
  char c = idnum_check_char(z17);
  assert_true(c != 0);
  snprintf(buf, 19, "%.17s%c", z17, c);
  return buf;
}

static void check_ok(const char *z) {
  Err e = ERR_INIT;
  int rc = idnum_check(z, today_fixed(), &e);
  if (rc != FZ_OK) fail_msg("idnum_check(\"%s\"): %s", z, err_msg(&e));
  assert_null(e.msg);
}

/* Expect FZ_INVALID with zFrag in the message. */
static void check_bad(const char *z, Date today, const char *zFrag) {
  Err e = ERR_INIT;
  char zMsg[512];
  int rc = idnum_check(z, today, &e);
  snprintf(zMsg, sizeof zMsg, "%s", err_msg(&e));
  err_clear(&e);
  if (rc != FZ_INVALID) fail_msg("idnum_check(\"%s\") gave rc %d", z, rc);
  if (!strstr(zMsg, zFrag)) {
    fail_msg("message for \"%s\" lacks \"%s\": %s", z, zFrag, zMsg);
  }
}

static void check_mask(const char *z, const char *zWant) {
  Str s = STR_INIT;
  char zGot[128];
  idnum_mask(&s, z);
  snprintf(zGot, sizeof zGot, "%s", str_cstr(&s));
  str_free(&s);
  assert_string_equal(zGot, zWant);
}

static void test_check_char(void **state) {
  (void)state;
  assert_int_equal(idnum_check_char("11010519491231002"), 'X');
  assert_int_equal(idnum_check_char("63232319900101001"), '8');
  assert_int_equal(idnum_check_char("63232320000229002"), '9');
  assert_int_equal(idnum_check_char("44030519850615123"), '3');
  /* Extra characters after the 17 are ignored. */
  assert_int_equal(idnum_check_char("11010519491231002X"), 'X');
  assert_int_equal(idnum_check_char("1101051949123100"), 0); /* 16 */
  assert_int_equal(idnum_check_char("1101051949123100A"), 0);
  assert_int_equal(idnum_check_char(""), 0);
  assert_int_equal(idnum_check_char("11010519491 31002"), 0);
}

/* Every check value 0..10 must map to its own character: build numbers that
 * hit each one by varying the sequence digits. */
static void test_check_char_all_values(void **state) {
  char z17[18], seen[11];
  int i, n = 0;
  (void)state;
  memset(seen, 0, sizeof seen);
  for (i = 0; i < 1000 && n < 11; i++) {
    char c;
    const char *p;
    snprintf(z17, sizeof z17, "63232319900101%03d", i);
    c = idnum_check_char(z17);
    p = strchr("10X98765432", c);
    assert_non_null(p);
    if (!seen[p - "10X98765432"]) seen[p - "10X98765432"] = 1, n++;
  }
  assert_int_equal(n, 11);
}

static void test_valid(void **state) {
  char buf[19];
  (void)state;
  check_ok("11010519491231002X");
  check_ok("11010519491231002x"); /* lower-case x accepted */
  check_ok("632323199001010018");
  check_ok("632323200002290029"); /* 2000-02-29 exists */
  check_ok("440305198506151233");
  check_ok(with_check("63232320240229001", buf)); /* 2024-02-29 */
  check_ok(with_check("63232319000101001", buf)); /* 1900-01-01 */
  check_ok(with_check("63232320240305001", buf)); /* born today */
  /* Old division codes stay valid: 632321 was 同仁县. */
  check_ok(with_check("63232119800101001", buf));
}

static void test_wrong_check(void **state) {
  (void)state;
  check_bad("110105194912310021", today_fixed(), "校验位错误：应为X");
  check_bad("110105194912310021", today_fixed(), "“110105194912310021”");
  check_bad("632323199001010017", today_fixed(), "校验位错误：应为8");
  check_bad("63232319900101001X", today_fixed(), "校验位错误：应为8");
  check_bad("63232319900101001x", today_fixed(), "校验位错误：应为8");
  /* Two digits swapped: the classic typo MOD 11-2 exists to catch. */
  check_bad("632323199001100018", today_fixed(), "校验位错误");
}

static void test_length(void **state) {
  (void)state;
  check_bad("1101051949123100", today_fixed(),
            "身份证号码“1101051949123100”应为18位，实际为16位");
  check_bad("11010519491231002X1", today_fixed(), "实际为19位");
  check_bad("110105491231002", today_fixed(), "实际为15位");
  check_bad("110105491231002", today_fixed(), "15位的旧号码");
  check_bad("1", today_fixed(), "实际为1位");
  check_bad(" 11010519491231002X", today_fixed(), "实际为19位");
  /* Characters, not bytes: 17 digits and one Chinese character is 18. */
  check_bad("1101051949123100２", today_fixed(), "实际为17位");
  check_bad("", today_fixed(), "身份证号码不能为空");
  check_bad(NULL, today_fixed(), "身份证号码不能为空");
}

static void test_characters(void **state) {
  (void)state;
  check_bad("110105A9491231002X", today_fixed(), "第7位“A”不是数字");
  check_bad("X10105194912310021", today_fixed(), "第1位“X”不是数字");
  check_bad("1101051949123100X2", today_fixed(), "第17位“X”不是数字");
  check_bad("11010519491231002Y", today_fixed(), "第18位“Y”应为数字或X");
  check_bad("11010519491231002号", today_fixed(), "第18位“号”应为数字或X");
  check_bad("11010519491231002 ", today_fixed(), "第18位“ ”");
  check_bad("１10105194912310021", today_fixed(), "第1位“１”不是数字");
  check_bad("110105-9491231002X", today_fixed(), "第7位“-”不是数字");
}

static void test_birth_date(void **state) {
  char buf[19];
  Date today = today_fixed();
  (void)state;
  check_bad(with_check("11010519490231002", buf), today,
            "中的出生日期19490231不存在");
  check_bad(with_check("11010519490230002", buf), today,
            "出生日期19490230不存在");
  check_bad(with_check("11010520230229002", buf), today,
            "出生日期20230229不存在");
  check_bad(with_check("11010519000229002", buf), today,
            "出生日期19000229不存在");
  check_bad(with_check("11010519491301002", buf), today,
            "出生日期19491301不存在");
  check_bad(with_check("11010519490001002", buf), today,
            "出生日期19490001不存在");
  check_bad(with_check("11010519490100002", buf), today,
            "出生日期19490100不存在");
  check_bad(with_check("11010518991231002", buf), today,
            "出生日期18991231早于1900年");
  check_bad(with_check("11010500000101002", buf), today, "早于1900年");
  /* Born tomorrow, next year, or past the supported years. */
  check_bad(with_check("11010520240306002", buf), today,
            "出生日期20240306晚于今天");
  check_bad(with_check("11010520250101002", buf), today, "晚于今天");
  check_bad(with_check("11010599991231002", buf), today, "晚于今天");
  /* The same number is fine once its day has come. */
  assert_int_equal(
      idnum_check(with_check("11010520240306002", buf), today + 1, NULL),
      FZ_OK);
  /* A birth-date error is reported before a check-character error. */
  check_bad("110105194902310021", today, "出生日期19490231不存在");
}

static void test_real_today(void **state) {
  (void)state;
  assert_int_equal(idnum_check("11010519491231002X", date_today(), NULL),
                   FZ_OK);
  assert_int_equal(idnum_check("110105219912310025", date_today(), NULL),
                   FZ_INVALID);
}

static void test_first_error_sticks(void **state) {
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(idnum_check("123", today_fixed(), &e), FZ_INVALID);
  assert_int_equal(idnum_check("110105194912310021", today_fixed(), &e),
                   FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "实际为3位"));
  assert_null(strstr(err_msg(&e), "校验位"));
  err_clear(&e);
}

static void test_mask(void **state) {
  (void)state;
  check_mask("632323199001010018", "632323********0018");
  check_mask("11010519491231002X", "110105********002X");
  check_mask("11010519491231002x", "110105********002x");
  check_mask("110105491231002", "***************");
  check_mask("1234", "****");
  check_mask("", "");
  check_mask("11010519491231002X1", "*******************");
  /* Characters, not bytes, decide the shape. */
  check_mask("张三", "**");
  check_mask("１２３４５６78901234５６７８", "１２３４５６********５６７８");
  {
    Str s = STR_INIT;
    str_puts(&s, "证件：");
    idnum_mask(&s, NULL);
    idnum_mask(&s, "632323199001010018");
    assert_string_equal(str_cstr(&s), "证件：632323********0018");
    str_free(&s);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_check_char),
      cmocka_unit_test(test_check_char_all_values),
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_wrong_check),
      cmocka_unit_test(test_length),
      cmocka_unit_test(test_characters),
      cmocka_unit_test(test_birth_date),
      cmocka_unit_test(test_real_today),
      cmocka_unit_test(test_first_error_sticks),
      cmocka_unit_test(test_mask),
  };
  return cmocka_run_group_tests_name("idnum", tests, NULL, NULL);
}
