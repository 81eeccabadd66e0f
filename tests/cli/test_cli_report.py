"""CLI: report --json / --set, export annual-report --draft, and stats --set merging blanks
(shared/CLI.md)."""

from __future__ import annotations

import json

from docx import Document

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.samples import county_example
from tests.conftest import run_cli
from tests.core.reports.annual_helpers import OFFICE, county_texts


def _out(res) -> str:
    return res.stdout.decode("utf-8")


def _err(res) -> str:
    return res.stderr.decode("utf-8")


def _write(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_a_real_shape_report_with_a_four_decimal_fee_is_accepted_and_exported(tmp_path):
    db = tmp_path / "a.db"
    stats = _write(tmp_path / "s.json", county_example(2023).to_json())
    res = run_cli("stats", "--year", "2023", "--set", stats, db=db)
    assert res.returncode == 0 and _err(res) == "", _err(res)
    assert "表二“行政事业性收费”行“本年收费金额（单位：万元）”：（未填） → 1234.5678" in _out(res)
    data = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert data["table2"]["admin_fees"]["fee_amount"] == 1234.5678
    report = _write(tmp_path / "r.json", {"issuer": OFFICE, "date": "2024-01-20",
                                          "sections": county_texts(2023)})
    res = run_cli("report", "--year", "2023", "--set", report, db=db)
    assert res.returncode == 0, _err(res)
    assert f"发布机关：（未填） → {OFFICE}" in _out(res) and "“一、总体情况”：已更新" in _out(res)
    out = tmp_path / "年报.docx"
    res = run_cli("export", "annual-report", "--year", "2023", "--out", str(out), db=db)
    assert res.returncode == 0, _err(res)
    doc = Document(str(out))
    assert doc.paragraphs[0].text == f"{OFFICE}\n2023年政府信息公开工作年度报告"
    assert any("1234.5678" in c.text for row in doc.tables[0].rows for c in row.cells)


def test_more_than_four_decimals_is_stored_with_a_warning(tmp_path):
    db = tmp_path / "a.db"
    data = county_example(2023).to_json()
    data["table2"]["admin_fees"]["fee_amount"] = "1234.56789"
    res = run_cli("stats", "--year", "2023", "--set", _write(tmp_path / "s.json", data), db=db)
    assert res.returncode == 0
    assert "[FEE-PRECISION]" in _err(res) and "提示" in _err(res)
    stored = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert stored["table2"]["admin_fees"]["fee_amount"] == 1234.56789


def test_blank_template_never_blanks_stored_cells_unless_replace(tmp_path):
    db, tpl = tmp_path / "a.db", tmp_path / "t.xlsx"
    run_cli("stats", "--year", "2023", "--set", _write(tmp_path / "s.json", county_example(2023).to_json()), db=db)
    assert run_cli("export", "stats-template", "--year", "2023", "--out", str(tpl), db=db).returncode == 0
    res = run_cli("stats", "--year", "2023", "--set", str(tpl), db=db)
    assert res.returncode == 0
    assert "没有变化" in _out(res) and "200个单元格空白，已保留原有数字" in _out(res)
    stored = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert stored == county_example(2023).to_json()
    res = run_cli("stats", "--year", "2023", "--set", str(tpl), "--replace", db=db)
    assert res.returncode == 0 and "200个单元格有变化" in _out(res)
    assert "表三“本年新收政府信息公开申请数量”行“自然人”列：45 → （未填）" in _out(res)
    stored = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert stored["table3"]["new_received"]["natural"] is None


def test_report_json_lists_office_date_sections_and_checks(tmp_path):
    db = tmp_path / "a.db"
    res = run_cli("report", "--year", "2023", "--json", db=db)
    assert res.returncode == 0, _err(res)
    data = json.loads(_out(res))
    assert data["issuer"] is None and data["date"] is None
    assert list(data["sections"])[1:] == ["一", "二", "三", "四", "五", "六"]
    rules = [c["rule"] for c in data["checks"]]
    assert rules[:3] == ["REPORT-ISSUER", "REPORT-DATE", "TXT-EMPTY"] and "BLANK-CELL" in rules
    first = data["checks"][0]
    assert set(first) >= {"rule", "level", "message", "cells", "sentence"} and first["level"] == "error"
    texts = county_texts(2023)
    texts["一"] += "\n2021年，本局还完成了【请补充】。"
    _write(tmp_path / "r.json", {"issuer": OFFICE, "date": "2024-01-20", "sections": texts})
    run_cli("report", "--year", "2023", "--set", str(tmp_path / "r.json"), db=db)
    run_cli("stats", "--year", "2023", "--set", _write(tmp_path / "s.json", county_example(2023).to_json()), db=db)
    data = json.loads(_out(run_cli("report", "--year", "2023", "--json", db=db)))
    assert (data["issuer"], data["issuer_source"], data["date"]) == (OFFICE, "report", "2024-01-20")
    by_rule = {c["rule"]: c for c in data["checks"]}
    assert set(by_rule) == {"TXT-PLACEHOLDER", "TXT-YEAR"}
    s = by_rule["TXT-YEAR"]["sentence"]
    assert s["section"] == "一" and s["text"] == "2021年，本局还完成了【请补充】。"
    assert data["sections"]["一"][s["start"]:s["end"]] == s["text"]
    assert by_rule["TXT-PLACEHOLDER"]["level"] == "error" and by_rule["TXT-YEAR"]["level"] == "warning"


def test_report_set_keeps_keys_left_out_and_refuses_bad_input(tmp_path):
    db = tmp_path / "a.db"
    run_cli("report", "--year", "2023", "--set",
            _write(tmp_path / "a.json", {"issuer": OFFICE, "sections": {"五": "本年度问题较少。" * 3}}), db=db)
    run_cli("report", "--year", "2023", "--set", _write(tmp_path / "b.json", {"date": "2024-01-19"}), db=db)
    data = json.loads(_out(run_cli("report", "--year", "2023", "--json", db=db)))
    assert data["issuer"] == OFFICE and data["date"] == "2024-01-19"
    assert data["sections"]["五"] == "本年度问题较少。" * 3
    for bad, words in (({"date": "2024/1/19"}, "YYYY-MM-DD"), ({"sections": {"七": "x"}}, "“七”"),
                       ({"office": "x"}, "不认识的键“office”"), ({"year": 2022}, "不一致")):
        res = run_cli("report", "--year", "2023", "--set", _write(tmp_path / "c.json", bad), db=db)
        assert res.returncode == 1 and words in _err(res) and "Traceback" not in _err(res)
        assert len(_err(res).strip().splitlines()) == 1
    assert json.loads(_out(run_cli("report", "--year", "2023", "--json", db=db)))["date"] == "2024-01-19"


def test_office_defaults_from_settings(tmp_path):
    from gongkai_desk.core.workspace import Workspace

    db = tmp_path / "a.db"
    ws = Workspace.open(db)
    ws.settings.set_office(name="示例区人民政府办公室")
    ws.close()
    data = json.loads(_out(run_cli("report", "--year", "2023", "--json", db=db)))
    assert (data["issuer"], data["issuer_source"]) == ("示例区人民政府办公室", "settings")
    assert "REPORT-ISSUER" not in [c["rule"] for c in data["checks"]]


def test_export_draft_is_written_and_marked(tmp_path):
    db = tmp_path / "a.db"
    res = run_cli("export", "annual-report", "--year", "2023", "--out", str(tmp_path / "r.docx"), db=db)
    assert res.returncode == 1 and "[REPORT-ISSUER]" in _err(res) and "[BLANK-CELL]" in _err(res)
    assert "table" not in _err(res)  # no cell keys: the form's labels
    res = run_cli("export", "annual-report", "--year", "2023", "--out", str(tmp_path / "r.docx"),
                  "--draft", db=db)
    assert res.returncode == 0, _err(res)
    out = tmp_path / "r（草稿）.docx"
    assert str(out) in _out(res) and out.exists() and not (tmp_path / "r.docx").exists()
    assert "草稿" in Document(str(out)).sections[0].header.paragraphs[0].text
    assert fmt.OPENING == "引言"
