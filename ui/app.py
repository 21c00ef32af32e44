"""Application start-up: open the database (demo programme on first start), show the window.

``--screenshot FILE [--view NAME]`` renders the window, saves it as a PNG and exits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

# SQLAlchemy before Qt: measured ~100 ms faster start (see PLATFORM.md).
from planner.db.database import Database, open_database
from planner.errors import LoginError, PlannerError

VIEWS = ("programme", "meetings", "groups", "tracker", "actions", "committee", "activities")
DISPLAY_NAME = "Forward Work Programme Planner"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fwp-planner", description=DISPLAY_NAME)
    parser.add_argument("--db", help="database file or URL (default: your planner file)")
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="save a picture of the window and exit"
    )
    parser.add_argument("--view", choices=VIEWS, help="the view to show first")
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


def configure(app: Any) -> None:
    """Names QSettings files use (tests set their own before building a window)."""
    from ui.settings import APPLICATION, ORGANISATION

    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(DISPLAY_NAME)


def take_screenshot(app: Any, window: Any, path: str) -> None:
    for _ in range(5):
        app.processEvents()
    if not window.grab().save(path):
        print(f"Could not write {path}", file=sys.stderr)
        app.exit(1)
        return
    app.exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication(sys.argv[:1])
    configure(app)
    try:
        try:
            db = open_with_demo(args.db)
        except LoginError:
            if args.screenshot or not args.db:
                raise
            from ui.db_login import open_with_login  # a server wants a password: ask

            asked = open_with_login(None, args.db)
            if asked is None:
                return 1
            db = asked
    except PlannerError as exc:
        if args.screenshot:
            print(exc, file=sys.stderr)
        else:
            QMessageBox.critical(None, "Cannot open the programme", str(exc))
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(db, remember=not args.screenshot)
    if args.view:
        window.show_view(args.view)
    window.show()
    if args.screenshot:
        QTimer.singleShot(400, lambda: take_screenshot(app, window, args.screenshot))
    status = app.exec()
    db.close()
    return status
