/* cache.h — answers of read routes kept while the data stays the same: an
 * entry is good for the database generation it was computed under
 * (db_generation) and at most CACHE_TTL seconds (answers that depend on
 * today's date). Keyed by the request and by what the user may see. */
#ifndef FZ_CACHE_H
#define FZ_CACHE_H

#include <stdint.h>

#include "http.h"

#define CACHE_TTL 60                  /* seconds */
#define CACHE_MAX_ENTRY (2 << 20)     /* larger answers are not kept */
#define CACHE_MAX_BYTES (24 << 20)    /* all entries together */

/* The key of r: path, query arguments and the user's view (scope,
 * permissions, the registers whose ID numbers they see). */
void cache_key(Req *r, Str *pKey);

/* Fill r's response from the cache: 1 on a hit, 0 on a miss. */
int cache_get(const char *zKey, uint64_t gen, Req *r);

/* Keep r's response (status 200 only) under zKey and gen. */
void cache_put(const char *zKey, uint64_t gen, const Req *r);

/* Turn the cache off (serve --no-cache) or on. */
void cache_enable(int on);

#endif
