"""How tall a wrapped table row must be: lines of text per cell, estimated from widths.

LibreOffice overlaps the lines of a wrapped cell unless the row has an explicit
height, so every exported row gets one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

LINE_HEIGHT = 12.75  # points per line of 10 pt Arial, as Excel spaces it
# Characters of ordinary text per unit of column width. Excel fits about 1.2 of
# Arial 10 and LibreOffice with its fallback fonts more; kept low because a row a
# little too tall is harmless, while one too short hides the last line.
CHARS_PER_WIDTH = 1.1
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def _tidy(text: str) -> bool:
    """Words with one space between them and none around, already (no copy needed)."""
    return (
        text.isascii()
        and text[:1] != " "
        and text[-1:] != " "
        and "  " not in text
        and "\t" not in text
        and "\r" not in text
        and "\x0b" not in text
        and "\x0c" not in text
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
    )


def line_length(width: float, bold: bool = False) -> int:
    """Characters that fit on one line of a column ``width`` wide."""
    return max(1, int(width * CHARS_PER_WIDTH * (0.9 if bold else 1.0)))


def lines_of(text: str, per_line: int) -> int:
    """Lines ``text`` takes, wrapped at word breaks, ``per_line`` characters a line."""
    if len(text) <= per_line:
        return text.count("\n") + 1  # fits on one line however its words fall (most cells)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        if len(paragraph) <= per_line:
            continue
        # Greedy wrapping a line at a time: each line ends at the last space that fits
        # (the one just past a full line counts), or, in a word longer than the line,
        # where the line is full. A line never starts with a space, so "found > start"
        # only rules out "no space".
        words = paragraph if _tidy(paragraph) else " ".join(paragraph.split())
        rfind = words.rfind
        start, last = 0, len(words) - per_line
        while start < last:
            cut = start + per_line
            found = rfind(" ", start, cut + 1)
            start = found + 1 if found > start else cut
            lines += 1
    return lines


def most_lines(text: str, per_line: int) -> int:
    """At least ``lines_of(text, per_line)``, for one paragraph longer than a line.

    Two lines in a row take more than ``per_line`` characters: a line ends early only
    when the next word would not fit, and that word then starts the next line, which
    runs past the first one's end. So the lines before the last come in pairs of
    ``per_line + 1`` characters or more, out of ``len(text) - 1`` (the last line
    holds at least one). Tidying the spaces only shortens the text.
    """
    return 2 * ((len(text) - 1) // (per_line + 1)) + 2


@lru_cache(maxsize=64)
def _columns(widths: tuple[float, ...], bold: bool) -> tuple[tuple[int, int], ...]:
    """(column index, line length), the widest columns first: they hold the long texts,
    whose line counts then rule out most of the narrower cells without wrapping them."""
    order = sorted(range(len(widths)), key=lambda i: -widths[i])
    return tuple((i, line_length(widths[i], bold)) for i in order)


def row_lines(texts: Sequence[str], widths: Sequence[float], bold: bool = False) -> int:
    """The most lines any cell of a row takes (at least one)."""
    if len(texts) != len(widths):
        raise ValueError(f"{len(texts)} texts for {len(widths)} columns")
    best = 1
    for index, per_line in _columns(tuple(widths), bold):
        text = texts[index]
        if len(text) <= per_line:
            if text:
                best = max(best, text.count("\n") + 1)
        elif "\n" in text or most_lines(text, per_line) > best:
            best = max(best, lines_of(text, per_line))
    return best
