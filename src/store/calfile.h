/* calfile.h — calendar files imported into the database (a new year's
 * State Council notice, a province's local holidays), kept as text and
 * parsed together with the built-in national calendar on use. */
#ifndef FZ_CALFILE_H
#define FZ_CALFILE_H

#include <stdint.h>

#include "../base/err.h"
#include "db.h"

int calfile_add(Db *db, const char *zName, const char *zText, const char *zActor,
                Err *e);
/* Copy src's files into dst (inside dst's transaction), each with its
 * own name, time and importer, unless dst already holds the same text:
 * a migration carries a county's holidays, and re-running it adds none.
 * *pnCopied counts the files added. */
int calfile_copy(Db *src, Db *dst, int64_t *pnCopied, Err *e);
/* Visit every stored file, oldest first. */
int calfile_each(Db *db, int (*xFile)(const char *zName, const char *zText, void *),
                 void *pArg, Err *e);

#endif
