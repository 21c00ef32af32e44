"""export_10k and import_10k, with their openpyxl floors measured in the same process.

``python -m bench.files times DB RUNS`` prints one JSON object of timings:

- export: what the export worker does (``ui.export_runner.run_export``) for one
  programme holding every topic of the database: read it through the services, then
  ``export_programme`` (workbook, styles, row heights, atomic save).
- export floor: openpyxl writing the cells of that same workbook (values, fonts,
  fills, borders, alignment, number formats, row heights, widths, merges) into a new
  workbook and saving it; the cells are collected before the clock starts.
- import: ``plan_programme_import`` (the preview; writes nothing) of that exported file.
- import floor: ``load_workbook(read_only=True, data_only=True)`` iterating every
  cell of every sheet and reading its value. Runs alternate with their floors.

``python -m bench.files memory DB`` exports once in a fresh process and prints its
peak RSS (VmHWM, see ``bench.peak_rss_mb``) and its peak before the export.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from copy import copy
from pathlib import Path
from typing import Any

from bench import peak_rss_mb


def big_programme(db: Any) -> Any:
    """A programme of every topic, task group and recommendation in the database,
    built as ``planner.services.programme.programme`` builds one committee's."""
    from planner.enums import TopicStatus
    from planner.services.committees import committee_view
    from planner.services.groups import list_groups
    from planner.services.lookup import get
    from planner.services.programme import _scheduled_key
    from planner.services.recommendations import list_recommendations
    from planner.services.topics import list_topics
    from planner.services.views import Programme
    from ui.data.queries import committee_choices

    with db.reading() as session:
        ids = [row[0] for row in committee_choices(session)]
        from planner.db.models import Committee

        committee = committee_view(get(session, Committee, ids[0], "committee"))
        topics = [t for t in list_topics(session, ids) if t.status != TopicStatus.DROPPED]
        scheduled = [t for t in topics if t.meeting_id is not None or t.timing]
        development = sorted(
            (t for t in topics if t.meeting_id is None and not t.timing),
            key=lambda t: (t.position, t.title.lower()),
        )
        return Programme(
            committee=committee,
            scheduled=tuple(sorted(scheduled, key=_scheduled_key)),
            task_groups=tuple(list_groups(session, ids)),
            in_development=tuple(development),
            public=False,
            recommendations=tuple(list_recommendations(session, ids)),
        )


def sheet_cells(path: Path) -> list[dict[str, Any]]:
    """Everything the floor writes again: per sheet its cells, each with the number of
    its style (font, fill, border, alignment, number format) in ``styles``."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    styles: dict[tuple[Any, ...], int] = {}
    sheets = []
    for ws in book.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.has_style or c.value is not None:
                    key = (*map(copy, (c.font, c.fill, c.border, c.alignment)), c.number_format)
                    cells.append((c.row, c.column, c.value, styles.setdefault(key, len(styles))))
        sheets.append(
            {
                "title": ws.title,
                "cells": cells,
                "styles": list(styles),
                "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
                "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
                "merged": [str(m) for m in ws.merged_cells.ranges],
            }
        )
    return sheets


def floor_write(sheets: list[dict[str, Any]], path: Path) -> None:
    """The quickest way openpyxl offers: each distinct style is set once through the
    public attributes, then its index array is copied to every other cell."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    arrays: dict[int, Any] = {}
    for sheet in sheets:
        ws = book.create_sheet(sheet["title"])
        for row, column, value, number in sheet["cells"]:
            cell = ws.cell(row=row, column=column, value=value)
            if number in arrays:
                cell._style = copy(arrays[number])
                continue
            font, fill, border, alignment, number_format = sheet["styles"][number]
            cell.font, cell.fill, cell.border = font, fill, border
            cell.alignment, cell.number_format = alignment, number_format
            arrays[number] = copy(cell._style)
        for row, height in sheet["heights"].items():
            ws.row_dimensions[row].height = height
        for key, width in sheet["widths"].items():
            ws.column_dimensions[key].width = width
        for merged in sheet["merged"]:
            ws.merge_cells(merged)
    book.save(path)


def floor_read(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    count = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    count += 1
    book.close()
    return count


def times(db_path: str, runs: int) -> dict[str, Any]:
    from planner.db.database import open_database
    from planner.export import export_programme
    from planner.importing import plan_programme_import

    db = open_database(db_path)
    out = Path(tempfile.mkdtemp(prefix="fwp-bench-files-"))
    result: dict[str, Any] = {k: [] for k in ("read", "write", "floor_write", "plan", "floor_read")}
    export_path = out / "programme.xlsx"
    programme = big_programme(db)
    export_programme(programme, export_path)  # warm-up, and the file the import reads
    sheets = sheet_cells(export_path)
    result["topics"] = len(programme.scheduled) + len(programme.in_development)
    result["cells"] = sum(len(s["cells"]) for s in sheets)
    committee_id = programme.committee.id
    for run in range(runs):
        start = time.perf_counter()
        programme = big_programme(db)
        read = time.perf_counter()
        export_programme(programme, out / f"export-{run}.xlsx")
        result["read"].append(read - start)
        result["write"].append(time.perf_counter() - read)
        start = time.perf_counter()
        floor_write(sheets, out / f"floor-{run}.xlsx")
        result["floor_write"].append(time.perf_counter() - start)
        start = time.perf_counter()
        with db.reading() as session:
            plan = plan_programme_import(session, export_path, committee_id)
        result["plan"].append(time.perf_counter() - start)
        start = time.perf_counter()
        result["cells_read"] = floor_read(export_path)
        result["floor_read"].append(time.perf_counter() - start)
    result["planned_rows"] = len(plan.rows)
    result["problems"] = len(plan.problems)
    db.close()
    return result


def memory(db_path: str) -> dict[str, Any]:
    from planner.db.database import open_database
    from planner.export import export_programme, programme_workbook  # noqa: F401 (openpyxl)

    db = open_database(db_path)
    before = peak_rss_mb()
    with tempfile.TemporaryDirectory(prefix="fwp-bench-mem-") as folder:
        export_programme(big_programme(db), Path(folder) / "programme.xlsx")
    peak = peak_rss_mb()
    return {"before_mb": before, "peak_mb": peak}


if __name__ == "__main__":
    if sys.argv[1] == "memory":
        report = memory(sys.argv[2])
    else:
        report = times(sys.argv[2], int(sys.argv[3]))
    print(json.dumps(report))
    sys.stdout.flush()
    os._exit(0)
