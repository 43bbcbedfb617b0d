/* orgfile.h — reading an org tree from a CSV file (UTF-8 or GB18030) into
 * the all-or-nothing org_import. Headers are field names or Chinese labels,
 * in any order. */
#ifndef FZ_ORGFILE_H
#define FZ_ORGFILE_H

#include "../base/err.h"
#include "../domain/org.h"
#include "../store/db.h"

/* Import the org CSV at zPath. On failure nothing is written and e lists
 * every bad row (row, column, value, reason). flags: ORG_IMPORT_DRY_RUN. */
int orgfile_import(Db *db, const char *zPath, int flags, const char *zUser,
                   OrgImportStats *pStats, Err *e);

#endif
