/* cache.c — the response cache (see cache.h): a direct-mapped table of
 * slots, hashed with libsodium's SipHash under a random key (so no client
 * can aim collisions), locked in stripes so the worker threads seldom wait
 * on each other. A write anywhere bumps the generation and every entry goes
 * stale at once: nothing is ever invalidated by hand. */
#include "cache.h"
#include "mhdlib.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "../base/mem.h"

#define CACHE_SLOTS 1024
#define CACHE_STRIPES 16

typedef struct Entry {
  char *zKey;       /* NULL: empty */
  uint64_t gen;
  time_t at;
  char *zType, *zFilename;
  char *pBody;
  size_t nBody;
} Entry;

static Entry aSlot[CACHE_SLOTS];
static pthread_mutex_t aLock[CACHE_STRIPES] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER,
};
static _Atomic size_t gBytes;
static atomic_int gOff;
static unsigned char aHashKey[crypto_shorthash_KEYBYTES];
static pthread_once_t gKeyOnce = PTHREAD_ONCE_INIT;

static void make_key(void) {
  if (sodium_init() >= 0) randombytes_buf(aHashKey, sizeof aHashKey);
}

void cache_enable(int on) {
  atomic_store(&gOff, !on);
}

/* Length-prefixed, so no value can pass for another's separators. */
static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *zKey,
                               const char *zValue) {
  Str *s = cls;
  (void)kind;
  str_appendf(s, "%zu:%s=%zu:%s&", strlen(zKey), zKey, zValue ? strlen(zValue) : 0,
              zValue ? zValue : "");
  return MHD_YES;
}

void cache_key(Req *r, Str *pKey) {
  str_appendf(pKey, "%s %s?", r->zMethod, r->zPath);
  mhd.MHD_get_connection_values(r->pConn, MHD_GET_ARGUMENT_KIND, add_arg, pKey);
  str_appendf(pKey, "|%s|%d|%llx", r->hasUser ? r->user.zScope : "", r->user.perms,
              (unsigned long long)r->user.readOnly);
}

static unsigned slot_of(const char *zKey) {
  unsigned char h[crypto_shorthash_BYTES];
  uint64_t v;
  pthread_once(&gKeyOnce, make_key);
  crypto_shorthash(h, (const unsigned char *)zKey, strlen(zKey), aHashKey);
  memcpy(&v, h, sizeof v);
  return (unsigned)(v % CACHE_SLOTS);
}

static void entry_clear(Entry *p) {
  if (p->zKey) atomic_fetch_sub(&gBytes, p->nBody);
  mem_free(p->zKey);
  mem_free(p->zType);
  mem_free(p->zFilename);
  mem_free(p->pBody);
  memset(p, 0, sizeof *p);
}

int cache_get(const char *zKey, uint64_t gen, Req *r) {
  unsigned i;
  Entry *p;
  int hit = 0;
  if (atomic_load(&gOff)) return 0;
  i = slot_of(zKey);
  p = &aSlot[i];
  pthread_mutex_lock(&aLock[i % CACHE_STRIPES]);
  if (p->zKey && p->gen == gen && time(NULL) - p->at < CACHE_TTL &&
      strcmp(p->zKey, zKey) == 0) {
    str_reset(&r->out);
    str_append(&r->out, p->pBody, p->nBody);
    r->status = 200;
    r->zOwnedType = mem_strdup(p->zType);
    r->zContentType = r->zOwnedType;
    r->zFilename = mem_strdup(p->zFilename);
    hit = 1;
  }
  pthread_mutex_unlock(&aLock[i % CACHE_STRIPES]);
  return hit;
}

void cache_put(const char *zKey, uint64_t gen, const Req *r) {
  unsigned i;
  Entry *p;
  if (atomic_load(&gOff) || r->status != 200 || r->out.n > CACHE_MAX_ENTRY) return;
  i = slot_of(zKey);
  p = &aSlot[i];
  pthread_mutex_lock(&aLock[i % CACHE_STRIPES]);
  entry_clear(p);
  if (atomic_load(&gBytes) + r->out.n <= CACHE_MAX_BYTES) {
    p->zKey = mem_strdup(zKey);
    p->gen = gen;
    p->at = time(NULL);
    p->zType = mem_strdup(r->zContentType ? r->zContentType : "application/json; charset=utf-8");
    p->zFilename = mem_strdup(r->zFilename);
    p->pBody = mem_alloc(r->out.n ? r->out.n : 1);
    memcpy(p->pBody, r->out.z ? r->out.z : "", r->out.n);
    p->nBody = r->out.n;
    atomic_fetch_add(&gBytes, p->nBody);
  }
  pthread_mutex_unlock(&aLock[i % CACHE_STRIPES]);
}
