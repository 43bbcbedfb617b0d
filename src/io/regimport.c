/* regimport.c — a spreadsheet into a register (see regimport.h). The header
 * maps columns to fields (names or Chinese labels, any order, unknown columns
 * refused); each row goes through the same reg_set_text and reg_writer_insert
 * as a form, inside one transaction that commits only if every row is good. */
#include "regimport.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../domain/regstore.h"
#include "table.h"

#define COL_ORG (-2)
#define COL_BLANK (-3) /* a column with no header (Excel's trailing commas) */
#define PROGRESS_EVERY 4096
#define FILE_DIGEST_HEX (2 * 64 + 1)

/* BLAKE2b-512 of the file's bytes, hex — what `b2sum FILE` prints, so a
 * clerk can check the batch against the file. (SHA-256 in Debian's
 * libsodium runs at ~50 instructions a byte, a tenth of a large import.) */
static int file_digest(const char *zPath, char zHex[FILE_DIGEST_HEX], Err *e) {
  crypto_generichash_state st;
  unsigned char aBuf[65536], aHash[crypto_generichash_BYTES_MAX];
  FILE *f = fopen(zPath, "rb");
  size_t n;
  if (!f) return err_set(e, FZ_IO, "无法读取文件 %s", zPath);
  if (sodium_init() < 0) {
    fclose(f);
    return err_set(e, FZ_IO, "libsodium 初始化失败");
  }
  crypto_generichash_init(&st, NULL, 0, sizeof aHash);
  while ((n = fread(aBuf, 1, sizeof aBuf, f)) > 0) crypto_generichash_update(&st, aBuf, n);
  fclose(f);
  crypto_generichash_final(&st, aHash, sizeof aHash);
  sodium_bin2hex(zHex, FILE_DIGEST_HEX, aHash, sizeof aHash);
  return FZ_OK;
}

/* aMap[i]: the field of column i, or COL_ORG. Every header problem is an
 * item of row 1. */
static int map_header(const Register *p, TabReader *t, int *aMap, Err *e) {
  int n = tab_nfield(t), i, k, nBad = 0;
  int *aSeen = mem_zalloc(sizeof(int) * (size_t)(p->nField + 1));
  for (i = 0; i < n; i++) {
    char *z = mem_strdup(tab_field(t, i));
    size_t len = strlen(z);
    while (len && (z[len - 1] == ' ' || z[len - 1] == '\t')) z[--len] = 0;
    if (len == 0) aMap[i] = COL_BLANK;
    else if (strcmp(z, "org") == 0 || strcmp(z, "机构") == 0) aMap[i] = COL_ORG;
    else aMap[i] = reg_field_index(p, z);
    if (aMap[i] == -1) {
      err_add_item(e, 1, z, NULL, "未知的列“%s”：%s没有这个字段（fazhi fields %s 可查看字段）",
                   z, p->zLabel, p->zName);
      nBad++;
    } else if (aMap[i] != COL_BLANK &&
               aSeen[aMap[i] == COL_ORG ? p->nField : aMap[i]]++) {
      err_add_item(e, 1, z, NULL, "列“%s”出现了两次", z);
      nBad++;
    }
    mem_free(z);
  }
  if (!aSeen[p->nField]) {
    err_add_item(e, 1, "机构", NULL, "缺少必需的列“机构”（org）");
    nBad++;
  }
  for (k = 0; k < p->nField; k++) {
    if ((p->aField[k].flags & F_REQUIRED) && !aSeen[k]) {
      err_add_item(e, 1, p->aField[k].zLabel, NULL, "缺少必需的列“%s”（%s）",
                   p->aField[k].zLabel, p->aField[k].zName);
      nBad++;
    }
  }
  mem_free(aSeen);
  return nBad ? FZ_INVALID : FZ_OK;
}

static int row_is_blank(TabReader *t) {
  int i, n = tab_nfield(t);
  for (i = 0; i < n; i++) {
    const char *z = tab_field(t, i);
    if (z[strspn(z, " \t")]) return 0;
  }
  return 1;
}

/* One data row: parse each cell (problems listed), then validate and
 * insert. Returns a database rc only; data problems are items. */
static int import_row(RegWriter *w, const Register *p, TabReader *t,
                      const int *aMap, int nMap, Record *r, long *pnOk, Err *e) {
  long row = tab_row(t);
  int i, nBad = 0, rc;
  if (tab_nfield(t) > nMap) {
    err_add_item(e, row, NULL, NULL, "本行有%d列，比表头多", tab_nfield(t));
    return FZ_OK;
  }
  reg_record_init(r, p);
  for (i = 0; i < nMap; i++) {
    Err eCell = ERR_INIT;
    const char *z = tab_field(t, i);
    if (aMap[i] == COL_BLANK) {
      if (z[strspn(z, " \t")]) {
        err_add_item(e, row, NULL, z, "第%d列没有表头，却有数据", i + 1);
        nBad++;
      }
    } else if (aMap[i] == COL_ORG) {
      reg_set(r, "org", z, NULL);
    } else if (reg_set_text(r, aMap[i], z, &eCell) != FZ_OK) {
      err_add_item(e, row, p->aField[aMap[i]].zLabel, z, "%s", err_msg(&eCell));
      nBad++;
    }
    err_clear(&eCell);
  }
  rc = nBad ? FZ_INVALID : reg_writer_insert(w, r, row, e);
  reg_record_clear(r);
  if (rc == FZ_OK) (*pnOk)++;
  return (rc == FZ_OK || rc == FZ_INVALID || rc == FZ_CONFLICT ||
          rc == FZ_FORBIDDEN || rc == FZ_NOTFOUND)
             ? FZ_OK
             : rc;
}

static int import_rows(Db *db, const Actor *a, const Register *p, TabReader *t,
                       const int *aMap, int nMap, int64_t batch,
                       const ImportOptions *o, long *pnOk, Err *e) {
  RegWriter *w = NULL;
  Record r;
  int hasRow = 0, rc = reg_writer_open(db, a, p, batch, REG_W_BULK, &w, e);
  long n = 0;
  while (rc == FZ_OK && (rc = tab_read_row(t, &hasRow, e)) == FZ_OK && hasRow) {
    if (row_is_blank(t)) continue;
    rc = import_row(w, p, t, aMap, nMap, &r, pnOk, e);
    if (o && o->xProgress && ++n % PROGRESS_EVERY == 0) {
      o->xProgress(tab_bytes_read(t), tab_bytes_total(t), o->pProgressArg);
    }
  }
  if (rc == FZ_OK && o && o->xProgress) {
    o->xProgress(tab_bytes_total(t), tab_bytes_total(t), o->pProgressArg);
  }
  /* Rebuilding the indexes also finds duplicates (listed as rows). */
  if (rc == FZ_OK) rc = reg_writer_finish(w, e);
  if (rc == FZ_INVALID) rc = FZ_OK; /* listed in e's items */
  reg_writer_close(w);
  return rc;
}

int regimport_file(Db *db, const Actor *a, const Register *p,
                   const char *zPath, const ImportOptions *o,
                   ImportResult *pRes, Err *e) {
  TabReader *t = NULL;
  RegBatchInfo bi;
  char zDigest[FILE_DIGEST_HEX];
  int *aMap = NULL, nMap = 0, hasRow = 0, began = 0, rc;
  const char *zBase = strrchr(zPath, '/');
  memset(pRes, 0, sizeof *pRes);
  rc = file_digest(zPath, zDigest, e);
  if (rc == FZ_OK) rc = tab_open(&t, zPath, o ? o->zSheet : NULL, e);
  if (rc == FZ_OK) rc = tab_read_row(t, &hasRow, e);
  if (rc == FZ_OK && !hasRow) rc = err_set(e, FZ_INVALID, "文件 %s 是空的：至少需要表头一行", zPath);
  if (rc != FZ_OK) goto cleanup;
  snprintf(pRes->zEncoding, sizeof pRes->zEncoding, "%s", tab_encoding(t));
  nMap = tab_nfield(t);
  aMap = mem_alloc(sizeof(int) * (size_t)(nMap ? nMap : 1));
  rc = map_header(p, t, aMap, e);
  if (rc != FZ_OK) goto cleanup;
  rc = db_bulk(db, 1, e);
  if (rc == FZ_OK) rc = db_begin(db, e);
  began = rc == FZ_OK;
  memset(&bi, 0, sizeof bi);
  bi.zFile = zBase ? zBase + 1 : zPath;
  bi.zSheet = tab_sheet(t);
  bi.zEncoding = tab_encoding(t);
  bi.zDigest = zDigest;
  if (rc == FZ_OK) rc = reg_batch_begin(db, a, p, &bi, &pRes->batch, e);
  if (rc == FZ_OK) rc = import_rows(db, a, p, t, aMap, nMap, pRes->batch, o, &pRes->nRows, e);
  if (rc == FZ_OK && e->nItem + e->nDropped > 0) rc = FZ_INVALID;
  if (rc == FZ_OK && !(o && o->dryRun)) {
    rc = reg_batch_finish(db, a, p, pRes->batch, pRes->nRows, e);
    if (rc == FZ_OK) {
      rc = db_commit(db, e); /* a failed commit rolls itself back */
      began = 0;
    }
  }
cleanup:
  if (began) db_rollback(db);
  if (aMap) db_bulk(db, 0, NULL);
  if (o && o->dryRun) pRes->batch = 0;
  if (rc != FZ_OK) {
    err_sort_items(e);
    pRes->nRows = 0;
    pRes->batch = 0;
    if (e->rc == FZ_OK) {
      err_set(e, FZ_INVALID, "导入失败：发现 %ld 处错误，未导入任何数据",
              (long)(e->nItem + e->nDropped));
    }
  }
  mem_free(aMap);
  tab_close(t);
  return rc;
}
