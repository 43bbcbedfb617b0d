/* csv.c — the streaming CSV reader and the field writer (see csv.h). Opening
 * makes one pass over the raw bytes to settle the encoding; reading parses
 * raw bytes chunk by chunk and converts each finished row from GB18030.
 *
 * Row numbers are what Excel shows when it opens the file: one row per record
 * (a quoted newline stays inside its row) and one per blank line, which is
 * skipped but still counted; the header is row 1. Byte offsets in messages
 * count from 1 at the first byte of the file, BOM included.
 *
 *   csv_open_*  --csv_detect-->  UTF-8 | UTF-8 BOM | GB18030 | FZ_INVALID
 *   csv_read_row  --csv_parse_row-->  raw row  --csv_convert_row-->  UTF-8 row
 *
 * GB18030 can be parsed before conversion because none of its multibyte
 * sequences holds a byte below 0x30: comma, quote, CR, LF and NUL always mean
 * themselves, as in UTF-8. */
#define _POSIX_C_SOURCE 200809L
#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "mem.h"
#include "utf8.h"

#define CSV_CHUNK (64 * 1024)
/* A row past this size is almost surely an unclosed quote swallowing the rest
 * of the file; stop before a long-lived server buffers a whole upload. */
#define CSV_MAX_ROW (16 * 1024 * 1024)

enum { CSV_UNKNOWN, CSV_UTF8, CSV_UTF8_BOM, CSV_GB18030 };

/* Parser states within one record. */
enum { ST_ROWSTART, ST_FIELD, ST_UNQUOTED, ST_QUOTED, ST_QUOTE_IN_QUOTED };

struct CsvReader {
  char *zName;         /* file name for messages; owned */
  FILE *pIn;           /* the file, or NULL for a memory source */
  unsigned char *zMem; /* memory source (a copy, NUL after it), or NULL */
  long long nMem;      /* bytes in zMem */
  long long nTotal;    /* size of the input in bytes */
  int enc;             /* CSV_* */
  iconv_t cd;          /* GB18030 -> UTF-8, or (iconv_t)-1 */

  unsigned char *aChunk; /* file chunk buffer, CSV_CHUNK + 8 bytes; owned */
  unsigned char *aBuf;   /* bytes being parsed: aChunk or part of zMem */
  size_t nBuf, iBuf;     /* bytes in aBuf, next to parse; aBuf[nBuf] is NUL */
  long long nBase;       /* offset in the input of aBuf[0] */
  int skipLF;            /* the last row ended in CR: skip an LF after it */

  char *zRow; /* raw fields, each NUL-terminated; owned */
  size_t nRow, nRowAlloc;
  char *zConv; /* zRow converted from GB18030; owned */
  size_t nConvAlloc;
  const char *zOut; /* fields as handed out: zRow or zConv */
  size_t *aEnd;     /* aEnd[i]: offset in zOut of field i's NUL */
  int nField, nFieldAlloc;

  long iRow;     /* row number of the current record */
  long iNextRow; /* row number the next line will get */
  int rc;        /* sticky: a failed read fails every later one */
};

/* Byte classes that end a run of ordinary bytes. NUL is in both tables, so
 * the NUL kept after every buffer stops a scan without a bounds check. */
static const unsigned char aStopUnquoted[256] = {
    [0] = 1, ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1};
static const unsigned char aStopQuoted[256] = {[0] = 1, ['"'] = 1};

static int csv_parse_row(CsvReader *r, Err *e);

/* ---- Input: a file read in chunks, or a copied buffer ---- */

/* Make aBuf the next stretch of input (nBuf == 0 at the end). */
static int csv_fill(CsvReader *r, Err *e) {
  r->nBase += (long long)r->nBuf;
  r->iBuf = 0;
  if (r->zMem) {
    r->aBuf = r->zMem + r->nBase;
    r->nBuf = (size_t)(r->nMem - r->nBase);
    return FZ_OK;
  }
  r->aBuf = r->aChunk;
  r->nBuf = fread(r->aChunk, 1, CSV_CHUNK, r->pIn);
  r->aChunk[r->nBuf] = 0;
  if (r->nBuf == 0 && ferror(r->pIn)) {
    return err_set(e, FZ_IO, "读取文件“%s”失败：%s", r->zName, strerror(errno));
  }
  return FZ_OK;
}

/* Start reading again at byte iOff of the input. */
static int csv_rewind(CsvReader *r, long long iOff, Err *e) {
  r->nBase = iOff;
  r->nBuf = r->iBuf = 0;
  r->aBuf = r->aChunk;
  r->skipLF = 0;
  r->iRow = 0;
  r->iNextRow = 1;
  if (r->pIn && fseeko(r->pIn, (off_t)iOff, SEEK_SET) != 0) {
    return err_set(e, FZ_IO, "读取文件“%s”失败：%s", r->zName, strerror(errno));
  }
  return FZ_OK;
}

/* Read up to n bytes at the current position into z, for the encoding pass;
 * returns the count, 0 at the end, -1 on a read error (recorded in e). */
static long csv_read_raw(CsvReader *r, unsigned char *z, size_t n,
                         long long *piPos, Err *e) {
  size_t got;
  if (r->zMem) {
    long long left = r->nMem - *piPos;
    got = left < (long long)n ? (size_t)left : n;
    memcpy(z, r->zMem + *piPos, got);
  } else {
    got = fread(z, 1, n, r->pIn);
    if (got == 0 && ferror(r->pIn)) {
      err_set(e, FZ_IO, "读取文件“%s”失败：%s", r->zName, strerror(errno));
      return -1;
    }
  }
  *piPos += (long long)got;
  return (long)got;
}

/* ---- Encoding detection ---- */

/* Scan the input from iStart as UTF-8 (cd == -1) or through iconv cd.
 * Returns 1 when all of it is valid, 0 with *piBad the offset of the first
 * bad byte, -1 on a read error. A sequence cut by the chunk end is carried
 * over to the next chunk; cut by the end of the input, it is bad. */
static int csv_scan(CsvReader *r, long long iStart, iconv_t cd,
                    long long *piBad, Err *e) {
  unsigned char *aIn = r->aChunk;
  char *aOut = NULL;
  size_t nCarry = 0;
  long long iPos = iStart; /* input offset just past the bytes in aIn */
  int ok = -1;

  if (cd != (iconv_t)-1) aOut = mem_alloc(CSV_CHUNK);
  if (csv_rewind(r, iStart, e)) goto cleanup;
  for (;;) {
    long got = csv_read_raw(r, aIn + nCarry, CSV_CHUNK - nCarry, &iPos, e);
    size_t n, iBad = 0;
    int atEnd;
    if (got < 0) goto cleanup;
    n = nCarry + (size_t)got;
    atEnd = got == 0;
    if (n == 0) break;
    if (cd == (iconv_t)-1) {
      if (utf8_valid((const char *)aIn, n, &iBad)) iBad = n;
      /* A lead byte within 3 of the end may just be cut short. */
      if (iBad < n && (atEnd || n - iBad > 3)) {
        *piBad = iPos - (long long)(n - iBad);
        ok = 0;
        goto cleanup;
      }
    } else {
      char *pIn = (char *)aIn;
      size_t nIn = n;
      while (nIn > 0) {
        char *pOut = aOut;
        size_t nOut = CSV_CHUNK;
        if (iconv(cd, &pIn, &nIn, &pOut, &nOut) != (size_t)-1) break;
        if (errno == E2BIG) continue;
        if (errno == EINVAL && !atEnd) break;
        *piBad = iPos - (long long)nIn;
        ok = 0;
        goto cleanup;
      }
      iBad = n - nIn;
    }
    if (atEnd) break;
    nCarry = n - iBad;
    memmove(aIn, aIn + iBad, nCarry);
  }
  ok = 1;
cleanup:
  mem_free(aOut);
  return ok;
}

/* Row number (as csv_row counts) of the record holding byte iBad, found by
 * parsing the raw bytes again: only on the way to an encoding error. */
static long csv_locate(CsvReader *r, long long iStart, long long iBad) {
  Err e2 = ERR_INIT;
  long iRow = 0;
  if (csv_rewind(r, iStart, &e2) == FZ_OK) {
    while (csv_parse_row(r, &e2) == FZ_OK && r->nField > 0) {
      if (r->nBase + (long long)r->iBuf > iBad) break;
    }
    iRow = r->iRow;
  }
  err_clear(&e2);
  return iRow;
}

/* Files that are surely not CSV text, named so the user knows what to do. */
static const struct {
  const char *zMagic;
  size_t nMagic;
  const char *zWhat;
} aNotCsv[] = {
    {"\xD0\xCF\x11\xE0", 4, "Excel 97-2003 工作簿（.xls）"},
    {"\xFE\xFF", 2, "UTF-16 编码的文本"},
    {"\xFF\xFE", 2, "UTF-16 编码的文本"},
    {"PK\x03\x04", 4, "Excel 工作簿（.xlsx）或其他压缩文件"},
};

/* Settle r->enc, or say why the input is neither UTF-8 nor GB18030. The
 * reader is left positioned at the first byte of text. */
static int csv_detect(CsvReader *r, Err *e) {
  unsigned char aHead[4];
  long long iPos = 0, iStart = 0, iBad8 = 0, iBadGb = 0, iBad;
  long nHead, iRow;
  size_t i;
  int ok, rc;

  if ((rc = csv_rewind(r, 0, e)) != FZ_OK) return rc;
  nHead = csv_read_raw(r, aHead, sizeof aHead, &iPos, e);
  if (nHead < 0) return FZ_IO;
  for (i = 0; i < sizeof aNotCsv / sizeof aNotCsv[0]; i++) {
    if ((size_t)nHead >= aNotCsv[i].nMagic &&
        memcmp(aHead, aNotCsv[i].zMagic, aNotCsv[i].nMagic) == 0) {
      return err_set(e, FZ_INVALID,
                     "文件“%s”是%s，不是 CSV：请在 Excel 中“另存为”"
                     "“CSV UTF-8（逗号分隔）”后再导入",
                     r->zName, aNotCsv[i].zWhat);
    }
  }
  if (nHead >= 3 && memcmp(aHead, "\xEF\xBB\xBF", 3) == 0) iStart = 3;

  ok = csv_scan(r, iStart, (iconv_t)-1, &iBad8, e);
  if (ok < 0) return FZ_IO;
  if (ok) {
    r->enc = iStart ? CSV_UTF8_BOM : CSV_UTF8;
    return csv_rewind(r, iStart, e);
  }
  if (iStart) { /* the BOM says UTF-8, so GB18030 is no excuse */
    iRow = csv_locate(r, iStart, iBad8);
    return err_set_at(e, FZ_INVALID, iRow, NULL,
                      "文件“%s”以 UTF-8 标记开头，但第%ld行（第%lld字节）"
                      "不是有效的 UTF-8",
                      r->zName, iRow, iBad8 + 1);
  }

  r->cd = iconv_open("UTF-8", "GB18030");
  if (r->cd == (iconv_t)-1) {
    return err_set(e, FZ_IO,
                   "文件“%s”不是 UTF-8，而本系统的 iconv 不支持 GB18030 转换",
                   r->zName);
  }
  ok = csv_scan(r, 0, r->cd, &iBadGb, e);
  if (ok < 0) return FZ_IO;
  if (ok) {
    r->enc = CSV_GB18030;
    iconv(r->cd, NULL, NULL, NULL, NULL);
    return csv_rewind(r, 0, e);
  }
  /* Text mostly in one encoding fails the other one early, at its first
   * Chinese character; the later failure is the likelier real fault. */
  iBad = iBad8 > iBadGb ? iBad8 : iBadGb;
  iRow = csv_locate(r, 0, iBad);
  return err_set_at(e, FZ_INVALID, iRow, NULL,
                    "文件“%s”编码无法识别：第%ld行（第%lld字节）既不是有效的 "
                    "UTF-8 也不是 GB18030",
                    r->zName, iRow, iBad + 1);
}

/* ---- Parsing ---- */

/* Make room for n more bytes in the row. FZ_INVALID past CSV_MAX_ROW; the
 * message blames the quote when a quoted field is what grew so long. */
static int csv_row_reserve(CsvReader *r, size_t n, int inQuote, Err *e) {
  size_t need = r->nRow + n;
  if (need <= r->nRowAlloc) return FZ_OK;
  if (need > CSV_MAX_ROW) {
    if (inQuote) {
      return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                        "第%ld行：一行超过 %d MB，很可能是第%d列的引号未闭合",
                        r->iRow, CSV_MAX_ROW >> 20, r->nField + 1);
    }
    return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                      "第%ld行：一行超过 %d MB，不像是正常的 CSV", r->iRow,
                      CSV_MAX_ROW >> 20);
  }
  r->nRowAlloc = r->nRowAlloc ? r->nRowAlloc : 256;
  while (r->nRowAlloc < need)
    r->nRowAlloc *= 2;
  r->zRow = mem_realloc(r->zRow, r->nRowAlloc);
  return FZ_OK;
}

static int csv_row_append(CsvReader *r, const unsigned char *z, size_t n,
                          int inQuote, Err *e) {
  if (r->nRow + n > r->nRowAlloc) {
    int rc = csv_row_reserve(r, n, inQuote, e);
    if (rc) return rc;
  }
  memcpy(r->zRow + r->nRow, z, n);
  r->nRow += n;
  return FZ_OK;
}

/* Close the field being built: NUL-terminate it and note where it ends. */
static int csv_end_field(CsvReader *r, Err *e) {
  if (r->nRow + 1 > r->nRowAlloc) {
    int rc = csv_row_reserve(r, 1, 0, e);
    if (rc) return rc;
  }
  r->zRow[r->nRow++] = 0;
  if (r->nField == r->nFieldAlloc) {
    r->nFieldAlloc = r->nFieldAlloc ? r->nFieldAlloc * 2 : 16;
    r->aEnd = mem_realloc(r->aEnd, sizeof(size_t) * (size_t)r->nFieldAlloc);
  }
  r->aEnd[r->nField++] = r->nRow - 1;
  return FZ_OK;
}

/* 1-based input offset of aBuf[i], as messages show it. */
static long long csv_byteno(const CsvReader *r, size_t i) {
  return r->nBase + (long long)i + 1;
}

/* Parse the next record's raw bytes into zRow/aEnd. FZ_OK with nField == 0
 * at the end of the input. Runs of ordinary bytes are scanned and copied at
 * once, so a byte costs one table lookup. */
static int csv_parse_row(CsvReader *r, Err *e) {
  int state = ST_ROWSTART, rc;
  long long iQuote = 0; /* byte number of the open quote */
  r->nRow = 0;
  r->nField = 0;
  for (;;) {
    const unsigned char *z;
    size_t i, j;
    unsigned c = 0;
    if (r->iBuf >= r->nBuf) {
      if ((rc = csv_fill(r, e)) != FZ_OK) return rc;
      if (r->nBuf == 0) break;
    }
    z = r->aBuf;
    i = r->iBuf;
    switch (state) {
    case ST_ROWSTART:
      c = z[i];
      if (r->skipLF) {
        r->skipLF = 0;
        if (c == '\n') {
          r->iBuf++;
          continue;
        }
      }
      if (c == '\n' || c == '\r') { /* a blank line: counted, not returned */
        r->skipLF = c == '\r';
        r->iNextRow++;
        r->iBuf++;
        continue;
      }
      r->iRow = r->iNextRow++;
      state = ST_FIELD;
      continue;
    case ST_FIELD:
      if (z[i] == '"') {
        iQuote = csv_byteno(r, i);
        r->iBuf++;
        state = ST_QUOTED;
      } else {
        state = ST_UNQUOTED;
      }
      continue;
    case ST_UNQUOTED:
      for (j = i; !aStopUnquoted[z[j]]; j++) {
      }
      if (j > i && (rc = csv_row_append(r, z + i, j - i, 0, e)) != FZ_OK) {
        return rc;
      }
      r->iBuf = j;
      if (j == r->nBuf) continue;
      c = z[j];
      r->iBuf = j + 1;
      if (c == '"') { /* Excel keeps a quote inside an unquoted field */
        if ((rc = csv_row_append(r, z + j, 1, 0, e)) != FZ_OK) return rc;
        continue;
      }
      break;
    case ST_QUOTED:
      for (j = i; !aStopQuoted[z[j]]; j++) {
      }
      if (j > i && (rc = csv_row_append(r, z + i, j - i, 1, e)) != FZ_OK) {
        return rc;
      }
      r->iBuf = j;
      if (j == r->nBuf) continue;
      c = z[j];
      r->iBuf = j + 1;
      if (c == '"') {
        state = ST_QUOTE_IN_QUOTED;
        continue;
      }
      break;
    case ST_QUOTE_IN_QUOTED:
      c = z[i];
      r->iBuf = i + 1;
      if (c == '"') { /* "" is one quote */
        if ((rc = csv_row_append(r, z + i, 1, 1, e)) != FZ_OK) return rc;
        state = ST_QUOTED;
        continue;
      }
      if (c != ',' && c != '\n' && c != '\r') {
        return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                          "第%ld行第%d列：结束引号后出现多余字符（第%lld字节）",
                          r->iRow, r->nField + 1, csv_byteno(r, i));
      }
      break;
    }
    /* c ended the field: a comma, CR, LF or NUL. */
    if (c == 0) {
      return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                        "第%ld行第%d列：含有空字符（第%lld字节），"
                        "文件不像是文本 CSV",
                        r->iRow, r->nField + 1, csv_byteno(r, r->iBuf - 1));
    }
    if ((rc = csv_end_field(r, e)) != FZ_OK) return rc;
    if (c == ',') {
      state = ST_FIELD;
      continue;
    }
    r->skipLF = c == '\r';
    return FZ_OK;
  }

  /* The input ended inside or just after a record. */
  if (state == ST_QUOTED) {
    return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                      "第%ld行：引号未闭合（从第%ld行第%d列、第%lld字节开始的"
                      "字段直到文件末尾都没有结束引号）",
                      r->iRow, r->iRow, r->nField + 1, iQuote);
  }
  if (state != ST_ROWSTART) return csv_end_field(r, e);
  return FZ_OK;
}

/* Convert the parsed row from GB18030 into zConv and find its fields again:
 * the NUL ending each field converts to a NUL, and no field holds one. */
static int csv_convert_row(CsvReader *r, Err *e) {
  char *pIn = r->zRow, *pOut;
  size_t nIn = r->nRow, nOut, i;
  int k;
  /* UTF-8 takes at most 1.5 times the GB18030 bytes (3 for 2); 2 is ample. */
  if (r->nConvAlloc < 2 * nIn + 4) {
    r->nConvAlloc = 2 * nIn + 4;
    r->zConv = mem_realloc(r->zConv, r->nConvAlloc);
  }
  pOut = r->zConv;
  nOut = r->nConvAlloc;
  if (iconv(r->cd, &pIn, &nIn, &pOut, &nOut) == (size_t)-1) {
    iconv(r->cd, NULL, NULL, NULL, NULL);
    return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                      "第%ld行：不是有效的 GB18030（文件在读取时被修改了？）",
                      r->iRow);
  }
  for (i = 0, k = 0; k < r->nField; i++) {
    if (r->zConv[i] == 0) r->aEnd[k++] = i;
  }
  r->zOut = r->zConv;
  return FZ_OK;
}

/* ---- The public API ---- */

/* A reader over nothing yet; the caller fills in the source. */
static CsvReader *csv_new(const char *zName) {
  CsvReader *r = mem_zalloc(sizeof *r);
  r->zName = mem_strdup(zName ? zName : "");
  r->cd = (iconv_t)-1;
  r->aChunk = mem_alloc(CSV_CHUNK + 8);
  r->aChunk[0] = 0;
  r->aBuf = r->aChunk;
  r->iNextRow = 1;
  return r;
}

int csv_open_file(CsvReader **pp, const char *zPath, Err *e) {
  CsvReader *r = csv_new(zPath);
  struct stat st;
  int rc;
  *pp = NULL;
  r->pIn = fopen(zPath, "rb");
  if (!r->pIn) {
    rc = err_set(e, FZ_IO, "无法打开文件“%s”：%s", zPath, strerror(errno));
    goto cleanup;
  }
  if (fstat(fileno(r->pIn), &st) != 0 || !S_ISREG(st.st_mode)) {
    rc = err_set(e, FZ_IO, "无法读取“%s”：不是普通文件", zPath);
    goto cleanup;
  }
  r->nTotal = (long long)st.st_size;
  rc = csv_detect(r, e);
cleanup:
  if (rc) {
    csv_close(r);
  } else {
    *pp = r;
  }
  return rc;
}

int csv_open_mem(CsvReader **pp, const char *z, size_t n, const char *zName,
                 Err *e) {
  CsvReader *r = csv_new(zName);
  int rc;
  *pp = NULL;
  r->zMem = mem_alloc(n + 1);
  if (n) memcpy(r->zMem, z, n);
  r->zMem[n] = 0;
  r->nMem = r->nTotal = (long long)n;
  rc = csv_detect(r, e);
  if (rc) {
    csv_close(r);
  } else {
    *pp = r;
  }
  return rc;
}

int csv_read_row(CsvReader *r, int *pHasRow, Err *e) {
  *pHasRow = 0;
  if (r->rc) return r->rc;
  r->rc = csv_parse_row(r, e);
  if (r->rc == FZ_OK && r->nField > 0) {
    r->zOut = r->zRow;
    if (r->enc == CSV_GB18030) r->rc = csv_convert_row(r, e);
    *pHasRow = r->rc == FZ_OK;
  }
  if (r->rc) r->nField = 0;
  return r->rc;
}

int csv_nfield(const CsvReader *r) {
  return r->nField;
}

/* Past the last field reads as empty, so a short row needs no special case. */
const char *csv_field(const CsvReader *r, int i) {
  if (i < 0 || i >= r->nField) return "";
  return r->zOut + (i == 0 ? 0 : r->aEnd[i - 1] + 1);
}

size_t csv_field_len(const CsvReader *r, int i) {
  if (i < 0 || i >= r->nField) return 0;
  return r->aEnd[i] - (i == 0 ? 0 : r->aEnd[i - 1] + 1);
}

long csv_row(const CsvReader *r) {
  return r->iRow;
}

const char *csv_encoding(const CsvReader *r) {
  switch (r->enc) {
  case CSV_UTF8_BOM:
    return "UTF-8 BOM";
  case CSV_GB18030:
    return "GB18030";
  default:
    return "UTF-8";
  }
}

long long csv_bytes_read(const CsvReader *r) {
  return r->nBase + (long long)r->iBuf;
}

long long csv_bytes_total(const CsvReader *r) {
  return r->nTotal;
}

void csv_close(CsvReader *r) {
  if (!r) return;
  if (r->pIn) fclose(r->pIn);
  if (r->cd != (iconv_t)-1) iconv_close(r->cd);
  mem_free(r->zMem);
  mem_free(r->aChunk);
  mem_free(r->zRow);
  mem_free(r->zConv);
  mem_free(r->aEnd);
  mem_free(r->zName);
  mem_free(r);
}

/* ---- Writing ---- */

void csv_write_field(Str *s, const char *z, int first) {
  size_t n;
  const char *p;
  if (!first) str_putc(s, ',');
  if (!z) z = "";
  n = strlen(z);
  if (strpbrk(z, ",\"\r\n") == NULL &&
      (n == 0 || (z[0] != ' ' && z[n - 1] != ' '))) {
    str_append(s, z, n);
    return;
  }
  str_putc(s, '"');
  while ((p = strchr(z, '"')) != NULL) {
    str_append(s, z, (size_t)(p - z) + 1);
    str_putc(s, '"');
    z = p + 1;
  }
  str_puts(s, z);
  str_putc(s, '"');
}
