"""Prove a built bundle works: run its two executables on a throw-away database.

    python installer/smoke_test.py [BUNDLE_DIR]      (default: dist/gongkai-desk)

Every command touches a library the app imports lazily (openpyxl, python-docx + its templates,
sqlite-utils, OpenCC + its dictionaries, charset-normalizer, defusedxml, platformdirs), so a
missing hidden import or data file shows up here as a failed step. Runs Qt offscreen, in a
temporary GONGKAI_DESK_HOME: the user's real database is never opened. Exit 0 when all pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""
TRADITIONAL = "2022年某區政務公開工作要點\n一、加強重點領域信息公開\n1.推進財政預決算公開。（牽頭單位：區財政局）\n"
SIMPLIFIED = ("2023年某区政务公开工作要点\n一、加强重点领域信息公开\n1.推进财政预决算公开，按时公开部门预算。（牵头单位：区财政局）\n"
              "2.做好政策解读和回应关切工作。（牵头单位：区政府办公室）\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "gongkai-desk"
    gui, cli = bundle / f"gongkai-desk-gui{EXE}", bundle / f"gongkai-desk{EXE}"
    for exe in (gui, cli):
        if not exe.is_file():
            print(f"missing {exe}: build the bundle first (python installer/build.py)")
            return 1
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-smoke-"))
    env = dict(os.environ, GONGKAI_DESK_HOME=str(tmp / "home"), QT_QPA_PLATFORM="offscreen",
               GONGKAI_DESK_NO_CRASH_DIALOG="1", PYTHONIOENCODING="utf-8")
    db = str(tmp / "smoke.db")
    failures = 0

    def step(name, cmd, check=None, *, code=0, stderr_has=None):
        nonlocal failures
        t0 = time.perf_counter()
        proc = subprocess.run([str(c) for c in cmd], capture_output=True, env=env, timeout=300)
        ms = (time.perf_counter() - t0) * 1000
        out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
        problem = f"exit {proc.returncode}" if proc.returncode != code else None
        if problem is None and stderr_has is not None and (stderr_has not in err or "Traceback" in err):
            problem = f"stderr lacks {stderr_has!r}"
        if problem is None and check is not None:
            try:
                problem = check(out)
            except Exception as e:  # noqa: BLE001 - any failure of the check is a failed step
                problem = f"{type(e).__name__}: {e}"
        print(f"{'ok  ' if problem is None else 'FAIL'} {ms:7.0f} ms  {name}" + (f"  -- {problem}" if problem else ""))
        if problem is not None:
            failures += 1
            sys.stdout.write(err[-2000:])
        return out

    def exists(path):
        return lambda _out: None if Path(path).is_file() and Path(path).read_bytes()[:2] == b"PK" else f"no {path}"

    step("window opens and paints (gui --exit-after-start)", [gui, "--exit-after-start", "--db", db])
    step("cli --help", [cli, "--help"])
    step("demo --tasks 20 (sqlite-utils migrations)", [cli, "demo", "--tasks", "20", "--db", db])
    step("plans --json", [cli, "plans", "--json", "--db", db],
         lambda out: None if json.loads(out)[0]["tasks"] == 20 else "expected 20 tasks")
    step("export review .xlsx (openpyxl)", [cli, "export", "review", "--plan", "1", "--out", tmp / "r.xlsx", "--db", db],
         exists(tmp / "r.xlsx"))
    step("export review .docx (python-docx + templates)",
         [cli, "export", "review", "--plan", "1", "--out", tmp / "r.docx", "--db", db], exists(tmp / "r.docx"))
    step("export review .pdf (Qt print layout + pypdf)",
         [cli, "export", "review", "--plan", "1", "--out", tmp / "r.pdf", "--db", db],
         lambda _out: None if (tmp / "r.pdf").is_file() and (tmp / "r.pdf").read_bytes()[:4] == b"%PDF" else "no r.pdf")
    step("export stats-template", [cli, "export", "stats-template", "--year", "2026", "--out", tmp / "s.xlsx", "--db", db],
         exists(tmp / "s.xlsx"))
    step("backup", [cli, "backup", "--out", tmp / "backup.db", "--db", db])
    trad = tmp / "trad.txt"
    trad.write_text(TRADITIONAL, encoding="utf-8")
    step("parse traditional text → simplified (OpenCC data)", [cli, "parse", trad, "--json"],
         lambda out: None if json.loads(out)["title"] == "2022年某区政务公开工作要点" else "not converted")
    gbk = tmp / "gbk.txt"
    gbk.write_bytes(SIMPLIFIED.encode("gbk"))
    step("parse GBK text", [cli, "parse", gbk, "--json"], lambda out: None if json.loads(out)["tasks"] else "no tasks")
    odd = tmp / "odd.txt"  # neither UTF-8 nor GB18030: only charset-normalizer is left to ask
    odd.write_bytes(SIMPLIFIED.encode("gbk") + b"\x80")
    step("parse undecodable text (charset-normalizer answers, clean exit 1)", [cli, "parse", odd, "--json"],
         code=1, stderr_has="编码无法识别")
    data = ROOT / "tests" / "data"
    for path in sorted((data / "seeds").glob("004_*.txt")) + [data / "seed004.docx", data / "seed004.xlsx"]:
        if path.is_file():
            step(f"parse {path.name}", [cli, "parse", path, "--json"],
                 lambda out: None if json.loads(out)["tasks"] else "no tasks")
    if sys.platform != "win32":  # platformdirs' default path; on Windows it would be the real user folder
        env.pop("GONGKAI_DESK_HOME")
        env.update(XDG_DATA_HOME=str(tmp / "xdg-data"), XDG_STATE_HOME=str(tmp / "xdg-state"))
        step("default database via platformdirs (no --db)", [cli, "demo", "--tasks", "5"],
             lambda _out: None if (tmp / "xdg-data" / "gongkai-desk" / "gongkai-desk.db").is_file() else "not created")
    print("all steps passed" if not failures else f"{failures} step(s) failed", f"(scratch folder {tmp})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
