/* api.h — the JSON API: a static route table (method, path pattern,
 * permission, whether it writes) served by one dispatcher that checks the
 * session, the permission and, for writes, the CSRF token before any
 * handler runs. Handlers are thin adapters over the domain operations the
 * CLI also uses (STYLE.md 3–4). */
#ifndef FZ_API_H
#define FZ_API_H

#include "http.h"

/* Answer r, except a write on a one-writer back end: then r->pWrite is
 * set and r waits for the committer (commit.h), which calls api_write. */
void api_dispatch(Req *r, Err *e);
/* Run the parked write r->pWrite on r->db, answering with the result
 * (the error envelope on failure). */
int api_write(Req *r, Err *e);

/* The OpenAPI 3 description, generated from the route table itself (a
 * test checks every route is in it). Caller decrefs. */
json_t *api_openapi(void);
void api_openapi_path(const char *zPattern, Str *s); /* {} → {register}/{id} */
int api_route_count(void);
void api_route_info(int i, const char **pzMethod, const char **pzPattern);

#endif
