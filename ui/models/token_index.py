"""Which rows of a long list hold each token of their texts, a token being a run of
characters between whitespace; so that a word of any length is found exactly, without
reading the texts.

A filter word holds no whitespace (it comes from ``str.split``), so wherever it occurs
in a text it lies inside one token: the rows holding the word are the rows of the
tokens holding it. Scanning the list's distinct tokens (a few thousand to a few hundred
thousand short strings) takes milliseconds, where checking the texts of the rows
themselves took 30-70 ms at 100,000 rows (change 24 of docs/performance.md).

Texts are tokenised as UTF-8 bytes split at ASCII whitespace: a word is in a text exactly
when its UTF-8 bytes are in the text's, and ASCII whitespace is whitespace to
``str.split`` too, so no token joins what a word could span. Imported only for long
lists: numpy is not on the start-up path.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from itertools import count, repeat

import numpy as np
import numpy.typing as npt

RECENT_WORDS = 16  # words whose tokens are kept: typing on checks only their tokens
Mask = npt.NDArray[np.bool_]
_ASCII_SPACE = bytes(1 if byte in b" \t\n\r\x0b\x0c" else 0 for byte in range(256))
_ROW_BITS = 32  # a (token, row) key: token << 32 | row


def encoded(text: str) -> bytes:
    """A text or word as the index reads it (lone surrogates kept, so nothing fails)."""
    return text.encode("utf-8", "surrogatepass")


class TokenIndex:
    """Built a chunk of rows at a time (``add``), then ``finish``; then ``rows_holding``.

    The tokens are numbered in the order first met; each token's rows are a slice of
    ``_rows`` (``_bounds[token]`` to ``_bounds[token + 1]``), in row order."""

    def __init__(self, rows: int) -> None:
        self.count = rows
        self._numbers: defaultdict[bytes, int] = defaultdict(count().__next__)
        self._keys: list[npt.NDArray[np.int64]] = []
        self._tokens: list[bytes] = []
        self._joined = np.zeros(0, dtype=np.uint8)  # every token, each followed by a newline
        self._starts = np.zeros(0, dtype=np.int64)  # where each token begins in ``_joined``
        self._rows = np.empty(0, dtype=np.int32)
        self._bounds = np.zeros(1, dtype=np.int64)
        self._recent: dict[str, npt.NDArray[np.int64]] = {}

    def add(self, first: int, raw: bytes, starts: npt.NDArray[np.int64]) -> None:
        """Rows ``first``, ``first + 1``, ... whose texts are ``raw`` (joined by newlines),
        row i beginning at ``starts[i]``."""
        numbers = self._numbers.__getitem__  # a new token takes the next number
        tokens = np.fromiter(map(numbers, raw.split()), dtype=np.int64)
        space = np.frombuffer(raw.translate(_ASCII_SPACE), dtype=np.bool_)
        begins = np.flatnonzero(~space[1:] & space[:-1]) + 1
        if len(raw) and not space[0]:
            begins = np.concatenate(([0], begins))
        rows = np.searchsorted(starts, begins, side="right") - 1 + first
        keys = (tokens << _ROW_BITS) | rows
        if not len(keys):
            return
        keys.sort()
        # A row's repeated tokens once: their keys are the same.
        self._keys.append(keys[np.concatenate(([True], keys[1:] != keys[:-1]))])

    def finish(self) -> None:
        keys = np.concatenate(self._keys) if self._keys else np.empty(0, dtype=np.int64)
        self._keys = []
        keys.sort(kind="stable")  # sorted runs, one a chunk: merged rather than sorted
        self._tokens = list(self._numbers)
        self._numbers = defaultdict(count().__next__)
        joined = b"\n".join(self._tokens) + b"\n"
        self._joined = np.frombuffer(joined, dtype=np.uint8)
        sizes = np.fromiter(map(len, self._tokens), dtype=np.int64, count=len(self._tokens)) + 1
        self._starts = np.cumsum(sizes) - sizes
        self._rows = keys.astype(np.int32)  # the low bits: the row
        # Where each token's keys begin (no 67 MB array of the high bits needed).
        token_keys = np.arange(len(self._tokens) + 1, dtype=np.int64) << _ROW_BITS
        self._bounds = np.searchsorted(keys, token_keys)

    def rows_holding(self, word: str) -> Mask:
        """A yes per row whose text holds ``word`` (which holds no whitespace)."""
        found = np.zeros(self.count, dtype=np.bool_)
        tokens = self._tokens_holding(word)
        if len(tokens):
            firsts, lasts = self._bounds[tokens], self._bounds[tokens + 1]
            sizes = lasts - firsts
            # The slices of all those tokens' rows, as one index array.
            places = np.arange(int(sizes.sum()), dtype=np.int64)
            places += np.repeat(firsts - (np.cumsum(sizes) - sizes), sizes)
            found[self._rows[places]] = True
        return found

    def _tokens_holding(self, word: str) -> npt.NDArray[np.int64]:
        kept = self._recent.get(word)
        if kept is not None:
            return kept
        # Tokens holding "budge" are among those holding "budg": check only those,
        # unless they are so many that a pass over all the tokens' bytes is quicker.
        inside = [old for old in self._recent if old in word]
        among = self._recent[max(inside, key=len)] if inside else None
        needle = encoded(word)
        if among is None or len(among) * 8 > len(self._tokens):
            found = self._scan(needle)
        else:
            tokens = map(self._tokens.__getitem__, among.tolist())
            holds = np.fromiter(
                map(operator.contains, tokens, repeat(needle)), dtype=np.bool_, count=len(among)
            )
            found = among[holds]
        if len(self._recent) >= RECENT_WORDS:
            del self._recent[next(iter(self._recent))]
        self._recent[word] = found
        return found

    def _scan(self, needle: bytes) -> npt.NDArray[np.int64]:
        """The tokens holding ``needle``, by whole-array passes over all their bytes: a
        call per token costs about 0.2 us, 40 ms for 200,000 tokens."""
        joined = self._joined
        places = len(joined) - len(needle) + 1  # where ``needle`` could begin
        if places <= 0 or not needle:
            return np.zeros(0, dtype=np.int64)
        head = min(len(needle), 3)
        at = joined[:places] == needle[0]
        for step in range(1, head):
            at &= joined[step : step + places] == needle[step]
        begins = np.flatnonzero(at)
        for step in range(head, len(needle)):  # the rest only where the head matched
            begins = begins[joined[begins + step] == needle[step]]
        if not len(begins):
            return begins
        # A match never spans a newline (the word holds no whitespace): one token each.
        tokens = np.searchsorted(self._starts, begins, side="right") - 1
        return tokens[np.concatenate(([True], tokens[1:] != tokens[:-1]))]  # in order
