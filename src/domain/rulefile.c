/* rulefile.c — the deadline rule table from CSV (see rulefile.h). Comment
 * lines (#…) become blank lines first, so row numbers stay the file's. */
#include "rulefile.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/str.h"
#include "../base/csv.h"

enum { C_ID, C_REGISTER, C_LABEL, C_KIND, C_START, C_UNIT, C_N, C_STOP, C_WHEN,
       C_EXTEND, C_EXTEND_N, C_SUSPEND_FROM, C_SUSPEND_TO, C_SOURCE, C_COUNT };

static const char *const azColumn[C_COUNT] = {
    "id",     "register", "label",    "kind",         "start",      "unit",   "n",
    "stop",   "when",     "extend",   "extend_n",     "suspend_from", "suspend_to",
    "source"};

static void strip_comments(const char *z, Str *s) {
  while (*z) {
    const char *zEol = strchr(z, '\n');
    size_t n = zEol ? (size_t)(zEol - z) + 1 : strlen(z);
    if (z[0] == '#') {
      if (zEol) str_putc(s, '\n');
    } else {
      str_append(s, z, n);
    }
    z += n;
  }
}

/* A date field of the register, or a problem. */
static int need_field(const Register *p, const char *zField, int type, long row,
                      const char *zColumn, Err *e) {
  int i = reg_field_index(p, zField);
  if (i < 0 || p->aField[i].type != type) {
    err_add_item(e, row, zColumn, zField, "%s没有%s字段“%s”", p->zLabel,
                 type == FT_DATE ? "日期" : type == FT_BOOL ? "是/否" : "", zField);
    return 0;
  }
  return 1;
}

static char *opt(const char *z) {
  return z && z[0] ? mem_strdup(z) : NULL;
}

static int parse_int(const char *z, int *pN) {
  char *zEnd = NULL;
  long v = strtol(z, &zEnd, 10);
  if (!z[0] || *zEnd || v < 0 || v > 10000) return 0;
  *pN = (int)v;
  return 1;
}

/* One row into a rule; problems are items. */
static void read_rule(CsvReader *r, const int *aCol, DeadlineRule *rule, Err *e) {
  long row = csv_row(r);
  const char *az[C_COUNT];
  const Register *p;
  int i;
  for (i = 0; i < C_COUNT; i++) az[i] = aCol[i] >= 0 ? csv_field(r, aCol[i]) : "";
  memset(rule, 0, sizeof *rule);
  rule->line = (int)row;
  rule->zId = opt(az[C_ID]);
  rule->zLabel = opt(az[C_LABEL]);
  rule->zSource = opt(az[C_SOURCE]);
  if (!rule->zId || !rule->zLabel) err_add_item(e, row, "id", NULL, "规则缺少编号或名称");
  if (!(p = reg_find(az[C_REGISTER]))) {
    err_add_item(e, row, "register", az[C_REGISTER], "没有登记簿“%s”", az[C_REGISTER]);
    return;
  }
  rule->zRegister = mem_strdup(p->zName);
  rule->minimum = strcmp(az[C_KIND], "minimum") == 0;
  if (!rule->minimum && strcmp(az[C_KIND], "deadline") != 0)
    err_add_item(e, row, "kind", az[C_KIND], "kind 应为 deadline 或 minimum");
  if (strcmp(az[C_UNIT], "workday") == 0) rule->unit = DU_WORKDAY;
  else if (strcmp(az[C_UNIT], "day") == 0) rule->unit = DU_DAY;
  else if (strcmp(az[C_UNIT], "month") == 0) rule->unit = DU_MONTH;
  else if (strcmp(az[C_UNIT], "year") == 0) rule->unit = DU_YEAR;
  else err_add_item(e, row, "unit", az[C_UNIT], "未知的单位“%s”（workday、day、month、year）", az[C_UNIT]);
  if (!parse_int(az[C_N], &rule->n)) err_add_item(e, row, "n", az[C_N], "期限应为 0 至 10000 的整数");
  if (need_field(p, az[C_START], FT_DATE, row, "start", e)) rule->zStart = mem_strdup(az[C_START]);
  if (az[C_STOP][0] && need_field(p, az[C_STOP], FT_DATE, row, "stop", e)) rule->zStop = mem_strdup(az[C_STOP]);
  if (az[C_EXTEND][0] && need_field(p, az[C_EXTEND], FT_BOOL, row, "extend", e)) {
    rule->zExtend = mem_strdup(az[C_EXTEND]);
    if (!parse_int(az[C_EXTEND_N], &rule->extendN)) err_add_item(e, row, "extend_n", az[C_EXTEND_N], "延长期限应为整数");
  }
  if (az[C_SUSPEND_FROM][0] && need_field(p, az[C_SUSPEND_FROM], FT_DATE, row, "suspend_from", e) &&
      need_field(p, az[C_SUSPEND_TO], FT_DATE, row, "suspend_to", e)) {
    rule->zSuspendFrom = mem_strdup(az[C_SUSPEND_FROM]);
    rule->zSuspendTo = mem_strdup(az[C_SUSPEND_TO]);
  }
  if (az[C_WHEN][0]) {
    const char *zEq = strchr(az[C_WHEN], '=');
    char *zField = zEq ? mem_strndup(az[C_WHEN], (size_t)(zEq - az[C_WHEN])) : NULL;
    if (!zField || reg_field_index(p, zField) < 0) {
      err_add_item(e, row, "when", az[C_WHEN], "条件应为 字段=值，且字段属于%s", p->zLabel);
      mem_free(zField);
    } else {
      rule->zWhenField = zField;
      rule->zWhenValue = mem_strdup(zEq + 1);
    }
  }
}

static int map_columns(CsvReader *r, int *aCol, Err *e) {
  int i, k;
  for (i = 0; i < C_COUNT; i++) aCol[i] = -1;
  for (k = 0; k < csv_nfield(r); k++) {
    for (i = 0; i < C_COUNT && strcmp(csv_field(r, k), azColumn[i]); i++) {
    }
    if (i == C_COUNT) err_add_item(e, csv_row(r), csv_field(r, k), NULL, "未知的列“%s”", csv_field(r, k));
    else aCol[i] = k;
  }
  for (i = 0; i < C_COUNT; i++) {
    if (aCol[i] < 0 && i != C_SOURCE) err_add_item(e, csv_row(r), azColumn[i], NULL, "缺少列“%s”", azColumn[i]);
  }
  return e->nItem ? FZ_INVALID : FZ_OK;
}

int rulefile_parse(DeadlineRules *p, const char *zText, const char *zFile, Err *e) {
  Str clean = STR_INIT;
  CsvReader *r = NULL;
  DeadlineRules out = {NULL, 0};
  int aCol[C_COUNT], has = 0, nAlloc = 0, rc;
  long nBefore = e->nItem + e->nDropped;
  strip_comments(zText, &clean);
  rc = csv_open_mem(&r, str_cstr(&clean), clean.n, zFile, e);
  if (rc == FZ_OK) rc = csv_read_row(r, &has, e);
  if (rc == FZ_OK && !has) rc = err_set(e, FZ_INVALID, "规则文件 %s 是空的", zFile);
  if (rc == FZ_OK) rc = map_columns(r, aCol, e);
  while (rc == FZ_OK && (rc = csv_read_row(r, &has, e)) == FZ_OK && has) {
    if (out.nRule == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      out.aRule = mem_realloc(out.aRule, sizeof(DeadlineRule) * (size_t)nAlloc);
    }
    read_rule(r, aCol, &out.aRule[out.nRule++], e);
  }
  if (rc == FZ_OK && e->nItem + e->nDropped > nBefore) {
    rc = err_set(e, FZ_INVALID, "规则文件 %s 有 %ld 处错误，未采用", zFile,
                 (long)(e->nItem + e->nDropped - nBefore));
  }
  if (rc == FZ_OK) {
    deadline_rules_clear(p);
    *p = out;
  } else {
    deadline_rules_clear(&out);
  }
  csv_close(r);
  str_free(&clean);
  return rc;
}

static DeadlineRules builtin;

static void parse_builtin(void) {
  Err e = ERR_INIT;
  if (rulefile_parse(&builtin, deadline_rules_default, "data/rules/deadlines.csv", &e) != FZ_OK) {
    /* compiled in and tested: a failure here is a broken build */
    fprintf(stderr, "fazhi: 内置期限规则无法读取：%s\n", err_msg(&e));
    abort();
  }
  err_clear(&e);
}

const DeadlineRules *rulefile_builtin(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, parse_builtin);
  return &builtin;
}
