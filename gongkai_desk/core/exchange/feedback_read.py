"""Read returned feedback workbooks: what the unit wrote, row by row, and the hidden identity.

Pure file reading (no database): it runs off the window's thread. Rows are found by the header's
words and matched by the hidden key column, so sorted rows, moved columns, a renamed file or a
file re-saved by another office suite still read. A file that cannot be read becomes an
``UnreadableFile`` with one Chinese sentence saying what to do.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gongkai_desk.core.exchange.feedback_meta import (
    COLUMNS, DEFINED_NAMES, FIELDS, HEADERS, KEY, LOCKED, META_SHEET, SHEET, SIGNERS, FeedbackMeta,
    MetaError, parse_meta,
)

SUFFIXES = (".xlsx", ".xlsm")
OLD_SUFFIXES = {".xls": "旧版 Excel 格式（.xls）", ".et": "WPS 表格格式（.et）", ".ett": "WPS 表格模板格式（.ett）"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTENSION_WARNING = r"(Data Validation|Conditional Formatting) extension is not supported"
_HEADER_SCAN = 30  # rows searched for the header


@dataclass(frozen=True)
class ReturnedRow:
    row: int  # the sheet row, 1-based
    key: str | None  # the hidden key cell's text
    locked: tuple[str, ...]  # LOCKED order, as now in the file
    values: tuple[str, ...]  # FIELDS order, as the unit left them
    formulas: frozenset[str] = frozenset()  # FIELDS keys whose cell holds a formula
    coords: dict[str, str] = field(default_factory=dict)  # column key → cell ("F12")


@dataclass(frozen=True)
class ReturnedWorkbook:
    path: str
    name: str
    sha256: str
    modified: str | None  # when the unit's office suite last saved it (ISO), else the file's time
    meta: FeedbackMeta
    payload: str
    signature: str
    rows: tuple[ReturnedRow, ...]
    signers: dict[str, str]  # filled_by / phone / reviewer → text
    signer_cells: dict[str, str]
    sheet: str


@dataclass(frozen=True)
class UnreadableFile:
    path: str
    name: str
    reason: str


class FeedbackFileError(ValueError):
    pass


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and in each folder (and below) every workbook-like file, in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in (*SUFFIXES, *OLD_SUFFIXES)
                     and not f.name.startswith(("~$", ".~"))]
            out.extend(sorted(found, key=lambda f: str(f)))
        else:
            out.append(p)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def read_files(paths: Sequence[str | Path], progress: Callable[[int, int], None] | None = None
               ) -> list[ReturnedWorkbook | UnreadableFile]:
    """Read each file; ``progress(done, total)`` after each (for a progress bar)."""
    out: list[ReturnedWorkbook | UnreadableFile] = []
    for i, p in enumerate(paths, start=1):
        try:
            out.append(read_returned(p))
        except FeedbackFileError as e:
            out.append(UnreadableFile(str(p), Path(p).name, str(e)))
        if progress:
            progress(i, len(paths))
    return out


def read_returned(path: str | Path) -> ReturnedWorkbook:
    """Read one returned workbook; raise FeedbackFileError with a Chinese sentence when it cannot."""
    p = Path(path)
    name = p.name
    data = _bytes(p)
    wb = _open(data, p)
    try:
        return _read(wb, p, name, data)
    except FeedbackFileError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, SyntaxError, EOFError, zipfile.BadZipFile,
            zlib.error):  # SyntaxError: XML cut short (ElementTree's ParseError), found only when read
        raise FeedbackFileError(f"“{name}”已损坏，无法读取。请让单位重新发送；若它在 Excel 或 WPS "
                                "中能打开，请“另存为”Excel 工作簿（*.xlsx）后再收集。") from None


def _read(wb, p: Path, name: str, data: bytes) -> ReturnedWorkbook:
    try:
        if META_SHEET not in wb.sheetnames:
            raise FeedbackFileError(
                f"“{name}”不是本程序导出的反馈表（没有识别信息），可能是把内容复制到了新建的文件中。"
                "请让单位在发给它的原反馈表中填写后再报送。")
        meta, text, signature = _meta(wb[META_SHEET], name)
        sheet, grid, header_at, columns = _find_table(wb, name)
        names = _defined_names(wb)
    finally:
        wb.close()
    rows = _rows(grid, header_at, columns, meta)
    signers, cells = _signers(grid, header_at, names, sheet)
    return ReturnedWorkbook(
        path=str(p), name=name, sha256=hashlib.sha256(data).hexdigest(), modified=_modified(wb, p),
        meta=meta, payload=text, signature=signature, rows=tuple(rows), signers=signers, signer_cells=cells,
        sheet=sheet)


def _bytes(p: Path) -> bytes:
    suffix = p.suffix.lower()
    if suffix in OLD_SUFFIXES:
        raise FeedbackFileError(
            f"“{p.name}”是{OLD_SUFFIXES[suffix]}，不能收集。请在 Excel 或 WPS 中打开它，"
            "“另存为”Excel 工作簿（*.xlsx）后再收集。")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise FeedbackFileError(f"找不到文件“{p}”。") from None
    except IsADirectoryError:
        raise FeedbackFileError(f"“{p}”是一个文件夹，不是反馈表文件。") from None
    except OSError as e:
        from gongkai_desk.core.files import describe_os_error

        raise FeedbackFileError(describe_os_error(e)) from None
    if data.startswith(_OLE2):
        raise FeedbackFileError(
            f"“{p.name}”实际是旧版 .xls / WPS .et 格式，或者设置了打开密码，不能收集。请在 Excel 或 WPS 中打开它，"
            "取消密码并“另存为”Excel 工作簿（*.xlsx）后再收集。")
    if suffix not in SUFFIXES:
        raise FeedbackFileError(f"“{p.name}”不是 Excel 工作簿（.xlsx），不能作为反馈表收集。")
    return data


def _open(data: bytes, p: Path):
    from openpyxl import load_workbook

    damaged = (f"“{p.name}”已损坏，无法打开。请让单位重新发送；若它在 Excel 或 WPS 中能打开，"
               "请“另存为”Excel 工作簿（*.xlsx）后再收集。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FeedbackFileError(damaged)
    from gongkai_desk.core.errors import ImportFormatError
    from gongkai_desk.core.imports.parse.office_zip import check_office_zip

    try:  # every XML part whole and without a DTD, no zip bomb, no sheet-wide merge: before openpyxl
        check_office_zip(p, kind="Excel 工作簿", main_part="xl/workbook.xml", verb="收集")
    except ImportFormatError as e:
        raise FeedbackFileError(f"{e}请让单位重新发送；若它在 Excel 或 WPS 中能打开，请“另存为”Excel 工作簿（*.xlsx）后再收集。"
                                ) from None
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=_EXTENSION_WARNING, category=UserWarning)
            return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged package
        raise FeedbackFileError(damaged) from None


def _meta(sheet, name: str) -> tuple[FeedbackMeta, str, str]:
    cells = [row[0] for row in sheet.iter_rows(min_col=1, max_col=1, values_only=True)]
    try:
        return parse_meta(cells)
    except MetaError as e:
        if str(e) == "version":
            raise FeedbackFileError(f"“{name}”由更新版本的政务公开工作台导出，请升级本程序后再收集。") from None
        if str(e) == "missing":
            raise FeedbackFileError(f"“{name}”不是本程序导出的反馈表（识别信息缺失）。请让单位在原反馈表中填写后再报送。"
                                    ) from None
        raise FeedbackFileError(f"“{name}”中的识别信息已损坏，无法确认它属于哪个单位。"
                                "请让单位在发给它的原反馈表中填写后再报送。") from None


def _grid(sheet) -> list:
    """Every row from row 1 (index i is row i + 1), whatever size the file claims the sheet has."""
    sheet.reset_dimensions()  # some writers state a wrong size; read what is there
    return list(sheet.iter_rows(min_row=1))


def _candidate_sheets(wb) -> list[str]:
    others = [s for s in wb.sheetnames if s not in (SHEET, META_SHEET)]
    return ([SHEET] if SHEET in wb.sheetnames else []) + others


def text_of(value: object) -> str:
    """A cell's value as the text stored in the database."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, _dt.datetime):
        value = value.date() if value.time() == _dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, _dt.date):
        value = value.isoformat()
    text = str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _find_table(wb, name: str) -> tuple[str, list, int, dict[str, int]]:
    """(sheet, its rows, index of the header row, column key → 0-based column index); the feedback
    sheet is read first, the others only when the unit renamed it."""
    wanted = {v: k for k, v in HEADERS.items()}
    for sheet in _candidate_sheets(wb):
        rows = _grid(wb[sheet])
        for i, row in enumerate(rows[:_HEADER_SCAN]):
            columns = {wanted[t]: j for j, c in enumerate(row) if (t := text_of(c.value)) in wanted}
            if "status" in columns and "done" in columns and ("number" in columns or KEY in columns):
                return sheet, rows, i, columns
    raise FeedbackFileError(f"“{name}”中找不到反馈表的表头（序号、完成状态、落实情况等），表格结构被改动，无法收集。"
                            "请让单位在发给它的原反馈表中填写后再报送。")


def _coord(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col + 1)}{row}"


def _rows(grid: list, header_at: int, columns: dict[str, int], meta: FeedbackMeta) -> list[ReturnedRow]:
    out = []
    by_number = {r.locked[0]: r.task_id for r in meta.rows} if KEY not in columns else {}
    for i in range(header_at + 1, len(grid)):
        cells, row_no = grid[i], i + 1  # rows are read from row 1, missing ones filled in

        def value(key: str) -> tuple[str, bool]:
            j = columns.get(key)
            if j is None or j >= len(cells):
                return "", False
            c = cells[j]
            return text_of(c.value), getattr(c, "data_type", None) == "f"

        locked = tuple(value(k)[0] for k in LOCKED)
        got = [value(k) for k in FIELDS]
        key = value(KEY)[0] if KEY in columns else (f"T{by_number[locked[0]]}" if locked[0] in by_number else "")
        if not key and not any(locked) and not any(v for v, _ in got):
            continue  # an empty row
        out.append(ReturnedRow(
            row=row_no, key=key or None, locked=locked, values=tuple(v for v, _ in got),
            formulas=frozenset(k for k, (_, f) in zip(FIELDS, got) if f),
            coords={k: _coord(row_no, j) for k, j in columns.items()}))
    return out


def _defined_names(wb) -> dict[str, tuple[str, str]]:
    """Our defined names → (sheet, cell), when they still point at one cell."""
    out = {}
    for key, dn in DEFINED_NAMES.items():
        d = wb.defined_names.get(dn)
        if d is None:
            continue
        try:
            dest = next(iter(d.destinations), None)
        except Exception:  # a name the unit turned into a formula or constant
            dest = None
        if dest:
            out[key] = (dest[0], dest[1].replace("$", "").split(":")[0])
    return out


def _signers(grid: list, header_at: int, names: dict[str, tuple[str, str]], sheet: str
             ) -> tuple[dict[str, str], dict[str, str]]:
    """填报人 / 联系电话 / 审核人: where the defined names point, else right of their labels."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    cells = {(c.row, c.column): c for row in grid[:header_at] for c in row if hasattr(c, "row")}
    values, coords = {}, {}
    for key, label in SIGNERS.items():
        where = names.get(key)
        if where and where[0] == sheet:
            col, row = coordinate_from_string(where[1])
            coords[key] = where[1]
            c = cells.get((row, column_index_from_string(col)))
            values[key] = text_of(c.value) if c is not None else ""
            continue
        values[key] = ""
        for (r, c), cell in sorted(cells.items()):
            if text_of(cell.value).rstrip("：:") == label:
                right = [x for (rr, cc), x in sorted(cells.items()) if rr == r and cc > c and text_of(x.value)]
                if right:
                    values[key] = text_of(right[0].value)
                    coords[key] = _coord(r, right[0].column - 1)
                else:
                    coords[key] = _coord(r, c)
                break
    return values, coords


def _modified(wb, p: Path) -> str | None:
    when = getattr(wb.properties, "modified", None)
    if isinstance(when, _dt.datetime):
        return when.replace(tzinfo=None).isoformat(timespec="seconds")
    try:
        return _dt.datetime.fromtimestamp(p.stat().st_mtime).isoformat(timespec="seconds")
    except OSError:
        return None


__all__ = ["COLUMNS", "ReturnedRow", "ReturnedWorkbook", "UnreadableFile", "expand", "read_files", "read_returned"]
