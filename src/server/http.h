/* http.h — fazhi's web server on libmicrohttpd: one request context per
 * connection (body up to a limit), handlers that fill a response builder,
 * and one function that sends it (STYLE.md 11: assemble, then send once).
 * Routing, sessions and the API live in api.c. */
#ifndef FZ_HTTP_H
#define FZ_HTTP_H

#include <jansson.h>

#include "../base/err.h"
#include "../base/str.h"
#include "../domain/auth.h"
#include "../store/db.h"

#define HTTP_MAX_BODY (64 * 1024 * 1024) /* JSON bodies and CSV/XLSX uploads */

typedef struct HttpConfig {
  const char *zDb;     /* database every worker thread opens */
  const char *zListen; /* "127.0.0.1:8080" */
  int nThread;         /* worker threads (0: the machine's cores) */
  const char *zTlsCert, *zTlsKey; /* PEM text; both NULL: plain HTTP */
  int noCache;         /* serve --no-cache: compute every answer afresh */
} HttpConfig;

/* One request as a handler sees it. */
struct Route;

typedef struct Req {
  struct MHD_Connection *pConn;
  const char *zMethod, *zPath;
  Str body;            /* the request body; of a multipart/form-data upload,
                          the "file" part's content */
  int bodyTooBig;
  int multipart;       /* the body came as multipart/form-data */
  int badMultipart;    /* … and libmicrohttpd could not parse it */
  char *zUploadName;   /* the "file" part's filename, owned */
  struct MHD_PostProcessor *pPost;
  Db *db;              /* the worker thread's connection */
  AuthUser user;       /* set when a session was presented */
  int hasUser;
  int tls;             /* served over TLS: cookies are Secure */
  const char *azParam[4]; /* path parameters ({reg}, {id}), in zParamBuf */
  char zParamBuf[512];
  int nParam;
  /* the response */
  int status;
  Str out;
  const char *zContentType;
  char *zOwnedType;    /* zContentType when it came from the cache, owned */
  const char *zCache;  /* "hit" or "miss" for a cacheable route (X-Cache) */
  const char *zCacheControl; /* NULL: no-store (the embedded UI sets its own) */
  char *zSetCookie;    /* owned */
  char *zFilename;     /* Content-Disposition, owned */
  void *pScratch;      /* a handler's own state across its callbacks */
  /* a write handed to the committer (commit.h) */
  const struct Route *pWrite; /* its route, set by the dispatcher */
  struct Req *pNextWrite;     /* the committer's queue */
  int written;         /* 1 committed, -1 failed (answered with the error) */
  int answered;        /* the committer is done with it (under its lock) */
} Req;

/* Run until SIGTERM or SIGINT: in-flight requests finish, then the
 * databases are closed. */
int http_serve(const HttpConfig *cfg, Err *e);

/* The same in two halves, for a caller that serves in the background (the
 * multipart fuzz target): start the daemon and return at once (cfg must
 * outlive it; *ppDaemon is NULL on error), and stop it — in-flight requests
 * finish, then the worker databases are closed. */
struct MHD_Daemon;
int http_start(const HttpConfig *cfg, struct MHD_Daemon **ppDaemon, Err *e);
void http_stop(struct MHD_Daemon *d);

/* Helpers for handlers. */
const char *http_query(Req *r, const char *zName); /* ?name=value, or NULL */
const char *http_header(Req *r, const char *zName);
const char *http_cookie(Req *r, const char *zName);
void http_json(Req *r, int status, json_t *pBody); /* steals pBody */
int http_error(Req *r, int rc, const Err *e);      /* the error envelope */
/* Send a file's bytes as the response (a download named zName). */
int http_file(Req *r, const char *zPath, const char *zType, const char *zName, Err *e);
/* A new empty temporary file whose name ends in zSuffix; the caller
 * removes it. */
int http_temp_file(Str *pPath, const char *zSuffix, Err *e);

#endif
