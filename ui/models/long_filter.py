"""Filtering a long list with numpy: the rows holding the words, found through a bigram
index, and the rows and sections that shows, as whole-array passes.

Used from 20,000 rows (``KeyProxy``); shorter lists keep the plain search and need no
numpy. Imported only when a long list loads, so numpy is not on the start-up path.
"""

from __future__ import annotations

from itertools import repeat
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from ui.models.bigram_index import BigramIndex

RECENT_FILTERS = 8  # filter answers kept, so backspacing is as quick as typing
Mask = npt.NDArray[np.bool_]
Offsets = npt.NDArray[np.int32]  # where a word first occurs in each row (-1: nowhere)


class _Answer(NamedTuple):
    """Rows matching a filter's words; per word checked with ``str.find``, where it
    first occurs in each of those rows (words the index answers exactly have none)."""

    rows: Mask
    offsets: dict[str, Offsets]


class LongFilter:
    """One long list's index and kept answers; make a new one when the rows change."""

    def __init__(self, texts: list[str], grouping: tuple[list[int], list[bool]] | None) -> None:
        self._texts = texts
        self._index = BigramIndex(texts)
        self._found: dict[tuple[str, ...], _Answer] = {}
        self._group_of: npt.NDArray[np.int64] | None = None
        self._is_section: Mask | None = None
        self._groups = 0
        if grouping is not None:
            self._group_of = np.array(grouping[0], dtype=np.int64)
            self._is_section = np.array(grouping[1], dtype=np.bool_)
            self._groups = int(self._group_of.max()) + 1 if len(texts) else 0

    def matching(self, words: list[str]) -> Mask:
        """A yes per row whose text holds every word (a plain ``word in text`` each).

        The index gives each word's candidate rows; a one- or two-letter word of a-z
        needs nothing more, others are looked for in the candidates only, from where a
        word they contain was found (typing on: "budge" is found where "budg" was).
        """
        key = tuple(words)
        kept = self._found.get(key)
        if kept is not None:
            return kept.rows
        base: _Answer | None = None
        done: tuple[str, ...] = ()
        for earlier, answer in self._found.items():
            # Every row matching ``words`` matches ``earlier`` when each of its words
            # is inside one of ours: start from the fewest such rows.
            if all(any(old in new for new in words) for old in earlier) and (
                base is None or answer.rows.sum() < base.rows.sum()
            ):
                base, done = answer, earlier
        rows: Mask | None = None if base is None else base.rows
        offsets = {} if base is None else dict(base.offsets)
        for word in dict.fromkeys(words):
            if word in done:
                continue
            candidates = self._index.candidates(word)
            if rows is not None:
                candidates &= rows
            if self._index.exact(word):
                rows = candidates
                continue
            rows, offsets[word] = self._verify(word, candidates, offsets)
        if rows is None:
            rows = np.ones(len(self._texts), dtype=np.bool_)
        if len(self._found) >= RECENT_FILTERS:
            del self._found[next(iter(self._found))]
        self._found[key] = _Answer(rows, offsets)
        return rows

    def _verify(
        self, word: str, candidates: Mask, offsets: dict[str, Offsets]
    ) -> tuple[Mask, Offsets]:
        """The candidates really holding ``word``, and where it first occurs in each."""
        numbers = np.flatnonzero(candidates)
        texts = map(self._texts.__getitem__, numbers.tolist())
        # A word inside ``word`` at ``shift`` that first occurs at p: ``word`` cannot
        # start before p - shift. (``offsets`` hold a place for every row matching it.)
        places = np.full(len(self._texts), -1, dtype=np.int32)
        inside = [old for old in offsets if old in word]
        if not inside:
            places[numbers] = list(map(str.find, texts, repeat(word)))
            return places >= 0, places
        old = max(inside, key=len)
        starts = np.maximum(offsets[old][numbers] - word.find(old), 0)
        if self._index.checkable(word):
            # Typing on, the word is mostly where its beginning was: check that place
            # in the bytes at once, and search on only where it is not there.
            there = self._index.holds_at(numbers, starts, word)
            places[numbers[there]] = starts[there]
            numbers, starts = numbers[~there], starts[~there] + 1
            texts = map(self._texts.__getitem__, numbers.tolist())
        places[numbers] = list(map(str.find, texts, repeat(word), starts.tolist()))
        return places >= 0, places

    def visible(self, words: list[str], mask: list[bool] | None) -> npt.NDArray[np.int64]:
        """Source rows to show, in order: those matching the words and the mask; on
        grouped lists, a section row when any of its rows show, and every row of a
        section whose own row matches the words."""
        count = len(self._texts)
        shown = self.matching(words).copy() if words else np.ones(count, dtype=np.bool_)
        if mask is not None:
            shown &= np.array(mask, dtype=np.bool_)
        if self._group_of is None or self._is_section is None:
            return np.flatnonzero(shown)
        group_of, is_section = self._group_of, self._is_section
        some = np.zeros(self._groups, dtype=np.bool_)
        some[group_of[shown]] = True
        if words:
            whole = np.zeros(self._groups, dtype=np.bool_)
            whole[group_of[shown & is_section]] = True
            shown |= whole[group_of]
        shown |= is_section & some[group_of]
        return np.flatnonzero(shown)

    def section_places(self, shown: npt.NDArray[np.int64]) -> list[int]:
        """Where the section rows are among ``shown`` (source rows in source order)."""
        if self._is_section is None:
            return []
        places: list[int] = np.flatnonzero(self._is_section[shown]).tolist()
        return places
