"""Plain-text tables for the terminal."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence

MAX_CELL = 60


def clip(text: str | None, width: int = MAX_CELL) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str | None]]) -> str:
    cells = [[clip(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    # Clip to the terminal only when a person is reading; scripts get whole lines.
    limit = shutil.get_terminal_size().columns if sys.stdout.isatty() else 10_000

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()[:limit]

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def short_id(record_id: str) -> str:
    return record_id[:8]
