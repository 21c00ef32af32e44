"""What a long list's proxy works out from its rows, made in a worker thread.

Ranking every column (change 12 of docs/performance.md) and indexing the filter texts
(changes 16 and 24) take about 0.2 s and 1.9 s at 100,000 rows. A list whose rows are built
in a worker (the search dialog's) has them worked out there too, and offers them to
its ``KeyProxy`` before installing the rows, so the GUI thread only swaps them in.
Nothing here calls Qt; the thresholds are ``KeyProxy``'s own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ui.models.base import column_keys
from ui.models.cells import Row
from ui.models.ranking import ranks

if TYPE_CHECKING:
    from ui.models.long_filter import LongFilter


@dataclass(frozen=True)
class Prepared:
    texts: list[str]  # the filter texts these were worked out from (the same list)
    ranked: dict[int, tuple[list[int], int]]  # column -> (rank per row, highest rank)
    long: LongFilter | None


def prepare(
    key_functions: tuple[Callable[[Any], Any] | None, ...],
    columns: int,
    rows: list[Row],
    texts: list[str],
) -> Prepared:
    """The ranks and the filter index of an ungrouped list (none for a short one)."""
    from ui.models import proxy  # read here: tests lower the thresholds

    ranked: dict[int, tuple[list[int], int]] = {}
    if len(rows) >= proxy.PREPARE_SORTS:
        for column in range(columns):
            ranked[column] = ranks(column_keys(key_functions, rows, column), None)
    long = None
    if len(rows) >= proxy.INDEXED_ROWS:
        from ui.models.long_filter import LongFilter

        long = LongFilter(texts, None)
    return Prepared(texts, ranked, long)
