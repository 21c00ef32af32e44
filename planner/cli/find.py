"""Finding the record a command line names: by committee and title/date, or by id prefix."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.cli.output import short_id
from planner.dates import parse_date
from planner.db.models import Committee, Record
from planner.errors import NotFoundError
from planner.services.lookup import committee_by_name, meeting_on


def committee(session: Session, args: argparse.Namespace, on: str | None = None) -> Committee:
    """--committee/--year/--council; a meeting date picks the municipal year if none given."""
    day = parse_date(on, "date") if on and not args.year else None
    return committee_by_name(session, args.committee, args.year, council=args.council, on_date=day)


def by_id(session: Session, model: type[Record], prefix: str, what: str) -> Any:
    """Ids print shortened to 8 characters; any unique prefix finds the record."""
    found = list(session.scalars(select(model).where(model.id.startswith(prefix.strip()))).unique())
    if len(found) != 1:
        raise NotFoundError(
            f"No {what} has the id {prefix}."
            if not found
            else f"The id {prefix} fits several {what}s; give more of it."
        )
    return found[0]


def only(found: list[Any], what: str, name: str) -> Any:
    if not found:
        raise NotFoundError(f"There is no {what} '{name}'.")
    if len(found) > 1:
        ids = ", ".join(short_id(f.id) for f in found)
        raise NotFoundError(f"Several {what}s match '{name}' ({ids}); use --id.")
    return found[0]


def meeting_id(session: Session, committee: Committee, text: str | None) -> str | None:
    """A meeting named by its date; 'none' or blank means no meeting."""
    if text is None or not text.strip() or text.strip().lower() == "none":
        return None
    return meeting_on(session, committee, parse_date(text, "meeting")).id
