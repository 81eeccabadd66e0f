"""The readers refuse damaged, encrypted, hostile or wrong files with one Chinese sentence."""

from __future__ import annotations

import shutil
import zipfile

from gongkai_desk.core.imports.parse import docx_reader, html_reader, office_zip, xlsx_reader
from tests.core.imports.parse.test_readers import BAD, DATA, assert_refused


def test_truncated_docx_is_refused():
    assert_refused(docx_reader.read_blocks, BAD / "corrupt.docx", "损坏")


def test_encrypted_office_files_are_refused(tmp_path):
    assert_refused(xlsx_reader.read_blocks, BAD / "encrypted.xlsx", "密码")
    as_docx = tmp_path / "加密.docx"
    shutil.copy(BAD / "encrypted.xlsx", as_docx)
    assert_refused(docx_reader.read_blocks, as_docx, "密码", "Word")


def test_encrypted_file_with_its_directory_far_into_the_file_is_still_called_encrypted(tmp_path):
    data = bytearray((BAD / "encrypted.xlsx").read_bytes())
    directory = bytes(data[1024:1536])  # sector 1, as the header's first-directory field says
    data[48:52], data[1024:1536] = (10_000).to_bytes(4, "little"), bytes(512)
    big = tmp_path / "大文件.xlsx"
    big.write_bytes(bytes(data).ljust(10_001 * 512, b"\0") + directory)
    assert_refused(xlsx_reader.read_blocks, big, "密码")


def test_legacy_binary_office_file_is_refused(tmp_path):
    legacy = tmp_path / "旧版.xls"
    legacy.write_bytes(xlsx_reader.OLE_SIGNATURE + b"\0" * 4000)
    assert_refused(xlsx_reader.read_blocks, legacy, "97-2003")


def test_docx_with_a_dtd_or_entity_is_refused():
    assert_refused(docx_reader.read_blocks, BAD / "xxe.docx", "DTD")


def test_empty_and_non_zip_files_are_refused(tmp_path):
    empty = tmp_path / "空.docx"
    empty.write_bytes(b"")
    assert_refused(docx_reader.read_blocks, empty, "空文件")
    text = tmp_path / "其实是文本.xlsx"
    text.write_text("一、加强政务公开", encoding="utf-8")
    assert_refused(xlsx_reader.read_blocks, text, "损坏")
    assert_refused(html_reader.read_blocks, BAD / "empty.txt", "空文件")


def test_word_file_named_xlsx_is_not_a_workbook(tmp_path):
    renamed = tmp_path / "任务.xlsx"
    shutil.copy(DATA / "seed004.docx", renamed)
    assert_refused(xlsx_reader.read_blocks, renamed, "Excel")


def test_broken_xml_inside_a_valid_zip_is_refused(tmp_path):
    path = tmp_path / "坏.docx"
    with zipfile.ZipFile(DATA / "seed004.docx") as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    assert_refused(docx_reader.read_blocks, path, "损坏")


def test_zip_bombs_are_refused(tmp_path, monkeypatch):
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(DATA / "seed004.docx") as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("word/media/padding.bin", b"\0" * (24 * 1024 * 1024))  # ~1000:1
    assert_refused(docx_reader.read_blocks, bomb, "压缩比")
    monkeypatch.setattr(office_zip, "MAX_UNZIPPED", 10_000)
    assert_refused(xlsx_reader.read_blocks, DATA / "seed003.xlsx", "过大")


def test_missing_file_is_refused_in_chinese(tmp_path):
    assert_refused(docx_reader.read_blocks, tmp_path / "不存在.docx", "找不到")


def test_xlsx_with_extension_drop_downs_reads_without_warnings(tmp_path, recwarn):
    """WPS/Excel write drop-downs as extensions; openpyxl's warning about them must not reach stderr."""
    import warnings

    import openpyxl

    from gongkai_desk.core.imports.parse import xlsx_reader

    path = tmp_path / "ext.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "具体任务", "牵头单位"])
    wb.active.append(["1", "做好财政预决算公开", "区财政局"])
    wb.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the read
        original = openpyxl.load_workbook

        def noisy(*a, **k):
            warnings.warn("Data Validation extension is not supported and will be removed", UserWarning)
            return original(*a, **k)

        openpyxl.load_workbook = noisy
        try:
            blocks = xlsx_reader.read_blocks(path)
        finally:
            openpyxl.load_workbook = original
    assert any(getattr(b, "rows", None) for b in blocks)
