#!/usr/bin/env python3
"""Builds tests/fixtures/seed.docx, a real Word document of the seed, from
tests/fixtures/seed.json, laid out like the original (shared/seed/
000_6557f949b45e2f15.txt is its text dump): a title line with the unit's name
and the year; 第一部分 with the three department headings and their
paragraphs; 第二部分 with one titled 项目支出绩效目标表 per project, its head
rows merged across columns (w:gridSpan), 预算规模及资金用途 and 资金支出计划
merged down two rows and every run of one 一级指标 merged down its rows
(w:vMerge), as Word saves the official table. The importer's test
(tests/import.rs) reads it back and compares it with seed.json.

What is as printed rather than as stored: the goal "目标内容1" is written as
the list item "1.目标内容1"; the label "其中：财政    资金" keeps the
original's spaces; the spaces around some 工作保障措施 paragraphs and the empty
paragraph in one 三级指标 cell are kept (the importer trims them, as the
transcription did); the empty paragraphs between the department sections are
kept.

Needs python-docx (PyPI). From the repository root:

    python3 -m venv target/pydocx && target/pydocx/bin/pip install python-docx
    target/pydocx/bin/python tools/make_seed_docx.py

The zip is written with fixed timestamps so the output is byte-for-byte the
same on every run."""
import io
import json
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed.json"
OUT = ROOT / "tests" / "fixtures" / "seed.docx"

# Spaces the original has around some paragraphs (see the text dump).
AS_PRINTED = {
    ("safeguards", 1): "{}  ",
    ("safeguards", 2): "{}  ",
    ("safeguards", 5): " {}",
}
# The original's 三级指标 cell "群众满意度" ends with an empty paragraph.
EXTRA_EMPTY_PARAGRAPH = (2, 7, "name")


def set_fonts(doc):
    """宋体 for Chinese text, as government documents are set."""
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        style.font.name = "Times New Roman"
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    doc.styles["Normal"].font.size = Pt(12)


def centered(doc, text, style=None, size=None, bold=False):
    p = doc.add_paragraph(style=style)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return p


def cell_text(cell, text):
    """Replaces the cell's content with one paragraph per line."""
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for line in lines[1:]:
        cell.add_paragraph(line)


def merged(table, row, first, last, text, down=0):
    """Merges columns first..last (and `down` rows more) and writes text."""
    cell = table.cell(row, first)
    if last > first or down:
        cell = cell.merge(table.cell(row + down, last))
    cell_text(cell, text)
    return cell


def project_table(doc, index, project, unit):
    rows = 8 + len(project["indicators"])
    table = doc.add_table(rows=rows, cols=8)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    budget, plan = project["budget"], project["spending_plan"]
    merged(table, 0, 0, 4, unit["code"] + unit["name"])
    merged(table, 0, 5, 7, "单位：万元")
    merged(table, 1, 0, 0, "项目编码")
    merged(table, 1, 1, 3, project["code"])
    merged(table, 1, 4, 4, "项目名称")
    merged(table, 1, 5, 7, project["name"])
    merged(table, 2, 0, 0, "预算规模及资金用途", down=1)
    merged(table, 2, 1, 1, "预算数")
    merged(table, 2, 2, 2, budget["total"])
    merged(table, 2, 3, 3, "其中：财政    资金")
    merged(table, 2, 4, 4, budget["fiscal"])
    merged(table, 2, 5, 5, "其他资金")
    merged(table, 2, 6, 7, budget["other"])
    merged(table, 3, 1, 7, project["use_of_funds"])
    merged(table, 4, 0, 0, "资金支出计划（%）", down=1)
    spans = [(1, 2), (3, 4), (5, 5), (6, 7)]
    for (first, last), label, key in zip(
        spans, ["3月底", "6月底", "10月底", "12月底"], ["mar", "jun", "oct", "dec"]
    ):
        merged(table, 4, first, last, label)
        merged(table, 5, first, last, plan[key])
    merged(table, 6, 0, 0, "绩效目标")
    goals = [f"{n}.{g}" for n, g in enumerate(project["goals"], 1)]
    merged(table, 6, 1, 7, "\n".join(goals))
    columns = [(0, 0), (1, 1), (2, 3), (4, 4), (5, 5), (6, 7)]
    header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    for (first, last), text in zip(columns, header):
        merged(table, 7, first, last, text)
    keys = ["level1", "level2", "name", "description", "value", "basis"]
    indicators = project["indicators"]
    for i, row in enumerate(indicators):
        r = 8 + i
        for (first, last), key in zip(columns[1:], keys[1:]):
            text = row[key]
            if (index, i, key) == EXTRA_EMPTY_PARAGRAPH:
                text += "\n"
            merged(table, r, first, last, text)
    # Each run of one 一级指标 is one cell merged down its rows.
    start = 0
    for i in range(1, len(indicators) + 1):
        if i == len(indicators) or indicators[i]["level1"] != indicators[start]["level1"]:
            merged(table, 8 + start, 0, 0, indicators[start]["level1"], down=i - 1 - start)
            start = i


def build(seed):
    doc = Document()
    set_fonts(doc)
    unit = seed["unit"]
    centered(doc, f"{unit['name']}{seed['year']}年部门预算绩效目标", size=18, bold=True)
    doc.add_paragraph()
    centered(doc, "第一部分", style="Heading 1")
    centered(doc, "部门整体绩效目标", size=16, bold=True)
    doc.add_paragraph()
    department = seed["department"]
    for number, key, title in [
        ("一", "overall_goals", "总体绩效目标"),
        ("二", "sub_goals", "分项绩效目标"),
        ("三", "safeguards", "工作保障措施"),
    ]:
        doc.add_heading(f"{number}、{title}", level=2)
        for i, text in enumerate(department[key]):
            p = doc.add_paragraph(AS_PRINTED.get((key, i), "{}").format(text))
            p.paragraph_format.first_line_indent = Pt(24)
        if key == "sub_goals":
            doc.add_paragraph()
            doc.add_paragraph()
    for _ in range(6):
        doc.add_paragraph()
    centered(doc, "第二部分", style="Heading 1")
    doc.add_paragraph()
    centered(doc, "预算项目绩效目标", size=16, bold=True)
    doc.add_paragraph()
    for index, project in enumerate(seed["projects"]):
        doc.add_heading(f"{index + 1}.{project['name']}绩效目标表", level=2)
        project_table(doc, index, project, unit)
        doc.add_paragraph()
    return doc


def deterministic(data):
    """The same zip with fixed timestamps, so reruns give the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main():
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    buf = io.BytesIO()
    build(seed).save(buf)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.write_bytes(deterministic(buf.getvalue()))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
