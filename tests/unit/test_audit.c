/* test_audit.c — the hash-chained audit log: appends only inside a
 * transaction, an intact chain verifies, and every kind of tampering done
 * with raw SQL (edit, delete, insert, reorder, truncate, rewrite) is named.
 * FZ_AUDIT_BENCH=N also times verify over N rows. */
#include "testutil.h"

#include <time.h>

#include "../../src/store/audit.h"
#include "../../src/store/schema.h"

#define N_CHAIN 10 /* rows in the fixture's chain */

typedef struct Fix {
  char zPath[512];
  Db *db;
} Fix;

static int setup(void **state) {
  Fix *f = calloc(1, sizeof *f);
  Err e = ERR_INIT;
  test_db_name(f->zPath, sizeof f->zPath, "a.db");
  if (schema_open(&f->db, f->zPath, DB_CREATE, &e) != FZ_OK) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fix *f = *state;
  db_close(f->db);
  free(f);
  return 0;
}

static int64_t count_rows(Db *db, const char *zSql) {
  Err e = ERR_INIT;
  int64_t n = -1;
  assert_int_equal(db_query_int64(db, &e, &n, NULL, zSql, ""), FZ_OK);
  return n;
}

/* Append one entry in its own transaction; returns its id. */
static int64_t append1(Db *db, const AuditEntry *a) {
  Err e = ERR_INIT;
  int64_t id = 0;
  assert_int_equal(db_begin(db, &e), FZ_OK);
  assert_int_equal(audit_append(db, a, &id, &e), FZ_OK);
  assert_int_equal(db_commit(db, &e), FZ_OK);
  return id;
}

/* n varied entries: an insert, then updates and a void, several records. */
static void append_n(Db *db, int n) {
  Err e = ERR_INIT;
  char zBefore[64], zAfter[64];
  int i;
  assert_int_equal(db_begin(db, &e), FZ_OK);
  for (i = 0; i < n; i++) {
    AuditEntry a = {"张三", "org_unit", i % 3, "update", zBefore, zAfter, NULL, NULL};
    snprintf(zBefore, sizeof zBefore, "{\"name\":\"旧%d\"}", i);
    snprintf(zAfter, sizeof zAfter, "{\"name\":\"新%d\"}", i);
    if (i < 3) {
      a.zAction = "insert";
      a.zBefore = NULL;
    } else if (i % 4 == 0) {
      a.zAction = "void";
      a.zReason = "录入错误";
    }
    assert_int_equal(audit_append(db, &a, NULL, &e), FZ_OK);
  }
  assert_int_equal(db_commit(db, &e), FZ_OK);
}

static AuditReport verify(Db *db) {
  AuditReport rep;
  Err e = ERR_INIT;
  assert_int_equal(audit_verify(db, &rep, &e), FZ_OK);
  return rep;
}

static void assert_intact(Db *db) {
  AuditReport rep = verify(db);
  if (rep.badId != 0) fail_msg("not intact: %s", rep.zReason);
  assert_string_equal(rep.zReason, "");
}

/* Verify names row badId, and the reason says zWhat. */
static void assert_broken(Db *db, int64_t badId, const char *zWhat) {
  AuditReport rep = verify(db);
  char zN[32];
  if (rep.badId != badId || !strstr(rep.zReason, zWhat)) {
    fail_msg("wanted %lld /%s/, got %lld: %s", (long long)badId, zWhat,
             (long long)rep.badId, rep.zReason);
  }
  snprintf(zN, sizeof zN, "第 %lld 条", (long long)badId);
  if (!strstr(rep.zReason, "末尾") && !strstr(rep.zReason, "链头（")) {
    assert_non_null(strstr(rep.zReason, zN));
  }
}

static void sql(Db *db, const char *zSql) {
  Err e = ERR_INIT;
  if (db_exec_script(db, zSql, &e) != FZ_OK) fail_msg("%s", err_msg(&e));
}

static void append_outside_txn_is_refused(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditEntry a = {"张三", "org_unit", 1, "insert", NULL, "{}", NULL, NULL};
  int64_t id = 99;
  assert_int_equal(audit_append(f->db, &a, &id, &e), FZ_USAGE);
  assert_non_null(strstr(err_msg(&e), "事务"));
  assert_int_equal(id, 0);
  err_clear(&e);
  assert_int_equal(count_rows(f->db, "SELECT count(*) FROM audit_log"), 0);
  assert_int_equal(
      count_rows(f->db, "SELECT count(*) FROM fz_meta WHERE key='audit_head'"),
      0);
}

static void required_fields(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditEntry aNoActor = {"", "org_unit", 1, "insert", NULL, "{}", NULL, NULL};
  AuditEntry aNoReg = {"张三", NULL, 1, "insert", NULL, "{}", NULL, NULL};
  AuditEntry aNoAction = {"张三", "org_unit", 1, NULL, NULL, "{}", NULL, NULL};
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(audit_append(f->db, &aNoActor, NULL, &e), FZ_INVALID);
  assert_non_null(strstr(err_msg(&e), "操作人"));
  err_clear(&e);
  assert_int_equal(audit_append(f->db, &aNoReg, NULL, &e), FZ_INVALID);
  err_clear(&e);
  assert_int_equal(audit_append(f->db, &aNoAction, NULL, &e), FZ_INVALID);
  err_clear(&e);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  assert_int_equal(count_rows(f->db, "SELECT count(*) FROM audit_log"), 0);
}

static void empty_log_is_intact(void **state) {
  Fix *f = *state;
  AuditReport rep = verify(f->db);
  assert_int_equal(rep.badId, 0);
  assert_int_equal(rep.nChecked, 0);
  assert_int_equal(rep.headId, 0);
}

static void chain_verifies(void **state) {
  Fix *f = *state;
  AuditReport rep;
  Err e = ERR_INIT;
  int64_t n = -1, id;
  AuditEntry a = {"李四", "org_unit", 7, "update", "{}", "{}", "更正", NULL};
  append_n(f->db, 300);
  rep = verify(f->db);
  assert_int_equal(rep.badId, 0);
  assert_int_equal(rep.nChecked, 300);
  assert_int_equal(rep.headId, 300);
  assert_int_equal(strlen(rep.zHead), 64);
  /* ids are 1..n, the first chains from zeros, each from the one before */
  assert_int_equal(
      count_rows(f->db, "SELECT count(*) FROM audit_log WHERE prev_hash="
                        "'0000000000000000000000000000000000000000000000000000"
                        "000000000000' AND id=1"),
      1);
  assert_int_equal(
      count_rows(f->db, "SELECT count(*) FROM audit_log AS a JOIN audit_log "
                        "AS b ON b.id=a.id+1 WHERE b.prev_hash=a.hash"),
      299);
  assert_int_equal(db_query_int64(f->db, &e, &n, NULL,
                                  test_on_pg()
                                      ? "SELECT count(*) FROM audit_log WHERE at ~ "
                                        "'^20[0-9]{2}-[01][0-9]-[0-3][0-9]T"
                                        "[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z$'"
                                      : "SELECT count(*) FROM audit_log WHERE "
                                        "at GLOB '20[0-9][0-9]-[01][0-9]-[0-3][0-9]T"
                                        "[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'",
                                  ""),
                   FZ_OK);
  assert_int_equal(n, 300);
  id = append1(f->db, &a);
  assert_int_equal(id, 301);
  rep = verify(f->db);
  assert_int_equal(rep.badId, 0);
  assert_int_equal(rep.headId, 301);
}

/* Each column of row 5 changed in turn, inside a transaction that is then
 * rolled back, so that each change is checked alone. */
static void tamper_each_column(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  static const char *azSet[] = {
      "at='2000-01-01T00:00:00Z'",
      "actor='王五'",
      "register='org_unitx'",
      "record_id=record_id+1",
      "record_id=record_id+0.5", /* a REAL that reads back as the integer */
      "action='insert'",
      "before_json='{\"name\":\"假\"}'",
      "before_json=NULL",
      "after_json='{}'",
      "after_json=NULL",
      "reason='伪造'",
      "reason=''",
      "actor=actor||char(0)||'隐藏'", /* bytes after a NUL */
      "after_json=CAST(after_json||char(0) AS BLOB)",
      "prev_hash=upper(prev_hash)",
      "prev_hash='0000000000000000000000000000000000000000000000000000000000"
      "000000'",
      "hash=replace(hash, substr(hash,1,1), 'x')",
      "hash=(SELECT hash FROM audit_log WHERE id=4)",
  };
  size_t i;
  char zSql[256];
  append_n(f->db, N_CHAIN);
  assert_intact(f->db);
  for (i = 0; i < sizeof azSet / sizeof azSet[0]; i++) {
    /* PostgreSQL's text holds no NUL byte: that tamper cannot happen there */
    if (test_on_pg() && strstr(azSet[i], "char(0)")) continue;
    assert_int_equal(db_begin(f->db, &e), FZ_OK);
    snprintf(zSql, sizeof zSql, "UPDATE audit_log SET %s WHERE id=5", azSet[i]);
    sql(f->db, zSql);
    print_message("tamper: %s\n", azSet[i]);
    assert_broken(f->db, 5, "内容被修改");
    assert_int_equal(db_rollback(f->db), FZ_OK);
    assert_intact(f->db);
  }
}

static void reorder_rows(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  append_n(f->db, N_CHAIN);
  /* swap the ids of rows 4 and 5 */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  sql(f->db, "UPDATE audit_log SET id=-5 WHERE id=5;"
             "UPDATE audit_log SET id=5 WHERE id=4;"
             "UPDATE audit_log SET id=4 WHERE id=-5;");
  assert_broken(f->db, 4, "内容被修改");
  assert_int_equal(db_rollback(f->db), FZ_OK);
  /* swap every column but the id */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  sql(f->db,
      "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id IN (4,5);"
      "UPDATE audit_log SET (at, actor, register, record_id, action,"
      " before_json, after_json, reason, prev_hash, hash) = (SELECT at,"
      " actor, register, record_id, action, before_json, after_json, reason,"
      " prev_hash, hash FROM t WHERE t.id = 9 - audit_log.id)"
      " WHERE id IN (4,5);"
      "DROP TABLE t;");
  assert_int_equal(count_rows(f->db, "SELECT count(*) FROM audit_log a JOIN"
                                     " audit_log b ON b.id=5 WHERE a.id=4 AND"
                                     " a.prev_hash=b.hash"),
                   1); /* really swapped */
  assert_broken(f->db, 4, "内容被修改");
  assert_int_equal(db_rollback(f->db), FZ_OK);
  /* move a row to the end */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  sql(f->db, "UPDATE audit_log SET id=11 WHERE id=3");
  assert_broken(f->db, 4, "之前的记录被删除");
  assert_int_equal(db_rollback(f->db), FZ_OK);
  assert_intact(f->db);
}

static void delete_middle_row(void **state) {
  Fix *f = *state;
  append_n(f->db, N_CHAIN);
  sql(f->db, "DELETE FROM audit_log WHERE id=5");
  assert_broken(f->db, 6, "之前的记录被删除");
  sql(f->db, "DELETE FROM audit_log WHERE id=1");
  assert_broken(f->db, 2, "之前的记录被删除");
}

static void delete_tail(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditReport rep;
  append_n(f->db, N_CHAIN);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  sql(f->db, "DELETE FROM audit_log WHERE id=10");
  assert_broken(f->db, 10, "审计日志末尾的记录被删除");
  rep = verify(f->db);
  assert_int_equal(rep.nChecked, 9);
  assert_non_null(strstr(rep.zReason, "第 10 条"));
  assert_non_null(strstr(rep.zReason, "第 9 条"));
  sql(f->db, "DELETE FROM audit_log WHERE id>=8");
  assert_broken(f->db, 8, "审计日志末尾的记录被删除");
  sql(f->db, "DELETE FROM audit_log");
  assert_broken(f->db, 1, "一条不剩");
  assert_int_equal(db_rollback(f->db), FZ_OK);
  assert_intact(f->db);
}

/* Writes go on after a deleted tail, and the deletion stays visible: the
 * next row chains to the head, not to the surviving last row, and does not
 * reuse the deleted id. */
static void append_after_truncation(void **state) {
  Fix *f = *state;
  AuditEntry a = {"张三", "org_unit", 1, "update", "{}", "{}", NULL, NULL};
  append_n(f->db, N_CHAIN);
  sql(f->db, "DELETE FROM audit_log WHERE id>=9");
  assert_int_equal(append1(f->db, &a), 11);
  assert_broken(f->db, 11, "之前的记录被删除");
}

/* Row r.id replaced by r with these hashes, with raw SQL (a DELETE and
 * an INSERT: what SQLite's REPLACE does, in SQL both back ends speak). */
static void replace_row(Db *db, const AuditRow *r, const char *zPrev, const char *zHash) {
  Err e = ERR_INIT;
  assert_int_equal(db_exec(db, &e, "DELETE FROM audit_log WHERE id=?", "i", r->id), FZ_OK);
  assert_int_equal(
      db_exec(db, &e, "INSERT INTO audit_log VALUES(?,?,?,?,?,?,?,?,?,?,?)", "itttitttttt",
              r->id, r->zAt, r->zActor, r->zRegister, r->recordId, r->zAction, r->zBefore,
              r->zAfter, r->zReason, zPrev, zHash),
      FZ_OK);
}

/* A forged row at the end, written with raw SQL. */
static void forged_rows(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditRow r = {.id = 11,
                .zAt = "2030-01-01T00:00:00Z",
                .zActor = "黑客",
                .zRegister = "org_unit",
                .recordId = 1,
                .zAction = "void",
                .zBefore = "{}",
                .zAfter = "{}",
                .zReason = "伪造"};
  char zPrev[AUDIT_HASH_HEX], zHash[AUDIT_HASH_HEX], zHead[128];
  Stmt *st = NULL;
  append_n(f->db, N_CHAIN);
  assert_int_equal(
      db_prepare(f->db, &st, "SELECT hash FROM audit_log WHERE id=10", &e),
      FZ_OK);
  assert_int_equal(db_step(st, &e), DB_ROW);
  memcpy(zPrev, db_column_text(st, 0), AUDIT_HASH_HEX);
  db_finalize(st);
  r.zPrevHash = zPrev;
  audit_row_hash(&r, zHash);
  /* naive: any hash */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(
      db_exec(f->db, &e, "INSERT INTO audit_log VALUES(?,?,?,?,?,?,?,?,?,?,?)",
              "itttitttttt", r.id, r.zAt, r.zActor, r.zRegister, r.recordId,
              r.zAction, r.zBefore, r.zAfter, r.zReason, zPrev, zPrev),
      FZ_OK);
  assert_broken(f->db, 11, "内容被修改");
  assert_int_equal(db_rollback(f->db), FZ_OK);
  /* by one who knows the algorithm: the chain holds, the head does not */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(
      db_exec(f->db, &e, "INSERT INTO audit_log VALUES(?,?,?,?,?,?,?,?,?,?,?)",
              "itttitttttt", r.id, r.zAt, r.zActor, r.zRegister, r.recordId,
              r.zAction, r.zBefore, r.zAfter, r.zReason, zPrev, zHash),
      FZ_OK);
  assert_broken(f->db, 11, "链头之后");
  /* ... unless the head is moved too: only an outside copy of the old
   * head then shows it (AuditReport.zHead) */
  snprintf(zHead, sizeof zHead, "11:%s", zHash);
  assert_int_equal(db_exec(f->db, &e,
                           "UPDATE fz_meta SET value=? WHERE key='audit_head'",
                           "t", zHead),
                   FZ_OK);
  assert_intact(f->db);
  assert_int_equal(db_rollback(f->db), FZ_OK);
  /* a middle row replaced by a well-hashed forgery breaks the next link */
  r.id = 5;
  assert_int_equal(
      db_prepare(f->db, &st, "SELECT hash FROM audit_log WHERE id=4", &e),
      FZ_OK);
  assert_int_equal(db_step(st, &e), DB_ROW);
  memcpy(zPrev, db_column_text(st, 0), AUDIT_HASH_HEX);
  db_finalize(st);
  audit_row_hash(&r, zHash);
  assert_int_equal(db_exec(f->db, &e,
                           "UPDATE audit_log SET actor=?, hash=? WHERE id=5",
                           "tt", r.zActor, zHash),
                   FZ_OK);
  assert_broken(f->db, 5, "内容被修改"); /* other columns still old */
  replace_row(f->db, &r, zPrev, zHash);
  assert_broken(f->db, 6, "之前的记录被删除");
}

/* The last row edited and re-hashed: its predecessor link still holds, but
 * the head remembers the old hash. */
static void rehashed_tail(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditRow r = {.id = 10,
                .zAt = "2024-01-01T00:00:00Z",
                .zActor = "张三",
                .zRegister = "org_unit",
                .recordId = 1,
                .zAction = "void",
                .zBefore = "{}",
                .zAfter = "{}",
                .zReason = "改写"};
  char zPrev[AUDIT_HASH_HEX], zHash[AUDIT_HASH_HEX];
  Stmt *st = NULL;
  append_n(f->db, N_CHAIN);
  assert_int_equal(
      db_prepare(f->db, &st, "SELECT prev_hash FROM audit_log WHERE id=10", &e),
      FZ_OK);
  assert_int_equal(db_step(st, &e), DB_ROW);
  memcpy(zPrev, db_column_text(st, 0), AUDIT_HASH_HEX);
  db_finalize(st);
  r.zPrevHash = zPrev;
  audit_row_hash(&r, zHash);
  replace_row(f->db, &r, zPrev, zHash);
  assert_broken(f->db, 10, "链头登记的哈希不符");
}

static void head_tampered(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditEntry a = {"张三", "org_unit", 1, "update", "{}", "{}", NULL, NULL};
  append_n(f->db, N_CHAIN);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  sql(f->db, "UPDATE fz_meta SET value='garbage' WHERE key='audit_head'");
  assert_broken(f->db, 1, "链头（fz_meta 中的 audit_head）格式不正确");
  sql(f->db, "UPDATE fz_meta SET value='10:'||upper((SELECT hash FROM "
             "audit_log WHERE id=10)) WHERE key='audit_head'");
  assert_broken(f->db, 1, "格式不正确");
  assert_int_equal(db_rollback(f->db), FZ_OK);
  sql(f->db, "DELETE FROM fz_meta WHERE key='audit_head'");
  assert_broken(f->db, 1, "链头（fz_meta 中的 audit_head）被删除");
  /* appending goes on; the gap stays visible once the head is back */
  assert_int_equal(append1(f->db, &a), 11);
  assert_broken(f->db, 11, "之前的记录被删除");
  /* a head with an empty log */
  sql(f->db, "DELETE FROM audit_log");
  assert_broken(f->db, 1, "一条不剩");
}

static void rollback_leaves_nothing(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditEntry a = {"张三", "org_unit", 1, "update", "{}", "{}", NULL, NULL};
  int64_t id = 0;
  AuditReport rep;
  append_n(f->db, 5);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(audit_append(f->db, &a, &id, &e), FZ_OK);
  assert_int_equal(id, 6);
  assert_int_equal(db_rollback(f->db), FZ_OK);
  assert_int_equal(count_rows(f->db, "SELECT count(*) FROM audit_log"), 5);
  rep = verify(f->db);
  assert_int_equal(rep.badId, 0);
  assert_int_equal(rep.headId, 5);
  /* an inner savepoint rolled back takes its row and the head with it */
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(audit_append(f->db, &a, &id, &e), FZ_OK);
  assert_int_equal(id, 6);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(audit_append(f->db, &a, &id, &e), FZ_OK);
  assert_int_equal(id, 7);
  assert_int_equal(db_rollback(f->db), FZ_OK);
  assert_int_equal(audit_append(f->db, &a, &id, &e), FZ_OK);
  assert_int_equal(id, 7);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  rep = verify(f->db);
  assert_int_equal(rep.badId, 0);
  assert_int_equal(rep.nChecked, 7);
  assert_int_equal(rep.headId, 7);
  assert_int_equal(db_txn_depth(f->db), 0);
}

static void hash_encoding_is_unambiguous(void **state) {
  AuditRow a = {.id = 1,
                .zAt = "2024-01-01T00:00:00Z",
                .zActor = "ab",
                .zRegister = "c",
                .recordId = 1,
                .zAction = "update",
                .zBefore = NULL,
                .zAfter = "",
                .zReason = NULL,
                .zPrevHash = "00"};
  AuditRow b;
  char zA[AUDIT_HASH_HEX], zB[AUDIT_HASH_HEX];
  (void)state;
  audit_row_hash(&a, zA);
  assert_int_equal(strlen(zA), 64);
  b = a;
  audit_row_hash(&b, zB);
  assert_string_equal(zA, zB); /* deterministic */
  b.zActor = "a";
  b.zRegister = "bc";
  audit_row_hash(&b, zB);
  assert_string_not_equal(zA, zB);
  b = a;
  b.zBefore = "";
  audit_row_hash(&b, zB);
  assert_string_not_equal(zA, zB);
  b = a;
  b.zAfter = NULL;
  audit_row_hash(&b, zB);
  assert_string_not_equal(zA, zB);
  b = a;
  b.zReason = "";
  audit_row_hash(&b, zB);
  assert_string_not_equal(zA, zB);
  b = a;
  b.id = 2;
  audit_row_hash(&b, zB);
  assert_string_not_equal(zA, zB);
  b = a;
  b.recordId = 256;
  audit_row_hash(&b, zB);
  assert_string_not_equal(zA, zB);
  b = a; /* the same bytes, moved from one field to its neighbour */
  b.zBefore = "";
  b.zAfter = NULL;
  audit_row_hash(&b, zB);
  assert_string_not_equal(zA, zB);
}

/* NULL and "" are stored apart, and a change from one to the other shows. */
static void null_and_empty_stored_apart(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditEntry aNull = {"张三", "org_unit", 1, "insert", NULL, "{}", NULL, NULL};
  AuditEntry aEmpty = {"张三", "org_unit", 1, "insert", "", "{}", "", NULL};
  append1(f->db, &aNull);
  append1(f->db, &aEmpty);
  append1(f->db, &aNull);
  assert_intact(f->db);
  assert_int_equal(count_rows(f->db, "SELECT count(*) FROM audit_log WHERE "
                                     "before_json IS NULL AND reason IS NULL"),
                   2);
  assert_int_equal(count_rows(f->db, "SELECT count(*) FROM audit_log WHERE "
                                     "before_json='' AND reason=''"),
                   1);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  sql(f->db, "UPDATE audit_log SET before_json='' WHERE id=1");
  assert_broken(f->db, 1, "内容被修改");
  assert_int_equal(db_rollback(f->db), FZ_OK);
  sql(f->db, "UPDATE audit_log SET reason=NULL WHERE id=2");
  assert_broken(f->db, 2, "内容被修改");
}

typedef struct Seen {
  int n;
  int64_t aId[8];
  char zAfter[8][128];
  char zReason[8][64];
  int stopAt; /* stop after this many rows; 0 never */
} Seen;

static int seen_row(const AuditRow *r, void *pArg) {
  Seen *p = pArg;
  if (p->n < 8) {
    p->aId[p->n] = r->id;
    snprintf(p->zAfter[p->n], sizeof p->zAfter[0], "%s",
             r->zAfter ? r->zAfter : "(null)");
    snprintf(p->zReason[p->n], sizeof p->zReason[0], "%s",
             r->zReason ? r->zReason : "(null)");
  }
  assert_string_equal(r->zRegister, "mediation");
  assert_int_equal(r->recordId, 42);
  assert_int_equal(strlen(r->zHash), 64);
  assert_int_equal(strlen(r->zPrevHash), 64);
  assert_int_equal(strlen(r->zAt), 20);
  p->n++;
  return p->stopAt && p->n >= p->stopAt ? FZ_CONFLICT : FZ_OK;
}

static void unicode_content(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  const char *zAfter =
      "{\"当事人\":\"卓玛 ཀཁག\",\"备注\":\"调解成功😀\\n\\\"引号\\\"\"}";
  AuditEntry a = {"多杰才让", "mediation",         42, "insert", NULL,
                  zAfter,     "群众来访：邻里纠纷", NULL};
  Seen seen;
  append1(f->db, &a);
  assert_intact(f->db);
  memset(&seen, 0, sizeof seen);
  assert_int_equal(audit_history(f->db, "mediation", 42, seen_row, &seen, &e),
                   FZ_OK);
  assert_int_equal(seen.n, 1);
  assert_string_equal(seen.zAfter[0], zAfter);
  assert_string_equal(seen.zReason[0], "群众来访：邻里纠纷");
  sql(f->db, "UPDATE audit_log SET reason='群众来访：邻里纠纷 ' WHERE id=1");
  assert_broken(f->db, 1, "内容被修改");
}

static void history_in_order(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  AuditEntry aIns = {"张三", "mediation", 42,  "insert",
                     NULL,   "{\"v\":1}", NULL, NULL};
  AuditEntry aOther = {"张三", "mediation", 43, "insert", NULL, "{}", NULL, NULL};
  AuditEntry aElse = {"张三", "legal_aid", 42, "insert", NULL, "{}", NULL, NULL};
  AuditEntry aUpd = {"李四",      "mediation", 42,    "update",
                     "{\"v\":1}", "{\"v\":2}", "补正", NULL};
  AuditEntry aVoid = {"王五",      "mediation", 42,        "void",
                      "{\"v\":2}", NULL,        "重复登记", NULL};
  Seen seen;
  append1(f->db, &aIns);
  append1(f->db, &aOther);
  append1(f->db, &aElse);
  append1(f->db, &aUpd);
  append1(f->db, &aOther);
  append1(f->db, &aVoid);
  memset(&seen, 0, sizeof seen);
  assert_int_equal(audit_history(f->db, "mediation", 42, seen_row, &seen, &e),
                   FZ_OK);
  assert_int_equal(seen.n, 3);
  assert_int_equal(seen.aId[0], 1);
  assert_int_equal(seen.aId[1], 4);
  assert_int_equal(seen.aId[2], 6);
  assert_string_equal(seen.zAfter[0], "{\"v\":1}");
  assert_string_equal(seen.zAfter[1], "{\"v\":2}");
  assert_string_equal(seen.zAfter[2], "(null)");
  assert_string_equal(seen.zReason[0], "(null)");
  assert_string_equal(seen.zReason[2], "重复登记");
  /* the callback can stop the walk, and its rc comes back */
  memset(&seen, 0, sizeof seen);
  seen.stopAt = 2;
  assert_int_equal(audit_history(f->db, "mediation", 42, seen_row, &seen, &e),
                   FZ_CONFLICT);
  assert_int_equal(seen.n, 2);
  /* a record without history */
  memset(&seen, 0, sizeof seen);
  assert_int_equal(audit_history(f->db, "mediation", 44, seen_row, &seen, &e),
                   FZ_OK);
  assert_int_equal(seen.n, 0);
}

/* The schema has the log and its per-record index from version 2 on. */
static void schema_has_audit_log(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  int v = 0, exists = 0;
  assert_int_equal(schema_version(f->db, &v, &e), FZ_OK);
  assert_true(v >= 2);
  assert_int_equal(v, schema_latest());
  assert_int_equal(db_table_exists(f->db, "audit_log", &exists, &e), FZ_OK);
  assert_true(exists);
  assert_int_equal(count_rows(f->db, test_on_pg() ? "SELECT count(*) FROM pg_indexes "
                                                    "WHERE indexname='audit_log_record'"
                                                  : "SELECT count(*) FROM sqlite_schema "
                                                    "WHERE name='audit_log_record'"),
                   1);
}

/* FZ_AUDIT_BENCH=N: fill N rows the fast way (one prepared insert) and time
 * a full verify, then a tampered row near the end. */
static void bench_verify(void **state) {
  Fix *f = *state;
  Err e = ERR_INIT;
  const char *zN = getenv("FZ_AUDIT_BENCH");
  long long n = zN ? strtoll(zN, NULL, 10) : 0, i;
  char zPrev[AUDIT_HASH_HEX], zHash[AUDIT_HASH_HEX], zHead[128];
  char zAfter[128], zBefore[128];
  AuditRow r = {.zAt = "2024-06-01T08:00:00Z",
                .zActor = "张三",
                .zRegister = "reconsideration",
                .zAction = "update",
                .zBefore = zBefore,
                .zAfter = zAfter,
                .zReason = "补正材料",
                .zPrevHash = zPrev,
                .zHash = zHash};
  AuditReport rep;
  Stmt *st = NULL;
  struct timespec t0, t1;
  if (n <= 0) {
    skip();
    return;
  }
  memcpy(zPrev,
         "0000000000000000000000000000000000000000000000000000000000"
         "000000",
         AUDIT_HASH_HEX);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  assert_int_equal(db_begin(f->db, &e), FZ_OK);
  assert_int_equal(db_prepare(f->db, &st,
                              "INSERT INTO audit_log VALUES(?,?,?,?,?,?,?,?,"
                              "?,?,?)",
                              &e),
                   FZ_OK);
  for (i = 1; i <= n; i++) {
    r.id = i;
    r.recordId = i % 5000;
    snprintf(zBefore, sizeof zBefore,
             "{\"案号\":\"泽司复〔2024〕%lld号\",\"状态\":\"受理\"}", i);
    snprintf(zAfter, sizeof zAfter,
             "{\"案号\":\"泽司复〔2024〕%lld号\",\"状态\":\"审理\"}", i);
    audit_row_hash(&r, zHash);
    db_bind_int64(st, 1, r.id);
    db_bind_text(st, 2, r.zAt);
    db_bind_text(st, 3, r.zActor);
    db_bind_text(st, 4, r.zRegister);
    db_bind_int64(st, 5, r.recordId);
    db_bind_text(st, 6, r.zAction);
    db_bind_text(st, 7, r.zBefore);
    db_bind_text(st, 8, r.zAfter);
    db_bind_text(st, 9, r.zReason);
    db_bind_text(st, 10, zPrev);
    db_bind_text(st, 11, zHash);
    assert_int_equal(db_step(st, &e), DB_DONE);
    db_reset(st);
    memcpy(zPrev, zHash, AUDIT_HASH_HEX);
  }
  db_finalize(st);
  snprintf(zHead, sizeof zHead, "%lld:%s", n, zPrev);
  assert_int_equal(db_exec(f->db, &e,
                           "INSERT INTO fz_meta VALUES('audit_head', ?)", "t",
                           zHead),
                   FZ_OK);
  assert_int_equal(db_commit(f->db, &e), FZ_OK);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  print_message("filled %lld rows in %.2f s\n", n,
                (double)(t1.tv_sec - t0.tv_sec) +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  rep = verify(f->db);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  assert_int_equal(rep.badId, 0);
  assert_int_equal(rep.nChecked, n);
  print_message("verified %lld rows in %.2f s\n", n,
                (double)(t1.tv_sec - t0.tv_sec) +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  sql(f->db, "UPDATE audit_log SET reason='x' WHERE id=(SELECT max(id)-1 "
             "FROM audit_log)");
  assert_broken(f->db, n - 1, "内容被修改");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void) {
  const struct CMUnitTest tests[] = {
      T(append_outside_txn_is_refused),
      T(required_fields),
      T(empty_log_is_intact),
      T(chain_verifies),
      T(tamper_each_column),
      T(reorder_rows),
      T(delete_middle_row),
      T(delete_tail),
      T(append_after_truncation),
      T(forged_rows),
      T(rehashed_tail),
      T(head_tampered),
      T(rollback_leaves_nothing),
      cmocka_unit_test(hash_encoding_is_unambiguous),
      T(null_and_empty_stored_apart),
      T(unicode_content),
      T(history_in_order),
      T(schema_has_audit_log),
      T(bench_verify),
  };
  return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
