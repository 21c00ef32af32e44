"""Case-insensitive name and word matching in SQL, where the user's text is text.

``ILIKE`` treats ``%`` and ``_`` as wildcards: a council called "A_B" would clash with
"AxB", and a search for "100%" would match "1000". These escape them, so a name
matches only itself (any case) and a word only where it occurs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

_ESCAPE = "\\"


def _escaped(text: str) -> str:
    return text.replace(_ESCAPE, _ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")


def same_name(column: Any, name: str) -> ColumnElement[bool]:
    """``column`` equals ``name`` in any case (ASCII case on SQLite, as ILIKE does)."""
    result: ColumnElement[bool] = column.ilike(_escaped(name), escape=_ESCAPE)
    return result


def holds_word(column: Any, word: str) -> ColumnElement[bool]:
    """``column`` holds ``word`` anywhere, in any case."""
    result: ColumnElement[bool] = column.ilike(f"%{_escaped(word)}%", escape=_ESCAPE)
    return result
