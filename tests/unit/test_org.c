/* test_org.c — the org tree: kinds, code rules, subtree ranges and the index
 * they use, insert with parent checks, and the all-or-nothing import
 * (duplicates, missing parents, any row order, re-import, the demo tree). */
#include "testutil.h"

#include "../../src/base/str.h"
#include "../../src/domain/org.h"
#include "../../src/io/orgfile.h"
#include "../../src/store/schema.h"

static int setup(void **state) {
  char zPath[512];
  Db *db = NULL;
  Err e = ERR_INIT;
  test_db_name(zPath, sizeof zPath, "org.db");
  if (schema_open(&db, zPath, DB_CREATE, &e) != FZ_OK) return -1;
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  return 0;
}

static OrgUnit unit(const char *zCode, const char *zParent, int kind,
                    const char *zName) {
  OrgUnit u;
  memset(&u, 0, sizeof u);
  u.zCode = (char *)zCode;
  u.zParent = (char *)zParent;
  u.kind = kind;
  u.zName = (char *)zName;
  return u;
}

static void insert_ok(Db *db, const char *zCode, const char *zParent, int kind,
                      const char *zName) {
  OrgUnit u = unit(zCode, zParent, kind, zName);
  Err e = ERR_INIT;
  int rc = org_insert(db, &u, "test", &e);
  if (rc != FZ_OK) fail_msg("insert %s: %s", zCode, err_msg(&e));
}

/* Qinghai → Huangnan → Zeku → two townships, a village, offices. */
static void small_tree(Db *db) {
  insert_ok(db, "630000000000", NULL, ORG_PROVINCE, "青海省");
  insert_ok(db, "632300000000", "630000000000", ORG_PREFECTURE, "黄南藏族自治州");
  insert_ok(db, "632323000000", "632300000000", ORG_COUNTY, "泽库县");
  insert_ok(db, "632323000000-SFJ", "632323000000", ORG_BUREAU, "泽库县司法局");
  insert_ok(db, "632323000000-SFJ-BGS", "632323000000-SFJ", ORG_SECTION, "办公室");
  insert_ok(db, "632323100000", "632323000000", ORG_TOWNSHIP, "泽曲镇");
  insert_ok(db, "632323100000-SFS", "632323100000", ORG_JUDICIAL_OFFICE,
            "泽曲镇司法所");
  insert_ok(db, "632323100201", "632323100000", ORG_VILLAGE, "示例村");
  insert_ok(db, "632323101000", "632323000000", ORG_TOWNSHIP, "麦秀镇");
  insert_ok(db, "632321000000", "632300000000", ORG_COUNTY, "同仁县");
}

static void kinds_parse_by_code_or_label(void **state) {
  Err e = ERR_INIT;
  int k = -1;
  (void)state;
  assert_int_equal(org_kind_parse("township", &k, &e), FZ_OK);
  assert_int_equal(k, ORG_TOWNSHIP);
  assert_int_equal(org_kind_parse("司法所", &k, &e), FZ_OK);
  assert_int_equal(k, ORG_JUDICIAL_OFFICE);
  assert_int_equal(org_kind_parse("乡镇政府", &k, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "乡镇政府"));
  assert_non_null(strstr(err_msg(&e), "行政执法单位（enforcement_unit）"));
  err_clear(&e);
  assert_int_equal(org_kind_parse("全国", &k, &e), FZ_OK);
  assert_int_equal(k, ORG_COUNTRY);
  assert_true(org_kind_is_division(ORG_COUNTRY));
  assert_true(org_kind_is_division(ORG_VILLAGE));
  assert_false(org_kind_is_division(ORG_CENTER));
}

static void validate_codes(void **state) {
  static const struct {
    const char *zCode, *zParent;
    int kind, ok;
    const char *zMsg;
  } aCase[] = {
      {"632323100000", "632323000000", ORG_TOWNSHIP, 1, NULL},
      {"632323100201", "632323100000", ORG_VILLAGE, 1, NULL},
      {"632323000000-SFJ", "632323000000", ORG_BUREAU, 1, NULL},
      {"632323000000-SFJ-A1", "632323000000-SFJ", ORG_SECTION, 1, NULL},
      {"63232310000", "632323000000", ORG_TOWNSHIP, 0, "12位"},
      {"63232310000X", "632323000000", ORG_TOWNSHIP, 0, "12位"},
      {"632323000000", "632300000000", ORG_TOWNSHIP, 0, "县级"},
      {"632323100201", "632323100000", ORG_TOWNSHIP, 0, "村级"},
      {"000000000000", NULL, ORG_COUNTRY, 1, NULL},
      {"000000000000-SFB", "000000000000", ORG_BUREAU, 1, NULL},
      {"000000000000", NULL, ORG_PROVINCE, 0, "只用于类型“全国”"},
      {"000000000000", NULL, ORG_VILLAGE, 0, "是全国的代码"},
      {"630000000000", NULL, ORG_COUNTRY, 0, "全国的编码为 000000000000"},
      {"00000000000", NULL, ORG_COUNTRY, 0, "12位"},
      {"000000000000", "630000000000", ORG_COUNTRY, 0, "不能有上级"},
      {"632323000000-sfj", "632323000000", ORG_BUREAU, 0, "格式不正确"},
      {"632323000000-", "632323000000", ORG_BUREAU, 0, "格式不正确"},
      {"632323000000-ABCDEFGHIJKLMNOPQ", "632323000000", ORG_BUREAU, 0,
       "格式不正确"},
      {"632323000000-SFJ", "632323100000", ORG_BUREAU, 0, "应以上级编码"},
      {"632323000000-SFJ", NULL, ORG_BUREAU, 0, "应以上级编码"},
      {"632323000000", NULL, ORG_BUREAU, 0, "格式不正确"},
      {"", NULL, ORG_COUNTY, 0, "不能为空"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof aCase / sizeof aCase[0]; i++) {
    OrgUnit u = unit(aCase[i].zCode, aCase[i].zParent, aCase[i].kind, "名称");
    Err e = ERR_INIT;
    int rc = org_validate(&u, &e);
    if (aCase[i].ok) {
      if (rc != FZ_OK) fail_msg("%s: %s", aCase[i].zCode, err_msg(&e));
    } else {
      if (rc != FZ_INVALID) fail_msg("%s should fail", aCase[i].zCode);
      if (!strstr(err_msg(&e), aCase[i].zMsg))
        fail_msg("%s: '%s' lacks '%s'", aCase[i].zCode, err_msg(&e),
                 aCase[i].zMsg);
    }
    err_clear(&e);
  }
}

static void validate_name_and_uscc(void **state) {
  OrgUnit u = unit("632323000000-SFJ", "632323000000", ORG_BUREAU, "");
  Err e = ERR_INIT;
  char zLong[400];
  (void)state;
  assert_int_equal(org_validate(&u, &e), FZ_INVALID);
  assert_string_equal(e.field, "名称");
  err_clear(&e);
  u.zName = "bad \xff utf8";
  assert_int_equal(org_validate(&u, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "UTF-8"));
  err_clear(&e);
  memset(zLong, 0, sizeof zLong);
  for (size_t i = 0; i < 101; i++) memcpy(zLong + 3 * i, "县", 3);
  u.zName = zLong;
  assert_int_equal(org_validate(&u, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "100"));
  err_clear(&e);
  u.zName = "泽库县司法局";
  u.zUscc = "11632323MB1234567X"; /* wrong check character */
  assert_int_equal(org_validate(&u, &e), FZ_INVALID);
  assert_string_equal(e.field, "统一社会信用代码");
  err_clear(&e);
}

static void subtree_ranges(void **state) {
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1];
  Err e = ERR_INIT;
  (void)state;
  assert_int_equal(org_subtree_range("632323000000", zLo, zHi, &e), FZ_OK);
  assert_string_equal(zLo, "632323");
  assert_string_equal(zHi, "632324");
  assert_int_equal(org_subtree_range("632300000000", zLo, zHi, &e), FZ_OK);
  assert_string_equal(zLo, "6323");
  assert_string_equal(zHi, "6324");
  assert_int_equal(org_subtree_range("632329000000", zLo, zHi, &e), FZ_OK);
  assert_string_equal(zHi, "63232:");
  assert_int_equal(org_subtree_range("632323100000", zLo, zHi, &e), FZ_OK);
  assert_string_equal(zLo, "632323100");
  assert_int_equal(org_subtree_range("632323000000-SFJ", zLo, zHi, &e), FZ_OK);
  assert_string_equal(zLo, "632323000000-SFJ");
  assert_string_equal(zHi, "632323000000-SFJ.");
  assert_int_equal(org_subtree_range("6323", zLo, zHi, &e), FZ_INVALID);
  err_clear(&e);
}

/* The country's range is every code: provinces, townships, villages and
 * units anywhere, its own units too; a unit under it is a unit as usual. */
static void country_subtree(void **state) {
  static const char *const azIn[] = {
      "000000000000",     "000000000000-SFB", "000000000000-SFB-FZ",
      "110000000000",     "630000000000",     "632323100000",
      "632323100201",     "632323100000-SFS", "659999999999-ZZZZ",
  };
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1];
  Err e = ERR_INIT;
  size_t i;
  (void)state;
  assert_int_equal(org_subtree_range("000000000000", zLo, zHi, &e), FZ_OK);
  assert_string_equal(zLo, "");
  assert_string_equal(zHi, ":");
  for (i = 0; i < sizeof azIn / sizeof azIn[0]; i++) {
    if (!org_in_subtree(azIn[i], "000000000000")) fail_msg("%s not in the country", azIn[i]);
  }
  assert_int_equal(org_subtree_range("000000000000-SFB", zLo, zHi, &e), FZ_OK);
  assert_string_equal(zLo, "000000000000-SFB");
  assert_string_equal(zHi, "000000000000-SFB.");
  assert_true(org_in_subtree("000000000000-SFB-FZ", "000000000000-SFB"));
  assert_false(org_in_subtree("630000000000", "000000000000-SFB"));
  assert_false(org_in_subtree("000000000000", "630000000000"));
  assert_false(org_in_subtree("000000000000-SFB", "630000000000"));
}

typedef struct Collect {
  char az[64][ORG_CODE_MAX];
  int aDepth[64];
  int n;
} Collect;

static int collect(const OrgUnit *u, void *p) {
  Collect *c = p;
  snprintf(c->az[c->n], ORG_CODE_MAX, "%s", u->zCode);
  c->aDepth[c->n++] = u->depth;
  return FZ_OK;
}

static void walk_subtrees(void **state) {
  Db *db = *state;
  Collect c;
  Err e = ERR_INIT;
  small_tree(db);
  memset(&c, 0, sizeof c);
  assert_int_equal(org_walk(db, NULL, collect, &c, &e), FZ_OK);
  assert_int_equal(c.n, 10);
  memset(&c, 0, sizeof c);
  assert_int_equal(org_walk(db, "632323000000", collect, &c, &e), FZ_OK);
  assert_int_equal(c.n, 7); /* county, bureau, section, 2 towns, office, village */
  assert_string_equal(c.az[0], "632323000000");
  assert_string_equal(c.az[1], "632323000000-SFJ"); /* depth-first order */
  assert_string_equal(c.az[2], "632323000000-SFJ-BGS");
  assert_int_equal(c.aDepth[2], 4);
  memset(&c, 0, sizeof c);
  assert_int_equal(org_walk(db, "632323100000", collect, &c, &e), FZ_OK);
  assert_int_equal(c.n, 3);
  memset(&c, 0, sizeof c);
  assert_int_equal(org_walk(db, "632323000000-SFJ", collect, &c, &e), FZ_OK);
  assert_int_equal(c.n, 2);
  memset(&c, 0, sizeof c);
  assert_int_equal(org_walk(db, "632300000000", collect, &c, &e), FZ_OK);
  assert_int_equal(c.n, 9); /* all but the province */
  memset(&c, 0, sizeof c);
  assert_int_equal(org_walk(db, "632399000000", collect, &c, &e), FZ_NOTFOUND);
  assert_non_null(strstr(err_msg(&e), "632399000000"));
  err_clear(&e);
}

/* The subtree query must be a range search on the code index, never a scan
 * of every org: a county over a national tree reads only its own rows. */
static void subtree_uses_index(void **state) {
  Db *db = *state;
  Stmt *st = NULL;
  Err e = ERR_INIT;
  Str plan = STR_INIT;
  TEST_SQLITE_ONLY(); /* SQLite's plan; PostgreSQL's planner picks by size */
  assert_int_equal(db_prepare(db, &st,
                              "EXPLAIN QUERY PLAN SELECT code FROM org_unit "
                              "WHERE code >= ? AND code < ? ORDER BY code",
                              &e),
                   FZ_OK);
  while (db_step(st, &e) == DB_ROW) {
    str_puts(&plan, db_column_text(st, 3));
    str_putc(&plan, '\n');
  }
  db_finalize(st);
  assert_non_null(strstr(str_cstr(&plan), "SEARCH"));
  assert_non_null(strstr(str_cstr(&plan), "INDEX"));
  assert_null(strstr(str_cstr(&plan), "SCAN"));
  assert_null(strstr(str_cstr(&plan), "TEMP B-TREE")); /* no sort step */
  str_free(&plan);
}

static void insert_checks_parent(void **state) {
  Db *db = *state;
  Err e = ERR_INIT;
  OrgUnit u;
  small_tree(db);
  u = unit("632323102000", "632399000000", ORG_TOWNSHIP, "和日镇");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "上级“632399000000”不存在"));
  err_clear(&e);
  u = unit("632323102000", "632321000000", ORG_TOWNSHIP, "和日镇"); /* wrong county */
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "不可能是"));
  err_clear(&e);
  u = unit("632323102000", "632323100000", ORG_TOWNSHIP, "和日镇"); /* a peer */
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_INVALID);
  err_clear(&e);
  u = unit("632323102000", "632323000000-SFJ", ORG_TOWNSHIP, "和日镇");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "不是行政区划"));
  err_clear(&e);
  u = unit("632323100000", "632323000000", ORG_TOWNSHIP, "泽曲镇");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_CONFLICT);
  err_clear(&e);
  u = unit("632323102000", "632323000000", ORG_TOWNSHIP, "和日镇");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_OK);
  assert_int_equal(org_get(db, "632323102000", &u, &e), FZ_OK);
  assert_int_equal(u.depth, 3);
  assert_string_equal(u.zName, "和日镇");
  org_unit_clear(&u);
}

/* A province may hang under the country (or stay a root); nothing else may
 * be the country's child division, and the country has no parent. */
static void country_parent_rules(void **state) {
  Db *db = *state;
  Err e = ERR_INIT;
  OrgUnit u;
  insert_ok(db, "000000000000", NULL, ORG_COUNTRY, "全国");
  insert_ok(db, "000000000000-SFB", "000000000000", ORG_BUREAU, "司法部");
  insert_ok(db, "630000000000", "000000000000", ORG_PROVINCE, "青海省");
  insert_ok(db, "110000000000", NULL, ORG_PROVINCE, "北京市"); /* a root still */
  insert_ok(db, "632300000000", "630000000000", ORG_PREFECTURE, "黄南藏族自治州");
  u = unit("632323000000", "000000000000", ORG_COUNTY, "泽库县");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_INVALID);
  assert_string_equal(e.field, "上级");
  assert_non_null(strstr(err_msg(&e), "全国的下级行政区划只能是省级行政区"));
  assert_non_null(strstr(err_msg(&e), "县级行政区"));
  err_clear(&e);
  u = unit("632300000000", "000000000000", ORG_PREFECTURE, "黄南藏族自治州");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_CONFLICT);
  err_clear(&e);
  u = unit("000000000000", NULL, ORG_COUNTRY, "全国");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_CONFLICT);
  err_clear(&e);
  u = unit("640000000000", "000000000000-SFB", ORG_PROVINCE, "宁夏回族自治区");
  assert_int_equal(org_insert(db, &u, "t", &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "不是行政区划"));
  err_clear(&e);
  assert_int_equal(org_get(db, "630000000000", &u, &e), FZ_OK);
  assert_int_equal(u.depth, 1);
  assert_int_equal(u.kind, ORG_PROVINCE);
  org_unit_clear(&u);
  assert_int_equal(org_get(db, "000000000000", &u, &e), FZ_OK);
  assert_int_equal(u.kind, ORG_COUNTRY);
  assert_null(u.zParent);
  org_unit_clear(&u);
}

/* A county directly under the country is refused in an import too, and
 * the country row sorts first whatever the file's order. */
static void country_import(void **state) {
  Db *db = *state;
  OrgUnit a[4];
  long aRow[4] = {2, 3, 4, 5};
  OrgImportStats st;
  Err e = ERR_INIT;
  Collect c;
  a[0] = unit("632300000000", "630000000000", ORG_PREFECTURE, "黄南藏族自治州");
  a[1] = unit("630000000000", "000000000000", ORG_PROVINCE, "青海省");
  a[2] = unit("000000000000-SFB", "000000000000", ORG_BUREAU, "司法部");
  a[3] = unit("000000000000", NULL, ORG_COUNTRY, "全国");
  assert_int_equal(org_import(db, a, aRow, 4, 0, "t", &st, &e), FZ_OK);
  assert_int_equal(st.nInserted, 4);
  memset(&c, 0, sizeof c);
  assert_int_equal(org_walk(db, "000000000000", collect, &c, &e), FZ_OK);
  assert_int_equal(c.n, 4);
  assert_string_equal(c.az[0], "000000000000");
  assert_string_equal(c.az[1], "000000000000-SFB");
  assert_int_equal(c.aDepth[3], 2); /* the prefecture */
  a[0] = unit("632323000000", "000000000000", ORG_COUNTY, "泽库县");
  assert_int_equal(org_import(db, a, aRow, 1, 0, "t", &st, &e), FZ_INVALID);
  assert_int_equal(e.nItem, 1);
  assert_string_equal(e.aItem[0].column, "上级");
  assert_non_null(strstr(e.aItem[0].msg, "只能是省级行政区"));
  err_clear(&e);
}

static int64_t org_count(Db *db) {
  Err e = ERR_INIT;
  int64_t n = -1;
  assert_int_equal(db_query_int64(db, &e, &n, NULL, "SELECT count(*) FROM org_unit", ""),
                   FZ_OK);
  return n;
}

static void import_any_order_and_reimport(void **state) {
  Db *db = *state;
  OrgUnit a[5];
  long aRow[5] = {2, 3, 4, 5, 6};
  OrgImportStats st;
  Err e = ERR_INIT;
  a[0] = unit("632323100000-SFS", "632323100000", ORG_JUDICIAL_OFFICE, "泽曲镇司法所");
  a[1] = unit("632323100000", "632323000000", ORG_TOWNSHIP, "泽曲镇");
  a[2] = unit("632323000000", "632300000000", ORG_COUNTY, "泽库县");
  a[3] = unit("630000000000", NULL, ORG_PROVINCE, "青海省");
  a[4] = unit("632300000000", "630000000000", ORG_PREFECTURE, "黄南藏族自治州");
  assert_int_equal(org_import(db, a, aRow, 5, 0, "t", &st, &e), FZ_OK);
  assert_int_equal(st.nInserted, 5);
  assert_int_equal(org_count(db), 5);
  assert_int_equal(org_import(db, a, aRow, 5, 0, "t", &st, &e), FZ_OK);
  assert_int_equal(st.nInserted, 0);
  assert_int_equal(st.nUnchanged, 5);
  a[1].zName = "泽曲镇（改名）";
  assert_int_equal(org_import(db, a, aRow, 5, 0, "t", &st, &e), FZ_INVALID);
  assert_int_equal(e.nItem, 1);
  assert_int_equal(e.aItem[0].row, 3);
  assert_non_null(strstr(e.aItem[0].msg, "内容不同"));
  err_clear(&e);
}

static void import_is_all_or_nothing(void **state) {
  Db *db = *state;
  OrgUnit a[6];
  long aRow[6] = {2, 3, 4, 5, 6, 7};
  OrgImportStats st;
  Err e = ERR_INIT;
  a[0] = unit("630000000000", NULL, ORG_PROVINCE, "青海省");
  a[1] = unit("632300000000", "630000000000", ORG_PREFECTURE, "黄南藏族自治州");
  a[2] = unit("632323000000", "632300000000", ORG_COUNTY, "泽库县");
  a[3] = unit("632323000000", "632300000000", ORG_COUNTY, "泽库县"); /* dup */
  a[4] = unit("632323101000", "632323999000", ORG_TOWNSHIP, "麦秀镇"); /* no parent */
  a[5] = unit("63232310200", "632323000000", ORG_TOWNSHIP, "和日镇"); /* bad code */
  assert_int_equal(org_import(db, a, aRow, 6, 0, "t", &st, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "未导入任何数据"));
  assert_int_equal(e.nItem, 3);
  assert_int_equal(org_count(db), 0);
  assert_int_equal(st.nInserted, 0);
  assert_int_equal(db_txn_depth(db), 0);
  /* every bad row is named with its row and column */
  {
    int seenDup = 0, seenParent = 0, seenCode = 0, i;
    for (i = 0; i < e.nItem; i++) {
      if (e.aItem[i].row == 5 && strstr(e.aItem[i].msg, "重复")) seenDup = 1;
      if (e.aItem[i].row == 6 && strcmp(e.aItem[i].column, "上级") == 0)
        seenParent = 1;
      if (e.aItem[i].row == 7 && strcmp(e.aItem[i].column, "编码") == 0)
        seenCode = 1;
    }
    assert_true(seenDup && seenParent && seenCode);
  }
  err_clear(&e);
}

static void dry_run_writes_nothing(void **state) {
  Db *db = *state;
  OrgUnit a[1];
  long aRow[1] = {2};
  OrgImportStats st;
  Err e = ERR_INIT;
  a[0] = unit("630000000000", NULL, ORG_PROVINCE, "青海省");
  assert_int_equal(org_import(db, a, aRow, 1, ORG_IMPORT_DRY_RUN, "t", &st, &e),
                   FZ_OK);
  assert_int_equal(st.nInserted, 1);
  assert_int_equal(org_count(db), 0);
}

/* The shipped demo tree: Qinghai → Huangnan → Zeku, 7 townships, their
 * villages, the bureau and its sections, 7 司法所, the centre, 21 units. */
static void demo_tree_imports(void **state) {
  Db *db = *state;
  Err e = ERR_INIT;
  OrgImportStats st;
  char zPath[512];
  const char *zData = getenv("FZ_TEST_DATA");
  int64_t n = 0;
  snprintf(zPath, sizeof zPath, "%s/org/zeku.csv", zData ? zData : "data");
  if (orgfile_import(db, zPath, 0, "t", &st, &e) != FZ_OK)
    fail_msg("%s", err_msg(&e));
  assert_true(st.nInserted > 50);
  assert_int_equal(db_query_int64(db, &e, &n, NULL,
                                  "SELECT count(*) FROM org_unit WHERE kind=?",
                                  "t", "township"),
                   FZ_OK);
  assert_int_equal(n, 7);
  assert_int_equal(db_query_int64(db, &e, &n, NULL,
                                  "SELECT count(*) FROM org_unit WHERE kind=?",
                                  "t", "enforcement_unit"),
                   FZ_OK);
  assert_int_equal(n, 21);
  assert_int_equal(db_query_int64(db, &e, &n, NULL,
                                  "SELECT count(*) FROM org_unit WHERE kind=?",
                                  "t", "judicial_office"),
                   FZ_OK);
  assert_int_equal(n, 7);
  /* every township has villages under it, and its own 司法所 */
  assert_int_equal(db_query_int64(db, &e, &n, NULL,
                                  "SELECT count(*) FROM org_unit t WHERE "
                                  "kind='township' AND NOT EXISTS (SELECT 1 "
                                  "FROM org_unit v WHERE v.parent=t.code AND "
                                  "v.kind='village')",
                                  ""),
                   FZ_OK);
  assert_int_equal(n, 0);
  assert_int_equal(db_integrity_check(db, &e), FZ_OK);
}

int main(void) {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(kinds_parse_by_code_or_label),
      cmocka_unit_test(validate_codes),
      cmocka_unit_test(validate_name_and_uscc),
      cmocka_unit_test(subtree_ranges),
      cmocka_unit_test(country_subtree),
      T(walk_subtrees),
      T(subtree_uses_index),
      T(insert_checks_parent),
      T(country_parent_rules),
      T(country_import),
      T(import_any_order_and_reimport),
      T(import_is_all_or_nothing),
      T(dry_run_writes_nothing),
      T(demo_tree_imports),
  };
  return cmocka_run_group_tests_name("org", tests, NULL, NULL);
}
