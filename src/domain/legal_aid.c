/* legal_aid.c — 法律援助 (法律援助法 2021, LAW.md §3): aid cases from
 * acceptance to closing, legal documents drafted for citizens (代写法律文书)
 * and consultations (法律咨询), the last two counted in batches.
 *
 *   accepted --(lawyer assigned)--> closed (recovered)
 */
#include "registers.h"

static const RegEnum aCategory[] = {
    {"criminal", "刑事"},       {"civil", "民事"},
    {"administrative", "行政"}, {"other", "其他"},
    {NULL, NULL},
};

static const RegField aCaseField[] = {
    {"case_no", "案号", FT_TEXT, F_REQUIRED | F_UNIQUE | F_SEARCH, 0, 0, 60, 0},
    {"applicant", "申请人", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 100, 0},
    {"id_number", "身份证号码", FT_IDNUM, 0, 0, 0, 0, "applicant"},
    {"category", "案件类别", FT_ENUM, F_REQUIRED, aCategory, 0, 0, 0},
    {"matter", "事项", FT_TEXT, F_SEARCH, 0, 0, 200, 0},
    {"accepted", "受理日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    /* 法律援助法 第四十三条: decide within 7 days, assign within 3 more */
    {"decided", "审查决定日期", FT_DATE, 0, 0, 0, 0, 0},
    {"assigned", "指派日期", FT_DATE, 0, 0, 0, 0, 0},
    {"lawyer", "承办人", FT_TEXT, F_SEARCH, 0, 0, 50, 0},
    {"closed", "结案日期", FT_DATE, 0, 0, 0, 0, 0},
    {"recovered", "挽回经济损失", FT_MONEY, 0, 0, 0, 0, 0},
};

static const RegOrder aCaseOrder[] = {
    {"accepted", "closed"},
    {"accepted", "decided"},
    {"decided", "assigned"},
    {NULL, NULL},
};

/* TODO(engine): FT_MONEY has no range; a loss recovered is never negative. */
static int aid_case_check(const Record *r, Err *e) {
  const RegValue *pRecovered = reg_value(r, "recovered");
  if (pRecovered && pRecovered->i < 0) {
    return reg_fail(r, e, "recovered", "挽回经济损失不能为负数");
  }
  return FZ_OK;
}

const Register reg_aid_case = {
    "aid_case", "法律援助案件", "accepted", aCaseField, REG_NFIELD(aCaseField),
    aCaseOrder, aid_case_check};

static const RegEnum aDocType[] = {
    {"complaint", "起诉状"},   {"defence", "答辩状"},
    {"application", "申请书"}, {"other", "其他"},
    {NULL, NULL},
};

static const RegField aDocumentField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"doc_type", "文书类型", FT_ENUM, F_REQUIRED, aDocType, 0, 0, 0},
    {"count", "件数", FT_INT, F_REQUIRED, 0, 1, 100000, 0},
};

const Register reg_aid_document = {
    "aid_document", "代写法律文书", "date", aDocumentField,
    REG_NFIELD(aDocumentField), NULL, NULL};

static const RegEnum aChannel[] = {
    {"visit", "来访"}, {"phone", "电话"}, {"online", "网络"}, {NULL, NULL},
};

static const RegField aConsultationField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"channel", "咨询方式", FT_ENUM, F_REQUIRED, aChannel, 0, 0, 0},
    {"count", "人次", FT_INT, F_REQUIRED, 0, 1, 100000, 0},
};

const Register reg_consultation = {
    "consultation", "法律咨询", "date", aConsultationField,
    REG_NFIELD(aConsultationField), NULL, NULL};
