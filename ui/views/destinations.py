"""Asking where topics should go: a meeting, a loose timing, or back into development."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui import prompts
from ui.models.programme import ProgrammeModel

OTHER_TIMING = "Another loose timing (e.g. Spring 2019)…"
Destination = tuple[str | None, str | None]  # (meeting id, timing); (None, None): In Development


def choose_destination(
    parent: QWidget | None,
    model: ProgrammeModel,
    title: str,
    exclude_meeting: str | None = None,
    meetings_only: bool = False,
) -> Destination | None:
    """Offer every open meeting section, loose timing and In Development."""
    labels: list[str] = []
    targets: list[Destination] = []
    for row in model.section_rows():
        section = model.section_of(row)
        if not section.accepts_drops or (exclude_meeting and section.meeting_id == exclude_meeting):
            continue
        if meetings_only and section.kind != "meeting":
            continue
        labels.append(model.rows()[row].cells[0])
        targets.append((section.meeting_id, section.timing))
    if not meetings_only:
        labels.append(OTHER_TIMING)
    choice = prompts.choose(parent, title, "Move to:", labels)
    if choice is None:
        return None
    if choice < len(targets):
        return targets[choice]
    timing = prompts.text(parent, title, "Loose timing (for example 'Early 2019'):")
    return (None, timing) if timing else None
