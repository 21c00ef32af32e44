"""Column limits checked before anything is written, the same on every backend.

SQLite stores a 500-character title in a VARCHAR(300) column without complaint and
PostgreSQL refuses it with a driver error; checking before each flush turns both into
one ValidationError that names the field, so the user hears the same thing everywhere.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Enum, Integer, String, inspect
from sqlalchemy.orm import Session

from planner.errors import ValidationError

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL's INTEGER


def _check(obj: Any) -> None:
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if len(attr.columns) != 1:
            continue
        column_type = attr.columns[0].type
        value = getattr(obj, attr.key, None)
        if value is None:
            continue
        name = attr.key.replace("_", " ")
        if isinstance(value, str) and "\x00" in value:  # PostgreSQL cannot store it
            raise ValidationError(
                attr.key,
                f"The {name} holds an invisible NUL character (code 0), which cannot be "
                "stored; remove it and try again.",
            )
        if isinstance(column_type, String) and not isinstance(column_type, Enum):
            limit = column_type.length
            if limit and isinstance(value, str) and len(value) > limit:
                raise ValidationError(
                    attr.key,
                    f"The {name} is too long: at most {limit} characters, "
                    f"and this one has {len(value)}.",
                )
        elif (
            isinstance(column_type, Integer)
            and isinstance(value, int)
            and not INT_MIN <= value <= INT_MAX
        ):
            raise ValidationError(attr.key, f"The {name} {value} is too large a number.")


def check_limits(session: Session, _context: Any, _instances: Any) -> None:
    """A ``before_flush`` hook: every new or changed record within its columns' limits."""
    for obj in (*session.new, *session.dirty):
        _check(obj)
