"""Finding records by id or by the names clerks use (committee name, meeting date)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from planner.dates import format_date, municipal_year_of, parse_municipal_year
from planner.db.models import Committee, Council, Meeting, Record
from planner.errors import NotFoundError
from planner.services.name_match import holds_word, same_name

R = TypeVar("R", bound=Record)
S = TypeVar("S", bound=Select)  # type: ignore[type-arg]


def get(session: Session, model: type[R], record_id: str, what: str) -> R:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFoundError(f"There is no {what} with id {record_id}.")
    return obj


def council_by_name(session: Session, name: str) -> Council:
    council = session.scalars(select(Council).where(same_name(Council.name, name.strip()))).first()
    if council is None:
        raise NotFoundError(f"There is no council called '{name}'.")
    return council


def committee_by_name(
    session: Session,
    name: str,
    year: str | None = None,
    *,
    council: str | None = None,
    on_date: dt.date | None = None,
) -> Committee:
    """The committee called ``name`` in a municipal year.

    Without a year: the year ``on_date`` falls in if given, else the latest year.
    """
    query = select(Committee).where(same_name(Committee.name, name.strip()))
    if council:
        query = query.where(Committee.council_id == council_by_name(session, council).id)
    candidates = list(session.scalars(query))
    if not candidates:
        raise NotFoundError(f"There is no committee called '{name}'.")
    if len({c.council_id for c in candidates}) > 1 and not council:
        raise NotFoundError(
            f"Several councils have a committee called '{name}'; say which council."
        )
    wanted = (
        parse_municipal_year(year) if year else (municipal_year_of(on_date) if on_date else None)
    )
    if wanted is None:
        return max(candidates, key=lambda c: c.municipal_year)
    for committee in candidates:
        if committee.municipal_year == wanted:
            return committee
    years = ", ".join(sorted(c.municipal_year for c in candidates))
    raise NotFoundError(f"'{name}' has no municipal year {wanted}; it has {years}.")


def meeting_on(session: Session, committee: Committee, day: dt.date) -> Meeting:
    meeting = session.scalars(
        select(Meeting).where(Meeting.committee_id == committee.id, Meeting.date == day)
    ).first()
    if meeting is None:
        raise NotFoundError(f"{committee.name} has no meeting on {format_date(day)}.")
    return meeting


def committee_ids_named(session: Session, committee: Committee) -> list[str]:
    """Every year's row of the same committee: trackers run across years."""
    return list(
        session.scalars(
            select(Committee.id).where(
                Committee.council_id == committee.council_id, Committee.name == committee.name
            )
        )
    )


def matching(query: S, columns: list[Any], words: str | None) -> S:
    """Keep rows whose text columns hold every word (any column per word, any case)."""
    for word in (words or "").split():
        query = query.where(or_(*(holds_word(column, word) for column in columns)))
    return query
