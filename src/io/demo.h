/* demo.h — the demo county: the org tree and every register's records for
 * 2023 and 2024, loaded from the files under data/ through the ordinary
 * import path (no record is written any other way). */
#ifndef FZ_DEMO_H
#define FZ_DEMO_H

#include "../domain/reg.h"

/* Load zDataDir/org/zeku.csv and every "REGISTER FILE" line of
 * zDataDir/demo/manifest.txt, in order, into db, which must hold no
 * records yet. xLine (may be NULL) is told each file's outcome. */
int demo_load(Db *db, const Actor *a, const char *zDataDir,
              void (*xLine)(const char *zMsg, void *pArg), void *pArg, Err *e);

#endif
