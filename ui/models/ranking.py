"""Ranking a column's sort keys once, so that sorting by it again sorts integers.

Equal keys get equal ranks, so a stable sort keeps ties in the order they had.
Grouped lists (the programme's sections) are ranked within each section.
"""

from __future__ import annotations

import operator
from itertools import compress, groupby, repeat
from typing import Any

_NOTHING = object()  # equal to no sort key
FEW_KEYS = 4  # a sample with at most a quarter of its keys different: rank the keys


def ranks(keys: list[Any], grouping: Any) -> tuple[list[int], int]:
    """Each row's rank by its key (equal keys, equal ranks, so a sort
    keeps ties in the order they had); and the highest rank."""
    count = len(keys)
    records = keys
    if grouping is not None:
        records = list(compress(keys, map(operator.not_, grouping[1])))
    sample = records[:: max(1, len(records) // 2000)]
    if len(set(sample)) * FEW_KEYS <= len(sample):
        # Few different keys (status, method, year): rank those, not every row.
        # (Section rows get any rank: their places do not depend on it.)
        distinct = sorted(set(records))
        rank_of = {key: rank for rank, key in enumerate(distinct, start=1)}
        return list(map(rank_of.get, keys, repeat(0))), len(distinct)
    if grouping is None:
        runs = [sorted(range(count), key=keys.__getitem__)]
    else:
        # Ranked within each section: sorting each on its own compares far fewer
        # keys than sorting all of them.
        group_of, is_section = grouping
        records = compress(range(count), map(operator.not_, is_section))
        by_group = sorted(records, key=group_of.__getitem__)
        runs = [
            sorted(rows, key=keys.__getitem__)
            for _, rows in groupby(by_group, key=group_of.__getitem__)
        ]
    rank = [0] * count
    top = 0
    for run in runs:
        current, previous = 0, _NOTHING
        for i in run:
            key = keys[i]
            if key != previous:
                current, previous = current + 1, key
            rank[i] = current
        top = max(top, current)
    return rank, top
