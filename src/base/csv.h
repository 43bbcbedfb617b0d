/* csv.h — a streaming CSV reader (RFC 4180 plus what Excel writes): quoted
 * fields with embedded commas, quotes and newlines, CRLF or LF, an optional
 * UTF-8 BOM. The input's encoding is detected: UTF-8 (with or without BOM) or
 * GB18030 (Excel on Chinese Windows), converted to UTF-8 with iconv. Memory
 * stays bounded by the longest row, not the file size. */
#ifndef FZ_CSV_H
#define FZ_CSV_H

#include <stddef.h>

#include "err.h"
#include "str.h"

typedef struct CsvReader CsvReader;

/* Open a file; detects its encoding (see csv_encoding). FZ_IO when it cannot
 * be read, FZ_INVALID when it is in neither UTF-8 nor GB18030 (the message
 * names the row and byte). An empty file opens and yields no rows. */
int csv_open_file(CsvReader **pp, const char *zPath, Err *e);

/* Same over a buffer (copied); zName is used in messages. */
int csv_open_mem(CsvReader **pp, const char *z, size_t n, const char *zName,
                 Err *e);

/* Read the next row. FZ_OK with *pHasRow = 1 and the fields available until
 * the next call, FZ_OK with *pHasRow = 0 at the end, FZ_INVALID for a
 * malformed row (an unclosed quote, a stray character after a closing quote)
 * with a Chinese message naming the row. */
int csv_read_row(CsvReader *r, int *pHasRow, Err *e);

int csv_nfield(const CsvReader *r);
const char *csv_field(const CsvReader *r, int i); /* UTF-8, NUL-terminated */
size_t csv_field_len(const CsvReader *r, int i);
/* 1-based row number of the current record as a spreadsheet shows it: the
 * header is row 1. A quoted newline does not start a new row number. */
long csv_row(const CsvReader *r);
const char *csv_encoding(const CsvReader *r); /* "UTF-8", "UTF-8 BOM", "GB18030" */
/* Bytes of the input consumed so far and its total size (for progress). */
long long csv_bytes_read(const CsvReader *r);
long long csv_bytes_total(const CsvReader *r);
void csv_close(CsvReader *r);

/* Append one field to a line of CSV, with a comma before it unless first,
 * quoted when it holds a comma, quote, CR or LF (used by export). */
void csv_write_field(Str *s, const char *z, int first);

#endif
