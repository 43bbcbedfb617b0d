/* report.h — the annual report: pick the template, gather what it is
 * rendered against (scope, narrative record, issuer), render it into a
 * Doc, and write it as Markdown, HTML (a standalone page with an appendix
 * stating each figure's definition and record count) or DOCX. */
#ifndef FZ_REPORT_H
#define FZ_REPORT_H

#include "../domain/reg.h"
#include "doc.h"

enum { REPORT_MD, REPORT_HTML, REPORT_DOCX };

typedef struct ReportOptions {
  const char *zOrg;
  int year;
  const char *zTemplate; /* a template file, or NULL for the built-in one */
  int format;            /* REPORT_* */
  const char *zOutput;   /* file to write */
} ReportOptions;

int report_format(const char *z, int *pFormat, Err *e);

/* Render the report into d. */
int report_build(Db *db, const Actor *a, const ReportOptions *o, Doc *d, Err *e);

/* Render and write to o->zOutput (atomically: no partial file). */
int report_write(Db *db, const Actor *a, const ReportOptions *o, Err *e);

#endif
