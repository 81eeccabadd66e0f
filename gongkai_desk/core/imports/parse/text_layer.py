"""The text layer of a table copied from a PDF or a 文库 page: header names run together inside a line,
cells with no separators, page markers ("2、") at line starts, the header again after each page break.

``run_together_table`` finds the header names (``inline_header``), joins the block's lines (a page
break may cut a word), cuts the rest into cells by their content (``runtogether.cells``) and aligns
them into rows like any flattened table; every cut piece keeps its source line in the ledger.
"""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse import runtogether
from gongkai_desk.core.imports.parse.align import FlatCell, align, fit_columns, rows_of
from gongkai_desk.core.imports.parse.blocks import Block, Paragraph
from gongkai_desk.core.imports.parse.rebuilt import END_RE, columns_for, drop_fragments, to_table
from gongkai_desk.core.imports.parse.headers import KNOWN_HEADERS, header_evidence
from gongkai_desk.core.imports.parse.kinds import kind
from gongkai_desk.core.imports.parse.ledger import Ledger
from gongkai_desk.core.imports.parse.parsed import ParseWarning

# A known header name, spaces allowed between its characters ("整改责任 主体", "材料提供部 门").
_NAME_RE = re.compile("(?:" + "|".join(
    r"\s?".join(map(re.escape, name)) + r"(?:\s?[（(][^（()）]{1,6}[)）])?"
    for name in sorted(KNOWN_HEADERS, key=len, reverse=True)) + ")")
_PAGE_MARK_RE = re.compile(r"^(\d{1,3})、")


def inline_header(text: str) -> tuple[int, int, list[tuple[int, int]]] | None:
    """(start, end, name spans) of header names run together inside a line, else None.

    Three or more names separated by spaces, or four or more with nothing between them of which one
    names a unit column ("序号工作任务具体要求责任科室完成时限"); prose such as "将重点工作任务落实情况"
    holds header words too, but neither shape.
    """
    found = list(_NAME_RE.finditer(text))
    best: list[re.Match] = []
    for glued in (False, True):
        run: list[re.Match] = []
        for m in found:
            gap = text[run[-1].end():m.start()] if run else None
            if gap is None or gap.strip() or (not gap) != glued:
                run = []
            run.append(m)
            if len(run) > len(best) and (not glued or _names_a_table(text, run)):
                best = list(run)
        if len(best) >= 3:
            break
    if len(best) < 3:
        return None
    return best[0].start(), best[-1].end(), [(m.start(), m.end()) for m in best]


def _names_a_table(text: str, run: list[re.Match]) -> bool:
    roles = [max(w, key=w.get) for m in run if (w := header_evidence(text[m.start():m.end()]))]
    return len(run) >= 4 and any(r in ("lead", "responsible", "units") for r in roles) and any(
        r in ("text", "group") for r in roles)


def _strip_page_markers(paras: list[Paragraph]) -> list[str]:
    """Line texts with the "1、" "2、" page markers of a 文库 text layer taken out (when they count up)."""
    texts = [p.text for p in paras]
    marks = [_PAGE_MARK_RE.match(t) for t in texts]
    numbers = [int(m.group(1)) for m in marks if m]
    counting = len(numbers) >= 2 and len(numbers) == len(texts) and numbers == list(range(numbers[0],
                                                                                         numbers[0] + len(numbers)))
    if not counting:
        return texts
    return [t[m.end():] if m else t for t, m in zip(texts, marks)]


def run_together_table(paras: list[Paragraph], i: int, ledger: Ledger,
                       warnings: list[ParseWarning]) -> tuple[list[Block], int]:
    """The run-together table starting at line ``i``: the text before its header, then the table."""
    end = i + 1
    while end < len(paras) and not END_RE.match(paras[end].text.strip()):
        end += 1
    block = paras[i:end]
    texts = _strip_page_markers(block)
    # Join the lines (a page break may cut a word: no space is added) and remember where each came from.
    joined, owner = "", []
    for k, t in enumerate(texts):
        joined += t
        owner += [k] * len(t)
    squeezed, where = runtogether.squeeze(joined)
    spans = [(m.start(), m.end()) for m in _NAME_RE.finditer(squeezed)]
    head = inline_header(squeezed)
    if head is None:  # the squeeze changed the line: read it as text after all
        return list(block), end
    h_start, h_end, names = head
    header_names = [re.sub(r"\s+", "", squeezed[a:b]) for a, b in names]
    pieces: list[tuple[int, int, str]] = [(0, h_start, "before"), (h_start, h_end, "header")]
    pos = h_end
    for a, b, again in _repeated_headers(squeezed, spans, len(header_names), h_end):
        pieces.append((pos, a, "body"))
        pieces.append((a, b, "again"))
        pos = b
    pieces.append((pos, len(squeezed), "body"))
    cut: list[tuple[int, int, str]] = []
    for a, b, what in pieces:
        if b <= a:
            continue
        if what == "body":
            cut += [(a + c.start, a + c.end, c.kind) for c in runtogether.cells(squeezed[a:b])]
        else:
            cut.append((a, b, what))
    cut = _cut_labels(cut, squeezed, columns_for(header_names))
    srcs = _split_sources(block, texts, owner, where, cut, squeezed, ledger)
    out: list[Block] = []
    stream: list[FlatCell] = []
    header_srcs: list[tuple[int, ...]] = []
    for (a, b, what), s in zip(cut, srcs):
        text = runtogether.cell_text(squeezed[a:b])
        line = block[owner[where[a]]].line if a < len(where) and where[a] < len(owner) else block[0].line
        if what == "before":
            text = _PAGE_MARK_RE.sub("", text, count=1).strip()  # "1、" before a header on its line: a page number
            if text:
                out.append(Paragraph(text, block[0].line, srcs=s))
            else:
                ledger.drop(s, "page_marker")
        elif what == "header":
            header_srcs.append(s)
        elif what == "again":
            ledger.drop(s, "repeated_header")
        elif text:
            if what == "units":  # "市法制办 市政府办公室": the spaces separated names
                text = re.sub(r"\s+", "、", squeezed[a:b].strip())
            stream.append(FlatCell(text, what, s, line))
        else:
            ledger.drop(s, "empty")
    flat = [s for group in header_srcs for s in group]
    header = [(name, tuple(flat) if k == 0 else ()) for k, name in enumerate(header_names)]
    cols = fit_columns(stream, columns_for(header_names))
    _cost, path = align(stream, cols)
    rows = rows_of(stream, path)
    drop_fragments(rows, ledger, warnings)
    out.append(to_table(header, cols, rows, block[0].line))
    return out, end


def _cut_labels(cut: list[tuple[int, int, str]], text: str, cols) -> list[tuple[int, int, str]]:
    """Where the header has a group column right after its 序号 column, the text that follows a
    序号 opens with the group's label ("1 基础建设全面落实…"): the label is a cell of its own."""
    roles = [c.role for c in cols]
    if not any(a == "number" and b == "group" for a, b in zip(roles, roles[1:])):
        return cut
    out: list[tuple[int, int, str]] = []
    for a, b, what in cut:
        p = runtogether.label_end(text[a:b]) if out and out[-1][2] == "num" and what in ("long", "short") else None
        if p is None:
            out.append((a, b, what))
            continue
        lead = len(text[a:b]) - len(text[a:b].lstrip())
        rest = runtogether.cell_text(text[a + lead + p:b])
        out += [(a, a + lead + p, "short"), (a + lead + p, b, kind(rest))]
    return out


def _repeated_headers(text: str, spans: list[tuple[int, int]], count: int, after: int):
    """(start, end, True) of each later run of the header names (a header printed on every page)."""
    run: list[tuple[int, int]] = []
    for a, b in spans:
        if a < after:
            continue
        if run and (text[run[-1][1]:a].strip() or a == run[-1][1]):
            if len(run) >= min(3, count):
                yield run[0][0], run[-1][1], True
            run = []
        run.append((a, b))
    if len(run) >= min(3, count):
        yield run[0][0], run[-1][1], True


def _split_sources(block: list[Paragraph], texts: list[str], owner: list[int], where: list[int],
                   cut: list[tuple[int, int, str]], squeezed: str, ledger: Ledger) -> list[tuple[int, ...]]:
    """Give each cut piece the source pieces of the lines it came from, splitting every line at the cuts."""
    per_line: dict[int, list[tuple[int, str]]] = {}
    for k, (a, b, _what) in enumerate(cut):
        lines = sorted({owner[where[x]] for x in range(a, b) if where[x] < len(owner)})
        for ln in lines:
            part = "".join(squeezed[x] for x in range(a, b) if owner[where[x]] == ln)
            per_line.setdefault(ln, []).append((k, part))
    out: list[list[int]] = [[] for _ in cut]
    for ln, parts in per_line.items():
        src = block[ln].srcs[0] if block[ln].srcs else None
        if src is None:
            continue
        ids = ledger.split(src, [p for _k, p in parts]) if len(parts) > 1 else [src]
        for (k, _p), sid in zip(parts, ids):
            out[k].append(sid)
    for ln, p in enumerate(block):  # a line that holds nothing but its page marker
        if ln not in per_line:
            ledger.drop(p.srcs, "page_marker")
    return [tuple(s) for s in out]
