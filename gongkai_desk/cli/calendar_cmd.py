"""calendar: the working-day calendar (shared/CLI.md): a year's special days, loading the State
Council's notice, and counting working days."""

from __future__ import annotations

import json

from gongkai_desk.cli.common import EXIT_OK, add_command, check_usage, err, out


def register(commands, exports) -> None:
    p = add_command(commands, "calendar", "节假日安排：查看某年的放假和调休上班日、载入国务院通知、推算工作日")
    p.add_argument("--year", type=int, metavar="N", help="年份（查看该年安排；与 --load 同用时核对通知的年份）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--load", metavar="FILE", help="读入国务院办公厅节假日安排通知（.txt、.html 或 .docx）")
    what.add_argument("--add-days", nargs=2, metavar=("YYYY-MM-DD", "N"),
                      help="某日之后第 N 个工作日的日期（次日为第1个工作日）")
    p.set_defaults(func=run)
    check_usage(p, lambda a: None if (a.year is not None or a.load or a.add_days) else
                "calendar 需要 --year N 查看某年安排，或 --load FILE 载入通知，或 --add-days YYYY-MM-DD N 推算工作日")


def _date(text: str):
    import datetime as dt

    from gongkai_desk.core.errors import ValidationError

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"日期“{text}”无效，请写成 YYYY-MM-DD，例如 2026-09-28。") from None


def run(args, ws) -> int:
    from gongkai_desk.core.calendar import no_data_banner
    from gongkai_desk.core.errors import ValidationError

    if args.load:
        from gongkai_desk.core.holiday_notice import parse_notice, read_notice_file

        notice = parse_notice(read_notice_file(args.load), year=args.year)
        ws.calendar.load_notice(notice)
        days = notice.days()
        off = sum(1 for _d, kind, _n in days if kind == "holiday")
        for w in notice.warnings:
            err(f"请核对：{w}")
        if args.json:
            out(json.dumps(ws.calendar.year_json(notice.year), ensure_ascii=False, indent=2))
        else:
            out(f"已载入{notice.year}年节假日安排：放假{off}天，调休上班{len(days) - off}天（{notice.label}）。")
        return EXIT_OK
    if args.add_days:
        start, n_text = args.add_days
        day = _date(start)
        try:
            n = int(n_text)
        except ValueError:
            raise ValidationError(f"工作日数“{n_text}”不是整数。") from None
        if not 0 <= n <= 3660:
            raise ValidationError(f"工作日数{n}超出范围，请填写 0 到 3660 之间的整数。")
        cal = ws.calendar.work_calendar()
        due = cal.add_working_days(day, n)
        banner = no_data_banner(cal.unknown_years(day, due))
        if args.json:
            out(json.dumps({"start": day.isoformat(), "working_days": n, "date": due.isoformat(),
                            "review": banner is not None, "banner": banner}, ensure_ascii=False))
        else:
            out(due.isoformat())
            if banner:
                err(f"待复核：{banner}。")
        return EXIT_OK
    info = ws.calendar.year_json(args.year)
    if args.json:
        out(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    notice = ws.calendar.work_calendar().year_info(args.year).notice
    if not info["complete"]:
        out(f"{no_data_banner([args.year])}。")
    elif notice:
        out(f"{args.year}年节假日安排：{notice}")
    for d in info["days"]:
        out(f"{d['date']}\t{'放假' if d['kind'] == 'holiday' else '上班'}\t{d['name'] or ''}\t{d['source']}")
    return EXIT_OK
