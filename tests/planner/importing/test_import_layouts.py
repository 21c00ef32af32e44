"""Real layouts: the seed's printed table, a Word paste with merged dates, a Windows-1252
CSV, and a tracker whose only status is the colour of a cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_fixtures import (
    CESC,
    SEED_GROUPS,
    SEED_TOPICS,
    WORD_TOPICS,
    cp1252_csv,
    rag_tracker_xlsx,
    seed_programme_xlsx,
    word_paste_xlsx,
)

from planner.db.database import Database
from planner.enums import RecStatus, TopicStatus
from planner.importing import apply_plan, plan_programme_import, plan_tracker_import
from planner.services.committees import get_committee
from planner.services.groups import list_groups
from planner.services.lookup import committee_by_name
from planner.services.programme import programme
from planner.services.recommendations import list_recommendations
from planner.services.topics import list_topics


def test_seed_table_as_printed_imports_into_an_empty_committee(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path = seed_programme_xlsx(tmp_path / "seed.xlsx")
    with empty_db.transaction() as s:
        plan = plan_programme_import(s, path, empty_cesc)
        assert not plan.problems
        assert [m.date for m in plan.new_meetings] == [dt.date(2018, 11, 16)]
        assert plan.committee_changes == {"chairman": "Kay Hammond",
                                          "vice_chairman": "Chris Botten"}
        # "2018/2019" in the title is this committee's year: no warning about that, only
        # about the row the page break split in two.
        assert plan.warnings == (
            "Programme, row 12 has no title; it is read as the rest of row 10 (a row split "
            "across a page).",
        )
        apply_plan(s, plan)
    with empty_db.reading() as s:
        prog = programme(s, empty_cesc)
        topics = [*prog.scheduled, *prog.in_development]
        got = [(t.title, t.when, t.method, t.officers) for t in topics]
        assert got == SEED_TOPICS
        assert [g.title for g in prog.task_groups] == SEED_GROUPS
        assert all(g.members == () for g in prog.task_groups)  # "TBC"
        assert prog.chairs_line == "(Chairman: Kay Hammond, Vice-Chairman: Chris Botten)"
        early_help = topics[1]
        # The row the page break split in two is one topic again.
        assert early_help.outcome is not None
        assert early_help.outcome.endswith(
            "to alleviate key areas of improvement identified in the Ofsted inspection of "
            "Children's Services (2018)."
        )
        assert [t.status for t in prog.in_development] == [TopicStatus.IN_DEVELOPMENT] * 2


def test_seed_table_matches_the_demo_taken_from_the_same_pages(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    """The demo was transcribed from the seed: every row is found and nothing changes."""
    path = seed_programme_xlsx(tmp_path / "seed.xlsx")
    with demo_db.reading() as s:
        plan = plan_programme_import(s, path, demo_cesc)
    assert not plan.problems
    assert len(plan.unchanged) == 7
    assert not plan.changes_anything
    header = plan.mappings[1]
    assert header.section == "groups" and header.column("title") == 1  # Cyrillic "Торіс"


def test_word_paste_with_merged_date_cells(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path = word_paste_xlsx(tmp_path / "word.xlsx")
    with empty_db.transaction() as s:
        plan = plan_programme_import(s, path, empty_cesc)
        assert not plan.problems, plan.problems
        assert plan.mappings[0].header_row == 6
        assert plan.mappings[0].column("date") == 1  # the table starts in column B
        assert plan.skipped_rows == 1  # "Page 1 of 2"
        apply_plan(s, plan)
    with empty_db.reading() as s:
        topics = {t.title: t for t in list_topics(s, [empty_cesc])}
        assert {t: (v.when, v.method, v.exempt_paragraph) for t, v in topics.items()} == (
            WORD_TOPICS
        )
        assert topics["Home to School Transport"].status == TopicStatus.PROPOSED
        assert topics["Corporate Parenting Annual Report"].officers == (
            "Head of Looked After Children"
        )
        (group,) = list_groups(s, [empty_cesc])
        assert group.title == "Home to School Transport Review"
        assert group.members == ("Mr A Smith", "Mrs B Jones")
        assert group.projected_finish == dt.date(2019, 3, 31)
        assert group.description == "To review the policy."


def test_windows_1252_csv(empty_db: Database, empty_cesc: str, tmp_path: Path) -> None:
    path = cp1252_csv(tmp_path / "programme.csv")
    with empty_db.transaction() as s:
        plan = plan_programme_import(s, path, empty_cesc)
        assert not plan.problems
        # "16/11/18" and "16th Nov 2018" are the same meeting.
        assert [m.date for m in plan.new_meetings] == [dt.date(2018, 11, 16)]
        apply_plan(s, plan)
    with empty_db.reading() as s:
        topics = {t.title: t for t in list_topics(s, [empty_cesc])}
    centres = topics["Children’s Centres – £2.1m savings"]
    assert centres.description == "Consider the proposals, including the cafés run by the centres."
    assert centres.outcome == "Members’ views inform Cabinet’s decision."
    assert centres.officers == "Head of Early Help"  # "Report author"
    assert topics["School Places"].description == "Places needed by 2021, “bulge” classes."
    assert topics["Foster Carer Recruitment"].timing == "Early 2019"
    assert topics["Apprenticeships for Care Leavers"].timing == "Spring"
    assert topics["Apprenticeships for Care Leavers"].outcome is None
    mental = topics["Mental Health – young people’s services"]
    assert (mental.meeting_id, mental.timing, mental.status) == (
        None, None, TopicStatus.IN_DEVELOPMENT
    )


def test_a_bad_date_is_reported_by_sheet_row_and_column(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    path = cp1252_csv(tmp_path / "Programme.csv", [["31/02/19", "Libraries", "", "", "", ""]])
    with empty_db.reading() as s:
        plan = plan_programme_import(s, path, empty_cesc)
    assert [str(p) for p in plan.problems] == [
        "Programme, row 12, column A: '31/02/19' is not a real date."
    ]
    assert len(plan.to_create) == 5


@pytest.mark.parametrize("into", ["demo", "empty"])
def test_tracker_with_rag_fills_and_no_status_column(
    into: str, backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    db: Database = request.getfixturevalue(f"{into}_db")  # on ``backend``, set up front
    path = rag_tracker_xlsx(tmp_path / "tracker.xlsx")
    with db.transaction() as s:
        committee = committee_by_name(s, CESC, "2018/19")
        plan = plan_tracker_import(s, path, committee.id)
        assert not plan.problems
        if into == "empty":
            # The meeting of 20 February 2018 belongs to 2017/18.
            (meeting,) = plan.new_meetings
            assert meeting.date == dt.date(2018, 2, 20)
            assert meeting.committee_label == f"{CESC} 2017/18"
        apply_plan(s, plan)
    with db.reading() as s:
        old_year = committee_by_name(s, CESC, "2017/18").id
        recs = {r.reference: r for r in list_recommendations(s, [old_year])}
    assert recs["6/18"].status == RecStatus.ACHIEVED  # green, and the row says achieved
    assert recs["7/18"].status == RecStatus.ON_TRACK  # a different green
    assert recs["7/18"].next_review == dt.date(2018, 11, 16)
    assert (recs["8/18"].status, recs["8/18"].slipped_to, recs["8/18"].slipped_reason) == (
        RecStatus.SLIPPED, dt.date(2019, 3, 3), "the contract review took longer."
    )
    assert recs["9/18"].status == RecStatus.NOT_ACHIEVED
    assert recs["10/18"].status is None
    assert recs["10/18"].meeting_date == dt.date(2018, 2, 20)
    assert recs["10/18"].response_due == dt.date(2018, 4, 20)  # two months on


def test_amber_without_a_new_date_is_a_problem_in_the_coloured_cell(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    path = rag_tracker_xlsx(tmp_path / "tracker.xlsx", amber_text="Delayed again.")
    with demo_db.reading() as s:
        plan = plan_tracker_import(s, path, demo_cesc)
    (problem,) = plan.problems
    assert (problem.sheet, problem.row, problem.column) == ("Tracker", 6, "A")
    assert "amber (slipped)" in problem.message
    assert "Slipped to 3 March 2019: reason" in problem.message


def test_chairs_are_filled_in_but_never_replaced(
    demo_db: Database, demo_cesc: str, tmp_path: Path
) -> None:
    path = word_paste_xlsx(tmp_path / "word.xlsx")
    with demo_db.reading() as s:
        before = get_committee(s, demo_cesc)
        plan = plan_programme_import(s, path, demo_cesc)
    assert before.chairman is not None
    assert plan.committee_changes == {}


def test_a_file_for_another_year_is_warned_about(
    empty_db: Database, tmp_path: Path
) -> None:
    path = seed_programme_xlsx(tmp_path / "seed.xlsx")
    with empty_db.reading() as s:
        older = committee_by_name(s, CESC, "2017/18").id
        plan = plan_programme_import(s, path, older)
    assert any("programme for 2018/19" in w for w in plan.warnings)
    assert any("falls outside 2017/18" in w for w in plan.warnings)


def test_meeting_dates_as_heading_rows_above_their_topics(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    """No date column: each meeting is a merged row above its topics."""
    from import_fixtures import write_xlsx

    rows = [
        ["Item", "Purpose", "Lead officer"],
        ["Meeting: 25 January 2019"],
        ["Budget Scrutiny", "The draft budget.", "Finance Director"],
        ["Fostering", "Recruitment.", "Head of Fostering"],
        [dt.datetime(2019, 3, 15)],
        ["Youth Service", "Proposals.", "Head of Youth Services"],
    ]
    path = write_xlsx(tmp_path / "headings.xlsx", rows, merges=["A2:C2", "A5:C5"])
    with empty_db.reading() as s:
        plan = plan_programme_import(s, path, empty_cesc)
    assert not plan.problems
    assert [(r.name, r.when) for r in plan.to_create] == [
        ("Budget Scrutiny", "25 January 2019"),
        ("Fostering", "25 January 2019"),
        ("Youth Service", "15 March 2019"),
    ]


def test_tracker_csv_with_status_text_and_a_meeting_written_once(
    empty_db: Database, tmp_path: Path
) -> None:
    from import_fixtures import csv_bytes

    path = tmp_path / "tracker.csv"
    path.write_bytes(csv_bytes([
        ["Ref", "Meeting", "Recommendation", "Addressed to", "Response", "Agreed", "Status"],
        ["SR (25/26) 01", "7 September 2018", "That the Academy reports back.", "Director",
         "Accepted.", "Yes", "On track"],
        ["SR (25/26) 02", "", "That the figures are circulated.", "Chairman", "", "",
         "Slipped to 16/11/18 - figures not ready"],
        ["SR (25/26) 03", "", "That members visit.", "Clerk", "", "Perhaps", "Achieved"],
    ], "utf-8-sig"))
    with empty_db.reading() as s:
        plan = plan_tracker_import(s, path, committee_by_name(s, CESC, "2018/19").id)
    created = {r.values["reference"]: r.values for r in plan.to_create}
    assert created["SR (25/26) 01"]["agreed"].value == "yes"
    assert created["SR (25/26) 02"]["meeting_date"] == dt.date(2018, 9, 7)  # carried down
    assert created["SR (25/26) 02"]["slipped_to"] == dt.date(2018, 11, 16)
    assert created["SR (25/26) 02"]["slipped_reason"] == "figures not ready"
    assert [str(p) for p in plan.problems] == [
        "tracker, row 4, column F: 'Perhaps' is not yes, no or in part."
    ]


def test_a_file_that_starts_with_its_in_development_section(
    empty_db: Database, empty_cesc: str, tmp_path: Path
) -> None:
    from import_fixtures import csv_bytes

    path = tmp_path / "ideas.csv"
    path.write_bytes(csv_bytes([
        ["In Development"], ["Topic", "Description"], ["Libraries", "Opening hours."],
    ]))
    with empty_db.reading() as s:
        (row,) = plan_programme_import(s, path, empty_cesc).to_create
    assert row.values["status"] == TopicStatus.IN_DEVELOPMENT
