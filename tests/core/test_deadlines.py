"""parse_deadline: the phrase is kept, its kind and (where one follows) its last day are read."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.deadlines import looks_like_deadline, parse_deadline
from gongkai_desk.core.model import DeadlineKind as K

D = dt.date


@pytest.mark.parametrize(("phrase", "kind", "date"), [
    ("年底前", K.PERIOD_END, D(2022, 12, 31)),
    ("年底完成", K.PERIOD_END, D(2022, 12, 31)),
    ("年内完成", K.PERIOD_END, D(2022, 12, 31)),
    ("2023年底前", K.PERIOD_END, D(2023, 12, 31)),
    ("持续推进", K.CONTINUOUS, None),
    ("长期坚持", K.CONTINUOUS, None),
    ("全年", K.CONTINUOUS, None),
    ("常态化推进", K.CONTINUOUS, None),
    ("6月底前", K.PERIOD_END, D(2022, 6, 30)),
    ("11 月底前", K.PERIOD_END, D(2022, 11, 30)),
    ("2月底前", K.PERIOD_END, D(2022, 2, 28)),
    ("十一月底前", K.PERIOD_END, D(2022, 11, 30)),
    ("2024年2月底前", K.PERIOD_END, D(2024, 2, 29)),
    ("9月中旬", K.PERIOD_END, D(2022, 9, 20)),
    ("2020年6月30日前", K.DATE, D(2020, 6, 30)),
    ("2020 年 6 月 30 日前", K.DATE, D(2020, 6, 30)),
    ("二〇二〇年六月三十日前", K.DATE, D(2020, 6, 30)),
    ("2020630日前", K.DATE, D(2020, 6, 30)),  # damaged: the 年/月 were lost
    ("20201231日前", K.DATE, D(2020, 12, 31)),
    ("6月15日前", K.DATE, D(2022, 6, 15)),
    ("每年1月31日前", K.RECURRING, None),
    ("每季度", K.RECURRING, None),
    ("每月10日前", K.RECURRING, None),
    ("定期更新", K.RECURRING, None),
    ("3个工作日内", K.RELATIVE, None),
    ("24小时内", K.RELATIVE, None),
    ("上半年", K.PERIOD_END, D(2022, 6, 30)),
    ("下半年", K.PERIOD_END, D(2022, 12, 31)),
    ("三季度末", K.PERIOD_END, D(2022, 9, 30)),
    ("第一季度", K.PERIOD_END, D(2022, 3, 31)),
    ("2023年上半年", K.PERIOD_END, D(2023, 6, 30)),
])
def test_phrases(phrase: str, kind: K, date: dt.date | None) -> None:
    d = parse_deadline(phrase, 2022)
    assert d.phrase == phrase
    assert d.kind is kind
    assert d.date == date


def test_without_plan_year_the_kind_stays_but_no_date_is_invented() -> None:
    d = parse_deadline("6月底前", None)
    assert (d.kind, d.date) == (K.PERIOD_END, None)
    assert parse_deadline("年底前", None).date is None
    assert parse_deadline("2020年6月30日前", None).date == D(2020, 6, 30)


@pytest.mark.parametrize("phrase", [None, "", "   "])
def test_empty(phrase) -> None:
    d = parse_deadline(phrase, 2022)
    assert d.phrase is None and d.kind is None and d.date is None


@pytest.mark.parametrize("phrase", ["阶段性完成", "已完成", "根据上级要求", "2020-13-45"])
def test_unknown_phrase_is_kept_without_kind(phrase: str) -> None:
    d = parse_deadline(phrase, 2022)
    assert d.phrase == phrase and d.kind is None and d.date is None


def test_impossible_dates_give_no_date() -> None:
    d = parse_deadline("2022年2月30日前", 2022)
    assert d.kind is K.DATE and d.date is None


def test_looks_like_deadline_only_for_set_phrases() -> None:
    assert looks_like_deadline("持续推进") and looks_like_deadline("年底完成") and looks_like_deadline("6月底前")
    assert not looks_like_deadline("持续深化重点领域政务公开")
    assert not looks_like_deadline("阶段性完成")
