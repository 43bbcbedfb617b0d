/* test_dynlib.c — libraries loaded on first use: a table filled all or
 * none, once; a missing library or function is an error that names what
 * to install; and the three real tables (libpq, libmicrohttpd, libxml2)
 * load against the libraries Debian installs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/base/dynlib.h"
#include "../../src/base/xmllib.h"
#include "../../src/server/mhdlib.h"
#include "../../src/store/pqlib.h"

static struct {
  double (*cos)(double);
  double (*sqrt)(double);
} gM;

static const DynSym aM[] = {DYNSYM(gM, cos) DYNSYM(gM, sqrt){NULL, NULL}};

static void loads_and_fills_the_table(void **state) {
  DynLib lib = DYNLIB_INIT("libm.so.6", "libc6", aM, NULL);
  Err e = ERR_INIT;
  (void)state;
  assert_false(dynlib_loaded(&lib));
  assert_int_equal(dynlib_load(&lib, &e), FZ_OK);
  assert_true(dynlib_loaded(&lib));
  assert_true(gM.sqrt(16.0) == 4.0);
  assert_true(gM.cos(0.0) == 1.0);
  assert_int_equal(dynlib_load(&lib, &e), FZ_OK); /* once: the same answer */
}

static void a_missing_library_names_its_package(void **state) {
  static void *pFn;
  static const DynSym aSym[] = {{"nothing", &pFn}, {NULL, NULL}};
  DynLib lib = DYNLIB_INIT("libfazhi-absent.so.9", "libfazhi-absent9", aSym, NULL);
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(dynlib_load(&lib, &e), FZ_IO);
  assert_non_null(strstr(err_msg(&e), "无法加载 libfazhi-absent.so.9"));
  assert_non_null(strstr(err_msg(&e), "请安装 Debian 软件包 libfazhi-absent9"));
  assert_false(dynlib_loaded(&lib));
  err_clear(&e);
  assert_int_equal(dynlib_load(&lib, &e), FZ_IO); /* still, without trying again */
  err_clear(&e);
}

static void a_missing_function_is_named(void **state) {
  static struct {
    void *a, *b;
  } t;
  static const DynSym aSym[] = {{"cos", &t.a}, {"fazhi_no_such_function", &t.b}, {NULL, NULL}};
  DynLib lib = DYNLIB_INIT("libm.so.6", "libc6", aSym, NULL);
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(dynlib_load(&lib, &e), FZ_IO);
  assert_non_null(strstr(err_msg(&e), "libm.so.6 中没有 fazhi_no_such_function"));
  err_clear(&e);
}

/* The build's headers and the runtime libraries agree: every function
 * each table names is there. */
static void the_real_tables_load(void **state) {
  Err e = ERR_INIT;
  xmlDocPtr doc;
  (void)state;
  assert_int_equal(pq_load(&e), FZ_OK);
  assert_non_null(pq.PQconnectdb);
  assert_int_equal(mhd_load(&e), FZ_OK);
  assert_int_equal(mhd.MHD_is_feature_supported(MHD_FEATURE_EPOLL), MHD_YES); /* serve's */
  assert_int_equal(xml_load(&e), FZ_OK);
  doc = xml.xmlReadMemory("<a>法治</a>", (int)strlen("<a>法治</a>"), "t.xml", "UTF-8", 0);
  assert_non_null(doc);
  {
    xmlChar *z = xml.xmlNodeGetContent(xml.xmlDocGetRootElement(doc));
    assert_string_equal((const char *)z, "法治");
    xml_free(z);
  }
  xml.xmlFreeDoc(doc);
  xml_cleanup();
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(loads_and_fills_the_table),
      cmocka_unit_test(a_missing_library_names_its_package),
      cmocka_unit_test(a_missing_function_is_named),
      cmocka_unit_test(the_real_tables_load),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
