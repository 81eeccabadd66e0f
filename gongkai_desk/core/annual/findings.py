"""What a check finds: a rule id, its level, one Chinese sentence, and where it points.

A finding points to table cells (``cells``, the format's keys) or to a sentence of the report's
text (``sentence``: the section, the character range in that section's stored text and the
sentence itself), or to a field of the report (``field``: "issuer" or "date"). The window goes
there when the clerk clicks it; the CLI prints the message with the rule id in brackets.
"""

from __future__ import annotations

from dataclasses import dataclass, field as _field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a section's text: ``text[start:end]`` of the stored text of ``section``."""

    section: str  # "一" … "六", or narrative.OPENING
    start: int
    end: int
    text: str

    def as_json(self) -> dict:
        return {"section": self.section, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class RuleFailure:
    """One broken rule: its id, severity, where it points and a Chinese sentence."""

    rule_id: str
    severity: str  # "error" | "warning"
    cells: list[str]
    message: str
    sentence: Sentence | None = None
    target: str | None = None  # "issuer" | "date": a field of the report, not a cell or sentence
    extra: dict = _field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_line(self) -> str:
        """Return the message with the rule id in brackets, for the CLI and error dialogs."""
        return f"{self.message}[{self.rule_id}]"

    def as_json(self) -> dict:
        """Return the ``report --json`` form of the finding."""
        return {
            "rule": self.rule_id, "level": self.severity, "message": self.message,
            "cells": list(self.cells),
            "sentence": self.sentence.as_json() if self.sentence else None,
            "field": self.target,
        }


def errors(failures: list[RuleFailure]) -> list[RuleFailure]:
    """Return only the error-level failures."""
    return [f for f in failures if f.is_error]
