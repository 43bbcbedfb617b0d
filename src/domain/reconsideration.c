/* reconsideration.c — 行政复议 cases (行政复议法 2023): from the application
 * received, through the acceptance decision, to the decision and closing.
 *
 *   received --accepted--> (ordinary 60 days | simplified 30 days) --> closed
 *       |----rejected / referred ----------------------------------> closed
 *       '----pending (待补正) --> accepted | rejected
 */
#include "registers.h"

static const RegEnum aApplicantKind[] = {
    {"person", "个人"}, {"legal_person", "法人"}, {"other_org", "其他组织"},
    {NULL, NULL},
};

static const RegEnum aMatter[] = {
    {"penalty", "行政处罚"},      {"coercion", "行政强制"},
    {"licence", "行政许可"},      {"inaction", "不履行法定职责"},
    {"disclosure", "信息公开"},   {"other", "其他"},
    {NULL, NULL},
};

static const RegEnum aAcceptance[] = {
    {"accepted", "受理"},       {"rejected", "不予受理"},
    {"referred", "告知/转送"},  {"pending", "待补正"},
    {NULL, NULL},
};

static const RegEnum aProcedure[] = {
    {"ordinary", "普通"}, {"simplified", "简易"}, {NULL, NULL},
};

static const RegEnum aOutcome[] = {
    {"upheld", "维持"},         {"revoked", "撤销"},
    {"altered", "变更"},        {"illegal", "确认违法"},
    {"ordered", "责令履行"},    {"void", "确认无效"},
    {"dismissed", "驳回"},      {"mediated", "调解"},
    {"settled", "和解"},        {"terminated", "终止"},
    {NULL, NULL},
};

static const RegField aField[] = {
    {"case_no", "案号", FT_TEXT, F_REQUIRED | F_UNIQUE | F_SEARCH, 0, 0, 60, 0},
    {"applicant", "申请人", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 100, 0},
    {"applicant_kind", "申请人类型", FT_ENUM, F_REQUIRED, aApplicantKind, 0, 0, 0},
    {"applicant_id", "申请人身份证号码", FT_IDNUM, 0, 0, 0, 0, "applicant"},
    {"respondent", "被申请人", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 100, 0},
    {"respondent_org", "被申请人机构", FT_ORG, 0, 0, 0, 0, 0},
    {"matter", "事项", FT_ENUM, F_REQUIRED, aMatter, 0, 0, 0},
    {"received", "收到申请日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"acceptance", "受理情况", FT_ENUM, F_REQUIRED, aAcceptance, 0, 0, 0},
    {"acceptance_date", "受理审查日期", FT_DATE, 0, 0, 0, 0, 0},
    {"procedure", "审理程序", FT_ENUM, 0, aProcedure, 0, 0, 0},
    {"extended", "是否延期", FT_BOOL, 0, 0, 0, 0, 0},
    /* 中止: the decision period does not run while the case is suspended */
    {"suspended_from", "中止日期", FT_DATE, 0, 0, 0, 0, 0},
    {"suspended_to", "恢复审理日期", FT_DATE, 0, 0, 0, 0, 0},
    {"outcome", "结果", FT_ENUM, 0, aOutcome, 0, 0, 0},
    {"closed", "办结日期", FT_DATE, 0, 0, 0, 0, 0},
};

static const RegOrder aOrder[] = {
    {"received", "acceptance_date"},
    {"received", "closed"},
    {"acceptance_date", "closed"},
    {"acceptance_date", "suspended_from"},
    {"suspended_from", "suspended_to"},
    {"suspended_to", "closed"},
    {NULL, NULL},
};

/* The acceptance decision comes first: a case awaiting 补正 has neither a
 * procedure nor an outcome; an accepted one needs its procedure; a closed
 * accepted case needs an outcome, and an outcome means it is closed. */
static int recon_check(const Record *r, Err *e) {
  const char *zAcc = reg_text(r, "acceptance");
  int accepted = zAcc && strcmp(zAcc, "accepted") == 0;
  int pending = zAcc && strcmp(zAcc, "pending") == 0;
  if (!pending && !reg_text(r, "acceptance_date")) {
    return reg_fail(r, e, "acceptance_date", "已作出受理决定（%s），请填写受理审查日期",
                    reg_enum_label(r, "acceptance"));
  }
  if (pending && (reg_text(r, "outcome") || reg_text(r, "closed"))) {
    return reg_fail(r, e, "acceptance", "待补正的申请尚未受理，不能有结果或办结日期");
  }
  if (!accepted && (reg_text(r, "procedure") || reg_text(r, "outcome"))) {
    return reg_fail(r, e, "outcome", "未受理的申请没有审理程序和复议结果");
  }
  if (accepted && !reg_text(r, "procedure")) {
    return reg_fail(r, e, "procedure", "已受理的案件请填写审理程序（普通或简易）");
  }
  if (accepted && reg_text(r, "closed") && !reg_text(r, "outcome")) {
    return reg_fail(r, e, "outcome", "已办结的案件请填写复议结果");
  }
  if (reg_text(r, "outcome") && !reg_text(r, "closed")) {
    return reg_fail(r, e, "closed", "已有复议结果，请填写办结日期");
  }
  return FZ_OK;
}

const Register reg_reconsideration = {
    "reconsideration", "行政复议", "received", aField, REG_NFIELD(aField),
    aOrder, recon_check};
