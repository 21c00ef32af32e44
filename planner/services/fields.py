"""Turning what a user typed (or a typed value) into what is stored, field by field.

Every service declares a spec ``{field: coercer}``; unknown fields and bad values
raise ValidationError naming the field, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from planner.dates import coerce_date, coerce_time
from planner.enums import EXEMPT_PARAGRAPHS
from planner.errors import ValidationError

Coercer = Callable[[str, Any], Any]


def human(field: str) -> str:
    return field.replace("_", " ")


def text(field: str, value: Any) -> str | None:
    if value is None:
        return None
    cleaned = str(value).strip()
    return cleaned or None


def required_text(field: str, value: Any) -> str:
    cleaned = text(field, value)
    if cleaned is None:
        raise ValidationError(field, f"The {human(field)} must not be blank.")
    return cleaned


def date_value(field: str, value: Any) -> Any:
    try:
        return coerce_date(value, human(field))
    except ValidationError as exc:  # the message says "response due"; .field stays the key
        raise ValidationError(field, str(exc)) from None


def time_value(field: str, value: Any) -> Any:
    try:
        return coerce_time(value, human(field))
    except ValidationError as exc:
        raise ValidationError(field, str(exc)) from None


def boolean(field: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in {"yes", "y", "true", "1", "done"}:
        return True
    if lowered in {"no", "n", "false", "0", ""}:
        return False
    raise ValidationError(field, f"The {human(field)} must be yes or no, not '{value}'.")


def integer(field: str, value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(field, f"The {human(field)} must be a whole number.") from None


def enum_value(enum: type[StrEnum], optional: bool = True) -> Coercer:
    def coerce(field: str, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            if optional:
                return None
            raise ValidationError(field, f"The {human(field)} must be given.")
        if isinstance(value, enum):
            return value
        wanted = str(value).strip().lower().replace("_", " ")
        for member in enum:
            if member.value.lower() == wanted or member.value.replace("-", " ") == wanted:
                return member
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(field, f"The {human(field)} '{value}' is not one of: {allowed}.")

    return coerce


def paragraph(field: str, value: Any) -> int | None:
    """Schedule 12A paragraph 1-7, or None for a public item."""
    if value is None or (
        isinstance(value, str) and value.strip().lower() in {"", "none", "public"}
    ):
        return None
    number = integer(field, value)
    if number not in EXEMPT_PARAGRAPHS:
        raise ValidationError(
            field, f"Schedule 12A has paragraphs 1 to 7; {number} is not one of them."
        )
    return number


def string_list(field: str, value: Any) -> list[str]:
    if value is None:
        return []
    items = value.split(";") if isinstance(value, str) else list(value)
    return [s for s in (str(i).strip() for i in items) if s and s.upper() != "TBC"]


def apply(obj: Any, spec: Mapping[str, Coercer], changes: Mapping[str, Any]) -> list[str]:
    """Coerce and set each change; returns the fields that actually changed."""
    changed = []
    for field, raw in changes.items():
        if field not in spec:
            raise ValidationError(field, f"There is no field called '{human(field)}'.")
        value = spec[field](field, raw)
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(field)
    return changed


def settle_exempt(record: Any, changes: Mapping[str, Any], what: str) -> None:
    """Public or exempt (Part 2), kept consistent with the Schedule 12A paragraph.

    Giving a paragraph makes the item exempt; an exempt item needs one; a public
    item carries none.
    """
    if "exempt_paragraph" in changes and "exempt" not in changes:
        record.exempt = record.exempt_paragraph is not None
    if record.exempt and record.exempt_paragraph is None:
        raise ValidationError(
            "exempt_paragraph",
            f"An exempt (Part 2) {what} needs its Schedule 12A paragraph (1 to 7).",
        )
    if not record.exempt:
        record.exempt_paragraph = None
