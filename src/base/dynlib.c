/* dynlib.c — load a shared library on first use (see dynlib.h): every
 * function of its table looked up once, all or none. */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

static void load(DynLib *lib) {
  const DynSym *p;
  void *h = dlopen(lib->zSoname, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    snprintf(lib->zFailure, sizeof lib->zFailure, "%s", dlerror());
    return;
  }
  for (p = lib->aSym; p->zName; p++) {
    *p->ppFn = dlsym(h, p->zName);
    if (!*p->ppFn) {
      snprintf(lib->zFailure, sizeof lib->zFailure, "%s 中没有 %s（版本不符）", lib->zSoname,
               p->zName);
      return; /* the handle stays: a library once loaded is not unloaded */
    }
  }
  if (lib->xAfterLoad) lib->xAfterLoad();
}

int dynlib_load(DynLib *lib, Err *e) {
  int state = atomic_load(&lib->state);
  if (state == 0) {
    pthread_mutex_lock(&lib->mu);
    if (lib->state == 0) {
      load(lib);
      atomic_store(&lib->state, lib->zFailure[0] ? 2 : 1);
    }
    state = lib->state;
    pthread_mutex_unlock(&lib->mu);
  }
  if (state == 1) return FZ_OK;
  return err_set(e, FZ_IO, "无法加载 %s：%s（请安装 Debian 软件包 %s）", lib->zSoname,
                 lib->zFailure, lib->zPackage);
}

int dynlib_loaded(DynLib *lib) {
  return atomic_load(&lib->state) == 1;
}
