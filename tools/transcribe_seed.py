#!/usr/bin/env python3
"""Transcribes the seed document (shared/seed/000_6557f949b45e2f15.txt, a Word
table saved as text) into tests/fixtures/seed.json, our format. Run once; the
JSON is committed and reviewed by eye. Merged 一级指标 cells (blank below their
first row) are filled down, since each row of our format names its 一级; every
other cell is kept as printed, blanks as blanks; text is trimmed at both ends
(format.md). The goal cell "1.目标内容1" is the numbered list's first item, so
its list number "1." is dropped, as format.md's own example does."""
import json, re, sys

src = open(sys.argv[1], encoding="utf-8").read()
part1, part2 = src.split("第二部分", 1)

def paragraphs(text, start, end):
    body = text.split(start, 1)[1]
    if end:
        body = body.split(end, 1)[0]
    out = []
    for line in body.splitlines():
        line = re.sub(r"\[bookmark: [^\]]*\]", "", line).strip()
        if line:
            out.append(line)
    return out

department = {
    "overall_goals": paragraphs(part1, "一、总体绩效目标", "二、分项绩效目标"),
    "sub_goals": paragraphs(part1, "二、分项绩效目标", "三、工作保障措施"),
    "safeguards": paragraphs(part1, "三、工作保障措施", None),
}
# The bookmark line of the next heading is left over at the end of a part.
for k in department:
    department[k] = [p for p in department[k] if not re.match(r"^[一二三]、", p)]

tables = re.split(r"\[bookmark: _Toc_4_4_\d+\]\d+\.", part2)[1:]
projects = []
for t in tables:
    blocks = [b.split("\n") for b in t.split("\n\n")]
    cells = lambda b: [c[1:] if c.startswith("\t") else c for c in b]
    lines = t.split("\n")
    def after(label, n=1):
        i = next(i for i, l in enumerate(lines) if l.strip() == label)
        return [lines[i + k][1:].strip() for k in range(1, n + 1)]
    code = after("项目编码")[0]
    name = after("项目名称")[0]
    total = after("预算数")[0]
    fiscal = after("其中：财政    资金")[0]
    other = after("其他资金")[0]
    i = next(i for i, l in enumerate(lines) if l.strip() == "其他资金")
    use = lines[i + 4][1:].strip()
    i = next(i for i, l in enumerate(lines) if l.strip() == "12月底")
    plan = [lines[i + k][1:].strip() for k in range(3, 7)]
    goal = after("绩效目标")[0]
    goal = re.sub(r"^\d+\.", "", goal)
    # Indicator rows: blocks of six cells after the header row.
    head = t.index("\t指标值确定依据")
    body = t[head + len("\t指标值确定依据"):]
    raw = [b for b in body.split("\n\n") if b.strip("\n")]
    rows, pending = [], []
    for b in raw:
        cs = [c[1:] if c.startswith("\t") else c for c in b.strip("\n").split("\n")]
        pending += cs
        if len(pending) >= 6:
            rows.append(pending[:6]); pending = []
    assert not pending, (name, pending)
    indicators, level1 = [], ""
    for r in rows:
        r = [c.strip() for c in r]
        level1 = r[0] or level1
        indicators.append(dict(level1=level1, level2=r[1], name=r[2], description=r[3], value=r[4], basis=r[5]))
    projects.append({
        "code": code, "name": name,
        "budget": {"total": total, "fiscal": fiscal, "other": other},
        "use_of_funds": use,
        "spending_plan": dict(zip(["mar", "jun", "oct", "dec"], plan)),
        "goals": [goal],
        "indicators": indicators,
    })

doc = {
    "format": "performance-goals", "version": 1, "status": "draft", "year": "2023",
    "unit": {"code": "120001", "name": "承德高新区行政审批局本级"},
    "money_unit": "万元", "department": department, "projects": projects,
    "saved_at": "2023-01-01T00:00:00Z",
}
print(json.dumps(doc, ensure_ascii=False, indent=2))
