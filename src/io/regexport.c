/* regexport.c — CSV and XLSX export of a register (see regexport.h). Both
 * stream: one record at a time from reg_list, so memory does not grow with
 * the register. */
#include "regexport.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../base/utf8.h"
#include "../base/csv.h"

#define WIDTH_MIN 8
#define WIDTH_MAX 60

int regexport_format(const char *z, int *pFormat, Err *e) {
  if (z && strcmp(z, "csv") == 0) *pFormat = EXPORT_CSV;
  else if (z && strcmp(z, "xlsx") == 0) *pFormat = EXPORT_XLSX;
  else return err_set(e, FZ_USAGE, "导出格式应为 csv 或 xlsx");
  return FZ_OK;
}

/* ---- CSV ---- */

typedef struct CsvOut {
  FILE *f;
  const Actor *a;
  Str line;
  long n;
  int ioError;
} CsvOut;

static void csv_header(const Register *p, Str *s) {
  int i;
  csv_write_field(s, "机构", 1);
  for (i = 0; i < p->nField; i++) csv_write_field(s, p->aField[i].zLabel, 0);
  str_puts(s, "\r\n");
}

/* A text cell that starts like a formula is run by Excel when the CSV is
 * opened (CSV injection): a leading ' makes it plain text there, and the
 * importer takes it off again (regimport.c). */
static int looks_like_formula(const char *z) {
  return z[0] == '=' || z[0] == '+' || z[0] == '-' || z[0] == '@' ||
         z[0] == '\t' || z[0] == '\r';
}

static int csv_row_out(const Record *r, void *pArg) {
  CsvOut *c = pArg;
  Str v = STR_INIT;
  int i;
  str_reset(&c->line);
  csv_write_field(&c->line, r->zOrg, 1);
  for (i = 0; i < r->pReg->nField; i++) {
    str_reset(&v);
    if (r->pReg->aField[i].type == FT_TEXT && r->aVal[i].z &&
        looks_like_formula(r->aVal[i].z)) {
      str_putc(&v, '\'');
    }
    reg_format_value(r, i, 1, c->a, &v);
    csv_write_field(&c->line, str_cstr(&v), 0);
  }
  str_puts(&c->line, "\r\n");
  str_free(&v);
  if (fwrite(c->line.z, 1, c->line.n, c->f) != c->line.n) c->ioError = 1;
  c->n++;
  return c->ioError ? FZ_IO : FZ_OK;
}

static int export_csv(Db *db, const Actor *a, const Register *p,
                      const RegQuery *q, const char *zTmp, long *pn, Err *e) {
  CsvOut c;
  int rc;
  memset(&c, 0, sizeof c);
  c.a = a;
  c.f = fopen(zTmp, "wb");
  if (!c.f) return err_set(e, FZ_IO, "无法写入文件 %s", zTmp);
  fputs("\xEF\xBB\xBF", c.f);
  csv_header(p, &c.line);
  fwrite(c.line.z, 1, c.line.n, c.f);
  rc = reg_list(db, a, p, q, csv_row_out, &c, NULL, e);
  if (fclose(c.f) != 0 || c.ioError) {
    rc = err_set(e, FZ_IO, "写入文件 %s 失败（磁盘已满？）", zTmp);
  }
  str_free(&c.line);
  *pn = c.n;
  return rc;
}

/* ---- XLSX ---- */

typedef struct XlsxOut {
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *fDate, *fMoney, *fHead;
  const Actor *a;
  int *aWidth; /* display width per column */
  lxw_row_t row;
  int xlsxError;
} XlsxOut;

/* Columns a CJK character fills twice the width of a Latin one. */
static int display_width(const char *z) {
  const char *p = z, *zEnd = z + strlen(z);
  int w = 0;
  while (p < zEnd) {
    int32_t c = utf8_decode(&p, zEnd);
    w += (c >= 0x1100) ? 2 : 1;
  }
  return w;
}

static void note_width(XlsxOut *x, int col, const char *z) {
  int w = display_width(z);
  if (w > x->aWidth[col]) x->aWidth[col] = w;
}

static void xlsx_cell(XlsxOut *x, const Record *r, int i, int col) {
  const RegField *f = &r->pReg->aField[i];
  const RegValue *v = &r->aVal[i];
  Str s = STR_INIT;
  lxw_error err = LXW_NO_ERROR;
  if (!v->isSet || v->isNull) return;
  reg_format_value(r, i, 1, x->a, &s);
  note_width(x, col, str_cstr(&s));
  if (f->type == FT_DATE) {
    lxw_datetime dt;
    memset(&dt, 0, sizeof dt);
    sscanf(v->z, "%d-%d-%d", &dt.year, &dt.month, &dt.day);
    err = worksheet_write_datetime(x->ws, x->row, (lxw_col_t)col, &dt, x->fDate);
  } else if (f->type == FT_INT || f->type == FT_REF) {
    err = worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)v->i, NULL);
  } else if (f->type == FT_MONEY) {
    err = worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)v->i / 100.0,
                                 x->fMoney);
  } else {
    err = worksheet_write_string(x->ws, x->row, (lxw_col_t)col, str_cstr(&s), NULL);
  }
  if (err != LXW_NO_ERROR) x->xlsxError = 1;
  str_free(&s);
}

static int xlsx_row_out(const Record *r, void *pArg) {
  XlsxOut *x = pArg;
  int i;
  x->row++;
  worksheet_write_string(x->ws, x->row, 0, r->zOrg, NULL);
  note_width(x, 0, r->zOrg);
  for (i = 0; i < r->pReg->nField; i++) xlsx_cell(x, r, i, i + 1);
  return x->xlsxError ? FZ_IO : FZ_OK;
}

static void xlsx_header(XlsxOut *x, const Register *p) {
  int i;
  worksheet_write_string(x->ws, 0, 0, "机构", x->fHead);
  note_width(x, 0, "机构");
  for (i = 0; i < p->nField; i++) {
    worksheet_write_string(x->ws, 0, (lxw_col_t)(i + 1), p->aField[i].zLabel, x->fHead);
    note_width(x, i + 1, p->aField[i].zLabel);
  }
  worksheet_freeze_panes(x->ws, 1, 0);
}

static int export_xlsx(Db *db, const Actor *a, const Register *p,
                       const RegQuery *q, const char *zTmp, long *pn, Err *e) {
  lxw_workbook_options opt = {LXW_TRUE, NULL, LXW_FALSE};
  XlsxOut x;
  int i, rc;
  lxw_error err;
  memset(&x, 0, sizeof x);
  x.a = a;
  x.wb = workbook_new_opt(zTmp, &opt);
  if (!x.wb) return err_set(e, FZ_IO, "无法创建文件 %s", zTmp);
  x.ws = workbook_add_worksheet(x.wb, p->zLabel);
  x.fDate = workbook_add_format(x.wb);
  format_set_num_format(x.fDate, "yyyy-mm-dd");
  x.fMoney = workbook_add_format(x.wb);
  format_set_num_format(x.fMoney, "0.00");
  x.fHead = workbook_add_format(x.wb);
  format_set_bold(x.fHead);
  x.aWidth = mem_zalloc(sizeof(int) * (size_t)(p->nField + 1));
  xlsx_header(&x, p);
  rc = reg_list(db, a, p, q, xlsx_row_out, &x, NULL, e);
  for (i = 0; i <= p->nField; i++) {
    int w = x.aWidth[i] + 2;
    w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
    worksheet_set_column(x.ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
  }
  err = workbook_close(x.wb);
  if (rc == FZ_OK && (err != LXW_NO_ERROR || x.xlsxError)) {
    rc = err_set(e, FZ_IO, "写入 XLSX 文件失败：%s", lxw_strerror(err));
  }
  *pn = (long)x.row;
  mem_free(x.aWidth);
  return rc;
}

int regexport_file(Db *db, const Actor *a, const Register *p,
                   const RegQuery *q, int format, const char *zPath,
                   long *pnRows, Err *e) {
  Str tmp = STR_INIT;
  int rc;
  *pnRows = 0;
  str_appendf(&tmp, "%s.tmp-%ld", zPath, (long)getpid());
  rc = format == EXPORT_XLSX ? export_xlsx(db, a, p, q, str_cstr(&tmp), pnRows, e)
                             : export_csv(db, a, p, q, str_cstr(&tmp), pnRows, e);
  if (rc == FZ_OK && rename(str_cstr(&tmp), zPath) != 0) {
    rc = err_set(e, FZ_IO, "无法写入文件 %s", zPath);
  }
  if (rc != FZ_OK) remove(str_cstr(&tmp));
  str_free(&tmp);
  return rc;
}
