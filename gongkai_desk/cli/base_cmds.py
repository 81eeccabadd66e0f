"""plans, demo, backup, restore."""

from __future__ import annotations

import json

from gongkai_desk.cli.common import add_command, out


def register(commands, exports) -> None:
    p = add_command(commands, "plans", "列出数据库中的计划")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run_plans)

    p = add_command(commands, "demo", "载入示例数据（一个计划及其单位和落实情况）")
    p.add_argument("--tasks", type=int, default=50, metavar="N", help="任务数（默认 50）")
    p.add_argument("--year", type=int, default=None, metavar="N", help="年份（默认今年）")
    p.set_defaults(func=run_demo)

    p = add_command(commands, "backup", "把数据库完整备份到一个文件")
    p.add_argument("--out", required=True, metavar="F", help="备份文件路径")
    p.set_defaults(func=run_backup)

    p = add_command(commands, "restore", "用备份文件恢复数据库（当前数据库会先另存一份）")
    p.add_argument("file", metavar="F", help="备份文件路径")
    p.set_defaults(func=run_restore, needs_db=False)


def run_plans(args, ws) -> int:
    plans = ws.plans.list()
    if args.json:
        out(json.dumps(
            [{"id": p.id, "year": p.year, "title": p.title, "tasks": p.tasks, "units": p.units,
              "completion": round(p.completion, 4)} for p in plans],
            ensure_ascii=False, indent=2,
        ))
    elif not plans:
        out("数据库中还没有计划。")
    else:
        for p in plans:
            out(f"{p.id}\t{p.year}\t{p.title}\t任务{p.tasks}项\t单位{p.units}个\t完成{p.completion:.0%}")
    return 0


def run_demo(args, ws) -> int:
    from gongkai_desk.core.demo import make_demo
    from gongkai_desk.core.values import check_year
    from gongkai_desk.core.errors import ValidationError

    if args.year is not None:
        check_year(args.year)
    if not 1 <= args.tasks <= 100_000:
        raise ValidationError("--tasks 必须在 1 到 100000 之间。")
    plan_id = make_demo(ws, tasks=args.tasks, year=args.year).id
    out(f"已载入示例计划（{args.tasks}项任务）。")
    out(str(plan_id))
    return 0


def run_backup(args, ws) -> int:
    from gongkai_desk.core.backup import backup

    path = backup(ws.conn, args.out)
    out(f"已备份到 {path}")
    return 0


def run_restore(args, ws) -> int:
    from gongkai_desk.core.autobackup import restore
    from gongkai_desk.core.storage.db import check_path
    from gongkai_desk.paths import default_db_path

    db_path = getattr(args, "db", None)
    if db_path is not None:
        check_path(db_path)
    db_path = db_path or default_db_path()
    kept = restore(db_path, args.file)
    if kept.exists():
        out(f"已从 {args.file} 恢复数据库；恢复前的数据库另存为 {kept}")
    else:  # restoring on a new computer: there was no database before
        out(f"已从 {args.file} 恢复数据库到 {db_path}")
    return 0
