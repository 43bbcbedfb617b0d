/* calfile.c — stored calendar files (see calfile.h). */
#include "calfile.h"

#include "../base/clock.h"

int calfile_add(Db *db, const char *zName, const char *zText, const char *zActor,
                Err *e) {
  char zNow[CLOCK_ISO_LEN];
  return db_exec(db, e,
                 "INSERT INTO calendar_file(name, text, loaded_at, loaded_by)"
                 " VALUES(?, ?, ?, ?)",
                 "tttt", zName, zText, clock_now_iso(zNow, sizeof zNow), zActor);
}

/* Add one file to dst unless a file with its text is there already. */
static int calfile_copy_one(Db *dst, Stmt *src, int64_t *pnCopied, Err *e) {
  int64_t n = 0;
  int rc = db_query_int64(dst, e, &n, NULL, "SELECT count(*) FROM calendar_file WHERE text = ?",
                          "t", db_column_text(src, 1));
  if (rc != FZ_OK || n > 0) return rc;
  rc = db_exec(dst, e,
               "INSERT INTO calendar_file(name, text, loaded_at, loaded_by) VALUES(?, ?, ?, ?)",
               "tttt", db_column_text(src, 0), db_column_text(src, 1), db_column_text(src, 2),
               db_column_text(src, 3));
  if (rc == FZ_OK) (*pnCopied)++;
  return rc;
}

int calfile_copy(Db *src, Db *dst, int64_t *pnCopied, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(src, &st,
                      "SELECT name, text, loaded_at, loaded_by FROM calendar_file ORDER BY id", e);
  *pnCopied = 0;
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) rc = calfile_copy_one(dst, st, pnCopied, e);
  db_finalize(st);
  if (rc == DB_DONE) rc = FZ_OK;
  if (rc != FZ_OK) err_prefix(e, "迁移节假日安排失败：");
  return rc;
}

int calfile_each(Db *db, int (*xFile)(const char *, const char *, void *),
                 void *pArg, Err *e) {
  Stmt *st = NULL;
  int rc = db_prepare(db, &st, "SELECT name, text FROM calendar_file ORDER BY id", e);
  while (rc == FZ_OK && (rc = db_step(st, e)) == DB_ROW) {
    rc = xFile(db_column_text(st, 0), db_column_text(st, 1), pArg);
  }
  db_finalize(st);
  return rc == DB_DONE ? FZ_OK : rc;
}
