/* enforcement.c — 行政执法 and its supervision (LAW.md §7, §8): the
 * officers and their certificates, qualification exams, training and who
 * attended, supervision events, policy documents, and each enforcement
 * case under the three systems (三项制度: publicity, full-process record,
 * legal review of major decisions).
 *
 *   enf_case: (major: legal_reviewed) --> decided --> publicized
 */
#include "registers.h"

static const RegEnum aOfficerStatus[] = {
    {"active", "在岗"}, {"suspended", "暂扣"}, {"revoked", "注销"}, {NULL, NULL},
};

static const RegField aOfficerField[] = {
    {"name", "姓名", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 50, 0},
    {"id_number", "身份证号码", FT_IDNUM, F_REQUIRED | F_UNIQUE, 0, 0, 0, "name"},
    {"unit", "执法单位", FT_ORG, F_REQUIRED, 0, 0, 0, 0},
    {"cert_no", "执法证号", FT_TEXT, F_UNIQUE | F_SEARCH, 0, 0, 40, 0},
    {"cert_issued", "发证日期", FT_DATE, 0, 0, 0, 0, 0},
    {"cert_expires", "证件有效期至", FT_DATE, 0, 0, 0, 0, 0},
    {"status", "状态", FT_ENUM, F_REQUIRED, aOfficerStatus, 0, 0, 0},
};

static const RegOrder aOfficerOrder[] = {
    {"cert_issued", "cert_expires"},
    {NULL, NULL},
};

/* Certificate dates belong to a certificate. */
static int officer_check(const Record *r, Err *e) {
  if ((reg_text(r, "cert_issued") || reg_text(r, "cert_expires")) &&
      !reg_text(r, "cert_no")) {
    return reg_fail(r, e, "cert_no", "填写了证件日期，请填写执法证号");
  }
  return FZ_OK;
}

const Register reg_officer = {
    "officer", "行政执法人员", NULL, aOfficerField, REG_NFIELD(aOfficerField),
    aOfficerOrder, officer_check};

static const RegField aExamField[] = {
    {"date", "考试日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"name", "姓名", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 50, 0},
    {"id_number", "身份证号码", FT_IDNUM, 0, 0, 0, 0, "name"},
    {"unit", "所在单位", FT_ORG, 0, 0, 0, 0, 0},
    {"score", "成绩", FT_INT, 0, 0, 0, 100, 0},
    {"passed", "是否合格", FT_BOOL, 0, 0, 0, 0, 0},
};

const Register reg_exam = {
    "exam", "执法资格考试", "date", aExamField, REG_NFIELD(aExamField), NULL,
    NULL};

static const RegEnum aMode[] = {
    {"online", "线上"}, {"offline", "线下"}, {NULL, NULL},
};

static const RegEnum aTrainingKind[] = {
    {"political", "政治理论"}, {"party", "党性教育"},
    {"law", "法律知识"},       {"business", "业务"},
    {NULL, NULL},
};

static const RegField aTrainingField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"title", "培训名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"mode", "培训方式", FT_ENUM, F_REQUIRED, aMode, 0, 0, 0},
    {"kind", "培训类别", FT_ENUM, F_REQUIRED, aTrainingKind, 0, 0, 0},
    {"hours", "学时", FT_INT, 0, 0, 1, 1000, 0},
    {"trainees", "参训人数", FT_INT, 0, 0, 1, 100000, 0},
};

const Register reg_training = {
    "training", "执法培训", "date", aTrainingField, REG_NFIELD(aTrainingField),
    NULL, NULL};

/* One officer at one training: what "全员轮训" coverage is counted from.
 * TODO(engine): one row per (training, officer) needs uniqueness over two
 * fields. */
static const RegField aAttendanceField[] = {
    {"training", "培训", FT_REF, F_REQUIRED, 0, 0, 0, "training"},
    {"officer", "执法人员", FT_REF, F_REQUIRED, 0, 0, 0, "officer"},
};

const Register reg_training_attendance = {
    "training_attendance", "参训记录", NULL, aAttendanceField,
    REG_NFIELD(aAttendanceField), NULL, NULL};

static const RegEnum aEventKind[] = {
    {"observation", "观摩会"}, {"file_review", "案卷评查"},
    {"inspection", "监督检查"}, {NULL, NULL},
};

static const RegField aEventField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"kind", "活动类型", FT_ENUM, F_REQUIRED, aEventKind, 0, 0, 0},
    {"title", "活动名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"units", "参加单位数", FT_INT, 0, 0, 0, 1000, 0},
};

const Register reg_enf_event = {
    "enf_event", "执法监督活动", "date", aEventField, REG_NFIELD(aEventField),
    NULL, NULL};

static const RegEnum aAction[] = {
    {"issued", "印发"}, {"forwarded", "转发"}, {NULL, NULL},
};

static const RegField aPolicyField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"title", "文件名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"action", "方式", FT_ENUM, F_REQUIRED, aAction, 0, 0, 0},
};

const Register reg_policy_doc = {
    "policy_doc", "制度文件", "date", aPolicyField, REG_NFIELD(aPolicyField),
    NULL, NULL};

static const RegEnum aCaseKind[] = {
    {"penalty", "行政处罚"},   {"licence", "行政许可"},
    {"coercion", "行政强制"},  {"inspection", "行政检查"},
    {"levy", "行政征收"},      {"confirmation", "行政确认"},
    {"other", "其他"},         {NULL, NULL},
};

static const RegField aCaseField[] = {
    {"unit", "执法单位", FT_ORG, F_REQUIRED, 0, 0, 0, 0},
    {"case_no", "案号", FT_TEXT, F_REQUIRED | F_UNIQUE | F_SEARCH, 0, 0, 60, 0},
    {"kind", "案件类型", FT_ENUM, F_REQUIRED, aCaseKind, 0, 0, 0},
    {"decided", "决定日期", FT_DATE, 0, 0, 0, 0, 0},
    {"publicized", "公示日期", FT_DATE, 0, 0, 0, 0, 0},
    {"av_recorded", "全过程记录", FT_BOOL, 0, 0, 0, 0, 0},
    {"major", "重大执法决定", FT_BOOL, 0, 0, 0, 0, 0},
    {"legal_reviewed", "法制审核日期", FT_DATE, 0, 0, 0, 0, 0},
};

static const RegOrder aCaseOrder[] = {
    {"legal_reviewed", "decided"},
    {"decided", "publicized"},
    {NULL, NULL},
};

/* 行政处罚法 第五十八条: no major decision without legal review first; and
 * only a decision is publicized. The publicity deadline (7 / 20 working
 * days) is watched by the deadline rules (data/rules/deadlines.csv). */
static int case_check(const Record *r, Err *e) {
  const RegValue *pMajor = reg_value(r, "major");
  if (pMajor && pMajor->i && reg_text(r, "decided") &&
      !reg_text(r, "legal_reviewed")) {
    return reg_fail(r, e, "legal_reviewed",
                    "重大执法决定须在作出决定前经法制审核，请填写法制审核日期");
  }
  if (reg_text(r, "publicized") && !reg_text(r, "decided")) {
    return reg_fail(r, e, "publicized", "尚未作出执法决定，不能有公示日期");
  }
  return FZ_OK;
}

const Register reg_enf_case = {
    "enf_case", "执法案件", "decided", aCaseField, REG_NFIELD(aCaseField),
    aCaseOrder, case_check};
