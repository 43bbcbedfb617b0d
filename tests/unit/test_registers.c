/* test_registers.c — every register's declaration and rules, through the
 * way a clerk's input arrives: reg_set from text, then reg_insert. Each
 * register has one valid record here; every rule is shown by changing that
 * record in one place and checking the rc and the Chinese message. Checks
 * that follow from the declaration itself (types, enums, required fields,
 * date order pairs, orgs, references, unique numbers) run for every field
 * of every register; the hook rules are listed per register. */
#include "testutil.h"

#include "../../src/base/str.h"
#include "../../src/domain/reg.h"
#include "../../src/io/orgfile.h"

/* 多禾茂乡: no valid record below it, so an actor scoped to it may touch
 * none of them. */
#define OTHER_TOWNSHIP "632323204000"
#define MAX_SET 32

static const Actor actor = {"test", NULL, 0};

/* One change to the valid record and what it must give. For rc FZ_OK,
 * zMsg is "field=stored text" checked on the record read back. */
typedef struct Rule {
  const char *zWhat;
  const char *az[12]; /* "field=value"; "field=" clears; "@reg": its valid id */
  int rc;
  const char *zMsg;
  int after; /* run once the valid record is stored */
} Rule;

typedef struct Spec {
  const char *zReg;
  const char *az[MAX_SET]; /* one valid record, org included */
  const Rule *aRule;       /* ends with zWhat NULL */
} Spec;

/* ---- The valid record and the hook rules of each register ---- */

static const Rule aActivityRule[] = {
    {"theme by label stored as code", {NULL}, FZ_OK, "theme=constitution", 0},
    {"count with thousands commas", {NULL}, FZ_OK, "audience=1200", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aAidCaseRule[] = {
    {"recovered negative", {"recovered=-100"}, FZ_INVALID, "挽回经济损失不能为负数", 0},
    {"recovered in 万元", {NULL}, FZ_OK, "recovered=35000.00", 0},
    {"date in Chinese form", {NULL}, FZ_OK, "closed=2024-05-30", 0},
    {"id number with lower-case x", {"id_number=11010519491231002x"}, FZ_OK,
     "id_number=11010519491231002X", 0},
    {"a second case number", {"case_no=泽法援〔2024〕2号"}, FZ_OK,
     "case_no=泽法援〔2024〕2号", 1},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aAidDocumentRule[] = {
    {"doc_type by label", {NULL}, FZ_OK, "doc_type=complaint", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aCampaignRule[] = {
    {"campaign under way", {"completed="}, FZ_OK, "period_end=2024-06-30", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aCleanupItemRule[] = {
    {"outcome by label", {NULL}, FZ_OK, "outcome=abolish", 0},
    {"campaign stored as its id", {NULL}, FZ_OK, "campaign=@cleanup_campaign", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aConsultationRule[] = {
    {"channel by code", {"channel=phone"}, FZ_OK, "channel=phone", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aCultureSiteRule[] = {
    {"kind by label", {NULL}, FZ_OK, "kind=square", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aDecisionRule[] = {
    {"participation done, no start",
     {"public_participation_start=", "public_participation_end="}, FZ_INVALID,
     "公众参与已开展，请填写公众参与开始日期", 0},
    {"participation done, with a reason", {"public_participation_reason=时间紧"},
     FZ_INVALID, "公众参与已开展，不应填写不需要公众参与的理由", 0},
    {"expert review not required, no reason", {"expert_review_reason="},
     FZ_INVALID, "专家论证选择“不需要”，请填写理由", 0},
    {"expert review not required, dated", {"expert_review_date=2024-04-01"},
     FZ_INVALID, "专家论证未标为“已开展”，不应填写专家论证日期", 0},
    {"risk assessment unmarked, dated", {"risk_assessment="}, FZ_INVALID,
     "风险评估未标为“已开展”，不应填写风险评估日期", 0},
    {"reason without status",
     {"public_participation=", "public_participation_start=",
      "public_participation_end=", "public_participation_comments=",
      "public_participation_reason=仅涉及内部管理"},
     FZ_INVALID, "填写了不需要公众参与的理由，请把公众参与选为“不需要”", 0},
    {"decided with a conditional step unmarked",
     {"risk_assessment=", "risk_assessment_date=", "risk_assessment_level="},
     FZ_INVALID, "作出决策前须说明风险评估是“已开展”还是“不需要”", 0},
    {"risk assessment before participation ended",
     {"risk_assessment_date=2024-03-20"}, FZ_INVALID,
     "风险评估日期（2024-03-20）早于公众参与结束日期（2024-03-31）", 0},
    {"expert review before participation ended",
     {"expert_review=已开展", "expert_review_reason=", "expert_review_date=2024-03-15",
      "expert_review_experts=5"},
     FZ_INVALID, "专家论证日期（2024-03-15）早于公众参与结束日期（2024-03-31）", 0},
    {"legality review before risk assessment", {"legality_review_date=2024-04-01"},
     FZ_INVALID, "合法性审查日期（2024-04-01）早于风险评估日期（2024-04-05）", 0},
    {"discussion without legality review",
     {"legality_review_date=", "legality_review_opinion="}, FZ_INVALID,
     "未经合法性审查的决策草案不得提交集体讨论", 0},
    {"discussion after an unlawful opinion", {"legality_review_opinion=不合法"},
     FZ_INVALID, "经合法性审查不合法的决策草案不得提交集体讨论", 0},
    {"legality review dated without opinion", {"legality_review_opinion="},
     FZ_INVALID, "合法性审查日期和审查意见应一并填写", 0},
    {"discussion dated without result",
     {"collective_discussion_result=", "decided=", "published="}, FZ_INVALID,
     "集体讨论决定日期和集体讨论结果应一并填写", 0},
    {"decided though deferred", {"collective_discussion_result=暂缓"}, FZ_INVALID,
     "决策须经集体讨论决定“通过”后才有决策日期", 0},
    {"published before decided", {"decided="}, FZ_INVALID,
     "尚未作出决策，不能有公布日期", 0},
    {"published before the decision date", {"published=2024-04-19"}, FZ_INVALID,
     "公布日期（2024-04-19）早于决策日期（2024-04-20）", 0},
    {"in progress: reviewed, not yet discussed",
     {"collective_discussion_date=", "collective_discussion_meeting=",
      "collective_discussion_result=", "decided=", "published="},
     FZ_OK, "legality_review_opinion=lawful_amended", 0},
    {"conditional steps not required",
     {"public_participation=不需要", "public_participation_start=",
      "public_participation_end=", "public_participation_comments=",
      "public_participation_reason=仅涉及内部管理", "risk_assessment=not_required",
      "risk_assessment_date=", "risk_assessment_level=",
      "risk_assessment_reason=不涉及社会稳定和公共安全"},
     FZ_OK, "risk_assessment=not_required", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aDisputeRule[] = {
    {"pending with closing date", {"result=调解中", "agreement="}, FZ_INVALID,
     "调解中的纠纷不应有结案日期", 0},
    {"resolved without closing date", {"closed="}, FZ_INVALID,
     "调解已有结果（调解成功），请填写结案日期", 0},
    {"failed with agreement", {"result=调解不成"}, FZ_INVALID,
     "只有调解成功的纠纷才有协议形式", 0},
    {"category by label", {NULL}, FZ_OK, "category=grassland", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aEnfCaseRule[] = {
    {"major decision without legal review", {"legal_reviewed="}, FZ_INVALID,
     "重大执法决定须在作出决定前经法制审核", 0},
    {"legal review after the decision", {"legal_reviewed=2024-08-21"}, FZ_INVALID,
     "决定日期（2024-08-20）早于法制审核日期（2024-08-21）", 0},
    {"legal review on the decision day", {"legal_reviewed=2024-08-20"}, FZ_OK,
     "legal_reviewed=2024-08-20", 0},
    {"ordinary decision needs no review", {"major=否", "legal_reviewed="}, FZ_OK,
     "major=否", 0},
    {"publicized without decision", {"decided=", "legal_reviewed="}, FZ_INVALID,
     "尚未作出执法决定，不能有公示日期", 0},
    {"publicized before decision", {"publicized=2024-08-19"}, FZ_INVALID,
     "公示日期（2024-08-19）早于决定日期（2024-08-20）", 0},
    {"unit by name", {"unit=泽库县市场监督管理局"}, FZ_OK,
     "unit=632323000000-SCJG", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aEnfEventRule[] = {
    {"kind by label", {NULL}, FZ_OK, "kind=observation", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aExamRule[] = {
    {"unit by name", {"unit=泽库县交通运输局"}, FZ_OK, "unit=632323000000-JTYS", 0},
    {"passed as 是", {NULL}, FZ_OK, "passed=是", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aLiterateClassRule[] = {
    {"trainees stored", {NULL}, FZ_OK, "trainees=88", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aLiterateTraineeRule[] = {
    {"village by name", {"village=夏德日村村民委员会"}, FZ_OK,
     "village=632323100200", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aLitigationRule[] = {
    {"case number with half-width brackets", {"case_no=(2024)青2323行初1号"},
     FZ_INVALID, "应形如“（2024）青2323行初1号”", 0},
    {"case number without year", {"case_no=青2323行初1号"}, FZ_INVALID,
     "案号“青2323行初1号”格式不对", 0},
    {"case number without 号", {"case_no=（2024）青2323行初1"}, FZ_INVALID,
     "格式不对", 0},
    {"head appeared without hearing", {"hearing=否"}, FZ_INVALID,
     "未开庭的案件不填写负责人出庭", 0},
    {"head appeared, hearing unknown", {"hearing="}, FZ_INVALID,
     "未开庭的案件不填写负责人出庭", 0},
    {"outcome without closing date", {"closed="}, FZ_INVALID,
     "案件已有结果（撤诉），请填写结案日期", 0},
    {"closed without outcome", {"outcome="}, FZ_INVALID, "案件已结案，请填写结果", 0},
    {"closed before filed", {"closed=2024-04-01"}, FZ_INVALID,
     "结案日期（2024-04-01）早于立案日期（2024-04-02）", 0},
    {"pending case", {"outcome=", "closed=", "head_appeared="}, FZ_OK,
     "defendant=632323000000-ZRZY", 0},
    {"no hearing, head not recorded", {"hearing=否", "head_appeared="}, FZ_OK,
     "outcome=withdrawn", 0},
    {"another case number", {"case_no=（2024）青2323行初2号"}, FZ_OK,
     "case_no=（2024）青2323行初2号", 1},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aEpisodeRule[] = {
    {"views before airing", {"aired="}, FZ_INVALID, "节目尚未播出，不应有播放量", 0},
    {"aired before recorded", {"aired=2024-03-31"}, FZ_INVALID,
     "播出日期（2024-03-31）早于录制日期（2024-04-01）", 0},
    {"recorded, not yet aired", {"aired=", "views="}, FZ_OK, "recorded=2024-04-01", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aMeetingRule[] = {
    {"more resolved than raised", {"issues_resolved=6"}, FZ_INVALID,
     "解决问题数（6）不能多于发现问题数（5）", 0},
    {"all resolved", {"issues_resolved=5"}, FZ_OK, "issues_resolved=5", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aNormdocRule[] = {
    {"opinion without review date", {"reviewed="}, FZ_INVALID,
     "已有审核意见，请填写审核完成日期", 0},
    {"review date without opinion", {"opinion="}, FZ_INVALID,
     "审核已完成，请填写审核意见", 0},
    {"published without review", {"reviewed=", "opinion="}, FZ_INVALID,
     "未经合法性审核的文件不得公布", 0},
    {"published after 不同意", {"opinion=不同意"}, FZ_INVALID,
     "审核意见为“不同意”的文件不得公布", 0},
    {"normative published without number", {"doc_number="}, FZ_INVALID,
     "行政规范性文件公布时应有文号", 0},
    {"filed, not published", {"published=", "status="}, FZ_INVALID,
     "文件尚未公布，不能有报备日期", 0},
    {"status, not published", {"published=", "filed="}, FZ_INVALID,
     "文件尚未公布，不应有效力状态", 0},
    {"filed before published", {"filed=2024-05-29"}, FZ_INVALID,
     "报备日期（2024-05-29）早于公布日期（2024-05-30）", 0},
    {"general document without number", {"kind=一般性文件", "doc_number="}, FZ_OK,
     "kind=general", 0},
    {"awaiting review",
     {"reviewed=", "opinion=", "doc_number=", "published=", "filed=",
      "valid_until=", "status="},
     FZ_OK, "submitted=2024-05-06", 0},
    {"drafter by name", {"drafter=泽库县农牧水利和科技局"}, FZ_OK,
     "drafter=632323000000-NMSL", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aOfficerRule[] = {
    {"certificate dates without number", {"cert_no="}, FZ_INVALID,
     "填写了证件日期，请填写执法证号", 0},
    {"no certificate yet", {"cert_no=", "cert_issued=", "cert_expires="}, FZ_OK,
     "status=active", 0},
    {"certificate expires before issued", {"cert_expires=2022-10-31"}, FZ_INVALID,
     "证件有效期至（2022-10-31）早于发证日期（2022-11-01）", 0},
    {"duplicate certificate number", {"id_number=11010519491231002X"}, FZ_CONFLICT,
     "执法证号“QH63232300001”在本机构已被第", 1},
    {"duplicate ID number", {"cert_no=QH63232300002"}, FZ_CONFLICT,
     "身份证号码“632323199001010018”在本机构已被第", 1},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aPolicyDocRule[] = {
    {"action 转发", {"action=转发"}, FZ_OK, "action=forwarded", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aProgressRule[] = {
    {"task stored as its id", {NULL}, FZ_OK, "task=@task", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aReconRule[] = {
    {"decided without review date", {"acceptance_date="}, FZ_INVALID,
     "已作出受理决定（受理），请填写受理审查日期", 0},
    {"awaiting 补正 with outcome", {"acceptance=待补正"}, FZ_INVALID,
     "待补正的申请尚未受理，不能有结果或办结日期", 0},
    {"rejected with procedure", {"acceptance=不予受理"}, FZ_INVALID,
     "未受理的申请没有审理程序和复议结果", 0},
    {"accepted without procedure", {"procedure="}, FZ_INVALID,
     "已受理的案件请填写审理程序", 0},
    {"closed without outcome", {"outcome="}, FZ_INVALID, "已办结的案件请填写复议结果", 0},
    {"outcome without closing", {"closed="}, FZ_INVALID, "已有复议结果，请填写办结日期", 0},
    {"rejected and closed", {"acceptance=不予受理", "procedure=", "outcome="}, FZ_OK,
     "acceptance=rejected", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aReportRule[] = {
    {"draft with dates", {"status=草稿"}, FZ_INVALID,
     "草稿不应有审定日期或公开日期", 0},
    {"approved without date", {"status=已审定", "approved=", "published="},
     FZ_INVALID, "报告已审定，请填写审定日期", 0},
    {"approved with publication date", {"status=已审定"}, FZ_INVALID,
     "报告尚未公开，不应有公开日期", 0},
    {"published without date", {"published="}, FZ_INVALID,
     "报告已公开，请填写公开日期", 0},
    {"published before approved", {"published=2025-02-19"}, FZ_INVALID,
     "公开日期（2025-02-19）早于审定日期（2025-02-20）", 0},
    {"approved before its year", {"approved=2023-12-30", "published=2024-01-05"},
     FZ_INVALID, "审定日期（2023-12-30）早于报告年度（2024年）", 0},
    {"approved with an empty section", {"plans="}, FZ_INVALID,
     "报告已公开，“下一步工作打算”部分不能为空", 0},
    {"draft, half written",
     {"status=draft", "approved=", "published=", "problems=", "plans="}, FZ_OK,
     "status=draft", 0},
    {"another year", {"year=2023"}, FZ_OK, "year=2023", 1},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aScreeningRule[] = {
    {"times stored", {NULL}, FZ_OK, "times=10", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aTaskRule[] = {
    {"done without done date", {"done_date="}, FZ_INVALID, "任务已完成，请填写完成日期", 0},
    {"done at 80%", {"progress=80"}, FZ_INVALID, "任务已完成，进度应为100", 0},
    {"done, progress unknown", {"progress="}, FZ_INVALID, "任务已完成，进度应为100", 0},
    {"in progress with done date", {"status=推进中", "progress=60"}, FZ_INVALID,
     "任务状态为“推进中”，不应有完成日期", 0},
    {"not started with progress", {"status=未开始", "done_date=", "progress=20"},
     FZ_INVALID, "任务未开始，进度应为0", 0},
    {"in progress", {"status=in_progress", "done_date=", "progress=60"}, FZ_OK,
     "status=in_progress", 0},
    {"done date 2024/3/20 stored ISO", {NULL}, FZ_OK, "done_date=2024-03-20", 0},
    {"due in Chinese form", {"due=2024年3月5日"}, FZ_OK, "due=2024-03-05", 0},
    {"lead by name", {"lead=法治督察与执法监督股"}, FZ_OK,
     "lead=632323000000-SFJ-FZDC", 0},
    {"category by label", {NULL}, FZ_OK, "category=system", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aTrainingRule[] = {
    {"mode by label", {NULL}, FZ_OK, "mode=online", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Rule aAttendanceRule[] = {
    {"officer stored as its id", {NULL}, FZ_OK, "officer=@officer", 0},
    {NULL, {NULL}, 0, NULL, 0},
};

static const Spec aSpec[] = {
    {"activity",
     {"org=632323000000-SFJ-PFYF", "date=2024-12-04", "title=国家宪法日集中宣传",
      "theme=宪法", "place=泽曲镇中心广场", "audience=1,200"},
     aActivityRule},
    {"aid_case",
     {"org=632323000000-SFJ-FLYZ", "case_no=泽法援〔2024〕1号", "applicant=多杰",
      "id_number=440305198506151233", "category=民事", "matter=追索劳动报酬",
      "accepted=2024-01-08", "lawyer=李明", "closed=2024年5月30日",
      "recovered=3.5万元"},
     aAidCaseRule},
    {"aid_document",
     {"org=632323100000-SFS", "date=2024-03-05", "doc_type=起诉状", "count=3"},
     aAidDocumentRule},
    {"cleanup_campaign",
     {"org=632323000000-SFJ", "name=2024年度行政规范性文件清理",
      "period_start=2022-07-01", "period_end=2024-06-30", "completed=2024-09-30"},
     aCampaignRule},
    {"cleanup_item",
     {"org=632323000000-SFJ", "campaign=@cleanup_campaign",
      "doc_number=泽政规〔2022〕2号", "title=泽库县草原防火管理办法", "outcome=废止"},
     aCleanupItemRule},
    {"consultation",
     {"org=632323100000-SFS", "date=2024-03-05", "channel=来访", "count=12"},
     aConsultationRule},
    {"culture_site",
     {"org=632323100200", "name=夏德日村法治文化广场", "kind=广场",
      "built=2023-08-01"},
     aCultureSiteRule},
    {"decision",
     {"org=632323000000-SFJ", "title=泽库县草原生态保护补助奖励资金分配方案",
      "sponsor=632323000000-SFJ", "in_catalog=是", "public_participation=已开展",
      "public_participation_start=2024-03-01", "public_participation_end=2024-03-31",
      "public_participation_comments=12", "expert_review=不需要",
      "expert_review_reason=不涉及专业性、技术性问题", "risk_assessment=done",
      "risk_assessment_date=2024-04-05", "risk_assessment_level=低",
      "legality_review_date=2024-04-10", "legality_review_opinion=修改后合法",
      "collective_discussion_date=2024-04-20",
      "collective_discussion_meeting=县政府第5次常务会议",
      "collective_discussion_result=通过", "decided=2024-04-20",
      "published=2024-04-25"},
     aDecisionRule},
    {"dispute",
     {"org=632323000000-SHZL", "case_no=泽矛调〔2024〕1号", "category=草场",
      "received=2024-05-01", "parties=2", "summary=草场边界纠纷", "amount=5000",
      "result=调解成功", "agreement=书面", "closed=2024-05-20"},
     aDisputeRule},
    {"enf_case",
     {"org=632323000000-SCJG", "unit=632323000000-SCJG",
      "case_no=泽市监罚〔2024〕12号", "kind=行政处罚", "decided=2024-08-20",
      "publicized=2024-08-26", "av_recorded=是", "major=是",
      "legal_reviewed=2024-08-15"},
     aEnfCaseRule},
    {"enf_event",
     {"org=632323000000-SFJ", "date=2024-10-18", "kind=观摩会",
      "title=行政执法规范化建设现场观摩会", "units=21"},
     aEnfEventRule},
    {"exam",
     {"org=632323000000-SFJ", "date=2024-09-14", "name=卓玛",
      "id_number=632323200002290029", "unit=632323000000-JTYS", "score=86",
      "passed=是"},
     aExamRule},
    {"literate_class",
     {"org=632323000000-SFJ-PFYF", "date=2024-05-20",
      "title=2024年“法律明白人”培训班", "trainees=88"},
     aLiterateClassRule},
    {"literate_trainee",
     {"org=632323000000-SFJ-PFYF", "literate_class=@literate_class", "name=索南",
      "village=632323100200"},
     aLiterateTraineeRule},
    {"litigation",
     {"org=632323000000-SFJ-XZFY", "case_no=（2024）青2323行初1号",
      "court=泽库县人民法院", "plaintiff=某牧业合作社",
      "defendant=632323000000-ZRZY", "filed=2024-04-02", "hearing=是",
      "head_appeared=是", "outcome=撤诉", "closed=2024-06-20"},
     aLitigationRule},
    {"media_episode",
     {"org=632323000000-SFJ-PFYF", "series=谚语说法", "episode=3",
      "title=交通安全谚语说法", "recorded=2024-04-01", "aired=2024-04-15",
      "views=60,400"},
     aEpisodeRule},
    {"meeting",
     {"org=632323000000-SFJ", "date=2024-06-28", "title=2024年法治政府建设推进会",
      "attendees=30", "issues_raised=5", "issues_resolved=4",
      "minutes=通报上半年任务进度，研究解决存在问题。"},
     aMeetingRule},
    {"normdoc_review",
     {"org=632323000000-SFJ", "title=泽库县草原承包经营权流转管理办法",
      "kind=normative", "drafter=632323000000-NMSL", "submitted=2024-05-06",
      "reviewed=2024-05-15", "opinion=修改后同意", "doc_number=泽政规〔2024〕1号",
      "published=2024-05-30", "filed=2024-06-10", "valid_until=2029-05-29",
      "status=有效"},
     aNormdocRule},
    {"officer",
     {"org=632323000000-SCJG", "name=才让", "id_number=632323199001010018",
      "unit=632323000000-SCJG", "cert_no=QH63232300001", "cert_issued=2022-11-01",
      "cert_expires=2027-10-31", "status=在岗"},
     aOfficerRule},
    {"policy_doc",
     {"org=632323000000-SFJ", "date=2024-03-15",
      "title=泽库县提升行政执法质量会商制度", "action=印发"},
     aPolicyDocRule},
    {"progress_update",
     {"org=632323000000-SFJ", "task=@task", "date=2024-02-15", "progress=50",
      "note=已形成初稿"},
     aProgressRule},
    {"reconsideration",
     {"org=632323000000-SFJ-XZFY", "case_no=泽政复〔2024〕1号", "applicant=某某",
      "applicant_kind=个人", "applicant_id=632323199001010018",
      "respondent=泽库县市场监督管理局", "respondent_org=632323000000-SCJG",
      "matter=行政处罚", "received=2024-03-01", "acceptance=受理",
      "acceptance_date=2024-03-05", "procedure=普通", "outcome=维持",
      "closed=2024-04-20"},
     aReconRule},
    {"report",
     {"org=632323000000-SFJ", "year=2024", "opening=2024年，泽库县司法局……",
      "s1_system=（一）健全法治体系……", "s2_decision=（二）注重科学民主……",
      "s3_enforcement=（三）强化执法监督……", "s4_stability=（四）维护安全稳定……",
      "s5_publicity=（五）加强法治宣传教育……", "problems=一是……",
      "plans=下一步……", "status=已公开", "approved=2025-02-20",
      "published=2025-03-25"},
     aReportRule},
    {"screening",
     {"org=632323100000-SFS", "date=2024-03-01", "times=10", "found=2",
      "note=春节前集中排查"},
     aScreeningRule},
    {"task",
     {"org=632323000000-SFJ", "title=制定年度法治政府建设工作要点",
      "category=法治体系", "source=年度工作要点", "lead=632323000000-SFJ-FZDC",
      "post=法治督察岗", "owner=张三", "due=2024-03-31", "status=已完成",
      "progress=100", "done_date=2024/3/20", "note=已印发"},
     aTaskRule},
    {"training",
     {"org=632323000000-SFJ", "date=2024-07-10",
      "title=2024年度行政执法人员全员轮训", "mode=线上", "kind=law", "hours=8",
      "trainees=120"},
     aTrainingRule},
    {"training_attendance",
     {"org=632323000000-SFJ", "training=@training", "officer=@officer"},
     aAttendanceRule},
};

#define N_SPEC ((int)(sizeof aSpec / sizeof aSpec[0]))

/* ---- Fixture: a fresh database with the demo org tree ---- */

typedef struct Fx {
  Db *db;
  const Spec *pSpec; /* the register under test, or NULL */
  int64_t aId[N_SPEC]; /* each spec's valid record once stored */
} Fx;

static const Spec *spec_find(const char *zReg) {
  int i;
  for (i = 0; i < N_SPEC; i++) {
    if (strcmp(aSpec[i].zReg, zReg) == 0) return &aSpec[i];
  }
  return NULL;
}

static int setup_db(void **state) {
  const char *zReg = *state;
  const char *zData = getenv("FZ_TEST_DATA");
  char zPath[512], zOrg[512];
  Err e = ERR_INIT;
  OrgImportStats st;
  Fx *fx = calloc(1, sizeof *fx);
  test_db_name(zPath, sizeof zPath, "reg.db");
  snprintf(zOrg, sizeof zOrg, "%s/org/zeku.csv", zData ? zData : "data");
  if (reg_open_db(&fx->db, zPath, DB_CREATE, &e) != FZ_OK ||
      orgfile_import(fx->db, zOrg, 0, "test", &st, &e) != FZ_OK) {
    print_error("setup: %s\n", err_msg(&e));
    err_clear(&e);
    free(fx);
    return -1;
  }
  fx->pSpec = zReg ? spec_find(zReg) : NULL;
  *state = fx;
  return 0;
}

static int teardown_db(void **state) {
  Fx *fx = *state;
  db_close(fx->db);
  free(fx);
  return 0;
}

/* ---- Building records from "field=value" lists ---- */

static int64_t ensure_valid(Fx *fx, const char *zReg);

/* The value as the clerk types it; "@reg" is that register's valid id. */
static void resolve(Fx *fx, const char *z, char *zBuf, size_t n) {
  if (z[0] == '@') {
    snprintf(zBuf, n, "%lld", (long long)ensure_valid(fx, z + 1));
  } else {
    snprintf(zBuf, n, "%s", z);
  }
}

static int set_one(Fx *fx, Record *r, const char *zSet, Err *e) {
  char zField[64], zVal[256];
  const char *zEq = strchr(zSet, '=');
  if (!zEq) fail_msg("bad setting %s", zSet);
  snprintf(zField, sizeof zField, "%.*s", (int)(zEq - zSet), zSet);
  resolve(fx, zEq + 1, zVal, sizeof zVal);
  return reg_set(r, zField, zVal, e);
}

/* The valid record of s with the changes azOver (NULL-terminated, may be
 * NULL); the first reg_set failure is returned. */
static int build(Fx *fx, const Spec *s, const char *const *azOver, int nOver,
                 Record *r, Err *e) {
  int i, rc = FZ_OK;
  reg_record_init(r, reg_find(s->zReg));
  for (i = 0; rc == FZ_OK && i < MAX_SET && s->az[i]; i++) rc = set_one(fx, r, s->az[i], e);
  for (i = 0; rc == FZ_OK && azOver && i < nOver && azOver[i]; i++) {
    rc = set_one(fx, r, azOver[i], e);
  }
  return rc;
}

static int try_insert(Fx *fx, const Spec *s, const char *const *azOver, int nOver,
                      const Actor *a, int64_t *pId, Err *e) {
  Record r;
  int rc = build(fx, s, azOver, nOver, &r, e);
  if (rc == FZ_OK) rc = reg_insert(fx->db, a, &r, e);
  if (pId) *pId = r.id;
  reg_record_clear(&r);
  return rc;
}

static int64_t ensure_valid(Fx *fx, const char *zReg) {
  const Spec *s = spec_find(zReg);
  Err e = ERR_INIT;
  int64_t *pId;
  if (!s) fail_msg("no valid record for %s", zReg);
  pId = &fx->aId[s - aSpec];
  if (*pId) return *pId;
  if (try_insert(fx, s, NULL, 0, &actor, pId, &e) != FZ_OK) {
    fail_msg("%s: the valid record was refused: %s", zReg, err_msg(&e));
  }
  return *pId;
}

static void expect(const char *zReg, const char *zWhat, int rc, const Err *e,
                   int rcWant, const char *zFrag) {
  if (rc != rcWant || (zFrag && !strstr(err_msg(e), zFrag))) {
    fail_msg("%s: %s: got %s “%s”, want %s “%s”", zReg, zWhat, err_rc_name(rc),
             err_msg(e), err_rc_name(rcWant), zFrag ? zFrag : "");
  }
}

/* One change, one expected rc and message. */
static void expect_insert(Fx *fx, const char *zWhat, const char *const *azOver,
                          int nOver, const Actor *a, int rcWant, const char *zFrag) {
  Err e = ERR_INIT;
  int rc = try_insert(fx, fx->pSpec, azOver, nOver, a, NULL, &e);
  expect(fx->pSpec->zReg, zWhat, rc, &e, rcWant, zFrag);
  err_clear(&e);
}

static void expect_insert1(Fx *fx, const char *zWhat, const char *zSet, int rcWant,
                           const char *zFrag) {
  const char *az[1];
  az[0] = zSet;
  expect_insert(fx, zWhat, az, 1, &actor, rcWant, zFrag);
}

/* ---- Checks that follow from the declaration ---- */

static char *repeat(const char *z, int64_t n) {
  Str s = STR_INIT;
  int64_t i;
  for (i = 0; i < n; i++) str_puts(&s, z);
  return str_detach(&s);
}

static void expect_set(const Register *p, const RegField *f, const char *zVal,
                       const char *zFrag) {
  Record r;
  Err e = ERR_INIT;
  int rc;
  reg_record_init(&r, p);
  rc = reg_set(&r, f->zName, zVal, &e);
  if (rc != FZ_INVALID || !strstr(err_msg(&e), zFrag) ||
      strncmp(err_msg(&e), f->zLabel, strlen(f->zLabel)) != 0) {
    fail_msg("%s.%s = “%.40s”: got %s “%s”, want invalid “%s”", p->zName, f->zName,
             zVal, err_rc_name(rc), err_msg(&e), zFrag);
  }
  err_clear(&e);
  reg_record_clear(&r);
}

/* Wrong input for each field's type, and enums by code and by label. */
static void check_types(const Register *p) {
  int i, k;
  for (i = 0; i < p->nField; i++) {
    const RegField *f = &p->aField[i];
    char zBuf[64];
    switch (f->type) {
    case FT_INT:
      expect_set(p, f, "十二", "不是整数");
      expect_set(p, f, "1.5", "不是整数");
      snprintf(zBuf, sizeof zBuf, "%lld", (long long)f->max + 1);
      expect_set(p, f, zBuf, "超出范围");
      snprintf(zBuf, sizeof zBuf, "%lld", (long long)f->min - 1);
      expect_set(p, f, zBuf, "超出范围");
      break;
    case FT_REF:
      expect_set(p, f, "第一条", "不是整数");
      expect_set(p, f, "0", "正整数");
      break;
    case FT_MONEY: expect_set(p, f, "五百元", "无法识别"); break;
    case FT_DATE:
      expect_set(p, f, "2023-02-29", "不存在");
      expect_set(p, f, "2024-13-01", "不存在");
      break;
    case FT_BOOL: expect_set(p, f, "也许", "应为“是”或“否”"); break;
    case FT_IDNUM: expect_set(p, f, "632323199001010017", "校验位错误"); break;
    case FT_ENUM: {
      expect_set(p, f, "不存在的选项", "不是可选的值");
      for (k = 0; f->aEnum[k].zCode; k++) {
        const char *azIn[2] = {f->aEnum[k].zCode, f->aEnum[k].zLabel};
        int j;
        for (j = 0; j < 2; j++) {
          Record r;
          Err e = ERR_INIT;
          reg_record_init(&r, p);
          assert_int_equal(reg_set(&r, f->zName, azIn[j], &e), FZ_OK);
          assert_string_equal(reg_text(&r, f->zName), f->aEnum[k].zCode);
          reg_record_clear(&r);
        }
      }
      break;
    }
    case FT_TEXT: {
      int64_t max = f->max ? f->max : (f->flags & F_LONG) ? REG_LONG_MAX : REG_TEXT_MAX;
      char *z = repeat("字", max + 1);
      expect_set(p, f, z, "超过");
      free(z);
      break;
    }
    default: break;
    }
  }
}

/* Every required field and the org, missing. */
static void check_required(Fx *fx, const Register *p) {
  char zSet[80], zMsg[120];
  int i;
  expect_insert1(fx, "org missing", "org=", FZ_INVALID, "缺少必填字段“机构”");
  for (i = 0; i < p->nField; i++) {
    if (!(p->aField[i].flags & F_REQUIRED)) continue;
    snprintf(zSet, sizeof zSet, "%s=", p->aField[i].zName);
    snprintf(zMsg, sizeof zMsg, "缺少必填字段“%s”", p->aField[i].zLabel);
    expect_insert1(fx, zSet, zSet, FZ_INVALID, zMsg);
  }
}

/* The owning org must exist and be in the actor's scope; org fields must
 * name an org; references must name a live record. */
static void check_orgs_and_refs(Fx *fx, const Register *p) {
  const Actor township = {"township", OTHER_TOWNSHIP, 0};
  char zSet[80];
  int i;
  expect_insert1(fx, "org does not exist", "org=632323999999", FZ_INVALID,
                 "机构“632323999999”不存在");
  expect_insert(fx, "org outside scope", NULL, 0, &township, FZ_FORBIDDEN,
                "不在您的管辖范围");
  for (i = 0; i < p->nField; i++) {
    const RegField *f = &p->aField[i];
    if (f->type == FT_ORG) {
      snprintf(zSet, sizeof zSet, "%s=泽库县不存在局", f->zName);
      expect_insert1(fx, zSet, zSet, FZ_INVALID, "机构“泽库县不存在局”不存在");
    } else if (f->type == FT_REF) {
      snprintf(zSet, sizeof zSet, "%s=999999", f->zName);
      expect_insert1(fx, zSet, zSet, FZ_INVALID, "第 999999 号记录不存在");
    }
  }
}

/* Each declared date pair reversed. */
static void check_order(Fx *fx, const Register *p) {
  const RegOrder *o;
  for (o = p->aOrder; o && o->zBefore; o++) {
    char zA[80], zB[80], zMsg[200];
    const char *az[2];
    Record r;
    Err e = ERR_INIT;
    int k, found = 0;
    snprintf(zA, sizeof zA, "%s=2030-01-02", o->zBefore);
    snprintf(zB, sizeof zB, "%s=2030-01-01", o->zAfter);
    az[0] = zA;
    az[1] = zB;
    expect_insert(fx, zB, az, 2, &actor, FZ_INVALID, "日期顺序不对");
    snprintf(zMsg, sizeof zMsg, "%s（2030-01-01）早于%s（2030-01-02）",
             p->aField[reg_field_index(p, o->zAfter)].zLabel,
             p->aField[reg_field_index(p, o->zBefore)].zLabel);
    assert_int_equal(build(fx, fx->pSpec, az, 2, &r, &e), FZ_OK);
    assert_int_equal(reg_validate(&r, 1, 1, &e), FZ_INVALID);
    for (k = 0; k < e.nItem; k++) found |= strstr(e.aItem[k].msg, zMsg) != NULL;
    if (!found) fail_msg("%s: no problem “%s”", p->zName, zMsg);
    err_clear(&e);
    reg_record_clear(&r);
  }
}

/* What a stored field reads back as (ID numbers in full: actor is an
 * editor). */
static void expect_stored(Fx *fx, const Register *p, int64_t id, const char *zWhat,
                          const char *zCheck) {
  char zField[64], zWant[256];
  const char *zEq = strchr(zCheck, '=');
  Record r;
  Err e = ERR_INIT;
  Str s = STR_INIT;
  int i;
  snprintf(zField, sizeof zField, "%.*s", (int)(zEq - zCheck), zCheck);
  resolve(fx, zEq + 1, zWant, sizeof zWant);
  i = reg_field_index(p, zField);
  assert_true(i >= 0);
  if (reg_get(fx->db, &actor, p, id, &r, &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  reg_format_value(&r, i, 0, &actor, &s);
  if (strcmp(str_cstr(&s), zWant) != 0) {
    fail_msg("%s: %s: %s is “%s”, want “%s”", p->zName, zWhat, zField, str_cstr(&s),
             zWant);
  }
  str_free(&s);
  reg_record_clear(&r);
}

static void run_rules(Fx *fx, const Register *p, int after) {
  const Rule *u;
  for (u = fx->pSpec->aRule; u->zWhat; u++) {
    Err e = ERR_INIT;
    int64_t id = 0;
    int rc;
    if (u->after != after) continue;
    rc = try_insert(fx, fx->pSpec, u->az, 12, &actor, &id, &e);
    expect(p->zName, u->zWhat, rc, &e, u->rc, u->rc == FZ_OK ? NULL : u->zMsg);
    err_clear(&e);
    if (rc != FZ_OK) continue;
    expect_stored(fx, p, id, u->zWhat, u->zMsg);
    /* Out of the way of the valid record's unique numbers. */
    if (reg_void(fx->db, &actor, p, id, "测试", &e) != FZ_OK) fail_msg("%s", err_msg(&e));
  }
}

static int first_unique(const Register *p) {
  int i;
  for (i = 0; i < p->nField; i++) {
    if (p->aField[i].flags & F_UNIQUE) return i;
  }
  return -1;
}

/* One register: every declared check, every hook rule, the valid record,
 * and a duplicate of it. */
static void register_rules(void **state) {
  Fx *fx = *state;
  const Register *p = reg_find(fx->pSpec->zReg);
  int iUnique;
  assert_non_null(p);
  check_types(p);
  check_required(fx, p);
  check_orgs_and_refs(fx, p);
  check_order(fx, p);
  run_rules(fx, p, 0);
  ensure_valid(fx, p->zName);
  iUnique = first_unique(p);
  if (iUnique >= 0) {
    char zMsg[120];
    snprintf(zMsg, sizeof zMsg, "%s“", p->aField[iUnique].zLabel);
    expect_insert(fx, "duplicate", NULL, 0, &actor, FZ_CONFLICT, zMsg);
    expect_insert(fx, "duplicate", NULL, 0, &actor, FZ_CONFLICT, "已被第");
  }
  run_rules(fx, p, 1);
}

/* ---- The declarations themselves ---- */

static int is_snake(const char *z) {
  if (!*z || *z < 'a' || *z > 'z') return 0;
  for (; *z; z++) {
    if (!((*z >= 'a' && *z <= 'z') || (*z >= '0' && *z <= '9') || *z == '_')) return 0;
  }
  return 1;
}

static int field_type(const Register *p, const char *zName) {
  int i = zName ? reg_field_index(p, zName) : -1;
  return i >= 0 && strcmp(p->aField[i].zName, zName) == 0 ? p->aField[i].type : -1;
}

static void check_enum(const Register *p, const RegField *f) {
  int k, j;
  if (!f->aEnum || !f->aEnum[0].zCode) fail_msg("%s.%s: no choices", p->zName, f->zName);
  for (k = 0; f->aEnum[k].zCode; k++) {
    if (!is_snake(f->aEnum[k].zCode) || !f->aEnum[k].zLabel || !f->aEnum[k].zLabel[0]) {
      fail_msg("%s.%s: choice %d needs an English code and a Chinese label", p->zName,
               f->zName, k);
    }
    for (j = 0; j < k; j++) {
      if (strcmp(f->aEnum[j].zCode, f->aEnum[k].zCode) == 0 ||
          strcmp(f->aEnum[j].zLabel, f->aEnum[k].zLabel) == 0) {
        fail_msg("%s.%s: choice %s repeated", p->zName, f->zName, f->aEnum[k].zCode);
      }
    }
  }
}

static void check_field(const Register *p, int i) {
  static const char *const azMeta[] = {"id", "org", "voided", "void_reason",
                                       "created_at", "created_by", "updated_at",
                                       "updated_by", "batch", "batch_row", "机构"};
  const RegField *f = &p->aField[i];
  size_t m;
  int j;
  if (!is_snake(f->zName) || !f->zLabel || !f->zLabel[0])
    fail_msg("%s: field %d needs a snake_case name and a label", p->zName, i);
  for (m = 0; m < sizeof azMeta / sizeof azMeta[0]; m++) {
    if (strcmp(f->zName, azMeta[m]) == 0 || strcmp(f->zLabel, azMeta[m]) == 0)
      fail_msg("%s.%s: name or label taken by a common column", p->zName, f->zName);
  }
  for (j = 0; j < i; j++) {
    const RegField *g = &p->aField[j];
    if (strcmp(f->zName, g->zName) == 0 || strcmp(f->zLabel, g->zLabel) == 0 ||
        strcmp(f->zName, g->zLabel) == 0 || strcmp(f->zLabel, g->zName) == 0)
      fail_msg("%s.%s: name or label repeats field %s", p->zName, f->zName, g->zName);
  }
  if ((f->type == FT_ENUM) != (f->aEnum != NULL))
    fail_msg("%s.%s: choices only and always on an enum", p->zName, f->zName);
  if (f->type == FT_ENUM) check_enum(p, f);
  if (f->type == FT_REF && !f->zRef)
    fail_msg("%s.%s: a reference names its register", p->zName, f->zName);
  if (f->type == FT_REF && reg_find(f->zRef)) {
    /* reg_sync_schema creates tables in two passes: references one deep */
    const Register *q = reg_find(f->zRef);
    int k;
    for (k = 0; k < q->nField; k++) {
      if (q->aField[k].type == FT_REF)
        fail_msg("%s.%s: refers to %s, which refers on", p->zName, f->zName,
                 q->zName);
    }
  }
  if (f->zRef && f->type != FT_REF && f->type != FT_IDNUM)
    fail_msg("%s.%s: zRef only on a reference or an ID number", p->zName, f->zName);
  if (f->type == FT_IDNUM && f->zRef &&
      (reg_field_index(p, f->zRef) < 0 ||
       p->aField[reg_field_index(p, f->zRef)].type != FT_TEXT))
    fail_msg("%s.%s: the name of an ID number is a text field of its register",
             p->zName, f->zName);
  if (f->type == FT_REF && (!reg_find(f->zRef) || strcmp(reg_find(f->zRef)->zName, f->zRef)))
    fail_msg("%s.%s: refers to no register %s", p->zName, f->zName, f->zRef);
  if ((f->flags & F_LONG) && f->type != FT_TEXT)
    fail_msg("%s.%s: only text is long", p->zName, f->zName);
  /* A unique index over money or a yes/no makes no sense. */
  if ((f->flags & F_UNIQUE) && (f->type == FT_MONEY || f->type == FT_BOOL))
    fail_msg("%s.%s: F_UNIQUE on a money or yes/no field", p->zName, f->zName);
  if (f->type == FT_INT && f->min > f->max)
    fail_msg("%s.%s: range is empty", p->zName, f->zName);
}

static void declarations_are_consistent(void **state) {
  int i, j, f;
  (void)state;
  assert_true(reg_count > 0);
  for (i = 0; i < reg_count; i++) {
    const Register *p = reg_all[i];
    const RegOrder *o;
    if (i > 0 && strcmp(reg_all[i - 1]->zName, p->zName) >= 0)
      fail_msg("reg_all not sorted: %s before %s", reg_all[i - 1]->zName, p->zName);
    if (!is_snake(p->zName) || !p->zLabel || !p->zLabel[0] || p->nField <= 0)
      fail_msg("register %d: name, label and fields", i);
    for (j = 0; j < i; j++) {
      if (strcmp(reg_all[j]->zLabel, p->zLabel) == 0)
        fail_msg("%s and %s share the label %s", reg_all[j]->zName, p->zName, p->zLabel);
    }
    assert_ptr_equal(reg_find(p->zName), p);
    assert_ptr_equal(reg_find(p->zLabel), p);
    if (p->zDateField && field_type(p, p->zDateField) != FT_DATE)
      fail_msg("%s: defining date %s is no date field", p->zName, p->zDateField);
    for (f = 0; f < p->nField; f++) check_field(p, f);
    for (o = p->aOrder; o && (o->zBefore || o->zAfter); o++) {
      if (field_type(p, o->zBefore) != FT_DATE || field_type(p, o->zAfter) != FT_DATE ||
          strcmp(o->zBefore, o->zAfter) == 0)
        fail_msg("%s: order %s <= %s needs two date fields", p->zName,
                 o->zBefore ? o->zBefore : "NULL", o->zAfter ? o->zAfter : "NULL");
    }
  }
}

/* Each register here has its valid record and rules, and no other. */
static void every_register_is_tested(void **state) {
  int i;
  (void)state;
  assert_int_equal(N_SPEC, reg_count);
  for (i = 0; i < reg_count; i++) {
    if (!spec_find(reg_all[i]->zName)) fail_msg("no test for %s", reg_all[i]->zName);
  }
}

/* An actor scoped to a township writes its own offices' records. */
static void township_actor_writes_in_scope(void **state) {
  Fx *fx = *state;
  const Actor township = {"zequ", "632323100000", 0};
  Err e = ERR_INIT;
  int64_t id = 0;
  int rc = try_insert(fx, spec_find("screening"), NULL, 0, &township, &id, &e);
  expect("screening", "in scope", rc, &e, FZ_OK, NULL);
  assert_true(id > 0);
  rc = try_insert(fx, spec_find("task"), NULL, 0, &township, &id, &e);
  expect("task", "county record by township", rc, &e, FZ_FORBIDDEN, "不在您的管辖范围");
  err_clear(&e);
}

/* One report per org and year: F_UNIQUE on the year is an index on
 * (org, year) over live reports. */
static void report_one_per_org_and_year(void **state) {
  Fx *fx = *state;
  const Spec *s = spec_find("report");
  Err e = ERR_INIT;
  int64_t id = 0;
  int rc;
  ensure_valid(fx, "report");
  rc = try_insert(fx, s, NULL, 0, &actor, &id, &e);
  expect("report", "second report for 2024", rc, &e, FZ_CONFLICT, "年度");
  err_clear(&e);
}

#define REG_TEST(name) {name, register_rules, setup_db, teardown_db, (void *)name}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(declarations_are_consistent),
      cmocka_unit_test(every_register_is_tested),
      REG_TEST("activity"),
      REG_TEST("aid_case"),
      REG_TEST("aid_document"),
      REG_TEST("cleanup_campaign"),
      REG_TEST("cleanup_item"),
      REG_TEST("consultation"),
      REG_TEST("culture_site"),
      REG_TEST("decision"),
      REG_TEST("dispute"),
      REG_TEST("enf_case"),
      REG_TEST("enf_event"),
      REG_TEST("exam"),
      REG_TEST("literate_class"),
      REG_TEST("literate_trainee"),
      REG_TEST("litigation"),
      REG_TEST("media_episode"),
      REG_TEST("meeting"),
      REG_TEST("normdoc_review"),
      REG_TEST("officer"),
      REG_TEST("policy_doc"),
      REG_TEST("progress_update"),
      REG_TEST("reconsideration"),
      REG_TEST("report"),
      REG_TEST("screening"),
      REG_TEST("task"),
      REG_TEST("training"),
      REG_TEST("training_attendance"),
      cmocka_unit_test_setup_teardown(township_actor_writes_in_scope, setup_db,
                                      teardown_db),
      cmocka_unit_test_setup_teardown(report_one_per_org_and_year, setup_db,
                                      teardown_db),
  };
  return cmocka_run_group_tests_name("registers", tests, NULL, NULL);
}
