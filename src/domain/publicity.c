/* publicity.c — 普法: legal publicity activities, rule-of-law culture sites
 * in the townships and villages, 法律明白人 training classes and the people
 * trained, and the episodes of the county's programmes (法治在线10分钟,
 * 谚语说法, …) from recording to airing.
 *
 *   media_episode: recorded --> aired (views)
 */
#include "registers.h"

static const RegEnum aTheme[] = {
    {"constitution", "宪法"}, {"civil_code", "民法典"},
    {"ecology", "生态环境"},  {"traffic", "交通安全"},
    {"gas", "燃气安全"},      {"other", "其他"},
    {NULL, NULL},
};

static const RegField aActivityField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"title", "活动名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"theme", "主题", FT_ENUM, F_REQUIRED, aTheme, 0, 0, 0},
    {"place", "地点", FT_TEXT, F_SEARCH, 0, 0, 100, 0},
    {"audience", "覆盖人次", FT_INT, 0, 0, 0, 10000000, 0},
};

const Register reg_activity = {
    "activity", "普法活动", "date", aActivityField, REG_NFIELD(aActivityField),
    NULL, NULL};

static const RegEnum aSiteKind[] = {
    {"square", "广场"}, {"corridor", "长廊"}, {"park", "公园"},
    {"board", "宣传栏"}, {"other", "其他"},   {NULL, NULL},
};

static const RegField aSiteField[] = {
    {"name", "名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 100, 0},
    {"kind", "类型", FT_ENUM, F_REQUIRED, aSiteKind, 0, 0, 0},
    {"built", "建成日期", FT_DATE, 0, 0, 0, 0, 0},
};

/* TODO(engine): a site's org must be a township or a village; the engine
 * cannot limit a register's org to kinds of unit (a hook sees the org as
 * typed, before it is resolved, and has no database). */
const Register reg_culture_site = {
    "culture_site", "法治文化阵地", "built", aSiteField, REG_NFIELD(aSiteField),
    NULL, NULL};

static const RegField aClassField[] = {
    {"date", "日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"title", "培训班名称", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 200, 0},
    {"trainees", "培养人数", FT_INT, 0, 0, 1, 100000, 0},
    {"trainer", "授课人", FT_TEXT, F_SEARCH, 0, 0, 50, 0},
    /* An officer who teaches is the same person as in the officer register. */
    {"trainer_id", "授课人身份证号码", FT_IDNUM, 0, 0, 0, 0, "trainer"},
};

const Register reg_literate_class = {
    "literate_class", "法律明白人培训", "date", aClassField,
    REG_NFIELD(aClassField), NULL, NULL};

/* One person trained at a class, when the class lists its trainees. */
static const RegField aTraineeField[] = {
    {"literate_class", "培训班", FT_REF, F_REQUIRED, 0, 0, 0, "literate_class"},
    {"name", "姓名", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 50, 0},
    {"village", "所在村", FT_ORG, F_REQUIRED, 0, 0, 0, 0},
    {"id_number", "身份证号码", FT_IDNUM, 0, 0, 0, 0, "name"},
};

const Register reg_literate_trainee = {
    "literate_trainee", "法律明白人", NULL, aTraineeField,
    REG_NFIELD(aTraineeField), NULL, NULL};

static const RegField aEpisodeField[] = {
    {"series", "栏目", FT_TEXT, F_REQUIRED | F_SEARCH, 0, 0, 50, 0},
    {"episode", "期数", FT_INT, 0, 0, 1, 100000, 0},
    {"title", "标题", FT_TEXT, F_SEARCH, 0, 0, 200, 0},
    {"recorded", "录制日期", FT_DATE, F_REQUIRED, 0, 0, 0, 0},
    {"aired", "播出日期", FT_DATE, 0, 0, 0, 0, 0},
    {"views", "播放量", FT_INT, 0, 0, 0, 1000000000, 0},
};

static const RegOrder aEpisodeOrder[] = {
    {"recorded", "aired"},
    {NULL, NULL},
};

/* Only an aired episode has been watched.
 * TODO(engine): one row per (series, episode) needs uniqueness over two
 * fields. */
static int episode_check(const Record *r, Err *e) {
  if (reg_value(r, "views") && !reg_text(r, "aired")) {
    return reg_fail(r, e, "views", "节目尚未播出，不应有播放量；已播出的请填写播出日期");
  }
  return FZ_OK;
}

const Register reg_media_episode = {
    "media_episode", "普法节目", "recorded", aEpisodeField,
    REG_NFIELD(aEpisodeField), aEpisodeOrder, episode_check};
