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
