/* calfile.h — calendar files imported into the database (a new year's
 * State Council notice, a province's local holidays), kept as text and
 * parsed together with the built-in national calendar on use. */
#ifndef FZ_CALFILE_H
#define FZ_CALFILE_H

#include "../base/err.h"
#include "db.h"

int calfile_add(Db *db, const char *zName, const char *zText, const char *zActor,
                Err *e);
/* Visit every stored file, oldest first. */
int calfile_each(Db *db, int (*xFile)(const char *zName, const char *zText, void *),
                 void *pArg, Err *e);

#endif
