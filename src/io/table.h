/* table.h — one reader over the two kinds of spreadsheet a clerk brings: CSV
 * (UTF-8 or GB18030) and XLSX. The importer reads rows of text through this
 * and never asks which it was. */
#ifndef FZ_TABLE_H
#define FZ_TABLE_H

#include "../base/err.h"

typedef struct TabReader TabReader;

/* Open by content: a zip (PK) is read as XLSX (zSheet or the first sheet),
 * anything else as CSV; zSheet with a CSV is a usage error. */
int tab_open(TabReader **pp, const char *zPath, const char *zSheet, Err *e);
int tab_read_row(TabReader *r, int *pHasRow, Err *e);
int tab_nfield(const TabReader *r);
const char *tab_field(const TabReader *r, int i); /* "" past the row's end */
long tab_row(const TabReader *r);                 /* as the spreadsheet shows */
const char *tab_encoding(const TabReader *r); /* "UTF-8", "GB18030", "XLSX"… */
const char *tab_sheet(const TabReader *r);    /* NULL for CSV */
long long tab_bytes_read(const TabReader *r);
long long tab_bytes_total(const TabReader *r);
void tab_close(TabReader *r);

#endif
