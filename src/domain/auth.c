/* auth.c — roles, users, passwords and sessions (see auth.h). */
#include "auth.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"
#include "../base/mem.h"
#include "../base/str.h"
#include "../base/utf8.h"
#include "../store/audit.h"
#include "../store/users.h"
#include "org.h"

/* DESIGN.md "who uses it": a 司法所 clerk records mediation, screenings,
 * legal-aid intake and publicity; a section editor the registers named. */
const AuthRole auth_roles[] = {
    {"admin", "系统管理员", P_READ | P_WRITE | P_APPROVE | P_ADMIN, NULL},
    {"leader", "领导", P_READ | P_APPROVE, NULL},
    {"clerk", "业务人员", P_READ | P_WRITE, NULL},
    {"editor", "科室业务人员", P_READ | P_WRITE, ""},
    {"township", "司法所人员", P_READ | P_WRITE,
     "screening,dispute,aid_case,aid_document,consultation,activity"},
    {"reader", "查阅（上级机关）", P_READ, NULL},
};
const int auth_nrole = (int)(sizeof auth_roles / sizeof auth_roles[0]);

const AuthRole *auth_role_find(const char *z) {
  int i;
  for (i = 0; z && i < auth_nrole; i++) {
    if (strcmp(z, auth_roles[i].zCode) == 0 || strcmp(z, auth_roles[i].zLabel) == 0)
      return &auth_roles[i];
  }
  return NULL;
}

/* "reconsideration,litigation" (names or labels; "，" too) into a mask. */
static int registers_parse(const char *zList, uint64_t *pMask, Err *e) {
  Str s = STR_INIT;
  char *z, *zNext;
  const char *p;
  int rc = FZ_OK;
  for (p = zList; *p; p++) {
    if (strncmp(p, "，", strlen("，")) == 0) {
      str_putc(&s, ',');
      p += strlen("，") - 1;
    } else {
      str_putc(&s, *p);
    }
  }
  *pMask = 0;
  for (z = s.z; rc == FZ_OK && z; z = zNext) {
    const Register *pReg;
    zNext = strchr(z, ',');
    if (zNext) *zNext++ = 0;
    pReg = reg_find(z);
    if (pReg) *pMask |= (uint64_t)1 << reg_index(pReg);
    else rc = err_set_at(e, FZ_INVALID, 0, "登记簿", "没有名为“%s”的登记簿", z);
  }
  str_free(&s);
  return rc;
}

int auth_registers_mask(const AuthRole *role, const char *zList, uint64_t *pReadOnly,
                        Err *e) {
  const char *z = role->zRegisters;
  uint64_t writes = 0;
  int rc;
  int named = z && !z[0]; /* the role takes each user's own list */
  *pReadOnly = ~(uint64_t)0;
  if (zList && zList[0] && !named) {
    return err_set_at(e, FZ_INVALID, 0, "登记簿",
                      "角色“%s”的可编辑登记簿是固定的，不能另行指定", role->zLabel);
  }
  if (!(role->perms & P_WRITE)) return FZ_OK;
  if (!z) {
    *pReadOnly = 0;
    return FZ_OK;
  }
  if (named) z = zList;
  if (!z || !z[0]) {
    return err_set_at(e, FZ_INVALID, 0, "登记簿",
                      "角色“%s”须指定可编辑的登记簿（如 reconsideration,litigation）",
                      role->zLabel);
  }
  rc = registers_parse(z, &writes, e);
  if (rc == FZ_OK) *pReadOnly = ~writes;
  return rc;
}

/* UTC ISO time `seconds` from now: what sessions and locks compare. */
static void iso_after(long seconds, char *zBuf, size_t n) {
  time_t t = time(NULL) + seconds;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(zBuf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Sessions last seen before this moment have idled out. */
static void idle_cutoff(char *zBuf, size_t n) {
  iso_after(-60L * AUTH_IDLE_MINUTES, zBuf, n);
}

/* Drop every dead session, and all of userId's when userId > 0. */
static int purge_sessions(Db *db, int64_t userId, Err *e) {
  char zNow[CLOCK_ISO_LEN], zIdle[CLOCK_ISO_LEN];
  iso_after(0, zNow, sizeof zNow);
  idle_cutoff(zIdle, sizeof zIdle);
  return sessions_purge(db, zNow, zIdle, userId, e);
}

static int name_ok(const char *z) {
  size_t n = strlen(z), i;
  if (n < 2 || n > 32) return 0;
  for (i = 0; i < n; i++) {
    char c = z[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
          c == '-'))
      return 0;
  }
  return 1;
}

static int password_ok(const char *zName, const char *zPw, Err *e) {
  if (!zPw || utf8_count(zPw, strlen(zPw)) < 10) {
    return err_set_at(e, FZ_INVALID, 0, "密码", "密码至少需要10个字符");
  }
  if (strstr(zPw, zName)) {
    return err_set_at(e, FZ_INVALID, 0, "密码", "密码不能包含用户名");
  }
  return FZ_OK;
}

/* Argon2id in libsodium's self-describing form (salt and costs included). */
static int hash_password(const char *zPw, char zOut[crypto_pwhash_STRBYTES], Err *e) {
  if (sodium_init() < 0 ||
      crypto_pwhash_str_alg(zOut, zPw, strlen(zPw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return err_set(e, FZ_IO, "计算密码哈希失败（内存不足？）");
  }
  return FZ_OK;
}

/* by must administer the scope; NULL is the system (the command line). */
static int may_admin(const AuthUser *by, const char *zScope, Err *e) {
  if (!by) return FZ_OK;
  if (!(by->perms & P_ADMIN) || !org_in_subtree(zScope, by->zScope)) {
    return err_set(e, FZ_FORBIDDEN, "无权管理机构“%s”的用户", zScope);
  }
  return FZ_OK;
}

static int audit_user(Db *db, const char *zActor, int64_t id, const char *zAction,
                      const char *zAfter, Err *e) {
  AuditEntry ae;
  memset(&ae, 0, sizeof ae);
  ae.zActor = zActor;
  ae.zRegister = "app_user";
  ae.recordId = id;
  ae.zAction = zAction;
  ae.zAfter = zAfter;
  return audit_append(db, &ae, NULL, e);
}

int auth_user_add(Db *db, const AuthUser *by, const char *zName, const char *zDisplay,
                  const char *zRole, const char *zRegisters, const char *zScope,
                  const char *zPassword, Err *e) {
  const AuthRole *role = auth_role_find(zRole);
  char zHash[crypto_pwhash_STRBYTES];
  UserRow u;
  OrgUnit org;
  Str after = STR_INIT;
  int64_t id = 0;
  int rc;
  if (!name_ok(zName)) {
    return err_set_at(e, FZ_INVALID, 0, "用户名",
                      "用户名应为2至32个小写字母、数字或 _ . -：“%s”", zName);
  }
  uint64_t readOnly;
  if (!role) {
    return err_set_at(e, FZ_INVALID, 0, "角色",
                      "角色“%s”无效：admin、leader、clerk、editor、township 或 reader",
                      zRole ? zRole : "");
  }
  if (zRegisters && !zRegisters[0]) zRegisters = NULL;
  rc = auth_registers_mask(role, zRegisters, &readOnly, e);
  if (rc != FZ_OK) return rc;
  rc = org_get(db, zScope, &org, e);
  if (rc != FZ_OK) return rc;
  org_unit_clear(&org);
  rc = may_admin(by, zScope, e);
  if (rc == FZ_OK) rc = password_ok(zName, zPassword, e);
  if (rc == FZ_OK) rc = hash_password(zPassword, zHash, e);
  if (rc != FZ_OK) return rc;
  memset(&u, 0, sizeof u);
  u.zName = (char *)zName;
  u.zDisplay = (char *)(zDisplay && zDisplay[0] ? zDisplay : zName);
  u.zRole = (char *)role->zCode;
  u.zScope = (char *)zScope;
  u.zHash = zHash;
  u.zRegisters = (char *)zRegisters;
  {
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s?}", "name", zName, "display", u.zDisplay,
                          "role", role->zCode, "scope", zScope, "registers", zRegisters);
    char *z = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    str_puts(&after, z);
    free(z);
    json_decref(o);
  }
  rc = db_begin(db, e);
  if (rc == FZ_OK) rc = users_insert(db, &u, by ? by->zName : "system", &id, e);
  if (rc == FZ_OK) rc = audit_user(db, by ? by->zName : "system", id, "insert", str_cstr(&after), e);
  rc = rc == FZ_OK ? db_commit(db, e) : (db_rollback(db), rc);
  str_free(&after);
  sodium_memzero(zHash, sizeof zHash);
  return rc;
}

/* Change one user, audited as zActor, their sessions dropped. */
static int apply_change(Db *db, const char *zActor, int64_t id, const char *zHash,
                        int disable, Err *e) {
  int rc = db_begin(db, e);
  if (rc != FZ_OK) return rc;
  rc = zHash ? users_set_hash(db, id, zHash, e) : users_set_disabled(db, id, disable, e);
  if (rc == FZ_OK) rc = purge_sessions(db, id, e);
  if (rc == FZ_OK) rc = audit_user(db, zActor, id, zHash ? "password" : "disable", NULL, e);
  return rc == FZ_OK ? db_commit(db, e) : (db_rollback(db), rc);
}

/* A new password's Argon2id hash, after the password rules. */
static int new_hash(const char *zName, const char *zPw, char zHash[crypto_pwhash_STRBYTES],
                    Err *e) {
  int rc = password_ok(zName, zPw, e);
  return rc == FZ_OK ? hash_password(zPw, zHash, e) : rc;
}

/* Change a user under an admin's authority (by NULL: the command line). */
static int change_user(Db *db, const AuthUser *by, const char *zName, const char *zPw,
                       int disable, Err *e) {
  char zHash[crypto_pwhash_STRBYTES];
  UserRow u;
  int rc = users_get(db, zName, &u, e);
  if (rc != FZ_OK) return rc;
  rc = may_admin(by, u.zScope, e);
  if (rc == FZ_OK && zPw) rc = new_hash(zName, zPw, zHash, e);
  if (rc == FZ_OK) {
    rc = apply_change(db, by ? by->zName : "system", u.id, zPw ? zHash : NULL, disable, e);
  }
  sodium_memzero(zHash, sizeof zHash);
  users_row_clear(&u);
  return rc;
}

int auth_password_set(Db *db, const AuthUser *by, const char *zName,
                      const char *zPassword, Err *e) {
  if (!zPassword) return err_set_at(e, FZ_INVALID, 0, "密码", "请提供新密码");
  return change_user(db, by, zName, zPassword, 0, e);
}

int auth_user_disable(Db *db, const AuthUser *by, const char *zName, Err *e) {
  return change_user(db, by, zName, NULL, 1, e);
}

int auth_password_change(Db *db, const AuthUser *u, const char *zOld, const char *zNew,
                         Err *e) {
  char zHash[crypto_pwhash_STRBYTES];
  UserRow row;
  int rc = users_get(db, u->zName, &row, e), ok;
  if (rc != FZ_OK) return rc;
  ok = zOld && sodium_init() >= 0 &&
       crypto_pwhash_str_verify(row.zHash, zOld, strlen(zOld)) == 0;
  if (!ok) rc = err_set_at(e, FZ_INVALID, 0, "原密码", "原密码不正确");
  else if (zNew && strcmp(zOld, zNew) == 0)
    rc = err_set_at(e, FZ_INVALID, 0, "新密码", "新密码不能与原密码相同");
  else rc = new_hash(u->zName, zNew, zHash, e);
  if (rc == FZ_OK) rc = apply_change(db, u->zName, row.id, zHash, 0, e);
  sodium_memzero(zHash, sizeof zHash);
  users_row_clear(&row);
  return rc;
}

static void random_hex(char zOut[AUTH_TOKEN_HEX]) {
  unsigned char a[32];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(zOut, AUTH_TOKEN_HEX, a, sizeof a);
}

/* Sessions are stored by the SHA-256 of their token. */
static void token_hash(const char *zToken, char zOut[AUTH_TOKEN_HEX]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)zToken, strlen(zToken));
  sodium_bin2hex(zOut, AUTH_TOKEN_HEX, h, sizeof h);
}

static int login_refused(Err *e) {
  return err_set(e, FZ_FORBIDDEN, "用户名或密码错误");
}

/* Every login attempt is audited: who tried, and whether it worked. */
static int audit_login(Db *db, const char *zName, int64_t userId, int ok, Err *e) {
  AuditEntry ae;
  json_t *o = json_pack("{s:s}", "name", zName ? zName : "");
  char *z = json_dumps(o, JSON_COMPACT);
  int rc;
  memset(&ae, 0, sizeof ae);
  ae.zActor = zName && zName[0] ? zName : "?";
  ae.zRegister = "login";
  ae.recordId = userId;
  ae.zAction = ok ? "login_ok" : "login_failed";
  ae.zAfter = z;
  rc = audit_append(db, &ae, NULL, e);
  free(z);
  json_decref(o);
  return rc;
}

static int login_checked(Db *db, const char *zName, const char *zPassword,
                         AuthSession *s, int64_t *pUserId, Err *e);

int auth_login(Db *db, const char *zName, const char *zPassword, AuthSession *s,
               Err *e) {
  Err eLogin = ERR_INIT;
  int64_t userId = 0;
  int rc = db_begin(db, e), rcLogin;
  if (rc != FZ_OK) return rc;
  rcLogin = login_checked(db, zName, zPassword, s, &userId, &eLogin);
  if (rcLogin == FZ_OK || rcLogin == FZ_FORBIDDEN) {
    rc = audit_login(db, zName, userId, rcLogin == FZ_OK, e);
  }
  rc = rc == FZ_OK ? db_commit(db, e) : (db_rollback(db), rc);
  if (rc == FZ_OK && rcLogin != FZ_OK) {
    err_move(e, &eLogin);
    rc = rcLogin;
  }
  err_clear(&eLogin);
  if (rc != FZ_OK) sodium_memzero(s, sizeof *s);
  return rc;
}

static int login_checked(Db *db, const char *zName, const char *zPassword,
                         AuthSession *s, int64_t *pUserId, Err *e) {
  UserRow u;
  Err eUser = ERR_INIT;
  char zNow[CLOCK_ISO_LEN], zUntil[CLOCK_ISO_LEN], zHash[AUTH_TOKEN_HEX];
  int rc;
  memset(s, 0, sizeof *s);
  if (sodium_init() < 0) return err_set(e, FZ_IO, "libsodium 初始化失败");
  if (!zName || !zPassword || users_get(db, zName, &u, &eUser) != FZ_OK) {
    err_clear(&eUser);
    return login_refused(e); /* say nothing about whether the name exists */
  }
  *pUserId = u.id;
  clock_now_iso(zNow, sizeof zNow);
  if (u.zLockedUntil && strcmp(u.zLockedUntil, zNow) > 0) {
    rc = err_set(e, FZ_FORBIDDEN, "登录失败次数过多，账号已锁定至 %s（UTC）", u.zLockedUntil);
  } else if (u.disabled ||
             crypto_pwhash_str_verify(u.zHash, zPassword, strlen(zPassword)) != 0) {
    iso_after(60L * AUTH_LOCK_MINUTES, zUntil, sizeof zUntil);
    rc = users_login_failed(db, u.id, u.failedLogins + 1 >= AUTH_MAX_FAILURES ? zUntil : NULL,
                            e);
    if (rc == FZ_OK) rc = login_refused(e);
  } else {
    random_hex(s->zToken);
    random_hex(s->zCsrf);
    token_hash(s->zToken, zHash);
    iso_after(3600L * AUTH_SESSION_HOURS, zUntil, sizeof zUntil);
    rc = users_login_ok(db, u.id, e);
    if (rc == FZ_OK) rc = purge_sessions(db, 0, e);
    if (rc == FZ_OK) rc = sessions_insert(db, zHash, u.id, s->zCsrf, zNow, zUntil, e);
  }
  users_row_clear(&u);
  return rc;
}

/* The session's verdict at this moment: alive, or why not. A live session
 * seen more than AUTH_TOUCH_SECONDS ago wants touching (*pTouch), so idle
 * expiry costs at most one write a minute per session, not one a request. */
static int session_alive(const char *zExpires, const char *zSeen, int *pTouch, Err *e) {
  char zNow[CLOCK_ISO_LEN], zIdle[CLOCK_ISO_LEN], zStale[CLOCK_ISO_LEN];
  iso_after(0, zNow, sizeof zNow);
  idle_cutoff(zIdle, sizeof zIdle);
  iso_after(-AUTH_TOUCH_SECONDS, zStale, sizeof zStale);
  if (strcmp(zExpires, zNow) <= 0) return err_set(e, FZ_FORBIDDEN, "会话已过期，请重新登录");
  if (strcmp(zSeen, zIdle) < 0)
    return err_set(e, FZ_FORBIDDEN, "超过 %d 分钟未操作，会话已过期，请重新登录",
                   AUTH_IDLE_MINUTES);
  *pTouch = strcmp(zSeen, zStale) < 0;
  return FZ_OK;
}

int auth_session_touch(Db *db, const char *zToken, Err *e) {
  char zHash[AUTH_TOKEN_HEX], zNow[CLOCK_ISO_LEN];
  token_hash(zToken, zHash);
  iso_after(0, zNow, sizeof zNow);
  return sessions_touch(db, zHash, zNow, e);
}

int auth_session_user(Db *db, const char *zToken, AuthUser *out, Err *e) {
  char zHash[AUTH_TOKEN_HEX], *zCsrf = NULL, *zExpires = NULL, *zSeen = NULL;
  int64_t userId = 0;
  UserRow u;
  const AuthRole *role;
  int rc;
  memset(out, 0, sizeof *out);
  token_hash(zToken ? zToken : "", zHash);
  rc = sessions_get(db, zHash, &userId, &zCsrf, &zExpires, &zSeen, e);
  if (rc == FZ_NOTFOUND) {
    err_clear(e);
    return err_set(e, FZ_FORBIDDEN, "会话不存在或已过期，请重新登录");
  }
  if (rc != FZ_OK) return rc;
  rc = session_alive(zExpires, zSeen, &out->touch, e);
  if (rc == FZ_OK) rc = users_get_id(db, userId, &u, e);
  if (rc == FZ_OK) {
    role = auth_role_find(u.zRole);
    if (u.disabled || !role) {
      rc = err_set(e, FZ_FORBIDDEN, "账号已停用");
    } else {
      snprintf(out->zName, sizeof out->zName, "%s", u.zName);
      snprintf(out->zScope, sizeof out->zScope, "%s", u.zScope);
      snprintf(out->zCsrf, sizeof out->zCsrf, "%s", zCsrf);
      out->perms = role->perms;
      rc = auth_registers_mask(role, u.zRegisters, &out->readOnly, e);
    }
    users_row_clear(&u);
  }
  mem_free(zCsrf);
  mem_free(zExpires);
  mem_free(zSeen);
  return rc;
}

int auth_logout(Db *db, const char *zToken, Err *e) {
  char zHash[AUTH_TOKEN_HEX];
  token_hash(zToken, zHash);
  return sessions_delete(db, zHash, e);
}

Actor auth_actor(const AuthUser *u) {
  Actor a;
  a.zName = u->zName;
  a.zScope = u->zScope;
  a.readOnly = (u->perms & P_WRITE) ? u->readOnly : ~(uint64_t)0;
  /* approving and publishing set the report record's status */
  if (u->perms & P_APPROVE) a.readOnly &= ~((uint64_t)1 << reg_index(reg_find("report")));
  return a;
}
