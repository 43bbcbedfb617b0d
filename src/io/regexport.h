/* regexport.h — a register's records to CSV or XLSX with Chinese headers,
 * in a form that imports back to the same records. */
#ifndef FZ_REGEXPORT_H
#define FZ_REGEXPORT_H

#include "../domain/reg.h"

enum { EXPORT_CSV, EXPORT_XLSX };

/* Write the records q selects to zPath (replaced atomically: a failed export
 * leaves no half file). CSV is UTF-8 with a BOM so Excel shows the Chinese;
 * XLSX has a frozen header row, fitted column widths, real date cells and
 * number formats. Voided records only when q->includeVoided. */
int regexport_file(Db *db, const Actor *a, const Register *p,
                   const RegQuery *q, int format, const char *zPath,
                   long *pnRows, Err *e);

/* "csv" / "xlsx" to EXPORT_*, FZ_USAGE otherwise. */
int regexport_format(const char *z, int *pFormat, Err *e);

#endif
