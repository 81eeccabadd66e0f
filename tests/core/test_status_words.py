"""Status words as units and documents write them: normalised, then mapped where clear, else None
(flagged by the caller)."""

from __future__ import annotations

import pytest

from gongkai_desk.core.model import Status, status_key

CLEAR = [
    ("已完成", Status.DONE), ("已经完成", Status.DONE), ("已完成了", Status.DONE), ("完成", Status.DONE),
    ("已完成。", Status.DONE), ("已 完 成", Status.DONE), ("（已完成）", Status.DONE), ("现已完成", Status.DONE),
    ("已经全部完成了", Status.DONE), ("已办结", Status.DONE),
    ("推进中", Status.IN_PROGRESS), ("推进中。", Status.IN_PROGRESS), ("正在推进", Status.IN_PROGRESS),
    ("正在推进中", Status.IN_PROGRESS), ("目前正在推进中！", Status.IN_PROGRESS), ("进行中", Status.IN_PROGRESS),
    ("未启动", Status.NOT_STARTED), ("尚未启动。", Status.NOT_STARTED), ("暂未启动", Status.NOT_STARTED),
    ("阶段性完成", Status.STAGED), ("已经基本完成了", Status.STAGED), ("部分完成；", Status.STAGED),
    ("持续推进", Status.ONGOING), ("持续推进中", Status.ONGOING), ("长期坚持。", Status.ONGOING),
    ("\u3000推进中\u3000", Status.IN_PROGRESS),  # full-width spaces
    ("已完成．", Status.DONE), ("已完成!", Status.DONE),  # full-width and half-width punctuation
]
UNCLEAR = ["未完成", "已启动", "差不多了", "完成一半", "部分", "待定", "推进", "无", "", "   ", "。", None,
           "已完成？", "完成?"]  # a question is no answer


@pytest.mark.parametrize("word, status", CLEAR)
def test_clear_words_map(word, status):
    assert Status.parse(word) is status


@pytest.mark.parametrize("word", UNCLEAR)
def test_ambiguous_or_empty_words_stay_unmapped(word):
    assert Status.parse(word) is None


def test_the_key_drops_only_filler():
    assert status_key("已经完成了。") == "已完成"
    assert status_key("正在推进中") == "推进中"
    assert status_key("未完成") == "未完成"  # 未 is meaning, not filler
