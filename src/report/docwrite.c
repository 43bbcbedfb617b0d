/* docwrite.c — the Markdown and HTML writers of the document model. HTML
 * escapes every run and links each figure to the records behind it. */
#include <string.h>

#include "doc.h"

/* A pipe table; "|" inside a cell is escaped. */
static void markdown_table(const DocBlock *b, Str *s) {
  int k;
  for (k = 0; k < b->nRun; k++) {
    const char *z;
    str_puts(s, k % b->nCol ? " " : "| ");
    for (z = b->aRun[k].zText; *z; z++) {
      if (*z == '|') str_putc(s, '\\');
      str_putc(s, *z);
    }
    str_puts(s, " |");
    if (k % b->nCol == b->nCol - 1) {
      str_putc(s, '\n');
      if (k == b->nCol - 1) {
        int c;
        for (c = 0; c < b->nCol; c++) str_puts(s, c ? "---|" : "|---|");
        str_putc(s, '\n');
      }
    }
  }
  str_putc(s, '\n');
}

void doc_write_markdown(const Doc *d, Str *s) {
  int i, k;
  for (i = 0; i < d->nBlock; i++) {
    const DocBlock *b = &d->aBlock[i];
    if (b->kind == DOC_TABLE) {
      markdown_table(b, s);
      continue;
    }
    if (b->kind == DOC_TITLE) str_puts(s, "# ");
    else if (b->kind == DOC_HEADING1) str_puts(s, "## ");
    for (k = 0; k < b->nRun; k++) {
      const DocRun *r = &b->aRun[k];
      int strong = r->style == RUN_LEAD;
      if (strong) str_puts(s, "**");
      str_puts(s, r->zText);
      if (strong) str_puts(s, "**");
    }
    if (b->kind == DOC_SIGNATURE || b->kind == DOC_DATE) str_puts(s, "  ");
    str_puts(s, "\n\n");
  }
}

/* Text into HTML: & < > " ' escaped, nothing else changed. */
static void html_escape(Str *s, const char *z) {
  for (; *z; z++) {
    switch (*z) {
    case '&': str_puts(s, "&amp;"); break;
    case '<': str_puts(s, "&lt;"); break;
    case '>': str_puts(s, "&gt;"); break;
    case '"': str_puts(s, "&quot;"); break;
    case '\'': str_puts(s, "&#39;"); break;
    default: str_putc(s, *z);
    }
  }
}

static void html_run(const Doc *d, const DocRun *r, const char *zLinkBase, Str *s) {
  if (r->zMetric && zLinkBase) {
    Str href = STR_INIT;
    str_appendf(&href, "%s?metric=%s&org=%s&year=%d", zLinkBase, r->zMetric,
                d->zOrg ? d->zOrg : "", d->year);
    str_puts(s, "<a class=\"figure\" data-metric=\"");
    html_escape(s, r->zMetric);
    str_puts(s, "\" href=\"");
    html_escape(s, str_cstr(&href));
    str_puts(s, "\">");
    html_escape(s, r->zText);
    str_puts(s, "</a>");
    str_free(&href);
  } else if (r->zMetric) {
    str_puts(s, "<span class=\"figure\" data-metric=\"");
    html_escape(s, r->zMetric);
    str_puts(s, "\">");
    html_escape(s, r->zText);
    str_puts(s, "</span>");
  } else if (r->style == RUN_LEAD) {
    str_puts(s, "<span class=\"lead\">");
    html_escape(s, r->zText);
    str_puts(s, "</span>");
  } else {
    html_escape(s, r->zText);
  }
}

/* The header row in <thead>; figures link like the text's. */
static void html_table(const Doc *d, const DocBlock *b, const char *zLinkBase, Str *s) {
  int k;
  str_puts(s, "<table class=\"breakdown\"><thead>");
  for (k = 0; k < b->nRun; k++) {
    const char *zCell = k < b->nCol ? "th" : "td";
    if (k % b->nCol == 0) str_puts(s, k == b->nCol ? "</thead><tbody><tr>" : "<tr>");
    str_appendf(s, "<%s>", zCell);
    html_run(d, &b->aRun[k], zLinkBase, s);
    str_appendf(s, "</%s>", zCell);
    if (k % b->nCol == b->nCol - 1) str_puts(s, "</tr>");
  }
  str_puts(s, "</tbody></table>\n");
}

void doc_write_html(const Doc *d, const char *zLinkBase, Str *s) {
  static const char *const azTag[] = {"h1", "h2", "p", "p class=\"sign\"",
                                      "p class=\"date\""};
  static const char *const azEnd[] = {"h1", "h2", "p", "p", "p"};
  int i, k;
  for (i = 0; i < d->nBlock; i++) {
    const DocBlock *b = &d->aBlock[i];
    if (b->kind == DOC_TABLE) {
      html_table(d, b, zLinkBase, s);
      continue;
    }
    str_appendf(s, "<%s>", azTag[b->kind]);
    for (k = 0; k < b->nRun; k++) html_run(d, &b->aRun[k], zLinkBase, s);
    str_appendf(s, "</%s>\n", azEnd[b->kind]);
  }
}
