"""``make bench`` / ``make bench-quick``: every figure of issue 8 with its floor or target.

Each line: name, value, unit, the ratio to its floor (measured in this run) or, where
the issue sets an absolute target, to that target; then the target and whether it was
met. Every figure is the median of ``--runs`` runs (at least five).

    python -m bench.run            # 1,000 / 10,000 / 100,000 topics
    python -m bench.run --quick    # 1,000 topics everywhere
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import generate, startup

ROOT = Path(__file__).resolve().parents[1]
median = statistics.median


class Report:
    def __init__(self) -> None:
        self.missed: list[str] = []

    def line(self, name: str, value: float, unit: str, compared: str, target: str) -> None:
        digits = 0 if unit in ("ms", "") else 1
        print(f"{name:<30} {value:>8.{digits}f} {unit:<3} {compared:<13} {target}", flush=True)

    def floor(self, name: str, value: float, unit: str, what: str) -> None:
        self.line(name, value, unit, "floor", f"({what})")

    def against_floor(self, name: str, value: float, floor: float, limit: float, unit: str) -> None:
        ratio = value / floor
        ok = ratio <= limit
        if not ok:
            self.missed.append(name)
        verdict = "ok" if ok else "MISSED"
        self.line(name, value, unit, f"{ratio:.2f}x floor", f"(target <= {limit}x) {verdict}")

    def against_target(self, name: str, value: float, target: float, unit: str) -> None:
        ok = value <= target
        if not ok:
            self.missed.append(name)
        verdict = "ok" if ok else "MISSED"
        self.line(
            name, value, unit, f"{value / target:.2f}x target", f"(<= {target:g} {unit}) {verdict}"
        )

    def info(self, name: str, value: float, unit: str, note: str) -> None:
        self.line(name, value, unit, "-", f"({note})")


def child(*args: str, timeout: float = 900) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, env=startup.child_environment(),
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def ms(values: list[float]) -> float:
    return median(values) * 1000


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    memory = next(
        (int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
         if line.startswith("MemTotal")), 0,
    )  # fmt: skip
    import PySide6
    import sqlalchemy

    return (
        f"{os.cpu_count()} CPUs ({model}), {memory / 1024:.1f} GB, Python "
        f"{platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, Qt platform offscreen"
    )


def startup_figures(
    r: Report, empty: Path, data: Path, big: Path, runs: int, tag: dict[str, str]
) -> None:
    results = startup.measure(empty, data, big, runs)

    def at(kind: str, end: str, start: str | None = None) -> float:
        return ms([x[end] - (x[start] if start else 0.0) for x in results[kind]])

    floor = at("floor", "paint_done")
    r.floor("floor_window", floor, "ms", "bare PySide6: QMainWindow + QTableView painted")
    r.against_floor("startup_window", at("window", "shell_done"), floor, 1.5, "ms")
    r.info("  empty_file_ready", at("window", "ready_done"), "ms", "opened off the GUI thread")
    r.against_floor(tag["startup_data"], at("data", "programme_done"), floor, 4.0, "ms")
    rows = results["data"][0]["rows"]
    r.info("  window_painted", at("data", "shell_done"), "ms", "no database yet: the shell")
    r.info("  snapshot_shown", at("data", "snapshot"), "ms", "worker read it with sqlite3")
    r.info("  open_database", at("data", "open_done", "open_start"), "ms",
           "worker: SQLAlchemy, models, schema check")  # fmt: skip
    r.info("  warm_up_handover", at("data", "set_database", "open_done"), "ms",
           "worker imports services; to the GUI thread")  # fmt: skip
    r.info("  set_database", at("data", "view_loaded", "set_database"), "ms",
           "GUI thread: selector, programme reloaded")  # fmt: skip
    r.info("  ready", at("data", "ready_done"), "ms", f"database open, {rows} rows, editable")
    for key, label in (("shell", "window_paint"), ("programme", "programme_paint")):
        found = sorted({m for kind in ("data",) for x in results[kind]
                        for m in x[f"{key}_modules"]})  # fmt: skip
        print(f"{'  imported_before_' + label:<30} {', '.join(found) or 'none'}", flush=True)
    r.against_target(tag["open_big"], at("big", "ready_done", "open_start"), 1000, "ms")
    peak = median(x["maxrss_mb"] for x in results["big"])
    r.against_target(tag["open_big"] + "_peak_rss", peak, 300, "MB")


def list_figures(r: Report, big: Path, runs: int, tag: dict[str, str]) -> None:
    for kind, suffix in (("programme", ""), ("flat", "_flat")):
        d = child("bench.lists", kind, str(big), str(runs))
        keystrokes = d["keystrokes"]
        sorts = d["sorts"]
        half = d["columns"]
        name = tag["filter"] + suffix
        r.against_target(name, median(median(k) for k in keystrokes) * 1000, 50, "ms")
        r.against_target(name + "_worst", median(max(k) for k in keystrokes) * 1000, 50, "ms")
        name = tag["sort"] + suffix
        r.against_target(name, median(max(s[:half]) for s in sorts) * 1000, 100, "ms")
        r.against_target(name + "_again", median(max(s[half:]) for s in sorts) * 1000, 100, "ms")
        r.info(f"  list_load{suffix}", ms(d["load"]), "ms", f"{d['rows']:,} rows into the model")
        r.info(f"  list_peak_rss{suffix}", d["maxrss_mb"], "MB", "whole process, list loaded")


def file_figures(r: Report, data: Path, runs: int, tag: dict[str, str]) -> None:
    d = child("bench.files", "times", str(data), str(runs))
    export = [a + b for a, b in zip(d["read"], d["write"], strict=True)]
    floor = ms(d["floor_write"])
    cells = f"openpyxl writing the same {d['cells']:,} styled cells"
    r.floor(tag["floor_write"], floor, "ms", cells)
    r.against_floor(tag["export"], ms(export), floor, 1.3, "ms")
    r.info("  export_read", ms(d["read"]), "ms", f"{d['topics']:,} topics through the services")
    r.info("  export_write", ms(d["write"]), "ms", "export_programme: workbook and atomic save")
    memory = child("bench.files", "memory", str(data))
    r.against_target(tag["export"] + "_peak_rss", memory["peak_mb"], 150, "MB")
    r.info("  rss_before_export", memory["before_mb"], "MB", "Python, SQLAlchemy, openpyxl loaded")
    floor = ms(d["floor_read"])
    r.floor(tag["floor_read"], floor, "ms", "openpyxl read-only pass over the same file")
    r.against_floor(tag["import"], ms(d["plan"]), floor, 2.0, "ms")
    r.info("  import_rows", d["planned_rows"], "", f"rows planned, {d['problems']} problems")


def sync_figures(r: Report, data: Path, runs: int, size: str) -> None:
    """Offline sync of a copy of every committee, 500 edits on each side (bench/sync.py)."""
    d = child("bench.sync", str(data), str(runs))
    r.against_target(f"sync_{size}", ms(d["sync"]), 2000, "ms")
    r.info("  offline_checkout", d["checkout"] * 1000, "ms", f"{d['records']:,} records copied")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--quick", action="store_true", help="1,000 topics everywhere")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    started = time.monotonic()
    small, data, big = (1_000, 1_000, 1_000) if args.quick else (1_000, 10_000, 100_000)
    paths = {size: generate.ensure(size) for size in {0, small, data, big}}
    k = {1_000: "1k", 10_000: "10k", 100_000: "100k"}
    tag = {
        "startup_data": "startup_data" if data == 10_000 else f"startup_data_{k[data]}",
        "open_big": f"open_{k[big]}",
        "filter": "filter_keystroke" if big == 100_000 else f"filter_keystroke_{k[big]}",
        "sort": "sort_column" if big == 100_000 else f"sort_column_{k[big]}",
        "floor_write": f"floor_openpyxl_write_{k[data]}",
        "floor_read": f"floor_openpyxl_read_{k[data]}",
        "export": f"export_{k[data]}",
        "import": f"import_{k[data]}",
    }
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  {machine()}")
    print(f"# topics: startup_data {data:,}, lists and open {big:,}, files {data:,}; "
          f"median of {runs} runs")  # fmt: skip
    r = Report()
    startup_figures(r, paths[0], paths[data], paths[big], runs, tag)
    list_figures(r, paths[big], runs, tag)
    file_figures(r, paths[data], runs, tag)
    sync_figures(r, paths[data], runs, k[data])
    print(f"# {len(r.missed)} missed: {', '.join(r.missed) or 'none'}; "
          f"took {time.monotonic() - started:.0f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
