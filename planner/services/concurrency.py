"""Optimistic concurrency: an edit made on a stale version of a record is refused,
unless it touches only fields nobody else has changed since (then it is merged).

The rule (docs/concurrency.md):

- ``expected_version`` is the version the user's copy came from; ``original`` is
  ``{field: value the user saw}``. Neither given: a blind write (scripts, the demo).
- Stored version equal to ``expected_version``: the edit is saved.
- Otherwise, with ``original``: the edit is refused only if a field the user changed
  (or a field tied to it, such as a topic's meeting and loose timing) no longer holds
  the value the user saw, and does not already hold the user's new value. Every other
  field keeps what the other user saved. Without ``original`` any newer version refuses.
- The same holds at write time: the ORM's ``UPDATE … WHERE version = :v`` finds no row
  when another process committed between our read and our write (SQLAlchemy's
  StaleDataError); the write is undone to a savepoint, the record is read again and the
  rule is applied once more, so a race gives the same answer as a slower sequence.
- A deleted record refuses every edit that names a version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from planner.dates import format_date, format_time
from planner.db.models import ChangeLog, Record
from planner.errors import NotFoundError, StaleEditError, ValidationError
from planner.services.fields import Coercer

R = TypeVar("R", bound=Record)
V = TypeVar("V")

log = logging.getLogger(__name__)

ATTEMPTS = 5  # reads and writes of one edit when other processes keep committing first

NOUNS = {"group": "task group", "activity": "member activity"}
# Fields that say one thing together: changing one of them conflicts with a change to any.
LINKED: dict[str, tuple[frozenset[str], ...]] = {
    "topic": (frozenset({"meeting_id", "timing"}), frozenset({"exempt", "exempt_paragraph"})),
    "group": (frozenset({"exempt", "exempt_paragraph"}),),
    "action": (frozenset({"done", "done_on"}),),
    "recommendation": (frozenset({"status", "slipped_to", "slipped_reason"}),),
}
LABELS = {
    "meeting_id": "meeting",
    "timing": "loose timing",
    "start_time": "start time",
    "exempt_paragraph": "Part 2 paragraph",
    "exempt": "Part 2 status",
    "officers": "officers",
    "key_lines_of_enquiry": "key lines of enquiry",
    "cosc_approved_on": "Corporate Overview approval",
    "committee_approved_on": "committee approval",
    "terms_of_reference": "terms of reference",
}


def noun(kind: str) -> str:
    return NOUNS.get(kind, kind)


def field_label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " "))


def edit_record(
    session: Session,
    model: type[R],
    kind: str,
    record_id: str,
    *,
    expected_version: int | None,
    original: Mapping[str, Any] | None,
    changes: Mapping[str, Any],
    write: Callable[[R], V],
    view: Callable[[R], Any],
    name: Callable[[R], str],
    spec: Mapping[str, Coercer] | None = None,
    value_of: Callable[[R, str], Any] = getattr,
) -> V:
    """Check the user's version, then ``write`` (set fields, validate, flush) the record.

    ``write`` runs inside a savepoint: a write that finds the record changed under it
    is undone alone and tried again on the record as it now is.
    """
    checking = expected_version is not None or original is not None
    for _attempt in range(ATTEMPTS):
        record = _load(session, model, kind, record_id, expected_version, original)
        conflicts = _conflicts(kind, record, expected_version, original, changes, spec, value_of)
        if conflicts is not None:
            raise stale_error(
                session, kind, record_id, expected_version, record, view, name, conflicts
            )
        try:
            with session.begin_nested():
                return write(record)
        except StaleDataError:
            log.info("%s %s changed while it was being saved; reading it again", kind, record_id)
            if checking and original is None:  # nothing to merge with: refuse
                record = _load(session, model, kind, record_id, expected_version, original)
                raise stale_error(
                    session, kind, record_id, expected_version, record, view, name, ()
                ) from None
    raise _kept_changing(kind, record_id, expected_version, "saved")


def delete_record(
    session: Session,
    model: type[R],
    kind: str,
    record_id: str,
    *,
    expected_version: int | None,
    remove: Callable[[R], None],
    view: Callable[[R], Any],
    name: Callable[[R], str],
) -> None:
    """Delete the record if it is still at ``expected_version`` (any version if None)."""
    for _attempt in range(ATTEMPTS):
        record = _load(session, model, kind, record_id, expected_version, None)
        if expected_version is not None and record.version != expected_version:
            raise stale_error(
                session, kind, record_id, expected_version, record, view, name, (), deleting=True
            )
        try:
            with session.begin_nested():
                remove(record)
                return
        except StaleDataError:
            log.info("%s %s changed while it was being deleted", kind, record_id)
            if expected_version is not None:
                current = session.get(model, record_id, populate_existing=True)
                raise stale_error(
                    session, kind, record_id, expected_version, current, view, name, (),
                    deleting=True,
                ) from None
    raise _kept_changing(kind, record_id, expected_version, "deleted")


def _kept_changing(
    kind: str, record_id: str, expected_version: int | None, doing: str
) -> StaleEditError:
    """Every try met a newer write: the record is busy, so say so rather than loop."""
    return StaleEditError(
        f"The {noun(kind)} kept changing while it was being {doing}; try again.",
        kind=kind,
        record_id=record_id,
        expected_version=expected_version or 0,
        current_version=None,
    )


def _load(
    session: Session,
    model: type[R],
    kind: str,
    record_id: str,
    expected_version: int | None,
    original: Mapping[str, Any] | None,
) -> R:
    # populate_existing: read the row again, not the copy this session already holds.
    record = session.get(model, record_id, populate_existing=True)
    if record is not None:
        return record
    if expected_version is None and original is None:
        raise NotFoundError(f"There is no {noun(kind)} with id {record_id}.")
    raise stale_error(
        session, kind, record_id, expected_version, None, lambda r: None, lambda r: "", ()
    )


def _normal(spec: Mapping[str, Coercer] | None, field: str, value: Any) -> Any:
    """A value as the service would store it, so "Yes" and True, "" and None compare."""
    coerce = (spec or {}).get(field)
    if coerce is None:
        return value.strip() or None if isinstance(value, str) else value
    try:
        return coerce(field, value)
    except ValidationError:
        return value


def _conflicts(
    kind: str,
    record: Any,
    expected_version: int | None,
    original: Mapping[str, Any] | None,
    changes: Mapping[str, Any],
    spec: Mapping[str, Coercer] | None,
    value_of: Callable[[Any, str], Any],
) -> tuple[str, ...] | None:
    """None when the edit may be saved; else the fields that clash (maybe none known)."""
    if expected_version is None and original is None:
        return None
    if expected_version is not None and record.version == expected_version:
        return None
    if original is None:
        return ()
    watched: dict[str, None] = {}
    for field in changes:
        watched[field] = None
        for group in LINKED.get(kind, ()):
            if field in group:
                watched.update(dict.fromkeys(sorted(group)))
    clashes = []
    for field in watched:
        if field not in original:
            if field in changes and expected_version is not None:
                clashes.append(field)  # the user's starting value is unknown
            continue
        stored = value_of(record, field)
        if stored == _normal(spec, field, original[field]):
            continue
        if field in changes and stored == _normal(spec, field, changes[field]):
            continue  # the other user made the same change
        clashes.append(field)
    return tuple(clashes) if clashes else None


# -- the message: who changed what, and when ------------------------------------------------
def _when(at: datetime) -> str:
    """Stored times are naive UTC; say them in the user's own (local) time."""
    local = at.replace(tzinfo=UTC).astimezone()
    return f"{format_time(local.time())} on {format_date(local.date())}"


def _fields_text(fields: list[str]) -> str:
    names = [f"the {field_label(f)}" for f in fields]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _people(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def changes_since(
    session: Session, table_name: str, record_id: str, version: int | None
) -> list[ChangeLog]:
    """The change history's entries for a record after ``version`` (all if None), newest
    first. Read here rather than through the history service so that a refusal can name
    every change since the user's copy, not only the last."""
    query = select(ChangeLog).where(
        ChangeLog.table_name == table_name, ChangeLog.record_id == record_id
    )
    if version is not None:
        query = query.where(ChangeLog.version > version)
    return list(session.scalars(query.order_by(ChangeLog.at.desc(), ChangeLog.version.desc())))


def stale_error(
    session: Session,
    kind: str,
    record_id: str,
    expected_version: int | None,
    record: Any | None,
    view: Callable[[Any], Any],
    name: Callable[[Any], str],
    conflicts: tuple[str, ...],
    *,
    deleting: bool = False,
) -> StaleEditError:
    """StaleEditError with one sentence naming who changed what, and when."""
    table = TABLES.get(kind, kind)
    outcome = "it was not deleted" if deleting else "your edit was not saved"
    # A delete is logged with the version the record had, so look at every entry then.
    since = expected_version if record is not None else None
    entries = changes_since(session, table, record_id, since)
    by_values = bool(conflicts) and expected_version is None
    if by_values:  # a check by values: who last set those fields (not its creation)
        touching = [e for e in entries if set(conflicts) & set(e.changes or {})]
        entries = touching[:1] or entries[:1]
    if record is None:
        gone = next((e for e in entries if e.action == "delete"), None)
        what = f"{noun(kind)} '{gone.summary}'" if gone and gone.summary else f"the {noun(kind)}"
        if gone is not None:
            message = f"{gone.who} deleted {what} at {_when(gone.at)}; {outcome}."
        else:
            message = f"Someone else has deleted {what}; {outcome}."
        message = message[0].upper() + message[1:]
        return StaleEditError(
            message,
            kind=kind,
            record_id=record_id,
            expected_version=expected_version or 0,
            current_version=None,
            current=None,
            fields=conflicts,
        )
    what = f"{noun(kind)} {name(record)}"
    if entries:
        changed: list[str] = []
        for entry in reversed(entries):
            changed.extend(f for f in (entry.changes or {}) if f not in changed)
        shown = [f for f in changed if f not in ("version", "updated_at")]
        if by_values:
            shown = [f for f in shown if f in conflicts] or shown
        fields = f" {_fields_text(shown)} of" if shown else ""
        who = _people([e.who for e in reversed(entries)])
        message = f"{who} changed{fields} {what} at {_when(entries[0].at)}; {outcome}."
    else:
        versions = (
            f"version {expected_version}, now {record.version}"
            if expected_version is not None
            else f"now version {record.version}"
        )
        message = (
            f"Someone else changed {what} ({versions}) at {_when(record.updated_at)}; {outcome}."
        )
    return StaleEditError(
        message,
        kind=kind,
        record_id=record_id,
        expected_version=expected_version if expected_version is not None else record.version,
        current_version=record.version,
        current=view(record),
        fields=conflicts,
    )


TABLES = {
    "topic": "topic",
    "meeting": "meeting",
    "group": "task_group",
    "recommendation": "recommendation",
    "action": "action",
    "activity": "member_activity",
    "member": "committee_member",
    "committee": "committee",
    "council": "council",
}
