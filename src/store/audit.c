/* audit.c — the hash-chained audit log (see audit.h). Each row's hash covers
 * the previous row's hash; the last id and hash are also kept in fz_meta
 * ('audit_head') so that a deleted tail, which the chain alone cannot see,
 * shows as a head that points past the end. */
#include "audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "schema.h"

#define AUDIT_TAG "fazhi-audit-v1"
#define AUDIT_ZERO_HASH                                                        \
  "0000000000000000000000000000000000000000000000000000000000000000"

/* A row's columns in AuditRow order; audit_row_read reads them by index. */
#define AUDIT_COLUMNS                                                          \
  "a.id, a.at, a.actor, a.register, a.record_id, a.action, a.before_json, "    \
  "a.after_json, a.reason, a.prev_hash, a.hash"
#define AUDIT_NCOL 11

/* What a row's values are stored as: record_id's type, and the bytes the
 * text columns really hold, since SQLite text may hide bytes after a NUL
 * that C strings (and so the hash) never see. PostgreSQL's columns are
 * strictly typed and its text has no NUL, but the same check costs little. */
#define AUDIT_SHAPE_SQLITE                                                     \
  "typeof(a.record_id),"                                                       \
  " length(CAST(a.at AS BLOB)) + length(CAST(a.actor AS BLOB))"                \
  " + length(CAST(a.register AS BLOB)) + length(CAST(a.action AS BLOB))"       \
  " + coalesce(length(CAST(a.before_json AS BLOB)), 0)"                        \
  " + coalesce(length(CAST(a.after_json AS BLOB)), 0)"                         \
  " + coalesce(length(CAST(a.reason AS BLOB)), 0)"                             \
  " + length(CAST(a.prev_hash AS BLOB)) + length(CAST(a.hash AS BLOB))"
#define AUDIT_SHAPE_PG                                                         \
  "'integer',"                                                                 \
  " octet_length(a.at) + octet_length(a.actor) + octet_length(a.register)"     \
  " + octet_length(a.action) + coalesce(octet_length(a.before_json), 0)"       \
  " + coalesce(octet_length(a.after_json), 0)"                                 \
  " + coalesce(octet_length(a.reason), 0)"                                     \
  " + octet_length(a.prev_hash) + octet_length(a.hash)"

/* The verify query: the head, then the log in id order (see audit_verify). */
#define AUDIT_VERIFY_SQL(zShape)                                               \
  "SELECT " AUDIT_COLUMNS ", " zShape ", h.value"                              \
  " FROM fz_meta AS v"                                                         \
  " LEFT JOIN fz_meta AS h ON h.key='audit_head'"                              \
  " LEFT JOIN audit_log AS a ON 1=1"                                           \
  " WHERE v.key='schema_version' ORDER BY a.id"

/* libsodium wants sodium_init before use; it is idempotent and cheap, so
 * each entry point calls it rather than keeping a flag here. */
static int audit_crypto_init(Err *e) {
  if (sodium_init() < 0) {
    return err_set(e, FZ_IO, "无法初始化加密库 libsodium，审计日志不可用");
  }
  return FZ_OK;
}

/* One tag byte and a 64-bit big-endian number: a length or an integer. */
static void audit_hash_tagged(crypto_hash_sha256_state *s, unsigned char tag,
                              uint64_t v) {
  unsigned char a[9];
  int i;
  a[0] = tag;
  for (i = 0; i < 8; i++)
    a[1 + i] = (unsigned char)(v >> (56 - 8 * i));
  crypto_hash_sha256_update(s, a, sizeof a);
}

static void audit_hash_text(crypto_hash_sha256_state *s, const char *z) {
  size_t n;
  if (!z) {
    static const unsigned char aNull[1] = {0x00};
    crypto_hash_sha256_update(s, aNull, 1);
    return;
  }
  n = strlen(z);
  audit_hash_tagged(s, 0x01, (uint64_t)n);
  crypto_hash_sha256_update(s, (const unsigned char *)z, n);
}

static void audit_hash_int(crypto_hash_sha256_state *s, int64_t v) {
  audit_hash_tagged(s, 0x02, (uint64_t)v);
}

/* audit_row_hash without the library check, for the verify loop. */
static void audit_hash(const AuditRow *r, char zHex[AUDIT_HASH_HEX]) {
  crypto_hash_sha256_state s;
  unsigned char aDigest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_init(&s);
  crypto_hash_sha256_update(&s, (const unsigned char *)AUDIT_TAG,
                            sizeof AUDIT_TAG - 1);
  audit_hash_text(&s, r->zPrevHash);
  audit_hash_int(&s, r->id);
  audit_hash_text(&s, r->zAt);
  audit_hash_text(&s, r->zActor);
  audit_hash_text(&s, r->zRegister);
  audit_hash_int(&s, r->recordId);
  audit_hash_text(&s, r->zAction);
  audit_hash_text(&s, r->zBefore);
  audit_hash_text(&s, r->zAfter);
  audit_hash_text(&s, r->zReason);
  crypto_hash_sha256_final(&s, aDigest);
  sodium_bin2hex(zHex, AUDIT_HASH_HEX, aDigest, sizeof aDigest);
}

void audit_row_hash(const AuditRow *r, char zHex[AUDIT_HASH_HEX]) {
  if (sodium_init() < 0) abort(); /* cannot happen once the library loads */
  audit_hash(r, zHex);
}

/* Parse a head "ID:HASH" as audit_append writes it. Returns 1 when well
 * formed. */
static int audit_head_parse(const char *z, int64_t *pId,
                            char zHash[AUDIT_HASH_HEX]) {
  char *zEnd = NULL;
  long long id;
  size_t i;
  if (!z) return 0;
  id = strtoll(z, &zEnd, 10);
  if (zEnd == z || *zEnd != ':' || id < 0) return 0;
  for (i = 0; i < AUDIT_HASH_HEX - 1; i++) {
    char c = zEnd[1 + i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return 0;
  }
  if (zEnd[AUDIT_HASH_HEX]) return 0;
  memcpy(zHash, zEnd + 1, AUDIT_HASH_HEX);
  *pId = (int64_t)id;
  return 1;
}

/* The new row's id and predecessor hash. A row chains to the head, not to
 * the table's last row: after a deleted tail the new row then disagrees with
 * the row before it, and the deletion stays visible. Ids never go back below
 * the head, so a deleted id is not reused. A missing or damaged head (which
 * only tampering makes) chains from zeros, which verify flags likewise.
 * SQLite's BEGIN IMMEDIATE lets one writer at a time get here; a PostgreSQL
 * back end must lock the head row first (FOR UPDATE), or two writers would
 * chain to the same head. */
static int audit_next(Db *db, int64_t *pId, char zPrev[AUDIT_HASH_HEX],
                      Err *e) {
  Stmt *st = NULL;
  int64_t headId = 0, maxId;
  int rc = db_prepare(db, &st,
                      "SELECT (SELECT value FROM fz_meta WHERE "
                      "key='audit_head'), (SELECT max(id) FROM audit_log)",
                      e);
  if (rc != FZ_OK) return rc;
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    if (!audit_head_parse(db_column_text(st, 0), &headId, zPrev)) {
      headId = 0;
      memcpy(zPrev, AUDIT_ZERO_HASH, AUDIT_HASH_HEX);
    }
    maxId = db_column_int64(st, 1); /* 0 for NULL: an empty log */
    *pId = (maxId > headId ? maxId : headId) + 1;
    rc = FZ_OK;
  }
  db_finalize(st);
  return rc;
}

/* The fields a row cannot do without. */
static int audit_entry_check(const AuditEntry *a, Err *e) {
  if (!a->zActor || !a->zActor[0]) {
    return err_set(e, FZ_INVALID, "审计记录缺少操作人");
  }
  if (!a->zRegister || !a->zRegister[0]) {
    return err_set(e, FZ_INVALID, "审计记录缺少台账名称");
  }
  if (!a->zAction || !a->zAction[0]) {
    return err_set(e, FZ_INVALID, "审计记录缺少操作类型");
  }
  return FZ_OK;
}

/* Insert the row and move the head to it. */
static int audit_write(Db *db, const AuditRow *r, Err *e) {
  char zHead[32 + AUDIT_HASH_HEX];
  int rc = db_exec(db, e,
                   "INSERT INTO audit_log(id, at, actor, register, record_id, "
                   "action, before_json, after_json, reason, prev_hash, hash) "
                   "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "itttitttttt", r->id, r->zAt, r->zActor, r->zRegister,
                   r->recordId, r->zAction, r->zBefore, r->zAfter, r->zReason,
                   r->zPrevHash, r->zHash);
  if (rc != FZ_OK) return rc;
  snprintf(zHead, sizeof zHead, "%lld:%s", (long long)r->id, r->zHash);
  return schema_meta_set(db, "audit_head", zHead, e);
}

int audit_append(Db *db, const AuditEntry *a, int64_t *pId, Err *e) {
  AuditRow r;
  char zAt[CLOCK_ISO_LEN], zPrev[AUDIT_HASH_HEX], zHash[AUDIT_HASH_HEX];
  int rc;
  if (pId) *pId = 0;
  if (db_txn_depth(db) == 0) {
    return err_set(e, FZ_USAGE,
                   "内部错误：审计记录须在所记录的写入的事务中追加"
                   "（调用 audit_append 前未开始事务）");
  }
  rc = audit_entry_check(a, e);
  if (rc == FZ_OK) rc = audit_crypto_init(e);
  if (rc == FZ_OK) rc = db_begin(db, e); /* row and head: both or neither */
  if (rc != FZ_OK) return rc;
  memset(&r, 0, sizeof r);
  rc = audit_next(db, &r.id, zPrev, e);
  if (rc != FZ_OK) goto cleanup;
  r.zAt = a->zAt ? a->zAt : clock_now_iso(zAt, sizeof zAt);
  r.zActor = a->zActor;
  r.zRegister = a->zRegister;
  r.recordId = a->recordId;
  r.zAction = a->zAction;
  r.zBefore = a->zBefore;
  r.zAfter = a->zAfter;
  r.zReason = a->zReason;
  r.zPrevHash = zPrev;
  audit_hash(&r, zHash);
  r.zHash = zHash;
  rc = audit_write(db, &r, e);
cleanup:
  if (rc == FZ_OK) {
    rc = db_commit(db, e);
  } else {
    db_rollback(db);
    err_prefix(e, "写入审计日志失败：");
  }
  if (rc == FZ_OK && pId) *pId = r.id;
  return rc;
}

/* Fill r from the first AUDIT_NCOL columns of st. */
static void audit_row_read(Stmt *st, AuditRow *r) {
  r->id = db_column_int64(st, 0);
  r->zAt = db_column_text(st, 1);
  r->zActor = db_column_text(st, 2);
  r->zRegister = db_column_text(st, 3);
  r->recordId = db_column_int64(st, 4);
  r->zAction = db_column_text(st, 5);
  r->zBefore = db_column_text(st, 6);
  r->zAfter = db_column_text(st, 7);
  r->zReason = db_column_text(st, 8);
  r->zPrevHash = db_column_text(st, 9);
  r->zHash = db_column_text(st, 10);
}

static int audit_str_eq(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "") == 0;
}

static size_t audit_len(const char *z) {
  return z ? strlen(z) : 0;
}

/* Whether the row's stored values are exactly what was hashed: an integer
 * record_id (a REAL 5.5 reads as 5) and no bytes hidden after a NUL. */
static int audit_row_shape_ok(Stmt *st, const AuditRow *r) {
  const char *zType = db_column_text(st, AUDIT_NCOL);
  size_t n =
      audit_len(r->zAt) + audit_len(r->zActor) + audit_len(r->zRegister) +
      audit_len(r->zAction) + audit_len(r->zBefore) + audit_len(r->zAfter) +
      audit_len(r->zReason) + audit_len(r->zPrevHash) + audit_len(r->zHash);
  return audit_str_eq(zType, "integer") &&
         (int64_t)n == db_column_int64(st, AUDIT_NCOL + 1);
}

/* The state of a verification between rows. */
typedef struct AuditWalk {
  AuditReport *pRep;
  char zPrev[AUDIT_HASH_HEX]; /* the previous row's (checked) hash */
  int64_t lastId;             /* the previous row's id; 0 before the first */
} AuditWalk;

/* Check one row; returns 1 and fills the report when it is broken. */
static int audit_row_broken(AuditWalk *w, Stmt *st, const AuditRow *r) {
  AuditReport *p = w->pRep;
  char zHash[AUDIT_HASH_HEX];
  const char *zFmt = NULL;
  audit_hash(r, zHash);
  if (!audit_row_shape_ok(st, r) || !audit_str_eq(zHash, r->zHash)) {
    zFmt = "第 %lld 条审计记录的内容被修改（哈希不符）";
  } else if (!audit_str_eq(w->zPrev, r->zPrevHash)) {
    zFmt = "第 %lld 条之前的记录被删除或改动（前序哈希不符）";
  } else if (r->id > p->headId) {
    zFmt = "第 %lld 条审计记录在链头之后，是未经登记插入的";
  } else if (r->id == p->headId && !audit_str_eq(r->zHash, p->zHead)) {
    zFmt = "第 %lld 条审计记录与链头登记的哈希不符（日志被改写后重算了哈希）";
  }
  if (!zFmt) return 0;
  p->badId = r->id;
  snprintf(p->zReason, sizeof p->zReason, zFmt, (long long)r->id);
  return 1;
}

/* The head is missing or malformed, which only tampering does (a new
 * database has neither head nor rows, and is intact): say so against the
 * first row, or entry 1 of an empty log. */
static void audit_headless(AuditReport *p, int64_t firstId, int present) {
  p->headId = 0;
  p->zHead[0] = 0;
  if (!present && firstId == 0) return;
  p->badId = firstId > 0 ? firstId : 1;
  snprintf(p->zReason, sizeof p->zReason,
           present ? "审计日志的链头（fz_meta 中的 audit_head）格式不正确"
                   : "审计日志的链头（fz_meta 中的 audit_head）被删除");
}

/* After the last row: the head must name it, or the tail was deleted. */
static void audit_tail_check(AuditWalk *w) {
  AuditReport *p = w->pRep;
  if (p->badId || w->lastId >= p->headId) return;
  p->badId = w->lastId + 1;
  if (w->lastId > 0) {
    snprintf(p->zReason, sizeof p->zReason,
             "审计日志末尾的记录被删除（链头记到第 %lld 条，现只到第 %lld 条）",
             (long long)p->headId, (long long)w->lastId);
  } else {
    snprintf(p->zReason, sizeof p->zReason,
             "审计日志末尾的记录被删除（链头记到第 %lld 条，现已一条不剩）",
             (long long)p->headId);
  }
}

/* The head and every row come from one statement, so from one snapshot: a
 * write committed meanwhile cannot pass for a forged or a missing row. The
 * always-present schema_version row drives the joins, so the statement
 * yields the log in id order without a sort, or one row of NULLs when the
 * log is empty, with or without a head. */
int audit_verify(Db *db, AuditReport *pRep, Err *e) {
  AuditWalk w;
  AuditRow r;
  Stmt *st = NULL;
  int rc, first = 1, headOk = 0, headPresent = 0;
  memset(pRep, 0, sizeof *pRep);
  memset(&w, 0, sizeof w);
  w.pRep = pRep;
  memcpy(w.zPrev, AUDIT_ZERO_HASH, AUDIT_HASH_HEX);
  rc = audit_crypto_init(e);
  if (rc == FZ_OK) {
    int pg = strcmp(db_dialect(db), "postgresql") == 0;
    rc = db_prepare(db, &st,
                    pg ? AUDIT_VERIFY_SQL(AUDIT_SHAPE_PG)
                       : AUDIT_VERIFY_SQL(AUDIT_SHAPE_SQLITE),
                    e);
  }
  if (rc != FZ_OK) return rc;
  while ((rc = db_step(st, e)) == DB_ROW) {
    int empty = db_column_is_null(st, 0); /* the empty log's NULL row */
    if (first) {
      first = 0;
      headPresent = !db_column_is_null(st, AUDIT_NCOL + 2);
      headOk = audit_head_parse(db_column_text(st, AUDIT_NCOL + 2),
                                &pRep->headId, pRep->zHead);
      if (!headOk) {
        audit_headless(pRep, empty ? 0 : db_column_int64(st, 0), headPresent);
        break;
      }
    }
    if (empty) break;
    audit_row_read(st, &r);
    pRep->nChecked++;
    if (audit_row_broken(&w, st, &r)) break;
    memcpy(w.zPrev, r.zHash, AUDIT_HASH_HEX); /* checked: 64 hex digits */
    w.lastId = r.id;
  }
  db_finalize(st);
  if (rc != DB_ROW && rc != DB_DONE) return rc;
  if (first) {
    return err_set(e, FZ_DB,
                   "数据库缺少结构版本记录（fz_meta 中的 "
                   "schema_version），无法校验审计日志");
  }
  if (headOk) audit_tail_check(&w);
  return FZ_OK;
}

/* Visit the rows of one register that zCond selects, oldest first; the
 * condition's one parameter is n (a record id, or an audit id). */
static int audit_walk(Db *db, const char *zSql, const char *zRegister, int64_t n,
                      AuditVisit xRow, void *pArg, Err *e) {
  Stmt *st = NULL;
  AuditRow r;
  int rc = db_prepare(db, &st, zSql, e);
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, zRegister);
  db_bind_int64(st, 2, n);
  while ((rc = db_step(st, e)) == DB_ROW) {
    audit_row_read(st, &r);
    rc = xRow(&r, pArg);
    if (rc != FZ_OK) break;
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

int audit_history(Db *db, const char *zRegister, int64_t recordId,
                  AuditVisit xRow, void *pArg, Err *e) {
  return audit_walk(db,
                    "SELECT " AUDIT_COLUMNS " FROM audit_log AS a"
                    " WHERE a.register = ? AND a.record_id = ? ORDER BY a.id",
                    zRegister, recordId, xRow, pArg, e);
}

int audit_all(Db *db, AuditVisit xRow, void *pArg, Err *e) {
  return audit_walk(db,
                    "SELECT " AUDIT_COLUMNS " FROM audit_log AS a"
                    " WHERE a.register <> ? AND a.id > ? ORDER BY a.id",
                    "", 0, xRow, pArg, e);
}

int audit_since(Db *db, const char *zRegister, int64_t afterId, AuditVisit xRow,
                void *pArg, Err *e) {
  return audit_walk(db,
                    "SELECT " AUDIT_COLUMNS " FROM audit_log AS a"
                    " WHERE a.register = ? AND a.id > ? ORDER BY a.id",
                    zRegister, afterId, xRow, pArg, e);
}
