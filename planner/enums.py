"""Fixed vocabularies of the domain. Values are what is stored and what users type."""

from __future__ import annotations

from enum import StrEnum


class Nation(StrEnum):
    ENGLAND = "england"
    WALES = "wales"


class MemberRole(StrEnum):
    ELECTED = "elected"
    CO_OPTED = "co-opted"
    SUBSTITUTE = "substitute"


class Office(StrEnum):
    CHAIRMAN = "chairman"
    VICE_CHAIRMAN = "vice-chairman"


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    MOVED = "moved"
    CANCELLED = "cancelled"
    HELD = "held"


class TopicStatus(StrEnum):
    PROPOSED = "proposed"
    IN_DEVELOPMENT = "in development"
    SCHEDULED = "scheduled"
    REPORT_RECEIVED = "report received"
    CONSIDERED = "considered"
    DEFERRED = "deferred"
    DROPPED = "dropped"


class TopicSource(StrEnum):
    MEMBER = "member suggestion"
    FORWARD_PLAN = "cabinet forward plan"
    CALL_IN = "call-in"
    PERFORMANCE = "performance data"
    PUBLIC = "public"
    OFFICER = "officer"


class GroupStatus(StrEnum):
    PROPOSED = "proposed"
    TOR_APPROVED = "terms of reference approved"
    EVIDENCE = "evidence gathering"
    REPORTING = "reporting"
    COMPLETE = "complete"


class Agreed(StrEnum):
    YES = "yes"
    NO = "no"
    IN_PART = "in part"


class RecStatus(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    SLIPPED = "slipped"
    NOT_ACHIEVED = "not achieved"


class UserRole(StrEnum):
    """What a person may do with a council's programmes (issue 6)."""

    VIEWER = "viewer"  # read and export public programmes only
    MEMBER = "member"  # read public items, propose topics
    CLERK = "clerk"  # everything, exempt items included
    CHAIRMAN = "chairman"  # everything, exempt items included


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = ""


RAG_OF_STATUS: dict[RecStatus | None, Rag] = {
    RecStatus.ACHIEVED: Rag.GREEN,
    RecStatus.ON_TRACK: Rag.GREEN,
    RecStatus.SLIPPED: Rag.AMBER,
    RecStatus.NOT_ACHIEVED: Rag.RED,
    None: Rag.NONE,
}

# Methods councils use; the field is free text because real programmes say things
# like "Witness sessions with schools and service."
METHODS: tuple[str, ...] = (
    "Formal report",
    "Witness session",
    "Task group",
    "Member reference group",
    "Site visit",
    "Verbal update",
)

# Schedule 12A, Part 1, Local Government Act 1972.
EXEMPT_PARAGRAPHS: dict[int, str] = {
    1: "Information relating to any individual",
    2: "Information likely to reveal the identity of an individual",
    3: "Financial or business affairs of any particular person",
    4: "Labour relations matters",
    5: "Legal professional privilege",
    6: "Notices, orders or directions",
    7: "Prevention, investigation or prosecution of crime",
}


def label(value: StrEnum | None) -> str:
    """How a stored value reads in a table: 'in development' -> 'In development'."""
    if value is None or value == "":
        return ""
    text = str(value)
    return text[0].upper() + text[1:]
