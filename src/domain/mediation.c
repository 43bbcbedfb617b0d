/* mediation.c — 矛盾纠纷排查调处: screenings (排查) by the 矛调中心 and the
 * 司法所, and each dispute (矛盾纠纷) they take in, from received to its
 * mediation result. */
#include "registers.h"

static const RegField aScreeningField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"times", "排查次数", FT_INT, F_REQUIRED, 0, 0, 100000, 0},
    {"found", "发现纠纷数", FT_INT, 0, 0, 0, 100000, 0},
    {"note", "备注", FT_TEXT, F_SEARCH, 0, 0, 0, 0},
};

const Register reg_screening = {
    "screening", "矛盾纠纷排查", "date", aScreeningField,
    REG_NFIELD(aScreeningField), NULL, NULL};

static const RegEnum aCategory[] = {
    {"family", "婚姻家庭"}, {"neighbour", "邻里"}, {"grassland", "草场"},
    {"land", "土地"},       {"debt", "债务"},      {"damages", "损害赔偿"},
    {"labour", "劳动"},     {"other", "其他"},     {NULL, NULL},
};

static const RegEnum aResult[] = {
    {"resolved", "调解成功"}, {"failed", "调解不成"},
    {"terminated", "终止"},   {"pending", "调解中"},
    {NULL, NULL},
};

static const RegEnum aAgreement[] = {
    {"written", "书面"}, {"oral", "口头"}, {NULL, NULL},
};

static const RegField aDisputeField[] = {
    {"case_no", "案号", FT_TEXT, F_UNIQUE | F_SEARCH, 0, 0, 60, 0},
    {"category", "纠纷类型", FT_ENUM, F_REQUIRED, aCategory, 0, 0, 0},
    {"received", "受理日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"parties", "当事人数", FT_INT, 0, 0, 1, 10000, 0},
    {"summary", "纠纷简要情况", FT_TEXT, F_SEARCH, 0, 0, 500, 0},
    {"amount", "涉及金额", FT_MONEY, 0, 0, 0, 0, 0},
    {"result", "调解结果", FT_ENUM, F_REQUIRED, aResult, 0, 0, 0},
    {"agreement", "协议形式", FT_ENUM, 0, aAgreement, 0, 0, 0},
    {"closed", "结案日期", FT_DATE, 0, 0, 0, 0, 0},
};

static const RegOrder aDisputeOrder[] = {
    {"received", "closed"},
    {NULL, NULL},
};

/* A dispute still in mediation has no closing date; every other result has
 * one, and only a successful mediation has an agreement. */
static int dispute_check(const Record *r, Err *e) {
  const char *zResult = reg_text(r, "result");
  int pending = zResult && strcmp(zResult, "pending") == 0;
  int resolved = zResult && strcmp(zResult, "resolved") == 0;
  if (pending && reg_text(r, "closed")) {
    return reg_fail(r, e, "closed", "调解中的纠纷不应有结案日期");
  }
  if (!pending && zResult && !reg_text(r, "closed")) {
    return reg_fail(r, e, "closed", "调解已有结果（%s），请填写结案日期",
                    reg_enum_label(r, "result"));
  }
  if (!resolved && reg_text(r, "agreement")) {
    return reg_fail(r, e, "agreement", "只有调解成功的纠纷才有协议形式");
  }
  return FZ_OK;
}

const Register reg_dispute = {
    "dispute", "矛盾纠纷", "received", aDisputeField, REG_NFIELD(aDisputeField),
    aDisputeOrder, dispute_check};
