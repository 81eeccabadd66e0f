"""Match unit names read from a document against the unit directory.

A name matches a unit by its exact name, by an alias, or by the same name without a locality
prefix ("区财政局" ≈ "财政局", "钟楼环保局" ≈ "区环保局" in a 钟楼区 plan). Prefixes of another level
of government never match: in a 西湖区 plan "市财政局" is not "财政局" (the district's) nor "区财政局";
it is only suggested. An unknown name gets suggestions: close existing units the clerk may mean.

Example::

    matcher = UnitMatcher(ws.units.all(), localities=("钟楼区",))
    matcher.match("财政局")   # UnitMatch(raw="财政局", unit_id=3, unit_name="区财政局", how="prefix", ...)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai_desk.core.imports.units import LOCALITY_CHARS, has_locality_prefix, is_group
from gongkai_desk.core.model import Unit

_LOCALITY_RE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:省|自治州|市|区|县|盟|旗)")
MAX_SUGGESTIONS = 6
# How local a level of government is: the plan's own level is that of its most local place.
_LEVEL_RANK = {"乡": 0, "镇": 0, "区": 1, "县": 1, "旗": 1, "市": 2, "盟": 2, "州": 2, "省": 3}


@dataclass(frozen=True)
class UnitMatch:
    """What one unit name from a document is, in the directory."""

    raw: str
    unit_id: int | None  # the matched unit, or None when the name is unknown
    unit_name: str | None
    how: str  # "exact" | "alias" | "prefix" | "unknown"
    suggestions: tuple[tuple[int, str], ...] = ()  # (unit id, name) of close units, best first
    is_group: bool = False  # an unknown name that names a group of units
    likely: bool = False  # the best suggestion is probably the same unit (a variant spelling)

    @property
    def known(self) -> bool:
        return self.unit_id is not None


def plan_localities(title: str | None, issuer: Iterable[str] | None = None) -> tuple[str, ...]:
    """Return the place names a plan belongs to ("常州市", "钟楼区"), from its issuer and title."""
    found: list[str] = []
    texts = list(issuer or []) + ([title] if title else [])
    for text in texts:
        text = re.sub(r"^(中共|中国共产党)", "", re.sub(r"^[\d\s年]+", "", text))
        text = re.sub(r"^\d{4}年", "", text)
        pos = 0
        while True:
            m = _LOCALITY_RE.match(text, pos)
            if not m or m.group(0).startswith(LOCALITY_CHARS):
                break
            if m.group(0) not in found:
                found.append(m.group(0))
            pos = m.end()
    return tuple(found)


def _place_prefixes(localities: Iterable[str]) -> tuple[str, ...]:
    """Every spelling of the plan's places that may open a unit name: 钟楼区, 钟楼."""
    out: set[str] = set()
    for place in localities:
        out.add(place)
        for suffix in ("自治州", "省", "市", "区", "县", "盟", "旗"):
            if place.endswith(suffix) and len(place) - len(suffix) >= 2:
                out.add(place[: -len(suffix)])
    return tuple(sorted(out, key=len, reverse=True))


def _place_levels(localities: Iterable[str]) -> dict[str, str]:
    """{spelling of a plan's place: its level}: 钟楼区 → 区, 钟楼 → 区, 常州市 → 市."""
    out: dict[str, str] = {}
    for place in localities:
        level = place[-1]
        for spelling in _place_prefixes([place]):
            out.setdefault(spelling, level)
    return out


def _own_level(localities: Iterable[str]) -> str | None:
    """The level of the plan's most local place (常州市钟楼区 → 区), None when it has no place."""
    levels = [p[-1] for p in localities if p[-1] in _LEVEL_RANK]
    return min(reversed(levels), key=_LEVEL_RANK.__getitem__) if levels else None


def split_prefix(name: str, places: tuple[str, ...] = ()) -> tuple[str, str]:
    """Split ``name`` into (locality prefix, rest): "区财政局" → ("区", "财政局")."""
    for p in places:
        if name.startswith(p) and len(name) - len(p) >= 2:
            rest = name[len(p):]
            if has_locality_prefix(rest) and len(rest) >= 3:
                return p + rest[0], rest[1:]  # 钟楼区财政局
            return p, rest
    if has_locality_prefix(name) and len(name) >= 3:
        return name[0], name[1:]
    return "", name


class UnitMatcher:
    """Match names against a snapshot of the unit directory."""

    def __init__(self, units: Iterable[Unit], localities: Iterable[str] = ()) -> None:
        self.units = list(units)
        localities = tuple(localities)
        self.places = _place_prefixes(localities)
        self._place_levels = _place_levels(localities)
        self.own_level = _own_level(localities)
        self._by_name = {u.name: u for u in self.units}
        self._by_alias = {a: u for u in self.units for a in u.aliases}
        # (level, unit) by name without prefix; a bare alias has the level of its unit's name (审批局 of 市审批局)
        self._by_rest: dict[str, list[tuple[str | None, Unit]]] = {}
        self._unit_level: dict[int, str | None] = {}
        for u in self.units:
            self._unit_level[u.id] = unit_level = self._level(split_prefix(u.name, self.places)[0])
            for n in (u.name, *u.aliases):
                prefix, rest = split_prefix(n, self.places)
                self._by_rest.setdefault(rest, []).append((self._level(prefix) or unit_level, u))
        self.dir_levels = {lv for u in self.units if not u.is_group and (lv := self._unit_level[u.id])}

    def match(self, raw: str) -> UnitMatch:
        """Return the unit ``raw`` names, or unknown with suggestions."""
        name = raw.strip()
        if name in self._by_name:
            u = self._by_name[name]
            return UnitMatch(raw, u.id, u.name, "exact")
        if name in self._by_alias:
            u = self._by_alias[name]
            return UnitMatch(raw, u.id, u.name, "alias")
        group = is_group(name)
        if not group:
            found = self._prefix_match(name)
            if found is not None:
                return UnitMatch(raw, found.id, found.name, "prefix")
        ranked = self._ranked(name)
        likely = bool(ranked) and ranked[0][2] >= 0.8 and ranked[0][3]
        return UnitMatch(raw, None, None, "unknown", tuple((uid, n) for uid, n, _, _ in ranked), group, likely)

    def _level(self, prefix: str) -> str | None:
        """The level of government a prefix names: 区, 市, 钟楼 → 区 (the plan's 钟楼区); None without one."""
        if not prefix:
            return None
        if prefix in self._place_levels:
            return self._place_levels[prefix]
        return prefix[-1] if prefix[-1] in _LEVEL_RANK else None

    def _same_level(self, level: str | None, other: str | None) -> bool:
        """Whether two names of these levels may be the same unit.

        The same level, or neither has one. A name without a level is of the plan's own level, so it
        goes with a prefix of that level only; with a prefix of another level only when the
        directory holds no unit of a level other than that prefix's (the plan's level is unknown,
        or the directory is of that level anyway).
        """
        if level == other:
            return True
        if level and other:
            return False
        given = level or other
        return self.own_level is None or given == self.own_level or self.dir_levels <= {given}

    def _prefix_match(self, name: str) -> Unit | None:
        prefix, rest = split_prefix(name, self.places)
        level = self._level(prefix)
        hits = {u.id: u for other, u in self._by_rest.get(rest, []) if not u.is_group and self._same_level(level, other)}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def suggest(self, name: str, limit: int = MAX_SUGGESTIONS) -> tuple[tuple[int, str], ...]:
        """Return close units (id, name), best first: same core name, containment, similar text."""
        return tuple((uid, n) for uid, n, _, _ in self._ranked(name, limit))

    def _ranked(self, name: str, limit: int = MAX_SUGGESTIONS) -> list[tuple[int, str, float, bool]]:
        """(unit id, name, score, same level) of close units, best first."""
        prefix, rest = split_prefix(name, self.places)
        level = self._level(prefix)
        scored: dict[int, tuple[float, bool, str]] = {}
        for u in self.units:
            best = (0.0, False)
            for n in (u.name, *u.aliases):
                other_prefix, other = split_prefix(n, self.places)
                other_level = self._level(other_prefix) or self._unit_level[u.id]
                if other == rest:
                    score = 1.0
                elif len(rest) >= 2 and len(other) >= 2 and (rest in other or other in rest):
                    score = 0.8 + 0.1 * min(len(rest), len(other)) / max(len(rest), len(other))
                else:
                    score = difflib.SequenceMatcher(None, rest, other).ratio()
                best = max(best, (score, self._same_level(level, other_level)))
            if best[0] >= 0.6:
                scored[u.id] = (best[0], best[1], u.name)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], not kv[1][1], kv[1][2]))
        return [(uid, n, score, same) for uid, (score, same, n) in ranked[:limit]]


def match_units(units: Iterable[Unit], names: Iterable[str], localities: Iterable[str] = ()) -> dict[str, UnitMatch]:
    """Match each distinct name; return {raw name: UnitMatch} in first-seen order."""
    matcher = UnitMatcher(units, localities)
    out: dict[str, UnitMatch] = {}
    for n in names:
        if n and n not in out:
            out[n] = matcher.match(n)
    return out
