"""Filtering a long list with numpy: the rows holding the words, found through a bigram
index and a token index, and the rows and sections that shows, as whole-array passes.

Used from 20,000 rows (``KeyProxy``); shorter lists keep the plain search and need no
numpy. Imported only when a long list loads, so numpy is not on the start-up path.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ui.models.bigram_index import BigramIndex
from ui.models.token_index import TokenIndex, encoded

CHUNK_ROWS = 1024  # rows encoded at a time: bounds the build's memory (about 1 MB a chunk)
RECENT_WORDS = 16  # words whose rows are kept, so backspacing is as quick as typing
Mask = npt.NDArray[np.bool_]


class LongFilter:
    """One long list's indexes and kept answers; make a new one when the rows change."""

    def __init__(self, texts: list[str], grouping: tuple[list[int], list[bool]] | None) -> None:
        self._count = len(texts)
        self._pairs = BigramIndex(self._count)
        self._tokens = TokenIndex(self._count)
        for first in range(0, self._count, CHUNK_ROWS):
            chunk = list(map(encoded, texts[first : first + CHUNK_ROWS]))
            raw = b"\n".join(chunk) + b"\n"
            lengths = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk)) + 1
            self._pairs.add(first, raw, lengths)
            self._tokens.add(first, raw, np.cumsum(lengths) - lengths)
        self._pairs.finish()
        self._tokens.finish()
        self._found: dict[str, Mask] = {}
        self._group_of: npt.NDArray[np.int64] | None = None
        self._is_section: Mask | None = None
        self._groups = 0
        if grouping is not None:
            self._group_of = np.array(grouping[0], dtype=np.int64)
            self._is_section = np.array(grouping[1], dtype=np.bool_)
            self._groups = int(self._group_of.max()) + 1 if len(texts) else 0

    def matching(self, words: list[str]) -> Mask:
        """A yes per row whose text holds every word (a plain ``word in text`` each).

        A one- or two-letter word of a-z is read from the letter pairs' bits; any other
        word from the rows of the tokens holding it. Both answers are exact.
        """
        rows = np.ones(self._count, dtype=np.bool_)
        for word in dict.fromkeys(words):
            rows &= self._rows_holding(word)
        return rows

    def _rows_holding(self, word: str) -> Mask:
        kept = self._found.get(word)
        if kept is None:
            if self._pairs.exact(word):
                kept = self._pairs.candidates(word)
            else:
                kept = self._tokens.rows_holding(word)
            if len(self._found) >= RECENT_WORDS:
                del self._found[next(iter(self._found))]
            self._found[word] = kept
        return kept

    def visible(self, words: list[str], mask: list[bool] | None) -> npt.NDArray[np.int64]:
        """Source rows to show, in order: those matching the words and the mask; on
        grouped lists, a section row when any of its rows show, and every row of a
        section whose own row matches the words."""
        count = self._count
        shown = self.matching(words) if words else np.ones(count, dtype=np.bool_)
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
