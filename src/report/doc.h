/* doc.h — a rendered report as a small document model: a list of blocks
 * (title lines, headings, paragraphs, signature), each a list of runs of
 * text. A run made from a metric remembers the metric's name, so every
 * writer can link a figure to the records behind it. Writers: Markdown and
 * HTML (docwrite.c), DOCX laid out to GB/T 9704 (docx.c). */
#ifndef FZ_DOC_H
#define FZ_DOC_H

#include <stddef.h>

#include "../base/err.h"
#include "../base/str.h"

/* Block kinds, in the order a report uses them. */
enum {
  DOC_TITLE,     /* 2号小标宋, centred; a title may span several blocks */
  DOC_HEADING1,  /* "一、主要工作成效": 3号黑体, its own line, indented 2 chars */
  DOC_PARA,      /* body text: 3号仿宋, first line indented 2 characters */
  DOC_SIGNATURE, /* the issuing org at the end, right-aligned */
  DOC_DATE,      /* the date under it ("2025年1月10日"), right-aligned */
  DOC_TABLE      /* a table: nCol cells (runs) a row, the header row first */
};

/* Run styles within a block. */
enum {
  RUN_PLAIN,  /* the block's own font */
  RUN_LEAD,   /* a paragraph's lead-in "（一）健全法治体系，…。": 3号楷体 */
  RUN_FIGURE  /* text made from a metric (same font; linkable) */
};

typedef struct DocRun {
  int style;       /* RUN_* */
  char *zText;     /* UTF-8, owned */
  char *zMetric;   /* RUN_FIGURE: the metric's name, owned; else NULL */
} DocRun;

typedef struct DocBlock {
  int kind;        /* DOC_* */
  DocRun *aRun;
  int nRun, nAlloc;
  int nCol;        /* DOC_TABLE: cells a row */
} DocBlock;

typedef struct Doc {
  DocBlock *aBlock;
  int nBlock, nAlloc;
  char *zOrg;      /* org code the report is for (links), owned */
  int year;
} Doc;

void doc_init(Doc *d);
void doc_clear(Doc *d);
/* Append a block and return it (valid until the next doc_block). */
DocBlock *doc_block(Doc *d, int kind);
/* Append a run of n bytes of z (NUL-terminated when n < 0). */
void doc_run(DocBlock *b, int style, const char *z, int n, const char *zMetric);
/* Append one table cell (a run of its own, never joined; "" allowed). */
void doc_cell(DocBlock *b, const char *z, const char *zMetric);
/* The whole text of a block, runs concatenated (for tests and checks). */
void doc_block_text(const DocBlock *b, Str *s);

/* Writers. zLinkBase: HTML links for figures are
 * zLinkBase + "?metric=NAME&org=CODE&year=YYYY" (NULL: no links). */
void doc_write_markdown(const Doc *d, Str *s);
void doc_write_html(const Doc *d, const char *zLinkBase, Str *s);
/* Write a .docx to zPath (atomically: a temp file renamed into place). */
int doc_write_docx(const Doc *d, const char *zPath, Err *e);

#endif
