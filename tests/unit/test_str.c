/* test_str.c — the string builder: appends, formatting, the size cap's
 * sticky error, detach and reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/base/mem.h"
#include "../../src/base/str.h"

static void empty_is_empty_string(void **state) {
  Str s = STR_INIT;
  (void)state;
  assert_string_equal(str_cstr(&s), "");
  assert_int_equal(s.n, 0);
  str_free(&s);
}

static void appends_and_formats(void **state) {
  Str s = STR_INIT;
  (void)state;
  str_puts(&s, "泽库县");
  str_putc(&s, ':');
  str_appendf(&s, "%d件，%s", 355, "调处353起");
  str_append(&s, "abcdef", 3);
  assert_string_equal(str_cstr(&s), "泽库县:355件，调处353起abc");
  assert_int_equal(s.n, strlen("泽库县:355件，调处353起abc"));
  assert_false(str_error(&s));
  str_free(&s);
}

static void grows_past_many_doublings(void **state) {
  Str s = STR_INIT;
  int i;
  (void)state;
  for (i = 0; i < 100000; i++) str_appendf(&s, "%05d", i % 100000);
  assert_int_equal(s.n, 500000);
  assert_memory_equal(s.z + 5 * 12345, "12345", 5);
  assert_int_equal(s.z[s.n], 0);
  str_free(&s);
}

static void cap_is_sticky(void **state) {
  Str s;
  (void)state;
  str_init(&s, 10);
  str_puts(&s, "12345678");
  assert_false(str_error(&s));
  str_puts(&s, "abc"); /* would pass 10 */
  assert_true(str_error(&s));
  str_puts(&s, "x"); /* still refused after the error */
  assert_string_equal(str_cstr(&s), "12345678");
  str_appendf(&s, "%d", 1);
  assert_string_equal(str_cstr(&s), "12345678");
  str_reset(&s);
  assert_false(str_error(&s));
  str_puts(&s, "0123456789");
  assert_false(str_error(&s));
  assert_int_equal(s.n, 10);
  str_free(&s);
}

static void detach_hands_over(void **state) {
  Str s = STR_INIT;
  char *z;
  (void)state;
  str_puts(&s, "abc");
  z = str_detach(&s);
  assert_string_equal(z, "abc");
  assert_null(s.z);
  assert_int_equal(s.n, 0);
  mem_free(z);
  z = str_detach(&s); /* empty builder detaches "" */
  assert_string_equal(z, "");
  mem_free(z);
}

static void truncate_shortens(void **state) {
  Str s = STR_INIT;
  (void)state;
  str_puts(&s, "abcdef");
  str_truncate(&s, 2);
  assert_string_equal(str_cstr(&s), "ab");
  str_truncate(&s, 10); /* longer than the content: no change */
  assert_string_equal(str_cstr(&s), "ab");
  str_free(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(empty_is_empty_string),
      cmocka_unit_test(appends_and_formats),
      cmocka_unit_test(grows_past_many_doublings),
      cmocka_unit_test(cap_is_sticky),
      cmocka_unit_test(detach_hands_over),
      cmocka_unit_test(truncate_shortens),
  };
  return cmocka_run_group_tests_name("str", tests, NULL, NULL);
}
