/* fuzz_template.c — libFuzzer target for the report template: every input
 * goes through template_check; one that passes is rendered against an
 * in-memory database holding the demo org tree (泽库县, no records, so
 * every metric is a cheap zero) and written as Markdown and HTML. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/base/utf8.h"
#include "../src/domain/reg.h"
#include "../src/io/orgfile.h"
#include "../src/report/doc.h"
#include "../src/report/template.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv);
int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

static Db *gDb;
static MetricScope gScope;

static void close_db(void) { db_close(gDb); }

/* The demo county's org tree, once per process. */
int LLVMFuzzerInitialize(int *pArgc, char ***pArgv) {
  Err e = ERR_INIT;
  OrgImportStats stats;
  (void)pArgc;
  (void)pArgv;
  if (reg_open_db(&gDb, ":memory:", DB_CREATE, &e) != FZ_OK ||
      orgfile_import(gDb, FZ_SOURCE_ROOT "/data/org/zeku.csv", 0, "fuzz", &stats, &e) != FZ_OK ||
      metric_scope(gDb, "632323000000", 2024, &gScope, &e) != FZ_OK) {
    fprintf(stderr, "fuzz_template: %s\n", e.msg ? e.msg : "?");
    abort();
  }
  atexit(close_db);
  err_clear(&e);
  return 0;
}

static void render(const char *zText) {
  ReportInput in;
  Doc d;
  Err e = ERR_INIT;
  Str s = STR_INIT;
  memset(&in, 0, sizeof in);
  in.db = gDb;
  in.scope = &gScope;
  in.zIssuer = "泽库县司法局";
  in.zOrgName = "泽库县";
  in.zDate = "2025年1月10日";
  doc_init(&d);
  if (template_render(zText, "fuzz.tmpl", &in, &d, &e) == FZ_OK) {
    doc_write_markdown(&d, &s);
    str_reset(&s);
    doc_write_html(&d, "/r/", &s);
  }
  doc_clear(&d);
  str_free(&s);
  err_clear(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  char *z = malloc(nData + 1);
  Err e = ERR_INIT;
  memcpy(z, aData, nData);
  z[nData] = 0;
  /* callers hand over UTF-8 only (report.c checks a template file) */
  if (utf8_valid(z, nData, NULL) && template_check(z, "fuzz.tmpl", &e) == FZ_OK) render(z);
  err_clear(&e);
  free(z);
  return 0;
}
