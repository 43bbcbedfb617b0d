/* regimport.h — importing a CSV or XLSX file into a register: all or
 * nothing, every bad row listed with its row, column, value and reason, each
 * record remembering the file, sheet and row it came from. */
#ifndef FZ_REGIMPORT_H
#define FZ_REGIMPORT_H

#include "../domain/reg.h"

typedef struct ImportOptions {
  const char *zSheet; /* XLSX sheet; NULL for the first */
  int dryRun;         /* check everything, write nothing */
  const char *zName;  /* the name the records remember (an upload's own
                         name); NULL: the file's */
  /* Called now and then with bytes read of the total (progress bars). */
  void (*xProgress)(long long nDone, long long nTotal, void *pArg);
  void *pProgressArg;
} ImportOptions;

typedef struct ImportResult {
  long nRows;        /* records imported (or that would be, in a dry run) */
  int64_t batch;     /* the import_batch id; 0 for a dry run */
  char zEncoding[16];
} ImportResult;

int regimport_file(Db *db, const Actor *a, const Register *p,
                   const char *zPath, const ImportOptions *o,
                   ImportResult *pRes, Err *e);

#endif
