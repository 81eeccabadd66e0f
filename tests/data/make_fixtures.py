"""Build the realistic .docx/.xlsx test documents and the hostile files from the seeds' text.

Run ``python tests/data/make_fixtures.py``; it rewrites the files next to it (they are committed).
The documents look like what clerks receive: Word tables with merged 目标/任务/unit cells and a
repeated header row, a review table, a prose plan, Excel task tables with merged category cells
and title rows. Their text is the seeds' own text (seed 004 repaired: simplified characters,
no pinyin, no GBK damage), so each parses to the same tasks as its .txt seed.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

import docx
import openpyxl
from docx.shared import Mm
from openpyxl.styles import Font

try:  # run as a script (python tests/data/make_fixtures.py) or imported as tests.data.make_fixtures
    from office_helpers import (
        FIXED_TIME, add_list, add_para, landscape_section, merge_down, new_document, new_table, save,
        set_cell, style_table, title_row,
    )
except ImportError:  # pragma: no cover
    from tests.data.office_helpers import (
        FIXED_TIME, add_list, add_para, landscape_section, merge_down, new_document, new_table, save,
        set_cell, style_table, title_row,
    )

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
BAD = HERE / "bad"


def seed_lines(prefix: str) -> list[str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------------------ seed 000


# Rows whose unit lines in the flattened text are fragments: the cells as published.
UNITS_000 = {
    "以公开为常态": ("区政府办", "区各有关部门"),
    "重点选取本地区": ("区发改局、建设局、规划分局、国土分局、政务办", None),  # "单位" is a remnant
    "履行重大政策": ("区政府办", "区各有关部门"),  # "区政府办,各有关": the rest was cut off
    "贯彻“放管服”": ("区编办、政务办", None),  # split over "区编办、" / "政务办"
}


def parse_seed000() -> tuple[list[str], list[dict]]:
    """Return the cover lines and one dict per 主要内容 row (goal, task, text, units)."""
    lines = seed_lines("000")
    cover, body = lines[:4], lines[9:]  # lines 4-8 are the flattened header cells
    rows: list[dict] = []
    goal = task = None
    i = 0
    while i < len(body):
        line = body[i]
        if re.fullmatch(r"[一二三四五六七八九十]+、", line):
            goal, i = (line, body[i + 1]), i + 2
            continue
        if re.match(r"\([一二三四五六七八九十]+\)", line):
            task = line
        elif line.endswith("。"):
            rows.append({"goal": goal, "task": task, "text": line, "unit_lines": []})
        else:
            rows[-1]["unit_lines"].append(line)
        i += 1
    for row in rows:
        fixed = next((v for k, v in UNITS_000.items() if row["text"].startswith(k)), None)
        if fixed:
            row["units"] = fixed
        elif row["unit_lines"]:
            assert len(row["unit_lines"]) == 1, row
            row["units"] = (row["unit_lines"][0], None)  # one cell spanning 牵头单位 and 责任单位
        else:
            row["units"] = None  # under the merged unit cell of the row above
    return cover, rows


def same_runs(rows: list[dict], key: str) -> list[tuple[int, int]]:
    """Return (first, last) indexes of each run of consecutive rows with the same ``key``."""
    spans: list[tuple[int, int]] = []
    for i, row in enumerate(rows):
        if spans and row[key] == rows[spans[-1][0]][key]:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    return spans


def unit_runs(rows: list[dict]) -> list[tuple[int, int]]:
    """Return the row spans of each unit cell: a row without units sits under the one above."""
    spans: list[tuple[int, int]] = []
    for i, row in enumerate(rows):
        if row["units"] is None and spans:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    return spans


def fix_widths(table, widths_mm: list[float]) -> None:
    """Give every cell the width of the grid columns it spans (w:tcW) after rows were added."""
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            tc.width = Mm(sum(widths_mm[col:col + tc.grid_span]))
            col += tc.grid_span


WIDTHS_000 = [30, 40, 127, 30, 30]  # landscape A4 between 20 mm margins
WIDTHS_003 = [18, 24, 60, 26, 14, 14]  # portrait A4 between GB/T 9704 margins


def build_seed000(numbered: bool) -> docx.Document:
    cover, rows = parse_seed000()
    doc = new_document()
    salutation, _, letter = cover[0].partition(": ")
    add_para(doc, salutation + ":")
    add_para(doc, letter, indent=True)
    issuer, _, date = cover[1].partition(" ")
    add_para(doc, issuer, align="right")
    add_para(doc, date, align="right")
    add_para(doc, cover[2], indent=True)
    landscape_section(doc)
    add_para(doc, cover[3], font="方正小标宋简体", size=22, align="center")
    table = new_table(doc, ["目标", "任务", "主要内容", "牵头单位", "责任单位"], WIDTHS_000)
    goal_list = add_list(doc, 90, "%1、") if numbered else 0
    task_list = add_list(doc, 91, "（%1）") if numbered else 0
    for row in rows:
        cells = table.add_row().cells
        set_cell(cells[2], row["text"])
        if row["units"]:
            set_cell(cells[3], row["units"][0])
            if row["units"][1]:
                set_cell(cells[4], row["units"][1])
    base = 1  # the header row
    for first, last in same_runs(rows, "goal"):
        cell = table.cell(base + first, 0)
        number, title = rows[first]["goal"]
        if numbered:
            set_cell(cell, title, numbering=(goal_list, 0))
        else:
            set_cell(cell, [number, title])
        merge_down(table, base + first, base + last, 0)
    for first, last in same_runs(rows, "task"):
        task = rows[first]["task"]
        if numbered:
            set_cell(table.cell(base + first, 1), re.sub(r"^\(.+?\)", "", task), numbering=(task_list, 0))
        else:
            set_cell(table.cell(base + first, 1), task)
        merge_down(table, base + first, base + last, 1)
    for first, last in unit_runs(rows):
        spanning = rows[first]["units"][1] is None
        if spanning:
            merge_down(table, base + first, base + last, 3, 4)
        else:
            merge_down(table, base + first, base + last, 3)
            merge_down(table, base + first, base + last, 4)
    fix_widths(table, WIDTHS_000)
    return doc


# ------------------------------------------------------------------------------ seed 003

HEADER_003 = ["一级指标", "二级指标", "存在问题及建议", "责任单位", "完成期限", "落实情况"]


def parse_seed003() -> tuple[list[str], str, list[list[str]], list[str]]:
    """Return the web header lines, the title, the table rows (一级指标 filled in) and the footer."""
    lines = seed_lines("003")
    start = lines.index(HEADER_003[0])
    title = lines[start - 1]
    body = lines[start + len(HEADER_003):]
    footer = [body.pop()]  # 手机扫码浏览
    rows: list[list[str]] = []
    level1 = ""
    ends = [i for i, line in enumerate(body) if line in ("持续推进", "年底完成")]
    begin = 0
    for end in ends:
        chunk = body[begin:end + 2]
        if len(chunk) == 6:
            level1 = chunk.pop(0)
        rows.append([level1] + chunk)
        begin = end + 2
    assert begin == len(body) and len(rows) == 13
    return lines[:start - 1], title, rows, footer


def build_seed003_docx() -> docx.Document:
    header, title, rows, footer = parse_seed003()
    doc = new_document()
    for line in header:
        add_para(doc, line, size=10.5, align="center" if line == title else None)
    add_para(doc, title, font="方正小标宋简体", size=18, align="center")
    table = new_table(doc, HEADER_003, WIDTHS_003)
    for row in rows:
        cells = table.add_row().cells
        for j, text in enumerate(row[1:], start=1):
            set_cell(cells[j], text)
    for first, last in same_runs([{"l1": r[0]} for r in rows], "l1"):
        set_cell(table.cell(1 + first, 0), rows[first][0])
        merge_down(table, 1 + first, 1 + last, 0)
    fix_widths(table, WIDTHS_003)
    for line in footer:
        add_para(doc, line, size=10.5)
    return doc


def build_seed003_xlsx() -> openpyxl.Workbook:
    _header, title, rows, _footer = parse_seed003()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "回头看"
    title_row(ws, 1, title, len(HEADER_003))
    ws.append(HEADER_003)
    for row in rows:
        ws.append(row)
    for first, last in same_runs([{"l1": r[0]} for r in rows], "l1"):
        for r in range(first + 1, last + 1):
            ws.cell(3 + r, 1).value = None
        ws.merge_cells(start_row=3 + first, start_column=1, end_row=3 + last, end_column=1)
    style_table(ws, 2, 2 + len(rows), [16, 20, 60, 24, 12, 12])
    return wb


# ------------------------------------------------------------------------------ seed 004

# Lines whose (一)-style number and first characters the GBK misalignment destroyed.
HEADINGS_004 = {
    "一": "加强涉及市场主体的信息公开。", "四": "持续做好疫情防控信息公开。", "五": "强化稳就业保就业信息公开。",
    "六": "着力做好重要民生保障信息公开。", "八": "重点做好现行有效政府规章和行政规范性文件公开。",
    "十": "加强公开平台建设。", "十二": "扎实推进基层政务公开。", "十三": "推进政策咨询服务。",
    "十四": "注重补齐工作短板。", "十五": "加强工作责任。", "十七": "认真抓好工作落实。",
}
REPAIRS_004 = {"?fàn)I造": "营造", "?shù)墓_": "的公开", "互联网 监管": "互联网+监管"}
COVER_004 = "各县、市、区人民政府,漳河新区,屈家岭管理区,荆门高新区,大柴湖开发区,市政府各部门:"
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
TASK_004 = re.compile(r"(\d+)\.(.*)\(牵头单位:(.*);责任单位:(.*)\)$")


def clean_seed004() -> list[str]:
    """Return seed 004 as the clean original: simplified, no pinyin, damaged headings restored."""
    import opencc

    cc = opencc.OpenCC("t2s")
    out, missing = [], list(HEADINGS_004)
    for line in seed_lines("004"):
        line = cc.convert(PINYIN.sub("", line))
        for bad, good in REPAIRS_004.items():
            line = line.replace(bad, good)
        if line.startswith("?"):
            number = missing.pop(0)
            line = f"（{number}）{HEADINGS_004[number]}"
        line = re.sub(r"^\(([一二三四五六七八九十]+)\)", r"（\1）", line)
        out.append(line)
    out[0] = COVER_004
    assert not missing and not any("?" in line or PINYIN.search(line) for line in out)
    return out


def build_seed004_docx() -> docx.Document:
    lines = clean_seed004()
    doc = new_document()
    add_para(doc, lines[0])
    add_para(doc, lines[1], indent=True)
    add_para(doc, lines[2], align="right")
    add_para(doc, lines[3], align="right")
    doc.add_page_break()
    add_para(doc, lines[4], font="方正小标宋简体", size=22, align="center")
    for line in lines[5:]:
        if re.match(r"[一二三四五六七八九十]+、", line):
            add_para(doc, line, font="黑体", indent=True)
        elif line.startswith("（"):
            add_para(doc, line, font="楷体_GB2312", indent=True)
        else:
            add_para(doc, line, indent=True)
    return doc


def build_seed004_xlsx() -> openpyxl.Workbook:
    """The plan as a 任务分解 table: 一、 rows across the table, （一） merged down, 2 sheets."""
    lines = clean_seed004()
    header = ["序号", "工作任务", "具体任务", "牵头单位", "责任单位"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws["A1"] = "附件"
    title_row(ws, 2, lines[4], len(header), size=18)
    ws.append(header)
    sub = ""
    spans: list[list[int]] = []  # [first_row, last_row] of each （一） cell on the current sheet
    for line in lines[5:]:
        task = TASK_004.match(line)
        if task and int(task.group(1)) == 48:  # the last three tasks go on a second sheet
            style_table(ws, 3, ws.max_row, [7, 28, 60, 30, 24])
            _merge_spans(ws, spans)
            ws = wb.create_sheet("任务分解（续）")
            ws.append(header)
            spans = []
        if task:
            number, text, lead, resp = task.groups()
            ws.append([int(number), sub, text.strip(), lead, resp])
            if spans and ws.cell(spans[-1][0], 2).value == sub:
                spans[-1][1] = ws.max_row
                ws.cell(ws.max_row, 2).value = None
            else:
                spans.append([ws.max_row, ws.max_row])
        elif line.startswith("（"):
            sub = line
        else:
            ws.append([line])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(header))
            ws.cell(ws.max_row, 1).font = Font(name="黑体", size=12)
    style_table(ws, 1, ws.max_row, [7, 28, 60, 30, 24])
    _merge_spans(ws, spans)
    return wb


def _merge_spans(ws, spans: list[list[int]]) -> None:
    for first, last in spans:
        if last > first:
            ws.merge_cells(start_row=first, start_column=2, end_row=last, end_column=2)


# ------------------------------------------------------------------------------ hostile files


def ole_encrypted_file() -> bytes:
    """Return a compound file as Office writes a password-protected .xlsx (header + directory)."""
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0))
    header += struct.pack("<I", 0) + b"\xff" * (512 - len(header) - 4)

    def entry(name: str, kind: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + b"\xff" * 12 + b"\0" * 48

    directory = b"".join(entry(n, k) for n, k in (("Root Entry", 5), ("EncryptionInfo", 2),
                                                    ("EncryptedPackage", 2), ("\x06DataSpaces", 1)))
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * 504
    return header + fat + directory.ljust(512, b"\0") + bytes(range(256)) * 16


def xxe_docx(source: Path, target: Path) -> None:
    """Copy a .docx, giving word/document.xml a DOCTYPE that declares an external entity."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                decl, _, rest = text.partition("?>")
                dtd = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                rest = rest.replace("<w:t>", "<w:t>&xxe;", 1)
                data = (decl + "?>" + dtd + rest).encode("utf-8")
            zout.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), data, zipfile.ZIP_DEFLATED)


def build_bad() -> None:
    BAD.mkdir(exist_ok=True)
    good = (HERE / "seed000.docx").read_bytes()
    (BAD / "corrupt.docx").write_bytes(good[: len(good) // 2])
    (BAD / "encrypted.xlsx").write_bytes(ole_encrypted_file())
    wb = openpyxl.Workbook()
    for r in range(1, 21):
        wb.active.append([r * c * 1.5 for c in range(1, 8)])
    save(wb, BAD / "not_a_plan.xlsx")
    (BAD / "empty.txt").write_bytes(b"")
    simple = new_document()
    add_para(simple, "一、加强政务公开")
    save(simple, BAD / "_plain.docx")
    xxe_docx(BAD / "_plain.docx", BAD / "xxe.docx")
    (BAD / "_plain.docx").unlink()


def main() -> None:
    save(build_seed000(numbered=False), HERE / "seed000.docx")
    save(build_seed000(numbered=True), HERE / "seed000_numbered.docx")
    save(build_seed003_docx(), HERE / "seed003.docx")
    save(build_seed003_xlsx(), HERE / "seed003.xlsx")
    save(build_seed004_docx(), HERE / "seed004.docx")
    save(build_seed004_xlsx(), HERE / "seed004.xlsx")
    build_bad()


if __name__ == "__main__":
    main()
