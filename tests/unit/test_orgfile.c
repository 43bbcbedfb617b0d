/* test_orgfile.c — org tree CSV files: Chinese or field-name headers in any
 * order, UTF-8 with or without BOM, GB18030, and every kind of bad file
 * (unknown or missing column, bad kind, invalid bytes, empty, unclosed
 * quote) answered with rows and columns and nothing written. */
#include "testutil.h"

#include <iconv.h>

#include "../../src/io/orgfile.h"
#include "../../src/store/schema.h"

typedef struct Fix {
  Db *db;
  char zDir[512];
} Fix;

static int setup(void **state) {
  Fix *f = calloc(1, sizeof *f);
  char zPath[600];
  Err e = ERR_INIT;
  test_tmp_path(zPath, sizeof zPath, "o.db");
  snprintf(f->zDir, sizeof f->zDir, "%.*s", (int)(strrchr(zPath, '/') - zPath),
           zPath);
  if (test_on_pg()) test_pg_new_db(zPath, sizeof zPath);
  if (schema_open(&f->db, zPath, DB_CREATE, &e) != FZ_OK) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fix *f = *state;
  db_close(f->db);
  free(f);
  return 0;
}

#define HEAD_CN "编码,上级,类型,名称\n"
#define TREE                                                   \
  "630000000000,,province,青海省\n"                            \
  "632300000000,630000000000,prefecture,黄南藏族自治州\n"      \
  "632323000000,632300000000,县级行政区,泽库县\n"

static int import_text(Fix *f, const char *zName, const char *z, size_t n,
                       OrgImportStats *st, Err *e) {
  char zPath[700];
  snprintf(zPath, sizeof zPath, "%s/%s", f->zDir, zName);
  test_write_file(zPath, z, n);
  return orgfile_import(f->db, zPath, 0, "t", st, e);
}

static int64_t org_count(Db *db) {
  Err e = ERR_INIT;
  int64_t n = -1;
  assert_int_equal(db_query_int64(db, &e, &n, NULL, "SELECT count(*) FROM org_unit", ""),
                   FZ_OK);
  return n;
}

static void chinese_headers(void **state) {
  Fix *f = *state;
  OrgImportStats st;
  Err e = ERR_INIT;
  const char *z = HEAD_CN TREE;
  assert_int_equal(import_text(f, "a.csv", z, strlen(z), &st, &e), FZ_OK);
  assert_int_equal(st.nInserted, 3);
  assert_int_equal(org_count(f->db), 3);
}

/* The country root (kind by code or label) with a province under it, the
 * rows in any order; re-importing the same file changes nothing. */
static void country_root(void **state) {
  Fix *f = *state;
  OrgImportStats st;
  Err e = ERR_INIT;
  const char *z = HEAD_CN
      "630000000000,000000000000,province,青海省\n"
      "000000000000-SFB,000000000000,bureau,司法部\n"
      "000000000000,,全国,全国\n"
      "632300000000,630000000000,prefecture,黄南藏族自治州\n";
  assert_int_equal(import_text(f, "c.csv", z, strlen(z), &st, &e), FZ_OK);
  assert_int_equal(st.nInserted, 4);
  assert_int_equal(import_text(f, "c.csv", z, strlen(z), &st, &e), FZ_OK);
  assert_int_equal(st.nUnchanged, 4);
  assert_int_equal(org_count(f->db), 4);
}

static void field_names_any_order_bom_crlf(void **state) {
  Fix *f = *state;
  OrgImportStats st;
  Err e = ERR_INIT;
  const char *z = "\xEF\xBB\xBFname,kind,code,parent,uscc\r\n"
                  "青海省,province,630000000000,,\r\n"
                  " 黄南藏族自治州 ,prefecture, 632300000000 ,630000000000,\r\n";
  if (import_text(f, "b.csv", z, strlen(z), &st, &e) != FZ_OK)
    fail_msg("%s", err_msg(&e));
  assert_int_equal(st.nInserted, 2); /* and values were trimmed */
}

static void gb18030_file(void **state) {
  Fix *f = *state;
  OrgImportStats st;
  Err e = ERR_INIT;
  char zIn[] = HEAD_CN TREE, zOut[1024];
  char *pIn = zIn, *pOut = zOut;
  size_t nIn = strlen(zIn), nOut = sizeof zOut;
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  assert_true(cd != (iconv_t)-1);
  assert_true(iconv(cd, &pIn, &nIn, &pOut, &nOut) != (size_t)-1);
  iconv_close(cd);
  if (import_text(f, "gb.csv", zOut, sizeof zOut - nOut, &st, &e) != FZ_OK)
    fail_msg("%s", err_msg(&e));
  assert_int_equal(st.nInserted, 3);
  {
    int64_t n = 0;
    assert_int_equal(db_query_int64(f->db, &e, &n, NULL,
                                    "SELECT count(*) FROM org_unit WHERE name=?",
                                    "t", "黄南藏族自治州"),
                     FZ_OK);
    assert_int_equal(n, 1); /* stored as UTF-8 */
  }
}

static void unknown_and_missing_columns(void **state) {
  Fix *f = *state;
  OrgImportStats st;
  Err e = ERR_INIT;
  const char *z = "编码,上级,名称,备注\n630000000000,,青海省,x\n";
  assert_int_equal(import_text(f, "c.csv", z, strlen(z), &st, &e), FZ_INVALID);
  assert_int_equal(e.nItem, 2);
  assert_non_null(strstr(e.aItem[0].msg, "未知的列“备注”"));
  assert_non_null(strstr(e.aItem[1].msg, "缺少必需的列“类型”"));
  assert_int_equal(org_count(f->db), 0);
  err_clear(&e);
}

static void every_bad_row_listed(void **state) {
  Fix *f = *state;
  OrgImportStats st;
  Err e = ERR_INIT;
  const char *z = HEAD_CN TREE
      "632323100000,632323000000,town,泽曲镇\n"          /* row 5: kind */
      "632323101000,632323000000,township\n"             /* row 6: short */
      "632323102000,632323000000,township,\n"            /* row 7: no name */
      "632323000000,632300000000,county,泽库县\n";       /* row 8: dup of 4 */
  assert_int_equal(import_text(f, "d.csv", z, strlen(z), &st, &e), FZ_INVALID);
  assert_int_equal(e.nItem, 4);
  assert_int_equal(e.aItem[0].row, 5);
  assert_string_equal(e.aItem[0].column, "类型");
  assert_string_equal(e.aItem[0].value, "town");
  assert_int_equal(e.aItem[1].row, 6);
  assert_non_null(strstr(e.aItem[1].msg, "本行有3列"));
  assert_int_equal(e.aItem[2].row, 7);
  assert_string_equal(e.aItem[2].column, "名称");
  assert_int_equal(e.aItem[3].row, 8);
  assert_non_null(strstr(e.aItem[3].msg, "与第4行相同"));
  assert_non_null(strstr(err_msg(&e), "发现 4 处错误"));
  assert_int_equal(org_count(f->db), 0); /* the good rows were not kept */
  err_clear(&e);
}

static void bad_files(void **state) {
  Fix *f = *state;
  OrgImportStats st;
  Err e = ERR_INIT;
  char zPath[700];
  const char *zBad = HEAD_CN "630000000000,,province,青\xff\xfe海省\n";
  const char *zQuote = HEAD_CN "630000000000,,province,\"青海省\n";
  assert_int_equal(import_text(f, "e.csv", "", 0, &st, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "空的"));
  err_clear(&e);
  assert_int_equal(import_text(f, "f.csv", zBad, strlen(zBad), &st, &e),
                   FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "编码"));
  err_clear(&e);
  assert_int_equal(import_text(f, "g.csv", zQuote, strlen(zQuote), &st, &e),
                   FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "引号"));
  err_clear(&e);
  snprintf(zPath, sizeof zPath, "%s/nope.csv", f->zDir);
  assert_int_equal(orgfile_import(f->db, zPath, 0, "t", &st, &e), FZ_IO);
  assert_non_null(strstr(err_msg(&e), "nope.csv"));
  err_clear(&e);
  assert_int_equal(org_count(f->db), 0);
}

int main(void) {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(chinese_headers),
      T(country_root),
      T(field_names_any_order_bom_crlf),
      T(gb18030_file),
      T(unknown_and_missing_columns),
      T(every_bad_row_listed),
      T(bad_files),
  };
  return cmocka_run_group_tests_name("orgfile", tests, NULL, NULL);
}
