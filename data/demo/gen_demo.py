#!/usr/bin/env python3
"""gen_demo.py — the demo records of 泽库县 for 2023 and 2024.

Writes one CSV per register into this directory (UTF-8 with BOM, Chinese
headers = the field labels of `fazhi fields REGISTER`, both years in one
file) and manifest.txt, the load order for `fazhi import REGISTER FILE`
(one "REGISTER FILE" a line, FILE relative to this directory).
Deterministic: one random generator with a fixed seed, Python 3 stdlib only.

The 2024 records reproduce every figure of /work/shared/seed/zeku-2024-report.txt
(DOMAIN.md, "Metrics in the seed report"); 2023 is a plausible, smaller year
with exactly 2 reconsideration cases accepted (so 2024's 4 is 同比增长100%).
check_demo.sh loads the files into a fresh database and checks the figures.

The data is a snapshot taken in mid-January 2025, when the 2024 report is
drafted: nothing is dated after SNAPSHOT.

    python3 data/demo/gen_demo.py        # rewrites data/demo/*.csv
"""
import csv
import datetime as dt
import math
import os
import random

SEED = 20250110
R = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
ORG_CSV = os.path.join(HERE, "..", "org", "zeku.csv")
D = dt.date
DAY = dt.timedelta(days=1)
SNAPSHOT = D(2025, 1, 15)

# ---------------------------------------------------------------------------
# Calendar: the State Council's holiday arrangements (放假安排) for 2023–2025.

HOLIDAYS = set()
MAKEUP = set()  # weekend days that are working days (调休上班)


def _span(a, b):
    d = a
    while d <= b:
        yield d
        d += DAY


for a, b in [
    (D(2023, 1, 1), D(2023, 1, 2)), (D(2023, 1, 21), D(2023, 1, 27)),
    (D(2023, 4, 5), D(2023, 4, 5)), (D(2023, 4, 29), D(2023, 5, 3)),
    (D(2023, 6, 22), D(2023, 6, 24)), (D(2023, 9, 29), D(2023, 10, 6)),
    (D(2023, 12, 30), D(2024, 1, 1)), (D(2024, 2, 10), D(2024, 2, 17)),
    (D(2024, 4, 4), D(2024, 4, 6)), (D(2024, 5, 1), D(2024, 5, 5)),
    (D(2024, 6, 8), D(2024, 6, 10)), (D(2024, 9, 15), D(2024, 9, 17)),
    (D(2024, 10, 1), D(2024, 10, 7)), (D(2025, 1, 1), D(2025, 1, 1)),
    (D(2025, 1, 28), D(2025, 2, 4)),
]:
    HOLIDAYS.update(_span(a, b))
MAKEUP.update([
    D(2023, 1, 28), D(2023, 1, 29), D(2023, 4, 23), D(2023, 5, 6),
    D(2023, 6, 25), D(2023, 10, 7), D(2023, 10, 8), D(2024, 2, 4),
    D(2024, 2, 18), D(2024, 4, 7), D(2024, 4, 28), D(2024, 5, 11),
    D(2024, 9, 14), D(2024, 9, 29), D(2024, 10, 12), D(2025, 1, 26),
])


def is_wd(d):
    if d in MAKEUP:
        return True
    return d not in HOLIDAYS and d.weekday() < 5


def next_wd(d):
    while not is_wd(d):
        d += DAY
    return d


def prev_wd(d):
    while not is_wd(d):
        d -= DAY
    return d


def add_wd(d, n):
    """n working days after d."""
    while n > 0:
        d += DAY
        if is_wd(d):
            n -= 1
    return d


def workdays(y, m=None):
    start = D(y, m or 1, 1)
    end = (D(y, m + 1, 1) - DAY) if m and m < 12 else D(y, 12, 31)
    return [d for d in _span(start, end) if is_wd(d)]


WD_CACHE = {}


def rand_wd(y, m):
    key = (y, m)
    if key not in WD_CACHE:
        WD_CACHE[key] = workdays(y, m)
    return R.choice(WD_CACHE[key])


def rand_day(y, m):
    end = (D(y, m + 1, 1) - DAY) if m < 12 else D(y, 12, 31)
    return D(y, m, R.randint(1, end.day))


def pick_month(weights):
    return R.choices(range(1, 13), weights=weights)[0]


def iso(d):
    return d.isoformat() if d else ""


def yuan(fen):
    return "%d.%02d" % (fen // 100, fen % 100) if fen is not None else ""


def partition(total, weights, noise=0.0):
    """Split total into len(weights) non-negative integers in proportion to
    the weights (each jittered by ±noise), summing exactly to total."""
    w = [max(0.0, x * (1 + R.uniform(-noise, noise))) for x in weights]
    s = sum(w)
    raw = [total * x / s for x in w]
    out = [int(math.floor(x)) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(w)), key=lambda i: (raw[i] - out[i], R.random()),
                   reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out


# ---------------------------------------------------------------------------
# The org tree (data/org/zeku.csv)

COUNTY = "632323000000"
ZF = COUNTY + "-ZF"
SFJ = COUNTY + "-SFJ"
BGS, XZFY, FZDC, PFYF, RMCY, GGFL, FLYZ = (
    SFJ + "-" + s for s in ("BGS", "XZFY", "FZDC", "PFYF", "RMCY", "GGFL", "FLYZ"))
SHZL = COUNTY + "-SHZL"

ORG_NAME = {}
TOWNS = []           # township codes in file order
VILLAGES = {}        # township code -> [(code, name)]
UNITS = []           # enforcement unit codes in file order
with open(ORG_CSV, encoding="utf-8-sig", newline="") as f:
    for row in csv.DictReader(f):
        code, kind, name = row["编码"], row["类型"], row["名称"]
        ORG_NAME[code] = name
        if kind == "township":
            TOWNS.append(code)
            VILLAGES[code] = []
        elif kind == "village":
            VILLAGES[row["上级"]].append((code, name))
        elif kind == "enforcement_unit":
            UNITS.append(code)
assert len(TOWNS) == 7 and sum(len(v) for v in VILLAGES.values()) == 74
assert len(UNITS) == 21

# Population weights (approximate resident population, thousands).
TOWN_POP = {
    "632323100000": 20.0, "632323101000": 9.0, "632323102000": 12.0,
    "632323103000": 12.0, "632323202000": 5.5, "632323203000": 5.0,
    "632323204000": 8.5,
}
TOWN_SHORT = {
    "632323100000": "泽曲", "632323101000": "麦秀", "632323102000": "和日",
    "632323103000": "宁秀", "632323202000": "王加", "632323203000": "西卜沙",
    "632323204000": "多禾茂",
}
WANGJIA, NINGXIU = "632323202000", "632323103000"


def sfs(town):
    return town + "-SFS"


def vshort(name):
    """夏德日村村民委员会 -> 夏德日村; 幸福路社区居民委员会 -> 幸福路社区."""
    name = name.replace("泽库县恰科日乡", "")
    for suf, rep in (("社区居民委员会", "社区"), ("村村民委员会", "村"),
                     ("村民委员会", "村"), ("村民委会", "村"), ("村村委会", "村")):
        if name.endswith(suf):
            return name[: -len(suf)] + rep
    return name


def rand_town():
    return R.choices(TOWNS, weights=[TOWN_POP[t] for t in TOWNS])[0]


# ---------------------------------------------------------------------------
# People: Tibetan and Han names typical of Zeku, and ID numbers (GB 11643)

TIB_M = ["才让", "扎西", "旦正", "更登", "多杰", "索南", "尖措", "加羊", "南加",
         "公保", "桑杰", "完玛", "华旦", "仁青", "角巴", "尕藏", "官却", "才旦",
         "东智", "夏吾", "闹日", "尼玛", "贡保", "万玛", "昂秀", "久美", "彭毛",
         "当智", "拉旦", "先巴", "李加", "周加", "加洛", "吉太", "卡加", "旦增",
         "罗藏", "西然", "看本", "切军", "完德", "华青", "才多", "拉加", "仁增",
         "宗智", "豆格", "银巴", "桑吉", "洛桑"]
TIB_M_SUF = ["东智", "才让", "多杰", "加", "太", "当周", "扎西", "达杰", "南杰",
             "东主", "本", "卡", "才旦", "旦正", "尖措", "吉", "杰"]
TIB_F = ["卓玛", "拉毛", "周毛", "措吉", "吉毛", "德吉", "娘吉", "切吉", "卓么",
         "完么", "项毛", "拉姆", "央金", "才措", "东知措", "仁青措", "多杰措",
         "当周措", "卓玛吉", "拉毛措", "周毛吉", "尖措吉", "才让卓玛", "旦正吉",
         "德吉卓玛", "索南卓玛", "仁青卓玛", "拉毛吉", "更藏吉", "才让吉", "扎西措",
         "吉先措", "完玛措", "华青措", "卓嘎", "措毛", "桑杰吉", "李毛", "三木措",
         "斗格吉", "拉毛草", "卓玛草", "才让草", "娘毛", "东措"]
HAN_SUR = ["李", "王", "张", "马", "刘", "陈", "杨", "赵", "韩", "祁", "何", "冶",
           "石", "郭", "周", "孙", "朱", "徐", "马", "李", "王"]
HAN_M = ["明", "伟", "建国", "文杰", "国庆", "晓东", "志刚", "永福", "生荣", "成林",
         "海龙", "德福", "建华", "军", "涛", "鹏", "小龙", "有福", "文忠", "占福",
         "斌", "海宁", "宏伟", "国栋", "永强", "俊", "学文", "得贵"]
HAN_F = ["芳", "海燕", "红梅", "丽", "玉兰", "雪梅", "晓燕", "秀英", "丽娟", "静",
         "娟", "玉梅", "春花", "海霞", "慧", "婷", "艳", "晓红", "桂兰", "文娟"]


def make_name(sex, tib=0.9):
    if R.random() < tib:
        if sex == "M":
            a = R.choice(TIB_M)
            if R.random() < 0.5:
                b = R.choice(TIB_M_SUF)
                if b not in a and a not in b:
                    return a + b
            return a
        return R.choice(TIB_F)
    return R.choice(HAN_SUR) + R.choice(HAN_M if sex == "M" else HAN_F)


W_ID = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check(z17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(z17, W_ID)) % 11]


PEOPLE = {}  # ID number -> name: one person in every register


def new_person(born=(1960, 2000), sex=None, tib=0.9, name=None):
    sex = sex or R.choice("MF")
    name = name or make_name(sex, tib)
    while True:
        bd = D(R.randint(*born), 1, 1) + R.randrange(365) * DAY
        seq = R.randrange(100) * 10 + R.choice((1, 3, 5, 7, 9) if sex == "M"
                                                else (0, 2, 4, 6, 8))
        z17 = "632323" + bd.strftime("%Y%m%d") + "%03d" % seq
        idn = z17 + id_check(z17)
        if idn not in PEOPLE:
            PEOPLE[idn] = name
            return name, idn


# Bureau staff (owners of tasks, lawyers, trainers)
STAFF = {
    BGS: [("李海燕", "办公室主任"), ("德吉卓玛", "综合文秘")],
    XZFY: [("才让多杰", "股长"), ("尕藏吉", "行政复议工作人员")],
    FZDC: [("马建华", "股长"), ("拉毛卓玛", "执法监督工作人员")],
    PFYF: [("更登加", "股长"), ("周毛吉", "普法宣传工作人员")],
    RMCY: [("扎西东智", "股长"), ("韩文娟", "人民调解指导员")],
    GGFL: [("王晓燕", "股长")],
    FLYZ: [("马建青", "法律援助中心主任"), ("卓玛草", "法律援助工作人员")],
}
LAWYERS = ["马建青", "卓玛草", "才让当周", "李海宁", "拉毛措", "更登达杰", "张文斌"]

# ---------------------------------------------------------------------------
# Registers: fields in `fazhi fields` order (name, label); rows keyed by name.

FIELDS = {
    "task": "title 任务|category 类别|source 任务来源|lead 牵头科室|post 岗位|owner 责任人|due 完成时限|status 状态|progress 进度|done_date 完成日期|note 备注",
    "progress_update": "task 任务|date 日期|progress 进度|note 进展情况",
    "meeting": "date 日期|title 会议名称|attendees 参会人数|issues_raised 发现问题数|issues_resolved 解决问题数|minutes 纪要",
    "decision": "title 决策事项|sponsor 承办单位|in_catalog 是否列入年度决策目录|public_participation 公众参与|public_participation_start 公众参与开始日期|public_participation_end 公众参与结束日期|public_participation_comments 意见条数|public_participation_reason 不需要公众参与的理由|expert_review 专家论证|expert_review_date 专家论证日期|expert_review_experts 专家人数|expert_review_reason 不需要专家论证的理由|risk_assessment 风险评估|risk_assessment_date 风险评估日期|risk_assessment_level 风险等级|risk_assessment_reason 不需要风险评估的理由|legality_review_date 合法性审查日期|legality_review_opinion 合法性审查意见|collective_discussion_date 集体讨论决定日期|collective_discussion_meeting 会议名称|collective_discussion_result 集体讨论结果|decided 决策日期|published 公布日期",
    "normdoc_review": "title 文件名称|kind 文件类别|drafter 起草单位|submitted 送审日期|reviewed 审核完成日期|opinion 审核意见|doc_number 文号|published 公布日期|filed 报备日期|valid_until 有效期至|status 状态",
    "cleanup_campaign": "name 清理名称|period_start 清理范围起始日期|period_end 清理范围截止日期|completed 完成日期",
    "cleanup_item": "campaign 清理活动|doc_number 文号|title 文件名称|outcome 清理结果",
    "officer": "name 姓名|id_number 身份证号码|unit 执法单位|cert_no 执法证号|cert_issued 发证日期|cert_expires 证件有效期至|status 状态",
    "exam": "date 考试日期|name 姓名|id_number 身份证号码|unit 所在单位|score 成绩|passed 是否合格",
    "training": "date 日期|title 培训名称|mode 培训方式|kind 培训类别|hours 学时|trainees 参训人数",
    "training_attendance": "training 培训|officer 执法人员",
    "enf_event": "date 日期|kind 活动类型|title 活动名称|units 参加单位数",
    "policy_doc": "date 日期|title 文件名称|action 方式",
    "enf_case": "unit 执法单位|case_no 案号|kind 案件类型|decided 决定日期|publicized 公示日期|av_recorded 全过程记录|major 重大执法决定|legal_reviewed 法制审核日期",
    "reconsideration": "case_no 案号|applicant 申请人|applicant_kind 申请人类型|applicant_id 申请人身份证号码|respondent 被申请人|respondent_org 被申请人机构|matter 事项|received 收到申请日期|acceptance 受理情况|acceptance_date 受理审查日期|procedure 审理程序|extended 是否延期|outcome 结果|closed 办结日期",
    "litigation": "case_no 案号|court 法院|plaintiff 原告|defendant 被告|filed 立案日期|hearing 是否开庭|head_appeared 负责人出庭|outcome 结果|closed 结案日期",
    "screening": "date 日期|times 排查次数|found 发现纠纷数|note 备注",
    "dispute": "case_no 案号|category 纠纷类型|received 受理日期|parties 当事人数|summary 纠纷简要情况|amount 涉及金额|result 调解结果|agreement 协议形式|closed 结案日期",
    "aid_case": "case_no 案号|applicant 申请人|id_number 身份证号码|category 案件类别|matter 事项|accepted 受理日期|decided 审查决定日期|assigned 指派日期|lawyer 承办人|closed 结案日期|recovered 挽回经济损失",
    "aid_document": "date 日期|doc_type 文书类型|count 件数",
    "consultation": "date 日期|channel 咨询方式|count 人次",
    "activity": "date 日期|title 活动名称|theme 主题|place 地点|audience 覆盖人次",
    "culture_site": "name 名称|kind 类型|built 建成日期",
    "literate_class": "date 日期|title 培训班名称|trainees 培养人数|trainer 授课人|trainer_id 授课人身份证号码",
    "literate_trainee": "literate_class 培训班|name 姓名|village 所在村|id_number 身份证号码",
    "media_episode": "series 栏目|episode 期数|title 标题|recorded 录制日期|aired 播出日期|views 播放量",
    "report": "year 年度|opening 开篇|s1_system 法治体系|s2_decision 依法决策|s3_enforcement 执法监督|s4_stability 安全稳定|s5_publicity 普法|problems 存在的问题|plans 下一步工作打算|status 状态|approved 审定日期|published 公开日期",
}
FIELDS = {k: [tuple(p.split(" ")) for p in v.split("|")] for k, v in FIELDS.items()}
ORDER = list(FIELDS)  # load order: referenced registers come first
ROWS = {k: [] for k in ORDER}


def add(reg, org, **kw):
    names = {n for n, _ in FIELDS[reg]}
    bad = set(kw) - names
    assert not bad, (reg, bad)
    row = {"org": org}
    for k, v in kw.items():
        if isinstance(v, D):
            v = iso(v)
        elif isinstance(v, bool):
            v = "是" if v else "否"
        elif v is None:
            v = ""
        row[k] = str(v)
        if isinstance(kw[k], D) and k not in ("due", "cert_expires", "valid_until"):
            assert kw[k] <= SNAPSHOT, (reg, k, kw[k])  # nothing happens after it
    ROWS[reg].append(row)
    return len(ROWS[reg])  # the id it gets on a fresh database


# ---------------------------------------------------------------------------
# 工作任务台账, 任务进展, 推进会

def gen_tasks():
    def source(cat, y):
        return R.choice({
            "法治体系": ["县委全面依法治县委员会%d年工作要点"],
            "执法监督": ["%d年泽库县法治政府建设工作要点", "提升行政执法质量三年行动计划（2023-2025年）"],
        }.get(cat, ["%d年泽库县法治政府建设工作要点", "黄南州%d年法治政府建设任务清单"])).replace(
            "%d", str(y))
    # (category, title, lead, due, status, progress, done_offset_days, note)
    t23 = [
        ("法治体系", "制定2023年度法治政府建设工作要点", BGS, D(2023, 3, 31), 100, ""),
        ("法治体系", "报送2022年度法治政府建设情况报告并向社会公开", BGS, D(2023, 3, 31), 100, ""),
        ("依法决策", "开展行政规范性文件合法性审核", FZDC, D(2023, 12, 29), 100, ""),
        ("依法决策", "完成2020年7月至2022年6月行政规范性文件清理", FZDC, D(2023, 9, 28), 100, ""),
        ("执法监督", "组织行政执法人员资格考试", FZDC, D(2023, 11, 30), 100, ""),
        ("执法监督", "开展行政执法案卷评查", FZDC, D(2023, 10, 31), 100, ""),
        ("安全稳定", "行政复议案件按期办结", XZFY, D(2023, 12, 29), 100, ""),
        ("安全稳定", "常态化开展矛盾纠纷排查调处", RMCY, D(2023, 12, 29), 100, ""),
        ("安全稳定", "法律援助案件应援尽援", FLYZ, D(2023, 12, 29), 100, ""),
        ("普法", "开展“宪法宣传周”系列活动", PFYF, D(2023, 12, 8), 100, ""),
        ("普法", "开展“法律明白人”培训", PFYF, D(2023, 9, 28), 100, ""),
        ("其他", "推进公共法律服务工作站（室）建设", GGFL, D(2023, 12, 29), 100, ""),
    ]
    t24 = [
        ("法治体系", "制定2024年度法治政府建设工作要点", BGS, D(2024, 3, 29), "done", 100, "经县委全面依法治县委员会审议后印发"),
        ("法治体系", "建立法治政府建设工作任务台账，任务细化到科室、量化到岗位、实化到个人", BGS, D(2024, 4, 15), "done", 100, ""),
        ("法治体系", "报送2023年度法治政府建设情况报告并向社会公开", BGS, D(2024, 3, 29), "done", 100, "已在县政府门户网站公开"),
        ("法治体系", "每季度召开法治政府建设推进会", BGS, D(2024, 12, 31), "done", 100, "全年召开推进会4次"),
        ("依法决策", "编制并公布2024年度重大行政决策事项目录", FZDC, D(2024, 4, 30), "done", 100, ""),
        ("依法决策", "落实行政规范性文件合法性审核和备案审查制度", FZDC, D(2024, 12, 31), "done", 100, ""),
        ("依法决策", "开展2022年7月至2024年6月行政规范性文件全面清理", FZDC, D(2024, 9, 30), "done", 100, ""),
        ("执法监督", "印发提升行政执法质量三年行动计划实施方案及配套制度", FZDC, D(2024, 5, 31), "done", 100, ""),
        ("执法监督", "组织行政执法人员资格考试和证件制发", FZDC, D(2024, 10, 31), "done", 100, ""),
        ("执法监督", "举办行政执法规范化建设现场观摩会", FZDC, D(2024, 6, 28), "done", 100, ""),
        ("执法监督", "完成全县行政执法人员全员轮训", FZDC, D(2024, 12, 31), "done", 100, ""),
        ("执法监督", "开展行政执法案卷评查", FZDC, D(2024, 11, 29), "done", 100, ""),
        ("执法监督", "推广应用青海省行政执法综合管理监督平台", FZDC, D(2024, 11, 29), "in_progress", 75, "8家单位尚未完成执法主体和人员信息录入"),
        ("安全稳定", "行政复议案件依法按期办结", XZFY, D(2024, 12, 31), "done", 100, ""),
        ("安全稳定", "落实行政机关负责人出庭应诉制度", XZFY, D(2024, 12, 31), "done", 100, ""),
        ("安全稳定", "每月开展矛盾纠纷排查，重大纠纷及时上报", RMCY, D(2024, 12, 31), "done", 100, ""),
        ("安全稳定", "法律援助案件应援尽援、援必优援", FLYZ, D(2024, 12, 31), "done", 100, ""),
        ("普法", "实现乡镇法治文化阵地建设全覆盖", PFYF, D(2024, 10, 31), "done", 100, ""),
        ("普法", "完成王加乡、宁秀镇村级法治文化阵地建设", PFYF, D(2024, 12, 31), "in_progress", 60, "受施工期短影响，部分村阵地顺延至2025年建设"),
        ("普法", "开展“法律明白人”培养工作", PFYF, D(2024, 9, 30), "done", 100, ""),
        ("普法", "录制播出《法治在线10分钟》《谚语说法》普法节目", PFYF, D(2024, 12, 31), "done", 100, ""),
        ("其他", "推进公共法律服务工作站（室）规范化运行", GGFL, D(2024, 12, 31), "done", 100, "7个司法所公共法律服务工作站全部挂牌运行"),
        ("普法", "“八五”普法规划实施总结验收", PFYF, D(2025, 6, 30), "in_progress", 40, "已完成自查，待州级验收"),
        ("其他", "公共法律服务实体平台标准化建设", GGFL, D(2025, 6, 30), "in_progress", 55, ""),
    ]
    for cat, title, lead, due, prog, note in t23:
        name, post = R.choice(STAFF[lead])
        done = prev_wd(due - R.randint(0, 20) * DAY)
        add("task", SFJ, title=title, category=cat, source=source(cat, 2023), lead=lead,
            post=post, owner=name, due=due, status="已完成", progress=prog,
            done_date=done, note=note)
    ids = {}
    for cat, title, lead, due, st, prog, note in t24:
        name, post = R.choice(STAFF[lead])
        done = None
        if st == "done":
            done = prev_wd(due - R.randint(0, 25) * DAY)
        if title.startswith("开展行政执法案卷评查"):
            done = D(2024, 12, 6)  # finished a week late
            note = "因评查范围扩大，较计划推迟一周完成"
        ids[title] = add("task", SFJ, title=title, category=cat, source=source(cat, 2024),
                         lead=lead, post=post, owner=name, due=due,
                         status={"done": "已完成", "in_progress": "推进中"}[st],
                         progress=prog, done_date=done, note=note)

    def upd(key, d, p, note):
        tid = next(v for k, v in ids.items() if k.startswith(key))
        add("progress_update", SFJ, task=tid, date=d, progress=p, note=note)

    upd("推广应用青海省行政执法", D(2024, 5, 17), 20, "召开平台应用培训会，13家单位完成账号开通")
    upd("推广应用青海省行政执法", D(2024, 8, 23), 50, "执法主体信息录入完成，执法人员信息录入过半")
    upd("推广应用青海省行政执法", D(2024, 11, 22), 75, "8家单位人员信息未录完，已发督办通知")
    upd("完成王加乡、宁秀镇", D(2024, 7, 19), 30, "完成选址和设计，王加乡团结村、旗龙村开工")
    upd("完成王加乡、宁秀镇", D(2024, 10, 18), 60, "宁秀镇11个村完成建设，其余村因入冬停工")
    upd("开展2022年7月至2024年6月", D(2024, 7, 31), 50, "完成文件梳理，共7件，已征求起草单位意见")
    upd("开展2022年7月至2024年6月", D(2024, 9, 27), 100, "清理结果经县政府常务会议审议通过")
    upd("“八五”普法规划", D(2024, 12, 20), 40, "完成县级自查报告")

    meetings = [
        (D(2023, 6, 20), "2023年上半年法治政府建设工作推进会", 22, 6, 5),
        (D(2023, 12, 19), "2023年法治政府建设工作总结推进会", 25, 4, 4),
        (D(2024, 4, 18), "2024年第一季度法治政府建设工作推进会", 24, 7, 6),
        (D(2024, 7, 16), "2024年第二季度法治政府建设工作推进会", 27, 5, 5),
        (D(2024, 10, 22), "2024年第三季度法治政府建设工作推进会", 26, 6, 5),
        (D(2024, 12, 26), "2024年第四季度暨年度法治政府建设工作推进会", 31, 4, 3),
    ]
    for d, title, att, raised, solved in meetings:
        add("meeting", SFJ, date=d, title=title, attendees=att, issues_raised=raised,
            issues_resolved=solved,
            minutes="听取各科室、各司法所工作任务台账推进情况汇报，逐项对照进度，"
                    "梳理发现问题%d个，会上研究解决%d个，其余问题明确责任人和完成时限，"
                    "纳入下次推进会跟踪督办。" % (raised, solved))


# ---------------------------------------------------------------------------
# 重大行政决策

def gen_decisions():
    U = {c.rsplit("-", 1)[1]: c for c in UNITS}
    add("decision", ZF, title="泽库县城乡生活垃圾收运处置体系建设实施方案",
        sponsor=U["ZJJ"], in_catalog=True,
        public_participation="已开展", public_participation_start=D(2023, 5, 8),
        public_participation_end=D(2023, 6, 7), public_participation_comments=29,
        expert_review="不需要",
        expert_review_reason="方案不涉及专业性、技术性较强的问题，已由起草单位组织技术人员论证",
        risk_assessment="已开展", risk_assessment_date=D(2023, 6, 15), risk_assessment_level="低",
        legality_review_date=D(2023, 6, 26), legality_review_opinion="合法",
        collective_discussion_date=D(2023, 7, 11),
        collective_discussion_meeting="泽库县人民政府2023年第9次常务会议",
        collective_discussion_result="通过", decided=D(2023, 7, 11), published=D(2023, 7, 18))
    add("decision", ZF, title="泽库县城区集中供热价格调整方案", sponsor=U["FGJ"], in_catalog=True,
        public_participation="已开展", public_participation_start=D(2024, 4, 8),
        public_participation_end=D(2024, 5, 8), public_participation_comments=37,
        expert_review="已开展", expert_review_date=D(2024, 5, 20), expert_review_experts=5,
        risk_assessment="已开展", risk_assessment_date=D(2024, 5, 28), risk_assessment_level="中",
        legality_review_date=D(2024, 6, 5), legality_review_opinion="修改后合法",
        collective_discussion_date=D(2024, 6, 18),
        collective_discussion_meeting="泽库县人民政府2024年第8次常务会议",
        collective_discussion_result="通过", decided=D(2024, 6, 18), published=D(2024, 6, 25))
    add("decision", ZF, title="泽库县草原生态保护补助奖励资金发放实施方案（2024年）",
        sponsor=U["NMSL"], in_catalog=True,
        public_participation="已开展", public_participation_start=D(2024, 8, 5),
        public_participation_end=D(2024, 8, 19), public_participation_comments=52,
        expert_review="已开展", expert_review_date=D(2024, 8, 27), expert_review_experts=3,
        risk_assessment="已开展", risk_assessment_date=D(2024, 8, 30), risk_assessment_level="中",
        legality_review_date=D(2024, 9, 10), legality_review_opinion="合法",
        collective_discussion_date=D(2024, 9, 20),
        collective_discussion_meeting="泽库县人民政府2024年第13次常务会议",
        collective_discussion_result="通过", decided=D(2024, 9, 20), published=D(2024, 9, 27))
    # Still in procedure at the snapshot: no decision yet.
    add("decision", ZF, title="泽库县城区停车场建设和收费管理方案", sponsor=U["ZHZF"],
        in_catalog=False, public_participation="已开展",
        public_participation_start=D(2024, 12, 2), public_participation_end=D(2024, 12, 31),
        public_participation_comments=18)


# ---------------------------------------------------------------------------
# 规范性文件合法性审核, 清理

def gen_normdocs():
    U = {c.rsplit("-", 1)[1]: c for c in UNITS}

    def doc(title, kind, drafter, sub, rev, opinion, num=None, pub=None, filed=None,
            years=5, status="有效"):
        valid = None
        if pub:
            valid = pub.replace(year=pub.year + years) - DAY
        add("normdoc_review", FZDC, title=title, kind=kind, drafter=drafter, submitted=sub,
            reviewed=rev, opinion=opinion, doc_number=num, published=pub, filed=filed,
            valid_until=valid if pub else None, status=status if pub else None)

    N, G = "行政规范性文件", "一般性文件"
    # 2023
    doc("泽库县城乡最低生活保障对象认定办法", N, U["MZJ"], D(2023, 3, 6), D(2023, 3, 21),
        "修改后同意", "泽政规〔2023〕1号", D(2023, 4, 3), D(2023, 4, 21), status="已修改")
    doc("泽库县2023年防汛抗旱应急预案", G, U["YJGL"], D(2023, 4, 24), D(2023, 5, 9), "同意",
        "泽政办〔2023〕18号", D(2023, 5, 16), years=1, status="已失效")
    doc("泽库县草原承包经营权流转管理办法", N, U["NMSL"], D(2023, 5, 29), D(2023, 6, 16),
        "修改后同意", "泽政规〔2023〕2号", D(2023, 7, 3), D(2023, 7, 24))
    doc("泽库县关于调整城区出租汽车运价的通知", G, U["JTYS"], D(2023, 8, 14), D(2023, 8, 29),
        "不同意")
    doc("泽库县城区机动车停放管理规定", N, U["ZHZF"], D(2023, 9, 4), D(2023, 9, 22), "同意",
        "泽政规〔2023〕3号", D(2023, 10, 16), D(2023, 11, 3))
    # 2024: 5 normative, 2 general reviewed; one more submitted in December
    doc("泽库县城区环境卫生管理办法", N, U["ZJJ"], D(2024, 2, 26), D(2024, 3, 12), "修改后同意",
        "泽政规〔2024〕1号", D(2024, 3, 25), D(2024, 4, 12))
    doc("泽库县2024年安全生产治本攻坚三年行动实施方案", G, U["YJGL"], D(2024, 3, 18),
        D(2024, 3, 29), "同意", "泽政办〔2024〕9号", D(2024, 4, 8), years=3)
    doc("泽库县禁牧和草畜平衡监督管理办法", N, U["LCJ"], D(2024, 4, 15), D(2024, 5, 6), "修改后同意",
        "泽政规〔2024〕2号", D(2024, 5, 20), D(2024, 6, 5))
    doc("泽库县城乡居民医疗救助实施办法", N, U["YBJ"], D(2024, 7, 8), D(2024, 7, 24), "同意",
        "泽政规〔2024〕3号", D(2024, 8, 12), D(2024, 9, 2))
    doc("泽库县冬春季燃气安全专项整治工作方案", G, U["ZJJ"], D(2024, 10, 8), D(2024, 10, 18),
        "同意", "泽政办〔2024〕27号", D(2024, 10, 25), years=1)
    doc("泽库县城乡最低生活保障对象认定办法（修订）", N, U["MZJ"], D(2024, 10, 14),
        D(2024, 10, 30), "修改后同意", "泽政规〔2024〕4号", D(2024, 11, 18), D(2024, 12, 9))
    doc("泽库县国有建设用地使用权出让管理办法", N, U["ZRZY"], D(2024, 11, 11), D(2024, 11, 27),
        "修改后同意", "泽政规〔2024〕5号", D(2024, 12, 16), D(2024, 12, 27))
    doc("泽库县城区占道经营管理规定（送审稿）", N, U["ZHZF"], D(2024, 12, 23), None, None)

    c1 = add("cleanup_campaign", FZDC, name="2023年行政规范性文件定期清理",
             period_start=D(2020, 7, 1), period_end=D(2022, 6, 30), completed=D(2023, 9, 26))
    for num, title, out in [
        ("泽政规〔2020〕3号", "泽库县农村牧区危旧房改造管理办法", "废止"),
        ("泽政规〔2021〕1号", "泽库县城区养犬管理规定", "继续有效"),
        ("泽政规〔2021〕2号", "泽库县草原防火管理办法", "予以修改"),
        ("泽政规〔2022〕1号", "泽库县新冠肺炎疫情防控常态化管理规定", "失效"),
        ("泽政规〔2022〕2号", "泽库县农牧民专业合作社扶持资金管理办法", "继续有效"),
    ]:
        add("cleanup_item", FZDC, campaign=c1, doc_number=num, title=title, outcome=out)
    c2 = add("cleanup_campaign", FZDC, name="2024年行政规范性文件全面清理",
             period_start=D(2022, 7, 1), period_end=D(2024, 6, 30), completed=D(2024, 9, 27))
    for num, title, out in [
        ("泽政规〔2022〕4号", "泽库县城区“门前三包”责任制管理办法", "废止"),
        ("泽政规〔2022〕5号", "泽库县2022年草原生态保护补助奖励政策实施细则", "失效"),
        ("泽政规〔2023〕1号", "泽库县城乡最低生活保障对象认定办法", "予以修改"),
        ("泽政规〔2023〕2号", "泽库县草原承包经营权流转管理办法", "予以修改"),
        ("泽政规〔2023〕3号", "泽库县城区机动车停放管理规定", "予以修改"),
        ("泽政规〔2024〕1号", "泽库县城区环境卫生管理办法", "继续有效"),
        ("泽政规〔2024〕2号", "泽库县禁牧和草畜平衡监督管理办法", "继续有效"),
    ]:
        add("cleanup_item", FZDC, campaign=c2, doc_number=num, title=title, outcome=out)


# ---------------------------------------------------------------------------
# 行政执法: officers, exams, trainings, attendance, events, policy docs, cases

UNIT_TARGET = {  # 在岗 officers per unit
    "SCJG": 18, "JTYS": 10, "GAJ": 14, "ZRZY": 9, "STHJ": 7, "LCJ": 11, "WSJK": 8,
    "YJGL": 7, "ZJJ": 7, "NMSL": 9, "WTLY": 5, "JYJ": 4, "MZJ": 4, "RSJ": 5, "CZJ": 3,
    "FGJ": 3, "YBJ": 4, "TJJ": 2, "SJJ": 2, "TYJR": 2, "ZHZF": 16,
}


def gen_enforcement():
    U = {c.rsplit("-", 1)[1]: c for c in UNITS}
    uidx = {c: i + 1 for i, c in enumerate(UNITS)}
    weights = [UNIT_TARGET[c.rsplit("-", 1)[1]] for c in UNITS]
    # -- exams: two sessions a year; passers get a certificate
    sessions = [(D(2023, 6, 14), 24, D(2023, 8, 16)), (D(2023, 11, 8), 22, D(2024, 1, 17)),
                (D(2024, 5, 22), 34, D(2024, 7, 24)), (D(2024, 10, 23), 25, None)]
    exam_rows = []
    officers = []  # dicts: name, id, unit, issued, status
    retake = []
    for si, (d, n, cert) in enumerate(sessions):
        people = []
        if si == 2:
            people = retake[:3]  # failed in 2023, sat again in 2024
        while len(people) < n:
            unit = R.choices(UNITS, weights=weights)[0]
            name, idn = new_person(born=(1986, 2001), tib=0.72)
            people.append((name, idn, unit))
        for name, idn, unit in people:
            score = max(38, min(97, int(R.gauss(73, 11))))
            if (name, idn, unit) in retake:
                score = R.randint(61, 80)
            passed = score >= 60
            exam_rows.append(dict(date=d, name=name, id_number=idn, unit=unit, score=score,
                                  passed=passed))
            if not passed and d.year == 2023:
                retake.append((name, idn, unit))
            if passed and cert:
                officers.append(dict(name=name, id=idn, unit=unit, issued=cert,
                                     status="在岗"))
    for r in exam_rows:
        add("exam", FZDC, **r)
    assert sum(1 for r in exam_rows if r["date"].year == 2024) == 59

    # -- officers certified before 2023, up to each unit's target; a few not 在岗
    new_per_unit = {}
    for o in officers:
        new_per_unit[o["unit"]] = new_per_unit.get(o["unit"], 0) + 1
    for c in UNITS:
        n_old = max(1, UNIT_TARGET[c.rsplit("-", 1)[1]] - new_per_unit.get(c, 0))
        for _ in range(n_old):
            name, idn = new_person(born=(1968, 1996), tib=0.7)
            issued = next_wd(D(2019, 1, 1) + R.randrange(4 * 365) * DAY)
            officers.append(dict(name=name, id=idn, unit=c, issued=issued, status="在岗"))
    for code, st in [("SCJG", "注销"), ("GAJ", "注销"), ("NMSL", "注销"), ("ZHZF", "暂扣"),
                     ("JTYS", "暂扣")]:
        name, idn = new_person(born=(1966, 1990), tib=0.7)
        issued = next_wd(D(2019, 1, 1) + R.randrange(3 * 365) * DAY)
        officers.append(dict(name=name, id=idn, unit=U[code], issued=issued, status=st))
    officers.sort(key=lambda o: (uidx[o["unit"]], o["issued"], o["id"]))
    seq = {}
    for i, o in enumerate(officers):
        seq[o["unit"]] = seq.get(o["unit"], 0) + 1
        o["cert"] = "632323%02d%04d" % (uidx[o["unit"]], seq[o["unit"]])
        exp = o["issued"].replace(year=o["issued"].year + 6) - DAY
        o["oid"] = add("officer", FZDC, name=o["name"], id_number=o["id"], unit=o["unit"],
                       cert_no=o["cert"], cert_issued=o["issued"], cert_expires=exp,
                       status=o["status"])
    active = [o for o in officers if o["status"] == "在岗"]
    assert 120 <= len(active) <= 180

    # -- trainings and who attended
    eco = {U[k] for k in ("LCJ", "STHJ", "NMSL", "ZRZY")}
    big = {U[k] for k in ("SCJG", "ZHZF", "JTYS", "GAJ")}
    # (date, title, mode, kind, hours, share of eligible officers, unit filter)
    tr23 = [
        (D(2023, 3, 15), "学习贯彻党的二十大精神专题培训（青海省行政执法培训平台）", "线上", "政治理论", 6, 0.62, None),
        (D(2023, 4, 19), "行政执法人员党性教育专题培训", "线下", "党性教育", 4, 0.35, None),
        (D(2023, 6, 7), "《行政处罚法》适用要点（青海省行政执法培训平台）", "线上", "法律知识", 8, 0.55, None),
        (D(2023, 7, 19), "行政执法文书制作与案卷归档实务培训", "线下", "业务", 6, 0.30, None),
        (D(2023, 9, 13), "草原生态保护执法法律适用培训", "线下", "法律知识", 6, 0.80, eco),
        (D(2023, 10, 25), "新修订《行政复议法》解读（线上）", "线上", "法律知识", 4, 0.40, None),
        (D(2023, 12, 6), "“宪法宣传周”行政执法人员宪法专题培训", "线下", "法律知识", 3, 0.28, None),
    ]
    tr24 = [
        (D(2024, 3, 12), "学习贯彻习近平法治思想专题培训（青海省行政执法培训平台）", "线上", "政治理论", 8, 0.78, None),
        (D(2024, 4, 17), "行政执法人员党性教育暨警示教育专题培训", "线下", "党性教育", 4, 0.40, None),
        (D(2024, 5, 15), "新修订《行政复议法》实施专题培训（线上）", "线上", "法律知识", 6, 0.50, None),
        (D(2024, 6, 19), "行政执法“三项制度”及案卷制作实务培训", "线下", "业务", 6, 0.60, big),
        (D(2024, 7, 10), "《行政处罚法》《行政许可法》适用要点（青海省行政执法培训平台）", "线上", "法律知识", 10, 0.70, None),
        (D(2024, 8, 21), "新取得行政执法证件人员岗前培训", "线下", "业务", 16, 0.0, "new"),
        (D(2024, 9, 11), "学习贯彻党的二十届三中全会精神专题培训", "线上", "政治理论", 4, 0.55, None),
        (D(2024, 10, 16), "生态环境和草原执法法律适用培训", "线下", "法律知识", 6, 0.85, eco),
        (D(2024, 11, 13), "党纪学习教育专题辅导（线上）", "线上", "党性教育", 4, 0.45, None),
        (D(2024, 12, 4), "“宪法宣传周”行政执法人员宪法专题培训", "线下", "法律知识", 3, 0.30, None),
    ]
    att = []  # (training row index, officer id)
    tids = []
    for year, plan in ((2023, tr23), (2024, tr24)):
        for d, title, mode, kind, hours, share, only in plan:
            pool = [o for o in officers if o["issued"] <= d and
                    (o["status"] == "在岗" or year == 2023)]
            if only == "new":
                who = [o for o in pool if o["issued"] >= D(2024, 1, 1)]
            else:
                if only:
                    pool = [o for o in pool if o["unit"] in only]
                who = [o for o in pool if R.random() < share]
            tids.append((d, title, mode, kind, hours, who))
    # 全员轮训: every 在岗 officer at ≥1 training of 2024 (the platform's July course)
    seen24 = {o["id"] for t in tids if t[0].year == 2024 for o in t[5]}
    july = next(t for t in tids if t[0] == D(2024, 7, 10))
    for o in active:
        if o["id"] not in seen24:
            assert o["issued"] <= july[0]
            july[5].append(o)
    for d, title, mode, kind, hours, who in tids:
        who = sorted({o["oid"]: o for o in who}.values(), key=lambda o: o["oid"])
        tid = add("training", FZDC, date=d, title=title, mode=mode, kind=kind, hours=hours,
                  trainees=len(who))
        for o in who:
            att.append((tid, o["oid"]))
    for tid, oid in att:
        add("training_attendance", FZDC, training=tid, officer=oid)

    # -- supervision events
    for d, kind, title, units in [
        (D(2023, 5, 24), "观摩会", "行政执法“三项制度”现场观摩会（县市场监督管理局）", 16),
        (D(2023, 9, 19), "案卷评查", "2023年度行政执法案卷集中评查", 12),
        (D(2023, 11, 21), "监督检查", "涉企行政执法专项监督检查", 6),
        (D(2024, 6, 13), "观摩会", "行政执法规范化建设现场观摩会（县公安局执法办案管理中心）", 21),
        (D(2024, 8, 28), "监督检查", "草原生态保护领域行政执法专项监督检查", 4),
        (D(2024, 10, 29), "案卷评查", "2024年度行政处罚、行政许可案卷集中评查", 15),
        (D(2024, 11, 26), "监督检查", "涉企行政执法“乱罚款、乱检查”专项整治监督检查", 8),
    ]:
        add("enf_event", FZDC, date=d, kind=kind, title=title, units=units)

    for d, title, action in [
        (D(2023, 4, 11), "泽库县行政执法公示制度实施办法", "印发"),
        (D(2023, 8, 22), "青海省行政执法监督条例", "转发"),
        (D(2024, 3, 20), "泽库县贯彻落实提升行政执法质量三年行动计划（2023-2025年）实施方案", "印发"),
        (D(2024, 5, 14), "泽库县提升行政执法质量会商制度", "印发"),
        (D(2024, 5, 14), "行政执法监督员管理办法", "印发"),
        (D(2024, 7, 3), "行政机关负责人出庭应诉工作规则", "转发"),
    ]:
        add("policy_doc", FZDC, date=d, title=title, action=action)

    # -- enforcement cases under the three systems
    prefix = {"SCJG": "泽市监", "JTYS": "泽交执", "ZHZF": "泽综执", "LCJ": "泽林草",
              "ZRZY": "泽自然资", "WSJK": "泽卫健", "YJGL": "泽应急", "STHJ": "泽环",
              "NMSL": "泽农牧", "WTLY": "泽文旅"}
    kinds = {"罚": "行政处罚", "许": "行政许可", "强": "行政强制", "检": "行政检查"}
    nums = {}
    for year, n in ((2023, 6), (2024, 11)):
        for _ in range(n):
            code = R.choice(["SCJG", "SCJG", "JTYS", "ZHZF", "ZHZF", "LCJ", "ZRZY", "WSJK",
                             "YJGL", "STHJ", "NMSL", "WTLY"])
            k = R.choices(list(kinds), weights=[6, 2, 1, 1])[0]
            key = (code, k, year)
            nums[key] = nums.get(key, 0) + R.randint(1, 9)
            case_no = "%s%s〔%d〕%d号" % (prefix[code], k, year, nums[key])
            decided = rand_wd(year, R.randint(2, 11))
            major = k in "罚强" and R.random() < 0.3
            reviewed = prev_wd(decided - R.randint(3, 8) * DAY) if major else None
            add("enf_case", FZDC, unit=U[code], case_no=case_no, kind=kinds[k],
                decided=decided, publicized=add_wd(decided, R.randint(1, 5)),
                av_recorded=True if k != "许" else R.random() < 0.5, major=major,
                legal_reviewed=reviewed)


# ---------------------------------------------------------------------------
# 行政复议, 行政应诉

def gen_recon_litigation():
    U = {c.rsplit("-", 1)[1]: c for c in UNITS}

    def case(num, year, applicant, kind, unit, matter, received, acc, proc=None,
             outcome=None, days=None, extended=False):
        ad = add_wd(received, R.randint(2, 4))
        closed = ad if acc == "不予受理" else next_wd(ad + days * DAY)
        aid = None
        if kind == "个人":
            applicant, aid = new_person(born=(1960, 1995), name=None)
        add("reconsideration", XZFY, case_no="泽政复〔%d〕%d号" % (year, num), applicant=applicant,
            applicant_kind=kind, applicant_id=aid, respondent=ORG_NAME[U[unit]],
            respondent_org=U[unit], matter=matter, received=received, acceptance=acc,
            acceptance_date=ad, procedure=proc, extended=extended if acc == "受理" else None,
            outcome=outcome, closed=closed)

    case(1, 2023, None, "个人", "SCJG", "行政处罚", D(2023, 4, 17), "受理", "普通", "维持", 48)
    case(2, 2023, None, "个人", "MZJ", "其他", D(2023, 7, 10), "不予受理")
    case(3, 2023, None, "个人", "ZJJ", "不履行法定职责", D(2023, 9, 11), "受理", "普通", "确认违法", 55)
    case(1, 2024, None, "个人", "GAJ", "行政处罚", D(2024, 3, 11), "受理", "简易", "维持", 22)
    case(2, 2024, None, "个人", "ZRZY", "其他", D(2024, 5, 6), "受理", "普通", "撤销", 52)
    case(3, 2024, "泽库县雪域运输有限责任公司", "法人", "JTYS", "行政处罚", D(2024, 6, 17), "不予受理")
    case(4, 2024, None, "个人", "LCJ", "行政处罚", D(2024, 8, 19), "受理", "普通", "变更", 85,
         extended=True)
    case(5, 2024, None, "个人", "RSJ", "不履行法定职责", D(2024, 10, 21), "受理", "普通", "和解", 34)

    court = "泽库县人民法院"
    for num, year, plaintiff, unit, filed, hearing, head, outcome, closed in [
        (1, 2023, None, "ZRZY", D(2023, 5, 15), True, True, "驳回", D(2023, 8, 2)),
        (2, 2023, "泽库县高原牧歌畜产品加工有限公司", "SCJG", D(2023, 10, 9), False, None, "撤诉", D(2023, 11, 6)),
        (1, 2024, None, "ZRZY", D(2024, 4, 15), True, True, "撤诉", D(2024, 6, 12)),
        (2, 2024, "泽库县雪域运输有限责任公司", "JTYS", D(2024, 9, 2), True, True, "撤诉", D(2024, 10, 29)),
    ]:
        if plaintiff is None:
            plaintiff = make_name("M")
        add("litigation", XZFY, case_no="（%d）青2323行初%d号" % (year, num), court=court,
            plaintiff=plaintiff, defendant=U[unit], filed=filed, hearing=hearing,
            head_appeared=head, outcome=outcome, closed=closed)


# ---------------------------------------------------------------------------
# 矛盾纠纷排查调处

OFFICES = [SHZL] + [sfs(t) for t in TOWNS]
OFFICE_W = {SHZL: 17.0}
OFFICE_W.update({sfs(t): TOWN_POP[t] for t in TOWNS})
OFFICE_SHORT = {SHZL: "泽矛调"}
OFFICE_SHORT.update({sfs(t): TOWN_SHORT[t] + "调" for t in TOWNS})


def gen_screening():
    for year, total in ((2023, 3716), (2024, 4025)):
        cells = [(o, m) for o in OFFICES for m in range(1, 13)]
        w = [OFFICE_W[o] * (0.8 if m in (1, 2) else 1.15 if m in (4, 5, 6, 10) else 1.0)
             for o, m in cells]
        times = partition(total, w, noise=0.25)
        for (o, m), t in zip(cells, times):
            d = prev_wd(D(year, m + 1, 1) - DAY if m < 12 else D(year, 12, 31))
            found = max(0, int(round(t * R.uniform(0.04, 0.12))))
            note = ""
            if m in (4, 5) and o != SHZL:
                note = "重点排查春季转场草场边界纠纷"
            elif m == 12:
                note = "年底重点排查农民工工资、婚姻家庭纠纷"
            add("screening", o, date=d, times=t, found=found, note=note)


CAT_W = {"草场": 42, "婚姻家庭": 15, "邻里": 12, "债务": 10, "损害赔偿": 9, "土地": 6,
         "劳动": 5, "其他": 9}
CAT_MONTHS = {
    "草场": [2, 2, 6, 10, 12, 11, 8, 6, 7, 10, 9, 4],
    "劳动": [8, 3, 3, 4, 5, 6, 6, 7, 8, 9, 11, 16],
}


def dispute_summary(cat, town):
    v1 = vshort(R.choice(VILLAGES[town])[1])
    v2 = vshort(R.choice(VILLAGES[town])[1])
    season = R.choice(["冬春", "夏秋", "冬季", "夏季"])
    c = {
        "草场": [f"{v1}两户牧民因{season}草场边界不清发生争执",
                f"{v1}与{v2}牧民因草场网围栏越界架设发生纠纷",
                f"{v1}牧户因草场流转费用未按约支付发生纠纷",
                f"{v1}牧户牲畜越界啃食邻户{season}草场引发纠纷",
                f"{v1}联户草场内部分户面积划分争议",
                f"{v1}与{v2}交界处{season}草场使用权争议"],
        "婚姻家庭": ["夫妻因感情不和要求离婚并分割牲畜等共同财产", "子女之间赡养老人义务分担纠纷",
                 "离婚后子女抚养费给付纠纷", "家庭成员之间草场补奖资金分配纠纷",
                 "兄弟分家析产纠纷"],
        "邻里": [f"{v1}定居点邻里因院墙界址发生争执", f"{v1}邻里因排水沟渠堵塞发生纠纷",
               f"{v1}邻户牲畜进入院落损坏财物引发纠纷", f"{v1}邻里因通行道路发生争执"],
        "债务": ["民间借贷到期未还纠纷", "牛羊买卖欠款纠纷", "二手车辆买卖欠款纠纷",
               "虫草收购预付款返还纠纷"],
        "损害赔偿": ["机动车撞死牦牛赔偿纠纷", "交通事故人身损害赔偿纠纷", "犬只咬伤赔偿纠纷",
                 "牲畜误食他人饲料受损赔偿纠纷"],
        "土地": [f"{v1}宅基地界址争议", f"{v1}定居点房屋用地权属纠纷"],
        "劳动": ["建筑工地农民工工资拖欠纠纷", "务工人员受伤赔偿纠纷", "餐饮店员工工资结算纠纷"],
        "其他": ["虫草采挖区域划分纠纷", "合作社年终分红纠纷", "网购商品退货纠纷",
               "房屋租赁合同纠纷"],
    }[cat]
    return R.choice(c)


AMOUNT = {  # yuan range, share with an amount
    "草场": (2000, 60000, 0.35), "婚姻家庭": (5000, 120000, 0.45), "邻里": (500, 8000, 0.3),
    "债务": (3000, 200000, 1.0), "损害赔偿": (2000, 90000, 0.95), "土地": (5000, 50000, 0.3),
    "劳动": (3000, 160000, 1.0), "其他": (1000, 30000, 0.5),
}


def gen_disputes():
    for year, n, fails in ((2023, 318, ["调解不成", "调解不成", "调解不成", "终止", "终止"]),
                           (2024, 355, ["调解不成", "终止"])):
        recs = []
        for _ in range(n):
            office = R.choices(OFFICES, weights=[OFFICE_W[o] for o in OFFICES])[0]
            cat = R.choices(list(CAT_W), weights=list(CAT_W.values()))[0]
            if office == SHZL and cat == "草场" and R.random() < 0.5:
                cat = R.choice(["劳动", "债务", "婚姻家庭"])
            m = pick_month(CAT_MONTHS.get(cat, [7, 5, 8, 9, 9, 9, 9, 9, 9, 9, 9, 8]))
            recs.append((rand_wd(year, m), office, cat))
        recs.sort()
        unresolved = set(R.sample([i for i, r in enumerate(recs)
                                   if r[0] < D(year, 11, 1) and r[2] in ("草场", "债务", "土地")],
                                  len(fails)))
        seq = {}
        fail_it = iter(fails)
        for i, (rec, office, cat) in enumerate(recs):
            seq[office] = seq.get(office, 0) + 1
            town = office[:12] if office != SHZL else rand_town()
            lo, hi, share = AMOUNT[cat]
            amount = None  # yuan, whole hundreds
            if R.random() < share:
                amount = int(math.exp(R.uniform(math.log(lo), math.log(hi))) / 100) * 100
            parties = R.randint(2, 4)
            if cat == "草场" and R.random() < 0.25:
                parties = R.randint(5, 30)
            if i in unresolved:
                result = next(fail_it)
                closed = next_wd(rec + R.randint(20, 45) * DAY)
                agreement = None
            else:
                result = "调解成功"
                closed = next_wd(rec + int(R.expovariate(1 / 6.0)) * DAY + DAY)
                closed = min(closed, prev_wd(SNAPSHOT))
                agreement = "书面" if (amount or R.random() < 0.6) else "口头"
            add("dispute", office, case_no="%s〔%d〕%d号" % (OFFICE_SHORT[office], year, seq[office]),
                category=cat, received=rec, parties=parties,
                summary=dispute_summary(cat, town), amount=yuan(amount * 100) if amount else None,
                result=result, agreement=agreement, closed=closed)


# ---------------------------------------------------------------------------
# 法律援助

AID_MATTERS = {
    "刑事": [("故意伤害罪辩护", 0), ("盗窃罪辩护", 0), ("交通肇事罪辩护", 0.3),
           ("寻衅滋事罪辩护", 0), ("非法狩猎罪辩护", 0), ("危险驾驶罪辩护", 0),
           ("未成年人犯罪案件辩护", 0), ("故意伤害案被害人代理", 0.8)],
    "民事": [("追索劳动报酬", 1), ("农民工讨要工资（集体）", 1), ("机动车交通事故责任纠纷", 1),
           ("人身损害赔偿纠纷", 1), ("离婚纠纷", 0.5), ("抚养费纠纷", 0.9), ("赡养费纠纷", 0.8),
           ("草原承包经营权纠纷", 0.7), ("民间借贷纠纷", 1), ("工伤赔偿", 1),
           ("买卖合同纠纷", 1)],
    "行政": [("工伤认定行政诉讼", 0.6), ("草原确权行政争议", 0.5), ("最低生活保障待遇行政争议", 0.6)],
    "其他": [("劳动争议仲裁代理", 1), ("申请执行代理", 1)],
}
AID_SIZE = {"农民工讨要工资（集体）": 9.0, "工伤赔偿": 3.0, "机动车交通事故责任纠纷": 3.0,
            "人身损害赔偿纠纷": 2.0, "追索劳动报酬": 1.4, "草原承包经营权纠纷": 1.5,
            "交通肇事罪辩护": 2.0, "申请执行代理": 1.5}

AID_BORN = {"赡养费纠纷": (1938, 1958), "抚养费纠纷": (1984, 2000), "离婚纠纷": (1980, 2000),
            "未成年人犯罪案件辩护": (2007, 2008), "农民工讨要工资（集体）": (1970, 1998)}


def gen_aid():
    for year, n, n_closed, total_fen in ((2023, 151, 151, 1786350000), (2024, 168, 87, 2150000000)):
        recs = []
        for _ in range(n):
            cat = R.choices(["刑事", "民事", "行政", "其他"], weights=[34, 55, 4, 7])[0]
            matter, p_rec = R.choice(AID_MATTERS[cat])
            acc = rand_wd(year, pick_month([6, 5, 9, 9, 9, 9, 9, 9, 9, 10, 9, 7]))
            recs.append([acc, cat, matter, p_rec])
        recs.sort(key=lambda r: r[0])
        end = D(year, 12, 31)
        if n_closed == n:
            closed_set = set(range(n))
        else:
            w = [((end - r[0]).days + 1) ** 1.6 * (2.0 if r[1] == "刑事" else 1.0) for r in recs]
            closed_set = set()
            pool = list(range(n))
            while len(closed_set) < n_closed:
                i = R.choices(pool, weights=[w[j] for j in pool])[0]
                closed_set.add(i)
                pool.remove(i)
        rows = []
        for i, (acc, cat, matter, p_rec) in enumerate(recs):
            closed = None
            if i in closed_set:
                room = (prev_wd(end) - acc).days
                dur = {"刑事": (10, 90), "民事": (20, 200), "行政": (30, 180),
                       "其他": (10, 60)}[cat]
                lo = min(dur[0], room)
                closed = prev_wd(acc + R.randint(lo, max(lo, min(dur[1], room))) * DAY)
                if closed < acc:
                    closed = acc
            weight = None
            if closed and R.random() < p_rec:
                weight = AID_SIZE.get(matter, 1.0) * math.exp(R.gauss(0, 0.8))
            rows.append([acc, cat, matter, closed, weight])
        # recovered losses: scaled to the year's total (2024: exactly 2150万元)
        wsum = sum(r[4] for r in rows if r[4])
        target = total_fen
        idx = [i for i, r in enumerate(rows) if r[4]]
        fens = []
        for i in idx:
            f = int(rows[i][4] / wsum * target)
            f = f // 10000 * 10000 if f > 5000000 else f // 100 * 100  # whole 100 / whole yuan
            if R.random() < 0.15:
                f += R.randint(1, 99) * 100 + R.randint(0, 99)  # a precise amount
            fens.append(f)
        biggest = max(range(len(fens)), key=lambda k: fens[k])
        fens[biggest] += total_fen - sum(fens)
        for k, i in enumerate(idx):
            rows[i][4] = fens[k]
        for k, (acc, cat, matter, closed, fen) in enumerate(rows, 1):
            born = AID_BORN.get(matter, (1958, 2002) if cat != "刑事" else (1978, 2004))
            name, idn = new_person(born=born, tib=0.88,
                                   sex="F" if matter in ("抚养费纠纷", "离婚纠纷") and
                                   R.random() < 0.8 else None)
            # decided within 法律援助法's 7 days and assigned within 3 more; a
            # separate generator so the rest of the data stays as it was
            rd = random.Random(year * 1000 + k)
            decided = acc + dt.timedelta(days=rd.randint(1, 6))
            if closed is not None and decided > closed:
                decided = closed
            assigned = decided + dt.timedelta(days=rd.randint(0, 2))
            if closed is not None and assigned > closed:
                assigned = closed
            add("aid_case", FLYZ, case_no="泽法援〔%d〕%d号" % (year, k), applicant=name,
                id_number=idn, category=cat, matter=matter, accepted=acc,
                decided=decided, assigned=assigned,
                lawyer=R.choice(LAWYERS), closed=closed,
                recovered=yuan(fen) if fen is not None else None)

    # 代写法律文书 and 法律咨询: monthly tallies of the 法律援助中心 and the 司法所
    places = [FLYZ] + [sfs(t) for t in TOWNS]
    pw = {FLYZ: 30.0}
    pw.update({sfs(t): TOWN_POP[t] for t in TOWNS})
    for year, docs, cons in ((2023, 486, 1512), (2024, 557, 1733)):
        cells = [(p, m, t) for m in range(1, 13) for p in places
                 for t, tw in (("起诉状", 5), ("答辩状", 1.5), ("申请书", 3), ("其他", 1.5))
                 if p == FLYZ or t != "答辩状"]
        tw = {"起诉状": 5, "答辩状": 1.5, "申请书": 3, "其他": 1.5}
        counts = partition(docs, [pw[p] * tw[t] * (0.7 if m in (1, 2) else 1) for p, m, t in cells],
                           noise=0.9)
        for (p, m, t), c in zip(cells, counts):
            if c:
                add("aid_document", p, date=prev_wd(D(year, m + 1, 1) - DAY if m < 12
                                                     else D(year, 12, 31)),
                    doc_type=t, count=c)
        chw = {"来访": 6, "电话": 3, "网络": 1.5}
        cells = [(p, m, ch) for m in range(1, 13) for p in places for ch in chw]
        counts = partition(cons, [pw[p] * chw[ch] * (0.75 if m in (1, 2) else 1)
                                  for p, m, ch in cells], noise=0.6)
        for (p, m, ch), c in zip(cells, counts):
            if c:
                add("consultation", p, date=prev_wd(D(year, m + 1, 1) - DAY if m < 12
                                                     else D(year, 12, 31)),
                    channel=ch, count=c)


# ---------------------------------------------------------------------------
# 普法: activities, culture sites, 法律明白人, programmes

THEME_MONTHS = {
    "宪法": [2, 1, 3, 3, 3, 3, 3, 3, 3, 3, 6, 30],
    "民法典": [2, 2, 5, 6, 20, 6, 5, 5, 5, 5, 4, 3],
    "生态环境": [1, 1, 3, 6, 9, 10, 9, 8, 6, 4, 2, 1],
    "交通安全": [4, 5, 5, 4, 4, 5, 7, 7, 6, 5, 5, 9],
    "燃气安全": [9, 7, 5, 3, 2, 1, 1, 1, 2, 6, 9, 10],
    "其他": [3, 3, 8, 12, 6, 12, 7, 7, 6, 6, 6, 5],
}
THEME_W = {"宪法": 12, "民法典": 22, "生态环境": 19, "交通安全": 14, "燃气安全": 10, "其他": 23}


def activity_text(theme, town, m):
    v = vshort(R.choice(VILLAGES[town])[1])
    tn = ORG_NAME[town]
    school = R.choice([f"{tn}寄宿制学校", f"{tn}中心小学"]) if town != "632323100000" else \
        R.choice(["泽库县民族中学", "泽库县第一民族完全小学", "泽库县第二民族完全小学"])
    market = f"{tn}集贸市场" if town != "632323100000" else "县城农贸市场"
    temple = "和日寺" if town == "632323102000" and R.random() < 0.4 else f"{tn}辖区寺院"
    winter = m in (1, 2, 3, 10, 11, 12)
    opts = {
        "宪法": [("“宪法进村（牧）”宣讲", v), ("宪法进校园主题班会", school),
               ("宪法学习宣传进寺院", temple)] +
              ([("“12·4”国家宪法日暨宪法宣传周集中宣传", market)] * 3 if m == 12 else []),
        "民法典": [("“美好生活·民法典相伴”主题宣传", v), ("民法典婚姻家庭编宣讲", v),
                ("民法典进寺院宣讲", temple)] +
               ([("民法典宣传月集中宣传", market)] * 3 if m == 5 else []),
        "生态环境": [("草原生态保护法律法规宣讲", v), ("《青海省草原条例》进牧户", f"{v}牧户定居点"),
                 ("野生动物保护法宣传", v), ("生态环境保护法律知识宣讲", temple)],
        "交通安全": [("交通安全进校园", school), ("摩托车驾乘人员交通安全宣传", market),
                 ("冬季道路交通安全宣讲" if winter else "农牧区道路交通安全宣讲", v)],
        "燃气安全": [("燃气安全知识进牧户", f"{v}牧户定居点"),
                 ("冬季燃气安全宣传" if winter else "燃气安全知识宣传", market),
                 ("燃气安全进商铺", market)],
        "其他": [("防范电信网络诈骗宣传", market), ("扫黑除恶常态化法治宣传", v),
               ("农民工工资支付条例宣传", market), ("未成年人保护法进校园", school),
               ("反邪教法治宣传", v), ("人民调解法宣讲", v)] +
              ([("“4·15”全民国家安全教育日宣传", market)] * 4 if m == 4 else []) +
              ([("“6·26”国际禁毒日宣传", school)] * 4 if m == 6 else []),
    }[theme]
    return R.choice(opts)


def gen_activities():
    orgs = [sfs(t) for t in TOWNS] + [PFYF]
    ow = [TOWN_POP[t] for t in TOWNS] + [14.0]
    for year, n, audience in ((2023, 586, 17140), (2024, 712, 20560)):
        recs = []
        for _ in range(n):
            org = R.choices(orgs, weights=ow)[0]
            theme = R.choices(list(THEME_W), weights=list(THEME_W.values()))[0]
            m = pick_month(THEME_MONTHS[theme])
            d = rand_day(year, m) if R.random() < 0.25 else rand_wd(year, m)
            if theme == "宪法" and m == 12 and R.random() < 0.5:
                d = D(year, 12, R.randint(1, 4))
            town = org[:12] if org != PFYF else rand_town()
            title, place = activity_text(theme, town, m)
            size = R.lognormvariate(math.log(22), 0.55)
            if "集中" in title or "国家" in title or "集贸" in place or "农贸" in place:
                size *= 3.5
            recs.append([d, org, title, theme, place, size])
        recs.sort(key=lambda r: (r[0], r[1]))
        aud = partition(audience, [r[5] for r in recs])
        for r, a in zip(recs, aud):
            r[5] = max(a, 5)
        diff = sum(r[5] for r in recs) - audience
        for r in sorted(recs, key=lambda r: -r[5]):  # pay back the floor of 5
            if diff <= 0:
                break
            take = min(diff, r[5] - 60) if r[5] > 60 else 0
            r[5] -= take
            diff -= take
        assert sum(r[5] for r in recs) == audience
        for d, org, title, theme, place, a in recs:
            add("activity", org, date=d, title=title, theme=theme, place=place, audience=a)


def gen_culture_sites():
    late_towns = {"632323101000", "632323203000", "632323204000"}  # township sites built 2024
    missing = {WANGJIA: {"632323202202", "632323202203"},
               NINGXIU: {"632323103208", "632323103211", "632323103213", "632323103214"}}
    for t in TOWNS:
        tn = ORG_NAME[t]
        built = rand_wd(2024, R.randint(5, 9)) if t in late_towns else \
            rand_wd(R.choice([2020, 2021, 2022]), R.randint(5, 9))
        add("culture_site", t, name=tn + "法治文化广场", kind="广场", built=built)
        if t == "632323100000":
            add("culture_site", t, name="泽库县宪法主题公园", kind="公园",
                built=rand_wd(2021, 8))
        for code, vname in VILLAGES[t]:
            if code in missing.get(t, ()):
                continue
            y = 2024 if t in (WANGJIA, NINGXIU) and R.random() < 0.6 else \
                R.choice([2019, 2020, 2021, 2022, 2023, 2023, 2024])
            kind = R.choices(["长廊", "宣传栏", "广场", "其他"], weights=[4, 5, 2, 1])[0]
            nm = vshort(vname) + {"长廊": "法治文化长廊", "宣传栏": "法治宣传栏",
                                  "广场": "法治文化广场", "其他": "法治书屋"}[kind]
            add("culture_site", code, name=nm, kind=kind, built=rand_wd(y, R.randint(5, 10)))


def gen_literate():
    trainer, trainer_id = new_person(born=(1978, 1978), sex="M", name="更登加")
    classes = [(D(2023, 8, 15), "2023年泽库县“法律明白人”培训班", 64),
               (D(2024, 7, 17), "2024年泽库县“法律明白人”培训班", 88)]
    cids = []
    for d, title, n in classes:
        cids.append((add("literate_class", PFYF, date=d, title=title, trainees=n,
                         trainer=trainer, trainer_id=trainer_id), n))
    all_v = [(t, c) for t in TOWNS for c, _ in VILLAGES[t]]
    for cid, n in cids:
        vs = list(all_v)
        R.shuffle(vs)
        picks = vs[:n] if n <= len(vs) else vs + R.sample(all_v, n - len(vs))
        picks.sort(key=lambda tc: tc[1])
        for t, v in picks:
            name, idn = new_person(born=(1968, 1998), tib=0.95)
            add("literate_trainee", sfs(t), literate_class=cid, name=name, village=v,
                id_number=idn)


def gen_media():
    fz = "法治在线10分钟"
    topics = ["草原生态保护与禁牧", "农民工工资支付", "婚姻家庭与民法典", "未成年人保护",
              "防范电信网络诈骗", "人民调解化解邻里纠纷", "法律援助怎么申请", "交通安全与酒驾",
              "燃气安全使用", "虫草采挖中的法律问题", "宪法与公民权利", "野生动物保护",
              "行政复议知多少", "赡养老人的法律责任", "民间借贷风险", "网络购物维权",
              "牲畜交易中的合同", "草原承包经营权流转", "反家庭暴力法", "国家安全人人有责"]
    ep = 0
    for year, months, n_air in ((2023, sorted(R.sample(range(1, 13), 8)), 8),
                                (2024, list(range(1, 13)), 11)):
        for k, m in enumerate(months):
            ep += 1
            rec = rand_wd(year, m)
            if m == 12:  # the December episode: aired before the year ends, or not yet
                rec = D(year, 12, 5) if k < n_air else D(year, 12, 24)
            aired = next_wd(rec + R.randint(5, 10) * DAY) if k < n_air else None
            views = R.randint(3000, 16000) if aired else None
            add("media_episode", PFYF, series=fz, episode=ep, title=topics[ep - 1],
                recorded=rec, aired=aired, views=views)
    yy = ["“路再宽也要慢行”——交通安全篇", "“草原是牧人的命根”——草原保护篇",
          "“火小也能烧草山”——燃气安全篇", "“好邻居胜过远亲”——邻里和睦篇",
          "“借的要还，说的要算”——诚信守约篇", "“孝敬父母如敬天”——赡养老人篇",
          "“酒后不骑马，酒后不开车”——酒驾危害篇", "“水源是草原的眼睛”——水源保护篇",
          "“陌生来电莫轻信”——反诈篇", "“野生动物是草原的朋友”——野生动物保护篇",
          "“法律是每个人的护身符”——宪法篇"]
    months = [5, 6, 6, 7, 8, 8, 9, 10, 10, 11, 12]
    views = partition(604000, [R.lognormvariate(0, 0.45) for _ in range(10)])
    for k, (title, m) in enumerate(zip(yy, months), 1):
        rec = rand_wd(2024, m) if k < 11 else D(2024, 12, 20)
        aired = next_wd(rec + R.randint(3, 9) * DAY) if k < 11 else None
        if aired and aired.year > 2024:
            aired = D(2024, 12, 30)
        add("media_episode", PFYF, series="谚语说法", episode=k, title=title, recorded=rec,
            aired=aired, views=views[k - 1] if aired else None)


# ---------------------------------------------------------------------------
# 年度报告 (narrative of the seed report, page breaks joined, no spaces between
# Arabic numerals and Chinese characters)

OPENING = ("2024年，泽库县司法局在县委县政府的坚强领导和上级部门的具体指导下，坚持以习近平新时代"
           "中国特色社会主义思想为指导，深入贯彻习近平法治思想，全面落实党的二十大和二十届二中、"
           "三中全会精神，紧紧围绕法治政府建设目标任务，充分发挥司法行政职能作用，扎实推进各项工作，"
           "取得显著成效。现将年度法治政府建设情况报告如下：")
S1 = ("一是加强组织领导。成立法治政府建设工作领导小组，制定详细的年度工作要点与法治政府建设工作"
      "任务台账，将任务细化到各科室、量化到岗位、实化到个人，确保各项工作有序推进。二是定期组织"
      "召开法治政府建设推进会，实时掌握工作进度，及时解决遇到的问题，确保各项任务有序推进。")
# Sections （二） and （三） open with figure-free sentences; the figures that
# follow are the template's (data/report/default.tmpl).
S2 = ("一是建立健全重大行政决策体制机制，严格按照《黄南藏族自治州人民政府重大行政决策程序暂行规定》，"
      "确定五个关键环节，进一步完善公众参与、专家论证、风险评估、合法性审查和集体讨论决定相结合的"
      "决策机制，确保了重大行政决策结果合法、科学、公正、透明。二是持续落实行政规范性文件合法性审核、"
      "备案审查和定期清理制度。")
S3 = ("一是强化制度保障。印发我县贯彻落实提升行政执法质量三年行动计划（2023-2025年）实施方案、"
      "《泽库县提升行政执法质量会商制度》《行政执法监督员管理办法》，转发《行政机关负责人出庭应诉"
      "工作规则》配套工作制度，进一步推动“行政执法三项制度”全面落实，保障行政执法规范化运行提供了"
      "制度保障。")
PROBLEMS = ("2024年法治政府建设工作成效明显，但与上级的要求、人民群众的期盼和新形势新任务的要求相比"
            "存在差距和不足。一是在统筹推进法治建设的力量较为薄弱。二是行政执法监督力度还需进一步"
            "加大，行政执法不规范、不严格等问题仍然存在。三是行政复议和应诉工作还需进一步加强，行政"
            "争议化解能力有待提高。四是法治宣传教育的针对性和实效性还需进一步增强。")
PLANS = ("下一步，县司法局将进一步坚定信心、鼓足干劲、真抓实干，创新工作思路，强化工作举措，努力"
         "推动法治政府建设取得更大成效，为全县经济社会高质量发展提供坚实的法治保障。")


def gen_report():
    add("report", SFJ, year=2024, opening=OPENING, s1_system=S1, s2_decision=S2,
        s3_enforcement=S3, problems=PROBLEMS,
        plans=PLANS, status="草稿")


# ---------------------------------------------------------------------------

def write():
    for reg in ORDER:
        path = os.path.join(HERE, reg + ".csv")
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(["机构"] + [label for _, label in FIELDS[reg]])
            for row in ROWS[reg]:
                w.writerow([row["org"]] + [row.get(n, "") for n, _ in FIELDS[reg]])
    with open(os.path.join(HERE, "manifest.txt"), "w", encoding="utf-8", newline="\n") as f:
        for reg in ORDER:
            f.write("%s %s.csv\n" % (reg, reg))


def main():
    gen_tasks()
    gen_decisions()
    gen_normdocs()
    gen_enforcement()
    gen_recon_litigation()
    gen_screening()
    gen_disputes()
    gen_aid()
    gen_activities()
    gen_culture_sites()
    gen_literate()
    gen_media()
    gen_report()
    write()
    for reg in ORDER:
        print("%-20s %5d" % (reg, len(ROWS[reg])))


if __name__ == "__main__":
    main()
