/* fuzz_xlsx.c — libFuzzer target for the XLSX reader (src/io/xlsx.c). Its
 * API takes a path (libzip opens the file), so each input is written to one
 * temporary file, opened, and read row by row to the end or the first
 * error. */
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/io/xlsx.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv);
int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

static char gzPath[64];

static void remove_temp(void) { unlink(gzPath); }

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv) {
  int fd;
  (void)pArgc;
  (void)pArgv;
  xmlInitParser(); /* as main.c does, once */
  snprintf(gzPath, sizeof gzPath, "/tmp/fz-fuzz-xlsx-XXXXXX");
  fd = mkstemp(gzPath);
  if (fd < 0) abort();
  close(fd);
  atexit(remove_temp);
  return 0;
}

static void write_input(const uint8_t *aData, size_t nData) {
  FILE *f = fopen(gzPath, "wb");
  if (!f || fwrite(aData, 1, nData, f) != nData || fclose(f) != 0) abort();
}

/* every field's bytes are summed here, so ASan checks each is readable */
size_t fuzz_nSeen;

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  XlsxReader *r = NULL;
  Err e = ERR_INIT;
  int hasRow = 1, i;
  write_input(aData, nData);
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
