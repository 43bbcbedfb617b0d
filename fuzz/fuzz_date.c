/* fuzz_date.c — libFuzzer target for the date parser (src/base/date.c): the
 * input as one NUL-terminated value, parsed with and without Excel serials;
 * a date that parses must format and parse back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/base/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

/* ISO and Chinese forms of d both read back as d. */
static void check_round_trip(Date d) {
  Str s = STR_INIT;
  Err e = ERR_INIT;
  Date d2 = 0;
  date_format_iso(&s, d);
  if (date_parse(str_cstr(&s), 0, &d2, &e) != FZ_OK || d2 != d) abort();
  str_reset(&s);
  date_format_cn(&s, d);
  if (date_parse(str_cstr(&s), 0, &d2, &e) != FZ_OK || d2 != d) abort();
  (void)date_weekday(d);
  (void)date_to_excel_serial(d);
  str_free(&s);
  err_clear(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  char *z = malloc(nData + 1);
  int flags;
  memcpy(z, aData, nData);
  z[nData] = 0;
  for (flags = 0; flags <= DATE_ALLOW_SERIAL; flags++) {
    Err e = ERR_INIT;
    Date d = 0;
    if (date_parse(z, flags, &d, &e) == FZ_OK) check_round_trip(d);
    err_clear(&e);
  }
  free(z);
  return 0;
}
