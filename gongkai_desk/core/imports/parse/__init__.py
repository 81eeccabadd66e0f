"""Import a plan or review table: text or blocks in, ``ParsedPlan`` out (no Qt, no database).

    parse_text(text)   # text copied from a web page or a .txt file
    parse_blocks(blocks)  # what a .docx/.xlsx/.html reader produced
    parse_file(path)   # dispatch by suffix
"""

from __future__ import annotations

import logging
from pathlib import Path

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.formats import SUFFIXES
from gongkai_desk.core.imports.parse import checks
from gongkai_desk.core.imports.parse.prose_deadline import deadlines_from_text
from gongkai_desk.core.imports.parse.prose_units import units_from_subject
from gongkai_desk.core.imports.parse.blocks import Block, Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.builder import Builder
from gongkai_desk.core.imports.parse.cleanup import (
    TraditionalMap,
    clean_line,
    is_chrome,
    is_page_marker,
    to_simplified,
)
from gongkai_desk.core.imports.parse.columns import infer_layout
from gongkai_desk.core.imports.parse.flat_table import rebuild_tables
from gongkai_desk.core.imports.parse.ledger import Ledger
from gongkai_desk.core.imports.parse.metadata import extract
from gongkai_desk.core.imports.parse.outline import match_heading
from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedSection, ParsedTask, ParseWarning
from gongkai_desk.core.imports.parse.text_reader import read_text, repair_lines

log = logging.getLogger(__name__)
__all__ = ["parse_text", "parse_blocks", "parse_file", "ParsedPlan", "ParsedSection", "ParsedTask",
           "ParseWarning", "SUFFIXES"]


def parse_text(text: str, *, keep_traditional: bool = False, source: str | None = None,
               columns: dict[str, list[str]] | None = None) -> ParsedPlan:
    """Parse a plan from plain text (one paragraph or table cell per line).

    ``columns``: column roles the clerk chose, by table header key (``ParsedPlan.tables[i].key``).
    """
    if not text or not text.strip():
        raise ImportFormatError(f"{_name(source)}是空的，没有可导入的内容。")
    _reject_binary(text, source)

    def run() -> ParsedPlan:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        repairs = repair_lines(lines)
        blocks: list[Block] = []
        for i, raw in enumerate(lines):
            t = repairs[i].text if i in repairs else raw
            if t.strip():
                blocks.append(Paragraph(t, i + 1))
        repaired = {i + 1: r.uncertain for i, r in repairs.items()}
        return _parse(blocks, keep_traditional=keep_traditional, source=source, repaired=repaired, columns=columns)

    return _guarded(run, source)


def parse_blocks(blocks: list[Block], *, keep_traditional: bool = False, source: str | None = None,
                 columns: dict[str, list[str]] | None = None) -> ParsedPlan:
    """Parse a plan from reader blocks (paragraphs and tables)."""
    def run() -> ParsedPlan:
        items = list(blocks)
        at = [k for k, b in enumerate(items) if isinstance(b, Paragraph)]
        # A web page can carry the same GBK misalignment as pasted text: repair it the same way.
        repairs = repair_lines([items[k].text for k in at])
        repaired: dict[int, bool] = {}
        for i, r in repairs.items():
            old = items[at[i]]
            items[at[i]] = Paragraph(r.text, old.line, old.numbering, old.bold)
            repaired[old.line] = r.uncertain
        return _parse(items, keep_traditional=keep_traditional, source=source, repaired=repaired, columns=columns)

    return _guarded(run, source)


def parse_file(path: str | Path, *, keep_traditional: bool = False,
               columns: dict[str, list[str]] | None = None) -> ParsedPlan:
    """Parse a .txt/.docx/.xlsx/.html/.htm file into a plan."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise ImportFormatError(f"找不到文件“{p}”。")
    if p.is_dir():
        raise ImportFormatError(f"“{p.name}”是一个文件夹，不是计划文件，请选择其中的文件。")
    if suffix == ".txt":
        text = _guarded(lambda: read_text(p), p.name)
        return parse_text(text, keep_traditional=keep_traditional, source=p.name, columns=columns)
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
    blocks = _guarded(lambda: read_blocks(p), p.name)
    return parse_blocks(blocks, keep_traditional=keep_traditional, source=p.name, columns=columns)


# Tests set this: a bug then fails loudly instead of reaching the clerk as a refusal.
STRICT = False


def _guarded(fn, source: str | None):
    """Run a parse step; resource exhaustion and (outside tests) bugs become one Chinese sentence."""
    try:
        return fn()
    except ImportFormatError:
        raise
    except (RecursionError, MemoryError):
        raise ImportFormatError(f"{_name(source)}的结构过于复杂（嵌套过深或内容过大），无法读取。") from None
    except Exception as e:
        if STRICT:
            raise
        log.exception("导入时出现意外错误：%s", source)
        raise ImportFormatError(f"读取{_name(source)}时出现意外错误，无法识别其中的计划内容（{type(e).__name__}）。"
                                "请用 Word 或 Excel 打开后另存一份再导入。") from None


def _name(source: str | None) -> str:
    return f"文件“{source}”" if source else "输入的文字"


def _reject_binary(text: str, source: str | None) -> None:
    sample = text[:4000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t") or 0xE000 <= ord(c) <= 0xF8FF
              or c == "\ufffd")
    if bad > max(3, len(sample) // 50):
        raise ImportFormatError(f"{_name(source)}含有大量无法识别的二进制字符，不是文本格式的计划文件。")


def _register(blocks: list[Block], ledger: Ledger) -> list[Block]:
    """Give every paragraph and every table cell holding text its source id.

    Rows and columns hidden in Excel are taken out of their table; their text is listed as not imported."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table):
            rows = []
            width = max((len(r.cells) for r in b.rows), default=0)
            hidden_cols = {k for k in range(width)
                           if all(k >= len(r.cells) or r.cells[k].hidden for r in b.rows)} if width else set()
            for r in b.rows:
                hidden_row = bool(r.cells) and all(c.hidden for c in r.cells)
                cells = []
                for k, c in enumerate(r.cells):
                    own = c.text.strip() and not c.merged_from_above and not c.merged_from_left
                    srcs = (ledger.register(r.line, c.text, k),) if own else ()
                    if hidden_row or k in hidden_cols:
                        ledger.drop(srcs, "hidden")
                        continue
                    cells.append(Cell(c.text, c.merged_from_above, c.merged_from_left, srcs))
                if not hidden_row:
                    rows.append(Row(cells, r.line))
            if rows:
                out.append(Table(rows, b.line))
        else:
            text = (b.numbering or "") + b.text
            out.append(Paragraph(b.text, b.line, b.numbering, b.bold, (ledger.register(b.line, text),)))
    return out


def _clean_blocks(blocks: list[Block], keep_traditional: bool, ledger: Ledger,
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
            rows = []
            for r in b.rows:
                cells = []
                for c in r.cells:
                    text = clean(c.text)
                    if not text:
                        ledger.drop(c.srcs, "empty")
                    cells.append(Cell(text, c.merged_from_above, c.merged_from_left, c.srcs if text else ()))
                rows.append(Row(cells, r.line))
            out.append(Table(rows, b.line))
            continue
        t = clean(b.text)
        if not t and not b.numbering:
            ledger.drop(b.srcs, "empty")
        elif is_page_marker(t):
            ledger.drop(b.srcs, "page_marker")
        else:
            num = clean(b.numbering) if b.numbering else None
            out.append(Paragraph(t, b.line, num, b.bold, b.srcs))
    return out


def _lay_out_tables(blocks: list[Block], columns: dict[str, list[str]] | None, ledger: Ledger) -> list[Block]:
    """Infer each table's column roles; tables that are no plan table (page layout, metadata boxes) and
    title rows above a table's header are read as lines of text."""
    out: list[Block] = []
    for b in blocks:
        if not isinstance(b, Table):
            out.append(b)
            continue
        layout = infer_layout(b.rows, columns)
        keep = b.rows[layout.header_rows[0] if layout and layout.header_rows else (layout.start if layout else 0):] \
            if layout else []
        above = b.rows[: len(b.rows) - len(keep)]
        for r in above:
            cells = [c for c in r.cells if c.text and not c.merged_from_left]
            texts = list(dict.fromkeys(c.text for c in cells))  # merged cells repeat their text
            srcs = tuple(s for c in cells for s in c.srcs)
            if any("\n" in t for t in texts):
                # A page laid out in a table (a one-cell frame, a label beside a nested plan table): the lines
                # of each cell are the document's paragraphs, each its own source piece.
                for c in cells:
                    lines = [t for t in c.text.split("\n") if t.strip()]
                    if not c.srcs or c.text not in texts:
                        continue  # a merged cell repeats the text of one already read
                    texts.remove(c.text)
                    for line, src in zip(lines, ledger.split(c.srcs[0], lines) if len(lines) > 1 else c.srcs):
                        out.append(Paragraph(line, r.line, srcs=(src,)))
            elif texts:
                out.append(Paragraph(" ".join(texts), r.line, srcs=srcs))
        if layout is not None:
            shift = len(above)
            layout.header_rows = [k - shift for k in layout.header_rows]
            layout.start -= shift
            out.append(Table(keep, keep[0].line if keep else b.line, layout))
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
    for n in plan.not_imported:
        n.text = r(n.text) or n.text


def _parse(blocks: list[Block], *, keep_traditional: bool, source: str | None,
           repaired: dict[int, bool], columns: dict[str, list[str]] | None = None) -> ParsedPlan:
    ledger = Ledger()
    blocks = _register(blocks, ledger)
    # Traditional text is parsed in simplified form (keywords are simplified) and written back.
    trad = TraditionalMap() if keep_traditional else None
    blocks = _lay_out_tables(_clean_blocks(blocks, keep_traditional, ledger, trad), columns, ledger)
    paras = [(b.line, b.text) for b in blocks if isinstance(b, Paragraph)]
    first = next((b.line for b in blocks if isinstance(b, Table)
                  or (isinstance(b, Paragraph) and match_heading((b.numbering or "") + b.text))), None)
    md = extract(paras, first)
    kept: list[Block] = []
    for b in blocks:
        if isinstance(b, Table):
            kept.append(b)
        elif b.line in md.used:
            ledger.use(b.srcs, "metadata")
        elif is_chrome(b.text):
            ledger.drop(b.srcs, "page_chrome")
        else:
            kept.append(b)
    builder = Builder(md, repaired, ledger)
    warnings = builder.plan.warnings
    rebuilt: list[Block] = []
    run: list[Paragraph] = []
    for b in kept + [None]:  # type: ignore[list-item]
        if isinstance(b, Paragraph):
            run.append(b)
            continue
        for r in rebuild_tables(run, ledger, warnings):
            if isinstance(r, Table):
                r.layout = r.layout or infer_layout(r.rows, columns, header=(0, 1))
                if r.layout is None or "text" not in r.layout.roles:
                    rebuilt += _table_as_text(r)
                    continue
            rebuilt.append(r)
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
    checks.ensure_plan(plan, _name(source), cover_notice=builder.cover_notice)
    checks.add_units_for_all_below(plan, builder.all_below)
    units_from_subject(plan, md.places)
    checks.dedupe_tasks(plan, ledger)
    checks.unify_unit_names(plan, md.places)
    checks.dedupe_roles(plan)
    checks.flag_doubtful_text(plan, {ln for ln, u in repaired.items() if u})
    checks.flag_missing_units(plan)
    deadlines_from_text(plan)
    checks.flag_uncertain_columns(plan)
    plan.ledger = ledger
    plan.not_imported = ledger.not_imported()
    hidden = [n for n in plan.not_imported if n.code == "hidden"]
    if hidden:
        warnings.append(ParseWarning(hidden[0].line, "hidden_cells",
                                     f"从第{hidden[0].line}行起有{len(hidden)}个单元格在Excel中被隐藏（隐藏的行或列），"
                                     "其中的文字未导入，已列在未导入的内容中，请确认。"))
    if trad is not None:
        _restore_traditional(plan, trad)
    warnings.sort(key=lambda w: (w.line or 0))
    return plan


def _table_as_text(table: Table) -> list[Block]:
    """A rebuilt table no column of which holds tasks: its cells are lines of text again."""
    out: list[Block] = []
    for r in table.rows:
        for c in r.cells:
            if c.text:
                out.append(Paragraph(c.text, r.line, srcs=c.srcs))
    return out
