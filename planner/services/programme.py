"""A committee's programme for a year, in the order councils print it.

1. Scheduled topics by meeting date, then topics with a loose timing ("Early 2019")
   in rough date order, "TBC" last;
2. task and finish groups by projected finish date;
3. "In Development": topics with neither a meeting nor a timing.
Dropped topics are left out. A public programme leaves out exempt (Part 2) rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from planner.access.roles import sees_exempt
from planner.dates import timing_key
from planner.db.models import Committee
from planner.enums import TopicStatus
from planner.services.committees import committee_view
from planner.services.groups import list_groups
from planner.services.lookup import committee_ids_named, get
from planner.services.recommendations import list_recommendations
from planner.services.topics import list_topics
from planner.services.views import Programme, TopicView

__all__ = ["programme", "timing_key"]  # timing_key lives in planner.dates (no SQLAlchemy)

def _scheduled_key(topic: TopicView) -> tuple[int, tuple[int, int, int], int, str]:
    if topic.meeting_date is not None:
        d = topic.meeting_date
        return (0, (d.year, d.month, d.day), topic.position, topic.title.lower())
    return (1, timing_key(topic.timing or ""), topic.position, topic.title.lower())


def programme(
    session: Session,
    committee_id: str,
    *,
    public: bool = False,
    from_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Programme:
    """``from_date`` leaves out meetings before it, as a programme in an agenda pack does."""
    committee = get(session, Committee, committee_id, "committee")
    # Viewers and members get the public programme, whatever they ask for (issue 6).
    public = public or not sees_exempt(session, committee.council_id)
    topics = [t for t in list_topics(session, [committee_id]) if t.status != TopicStatus.DROPPED]
    if public:
        topics = [t for t in topics if not t.exempt]
    scheduled = [t for t in topics if t.meeting_id is not None or t.timing]
    if from_date is not None:
        scheduled = [t for t in scheduled if t.meeting_date is None or t.meeting_date >= from_date]
    in_development = sorted(
        (t for t in topics if t.meeting_id is None and not t.timing),
        key=lambda t: (t.position, t.title.lower()),
    )
    groups = list_groups(session, [committee_id])
    if public:
        groups = [g for g in groups if not g.exempt]
    recs = list_recommendations(session, committee_ids_named(session, committee), today)
    return Programme(
        committee=committee_view(committee),
        scheduled=tuple(sorted(scheduled, key=_scheduled_key)),
        task_groups=tuple(groups),
        in_development=tuple(in_development),
        public=public,
        recommendations=tuple(recs),
    )
