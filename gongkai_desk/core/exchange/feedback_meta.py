"""What a feedback workbook carries besides what the unit sees: its signed identity.

Every workbook has a hidden sheet holding, as JSON, the database it came from, the plan, the unit,
the round, and for each task row its id, the locked cells as written (序号, 任务内容, 完成时限, 角色)
and the entries it was pre-filled with. The JSON is signed with the database's own key
(HMAC-SHA256), so a file from another database, or whose identifiers were edited, is told apart
from a good one, and a returned file is matched by its identity whatever its name or row order
(each visible row carries its task's key in a hidden column).

Writer (``feedback_workbook``), reader (``feedback_read``) and the review (``feedback_diff``) share
the names and the column layout defined here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

MAGIC = "gongkai-desk-feedback"
VERSION = 1
SHEET = "反馈表"
NOTE_SHEET = "填报说明"
META_SHEET = "_gongkai"
CHUNK = 30_000  # characters per meta cell (a cell holds at most 32,767)

# The table's columns in order: (key, header, locked). The key column is hidden.
LOCKED = ("number", "text", "deadline", "role")
FIELDS = ("status", "done", "problems", "next_steps", "evidence")  # what the unit fills in
KEY = "key"
HEADERS = {
    "number": "序号", "text": "任务内容", "deadline": "完成时限", "role": "角色",
    "status": "完成状态", "done": "落实情况", "problems": "存在问题", "next_steps": "下步计划",
    "evidence": "佐证材料", KEY: "识别码（请勿改动）",
}
COLUMNS = (*LOCKED, *FIELDS, KEY)
# The signature block above the table: defined names point at the unit's cells, so they are found
# even after the unit inserts rows or columns.
SIGNERS = {"filled_by": "填报人", "phone": "联系电话", "reviewer": "审核人"}
DEFINED_NAMES = {k: f"gongkai_{k}" for k in SIGNERS}


@dataclass(frozen=True)
class SentRow:
    """One task row as it went out."""

    task_id: int
    locked: tuple[str, ...]  # in LOCKED order, as written
    sent: tuple[str, ...]  # in FIELDS order, as pre-filled


@dataclass(frozen=True)
class FeedbackMeta:
    database: str
    plan_id: int
    plan_title: str
    year: int
    unit_id: int
    unit_name: str
    round_token: str
    round_number: int
    sent_at: str  # ISO date and time
    due: str | None  # ISO date
    rows: tuple[SentRow, ...]

    def row(self, task_id: int) -> SentRow | None:
        return self._by_task().get(task_id)

    def _by_task(self) -> dict[int, SentRow]:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = {r.task_id: r for r in self.rows}
            object.__setattr__(self, "_index", cached)
        return cached


def row_key(task_id: int) -> str:
    """The text in a row's hidden key cell."""
    return f"T{task_id}"


def task_of_key(text: object) -> int | None:
    if not isinstance(text, str) or not text.startswith("T") or not text[1:].isdigit():
        return None
    return int(text[1:])


def payload(meta: FeedbackMeta) -> str:
    """The meta as one canonical JSON text (what is signed)."""
    data = {
        "v": VERSION, "database": meta.database, "plan": meta.plan_id, "plan_title": meta.plan_title,
        "year": meta.year, "unit": meta.unit_id, "unit_name": meta.unit_name, "round": meta.round_token,
        "round_number": meta.round_number, "sent_at": meta.sent_at, "due": meta.due,
        "rows": [[r.task_id, list(r.locked), list(r.sent)] for r in meta.rows],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def sign(text: str, secret: str) -> str:
    return hmac.new(secret.encode("ascii"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(text: str, signature: str | None, secret: str) -> bool:
    return bool(signature) and hmac.compare_digest(sign(text, secret), str(signature))


def meta_cells(meta: FeedbackMeta, secret: str) -> list[str]:
    """Column A of the hidden sheet: magic, version, signature, then the JSON in chunks."""
    text = payload(meta)
    chunks = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    return [MAGIC, str(VERSION), sign(text, secret), *chunks]


class MetaError(ValueError):
    """The hidden sheet is missing, from a newer program, or unreadable (the reader words it)."""


def parse_meta(cells: list[object]) -> tuple[FeedbackMeta, str, str]:
    """Return (meta, payload, signature) from column A of the hidden sheet."""
    if len(cells) < 4 or cells[0] != MAGIC:
        raise MetaError("missing")
    if str(cells[1]) != str(VERSION):
        raise MetaError("version")
    text = "".join(str(c) for c in cells[3:] if c is not None)
    try:
        d = json.loads(text)
        meta = FeedbackMeta(
            database=str(d["database"]), plan_id=int(d["plan"]), plan_title=str(d["plan_title"]),
            year=int(d["year"]), unit_id=int(d["unit"]), unit_name=str(d["unit_name"]),
            round_token=str(d["round"]), round_number=int(d["round_number"]), sent_at=str(d["sent_at"]),
            due=d["due"], rows=tuple(SentRow(int(t), tuple(map(str, lk)), tuple(map(str, sn)))
                                     for t, lk, sn in d["rows"]),
        )
    except (ValueError, KeyError, TypeError) as e:
        raise MetaError("damaged") from e
    if any(len(r.locked) != len(LOCKED) or len(r.sent) != len(FIELDS) for r in meta.rows):
        raise MetaError("damaged")
    return meta, text, str(cells[2] or "")


_BAD_FILE_CHARS = str.maketrans({c: "_" for c in '\\/:*?"<>|\t\r\n'})


def file_name(year: int, unit_name: str) -> str:
    """The workbook's name, so the unit recognises it: 2024年政务公开工作要点反馈表-区财政局.xlsx."""
    return f"{year}年政务公开工作要点反馈表-{unit_name.translate(_BAD_FILE_CHARS).strip(' .')}.xlsx"


def looks_like_feedback(path: str | Path) -> bool:
    """Tell quickly (the workbook's sheet list only) whether ``path`` is a feedback workbook the
    program wrote: a file dropped on the window goes to 收集反馈表 rather than to the importer."""
    import re
    import zipfile

    p = Path(path)
    if p.suffix.lower() != ".xlsx" or not p.is_file():
        return False
    try:
        with zipfile.ZipFile(p) as z:
            info = z.getinfo("xl/workbook.xml")
            if info.file_size > 2_000_000:
                return False
            xml = z.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return False
    return bool(re.search(rf'<sheet\b[^>]*name="{re.escape(META_SHEET)}"', xml))
