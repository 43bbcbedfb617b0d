/* xlsx.h — a streaming reader for one worksheet of an Excel .xlsx workbook,
 * row by row like csv.h so an importer reads either format through the same
 * calls. Memory is bounded by the shared strings plus one row, never by the
 * number of rows: the sheet's XML is parsed as it is unzipped. */
#ifndef FZ_XLSX_H
#define FZ_XLSX_H

#include "../base/err.h"

typedef struct XlsxReader XlsxReader;

/* What a cell held, as Excel sees it (xlsx_field_kind). */
enum {
  XLSX_EMPTY = 0, /* no value, or an empty string */
  XLSX_TEXT,      /* a shared, inline or formula string */
  XLSX_NUMBER,    /* text is the shortest form that reads back the same */
  XLSX_DATE,      /* a number with a date format; text is "2024-03-05" */
  XLSX_BOOL       /* text is "1" or "0" */
};

/* Open zPath and position before the first row of sheet zSheet (NULL: the
 * first visible worksheet in workbook order). FZ_IO when the file cannot be
 * read; FZ_INVALID when it is not an .xlsx (an .xls, not a zip, a damaged or
 * oversized part, malformed XML); FZ_NOTFOUND when no sheet has that name
 * (the message lists the sheets). *pp is NULL on error. */
int xlsx_open(XlsxReader **pp, const char *zPath, const char *zSheet, Err *e);

/* Read the next row holding at least one non-empty cell. FZ_OK with
 * *pHasRow = 1 and the fields available until the next call, FZ_OK with
 * *pHasRow = 0 at the end; FZ_INVALID for an error cell (#N/A…) or a broken
 * sheet, naming the sheet and cell (B7). An error sticks: later calls
 * return it again. */
int xlsx_read_row(XlsxReader *r, int *pHasRow, Err *e);

/* Fields run from column A to the last non-empty cell of the row; skipped
 * cells read as "". Past the last field also reads as "" / XLSX_EMPTY, so
 * rows shorter than the header need no special case. Strings are UTF-8,
 * NUL-terminated, owned by the reader. */
int xlsx_nfield(const XlsxReader *r);
const char *xlsx_field(const XlsxReader *r, int i);
int xlsx_field_kind(const XlsxReader *r, int i);

long xlsx_row(const XlsxReader *r);               /* 1-based, as Excel shows */
const char *xlsx_sheet_name(const XlsxReader *r); /* owned by the reader */
/* Unzipped bytes of the sheet's XML consumed so far and in all (progress;
 * the parser reads ahead, so this runs slightly early). */
long long xlsx_bytes_read(const XlsxReader *r);
long long xlsx_bytes_total(const XlsxReader *r);
void xlsx_close(XlsxReader *r); /* NULL is fine */

#endif
