"""Opening a database from the window and waiting for the worker's answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def wait_for_open(qtbot: Any, window: Any, start: Callable[[], object]) -> bool:
    """Call ``start`` (which asks the window to open a database), then wait until
    ``FileOps`` says ``opened`` or ``failed``: True when the database opened."""
    files = window.files
    outcome: list[bool] = []

    def opened(label: str) -> None:
        outcome.append(True)

    def failed(message: str) -> None:
        outcome.append(False)

    files.opened.connect(opened)
    files.failed.connect(failed)
    try:
        if start() is False and not outcome:
            return False  # refused: another open was still running
        qtbot.waitUntil(lambda: bool(outcome), timeout=30_000)
    finally:
        files.opened.disconnect(opened)
        files.failed.disconnect(failed)
    return outcome[0]


def open_and_wait(qtbot: Any, window: Any, target: str) -> bool:
    return wait_for_open(qtbot, window, lambda: window.files.open_target(target))
