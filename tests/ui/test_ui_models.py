"""Every list model (and the shared proxy over it) passes Qt's model tester."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_controller import CESC
from PySide6.QtCore import Qt

from planner.services.committees import get_committee
from planner.services.deadlines import committee_calendar, late_reports
from planner.services.lookup import committee_by_name
from planner.services.topics import search_topics
from ui.data import queries
from ui.models.actions import ActionsModel
from ui.models.base import RowModel
from ui.models.groups import GroupsModel
from ui.models.meetings import MeetingsModel
from ui.models.members import MembersModel
from ui.models.programme import DEVELOPMENT, ProgrammeModel
from ui.models.proxy import KeyProxy
from ui.models.roles import HeaderRole, IdRole, KindRole, OverdueRole, RagRole
from ui.models.search import SearchModel
from ui.models.tracker import TrackerModel

TODAY = dt.date(2018, 12, 1)


def _committee_id(db, year: str = "2018/19") -> str:
    with db.reading() as s:
        return committee_by_name(s, CESC, year).id


def _load(db, name: str):
    cid = _committee_id(db)
    with db.reading() as s:
        ids = queries.same_committee_ids(s, cid)
        calendar = committee_calendar(s, cid, today=TODAY)
        if name == "programme":
            model = ProgrammeModel()
            model.load(
                queries.topic_rows(s, cid), queries.meeting_rows(s, cid), late_reports(calendar)
            )
        elif name == "meetings":
            model = MeetingsModel()
            model.load(queries.meeting_rows(s, cid), {d.meeting.id: d for d in calendar.meetings})
        elif name == "groups":
            model = GroupsModel()
            model.load(queries.group_rows(s, cid))
        elif name == "tracker":
            model = TrackerModel()
            model.load(queries.recommendation_rows(s, ids), TODAY)
        elif name == "actions":
            model = ActionsModel()
            model.load(queries.action_rows(s, ids), TODAY)
        elif name == "members":
            model = MembersModel()
            model.load(get_committee(s, cid).members)
        else:
            model = SearchModel()
            model.load(search_topics(s, "children"))
    return model


NAMES = ["programme", "meetings", "groups", "tracker", "actions", "members", "search"]


@pytest.mark.parametrize("name", NAMES)
def test_model_passes_the_model_tester(qtmodeltester, demo_db, name: str) -> None:
    model = _load(demo_db, name)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


@pytest.mark.parametrize("name", NAMES)
def test_proxy_passes_the_model_tester_while_sorting_and_filtering(
    qtmodeltester, demo_db, name: str
) -> None:
    model = _load(demo_db, name)
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    for column in range(model.columnCount()):
        proxy.sort(column, Qt.SortOrder.DescendingOrder)
        proxy.sort(column, Qt.SortOrder.AscendingOrder)
    proxy.set_filter_text("the")
    proxy.set_filter_text("no such words anywhere")
    assert proxy.rowCount() == 0
    proxy.set_filter_text("")
    assert proxy.rowCount() == model.rowCount()
    # The source reloading under the proxy is a reset the tester follows too.
    model.set_rows(list(model.rows())[:1])
    assert proxy.rowCount() == 1


def test_programme_sections_in_printed_order(demo_db) -> None:
    model = _load(demo_db, "programme")
    sections = [model.rows()[r] for r in model.section_rows()]
    kinds = [r.extra.kind for r in sections]
    assert kinds[:2] == ["meeting", "meeting"]
    assert sections[0].cells[0].startswith("7 September 2018")
    assert sections[1].cells[0].startswith("16 November 2018")
    assert kinds[-1] == "development" and sections[-1].cells[0] == DEVELOPMENT
    assert set(kinds[2:-1]) == {"timing"}, "loose timings come between meetings and development"
    first_topic = model.index(1, 1)
    assert model.data(model.index(0, 0), HeaderRole) == "meeting"
    assert model.data(first_topic, HeaderRole) is None
    assert model.data(first_topic, KindRole) == "topic"
    assert model.data(first_topic, IdRole)


def test_tracker_rag_and_overdue(demo_db) -> None:
    model = _load(demo_db, "tracker")
    overdue = [model.data(model.index(r, 0), OverdueRole) for r in range(model.rowCount())]
    assert any(overdue), "responses due in April 2018 are overdue by December 2018"
    due = model.index(overdue.index(True), 5)
    assert "overdue" in model.data(due)
    assert model.data(due, Qt.ItemDataRole.BackgroundRole) is not None
    # Fills always come with explicit dark text, so they read in a dark palette too.
    assert model.data(due, Qt.ItemDataRole.ForegroundRole).lightness() < 60
    assert all(model.data(model.index(r, 0), RagRole) in ("", "green", "amber", "red")
               for r in range(model.rowCount()))  # fmt: skip


def test_large_lists_sort_and_filter_quickly(qtbot) -> None:
    """100,000 rows: sorting and filtering work on precomputed keys, never per-row data()
    (which is what makes QSortFilterProxyModel take seconds; see PLATFORM.md). Counted,
    not timed: unit tests make no timed assertions (bench/ measures the time)."""
    from ui.models.cells import make_row

    class Counting(RowModel):
        calls = 0

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[override]
            Counting.calls += 1
            return super().data(index, role)

    rows = [
        make_row(str(i), (f"Topic {i:06d}", f"Officer {i % 977}"), (f"topic {i:06d}", i % 977))
        for i in range(100_000)
    ]
    model = Counting()
    model.headers = ("Topic", "Officer")  # type: ignore[misc]
    model.set_rows(rows)
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    Counting.calls = 0
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    proxy.set_filter_text("officer 12")
    assert Counting.calls == 0, f"{Counting.calls} data() calls while sorting and filtering"
    proxy.set_filter_text("")
    assert proxy.data(proxy.index(0, 1)) == "Officer 976"
    proxy.set_filter_text("officer 12")
    expected = [t for t in model.filter_texts() if "officer" in t and "12" in t]
    assert proxy.rowCount() == len(expected)


def test_meetings_show_deadlines_and_warnings(demo_db) -> None:
    model = _load(demo_db, "meetings")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    sept = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data() == "7 September 2018"
    )

    def cell(title: str) -> str:
        return model.index(sept, headers.index(title)).data()

    # The seed agenda: published 30 August, member questions 12:00 on 3 September.
    assert cell("Agenda published") == "30 August 2018"
    assert cell("Member questions") == "3 September 2018 12:00"
    assert cell("Public questions") == "31 August 2018"
    assert cell("Petitions") == "24 August 2018"
    nov = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "16 November 2018")
    warnings = model.index(nov, headers.index("Warnings"))
    assert warnings.data() == "2 reports late"
    assert "Alternative Education Provision" in warnings.data(Qt.ItemDataRole.ToolTipRole)
    assert warnings.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_programme_marks_late_reports(demo_db) -> None:
    model = _load(demo_db, "programme")
    status = model.columnCount() - 1
    rows = {model.index(r, 1).data(): r for r in range(model.rowCount())}
    late = model.index(rows["Alternative Education Provision"], status)
    assert "report late" in late.data()
    assert "2 November 2018" in late.data(Qt.ItemDataRole.ToolTipRole)
    assert late.data(Qt.ItemDataRole.BackgroundRole) is not None
    on_time = model.index(rows["Surrey Children's Services Academy"], status)
    assert "report late" not in on_time.data()
