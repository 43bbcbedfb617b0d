/* webui.h — the browser UI (web/, built by Vite) embedded in the binary:
 * scripts/embed_web.py turns web/dist into a table at build time, and the
 * dispatcher hands every GET/HEAD path outside /api/ to webui_serve. */
#ifndef FZ_WEBUI_H
#define FZ_WEBUI_H

#include <stddef.h>

typedef struct WebAsset {
  const char *zPath; /* "/index.html", "/assets/index-3f2a1c.js" */
  const char *zType; /* the Content-Type */
  const char *pData;
  size_t nData;
  int immutable;     /* named by content hash: cached for a year */
} WebAsset;

extern const WebAsset webui_assets[];
extern const int webui_asset_count;

struct Req;
/* Answer r with the asset at r->zPath; a path that names no asset (a
 * client-side route such as /r/dispute) gets index.html, except under
 * /assets/ where a missing file is a 404. */
void webui_serve(struct Req *r);

#endif
