#!/usr/bin/env python3
"""gen_disputes.py N FILE — a dispute CSV of N rows for the import benchmark:
the 10 columns of the dispute register, Chinese headers, spread over Zeku's
seven 司法所 and the 矛调中心, every row valid."""
import random
import sys

ORGS = ["632323100000-SFS", "632323101000-SFS", "632323102000-SFS",
        "632323103000-SFS", "632323202000-SFS", "632323203000-SFS",
        "632323204000-SFS", "632323000000-SHZL"]
CATS = ["婚姻家庭", "邻里", "草场", "土地", "债务", "损害赔偿", "劳动", "其他"]
SUMMARY = ["草场边界纠纷", "邻里通道纠纷", "婚姻家庭矛盾", "借款未还", "劳务费拖欠"]


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(20240101)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("机构,案号,纠纷类型,受理日期,当事人数,纠纷简要情况,涉及金额,调解结果,协议形式,结案日期\n")
        for i in range(n):
            m, d = rnd.randint(1, 12), rnd.randint(1, 28)
            res = "调解成功" if rnd.random() < 0.97 else "调解中"
            closed = f"2024-{m:02d}-{min(d + 3, 28):02d}" if res != "调解中" else ""
            agree = ("书面" if rnd.random() < 0.8 else "口头") if res == "调解成功" else ""
            f.write(f"{ORGS[i % len(ORGS)]},调{i + 1}号,{rnd.choice(CATS)},"
                    f"2024-{m:02d}-{d:02d},{rnd.randint(2, 6)},{rnd.choice(SUMMARY)},"
                    f"{rnd.randint(0, 500000) / 100:.2f},{res},{agree},{closed}\n")


if __name__ == "__main__":
    main()
