"""Refuse Office packages that are damaged, encrypted, legacy, oversized or hostile, before any parser sees them.

Shared by the .docx and .xlsx readers: a zip bomb, a DTD or entity in any XML part (whatever its
name), damaged deflate data, an unknown declared encoding and merged ranges over a whole sheet are
all refused with one Chinese sentence.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import limits

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 200  # XML deflates 10-50x; zip bombs reach thousands
MAX_MEMBERS = 5000


def check_office_zip(path: Path, *, kind: str, main_part: str, verb: str = "导入") -> None:
    """Refuse a missing, encrypted, legacy, damaged, oversized or DTD-carrying Office file.

    :param kind: the file type as the clerk calls it ("Word 文档", "Excel 工作簿").
    :param main_part: the member every file of this kind has (``word/document.xml``).
    :param verb: what the clerk is doing with the file, for the advice (导入, 检查, 载入, 收集).
    """
    name = path.name
    app = "Word" if "Word" in kind else "Excel"
    if not path.is_file():
        raise ImportFormatError(f"找不到文件“{name}”，请确认文件仍在原来的位置。")
    with path.open("rb") as fh:
        head = fh.read(8)
        if head == OLE_SIGNATURE:
            if _ole_is_encrypted(fh):
                raise ImportFormatError(
                    f"文件“{name}”设置了打开密码（已加密），无法读取，请在 {app} 中取消密码后另存再{verb}。")
            raise ImportFormatError(
                f"文件“{name}”是旧版 {app} 97-2003 格式，请在 {app} 或 WPS 中另存为新格式后再{verb}。")
    if not head:
        raise ImportFormatError(f"文件“{name}”是空文件，没有可{verb}的内容。")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(name, infos)
            merged = [0]
            for info in infos:
                # Every part that is XML, whatever its name: the package's rels may point the main
                # document at "word/document.bin", and a DTD there must be refused like anywhere else.
                if info.filename.endswith((".xml", ".rels")) or _looks_like_xml(zf, info):
                    _check_xml(name, zf, info.filename, merged)
            names = {i.filename for i in infos}
            if main_part not in names and _declared_main_part(zf) not in names:
                raise ImportFormatError(f"文件“{name}”不是有效的 {kind}（缺少正文部分）。")
    except ImportFormatError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
            zlib.error, LookupError, RuntimeError):
        # zlib.error: damaged deflate data; LookupError: an encoding no codec knows; RuntimeError:
        # a member zipfile cannot decrypt.
        raise ImportFormatError(f"文件“{name}”已损坏或不是 {kind}，无法打开。") from None


def _declared_main_part(zf: zipfile.ZipFile) -> str | None:
    """The member the package's _rels/.rels names as its main document (already checked as XML)."""
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(zf.read("_rels/.rels"), forbid_dtd=True)
    except Exception:  # noqa: BLE001 - no or unreadable rels: there is no declared main part
        return None
    for rel in root:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return None


def _looks_like_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Tell whether a member's first bytes open an XML document (leading whitespace allowed)."""
    if info.is_dir():
        return False
    with zf.open(info) as fh:
        head = fh.read(256)
    stripped = head.lstrip(b" \t\r\n")
    if stripped.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        stripped = stripped[3:] if stripped.startswith(b"\xef") else stripped[2:]
    return stripped.replace(b"\x00", b"").lstrip(b" \t\r\n").startswith(b"<")


def _ole_is_encrypted(fh) -> bool:
    """Tell a password-protected OOXML file (an "EncryptedPackage" stream) from a legacy binary."""
    marker = "EncryptedPackage".encode("utf-16-le")
    fh.seek(0)
    header = fh.read(512)
    sector = 1 << int.from_bytes(header[30:32], "little") if len(header) >= 52 else 512
    first_dir = int.from_bytes(header[48:52], "little") if len(header) >= 52 else 0
    if sector not in (512, 4096):
        sector = 512
    fh.seek(0)
    if marker in fh.read(4 * 1024 * 1024):
        return True
    fh.seek((first_dir + 1) * sector)  # the directory may sit at the end of a large file
    return marker in fh.read(4 * sector)


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse zip bombs: too many members, too much data or an absurd compression ratio."""
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if len(infos) > MAX_MEMBERS or total > MAX_UNZIPPED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ImportFormatError(f"文件“{name}”解压后过大或压缩比异常，疑似恶意文件，已拒绝读取。")


def _check_xml(name: str, zf: zipfile.ZipFile, member: str, merged: list[int]) -> None:
    """Parse one XML member with defusedxml so DTDs and entities are refused, not expanded.

    Merged ranges of worksheets are summed into ``merged[0]`` on the way: openpyxl creates one object per
    merged cell when it loads a sheet, so A1:XFD1048576 must be refused before it is loaded.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    try:
        with zf.open(member) as fh:
            tables = 0  # Word tables open around the element: nesting is bounded before python-docx lays it out
            for event, elem in iterparse(fh, events=("start", "end"), forbid_dtd=True):
                if elem.tag.endswith("}tbl"):
                    tables += 1 if event == "start" else -1
                    limits.check_nesting(name, tables - 1)
                if event == "start":
                    continue
                if elem.tag.endswith("}mergeCell"):
                    merged[0] += range_area(elem.get("ref", ""))
                    if merged[0] > limits.MAX_MERGED_CELLS:
                        raise limits.refuse(name, f"的合并单元格共覆盖了{merged[0]}个单元格")
                elem.clear()
    except DefusedXmlException:
        raise ImportFormatError(f"文件“{name}”包含不安全的 XML 声明（DTD 或实体），已拒绝读取。") from None
    except (ParseError, LookupError, UnicodeError):  # LookupError: an unknown encoding declared
        raise ImportFormatError(f"文件“{name}”的内容已损坏（{member} 不是完整的 XML），无法读取。") from None


_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _ref(cell: str) -> tuple[int, int] | None:
    m = _REF_RE.match(cell.strip())
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def range_area(ref: str) -> int:
    """Cells covered by a range such as "A1:XFD1048576" (0 when it cannot be read)."""
    first, _, last = ref.partition(":")
    a, b = _ref(first), _ref(last or first)
    if a is None or b is None:
        return 0
    return (abs(b[0] - a[0]) + 1) * (abs(b[1] - a[1]) + 1)
