/* decision.c — 重大行政决策 (重大行政决策程序暂行条例, LAW.md §5): the five
 * procedures in their statutory order, then the decision and its
 * publication. The first three are conditional (已开展, or 不需要 with a
 * reason); legality review and collective discussion are mandatory.
 *
 *   public_participation? -> expert_review? -> risk_assessment?
 *     -> legality_review -> collective_discussion (通过) -> decided -> published
 */
#include "registers.h"

static const RegEnum aStep[] = {
    {"done", "已开展"}, {"not_required", "不需要"}, {NULL, NULL},
};

static const RegEnum aLevel[] = {
    {"high", "高"}, {"medium", "中"}, {"low", "低"}, {NULL, NULL},
};

static const RegEnum aOpinion[] = {
    {"lawful", "合法"}, {"lawful_amended", "修改后合法"}, {"unlawful", "不合法"},
    {NULL, NULL},
};

static const RegEnum aResult[] = {
    {"passed", "通过"}, {"rejected", "不通过"}, {"deferred", "暂缓"},
    {NULL, NULL},
};

static const RegField aField[] = {
    {"title", "决策事项", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"sponsor", "承办单位", FT_ORG, F_REQUIRED, 0, 0, 0, 0},
    {"in_catalog", "是否列入年度决策目录", FT_BOOL, 0, 0, 0, 0, 0},
    {"public_participation", "公众参与", FT_ENUM, 0, aStep, 0, 0, 0},
    {"public_participation_start", "公众参与开始日期", FT_DATE, 0, 0, 0, 0, 0},
    {"public_participation_end", "公众参与结束日期", FT_DATE, 0, 0, 0, 0, 0},
    {"public_participation_comments", "意见条数", FT_INT, 0, 0, 0, 1000000, 0},
    {"public_participation_reason", "不需要公众参与的理由", FT_TEXT, 0, 0, 0, 500, 0},
    {"expert_review", "专家论证", FT_ENUM, 0, aStep, 0, 0, 0},
    {"expert_review_date", "专家论证日期", FT_DATE, 0, 0, 0, 0, 0},
    {"expert_review_experts", "专家人数", FT_INT, 0, 0, 1, 1000, 0},
    {"expert_review_reason", "不需要专家论证的理由", FT_TEXT, 0, 0, 0, 500, 0},
    {"risk_assessment", "风险评估", FT_ENUM, 0, aStep, 0, 0, 0},
    {"risk_assessment_date", "风险评估日期", FT_DATE, 0, 0, 0, 0, 0},
    {"risk_assessment_level", "风险等级", FT_ENUM, 0, aLevel, 0, 0, 0},
    {"risk_assessment_reason", "不需要风险评估的理由", FT_TEXT, 0, 0, 0, 500, 0},
    /* 送审: starts the review's minimum of 7 working days (deadlines.csv) */
    {"legality_review_submitted", "合法性审查送审日期", FT_DATE, 0, 0, 0, 0, 0},
    {"legality_review_date", "合法性审查日期", FT_DATE, 0, 0, 0, 0, 0},
    {"legality_review_opinion", "合法性审查意见", FT_ENUM, 0, aOpinion, 0, 0, 0},
    {"collective_discussion_date", "集体讨论决定日期", FT_DATE, 0, 0, 0, 0, 0},
    {"collective_discussion_meeting", "会议名称", FT_TEXT, F_SEARCH, 0, 0, 100, 0},
    {"collective_discussion_result", "集体讨论结果", FT_ENUM, 0, aResult, 0, 0, 0},
    {"decided", "决策日期", FT_DATE, 0, 0, 0, 0, 0},
    {"published", "公布日期", FT_DATE, 0, 0, 0, 0, 0},
};

/* The pairs that are always adjacent; the hook checks the whole chain,
 * skipping the procedures not carried out. */
static const RegOrder aOrder[] = {
    {"public_participation_start", "public_participation_end"},
    {"legality_review_submitted", "legality_review_date"},
    {"legality_review_date", "collective_discussion_date"},
    {"collective_discussion_date", "decided"},
    {"decided", "published"},
    {NULL, NULL},
};

/* A conditional procedure: its status, the reason when not required, and
 * its data (the first is the date it needs when done). */
typedef struct Optional {
  const char *zStatus;
  const char *zReason;
  const char *azData[4];
} Optional;

static const Optional aOptional[] = {
    {"public_participation", "public_participation_reason",
     {"public_participation_start", "public_participation_end",
      "public_participation_comments", NULL}},
    {"expert_review", "expert_review_reason",
     {"expert_review_date", "expert_review_experts", NULL}},
    {"risk_assessment", "risk_assessment_reason",
     {"risk_assessment_date", "risk_assessment_level", NULL}},
};

/* Every dated step in statutory order. */
static const char *const azChain[] = {
    "public_participation_start", "public_participation_end",
    "expert_review_date",         "risk_assessment_date",
    "legality_review_date",       "collective_discussion_date",
    "decided",                    "published",
};

static const char *label(const Record *r, const char *zField) {
  return r->pReg->aField[reg_field_index(r->pReg, zField)].zLabel;
}

static int is(const Record *r, const char *zField, const char *zCode) {
  const char *z = reg_text(r, zField);
  return z && strcmp(z, zCode) == 0;
}

static int has(const Record *r, const char *zField) {
  return reg_value(r, zField) != NULL;
}

/* Done: dated, no reason. Not required: a reason, no data. Unmarked: no
 * data either. */
static int optional_check(const Record *r, const Optional *o, Err *e) {
  const char *zName = label(r, o->zStatus);
  int done = is(r, o->zStatus, "done"), k;
  if (done && !has(r, o->azData[0])) {
    return reg_fail(r, e, o->azData[0], "%s已开展，请填写%s", zName,
                    label(r, o->azData[0]));
  }
  if (done && has(r, o->zReason)) {
    return reg_fail(r, e, o->zReason, "%s已开展，不应填写%s", zName,
                    label(r, o->zReason));
  }
  if (is(r, o->zStatus, "not_required") && !has(r, o->zReason)) {
    return reg_fail(r, e, o->zReason, "%s选择“不需要”，请填写理由", zName);
  }
  for (k = 0; !done && o->azData[k]; k++) {
    if (!has(r, o->azData[k])) continue;
    return reg_fail(r, e, o->zStatus, "%s未标为“已开展”，不应填写%s", zName,
                    label(r, o->azData[k]));
  }
  if (!has(r, o->zStatus) && has(r, o->zReason)) {
    return reg_fail(r, e, o->zStatus, "填写了%s，请把%s选为“不需要”",
                    label(r, o->zReason), zName);
  }
  return FZ_OK;
}

/* No step dated before the last step carried out before it. */
static int chain_check(const Record *r, Err *e) {
  const char *zPrev = NULL, *zPrevDate = NULL;
  size_t k;
  for (k = 0; k < sizeof azChain / sizeof azChain[0]; k++) {
    const char *z = reg_text(r, azChain[k]);
    if (!z) continue;
    if (zPrevDate && strcmp(z, zPrevDate) < 0) {
      return reg_fail(r, e, azChain[k], "%s（%s）早于%s（%s）：决策程序不能早于前一环节",
                      label(r, azChain[k]), z, label(r, zPrev), zPrevDate);
    }
    zPrev = azChain[k];
    zPrevDate = z;
  }
  return FZ_OK;
}

/* Legality review, then collective discussion, then the decision. */
static int mandatory_check(const Record *r, Err *e) {
  int reviewed = has(r, "legality_review_opinion");
  int discussed = has(r, "collective_discussion_date") ||
                  has(r, "collective_discussion_meeting") ||
                  has(r, "collective_discussion_result");
  size_t k;
  if (has(r, "legality_review_date") != reviewed) {
    return reg_fail(r, e, reviewed ? "legality_review_date" : "legality_review_opinion",
                    "合法性审查日期和审查意见应一并填写");
  }
  if (discussed && !reviewed) {
    return reg_fail(r, e, "collective_discussion_date",
                    "未经合法性审查的决策草案不得提交集体讨论");
  }
  if (discussed && is(r, "legality_review_opinion", "unlawful")) {
    return reg_fail(r, e, "collective_discussion_date",
                    "经合法性审查不合法的决策草案不得提交集体讨论");
  }
  if (has(r, "collective_discussion_date") != has(r, "collective_discussion_result")) {
    return reg_fail(r, e, "collective_discussion_result",
                    "集体讨论决定日期和集体讨论结果应一并填写");
  }
  if (has(r, "decided") && !is(r, "collective_discussion_result", "passed")) {
    return reg_fail(r, e, "decided", "决策须经集体讨论决定“通过”后才有决策日期");
  }
  for (k = 0; has(r, "decided") && k < sizeof aOptional / sizeof aOptional[0]; k++) {
    if (has(r, aOptional[k].zStatus)) continue;
    return reg_fail(r, e, aOptional[k].zStatus, "作出决策前须说明%s是“已开展”还是“不需要”",
                    label(r, aOptional[k].zStatus));
  }
  if (has(r, "published") && !has(r, "decided")) {
    return reg_fail(r, e, "published", "尚未作出决策，不能有公布日期");
  }
  return FZ_OK;
}

static int decision_check(const Record *r, Err *e) {
  size_t k;
  int rc = FZ_OK;
  for (k = 0; rc == FZ_OK && k < sizeof aOptional / sizeof aOptional[0]; k++) {
    rc = optional_check(r, &aOptional[k], e);
  }
  if (rc == FZ_OK) rc = mandatory_check(r, e);
  if (rc == FZ_OK) rc = chain_check(r, e);
  return rc;
}

const Register reg_decision = {
    "decision", "重大行政决策", "decided", aField, REG_NFIELD(aField), aOrder,
    decision_check};
