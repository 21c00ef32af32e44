"""Which rows of a long list hold each pair of adjacent characters, as packed bits; and
the list's texts one byte a character, to check a word at a known place without a search.

A word's rows are among those holding every adjacent pair of its characters,
so a keystroke reads a few bit columns instead of 90 MB of text. Each character becomes
one byte (Latin-1; "?" for any other character, so places in the bytes are places in the
text), and each byte one of 32 symbols: a-z exactly, and classes for digits, other
bytes and whitespace (which ends a word, so it also ends each row). A one- or two-letter
word of a-z is answered exactly; anything else gives candidates to verify.

Imported only for long lists: numpy is not on the start-up path.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import numpy.typing as npt

SYMBOLS = 32
PAIRS = SYMBOLS * SYMBOLS
CHUNK_ROWS = 1024  # rows encoded at a time: bounds the build's memory (1 MB of marks)
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


def _bytes(text: str) -> bytes:
    return text.encode("latin-1", "replace")


class BigramIndex:
    """Bits by pair (``_pairs[pair // 8, row]``: one pair's rows are one contiguous line
    of bytes); and every row's bytes, each row followed by a newline."""

    def __init__(self, texts: list[str]) -> None:
        self.count = len(texts)
        self._pairs = np.empty((PAIRS // 8, self.count), dtype=np.uint8)
        marks = np.zeros(CHUNK_ROWS * PAIRS, dtype=np.bool_)
        # One byte a character, so the lengths are known: no second copy of 90 MB.
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=self.count) + 1
        ends = np.cumsum(lengths)
        self._starts = ends - lengths
        self._text = np.empty(int(ends[-1]) if self.count else 0, dtype=np.uint8)
        for first in range(0, self.count, CHUNK_ROWS):
            encoded = list(map(_bytes, texts[first : first + CHUNK_ROWS]))
            rows = len(encoded)
            raw = b"\n".join(encoded) + b"\n"
            start = int(self._starts[first])
            self._text[start : start + len(raw)] = np.frombuffer(raw, dtype=np.uint8)
            symbols = np.frombuffer(raw.translate(_TABLE), dtype=np.uint8).astype(np.uint16)
            # Each byte starts a pair of its own row: the row's end follows.
            pairs = symbols[:-1] << 5
            pairs |= symbols[1:]
            owners = np.arange(0, rows * PAIRS, PAIRS, dtype=np.int32)
            places = np.repeat(owners, lengths[first : first + rows])
            places = places[:-1]
            places += pairs
            seen = marks[: rows * PAIRS]
            seen[:] = False
            seen[places] = True
            packed = np.packbits(seen.reshape(rows, PAIRS), axis=1)
            self._pairs[:, first : first + rows] = packed.T

    @staticmethod
    def _column(bits: npt.NDArray[np.uint8], code: int) -> npt.NDArray[np.uint8]:
        return (bits[code >> 3] >> (7 - (code & 7))) & 1  # type: ignore[no-any-return]

    def candidates(self, word: str) -> Mask:
        """A yes per row that may hold ``word`` (every row that does holds a yes)."""
        codes = _bytes(word).translate(_TABLE)
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

    @staticmethod
    def checkable(word: str) -> bool:
        """Whether ``holds_at`` can tell for ``word``: its bytes are its characters."""
        return all(c <= "\xff" and c != "?" for c in word)

    def holds_at(
        self, rows: npt.NDArray[np.int64], places: npt.NDArray[np.int32], word: str
    ) -> Mask:
        """Per row, whether ``word`` (``checkable``) starts at that place in its text."""
        at = self._starts[rows] + places
        last = len(self._text) - 1
        found = np.ones(len(rows), dtype=np.bool_)
        for step, byte in enumerate(_bytes(word)):
            found &= self._text[np.minimum(at + step, last)] == byte
        return found
