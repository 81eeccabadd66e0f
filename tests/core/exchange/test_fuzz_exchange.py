"""Files that come back from units, damaged: the statistics workbook and the feedback workbook are
mutated part by part (cut, repeated, cell references pushed to the sheet's end, a DTD added, bytes
flipped), and each reader, in a child process whose memory is capped, reads or refuses every one
with one Chinese sentence in bounded time; never a traceback, never gigabytes."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from gongkai_desk.core.annual.samples import county_example
from gongkai_desk.core.exchange.stats_workbook import write_template
from tests.conftest import ROOT
from tests.core.exchange.feedback_fixture import export, make_plan

CASES = int(os.environ.get("GONGKAI_FUZZ_CASES", "24"))  # more for a long campaign


def _mutate(xml: bytes, rng: random.Random) -> bytes:
    text = xml.decode("utf-8", "replace")
    kind = rng.randrange(6)
    if kind == 0:  # cut short
        return text[: rng.randrange(len(text))].encode()
    if kind == 1:  # a slice repeated many times
        a = rng.randrange(len(text))
        b = min(len(text), a + rng.randrange(1, 400))
        return (text[:b] + text[a:b] * rng.randrange(2, 200) + text[b:]).encode()
    if kind == 2:  # cell references and spans pushed to the end of the sheet
        return re.sub(r'r="([A-Z]+)(\d+)"', lambda m: f'r="XFD{1048576 - rng.randrange(3)}"', text, count=5).encode()
    if kind == 3:  # a DTD with an entity
        return text.replace("?>", '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', 1).encode()
    if kind == 4:  # a huge merged range
        return text.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                            "</mergeCells>", 1).encode()
    data = bytearray(text.encode())
    for _ in range(rng.randrange(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _damaged_copies(source: Path, folder: Path, seed: int) -> list[Path]:
    rng = random.Random(seed)
    with zipfile.ZipFile(source) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    xml_parts = [n for n in members if n.endswith(".xml")]
    out = []
    for n in range(CASES):
        part = rng.choice(xml_parts)
        target = folder / f"{source.stem}-{n:02d}.xlsx"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, _mutate(data, rng) if name == part else data)
        out.append(target)
    return out


def test_damaged_returned_workbooks_are_read_or_refused_in_one_sentence(ws, tmp_path):
    stats = write_template(2023, tmp_path / "统计表.xlsx", county_example(2023), unit="区财政局")
    plan = make_plan(ws)
    feedback = export(ws, plan, tmp_path / "round")["区财政局"]
    stats_files = _damaged_copies(stats, tmp_path, 1)
    feedback_files = _damaged_copies(feedback, tmp_path, 2)
    child = textwrap.dedent(f"""
        import json, resource, time
        resource.setrlimit(resource.RLIMIT_AS, (1200 * 1024 * 1024, resource.RLIM_INFINITY))
        import openpyxl  # loaded before the cap bites, as in the app
        from gongkai_desk.core.errors import GongkaiError
        from gongkai_desk.core.exchange.feedback_read import read_files
        from gongkai_desk.core.exchange.stats_workbook import read_workbook
        out = []
        for path in {[str(p) for p in stats_files]!r}:
            t = time.perf_counter()
            try:
                read_workbook(path, 2023)
                out.append([path, "", time.perf_counter() - t])
            except GongkaiError as e:
                out.append([path, str(e), time.perf_counter() - t])
        t = time.perf_counter()
        for r in read_files({[str(p) for p in feedback_files]!r}):
            out.append([r.path, getattr(r, "reason", "") or getattr(r, "message", "") or "", 0.0])
        out.append(["feedback total", "", time.perf_counter() - t])
        print(json.dumps(out, ensure_ascii=False))
    """)
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    assert len(results) == 2 * CASES + 1
    for path, message, seconds in results:
        assert seconds < 20, (path, seconds)
        if message:
            assert "\n" not in message.strip() or "统计数据有" in message, message  # StatsValueError lists cells
            assert "Traceback" not in message and re.search(r"[\u4e00-\u9fff]", message), message
    refused = [m for _, m, _ in results if m]
    assert refused  # the mutations do damage: some files must be refused
