"""Import plans: read a file, say what importing it would do, write nothing.

The plan lists rows to create, rows matching existing records that will be updated
(with each change), rows left unchanged, meetings to add, and every row that cannot
be read with its sheet, row and column. ``planner.importing.apply.apply_plan``
carries a confirmed plan out in one transaction.
"""

from __future__ import annotations

from planner.importing.model import ImportPlan, NewMeeting, PlannedRow, Problem
from planner.importing.programme_plan import plan_programme_import
from planner.importing.tracker_plan import plan_tracker_import

__all__ = [
    "ImportPlan",
    "NewMeeting",
    "PlannedRow",
    "Problem",
    "plan_programme_import",
    "plan_tracker_import",
]
