"""The architecture as tests: import contracts (pyproject's [tool.importlinter]), no import cycles,
a core that runs where Qt cannot be imported at all, and modules of a readable size."""

from __future__ import annotations

import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gongkai_desk"
MAX_LINES = 400


def test_import_contracts_hold(capsys):
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph.modules:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    component.append(m)
                    if m == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_between_modules():
    graph = grimp.build_graph("gongkai_desk", exclude_type_checking_imports=True, cache_dir=None)
    assert len(graph.modules) > 50
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    class Graph:
        modules = {"a", "b", "c"}
        edges = {"a": {"b"}, "b": {"a"}, "c": {"a"}}

        def find_modules_directly_imported_by(self, m):
            return self.edges[m]

    assert _cycles(Graph()) == [["a", "b"]]


def test_core_works_where_pyside6_cannot_be_imported(tmp_path):
    """Like napari's headless job: Qt is made unimportable, then the core does real work."""
    seed = next((ROOT / "tests" / "data" / "seeds").glob("003_*.txt"))
    code = textwrap.dedent(f"""
        import importlib.abc, pkgutil, sys

        class NoQt(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("Qt is not installed here")
                return None

        sys.meta_path.insert(0, NoQt())
        import gongkai_desk.core
        for m in pkgutil.walk_packages(gongkai_desk.core.__path__, "gongkai_desk.core."):
            __import__(m.name)
        from gongkai_desk.core.demo import make_demo
        from gongkai_desk.core.exporters.review import export_review
        from gongkai_desk.core.imports.parse import parse_file
        from gongkai_desk.core.imports.store import store_plan
        from gongkai_desk.core.workspace import Workspace

        ws = Workspace.open(":memory:")
        plan = make_demo(ws, tasks=20).id
        export_review(ws, plan, {str(tmp_path / 'r.docx')!r})
        export_review(ws, plan, {str(tmp_path / 'r.xlsx')!r})
        imported = store_plan(ws, parse_file({str(seed)!r}), year=2026).id
        assert len(ws.tasks.of_plan(imported)) > 5
        assert not any(n.startswith("PySide6") for n in sys.modules)
        print("ok")
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-2000:]


def _module_lengths() -> dict[str, int]:
    return {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
            for p in PACKAGE.rglob("*.py")}


def test_no_module_is_too_long_to_read():
    too_long = {name: n for name, n in _module_lengths().items() if n > MAX_LINES}
    assert too_long == {}, f"split these by responsibility: {too_long}"


def test_modules_stay_small_on_the_whole():
    lengths = [n for name, n in _module_lengths().items() if not name.endswith("__init__.py")]
    assert statistics.median(lengths) <= 200
