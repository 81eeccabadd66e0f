"""Damaged and hostile input: traditional characters, pinyin, web chrome, encodings, GBK misalignment, files that are not plans."""

from __future__ import annotations

import datetime as dt
import os
import random

import pytest

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import parse_file, parse_text
from gongkai_desk.core.imports.parse.blocks import Paragraph
from gongkai_desk.core.imports.parse.text_reader import decode_bytes, repair_lines
from tests.core.imports.parse.test_import_shapes import HEAD, codes

# --- cleanup ---------------------------------------------------------------------------------

TRAD = ("荊門市人民政府辦公室\n2022年7月15日\n2022年荊門市政務(wù)公開重點(diǎn)工作任務(wù)分解\n一、以公開助力經(jīng)濟(jì)發(fā)展\n"
        "1.做好政策文件公開。(牽頭單位:市審批局;責(zé)任單位:各縣市區(qū))\n")


def test_traditional_and_pinyin_are_cleaned() -> None:
    plan = parse_text(TRAD)
    t = plan.tasks[0]
    assert plan.title == "2022年荆门市政务公开重点工作任务分解"
    assert plan.issuer == ["荆门市人民政府办公室"]
    assert t.text == "做好政策文件公开。" and t.responsible_units == ["各县市区"]
    assert plan.sections[0].title == "以公开助力经济发展"


def test_pinyin_rules() -> None:
    from gongkai_desk.core.imports.parse.cleanup import strip_pinyin

    assert strip_pinyin("區(qū)縣(xiàn)") == "區縣"
    assert strip_pinyin("的(de)") == "的"  # neutral tone, no mark
    assert strip_pinyin("合作(PPP)项目、条件(a)、(qū)开头") == "合作(PPP)项目、条件(a)、(qū)开头"


def test_keep_traditional_keeps_characters_but_drops_pinyin() -> None:
    plan = parse_text(TRAD, keep_traditional=True)
    assert plan.tasks[0].lead_units == ["市審批局"]
    assert plan.tasks[0].responsible_units == ["各縣市區"]
    assert plan.sections[0].title == "以公開助力經濟發展"


def test_web_chrome_removed_metadata_kept() -> None:
    text = """您现在所在的位置: 首页>政务公开>重要部署执行
分享到:
索引号: A25010--2023-0096 主题分类: 综合政务
发布机构: 某某区政府办公室 生成日期: 2023-02-20
文件编号: 某政办发〔2023〕12号 有效性: 有效
来源:某某区人民政府办公室类别:政府信息公开发布时间:2023-02-21阅读:
某某区2023年政务公开工作要点
  • 浏览量:
  • 字体【      】
一、重点工作
1.推进决策公开。（牵头单位：区政府办）
手机扫码浏览
"""
    plan = parse_text(text)
    assert plan.title == "某某区2023年政务公开工作要点"
    assert plan.issuer == ["某某区政府办公室"]
    assert plan.doc_number == "某政办发〔2023〕12号"
    assert plan.date == dt.date(2023, 2, 20) and plan.published == dt.date(2023, 2, 21)
    assert plan.year == 2023
    assert [t.text for t in plan.tasks] == ["推进决策公开。"]


def test_width_junk_and_page_markers() -> None:
    text = (f"{HEAD}一、重点工作\n１．推进决策公开，每年解读政策不少于２次。（牵头单位：区政府办）\u200b\n"
            "2.推进执\u0007行公开。（牵头单位：区发改局）\n— 3 —\n3.推进管— 4 —理公开。（牵头单位：区司法局）\n")
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == ["推进决策公开，每年解读政策不少于2次。", "推进执行公开。", "推进管理公开。"]


def test_signature_date_doc_number_and_plan_year() -> None:
    text = ("某政办发〔2022〕12号\n某某县人民政府办公室关于印发《某某县2022年政务公开工作要点》的通知\n"
            "各乡镇人民政府，县政府各部门：\n现将《某某县2022年政务公开工作要点》印发给你们，请认真贯彻落实。\n"
            "某某县人民政府办公室\n2022年4月6日\n一、重点工作\n1.推进决策公开。（牵头单位：县政府办）\n")
    plan = parse_text(text)
    assert plan.doc_number == "某政办发〔2022〕12号"
    assert plan.title == "某某县2022年政务公开工作要点"
    assert plan.issuer == ["某某县人民政府办公室"] and plan.date == dt.date(2022, 4, 6)
    assert plan.year == 2022 and plan.published is None


# --- encodings and repair ------------------------------------------------------------------------

PLAN_TEXT = "某某区2023年政务公开工作要点\n一、重点工作\n1.推进决策公开。（牵头单位：区政府办；责任单位：区各有关部门）\n"


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
    lambda s: s.encode("gbk"),
    lambda s: (s + "䶮").encode("gb18030"),
    lambda s: b"\xff\xfe" + s.encode("utf-16-le"),
    lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
    lambda s: s.encode("utf-16-le"),
    lambda s: s.encode("utf-16-be"),
], ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"])
def test_encodings(tmp_path, encode) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(encode(PLAN_TEXT))
    plan = parse_file(path)
    assert plan.title == "某某区2023年政务公开工作要点"
    assert plan.tasks[0].responsible_units == ["区各有关部门"]


def _misalign(line: str, keep_lost: bool = False) -> str:
    """Damage a line the way seed 004 was: GBK bytes decoded one byte late, bad pairs dropped."""
    data = b"\xa1" + line.encode("gbk")
    out, i = [], 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        try:
            out.append(data[i:i + 2].decode("gbk"))
        except UnicodeDecodeError:
            pass  # the bad decoder dropped what it could not map
        i += 2
    return "?" + "".join(out)


def test_gbk_misalignment_repair() -> None:
    # Traditional text (seed 004): a trail byte below 0x80 lets the bad decoder fall back in step.
    good = ["（一）持續做好政務信息公開工作。", "1.做好疫情防控信息發布。（牽頭單位：市衛健委）",
            "2.推進決策公開。（牽頭單位：市審批局）"]
    damaged = _misalign("（四）持續做好疫情防控信息公開。")
    assert damaged.startswith("?。") and "疫情" not in damaged[:6]
    repairs = repair_lines(good + [damaged])
    assert repairs[3].text == "（四）持續做好疫情防控信息公開。" and not repairs[3].uncertain
    # Lost pairs are rebuilt from words the document uses elsewhere.
    repairs = repair_lines(good + [_misalign("（六）做好政務信息公開工作。")])
    assert repairs[3].text == "（？）做好政務信息公開工作。" and repairs[3].uncertain


def test_unrecoverable_characters_are_marked_not_hidden() -> None:
    good = ["（一）持续做好政务信息公开工作。", "1.做好疫情防控信息发布。（牵头单位：市卫健委）"]
    repairs = repair_lines(good + [_misalign("（四）持续做好疫情防控信息公开。")])
    assert repairs[2].text.startswith("（四）持续做好疫情防控信息") and repairs[2].text.endswith("□")
    assert repairs[2].uncertain


def test_damaged_heading_number_is_inferred_and_flagged() -> None:
    lines = ["某某市2022年政务公开重点工作任务分解", "一、以公开助力经济发展", "（一）加强涉及市场主体的信息公开。",
             "1.做好政策文件公开。（牵头单位：市审批局）", "（二）加强涉及减税降费的信息公开。",
             "2.公开减税政策。（牵头单位：市税务局）", _misalign("（三）加强涉及有效投资的信息公开。"),
             "3.公开投资项目。（牵头单位：市发改委）"]
    plan = parse_text("\n".join(lines))
    subs = plan.sections[0].children
    assert [s.number for s in subs] == ["一", "二", "三"]
    assert "text_repaired" in codes(plan)
    assert "?" not in subs[2].title


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    b"",
    b"   \n\n",
    "那是最美好的时代，那是最糟糕的时代；那是智慧的年头，那是愚昧的年头。他走在伦敦的街上，雾很大。".encode("utf-8"),
    b"1,2,3,4\n5,6,7,8\n9,10,11,12\n",
    bytes(random.Random(7).randrange(256) for _ in range(4000)),
    os.urandom(16) + b"\x00" * 64,
], ids=["empty", "blank", "novel", "csv-numbers", "random-bytes", "binary"])
def test_not_a_plan(tmp_path, content: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError) as e:
        parse_file(path)
    assert any("\u4e00" <= c <= "\u9fff" for c in str(e.value))


def test_unknown_suffix(tmp_path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ImportFormatError, match="不支持"):
        parse_file(path)


def test_decode_bytes_reports_encoding() -> None:
    assert decode_bytes("政务公开".encode("gbk"))[1] == "gb18030"
    assert decode_bytes("政务公开".encode("utf-8"))[1] == "utf-8"


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text_not_binary(enc) -> None:
    """Few NULs in Chinese UTF-16 (only ASCII has them; 一 and 开 put one on the other side)."""
    text = "一、公开开放\n" + "开展政务公开工作。" * 20 + "\n1.一一开开\n"
    assert decode_bytes(text.encode(enc)) == (text, enc)
    assert decode_bytes("ab\r\n".encode(enc)) == ("ab\r\n", enc)  # ASCII only: also valid UTF-8


def test_binary_with_nuls_is_still_refused(tmp_path) -> None:
    import random

    rng = random.Random(7)
    noise = bytes(rng.choice([0, rng.randrange(256)]) for _ in range(4000))
    for k, data in enumerate((noise, b"\x00\x01\x02\x03" * 500, bytes(range(256)) * 8,
                              b"\x00\x00\x01\x00\x02\x00\x1b\x00" * 300)):
        path = tmp_path / f"x{k}.txt"
        path.write_bytes(data)
        with pytest.raises(ImportFormatError, match="二进制"):
            parse_file(path)


def test_parse_file_dispatches_docx_lazily(tmp_path, monkeypatch) -> None:
    import sys
    import types

    fake = types.ModuleType("gongkai_desk.core.imports.parse.docx_reader")
    fake.read_blocks = lambda p: [Paragraph("某某区2023年政务公开工作要点", 1), Paragraph("一、重点工作", 2),
                                  Paragraph("推进决策公开。（牵头单位：区政府办）", 3, numbering="1.")]
    monkeypatch.setitem(sys.modules, "gongkai_desk.core.imports.parse.docx_reader", fake)
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK")
    plan = parse_file(path)
    assert plan.tasks[0].number == "1" and plan.tasks[0].lead_units == ["区政府办"]
    assert plan.source == "plan.docx"
