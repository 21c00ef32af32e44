"""Application start-up: open the database (demo programme on first start), show the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

# SQLAlchemy before Qt: measured ~100 ms faster start (see PLATFORM.md).
from planner.db.database import Database, open_database
from planner.errors import PlannerError


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fwp-planner", description="Forward work programme planner")
    parser.add_argument("--db", help="database file or URL (default: your planner file)")
    return parser.parse_args(argv)


def open_with_demo(target: str | None) -> Database:
    """The default file starts with the demo programme so a new user sees something real."""
    db = open_database(target)
    from planner.demo import load_demo
    from planner.services.committees import list_councils

    with db.transaction() as session:
        if target is None and not list_councils(session):
            load_demo(session)
    return db


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Forward Work Programme Planner")
    try:
        db = open_with_demo(args.db)
    except PlannerError as exc:
        QMessageBox.critical(None, "Cannot open the programme", str(exc))
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    return app.exec()
