/* pqlib.c — libpq's table (see pqlib.h). */
#include "pqlib.h"

PqLib pq;

static const DynSym aPqSym[] = {
#define PQ_SYM(name) DYNSYM(pq, name)
    PQ_FUNCTIONS(PQ_SYM)
#undef PQ_SYM
    {NULL, NULL},
};

static DynLib gPq = DYNLIB_INIT("libpq.so.5", "libpq5", aPqSym, NULL);

int pq_load(Err *e) {
  return dynlib_load(&gPq, e);
}
