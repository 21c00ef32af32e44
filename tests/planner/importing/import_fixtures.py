"""Spreadsheets laid out as councils really lay them out, built for the import tests.

A plain module beside the tests (not a conftest) so tests can import its names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill

CESC = "Children and Education Select Committee"
FIXTURES = Path(__file__).parent / "fixtures"
GREEN, AMBER, RED = "C6EFCE", "FFEB9C", "FFC7CE"  # Excel's Good, Neutral and Bad fills


def file_state(path: Path) -> tuple[bytes, bytes | None]:
    """The database file's bytes and its write-ahead log's, if any."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else None


def write_xlsx(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Programme",
    merges: Iterable[str] = (),
    fills: dict[str, str] | None = None,
    start: str = "A1",
) -> Path:
    """Rows from ``start``; ``merges`` like "B7:B9"; ``fills`` like {"A4": GREEN}."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = title
    first_col = ord(start[0]) - 64
    first_row = int(start[1:])
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None and value != "":
                ws.cell(row=first_row + r, column=first_col + c, value=value)
    for cell, colour in (fills or {}).items():
        ws[cell].fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    for merge in merges:
        ws.merge_cells(merge)
    workbook.save(path)
    return path


def seed_rows() -> list[list[str]]:
    """The seed's programme table as printed, with two repairs of PDF extraction damage."""
    text = (FIXTURES / "seed_programme.txt").read_text(encoding="utf-8")
    # The Chairman's name was split across two cells by the PDF's column boundary.
    text = text.replace("Kay Hammo\tond", "Kay Hammond")
    # The merged "In Development" section row lost its "I" and gained a stray "1 1".
    text = text.replace("\t\t\tn Development\t1\t1", "\t\t\tIn Development")
    return [line.split("\t") for line in text.rstrip("\n").split("\n")]


def seed_programme_xlsx(path: Path) -> Path:
    return write_xlsx(path, seed_rows())


# Expected topics of the seed's table: (title, when, method, officers).
SEED_TOPICS = [
    ("Alternative Education Provision", "16 November 2018", "Formal report",
     "Vulnerable Learners Strategic Lead"),
    ("Early Help/Family Resilience Transformation", "16 November 2018", "Formal report",
     "Head of Early Help & Family Services"),
    ("Educational Attainment of Children with Multiple Disadvantages", "Early 2019",
     "Formal report", "Vulnerable Learners Strategic Lead"),
    ("Impact of the change to Schools Led System", "In development",
     "Witness sessions with schools and service.", None),
    ("SEND Transformation", "In development", "Formal report", None),
]
SEED_GROUPS = [
    "Out of County Placements Task and Finish Group",
    "Learning Disabilities and Transition Task and Finish Group",
]


def word_paste_xlsx(path: Path) -> Path:
    """A Word table pasted into Excel: starts in column B, merged date cells, other names."""
    header = ["Meeting date", "Item", "Purpose", "Desired outcome", "Format", "Lead officer"]
    rows: list[list[Any]] = [
        ["Children and Education Select Committee"],
        ["Forward Work Programme 2018/19"],
        ["(Chairman: Kay Hammond, Vice-Chairman: Chris Botten)"],
        [],
        ["Updated 3 January 2019"],
        header,
        [dt.datetime(2019, 1, 25), "Budget Scrutiny 2019/20", "To scrutinise the draft budget.",
         "Recommendations to Cabinet.", "Formal report", "Executive Director of Finance"],
        [None, "Corporate Parenting Annual Report", "Annual report of the Corporate Parenting "
         "Board.", "Assurance.", "Formal report", "Head of Looked After Children"],
        [None, "Exclusions Update", "Permanent exclusions by school.", "Understand trends.",
         "Formal report\nPart 2 – exempt under paragraph 1", "Vulnerable Learners Lead"],
        ["15 March 2019", "Youth Service Review", "Proposals for the youth service.",
         "Comment on the proposals.", "Witness session", "Head of Youth Services"],
        [None, "Schools Funding Formula", "Consultation on the formula.", "A response.",
         "Formal report", "Head of School Funding"],
        ["Spring 2019", "SEND Capital Programme", "New specialist places.", "Assurance.",
         "Formal report", "SEND Lead"],
        [],
        ["Items to be scheduled"],
        [None, "Home to School Transport", "Policy review.", "Savings options.",
         "Task group", "Head of Transport"],
        ["Page 1 of 2"],
        header,
        ["TBC", "Children Missing Education", "Numbers and tracking.", "Assurance.",
         "Formal report", "Education Welfare Lead"],
        ["Task and Finish Groups"],
        ["Completion date", "Task group", "Aims", "Outcome", "Members"],
        [dt.datetime(2019, 3, 31), "Home to School Transport Review", "To review the policy.",
         "Recommendations to Cabinet.", "Mr A Smith; Mrs B Jones"],
    ]
    # Row numbers on the sheet are list index + 1; the table starts in column B.
    merges = ["B1:G1", "B2:G2", "B3:G3", "B7:B9", "B10:B11", "B14:G14", "B16:G16", "B19:G19"]
    return write_xlsx(path, rows, merges=merges, start="B1")


WORD_TOPICS = {
    # title: (when, method, Schedule 12A paragraph if exempt)
    "Budget Scrutiny 2019/20": ("25 January 2019", "Formal report", None),
    "Corporate Parenting Annual Report": ("25 January 2019", "Formal report", None),
    "Exclusions Update": ("25 January 2019", "Formal report", 1),
    "Youth Service Review": ("15 March 2019", "Witness session", None),
    "Schools Funding Formula": ("15 March 2019", "Formal report", None),
    "SEND Capital Programme": ("Spring 2019", "Formal report", None),
    "Home to School Transport": ("In development", "Task group", None),
    "Children Missing Education": ("TBC", "Formal report", None),
}


def cp1252_rows() -> list[list[str]]:
    return [
        ["Children and Education Select Committee – Forward Work Programme 2018/19"],
        ["(Chairman: Kay Hammond, Vice-Chairman: Chris Botten)"],
        [],
        ["Date", "Topic", "Description", "Outcome", "Method", "Report author"],
        ["16/11/18", "Children’s Centres – £2.1m savings",
         "Consider the proposals, including the cafés run by the centres.",
         "Members’ views inform Cabinet’s decision.", "Formal report", "Head of Early Help"],
        ["16th Nov 2018", "School Places", "Places needed by 2021, “bulge” classes.",
         "Assurance.", "Formal report", "Head of School Commissioning"],
        ["Early 2019", "Foster Carer Recruitment", "Recruitment and retention.", "Ideas.",
         "Witness session", "Head of Fostering"],
        ["Spring", "Apprenticeships for Care Leavers", "Progress of the scheme.", "",
         "Verbal update", "Care Leavers Lead"],
        [],
        ["In Development"],
        ["", "Mental Health – young people’s services", "Access and waiting times.", "", "", ""],
    ]


def cp1252_csv(path: Path, extra: Sequence[Sequence[str]] = ()) -> Path:
    """A CSV saved by Excel on Windows: Windows-1252, comma separated, title lines above."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([*cp1252_rows(), *extra])
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def rag_tracker_xlsx(path: Path, amber_text: str | None = None) -> Path:
    """A tracker whose status is only the colour of the Ref cell: no status column."""
    amber = amber_text or (
        "Business case delayed. Slipped to 3 March 2019: the contract review took longer."
    )
    rows: list[list[Any]] = [
        [f"{CESC} – Recommendations Tracker"],
        [],
        ["Rec No.", "Date of meeting", "Recommendation", "Responsible", "Executive response",
         "Review date"],
        ["6/18", dt.datetime(2018, 2, 20), "That the Service provides an update report on CAMHS.",
         "The Service (CAMHS)", "Update report received in April 2018; achieved.",
         dt.datetime(2018, 9, 7)],
        ["7/18", dt.datetime(2018, 2, 20), "That the Strategic Director reports in six months.",
         "Strategic Director", "Report scheduled for September.", "16/11/2018"],
        ["8/18", dt.datetime(2018, 2, 20), "That the service provides a business case.",
         "The service (School Improvement)", amber, None],
        ["9/18", dt.datetime(2018, 2, 20), "That the service reviews MASH practice data.",
         "The service (MASH)", "Not taken forward.", None],
        ["10/18", dt.datetime(2018, 2, 20), "That the Cabinet Member lobbies for UASC funding.",
         "Cabinet Member for Children", None, None],
    ]
    fills = {"A4": GREEN, "A5": "00B050", "A6": AMBER, "A7": RED}
    return write_xlsx(path, rows, title="Tracker", fills=fills)


def csv_bytes(rows: Iterable[Sequence[Any]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode(encoding)
