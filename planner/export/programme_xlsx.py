"""The forward work programme spreadsheet, laid out exactly as the council prints it.

Sheet "Programme": title, chairs line, then the scheduled table, "Task Groups" and
"In Development" sections down the same six columns. The "In Development" table
starts in the second column, under "Scrutiny Topic", as in the printed table, so
each kind of text keeps a column of the right width. Sheet "Recommendations
tracker" follows.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from planner.dates import format_date
from planner.export import sheet_style as st
from planner.export.atomic import atomic_write
from planner.export.tracker_xlsx import write_tracker_sheet
from planner.services.views import Programme, TaskGroupView, TopicView

PROGRAMME_SHEET = "Programme"
PROGRAMME_WIDTHS = (
    st.WIDTH_DATE,
    st.WIDTH_TITLE,
    st.WIDTH_LONG,
    st.WIDTH_LONG,
    st.WIDTH_METHOD,
    st.WIDTH_TITLE,
)
SCHEDULED_HEADERS: tuple[str | None, ...] = (
    "Date of Meeting",
    "Scrutiny Topic",
    "Description",
    "Outcome",
    "Method",
    "Officer(s) responsible",
)
GROUP_HEADERS: tuple[str | None, ...] = (
    "Projected finish date",
    "Topic",
    "Description",
    "Outcome",
    "Membership",
)
DEVELOPMENT_HEADERS: tuple[str | None, ...] = (None, "Topic", "Description", "Outcome", "Method")
TASK_GROUPS = "Task Groups"
IN_DEVELOPMENT = "In Development"
FIRST_HEADER_ROW = 4
PUBLIC_NOTE = "Public version: exempt (Part 2) items are not included."
FULL_NOTE = "Full version: includes exempt (Part 2) items. Not for publication."
NONE_YET = "None at present."


def exempt_mark(paragraph: int | None) -> str:
    suffix = f" paragraph {paragraph}" if paragraph is not None else ""
    return f"Exempt – Schedule 12A{suffix}"


def _marked(text: str | None, exempt: bool, paragraph: int | None) -> str | None:
    """Append the exempt marking on its own line of the cell."""
    if not exempt:
        return text
    mark = exempt_mark(paragraph)
    return f"{text}\n{mark}" if text else mark


def scheduled_row(topic: TopicView) -> tuple[st.Value, ...]:
    return (
        topic.when,  # text, as printed: "16 November 2018" or "Early 2019"
        topic.title,
        topic.description,
        topic.outcome,
        _marked(topic.method, topic.exempt, topic.exempt_paragraph),
        topic.officers,
    )


def group_row(group: TaskGroupView) -> tuple[st.Value, ...]:
    return (
        format_date(group.projected_finish) or None,
        group.title,
        group.description,
        group.outcome,
        # No Method column here, so the marking goes after the membership.
        _marked(group.membership, group.exempt, group.exempt_paragraph),
    )


def development_row(topic: TopicView) -> tuple[st.Value, ...]:
    return (
        None,
        topic.title,
        topic.description,
        topic.outcome,
        _marked(topic.method, topic.exempt, topic.exempt_paragraph),
    )


class _Writer:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 0

    def banner(self, text: str, **style: Any) -> None:
        self.row += 1
        st.write_banner(self.ws, self.row, text, PROGRAMME_WIDTHS, **style)

    def table(
        self, headers: tuple[str | None, ...], rows: list[tuple[st.Value, ...]], blank_at: int
    ) -> None:
        self.row += 1
        st.write_row(self.ws, self.row, headers, PROGRAMME_WIDTHS, header=True)
        if not rows:
            # Say so, rather than print a header over nothing.
            rows = [tuple([None] * blank_at + [NONE_YET])]
        for values in rows:
            self.row += 1
            st.write_row(self.ws, self.row, values, PROGRAMME_WIDTHS)


def write_programme_sheet(ws: Any, programme: Programme, *, today: dt.date) -> None:
    public = programme.public

    def shown(items: tuple[Any, ...]) -> list[Any]:
        # The service already leaves exempt rows out of a public programme; a
        # public export must never depend on that alone.
        return [item for item in items if not (public and item.exempt)]

    ws.title = PROGRAMME_SHEET
    st.set_widths(ws, PROGRAMME_WIDTHS)
    out = _Writer(ws)
    out.banner(programme.title, size=st.TITLE_SIZE, bold=True)
    out.banner(programme.chairs_line)
    out.banner(PUBLIC_NOTE if public else FULL_NOTE, italic=True)
    out.table(SCHEDULED_HEADERS, [scheduled_row(t) for t in shown(programme.scheduled)], 0)
    out.banner(TASK_GROUPS, bold=True, section=True)
    out.table(GROUP_HEADERS, [group_row(g) for g in shown(programme.task_groups)], 1)
    out.banner(IN_DEVELOPMENT, bold=True, section=True)
    out.table(DEVELOPMENT_HEADERS, [development_row(t) for t in shown(programme.in_development)], 1)
    st.setup_page(
        ws,
        widths=PROGRAMME_WIDTHS,
        last_row=out.row,
        header_row=FIRST_HEADER_ROW,
        title=programme.title,
        today=today,
    )


def programme_workbook(programme: Programme, *, today: dt.date | None = None) -> Any:
    """The workbook in memory: the programme sheet, then the tracker sheet."""
    today = today or dt.date.today()
    workbook = Workbook()
    write_programme_sheet(workbook.active, programme, today=today)
    tracker_title = f"{programme.committee.name} Recommendations Tracker"
    write_tracker_sheet(
        workbook.create_sheet(), programme.recommendations, tracker_title, today=today
    )
    workbook.active = 0
    workbook.properties.title = programme.title
    workbook.properties.creator = "Forward Work Programme planner"
    return workbook


def export_programme(
    programme: Programme, path: str | os.PathLike[str], *, today: dt.date | None = None
) -> Path:
    """Write the programme to ``path`` (.xlsx) all or nothing; returns the path written."""
    workbook = programme_workbook(programme, today=today)
    return atomic_write(path, workbook.save)
