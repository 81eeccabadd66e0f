"""check: the publication check of a file (shared/CLI.md), and the same check's warnings before
the command line writes a review table or an annual report (it never blocks there)."""

from __future__ import annotations

import json

from gongkai_desk.cli.common import EXIT_DATA, EXIT_OK, add_command, err, out


def register(commands, exports) -> None:
    p = add_command(commands, "check", "发布前检查：查找文件中的身份证号码、手机号码、银行卡号、姓名和密级标志")
    p.add_argument("file", metavar="FILE", help=".docx、.xlsx、.txt、.html 或 .pdf 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run, needs_db=False)


def run(args, ws) -> int:
    import warnings

    from gongkai_desk.core.publication import check_file, summary

    with warnings.catch_warnings():  # library warnings are English and not the clerk's business
        warnings.simplefilter("ignore")
        findings = check_file(args.file)
    if args.json:
        out(json.dumps({"file": str(args.file), "clean": not findings, "summary": summary(findings),
                        "findings": [f.as_json() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            out(f.as_line())
        out(summary(findings))
    return EXIT_DATA if findings else EXIT_OK


def warn_review(doc):
    """``prepare`` for export review: list what the publication check found on stderr."""
    from gongkai_desk.core.publication.documents import check_review

    _warn(check_review(doc))
    return doc


def warn_overview(ov):
    """``prepare`` for export overview (the 落实情况通报 is published too)."""
    from gongkai_desk.core.publication.documents import check_overview

    _warn(check_overview(ov))
    return ov


def warn_report(report):
    from gongkai_desk.core.publication.documents import check_report

    _warn(check_report(report))
    return report


def _warn(findings) -> None:
    from gongkai_desk.core.publication import summary

    if findings:
        err(f"发布前检查：{summary(findings)}公开发布前请核对（可用 gongkai-desk check 检查导出的文件）：")
        for f in findings[:50]:
            err("  " + f.as_line())
        if len(findings) > 50:
            err(f"  ……共{len(findings)}处")
