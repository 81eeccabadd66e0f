"""A plan's sections in tree pre-order (parents before children, by position), from their rows.

Plain dicts in, plain dicts out: ``model.sections_in_preorder`` makes Sections of them, and the
window's first screen (``first_screen``) reads them before ``model`` is imported."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def preorder(rows: Iterable[Mapping]) -> list[Mapping]:
    """Section rows (with ``id``, ``parent_id``) in tree pre-order; siblings keep their order."""
    by_parent: dict[int | None, list[Mapping]] = {}
    for r in rows:
        by_parent.setdefault(r["parent_id"], []).append(r)
    out: list[Mapping] = []
    stack = list(reversed(by_parent.get(None, [])))
    while stack:
        r = stack.pop()
        out.append(r)
        stack.extend(reversed(by_parent.get(r["id"], [])))
    return out
