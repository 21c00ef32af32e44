"""The demo export opened by a real spreadsheet program: LibreOffice reads back what we wrote.

Needs LibreOffice (``make test`` installs libreoffice-calc-nogui). Without it this
test fails rather than skips, so a missing check is never mistaken for a pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.dates import format_date
from planner.export import export_programme
from planner.services.views import Programme, RecommendationView

# UTF-8 CSV of every sheet, one file each, cells as shown (so dates read as printed).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_date(value.date())  # the cells' format is "d mmmm yyyy"
    return str(value)


def trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row.pop()
    return row


def written_rows(ws: Any) -> list[list[str]]:
    return [trimmed([shown(v) for v in row]) for row in ws.iter_rows(values_only=True)]


def libreoffice_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [trimmed(row) for row in csv.reader(handle)]


def test_libreoffice_reads_back_every_cell(
    make_programme: Callable[..., Programme],
    rated_recommendations: list[RecommendationView],
    tmp_path: Path,
) -> None:
    office = shutil.which("libreoffice")
    if office is None:
        pytest.fail(
            "LibreOffice is not installed, so the exported spreadsheet cannot be checked: "
            "install libreoffice-calc-nogui (make test does this)."
        )
    workbook_path = export_programme(make_programme(), tmp_path / "demo.xlsx")
    out = tmp_path / "csv"
    result = subprocess.run(
        [
            office,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(workbook_path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(workbook_path)
    for name in ("Programme", "Recommendations tracker"):
        converted = out / f"demo-{name}.csv"
        assert converted.exists(), f"LibreOffice wrote no {converted.name}: {result.stdout}"
        expected = written_rows(workbook[name])
        assert libreoffice_rows(converted) == expected
    programme_rows = libreoffice_rows(out / "demo-Programme.csv")
    assert programme_rows[0] == [make_programme().title]
    tracker_rows = libreoffice_rows(out / "demo-Recommendations tracker.csv")
    assert tracker_rows[4][:2] == ["7/18", "20 February 2018"]
