/* xlsx.c — the streaming .xlsx reader (see xlsx.h). Every part is parsed
 * with libxml2's xmlTextReader straight from libzip's inflate stream, so no
 * part is ever held whole and no DOM is built.
 *
 *   xlsx_open --xlsx_open_zip--> archive --xlsx_load_book--> sheets + rels
 *             --xlsx_pick_sheet--> sheet part --xlsx_load_styles--> aXfDate
 *             --xlsx_load_sst--> shared strings --xlsx_part_open--> sheet
 *   xlsx_read_row --xlsx_parse_row--> cells --xlsx_cell_finish--> one row
 *
 * Each part's unzipped bytes are counted as the parser pulls them, so a zip
 * bomb stops at the part's cap whatever its header claims. */
#define _POSIX_C_SOURCE 200809L
#include "xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "../base/date.h"
#include "../base/mem.h"
#include "../base/str.h"
#include "../base/utf8.h"

/* Unzipped size caps. A real sheet of 1,048,576 rows stays far below its
 * cap; past these the file is hostile or not from a spreadsheet program. */
#define XLSX_MAX_SHEET ((long long)2 << 30)
#define XLSX_MAX_SST ((long long)256 << 20)
#define XLSX_MAX_PART ((long long)64 << 20) /* workbook, rels, styles */
#define XLSX_MAX_ROWBYTES ((size_t)64 << 20)
#define XLSX_MAX_COL 16384  /* column XFD */
#define XLSX_MAX_ROW 1048576L

#define XLSX_BOOK "xl/workbook.xml"
#define XLSX_BOOK_RELS "xl/_rels/workbook.xml.rels"

/* Why a part's read callback failed (XlsxPart.ioErr). */
enum { XLSX_IO_OK, XLSX_IO_BOMB, XLSX_IO_ZIP };

/* A cell's t attribute. */
enum {
  CT_NUMBER,
  CT_SHARED,
  CT_STR,
  CT_INLINE,
  CT_BOOL,
  CT_ERROR,
  CT_ISODATE,
  CT_UNKNOWN
};

/* One zip entry being parsed. */
typedef struct XlsxPart {
  XlsxReader *r;       /* the reader, for the archive and file name */
  char *zPart;         /* entry name, for messages; owned */
  zip_file_t *pFile;   /* the inflate stream; owned */
  xmlTextReaderPtr x;  /* the XML parser over it; owned */
  long long nRead;     /* unzipped bytes handed to the parser */
  long long nTotal;    /* unzipped size the zip directory claims */
  long long nMax;      /* cap on nRead */
  int ioErr;           /* XLSX_IO_* */
  char *zXmlErr;       /* libxml2's first error message; owned */
  int xmlLine;         /* and its line */
  int rc;              /* FZ_INVALID once the part failed */
} XlsxPart;

struct XlsxReader {
  char *zPath;  /* file name for messages; owned */
  zip_t *pZip;  /* the archive; owned */
  char *zSheet; /* name of the sheet being read; owned */
  int date1904; /* the workbook counts days from 1904-01-01 (old Mac Excel) */

  Str sst;        /* shared strings, each NUL-terminated */
  uint32_t *aSst; /* aSst[i]: offset in sst of string i */
  int nSst, nSstAlloc;

  unsigned char *aXfDate; /* aXfDate[s]: cell style s shows a date */
  int nXf;

  XlsxPart sheet; /* the worksheet's XML */
  int done;       /* </sheetData> or the end was seen */
  int rc;         /* sticky: a failed read fails every later one */

  Str row;              /* the row's fields, each NUL-terminated */
  size_t *aOff;         /* aOff[i]: offset in row of field i */
  unsigned char *aKind; /* aKind[i]: XLSX_* of field i */
  int nCol, nColAlloc;  /* fields stored, trailing empty ones included */
  int nField;           /* 1 + the last non-empty column */
  long iRow;            /* the row's number as Excel shows it */

  Str cell;       /* text of the cell being read */
  int inRow;      /* inside <row> */
  int inCell;     /* inside <c> */
  int inIs;       /* inside an inline string <is> */
  int inRph;      /* inside a phonetic run, which is not cell text */
  int collect;    /* text nodes belong to the cell (<v> or <is><t>) */
  int cellCol;    /* 0-based column of the cell */
  int lastCol;    /* column of the row's previous cell, -1 before the first */
  int cellType;   /* CT_* */
  int cellStyle;  /* s attribute, -1 when none */
};

/* The workbook's sheet list and relationships, needed only while opening. */
typedef struct XlsxSheetInfo {
  char *zName; /* as the tab shows it; owned */
  char *zRid;  /* relationship id (r:id); owned */
  int hidden;  /* state="hidden" or "veryHidden" */
} XlsxSheetInfo;

typedef struct XlsxRel {
  char *zId, *zType, *zTarget; /* owned */
  int external;                /* TargetMode="External" */
} XlsxRel;

typedef struct XlsxBook {
  XlsxSheetInfo *aSheet;
  int nSheet, nSheetAlloc;
  XlsxRel *aRel;
  int nRel, nRelAlloc;
} XlsxBook;

/* ---- Small helpers ---- */

/* 1 when z ends with zTail (relationship types are compared by their last
 * segment, so the transitional and strict namespaces both match). */
static int xlsx_ends_with(const char *z, const char *zTail) {
  size_t n = strlen(z), m = strlen(zTail);
  return n >= m && memcmp(z + n - m, zTail, m) == 0;
}

/* Parse a whole decimal number of at most 10 digits; -1 when z is not one. */
static long long xlsx_parse_uint(const char *z) {
  long long v = 0;
  int n = 0;
  if (!z || !*z) return -1;
  for (; *z; z++, n++) {
    if (*z < '0' || *z > '9' || n >= 10) return -1;
    v = v * 10 + (*z - '0');
  }
  return v;
}

/* Split a cell reference like "B7" into a 0-based column and a row. The row
 * part may be absent (*pRow is then 0). Returns 0, or -1 when malformed. */
static int xlsx_parse_ref(const char *z, int *pCol, long *pRow) {
  int col = 0, nLetter = 0;
  long long row;
  for (; (*z >= 'A' && *z <= 'Z') || (*z >= 'a' && *z <= 'z'); z++) {
    if (++nLetter > 3) return -1;
    col = col * 26 + ((*z | 0x20) - 'a' + 1);
  }
  if (nLetter == 0 || col > XLSX_MAX_COL) return -1;
  row = *z ? xlsx_parse_uint(z) : 0;
  if (row < 0 || row > XLSX_MAX_ROW || (*z && row == 0)) return -1;
  *pCol = col - 1;
  *pRow = (long)row;
  return 0;
}

/* Write the reference of column iCol (0-based) and row iRow, like "B7",
 * into z (at least 16 bytes). */
static void xlsx_ref_name(int iCol, long iRow, char *z, size_t n) {
  char zCol[4];
  int i = 3;
  zCol[3] = 0;
  iCol++;
  while (iCol > 0 && i > 0) {
    zCol[--i] = (char)('A' + (iCol - 1) % 26);
    iCol = (iCol - 1) / 26;
  }
  snprintf(z, n, "%s%ld", zCol + i, iRow);
}

/* Undo OOXML's escape for characters XML cannot carry: _x000D_ is a CR and
 * _x005F_ a literal underscore. In place (the output is never longer);
 * returns the new length. */
static size_t xlsx_unescape(char *z, size_t n) {
  size_t i = 0, j = 0;
  if (!memchr(z, '_', n)) return n;
  while (i < n) {
    unsigned c = 0;
    int k;
    if (z[i] == '_' && i + 7 <= n && z[i + 1] == 'x' && z[i + 6] == '_') {
      for (k = 2; k < 6; k++) {
        char h = z[i + k];
        int d = h >= '0' && h <= '9'   ? h - '0'
                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                       : -1;
        if (d < 0) break;
        c = c * 16 + (unsigned)d;
      }
      if (k == 6 && c != 0 && (c < 0xD800 || c > 0xDFFF)) {
        j += (size_t)utf8_encode(c, z + j);
        i += 7;
        continue;
      }
    }
    z[j++] = z[i++];
  }
  z[j] = 0;
  return j;
}

/* The shortest text that reads back as v: integers without ".0", others
 * with 15 significant digits when that is exact, else 16 or 17. */
static void xlsx_format_number(double v, char *z, size_t n) {
  int prec;
  if (v == 0) { /* also -0 */
    snprintf(z, n, "0");
    return;
  }
  /* Below 2^53 every integer is exact and the cast cannot overflow. */
  if (fabs(v) < 9007199254740992.0 && v == (double)(long long)v) {
    snprintf(z, n, "%.0f", v);
    return;
  }
  for (prec = 15; prec < 17; prec++) {
    snprintf(z, n, "%.*g", prec, v);
    if (strtod(z, NULL) == v) return;
  }
  snprintf(z, n, "%.17g", v);
}

/* ---- Parts: a zip entry read through xmlTextReader ---- */

/* libxml2's input callback: inflate the next bytes and count them. */
static int xlsx_part_read(void *pCtx, char *zBuf, int nBuf) {
  XlsxPart *p = pCtx;
  zip_int64_t n = zip_fread(p->pFile, zBuf, (zip_uint64_t)nBuf);
  if (n < 0) {
    p->ioErr = XLSX_IO_ZIP;
    return -1;
  }
  p->nRead += n;
  if (p->nRead > p->nMax) {
    p->ioErr = XLSX_IO_BOMB;
    return -1;
  }
  return (int)n;
}

/* Keep libxml2's first error for our message instead of its stderr. */
static void xlsx_xml_error(void *pCtx, xmlErrorPtr pErr) {
  XlsxPart *p = pCtx;
  size_t n;
  if (!pErr || pErr->level < XML_ERR_ERROR || p->zXmlErr) return;
  p->zXmlErr = mem_strdup(pErr->message ? pErr->message : "?");
  n = strlen(p->zXmlErr);
  while (n > 0 && (p->zXmlErr[n - 1] == '\n' || p->zXmlErr[n - 1] == ' ')) {
    p->zXmlErr[--n] = 0;
  }
  p->xmlLine = pErr->line;
}

/* Record why part p cannot be read; returns FZ_INVALID. */
static int xlsx_part_fail(XlsxPart *p, Err *e) {
  const char *zFile = p->r->zPath;
  p->rc = FZ_INVALID;
  if (p->ioErr == XLSX_IO_BOMB) {
    return err_set(e, FZ_INVALID,
                   "文件“%s”中的 %s 解压后超过 %lld MB，不像是正常的 Excel "
                   "文件（可能是恶意构造的压缩包）",
                   zFile, p->zPart, p->nMax >> 20);
  }
  if (p->ioErr == XLSX_IO_ZIP) {
    return err_set(e, FZ_INVALID, "文件“%s”已损坏：解压 %s 失败（%s）", zFile,
                   p->zPart, zip_file_strerror(p->pFile));
  }
  return err_set(e, FZ_INVALID,
                 "文件“%s”已损坏：%s 不是有效的 XML（第%d行：%s）", zFile,
                 p->zPart, p->xmlLine,
                 p->zXmlErr ? p->zXmlErr : "解析失败");
}

static void xlsx_part_close(XlsxPart *p) {
  if (p->x) xmlFreeTextReader(p->x);
  if (p->pFile) zip_fclose(p->pFile);
  mem_free(p->zPart);
  mem_free(p->zXmlErr);
  memset(p, 0, sizeof *p);
}

/* Refuse a part whose directory entry already claims more than the cap. */
static int xlsx_part_check_size(XlsxPart *p, zip_int64_t idx, Err *e) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(p->r->pZip, (zip_uint64_t)idx, 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE)) {
    p->nTotal = (long long)st.size;
    if (st.size > (zip_uint64_t)p->nMax) {
      p->ioErr = XLSX_IO_BOMB;
      return xlsx_part_fail(p, e);
    }
  }
  return FZ_OK;
}

/* Start parsing entry zPart. FZ_NOTFOUND, with nothing recorded in e, when
 * the archive has no such entry: the caller knows whether that is fatal. */
static int xlsx_part_open(XlsxReader *r, const char *zPart, long long nMax,
                          XlsxPart *p, Err *e) {
  zip_int64_t idx;
  int rc;
  memset(p, 0, sizeof *p);
  p->r = r;
  p->zPart = mem_strdup(zPart);
  p->nMax = nMax;
  idx = zip_name_locate(r->pZip, zPart, ZIP_FL_NOCASE);
  if (idx < 0) return p->rc = FZ_NOTFOUND;
  if ((rc = xlsx_part_check_size(p, idx, e)) != FZ_OK) return rc;
  p->pFile = zip_fopen_index(r->pZip, (zip_uint64_t)idx, 0);
  if (!p->pFile) {
    p->rc = FZ_INVALID;
    return err_set(e, FZ_INVALID, "文件“%s”已损坏：无法解压 %s（%s）",
                   r->zPath, zPart, zip_strerror(r->pZip));
  }
  /* No network, no entity expansion (no XML_PARSE_NOENT), no DTD loading. */
  p->x = xmlReaderForIO(xlsx_part_read, NULL, p, zPart, NULL, XML_PARSE_NONET);
  if (!p->x) {
    p->rc = FZ_INVALID;
    return err_set(e, FZ_INVALID, "无法解析文件“%s”中的 %s", r->zPath, zPart);
  }
  xmlTextReaderSetStructuredErrorHandler(p->x, xlsx_xml_error, p);
  return FZ_OK;
}

/* Advance to the next node: 1, 0 at the end, or -1 with the error in e.
 * A DTD is refused: Excel never writes one, and it is the door to entity
 * tricks. */
static int xlsx_next(XlsxPart *p, Err *e) {
  int n = xmlTextReaderRead(p->x);
  if (n < 0 || (n == 0 && p->ioErr != XLSX_IO_OK)) {
    xlsx_part_fail(p, e);
    return -1;
  }
  if (n > 0 && xmlTextReaderNodeType(p->x) == XML_READER_TYPE_DOCUMENT_TYPE) {
    p->rc = FZ_INVALID;
    err_set(e, FZ_INVALID, "文件“%s”中的 %s 含有 DTD 声明，不是 Excel 生成的文件",
            p->r->zPath, p->zPart);
    return -1;
  }
  return n;
}

/* 1 for the nodes that carry text (white space too: it matters in cells). */
static int xlsx_is_text(int type) {
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE ||
         type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* Copy of attribute zName of the current element, matched by local name so
 * any prefix (r:id, x:name) works; NULL when absent. Caller frees. */
static char *xlsx_attr_dup(xmlTextReaderPtr x, const char *zName) {
  char *z = NULL;
  while (!z && xmlTextReaderMoveToNextAttribute(x) == 1) {
    const char *zLocal = (const char *)xmlTextReaderConstLocalName(x);
    if (zLocal && strcmp(zLocal, zName) == 0) {
      const char *zVal = (const char *)xmlTextReaderConstValue(x);
      z = mem_strdup(zVal ? zVal : "");
    }
  }
  xmlTextReaderMoveToElement(x);
  return z;
}

/* Local name of the current element start, or NULL for any other node. */
static const char *xlsx_element(XlsxPart *p) {
  if (xmlTextReaderNodeType(p->x) != XML_READER_TYPE_ELEMENT) return NULL;
  return (const char *)xmlTextReaderConstLocalName(p->x);
}

/* ---- Opening: the archive, the workbook, its relationships ---- */

/* Open the archive, telling an .xls, an empty file and a non-zip apart. */
static int xlsx_open_zip(XlsxReader *r, Err *e) {
  unsigned char aHead[4] = {0};
  struct stat st;
  ssize_t nHead;
  int fd, zerr = 0;
  zip_error_t ze;

  fd = open(r->zPath, O_RDONLY);
  if (fd < 0) {
    return err_set(e, FZ_IO, "无法打开文件“%s”：%s", r->zPath, strerror(errno));
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return err_set(e, FZ_IO, "无法读取“%s”：不是普通文件", r->zPath);
  }
  nHead = pread(fd, aHead, sizeof aHead, 0);
  close(fd);
  if (nHead < 0) {
    return err_set(e, FZ_IO, "读取文件“%s”失败：%s", r->zPath, strerror(errno));
  }
  if (nHead == 0) {
    return err_set(e, FZ_INVALID, "文件“%s”是空文件，不是有效的 XLSX 文件",
                   r->zPath);
  }
  /* OLE compound file: an .xls, or an .xlsx Excel encrypted with a password. */
  if (nHead == 4 && memcmp(aHead, "\xD0\xCF\x11\xE0", 4) == 0) {
    return err_set(e, FZ_INVALID,
                   "文件“%s”是 Excel 97-2003 工作簿（.xls）或设有打开密码的"
                   "工作簿，不是 .xlsx：请在 Excel 中取消密码并“另存为”"
                   "“Excel 工作簿（*.xlsx）”后再导入",
                   r->zPath);
  }
  r->pZip = zip_open(r->zPath, ZIP_RDONLY, &zerr);
  if (r->pZip) return FZ_OK;
  if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_SEEK) {
    return err_set(e, FZ_IO, "读取文件“%s”失败", r->zPath);
  }
  if (nHead == 4 && memcmp(aHead, "PK\x03\x04", 4) == 0) {
    zip_error_init_with_code(&ze, zerr);
    err_set(e, FZ_INVALID,
            "文件“%s”不是有效的 XLSX 文件（zip 压缩包不完整或已损坏：%s）",
            r->zPath, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return FZ_INVALID;
  }
  return err_set(e, FZ_INVALID,
                 "文件“%s”不是有效的 XLSX 文件（不是 zip 压缩包）", r->zPath);
}

static void xlsx_book_free(XlsxBook *b) {
  int i;
  for (i = 0; i < b->nSheet; i++) {
    mem_free(b->aSheet[i].zName);
    mem_free(b->aSheet[i].zRid);
  }
  for (i = 0; i < b->nRel; i++) {
    mem_free(b->aRel[i].zId);
    mem_free(b->aRel[i].zType);
    mem_free(b->aRel[i].zTarget);
  }
  mem_free(b->aSheet);
  mem_free(b->aRel);
  memset(b, 0, sizeof *b);
}

/* Note one <sheet> of the workbook. */
static void xlsx_book_add_sheet(XlsxBook *b, xmlTextReaderPtr x) {
  XlsxSheetInfo *s;
  char *zState;
  if (b->nSheet == b->nSheetAlloc) {
    b->nSheetAlloc = b->nSheetAlloc ? b->nSheetAlloc * 2 : 8;
    b->aSheet =
        mem_realloc(b->aSheet, sizeof *b->aSheet * (size_t)b->nSheetAlloc);
  }
  s = &b->aSheet[b->nSheet++];
  s->zName = xlsx_attr_dup(x, "name");
  if (!s->zName) s->zName = mem_strdup("");
  s->zRid = xlsx_attr_dup(x, "id");
  zState = xlsx_attr_dup(x, "state");
  s->hidden = zState && strcmp(zState, "visible") != 0;
  mem_free(zState);
}

/* Read xl/workbook.xml: the sheets in tab order and the date system. */
static int xlsx_load_book(XlsxReader *r, XlsxBook *b, Err *e) {
  XlsxPart p;
  int rc, n;
  rc = xlsx_part_open(r, XLSX_BOOK, XLSX_MAX_PART, &p, e);
  if (rc == FZ_NOTFOUND) {
    rc = err_set(e, FZ_INVALID, "文件“%s”不是有效的 XLSX 文件（缺少 %s）",
                 r->zPath, XLSX_BOOK);
  }
  if (rc) goto cleanup;
  while ((n = xlsx_next(&p, e)) > 0) {
    const char *zName = xlsx_element(&p);
    if (!zName) continue;
    if (strcmp(zName, "sheet") == 0) {
      xlsx_book_add_sheet(b, p.x);
    } else if (strcmp(zName, "workbookPr") == 0) {
      char *z = xlsx_attr_dup(p.x, "date1904");
      r->date1904 = z && (strcmp(z, "1") == 0 || strcmp(z, "true") == 0);
      mem_free(z);
    }
  }
  rc = n < 0 ? p.rc : FZ_OK;
cleanup:
  xlsx_part_close(&p);
  return rc;
}

/* Read xl/_rels/workbook.xml.rels: where each sheet and the shared parts
 * live. Missing rels means a damaged file: the sheets cannot be found. */
static int xlsx_load_rels(XlsxReader *r, XlsxBook *b, Err *e) {
  XlsxPart p;
  int rc, n;
  rc = xlsx_part_open(r, XLSX_BOOK_RELS, XLSX_MAX_PART, &p, e);
  if (rc == FZ_NOTFOUND) {
    rc = err_set(e, FZ_INVALID, "文件“%s”已损坏（缺少 %s）", r->zPath,
                 XLSX_BOOK_RELS);
  }
  if (rc) goto cleanup;
  while ((n = xlsx_next(&p, e)) > 0) {
    const char *zName = xlsx_element(&p);
    XlsxRel *pRel;
    char *zMode;
    if (!zName || strcmp(zName, "Relationship") != 0) continue;
    if (b->nRel == b->nRelAlloc) {
      b->nRelAlloc = b->nRelAlloc ? b->nRelAlloc * 2 : 8;
      b->aRel = mem_realloc(b->aRel, sizeof *b->aRel * (size_t)b->nRelAlloc);
    }
    pRel = &b->aRel[b->nRel++];
    pRel->zId = xlsx_attr_dup(p.x, "Id");
    pRel->zType = xlsx_attr_dup(p.x, "Type");
    pRel->zTarget = xlsx_attr_dup(p.x, "Target");
    zMode = xlsx_attr_dup(p.x, "TargetMode");
    pRel->external = zMode && strcmp(zMode, "External") == 0;
    mem_free(zMode);
  }
  rc = n < 0 ? p.rc : FZ_OK;
cleanup:
  xlsx_part_close(&p);
  return rc;
}

/* The relationship with id zId, or NULL. */
static const XlsxRel *xlsx_rel_by_id(const XlsxBook *b, const char *zId) {
  int i;
  if (!zId) return NULL;
  for (i = 0; i < b->nRel; i++) {
    if (b->aRel[i].zId && strcmp(b->aRel[i].zId, zId) == 0) return &b->aRel[i];
  }
  return NULL;
}

/* The first internal relationship whose type ends with zTail, or NULL. */
static const XlsxRel *xlsx_rel_by_type(const XlsxBook *b, const char *zTail) {
  int i;
  for (i = 0; i < b->nRel; i++) {
    const XlsxRel *p = &b->aRel[i];
    if (!p->external && p->zType && p->zTarget &&
        xlsx_ends_with(p->zType, zTail)) {
      return p;
    }
  }
  return NULL;
}

/* The zip entry a workbook relationship points at: targets are relative to
 * xl/ unless they start with '/'; "." and ".." segments are resolved. */
static void xlsx_resolve(const char *zTarget, Str *pOut) {
  const char *z = zTarget;
  str_reset(pOut);
  if (*z == '/') {
    z++;
  } else {
    str_puts(pOut, "xl");
  }
  while (*z) {
    const char *zEnd = strchr(z, '/');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    if (n == 2 && memcmp(z, "..", 2) == 0) {
      char *zSlash = pOut->n ? strrchr(pOut->z, '/') : NULL;
      str_truncate(pOut, zSlash ? (size_t)(zSlash - pOut->z) : 0);
    } else if (n > 0 && !(n == 1 && *z == '.')) {
      if (pOut->n) str_putc(pOut, '/');
      str_append(pOut, z, n);
    }
    z += n;
    if (*z == '/') z++;
  }
}

/* The sheet named zSheet (exact, then ignoring ASCII case as Excel does), or
 * NULL; FZ_NOTFOUND lists the sheets there are. */
static int xlsx_find_sheet(const XlsxBook *b, const char *zSheet,
                           const XlsxSheetInfo **ppSheet, Err *e) {
  Str list = STR_INIT;
  int i;
  for (i = 0; i < b->nSheet; i++) {
    if (strcmp(b->aSheet[i].zName, zSheet) == 0) break;
  }
  if (i == b->nSheet) {
    for (i = 0; i < b->nSheet; i++) {
      if (strcasecmp(b->aSheet[i].zName, zSheet) == 0) break;
    }
  }
  if (i < b->nSheet) {
    *ppSheet = &b->aSheet[i];
    return FZ_OK;
  }
  for (i = 0; i < b->nSheet; i++) {
    if (i) str_puts(&list, "、");
    str_puts(&list, b->aSheet[i].zName);
  }
  err_set(e, FZ_NOTFOUND, "工作表“%s”不存在；本文件的工作表：%s", zSheet,
          b->nSheet ? str_cstr(&list) : "（无）");
  str_free(&list);
  return FZ_NOTFOUND;
}

/* Choose the sheet: by name, or the first visible worksheet in tab order
 * (chart sheets hold no cells; a hidden sheet is not what the user sees).
 * *ppRel is its relationship. */
static int xlsx_pick_sheet(XlsxReader *r, const XlsxBook *b, const char *zSheet,
                           const XlsxRel **ppRel, Err *e) {
  const XlsxSheetInfo *pSheet = NULL;
  const XlsxRel *pRel;
  int i, rc, pass;
  if (zSheet) {
    if ((rc = xlsx_find_sheet(b, zSheet, &pSheet, e)) != FZ_OK) return rc;
  }
  for (pass = 0; !pSheet && pass < 2; pass++) {
    for (i = 0; i < b->nSheet && !pSheet; i++) {
      pRel = xlsx_rel_by_id(b, b->aSheet[i].zRid);
      if (pRel && pRel->zType && xlsx_ends_with(pRel->zType, "/worksheet") &&
          (pass == 1 || !b->aSheet[i].hidden)) {
        pSheet = &b->aSheet[i];
      }
    }
  }
  if (!pSheet) {
    return err_set(e, FZ_INVALID, "文件“%s”中没有可读取的工作表", r->zPath);
  }
  r->zSheet = mem_strdup(pSheet->zName);
  pRel = xlsx_rel_by_id(b, pSheet->zRid);
  if (!pRel || !pRel->zTarget || !pRel->zType || pRel->external) {
    return err_set(e, FZ_INVALID, "文件“%s”已损坏：找不到工作表“%s”的数据",
                   r->zPath, pSheet->zName);
  }
  if (!xlsx_ends_with(pRel->zType, "/worksheet")) {
    return err_set(e, FZ_INVALID,
                   "文件“%s”中的“%s”是图表或宏表，不是含单元格的工作表",
                   r->zPath, pSheet->zName);
  }
  *ppRel = pRel;
  return FZ_OK;
}

/* ---- Styles: which cell styles show numbers as dates ---- */

/* 1 when a format code shows a date or time: a y, m, d, h or s outside
 * "quoted text", [brackets] (colours, locales, [h]) and escaped characters.
 * Covers Chinese codes such as yyyy"年"m"月"d"日". */
static int xlsx_code_is_date(const char *z) {
  for (; *z; z++) {
    switch (*z) {
    case '"':
      z = strchr(z + 1, '"');
      if (!z) return 0;
      break;
    case '[':
      z = strchr(z + 1, ']');
      if (!z) return 0;
      break;
    case '\\': /* escaped literal */
    case '_':  /* space as wide as the next character */
    case '*':  /* fill with the next character */
      if (z[1]) z++;
      break;
    default:
      if (strchr("yYmMdDhHsS", *z)) return 1;
    }
  }
  return 0;
}

/* 1 when built-in number format id shows a date or time: 14–22 and 45–47
 * everywhere, 27–36 and 50–58 in Chinese, Japanese and Korean Excel. */
static int xlsx_builtin_is_date(long long id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
         (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* Custom formats seen in <numFmts>, then the cellXfs in order. */
typedef struct XlsxStyles {
  long long *aFmtId;
  unsigned char *aFmtDate;
  int nFmt, nFmtAlloc;
  long long *aXfFmt;
  int nXfAlloc;
} XlsxStyles;

static void xlsx_styles_add_fmt(XlsxStyles *s, xmlTextReaderPtr x) {
  char *zId = xlsx_attr_dup(x, "numFmtId");
  char *zCode = xlsx_attr_dup(x, "formatCode");
  if (s->nFmt == s->nFmtAlloc) {
    s->nFmtAlloc = s->nFmtAlloc ? s->nFmtAlloc * 2 : 16;
    s->aFmtId = mem_realloc(s->aFmtId, sizeof(long long) * (size_t)s->nFmtAlloc);
    s->aFmtDate = mem_realloc(s->aFmtDate, (size_t)s->nFmtAlloc);
  }
  s->aFmtId[s->nFmt] = xlsx_parse_uint(zId);
  s->aFmtDate[s->nFmt] = zCode ? (unsigned char)xlsx_code_is_date(zCode) : 0;
  s->nFmt++;
  mem_free(zId);
  mem_free(zCode);
}

static void xlsx_styles_add_xf(XlsxReader *r, XlsxStyles *s,
                               xmlTextReaderPtr x) {
  char *zId = xlsx_attr_dup(x, "numFmtId");
  if (r->nXf == s->nXfAlloc) {
    s->nXfAlloc = s->nXfAlloc ? s->nXfAlloc * 2 : 16;
    s->aXfFmt = mem_realloc(s->aXfFmt, sizeof(long long) * (size_t)s->nXfAlloc);
  }
  s->aXfFmt[r->nXf++] = zId ? xlsx_parse_uint(zId) : 0;
  mem_free(zId);
}

/* Settle aXfDate once all formats are known: a custom format with a
 * built-in's id replaces it. */
static void xlsx_styles_settle(XlsxReader *r, const XlsxStyles *s) {
  int i, j;
  r->aXfDate = mem_zalloc((size_t)r->nXf + 1);
  for (i = 0; i < r->nXf; i++) {
    long long id = s->aXfFmt[i];
    for (j = s->nFmt - 1; j >= 0 && s->aFmtId[j] != id; j--) {
    }
    r->aXfDate[i] = j >= 0 ? s->aFmtDate[j] : xlsx_builtin_is_date(id);
  }
}

/* Read the styles part (optional: without it no cell is a date). */
static int xlsx_load_styles(XlsxReader *r, const char *zPart, Err *e) {
  XlsxStyles s;
  XlsxPart p;
  int rc, n = 0, inXfs = 0;
  memset(&s, 0, sizeof s);
  rc = xlsx_part_open(r, zPart, XLSX_MAX_PART, &p, e);
  if (rc == FZ_NOTFOUND) rc = FZ_OK; /* then p.x is NULL: no dates */
  if (rc) goto cleanup;
  while (p.x && (n = xlsx_next(&p, e)) > 0) {
    int type = xmlTextReaderNodeType(p.x);
    const char *zName = (const char *)xmlTextReaderConstLocalName(p.x);
    if (!zName) continue;
    if (type == XML_READER_TYPE_END_ELEMENT && strcmp(zName, "cellXfs") == 0) {
      inXfs = 0;
    }
    if (type != XML_READER_TYPE_ELEMENT) continue;
    if (strcmp(zName, "numFmt") == 0) {
      xlsx_styles_add_fmt(&s, p.x);
    } else if (strcmp(zName, "cellXfs") == 0) {
      inXfs = !xmlTextReaderIsEmptyElement(p.x);
    } else if (inXfs && strcmp(zName, "xf") == 0) {
      xlsx_styles_add_xf(r, &s, p.x);
    }
  }
  if (n < 0) {
    rc = p.rc;
    goto cleanup;
  }
  xlsx_styles_settle(r, &s);
cleanup:
  xlsx_part_close(&p);
  mem_free(s.aFmtId);
  mem_free(s.aFmtDate);
  mem_free(s.aXfFmt);
  return rc;
}

/* ---- Shared strings ---- */

/* Close the string begun at offset iStart: unescape it and end it. */
static void xlsx_sst_end(XlsxReader *r, size_t iStart) {
  size_t n = xlsx_unescape(r->sst.z + iStart, r->sst.n - iStart);
  str_truncate(&r->sst, iStart + n);
  str_append(&r->sst, "", 1);
}

static void xlsx_sst_begin(XlsxReader *r) {
  if (r->nSst == r->nSstAlloc) {
    r->nSstAlloc = r->nSstAlloc ? r->nSstAlloc * 2 : 256;
    r->aSst = mem_realloc(r->aSst, sizeof(uint32_t) * (size_t)r->nSstAlloc);
  }
  r->aSst[r->nSst++] = (uint32_t)r->sst.n;
  str_append(&r->sst, "", 0); /* so sst.z is never NULL */
}

/* Read the shared strings (optional: a sheet of numbers has none). Each
 * <si> is its <t> text, or its rich-text runs' <t> joined; phonetic guides
 * (<rPh>) are not part of the text. */
static int xlsx_load_sst(XlsxReader *r, const char *zPart, Err *e) {
  XlsxPart p;
  int rc, n = 0, inSi = 0, inRph = 0, collect = 0;
  rc = xlsx_part_open(r, zPart, XLSX_MAX_SST, &p, e);
  if (rc == FZ_NOTFOUND) rc = FZ_OK;
  if (rc || !p.x) goto cleanup;
  while ((n = xlsx_next(&p, e)) > 0) {
    int type = xmlTextReaderNodeType(p.x), empty;
    const char *zName;
    if (xlsx_is_text(type)) {
      if (collect) str_puts(&r->sst, (const char *)xmlTextReaderConstValue(p.x));
      continue;
    }
    zName = (const char *)xmlTextReaderConstLocalName(p.x);
    if (!zName) continue;
    empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(p.x);
    if (type == XML_READER_TYPE_ELEMENT && strcmp(zName, "si") == 0) {
      xlsx_sst_begin(r);
      inSi = !empty;
      if (empty) xlsx_sst_end(r, r->aSst[r->nSst - 1]);
    } else if (type == XML_READER_TYPE_ELEMENT && strcmp(zName, "rPh") == 0) {
      inRph = !empty;
    } else if (type == XML_READER_TYPE_ELEMENT && strcmp(zName, "t") == 0) {
      collect = inSi && !inRph && !empty;
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      if (strcmp(zName, "t") == 0) collect = 0;
      if (strcmp(zName, "rPh") == 0) inRph = 0;
      if (strcmp(zName, "si") == 0 && inSi) {
        xlsx_sst_end(r, r->aSst[r->nSst - 1]);
        inSi = 0;
      }
    }
  }
  rc = n < 0 ? p.rc : FZ_OK;
cleanup:
  xlsx_part_close(&p);
  return rc;
}

/* ---- Rows ---- */

/* Record a problem with the current cell, naming sheet and cell (the cell
 * reference, "B7", is also the error's field). Returns FZ_INVALID. */
static int xlsx_cell_error(XlsxReader *r, Err *e, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));
static int xlsx_cell_error(XlsxReader *r, Err *e, const char *zFmt, ...) {
  char zRef[24];
  Str s = STR_INIT;
  va_list ap;
  va_start(ap, zFmt);
  str_vappendf(&s, zFmt, ap);
  va_end(ap);
  xlsx_ref_name(r->cellCol, r->iRow, zRef, sizeof zRef);
  err_set_at(e, FZ_INVALID, r->iRow, zRef, "工作表“%s”单元格 %s：%s", r->zSheet,
             zRef, str_cstr(&s));
  str_free(&s);
  return FZ_INVALID;
}

/* Append one field: column iCol of the row, after empty fields for any
 * skipped columns. Empty fields do not extend nField. */
static int xlsx_row_put(XlsxReader *r, int iCol, int kind, const char *z,
                        size_t n, Err *e) {
  while (r->nCol <= iCol) {
    if (r->nCol == r->nColAlloc) {
      r->nColAlloc = r->nColAlloc ? r->nColAlloc * 2 : 32;
      r->aOff = mem_realloc(r->aOff, sizeof(size_t) * (size_t)r->nColAlloc);
      r->aKind = mem_realloc(r->aKind, (size_t)r->nColAlloc);
    }
    r->aOff[r->nCol] = r->row.n;
    r->aKind[r->nCol] = XLSX_EMPTY;
    if (r->nCol == iCol && n > 0) {
      r->aKind[r->nCol] = (unsigned char)kind;
      str_append(&r->row, z, n);
      r->nField = iCol + 1;
    }
    str_append(&r->row, "", 1);
    r->nCol++;
  }
  if (r->row.n > XLSX_MAX_ROWBYTES || str_error(&r->row)) {
    return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                      "工作表“%s”第%ld行的内容超过 %zu MB，不像是正常的表格",
                      r->zSheet, r->iRow, XLSX_MAX_ROWBYTES >> 20);
  }
  return FZ_OK;
}

/* A number cell: a date when its style has a date format and the serial is a
 * date we can hold; otherwise the number's shortest text. */
static int xlsx_cell_number(XlsxReader *r, const char *z, Err *e) {
  char zNum[40];
  char *zEnd;
  double v;
  if (!*z) return FZ_OK;
  v = strtod(z, &zEnd);
  if (zEnd == z || *zEnd || !isfinite(v)) {
    return xlsx_cell_error(r, e, "数值“%s”无法识别", z);
  }
  if (r->cellStyle >= 0 && r->cellStyle < r->nXf && r->aXfDate[r->cellStyle]) {
    Err e2 = ERR_INIT;
    Date d;
    int ok = date_from_excel_serial(v + (r->date1904 ? 1462 : 0), &d, &e2) ==
             FZ_OK;
    err_clear(&e2);
    if (ok) {
      Str s = STR_INIT;
      int rc;
      date_format_iso(&s, d);
      rc = xlsx_row_put(r, r->cellCol, XLSX_DATE, s.z, s.n, e);
      str_free(&s);
      return rc;
    }
  }
  xlsx_format_number(v, zNum, sizeof zNum);
  return xlsx_row_put(r, r->cellCol, XLSX_NUMBER, zNum, strlen(zNum), e);
}

/* A t="d" cell: an ISO 8601 date or date-time; anything else stays text. */
static int xlsx_cell_isodate(XlsxReader *r, const char *z, Err *e) {
  Err e2 = ERR_INIT;
  char zDay[11];
  Date d;
  int ok = 0;
  if (strlen(z) >= 10 && (z[10] == 0 || z[10] == 'T')) {
    memcpy(zDay, z, 10);
    zDay[10] = 0;
    ok = date_parse(zDay, 0, &d, &e2) == FZ_OK;
  }
  err_clear(&e2);
  if (!ok) return xlsx_row_put(r, r->cellCol, XLSX_TEXT, z, strlen(z), e);
  return xlsx_row_put(r, r->cellCol, XLSX_DATE, zDay, 10, e);
}

/* A t="s" cell: the shared string its value indexes. */
static int xlsx_cell_shared(XlsxReader *r, const char *z, Err *e) {
  long long i;
  const char *zStr;
  if (!*z) return FZ_OK;
  i = xlsx_parse_uint(z);
  if (i < 0 || i >= r->nSst) {
    return xlsx_cell_error(r, e,
                           "共享字符串序号“%s”超出范围（共 %d 个），"
                           "文件可能已损坏",
                           z, r->nSst);
  }
  zStr = r->sst.z + r->aSst[i];
  return xlsx_row_put(r, r->cellCol, XLSX_TEXT, zStr, strlen(zStr), e);
}

/* Turn the finished cell's collected text into a field. */
static int xlsx_cell_finish(XlsxReader *r, Err *e) {
  char *z = r->cell.z ? r->cell.z : "";
  size_t n = r->cell.n;
  switch (r->cellType) {
  case CT_NUMBER:
    return xlsx_cell_number(r, z, e);
  case CT_SHARED:
    return xlsx_cell_shared(r, z, e);
  case CT_STR:
  case CT_INLINE:
    n = xlsx_unescape(z, n);
    return xlsx_row_put(r, r->cellCol, XLSX_TEXT, z, n, e);
  case CT_BOOL:
    if (!*z) return FZ_OK;
    if (strcmp(z, "1") == 0 || strcmp(z, "true") == 0) {
      return xlsx_row_put(r, r->cellCol, XLSX_BOOL, "1", 1, e);
    }
    if (strcmp(z, "0") == 0 || strcmp(z, "false") == 0) {
      return xlsx_row_put(r, r->cellCol, XLSX_BOOL, "0", 1, e);
    }
    return xlsx_cell_error(r, e, "逻辑值“%s”无法识别", z);
  case CT_ERROR:
    return xlsx_cell_error(r, e,
                           "公式出错（错误值“%s”），请在 Excel 中更正或改为"
                           "实际值",
                           z);
  case CT_ISODATE:
    return xlsx_cell_isodate(r, z, e);
  default: /* xlsx_cell_start refused any other type */
    return xlsx_cell_error(r, e, "单元格类型无法识别");
  }
}

static int xlsx_cell_type(const char *z) {
  static const struct {
    const char *zName;
    int type;
  } aType[] = {{"b", CT_BOOL},      {"d", CT_ISODATE}, {"e", CT_ERROR},
               {"inlineStr", CT_INLINE}, {"n", CT_NUMBER}, {"s", CT_SHARED},
               {"str", CT_STR}};
  size_t i;
  for (i = 0; i < sizeof aType / sizeof aType[0]; i++) {
    if (strcmp(z, aType[i].zName) == 0) return aType[i].type;
  }
  return CT_UNKNOWN;
}

/* <c r="B7" t="s" s="3">: where the cell is, its type and its style. A cell
 * without r follows the previous one. Cells must go left to right. */
static int xlsx_cell_start(XlsxReader *r, Err *e) {
  xmlTextReaderPtr x = r->sheet.x;
  int col = r->lastCol + 1;
  long rowRef = 0; /* the row part of r: the <row> already said it */
  char zType[16] = "";
  r->cellType = CT_NUMBER;
  r->cellStyle = -1;
  while (xmlTextReaderMoveToNextAttribute(x) == 1) {
    const char *zName = (const char *)xmlTextReaderConstLocalName(x);
    const char *zVal = (const char *)xmlTextReaderConstValue(x);
    if (!zName || !zVal) continue;
    if (strcmp(zName, "r") == 0) {
      if (xlsx_parse_ref(zVal, &col, &rowRef) != 0) {
        xmlTextReaderMoveToElement(x);
        return err_set_at(e, FZ_INVALID, r->iRow, NULL,
                          "工作表“%s”第%ld行：单元格位置“%s”无效", r->zSheet,
                          r->iRow, zVal);
      }
    } else if (strcmp(zName, "t") == 0) {
      r->cellType = xlsx_cell_type(zVal);
      snprintf(zType, sizeof zType, "%s", zVal);
    } else if (strcmp(zName, "s") == 0) {
      long long s = xlsx_parse_uint(zVal);
      r->cellStyle = s > INT32_MAX ? -1 : (int)s;
    }
  }
  xmlTextReaderMoveToElement(x);
  r->cellCol = col;
  if (r->cellType == CT_UNKNOWN) {
    return xlsx_cell_error(r, e, "单元格类型“%s”无法识别", zType);
  }
  if (col <= r->lastCol || col >= XLSX_MAX_COL) {
    return xlsx_cell_error(r, e, "单元格顺序错乱或超出 XFD 列，文件可能已损坏");
  }
  r->lastCol = col;
  str_reset(&r->cell);
  r->inCell = 1;
  r->inIs = r->inRph = r->collect = 0;
  return FZ_OK;
}

/* <row r="7">: a new row, numbered by r or following the previous one. */
static int xlsx_row_start(XlsxReader *r, Err *e) {
  char *zRef = xlsx_attr_dup(r->sheet.x, "r");
  long long iRow = zRef ? xlsx_parse_uint(zRef) : r->iRow + 1;
  int rc = FZ_OK;
  if (iRow < 1 || iRow > XLSX_MAX_ROW) {
    rc = err_set_at(e, FZ_INVALID, r->iRow, NULL,
                    "工作表“%s”第%ld行之后：行号“%s”无效", r->zSheet, r->iRow,
                    zRef ? zRef : "");
  } else {
    r->iRow = (long)iRow;
  }
  mem_free(zRef);
  str_reset(&r->row);
  r->nCol = r->nField = 0;
  r->lastCol = -1;
  r->inRow = 1;
  r->inCell = 0;
  return rc;
}

/* An element opens. */
static int xlsx_sheet_start(XlsxReader *r, const char *zName, Err *e) {
  if (strcmp(zName, "row") == 0) return xlsx_row_start(r, e);
  if (!r->inRow) return FZ_OK;
  if (strcmp(zName, "c") == 0) return xlsx_cell_start(r, e);
  if (!r->inCell) return FZ_OK;
  if (strcmp(zName, "v") == 0) {
    r->collect = 1;
  } else if (strcmp(zName, "is") == 0) {
    r->inIs = 1;
  } else if (strcmp(zName, "rPh") == 0) {
    r->inRph = 1;
  } else if (strcmp(zName, "t") == 0) {
    r->collect = r->inIs && !r->inRph;
  }
  return FZ_OK;
}

/* An element closes (an empty element closes right after it opens). Sets
 * *pHasRow at the end of a row with a non-empty cell. */
static int xlsx_sheet_end(XlsxReader *r, const char *zName, int *pHasRow,
                          Err *e) {
  if (strcmp(zName, "v") == 0 || strcmp(zName, "t") == 0) {
    r->collect = 0;
  } else if (strcmp(zName, "rPh") == 0) {
    r->inRph = 0;
  } else if (strcmp(zName, "is") == 0) {
    r->inIs = 0;
  } else if (strcmp(zName, "c") == 0 && r->inCell) {
    r->inCell = r->collect = 0;
    return xlsx_cell_finish(r, e);
  } else if (strcmp(zName, "row") == 0 && r->inRow) {
    r->inRow = 0;
    *pHasRow = r->nField > 0;
  } else if (strcmp(zName, "sheetData") == 0) {
    r->done = 1; /* the rest is formatting, merges, page setup */
  }
  return FZ_OK;
}

/* Parse the sheet up to the end of the next row that has a value. */
static int xlsx_parse_row(XlsxReader *r, int *pHasRow, Err *e) {
  XlsxPart *p = &r->sheet;
  int n = 0, rc;
  while (!r->done && (n = xlsx_next(p, e)) > 0) {
    int type = xmlTextReaderNodeType(p->x);
    const char *zName;
    if (xlsx_is_text(type)) {
      if (r->collect) {
        str_puts(&r->cell, (const char *)xmlTextReaderConstValue(p->x));
        if (r->cell.n > XLSX_MAX_ROWBYTES) {
          return xlsx_cell_error(r, e, "内容过长，不像是正常的表格");
        }
      }
      continue;
    }
    if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT) {
      continue;
    }
    zName = (const char *)xmlTextReaderConstLocalName(p->x);
    if (!zName) continue;
    if (type == XML_READER_TYPE_ELEMENT) {
      int empty = xmlTextReaderIsEmptyElement(p->x);
      if ((rc = xlsx_sheet_start(r, zName, e)) != FZ_OK) return rc;
      if (!empty) continue;
    }
    if ((rc = xlsx_sheet_end(r, zName, pHasRow, e)) != FZ_OK) return rc;
    if (*pHasRow) return FZ_OK;
  }
  if (!r->done && n < 0) return p->rc;
  r->done = 1;
  return FZ_OK;
}

/* ---- The public API ---- */

/* Find the parts and load what the sheet's cells refer to. */
static int xlsx_load(XlsxReader *r, const char *zSheet, Err *e) {
  XlsxBook b;
  const XlsxRel *pRel = NULL;
  Str path = STR_INIT, sheetPath = STR_INIT;
  int rc;
  memset(&b, 0, sizeof b);
  if ((rc = xlsx_load_book(r, &b, e)) != FZ_OK) goto cleanup;
  if ((rc = xlsx_load_rels(r, &b, e)) != FZ_OK) goto cleanup;
  if ((rc = xlsx_pick_sheet(r, &b, zSheet, &pRel, e)) != FZ_OK) goto cleanup;
  xlsx_resolve(pRel->zTarget, &sheetPath);

  pRel = xlsx_rel_by_type(&b, "/styles");
  xlsx_resolve(pRel ? pRel->zTarget : "styles.xml", &path);
  if ((rc = xlsx_load_styles(r, str_cstr(&path), e)) != FZ_OK) goto cleanup;
  pRel = xlsx_rel_by_type(&b, "/sharedStrings");
  xlsx_resolve(pRel ? pRel->zTarget : "sharedStrings.xml", &path);
  if ((rc = xlsx_load_sst(r, str_cstr(&path), e)) != FZ_OK) goto cleanup;

  rc = xlsx_part_open(r, str_cstr(&sheetPath), XLSX_MAX_SHEET, &r->sheet, e);
  if (rc == FZ_NOTFOUND) {
    rc = err_set(e, FZ_INVALID, "文件“%s”已损坏：缺少工作表“%s”的数据（%s）",
                 r->zPath, r->zSheet, str_cstr(&sheetPath));
  }
cleanup:
  str_free(&path);
  str_free(&sheetPath);
  xlsx_book_free(&b);
  return rc;
}

int xlsx_open(XlsxReader **pp, const char *zPath, const char *zSheet, Err *e) {
  XlsxReader *r = mem_zalloc(sizeof *r);
  int rc;
  *pp = NULL;
  xmlInitParser(); /* once per process really; later calls return at once */
  r->zPath = mem_strdup(zPath);
  rc = xlsx_open_zip(r, e);
  if (rc == FZ_OK) rc = xlsx_load(r, zSheet, e);
  if (rc) {
    xlsx_close(r);
  } else {
    *pp = r;
  }
  return rc;
}

int xlsx_read_row(XlsxReader *r, int *pHasRow, Err *e) {
  *pHasRow = 0;
  if (r->rc) return r->rc;
  r->rc = xlsx_parse_row(r, pHasRow, e);
  if (r->rc) {
    r->nField = 0;
    *pHasRow = 0;
  }
  return r->rc;
}

int xlsx_nfield(const XlsxReader *r) {
  return r->nField;
}

const char *xlsx_field(const XlsxReader *r, int i) {
  if (i < 0 || i >= r->nField) return "";
  return r->row.z + r->aOff[i];
}

int xlsx_field_kind(const XlsxReader *r, int i) {
  if (i < 0 || i >= r->nField) return XLSX_EMPTY;
  return r->aKind[i];
}

long xlsx_row(const XlsxReader *r) {
  return r->iRow;
}

const char *xlsx_sheet_name(const XlsxReader *r) {
  return r->zSheet ? r->zSheet : "";
}

long long xlsx_bytes_read(const XlsxReader *r) {
  return r->sheet.nRead;
}

long long xlsx_bytes_total(const XlsxReader *r) {
  return r->sheet.nTotal;
}

void xlsx_close(XlsxReader *r) {
  if (!r) return;
  xlsx_part_close(&r->sheet);
  if (r->pZip) zip_discard(r->pZip);
  str_free(&r->sst);
  str_free(&r->row);
  str_free(&r->cell);
  mem_free(r->aSst);
  mem_free(r->aXfDate);
  mem_free(r->aOff);
  mem_free(r->aKind);
  mem_free(r->zSheet);
  mem_free(r->zPath);
  mem_free(r);
}
