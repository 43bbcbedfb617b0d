/* report.c — the annual report on building rule-of-law government (法治政府
 * 建设年度报告, LAW.md §9): one per org and year, its narrative in the
 * sections of the seed report (zeku-2024-report.txt), approved, then
 * published. The figures are computed; the paragraphs are the clerk's.
 *
 *   draft --approved--> approved --published--> published
 */
#include <stdlib.h>

#include "registers.h"

static const RegEnum aStatus[] = {
    {"draft", "草稿"}, {"approved", "已审定"}, {"published", "已公开"},
    {NULL, NULL},
};

/* One report per org and year: F_UNIQUE is a unique index on (org, year)
 * over live records. */
static const RegField aField[] = {
    {"year", "年度", FT_INT, F_REQUIRED | F_UNIQUE, 0, 2000, 2100, 0},
    {"opening", "开篇", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"s1_system", "法治体系", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"s2_decision", "依法决策", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"s3_enforcement", "执法监督", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"s4_stability", "安全稳定", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"s5_publicity", "普法", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"problems", "存在的问题", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"plans", "下一步工作打算", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
    {"status", "状态", FT_ENUM, F_REQUIRED, aStatus, 0, 0, 0},
    {"approved", "审定日期", FT_DATE, 0, 0, 0, 0, 0},
    {"published", "公开日期", FT_DATE, 0, 0, 0, 0, 0},
};

static const RegOrder aOrder[] = {
    {"approved", "published"},
    {NULL, NULL},
};

/* The dates follow the status; an approved report is complete and cannot
 * have been approved before its year began. */
static int report_check(const Record *r, Err *e) {
  const char *zStatus = reg_text(r, "status");
  const char *zApproved = reg_text(r, "approved");
  const RegValue *pYear = reg_value(r, "year");
  int draft = strcmp(zStatus, "draft") == 0;
  int published = strcmp(zStatus, "published") == 0;
  int i;
  if (draft && (zApproved || reg_text(r, "published"))) {
    return reg_fail(r, e, "status", "草稿不应有审定日期或公开日期；已审定的请把状态改为“已审定”");
  }
  if (!draft && !zApproved) {
    return reg_fail(r, e, "approved", "报告%s，请填写审定日期", reg_enum_label(r, "status"));
  }
  if (published != (reg_text(r, "published") != NULL)) {
    return reg_fail(r, e, "published", published ? "报告已公开，请填写公开日期"
                                                 : "报告尚未公开，不应有公开日期");
  }
  if (zApproved && pYear && strtol(zApproved, NULL, 10) < pYear->i) {
    return reg_fail(r, e, "approved", "审定日期（%s）早于报告年度（%lld年）", zApproved,
                    (long long)pYear->i);
  }
  /* The sections (s1…s5) are optional narrative beside the template's
   * figures; the opening, problems and plans are the report's own words. */
  for (i = 0; !draft && i < 3; i++) {
    static const char *const azNeeded[] = {"opening", "problems", "plans"};
    if (reg_text(r, azNeeded[i])) continue;
    return reg_fail(r, e, azNeeded[i], "报告%s，“%s”部分不能为空",
                    reg_enum_label(r, "status"),
                    r->pReg->aField[reg_field_index(r->pReg, azNeeded[i])].zLabel);
  }
  return FZ_OK;
}

const Register reg_report = {
    "report", "年度报告", NULL, aField, REG_NFIELD(aField), aOrder,
    report_check};
