"""发布前检查: personal data and secrecy marks in a file (``check_file``) or in a document about to
be exported (``documents``), each with its place and a masked form to publish instead."""

from __future__ import annotations

from pathlib import Path

from gongkai_desk.core.publication.detect import KINDS, Finding, find_all, find_in_text, mask, mask_text

__all__ = ["KINDS", "Finding", "check_file", "find_all", "find_in_text", "mask", "mask_text", "summary"]


def check_file(path: str | Path) -> list[Finding]:
    """Every finding in a .docx/.xlsx/.txt/.html/.pdf file (GongkaiError when it cannot be read)."""
    from gongkai_desk.core.publication.readers import segments

    return find_all(segments(path))


def summary(findings: list[Finding]) -> str:
    """"发现3处：身份证号码2处、手机号码1处" (or that nothing was found)."""
    if not findings:
        return "未发现个人信息或密级标志。"
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.label] = counts.get(f.label, 0) + 1
    return f"发现{len(findings)}处可能不宜公开的内容：" + "、".join(f"{k}{v}处" for k, v in counts.items()) + "。"
