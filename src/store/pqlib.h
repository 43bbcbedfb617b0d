/* pqlib.h — libpq, loaded when the first PostgreSQL database is opened
 * (base/dynlib.h): alone it cost 13 ms of every run's start (Kerberos,
 * LDAP, OpenSSL) though most runs use SQLite. db_pg.c calls it through the
 * table `pq`, e.g. pq.PQexec(conn, sql). */
#ifndef FZ_PQLIB_H
#define FZ_PQLIB_H

#include <libpq-fe.h>

#include "../base/dynlib.h"
#include "../base/err.h"

/* Every libpq function db_pg.c uses. */
#define PQ_FUNCTIONS(X)                                                         \
  X(PQclear) X(PQcmdTuples) X(PQconnectdb) X(PQdescribePrepared)                \
  X(PQenterPipelineMode) X(PQerrorMessage) X(PQexec) X(PQexecParams)            \
  X(PQexecPrepared) X(PQexitPipelineMode) X(PQfinish) X(PQfname)                \
  X(PQgetResult) X(PQgetisnull) X(PQgetvalue) X(PQnfields) X(PQntuples)         \
  X(PQpipelineStatus) X(PQpipelineSync) X(PQprepare) X(PQresultErrorField)      \
  X(PQresultErrorMessage) X(PQresultStatus) X(PQsendQuery)                      \
  X(PQsendQueryPrepared) X(PQsetClientEncoding) X(PQstatus)                     \
  X(PQtransactionStatus)

typedef struct PqLib {
  PQ_FUNCTIONS(DYNLIB_MEMBER)
} PqLib;

extern PqLib pq;

/* Load libpq (once per process; FZ_IO saying what to install). */
int pq_load(Err *e);

#endif
