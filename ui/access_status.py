"""The status bar's note of the user's role on the shown committee's council (issue 6).

Hidden when no roles are configured (the single clerk of a local file). A viewer or a
member sees, all the time, that exempt items are left out and what they may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:  # SQLAlchemy is imported after the first paint (ui/opening.py)
    from planner.access.roles import AccessView
    from planner.db.database import Database

LIMITED = (
    "QLabel { background: #fff4ce; color: #3b2f00; border: 1px solid #c9a400; padding: 1px 6px; }"
)
FULL = "QLabel { padding: 1px 6px; }"


class AccessBadge(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your role")
        self.access: AccessView | None = None
        self.hide()

    def refresh(self, db: Database | None, committee_id: str | None) -> None:
        self.access = None
        if db is not None and committee_id is not None:
            from sqlalchemy.exc import SQLAlchemyError

            from planner.access.roles import access_of
            from planner.errors import PlannerError
            from planner.services.committees import get_committee

            try:
                with db.reading() as session:
                    council_id = get_committee(session, committee_id).council_id
                    self.access = access_of(session, council_id)
            except (PlannerError, SQLAlchemyError):
                self.access = None
        text = self.access.sentence if self.access else ""
        self.setText(text)
        limited = self.access is not None and not self.access.can_edit
        self.setStyleSheet(LIMITED if limited else FULL)
        self.setToolTip(
            "Checked by the database: it refuses what your role does not allow."
            if self.access and self.access.enforced_by == "database"
            else "Checked by the planner for this file."
        )
        self.setVisible(bool(text))
