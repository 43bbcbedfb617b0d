/* xlsx.c — the streaming .xlsx reader (see xlsx.h). Every part is parsed
 * by libxml2's SAX2 push parser, fed from libzip's inflate stream a chunk at
 * a time: no part is ever held whole and no tree is built.
 *
 *   xlsx_open --xlsx_open_zip--> archive --xlsx_load_book--> sheets + rels
 *             --xlsx_pick_sheet--> sheet part --xlsx_load_styles--> aXfDate
 *             --xlsx_load_sst--> shared strings --xlsx_part_open--> sheet
 *   xlsx_read_row --xlsx_part_feed--> SAX callbacks --xlsx_cell_finish-->
 *             fields --xlsx_row_end--> queue of rows --> one row out
 *
 * SAX rather than xmlTextReader: the reader keeps comments and long text
 * nodes until the next element (a part of comments took twice its size in
 * memory), while a push parser holds one chunk. Rows finished within a chunk
 * wait in a small queue; an error waits behind the rows before it. Each
 * part's unzipped bytes are counted, so a zip bomb stops at the part's cap
 * whatever its header claims. */
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

#include <zip.h>

#include "../base/date.h"
#include "../base/mem.h"
#include "../base/str.h"
#include "../base/utf8.h"
#include "../base/xmllib.h"

/* Unzipped size caps. A real sheet of 1,048,576 rows stays far below its
 * cap; past these the file is hostile or not from a spreadsheet program. */
#define XLSX_MAX_SHEET ((long long)2 << 30)
#define XLSX_MAX_SST ((long long)256 << 20)
#define XLSX_MAX_PART ((long long)64 << 20) /* workbook, rels, styles */
#define XLSX_MAX_ROWBYTES ((size_t)64 << 20)
#define XLSX_MAX_COL 16384 /* column XFD */
#define XLSX_MAX_ROW 1048576L
/* Bytes handed to the parser at a time; it bounds the rows queued at once. */
#define XLSX_CHUNK (16 * 1024)

#define XLSX_BOOK "xl/workbook.xml"
#define XLSX_BOOK_RELS "xl/_rels/workbook.xml.rels"

/* Why a part stopped (XlsxPart.ioErr). */
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

/* One zip entry being parsed. Callbacks record errors in err (not the
 * caller's Err) so a sheet can hand out the rows before an error first. */
typedef struct XlsxPart {
  XlsxReader *r;         /* the reader, for the archive and file name */
  char *zPart;           /* entry name, for messages; owned */
  zip_file_t *pFile;     /* the inflate stream; owned */
  xmlParserCtxtPtr ctxt; /* the push parser; owned */
  void *pState;          /* the loader's state, for its callbacks */
  long long nRead;       /* unzipped bytes handed to the parser */
  long long nTotal;      /* unzipped size the zip directory claims */
  long long nMax;        /* cap on nRead */
  int ioErr;             /* XLSX_IO_* */
  char *zXmlErr;         /* libxml2's first fatal error; owned */
  int xmlLine;           /* and its line */
  int xmlCode;           /* and its code (xmlParserErrors) */
  int eof;               /* all of it was parsed */
  int rc;                /* sticky: FZ_INVALID once the part failed */
  Err err;               /* and why */
} XlsxPart;

/* A finished row waiting in the queue, or the one handed out. */
typedef struct XlsxRowRef {
  long iRow;  /* number as Excel shows it */
  int iFirst; /* index in aQOff of its first field */
  int nField; /* 1 + its last non-empty column */
} XlsxRowRef;

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
  int done;       /* </sheetData> was seen: the rest is layout */
  int rc;         /* sticky: a failed read fails every later one */

  /* Fields of queued rows and of the row being built, each NUL-terminated
   * in q; the building row starts at field iRowField, byte iRowText. */
  Str q;
  size_t *aQOff;         /* aQOff[i]: offset in q of field i */
  unsigned char *aQKind; /* aQKind[i]: XLSX_* of field i */
  int nQField, nQFieldAlloc;
  XlsxRowRef *aQRow; /* finished rows; iQRow is the next to hand out */
  int nQRow, nQRowAlloc, iQRow;
  XlsxRowRef cur; /* the row handed out; nField 0 when none */

  /* The row and cell being parsed. */
  int iRowField;   /* first field of the row in aQOff */
  size_t iRowText; /* its first byte in q */
  int nField;      /* 1 + its last non-empty column so far */
  long iRow;       /* its number */
  int inRow;       /* inside <row> */
  int lastCol;     /* column of the row's previous cell, -1 before any */
  Str cell;        /* text of the cell being read */
  int inCell;      /* inside <c> */
  int inIs;        /* inside an inline string <is> */
  int inRph;       /* inside a phonetic run, which is not cell text */
  int collect;     /* text belongs to the cell (<v> or <is><t>) */
  int cellCol;     /* 0-based column of the cell */
  int cellType;    /* CT_* */
  int cellStyle;   /* s attribute, -1 when none */
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
  XlsxReader *r;
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

/* ---- Attributes as SAX2 hands them ---- */

/* SAX2 gives five pointers per attribute: local name, prefix, URI, value
 * start, value end (the value is not NUL-terminated). Attributes are found
 * by local name, so r:id answers to "id" whatever the prefix. */
static const char *xlsx_attr(int nAttr, const xmlChar **azAttr,
                             const char *zName, size_t *pn) {
  int i;
  for (i = 0; i < nAttr; i++) {
    const xmlChar **a = azAttr + 5 * i;
    if (strcmp((const char *)a[0], zName) == 0) {
      *pn = (size_t)(a[4] - a[3]);
      return (const char *)a[3];
    }
  }
  return NULL;
}

/* Copy of attribute zName, or NULL; caller frees. Without entity
 * substitution libxml2 leaves "&amp;" in a value as "&#38;": undo that. */
static char *xlsx_attr_dup(int nAttr, const xmlChar **azAttr,
                           const char *zName) {
  size_t n, i, j;
  const char *zVal = xlsx_attr(nAttr, azAttr, zName, &n);
  char *z;
  if (!zVal) return NULL;
  z = mem_strndup(zVal, n);
  for (i = j = 0; i < n; j++) {
    if (n - i >= 5 && memcmp(z + i, "&#38;", 5) == 0) {
      z[j] = '&';
      i += 5;
    } else {
      z[j] = z[i++];
    }
  }
  z[j] = 0;
  return z;
}

/* Attribute zName into z[0..n), cut short if longer (a value that long is
 * invalid for the short attributes read this way); 0 when absent. */
static int xlsx_attr_buf(int nAttr, const xmlChar **azAttr, const char *zName,
                         char *z, size_t n) {
  size_t nVal;
  const char *zVal = xlsx_attr(nAttr, azAttr, zName, &nVal);
  if (!zVal) return 0;
  if (nVal >= n) nVal = n - 1;
  memcpy(z, zVal, nVal);
  z[nVal] = 0;
  return 1;
}

/* ---- Parts: a zip entry through the SAX push parser ---- */

/* Keep libxml2's first fatal error for our message instead of its stderr. */
static void xlsx_xml_error(void *pCtx, xmlErrorPtr pErr) {
  XlsxPart *p = pCtx;
  size_t n;
  if (!pErr || pErr->level < XML_ERR_FATAL || p->zXmlErr) return;
  p->zXmlErr = mem_strdup(pErr->message ? pErr->message : "?");
  n = strlen(p->zXmlErr);
  while (n > 0 && (p->zXmlErr[n - 1] == '\n' || p->zXmlErr[n - 1] == ' ')) {
    p->zXmlErr[--n] = 0;
  }
  p->xmlLine = pErr->line;
  p->xmlCode = pErr->code;
}

/* Record in p->err why part p cannot be read; returns FZ_INVALID. */
static int xlsx_part_fail(XlsxPart *p) {
  const char *zFile = p->r->zPath;
  p->rc = FZ_INVALID;
  if (p->ioErr == XLSX_IO_BOMB) {
    return err_set(&p->err, FZ_INVALID,
                   "文件“%s”中的 %s 解压后超过 %lld MB，不像是正常的 Excel "
                   "文件（可能是恶意构造的压缩包）",
                   zFile, p->zPart, p->nMax >> 20);
  }
  if (p->ioErr == XLSX_IO_ZIP) {
    return err_set(&p->err, FZ_INVALID, "文件“%s”已损坏：解压 %s 失败（%s）",
                   zFile, p->zPart, zip_file_strerror(p->pFile));
  }
  if (p->xmlCode == XML_ERR_DOCUMENT_END && p->eof) {
    return err_set(&p->err, FZ_INVALID,
                   "文件“%s”已损坏：%s 不完整（在第%d行意外结束）", zFile,
                   p->zPart, p->xmlLine);
  }
  return err_set(&p->err, FZ_INVALID,
                 "文件“%s”已损坏：%s 不是有效的 XML（第%d行：%s）", zFile,
                 p->zPart, p->xmlLine, p->zXmlErr ? p->zXmlErr : "解析失败");
}

/* Stop parsing after a callback recorded an error in p->err. */
static void xlsx_part_stop(XlsxPart *p) {
  p->rc = FZ_INVALID;
  xml.xmlStopParser(p->ctxt);
}

/* A DTD is refused: Excel never writes one, and it is the door to entity
 * tricks. This runs before any declaration in it is parsed. */
static void xlsx_sax_dtd(void *pCtx, const xmlChar *zName, const xmlChar *zExt,
                         const xmlChar *zSys) {
  XlsxPart *p = pCtx;
  (void)zName, (void)zExt, (void)zSys;
  err_set(&p->err, FZ_INVALID,
          "文件“%s”中的 %s 含有 DTD 声明，不是 Excel 生成的文件", p->r->zPath,
          p->zPart);
  xlsx_part_stop(p);
}

/* A SAX handler with the callbacks a loader needs; no tree is built. */
static void xlsx_sax_init(xmlSAXHandler *h, startElementNsSAX2Func xStart,
                          endElementNsSAX2Func xEnd, charactersSAXFunc xText) {
  memset(h, 0, sizeof *h);
  h->initialized = XML_SAX2_MAGIC;
  h->startElementNs = xStart;
  h->endElementNs = xEnd;
  h->characters = xText;
  h->cdataBlock = xText;
  h->ignorableWhitespace = xText;
  h->internalSubset = xlsx_sax_dtd;
  h->serror = xlsx_xml_error;
}

static void xlsx_part_close(XlsxPart *p) {
  if (p->ctxt) xml.xmlFreeParserCtxt(p->ctxt);
  if (p->pFile) zip_fclose(p->pFile);
  mem_free(p->zPart);
  mem_free(p->zXmlErr);
  err_clear(&p->err);
  memset(p, 0, sizeof *p);
}

/* Refuse a part whose directory entry already claims more than the cap. */
static int xlsx_part_check_size(XlsxPart *p, zip_int64_t idx) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(p->r->pZip, (zip_uint64_t)idx, 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE)) {
    p->nTotal = (long long)st.size;
    if (st.size > (zip_uint64_t)p->nMax) {
      p->ioErr = XLSX_IO_BOMB;
      return xlsx_part_fail(p);
    }
  }
  return FZ_OK;
}

/* Get ready to parse entry zPart with handler pSax, whose callbacks find
 * pState in the part. FZ_NOTFOUND, with nothing recorded in e, when the
 * archive has no such entry: the caller knows whether that is fatal. */
static int xlsx_part_open(XlsxReader *r, const char *zPart, long long nMax,
                          xmlSAXHandler *pSax, void *pState, XlsxPart *p,
                          Err *e) {
  zip_int64_t idx;
  memset(p, 0, sizeof *p);
  p->r = r;
  p->zPart = mem_strdup(zPart);
  p->nMax = nMax;
  p->pState = pState;
  idx = zip_name_locate(r->pZip, zPart, ZIP_FL_NOCASE);
  if (idx < 0) return p->rc = FZ_NOTFOUND;
  if (xlsx_part_check_size(p, idx) != FZ_OK) goto fail;
  p->pFile = zip_fopen_index(r->pZip, (zip_uint64_t)idx, 0);
  if (!p->pFile) {
    err_set(&p->err, FZ_INVALID, "文件“%s”已损坏：无法解压 %s（%s）", r->zPath,
            zPart, zip_strerror(r->pZip));
    goto fail;
  }
  p->ctxt = xml.xmlCreatePushParserCtxt(pSax, p, NULL, 0, zPart);
  if (!p->ctxt) {
    err_set(&p->err, FZ_INVALID, "无法解析文件“%s”中的 %s", r->zPath, zPart);
    goto fail;
  }
  /* No network and no entity substitution (no XML_PARSE_NOENT). */
  xml.xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET);
  return FZ_OK;
fail:
  p->rc = FZ_INVALID;
  err_move(e, &p->err);
  return FZ_INVALID;
}

/* Inflate the next chunk and parse it; callbacks run meanwhile. FZ_OK (and
 * p->eof once all is parsed) or FZ_INVALID with the reason in p->err. */
static int xlsx_part_feed(XlsxPart *p) {
  char aBuf[XLSX_CHUNK];
  zip_int64_t n;
  if (p->rc || p->eof) return p->rc;
  n = zip_fread(p->pFile, aBuf, sizeof aBuf);
  if (n < 0) {
    p->ioErr = XLSX_IO_ZIP;
    return xlsx_part_fail(p);
  }
  p->nRead += n;
  if (p->nRead > p->nMax) {
    p->ioErr = XLSX_IO_BOMB;
    return xlsx_part_fail(p);
  }
  xml.xmlParseChunk(p->ctxt, aBuf, (int)n, n == 0);
  if (n == 0) p->eof = 1;
  if (p->rc) return p->rc; /* a callback refused something */
  /* Not wellFormed after xmlStopParser at </sheetData> is no error. */
  if (!p->ctxt->wellFormed && p->ctxt->errNo != XML_ERR_USER_STOP) {
    return xlsx_part_fail(p);
  }
  return FZ_OK;
}

/* Parse all of a part; an error moves into e. */
static int xlsx_part_parse(XlsxPart *p, Err *e) {
  while (!p->eof && xlsx_part_feed(p) == FZ_OK) {
  }
  if (p->rc) err_move(e, &p->err);
  return p->rc;
}

/* The callbacks' unused arguments, named once. */
#define XLSX_SAX_START_ARGS                                                    \
  void *pCtx, const xmlChar *zLocal, const xmlChar *zPrefix,                   \
      const xmlChar *zURI, int nNs, const xmlChar **azNs, int nAttr,           \
      int nDefault, const xmlChar **azAttr
#define XLSX_SAX_START_UNUSED                                                  \
  (void)zPrefix, (void)zURI, (void)nNs, (void)azNs, (void)nDefault
#define XLSX_SAX_END_ARGS                                                      \
  void *pCtx, const xmlChar *zLocal, const xmlChar *zPrefix, const xmlChar *zURI
#define XLSX_SAX_END_UNUSED (void)zPrefix, (void)zURI

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

/* Note one <sheet name= r:id= state=> of the workbook. */
static void xlsx_book_add_sheet(XlsxBook *b, int nAttr,
                                const xmlChar **azAttr) {
  XlsxSheetInfo *s;
  char *zState;
  if (b->nSheet == b->nSheetAlloc) {
    b->nSheetAlloc = b->nSheetAlloc ? b->nSheetAlloc * 2 : 8;
    b->aSheet =
        mem_realloc(b->aSheet, sizeof *b->aSheet * (size_t)b->nSheetAlloc);
  }
  s = &b->aSheet[b->nSheet++];
  s->zName = xlsx_attr_dup(nAttr, azAttr, "name");
  if (!s->zName) s->zName = mem_strdup("");
  s->zRid = xlsx_attr_dup(nAttr, azAttr, "id");
  zState = xlsx_attr_dup(nAttr, azAttr, "state");
  s->hidden = zState && strcmp(zState, "visible") != 0;
  mem_free(zState);
}

/* xl/workbook.xml: the sheets in tab order and the date system. */
static void xlsx_book_start(XLSX_SAX_START_ARGS) {
  XlsxPart *p = pCtx;
  XlsxBook *b = p->pState;
  char z[8];
  XLSX_SAX_START_UNUSED;
  if (strcmp((const char *)zLocal, "sheet") == 0) {
    xlsx_book_add_sheet(b, nAttr, azAttr);
  } else if (strcmp((const char *)zLocal, "workbookPr") == 0 &&
             xlsx_attr_buf(nAttr, azAttr, "date1904", z, sizeof z)) {
    b->r->date1904 = strcmp(z, "1") == 0 || strcmp(z, "true") == 0;
  }
}

/* xl/_rels/workbook.xml.rels: where each sheet and the shared parts are. */
static void xlsx_rels_start(XLSX_SAX_START_ARGS) {
  XlsxPart *p = pCtx;
  XlsxBook *b = p->pState;
  XlsxRel *pRel;
  char zMode[16];
  XLSX_SAX_START_UNUSED;
  if (strcmp((const char *)zLocal, "Relationship") != 0) return;
  if (b->nRel == b->nRelAlloc) {
    b->nRelAlloc = b->nRelAlloc ? b->nRelAlloc * 2 : 8;
    b->aRel = mem_realloc(b->aRel, sizeof *b->aRel * (size_t)b->nRelAlloc);
  }
  pRel = &b->aRel[b->nRel++];
  pRel->zId = xlsx_attr_dup(nAttr, azAttr, "Id");
  pRel->zType = xlsx_attr_dup(nAttr, azAttr, "Type");
  pRel->zTarget = xlsx_attr_dup(nAttr, azAttr, "Target");
  pRel->external =
      xlsx_attr_buf(nAttr, azAttr, "TargetMode", zMode, sizeof zMode) &&
      strcmp(zMode, "External") == 0;
}

/* Read the workbook and its relationships into b. Either missing means
 * this is no workbook, or a damaged one: the sheets cannot be found. */
static int xlsx_load_book(XlsxReader *r, XlsxBook *b, Err *e) {
  xmlSAXHandler sax;
  XlsxPart p;
  int rc;
  b->r = r;
  xlsx_sax_init(&sax, xlsx_book_start, NULL, NULL);
  rc = xlsx_part_open(r, XLSX_BOOK, XLSX_MAX_PART, &sax, b, &p, e);
  if (rc == FZ_NOTFOUND) {
    rc = err_set(e, FZ_INVALID, "文件“%s”不是有效的 XLSX 文件（缺少 %s）",
                 r->zPath, XLSX_BOOK);
  }
  if (rc == FZ_OK) rc = xlsx_part_parse(&p, e);
  xlsx_part_close(&p);
  if (rc) return rc;

  xlsx_sax_init(&sax, xlsx_rels_start, NULL, NULL);
  rc = xlsx_part_open(r, XLSX_BOOK_RELS, XLSX_MAX_PART, &sax, b, &p, e);
  if (rc == FZ_NOTFOUND) {
    rc = err_set(e, FZ_INVALID, "文件“%s”已损坏（缺少 %s）", r->zPath,
                 XLSX_BOOK_RELS);
  }
  if (rc == FZ_OK) rc = xlsx_part_parse(&p, e);
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

/* Find the sheet named zSheet: exactly, else ignoring ASCII case as Excel
 * does. FZ_NOTFOUND lists the sheets there are. */
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
  long long *aXfFmt; /* numFmtId of each cellXfs <xf> */
  int nXf, nXfAlloc;
  int inXfs; /* inside <cellXfs>, not <cellStyleXfs> */
} XlsxStyles;

/* A whole decimal number of at most 10 digits in attribute zName; -1 when
 * absent or not one. */
static long long xlsx_attr_uint(int nAttr, const xmlChar **azAttr,
                                const char *zName) {
  char z[16];
  if (!xlsx_attr_buf(nAttr, azAttr, zName, z, sizeof z)) return -1;
  return xlsx_parse_uint(z);
}

static void xlsx_styles_add_fmt(XlsxStyles *s, int nAttr,
                                const xmlChar **azAttr) {
  char *zCode = xlsx_attr_dup(nAttr, azAttr, "formatCode");
  if (s->nFmt == s->nFmtAlloc) {
    s->nFmtAlloc = s->nFmtAlloc ? s->nFmtAlloc * 2 : 16;
    s->aFmtId =
        mem_realloc(s->aFmtId, sizeof(long long) * (size_t)s->nFmtAlloc);
    s->aFmtDate = mem_realloc(s->aFmtDate, (size_t)s->nFmtAlloc);
  }
  s->aFmtId[s->nFmt] = xlsx_attr_uint(nAttr, azAttr, "numFmtId");
  s->aFmtDate[s->nFmt] = zCode ? (unsigned char)xlsx_code_is_date(zCode) : 0;
  s->nFmt++;
  mem_free(zCode);
}

static void xlsx_styles_add_xf(XlsxStyles *s, int nAttr,
                               const xmlChar **azAttr) {
  long long id = xlsx_attr_uint(nAttr, azAttr, "numFmtId");
  if (s->nXf == s->nXfAlloc) {
    s->nXfAlloc = s->nXfAlloc ? s->nXfAlloc * 2 : 16;
    s->aXfFmt = mem_realloc(s->aXfFmt, sizeof(long long) * (size_t)s->nXfAlloc);
  }
  s->aXfFmt[s->nXf++] = id < 0 ? 0 : id;
}

static void xlsx_styles_start(XLSX_SAX_START_ARGS) {
  XlsxPart *p = pCtx;
  XlsxStyles *s = p->pState;
  const char *zName = (const char *)zLocal;
  XLSX_SAX_START_UNUSED;
  if (strcmp(zName, "numFmt") == 0) {
    xlsx_styles_add_fmt(s, nAttr, azAttr);
  } else if (strcmp(zName, "cellXfs") == 0) {
    s->inXfs = 1;
  } else if (s->inXfs && strcmp(zName, "xf") == 0) {
    xlsx_styles_add_xf(s, nAttr, azAttr);
  }
}

static void xlsx_styles_end(XLSX_SAX_END_ARGS) {
  XlsxPart *p = pCtx;
  XlsxStyles *s = p->pState;
  XLSX_SAX_END_UNUSED;
  if (strcmp((const char *)zLocal, "cellXfs") == 0) s->inXfs = 0;
}

/* Settle aXfDate once all formats are known: a custom format with a
 * built-in's id replaces it. */
static void xlsx_styles_settle(XlsxReader *r, const XlsxStyles *s) {
  int i, j;
  r->nXf = s->nXf;
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
  xmlSAXHandler sax;
  XlsxStyles s;
  XlsxPart p;
  int rc;
  memset(&s, 0, sizeof s);
  xlsx_sax_init(&sax, xlsx_styles_start, xlsx_styles_end, NULL);
  rc = xlsx_part_open(r, zPart, XLSX_MAX_PART, &sax, &s, &p, e);
  if (rc == FZ_OK) rc = xlsx_part_parse(&p, e);
  if (rc == FZ_NOTFOUND) rc = FZ_OK;
  if (rc == FZ_OK) xlsx_styles_settle(r, &s);
  xlsx_part_close(&p);
  mem_free(s.aFmtId);
  mem_free(s.aFmtDate);
  mem_free(s.aXfFmt);
  return rc;
}

/* ---- Shared strings ---- */

/* Where the shared strings loader is within <sst>. */
typedef struct XlsxSstState {
  XlsxReader *r;
  int inSi, inRph, collect;
} XlsxSstState;

static void xlsx_sst_begin(XlsxReader *r) {
  if (r->nSst == r->nSstAlloc) {
    r->nSstAlloc = r->nSstAlloc ? r->nSstAlloc * 2 : 256;
    r->aSst = mem_realloc(r->aSst, sizeof(uint32_t) * (size_t)r->nSstAlloc);
  }
  r->aSst[r->nSst++] = (uint32_t)r->sst.n;
}

/* Close the last string: unescape it and end it with a NUL. */
static void xlsx_sst_end(XlsxReader *r) {
  size_t iStart = r->aSst[r->nSst - 1];
  size_t n = r->sst.z ? xlsx_unescape(r->sst.z + iStart, r->sst.n - iStart) : 0;
  str_truncate(&r->sst, iStart + n);
  str_append(&r->sst, "", 1);
}

/* Each <si> is its <t> text, or its rich-text runs' <t> joined; phonetic
 * guides (<rPh>) are not part of the text. */
static void xlsx_sst_start(XLSX_SAX_START_ARGS) {
  XlsxPart *p = pCtx;
  XlsxSstState *s = p->pState;
  const char *zName = (const char *)zLocal;
  XLSX_SAX_START_UNUSED, (void)nAttr, (void)azAttr;
  if (strcmp(zName, "si") == 0) {
    if (s->inSi) xlsx_sst_end(s->r); /* a stray nested <si> */
    xlsx_sst_begin(s->r);
    s->inSi = 1;
  } else if (strcmp(zName, "rPh") == 0) {
    s->inRph = 1;
  } else if (strcmp(zName, "t") == 0) {
    s->collect = s->inSi && !s->inRph;
  }
}

static void xlsx_sst_end_el(XLSX_SAX_END_ARGS) {
  XlsxPart *p = pCtx;
  XlsxSstState *s = p->pState;
  const char *zName = (const char *)zLocal;
  XLSX_SAX_END_UNUSED;
  if (strcmp(zName, "t") == 0) {
    s->collect = 0;
  } else if (strcmp(zName, "rPh") == 0) {
    s->inRph = 0;
  } else if (strcmp(zName, "si") == 0 && s->inSi) {
    xlsx_sst_end(s->r);
    s->inSi = 0;
  }
}

static void xlsx_sst_text(void *pCtx, const xmlChar *z, int n) {
  XlsxPart *p = pCtx;
  XlsxSstState *s = p->pState;
  if (s->collect) str_append(&s->r->sst, (const char *)z, (size_t)n);
}

/* Read the shared strings (optional: a sheet of numbers has none). */
static int xlsx_load_sst(XlsxReader *r, const char *zPart, Err *e) {
  xmlSAXHandler sax;
  XlsxSstState s;
  XlsxPart p;
  int rc;
  memset(&s, 0, sizeof s);
  s.r = r;
  xlsx_sax_init(&sax, xlsx_sst_start, xlsx_sst_end_el, xlsx_sst_text);
  rc = xlsx_part_open(r, zPart, XLSX_MAX_SST, &sax, &s, &p, e);
  if (rc == FZ_OK) rc = xlsx_part_parse(&p, e);
  if (rc == FZ_NOTFOUND) rc = FZ_OK;
  xlsx_part_close(&p);
  return rc;
}

/* ---- Rows: cells into fields, finished rows into the queue ---- */

/* Record a problem with the current cell in the sheet's error, naming sheet
 * and cell (the reference, "B7", is also the error's field). */
static int xlsx_cell_error(XlsxReader *r, const char *zFmt, ...)
    __attribute__((format(printf, 2, 3)));
static int xlsx_cell_error(XlsxReader *r, const char *zFmt, ...) {
  char zRef[24];
  Str s = STR_INIT;
  va_list ap;
  va_start(ap, zFmt);
  str_vappendf(&s, zFmt, ap);
  va_end(ap);
  xlsx_ref_name(r->cellCol, r->iRow, zRef, sizeof zRef);
  err_set_at(&r->sheet.err, FZ_INVALID, r->iRow, zRef,
             "工作表“%s”单元格 %s：%s", r->zSheet, zRef, str_cstr(&s));
  str_free(&s);
  return FZ_INVALID;
}

/* Append a field to the row being built: column iCol, after empty fields
 * for skipped columns. Empty values do not extend the row's nField. */
static int xlsx_row_put(XlsxReader *r, int iCol, int kind, const char *z,
                        size_t n) {
  while (r->nQField - r->iRowField <= iCol) {
    int i = r->nQField;
    if (i == r->nQFieldAlloc) {
      r->nQFieldAlloc = r->nQFieldAlloc ? r->nQFieldAlloc * 2 : 64;
      r->aQOff =
          mem_realloc(r->aQOff, sizeof(size_t) * (size_t)r->nQFieldAlloc);
      r->aQKind = mem_realloc(r->aQKind, (size_t)r->nQFieldAlloc);
    }
    r->aQOff[i] = r->q.n;
    r->aQKind[i] = XLSX_EMPTY;
    if (i - r->iRowField == iCol && n > 0) {
      r->aQKind[i] = (unsigned char)kind;
      str_append(&r->q, z, n);
      r->nField = iCol + 1;
    }
    str_append(&r->q, "", 1);
    r->nQField++;
  }
  if (r->q.n - r->iRowText > XLSX_MAX_ROWBYTES || str_error(&r->q)) {
    return err_set_at(&r->sheet.err, FZ_INVALID, r->iRow, NULL,
                      "工作表“%s”第%ld行的内容超过 %zu MB，不像是正常的表格",
                      r->zSheet, r->iRow, XLSX_MAX_ROWBYTES >> 20);
  }
  return FZ_OK;
}

/* A number cell: a date when its style has a date format and the serial is
 * a date we can hold; otherwise the number's shortest text. */
static int xlsx_cell_number(XlsxReader *r, const char *z) {
  char zNum[40];
  char *zEnd;
  double v;
  if (!*z) return FZ_OK;
  v = strtod(z, &zEnd);
  if (zEnd == z || *zEnd || !isfinite(v)) {
    return xlsx_cell_error(r, "数值“%s”无法识别", z);
  }
  if (r->cellStyle >= 0 && r->cellStyle < r->nXf && r->aXfDate[r->cellStyle]) {
    Err e2 = ERR_INIT;
    Date d;
    int ok =
        date_from_excel_serial(v + (r->date1904 ? 1462 : 0), &d, &e2) == FZ_OK;
    err_clear(&e2);
    if (ok) {
      Str s = STR_INIT;
      int rc;
      date_format_iso(&s, d);
      rc = xlsx_row_put(r, r->cellCol, XLSX_DATE, s.z, s.n);
      str_free(&s);
      return rc;
    }
  }
  xlsx_format_number(v, zNum, sizeof zNum);
  return xlsx_row_put(r, r->cellCol, XLSX_NUMBER, zNum, strlen(zNum));
}

/* A t="d" cell: an ISO 8601 date or date-time; anything else stays text. */
static int xlsx_cell_isodate(XlsxReader *r, const char *z) {
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
  if (!ok) return xlsx_row_put(r, r->cellCol, XLSX_TEXT, z, strlen(z));
  return xlsx_row_put(r, r->cellCol, XLSX_DATE, zDay, 10);
}

/* A t="s" cell: the shared string its value indexes. */
static int xlsx_cell_shared(XlsxReader *r, const char *z) {
  long long i;
  const char *zStr;
  if (!*z) return FZ_OK;
  i = xlsx_parse_uint(z);
  if (i < 0 || i >= r->nSst) {
    return xlsx_cell_error(r,
                           "共享字符串序号“%s”超出范围（共 %d 个），"
                           "文件可能已损坏",
                           z, r->nSst);
  }
  zStr = r->sst.z + r->aSst[i];
  return xlsx_row_put(r, r->cellCol, XLSX_TEXT, zStr, strlen(zStr));
}

/* Turn the finished cell's collected text into a field. */
static int xlsx_cell_finish(XlsxReader *r) {
  char *z = r->cell.z ? r->cell.z : "";
  size_t n = r->cell.n;
  switch (r->cellType) {
  case CT_NUMBER:
    return xlsx_cell_number(r, z);
  case CT_SHARED:
    return xlsx_cell_shared(r, z);
  case CT_STR:
  case CT_INLINE:
    n = xlsx_unescape(z, n);
    return xlsx_row_put(r, r->cellCol, XLSX_TEXT, z, n);
  case CT_BOOL:
    if (!*z) return FZ_OK;
    if (strcmp(z, "1") == 0 || strcmp(z, "true") == 0) {
      return xlsx_row_put(r, r->cellCol, XLSX_BOOL, "1", 1);
    }
    if (strcmp(z, "0") == 0 || strcmp(z, "false") == 0) {
      return xlsx_row_put(r, r->cellCol, XLSX_BOOL, "0", 1);
    }
    return xlsx_cell_error(r, "逻辑值“%s”无法识别", z);
  case CT_ERROR:
    return xlsx_cell_error(r,
                           "公式出错（错误值“%s”），请在 Excel 中更正或改为"
                           "实际值",
                           z);
  case CT_ISODATE:
    return xlsx_cell_isodate(r, z);
  default: /* xlsx_cell_start refused any other type */
    return xlsx_cell_error(r, "单元格类型无法识别");
  }
}

static int xlsx_cell_type(const char *z) {
  static const struct {
    const char *zName;
    int type;
  } aType[] = {{"b", CT_BOOL},           {"d", CT_ISODATE}, {"e", CT_ERROR},
               {"inlineStr", CT_INLINE}, {"n", CT_NUMBER},  {"s", CT_SHARED},
               {"str", CT_STR}};
  size_t i;
  for (i = 0; i < sizeof aType / sizeof aType[0]; i++) {
    if (strcmp(z, aType[i].zName) == 0) return aType[i].type;
  }
  return CT_UNKNOWN;
}

/* <c r="B7" t="s" s="3">: where the cell is, its type and its style. A cell
 * without r follows the previous one. Cells must go left to right. */
static int xlsx_cell_start(XlsxReader *r, int nAttr, const xmlChar **azAttr) {
  char zRef[24], zType[16], zStyle[16];
  int col = r->lastCol + 1;
  long rowRef; /* the row part of r: the <row> already said it */
  long long s;
  r->cellCol = col;
  if (xlsx_attr_buf(nAttr, azAttr, "r", zRef, sizeof zRef) &&
      xlsx_parse_ref(zRef, &col, &rowRef) != 0) {
    return err_set_at(&r->sheet.err, FZ_INVALID, r->iRow, NULL,
                      "工作表“%s”第%ld行：单元格位置“%s”无效", r->zSheet,
                      r->iRow, zRef);
  }
  r->cellCol = col;
  r->cellType = CT_NUMBER;
  if (xlsx_attr_buf(nAttr, azAttr, "t", zType, sizeof zType)) {
    r->cellType = xlsx_cell_type(zType);
    if (r->cellType == CT_UNKNOWN) {
      return xlsx_cell_error(r, "单元格类型“%s”无法识别", zType);
    }
  }
  s = xlsx_attr_buf(nAttr, azAttr, "s", zStyle, sizeof zStyle)
          ? xlsx_parse_uint(zStyle)
          : -1;
  r->cellStyle = s > INT32_MAX ? -1 : (int)s;
  if (col <= r->lastCol || col >= XLSX_MAX_COL) {
    return xlsx_cell_error(r, "单元格顺序错乱或超出 XFD 列，文件可能已损坏");
  }
  r->lastCol = col;
  str_reset(&r->cell);
  r->inCell = 1;
  r->inIs = r->inRph = r->collect = 0;
  return FZ_OK;
}

/* <row r="7">: a new row, numbered by r or following the previous one. */
static int xlsx_row_start(XlsxReader *r, int nAttr, const xmlChar **azAttr) {
  char zRef[16];
  long long iRow = r->iRow + 1;
  if (xlsx_attr_buf(nAttr, azAttr, "r", zRef, sizeof zRef)) {
    iRow = xlsx_parse_uint(zRef);
    if (iRow < 1 || iRow > XLSX_MAX_ROW) {
      return err_set_at(&r->sheet.err, FZ_INVALID, r->iRow, NULL,
                        "工作表“%s”第%ld行之后：行号“%s”无效", r->zSheet,
                        r->iRow, zRef);
    }
  }
  r->iRow = (long)iRow;
  r->iRowField = r->nQField;
  r->iRowText = r->q.n;
  r->nField = 0;
  r->lastCol = -1;
  r->inRow = 1;
  r->inCell = 0;
  return FZ_OK;
}

/* </row>: queue the row if it has a value, keeping fields only up to its
 * last non-empty one; otherwise forget it, as a blank line in a CSV. */
static void xlsx_row_end(XlsxReader *r) {
  if (r->nField > 0) {
    int iEnd = r->iRowField + r->nField;
    XlsxRowRef *p;
    if (iEnd < r->nQField) str_truncate(&r->q, r->aQOff[iEnd]);
    r->nQField = iEnd;
    if (r->nQRow == r->nQRowAlloc) {
      r->nQRowAlloc = r->nQRowAlloc ? r->nQRowAlloc * 2 : 64;
      r->aQRow =
          mem_realloc(r->aQRow, sizeof *r->aQRow * (size_t)r->nQRowAlloc);
    }
    p = &r->aQRow[r->nQRow++];
    p->iRow = r->iRow;
    p->iFirst = r->iRowField;
    p->nField = r->nField;
  } else {
    str_truncate(&r->q, r->iRowText);
    r->nQField = r->iRowField;
  }
  r->iRowField = r->nQField;
  r->iRowText = r->q.n;
  r->inRow = 0;
}

/* Forget the rows handed out, keeping the part of a row still being built
 * (a chunk may end inside one). Only when the queue is empty. */
static void xlsx_queue_reset(XlsxReader *r) {
  int i, nKeep = r->nQField - r->iRowField;
  size_t iText = r->iRowText;
  if (r->q.z && iText > 0) {
    memmove(r->q.z, r->q.z + iText, r->q.n - iText + 1);
    r->q.n -= iText;
  }
  for (i = 0; i < nKeep; i++) {
    r->aQOff[i] = r->aQOff[r->iRowField + i] - iText;
    r->aQKind[i] = r->aQKind[r->iRowField + i];
  }
  r->nQField = nKeep;
  r->iRowField = 0;
  r->iRowText = 0;
  r->nQRow = r->iQRow = 0;
}

static void xlsx_sheet_start(XLSX_SAX_START_ARGS) {
  XlsxPart *p = pCtx;
  XlsxReader *r = p->r;
  const char *zName = (const char *)zLocal;
  int rc = FZ_OK;
  XLSX_SAX_START_UNUSED;
  if (strcmp(zName, "row") == 0) {
    rc = xlsx_row_start(r, nAttr, azAttr);
  } else if (!r->inRow) {
    return;
  } else if (strcmp(zName, "c") == 0) {
    rc = xlsx_cell_start(r, nAttr, azAttr);
  } else if (!r->inCell) {
    return;
  } else if (strcmp(zName, "v") == 0) {
    r->collect = 1;
  } else if (strcmp(zName, "is") == 0) {
    r->inIs = 1;
  } else if (strcmp(zName, "rPh") == 0) {
    r->inRph = 1;
  } else if (strcmp(zName, "t") == 0) {
    r->collect = r->inIs && !r->inRph;
  }
  if (rc) xlsx_part_stop(p);
}

static void xlsx_sheet_end(XLSX_SAX_END_ARGS) {
  XlsxPart *p = pCtx;
  XlsxReader *r = p->r;
  const char *zName = (const char *)zLocal;
  XLSX_SAX_END_UNUSED;
  if (strcmp(zName, "v") == 0 || strcmp(zName, "t") == 0) {
    r->collect = 0;
  } else if (strcmp(zName, "rPh") == 0) {
    r->inRph = 0;
  } else if (strcmp(zName, "is") == 0) {
    r->inIs = 0;
  } else if (strcmp(zName, "c") == 0 && r->inCell) {
    r->inCell = r->collect = 0;
    if (xlsx_cell_finish(r) != FZ_OK) xlsx_part_stop(p);
  } else if (strcmp(zName, "row") == 0 && r->inRow) {
    xlsx_row_end(r);
  } else if (strcmp(zName, "sheetData") == 0) {
    r->done = 1; /* the rest is merges, layout and page setup */
    xml.xmlStopParser(p->ctxt);
  }
}

static void xlsx_sheet_text(void *pCtx, const xmlChar *z, int n) {
  XlsxPart *p = pCtx;
  XlsxReader *r = p->r;
  if (!r->collect) return;
  str_append(&r->cell, (const char *)z, (size_t)n);
  if (r->cell.n > XLSX_MAX_ROWBYTES) {
    xlsx_cell_error(r, "内容过长，不像是正常的表格");
    xlsx_part_stop(p);
  }
}

/* ---- The public API ---- */

/* Find the parts, load what the sheet's cells refer to, and get ready to
 * parse the sheet. */
static int xlsx_load(XlsxReader *r, const char *zSheet, Err *e) {
  xmlSAXHandler sax;
  XlsxBook b;
  const XlsxRel *pRel = NULL;
  Str path = STR_INIT, sheetPath = STR_INIT;
  int rc;
  memset(&b, 0, sizeof b);
  if ((rc = xlsx_load_book(r, &b, e)) != FZ_OK) goto cleanup;
  if ((rc = xlsx_pick_sheet(r, &b, zSheet, &pRel, e)) != FZ_OK) goto cleanup;
  xlsx_resolve(pRel->zTarget, &sheetPath);

  pRel = xlsx_rel_by_type(&b, "/styles");
  xlsx_resolve(pRel ? pRel->zTarget : "styles.xml", &path);
  if ((rc = xlsx_load_styles(r, str_cstr(&path), e)) != FZ_OK) goto cleanup;
  pRel = xlsx_rel_by_type(&b, "/sharedStrings");
  xlsx_resolve(pRel ? pRel->zTarget : "sharedStrings.xml", &path);
  if ((rc = xlsx_load_sst(r, str_cstr(&path), e)) != FZ_OK) goto cleanup;

  xlsx_sax_init(&sax, xlsx_sheet_start, xlsx_sheet_end, xlsx_sheet_text);
  rc = xlsx_part_open(r, str_cstr(&sheetPath), XLSX_MAX_SHEET, &sax, r,
                      &r->sheet, e);
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
  XlsxReader *r;
  int rc = xml_load(e);
  *pp = NULL;
  if (rc != FZ_OK) return rc;
  r = mem_zalloc(sizeof *r);
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

/* Hand out the next queued row; when none is left, parse chunks until one
 * is finished. A sheet error waits until the rows before it are out. */
int xlsx_read_row(XlsxReader *r, int *pHasRow, Err *e) {
  XlsxPart *p = &r->sheet;
  *pHasRow = 0;
  r->cur.nField = 0;
  if (r->rc) return r->rc;
  if (r->iQRow == r->nQRow) {
    xlsx_queue_reset(r);
    while (r->nQRow == 0 && !r->done && !p->eof && xlsx_part_feed(p) == FZ_OK) {
    }
  }
  if (r->iQRow < r->nQRow) {
    r->cur = r->aQRow[r->iQRow++];
    *pHasRow = 1;
    return FZ_OK;
  }
  if (p->rc) {
    r->rc = p->rc;
    err_move(e, &p->err);
  }
  return r->rc;
}

int xlsx_nfield(const XlsxReader *r) {
  return r->cur.nField;
}

/* Past the last field reads as empty, so a short row needs no special case. */
const char *xlsx_field(const XlsxReader *r, int i) {
  if (i < 0 || i >= r->cur.nField) return "";
  return r->q.z + r->aQOff[r->cur.iFirst + i];
}

int xlsx_field_kind(const XlsxReader *r, int i) {
  if (i < 0 || i >= r->cur.nField) return XLSX_EMPTY;
  return r->aQKind[r->cur.iFirst + i];
}

long xlsx_row(const XlsxReader *r) {
  return r->cur.iRow;
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
  str_free(&r->q);
  str_free(&r->cell);
  mem_free(r->aSst);
  mem_free(r->aXfDate);
  mem_free(r->aQOff);
  mem_free(r->aQKind);
  mem_free(r->aQRow);
  mem_free(r->zSheet);
  mem_free(r->zPath);
  mem_free(r);
}
