/* test_identity.c — one identity across registers: a person is their ID
 * number (an officer who also teaches a 法律明白人 class, an exam taker), an
 * agency is its org code (a 复议 respondent that is also an 应诉 defendant). */
#include "testutil.h"

#include "../../src/domain/reg.h"
#include "../../src/io/orgfile.h"

static const Actor actor = {"test", NULL, 0};
#define ZHANG_ID "11010519491231002X"

static int setup(void **state) {
  Db *db = NULL;
  if (test_open_org_db("id.db", &db) != 0) return -1;
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  return 0;
}

/* Insert a record from "field=value" pairs; returns rc, message in e. */
static int add(Db *db, const char *zReg, const char *const *az, Err *e) {
  Record r;
  int i, rc = FZ_OK;
  reg_record_init(&r, reg_find(zReg));
  for (i = 0; az[i] && rc == FZ_OK; i += 2) rc = reg_set(&r, az[i], az[i + 1], e);
  if (rc == FZ_OK) rc = reg_insert(db, &actor, &r, e);
  reg_record_clear(&r);
  return rc;
}

static int count_visit(const Record *r, void *p) {
  (void)r;
  ++*(int *)p;
  return FZ_OK;
}

static void person_is_one_identity(void **state) {
  Db *db = *state;
  Err e = ERR_INIT;
  char *zName = NULL;
  int n = 0;
  const char *const aOfficer[] = {"org", "632323000000-SFJ", "name", "张三",
                                  "id_number", ZHANG_ID, "unit",
                                  "632323000000-SCJG", "status", "在岗", NULL};
  const char *const aExam[] = {"org", "632323000000-SFJ", "date", "2024-05-01",
                               "name", "张三", "id_number", ZHANG_ID, "score",
                               "90", "passed", "是", NULL};
  const char *const aClass[] = {"org", "632323100000-SFS", "date", "2024-06-01",
                                "title", "法律明白人培训班", "trainees", "88",
                                "trainer", "张三", "trainer_id",
                                "11010519491231002x", NULL};
  const char *const aWrong[] = {"org", "632323000000-SFJ", "date", "2024-05-02",
                                "name", "李四", "id_number", ZHANG_ID, NULL};
  assert_int_equal(add(db, "officer", aOfficer, &e), FZ_OK);
  assert_int_equal(add(db, "exam", aExam, &e), FZ_OK);
  assert_int_equal(add(db, "literate_class", aClass, &e), FZ_OK);
  assert_int_equal(reg_person_get(db, ZHANG_ID, &zName, &e), FZ_OK);
  assert_string_equal(zName, "张三");
  free(zName);
  assert_int_equal(reg_person_records(db, &actor, ZHANG_ID, count_visit, &n, &e),
                   FZ_OK);
  assert_int_equal(n, 3); /* officer, exam and class: one person */
  /* the same number with another name is a typo somewhere: refused */
  assert_int_equal(add(db, "exam", aWrong, &e), FZ_CONFLICT);
  assert_non_null(strstr(err_msg(&e), "已登记为“张三”"));
  assert_non_null(strstr(err_msg(&e), "李四"));
  err_clear(&e);
  assert_int_equal(reg_person_get(db, "632323199001010018", &zName, &e),
                   FZ_NOTFOUND);
  err_clear(&e);
}

static void agency_is_one_identity(void **state) {
  Db *db = *state;
  Err e = ERR_INIT;
  RegQuery q;
  int n = 0;
  const char *const aRecon[] = {
      "org", "632323000000-SFJ", "case_no", "泽政复〔2024〕1号", "applicant",
      "王五", "applicant_kind", "个人", "respondent", "泽库县市场监督管理局",
      "respondent_org", "泽库县市场监督管理局", "matter", "行政处罚",
      "received", "2024-03-01", "acceptance", "受理", "acceptance_date",
      "2024-03-05", "procedure", "普通", NULL};
  const char *const aLit[] = {"org", "632323000000-SFJ", "case_no",
                              "（2024）青2323行初1号", "court", "泽库县人民法院",
                              "plaintiff", "王五", "defendant",
                              "632323000000-SCJG", "filed", "2024-04-01", NULL};
  assert_int_equal(add(db, "reconsideration", aRecon, &e), FZ_OK);
  if (add(db, "litigation", aLit, &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  /* the respondent given by name was stored as the agency's code */
  memset(&q, 0, sizeof q);
  q.nFilter = 1;
  q.azFilterField[0] = "respondent_org";
  q.azFilterValue[0] = "632323000000-SCJG";
  assert_int_equal(reg_list(db, &actor, reg_find("reconsideration"), &q,
                            count_visit, &n, NULL, &e),
                   FZ_OK);
  q.azFilterField[0] = "defendant";
  assert_int_equal(reg_list(db, &actor, reg_find("litigation"), &q, count_visit,
                            &n, NULL, &e),
                   FZ_OK);
  assert_int_equal(n, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(person_is_one_identity, setup, teardown),
      cmocka_unit_test_setup_teardown(agency_is_one_identity, setup, teardown),
  };
  return cmocka_run_group_tests_name("identity", tests, NULL, NULL);
}
