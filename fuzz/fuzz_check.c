/* fuzz_check.c — libFuzzer target for the report checker (src/check/,
 * `fazhi check`): the input is a report's text; a 0xFF byte, if present,
 * splits it into this year's report and last year's (year-on-year). The
 * text and JSON writers run over whatever was found. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/check/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  const uint8_t *pSplit = memchr(aData, 0xFF, nData);
  size_t nCur = pSplit ? (size_t)(pSplit - aData) : nData;
  /* exact-size copies so ASan catches a read past either text */
  char *zCur = malloc(nCur + 1), *zPrev = NULL;
  size_t nPrev = 0;
  CheckReport r;
  Err e = ERR_INIT;
  Str out = STR_INIT;
  memcpy(zCur, aData, nCur);
  zCur[nCur] = 0;
  if (pSplit) {
    nPrev = nData - nCur - 1;
    zPrev = malloc(nPrev + 1);
    memcpy(zPrev, pSplit + 1, nPrev);
    zPrev[nPrev] = 0;
  }
  memset(&r, 0, sizeof r);
  if (check_run(zCur, nCur, zPrev, nPrev, &r, &e) == FZ_OK) {
    check_write_text(&r, "fuzz.txt", &out);
    str_reset(&out);
    check_write_json(&r, "fuzz.txt", &out);
  }
  check_report_clear(&r);
  str_free(&out);
  err_clear(&e);
  free(zCur);
  free(zPrev);
  return 0;
}
