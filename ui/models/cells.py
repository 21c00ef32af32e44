"""Precomputing what a row shows, how it sorts and what the filter matches."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from planner.dates import format_date

NO_DATE = 10**7  # sorts rows without a date after every real date


class Row(NamedTuple):
    """One row of a list: display text per column and a sort value per column (the
    model's ``key_functions`` turn values into sort keys when a column is sorted)."""

    id: str
    cells: tuple[str, ...]
    keys: tuple[Any, ...]
    extra: Any = None


def date_cell(value: dt.date | None) -> str:
    return format_date(value)


def date_key(value: dt.date | None) -> int:
    return value.toordinal() if value is not None else NO_DATE


def text_key(value: str | None) -> str:
    return (value or "").casefold()


def filter_text(*parts: str | None) -> str:
    """The lower-case text the filter box searches; newlines keep words apart."""
    return "\n".join(p for p in parts if p).casefold()


def make_row(
    record_id: str, cells: tuple[str, ...], keys: tuple[Any, ...], extra: Any = None
) -> Row:
    return Row(record_id, cells, keys, extra)


def one_line(text: str | None) -> str:
    """Long text shown in a table cell: the first paragraph, tidied."""
    if not text:
        return ""
    return " ".join(text.split())
