/* test_fault.c — fault injection armed from FZ_FAULT: only the Nth call of
 * the armed kind fails, a statement filter counts only its statements,
 * and a paused thread (the rollback path) is neither counted nor failed. */
#include "testutil.h"

#include "../../src/base/fault.h"

#define PROBE "SELECT 'fz_fault_probe'"

static void only_the_nth_matching_call_fails(void **state) {
  long n = 0;
  (void)state;
  assert_true(fault_armed);
  assert_false(fault_next(FAULT_DB, "SELECT 1", &n)); /* not counted */
  assert_false(fault_next(FAULT_ALLOC, NULL, NULL));  /* another kind */
  assert_false(fault_next(FAULT_DB, PROBE, &n));
  assert_int_equal(n, 1);
  fault_pause(); /* the rollback path */
  assert_false(fault_next(FAULT_DB, PROBE, &n));
  assert_int_equal(n, 1);
  fault_resume();
  assert_true(fault_next(FAULT_DB, PROBE, &n));
  assert_int_equal(n, 2);
  assert_false(fault_next(FAULT_DB, PROBE, &n)); /* once only */
  assert_int_equal(n, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(only_the_nth_matching_call_fails),
  };
  setenv("FZ_FAULT", "db:2:fz_fault_probe", 1);
  fault_init();
  return cmocka_run_group_tests_name("fault", tests, NULL, NULL);
}
