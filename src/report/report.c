/* report.c — the annual report (see report.h): template + records → Doc →
 * Markdown, HTML or DOCX. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "../base/file.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "../domain/org.h"
#include "metric.h"
#include "template.h"

int report_format(const char *z, int *pFormat, Err *e) {
  if (z && strcmp(z, "md") == 0) *pFormat = REPORT_MD;
  else if (z && strcmp(z, "html") == 0) *pFormat = REPORT_HTML;
  else if (z && strcmp(z, "docx") == 0) *pFormat = REPORT_DOCX;
  else return err_set(e, FZ_USAGE, "报告格式应为 md、html 或 docx");
  return FZ_OK;
}

/* The org's own Justice Bureau (the org itself, or a bureau directly under
 * it) issues the report; failing one, the org. A bureau deeper down is a
 * lower level's: a county's must not sign a province's or the country's. */
typedef struct Issuer {
  const char *zOrg;
  char *zName;
} Issuer;

static int find_bureau(const OrgUnit *u, void *pArg) {
  Issuer *is = pArg;
  int own = strcmp(u->zCode, is->zOrg) == 0 || (u->zParent && strcmp(u->zParent, is->zOrg) == 0);
  if (u->kind == ORG_BUREAU && own && !is->zName) is->zName = mem_strdup(u->zName);
  return FZ_OK;
}

/* The year's report record of the subtree (its narrative), first by org. */
static int keep_first(const Record *r, void *pArg) {
  Record *pOut = pArg;
  if (!pOut->pReg) reg_record_copy(pOut, r);
  return FZ_OK;
}

static int load_narrative(Db *db, const Actor *a, const MetricScope *s,
                          Record *pOut, Err *e) {
  RegQuery q;
  char zYear[8];
  memset(pOut, 0, sizeof *pOut);
  memset(&q, 0, sizeof q);
  snprintf(zYear, sizeof zYear, "%d", s->year);
  q.zOrg = s->zOrg;
  q.nFilter = 1;
  q.azFilterField[0] = "year";
  q.azFilterValue[0] = zYear;
  q.zSort = "org";
  q.limit = 1;
  return reg_list(db, a, reg_find("report"), &q, keep_first, pOut, NULL, e);
}

/* The template's text: a county's file, or the built-in default. */
static int load_template(const char *zPath, Str *s, Err *e) {
  int rc;
  if (!zPath) {
    str_puts(s, template_default);
    return FZ_OK;
  }
  rc = file_read_all(zPath, s, e);
  if (rc == FZ_OK && !utf8_valid(s->z ? s->z : "", s->n, NULL)) {
    rc = err_set(e, FZ_INVALID, "模板 %s 不是有效的 UTF-8 文本", zPath);
  }
  return rc;
}

int report_build(Db *db, const Actor *a, const ReportOptions *o, Doc *d, Err *e) {
  MetricScope scope;
  ReportInput in;
  Record narrative;
  Issuer is = {NULL, NULL};
  OrgUnit org;
  Str tmpl = STR_INIT, date = STR_INIT;
  int rc;
  memset(&narrative, 0, sizeof narrative);
  memset(&org, 0, sizeof org);
  is.zOrg = o->zOrg;
  rc = metric_scope(db, o->zOrg, o->year, &scope, e);
  if (rc == FZ_OK) rc = load_template(o->zTemplate, &tmpl, e);
  if (rc == FZ_OK) rc = org_get(db, o->zOrg, &org, e);
  if (rc == FZ_OK) rc = org_walk(db, o->zOrg, find_bureau, &is, e);
  if (rc == FZ_OK) rc = load_narrative(db, a, &scope, &narrative, e);
  if (rc != FZ_OK) goto cleanup;
  date_format_cn(&date, date_today());
  memset(&in, 0, sizeof in);
  in.db = db;
  in.scope = &scope;
  in.pNarrative = narrative.pReg ? &narrative : NULL;
  in.zIssuer = is.zName ? is.zName : org.zName;
  in.zOrgName = org.zName;
  in.zDate = str_cstr(&date);
  d->zOrg = mem_strdup(o->zOrg);
  d->year = o->year;
  rc = template_render(str_cstr(&tmpl), o->zTemplate ? o->zTemplate : "（内置默认模板）",
                       &in, d, e);
cleanup:
  if (narrative.pReg) reg_record_clear(&narrative);
  org_unit_clear(&org);
  mem_free(is.zName);
  str_free(&tmpl);
  str_free(&date);
  return rc;
}

/* The appendix of a standalone HTML report: each figure's definition and
 * the number of records behind it, so a reader can check the arithmetic. */
static int html_appendix(Db *db, const Doc *d, const MetricScope *s, Str *out,
                         Err *e) {
  const char *azSeen[256];
  int nSeen = 0, i, k, j, rc = FZ_OK;
  str_puts(out, "<h2>附：数据说明</h2>\n<table>\n<tr><th>指标</th><th>数值</th>"
                "<th>口径</th><th>记录数</th></tr>\n");
  for (i = 0; i < d->nBlock && rc == FZ_OK; i++) {
    for (k = 0; k < d->aBlock[i].nRun && rc == FZ_OK; k++) {
      const DocRun *r = &d->aBlock[i].aRun[k];
      const Metric *m;
      MetricValue v;
      Str val = STR_INIT;
      if (!r->zMetric) continue;
      for (j = 0; j < nSeen && strcmp(azSeen[j], r->zMetric); j++) {
      }
      if (j < nSeen || nSeen == 256) continue;
      azSeen[nSeen++] = r->zMetric;
      m = metric_find(r->zMetric);
      rc = metric_eval(db, m, s, &v, e);
      if (rc != FZ_OK) break;
      metric_format(&v, NULL, &val, e);
      str_appendf(out, "<tr><td>%s（%s）</td><td>%s</td><td>%s</td><td>%lld</td></tr>\n",
                  m->zLabel, m->zName, str_cstr(&val), m->zDef,
                  (long long)v.nRecords);
      str_free(&val);
      metric_value_clear(&v);
    }
  }
  str_puts(out, "</table>\n");
  return rc;
}

static int write_html(Db *db, const ReportOptions *o, const Doc *d, Str *out,
                      Err *e) {
  MetricScope s;
  int rc = metric_scope(db, o->zOrg, o->year, &s, e);
  if (rc != FZ_OK) return rc;
  str_puts(out,
           "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           "<title>法治政府建设情况报告</title><style>"
           "body{max-width:48em;margin:2em auto;font-family:FangSong,'仿宋_GB2312',"
           "'Noto Serif CJK SC',serif;font-size:16pt;line-height:1.8}"
           "h1{font-family:'方正小标宋简体','Noto Serif CJK SC',serif;text-align:center;"
           "font-size:22pt;font-weight:normal;margin:0}"
           "h2{font-family:SimHei,'黑体','Noto Sans CJK SC',sans-serif;font-size:16pt;"
           "font-weight:normal;text-indent:2em}"
           "p{text-indent:2em;margin:0;text-align:justify}.lead{font-family:KaiTi,"
           "'楷体_GB2312',serif}.sign,.date{text-align:right;padding-right:4em}"
           "a.figure{color:inherit;text-decoration:underline dotted}"
           "table{border-collapse:collapse;font-size:11pt;margin-top:1em}"
           "td,th{border:1px solid #999;padding:2px 6px}</style></head><body>\n");
  doc_write_html(d, "records", out);
  rc = html_appendix(db, d, &s, out, e);
  str_puts(out, "</body></html>\n");
  return rc;
}

int report_write(Db *db, const Actor *a, const ReportOptions *o, Err *e) {
  Doc d;
  Str out = STR_INIT;
  int rc;
  doc_init(&d);
  rc = report_build(db, a, o, &d, e);
  if (rc == FZ_OK && o->format == REPORT_DOCX) {
    rc = doc_write_docx(&d, o->zOutput, e);
  } else if (rc == FZ_OK) {
    if (o->format == REPORT_HTML) rc = write_html(db, o, &d, &out, e);
    else doc_write_markdown(&d, &out);
    if (rc == FZ_OK) rc = file_write_atomic(o->zOutput, str_cstr(&out), out.n, e);
  }
  str_free(&out);
  doc_clear(&d);
  return rc;
}
