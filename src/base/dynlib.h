/* dynlib.h — a shared library loaded when first needed (dlopen), its
 * functions looked up from a table. Most runs of fazhi use neither the
 * PostgreSQL client, the web server nor the XML parser, and linking them
 * loaded some thirty libraries into every run: 15 of its 25 ms start. */
#ifndef FZ_DYNLIB_H
#define FZ_DYNLIB_H

#include <pthread.h>
#include <stdatomic.h>

#include "err.h"

/* One function: its name and where its address goes. */
typedef struct DynSym {
  const char *zName;
  void **ppFn;
} DynSym;

typedef struct DynLib {
  const char *zSoname;  /* "libpq.so.5": the ABI the build was made against */
  const char *zPackage; /* the Debian package that has it, for the message */
  const DynSym *aSym;   /* ends with {NULL, NULL} */
  void (*xAfterLoad)(void); /* once, right after loading, or NULL */
  pthread_mutex_t mu;
  _Atomic int state;    /* 0 not tried, 1 loaded, 2 failed (zFailure) */
  char zFailure[256];
} DynLib;

#define DYNLIB_INIT(soname, package, syms, after)                             \
  { (soname), (package), (syms), (after), PTHREAD_MUTEX_INITIALIZER, 0, { 0 } }

/* A library's function table is a struct with one member per function,
 * typed from the real prototype: DYNLIB_MEMBER(name) declares one. */
#define DYNLIB_MEMBER(name) __typeof__(name) *name;

/* An entry of a DynSym table for the member `name` of the struct `table`. */
#define DYNSYM(table, name) {#name, (void **)&(table).name},

/* Load lib once per process, thread-safe: FZ_OK, or FZ_IO naming what is
 * missing and the package to install. */
int dynlib_load(DynLib *lib, Err *e);

/* Whether lib has been loaded (for a cleanup that only a loaded one needs). */
int dynlib_loaded(DynLib *lib);

#endif
