/* webui.c — serve the embedded browser UI (see webui.h). */
#include "webui.h"

#include <string.h>

#include "http.h"

static const WebAsset *find_asset(const char *zPath) {
  int i;
  for (i = 0; i < webui_asset_count; i++) {
    if (strcmp(webui_assets[i].zPath, zPath) == 0) return &webui_assets[i];
  }
  return NULL;
}

void webui_serve(Req *r) {
  const WebAsset *a = find_asset(strcmp(r->zPath, "/") == 0 ? "/index.html" : r->zPath);
  if (!a && strncmp(r->zPath, "/assets/", 8) == 0) {
    r->status = 404;
    r->zContentType = "text/plain; charset=utf-8";
    str_reset(&r->out);
    str_puts(&r->out, "找不到该文件\n");
    return;
  }
  if (!a) a = find_asset("/index.html"); /* client-side routes */
  r->status = 200;
  r->zContentType = a->zType;
  /* Hashed names never change content; index.html names the current
   * hashes, so it is always fetched anew (the default no-store). */
  if (a->immutable) r->zCacheControl = "public, max-age=31536000, immutable";
  str_reset(&r->out);
  str_append(&r->out, a->pData, a->nData);
}
