/* demo.c — load the demo county (see demo.h). */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "../base/file.h"
#include "../base/mem.h"
#include "../base/str.h"
#include "orgfile.h"
#include "regimport.h"

/* The demo goes into a database with no records of any register. */
static int check_empty(Db *db, const Actor *a, Err *e) {
  int i, rc = FZ_OK;
  for (i = 0; i < reg_count && rc == FZ_OK; i++) {
    RegQuery q;
    int64_t n = 0;
    memset(&q, 0, sizeof q);
    q.includeVoided = 1;
    q.limit = 1;
    rc = reg_list(db, a, reg_all[i], &q, NULL, NULL, &n, e);
    if (rc == FZ_OK && n > 0) {
      rc = err_set(e, FZ_CONFLICT, "数据库中已有%s记录；演示数据只能装入新建的数据库",
                   reg_all[i]->zLabel);
    }
  }
  return rc;
}

static void say(void (*xLine)(const char *, void *), void *pArg, Str *s) {
  if (xLine) xLine(str_cstr(s), pArg);
  str_reset(s);
}

/* One manifest line: "REGISTER FILE". */
static int load_line(Db *db, const Actor *a, const char *zDir, char *zLine,
                     int line, Str *msg, Err *e) {
  char *zFile = strchr(zLine, ' ');
  const Register *p;
  ImportOptions o;
  ImportResult res;
  Str path = STR_INIT;
  int rc;
  if (!zFile) return err_set(e, FZ_INVALID, "demo/manifest.txt 第%d行应为“登记簿 文件”", line);
  *zFile++ = 0;
  p = reg_find(zLine);
  if (!p) return err_set(e, FZ_INVALID, "demo/manifest.txt 第%d行：没有登记簿“%s”", line, zLine);
  str_appendf(&path, "%s/demo/%s", zDir, zFile);
  memset(&o, 0, sizeof o);
  rc = regimport_file(db, a, p, str_cstr(&path), &o, &res, e);
  if (rc == FZ_OK) str_appendf(msg, "%-22s %6ld 条  %s", p->zLabel, res.nRows, zFile);
  else err_prefix(e, "导入 %s 失败：", str_cstr(&path));
  str_free(&path);
  return rc;
}

int demo_load(Db *db, const Actor *a, const char *zDir,
              void (*xLine)(const char *zMsg, void *pArg), void *pArg, Err *e) {
  Str path = STR_INIT, manifest = STR_INIT, msg = STR_INIT;
  OrgImportStats st;
  char *zLine, *zNext;
  int line = 0, rc = check_empty(db, a, e);
  if (rc != FZ_OK) return rc;
  str_appendf(&path, "%s/org/zeku.csv", zDir);
  rc = orgfile_import(db, str_cstr(&path), 0, a->zName, &st, e);
  if (rc == FZ_OK) {
    str_appendf(&msg, "%-22s %6d 个  org/zeku.csv", "组织机构", st.nInserted + st.nUnchanged);
    say(xLine, pArg, &msg);
    str_reset(&path);
    str_appendf(&path, "%s/demo/manifest.txt", zDir);
    rc = file_read_all(str_cstr(&path), &manifest, e);
  }
  for (zLine = manifest.z; rc == FZ_OK && zLine && *zLine; zLine = zNext) {
    zNext = strchr(zLine, '\n');
    if (zNext) *zNext++ = 0;
    line++;
    if (zLine[strlen(zLine) - (zLine[0] ? 1 : 0)] == '\r') zLine[strlen(zLine) - 1] = 0;
    if (!zLine[0] || zLine[0] == '#') continue;
    rc = load_line(db, a, zDir, zLine, line, &msg, e);
    if (rc == FZ_OK) say(xLine, pArg, &msg);
  }
  str_free(&path);
  str_free(&manifest);
  str_free(&msg);
  return rc;
}
