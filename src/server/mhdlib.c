/* mhdlib.c — libmicrohttpd's table (see mhdlib.h). */
#include "mhdlib.h"

MhdLib mhd;

static const DynSym aMhdSym[] = {
#define MHD_SYM(name) DYNSYM(mhd, name)
    MHD_FUNCTIONS(MHD_SYM)
#undef MHD_SYM
    {NULL, NULL},
};

static DynLib gMhd = DYNLIB_INIT("libmicrohttpd.so.12", "libmicrohttpd12", aMhdSym, NULL);

int mhd_load(Err *e) {
  return dynlib_load(&gMhd, e);
}
