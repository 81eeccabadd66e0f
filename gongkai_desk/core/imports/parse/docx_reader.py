"""Read a .docx into blocks: paragraphs and tables in document order, merges expanded.

Word's automatic list numbering ("一、", "（一）", "1.") is not part of the paragraph text in the
file; it is computed here from numbering.xml so the builder sees what the clerk sees on screen.
``office_zip.check_office_zip`` (shared with the .xlsx reader) refuses damaged, encrypted, oversized
and DTD-carrying files before python-docx parses anything.

Example::

    for block in read_blocks("实施方案.docx"):
        print(block)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import limits
from gongkai_desk.core.imports.parse.numerals import chinese_text
from gongkai_desk.core.imports.parse.blocks import Block, Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.office_zip import check_office_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not part of the paragraph as printed: deleted revisions, the
# duplicate fallback of alternate content, text boxes, field codes, properties.
_SKIP = {W + "del", W + "pPr", W + "rPr", W + "txbxContent", W + "instrText", _MC_FALLBACK}
_FALSE = {"0", "false", "off", "none"}

# ---------------------------------------------------------------------------- numbering


def _int(el, attr: str = "val", default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(W + attr))
    except (TypeError, ValueError):
        return default


_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """Return ``n`` as Word's chineseCounting renders it: 1 → 一, 12 → 十二, 105 → 一百零五."""
    return chinese_text(n) if n > 0 else str(n)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in a w:numFmt (chineseCounting, ideographTraditional, decimal, ...)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "chineseLegalSimplified"):
        return chinese_counting(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇" if d == "0" else _DIGITS[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Level:
    def __init__(self, lvl) -> None:
        self.start = _int(lvl.find(W + "start"), default=1)
        fmt = lvl.find(W + "numFmt")
        self.fmt = fmt.get(W + "val", "decimal") if fmt is not None else "decimal"
        text = lvl.find(W + "lvlText")
        self.text = text.get(W + "val", "") if text is not None else ""
        self.restart = _int(lvl.find(W + "lvlRestart"))
        self.legal = lvl.find(W + "isLgl") is not None
        style = lvl.find(W + "pStyle")
        self.style = style.get(W + "val") if style is not None else None


class Numbering:
    """Replay Word's list counters in document order and render each numbered paragraph's label."""

    def __init__(self, numbering_el, style_num_ids: dict[str, int], name: str = "文档") -> None:
        abstract: dict[int, dict[int, _Level]] = {}
        links: dict[int, str] = {}
        for an in (numbering_el.findall(W + "abstractNum") if numbering_el is not None else []):
            aid = _int(an, "abstractNumId")
            abstract[aid] = {_int(lvl, "ilvl", 0): _Level(lvl) for lvl in an.findall(W + "lvl")}
            link = an.find(W + "numStyleLink")
            if link is not None:
                links[aid] = link.get(W + "val")
        self._nums: dict[int, tuple[int, dict[int, _Level], dict[int, int]]] = {}
        for num in (numbering_el.findall(W + "num") if numbering_el is not None else []):
            aid = _int(num.find(W + "abstractNumId"))
            levels, starts = dict(abstract.get(aid, {})), {}
            for ov in num.findall(W + "lvlOverride"):
                ilvl = _int(ov, "ilvl", 0)
                if ov.find(W + "lvl") is not None:
                    levels[ilvl] = _Level(ov.find(W + "lvl"))
                if ov.find(W + "startOverride") is not None:
                    starts[ilvl] = _int(ov.find(W + "startOverride"), default=1)
            self._nums[_int(num, "numId")] = (aid, levels, starts)
            for value in [*starts.values(), *(lvl.start for lvl in levels.values())]:
                limits.check_list_number(name, value or 0)
        # A numStyleLink abstract borrows the levels of the list its style points to.
        for num_id, (aid, levels, starts) in list(self._nums.items()):
            target = self._nums.get(style_num_ids.get(links.get(aid, ""), -1))
            if not levels and target:
                self._nums[num_id] = (target[0], dict(target[1]), starts)
        self._counters: dict[int, dict[int, int]] = {}
        self._started: set[int] = set()

    def level_for_style(self, num_id: int, style_id: str) -> int:
        """Return the list level whose w:pStyle is ``style_id`` (heading styles), else 0."""
        entry = self._nums.get(num_id)
        for ilvl, lvl in (entry[1].items() if entry else []):
            if lvl.style == style_id:
                return ilvl
        return 0

    def render(self, num_id: int, ilvl: int) -> str | None:
        """Advance the counters for one numbered paragraph and return its label ("（一）")."""
        entry = self._nums.get(num_id)
        if entry is None or ilvl not in entry[1]:
            return None
        aid, levels, starts = entry
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._started:  # a list that restarts numbering (startOverride)
            self._started.add(num_id)
            for overridden in starts:
                counters.pop(overridden, None)

        def start(i: int) -> int:
            return starts.get(i, levels[i].start if i in levels else 1)

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        lvl = levels[ilvl]
        if lvl.fmt in ("bullet", "none"):
            return None

        def label(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            fmt = "decimal" if lvl.legal else (levels[i].fmt if i in levels else "decimal")
            return format_number(counters.get(i, start(i)), fmt)

        return re.sub(r"%([1-9])", label, lvl.text) or None


# ---------------------------------------------------------------------------- styles


class _Styles:
    """Resolve bold and list numbering a paragraph or run inherits from its style chain."""

    def __init__(self, styles_el) -> None:
        self._raw: dict[str, tuple[str | None, bool | None, tuple[int | None, int | None] | None]] = {}
        self.default_para: str | None = None
        self.default_bold = False
        for st in (styles_el.findall(W + "style") if styles_el is not None else []):
            sid = st.get(W + "styleId")
            based = st.find(W + "basedOn")
            numpr = st.find(f"{W}pPr/{W}numPr")
            num = (_int(numpr.find(W + "numId")), _int(numpr.find(W + "ilvl"))) if numpr is not None else None
            self._raw[sid] = (based.get(W + "val") if based is not None else None,
                              _bold_of(st.find(W + "rPr")), num)
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true"):
                self.default_para = sid
        if styles_el is not None:
            self.default_bold = bool(_bold_of(styles_el.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")))

    def _chain(self, sid: str | None) -> Iterator[tuple]:
        seen: set[str] = set()
        while sid and sid in self._raw and sid not in seen:
            seen.add(sid)
            yield self._raw[sid]
            sid = self._raw[sid][0]

    def bold(self, sid: str | None) -> bool | None:
        return next((b for _, b, _ in self._chain(sid) if b is not None), None)

    def numpr(self, sid: str | None) -> tuple[int | None, int | None] | None:
        return next((n for _, _, n in self._chain(sid) if n is not None), None)

    def num_ids(self) -> dict[str, int]:
        return {sid: n[0] for sid in self._raw if (n := self.numpr(sid)) and n[0] is not None}


def _bold_of(rpr) -> bool | None:
    b = rpr.find(W + "b") if rpr is not None else None
    return None if b is None else b.get(W + "val", "true").lower() not in _FALSE


def _val(el, path: str) -> str | None:
    found = el.find(path)
    return found.get(W + "val") if found is not None else None


# ---------------------------------------------------------------------------- body


class _BodyReader:
    def __init__(self, document, name: str = "文档") -> None:
        self.name = name
        self.cells = 0  # table cells laid out so far, merged cells included
        part = document.part
        try:
            styles_el = part._styles_part.element
        except Exception:  # noqa: BLE001 - a document without styles still reads
            styles_el = None
        self.styles = _Styles(styles_el)
        try:
            numbering_el = part.numbering_part.element
        except Exception:  # noqa: BLE001
            numbering_el = None
        self.numbering = Numbering(numbering_el, self.styles.num_ids(), name)
        self.body = document.element.body
        self.blocks: list[Block] = []
        self.line = 0

    def read(self) -> list[Block]:
        for el in _block_children(self.body):
            if el.tag == W + "p":
                text, numbering, bold = self._paragraph(el)
                if text or numbering:
                    self.line += 1
                    self.blocks.append(Paragraph(text=text, line=self.line, numbering=numbering, bold=bold))
            elif el.tag == W + "tbl":
                rows = self._table(el)
                if rows:
                    table = Table(line=self.line + 1)
                    for cells in rows:
                        self.line += 1
                        table.rows.append(Row(cells=cells, line=self.line))
                    self.blocks.append(table)
        return self.blocks

    def _paragraph(self, p) -> tuple[str, str | None, bool]:
        """Return the paragraph's text, its automatic number label, and whether it is all bold."""
        sid = _val(p, f"{W}pPr/{W}pStyle") or self.styles.default_para
        para_bold = self.styles.bold(sid)
        runs: list[tuple[str, bool]] = []
        self._collect(p, runs, sid, para_bold)
        text = "".join(t for t, _ in runs).strip()
        visible = [b for t, b in runs if t.strip()]
        return text, self._number(p, sid), bool(visible) and all(visible)

    def _collect(self, el, runs: list[tuple[str, bool]], sid: str | None, para_bold: bool | None) -> None:
        for child in el:
            if child.tag in _SKIP:
                continue
            if child.tag != W + "r":
                self._collect(child, runs, sid, para_bold)
                continue
            rpr = child.find(W + "rPr")
            if rpr is not None and rpr.find(W + "vanish") is not None:
                continue  # hidden text is not printed
            bold = _bold_of(rpr)
            if bold is None:
                bold = self.styles.bold(_val(child, f"{W}rPr/{W}rStyle"))
            if bold is None:
                bold = para_bold if para_bold is not None else self.styles.default_bold
            runs.append((_run_text(child), bold))

    def _number(self, p, sid: str | None) -> str | None:
        numpr = p.find(f"{W}pPr/{W}numPr")
        num_id = ilvl = None
        if numpr is not None:
            num_id, ilvl = _int(numpr.find(W + "numId")), _int(numpr.find(W + "ilvl"))
        if num_id is None:
            from_style = self.styles.numpr(sid)
            if from_style is None or from_style[0] is None:
                return None
            num_id = from_style[0]
            if ilvl is None:
                ilvl = from_style[1]
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, sid or "")
        if not num_id:  # numId 0 switches numbering off
            return None
        return self.numbering.render(num_id, ilvl or 0)

    def _cell_text(self, tc, depth: int) -> str:
        lines = []
        for el in _block_children(tc):
            if el.tag == W + "p":
                text, numbering, _ = self._paragraph(el)
                lines.append((numbering or "") + text)
            elif el.tag == W + "tbl":  # a table nested in a cell: its rows become lines
                lines.extend(" ".join(dict.fromkeys(c.text for c in r if c.text))
                             for r in self._table(el, depth + 1))
        return "\n".join(line for line in lines if line.strip()).strip()

    def _table(self, tbl, depth: int = 0) -> list[list[Cell]]:
        """Return the table's rows on the full grid, vertical and horizontal merges expanded."""
        limits.check_nesting(self.name, depth)
        width = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        limits.check_width(self.name, width)
        top: dict[int, str] = {}  # grid column -> text of the cell a vertical merge started from
        rows: list[list[Cell]] = []
        for tr in _children(tbl, W + "tr"):
            if tr.find(f"{W}trPr/{W}del") is not None:
                continue
            col = max(0, _int(tr.find(f"{W}trPr/{W}gridBefore"), default=0) or 0)
            limits.check_width(self.name, col)
            cells = [Cell("") for _ in range(col)]
            for tc in _children(tr, W + "tc"):
                span = max(1, _int(tc.find(f"{W}tcPr/{W}gridSpan"), default=1) or 1)
                limits.check_width(self.name, col + span)  # before a single cell is laid out
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                text = self._cell_text(tc, depth)
                above = vmerge is not None and vmerge.get(W + "val", "continue") == "continue"
                if above:
                    text = top.get(col, text)
                else:
                    for c in range(col, col + span):
                        top[c] = text
                hmerge = tc.find(f"{W}tcPr/{W}hMerge")
                if hmerge is not None and hmerge.get(W + "val", "continue") == "continue" and cells:
                    cells.append(Cell(cells[-1].text, merged_from_above=above, merged_from_left=True))
                    span, col = span - 1, col + 1
                cells.extend(Cell(text, merged_from_above=above, merged_from_left=k > 0) for k in range(span))
                col += span
            cells.extend(Cell("") for _ in range(width - len(cells)))
            self.cells += len(cells)
            limits.check_cells(self.name, self.cells)
            if any(c.text for c in cells):
                rows.append(cells)
        return rows


def _run_text(r) -> str:
    out = []
    for child in r:
        if child.tag == W + "t":
            out.append(child.text or "")
        elif child.tag == W + "tab":
            out.append("\t")
        elif child.tag in (W + "br", W + "cr") and child.get(W + "type") in (None, "textWrapping"):
            out.append("\n")
        elif child.tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _children(el, tag: str) -> Iterator:
    """Yield ``tag`` children, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            yield from _children(child.find(W + "sdtContent") if child.tag == W + "sdt" else child, tag)


def _block_children(el) -> Iterator:
    for child in el:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                yield from _block_children(inner)


def read_blocks(path: str | Path) -> list[Block]:
    """Read a .docx file into paragraphs and tables; raise ImportFormatError when it is unsafe."""
    path = Path(path)
    check_office_zip(path, kind="Word 文档", main_part="word/document.xml")
    import docx  # imported lazily: python-docx costs ~130 ms at start-up

    try:
        document = docx.Document(str(path))
        return _BodyReader(document, path.name).read()
    except ImportFormatError:
        raise
    except Exception:  # noqa: BLE001 - any parser failure means the file is damaged
        raise ImportFormatError(f"文件“{path.name}”的内容已损坏，无法作为 Word 文档读取。") from None
