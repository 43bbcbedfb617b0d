/* transfer.c — row copying between databases (see transfer.h). The column
 * list comes from the source's own rows, so one function serves every
 * table, and values travel as text, which both back ends convert to the
 * target column's type. */
#include "transfer.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"

void idmap_add(IdMap *m, int64_t old, int64_t new_) {
  if (m->n == m->nAlloc) {
    m->nAlloc = m->nAlloc ? 2 * m->nAlloc : 256;
    m->aOld = mem_realloc(m->aOld, sizeof *m->aOld * (size_t)m->nAlloc);
    m->aNew = mem_realloc(m->aNew, sizeof *m->aNew * (size_t)m->nAlloc);
  }
  m->aOld[m->n] = old;
  m->aNew[m->n++] = new_;
}

int64_t idmap_get(const IdMap *m, int64_t old) {
  int lo = 0, hi = m->n - 1;
  while (lo <= hi) { /* filled in id order: binary search */
    int mid = (lo + hi) / 2;
    if (m->aOld[mid] == old) return m->aNew[mid];
    if (m->aOld[mid] < old) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

void idmap_free(IdMap *m) {
  mem_free(m->aOld);
  mem_free(m->aNew);
  memset(m, 0, sizeof *m);
}

static void where_clause(Str *s, const char *zLo) {
  if (zLo) str_puts(s, " WHERE org >= ? AND org < ?");
}

static void bind_range(Stmt *st, const char *zLo, const char *zHi) {
  int n = db_param_count(st);
  if (n >= 1) db_bind_text(st, 1, zLo);
  if (n >= 2) db_bind_text(st, 2, zHi);
}

int transfer_count(Db *db, const char *zTable, const char *zLo, const char *zHi, int64_t *pn,
                   Err *e) {
  Str sql = STR_INIT;
  Stmt *st = NULL;
  int rc;
  str_appendf(&sql, "SELECT count(*) FROM %s", zTable);
  where_clause(&sql, zLo);
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  if (rc == FZ_OK) {
    bind_range(st, zLo, zHi);
    rc = db_step(st, e);
    *pn = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    rc = rc == DB_ROW ? FZ_OK : rc;
  }
  db_finalize(st);
  str_free(&sql);
  return rc;
}

int transfer_delete(Db *db, const char *zTable, const char *zLo, const char *zHi, Err *e) {
  Str sql = STR_INIT;
  Stmt *st = NULL;
  int rc;
  str_appendf(&sql, "DELETE FROM %s", zTable);
  where_clause(&sql, zLo);
  rc = db_prepare(db, &st, str_cstr(&sql), e);
  if (rc == FZ_OK) {
    bind_range(st, zLo, zHi);
    rc = db_step(st, e);
    if (rc == DB_DONE) rc = FZ_OK;
  }
  db_finalize(st);
  str_free(&sql);
  return rc;
}

/* The INSERT for the source's columns (all but id). */
static void insert_sql(Stmt *src, const TransferSpec *spec, Str *s) {
  int i, n = db_column_count(src), k = 0;
  str_appendf(s, "INSERT INTO %s(", spec->zTable);
  for (i = 0; i < n; i++) {
    if (strcmp(db_column_name(src, i), "id") == 0) continue;
    str_appendf(s, "%s%s", k++ ? ", " : "", db_column_name(src, i));
  }
  str_puts(s, ") VALUES(");
  for (i = 0; i < k; i++) str_puts(s, i ? ", ?" : "?");
  str_puts(s, spec->zNatural ? ") ON CONFLICT DO NOTHING" : ")");
}

static const TransferRef *ref_of(const TransferSpec *spec, const char *zColumn) {
  int i;
  for (i = 0; i < spec->nRef; i++) {
    if (strcmp(spec->aRef[i].zColumn, zColumn) == 0) return &spec->aRef[i];
  }
  return NULL;
}

/* Bind one source row to the insert, translating referenced ids. */
static int bind_row(Stmt *src, Stmt *ins, const TransferSpec *spec, int *piId, Err *e) {
  int i, n = db_column_count(src), k = 0;
  *piId = -1;
  for (i = 0; i < n; i++) {
    const char *zCol = db_column_name(src, i);
    const TransferRef *ref;
    if (strcmp(zCol, "id") == 0) {
      *piId = i;
      continue;
    }
    k++;
    ref = ref_of(spec, zCol);
    if (db_column_is_null(src, i)) {
      db_bind_null(ins, k);
    } else if (ref) {
      int64_t old = db_column_int64(src, i), v = idmap_get(ref->pMap, old);
      if (!v) {
        return err_set(e, FZ_INVALID, "%s 的 %s 引用了第 %lld 号记录，而它没有一并迁移",
                       spec->zTable, zCol, (long long)old);
      }
      db_bind_int64(ins, k, v);
    } else {
      db_bind_text(ins, k, db_column_text(src, i));
    }
  }
  return FZ_OK;
}

/* A row the target already had (by its natural key): its id there. */
static int natural_id(Db *dst, const TransferSpec *spec, Stmt *src, int64_t *pId, Err *e) {
  Str sql = STR_INIT;
  Stmt *st = NULL;
  int i, n = db_column_count(src), rc;
  for (i = 0; i < n && strcmp(db_column_name(src, i), spec->zNatural) != 0; i++) {
  }
  if (i == n) return err_set(e, FZ_DB, "内部错误：表 %s 没有列 %s", spec->zTable, spec->zNatural);
  str_appendf(&sql, "SELECT id FROM %s WHERE %s = ?", spec->zTable, spec->zNatural);
  rc = db_prepare(dst, &st, str_cstr(&sql), e);
  if (rc == FZ_OK) {
    db_bind_text(st, 1, db_column_text(src, i));
    rc = db_step(st, e);
    *pId = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    rc = rc == DB_ROW || rc == DB_DONE ? FZ_OK : rc;
  }
  db_finalize(st);
  str_free(&sql);
  return rc;
}

int transfer_table(Db *src, Db *dst, const TransferSpec *spec, IdMap *pMap,
                   int64_t *pnCopied, Err *e) {
  Str sql = STR_INIT, ins = STR_INIT;
  Stmt *sel = NULL, *st = NULL;
  int rc, iId = -1;
  *pnCopied = 0;
  str_appendf(&sql, "SELECT * FROM %s", spec->zTable);
  where_clause(&sql, spec->zLo);
  str_puts(&sql, " ORDER BY 1");
  rc = db_prepare(src, &sel, str_cstr(&sql), e);
  if (rc == FZ_OK) bind_range(sel, spec->zLo, spec->zHi);
  while (rc == FZ_OK && (rc = db_step(sel, e)) == DB_ROW) {
    int64_t newId = 0;
    if (!st) {
      insert_sql(sel, spec, &ins);
      rc = db_prepare(dst, &st, str_cstr(&ins), e);
      if (rc != FZ_OK) break;
    }
    db_reset(st);
    rc = bind_row(sel, st, spec, &iId, e);
    if (rc == FZ_OK) rc = db_step(st, e);
    if (rc != DB_DONE) break;
    rc = FZ_OK;
    if (db_changes(dst) == 1) {
      (*pnCopied)++;
      if (iId >= 0) newId = db_last_insert_id(dst);
    } else if (iId >= 0) {
      rc = natural_id(dst, spec, sel, &newId, e);
    }
    if (rc == FZ_OK && pMap && iId >= 0) idmap_add(pMap, db_column_int64(sel, iId), newId);
  }
  if (rc == DB_DONE) rc = FZ_OK;
  if (rc != FZ_OK) err_prefix(e, "迁移表 %s 失败：", spec->zTable);
  db_finalize(sel);
  db_finalize(st);
  str_free(&sql);
  str_free(&ins);
  return rc;
}
