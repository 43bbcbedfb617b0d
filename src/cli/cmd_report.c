/* cmd_report.c — the report commands: metrics (every figure of an org and
 * year, text or JSON) and report (the annual report as md, html or docx). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/kept.h"
#include "../report/breakdown.h"
#include "../report/lifecycle.h"
#include "../report/metric.h"
#include "../report/report.h"
#include "commands.h"

/* --org and --year, both required. */
static int org_year(Cli *cli, const char **pzOrg, int *pYear) {
  const char *zYear = cli_opt(cli, "year");
  char *zEnd = NULL;
  *pYear = 0;
  *pzOrg = cli_opt(cli, "org");
  if (!*pzOrg || !zYear) return err_set(cli->e, FZ_USAGE, "请用 --org CODE --year YEAR 指定机构和年度");
  *pYear = (int)strtol(zYear, &zEnd, 10);
  if (!zYear[0] || *zEnd) return err_set(cli->e, FZ_USAGE, "--year 应为年份，如 2024");
  return FZ_OK;
}

int cmd_metrics(Cli *cli) {
  MetricScope s;
  const char *zOrg;
  json_t *pArr = NULL;
  int year, i, rc = org_year(cli, &zOrg, &year);
  if (rc == FZ_OK) rc = metric_scope(cli->db, zOrg, year, &s, cli->e);
  if (rc != FZ_OK) return rc;
  if (cli_opt(cli, "json")) pArr = json_array();
  for (i = 0; i < metric_count && rc == FZ_OK; i++) {
    MetricValue v;
    Str val = STR_INIT;
    rc = metric_eval(cli->db, &metric_all[i], &s, &v, cli->e);
    if (rc == FZ_OK) rc = metric_format(&v, NULL, &val, cli->e);
    if (rc == FZ_OK && pArr) {
      json_array_append_new(
          pArr, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I}", "name",
                          metric_all[i].zName, "label", metric_all[i].zLabel, "unit",
                          metric_all[i].zUnit, "text", str_cstr(&val), "value",
                          (json_int_t)v.v, "denominator", (json_int_t)v.den,
                          "records", (json_int_t)v.nRecords));
    } else if (rc == FZ_OK) {
      fprintf(cli->out, "%-30s %-24s %s%s\n", metric_all[i].zName, metric_all[i].zLabel,
              str_cstr(&val), metric_all[i].kind == MK_RATE || metric_all[i].kind == MK_YOY ||
                                      metric_all[i].kind == MK_DL_RATE
                                  ? ""
                                  : metric_all[i].zUnit);
    }
    str_free(&val);
    metric_value_clear(&v);
  }
  if (rc == FZ_OK && pArr) {
    json_dumpf(pArr, cli->out, JSON_INDENT(2));
    fputc('\n', cli->out);
  }
  json_decref(pArr);
  return rc;
}

int cmd_report(Cli *cli) {
  ReportOptions o;
  Actor a = {cli->zUser, NULL, 0};
  int rc;
  memset(&o, 0, sizeof o);
  rc = org_year(cli, &o.zOrg, &o.year);
  if (rc == FZ_OK) rc = report_format(cli_opt(cli, "format"), &o.format, cli->e);
  if (rc == FZ_OK && !(o.zOutput = cli_opt(cli, "output"))) {
    rc = err_set(cli->e, FZ_USAGE, "请用 -o FILE 指定输出文件");
  }
  o.zTemplate = cli_opt(cli, "template");
  if (rc == FZ_OK) rc = report_write(cli->db, &a, &o, cli->e);
  if (rc == FZ_OK) fprintf(cli->out, "已写出 %d 年度报告：%s\n", o.year, o.zOutput);
  return rc;
}

int cmd_report_check(Cli *cli) {
  const char *zOrg;
  int year, rc = org_year(cli, &zOrg, &year);
  if (rc == FZ_OK) rc = report_check(cli->db, zOrg, year, cli->e);
  if (rc == FZ_OK) fprintf(cli->out, "%s %d 年度报告的一致性检查全部通过\n", zOrg, year);
  return rc;
}

int cmd_report_approve(Cli *cli) {
  Actor a = {cli->zUser, NULL, 0};
  const char *zOrg;
  int year, rc = org_year(cli, &zOrg, &year);
  if (rc == FZ_OK) rc = report_approve(cli->db, &a, zOrg, year, cli_opt(cli, "override"), cli->e);
  if (rc == FZ_OK) fprintf(cli->out, "已审定 %s %d 年度报告，全部数字已冻结为快照\n", zOrg, year);
  return rc;
}

int cmd_report_publish(Cli *cli) {
  Actor a = {cli->zUser, NULL, 0};
  const char *zOrg;
  int year, rc = org_year(cli, &zOrg, &year);
  if (rc == FZ_OK) rc = report_publish(cli->db, &a, zOrg, year, cli->e);
  if (rc == FZ_OK) fprintf(cli->out, "已公开 %s %d 年度报告\n", zOrg, year);
  return rc;
}

int cmd_report_diff(Cli *cli) {
  Str out = STR_INIT;
  const char *zOrg;
  int year, nChanged = 0, rc = org_year(cli, &zOrg, &year);
  if (rc == FZ_OK) rc = report_diff(cli->db, zOrg, year, &out, &nChanged, cli->e);
  if (rc == FZ_OK) fputs(str_cstr(&out), cli->out);
  str_free(&out);
  return rc;
}

/* The counties below an org side by side: a Markdown table on the
 * terminal, or an XLSX file with -o. */
int cmd_report_breakdown(Cli *cli) {
  const char *zOrg, *zOut = cli_opt(cli, "output");
  MetricScope s;
  Breakdown b;
  Doc d;
  Str text = STR_INIT, title = STR_INIT;
  int year, rc = org_year(cli, &zOrg, &year);
  memset(&b, 0, sizeof b);
  doc_init(&d);
  if (rc == FZ_OK) rc = metric_scope(cli->db, zOrg, year, &s, cli->e);
  if (rc == FZ_OK) rc = breakdown_build(cli->db, &s, &b, cli->e);
  if (rc == FZ_OK && b.nRow == 0) rc = err_set(cli->e, FZ_USAGE, "机构 %s 之下没有县级行政区", zOrg);
  if (rc == FZ_OK && zOut) {
    str_appendf(&title, "%s %d 年各县（市、区）主要数据", zOrg, year);
    rc = breakdown_xlsx(&b, str_cstr(&title), zOut, cli->e);
    if (rc == FZ_OK) fprintf(cli->out, "已写出 %d 个县的主要数据：%s\n", b.nRow - 1, zOut);
  } else if (rc == FZ_OK) {
    rc = breakdown_doc(&b, &d, cli->e);
    doc_write_markdown(&d, &text);
    fputs(str_cstr(&text), cli->out);
  }
  breakdown_clear(&b);
  doc_clear(&d);
  str_free(&text);
  str_free(&title);
  return rc;
}

int cmd_figures_verify(Cli *cli) {
  Str report = STR_INIT;
  int64_t nBad = 0;
  int rc = kept_verify(cli->db, &nBad, &report, cli->e);
  if (rc == FZ_OK && nBad == 0) {
    fprintf(cli->out, "保持的统计数字与记录一致（%d 个指标，及各法定期限的完成情况）\n", kept_count);
  } else if (rc == FZ_OK) {
    rc = err_set(cli->e, FZ_INVALID, "保持的统计数字有 %lld 处与记录不一致：%s（可运行 fazhi figures rebuild 重算）",
                 (long long)nBad, str_cstr(&report));
  }
  str_free(&report);
  return rc;
}

int cmd_figures_rebuild(Cli *cli) {
  int rc = db_begin(cli->db, cli->e);
  if (rc == FZ_OK) rc = kept_rebuild(cli->db, NULL, NULL, cli->e);
  if (rc == FZ_OK) rc = db_commit(cli->db, cli->e);
  else db_rollback(cli->db);
  if (rc == FZ_OK) fprintf(cli->out, "已由记录重新计算全部保持的统计数字\n");
  return rc;
}
