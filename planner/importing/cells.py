"""Reading one cell's meaning: dates, loose timings, exempt marks, members, statuses, RAG.

Each reader returns a value or raises ``CellError`` with a sentence the plan shows
after "Sheet, row N, column X:".
"""

from __future__ import annotations

import colorsys
import datetime as dt
import re
from dataclasses import dataclass

from planner.dates import MONTHS, format_date, parse_date
from planner.enums import EXEMPT_PARAGRAPHS, Agreed, Rag, RecStatus
from planner.errors import ValidationError
from planner.importing.reader import Value

MAX_TIMING = 100  # the planner keeps loose timings to 100 characters


class CellError(Exception):
    """A cell that cannot be read; the message names the value, not the place."""


_NOT_GIVEN = {"tbc", "tba", "to be confirmed", "n/a", "na", "-", "–", "none", "nil", "?"}
_NO_WHEN = {"in development", "n/a", "na", "-", "–", "none", "not scheduled", "unscheduled"}
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
_DATE_LIKE = re.compile(
    rf"^{_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?(?:\s+[a-z]+\.?,?\s+|\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*)"
    r"\d{2,4}\b|^\d{4}-\d{1,2}-\d{1,2}\b"
)
_SHORT_YEAR = re.compile(rf"^{_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{{2}})$")
_TRAILING_TIME = re.compile(
    r"[,\s]+(?:at\s+)?\d{1,2}(?:[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|\s*(?:am|pm|a\.m\.|p\.m\.))$"
)
_EXEMPT_LINE = re.compile(r"^\s*(?:exempt\b|part\s*(?:2|ii)\b|not for publication\b)", re.I)
_PARAGRAPH = re.compile(r"(?:paragraph|para\.?)\s*(\d+)", re.I)
_SLIP_SPLIT = re.compile(r"\s*:\s*|\s+[–—-]\s+")
_SLIP_ANYWHERE = re.compile(r"slipped\s+(?:to|until)\s+(.+?)(?::|\s[–—-]\s)\s*(\S.*)", re.I | re.S)


def text_of(value: Value) -> str | None:
    """Text as a person reads the cell: 7.0 -> "7", a date -> "16 November 2018"."""
    if value is None:
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return value


def _quoted(value: Value) -> str:
    text = text_of(value) or ""
    return f"'{text if len(text) <= 40 else text[:39] + '…'}'"


def _from_serial(value: float) -> dt.date:
    """An Excel day number (a date cell formatted as a number)."""
    if not 32874 <= value <= 73051:  # 1990 to 2099: anything else is not a meeting date
        raise CellError(f"{_quoted(value)} is a number, not a date.")
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))


def looks_like_date(text: str) -> bool:
    return bool(_DATE_LIKE.match(text.strip().lower()))


def read_date(value: Value) -> dt.date | None:
    """A real date cell, a day number, or text in a common British form; None if TBC."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        return _from_serial(value)
    lowered = " ".join(value.lower().split())
    if lowered in _NOT_GIVEN:
        return None
    for candidate in (lowered, _TRAILING_TIME.sub("", lowered)):
        try:
            return parse_date(candidate)
        except ValidationError:
            pass
        m = _SHORT_YEAR.match(candidate)  # "16 Nov 18"
        if m and m[2] in MONTHS:
            try:
                return dt.date(2000 + int(m[3]), MONTHS[m[2]], int(m[1]))
            except ValueError:
                break
    if looks_like_date(lowered):
        raise CellError(f"{_quoted(value)} is not a real date.")
    raise CellError(f"{_quoted(value)} is not a date; write it as 16 November 2018.")


def read_when(value: Value) -> dt.date | str | None:
    """A meeting date, a loose timing ("Early 2019", "Spring", "TBC"), or None."""
    if value is None or isinstance(value, dt.date | float):
        return read_date(value)
    text = " ".join(value.split())
    if text.lower() in _NO_WHEN:
        return None
    if looks_like_date(text) or text.lower().startswith(("meeting", "date")):
        try:
            return read_date(re.sub(r"^(?:date of )?meeting\s*(?:date)?[:\-–]?\s*", "", text,
                                    flags=re.I))
        except CellError:
            if looks_like_date(text):
                raise
    if len(text) > MAX_TIMING:
        raise CellError(f"{_quoted(value)} is neither a date nor a short timing such as "
                        "'Early 2019'.")
    return text


def split_exempt(text: str | None) -> tuple[str | None, bool, int | None]:
    """Take an "Exempt – Schedule 12A paragraph 3" line off a cell: (rest, exempt, paragraph)."""
    if not text:
        return text, False, None
    kept, exempt, paragraph = [], False, None
    for line in text.split("\n"):
        if _EXEMPT_LINE.match(line):
            exempt = True
            m = _PARAGRAPH.search(line)
            if m:
                paragraph = int(m[1])
                if paragraph not in EXEMPT_PARAGRAPHS:
                    raise CellError(
                        f"Schedule 12A has paragraphs 1 to 7; {paragraph} is not one of them."
                    )
        else:
            kept.append(line)
    if exempt and paragraph is None:
        raise CellError(
            "The row is marked exempt but gives no Schedule 12A paragraph; "
            "add 'paragraph 1' to 'paragraph 7'."
        )
    rest = "\n".join(kept).strip()
    return rest or None, exempt, paragraph


def read_members(text: str | None) -> list[str] | None:
    """Named members; None when not given ("TBC"), so nothing known is erased."""
    if not text or text.strip().lower() in _NOT_GIVEN:
        return None
    names = [n.strip() for n in re.split(r"[;\n]|,\s*", text)]
    return [n for n in names if n and n.lower() not in _NOT_GIVEN] or None


_AGREED = {
    Agreed.YES: {"yes", "y", "agreed", "accepted"},
    Agreed.NO: {"no", "n", "not agreed", "rejected", "declined"},
    Agreed.IN_PART: {"in part", "part", "partly", "partially", "partially agreed",
                     "agreed in part"},
}


def read_agreed(text: str | None) -> Agreed | None:
    if not text or text.strip().lower() in _NOT_GIVEN:
        return None
    cleaned = " ".join(text.lower().split()).rstrip(".")
    for answer, words in _AGREED.items():
        if cleaned in words:
            return answer
    raise CellError(f"{_quoted(text)} is not yes, no or in part.")


def split_agreed_line(text: str | None) -> tuple[str | None, Agreed | None]:
    """The exported Response cell ends "Agreed: Yes"; take that line off."""
    if not text:
        return text, None
    *rest, last = text.split("\n")
    m = re.fullmatch(r"\s*agreed\s*:\s*(.+?)\s*", last, re.I)
    if not m:
        return text, None
    return "\n".join(rest).strip() or None, read_agreed(m[1])


@dataclass(frozen=True)
class StatusRead:
    status: RecStatus
    slipped_to: dt.date | None = None
    slipped_reason: str | None = None


_NO_STATUS = ("awaiting response", "response received", "awaiting", "pending", "open", "new")
_STATUS_WORDS = (
    (RecStatus.NOT_ACHIEVED, ("not achieved", "not met", "not implemented", "failed", "red",
                              "r")),
    (RecStatus.ACHIEVED, ("achieved", "completed", "complete", "done", "closed",
                          "implemented")),
    (RecStatus.ON_TRACK, ("on track", "in progress", "ongoing", "on going", "green", "g")),
)
_SLIP_WORDS = ("slipped", "amber", "delayed", "a")
_HOW = "write Achieved, On track, 'Slipped to 3 March 2019: reason' or Not achieved"


def read_status(text: str | None) -> StatusRead | None:
    """A tracker's status text, as the planner exports it or as clerks write it."""
    if not text:
        return None
    words = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    if not words or words.startswith(_NO_STATUS):
        return None
    def says(name: str) -> bool:
        # Single letters (R, A, G) only on their own: "A new approach" is not amber.
        return words == name or (len(name) > 1 and words.startswith(name + " "))

    for slip in _SLIP_WORDS:
        if says(slip):
            start = re.match(rf"\W*{slip}\b", text, re.I)
            return _read_slip(text, text[start.end() :] if start else "")
    for status, names in _STATUS_WORDS:
        if any(says(n) for n in names):
            return StatusRead(status)
    raise CellError(f"{_quoted(text)} is not a status; {_HOW}.")


def _read_slip(whole: str, rest: str) -> StatusRead:
    rest = re.sub(r"^[\s)\]:,–—-]*(?:slipped\b)?\s*(?:(?:to|until)\b)?\s*", "", rest, flags=re.I)
    parts = _SLIP_SPLIT.split(rest, maxsplit=1)
    when = read_date(parts[0]) if parts[0] else None
    reason = parts[1].strip() if len(parts) > 1 else ""
    if when is None:
        raise CellError(f"{_quoted(whole)} needs the new date: {_HOW}.")
    if not reason:
        raise CellError(f"{_quoted(whole)} needs the reason it slipped: {_HOW}.")
    return StatusRead(RecStatus.SLIPPED, when, reason)


def find_slip(texts: list[str]) -> StatusRead | None:
    """"Slipped to <date>: <reason>" written anywhere in a row, e.g. in the update."""
    for text in texts:
        m = _SLIP_ANYWHERE.search(text)
        if m:
            try:
                return StatusRead(RecStatus.SLIPPED, read_date(m[1]), m[2].strip())
            except CellError:
                continue
    return None


def rag_of(rgb: str | None) -> Rag | None:
    """Green, amber or red for a fill colour; pale Excel shades count, greys and blues don't."""
    if not rgb or not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
        return None
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if saturation < 0.1 or value < 0.25:
        return None
    degrees = hue * 360
    if degrees < 20 or degrees >= 330:
        return Rag.RED
    if degrees < 70:
        return Rag.AMBER
    if degrees < 170:
        return Rag.GREEN
    return None
