"""Read statistics from a file the clerk chose: the CLI JSON or the statistics workbook."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai_desk.core import jsontext
from gongkai_desk.core.annual.stats import Stats, StatsValueError
from gongkai_desk.core.errors import ValidationError


def read_stats_file(path: Path, year: int) -> Stats:
    """Return Stats from a .json or statistics workbook; StatsValueError names bad cells."""
    if path.is_dir():
        raise ValidationError(f"“{path}”是一个文件夹，请指定统计数据文件（.json 或统计表 .xlsx）。")
    if not path.is_file():
        raise ValidationError(f"找不到文件“{path}”。")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from gongkai_desk.core.exchange.stats_workbook import read_workbooks

        return read_workbooks([path], year)
    try:
        data = jsontext.loads(path.read_text(encoding="utf-8-sig"))  # amounts keep their digits
    except UnicodeDecodeError:
        raise ValidationError(f"“{path.name}”不是 UTF-8 编码的 JSON 文件，请用 UTF-8 编码另存后再载入。") from None
    except json.JSONDecodeError as e:
        raise ValidationError(
            f"“{path.name}”不是有效的 JSON 文件：第{e.lineno}行第{e.colno}列附近的 JSON 格式有误。") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, or absurd nesting
        raise ValidationError(f"“{path.name}”不是有效的 JSON 文件：其中的数字过长或嵌套层数过多。") from None
    if isinstance(data, dict) and data.get("year") is not None:
        file_year = _int_year(data["year"])
        if file_year is None:
            raise StatsValueError([("year", f"文件中的年份（{data['year']}）不是有效的年份。")])
        if file_year != year:
            raise StatsValueError([("year", f"文件中的年份（{file_year}）与 {year} 年不一致。")])
    return Stats.from_json(data, year=year)


def _int_year(raw: object) -> int | None:
    """The year written as 2024, "2024" or 2024.0; None when it is not a whole number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit() and len(raw) < 10:
        return int(raw.strip())
    return None
