"""Complete, rule-abiding statistics built on the worked examples of the format file (§5.4).

Used by tests, the demo data and visual checks of the exports.
"""

from __future__ import annotations

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.stats import Stats

# 2021 layout (KIROGOVCOMPARE fixture, 总计 column): leaves 5548 + 2168 + 730 + 3421 + 457 + 1486
# = 13810 = （七）总计; 14069 + 560 = 13810 + 819. Sub-row splits are ours; group sums are the example's.
_KIRO_TOTALS = {
    "new_received": 14069, "carried_over": 560, "granted": 5548, "partial": 2168,
    "denied_state_secret": 12, "denied_law_forbidden": 30, "denied_three_safety": 8,
    "denied_third_party": 150, "denied_internal_affairs": 200, "denied_process_info": 180,
    "denied_enforcement_file": 90, "denied_admin_query": 60,
    "unable_not_held": 3000, "unable_needs_creation": 321, "unable_unclear": 100,
    "np_petition": 200, "np_repeat": 150, "np_publication": 7, "np_massive": 60, "np_confirm": 40,
    "other_no_correction": 1000, "other_fee_unpaid": 86, "other_other": 400,
    "results_total": 13810, "carried_forward": 819,
}
_KIRO_T4 = {"review": (376, 97, 196, 121), "suit_direct": (16, 1, 12, 27),
            "suit_after_review": (74, 1, 30, 51)}

# 2019 Shanghai report, 自然人 column: 258 + 3 + 32 + 321 + 153 = 767; 821 + 18 = 767 + 72.
# 总计 column: 859 + 18 = 805 + 72, so legal persons add 38 received and 38 results.
_SH_NATURAL = {
    "new_received": 821, "carried_over": 18, "granted": 258, "partial": 3,
    "denied_state_secret": 2, "denied_law_forbidden": 0, "denied_three_safety": 0,
    "denied_third_party": 10, "denied_internal_affairs": 5, "denied_process_info": 10,
    "denied_enforcement_file": 3, "denied_admin_query": 2,
    "unable_not_held": 300, "unable_needs_creation": 11, "unable_unclear": 10,
    "np_petition": 100, "np_repeat": 40, "np_publication": 3, "np_massive": 5, "np_confirm": 5,
    "other_no_correction": 0, "other_fee_unpaid": 0, "other_other": 0,
    "results_total": 767, "carried_forward": 72,
}
_SH_COMMERCIAL = {"new_received": 38, "granted": 20, "unable_not_held": 18, "results_total": 38}


def _fill(stats: Stats, natural: dict[str, int], commercial: dict[str, int]) -> None:
    for row in fmt.T3_ROWS:
        n, c = natural.get(row.key, 0), commercial.get(row.key, 0)
        for col in fmt.T3_PART_KEYS:
            stats.set(f"table3.{row.key}.{col}", {"natural": n, "commercial": c}.get(col, 0))
        stats.set(f"table3.{row.key}.total", n + c)


def _fill_t4(stats: Stats, groups: dict[str, tuple[int, int, int, int]]) -> None:
    for g, parts in groups.items():
        for col, v in zip(fmt.T4_PART_KEYS, parts):
            stats.set(f"table4.{g}.{col}", v)
        stats.set(f"table4.{g}.total", sum(parts))


def _fill_t2(stats: Stats, made: int, repealed: int, valid: int, fee: str) -> None:
    for key, v in {
        "regulations.made": 0, "regulations.repealed": 0, "regulations.valid": 3,
        "normative_docs.made": made, "normative_docs.repealed": repealed,
        "normative_docs.valid": valid, "licensing.decisions": 12345,
        "punishment.decisions": 678, "coercion.decisions": 9,
    }.items():
        stats.set(f"table2.{key}", v)
    stats.set(fmt.FEE_KEY, fee)


def kiro_example(year: int = 2023) -> Stats:
    """Return full stats whose 总计 column and table 四 are the 2021-layout worked example."""
    stats = Stats(year)
    _fill(stats, _KIRO_TOTALS, {})
    _fill_t4(stats, _KIRO_T4)
    _fill_t2(stats, made=15, repealed=4, valid=126, fee="1.50")
    return stats


def shanghai_example(year: int = 2019) -> Stats:
    """Return full stats whose 自然人 and 总计 columns are the Shanghai 2019 worked example."""
    stats = Stats(year)
    _fill(stats, _SH_NATURAL, _SH_COMMERCIAL)
    _fill_t4(stats, {"review": (3, 1, 0, 1), "suit_direct": (2, 0, 1, 0),
                     "suit_after_review": (0, 0, 0, 0)})
    _fill_t2(stats, made=6, repealed=1, valid=40, fee="0")
    return stats


def zero_stats(year: int) -> Stats:
    """Return stats with every cell explicitly 0 (a unit with nothing to report)."""
    return Stats(year, {k: ("0.00" if fmt.is_decimal(k) else "0") for k in fmt.ALL_KEYS})


# A county department's year in the shape published reports give it, with 行政事业性收费 in 万元
# to the yuan (four decimals). Realistic figures, not one office's real report.
_COUNTY_T3 = {  # row → {column: n}; 总计 is filled from the parts
    "new_received": {"natural": 45, "commercial": 6, "social": 1, "legal_service": 2},
    "carried_over": {"natural": 3, "commercial": 1},
    "granted": {"natural": 20, "commercial": 3, "social": 1},
    "partial": {"natural": 5, "legal_service": 1},
    "denied_third_party": {"natural": 2}, "denied_process_info": {"natural": 1},
    "unable_not_held": {"natural": 10, "commercial": 2}, "unable_needs_creation": {"natural": 3},
    "np_petition": {"natural": 2}, "np_repeat": {"natural": 1},
    "other_no_correction": {"natural": 1}, "other_other": {"legal_service": 1},
    "results_total": {"natural": 45, "commercial": 5, "social": 1, "legal_service": 2},
    "carried_forward": {"natural": 3, "commercial": 2},
}
COUNTY_FEE = "1234.5678"


def county_example(year: int = 2023) -> Stats:
    """Return a county department's complete, rule-abiding statistics (fee 1234.5678 万元)."""
    stats = Stats(year)
    for row in fmt.T3_ROWS:
        parts = _COUNTY_T3.get(row.key, {})
        for col in fmt.T3_PART_KEYS:
            stats.set(f"table3.{row.key}.{col}", parts.get(col, 0))
        stats.set(f"table3.{row.key}.total", sum(parts.values()))
    _fill_t4(stats, {"review": (2, 1, 0, 1), "suit_direct": (1, 0, 0, 1),
                     "suit_after_review": (1, 0, 0, 0)})
    for key, v in {
        "regulations.made": 0, "regulations.repealed": 0, "regulations.valid": 0,
        "normative_docs.made": 5, "normative_docs.repealed": 2, "normative_docs.valid": 38,
        "licensing.decisions": 1562, "punishment.decisions": 87, "coercion.decisions": 3,
    }.items():
        stats.set(f"table2.{key}", v)
    stats.set(fmt.FEE_KEY, COUNTY_FEE)
    return stats
