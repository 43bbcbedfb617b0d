/* litigation.c — 行政应诉: administrative lawsuits against the county's
 * agencies, from filing to the court's result, and whether the agency head
 * appeared in court (行政诉讼法 第三条, LAW.md §2).
 *
 *   filed --(hearing: head_appeared?)--> closed with outcome
 */
#include "registers.h"

static const RegEnum aOutcome[] = {
    {"withdrawn", "撤诉"}, {"dismissed", "驳回"}, {"upheld", "维持"},
    {"lost", "败诉"},      {"mediated", "调解"},  {"other", "其他"},
    {NULL, NULL},
};

static const RegField aField[] = {
    {"case_no", "案号", FT_TEXT, F_REQUIRED | F_UNIQUE | F_SEARCH, 0, 0, 60, 0},
    {"court", "法院", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 100, 0},
    {"plaintiff", "原告", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 100, 0},
    {"defendant", "被告", FT_ORG, F_REQUIRED, 0, 0, 0, 0},
    {"filed", "立案日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"hearing", "是否开庭", FT_BOOL, 0, 0, 0, 0, 0},
    {"head_appeared", "负责人出庭", FT_BOOL, 0, 0, 0, 0, 0},
    {"outcome", "结果", FT_ENUM, 0, aOutcome, 0, 0, 0},
    {"closed", "结案日期", FT_DATE, 0, 0, 0, 0, 0},
};

static const RegOrder aOrder[] = {
    {"filed", "closed"},
    {NULL, NULL},
};

/* A court case number: "（2024）青2323行初1号" — the year in full-width
 * brackets, the court and case type, the sequence, 号. */
static int case_no_ok(const char *z) {
  static const char zOpen[] = "（", zClose[] = "）", zEnd[] = "号";
  size_t n, k;
  if (strncmp(z, zOpen, sizeof zOpen - 1) != 0) return 0;
  z += sizeof zOpen - 1;
  for (k = 0; k < 4; k++) {
    if (z[k] < '0' || z[k] > '9') return 0;
  }
  z += 4;
  if (strncmp(z, zClose, sizeof zClose - 1) != 0) return 0;
  z += sizeof zClose - 1;
  n = strlen(z);
  return n > sizeof zEnd - 1 && strcmp(z + n - (sizeof zEnd - 1), zEnd) == 0;
}

/* The head can appear only at a hearing; a result closes the case and a
 * closed case has its result. */
static int litigation_check(const Record *r, Err *e) {
  const RegValue *pHearing = reg_value(r, "hearing");
  const char *zCaseNo = reg_text(r, "case_no");
  if (zCaseNo && !case_no_ok(zCaseNo)) {
    return reg_fail(r, e, "case_no", "案号“%s”格式不对，应形如“（2024）青2323行初1号”（全角括号）",
                    zCaseNo);
  }
  if (reg_value(r, "head_appeared") && !(pHearing && pHearing->i)) {
    return reg_fail(r, e, "head_appeared",
                    "未开庭的案件不填写负责人出庭；已开庭的请把“是否开庭”填为“是”");
  }
  if (reg_text(r, "outcome") && !reg_text(r, "closed")) {
    return reg_fail(r, e, "closed", "案件已有结果（%s），请填写结案日期",
                    reg_enum_label(r, "outcome"));
  }
  if (reg_text(r, "closed") && !reg_text(r, "outcome")) {
    return reg_fail(r, e, "outcome", "案件已结案，请填写结果");
  }
  return FZ_OK;
}

const Register reg_litigation = {
    "litigation", "行政应诉", "filed", aField, REG_NFIELD(aField), aOrder,
    litigation_check};
