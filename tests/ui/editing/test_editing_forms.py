"""Record forms driven with qtbot: errors under fields, values round trip, labels."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from planner.enums import TopicStatus
from planner.services import actions, committees, groups, meetings, recommendations, topics
from ui.editing.checks import changed_values
from ui.editing.forms import FORMS
from ui.editing.forms.fields import CheckField

NOV = "2018-11-16"


def _open(qtbot, controller, kind, view, committee_id, **defaults):
    form = controller.make_form(kind, view, committee_id, defaults)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def _ok(qtbot, form) -> None:
    button = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _count(read, fn, committee_id) -> int:
    return len(read(fn, [committee_id]))


def test_blank_title_shows_under_the_title_and_the_form_stays_open(qtbot, controller, read, cesc):
    before = _count(read, topics.list_topics, cesc.id)
    form = _open(qtbot, controller, "topic", None, cesc.id)
    qtbot.keyClicks(form.fields["description"].edit, "Numbers of children educated at home")
    _ok(qtbot, form)
    title = form.fields["title"]
    assert title.error.text() == "The title must not be blank."
    assert title.error.isVisible() and form.isVisible()
    assert form.result_values is None
    assert _count(read, topics.list_topics, cesc.id) == before

    qtbot.keyClicks(title.line, "Elective home education")
    _ok(qtbot, form)
    assert not form.isVisible() and not title.error.isVisible()
    assert form.result_values["title"] == "Elective home education"
    assert form.result_values["status"] == TopicStatus.PROPOSED
    assert _count(read, topics.list_topics, cesc.id) == before  # the dry run rolled back


def test_service_rule_error_switches_to_its_tab(qtbot, controller, read, cesc_2017):
    rec = read(recommendations.recommendation_by_reference, [cesc_2017.id], "7/18")
    form = _open(qtbot, controller, "recommendation", rec, cesc_2017.id)
    form.fields["status"].set_value("slipped")
    _ok(qtbot, form)
    error = form.fields["slipped_to"].error
    assert error.text() == "A slipped recommendation needs its new date."
    assert error.isVisible() and form.isVisible()
    assert form._tabs.currentIndex() == 1

    form.fields["slipped_to"].line.setText("31 February 2019")
    _ok(qtbot, form)
    assert error.text() == "Slipped to '31 February 2019' is not a real date."
    assert error.isVisible()
    assert read(recommendations.get_recommendation, rec.id) == rec


def test_group_approval_order(qtbot, controller, read, cesc):
    group = read(groups.list_groups, [cesc.id])[0]
    form = _open(qtbot, controller, "group", group, cesc.id)
    form.fields["committee_approved_on"].line.setText("20 June 2018")
    form.fields["cosc_approved_on"].line.setText("2018-06-01")
    _ok(qtbot, form)
    error = form.fields["cosc_approved_on"].error
    assert "approves after the committee" in error.text() and error.isVisible()
    assert form.isVisible()


def test_meeting_needs_a_date(qtbot, controller, read, cesc):
    form = _open(qtbot, controller, "meeting", None, cesc.id)
    qtbot.keyClicks(form.fields["place"].line, "County Hall")
    _ok(qtbot, form)
    assert form.errors() == {"date": "A meeting needs a date."}
    qtbot.keyClicks(form.fields["date"].line, "25/1/2019")
    _ok(qtbot, form)
    assert form.result_values["date"] == dt.date(2019, 1, 25)


def test_add_through_the_real_form(qtbot, controller, read, cesc):
    def fill(kind, view, committee_id, defaults=None):
        form = _open(qtbot, controller, kind, view, committee_id, **(defaults or {}))
        assert form.fields["meeting_id"].value() == cesc.meetings[NOV]
        assert not form.fields["timing"].input.isEnabled()
        assert form.fields["status"].value() == TopicStatus.SCHEDULED
        qtbot.keyClicks(form.fields["title"].line, "School places")
        form.fields["exempt_paragraph"].combo.setCurrentIndex(3)
        _ok(qtbot, form)
        return form.result_values

    controller.open_form = fill
    controller.add("topic", cesc.id, meeting_id=cesc.meetings[NOV])
    added = next(t for t in read(topics.list_topics, [cesc.id]) if t.title == "School places")
    assert (added.exempt, added.exempt_paragraph, added.status) == (True, 3, "scheduled")
    assert controller.undo_stack.undoText() == "Add topic 'School places'"


def test_topic_timing_follows_the_meeting(qtbot, controller, cesc):
    form = _open(qtbot, controller, "topic", None, cesc.id)
    meeting, timing, status = (form.fields[k] for k in ("meeting_id", "timing", "status"))
    assert timing.input.isEnabled() and status.value() == TopicStatus.PROPOSED
    meeting.set_value(cesc.meetings[NOV])
    assert not timing.input.isEnabled() and status.value() == TopicStatus.SCHEDULED
    meeting.set_value(None)
    assert timing.input.isEnabled() and status.value() == TopicStatus.PROPOSED
    exempt = form.fields["exempt_paragraph"].combo
    assert exempt.itemText(0) == "Public"
    assert exempt.itemText(1) == "1 – Information relating to any individual"


def _records(read, cesc, cesc_2017):
    members = read(committees.get_committee, cesc.id).members
    return {
        "topic": read(topics.list_topics, [cesc.id])[5],
        "meeting": read(meetings.get_meeting, cesc.meetings[NOV]),
        "group": read(groups.list_groups, [cesc.id])[0],
        "recommendation": read(recommendations.list_recommendations, [cesc_2017.id])[0],
        "action": read(actions.list_actions, [cesc_2017.id])[0],
        "member": next(m for m in members if m.office),
        "activity": read(actions.list_activities, [cesc.id])[0],
        "committee": read(committees.get_committee, cesc.id),
    }


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_unchanged_form_changes_nothing(kind, qtbot, controller, read, cesc, cesc_2017):
    view = _records(read, cesc, cesc_2017)[kind]
    committee = cesc_2017 if kind in ("recommendation", "action") else cesc
    form = _open(qtbot, controller, kind, view, committee.id)
    assert changed_values(view, form.values()) == {}
    _ok(qtbot, form)
    assert form.result_values is not None and not form.errors()


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_labels_buddies_mnemonics_and_screenshot(
    kind, qtbot, controller, read, cesc, cesc_2017, tmp_path
):
    view = _records(read, cesc, cesc_2017)[kind]
    form = _open(qtbot, controller, kind, view, cesc.id)
    for index, (_, _, fields) in enumerate(form._pages):
        if form._tabs is not None:
            form._tabs.setCurrentIndex(index)
        letters = []
        for f in fields:
            assert f.input.accessibleName() == f.label_text
            text = f.box.text() if isinstance(f, CheckField) else f.label.text()
            if not isinstance(f, CheckField):
                assert f.label.buddy() is f.input
                assert f.label.width() >= f.label.sizeHint().width(), f.key  # not clipped
            if "&" in text:
                letters.append(text[text.index("&") + 1].lower())
            assert not f.error.isVisible()
        assert len(letters) == len(set(letters)), letters
        assert len(letters) >= len(fields) - 1
    if form._tabs is not None:
        form._tabs.setCurrentIndex(0)
    image = form.grab()
    assert not image.isNull() and image.width() >= form.minimumWidth()
    assert image.save(str(tmp_path / f"{kind}.png"))
