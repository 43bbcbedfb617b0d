/* users.h — the rows behind logins: users (role, org scope, Argon2id hash,
 * failed-login count and lock) and sessions (by the SHA-256 of their token).
 * Sessions live in the database so any server process can serve a user. */
#ifndef FZ_USERS_H
#define FZ_USERS_H

#include <stdint.h>

#include "../base/err.h"
#include "db.h"

typedef struct UserRow {
  int64_t id;
  char *zName, *zDisplay, *zRole, *zScope, *zHash;
  char *zRegisters; /* registers an editor may write, comma-separated; NULL: by role */
  int disabled;
  int failedLogins;
  char *zLockedUntil; /* NULL when not locked */
} UserRow;

int users_insert(Db *db, const UserRow *u, const char *zBy, int64_t *pId, Err *e);
int users_get(Db *db, const char *zName, UserRow *u, Err *e); /* FZ_NOTFOUND */
int users_get_id(Db *db, int64_t id, UserRow *u, Err *e);
int users_list(Db *db, int (*xRow)(const UserRow *u, void *pArg), void *pArg,
               Err *e);
int users_set_hash(Db *db, int64_t id, const char *zHash, Err *e);
int users_set_disabled(Db *db, int64_t id, int disabled, Err *e);
/* Record a failed login (and lock until zUntil, or NULL), or a success. */
int users_login_failed(Db *db, int64_t id, const char *zUntil, Err *e);
int users_login_ok(Db *db, int64_t id, Err *e);
void users_row_clear(UserRow *u);

int sessions_insert(Db *db, const char *zTokenHash, int64_t userId,
                    const char *zCsrf, const char *zCreated, const char *zExpires,
                    Err *e);
/* FZ_NOTFOUND when no such session; *pzCsrf, *pzExpires and *pzSeen (the
 * last request's time) are the caller's to free. */
int sessions_get(Db *db, const char *zTokenHash, int64_t *pUserId, char **pzCsrf,
                 char **pzExpires, char **pzSeen, Err *e);
/* Record a request on the session at zNow (keeps it from idling out). */
int sessions_touch(Db *db, const char *zTokenHash, const char *zNow, Err *e);
int sessions_delete(Db *db, const char *zTokenHash, Err *e);
/* Drop sessions expired before zNow or idle since before zIdleCutoff, and
 * every session of a user (when userId > 0: a password change or a
 * disabled account). */
int sessions_purge(Db *db, const char *zNow, const char *zIdleCutoff, int64_t userId,
                   Err *e);

#endif
