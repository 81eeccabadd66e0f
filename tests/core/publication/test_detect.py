"""发布前检查: ID numbers with computed check digits (never a real person's number), mobile
numbers, Luhn-valid bank cards, names beside them, secrecy marks; places and masking."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_desk.core.publication import find_in_text, mask_text, summary
from gongkai_desk.core.publication.detect import id_check_digit, luhn_ok, valid_id15, valid_id18


def make_id(first17: str) -> str:
    """A syntactically valid citizen ID number: its check digit computed here (a made-up person)."""
    return first17 + id_check_digit(first17)


def wrong_check(first17: str) -> str:
    right = id_check_digit(first17)
    return first17 + next(c for c in "0123456789X" if c != right)


def luhn_number(prefix: str, length: int) -> str:
    body = prefix + "0" * (length - len(prefix) - 1)
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


ID = make_id("32010219900307123")  # 1990-03-07, district code 320102
ID_X = next(make_id(f"11010519850610{n:03d}") for n in range(1000) if id_check_digit(f"11010519850610{n:03d}") == "X")
CARD = luhn_number("622202", 19)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_in_text(text, "第1行")]


def test_check_digit_follows_gb11643():
    # The standard's worked example (GB 11643-1999 appendix): 11010519491231002X
    assert id_check_digit("11010519491231002") == "X"
    assert valid_id18(ID) and valid_id18(ID_X) and valid_id18(ID_X.lower())
    assert not valid_id18(wrong_check("32010219900307123"))
    assert not valid_id18(make_id("32010219901307123"))  # month 13
    assert valid_id15("320102900307123") and not valid_id15("320102901307123")


def test_valid_ids_are_found_and_invalid_ones_are_not():
    assert kinds(f"身份证号{ID}。") == [("id_card", ID)]
    assert kinds(f"证件号码：{ID_X}") == [("id_card", ID_X)]
    assert kinds(f"编号{wrong_check('32010219900307123')}") == []
    assert kinds("旧证320102900307123号") == [("id_card_old", "320102900307123")]
    assert kinds(f"A{ID}B") == []  # part of a longer code


def test_mobile_numbers_in_the_ways_they_are_written():
    for written in ("13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678"):
        found = kinds(f"联系电话{written}。")
        assert [k for k, _ in found] == ["mobile"], written
    assert kinds("咨询电话0551-12345678") == []  # a landline is the office's own
    assert kinds("12345678901") == []  # 12… is not a mobile prefix


def test_bank_cards_need_a_luhn_check_digit():
    assert kinds(f"卡号{CARD}") == [("bank_card", CARD)]
    grouped = " ".join(CARD[i:i + 4] for i in range(0, len(CARD), 4))
    assert kinds(f"卡号 {grouped}") == [("bank_card", grouped)]
    broken = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    assert kinds(f"卡号{broken}") == []


def test_names_beside_personal_data():
    found = kinds("联系人：王小明，电话13812345678")
    assert ("name", "王小明") in found and ("mobile", "13812345678") in found
    assert ("name", "张三") in kinds(f"张三（身份证号：{ID}）")
    assert ("name", "欧阳娜娜") in kinds("欧阳娜娜 13812345678")
    assert [k for k, _ in kinds("区财政局13812345678")] == ["mobile"]  # an office is not a person
    assert ("name", "张三") in kinds("群众张三（电话13812345678）反映")
    assert [k for k, _ in kinds("政务公开任务，联系电话13812345678")] == ["mobile"]
    assert kinds("由区政府办牵头，联系方式另行通知") == []


def test_secrecy_marks_but_not_the_words_in_prose():
    assert [k for k, _ in kinds("秘密★1年")] == ["secrecy"]
    assert [k for k, _ in kinds("机密")] == ["secrecy"]
    assert [k for k, _ in kinds("密级：绝密")] == ["secrecy"]
    assert [k for k, _ in kinds("内部资料，注意保存")] == ["secrecy"]
    assert [k for k, _ in kinds("公开属性：不予公开")] == ["secrecy"]
    assert [k for k, _ in kinds("【不予公开】")] == ["secrecy"]
    for prose in ("1.属于国家秘密", "（三）不予公开", "依法不予公开的信息", "涉及商业秘密的除外"):
        assert kinds(prose) == [], prose


def test_masking_keeps_the_ends_only():
    [f] = find_in_text(f"身份证号{ID}", "x")
    assert f.masked == ID[:4] + "*" * 10 + ID[-4:] and f.masked.startswith("3201")
    assert f.as_line().startswith("x：身份证号码“") and "3201**********" in f.as_line()
    masked = mask_text(f"联系人：王小明，电话13812345678，身份证{ID}，卡号{CARD}")
    assert "王*明" in masked and "138****5678" in masked and ID not in masked and CARD not in masked
    assert find_in_text(masked, "x") == []  # nothing left to find
    assert summary([]) == "未发现个人信息或密级标志。"


@settings(deadline=200, max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -+X张王小明联系人电话：，。秘密★机内部资料不予公开\n")), max_size=400))
def test_any_text_is_checked_quickly_and_masking_removes_every_number_found(text):
    found = find_in_text(text, "x")
    masked = mask_text(text)
    for f in found:
        if f.kind in ("id_card", "id_card_old", "bank_card", "mobile"):
            assert f.text not in masked or f.text in f.masked


@settings(deadline=200, max_examples=200)
@given(st.integers(min_value=0, max_value=10**9), st.text(alphabet="，。的任务政务公开", max_size=20))
def test_every_valid_made_up_id_is_found_in_prose(n, around):
    first17 = f"320102{1950 + n % 70}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    number = make_id(first17)
    assert ("id_card", number) in kinds(f"{around}身份证{number}{around}")


def test_very_long_text_is_checked_in_linear_time():
    import time

    text = ("政务公开任务，联系电话13812345678；" * 20_000)
    t0 = time.monotonic()
    found = find_in_text(text, "x")
    assert [f.kind for f in found] == ["mobile"] * 20_000 and time.monotonic() - t0 < 10
