/* schema.h — the database schema in one place: a version number and the
 * forward migrations that bring any older database up to it on open. */
#ifndef FZ_SCHEMA_H
#define FZ_SCHEMA_H

#include "../base/str.h"
#include "db.h"

typedef struct Migration {
  int version;       /* the schema version this step produces: 1, 2, … */
  const char *zName; /* what it does, for `fazhi version` and messages */
  const char *zSql;  /* DDL with @ID@ / @KEY@ tokens (see schema.c) */
} Migration;

/* The version a database is at: 0 for an empty one. */
int schema_version(Db *db, int *pVersion, Err *e);
int schema_latest(void);

/* Bring db up to the latest version, one transaction per migration so an
 * interrupted step leaves the previous version intact. A database from a
 * newer fazhi is FZ_CONFLICT and is left untouched. */
int schema_migrate(Db *db, Err *e);

/* The same over a caller's migration list (tests). */
int schema_migrate_with(Db *db, const Migration *aMig, int nMig, Err *e);

/* Replace the dialect tokens (@ID@, @KEY@) in DDL for db's back end: the
 * register engine builds its tables' DDL from declarations through this. */
void schema_expand(Db *db, const char *zSql, Str *pOut);

/* Open a database and bring it to the latest schema: what every command
 * does. DB_CREATE creates an empty file first (fazhi init). */
int schema_open(Db **ppDb, const char *zName, int flags, Err *e);

/* fz_meta's key → value notes: *pzValue (the caller's) is NULL when unset. */
int schema_meta_get(Db *db, const char *zKey, char **pzValue, Err *e);
int schema_meta_set(Db *db, const char *zKey, const char *zValue, Err *e);

#endif
