"""Application start-up: show the window, then open the database (demo programme on
first start) off the GUI thread; see ``ui/opening.py``.

``--screenshot FILE [--view NAME]`` renders the window, saves it as a PNG and exits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

# Qt first and SQLAlchemy after the first paint (ui/opening.py): nothing here may
# import planner.db.
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
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    configure(app)
    from ui.main_window import MainWindow
    from ui.opening import StartUp

    window = MainWindow(None, remember=not args.screenshot)
    if args.view:
        window.show_view(args.view)
    start_up = StartUp(window, args.db, quiet=bool(args.screenshot))
    if args.screenshot:
        shot = args.screenshot
        start_up.opened.connect(
            lambda _db: QTimer.singleShot(400, lambda: take_screenshot(app, window, shot))
        )

        def failed(message: str) -> None:
            print(message, file=sys.stderr)
            app.exit(1)

        start_up.failed.connect(failed)
    window.show()
    status = app.exec()
    if window.db is not None:
        window.db.close()
    return status
