/* fuzz_xlsx.c — libFuzzer target for the XLSX reader (src/io/xlsx.c). Its
 * API takes a path, so each input becomes one temporary file. An input
 * starting "PK" is the whole file (the zip layer); otherwise its first byte
 * picks one XML part of a real workbook (the demo export in the seeds) and
 * the rest replaces that part, so mutations reach the XML parsers instead
 * of dying at the zip's checksums. The sheet is read row by row to the end
 * or the first error. */
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "../src/io/xlsx.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv);
int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

/* The parts an input may replace (the shared strings are added when the
 * template has none: the reader looks there by default). */
static const char *const azPart[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
    "xl/workbook.xml",          "xl/_rels/workbook.xml.rels",
};
#define N_PART ((int)(sizeof azPart / sizeof azPart[0]))

typedef struct Entry {
  char *zName;
  char *z;
  size_t n;
} Entry;

static Entry gaEntry[32];
static int gnEntry;
static char gzPath[64];

static void remove_temp(void) { unlink(gzPath); }

/* Every entry of the template workbook, kept in memory. */
static void load_template(const char *zPath) {
  int err = 0;
  zip_t *z = zip_open(zPath, ZIP_RDONLY, &err);
  zip_int64_t i, n;
  if (!z) abort();
  n = zip_get_num_entries(z, 0);
  for (i = 0; i < n && gnEntry < 32; i++) {
    zip_stat_t st;
    zip_file_t *f;
    Entry *p = &gaEntry[gnEntry++];
    if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || !(f = zip_fopen_index(z, (zip_uint64_t)i, 0)))
      abort();
    p->zName = strdup(st.name);
    p->n = (size_t)st.size;
    p->z = malloc(p->n + 1);
    if (zip_fread(f, p->z, p->n) != (zip_int64_t)p->n) abort();
    zip_fclose(f);
  }
  zip_discard(z);
}

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv) {
  int fd;
  (void)pArgc;
  (void)pArgv;
  xmlInitParser(); /* as main.c does, once */
  load_template(FZ_SOURCE_ROOT "/fuzz/corpus/xlsx/dispute.xlsx");
  snprintf(gzPath, sizeof gzPath, "/tmp/fz-fuzz-xlsx-XXXXXX");
  fd = mkstemp(gzPath);
  if (fd < 0) abort();
  close(fd);
  atexit(remove_temp);
  return 0;
}

static void add_entry(zip_t *z, const char *zName, const void *p, size_t n) {
  zip_source_t *src = zip_source_buffer(z, p, n, 0);
  zip_int64_t i = src ? zip_file_add(z, zName, src, ZIP_FL_OVERWRITE) : -1;
  if (i < 0) abort();
  zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0); /* speed */
}

/* The template with part iPart replaced by z[0..n). */
static void write_workbook(int iPart, const uint8_t *z, size_t n) {
  int err = 0, i, replaced = 0;
  zip_t *zip = zip_open(gzPath, ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!zip) abort();
  for (i = 0; i < gnEntry; i++) {
    if (strcmp(gaEntry[i].zName, azPart[iPart]) == 0) {
      add_entry(zip, azPart[iPart], z, n);
      replaced = 1;
    } else {
      add_entry(zip, gaEntry[i].zName, gaEntry[i].z, gaEntry[i].n);
    }
  }
  if (!replaced) add_entry(zip, azPart[iPart], z, n);
  if (zip_close(zip) != 0) abort();
}

static void write_raw(const uint8_t *aData, size_t nData) {
  FILE *f = fopen(gzPath, "wb");
  if (!f || fwrite(aData, 1, nData, f) != nData || fclose(f) != 0) abort();
}

/* every field's bytes are summed here, so ASan checks each is readable */
size_t fuzz_nSeen;

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  XlsxReader *r = NULL;
  Err e = ERR_INIT;
  int hasRow = 1, i;
  if (nData >= 2 && aData[0] == 'P' && aData[1] == 'K')
    write_raw(aData, nData);
  else if (nData >= 1)
    write_workbook(aData[0] % N_PART, aData + 1, nData - 1);
  else
    return 0;
  if (xlsx_open(&r, gzPath, NULL, &e) == FZ_OK) {
    while (hasRow && xlsx_read_row(r, &hasRow, &e) == FZ_OK && hasRow) {
      for (i = 0; i <= xlsx_nfield(r); i++) {
        fuzz_nSeen += strlen(xlsx_field(r, i)) + (size_t)xlsx_field_kind(r, i);
      }
      fuzz_nSeen += (size_t)xlsx_row(r) + strlen(xlsx_sheet_name(r));
    }
  }
  xlsx_close(r);
  err_clear(&e);
  return 0;
}
