/* doc.c — the document model (see doc.h). */
#include "doc.h"

#include <string.h>

#include "../base/mem.h"

void doc_init(Doc *d) {
  memset(d, 0, sizeof *d);
}

void doc_clear(Doc *d) {
  int i, k;
  for (i = 0; i < d->nBlock; i++) {
    for (k = 0; k < d->aBlock[i].nRun; k++) {
      mem_free(d->aBlock[i].aRun[k].zText);
      mem_free(d->aBlock[i].aRun[k].zMetric);
    }
    mem_free(d->aBlock[i].aRun);
  }
  mem_free(d->aBlock);
  mem_free(d->zOrg);
  doc_init(d);
}

DocBlock *doc_block(Doc *d, int kind) {
  DocBlock *b;
  if (d->nBlock == d->nAlloc) {
    d->nAlloc = d->nAlloc ? d->nAlloc * 2 : 16;
    d->aBlock = mem_realloc(d->aBlock, sizeof(DocBlock) * (size_t)d->nAlloc);
  }
  b = &d->aBlock[d->nBlock++];
  memset(b, 0, sizeof *b);
  b->kind = kind;
  return b;
}

static DocRun *new_run(DocBlock *b) {
  if (b->nRun == b->nAlloc) {
    b->nAlloc = b->nAlloc ? b->nAlloc * 2 : 8;
    b->aRun = mem_realloc(b->aRun, sizeof(DocRun) * (size_t)b->nAlloc);
  }
  return &b->aRun[b->nRun++];
}

void doc_cell(DocBlock *b, const char *z, const char *zMetric) {
  DocRun *r = new_run(b);
  r->style = zMetric ? RUN_FIGURE : RUN_PLAIN;
  r->zText = mem_strdup(z);
  r->zMetric = mem_strdup(zMetric);
}

void doc_run(DocBlock *b, int style, const char *z, int n, const char *zMetric) {
  DocRun *r;
  size_t len = n < 0 ? strlen(z) : (size_t)n;
  if (len == 0) return;
  /* Plain text after plain text of the same style joins the last run. */
  if (b->nRun > 0 && !zMetric && !b->aRun[b->nRun - 1].zMetric &&
      b->aRun[b->nRun - 1].style == style) {
    Str s = STR_INIT;
    r = &b->aRun[b->nRun - 1];
    str_puts(&s, r->zText);
    str_append(&s, z, len);
    mem_free(r->zText);
    r->zText = str_detach(&s);
    return;
  }
  r = new_run(b);
  r->style = style;
  r->zText = mem_strndup(z, len);
  r->zMetric = mem_strdup(zMetric);
}

void doc_block_text(const DocBlock *b, Str *s) {
  int i;
  for (i = 0; i < b->nRun; i++) str_puts(s, b->aRun[i].zText);
}
