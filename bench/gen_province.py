#!/usr/bin/env python3
"""gen_province.py ROWS DIR — a synthetic province for the back-end
benchmark: an org CSV (1 province, 8 prefectures, 5 counties each, 4
townships a county with their 司法所) and a dispute CSV of ROWS rows over
those offices, half in 2023 and half in 2024, every row valid."""
import os
import random
import sys

CATS = ["婚姻家庭", "邻里", "草场", "土地", "债务", "损害赔偿", "劳动", "其他"]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    offices = []
    with open(os.path.join(out, "org.csv"), "w", encoding="utf-8") as f:
        f.write("编码,上级,类型,名称\n")
        f.write("910000000000,,province,测试省\n")
        for p in range(1, 9):
            pc = f"91{p:02d}00000000"
            f.write(f"{pc},910000000000,prefecture,测试州{p}\n")
            for c in range(1, 6):
                cc = f"91{p:02d}{c:02d}000000"
                f.write(f"{cc},{pc},county,测试县{p}-{c}\n")
                for t in range(1, 5):
                    tc = f"91{p:02d}{c:02d}{100 + t:03d}000"
                    f.write(f"{tc},{cc},township,测试镇{p}-{c}-{t}\n")
                    f.write(f"{tc}-SFS,{tc},judicial_office,测试镇{p}-{c}-{t}司法所\n")
                    offices.append(f"{tc}-SFS")
    rnd = random.Random(20240101)
    with open(os.path.join(out, "disputes.csv"), "w", encoding="utf-8") as f:
        f.write("机构,案号,纠纷类型,受理日期,当事人数,调解结果,协议形式,结案日期\n")
        for i in range(rows):
            y, m, d = 2023 + i % 2, rnd.randint(1, 12), rnd.randint(1, 28)
            res = "调解成功" if rnd.random() < 0.97 else "调解中"
            closed = f"{y}-{m:02d}-{min(d + 3, 28):02d}" if res != "调解中" else ""
            agree = "书面" if res == "调解成功" else ""
            f.write(f"{offices[i % len(offices)]},调{i + 1}号,{rnd.choice(CATS)},"
                    f"{y}-{m:02d}-{d:02d},{rnd.randint(2, 6)},{res},{agree},{closed}\n")


if __name__ == "__main__":
    main()
