"""Read a web page saved from a browser (.html/.htm) into blocks.

The page is parsed with the standard library's ``html.parser`` into a small tree, then walked:
block elements (p, div, h1–h6, li, br-separated lines…) become paragraphs, data tables become
``Table`` blocks with rowspan/colspan expanded. Layout tables (tables holding other tables, or a
single column of cells) are read as ordinary content. Scripts, styles, navigation and the head
are dropped.

Example::

    for block in read_blocks("回头看.html"):
        print(block)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from html.parser import HTMLParser
from pathlib import Path

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import limits
from gongkai_desk.core.imports.parse.blocks import Block, Cell, Paragraph, Row, Table

MAX_BYTES = 50 * 1024 * 1024
MAX_SPAN = limits.MAX_TABLE_CELLS

_DROP = {"script", "style", "nav", "head", "noscript", "template", "svg", "iframe", "object", "select",
         "button", "map"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
          "article", "header", "footer", "main", "aside", "blockquote", "pre", "form", "hr", "center",
          "address", "figure", "figcaption", "caption", "table", "tr", "td", "th", "thead", "tbody",
          "tfoot", "fieldset", "legend", "details", "summary", "body", "html"}
# Opening one of these closes an open element of the listed kinds (HTML's implied end tags).
_CLOSES = {"p": {"p"}, "li": {"li", "p"}, "dt": {"dt", "dd", "p"}, "dd": {"dt", "dd", "p"},
           "tr": {"tr", "td", "th", "p"}, "td": {"td", "th", "p"}, "th": {"td", "th", "p"},
           "thead": {"tbody", "tfoot", "tr", "td", "th"}, "tbody": {"thead", "tbody", "tr", "td", "th"},
           "tfoot": {"thead", "tbody", "tr", "td", "th"}}
_SCOPE = {"table", "ul", "ol", "dl", "div", "body", "html"}  # implied closing stops at these
_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["_Node | str"] = field(default_factory=list)
    has_table: bool = False  # a <table> somewhere below (an unclosed <span>/<font> may hold one)


class _TreeBuilder(HTMLParser):
    """Build a forgiving element tree: unknown end tags are ignored, implied ends are closed."""

    def __init__(self, name: str = "网页") -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack = [self.root]
        self.name = name
        self.tables_open = 0  # <table> elements on the stack: the nesting depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        closes = _CLOSES.get(tag)
        if closes:
            for i in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[i].tag
                if open_tag in closes:
                    del self.stack[i:]
                    break
                if open_tag in _SCOPE:
                    break
        if tag in ("td", "th") and self.stack[-1].tag in ("table", "tbody", "thead", "tfoot"):
            self.handle_starttag("tr", [])  # a cell outside any row: browsers open the row for it
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag == "table":
            self.tables_open = sum(1 for n in self.stack if n.tag == "table") + 1
            limits.check_nesting(self.name, self.tables_open - 1)
            for open_node in reversed(self.stack):
                if open_node.has_table:
                    break  # and so are the ones below it
                open_node.has_table = True
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _visible(node: _Node) -> bool:
    return node.tag not in _DROP and not _HIDDEN.search(node.attrs.get("style", "")) \
        and "hidden" not in node.attrs


# Walks are iterative, with a stack of child iterators: pages nest thousands of unclosed <span>/<font>
# tags, far deeper than Python's recursion limit. ``_FLUSH`` ends a block element's children.
_FLUSH = object()
_END = object()


def _lines(node: _Node) -> list[str]:
    """Return the text of ``node`` as rendered lines: block elements and <br> break lines."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _WS.sub(" ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    stack: list[Iterator] = [iter(node.children)]
    while stack:
        child = next(stack[-1], _END)
        if child is _END:
            stack.pop()
        elif child is _FLUSH:
            flush()
        elif isinstance(child, str):
            current.append(child)
        elif not _visible(child):
            continue
        elif child.tag == "br":
            flush()
        elif child.tag in _BLOCK:
            flush()
            stack.append(chain(child.children, (_FLUSH,)))
        else:
            stack.append(iter(child.children))
    flush()
    return lines


def _find(node: _Node, tags: set[str], stop: set[str]) -> list[_Node]:
    """Return descendants whose tag is in ``tags`` in document order, not descending into ``stop`` elements."""
    found: list[_Node] = []
    stack: list[Iterator] = [iter(node.children)]
    while stack:
        child = next(stack[-1], _END)
        if child is _END:
            stack.pop()
        elif isinstance(child, _Node) and _visible(child):
            if child.tag in tags:
                found.append(child)
            elif child.tag not in stop:
                stack.append(iter(child.children))
    return found


def _span(node: _Node, attr: str) -> int:
    try:
        return max(0, min(int(node.attrs.get(attr, "1").strip() or 1), MAX_SPAN))
    except ValueError:
        return 1


def _table_grid(table: _Node, name: str) -> list[list[Cell]]:
    """Lay out a table's cells on a grid, repeating rowspan/colspan cells with their flags."""
    rows = _find(table, {"tr"}, {"table"})
    grid: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, tr in enumerate(rows):
        col = 0
        for td in _find(tr, {"td", "th"}, {"table", "tr"}):
            while (r, col) in grid:
                col += 1
            text = "\n".join(_lines(td))
            rowspan = _span(td, "rowspan") or (len(rows) - r)  # rowspan="0": to the end
            colspan = _span(td, "colspan") or 1
            limits.check_width(name, col + colspan)  # before the spanned cells are laid out
            limits.check_cells(name, len(grid) + min(rowspan, len(rows) - r) * colspan)
            for dr in range(min(rowspan, len(rows) - r)):
                for dc in range(colspan):
                    grid.setdefault((r + dr, col + dc), Cell(text, merged_from_above=dr > 0,
                                                             merged_from_left=dc > 0))
            col += colspan
            width = max(width, col)
    return [[grid.get((r, c), Cell("")) for c in range(width)] for r in range(len(rows))]


def _is_data_table(table: _Node, grid: list[list[Cell]]) -> bool:
    """A data table has no nested table and at least two columns holding text."""
    if table.has_table or not grid:  # (has_table: a <table> below, marked while the tree was built)
        return False
    filled = {c for row in grid for c, cell in enumerate(row) if cell.text}
    return len(filled) >= 2


class _BlockWalker:
    def __init__(self, name: str = "网页") -> None:
        self.name = name
        self.blocks: list[Block] = []
        self.line = 0
        self.inline: list[_Node | str] = []

    def paragraph(self, text: str) -> None:
        self.line += 1
        self.blocks.append(Paragraph(text=text, line=self.line))

    def flush(self) -> None:
        for text in _lines(_Node("#inline", children=self.inline)):
            self.paragraph(text)
        self.inline = []

    def walk(self, node: _Node) -> None:
        stack: list[Iterator] = [iter(node.children)]
        while stack:
            child = next(stack[-1], _END)
            if child is _END:
                stack.pop()
            elif child is _FLUSH:
                self.flush()
            elif isinstance(child, str) or (child.tag not in _BLOCK and child.tag != "br" and _visible(child)
                                            and not child.has_table):
                self.inline.append(child)
            elif not _visible(child):
                continue
            elif child.tag == "br":
                self.inline.append(child)
            elif child.tag == "table":
                self.flush()
                grid = [] if child.has_table else _table_grid(child, self.name)
                if _is_data_table(child, grid):
                    self.table(child, grid)
                else:  # a layout table: its cells are ordinary content
                    stack.append(chain(child.children, (_FLUSH,)))
            elif child.tag in _BLOCK:
                self.flush()
                stack.append(chain(child.children, (_FLUSH,)))
            else:  # an inline element holding a table (<font> around a table, unclosed <span>s)
                stack.append(iter(child.children))

    def table(self, node: _Node, grid: list[list[Cell]]) -> None:
        for caption in _find(node, {"caption"}, {"tr"}):  # the table's own title
            for text in _lines(caption):
                self.paragraph(text)
        table = Table(line=self.line + 1)
        for cells in grid:
            if any(c.text for c in cells):
                self.line += 1
                table.rows.append(Row(cells=cells, line=self.line))
        self.blocks.append(table)


def decode_html(data: bytes, *, name: str) -> str:
    """Decode page bytes: a BOM, else the meta charset, else UTF-8, GB18030, charset-normalizer."""
    from gongkai_desk.core.imports.parse.text_reader import decode_bytes

    bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    match = None if bom else _META_CHARSET.search(data[:8192])
    if match:
        enc = match.group(1).decode("ascii").lower()
        enc = "gb18030" if enc in ("gb2312", "gbk", "x-gbk", "gb_2312-80") else enc
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode_bytes(data, name=name)[0]


def read_blocks(path: str | Path) -> list[Block]:
    """Read a saved web page into paragraphs and tables; raise ImportFormatError if unreadable."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFormatError(f"文件“{path.name}”超过 50 MB，不像是保存的网页，已拒绝读取。")
        data = path.read_bytes()
    except OSError:
        raise ImportFormatError(f"找不到或无法读取文件“{path.name}”。") from None
    text = decode_html(data, name=f"文件“{path.name}”")
    builder = _TreeBuilder(path.name)
    builder.feed(text)
    builder.close()
    walker = _BlockWalker(path.name)
    walker.walk(builder.root)
    walker.flush()
    return walker.blocks
