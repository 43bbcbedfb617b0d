/* test_api.c — the route table and its OpenAPI description: every route is
 * described (the description is generated from the table, and this checks
 * nothing slipped), the table is sorted, and no generic pattern shadows a
 * specific one. */
#include "testutil.h"

#include "../../src/server/api.h"

static void every_route_is_described(void **state) {
  json_t *doc = api_openapi(), *paths = json_object_get(doc, "paths");
  int i, n = api_route_count();
  (void)state;
  assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
  assert_true(n >= 15);
  for (i = 0; i < n; i++) {
    const char *zMethod, *zPattern, *p;
    Str path = STR_INIT, method = STR_INIT;
    json_t *op;
    api_route_info(i, &zMethod, &zPattern);
    api_openapi_path(zPattern, &path);
    for (p = zMethod; *p; p++) str_putc(&method, (char)(*p - 'A' + 'a'));
    op = json_object_get(json_object_get(paths, str_cstr(&path)), str_cstr(&method));
    if (!op) fail_msg("%s %s is not in the OpenAPI description", zMethod, str_cstr(&path));
    if (!json_string_value(json_object_get(op, "summary")))
      fail_msg("%s %s has no summary", zMethod, str_cstr(&path));
    str_free(&path);
    str_free(&method);
  }
  json_decref(doc);
}

static void table_is_sorted(void **state) {
  int i, n = api_route_count();
  (void)state;
  for (i = 1; i < n; i++) {
    const char *zM0, *zP0, *zM1, *zP1;
    int c;
    api_route_info(i - 1, &zM0, &zP0);
    api_route_info(i, &zM1, &zP1);
    c = strcmp(zP0, zP1);
    if (c > 0 || (c == 0 && strcmp(zM0, zM1) >= 0))
      fail_msg("route table not sorted at %s %s", zM1, zP1);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_route_is_described),
      cmocka_unit_test(table_is_sorted),
  };
  return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
