"""The planner package must work without Qt: the command line and tests run headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import planner

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(planner.__file__).resolve().parent

IMPORT_EVERYTHING = """
import importlib, pkgutil, sys
import planner

# Migration scripts (and Alembic's env, which runs migrations when imported) are
# loaded by Alembic itself, never imported as modules.
SKIP = ("planner.migrations.versions", "planner.migrations.env")
names = []
for info in pkgutil.walk_packages(planner.__path__, "planner."):
    if info.name.startswith(SKIP):
        continue
    importlib.import_module(info.name)
    names.append(info.name)
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith(("PySide6.", "shiboken6")))
ui = sorted(m for m in sys.modules if m == "ui" or m.startswith("ui."))
print(len(names), "planner.services.programme" in names, "planner.cli.main" in names, qt, ui)
"""


def test_every_planner_module_imports_without_pyside6() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    count, has_services, has_cli, qt, ui = result.stdout.split(maxsplit=4)
    assert int(count) > 30
    assert (has_services, has_cli) == ("True", "True")
    assert qt == "[]"
    assert ui.strip() == "[]"


def _imported_modules(source: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_planner_source_file_imports_qt_or_the_window() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 30
    forbidden = {"PySide6", "shiboken6", "ui"}
    offenders = {
        str(source.relative_to(REPO)): sorted(
            name for name in _imported_modules(source) if name.split(".")[0] in forbidden
        )
        for source in sources
    }
    assert {path: names for path, names in offenders.items() if names} == {}
    # Nor by name at run time (importlib.import_module("PySide6...")).
    assert [s.name for s in sources if "PySide6" in s.read_text(encoding="utf-8")] == []
