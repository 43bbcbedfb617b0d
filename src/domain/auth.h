/* auth.h — who may do what: roles with their permissions, users scoped to
 * an org subtree, Argon2id passwords (libsodium), login with a lock after
 * repeated failures, and sessions kept in the database (any server process
 * can serve them) with a per-session anti-CSRF token. Every user change is
 * audited; no password or hash ever reaches the audit log. */
#ifndef FZ_AUTH_H
#define FZ_AUTH_H

#include "reg.h"

/* Permissions */
#define P_READ 0x01
#define P_WRITE 0x02   /* registers: add, update, void, import */
#define P_APPROVE 0x04 /* approve and publish the annual report */
#define P_ADMIN 0x08   /* users and the org tree */

typedef struct AuthRole {
  const char *zCode, *zLabel;
  int perms;
  /* the registers a writer of this role edits: NULL every register, ""
   * those named for each user (--registers), else a fixed list */
  const char *zRegisters;
} AuthRole;

extern const AuthRole auth_roles[];
extern const int auth_nrole;
const AuthRole *auth_role_find(const char *z); /* code or label */

#define AUTH_MAX_FAILURES 5       /* then the login locks … */
#define AUTH_LOCK_MINUTES 15      /* … for this long */
#define AUTH_SESSION_HOURS 8      /* absolute: a session ends 8 h after login … */
#define AUTH_IDLE_MINUTES 30      /* … or after 30 min without a request */
#define AUTH_TOUCH_SECONDS 60     /* refresh seen_at at most this often */
#define AUTH_TOKEN_HEX 65         /* 32 random bytes as hex, and the NUL */

/* A signed-in user: name, scope, permissions and session CSRF token. */
typedef struct AuthUser {
  char zName[64];
  char zScope[80];
  int perms;
  uint64_t readOnly; /* registers (bit reg_index) the user may not write */
  int touch;         /* the session's last-seen time is due a refresh */
  char zCsrf[AUTH_TOKEN_HEX];
} AuthUser;

/* The registers a user of zRole with the given list (NULL or "": the
 * role's) may write, as a mask of those they may NOT (Actor.readOnly).
 * FZ_INVALID for an unknown register or a list the role does not take. */
int auth_registers_mask(const AuthRole *role, const char *zList, uint64_t *pReadOnly,
                        Err *e);

/* Add a user. by must hold P_ADMIN over scope (NULL: the system itself,
 * e.g. the first admin from the command line). The password needs 10+
 * characters and must not contain the name. */
int auth_user_add(Db *db, const AuthUser *by, const char *zName, const char *zDisplay,
                  const char *zRole, const char *zRegisters, const char *zScope,
                  const char *zPassword, Err *e);
int auth_password_set(Db *db, const AuthUser *by, const char *zName,
                      const char *zPassword, Err *e);
int auth_user_disable(Db *db, const AuthUser *by, const char *zName, Err *e);
/* A user changes their own password: the old one must be right. */
int auth_password_change(Db *db, const AuthUser *u, const char *zOld, const char *zNew,
                         Err *e);

typedef struct AuthSession {
  char zToken[AUTH_TOKEN_HEX]; /* for the cookie; only its hash is stored */
  char zCsrf[AUTH_TOKEN_HEX];
} AuthSession;

/* Check name and password; on success open a session. Failures say only
 * "用户名或密码错误" (nothing about which), and lock the login after
 * AUTH_MAX_FAILURES. */
int auth_login(Db *db, const char *zName, const char *zPassword, AuthSession *s,
               Err *e);

/* The user behind a session token: name, scope, permissions, the registers
 * they write and the session's CSRF token. FZ_FORBIDDEN when expired,
 * unknown or the user disabled. Reads only (it may run inside a read
 * transaction); when u->touch, call auth_session_touch afterwards. */
int auth_session_user(Db *db, const char *zToken, AuthUser *u, Err *e);
/* Record a request on the session now (keeps it from idling out). */
int auth_session_touch(Db *db, const char *zToken, Err *e);
int auth_logout(Db *db, const char *zToken, Err *e);

/* The Actor for an AuthUser (valid while u lives). */
Actor auth_actor(const AuthUser *u);

#endif
