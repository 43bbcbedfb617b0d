/* test_auth.c — users, roles and sessions: names, roles, scopes and
 * password rules; Argon2id login that says nothing about which part was
 * wrong; the lock after repeated failures; sessions stored by hash that
 * die with logout, a password change, a disabled account, idleness or
 * age (and are purged at the next login); scoped admins;
 * and no password or hash in the audit log. */
#include "testutil.h"

#include <time.h>

#include "../../src/domain/auth.h"
#include "../../src/base/clock.h"
#include "../../src/store/audit.h"

#define PW "Zeku-Admin-2024"

static int setup(void **state) {
  Db *db = NULL;
  Err e = ERR_INIT;
  if (test_open_org_db("auth.db", &db) != 0) return -1;
  if (auth_user_add(db, NULL, "admin", "管理员", "admin", NULL, "632323000000", PW, &e) != FZ_OK)
    return -1;
  *state = db;
  return 0;
}

static int teardown(void **state) {
  db_close(*state);
  return 0;
}

static void users_are_checked(void **state) {
  static const struct {
    const char *zName, *zRole, *zRegs, *zScope, *zPw, *zMsg;
    int rc;
  } aCase[] = {
      {"Admin", "clerk", NULL, "632323000000", PW, "用户名应为", FZ_INVALID},
      {"x", "clerk", NULL, "632323000000", PW, "用户名应为", FZ_INVALID},
      {"clerk2", "boss", NULL, "632323000000", PW, "角色“boss”无效", FZ_INVALID},
      {"clerk2", "clerk", NULL, "632399000000", PW, "632399000000", FZ_NOTFOUND},
      {"clerk2", "clerk", NULL, "632323000000", "short", "至少需要10个字符", FZ_INVALID},
      {"clerk2", "clerk", NULL, "632323000000", "my-clerk2-pw", "不能包含用户名", FZ_INVALID},
      {"admin", "clerk", NULL, "632323000000", PW, "已被使用", FZ_CONFLICT},
      {"fuyi", "editor", NULL, "632323000000", PW, "须指定可编辑的登记簿", FZ_INVALID},
      {"fuyi", "editor", "reconsideration,nope", "632323000000", PW, "“nope”", FZ_INVALID},
      {"zequ", "township", "dispute", "632323100000", PW, "是固定的", FZ_INVALID},
      {"boss2", "leader", "dispute", "632323000000", PW, "是固定的", FZ_INVALID},
  };
  Db *db = *state;
  size_t i;
  for (i = 0; i < sizeof aCase / sizeof aCase[0]; i++) {
    Err e = ERR_INIT;
    int rc = auth_user_add(db, NULL, aCase[i].zName, NULL, aCase[i].zRole, aCase[i].zRegs,
                           aCase[i].zScope, aCase[i].zPw, &e);
    if (rc != aCase[i].rc || !strstr(err_msg(&e), aCase[i].zMsg))
      fail_msg("case %zu: rc %d '%s'", i, rc, err_msg(&e));
    err_clear(&e);
  }
  assert_non_null(auth_role_find("业务人员"));
  assert_int_equal(auth_role_find("reader")->perms, P_READ);
}

static void login_and_session(void **state) {
  Db *db = *state;
  AuthSession s;
  AuthUser u;
  Actor a;
  Err e = ERR_INIT;
  int64_t n = -1;
  assert_int_equal(auth_login(db, "admin", PW, &s, &e), FZ_OK);
  assert_int_equal(strlen(s.zToken), 64);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_OK);
  assert_string_equal(u.zName, "admin");
  assert_string_equal(u.zScope, "632323000000");
  assert_string_equal(u.zCsrf, s.zCsrf);
  assert_true(u.perms & P_ADMIN);
  a = auth_actor(&u);
  assert_int_equal(a.readOnly, 0); /* an admin writes every register */
  /* only the token's hash is stored */
  assert_int_equal(db_query_int64(db, &e, &n, NULL,
                                  "SELECT count(*) FROM app_session WHERE token_hash = ?",
                                  "t", s.zToken),
                   FZ_OK);
  assert_int_equal(n, 0);
  assert_int_equal(auth_session_user(db, "not-a-token", &u, &e), FZ_FORBIDDEN);
  err_clear(&e);
  assert_int_equal(auth_logout(db, s.zToken, &e), FZ_OK);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_FORBIDDEN);
  assert_non_null(strstr(err_msg(&e), "重新登录"));
  err_clear(&e);
}

static void failures_say_nothing_and_lock(void **state) {
  Db *db = *state;
  AuthSession s;
  Err e = ERR_INIT;
  int i;
  int64_t nAudit = 0;
  assert_int_equal(auth_login(db, "nobody", PW, &s, &e), FZ_FORBIDDEN);
  assert_string_equal(err_msg(&e), "用户名或密码错误");
  err_clear(&e);
  /* every attempt is audited, the failed one too */
  assert_int_equal(db_query_int64(db, &e, &nAudit, NULL,
                                  "SELECT count(*) FROM audit_log WHERE register = 'login'"
                                  " AND action = 'login_failed'",
                                  ""),
                   FZ_OK);
  assert_int_equal(nAudit, 1);
  assert_int_equal(auth_login(db, "admin", "wrong-password", &s, &e), FZ_FORBIDDEN);
  assert_string_equal(err_msg(&e), "用户名或密码错误"); /* the same words */
  err_clear(&e);
  if (getenv("FZ_TEST_LIGHT")) skip(); /* Argon2id under valgrind: minutes */
  for (i = 1; i < AUTH_MAX_FAILURES; i++) {
    assert_int_equal(auth_login(db, "admin", "wrong-password", &s, &e), FZ_FORBIDDEN);
    err_clear(&e);
  }
  /* locked now: even the right password is refused */
  assert_int_equal(auth_login(db, "admin", PW, &s, &e), FZ_FORBIDDEN);
  assert_non_null(strstr(err_msg(&e), "已锁定"));
  err_clear(&e);
}

static void changes_end_sessions(void **state) {
  Db *db = *state;
  AuthSession s;
  AuthUser u;
  Err e = ERR_INIT;
  assert_int_equal(auth_login(db, "admin", PW, &s, &e), FZ_OK);
  assert_int_equal(auth_password_set(db, NULL, "admin", "Another-Pass-99", &e), FZ_OK);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_FORBIDDEN);
  err_clear(&e);
  assert_int_equal(auth_login(db, "admin", "Another-Pass-99", &s, &e), FZ_OK);
  assert_int_equal(auth_user_disable(db, NULL, "admin", &e), FZ_OK);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_FORBIDDEN);
  err_clear(&e);
  assert_int_equal(auth_login(db, "admin", "Another-Pass-99", &s, &e), FZ_FORBIDDEN);
  err_clear(&e);
}

/* UTC ISO time `seconds` from now (negative: ago). */
static void iso_at(long seconds, char *zBuf) {
  time_t t = time(NULL) + seconds;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(zBuf, CLOCK_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Age the admin's session: its last request at zSeen, its end at zExpires. */
static void age_session(Db *db, const char *zSeen, const char *zExpires) {
  Err e = ERR_INIT;
  assert_int_equal(db_exec(db, &e, "UPDATE app_session SET seen_at = ?, expires_at = ?", "tt",
                           zSeen, zExpires),
                   FZ_OK);
}

static void sessions_expire_idle_and_absolute(void **state) {
  Db *db = *state;
  AuthSession s;
  AuthUser u;
  Err e = ERR_INIT;
  char zNow[CLOCK_ISO_LEN];
  int64_t n = -1;
  char zAgo2[CLOCK_ISO_LEN], zAgo31[CLOCK_ISO_LEN], zLater[CLOCK_ISO_LEN];
  iso_at(-120, zAgo2);
  iso_at(-31 * 60, zAgo31);
  iso_at(3600, zLater);
  assert_int_equal(auth_login(db, "admin", PW, &s, &e), FZ_OK);
  /* idle two minutes: still alive, and the request refreshes seen_at */
  age_session(db, zAgo2, zLater);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_OK);
  assert_true(u.touch);
  assert_int_equal(auth_session_touch(db, s.zToken, &e), FZ_OK);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_OK);
  assert_false(u.touch); /* seen just now */
  assert_int_equal(db_query_int64(db, &e, &n, NULL,
                                  "SELECT count(*) FROM app_session WHERE seen_at > ?", "t",
                                  zAgo2),
                   FZ_OK);
  assert_int_equal(n, 1);
  /* idle 31 minutes: gone, and the message says why */
  age_session(db, zAgo31, zLater);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_FORBIDDEN);
  assert_non_null(strstr(err_msg(&e), "分钟未操作"));
  err_clear(&e);
  /* busy but past its absolute end: gone */
  age_session(db, clock_now_iso(zNow, sizeof zNow), zAgo2);
  assert_int_equal(auth_session_user(db, s.zToken, &u, &e), FZ_FORBIDDEN);
  assert_non_null(strstr(err_msg(&e), "会话已过期"));
  err_clear(&e);
  /* the next login sweeps dead sessions away */
  assert_int_equal(auth_login(db, "admin", PW, &s, &e), FZ_OK);
  assert_int_equal(db_query_int64(db, &e, &n, NULL, "SELECT count(*) FROM app_session", ""),
                   FZ_OK);
  assert_int_equal(n, 1);
}

static int no_secret(const AuditRow *r, void *pArg) {
  int *pn = pArg;
  (*pn)++;
  if (r->zAfter && (strstr(r->zAfter, "argon2") || strstr(r->zAfter, PW)))
    fail_msg("a password reached the audit log: %s", r->zAfter);
  return FZ_OK;
}

static void admins_are_scoped_and_audited(void **state) {
  Db *db = *state;
  AuthUser township;
  Err e = ERR_INIT;
  int n = 0;
  memset(&township, 0, sizeof township);
  snprintf(township.zName, sizeof township.zName, "%s", "zequ-admin");
  snprintf(township.zScope, sizeof township.zScope, "%s", "632323100000");
  township.perms = P_READ | P_WRITE | P_ADMIN;
  assert_int_equal(auth_user_add(db, &township, "county-clerk", NULL, "clerk", NULL,
                                 "632323000000", "Clerk-Pass-2024", &e),
                   FZ_FORBIDDEN);
  err_clear(&e);
  assert_int_equal(auth_user_add(db, &township, "zequ-clerk", "卓玛", "clerk", NULL,
                                 "632323100000-SFS", "Clerk-Pass-2024", &e),
                   FZ_OK);
  township.perms = P_READ | P_WRITE; /* a clerk administers no one */
  assert_int_equal(auth_user_disable(db, &township, "zequ-clerk", &e), FZ_FORBIDDEN);
  err_clear(&e);
  assert_int_equal(audit_history(db, "app_user", 1, no_secret, &n, &e), FZ_OK);
  assert_int_equal(audit_history(db, "app_user", 2, no_secret, &n, &e), FZ_OK);
  assert_int_equal(n, 2);
}

/* Whom a user may write is a mask over the registers, from the role (a
 * 司法所 clerk's fixed list) or the user's own list (a section editor). */
static Actor actor_for(Db *db, const char *zName, const char *zRole, const char *zRegs,
                       const char *zScope, AuthUser *u) {
  AuthSession s;
  Err e = ERR_INIT;
  assert_int_equal(auth_user_add(db, NULL, zName, NULL, zRole, zRegs, zScope, PW, &e), FZ_OK);
  assert_int_equal(auth_login(db, zName, PW, &s, &e), FZ_OK);
  assert_int_equal(auth_session_user(db, s.zToken, u, &e), FZ_OK);
  return auth_actor(u);
}

static void roles_write_their_registers(void **state) {
  Db *db = *state;
  AuthUser u1, u2, u3, u4;
  Actor fuyi = actor_for(db, "fuyi", "editor", "reconsideration，litigation", "632323000000", &u1);
  Actor zequ = actor_for(db, "zequ", "township", NULL, "632323100000", &u2);
  Actor boss = actor_for(db, "boss", "leader", NULL, "632323000000", &u3);
  Actor all = actor_for(db, "keshi", "clerk", NULL, "632323000000", &u4);
  const char *azZequ[] = {"screening", "dispute", "aid_case", "aid_document", "consultation",
                          "activity"};
  int i, nZequ = 0, nFuyi = 0, nBoss = 0;
  for (i = 0; i < reg_count; i++) {
    nFuyi += reg_actor_edits(&fuyi, reg_all[i]);
    nZequ += reg_actor_edits(&zequ, reg_all[i]);
    nBoss += reg_actor_edits(&boss, reg_all[i]);
    assert_true(reg_actor_edits(&all, reg_all[i]));
  }
  assert_int_equal(nBoss, 1); /* approving sets the report's status, nothing else */
  assert_true(reg_actor_edits(&boss, reg_find("report")));
  assert_int_equal(nFuyi, 2);
  assert_true(reg_actor_edits(&fuyi, reg_find("reconsideration")));
  assert_true(reg_actor_edits(&fuyi, reg_find("行政应诉")));
  assert_int_equal(nZequ, 6);
  for (i = 0; i < 6; i++) assert_true(reg_actor_edits(&zequ, reg_find(azZequ[i])));
}

int main(void) {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(users_are_checked),
      T(login_and_session),
      T(failures_say_nothing_and_lock),
      T(changes_end_sessions),
      T(sessions_expire_idle_and_absolute),
      T(admins_are_scoped_and_audited),
      T(roles_write_their_registers),
  };
  return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
