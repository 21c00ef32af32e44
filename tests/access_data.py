"""Two councils' programmes with public and exempt items, for the access tests.

A plain module (not a conftest) so tests can import its names.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.db.database import Database
from planner.services.committees import create_committee, create_council
from planner.services.groups import create_group
from planner.services.meetings import create_meeting
from planner.services.topics import create_topic, move_topic

SURREY = "Surrey County Council"
WEST_SUSSEX = "West Sussex County Council"
CESC = "Children and Education Select Committee"
PUBLIC_TOPIC = "Alternative Education Provision"
EXEMPT_TOPIC = "Children's Home Contract Renewal"
PUBLIC_GROUP = "Home to School Transport"
EXEMPT_GROUP = "Staffing Restructure of the Virtual School"


@dataclass(frozen=True)
class Programmes:
    surrey: str
    committee: str
    meeting: str
    later_meeting: str
    public_topic: str
    exempt_topic: str
    public_group: str
    exempt_group: str
    west_sussex: str
    ws_committee: str
    ws_topic: str


def build(db: Database) -> Programmes:
    """Committed in one transaction of its own, by whoever owns ``db``."""
    with db.transaction() as s:
        surrey = create_council(s, name=SURREY)
        committee = create_committee(s, surrey.id, name=CESC, municipal_year="2018/19")
        meeting = create_meeting(s, committee.id, date="2018-09-07")
        later = create_meeting(s, committee.id, date="2018-11-16")
        public = create_topic(s, committee.id, title=PUBLIC_TOPIC, meeting_id=meeting.id)
        exempt = create_topic(
            s, committee.id, title=EXEMPT_TOPIC, meeting_id=meeting.id, exempt_paragraph=3
        )
        move_topic(s, exempt.id, meeting_id=later.id, reason="Contract figures late")
        move_topic(s, public.id, meeting_id=later.id, reason="Officer on leave")
        pgroup = create_group(s, committee.id, title=PUBLIC_GROUP)
        egroup = create_group(s, committee.id, title=EXEMPT_GROUP, exempt_paragraph=4)
        ws = create_council(s, name=WEST_SUSSEX)
        ws_committee = create_committee(
            s, ws.id, name="Children and Young People's Services Scrutiny Committee",
            municipal_year="2020/21",
        )  # fmt: skip
        ws_topic = create_topic(s, ws_committee.id, title="Fostering Service Update")
    return Programmes(
        surrey.id, committee.id, meeting.id, later.id, public.id, exempt.id, pgroup.id,
        egroup.id, ws.id, ws_committee.id, ws_topic.id,
    )  # fmt: skip
