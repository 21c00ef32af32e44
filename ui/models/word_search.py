"""Filter-as-you-type over a list's lower-case filter texts, in C-speed passes.

Typing narrows: rows matching "saf" are among those matching "sa", so only those are
searched again, each from where "sa" first occurs in it. Recent answers are kept, so
backspacing is as quick as typing.
"""

from __future__ import annotations

import operator
from itertools import compress, repeat
from typing import Any, NamedTuple

RECENT_FILTERS = 8  # filter answers kept, so backspacing is as quick as typing


class _Answer(NamedTuple):
    """Rows matching a filter's words, and where each word first occurs in each row."""

    rows: list[int]
    offsets: dict[str, list[int]]


class WordSearch:
    """The answers for one list's texts; make a new one when the rows change."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, ...], _Answer] = {}

    def matching(self, texts: list[str], words: list[str]) -> list[int]:
        """Source rows whose filter text holds every word, in source order.

        Typing narrows: rows matching "saf" are among those matching "sa", so only
        those are searched again, and each from where "sa" first occurs in it (a
        word typed out is mostly found where its beginning was). Recent answers are
        kept for backspacing.
        """
        key = tuple(words)
        found = self.found.get(key)
        if found is not None:
            return found.rows
        base: _Answer | None = None
        for earlier, answer in self.found.items():
            if all(any(old in new for new in words) for old in earlier) and (
                base is None or len(answer.rows) < len(base.rows)
            ):
                base = answer
        rows = base.rows if base is not None else None
        offsets = dict(base.offsets) if base is not None else {}
        for word in words:
            if word in offsets:
                continue
            if rows is None and len(word) == 1:
                # Found near the start of most texts: where matters little for the next
                # keystroke, and a yes/no per row is one pass instead of two.
                found_in = map(operator.contains, texts, repeat(word))
                rows = list(compress(range(len(texts)), found_in))
                continue
            if rows is None:
                at = list(map(str.find, texts, repeat(word)))
                hits = list(map(operator.le, repeat(0), at))
                rows = list(compress(range(len(texts)), hits))
            else:
                subset = map(texts.__getitem__, rows)
                old = next((o for o in offsets if o in word), None)
                if old is None:
                    at = list(map(str.find, subset, repeat(word)))
                else:
                    # ``old`` sits in ``word`` at ``shift``: ``word`` cannot start before
                    # old's first place minus that.
                    starts: Any = offsets[old]
                    if shift := word.find(old):
                        starts = map(max, map(operator.sub, starts, repeat(shift)), repeat(0))
                    at = list(map(str.find, subset, repeat(word), starts))
                hits = list(map(operator.le, repeat(0), at))
                rows = list(compress(rows, hits))
                # Kept in step with the rows: only the places still wanted.
                later = words[words.index(word) + 1 :]
                offsets = {
                    w: list(compress(o, hits))
                    for w, o in offsets.items()
                    if w in words or any(w in n for n in later)
                }
            offsets[word] = list(compress(at, hits))
        assert rows is not None
        if len(self.found) >= RECENT_FILTERS:
            del self.found[next(iter(self.found))]
        self.found[key] = _Answer(rows, {w: offsets[w] for w in words if w in offsets})
        return rows
