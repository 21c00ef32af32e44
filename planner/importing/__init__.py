"""Importing programme and tracker spreadsheets (.xlsx, .csv) as councils lay them out.

Two steps, so that nothing is saved before the user has seen what will happen:

    plan = plan_programme_import(session, path, committee_id)   # reads; writes nothing
    ... show plan.rows, plan.problems, plan.mappings; let the user correct the mapping ...
    with db.transaction() as session:
        report = apply_plan(session, plan)                       # all or nothing

openpyxl is imported only when a workbook is actually read.
"""

from __future__ import annotations

from planner.importing.apply import ApplyReport, apply_plan
from planner.importing.headers import ColumnMapping, Overrides, parse_overrides
from planner.importing.model import ImportPlan, NewMeeting, PlannedRow, Problem
from planner.importing.programme_plan import plan_programme_import
from planner.importing.reader import ImportFileError
from planner.importing.tracker_plan import plan_tracker_import

__all__ = [
    "ApplyReport",
    "ColumnMapping",
    "ImportFileError",
    "ImportPlan",
    "NewMeeting",
    "Overrides",
    "PlannedRow",
    "Problem",
    "apply_plan",
    "parse_overrides",
    "plan_programme_import",
    "plan_tracker_import",
]
