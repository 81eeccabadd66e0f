"""JSON text with exact decimals: an amount stored as "1234.5000" is printed 1234.5000, not 1234.5.

The standard ``json`` module writes every non-integer number through ``float``; the CLI's
statistics keep 收费金额 exactly as written (CLI.md), so their JSON must too. Reading back uses
``parse_float=Decimal`` (``loads``), so a file printed by ``stats --json`` loads unchanged.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def dumps(obj: Any, **kwargs: Any) -> str:
    """``json.dumps`` that writes each ``Decimal`` with its digits as they are."""
    digits: dict[str, str] = {}

    def swap(o: Any) -> Any:
        if isinstance(o, Decimal):
            token = f"\x00decimal{len(digits)}\x00"
            digits[json.dumps(token)] = format(o, "f")
            return token
        if isinstance(o, dict):
            return {k: swap(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [swap(v) for v in o]
        return o

    text = json.dumps(swap(obj), **kwargs)
    for token, number in digits.items():
        text = text.replace(token, number, 1)
    return text


def loads(text: str) -> Any:
    """``json.loads`` keeping every non-integer number's digits (as ``Decimal``)."""
    return json.loads(text, parse_float=Decimal)
