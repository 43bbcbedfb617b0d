/* table.c — CSV or XLSX behind one row reader (see table.h). */
#include "table.h"

#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/csv.h"
#include "xlsx.h"

struct TabReader {
  CsvReader *pCsv;
  XlsxReader *pXlsx;
};

/* The first bytes tell a zip (XLSX) from text. */
static int looks_like_zip(const char *zPath) {
  unsigned char a[4] = {0};
  FILE *f = fopen(zPath, "rb");
  size_t n;
  if (!f) return 0;
  n = fread(a, 1, sizeof a, f);
  fclose(f);
  return n == 4 && a[0] == 'P' && a[1] == 'K' && a[2] == 3 && a[3] == 4;
}

int tab_open(TabReader **pp, const char *zPath, const char *zSheet, Err *e) {
  TabReader *r = mem_zalloc(sizeof *r);
  size_t n = strlen(zPath);
  int isXlsx = looks_like_zip(zPath) ||
               (n > 5 && strcmp(zPath + n - 5, ".xlsx") == 0);
  int rc;
  *pp = NULL;
  if (!isXlsx && zSheet) {
    mem_free(r);
    return err_set(e, FZ_USAGE, "--sheet 只适用于 XLSX 文件，%s 不是", zPath);
  }
  rc = isXlsx ? xlsx_open(&r->pXlsx, zPath, zSheet, e)
              : csv_open_file(&r->pCsv, zPath, e);
  if (rc != FZ_OK) {
    mem_free(r);
    return rc;
  }
  *pp = r;
  return FZ_OK;
}

int tab_read_row(TabReader *r, int *pHasRow, Err *e) {
  return r->pCsv ? csv_read_row(r->pCsv, pHasRow, e)
                 : xlsx_read_row(r->pXlsx, pHasRow, e);
}

int tab_nfield(const TabReader *r) {
  return r->pCsv ? csv_nfield(r->pCsv) : xlsx_nfield(r->pXlsx);
}

const char *tab_field(const TabReader *r, int i) {
  if (i < 0 || i >= tab_nfield(r)) return "";
  return r->pCsv ? csv_field(r->pCsv, i) : xlsx_field(r->pXlsx, i);
}

long tab_row(const TabReader *r) {
  return r->pCsv ? csv_row(r->pCsv) : xlsx_row(r->pXlsx);
}

const char *tab_encoding(const TabReader *r) {
  return r->pCsv ? csv_encoding(r->pCsv) : "XLSX";
}

const char *tab_sheet(const TabReader *r) {
  return r->pXlsx ? xlsx_sheet_name(r->pXlsx) : NULL;
}

long long tab_bytes_read(const TabReader *r) {
  return r->pCsv ? csv_bytes_read(r->pCsv) : xlsx_bytes_read(r->pXlsx);
}

long long tab_bytes_total(const TabReader *r) {
  return r->pCsv ? csv_bytes_total(r->pCsv) : xlsx_bytes_total(r->pXlsx);
}

void tab_close(TabReader *r) {
  if (!r) return;
  csv_close(r->pCsv);
  xlsx_close(r->pXlsx);
  mem_free(r);
}
