/* fuzz_csv.c — libFuzzer target for the CSV reader (src/base/csv.c): any bytes
 * as a file's content, read row by row to the end or the first error, every
 * field touched so ASan sees its length is true. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../src/base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

/* every field's bytes are summed here, so ASan checks each is readable */
size_t fuzz_nSeen;

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  CsvReader *r = NULL;
  Err e = ERR_INIT;
  int hasRow = 1, i;
  if (csv_open_mem(&r, (const char *)aData, nData, "fuzz.csv", &e) == FZ_OK) {
    while (hasRow && csv_read_row(r, &hasRow, &e) == FZ_OK && hasRow) {
      for (i = 0; i < csv_nfield(r); i++) {
        fuzz_nSeen += strlen(csv_field(r, i)) + csv_field_len(r, i);
      }
      fuzz_nSeen += (size_t)csv_row(r) + (size_t)csv_bytes_read(r);
    }
    (void)csv_encoding(r);
    csv_close(r);
  }
  err_clear(&e);
  return 0;
}
