/* users.c — users and sessions in the database (see users.h). */
#include "users.h"

#include <string.h>

#include "../base/clock.h"
#include "../base/mem.h"

#define USER_COLUMNS \
  "id, name, display, role, scope, password_hash, disabled, failed_logins, locked_until," \
  " registers"

int users_insert(Db *db, const UserRow *u, const char *zBy, int64_t *pId, Err *e) {
  char zNow[CLOCK_ISO_LEN];
  Err eIns = ERR_INIT;
  int rc = db_exec(db, &eIns,
                   "INSERT INTO app_user(name, display, role, scope, password_hash,"
                   " created_at, created_by, registers) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                   "tttttttt", u->zName, u->zDisplay, u->zRole, u->zScope, u->zHash,
                   clock_now_iso(zNow, sizeof zNow), zBy, u->zRegisters);
  if (rc == FZ_CONFLICT) {
    err_clear(&eIns);
    return err_set_at(e, FZ_CONFLICT, 0, "用户名", "用户名“%s”已被使用", u->zName);
  }
  err_move(e, &eIns);
  if (rc == FZ_OK && pId) *pId = db_last_insert_id(db);
  return rc;
}

static void row_read(Stmt *st, UserRow *u) {
  memset(u, 0, sizeof *u);
  u->id = db_column_int64(st, 0);
  u->zName = mem_strdup(db_column_text(st, 1));
  u->zDisplay = mem_strdup(db_column_text(st, 2));
  u->zRole = mem_strdup(db_column_text(st, 3));
  u->zScope = mem_strdup(db_column_text(st, 4));
  u->zHash = mem_strdup(db_column_text(st, 5));
  u->disabled = (int)db_column_int64(st, 6);
  u->failedLogins = (int)db_column_int64(st, 7);
  u->zLockedUntil = mem_strdup(db_column_text(st, 8));
  u->zRegisters = mem_strdup(db_column_text(st, 9));
}

static int get_one(Db *db, const char *zSql, const char *zName, int64_t id,
                   UserRow *u, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st, zSql, e);
  if (rc != FZ_OK) return rc;
  if (zName) db_bind_text(st, 1, zName);
  else db_bind_int64(st, 1, id);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    row_read(st, u);
    rc = FZ_OK;
  } else if (rc == DB_DONE) {
    rc = err_set(e, FZ_NOTFOUND, "没有用户“%s”", zName ? zName : "?");
  }
  db_finalize(st);
  return rc;
}

int users_get(Db *db, const char *zName, UserRow *u, Err *e) {
  return get_one(db, "SELECT " USER_COLUMNS " FROM app_user WHERE name = ?", zName, 0,
                 u, e);
}

int users_get_id(Db *db, int64_t id, UserRow *u, Err *e) {
  return get_one(db, "SELECT " USER_COLUMNS " FROM app_user WHERE id = ?", NULL, id, u,
                 e);
}

int users_list(Db *db, int (*xRow)(const UserRow *, void *), void *pArg, Err *e) {
  Stmt *st = NULL;
  UserRow u;
  int rc = db_prepare(db, &st, "SELECT " USER_COLUMNS " FROM app_user ORDER BY name", e);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) {
    row_read(st, &u);
    rc = xRow(&u, pArg);
    users_row_clear(&u);
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

int users_set_hash(Db *db, int64_t id, const char *zHash, Err *e) {
  return db_exec(db, e, "UPDATE app_user SET password_hash = ? WHERE id = ?", "ti", zHash,
                 id);
}

int users_set_disabled(Db *db, int64_t id, int disabled, Err *e) {
  return db_exec(db, e, "UPDATE app_user SET disabled = ? WHERE id = ?", "ii",
                 (int64_t)disabled, id);
}

int users_login_failed(Db *db, int64_t id, const char *zUntil, Err *e) {
  return db_exec(db, e,
                 "UPDATE app_user SET failed_logins = failed_logins + 1,"
                 " locked_until = coalesce(?, locked_until) WHERE id = ?",
                 "ti", zUntil, id);
}

int users_login_ok(Db *db, int64_t id, Err *e) {
  return db_exec(db, e,
                 "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ?",
                 "i", id);
}

void users_row_clear(UserRow *u) {
  mem_free(u->zName);
  mem_free(u->zDisplay);
  mem_free(u->zRole);
  mem_free(u->zScope);
  mem_free(u->zHash);
  mem_free(u->zLockedUntil);
  mem_free(u->zRegisters);
  memset(u, 0, sizeof *u);
}

int sessions_insert(Db *db, const char *zTokenHash, int64_t userId,
                    const char *zCsrf, const char *zCreated, const char *zExpires,
                    Err *e) {
  return db_exec(db, e,
                 "INSERT INTO app_session(token_hash, user_id, csrf, created_at,"
                 " expires_at, seen_at) VALUES(?, ?, ?, ?, ?, ?)",
                 "titttt", zTokenHash, userId, zCsrf, zCreated, zExpires, zCreated);
}

int sessions_get(Db *db, const char *zTokenHash, int64_t *pUserId, char **pzCsrf,
                 char **pzExpires, char **pzSeen, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st,
                      "SELECT user_id, csrf, expires_at, seen_at"
                      " FROM app_session"
                      " WHERE token_hash = ?",
                      e);
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, zTokenHash);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    *pUserId = db_column_int64(st, 0);
    *pzCsrf = mem_strdup(db_column_text(st, 1));
    *pzExpires = mem_strdup(db_column_text(st, 2));
    *pzSeen = mem_strdup(db_column_text(st, 3));
    rc = FZ_OK;
  } else if (rc == DB_DONE) {
    rc = err_set(e, FZ_NOTFOUND, "会话不存在或已过期，请重新登录");
  }
  db_finalize(st);
  return rc;
}

int sessions_touch(Db *db, const char *zTokenHash, const char *zNow, Err *e) {
  return db_exec(db, e, "UPDATE app_session SET seen_at = ? WHERE token_hash = ?", "tt",
                 zNow, zTokenHash);
}

int sessions_delete(Db *db, const char *zTokenHash, Err *e) {
  return db_exec(db, e, "DELETE FROM app_session WHERE token_hash = ?", "t", zTokenHash);
}

int sessions_purge(Db *db, const char *zNow, const char *zIdleCutoff, int64_t userId,
                   Err *e) {
  return db_exec(db, e,
                 "DELETE FROM app_session WHERE expires_at < ?"
                 " OR seen_at < ? OR user_id = ?",
                 "tti", zNow, zIdleCutoff, userId);
}
