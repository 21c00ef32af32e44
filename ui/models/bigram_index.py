"""Which rows of a long list hold each pair of adjacent characters, as packed bits.

A one- or two-letter word's rows are among those holding its pairs, so a keystroke
reads a few bit columns instead of 90 MB of text. The index reads the texts' UTF-8
bytes, each one of 32 symbols: a-z exactly, and classes for digits, other bytes and
whitespace (which ends a word, so it also ends each row). A one- or two-letter word of
a-z is answered exactly (a-z bytes are a-z characters in UTF-8); longer words and other
characters are answered by the token index (token_index.py).

Imported only for long lists: numpy is not on the start-up path.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import numpy.typing as npt

SYMBOLS = 32
PAIRS = SYMBOLS * SYMBOLS
_END = 0  # whitespace, and the end of each row's text
_DIGIT, _ASCII, _OTHER = 27, 28, 29
Mask = npt.NDArray[np.bool_]


def _symbol_table() -> bytes:
    table = bytearray([_ASCII] * 128 + [_OTHER] * 128)
    for byte in b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f":  # what str.split() splits on
        table[byte] = _END
    for number, letter in enumerate(b"abcdefghijklmnopqrstuvwxyz", start=1):
        table[letter] = number
    for digit in b"0123456789":
        table[digit] = _DIGIT
    return bytes(table)


_TABLE = _symbol_table()


class BigramIndex:
    """Bits by pair (``_pairs[pair // 8, row]``: one pair's rows are one contiguous line
    of bytes), built a chunk of rows at a time (``add``)."""

    def __init__(self, rows: int) -> None:
        self.count = rows
        self._pairs = np.empty((PAIRS // 8, rows), dtype=np.uint8)
        self._marks = np.zeros(0, dtype=np.bool_)

    def add(self, first: int, raw: bytes, lengths: npt.NDArray[np.int64]) -> None:
        """Rows ``first``, ``first + 1``, ... whose texts are ``raw``: each followed by a
        newline, ``lengths`` bytes each (the newline included)."""
        rows = len(lengths)
        if len(self._marks) < rows * PAIRS:
            self._marks = np.zeros(rows * PAIRS, dtype=np.bool_)
        symbols = np.frombuffer(raw.translate(_TABLE), dtype=np.uint8).astype(np.uint16)
        # Each byte starts a pair of its own row: the row's end follows.
        pairs = symbols[:-1] << 5
        pairs |= symbols[1:]
        owners = np.arange(0, rows * PAIRS, PAIRS, dtype=np.int32)
        places = np.repeat(owners, lengths)
        places = places[:-1]
        places += pairs
        seen = self._marks[: rows * PAIRS]
        seen[:] = False
        seen[places] = True
        packed = np.packbits(seen.reshape(rows, PAIRS), axis=1)
        self._pairs[:, first : first + rows] = packed.T

    def finish(self) -> None:
        self._marks = np.zeros(0, dtype=np.bool_)  # 1 MB no longer needed

    @staticmethod
    def _column(bits: npt.NDArray[np.uint8], code: int) -> npt.NDArray[np.uint8]:
        return (bits[code >> 3] >> (7 - (code & 7))) & 1  # type: ignore[no-any-return]

    def candidates(self, word: str) -> Mask:
        """A yes per row that may hold ``word`` (every row that does holds a yes)."""
        codes = word.encode("utf-8", "surrogatepass").translate(_TABLE)
        if len(codes) == 1:  # any pair starting with it: four bytes of pairs
            first = codes[0] * SYMBOLS // 8
            starting: Mask = np.bitwise_or.reduce(self._pairs[first : first + SYMBOLS // 8]) != 0
            return starting
        pairs = sorted({a * SYMBOLS + b for a, b in pairwise(codes)})
        found = self._column(self._pairs, pairs[0])
        for pair in pairs[1:]:
            found &= self._column(self._pairs, pair)
        return found.view(np.bool_)

    @staticmethod
    def exact(word: str) -> bool:
        """Whether ``candidates(word)`` are exactly the rows holding it."""
        return len(word) <= 2 and all("a" <= c <= "z" for c in word)
