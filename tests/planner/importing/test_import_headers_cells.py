"""Header names by meaning, section rows, and reading single cells."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.enums import Agreed, Rag, RecStatus
from planner.errors import ValidationError
from planner.importing.cells import (
    CellError,
    read_agreed,
    read_date,
    read_members,
    read_status,
    read_when,
    split_agreed_line,
    split_exempt,
)
from planner.importing.headers import (
    ColumnMapping,
    column_letter,
    detect_header,
    match_header,
    parse_column,
    parse_overrides,
    section_of,
    with_overrides,
)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Date of Meeting", "date"), ("Meeting date", "date"), ("Date", "date"),
        ("Scrutiny Topic", "title"), ("Topic", "title"), ("Item", "title"),
        ("Торіс", "title"),  # Cyrillic look-alikes, as in the seed
        ("Officer(s) responsible", "officers"), ("Lead officer", "officers"),
        ("Report author", "officers"), ("Outcome", "outcome"), ("Desired outcome", "outcome"),
        ("Description", "description"), ("Purpose", "description"), ("Method", "method"),
        ("Format", "method"), ("Projected finish date", "finish"), ("Membership", "membership"),
        ("Cabinet Member", "cabinet_member"), ("Description / purpose of scrutiny", "description"),
        ("Anything else", None), ("", None),
        ("To assess the outcome of the review of the service for young people", None),
    ],
)
def test_programme_headers_by_meaning(text: str, field: str | None) -> None:
    assert match_header(text, "programme") == field


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Ref", "reference"), ("Rec No.", "reference"), ("Meeting", "meeting"),
        ("Date of meeting", "meeting"), ("Recommendation", "text"),
        ("Addressed to", "addressed_to"), ("Responsible", "addressed_to"),
        ("Response due", "response_due"), ("Response", "response"),
        ("Executive response", "response"), ("Status (RAG)", "status"), ("RAG", "status"),
        ("Next review", "next_review"), ("Review date", "next_review"), ("Agreed?", "agreed"),
    ],
)
def test_tracker_headers_by_meaning(text: str, field: str) -> None:
    assert match_header(text, "tracker") == field


def test_a_header_row_needs_two_known_headers_including_the_key() -> None:
    assert detect_header(["Date of Meeting", "Scrutiny Topic", None, "Blah"], "programme") == {
        "date": 0, "title": 1
    }
    assert detect_header(["Scrutiny Topic", "Blah"], "programme") is None
    assert detect_header(["Date", "Outcome"], "programme") is None  # no title column
    assert detect_header(["Ref", "Meeting", "Response"], "tracker") is None
    assert detect_header(["Blah"], "programme", forced=True) == {}


@pytest.mark.parametrize(
    ("text", "section"),
    [("Task Groups", "groups"), ("Task and Finish Groups", "groups"),
     ("In Development", "development"), ("Items to be scheduled", "unscheduled"),
     ("ITEMS TO BE SCHEDULED:", "unscheduled"), ("Scheduled items", "scheduled"),
     ("In Development of the service", "development"), ("Development", None),
     ("Alternative Education Provision", None)],
)
def test_section_rows(text: str, section: str | None) -> None:
    assert section_of(text) == section


def test_overrides() -> None:
    mapping = ColumnMapping("Programme", "scheduled", 4, {"date": 0, "title": 1, "method": 4})
    corrected = with_overrides(mapping, {"method": 1, "groups.title": 7, "title": 2})
    assert dict(corrected.columns) == {"date": 0, "title": 2, "method": 1}
    assert with_overrides(mapping, {"date": None}).column("date") is None
    assert parse_overrides(["officers=F", "groups.membership=5", "method=-"], "programme") == {
        "officers": 5, "groups.membership": 4, "method": None,
    }
    with pytest.raises(ValidationError, match="'ref=A' is not FIELD=COLUMN"):
        parse_overrides(["ref=A"], "programme")
    with pytest.raises(ValidationError, match="'B2' is not a column"):
        parse_column("B2")
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert [parse_column(t) for t in ("A", "z", "AA", "3")] == [0, 25, 26, 2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("16 November 2018", dt.date(2018, 11, 16)), ("16/11/18", dt.date(2018, 11, 16)),
        ("16th Nov 2018", dt.date(2018, 11, 16)), ("16 Nov 18", dt.date(2018, 11, 16)),
        ("Friday, 16 November 2018 at 10.30am", dt.date(2018, 11, 16)),
        ("2018-11-16", dt.date(2018, 11, 16)), (43420.0, dt.date(2018, 11, 16)),
        (dt.date(2018, 11, 16), dt.date(2018, 11, 16)), ("Meeting: 7 September 2018",
                                                        dt.date(2018, 9, 7)),
        ("Early 2019", "Early 2019"), ("TBC", "TBC"), ("Spring", "Spring"),
        ("March 2019", "March 2019"), ("In Development", None), (None, None),
    ],
)
def test_when(value: str | float | dt.date | None, expected: object) -> None:
    assert read_when(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/19", "'31/02/19' is not a real date."),
        ("30th Febuary 2019", "'30th Febuary 2019' is not a real date."),
        (12.0, "'12' is a number, not a date."),
        ("x" * 120, "is neither a date nor a short timing"),
    ],
)
def test_bad_when(value: str | float, message: str) -> None:
    with pytest.raises(CellError) as caught:
        read_when(value)
    assert message in str(caught.value)


def test_dates_not_given() -> None:
    assert read_date("TBC") is None
    with pytest.raises(CellError, match=r"'Soon' is not a date; write it as 16 November 2018\."):
        read_date("Soon")


def test_exempt_marks() -> None:
    assert split_exempt("Formal report\nExempt – Schedule 12A paragraph 3") == (
        "Formal report", True, 3
    )
    assert split_exempt("Exempt - Schedule 12A para 1") == (None, True, 1)
    assert split_exempt("Formal report") == ("Formal report", False, None)
    with pytest.raises(CellError, match="no Schedule 12A paragraph"):
        split_exempt("Formal report\nExempt")
    with pytest.raises(CellError, match="8 is not one of them"):
        split_exempt("Part 2, paragraph 8")


def test_members() -> None:
    assert read_members("TBC") is None
    assert read_members("Mr A Smith, Mrs B Jones; Dr C Brown") == [
        "Mr A Smith", "Mrs B Jones", "Dr C Brown"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On track", (RecStatus.ON_TRACK, None, None)),
        ("Achieved", (RecStatus.ACHIEVED, None, None)),
        ("Not achieved", (RecStatus.NOT_ACHIEVED, None, None)),
        ("Green", (RecStatus.ON_TRACK, None, None)),
        ("R", (RecStatus.NOT_ACHIEVED, None, None)),
        ("Slipped to 3 March 2019: staff changes",
         (RecStatus.SLIPPED, dt.date(2019, 3, 3), "staff changes")),
        ("Amber – slipped to 03/03/19 - awaiting the audit",
         (RecStatus.SLIPPED, dt.date(2019, 3, 3), "awaiting the audit")),
    ],
)
def test_statuses(text: str, expected: tuple[object, ...]) -> None:
    read = read_status(text)
    assert read is not None
    assert (read.status, read.slipped_to, read.slipped_reason) == expected


@pytest.mark.parametrize("text", ["Awaiting response", "Response received", None])
def test_no_status_yet(text: str | None) -> None:
    assert read_status(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [("Slipped", "needs the new date"), ("Slipped to 3 March 2019", "needs the reason"),
     ("Sideways", "'Sideways' is not a status")],
)
def test_bad_statuses(text: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        read_status(text)


def test_agreed() -> None:
    assert split_agreed_line("We agree.\nAgreed: In part") == ("We agree.", Agreed.IN_PART)
    assert split_agreed_line("Agreed: Yes") == (None, Agreed.YES)
    assert split_agreed_line("Agreed with thanks") == ("Agreed with thanks", None)
    assert read_agreed("Partially") == Agreed.IN_PART
    with pytest.raises(CellError, match=r"'Perhaps' is not yes, no or in part\."):
        read_agreed("Perhaps")


def test_rag_colours() -> None:
    from planner.importing.cells import rag_of

    assert [rag_of(c) for c in ("C6EFCE", "00B050", "92D050")] == [Rag.GREEN] * 3
    assert [rag_of(c) for c in ("FFEB9C", "FFC000", "FFFF00")] == [Rag.AMBER] * 3
    assert [rag_of(c) for c in ("FFC7CE", "FF0000", "C00000")] == [Rag.RED] * 3
    assert [rag_of(c) for c in ("FFFFFF", "D9E1F2", "000000", "F2F2F2", None, "xyz")] == [
        None
    ] * 6
