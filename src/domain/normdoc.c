/* normdoc.c — 行政规范性文件 (LAW.md §6): the legality review of each draft
 * (合法性审核) from submission to publication and filing (备案), and the
 * periodic cleanups (清理) with each document's outcome.
 *
 *   submitted --reviewed (opinion)--> published --> filed
 *                    '-- 不同意: never published
 */
#include "registers.h"

static const RegEnum aKind[] = {
    {"normative", "行政规范性文件"}, {"general", "一般性文件"}, {NULL, NULL},
};

static const RegEnum aOpinion[] = {
    {"approved", "同意"}, {"approved_amended", "修改后同意"},
    {"rejected", "不同意"}, {NULL, NULL},
};

static const RegEnum aStatus[] = {
    {"valid", "有效"},     {"amended", "已修改"}, {"abolished", "已废止"},
    {"expired", "已失效"}, {NULL, NULL},
};

static const RegField aReviewField[] = {
    {"title", "文件名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"kind", "文件类别", FT_ENUM, F_REQUIRED, aKind, 0, 0, 0},
    {"drafter", "起草单位", FT_ORG, F_REQUIRED, 0, 0, 0, 0},
    {"submitted", "送审日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"reviewed", "审核完成日期", FT_DATE, 0, 0, 0, 0, 0},
    {"opinion", "审核意见", FT_ENUM, 0, aOpinion, 0, 0, 0},
    {"doc_number", "文号", FT_TEXT, F_UNIQUE | F_SEARCH, 0, 0, 60, 0},
    {"published", "公布日期", FT_DATE, 0, 0, 0, 0, 0},
    {"filed", "报备日期", FT_DATE, 0, 0, 0, 0, 0},
    {"valid_until", "有效期至", FT_DATE, 0, 0, 0, 0, 0},
    {"status", "状态", FT_ENUM, 0, aStatus, 0, 0, 0},
};

static const RegOrder aReviewOrder[] = {
    {"submitted", "reviewed"},
    {"reviewed", "published"},
    {"published", "filed"},
    {"published", "valid_until"},
    {NULL, NULL},
};

/* A review ends with an opinion; only a document that passed it may be
 * published, a published normative document has its 文号, and filing and
 * validity status come after publication. The warnings of DOMAIN (filing
 * deadline, a review shorter than the minimum, validity ending) are
 * deadline rules (data/rules/deadlines.csv, fazhi due). */
static int review_check(const Record *r, Err *e) {
  const char *zOpinion = reg_text(r, "opinion");
  const char *zKind = reg_text(r, "kind");
  int published = reg_text(r, "published") != NULL;
  if (zOpinion && !reg_text(r, "reviewed")) {
    return reg_fail(r, e, "reviewed", "已有审核意见，请填写审核完成日期");
  }
  if (!zOpinion && reg_text(r, "reviewed")) {
    return reg_fail(r, e, "opinion", "审核已完成，请填写审核意见（同意、修改后同意或不同意）");
  }
  if (published && !zOpinion) {
    return reg_fail(r, e, "published", "未经合法性审核的文件不得公布");
  }
  if (published && strcmp(zOpinion, "rejected") == 0) {
    return reg_fail(r, e, "published", "审核意见为“不同意”的文件不得公布");
  }
  if (published && zKind && strcmp(zKind, "normative") == 0 &&
      !reg_text(r, "doc_number")) {
    return reg_fail(r, e, "doc_number", "行政规范性文件公布时应有文号（如“泽政规〔2024〕1号”）");
  }
  if (!published && reg_text(r, "filed")) {
    return reg_fail(r, e, "filed", "文件尚未公布，不能有报备日期");
  }
  if (!published && reg_text(r, "status")) {
    return reg_fail(r, e, "status", "文件尚未公布，不应有效力状态");
  }
  return FZ_OK;
}

const Register reg_normdoc_review = {
    "normdoc_review", "规范性文件合法性审核", "reviewed", aReviewField,
    REG_NFIELD(aReviewField), aReviewOrder, review_check};

static const RegField aCampaignField[] = {
    {"name", "清理名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"period_start", "清理范围起始日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"period_end", "清理范围截止日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"completed", "完成日期", FT_DATE, 0, 0, 0, 0, 0},
};

/* The window is of publication dates, so it closes before the cleanup
 * can be completed. */
static const RegOrder aCampaignOrder[] = {
    {"period_start", "period_end"},
    {"period_end", "completed"},
    {NULL, NULL},
};

const Register reg_cleanup_campaign = {
    "cleanup_campaign", "规范性文件清理", "completed", aCampaignField,
    REG_NFIELD(aCampaignField), aCampaignOrder, NULL};

static const RegEnum aOutcome[] = {
    {"continue", "继续有效"}, {"amend", "予以修改"}, {"abolish", "废止"},
    {"expire", "失效"},       {NULL, NULL},
};

static const RegField aItemField[] = {
    {"campaign", "清理活动", FT_REF, F_REQUIRED, 0, 0, 0, "cleanup_campaign"},
    {"doc_number", "文号", FT_TEXT, F_SEARCH, 0, 0, 60, 0},
    {"title", "文件名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"outcome", "清理结果", FT_ENUM, F_REQUIRED, aOutcome, 0, 0, 0},
};

/* TODO(engine): an item's year is its campaign's completed date and a
 * document appears once per campaign; the engine can say neither (no
 * defining date through a reference, no uniqueness over two fields). */
const Register reg_cleanup_item = {
    "cleanup_item", "规范性文件清理结果", NULL, aItemField,
    REG_NFIELD(aItemField), NULL, NULL};
