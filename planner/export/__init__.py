"""Spreadsheet exports: the programme and the recommendations tracker.

Importing this package is cheap. openpyxl (about 150 ms) is imported only when an
exporter is first used, through the module ``__getattr__`` below.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from planner.export.atomic import atomic_write, write_bytes

if TYPE_CHECKING:
    from planner.export.programme_xlsx import export_programme, programme_workbook
    from planner.export.tracker_xlsx import export_tracker, tracker_workbook, write_tracker_sheet

__all__ = [
    "atomic_write",
    "export_programme",
    "export_tracker",
    "programme_workbook",
    "tracker_workbook",
    "write_bytes",
    "write_tracker_sheet",
]

_LAZY = {
    "export_programme": "planner.export.programme_xlsx",
    "programme_workbook": "planner.export.programme_xlsx",
    "export_tracker": "planner.export.tracker_xlsx",
    "tracker_workbook": "planner.export.tracker_xlsx",
    "write_tracker_sheet": "planner.export.tracker_xlsx",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
