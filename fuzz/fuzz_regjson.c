/* fuzz_regjson.c — libFuzzer target for an API client's JSON body: the
 * first byte picks a register, the rest is decoded (jansson), set on a
 * record through reg_from_json and validated by the register's rules, as
 * POST /api/r/REGISTER does before it touches the database. A record that
 * validates is written back as JSON too. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "../src/domain/reg.h"
#include "../src/domain/regjson.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  const Register *p;
  json_t *pObj;
  Record r;
  Err e = ERR_INIT;
  if (nData < 1) return 0;
  p = reg_all[aData[0] % reg_count];
  pObj = json_loadb((const char *)aData + 1, nData - 1, 0, NULL);
  if (!pObj) return 0;
  reg_record_init(&r, p);
  if (reg_from_json(&r, pObj, 1, &e) == FZ_OK &&
      reg_validate(&r, 1, 0, &e) == FZ_OK) {
    free(reg_to_json_text(&r, NULL));
  }
  reg_record_clear(&r);
  json_decref(pObj);
  err_clear(&e);
  return 0;
}
