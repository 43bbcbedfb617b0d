/* test_err.c — the error context: first error sticks, positions, the batch
 * item list and its cap, prefixing and moving. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/base/err.h"

static void first_error_sticks(void **state) {
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(err_set(&e, FZ_INVALID, "第%d个错误", 1), FZ_INVALID);
  assert_int_equal(err_set(&e, FZ_DB, "第%d个错误", 2), FZ_DB);
  assert_int_equal(e.rc, FZ_INVALID);
  assert_string_equal(err_msg(&e), "第1个错误");
  err_clear(&e);
  assert_int_equal(e.rc, FZ_OK);
  assert_string_equal(err_msg(&e), "");
}

static void position_is_kept(void **state) {
  Err e = ERR_INIT;
  (void)state;
  err_set_at(&e, FZ_INVALID, 7, "编码", "编码“%s”格式不正确", "12");
  assert_int_equal(e.row, 7);
  assert_string_equal(e.field, "编码");
  err_clear(&e);
}

static void items_collect_and_cap(void **state) {
  Err e = ERR_INIT;
  int i;
  (void)state;
  err_add_item(&e, 3, "名称", NULL, "名称不能为空");
  assert_int_equal(e.nItem, 1);
  assert_int_equal(e.aItem[0].row, 3);
  assert_string_equal(e.aItem[0].column, "名称");
  assert_null(e.aItem[0].value);
  assert_int_equal(e.rc, FZ_OK); /* items do not set the error */
  for (i = 0; i < ERR_MAX_ITEMS + 5; i++) {
    err_add_item(&e, i + 4, "编码", "x", "bad %d", i);
  }
  assert_int_equal(e.nItem, ERR_MAX_ITEMS);
  assert_int_equal(e.nDropped, 6);
  err_clear(&e);
  assert_int_equal(e.nItem, 0);
}

static void prefix_and_move(void **state) {
  Err a = ERR_INIT, b = ERR_INIT;
  (void)state;
  err_prefix(&a, "前缀："); /* no error: nothing happens */
  assert_null(a.msg);
  err_set(&b, FZ_CONFLICT, "已存在");
  err_prefix(&b, "第%d行：", 2);
  assert_string_equal(err_msg(&b), "第2行：已存在");
  err_move(&a, &b);
  assert_int_equal(a.rc, FZ_CONFLICT);
  assert_string_equal(err_msg(&a), "第2行：已存在");
  assert_int_equal(b.rc, FZ_OK);
  err_clear(&a);
}

static void rc_names(void **state) {
  (void)state;
  assert_string_equal(err_rc_name(FZ_OK), "ok");
  assert_string_equal(err_rc_name(FZ_NOTFOUND), "not_found");
  assert_string_equal(err_rc_name(FZ_DB), "db");
  assert_string_equal(err_rc_name(999), "unknown");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(first_error_sticks),
      cmocka_unit_test(position_is_kept),
      cmocka_unit_test(items_collect_and_cap),
      cmocka_unit_test(prefix_and_move),
      cmocka_unit_test(rc_names),
  };
  return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
