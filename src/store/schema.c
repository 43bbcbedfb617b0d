/* schema.c — every table fazhi keeps, with a comment per column, as a list of
 * forward migrations. SQL here is dialect-neutral except for two tokens the
 * back end's dialect fills in: @ID@ (an auto-numbered primary key) and @KEY@
 * (text compared byte by byte, so that a code prefix is an index range). */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"

static const Migration aMigration[] = {
    {1, "元数据与组织机构",
     "CREATE TABLE fz_meta(\n"
     "  key TEXT PRIMARY KEY,      -- setting name, e.g. schema_version\n"
     "  value TEXT NOT NULL\n"
     ");\n"
     "CREATE TABLE org_unit(\n"
     "  id @ID@,                   -- surrogate key\n"
     "  code @KEY@ NOT NULL UNIQUE, -- 12-digit division code, or the\n"
     "                             -- parent's code + '-' + suffix; the\n"
     "                             -- subtree of X is a range of codes\n"
     "  parent @KEY@ REFERENCES org_unit(code), -- NULL for a root\n"
     "  kind TEXT NOT NULL,        -- province … enforcement_unit (org.c)\n"
     "  name TEXT NOT NULL,        -- official Chinese name\n"
     "  uscc TEXT,                 -- 统一社会信用代码 (GB 32100), optional\n"
     "  depth INTEGER NOT NULL,    -- 0 for a root, parent's depth + 1\n"
     "  created_at TEXT NOT NULL,  -- UTC, ISO 8601\n"
     "  created_by TEXT NOT NULL   -- user name, or 'system'\n"
     ");\n"
     "CREATE INDEX org_unit_parent ON org_unit(parent);\n"},
    {2, "审计日志",
     "CREATE TABLE audit_log(\n"
     "  id @ID@,                   -- position in the chain: 1, 2, … (audit.c)\n"
     "  at TEXT NOT NULL,          -- UTC, ISO 8601, when the write happened\n"
     "  actor TEXT NOT NULL,       -- user name, or 'system'\n"
     "  register TEXT NOT NULL,    -- the register written: 'org_unit', …\n"
     "  record_id INTEGER NOT NULL, -- the record's id in that register\n"
     "  action TEXT NOT NULL,      -- 'insert', 'update', 'void', 'import', …\n"
     "  before_json TEXT,          -- the record before, as JSON; NULL for an\n"
     "                             -- insert\n"
     "  after_json TEXT,           -- the record after, as JSON\n"
     "  reason TEXT,               -- why, as the user gave it; NULL when none\n"
     "  prev_hash TEXT NOT NULL,   -- hash of the row before; 64 zeros for the\n"
     "                             -- first\n"
     "  hash TEXT NOT NULL         -- hex SHA-256 of this row (audit.h says\n"
     "                             -- over what); the last one is also kept\n"
     "                             -- in fz_meta as audit_head\n"
     ");\n"
     "CREATE INDEX audit_log_record ON audit_log(register, record_id);\n"},
    {3, "导入批次与机构名称索引",
     "CREATE TABLE import_batch(\n"
     "  id @ID@,                   -- each record remembers its batch and row\n"
     "  register TEXT NOT NULL,    -- the register imported into\n"
     "  file TEXT NOT NULL,        -- file name as given\n"
     "  sheet TEXT,                -- XLSX sheet name; NULL for CSV\n"
     "  encoding TEXT,             -- UTF-8, UTF-8 BOM, GB18030 or XLSX\n"
     "  digest TEXT NOT NULL,      -- BLAKE2b-512 of the file's bytes, hex, as\n"
     "                             -- b2sum prints it: proves what came in\n"
     "  rows INTEGER NOT NULL,     -- records imported\n"
     "  actor TEXT NOT NULL,       -- who imported it\n"
     "  at TEXT NOT NULL           -- when (UTC, ISO 8601)\n"
     ");\n"
     "CREATE INDEX org_unit_name ON org_unit(name);\n"},
    {4, "人员身份",
     "CREATE TABLE person(\n"
     "  id_number TEXT PRIMARY KEY, -- 居民身份证号码 (GB 11643): one person in\n"
     "                             -- every register that carries the number\n"
     "  name TEXT NOT NULL,        -- the name first recorded with it\n"
     "  created_at TEXT NOT NULL,  -- UTC, ISO 8601\n"
     "  created_by TEXT NOT NULL\n"
     ");\n"},
    {5, "报告审定快照",
     "CREATE TABLE report_snapshot(\n"
     "  id @ID@,\n"
     "  org @KEY@ NOT NULL REFERENCES org_unit(code), -- the report's org\n"
     "  year INTEGER NOT NULL,     -- the report's year\n"
     "  approved_at TEXT NOT NULL, -- UTC, ISO 8601\n"
     "  approved_by TEXT NOT NULL,\n"
     "  audit_head INTEGER NOT NULL, -- last audit entry when frozen: what\n"
     "                             -- changed since is what came after it\n"
     "  override TEXT,             -- why failing checks were overridden\n"
     "  figures TEXT NOT NULL      -- every metric's value, as JSON\n"
     ");\n"
     "CREATE INDEX report_snapshot_org_year ON report_snapshot(org, year);\n"},
    {6, "节假日安排",
     "CREATE TABLE calendar_file(\n"
     "  id @ID@,\n"
     "  name TEXT NOT NULL,        -- the file's name as imported\n"
     "  text TEXT NOT NULL,        -- its content (the calendar CSV), parsed\n"
     "                             -- with the built-in national calendar\n"
     "  loaded_at TEXT NOT NULL,   -- UTC, ISO 8601\n"
     "  loaded_by TEXT NOT NULL\n"
     ");\n"},
    {7, "用户与会话",
     "CREATE TABLE app_user(\n"
     "  id @ID@,\n"
     "  name TEXT NOT NULL UNIQUE,  -- login name\n"
     "  display TEXT NOT NULL,      -- 姓名 shown in the UI and audit\n"
     "  role TEXT NOT NULL,         -- admin | leader | clerk | reader (auth.c)\n"
     "  scope @KEY@ NOT NULL REFERENCES org_unit(code), -- the subtree served\n"
     "  password_hash TEXT NOT NULL, -- Argon2id, libsodium's encoded form\n"
     "  disabled INTEGER NOT NULL DEFAULT 0,\n"
     "  failed_logins INTEGER NOT NULL DEFAULT 0, -- since the last success\n"
     "  locked_until TEXT,          -- UTC; too many failures lock the login\n"
     "  created_at TEXT NOT NULL,\n"
     "  created_by TEXT NOT NULL\n"
     ");\n"
     "CREATE TABLE app_session(\n"
     "  token_hash TEXT PRIMARY KEY, -- SHA-256 of the cookie's token: a\n"
     "                              -- stolen database yields no live session\n"
     "  user_id INTEGER NOT NULL REFERENCES app_user(id),\n"
     "  csrf TEXT NOT NULL,          -- the session's anti-CSRF token\n"
     "  created_at TEXT NOT NULL,\n"
     "  expires_at TEXT NOT NULL     -- UTC; shared by every server process\n"
     ");\n"},
    {8, "会话空闲超时",
     "ALTER TABLE app_session ADD COLUMN seen_at TEXT; -- UTC of the last\n"
     "                      -- request, refreshed at most once a minute\n"
     "UPDATE app_session SET seen_at = created_at;\n"},
    {9, "按登记簿授权",
     "ALTER TABLE app_user ADD COLUMN registers TEXT; -- the registers an\n"
     "                      -- editor may write (comma-separated); NULL: by role\n"},
    {10, "按类型的机构索引",
     "-- the units of one kind in a subtree (the report's townships and\n"
     "-- villages) as one range of this index, not every unit of the subtree\n"
     "CREATE INDEX org_unit_kind ON org_unit(kind, code);\n"},
};

#define N_MIGRATION ((int)(sizeof aMigration / sizeof aMigration[0]))

int schema_latest(void) {
  return aMigration[N_MIGRATION - 1].version;
}

int schema_version(Db *db, int *pVersion, Err *e) {
  int exists = 0, found = 0, rc;
  int64_t v = 0;
  *pVersion = 0;
  rc = db_table_exists(db, "fz_meta", &exists, e);
  if (rc != FZ_OK || !exists) return rc;
  rc = db_query_int64(db, e, &v, &found,
                      "SELECT CAST(value AS INTEGER) FROM fz_meta "
                      "WHERE key='schema_version'",
                      "");
  if (rc == FZ_OK) *pVersion = (int)v;
  return rc;
}

void schema_expand(Db *db, const char *zSql, Str *pOut) {
  int pg = strcmp(db_dialect(db), "postgresql") == 0;
  const char *zId = pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                       : "INTEGER PRIMARY KEY";
  const char *zKey = pg ? "TEXT COLLATE \"C\"" : "TEXT";
  while (*zSql) {
    if (strncmp(zSql, "@ID@", 4) == 0) {
      str_puts(pOut, zId);
      zSql += 4;
    } else if (strncmp(zSql, "@KEY@", 5) == 0) {
      str_puts(pOut, zKey);
      zSql += 5;
    } else if (pg && strncmp(zSql, "INTEGER", 7) == 0) {
      str_puts(pOut, "BIGINT"); /* SQLite's integers are 64-bit: money in fen */
      zSql += 7;
    } else {
      str_putc(pOut, *zSql++);
    }
  }
}

/* One migration in one transaction: its DDL and the new version number. */
static int schema_apply(Db *db, const Migration *m, Err *e) {
  Str sql = STR_INIT;
  char zVersion[16];
  int rc = db_begin(db, e);
  if (rc != FZ_OK) return rc;
  schema_expand(db, m->zSql, &sql);
  rc = db_exec_script(db, str_cstr(&sql), e);
  snprintf(zVersion, sizeof zVersion, "%d", m->version);
  if (rc == FZ_OK) rc = schema_meta_set(db, "schema_version", zVersion, e);
  rc = rc == FZ_OK ? db_commit(db, e) : (db_rollback(db), rc);
  str_free(&sql);
  if (rc != FZ_OK) {
    err_prefix(e, "数据库升级到第 %d 版（%s）失败，数据库保持原版本：",
               m->version, m->zName);
  }
  return rc;
}

int schema_migrate_with(Db *db, const Migration *aMig, int nMig, Err *e) {
  int version = 0, i, rc;
  rc = schema_version(db, &version, e);
  if (rc != FZ_OK) return rc;
  if (nMig > 0 && version > aMig[nMig - 1].version) {
    return err_set(e, FZ_CONFLICT,
                   "数据库 %s 的结构版本为 %d，比本程序支持的 %d 新；请升级 "
                   "fazhi 后再打开，数据未作任何改动",
                   db_name(db), version, aMig[nMig - 1].version);
  }
  for (i = 0; i < nMig && rc == FZ_OK; i++) {
    if (aMig[i].version > version) rc = schema_apply(db, &aMig[i], e);
  }
  return rc;
}

int schema_migrate(Db *db, Err *e) {
  return schema_migrate_with(db, aMigration, N_MIGRATION, e);
}

/* A read-only open cannot migrate, so it needs the version this build
 * writes. */
static int schema_require_latest(Db *db, Err *e) {
  int version = 0;
  int rc = schema_version(db, &version, e);
  if (rc == FZ_OK && version != schema_latest()) {
    rc = err_set(e, FZ_CONFLICT,
                 "数据库 %s 的结构版本为 %d，本程序需要第 %d 版；请以读写方式打开"
                 "一次（或升级 fazhi）",
                 db_name(db), version, schema_latest());
  }
  return rc;
}

int schema_open(Db **ppDb, const char *zName, int flags, Err *e) {
  int rc = db_open(ppDb, zName, flags, e);
  if (rc == FZ_OK) {
    rc = (flags & DB_READONLY) ? schema_require_latest(*ppDb, e)
                               : schema_migrate(*ppDb, e);
  }
  if (rc != FZ_OK && *ppDb) {
    db_close(*ppDb);
    *ppDb = NULL;
  }
  return rc;
}

int schema_meta_get(Db *db, const char *zKey, char **pzValue, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st, "SELECT value FROM fz_meta WHERE key = ?", e);
  *pzValue = NULL;
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, zKey);
  rc = db_step(st, e);
  if (rc == DB_ROW) *pzValue = mem_strdup(db_column_text(st, 0));
  db_finalize(st);
  return rc == DB_ROW || rc == DB_DONE ? FZ_OK : rc;
}

int schema_meta_set(Db *db, const char *zKey, const char *zValue, Err *e) {
  return db_exec(db, e,
                 "INSERT INTO fz_meta(key, value) VALUES(?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                 "tt", zKey, zValue);
}
