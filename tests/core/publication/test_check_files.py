"""``check`` on every format it reads: the places it names, refusals in Chinese, and the CLI
contract (exit 0 clean, 1 findings; --json)."""

from __future__ import annotations

import json
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.publication import check_file, readers
from tests.conftest import run_cli
from tests.core.publication.test_detect import CARD, ID, wrong_check

BAD_ID = wrong_check("32010219900307123")


def places(path) -> list[tuple[str, str]]:
    return [(f.place, f.kind) for f in check_file(path)]


def test_text_file_in_gbk(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(f"第一行没有问题\n申请人张三，身份证号{ID}\n编号{BAD_ID}\n".encode("gb18030"))
    assert places(p) == [("第2行", "name"), ("第2行", "id_card")]


def test_word_paragraphs_tables_and_headers(tmp_path):
    d = Document()
    d.add_paragraph("秘密★1年")
    d.add_paragraph("正文")
    t = d.add_table(rows=2, cols=2)
    t.cell(1, 1).text = "联系人：王小明 13812345678"
    d.sections[0].header.paragraphs[0].text = "内部资料"
    p = tmp_path / "a.docx"
    d.save(str(p))
    assert places(p) == [("正文第1段", "secrecy"), ("表格1第2行第2列", "name"), ("表格1第2行第2列", "mobile"),
                         ("第1节页眉", "secrecy")]


def test_excel_cells_including_numbers_typed_without_quotes(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws["A1"] = "单位"
    ws["B3"] = f"卡号{CARD}"
    ws["C4"] = 13812345678
    p = tmp_path / "a.xlsx"
    wb.save(str(p))
    assert places(p) == [("工作表“台账”单元格B3", "bank_card"), ("工作表“台账”单元格C4", "mobile")]


def test_html_text_but_not_scripts(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(f"<html><script>var id='{ID}';</script>\n<body><p>联系电话\n<b>13812345678</b></p></body></html>",
                 encoding="utf-8")
    assert places(p) == [("第3行", "mobile")]


def _tiny_pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("tool", ["pdftotext", "pypdf"])
def test_pdf_pages(tmp_path, tool, monkeypatch):
    import shutil

    if tool == "pdftotext" and shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    if tool == "pypdf":  # as on Windows, where there is no pdftotext
        monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    p = tmp_path / "a.pdf"
    p.write_bytes(_tiny_pdf(f"ID {ID} tel 13812345678"))
    assert places(p) == [("第1页第1行", "id_card"), ("第1页第1行", "mobile")]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    try:
        check_file(bad)
    except GongkaiError as e:
        assert "无法读取" in str(e)


def test_unreadable_files_are_refused_in_chinese(tmp_path, monkeypatch):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(GongkaiError, match="已损坏"):
        check_file(bad)
    (tmp_path / "x.odt").write_bytes(b"x")
    with pytest.raises(GongkaiError, match="只支持"):
        check_file(tmp_path / "x.odt")
    with pytest.raises(GongkaiError, match="文件夹"):
        check_file(tmp_path)
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 200_000)
    monkeypatch.setattr(readers, "MAX_UNZIPPED", 100_000)
    with pytest.raises(GongkaiError, match="解压后超过"):
        check_file(big)


def test_cli_check_exit_codes_and_json(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(f"本年度完成任务45项。编号{BAD_ID}。\n", encoding="utf-8")
    res = run_cli("check", str(clean))
    assert res.returncode == 0 and "未发现" in res.stdout.decode("utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(f"说明\n户主：李四，身份证号码{ID}\n秘密★\n", encoding="utf-8")
    res = run_cli("check", str(dirty))
    text = res.stdout.decode("utf-8")
    assert res.returncode == 1 and "第2行：身份证号码" in text and "3201**********" in text and "第3行" in text
    res = run_cli("check", str(dirty), "--json")
    data = json.loads(res.stdout.decode("utf-8"))
    assert res.returncode == 1 and data["clean"] is False
    assert [(f["place"], f["kind"]) for f in data["findings"]] == [
        ("第2行", "name"), ("第2行", "id_card"), ("第3行", "secrecy")]
    assert data["findings"][1]["masked"] == ID[:4] + "*" * 10 + ID[-4:]
    res = run_cli("check", str(tmp_path / "none.txt"))
    assert res.returncode == 1 and "找不到文件" in res.stderr.decode("utf-8")


def test_cli_export_warns_about_personal_data_but_exports(tmp_path):
    db = tmp_path / "a.db"
    from gongkai_desk.core.workspace import Workspace

    ws = Workspace.open(db)
    pid = ws.plans.create(year=2026, title="计划").id
    ws.tasks.add(pid, text="联系人：王小明 13812345678")
    ws.close()
    out = tmp_path / "r.xlsx"
    res = run_cli("export", "review", "--plan", str(pid), "--out", str(out), db=db)
    assert res.returncode == 0 and out.exists()
    assert "发布前检查" in res.stderr.decode("utf-8") and "138****5678" in res.stderr.decode("utf-8")
