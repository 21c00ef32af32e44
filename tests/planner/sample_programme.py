"""A small hand-built programme for the service tests (the demo has its own tests).

A plain module beside the tests (not a conftest) so tests can import its names.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.db.database import Database
from planner.services.committees import create_committee, create_council
from planner.services.meetings import create_meeting

CESC = "Children and Education Select Committee"


@dataclass(frozen=True)
class Cesc:
    """Ids of a council, its committee for 2018/19 with two meetings, and a second committee."""

    council: str
    committee: str
    sept: str  # meeting of 7 September 2018
    nov: str  # meeting of 16 November 2018
    other: str  # Adults and Health Select Committee 2018/19
    other_meeting: str  # its meeting of 20 September 2018


def build_cesc(db: Database) -> Cesc:
    """Built and committed in one transaction of its own."""
    with db.transaction() as s:
        council = create_council(s, name="Surrey County Council")
        committee = create_committee(s, council.id, name=CESC, municipal_year="2018/19")
        sept = create_meeting(s, committee.id, date="2018-09-07", start_time="10:00")
        nov = create_meeting(s, committee.id, date="16 November 2018")
        other = create_committee(
            s, council.id, name="Adults and Health Select Committee", municipal_year="2018/19"
        )
        other_meeting = create_meeting(s, other.id, date="2018-09-20")
    return Cesc(council.id, committee.id, sept.id, nov.id, other.id, other_meeting.id)
