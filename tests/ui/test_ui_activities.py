"""The member activity programme (seed 000, Annex B) has its own view."""

from __future__ import annotations

from fake_controller import CESC
from PySide6.QtCore import Qt

from planner.services.actions import get_activity, list_activities
from planner.services.lookup import committee_by_name
from ui.data.queries import same_committee_ids
from ui.models.activities import ActivitiesModel
from ui.views.lists import ActivitiesView


def _activities(db):
    with db.reading() as s:
        cid = committee_by_name(s, CESC, "2018/19").id
        return list_activities(s, same_committee_ids(s, cid))


def test_model_passes_the_model_tester(qtmodeltester, demo_db) -> None:
    model = ActivitiesModel()
    model.load(_activities(demo_db))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_quarters_sort_by_year_then_quarter(demo_db) -> None:
    from ui.models.proxy import KeyProxy

    model = ActivitiesModel()
    model.load(_activities(demo_db))
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    quarters = [proxy.data(proxy.index(r, 2)) for r in range(proxy.rowCount())]
    dated = [q for q in quarters if q]
    assert dated == sorted(dated, key=lambda q: (q.split()[1], q.split()[0]))
    assert dated[0].endswith("2018") and dated[-1].endswith("2019")


def test_the_view_shows_the_demo_programme_and_edits_through_the_controller(
    qtbot, window
) -> None:
    window.show_view("activities")
    view = window.view("activities")
    assert isinstance(view, ActivitiesView)
    assert view.proxy.rowCount() == len(_activities(window.db)) > 0
    assert view.status_text().endswith("activities")
    calls = window.controller.calls
    window.actions.new.trigger()
    assert calls[-1] == ("add", "activity", window.committee_id, {})
    assert window.actions.new.text() == "&New Activity…"
    view.table.selectRow(0)
    activity_id = view.selected_ids()[0]
    window.actions.edit.trigger()
    assert calls[-1] == ("edit", "activity", activity_id)
    window.actions.delete.trigger()
    assert calls[-1] == ("delete", "activity", [activity_id])
    # In place: the location, through the undo stack.
    location = view.proxy.index(0, 4)
    assert view.proxy.flags(location) & Qt.ItemFlag.ItemIsEditable
    assert view.proxy.setData(location, "Woking", Qt.ItemDataRole.EditRole)
    with window.db.reading() as s:
        assert get_activity(s, activity_id).location == "Woking"
    window.actions.undo.trigger()
    with window.db.reading() as s:
        assert get_activity(s, activity_id).location != "Woking"
    qtbot.keyClicks(view.filter, "guildford")
    assert 0 < view.proxy.rowCount() < view.model.rowCount()
