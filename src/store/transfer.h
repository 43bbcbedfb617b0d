/* transfer.h — copying rows between two databases, of either back end: each
 * row gets the id the target gives it, the old → new ids are remembered in
 * a map, and columns that hold another table's ids are translated through
 * that table's map. `fazhi migrate` is built on it (io/migrate.c). */
#ifndef FZ_TRANSFER_H
#define FZ_TRANSFER_H

#include <stdint.h>

#include "../base/err.h"
#include "db.h"

/* Old id → new id, filled in increasing old-id order (rows are read by id). */
typedef struct IdMap {
  int64_t *aOld, *aNew;
  int n, nAlloc;
} IdMap;

void idmap_add(IdMap *m, int64_t old, int64_t new_);
/* The new id of old; 0 when it was not copied. */
int64_t idmap_get(const IdMap *m, int64_t old);
void idmap_free(IdMap *m);

/* A column of the copied table that holds ids of another table. */
typedef struct TransferRef {
  const char *zColumn;
  const IdMap *pMap;
} TransferRef;

typedef struct TransferSpec {
  const char *zTable;
  const char *zLo, *zHi; /* only rows whose org is in [zLo, zHi) (an org
                           subtree, org.h); NULL for every row */
  const char *zNatural; /* a unique column: a row already in the target
                           with the same value is not copied again, only
                           mapped (org_unit.code, app_user.name); or NULL */
  const TransferRef *aRef;
  int nRef;
} TransferSpec;

/* Copy the rows of one table from src into dst (inside dst's transaction),
 * in id order; new ids go into *pMap (may be NULL), and *pnCopied counts
 * the rows inserted. A referenced id that was not copied is an error. */
int transfer_table(Db *src, Db *dst, const TransferSpec *spec, IdMap *pMap,
                   int64_t *pnCopied, Err *e);

/* How many rows of zTable have their org in [zLo, zHi). */
int transfer_count(Db *db, const char *zTable, const char *zLo, const char *zHi, int64_t *pn,
                   Err *e);

/* Delete the rows of zTable whose org is in [zLo, zHi) (a migration's
 * --replace). */
int transfer_delete(Db *db, const char *zTable, const char *zLo, const char *zHi, Err *e);

#endif
