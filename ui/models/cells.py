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
    return "\n".join(filter(None, parts)).casefold()


def make_row(
    record_id: str, cells: tuple[str, ...], keys: tuple[Any, ...], extra: Any = None
) -> Row:
    return Row(record_id, cells, keys, extra)


def one_line(text: str | None) -> str:
    """Long text shown in a table cell: the first paragraph, tidied."""
    if not text:
        return ""
    # Most text is tidy already: return it as it is rather than copy it (a large list
    # would otherwise hold every long text twice). The checks are every ASCII
    # character str.split() takes for whitespace.
    if (
        text.isascii()
        and text[0] != " "
        and text[-1] != " "
        and "\n" not in text
        and "\r" not in text
        and "\t" not in text
        and "\x0b" not in text
        and "\x0c" not in text
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
        and "  " not in text
    ):
        return text
    return " ".join(text.split())
