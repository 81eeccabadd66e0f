"""The labelled corpus (copied from shared/corpus) keeps scoring at the bar issue 9 sets.

The measures are those of ``shared/corpus/score.py`` (task recall, unit F1, counts within 10 %,
deadlines), computed in-process on ``tests/data/corpus``. Per document, stricter checks than the
scorer's: every labelled task's text starts with its whole prefix, the task count is exact, the
labelled tasks are distinct and in order, and a labelled group is a section on its task's path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pytest
import yaml

from gongkai_desk.core.imports.parse import parse_file
from gongkai_desk.core.imports.parse.cleanup import to_simplified
from tests.conftest import DATA

CORPUS = DATA / "corpus"
LABELS = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))["documents"]
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def norm_text(s: str | None) -> str:
    s = to_simplified(_PINYIN.sub("", unicodedata.normalize("NFKC", s or "")))
    s = re.sub(r"^[\s(（]*[一二三四五六七八九十0-9]+[)）、.．]\s*", "", s)
    return re.sub(r"[\s\"'“”‘’《》,，。;；:：、()（）|]", "", s)


def norm_unit(u: str) -> str:
    return re.sub(r"(等有关单位|等有关部门|等相关单位|等相关部门|等单位|等部门|等)$", "", norm_text(u))


def f1(expected: list[str], got: list[str]) -> float:
    e = [norm_unit(u) for u in expected if norm_unit(u)]
    g = [norm_unit(u) for u in got if norm_unit(u)]
    if not e or not g:
        return float(not e and not g)
    free, tp = list(g), 0
    for u in e:
        hit = next((x for x in free if x == u or any(x == p + u or u == p + x for p in "区市县")), None)
        if hit is not None:
            free.remove(hit)
            tp += 1
    return 0.0 if not tp else 2 * (tp / len(g)) * (tp / len(e)) / (tp / len(g) + tp / len(e))


def find(tasks, prefix: str):
    p = norm_text(prefix)[:12]
    return next((t for t in tasks if norm_text(t.text).startswith(p)), None) or next(
        (t for t in tasks if p in norm_text(t.text)), None)


@lru_cache(maxsize=1)
def score() -> dict[str, float]:
    found = want = count_ok = dl_ok = dl_n = 0
    units: list[float] = []
    for doc in LABELS:
        tasks = parse_file(CORPUS / doc["file"]).tasks
        count_ok += abs(len(tasks) - doc["task_count"]) <= max(1, round(0.1 * doc["task_count"]))
        for s in doc["tasks"]:
            want += 1
            t = find(tasks, s["prefix"])
            if t is None:
                continue
            found += 1
            if s.get("truncated"):
                continue
            exp = list(s.get("lead") or []) + list(s.get("responsible") or [])
            if exp:
                units.append(f1(exp, t.lead_units + t.responsible_units))
            if s.get("deadline"):
                dl_n += 1
                d, e = norm_text(t.deadline), norm_text(s["deadline"])
                dl_ok += bool(d) and (e in d or d in e)
    return {"recall": found / want, "unit_f1": sum(units) / len(units), "counts": count_ok / len(LABELS),
            "deadlines": dl_ok / dl_n}


@pytest.mark.parametrize(("measure", "bar"), [("recall", 0.97), ("unit_f1", 0.95), ("counts", 0.95),
                                              ("deadlines", 0.90)])
def test_corpus_scores_at_the_bar(measure, bar):
    assert score()[measure] >= bar, score()


# Counts the label's note allows besides its hand count of table rows: 08's label counts the five
# table rows and says the prose 工作要点 above them may come in as unit-less tasks; item 5 is the one
# the table does not restate (the other five are recognised as restated and not imported twice).
ALSO_ALLOWED = {"08_county_bureau_trad_table.txt": {6}}


@lru_cache(maxsize=None)
def _parsed(file: str):
    return parse_file(CORPUS / file).tasks


@pytest.mark.parametrize("doc", LABELS, ids=[d["file"] for d in LABELS])
def test_every_labelled_task_starts_with_its_prefix(doc):
    """Stricter than the scorer: a task found only because its text CONTAINS the prefix (a group
    label or a heading glued in front) counts as wrong here, and the prefix is compared whole."""
    tasks = _parsed(doc["file"])
    texts = [norm_text(t.text) for t in tasks]
    wrong = [s["prefix"] for s in doc["tasks"] if not any(x.startswith(norm_text(s["prefix"])) for x in texts)]
    assert not wrong, (wrong, [t.text[:20] for t in tasks])


@pytest.mark.parametrize("doc", LABELS, ids=[d["file"] for d in LABELS])
def test_task_count_is_exact(doc):
    got = len(_parsed(doc["file"]))
    assert got == doc["task_count"] or got in ALSO_ALLOWED.get(doc["file"], ()), (got, doc["task_count"])


@pytest.mark.parametrize("doc", LABELS, ids=[d["file"] for d in LABELS])
def test_labelled_tasks_come_in_document_order(doc):
    """Each labelled task is its own parsed task, in the label's order (no two labels on one task)."""
    texts = [norm_text(t.text) for t in _parsed(doc["file"])]
    at = [next((k for k, x in enumerate(texts) if x.startswith(norm_text(s["prefix"]))), -1) for s in doc["tasks"]]
    assert at == sorted(set(at)), at


def _group_parts(group: str) -> list[str]:
    """The titles a label's group names (" / " between levels; a bare "(一)" only repeats the one above)."""
    return [p for p in (norm_text(x) for x in group.split(" / ")) if p]


@pytest.mark.parametrize("doc", [d for d in LABELS if any(s.get("group") for s in d["tasks"])],
                         ids=[d["file"] for d in LABELS if any(s.get("group") for s in d["tasks"])])
def test_labelled_groups_are_sections_of_their_tasks(doc):
    """A group/category label is a section on the task's path (never glued into a task or another title)."""
    tasks = _parsed(doc["file"])
    wrong = []
    for s in doc["tasks"]:
        t = next((t for t in tasks if norm_text(t.text).startswith(norm_text(s["prefix"]))), None)
        if t is None or not s.get("group"):
            continue
        # (a title's words before its first comma too: YAML reads "{group: 二、A,B}" as "二、A")
        path = [norm_text(x) for x in t.section] + [norm_text(re.split(r"[,，]", x)[0]) for x in t.section]
        if any(p not in path for p in _group_parts(s["group"])):
            wrong.append((s["prefix"][:8], s["group"], t.section))
    assert not wrong, wrong
