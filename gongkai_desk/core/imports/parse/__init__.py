"""Import a plan or review table: text or blocks in, ``ParsedPlan`` out (no Qt, no database).

    parse_text(text)   # text copied from a web page or a .txt file
    parse_blocks(blocks)  # what a .docx/.xlsx/.html reader produced
    parse_file(path)   # dispatch by suffix
"""

from __future__ import annotations

from pathlib import Path

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.formats import SUFFIXES
from gongkai_desk.core.imports.parse import checks
from gongkai_desk.core.imports.parse.blocks import Block, Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.builder import Builder
from gongkai_desk.core.imports.parse.cleanup import (
    TraditionalMap,
    clean_line,
    is_chrome,
    is_page_marker,
    to_simplified,
)
from gongkai_desk.core.imports.parse.flat_table import is_header_row, rebuild_tables
from gongkai_desk.core.imports.parse.metadata import extract
from gongkai_desk.core.imports.parse.outline import match_heading
from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedSection, ParsedTask, ParseWarning
from gongkai_desk.core.imports.parse.text_reader import read_text, repair_lines

__all__ = ["parse_text", "parse_blocks", "parse_file", "ParsedPlan", "ParsedSection", "ParsedTask",
           "ParseWarning", "SUFFIXES"]


def parse_text(text: str, *, keep_traditional: bool = False, source: str | None = None) -> ParsedPlan:
    """Parse a plan from plain text (one paragraph or table cell per line)."""
    if not text or not text.strip():
        raise ImportFormatError(f"{_name(source)}是空的，没有可导入的内容。")
    _reject_binary(text, source)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    repairs = repair_lines(lines)
    blocks: list[Block] = []
    for i, raw in enumerate(lines):
        t = repairs[i].text if i in repairs else raw
        if t.strip():
            blocks.append(Paragraph(t, i + 1))
    repaired = {i + 1: r.uncertain for i, r in repairs.items()}
    return _parse(blocks, keep_traditional=keep_traditional, source=source, repaired=repaired)


def parse_blocks(blocks: list[Block], *, keep_traditional: bool = False, source: str | None = None) -> ParsedPlan:
    """Parse a plan from reader blocks (paragraphs and tables)."""
    blocks = list(blocks)
    at = [k for k, b in enumerate(blocks) if isinstance(b, Paragraph)]
    # A web page can carry the same GBK misalignment as pasted text: repair it the same way.
    repairs = repair_lines([blocks[k].text for k in at])
    repaired: dict[int, bool] = {}
    for i, r in repairs.items():
        old = blocks[at[i]]
        blocks[at[i]] = Paragraph(r.text, old.line, old.numbering, old.bold)
        repaired[old.line] = r.uncertain
    return _parse(blocks, keep_traditional=keep_traditional, source=source, repaired=repaired)


def parse_file(path: str | Path, *, keep_traditional: bool = False) -> ParsedPlan:
    """Parse a .txt/.docx/.xlsx/.html/.htm file into a plan."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise ImportFormatError(f"找不到文件“{p}”。")
    if suffix == ".txt":
        return parse_text(read_text(p), keep_traditional=keep_traditional, source=p.name)
    # Each reader is imported on first use: python-docx and openpyxl are slow to import.
    if suffix == ".docx":
        from gongkai_desk.core.imports.parse.docx_reader import read_blocks
    elif suffix == ".xlsx":
        from gongkai_desk.core.imports.parse.xlsx_reader import read_blocks
    elif suffix in (".html", ".htm"):
        from gongkai_desk.core.imports.parse.html_reader import read_blocks
    else:
        raise ImportFormatError(
            f"不支持“{suffix or '无扩展名'}”格式的文件“{p.name}”，请使用.txt、.docx、.xlsx、.html或.htm文件。")
    return parse_blocks(read_blocks(p), keep_traditional=keep_traditional, source=p.name)


def _name(source: str | None) -> str:
    return f"文件“{source}”" if source else "输入的文字"


def _reject_binary(text: str, source: str | None) -> None:
    sample = text[:4000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t") or 0xE000 <= ord(c) <= 0xF8FF
              or c == "\ufffd")
    if bad > max(3, len(sample) // 50):
        raise ImportFormatError(f"{_name(source)}含有大量无法识别的二进制字符，不是文本格式的计划文件。")


def _clean_blocks(blocks: list[Block], keep_traditional: bool,
                  trad: TraditionalMap | None = None) -> list[Block]:
    def clean(text: str) -> str:
        if trad is None:
            return clean_line(text, keep_traditional=keep_traditional)
        kept = clean_line(text, keep_traditional=True)
        simple = to_simplified(kept)
        trad.learn(kept, simple)
        return simple

    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table):
            rows = [Row([Cell(clean(c.text), c.merged_from_above, c.merged_from_left) for c in r.cells], r.line)
                    for r in b.rows]
            out.append(Table(rows, b.line))
            continue
        t = clean(b.text)
        if t and not is_page_marker(t):
            num = clean(b.numbering) if b.numbering else None
            out.append(Paragraph(t, b.line, num, b.bold))
    return out


def _layout_tables_to_paragraphs(blocks: list[Block]) -> list[Block]:
    """Read tables without a plan header (page layout, metadata boxes) as lines of text."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table) and not any(is_header_row(r.texts) for r in b.rows[:5]):
            for r in b.rows:
                cells = [c.text for c in r.cells if c.text and not c.merged_from_left]
                text = " ".join(dict.fromkeys(cells))  # merged cells repeat their text
                if text:
                    out.append(Paragraph(text, r.line))
            continue
        out.append(b)
    return out


def _restore_traditional(plan: ParsedPlan, trad: TraditionalMap) -> None:
    """Write every text of the plan back in the document's traditional characters."""
    r = trad.restore
    plan.title = r(plan.title)
    plan.issuer = [r(i) or i for i in plan.issuer] if plan.issuer else plan.issuer

    def walk(sections: list[ParsedSection]) -> None:
        for s in sections:
            s.title = r(s.title) or s.title
            walk(s.children)

    walk(plan.sections)
    for t in plan.tasks:
        t.text = r(t.text) or t.text
        t.section = [r(s) or s for s in t.section]
        t.detail, t.progress, t.problems = r(t.detail), r(t.progress), r(t.problems)
        t.next_steps = r(t.next_steps)
        t.deadline, t.units_raw = r(t.deadline), r(t.units_raw)
        t.lead_units = [r(u) or u for u in t.lead_units]
        t.responsible_units = [r(u) or u for u in t.responsible_units]


def _parse(blocks: list[Block], *, keep_traditional: bool, source: str | None,
           repaired: dict[int, bool]) -> ParsedPlan:
    # Traditional text is parsed in simplified form (keywords are simplified) and written back.
    trad = TraditionalMap() if keep_traditional else None
    blocks = _layout_tables_to_paragraphs(_clean_blocks(blocks, keep_traditional, trad))
    paras = [(b.line, b.text) for b in blocks if isinstance(b, Paragraph)]
    first = next((b.line for b in blocks if isinstance(b, Table)
                  or (isinstance(b, Paragraph) and match_heading((b.numbering or "") + b.text))), None)
    md = extract(paras, first)
    kept = [b for b in blocks if isinstance(b, Table) or (b.line not in md.used and not is_chrome(b.text))]
    builder = Builder(md, repaired)
    warnings = builder.plan.warnings
    rebuilt: list[Block] = []
    run: list[Paragraph] = []
    for b in kept + [None]:  # type: ignore[list-item]
        if isinstance(b, Paragraph):
            run.append(b)
            continue
        rebuilt += rebuild_tables(run, warnings)
        run = []
        if b is not None:
            rebuilt.append(b)
    plan = builder.run(builder.entries(rebuilt))
    plan.title, plan.issuer, plan.doc_number = md.title, md.issuer or None, md.doc_number
    plan.date, plan.published, plan.year, plan.source = md.date, md.published, md.year, source
    if md.is_review:
        plan.kind = "review"
    for line, uncertain in sorted(repaired.items()):
        warnings.append(ParseWarning(line, "text_repaired",
                                     f"第{line}行因编码错位出现乱码，已自动修复，请核对。"))
    checks.ensure_plan(plan, _name(source))
    checks.add_units_for_all_below(plan, builder.all_below)
    checks.dedupe_roles(plan)
    checks.flag_doubtful_text(plan, {ln for ln, u in repaired.items() if u})
    checks.flag_missing_units(plan)
    if trad is not None:
        _restore_traditional(plan, trad)
    warnings.sort(key=lambda w: (w.line or 0))
    return plan
