/* regstore.c — the register engine's storage half: each register's table
 * built from its declaration (and extended when fields are added), and the
 * writes — insert, update, void — each checked against the database (org in
 * scope, unique values, references) and audited in the same transaction.
 * A record's life:
 *
 *     (new) --reg_insert--> live --reg_update--> live
 *                            |
 *                            +----reg_void----> voided (kept, out of figures)
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/idnum.h"
#include "../base/mem.h"
#include "../store/audit.h"
#include "../store/schema.h"
#include "kept.h"
#include "org.h"
#include "reg.h"
#include "regjson.h"
#include "regstore.h"

/* Columns every register table has before its fields, in select order. */
#define META_COLUMNS                                                      \
  "id, org, voided, void_reason, created_at, created_by, updated_at, "      \
  "updated_by, batch, batch_row"
#define N_META 10

static int is_int_type(int type) {
  return type == FT_INT || type == FT_MONEY || type == FT_BOOL ||
         type == FT_REF;
}

/* ---- Schema ---- */

static void column_ddl(const RegField *f, Str *s) {
  str_appendf(s, "  %s %s", f->zName,
              is_int_type(f->type) ? "INTEGER" : f->type == FT_ORG ? "@KEY@" : "TEXT");
  if (f->type == FT_ORG) str_puts(s, " REFERENCES org_unit(code)");
  if (f->type == FT_REF) str_appendf(s, " REFERENCES %s(id)", f->zRef);
}

/* The secondary indexes: what reports read by (org subtree, year) and the
 * references. An import into a small table drops them and builds them
 * again at the end, which sorts once instead of inserting at random. */
static void index_ddl(const Register *p, Str *s) {
  int i;
  str_appendf(s, "CREATE INDEX %s_org_date ON %s(org%s%s);\n", p->zName,
              p->zName, p->zDateField ? ", " : "",
              p->zDateField ? p->zDateField : "");
  for (i = 0; i < p->nField; i++) {
    const RegField *f = &p->aField[i];
    if (f->type == FT_REF) {
      str_appendf(s, "CREATE INDEX %s_%s ON %s(%s);\n", p->zName, f->zName,
                  p->zName, f->zName);
    }
  }
}

static void drop_index_ddl(const Register *p, Str *s) {
  int i;
  str_appendf(s, "DROP INDEX %s_org_date;\n", p->zName);
  for (i = 0; i < p->nField; i++) {
    if (p->aField[i].type == FT_REF) {
      str_appendf(s, "DROP INDEX %s_%s;\n", p->zName, p->aField[i].zName);
    }
    if (p->aField[i].flags & F_UNIQUE) {
      str_appendf(s, "DROP INDEX IF EXISTS %s_%s_live;\n", p->zName,
                  p->aField[i].zName);
    }
  }
}

static void table_ddl(const Register *p, Str *s) {
  int i;
  str_appendf(s,
              "CREATE TABLE %s(\n"
              "  id @ID@,\n"
              "  org @KEY@ NOT NULL REFERENCES org_unit(code),\n",
              p->zName);
  for (i = 0; i < p->nField; i++) {
    column_ddl(&p->aField[i], s);
    str_puts(s, ",\n");
  }
  str_puts(s,
           "  voided INTEGER NOT NULL DEFAULT 0,\n"
           "  void_reason TEXT,\n"
           "  created_at TEXT NOT NULL,\n"
           "  created_by TEXT NOT NULL,\n"
           "  updated_at TEXT NOT NULL,\n"
           "  updated_by TEXT NOT NULL,\n"
           "  batch INTEGER REFERENCES import_batch(id),\n"
           "  batch_row INTEGER\n"
           ");\n");
  index_ddl(p, s);
}

/* Unique values are kept unique by the database itself: a partial index
 * over live records (a voided record frees its case number), which every
 * insert checks for free instead of a lookup per row. IF NOT EXISTS lets
 * the same DDL bring an older table up to date. */
static void unique_ddl(const Register *p, Str *s) {
  int i;
  for (i = 0; i < p->nField; i++) {
    const RegField *f = &p->aField[i];
    if (!(f->flags & F_UNIQUE)) continue;
    str_appendf(s,
                "CREATE UNIQUE INDEX IF NOT EXISTS %s_%s_live ON %s(org, %s)"
                " WHERE voided = 0;\n",
                p->zName, f->zName, p->zName, f->zName);
  }
}

/* The columns a table has now, read from an empty select (works on every
 * back end). */
static int table_has_column(Stmt *st, const char *zCol) {
  int i, n = db_column_count(st);
  for (i = 0; i < n; i++) {
    if (strcmp(db_column_name(st, i), zCol) == 0) return 1;
  }
  return 0;
}

static int sync_register(Db *db, const Register *p, Err *e) {
  Str sql = STR_INIT, ddl = STR_INIT;
  Stmt *st = NULL;
  int exists = 0, i, rc = db_table_exists(db, p->zName, &exists, e);
  if (rc != FZ_OK) return rc;
  if (!exists) {
    table_ddl(p, &ddl);
    unique_ddl(p, &ddl);
  } else {
    str_appendf(&sql, "SELECT * FROM %s LIMIT 0", p->zName);
    rc = db_prepare(db, &st, str_cstr(&sql), e);
    for (i = 0; rc == FZ_OK && i < p->nField; i++) {
      if (table_has_column(st, p->aField[i].zName)) continue;
      str_appendf(&ddl, "ALTER TABLE %s ADD COLUMN", p->zName);
      column_ddl(&p->aField[i], &ddl);
      str_puts(&ddl, ";\n");
    }
    db_finalize(st);
    unique_ddl(p, &ddl);
  }
  if (rc == FZ_OK && ddl.n) {
    Str expanded = STR_INIT;
    schema_expand(db, str_cstr(&ddl), &expanded);
    rc = db_exec_script(db, str_cstr(&expanded), e);
    str_free(&expanded);
  }
  str_free(&sql);
  str_free(&ddl);
  return rc;
}

/* A fingerprint of every declaration: when it matches the one stored, the
 * tables are already in step and opening costs one query. */
#define REG_ENGINE_DDL "2" /* bump when table_ddl / unique_ddl change */

static void declaration_signature(Str *s) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  const char *zV;
  int i, k;
  for (zV = REG_ENGINE_DDL; *zV; zV++) h = (h ^ (unsigned char)*zV) * 1099511628211ULL;
  for (i = 0; i < reg_count; i++) {
    const Register *p = reg_all[i];
    const char *az[2] = {p->zName, p->zDateField ? p->zDateField : ""};
    for (k = 0; k < 2; k++) {
      const char *z;
      for (z = az[k]; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ULL;
      h = (h ^ 0xff) * 1099511628211ULL;
    }
    for (k = 0; k < p->nField; k++) {
      const char *z;
      for (z = p->aField[k].zName; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ULL;
      h = (h ^ (unsigned)p->aField[k].type) * 1099511628211ULL;
    }
  }
  str_appendf(s, "%016llx", (unsigned long long)h);
}

/* Whether a register refers to another (such chains are one level deep:
 * a test checks that no referenced register refers on). */
static int has_ref(const Register *p) {
  int i;
  for (i = 0; i < p->nField; i++) {
    if (p->aField[i].type == FT_REF) return 1;
  }
  return 0;
}

int reg_sync_schema(Db *db, Err *e) {
  Str sig = STR_INIT;
  Stmt *st = NULL;
  int rc, i, same = 0;
  declaration_signature(&sig);
  rc = db_prepare(db, &st, "SELECT value FROM fz_meta WHERE key='reg_signature'", e);
  if (rc == FZ_OK) rc = db_step(st, e);
  if (rc == DB_ROW) same = strcmp(db_column_text(st, 0), str_cstr(&sig)) == 0;
  /* a failed read is an error, not a missing signature */
  if (rc == DB_ROW || rc == DB_DONE) rc = FZ_OK;
  db_finalize(st);
  if (rc != FZ_OK || same) goto cleanup;
  rc = db_begin(db, e);
  /* Referenced tables first (PostgreSQL wants a table to exist before a
   * foreign key names it): registers without references, then the rest. */
  for (i = 0; rc == FZ_OK && i < reg_count; i++) {
    if (!has_ref(reg_all[i])) rc = sync_register(db, reg_all[i], e);
  }
  for (i = 0; rc == FZ_OK && i < reg_count; i++) {
    if (has_ref(reg_all[i])) rc = sync_register(db, reg_all[i], e);
  }
  if (rc == FZ_OK) {
    rc = db_exec(db, e,
                 "INSERT INTO fz_meta(key, value) VALUES('reg_signature', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                 "t", str_cstr(&sig));
  }
  if (rc == FZ_OK) rc = db_commit(db, e);
  else db_rollback(db);
cleanup:
  str_free(&sig);
  return rc;
}

int reg_open_db(Db **ppDb, const char *zName, int flags, Err *e) {
  int rc = schema_open(ppDb, zName, flags, e);
  if (rc == FZ_OK && !(flags & DB_READONLY)) {
    rc = reg_sync_schema(*ppDb, e);
    if (rc == FZ_OK) rc = kept_sync(*ppDb, e);
    if (rc != FZ_OK) {
      db_close(*ppDb);
      *ppDb = NULL;
    }
  }
  return rc;
}

/* ---- Checks against the database ---- */

/* Orgs an import remembers as checked: a county's or a province's file
 * cycles through its hundreds of offices, and a miss costs a query (on
 * PostgreSQL a round trip that also waits out the pipelined inserts). */
#define ORG_CACHE 1024
_Static_assert((ORG_CACHE & (ORG_CACHE - 1)) == 0, "ORG_CACHE: a power of two (org_slot)");

/* Rows a bulk insert writes with one statement (SQLite): a statement's
 * start and finish cost about as much as one row of 19 columns. */
#define REG_MULTI_ROWS 32

struct RegWriter {
  Db *db;
  const Actor *a;
  const Register *p;
  int64_t batch;
  int flags;            /* REG_W_* */
  int indexesDropped;   /* bulk mode dropped the secondary indexes */
  int64_t idFloor;      /* the table's last id at open: later ones are this
                           writer's, for the kept figures */
  Stmt *pInsert;
  /* Bulk mode without the unique indexes (nothing can conflict): checked
   * rows wait in aPend until REG_MULTI_ROWS of them go in one statement.
   * The records are the caller's until reg_writer_flush. */
  Stmt *pInsertMulti;
  KeptCounter *pKept; /* bulk mode: the kept figures counted row by row */
  Record *apPend[REG_MULTI_ROWS];
  long aPendRow[REG_MULTI_ROWS];
  int nPend;
  Stmt **apCheck; /* per field: its prepared unique or reference check */
  char zNow[CLOCK_ISO_LEN]; /* one time for a whole batch */
  char *azOrgOk[ORG_CACHE]; /* codes already found to exist and be in scope */
  int nOrgOk, iOrgNext;
  int aOrgSlot[2 * ORG_CACHE]; /* azOrgOk by hash: index plus one, 0 empty */
};

/* Every row of an import looks its org up here: by hash, not by scanning
 * a province's hundreds of codes. */
static unsigned org_slot(const char *zCode) {
  unsigned h = 2166136261u;
  for (; *zCode; zCode++) h = (h ^ (unsigned char)*zCode) * 16777619u;
  return h & (2 * ORG_CACHE - 1);
}

static int org_cached(RegWriter *w, const char *zCode) {
  unsigned h = org_slot(zCode);
  while (w->aOrgSlot[h]) {
    if (strcmp(w->azOrgOk[w->aOrgSlot[h] - 1], zCode) == 0) return 1;
    h = (h + 1) & (2 * ORG_CACHE - 1);
  }
  return 0;
}

static void org_slot_add(RegWriter *w, int i) {
  unsigned h = org_slot(w->azOrgOk[i]);
  while (w->aOrgSlot[h]) h = (h + 1) & (2 * ORG_CACHE - 1);
  w->aOrgSlot[h] = i + 1;
}

static void org_cache_add(RegWriter *w, const char *zCode) {
  int i;
  if (w->nOrgOk < ORG_CACHE) {
    w->azOrgOk[w->nOrgOk] = mem_strdup(zCode);
    org_slot_add(w, w->nOrgOk++);
  } else { /* full: replace the oldest, and hash them all again */
    mem_free(w->azOrgOk[w->iOrgNext]);
    w->azOrgOk[w->iOrgNext] = mem_strdup(zCode);
    w->iOrgNext = (w->iOrgNext + 1) % ORG_CACHE;
    memset(w->aOrgSlot, 0, sizeof w->aOrgSlot);
    for (i = 0; i < ORG_CACHE; i++) org_slot_add(w, i);
  }
}

/* Resolve an org given by code or exact name to its code (in *pz, replaced
 * when a name was given). */
static int org_resolve(Db *db, char **pz, const char *zLabel, Err *e) {
  Stmt *st = NULL;
  int rc, n = 0;
  char *zCode = NULL;
  rc = db_prepare(db, &st,
                  "SELECT code FROM org_unit WHERE code=? "
                  "UNION SELECT code FROM org_unit WHERE name=?",
                  e);
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, *pz);
  db_bind_text(st, 2, *pz);
  while ((rc = db_step(st, e)) == DB_ROW) {
    if (n++ == 0) zCode = mem_strdup(db_column_text(st, 0));
  }
  db_finalize(st);
  if (rc != DB_DONE) {
    mem_free(zCode);
    return rc;
  }
  if (n != 1) {
    mem_free(zCode);
    return err_set_at(e, FZ_INVALID, 0, zLabel,
                      n ? "%s：名称“%s”对应多个机构，请填写机构编码"
                        : "%s：机构“%s”不存在",
                      zLabel, *pz);
  }
  mem_free(*pz);
  *pz = zCode;
  return FZ_OK;
}

static int check_owner_org(RegWriter *w, Record *r, Err *e) {
  int rc;
  if (org_cached(w, r->zOrg)) return FZ_OK;
  rc = org_resolve(w->db, &r->zOrg, "机构", e);
  if (rc != FZ_OK) return rc;
  if (org_cached(w, r->zOrg)) return FZ_OK;
  if (w->a->zScope && !org_in_subtree(r->zOrg, w->a->zScope)) {
    return err_set_at(e, FZ_FORBIDDEN, 0, "机构",
                      "机构“%s”不在您的管辖范围（%s 及其下级）内", r->zOrg,
                      w->a->zScope);
  }
  org_cache_add(w, r->zOrg);
  return FZ_OK;
}

/* The prepared check for field i (built on first use, reused per row). */
static int check_stmt(RegWriter *w, int i, Stmt **ppSt, Err *e) {
  const RegField *f = &w->p->aField[i];
  Str sql = STR_INIT;
  int rc = FZ_OK;
  if (!w->apCheck[i]) {
    if (f->type == FT_REF) {
      str_appendf(&sql, "SELECT 1 FROM %s WHERE id=? AND voided=0", f->zRef);
    } else {
      str_appendf(&sql,
                  "SELECT id FROM %s WHERE %s=? AND org=? AND voided=0 AND id<>?",
                  w->p->zName, f->zName);
    }
    rc = db_prepare(w->db, &w->apCheck[i], str_cstr(&sql), e);
    str_free(&sql);
  }
  *ppSt = w->apCheck[i];
  if (*ppSt) db_reset(*ppSt);
  return rc;
}

static int check_ref(RegWriter *w, int i, const RegValue *v, Err *e) {
  const RegField *f = &w->p->aField[i];
  Stmt *st = NULL;
  int rc = check_stmt(w, i, &st, e);
  if (rc != FZ_OK) return rc;
  db_bind_int64(st, 1, v->i);
  rc = db_step(st, e);
  db_reset(st);
  if (rc == DB_DONE) {
    const Register *pRef = reg_find(f->zRef);
    return err_set_at(e, FZ_INVALID, 0, f->zLabel, "%s：%s第 %lld 号记录不存在",
                      f->zLabel, pRef ? pRef->zLabel : f->zRef, (long long)v->i);
  }
  return rc == DB_ROW ? FZ_OK : rc;
}

static int check_unique(RegWriter *w, const Record *r, int i,
                        const RegValue *v, Err *e) {
  const RegField *f = &w->p->aField[i];
  Stmt *st = NULL;
  int64_t other;
  int rc = check_stmt(w, i, &st, e);
  if (rc != FZ_OK) return rc;
  if (is_int_type(f->type)) db_bind_int64(st, 1, v->i);
  else db_bind_text(st, 1, v->z);
  db_bind_text(st, 2, r->zOrg);
  db_bind_int64(st, 3, r->id);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    Str val = STR_INIT;
    other = db_column_int64(st, 0);
    db_reset(st);
    reg_format_value(r, i, 1, w->a, &val);
    rc = err_set_at(e, FZ_CONFLICT, 0, f->zLabel,
                    "%s“%s”在本机构已被第 %lld 号记录使用", f->zLabel,
                    str_cstr(&val), (long long)other);
    str_free(&val);
    return rc;
  }
  db_reset(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

/* An ID number is one person across registers: the first record written
 * with it registers the name; a later record with a different name for
 * the same number is refused (a typo in the number or the name). */
static int person_link(RegWriter *w, const Record *r, int i, Err *e) {
  const RegField *f = &w->p->aField[i];
  const char *zId = r->aVal[i].z, *zName = reg_text(r, f->zRef);
  char *zKnown = NULL;
  int rc = reg_person_get(w->db, zId, &zKnown, NULL);
  if (rc == FZ_NOTFOUND) {
    char zNow[CLOCK_ISO_LEN];
    rc = db_exec(w->db, e,
                 "INSERT INTO person(id_number, name, created_at, created_by)"
                 " VALUES(?, ?, ?, ?)",
                 "tttt", zId, zName ? zName : "", clock_now_iso(zNow, sizeof zNow),
                 w->a->zName);
  } else if (rc == FZ_OK && zName && !zKnown[0]) {
    rc = db_exec(w->db, e, "UPDATE person SET name=? WHERE id_number=?", "tt",
                 zName, zId);
  } else if (rc == FZ_OK && zName && strcmp(zKnown, zName) != 0) {
    Str m = STR_INIT;
    idnum_mask(&m, zId);
    rc = err_set_at(e, FZ_CONFLICT, 0, f->zLabel,
                    "%s%s已登记为“%s”，与本记录的姓名“%s”不符；请核对号码或姓名",
                    f->zLabel, reg_actor_edits(w->a, w->p) ? zId : str_cstr(&m), zKnown,
                    zName);
    str_free(&m);
  } else if (rc != FZ_OK) {
    rc = err_set(e, FZ_DB, "读取人员信息失败");
  }
  mem_free(zKnown);
  return rc;
}

int reg_person_get(Db *db, const char *zIdnum, char **pzName, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st, "SELECT name FROM person WHERE id_number=?", e);
  *pzName = NULL;
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, zIdnum);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    *pzName = mem_strdup(db_column_text(st, 0));
    rc = FZ_OK;
  } else if (rc == DB_DONE) {
    rc = err_set(e, FZ_NOTFOUND, "没有身份证号码为 %s 的人员", zIdnum);
  }
  db_finalize(st);
  return rc;
}

int reg_person_records(Db *db, const Actor *a, const char *zIdnum,
                       RegVisit xVisit, void *pArg, Err *e) {
  int i, k, rc = FZ_OK;
  for (i = 0; rc == FZ_OK && i < reg_count; i++) {
    const Register *p = reg_all[i];
    for (k = 0; rc == FZ_OK && k < p->nField; k++) {
      RegQuery q;
      if (p->aField[k].type != FT_IDNUM) continue;
      memset(&q, 0, sizeof q);
      q.nFilter = 1;
      q.azFilterField[0] = p->aField[k].zName;
      q.azFilterValue[0] = zIdnum;
      rc = reg_list(db, a, p, &q, xVisit, pArg, NULL, e);
    }
  }
  return rc;
}

int reg_describe_source(Db *db, const Record *r, Str *s, Err *e) {
  Stmt *st = NULL;
  int rc;
  if (!r->batch) return FZ_OK;
  rc = db_prepare(db, &st,
                  "SELECT file, sheet, actor, at FROM import_batch WHERE id=?", e);
  if (rc != FZ_OK) return rc;
  db_bind_int64(st, 1, r->batch);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    const char *zSheet = db_column_text(st, 1);
    str_appendf(s, "文件 %s%s%s%s第 %lld 行，由 %s 于 %s 导入（批次 %lld）",
                db_column_text(st, 0), zSheet ? "（工作表 " : "",
                zSheet ? zSheet : "", zSheet ? "）" : "", (long long)r->batchRow,
                db_column_text(st, 2), db_column_text(st, 3), (long long)r->batch);
    rc = FZ_OK;
  } else if (rc == DB_DONE) {
    rc = FZ_OK;
  }
  db_finalize(st);
  return rc;
}

/* One database check of one field: the problem (if any) lands in eOne. */
static int check_field_db(RegWriter *w, Record *r, int i, int checkUnique,
                          Err *eOne) {
  const RegField *f = &w->p->aField[i];
  RegValue *v = &r->aVal[i];
  if (!v->isSet || v->isNull) return FZ_OK;
  if (f->type == FT_ORG) return org_resolve(w->db, &v->z, f->zLabel, eOne);
  if (f->type == FT_REF) return check_ref(w, i, v, eOne);
  if (f->type == FT_IDNUM && f->zRef) {
    int rc = person_link(w, r, i, eOne);
    if (rc != FZ_OK || !checkUnique || !(f->flags & F_UNIQUE)) return rc;
  }
  if (checkUnique && (f->flags & F_UNIQUE)) return check_unique(w, r, i, v, eOne);
  return FZ_OK;
}

static int is_data_problem(int rc) {
  return rc == FZ_INVALID || rc == FZ_CONFLICT || rc == FZ_FORBIDDEN ||
         rc == FZ_NOTFOUND;
}

/* Every database check; data problems are listed (row > 0) or returned.
 * Uniqueness is checked here for updates only (see unique_ddl). */
static int check_db(RegWriter *w, Record *r, long row, int checkUnique,
                    Err *e) {
  int i, rc, nBad = 0, rcFirst = FZ_OK;
  for (i = -1; i < w->p->nField; i++) {
    Err eOne = ERR_INIT;
    rc = i < 0 ? (r->zOrg ? check_owner_org(w, r, &eOne) : FZ_OK)
               : check_field_db(w, r, i, checkUnique, &eOne);
    if (rc == FZ_OK) continue;
    if (!is_data_problem(rc)) {
      err_move(e, &eOne);
      return rc;
    }
    if (!nBad++) rcFirst = rc;
    if (row > 0) {
      const RegValue *v = i >= 0 ? &r->aVal[i] : NULL;
      err_add_item(e, row, eOne.field, i < 0 ? r->zOrg : (v->z ? v->z : NULL),
                   "%s", err_msg(&eOne));
      err_clear(&eOne);
    } else {
      err_move(e, &eOne);
      return rc;
    }
  }
  return nBad ? rcFirst : FZ_OK;
}

/* ---- Writing ---- */

/* Bulk mode into a table holding fewer rows than this: rebuild the
 * secondary indexes at the end instead of maintaining them row by row. */
#define REG_BULK_REBUILD_MAX 200000

static int bulk_drop_indexes(RegWriter *w, Err *e) {
  Str sql = STR_INIT;
  int64_t n = 0;
  int rc;
  str_appendf(&sql, "SELECT count(*) FROM %s", w->p->zName);
  rc = db_query_int64(w->db, e, &n, NULL, str_cstr(&sql), "");
  str_reset(&sql);
  if (rc == FZ_OK && n < REG_BULK_REBUILD_MAX) {
    drop_index_ddl(w->p, &sql);
    rc = db_exec_script(w->db, str_cstr(&sql), e);
    w->indexesDropped = rc == FZ_OK;
  }
  str_free(&sql);
  return rc;
}

/* SQLite's page cache while a bulk import rebuilds the indexes. Its sorter
 * sorts runs as large as the cache: runs of 4 MiB, merged, sort the keys
 * of a million rows in two thirds of the time one run of 64 MiB takes
 * (which also misses the CPU's caches), and the appends that fill the
 * table need no more than the B-tree's right edge in cache. */
#define REG_BULK_SORT_CACHE_KIB 4096

static void bind_constants(RegWriter *w, Stmt *st, int iFirst);

/* SQLite, once the indexes are gone: the smaller cache, and the multi-row
 * insert. Nothing can conflict, and OR FAIL (the NOT NULL columns are
 * filled by the writer) needs no statement journal. Other back ends
 * insert row by row. */
static int bulk_sqlite_setup(RegWriter *w, Err *e) {
  Str sql = STR_INIT;
  int i, k, rc;
  if (strcmp(db_dialect(w->db), "sqlite") != 0) return FZ_OK;
  str_appendf(&sql, "PRAGMA cache_size=-%d", REG_BULK_SORT_CACHE_KIB);
  rc = db_exec_script(w->db, str_cstr(&sql), e);
  str_reset(&sql);
  if (rc != FZ_OK) {
    str_free(&sql);
    return rc;
  }
  str_appendf(&sql, "INSERT OR FAIL INTO %s(org", w->p->zName);
  for (i = 0; i < w->p->nField; i++) str_appendf(&sql, ", %s", w->p->aField[i].zName);
  str_puts(&sql, ", created_at, created_by, updated_at, updated_by, batch, batch_row) VALUES");
  for (k = 0; k < REG_MULTI_ROWS; k++) {
    str_puts(&sql, k ? ",(?" : "(?");
    for (i = 0; i < w->p->nField + 6; i++) str_puts(&sql, ",?");
    str_putc(&sql, ')');
  }
  rc = db_prepare(w->db, &w->pInsertMulti, str_cstr(&sql), e);
  str_free(&sql);
  /* The same for every row of the import, and kept across resets: bound
   * once here (each row's own values are bound in reg_writer_flush). */
  for (k = 0; rc == FZ_OK && k < REG_MULTI_ROWS; k++) {
    bind_constants(w, w->pInsertMulti, 1 + k * (w->p->nField + 7) + w->p->nField + 1);
  }
  return rc;
}

/* List every live record sharing field i's value with another, as the
 * rows of this batch at fault (found when the unique index is rebuilt). */
static int list_duplicates(RegWriter *w, int i, Err *e) {
  const RegField *f = &w->p->aField[i];
  Str sql = STR_INIT;
  Stmt *st = NULL;
  char *zPrevKey = NULL;
  int64_t firstId = 0, firstRow = 0;
  int rc;
  str_appendf(&sql,
              "SELECT org || '|' || %s, %s, id, batch, batch_row FROM %s"
              " WHERE voided = 0 AND (org, %s) IN (SELECT org, %s FROM %s"
              " WHERE voided = 0 GROUP BY org, %s HAVING count(*) > 1)"
              " ORDER BY org, %s, id",
              f->zName, f->zName, w->p->zName, f->zName, f->zName, w->p->zName,
              f->zName, f->zName);
  rc = db_prepare(w->db, &st, str_cstr(&sql), e);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) {
    const char *zKey = db_column_text(st, 0), *zVal = db_column_text(st, 1);
    int ours = db_column_int64(st, 3) == w->batch;
    if (!zPrevKey || strcmp(zPrevKey, zKey) != 0) {
      mem_free(zPrevKey);
      zPrevKey = mem_strdup(zKey);
      firstId = db_column_int64(st, 2);
      firstRow = ours ? db_column_int64(st, 4) : 0;
      rc = FZ_OK;
      continue;
    }
    if (firstRow) {
      err_add_item(e, (long)db_column_int64(st, 4), f->zLabel, zVal,
                   "%s“%s”重复：与第%lld行相同", f->zLabel, zVal, (long long)firstRow);
    } else {
      err_add_item(e, (long)db_column_int64(st, 4), f->zLabel, zVal,
                   "%s“%s”在本机构已被第 %lld 号记录使用", f->zLabel, zVal,
                   (long long)firstId);
    }
    rc = FZ_OK;
  }
  db_finalize(st);
  str_free(&sql);
  mem_free(zPrevKey);
  return rc == DB_DONE ? FZ_INVALID : rc;
}

/* Rebuild the unique indexes one by one, so a failure names its field. */
static int rebuild_unique(RegWriter *w, Err *e) {
  int i, rc = FZ_OK;
  for (i = 0; rc == FZ_OK && i < w->p->nField; i++) {
    const RegField *f = &w->p->aField[i];
    Str sql = STR_INIT;
    Err eIdx = ERR_INIT;
    if (!(f->flags & F_UNIQUE)) continue;
    str_appendf(&sql,
                "CREATE UNIQUE INDEX %s_%s_live ON %s(org, %s) WHERE voided = 0",
                w->p->zName, f->zName, w->p->zName, f->zName);
    rc = db_exec_script(w->db, str_cstr(&sql), &eIdx);
    if (rc == FZ_CONFLICT) {
      err_clear(&eIdx);
      rc = list_duplicates(w, i, e);
    } else {
      err_move(e, &eIdx);
    }
    str_free(&sql);
  }
  return rc;
}

int reg_writer_finish(RegWriter *w, Err *e) {
  Str sql = STR_INIT;
  int rc = reg_writer_flush(w, e);
  if (rc == FZ_OK && w->indexesDropped) {
    rc = rebuild_unique(w, e);
    index_ddl(w->p, &sql);
    if (rc == FZ_OK) rc = db_exec_script(w->db, str_cstr(&sql), e);
    w->indexesDropped = 0;
  }
  str_free(&sql);
  if (rc == FZ_OK && w->pKept) rc = kept_counter_store(w->db, w->pKept, e);
  else if (rc == FZ_OK) rc = kept_apply(w->db, w->p->zName, w->idFloor + 1, INT64_MAX, +1, e);
  return rc;
}

int reg_writer_open(Db *db, const Actor *a, const Register *p, int64_t batch,
                    int flags, RegWriter **ppW, Err *e) {
  RegWriter *w;
  Str sql = STR_INIT;
  int i, rc = reg_may_write(a, p, e);
  *ppW = NULL;
  if (rc != FZ_OK) return rc;
  w = mem_zalloc(sizeof *w);
  w->db = db;
  w->a = a;
  w->p = p;
  w->batch = batch;
  w->flags = flags;
  clock_now_iso(w->zNow, sizeof w->zNow);
  w->apCheck = mem_zalloc(sizeof(Stmt *) * (size_t)(p->nField ? p->nField : 1));
  str_appendf(&sql, "INSERT INTO %s(org", p->zName);
  for (i = 0; i < p->nField; i++) str_appendf(&sql, ", %s", p->aField[i].zName);
  str_puts(&sql, ", created_at, created_by, updated_at, updated_by, batch, "
                 "batch_row) VALUES(?");
  for (i = 0; i < p->nField + 6; i++) str_puts(&sql, ", ?");
  str_puts(&sql, ") ON CONFLICT DO NOTHING");
  rc = (flags & REG_W_BULK) ? bulk_drop_indexes(w, e) : FZ_OK;
  if (rc == FZ_OK) rc = db_prepare(db, &w->pInsert, str_cstr(&sql), e);
  str_reset(&sql);
  str_appendf(&sql, "SELECT coalesce(max(id), 0) FROM %s", p->zName);
  if (rc == FZ_OK) rc = db_query_int64(db, e, &w->idFloor, NULL, str_cstr(&sql), "");
  if (rc == FZ_OK && w->indexesDropped) rc = bulk_sqlite_setup(w, e);
  if (rc == FZ_OK && (flags & REG_W_BULK)) rc = kept_counter_open(db, p, &w->pKept, e);
  str_free(&sql);
  if (rc != FZ_OK) {
    reg_writer_close(w);
    w = NULL;
  }
  *ppW = w;
  return rc;
}

void reg_writer_close(RegWriter *w) {
  int i;
  if (!w) return;
  db_finalize(w->pInsert);
  db_finalize(w->pInsertMulti);
  kept_counter_free(w->pKept);
  for (i = 0; i < w->p->nField; i++) db_finalize(w->apCheck[i]);
  mem_free(w->apCheck);
  for (i = 0; i < w->nOrgOk; i++) mem_free(w->azOrgOk[i]);
  mem_free(w);
}

/* Bind field values to parameters iFirst, iFirst + 1, … */
static void bind_fields(Stmt *st, const Record *r, int iFirst) {
  int i;
  for (i = 0; i < r->pReg->nField; i++) {
    const RegValue *v = &r->aVal[i];
    if (!v->isSet || v->isNull) db_bind_null(st, iFirst + i);
    else if (is_int_type(r->pReg->aField[i].type)) db_bind_int64(st, iFirst + i, v->i);
    else db_bind_text_ref(st, iFirst + i, v->z); /* r outlives the step */
  }
}

static int audit_write(Db *db, const Actor *a, const Register *p, int64_t id,
                       const char *zAction, const char *zBefore,
                       const char *zAfter, const char *zReason, Err *e) {
  AuditEntry ae;
  int64_t auditId = 0;
  memset(&ae, 0, sizeof ae);
  ae.zActor = a->zName;
  ae.zRegister = p->zName;
  ae.recordId = id;
  ae.zAction = zAction;
  ae.zBefore = zBefore;
  ae.zAfter = zAfter;
  ae.zReason = zReason;
  return audit_append(db, &ae, &auditId, e);
}

/* The insert found a live record with the same unique value: name it. */
static int insert_conflict(RegWriter *w, Record *r, long row, Err *e) {
  int i, rc;
  for (i = 0; i < w->p->nField; i++) {
    Err eOne = ERR_INIT;
    const RegValue *v = &r->aVal[i];
    if (!(w->p->aField[i].flags & F_UNIQUE) || !v->isSet || v->isNull) continue;
    rc = check_unique(w, r, i, v, &eOne);
    if (rc == FZ_OK) continue;
    if (row > 0 && rc == FZ_CONFLICT) {
      Str val = STR_INIT;
      reg_format_value(r, i, 1, w->a, &val);
      err_add_item(e, row, eOne.field, str_cstr(&val), "%s", err_msg(&eOne));
      str_free(&val);
      err_clear(&eOne);
    } else {
      err_move(e, &eOne);
    }
    return rc;
  }
  return err_set(e, FZ_CONFLICT, "与已有的%s记录冲突", w->p->zLabel);
}

/* The record as stored, for the audit row of a single insert. */
static int audit_insert(RegWriter *w, Record *r, Err *e) {
  char *zAfter;
  int rc;
  mem_free(r->zCreatedAt);
  mem_free(r->zCreatedBy);
  mem_free(r->zUpdatedAt);
  mem_free(r->zUpdatedBy);
  r->zCreatedAt = mem_strdup(w->zNow);
  r->zCreatedBy = mem_strdup(w->a->zName);
  r->zUpdatedAt = mem_strdup(w->zNow);
  r->zUpdatedBy = mem_strdup(w->a->zName);
  zAfter = reg_to_json_text(r, NULL);
  rc = audit_write(w->db, w->a, w->p, r->id, "insert", NULL, zAfter, NULL, e);
  mem_free(zAfter);
  return rc;
}

static int audit_write_as(Db *db, const Actor *a, const char *zRegister,
                          int64_t id, const char *zAction, const char *zAfter,
                          Err *e) {
  AuditEntry ae;
  memset(&ae, 0, sizeof ae);
  ae.zActor = a->zName;
  ae.zRegister = zRegister;
  ae.recordId = id;
  ae.zAction = zAction;
  ae.zAfter = zAfter;
  return audit_append(db, &ae, NULL, e);
}

/* Who and when, and the batch: parameters iFirst … iFirst + 4. */
static void bind_constants(RegWriter *w, Stmt *st, int iFirst) {
  db_bind_text_ref(st, iFirst, w->zNow);
  db_bind_text_ref(st, iFirst + 1, w->a->zName);
  db_bind_text_ref(st, iFirst + 2, w->zNow);
  db_bind_text_ref(st, iFirst + 3, w->a->zName);
  if (w->batch) db_bind_int64(st, iFirst + 4, w->batch);
  else db_bind_null(st, iFirst + 4);
}

/* Bind one row's values (org, fields, who and when, batch and row) to
 * parameters iFirst, iFirst + 1, … of an insert. */
static void bind_row(RegWriter *w, Stmt *st, const Record *r, long row, int iFirst) {
  int n = w->p->nField;
  db_bind_text_ref(st, iFirst, r->zOrg);
  bind_fields(st, r, iFirst + 1);
  bind_constants(w, st, iFirst + n + 1);
  if (row > 0 && w->batch) db_bind_int64(st, iFirst + n + 6, row);
  else db_bind_null(st, iFirst + n + 6);
}

int reg_writer_flush(RegWriter *w, Err *e) {
  int i, rc = FZ_OK;
  if (w->nPend == REG_MULTI_ROWS) {
    for (i = 0; i < w->nPend; i++) {
      /* who, when and the batch were bound once (bulk_sqlite_setup) */
      int iFirst = 1 + i * (w->p->nField + 7);
      const Record *r = w->apPend[i];
      db_bind_text_ref(w->pInsertMulti, iFirst, r->zOrg);
      bind_fields(w->pInsertMulti, r, iFirst + 1);
      if (w->aPendRow[i] > 0 && w->batch) {
        db_bind_int64(w->pInsertMulti, iFirst + w->p->nField + 6, w->aPendRow[i]);
      } else {
        db_bind_null(w->pInsertMulti, iFirst + w->p->nField + 6);
      }
    }
    rc = db_step(w->pInsertMulti, e);
    db_reset(w->pInsertMulti);
    rc = rc == DB_DONE ? FZ_OK : rc;
  } else {
    for (i = 0; rc == FZ_OK && i < w->nPend; i++) {
      bind_row(w, w->pInsert, w->apPend[i], w->aPendRow[i], 1);
      rc = db_step(w->pInsert, e);
      db_reset(w->pInsert);
      rc = rc == DB_DONE ? FZ_OK : rc;
    }
  }
  w->nPend = 0;
  return rc;
}

/* A row a bulk writer has written (or will, in its multi-row insert)
 * joins the kept figures' counts. */
static int bulk_count(RegWriter *w, const Record *r, Err *e) {
  return w->pKept ? kept_counter_add(w->pKept, r, e) : FZ_OK;
}

/* A checked row joins the next multi-row insert. */
static int bulk_pend(RegWriter *w, Record *r, long row, Err *e) {
  int rc = bulk_count(w, r, e);
  if (rc != FZ_OK) return rc;
  w->apPend[w->nPend] = r;
  w->aPendRow[w->nPend++] = row;
  return w->nPend == REG_MULTI_ROWS ? reg_writer_flush(w, e) : FZ_OK;
}

int reg_writer_insert(RegWriter *w, Record *r, long row, Err *e) {
  int rc = reg_validate(r, row > 0, row, e);
  return rc == FZ_OK ? reg_writer_store(w, r, row, e) : rc;
}

int reg_writer_store(RegWriter *w, Record *r, long row, Err *e) {
  int rc;
  rc = check_db(w, r, row, 0, e);
  if (rc != FZ_OK) return rc;
  if (w->pInsertMulti) return bulk_pend(w, r, row, e);
  if (w->flags & REG_W_AUDIT) clock_now_iso(w->zNow, sizeof w->zNow);
  bind_row(w, w->pInsert, r, row, 1);
  rc = db_step(w->pInsert, e);
  db_reset(w->pInsert);
  if (rc != DB_DONE) return rc;
  /* No unique index to hit while they are dropped (duplicates are found
   * when they are rebuilt), and an import needs no ids: asking would wait
   * for each insert's answer, which PostgreSQL's pipeline does not. */
  if (w->indexesDropped && !(w->flags & REG_W_AUDIT)) return bulk_count(w, r, e);
  if (db_changes(w->db) == 0) {
    return insert_conflict(w, r, row, e); /* ON CONFLICT DO NOTHING hit */
  }
  r->id = db_last_insert_id(w->db);
  return (w->flags & REG_W_AUDIT) ? audit_insert(w, r, e) : bulk_count(w, r, e);
}

int reg_batch_begin(Db *db, const Actor *a, const Register *p,
                    const RegBatchInfo *b, int64_t *pId, Err *e) {
  char zNow[CLOCK_ISO_LEN];
  Stmt *st = NULL;
  int rc = db_prepare(db, &st,
                      "INSERT INTO import_batch(register, file, sheet, encoding,"
                      " digest, rows, actor, at) VALUES(?,?,?,?,?,0,?,?)"
                      " RETURNING id",
                      e);
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, p->zName);
  db_bind_text(st, 2, b->zFile);
  db_bind_text(st, 3, b->zSheet);
  db_bind_text(st, 4, b->zEncoding);
  db_bind_text(st, 5, b->zDigest ? b->zDigest : "");
  db_bind_text(st, 6, a->zName);
  db_bind_text(st, 7, clock_now_iso(zNow, sizeof zNow));
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    *pId = db_column_int64(st, 0);
    rc = FZ_OK;
  }
  db_finalize(st);
  return rc;
}

int reg_batch_finish(Db *db, const Actor *a, const Register *p, int64_t id,
                     int64_t nRows, const char *zDigest, Err *e) {
  Stmt *st = NULL;
  json_t *o;
  char *zJson;
  int rc = db_exec(db, e,
                   "UPDATE import_batch SET rows=?, digest=coalesce(?, digest)"
                   " WHERE id=?",
                   "iti", nRows, zDigest, id);
  if (rc != FZ_OK) return rc;
  rc = db_prepare(db, &st,
                  "SELECT file, sheet, encoding, digest, at FROM import_batch "
                  "WHERE id=?",
                  e);
  if (rc != FZ_OK) return rc;
  db_bind_int64(st, 1, id);
  rc = db_step(st, e);
  if (rc != DB_ROW) {
    db_finalize(st);
    return rc == DB_DONE ? err_set(e, FZ_DB, "导入批次 %lld 不存在", (long long)id) : rc;
  }
  o = json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s, s:s, s:I}", "batch",
                (json_int_t)id, "register", p->zName, "file", db_column_text(st, 0), "sheet", db_column_text(st, 1),
                "encoding", db_column_text(st, 2), "b2sum", db_column_text(st, 3),
                "at", db_column_text(st, 4), "rows", (json_int_t)nRows);
  db_finalize(st);
  zJson = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  /* Filed under the batch, not the register: batch 3 is not record 3. */
  rc = audit_write_as(db, a, REG_BATCH_AUDIT, id, "import", zJson, e);
  free(zJson);
  return rc;
}

/* Run fn inside one transaction: committed when it succeeds, else undone. */
#define IN_TRANSACTION(db, e, rc, body) \
  do {                                  \
    rc = db_begin(db, e);               \
    if (rc == FZ_OK) {                  \
      body;                             \
      if (rc == FZ_OK) rc = db_commit(db, e); \
      else db_rollback(db);             \
    }                                   \
  } while (0)

int reg_insert(Db *db, const Actor *a, Record *r, Err *e) {
  RegWriter *w = NULL;
  int rc;
  IN_TRANSACTION(db, e, rc, {
    rc = reg_writer_open(db, a, r->pReg, 0, REG_W_AUDIT, &w, e);
    if (rc == FZ_OK) rc = reg_writer_insert(w, r, 0, e);
    if (rc == FZ_OK) rc = reg_writer_finish(w, e);
    reg_writer_close(w);
  });
  if (rc != FZ_OK) r->id = 0;
  return rc;
}

/* ---- Reading ---- */

/* The columns of p; with a mask `only` (RegQuery's), the others as NULL. */
static void select_sql(const Register *p, uint64_t only, Str *s) {
  int i;
  str_puts(s, "SELECT " META_COLUMNS);
  for (i = 0; i < p->nField; i++) {
    int read = !only || (i < 64 && (only >> i) & 1);
    str_appendf(s, ", %s", read ? p->aField[i].zName : "NULL");
  }
  str_appendf(s, " FROM %s", p->zName);
}

static char *dup_col(Stmt *st, int i) {
  return mem_strdup(db_column_text(st, i));
}

static void record_from_row(Stmt *st, const Register *p, Record *r) {
  int i;
  reg_record_init(r, p);
  r->id = db_column_int64(st, 0);
  r->zOrg = dup_col(st, 1);
  r->voided = (int)db_column_int64(st, 2);
  r->zVoidReason = dup_col(st, 3);
  r->zCreatedAt = dup_col(st, 4);
  r->zCreatedBy = dup_col(st, 5);
  r->zUpdatedAt = dup_col(st, 6);
  r->zUpdatedBy = dup_col(st, 7);
  r->batch = db_column_int64(st, 8);
  r->batchRow = db_column_int64(st, 9);
  for (i = 0; i < p->nField; i++) {
    RegValue *v = &r->aVal[i];
    v->isSet = 1;
    v->isNull = db_column_is_null(st, N_META + i);
    if (v->isNull) continue;
    if (is_int_type(p->aField[i].type)) v->i = db_column_int64(st, N_META + i);
    else v->z = dup_col(st, N_META + i);
  }
}

static int in_scope(const Actor *a, const char *zOrg) {
  return !a->zScope || org_in_subtree(zOrg, a->zScope);
}

int reg_get(Db *db, const Actor *a, const Register *p, int64_t id, Record *r,
            Err *e) {
  Str sql = STR_INIT;
  Stmt *st = NULL;
  int rc;
  select_sql(p, 0, &sql);
  str_puts(&sql, " WHERE id=?");
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  str_free(&sql);
  if (rc != FZ_OK) return rc;
  db_bind_int64(st, 1, id);
  rc = db_step(st, e);
  if (rc == DB_ROW) {
    record_from_row(st, p, r);
    rc = FZ_OK;
    if (!in_scope(a, r->zOrg)) {
      reg_record_clear(r);
      rc = err_set(e, FZ_FORBIDDEN, "%s第 %lld 号记录不在您的管辖范围内",
                   p->zLabel, (long long)id);
    }
  } else if (rc == DB_DONE) {
    rc = err_set(e, FZ_NOTFOUND, "%s第 %lld 号记录不存在", p->zLabel,
                 (long long)id);
  }
  db_finalize(st);
  return rc;
}

/* ---- Changing ---- */

/* Copy the values r sets over old (the stored record). */
static void merge_into(Record *old, Record *r) {
  int i;
  for (i = 0; i < old->pReg->nField; i++) {
    if (!r->aVal[i].isSet) continue;
    mem_free(old->aVal[i].z);
    old->aVal[i] = r->aVal[i];
    r->aVal[i].z = NULL;
    r->aVal[i].isSet = 0;
  }
  if (r->zOrg) {
    mem_free(old->zOrg);
    old->zOrg = r->zOrg;
    r->zOrg = NULL;
  }
}

static int update_row(Db *db, const Actor *a, const Record *r, Err *e) {
  Str sql = STR_INIT;
  Stmt *st = NULL;
  char zNow[CLOCK_ISO_LEN];
  int i, n = r->pReg->nField, rc;
  str_appendf(&sql, "UPDATE %s SET org=?", r->pReg->zName);
  for (i = 0; i < n; i++) str_appendf(&sql, ", %s=?", r->pReg->aField[i].zName);
  str_puts(&sql, ", updated_at=?, updated_by=? WHERE id=?");
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  str_free(&sql);
  if (rc != FZ_OK) return rc;
  db_bind_text(st, 1, r->zOrg);
  bind_fields(st, r, 2);
  db_bind_text(st, n + 2, clock_now_iso(zNow, sizeof zNow));
  db_bind_text(st, n + 3, a->zName);
  db_bind_int64(st, n + 4, r->id);
  rc = db_step(st, e);
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}

/* The stored record, which must be live to change. */
static int load_live(Db *db, const Actor *a, const Register *p, int64_t id,
                     Record *old, Err *e) {
  int rc = reg_may_write(a, p, e);
  if (rc != FZ_OK) return rc;
  rc = reg_get(db, a, p, id, old, e);
  if (rc == FZ_OK && old->voided) {
    reg_record_clear(old);
    rc = err_set(e, FZ_CONFLICT, "%s第 %lld 号记录已作废，不能再修改", p->zLabel,
                 (long long)id);
  }
  return rc;
}

static int do_update(Db *db, const Actor *a, Record *r, Err *e) {
  Record old;
  RegWriter *w = NULL;
  char *zBefore = NULL, *zAfter = NULL;
  int rc = load_live(db, a, r->pReg, r->id, &old, e);
  if (rc != FZ_OK) return rc;
  zBefore = reg_to_json_text(&old, NULL);
  merge_into(&old, r);
  rc = reg_validate(&old, 0, 0, e);
  if (rc == FZ_OK) rc = reg_writer_open(db, a, r->pReg, 0, 0, &w, e);
  if (rc == FZ_OK) rc = check_db(w, &old, 0, 1, e);
  if (rc == FZ_OK) rc = kept_apply(db, r->pReg->zName, r->id, r->id, -1, e);
  if (rc == FZ_OK) rc = update_row(db, a, &old, e);
  if (rc == FZ_OK) rc = kept_apply(db, r->pReg->zName, r->id, r->id, +1, e);
  if (rc == FZ_OK) {
    zAfter = reg_to_json_text(&old, NULL);
    rc = audit_write(db, a, r->pReg, r->id, "update", zBefore, zAfter, NULL, e);
  }
  reg_writer_close(w);
  mem_free(zBefore);
  mem_free(zAfter);
  reg_record_clear(&old);
  return rc;
}

int reg_update(Db *db, const Actor *a, Record *r, Err *e) {
  int rc;
  IN_TRANSACTION(db, e, rc, rc = do_update(db, a, r, e));
  return rc;
}

int reg_save(Db *db, const Actor *a, Record *r, Record *pSaved, Err *e) {
  int isNew = r->id == 0, got = 0, rc;
  IN_TRANSACTION(db, e, rc, {
    rc = isNew ? reg_insert(db, a, r, e) : reg_update(db, a, r, e);
    if (rc == FZ_OK) rc = reg_get(db, a, r->pReg, r->id, pSaved, e);
    got = rc == FZ_OK;
  });
  if (rc != FZ_OK && got) reg_record_clear(pSaved); /* the commit failed */
  if (rc != FZ_OK && isNew) r->id = 0;
  return rc;
}

static int do_void(Db *db, const Actor *a, const Register *p, int64_t id,
                   const char *zReason, Err *e) {
  Record old;
  Str sql = STR_INIT;
  char zNow[CLOCK_ISO_LEN];
  char *zBefore, *zAfter;
  int rc = load_live(db, a, p, id, &old, e);
  if (rc != FZ_OK) return rc;
  zBefore = reg_to_json_text(&old, NULL);
  str_appendf(&sql,
              "UPDATE %s SET voided=1, void_reason=?, updated_at=?, "
              "updated_by=? WHERE id=?",
              p->zName);
  rc = kept_apply(db, p->zName, id, id, -1, e);
  if (rc == FZ_OK) {
    rc = db_exec(db, e, str_cstr(&sql), "ttti", zReason, clock_now_iso(zNow, sizeof zNow),
                 a->zName, id);
  }
  old.voided = 1;
  old.zVoidReason = mem_strdup(zReason);
  zAfter = reg_to_json_text(&old, NULL);
  if (rc == FZ_OK) rc = audit_write(db, a, p, id, "void", zBefore, zAfter, zReason, e);
  mem_free(zBefore);
  mem_free(zAfter);
  str_free(&sql);
  reg_record_clear(&old);
  return rc;
}

int reg_void(Db *db, const Actor *a, const Register *p, int64_t id,
             const char *zReason, Err *e) {
  int rc;
  if (!zReason || !zReason[strspn(zReason, " \t")]) {
    return err_set_at(e, FZ_INVALID, 0, "作废原因", "作废记录必须填写原因");
  }
  IN_TRANSACTION(db, e, rc, rc = do_void(db, a, p, id, zReason, e));
  return rc;
}

/* ---- Queries ---- */

/* LIKE pattern for a substring search, with the wildcards escaped. */
static char *like_pattern(const char *z) {
  Str s = STR_INIT;
  str_putc(&s, '%');
  for (; *z; z++) {
    if (*z == '%' || *z == '_' || *z == '\\') str_putc(&s, '\\');
    str_putc(&s, *z);
  }
  str_putc(&s, '%');
  return str_detach(&s);
}

typedef struct Bind {
  int isInt;
  int64_t i;
  char *z; /* owned */
} Bind;

typedef struct Where {
  Str sql;
  Bind aBind[REG_MAX_FILTER + 16];
  int nBind;
} Where;

static void where_text(Where *w, const char *zSql, const char *zVal) {
  str_appendf(&w->sql, " AND %s", zSql);
  w->aBind[w->nBind].isInt = 0;
  w->aBind[w->nBind++].z = mem_strdup(zVal);
}

static void where_free(Where *w) {
  int i;
  for (i = 0; i < w->nBind; i++) mem_free(w->aBind[i].z);
  str_free(&w->sql);
}

static void where_bind(Where *w, Stmt *st) {
  int i;
  for (i = 0; i < w->nBind; i++) {
    if (w->aBind[i].isInt) db_bind_int64(st, i + 1, w->aBind[i].i);
    else db_bind_text(st, i + 1, w->aBind[i].z);
  }
}

/* The org subtree as a code range (one index range, see org.h). */
static int where_org(Where *w, const Actor *a, const char *zOrg, Err *e) {
  char zLo[ORG_CODE_MAX + 1], zHi[ORG_CODE_MAX + 1];
  const char *zRoot = zOrg ? zOrg : a->zScope;
  int rc;
  if (!zRoot) return FZ_OK;
  if (zOrg && a->zScope && !org_in_subtree(zOrg, a->zScope)) {
    return err_set_at(e, FZ_FORBIDDEN, 0, "机构", "机构“%s”不在您的管辖范围内",
                      zOrg);
  }
  rc = org_subtree_range(zRoot, zLo, zHi, e);
  if (rc != FZ_OK) return rc;
  where_text(w, "org >= ?", zLo);
  where_text(w, "org < ?", zHi);
  return FZ_OK;
}

static int where_filter(Where *w, const Register *p, const char *zField,
                        const char *zValue, Err *e) {
  int i = reg_field_index(p, zField);
  RegValue v;
  Err eVal = ERR_INIT;
  Str sql = STR_INIT;
  if (i < 0) {
    return err_set_at(e, FZ_USAGE, 0, zField, "%s没有字段“%s”", p->zLabel, zField);
  }
  memset(&v, 0, sizeof v);
  if (reg_parse_value(&p->aField[i], zValue, &v, &eVal) != FZ_OK) {
    err_set_at(e, FZ_INVALID, 0, p->aField[i].zLabel, "筛选条件%s：%s",
               p->aField[i].zLabel, err_msg(&eVal));
    err_clear(&eVal);
    return FZ_INVALID;
  }
  str_appendf(&sql, "%s = ?", p->aField[i].zName);
  if (is_int_type(p->aField[i].type)) {
    str_appendf(&w->sql, " AND %s", str_cstr(&sql));
    w->aBind[w->nBind].isInt = 1;
    w->aBind[w->nBind++].i = v.i;
  } else {
    where_text(w, str_cstr(&sql), v.z);
  }
  mem_free(v.z);
  str_free(&sql);
  return FZ_OK;
}

static void where_search(Where *w, const Register *p, const char *zSearch) {
  char *zPat = like_pattern(zSearch);
  int i, n = 0;
  for (i = 0; i < p->nField; i++) {
    if (!(p->aField[i].flags & F_SEARCH)) continue;
    str_appendf(&w->sql, "%s%s LIKE ? ESCAPE '\\'", n ? " OR " : " AND (",
                p->aField[i].zName);
    w->aBind[w->nBind].isInt = 0;
    w->aBind[w->nBind++].z = mem_strdup(zPat);
    n++;
  }
  if (n) str_putc(&w->sql, ')');
  mem_free(zPat);
}

static int build_where(const Actor *a, const Register *p, const RegQuery *q,
                       Where *w, Err *e) {
  int i, rc;
  str_puts(&w->sql, " WHERE 1=1");
  rc = where_org(w, a, q->zOrg, e);
  if (rc == FZ_OK && q->zOrgLo) {
    where_text(w, "org >= ?", q->zOrgLo);
    where_text(w, "org < ?", q->zOrgHi);
  }
  if (q->idHi > 0) {
    str_puts(&w->sql, " AND id BETWEEN ? AND ?");
    w->aBind[w->nBind].isInt = 1;
    w->aBind[w->nBind++].i = q->idLo;
    w->aBind[w->nBind].isInt = 1;
    w->aBind[w->nBind++].i = q->idHi;
  }
  if (rc == FZ_OK && (q->zFrom || q->zTo) && !p->zDateField) {
    rc = err_set(e, FZ_USAGE, "%s没有可按日期筛选的字段", p->zLabel);
  }
  if (rc == FZ_OK && q->zFrom) {
    Str c = STR_INIT;
    str_appendf(&c, "%s >= ?", p->zDateField);
    where_text(w, str_cstr(&c), q->zFrom);
    str_free(&c);
  }
  if (rc == FZ_OK && q->zTo) {
    Str c = STR_INIT;
    str_appendf(&c, "%s <= ?", p->zDateField);
    where_text(w, str_cstr(&c), q->zTo);
    str_free(&c);
  }
  for (i = 0; rc == FZ_OK && i < q->nFilter && i < REG_MAX_FILTER; i++) {
    rc = where_filter(w, p, q->azFilterField[i], q->azFilterValue[i], e);
  }
  if (rc == FZ_OK && q->zSearch && q->zSearch[0]) where_search(w, p, q->zSearch);
  if (!q->includeVoided) str_puts(&w->sql, " AND voided = 0");
  return rc;
}

static int order_by(const Register *p, const char *zSort, Str *s, Err *e) {
  int desc = 0, i;
  if (!zSort || !zSort[0]) {
    str_puts(s, " ORDER BY id");
    return FZ_OK;
  }
  if (zSort[0] == '-') {
    desc = 1;
    zSort++;
  }
  i = reg_field_index(p, zSort);
  if (i < 0 && strcmp(zSort, "id") != 0 && strcmp(zSort, "org") != 0) {
    return err_set(e, FZ_USAGE, "无法按“%s”排序：%s没有这个字段", zSort, p->zLabel);
  }
  str_appendf(s, " ORDER BY %s%s, id%s", i >= 0 ? p->aField[i].zName : zSort,
              desc ? " DESC" : "", desc ? " DESC" : "");
  return FZ_OK;
}

static int count_rows(Db *db, const Register *p, Where *w, int64_t *pn, Err *e) {
  Str sql = STR_INIT;
  Stmt *st = NULL;
  int rc;
  str_appendf(&sql, "SELECT count(*) FROM %s%s", p->zName, str_cstr(&w->sql));
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  if (rc == FZ_OK) {
    where_bind(w, st);
    rc = db_step(st, e);
    if (rc == DB_ROW) *pn = db_column_int64(st, 0);
    rc = rc == DB_ROW ? FZ_OK : rc;
  }
  db_finalize(st);
  str_free(&sql);
  return rc;
}

/* An unknown org is an answer (FZ_NOTFOUND), not an empty list. */
static int org_known(Db *db, const char *zOrg, Err *e) {
  OrgUnit u;
  int rc = zOrg ? org_get(db, zOrg, &u, e) : FZ_OK;
  if (zOrg && rc == FZ_OK) org_unit_clear(&u);
  return rc;
}

int reg_list(Db *db, const Actor *a, const Register *p, const RegQuery *q,
             RegVisit xVisit, void *pArg, int64_t *pnTotal, Err *e) {
  Where w;
  Str sql = STR_INIT;
  Stmt *st = NULL;
  int rc;
  memset(&w, 0, sizeof w);
  rc = org_known(db, q->zOrg, e);
  if (rc != FZ_OK) return rc;
  rc = build_where(a, p, q, &w, e);
  if (rc == FZ_OK && pnTotal) rc = count_rows(db, p, &w, pnTotal, e);
  if (rc == FZ_OK && !xVisit) goto cleanup; /* a count only */
  if (rc == FZ_OK) {
    select_sql(p, q->only, &sql);
    str_puts(&sql, str_cstr(&w.sql));
    rc = order_by(p, q->zSort, &sql, e);
  }
  if (rc == FZ_OK && (q->limit > 0 || q->offset > 0)) {
    str_appendf(&sql, " LIMIT %lld OFFSET %lld",
                (long long)(q->limit > 0 ? q->limit : INT64_MAX), (long long)q->offset);
  }
  if (rc == FZ_OK) rc = db_prepare(db, &st, str_cstr(&sql), e);
  if (rc == FZ_OK) {
    where_bind(&w, st);
    while ((rc = db_step(st, e)) == DB_ROW) {
      Record r;
      record_from_row(st, p, &r);
      rc = xVisit(&r, pArg);
      reg_record_clear(&r);
      if (rc != FZ_OK) break;
    }
    if (rc == DB_DONE) rc = FZ_OK;
  }
cleanup:
  db_finalize(st);
  str_free(&sql);
  where_free(&w);
  return rc;
}

/* ---- Grouped counts (the dashboard's charts) ---- */

/* The GROUP BY key for zBy: the defining date's month, an enum or boolean
 * field, or the org (rolled up to the root's children afterwards). */
static int stats_key(const Register *p, const char *zBy, Str *s, int *piField, Err *e) {
  int i;
  *piField = -1;
  if (strcmp(zBy, "month") == 0) {
    if (!p->zDateField) return err_set(e, FZ_USAGE, "%s没有可按月统计的日期字段", p->zLabel);
    str_appendf(s, "substr(%s, 1, 7)", p->zDateField);
    return FZ_OK;
  }
  if (strcmp(zBy, "org") == 0) {
    str_puts(s, "org");
    return FZ_OK;
  }
  i = reg_field_index(p, zBy);
  if (i < 0 || (p->aField[i].type != FT_ENUM && p->aField[i].type != FT_BOOL)) {
    return err_set(e, FZ_USAGE, "无法按“%s”分组：应为 month、org 或%s的选项字段", zBy,
                   p->zLabel);
  }
  *piField = i;
  str_puts(s, p->aField[i].zName);
  return FZ_OK;
}

static int stats_sum(const Register *p, const char *zSum, Str *s, Err *e) {
  int i;
  if (!zSum) {
    str_puts(s, "0");
    return FZ_OK;
  }
  i = reg_field_index(p, zSum);
  if (i < 0 || (p->aField[i].type != FT_INT && p->aField[i].type != FT_MONEY)) {
    return err_set(e, FZ_USAGE, "无法对“%s”求和：应为%s的整数或金额字段", zSum, p->zLabel);
  }
  str_appendf(s, "coalesce(sum(%s), 0)", p->aField[i].zName);
  return FZ_OK;
}

/* The Chinese label of a group key. */
static void stats_label(const Register *p, int iField, const char *zKey, Str *s) {
  const RegField *f = iField >= 0 ? &p->aField[iField] : NULL;
  int k;
  if (!zKey) {
    str_puts(s, "（未填）");
  } else if (!f) { /* a month: "2024-03" */
    str_appendf(s, "%.4s年%d月", zKey, atoi(zKey + 5));
  } else if (f->type == FT_BOOL) {
    str_puts(s, strcmp(zKey, "1") == 0 ? "是" : "否");
  } else {
    for (k = 0; f->aEnum[k].zCode && strcmp(f->aEnum[k].zCode, zKey) != 0; k++) {
    }
    str_puts(s, f->aEnum[k].zCode ? f->aEnum[k].zLabel : zKey);
  }
}

/* by=org: the groups of the root's direct children (and the root's own). */
typedef struct OrgRollup {
  const char *zRoot;
  int depth;      /* the root's */
  RegGroup *a;    /* children, then the root itself last */
  int n, nAlloc;
} OrgRollup;

static int rollup_child(const OrgUnit *u, void *pArg) {
  OrgRollup *o = pArg;
  if (strcmp(u->zCode, o->zRoot) == 0) o->depth = u->depth;
  else if (u->depth != o->depth + 1) return FZ_OK;
  if (o->n == o->nAlloc) {
    o->nAlloc = o->nAlloc ? 2 * o->nAlloc : 16;
    o->a = mem_realloc(o->a, sizeof *o->a * (size_t)o->nAlloc);
  }
  memset(&o->a[o->n], 0, sizeof o->a[0]);
  o->a[o->n].zKey = mem_strdup(u->zCode);
  o->a[o->n].zLabel = mem_strdup(u->zName);
  o->a[o->n].isDivision = strcmp(u->zCode, o->zRoot) != 0 && org_kind_is_division(u->kind);
  o->n++;
  return FZ_OK;
}

static void rollup_add(OrgRollup *o, const char *zOrg, int64_t n, int64_t sum) {
  int i, iRoot = -1;
  for (i = 0; i < o->n; i++) {
    if (strcmp(o->a[i].zKey, o->zRoot) == 0) iRoot = i;
    else if (org_in_subtree(zOrg, o->a[i].zKey)) break;
  }
  if (i == o->n) i = iRoot; /* recorded on the root itself */
  if (i < 0) return;
  o->a[i].count += n;
  o->a[i].sum += sum;
}

int reg_stats(Db *db, const Actor *a, const Register *p, const RegQuery *q,
              const char *zBy, const char *zSum, RegGroupVisit xGroup, void *pArg,
              Err *e) {
  Where w;
  Str key = STR_INIT, sum = STR_INIT, sql = STR_INIT, label = STR_INIT;
  OrgRollup roll;
  Stmt *st = NULL;
  int iField = -1, byOrg = strcmp(zBy, "org") == 0, i, rc;
  memset(&w, 0, sizeof w);
  memset(&roll, 0, sizeof roll);
  roll.zRoot = q->zOrg ? q->zOrg : a->zScope;
  if (byOrg && !roll.zRoot) return err_set(e, FZ_USAGE, "按机构分组须给出 org");
  rc = org_known(db, q->zOrg, e);
  if (rc == FZ_OK) rc = stats_key(p, zBy, &key, &iField, e);
  if (rc == FZ_OK) rc = stats_sum(p, zSum, &sum, e);
  if (rc == FZ_OK) rc = build_where(a, p, q, &w, e);
  if (rc == FZ_OK && byOrg) rc = org_walk(db, roll.zRoot, rollup_child, &roll, e);
  if (rc != FZ_OK) goto cleanup;
  str_appendf(&sql, "SELECT %s, count(*), %s FROM %s%s GROUP BY 1 ORDER BY 1", str_cstr(&key),
              str_cstr(&sum), p->zName, str_cstr(&w.sql));
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  if (rc != FZ_OK) goto cleanup;
  where_bind(&w, st);
  while ((rc = db_step(st, e)) == DB_ROW) {
    const char *zKey = db_column_is_null(st, 0) ? NULL : db_column_text(st, 0);
    RegGroup g;
    if (byOrg) {
      rollup_add(&roll, zKey, db_column_int64(st, 1), db_column_int64(st, 2));
      continue;
    }
    str_reset(&label);
    stats_label(p, iField, zKey, &label);
    g.zKey = zKey;
    g.zLabel = str_cstr(&label);
    g.count = db_column_int64(st, 1);
    g.sum = db_column_int64(st, 2);
    rc = xGroup(&g, pArg);
    if (rc != FZ_OK) break;
  }
  if (rc == DB_DONE) rc = FZ_OK;
  for (i = 0; rc == FZ_OK && i < roll.n; i++) {
    /* townships stay on the chart at zero; idle offices do not */
    if (roll.a[i].count == 0 && !roll.a[i].isDivision) continue;
    rc = xGroup(&roll.a[i], pArg);
  }
cleanup:
  for (i = 0; i < roll.n; i++) {
    mem_free((char *)roll.a[i].zKey);
    mem_free((char *)roll.a[i].zLabel);
  }
  mem_free(roll.a);
  db_finalize(st);
  str_free(&key);
  str_free(&sum);
  str_free(&sql);
  str_free(&label);
  where_free(&w);
  return rc;
}
