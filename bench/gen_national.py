#!/usr/bin/env python3
"""gen_national.py DIR [RECORDS] [--prev N] [--provinces P] — a national-size
data set for bench/national.sh: the org tree of the country root
(000000000000 全国, every province's parent), 31 provinces, ~333
prefectures, ~3,000 counties and ~40,000 townships (each township with its
司法所; each county with its 司法局, 法律援助中心, 普法股 and 矛调中心), and
RECORDS records (default 10,000,000) dated in 2024 across the busy
registers — dispute, aid_case, consultation, activity, screening,
aid_document — plus --prev records (default RECORDS / 4) dated in 2023 for
the year-on-year figures. Every row is valid for `fazhi import`; the output
is the same for the same arguments (fixed seed). --provinces P keeps the
first P provinces and scales the tree and the records with them.

  python3 bench/gen_national.py /tmp/national-x 20000 --provinces 2   # seconds
  python3 bench/gen_national.py /tmp/national-x                       # full size

Writes DIR/org.csv, DIR/REGISTER-YEAR.csv (Chinese headers and choice
labels, as a county's clerks would export them) and DIR/meta.json (the
sample county and province and the country code the benchmark times, and
the row counts)."""
import argparse
import datetime
import json
import os
import random

# The 31 provinces with their real 2-digit codes.
PROVINCES = [
    ("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"),
    ("15", "内蒙古自治区"), ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"),
    ("31", "上海市"), ("32", "江苏省"), ("33", "浙江省"), ("34", "安徽省"),
    ("35", "福建省"), ("36", "江西省"), ("37", "山东省"), ("41", "河南省"),
    ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
    ("46", "海南省"), ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"),
    ("53", "云南省"), ("54", "西藏自治区"), ("61", "陕西省"), ("62", "甘肃省"),
    ("63", "青海省"), ("64", "宁夏回族自治区"), ("65", "新疆维吾尔自治区"),
]
N_PREFECTURE, N_COUNTY, N_TOWNSHIP = 333, 3000, 40000
COUNTRY = "0" * 12  # the root: every province's parent, its subtree every code

# Shares of a year's records by register (they add up to 1).
SHARES = [("dispute", 0.44), ("aid_case", 0.14), ("consultation", 0.20),
          ("activity", 0.16), ("screening", 0.04), ("aid_document", 0.02)]

HEADERS = {
    "dispute": "机构,案号,纠纷类型,受理日期,当事人数,纠纷简要情况,涉及金额,调解结果,协议形式,结案日期",
    "aid_case": "机构,案号,申请人,身份证号码,案件类别,事项,受理日期,审查决定日期,指派日期,承办人,结案日期,挽回经济损失",
    "consultation": "机构,日期,咨询方式,人次",
    "activity": "机构,日期,活动名称,主题,地点,覆盖人次",
    "screening": "机构,日期,排查次数,发现纠纷数",
    "aid_document": "机构,日期,文书类型,件数",
}

D_CATS = ["婚姻家庭", "邻里", "草场", "土地", "债务", "损害赔偿", "劳动", "其他"]
D_SUMMARY = ["草场边界纠纷", "邻里通道纠纷", "婚姻家庭矛盾", "借款未还", "劳务费拖欠",
             "宅基地界址争议", "交通事故赔偿", "赡养费纠纷"]
A_CATS = ["民事", "民事", "民事", "刑事", "行政", "其他"]
A_MATTERS = ["劳动报酬追索", "赡养费纠纷", "交通事故损害赔偿", "离婚纠纷", "工伤赔偿",
             "寻衅滋事罪辩护", "盗窃罪辩护", "行政处罚复议"]
CHANNELS = ["来访", "电话", "网络"]
THEMES = ["宪法", "民法典", "生态环境", "交通安全", "燃气安全", "其他"]
TITLES = ["宪法宣传周进社区", "民法典进万家", "生态环境保护法宣讲", "交通安全进校园",
          "燃气安全入户宣传", "法律明白人宣讲", "防范电信诈骗宣传", "农民工讨薪法律服务"]
PLACES = ["村委会广场", "集市", "学校", "社区活动中心", "牧户定居点", "乡政府会议室"]
DOC_TYPES = ["起诉状", "答辩状", "申请书", "其他"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐韩曹许邓冯"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅东卓玛措才让"
LAWYERS = ["李海宁", "拉毛措", "张明", "王晓东", "马建国", "周丽", "陈刚", "才让多杰"]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def spread(rnd, total, n_parent):
    """Counts of children per parent: at least one each, the rest at random."""
    counts = [1] * n_parent
    for _ in range(max(total - n_parent, 0)):
        counts[rnd.randrange(n_parent)] += 1
    return counts


def org_tree(out, n_prov, rnd):
    """Write org.csv; return the owners of each register's records (code,
    county code) and the sample orgs."""
    f = n_prov / len(PROVINCES)
    provs = PROVINCES[:n_prov]
    pref_per_prov = spread(rnd, round(N_PREFECTURE * f), n_prov)
    n_pref = sum(pref_per_prov)
    county_per_pref = spread(rnd, round(N_COUNTY * f), n_pref)
    n_county = sum(county_per_pref)
    town_per_county = spread(rnd, round(N_TOWNSHIP * f), n_county)
    offices, centers, aid_centers, pf_sections, counties = [], [], [], [], []
    rows = 0
    ip = ic = 0
    with open(os.path.join(out, "org.csv"), "w", encoding="utf-8") as o:
        o.write("编码,上级,类型,名称\n")
        o.write(f"{COUNTRY},,country,全国\n")
        rows += 1
        for (pc2, pname), npref in zip(provs, pref_per_prov):
            pc = pc2 + "0" * 10
            o.write(f"{pc},{COUNTRY},province,{pname}\n")
            rows += 1
            for j in range(1, npref + 1):
                fc = f"{pc2}{j:02d}" + "0" * 8
                o.write(f"{fc},{pc},prefecture,{pname[:2]}第{j}市\n")
                rows += 1
                for k in range(1, county_per_pref[ip] + 1):
                    cc = f"{pc2}{j:02d}{k:02d}" + "0" * 6
                    cname = f"{pname[:2]}{j}市第{k}县"
                    o.write(f"{cc},{fc},county,{cname}\n"
                            f"{cc}-SFJ,{cc},bureau,{cname}司法局\n"
                            f"{cc}-SFJ-FLYZ,{cc}-SFJ,section,{cname}法律援助中心\n"
                            f"{cc}-SFJ-PFYF,{cc}-SFJ,section,普法与依法治理股\n"
                            f"{cc}-SHZL,{cc},center,{cname}社会治理综合服务中心\n")
                    rows += 5
                    counties.append(cc)
                    centers.append((f"{cc}-SHZL", cc))
                    aid_centers.append((f"{cc}-SFJ-FLYZ", cc))
                    pf_sections.append((f"{cc}-SFJ-PFYF", cc))
                    for t in range(1, town_per_county[ic] + 1):
                        # 001–099 towns (镇), 100–… townships (乡), as in the real codes
                        tc = f"{pc2}{j:02d}{k:02d}{t:03d}000"
                        o.write(f"{tc},{cc},township,第{t}镇\n"
                                f"{tc}-SFS,{tc},judicial_office,第{t}镇司法所\n")
                        rows += 2
                        offices.append((f"{tc}-SFS", cc))
                    ic += 1
                ip += 1
    owners = {
        "dispute": offices + centers,
        "aid_case": aid_centers,
        "consultation": offices + aid_centers,
        "activity": offices + pf_sections,
        "screening": offices + centers,
        "aid_document": aid_centers,
    }
    # The sample county: the one whose township count is the median.
    order = sorted(range(n_county), key=lambda i: (town_per_county[i], i))
    sample_county = counties[order[n_county // 2]]
    sample_province = provs[n_prov // 2][0] + "0" * 10
    return owners, rows, n_pref, n_county, sum(town_per_county), sample_county, sample_province


def year_days(y):
    d0 = datetime.date(y, 1, 1)
    n = (datetime.date(y + 1, 1, 1) - d0).days
    return [d0 + datetime.timedelta(days=i) for i in range(n)]


def iso(d):
    return d.isoformat()


def id_number(rnd, county):
    """A valid 18-character citizen ID from the county's region code; the
    holder's name follows from the number, so a number drawn twice is the
    same person with the same name (fazhi refuses one number, two names)."""
    born = datetime.date(1940, 1, 1) + datetime.timedelta(days=rnd.randrange(23700))
    z17 = f"{county[:6]}{born:%Y%m%d}{rnd.randrange(1000):03d}"
    s = sum(int(c) * w for c, w in zip(z17, ID_WEIGHTS))
    z = z17 + "10X98765432"[s % 11]
    k = int(z17)
    name = SURNAMES[k % len(SURNAMES)] + GIVEN[(k // 31) % len(GIVEN)] + \
        (GIVEN[(k // 997) % len(GIVEN)] if k % 3 else "")
    return z, name


def write_register(out, reg, year, n, owners, rnd):
    """n rows of one register in one year, spread over its owners with
    uneven weights, written office after office (as exports are joined)."""
    w = [rnd.lognormvariate(0, 0.6) for _ in owners]
    tw = sum(w)
    counts = [int(n * x / tw) for x in w]
    for i in rnd.sample(range(len(owners)), n - sum(counts)):
        counts[i] += 1
    days = year_days(year)
    nd = len(days)
    ds = [iso(d) for d in days]
    later = {}  # iso of a date k days after days[i]

    def after(i, k):
        key = (i, k)
        z = later.get(key)
        if z is None:
            z = later[key] = iso(days[i] + datetime.timedelta(days=k))
        return z

    rr, rand = rnd.randrange, rnd.random
    yy = str(year)
    lines = []
    path = os.path.join(out, f"{reg}-{year}.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADERS[reg] + "\n")
        for (org, county), cnt in zip(owners, counts):
            for k in range(1, cnt + 1):
                i = rr(nd)
                if reg == "dispute":
                    u = rand()
                    if u < 0.955:
                        res, agree = "调解成功", ("书面" if u < 0.76 else "口头")
                    elif u < 0.975:
                        res, agree = "调解不成", ""
                    elif u < 0.98:
                        res, agree = "终止", ""
                    else:
                        res, agree = "调解中", ""
                    closed = "" if res == "调解中" else after(i, rr(31))
                    amount = f"{rr(1, 5000000) / 100:.2f}" if u < 0.4 else ""
                    lines.append(f"{org},调〔{yy}〕{k}号,{D_CATS[rr(8)]},{ds[i]},{rr(2, 7)},"
                                 f"{D_SUMMARY[rr(8)]},{amount},{res},{agree},{closed}\n")
                elif reg == "aid_case":
                    idn, name = id_number(rnd, county)
                    u = rand()  # decision: on time, a little or much late, none yet
                    dk = rr(8) if u < 0.93 else rr(8, 13) if u < 0.96 else rr(15, 31) if u < 0.985 else -1
                    decided = after(i, dk) if dk >= 0 else ""
                    ak = -1
                    if dk >= 0:
                        v = rand()
                        ak = dk + (rr(4) if v < 0.95 else rr(4, 8) if v < 0.98 else -dk - 1)
                    assigned = after(i, ak) if ak >= 0 else ""
                    closed = recovered = ""
                    if ak >= 0 and rand() < 0.7:
                        closed = after(i, ak + rr(10, 240))
                        if rand() < 0.45:
                            recovered = f"{rr(100, 20000000) / 100:.2f}"
                    lines.append(f"{org},援〔{yy}〕{k}号,{name},{idn},{A_CATS[rr(6)]},"
                                 f"{A_MATTERS[rr(8)]},{ds[i]},{decided},{assigned},"
                                 f"{LAWYERS[rr(8)]},{closed},{recovered}\n")
                elif reg == "consultation":
                    lines.append(f"{org},{ds[i]},{CHANNELS[rr(3)]},{rr(1, 60)}\n")
                elif reg == "activity":
                    aud = rr(20, 3000) if rand() < 0.97 else ""
                    lines.append(f"{org},{ds[i]},{TITLES[rr(8)]},{THEMES[rr(6)]},"
                                 f"{PLACES[rr(6)]},{aud}\n")
                elif reg == "screening":
                    lines.append(f"{org},{ds[i]},{rr(1, 20)},{rr(0, 6)}\n")
                else:
                    lines.append(f"{org},{ds[i]},{DOC_TYPES[rr(4)]},{rr(1, 11)}\n")
                if len(lines) >= 50000:
                    f.writelines(lines)
                    lines.clear()
        f.writelines(lines)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("records", nargs="?", type=int, default=10_000_000)
    ap.add_argument("--prev", type=int, default=None, help="records in 2023 (default RECORDS/4)")
    ap.add_argument("--provinces", type=int, default=len(PROVINCES))
    a = ap.parse_args()
    prev = a.records // 4 if a.prev is None else a.prev
    os.makedirs(a.dir, exist_ok=True)
    rnd = random.Random(20240101)
    owners, n_org, n_pref, n_county, n_town, county, province = org_tree(
        a.dir, max(1, min(a.provinces, len(PROVINCES))), rnd)
    rows = {}
    for year, total in ((2023, prev), (2024, a.records)):
        left = total
        for idx, (reg, share) in enumerate(SHARES):
            n = left if idx == len(SHARES) - 1 else round(total * share)
            left -= n
            write_register(a.dir, reg, year, n, owners[reg], random.Random(f"{reg}-{year}"))
            rows[f"{reg}-{year}"] = n
    meta = {"county": county, "province": province, "country": COUNTRY,
            "provinces": [p[0] + "0" * 10 for p in PROVINCES[:a.provinces]],
            "orgs": n_org, "prefectures": n_pref, "counties": n_county, "townships": n_town,
            "rows": rows, "registers": [r for r, _ in SHARES]}
    with open(os.path.join(a.dir, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
