/* task.c — 法治政府建设工作任务台账: each task of the year's work points with
 * its lead section and deadline, the progress reported against it, and the
 * progress meetings (推进会) that review them.
 *
 *   not_started --> in_progress --> done (done_date, progress 100)
 */
#include "registers.h"

static const RegEnum aCategory[] = {
    {"system", "法治体系"},      {"decision", "依法决策"},
    {"enforcement", "执法监督"}, {"stability", "安全稳定"},
    {"publicity", "普法"},       {"other", "其他"},
    {NULL, NULL},
};

static const RegEnum aStatus[] = {
    {"not_started", "未开始"}, {"in_progress", "推进中"}, {"done", "已完成"},
    {NULL, NULL},
};

static const RegField aTaskField[] = {
    {"title", "任务", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"category", "类别", FT_ENUM, F_REQUIRED, aCategory, 0, 0, 0},
    {"source", "任务来源", FT_TEXT, F_SEARCH, 0, 0, 200, 0},
    {"lead", "牵头科室", FT_ORG, F_REQUIRED, 0, 0, 0, 0},
    {"post", "岗位", FT_TEXT, 0, 0, 0, 60, 0},
    {"owner", "责任人", FT_TEXT, F_SEARCH, 0, 0, 60, 0},
    {"due", "完成时限", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"status", "状态", FT_ENUM, F_REQUIRED, aStatus, 0, 0, 0},
    {"progress", "进度", FT_INT, 0, 0, 0, 100, 0},
    {"done_date", "完成日期", FT_DATE, 0, 0, 0, 0, 0},
    {"note", "备注", FT_TEXT, F_SEARCH, 0, 0, 500, 0},
};

/* Only a finished task has a completion date, and it is then at 100%; a
 * task not yet started has made no progress. */
static int task_check(const Record *r, Err *e) {
  const char *zStatus = reg_text(r, "status");
  const RegValue *pProgress = reg_value(r, "progress");
  int done = zStatus && strcmp(zStatus, "done") == 0;
  if (done && !reg_text(r, "done_date")) {
    return reg_fail(r, e, "done_date", "任务已完成，请填写完成日期");
  }
  if (done && (!pProgress || pProgress->i != 100)) {
    return reg_fail(r, e, "progress", "任务已完成，进度应为100");
  }
  if (!done && reg_text(r, "done_date")) {
    return reg_fail(r, e, "done_date",
                    "任务状态为“%s”，不应有完成日期；完成后请把状态改为“已完成”",
                    reg_enum_label(r, "status"));
  }
  if (zStatus && strcmp(zStatus, "not_started") == 0 && pProgress &&
      pProgress->i > 0) {
    return reg_fail(r, e, "progress", "任务未开始，进度应为0；已推进的请把状态改为“推进中”");
  }
  return FZ_OK;
}

const Register reg_task = {
    "task", "工作任务台账", "due", aTaskField, REG_NFIELD(aTaskField), NULL,
    task_check};

static const RegField aUpdateField[] = {
    {"task", "任务", FT_REF, F_REQUIRED, 0, 0, 0, "task"},
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"progress", "进度", FT_INT, F_REQUIRED, 0, 0, 100, 0},
    {"note", "进展情况", FT_TEXT, F_SEARCH, 0, 0, 500, 0},
};

/* TODO(engine): a progress update should move its task's progress; the
 * engine has no rule that writes one record from another. */
const Register reg_progress_update = {
    "progress_update", "任务进展", "date", aUpdateField,
    REG_NFIELD(aUpdateField), NULL, NULL};

static const RegField aMeetingField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"title", "会议名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"attendees", "参会人数", FT_INT, 0, 0, 1, 10000, 0},
    {"issues_raised", "发现问题数", FT_INT, 0, 0, 0, 10000, 0},
    {"issues_resolved", "解决问题数", FT_INT, 0, 0, 0, 10000, 0},
    {"minutes", "纪要", FT_TEXT, F_LONG | F_SEARCH, 0, 0, 0, 0},
};

/* A meeting cannot solve more of the problems it found than it found. */
static int meeting_check(const Record *r, Err *e) {
  const RegValue *pRaised = reg_value(r, "issues_raised");
  const RegValue *pResolved = reg_value(r, "issues_resolved");
  if (pRaised && pResolved && pResolved->i > pRaised->i) {
    return reg_fail(r, e, "issues_resolved", "解决问题数（%lld）不能多于发现问题数（%lld）",
                    (long long)pResolved->i, (long long)pRaised->i);
  }
  return FZ_OK;
}

const Register reg_meeting = {
    "meeting", "推进会", "date", aMeetingField, REG_NFIELD(aMeetingField),
    NULL, meeting_check};
