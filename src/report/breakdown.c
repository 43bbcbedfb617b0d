/* breakdown.c — counties (for the country: provinces) side by side (see
 * breakdown.h). The columns are a table of metric names, so a province and
 * a prefecture read the same figures the county reports state, each
 * computed the one way the catalog computes it. */
#include "breakdown.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../base/mem.h"
#include "../domain/org.h"

static const char *const azColumn[] = {
    "mediation.accepted", "mediation.rate",   "aid.accepted",        "recon.accepted",
    "litigation.cases",   "publicity.activities", "deadline.ontime_rate",
};
#define N_COLUMN ((int)(sizeof azColumn / sizeof azColumn[0]))

typedef struct Counties {
  const char *zRoot;
  int kind; /* of the rows: ORG_COUNTY, or ORG_PROVINCE under the country */
  BreakdownRow *a;
  int n, nAlloc;
} Counties;

/* What a row is called, in the caption and the first column's header. */
static const char *row_label(int rowKind) {
  return rowKind == ORG_PROVINCE ? "省（自治区、直辖市）" : "县（市、区）";
}

static int county_seen(const OrgUnit *u, void *pArg) {
  Counties *c = pArg;
  if (u->kind != c->kind || strcmp(u->zCode, c->zRoot) == 0) return FZ_OK;
  if (c->n == c->nAlloc) {
    c->nAlloc = c->nAlloc ? 2 * c->nAlloc : 16;
    c->a = mem_realloc(c->a, sizeof *c->a * (size_t)c->nAlloc);
  }
  memset(&c->a[c->n], 0, sizeof c->a[0]);
  c->a[c->n].zCode = mem_strdup(u->zCode);
  c->a[c->n++].zName = mem_strdup(u->zName);
  return FZ_OK;
}

static int eval_row(Db *db, const Breakdown *b, BreakdownRow *row, const char *zOrg, int year,
                    Err *e) {
  MetricScope s;
  int i, rc = metric_scope(db, zOrg, year, &s, e);
  row->aValue = mem_zalloc(sizeof(MetricValue) * (size_t)b->nCol);
  for (i = 0; rc == FZ_OK && i < b->nCol; i++) rc = metric_eval(db, b->apCol[i], &s, &row->aValue[i], e);
  return rc;
}

int breakdown_build(Db *db, const MetricScope *s, Breakdown *b, Err *e) {
  Counties c;
  int i, rc;
  memset(b, 0, sizeof *b);
  memset(&c, 0, sizeof c);
  c.zRoot = s->zOrg;
  /* 3,000 counties side by side would say nothing: a country's rows are
   * its provinces */
  c.kind = strcmp(s->zOrg, ORG_COUNTRY_CODE) == 0 ? ORG_PROVINCE : ORG_COUNTY;
  b->rowKind = c.kind;
  b->apCol = mem_zalloc(sizeof(Metric *) * N_COLUMN);
  for (i = 0; i < N_COLUMN; i++) b->apCol[i] = metric_find(azColumn[i]);
  b->nCol = N_COLUMN;
  rc = org_walk(db, s->zOrg, county_seen, &c, e);
  b->aRow = c.a;
  b->nRow = c.n;
  if (rc != FZ_OK || c.n == 0) return rc;
  for (i = 0; rc == FZ_OK && i < c.n; i++) rc = eval_row(db, b, &b->aRow[i], c.a[i].zCode, s->year, e);
  if (rc == FZ_OK) { /* the total: the subtree itself, not a sum of rates */
    b->aRow = mem_realloc(b->aRow, sizeof *b->aRow * (size_t)(c.n + 1));
    memset(&b->aRow[c.n], 0, sizeof b->aRow[0]);
    b->aRow[c.n].zCode = mem_strdup(s->zOrg);
    b->aRow[c.n].zName = mem_strdup("合计");
    b->nRow = c.n + 1;
    rc = eval_row(db, b, &b->aRow[c.n], s->zOrg, s->year, e);
  }
  return rc;
}

void breakdown_clear(Breakdown *b) {
  int i, k;
  for (i = 0; i < b->nRow; i++) {
    for (k = 0; b->aRow[i].aValue && k < b->nCol; k++) metric_value_clear(&b->aRow[i].aValue[k]);
    mem_free(b->aRow[i].aValue);
    mem_free(b->aRow[i].zCode);
    mem_free(b->aRow[i].zName);
  }
  mem_free(b->aRow);
  mem_free(b->apCol);
  memset(b, 0, sizeof *b);
}

/* "受理矛盾纠纷（起）": the label and the unit, for a header. */
static void header_text(const Metric *m, Str *s) {
  str_puts(s, m->zLabel);
  if (m->zUnit[0] && strcmp(m->zUnit, "%") != 0) str_appendf(s, "（%s）", m->zUnit);
}

int breakdown_doc(const Breakdown *b, Doc *d, Err *e) {
  DocBlock *t;
  Str caption = STR_INIT;
  int i, k, rc = FZ_OK;
  if (b->nRow == 0) return FZ_OK;
  str_appendf(&caption, "所辖各%s主要数据如下表。", row_label(b->rowKind));
  doc_run(doc_block(d, DOC_PARA), RUN_PLAIN, str_cstr(&caption), -1, NULL);
  str_free(&caption);
  t = doc_block(d, DOC_TABLE);
  t->nCol = b->nCol + 1;
  doc_cell(t, row_label(b->rowKind), NULL);
  for (k = 0; k < b->nCol; k++) {
    Str h = STR_INIT;
    header_text(b->apCol[k], &h);
    doc_cell(t, str_cstr(&h), NULL);
    str_free(&h);
  }
  for (i = 0; rc == FZ_OK && i < b->nRow; i++) {
    doc_cell(t, b->aRow[i].zName, NULL);
    for (k = 0; rc == FZ_OK && k < b->nCol; k++) {
      Str v = STR_INIT;
      rc = metric_format(&b->aRow[i].aValue[k], "", &v, e);
      doc_cell(t, str_cstr(&v), b->apCol[k]->zName);
      str_free(&v);
    }
  }
  return rc;
}

/* A figure as a number Excel can sum: counts whole, rates as a fraction
 * under a percent format (numerator / denominator, unrounded). */
static lxw_error xlsx_value(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            const MetricValue *v, lxw_format *fPct) {
  int kind = v->pMetric->kind;
  if (kind == MK_RATE || kind == MK_DL_RATE) {
    if (v->den == 0) return worksheet_write_string(ws, row, col, "—", NULL);
    return worksheet_write_number(ws, row, col, (double)v->v / (double)v->den, fPct);
  }
  return worksheet_write_number(ws, row, col, (double)v->v, NULL);
}

int breakdown_xlsx(const Breakdown *b, const char *zTitle, const char *zPath, Err *e) {
  lxw_workbook *wb = workbook_new(zPath); /* a small sheet: kept in memory */
  lxw_worksheet *ws;
  lxw_format *fHead, *fPct;
  lxw_error err = LXW_NO_ERROR;
  int i, k;
  if (!wb) return err_set(e, FZ_IO, "无法创建 XLSX 文件 %s", zPath);
  ws = workbook_add_worksheet(wb, "各县主要数据");
  fHead = workbook_add_format(wb);
  format_set_bold(fHead);
  format_set_text_wrap(fHead);
  fPct = workbook_add_format(wb);
  format_set_num_format(fPct, "0.00%");
  worksheet_write_string(ws, 0, 0, zTitle, fHead);
  worksheet_write_string(ws, 1, 0, row_label(b->rowKind), fHead);
  worksheet_write_string(ws, 1, 1, "机构编码", fHead);
  for (k = 0; k < b->nCol; k++) {
    Str h = STR_INIT;
    header_text(b->apCol[k], &h);
    worksheet_write_string(ws, 1, (lxw_col_t)(k + 2), str_cstr(&h), fHead);
    str_free(&h);
  }
  for (i = 0; i < b->nRow && err == LXW_NO_ERROR; i++) {
    worksheet_write_string(ws, (lxw_row_t)(i + 2), 0, b->aRow[i].zName, NULL);
    worksheet_write_string(ws, (lxw_row_t)(i + 2), 1, b->aRow[i].zCode, NULL);
    for (k = 0; k < b->nCol && err == LXW_NO_ERROR; k++) {
      err = xlsx_value(ws, (lxw_row_t)(i + 2), (lxw_col_t)(k + 2), &b->aRow[i].aValue[k], fPct);
    }
  }
  worksheet_freeze_panes(ws, 2, 1);
  worksheet_set_column(ws, 0, 0, 16, NULL);
  worksheet_set_column(ws, 1, 1, 16, NULL);
  worksheet_set_column(ws, 2, (lxw_col_t)(b->nCol + 1), 14, NULL);
  if (err == LXW_NO_ERROR) err = workbook_close(wb);
  else workbook_close(wb);
  if (err != LXW_NO_ERROR) return err_set(e, FZ_IO, "写入 XLSX 文件失败：%s", lxw_strerror(err));
  return FZ_OK;
}
