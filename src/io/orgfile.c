/* orgfile.c — org tree CSV import (see orgfile.h): map the header, turn each
 * row into an OrgUnit, hand the lot to org_import. */
#include "orgfile.h"

#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../base/csv.h"

enum { COL_CODE, COL_PARENT, COL_KIND, COL_NAME, COL_USCC, COL_COUNT };

static const struct {
  const char *zField;
  const char *zLabel;
  int required; /* the column must be present (its value may still be empty) */
} aCol[COL_COUNT] = {
    {"code", "编码", 1},
    {"parent", "上级", 1},
    {"kind", "类型", 1},
    {"name", "名称", 1},
    {"uscc", "统一社会信用代码", 0},
};

/* Trim ASCII white space in place (Excel users leave stray spaces). */
static char *trim(char *z) {
  size_t n;
  while (*z == ' ' || *z == '\t') z++;
  n = strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) z[--n] = 0;
  return z;
}

/* Map header cells to columns: aMap[i] is the column of cell i. */
static int map_header(CsvReader *r, int *aMap, int nCell, Err *e) {
  int seen[COL_COUNT] = {0};
  int i, c, nBad = 0;
  for (i = 0; i < nCell; i++) {
    char *z = mem_strdup(csv_field(r, i));
    const char *zName = trim(z);
    aMap[i] = -1;
    for (c = 0; c < COL_COUNT; c++) {
      if (strcmp(zName, aCol[c].zField) == 0 || strcmp(zName, aCol[c].zLabel) == 0)
        aMap[i] = c;
    }
    if (aMap[i] < 0) {
      err_add_item(e, 1, zName, NULL,
                   "未知的列“%s”；可用的列：编码、上级、类型、名称、统一社会信用代码",
                   zName);
      nBad++;
    } else if (seen[aMap[i]]++) {
      err_add_item(e, 1, zName, NULL, "列“%s”出现了两次", zName);
      nBad++;
    }
    mem_free(z);
  }
  for (c = 0; c < COL_COUNT; c++) {
    if (aCol[c].required && !seen[c]) {
      err_add_item(e, 1, aCol[c].zLabel, NULL, "缺少必需的列“%s”",
                   aCol[c].zLabel);
      nBad++;
    }
  }
  return nBad ? err_set_at(e, FZ_INVALID, 1, NULL,
                           "表头有误（第1行），未导入任何数据")
              : FZ_OK;
}

typedef struct OrgBatch {
  OrgUnit *aUnit;
  long *aRow;
  int n, nAlloc;
} OrgBatch;

static OrgUnit *batch_add(OrgBatch *b, long row) {
  if (b->n == b->nAlloc) {
    b->nAlloc = b->nAlloc ? b->nAlloc * 2 : 64;
    b->aUnit = mem_realloc(b->aUnit, sizeof(OrgUnit) * (size_t)b->nAlloc);
    b->aRow = mem_realloc(b->aRow, sizeof(long) * (size_t)b->nAlloc);
  }
  memset(&b->aUnit[b->n], 0, sizeof(OrgUnit));
  b->aRow[b->n] = row;
  return &b->aUnit[b->n++];
}

static void batch_free(OrgBatch *b) {
  int i;
  for (i = 0; i < b->n; i++) org_unit_clear(&b->aUnit[i]);
  mem_free(b->aUnit);
  mem_free(b->aRow);
}

/* Turn one data row into a unit; a bad kind is listed and the row kept out. */
static void read_row(CsvReader *r, const int *aMap, int nMap, OrgBatch *b,
                     Err *e) {
  long row = csv_row(r);
  OrgUnit *u;
  int i, nField = csv_nfield(r);
  if (nField != nMap) {
    err_add_item(e, row, NULL, NULL, "本行有%d列，表头有%d列", nField, nMap);
    return;
  }
  u = batch_add(b, row);
  u->kind = -1;
  for (i = 0; i < nField; i++) {
    char *zCopy = mem_strdup(csv_field(r, i));
    char *z = trim(zCopy);
    char *zVal = z[0] ? mem_strdup(z) : NULL;
    switch (aMap[i]) {
    case COL_CODE: u->zCode = zVal; break;
    case COL_PARENT: u->zParent = zVal; break;
    case COL_NAME: u->zName = zVal; break;
    case COL_USCC: u->zUscc = zVal; break;
    case COL_KIND: {
      Err eKind = ERR_INIT;
      if (!zVal) {
        err_add_item(e, row, "类型", NULL, "类型不能为空");
      } else if (org_kind_parse(zVal, &u->kind, &eKind) != FZ_OK) {
        err_add_item(e, row, "类型", zVal, "%s", err_msg(&eKind));
      }
      err_clear(&eKind);
      mem_free(zVal);
      break;
    }
    }
    mem_free(zCopy);
  }
  if (u->kind < 0) {
    org_unit_clear(u);
    b->n--;
  }
}

int orgfile_import(Db *db, const char *zPath, int flags, const char *zUser,
                   OrgImportStats *pStats, Err *e) {
  CsvReader *r = NULL;
  OrgBatch b = {0};
  int *aMap = NULL, nMap = 0, hasRow = 0, rc;
  memset(pStats, 0, sizeof *pStats);
  rc = csv_open_file(&r, zPath, e);
  if (rc != FZ_OK) goto cleanup;
  rc = csv_read_row(r, &hasRow, e);
  if (rc != FZ_OK) goto cleanup;
  if (!hasRow) {
    rc = err_set(e, FZ_INVALID, "文件 %s 是空的：至少需要表头一行", zPath);
    goto cleanup;
  }
  nMap = csv_nfield(r);
  aMap = mem_alloc(sizeof(int) * (size_t)nMap);
  rc = map_header(r, aMap, nMap, e);
  if (rc != FZ_OK) goto cleanup;
  while ((rc = csv_read_row(r, &hasRow, e)) == FZ_OK && hasRow) {
    read_row(r, aMap, nMap, &b, e);
  }
  if (rc != FZ_OK) goto cleanup;
  rc = org_import(db, b.aUnit, b.aRow, b.n, flags, zUser, pStats, e);
cleanup:
  mem_free(aMap);
  batch_free(&b);
  csv_close(r);
  return rc;
}
