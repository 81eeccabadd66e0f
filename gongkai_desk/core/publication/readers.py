"""The text of a file to check, as (place, text) pieces: .txt/.html lines, .docx paragraphs and
table cells (headers and footers too), .xlsx cells, .pdf pages (``pdftotext`` when installed,
else the ``pypdf`` library).

Office files are zip archives: their members' declared sizes are checked first (no zip bombs),
and their XML is parsed without entities (python-docx, openpyxl: no XXE).
"""

from __future__ import annotations

import html.parser
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

from gongkai_desk.core.errors import GongkaiError

SUFFIXES = (".docx", ".xlsx", ".txt", ".html", ".htm", ".pdf")
MAX_UNZIPPED = 300 * 1024 * 1024
MAX_CELLS = 2_000_000
Segments = Iterator[tuple[str, str]]


def segments(path: str | Path) -> Segments:
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise GongkaiError(f"“{path}”是一个文件夹，请指定要检查的文件。")
    if not path.is_file():
        raise GongkaiError(f"找不到文件“{path}”。")
    readers = {".txt": _text, ".html": _html, ".htm": _html, ".docx": _docx, ".xlsx": _xlsx, ".pdf": _pdf}
    if suffix not in readers:
        raise GongkaiError(f"不能检查“{path.name}”：只支持 .docx、.xlsx、.txt、.html 和 .pdf 文件。")
    return _guarded(path, readers[suffix](path))


def _guarded(path: Path, pieces: Segments) -> Segments:
    """A damaged part met half-way through a file is one Chinese sentence too, not a traceback."""
    try:
        yield from pieces
    except GongkaiError:
        raise
    except OSError as e:
        from gongkai_desk.core.files import describe_os_error

        raise GongkaiError(describe_os_error(e)) from e
    except Exception as e:  # zlib.error, XML syntax errors, KeyError for a missing part…
        raise GongkaiError(f"无法读取“{path.name}”：文件已损坏，或内容不是它的扩展名所说的格式。") from e


def decode(data: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _text(path: Path) -> Segments:
    for i, line in enumerate(decode(path.read_bytes()).splitlines(), 1):
        yield f"第{i}行", line


class _HTMLText(html.parser.HTMLParser):
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[int, str]] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.pieces.append((self.getpos()[0], data))


def _html(path: Path) -> Segments:
    parser = _HTMLText()
    parser.feed(decode(path.read_bytes()))
    parser.close()
    by_line: dict[int, list[str]] = {}
    for line, data in parser.pieces:
        by_line.setdefault(line, []).append(data)
    for line, parts in sorted(by_line.items()):
        yield f"第{line}行", "".join(parts)


def _check_zip(path: Path, what: str) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise GongkaiError(f"无法读取“{path.name}”：文件已损坏、已加密，或不是 {what} 文件。") from e
    if total > MAX_UNZIPPED:
        raise GongkaiError(f"无法检查“{path.name}”：解压后超过 {MAX_UNZIPPED // 1024 // 1024} MB，可能已损坏或不是正常的 {what} 文件。")


def _docx(path: Path) -> Segments:
    from gongkai_desk.core.imports.parse.office_zip import check_office_zip

    _check_zip(path, "Word（.docx）")
    check_office_zip(path, kind="Word 文档", main_part="word/document.xml", verb="检查")  # zip bombs, DTDs, nesting
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import _Cell

        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises many kinds for a damaged file
        raise GongkaiError(f"无法读取“{path.name}”：文件已损坏或不是 Word（.docx）文件。") from e
    n = 0
    for p in document.paragraphs:
        n += 1
        if p.text.strip():
            yield f"正文第{n}段", p.text
    for t_i, table in enumerate(document.tables, 1):
        # The cells as written (w:tc), never python-docx's row.cells: that lays each row out on
        # the grid, and a file claiming a gridSpan of 10⁹ columns would take gigabytes.
        for r_i, tr in enumerate(table._tbl.iterchildren(qn("w:tr")), 1):
            for c_i, tc in enumerate(tr.iterchildren(qn("w:tc")), 1):
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                    continue  # a merged cell repeats the text above it
                text = _Cell(tc, table).text
                if text.strip():
                    yield f"表格{t_i}第{r_i}行第{c_i}列", text
    for s_i, section in enumerate(document.sections, 1):
        for where, part in (("页眉", section.header), ("页脚", section.footer)):
            try:
                texts = [p.text for p in part.paragraphs]
            except Exception:
                continue
            for text in texts:
                if text.strip():
                    yield f"第{s_i}节{where}", text


def _xlsx(path: Path) -> Segments:
    from gongkai_desk.core.imports.parse.office_zip import check_office_zip

    _check_zip(path, "Excel（.xlsx）")
    check_office_zip(path, kind="Excel 工作簿", main_part="xl/workbook.xml", verb="检查")  # zip bombs, DTDs, merges
    import warnings

    try:
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as e:
        raise GongkaiError(f"无法读取“{path.name}”：文件已损坏或不是 Excel（.xlsx）文件。") from e
    count = 0
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    count += 1
                    if count > MAX_CELLS:
                        raise GongkaiError(f"无法检查“{path.name}”：单元格超过 {MAX_CELLS} 个。")
                    value = getattr(cell, "value", None)
                    if isinstance(value, str) and value.strip():
                        yield f"工作表“{ws.title}”单元格{cell.coordinate}", value
                    elif isinstance(value, int) and len(str(value)) >= 11:  # numbers typed without quotes
                        yield f"工作表“{ws.title}”单元格{cell.coordinate}", str(value)
    finally:
        wb.close()


def _pdf(path: Path) -> Segments:
    exe = shutil.which("pdftotext")
    if exe:
        res = subprocess.run([exe, "-enc", "UTF-8", "-layout", str(path), "-"], capture_output=True, timeout=300)
        if res.returncode != 0:
            raise GongkaiError(f"无法读取“{path.name}”：文件已损坏、已加密，或不是 PDF 文件。")
        pages = res.stdout.decode("utf-8", errors="replace").split("\f")
    else:
        import logging

        logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its English warnings are not the clerk's
        try:
            from pypdf import PdfReader
        except ImportError:
            raise GongkaiError("检查 PDF 需要 pdftotext（poppler）或 Python 库 pypdf，请安装其中之一。") from None
        try:
            pages = [p.extract_text() or "" for p in PdfReader(str(path)).pages]
        except Exception as e:
            raise GongkaiError(f"无法读取“{path.name}”：文件已损坏、已加密，或不是 PDF 文件。") from e
    for p_i, page in enumerate(pages, 1):
        for l_i, line in enumerate(page.splitlines(), 1):
            if line.strip():
                yield f"第{p_i}页第{l_i}行", line
