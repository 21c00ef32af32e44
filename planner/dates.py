"""Reading and writing dates the way councils write them.

Display is always "16 November 2018". Input accepts ISO dates and the common
British forms: "16 November 2018", "16th Nov 2018", "Friday, 7 September 2018",
"16/11/2018", "16/11/18", "16.11.2018".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from planner.errors import ValidationError

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDS = re.compile(
    rf"^(?:({_WEEKDAY}))?(\d{{1,2}})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{{4}})$"
)
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_YEAR = re.compile(r"^(\d{4})\s*[/\-]\s*(\d{2}|\d{4})$")


def format_date(value: date | None, *, weekday: bool = False) -> str:
    """16 November 2018 (or Friday 16 November 2018); never depends on the process locale."""
    if value is None:
        return ""
    text = f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{WEEKDAY_NAMES[value.weekday()]} {text}" if weekday else text


def format_time(value: time | None) -> str:
    """10:00, 24-hour clock as agendas increasingly print it."""
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def _build(field: str, text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"{field.capitalize()} '{text}' is not a real date.") from None


def parse_date(text: str, field: str = "date") -> date:
    """Parse a date as a clerk would type it; raise ValidationError naming ``field``."""
    raw = text.strip()
    cleaned = re.sub(r"\s+", " ", raw.lower())
    if m := _ISO.match(cleaned):
        return _build(field, raw, int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(cleaned):
        year = int(m[3])
        if year < 100:
            year += 2000 if year < 70 else 1900
        return _build(field, raw, year, int(m[2]), int(m[1]))
    if (m := _WORDS.match(cleaned)) and m[3] in MONTHS:
        day = _build(field, raw, int(m[4]), MONTHS[m[3]], int(m[2]))
        named = m[1].strip(" ,")[:3] if m[1] else None
        actual = WEEKDAY_NAMES[day.weekday()]
        if named and actual[:3].lower() != named:
            # "Monday, 7 September 2018" is a typo in one half or the other: ask.
            raise ValidationError(
                field, f"{field.capitalize()} '{raw}': {format_date(day)} was a {actual}."
            )
        return day
    raise ValidationError(
        field,
        f"{field.capitalize()} '{raw}' is not a date; write it as 2019-04-23 or 23 April 2019.",
    )


def parse_optional_date(text: str | None, field: str = "date") -> date | None:
    if text is None or not text.strip():
        return None
    return parse_date(text, field)


def parse_time(text: str, field: str = "time") -> time:
    """10:00, 10.00 am, 2pm, 14.30."""
    cleaned = text.strip().lower().replace(" ", "")
    m = _TIME.match(cleaned)
    if m:
        hour, minute = int(m[1]), int(m[2] or 0)
        suffix = (m[3] or "").replace(".", "")
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValidationError(field, f"{field.capitalize()} '{text}' is not a time; write it as 10:00.")


def coerce_date(value: date | str | None, field: str) -> date | None:
    """Accept a date or text from any caller (CLI, import, UI)."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    return parse_optional_date(value, field)


def coerce_time(value: time | str | None, field: str) -> time | None:
    if value is None or isinstance(value, time):
        return value
    return parse_time(value, field) if value.strip() else None


def parse_municipal_year(text: str) -> str:
    """Normalise '2018/19', '2018-19', '2018/2019' to '2018/19'."""
    m = _YEAR.match(text.strip())
    if m:
        start = int(m[1])
        end = int(m[2]) if len(m[2]) == 4 else (start + 1) // 100 * 100 + int(m[2])
        if end == start + 1:
            return f"{start}/{end % 100:02d}"
    raise ValidationError(
        "municipal_year", f"Municipal year '{text}' must look like 2018/19 (May to May)."
    )


def municipal_year_of(day: date) -> str:
    """The municipal year a date falls in; years run from May to April."""
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def municipal_year_bounds(year: str) -> tuple[date, date]:
    """First and last day of a municipal year: 1 May to 30 April."""
    start = int(parse_municipal_year(year)[:4])
    return date(start, 5, 1), date(start + 1, 4, 30)


_SEASONS = {
    "early": 2,
    "spring": 4,
    "mid": 6,
    "summer": 7,
    "autumn": 10,
    "late": 11,
    "winter": 12,
    "q1": 2,
    "q2": 5,
    "q3": 8,
    "q4": 11,
}
_TIMING_YEAR = re.compile(r"\b(19|20)(\d{2})\b")


def timing_key(timing: str) -> tuple[int, int, int]:
    """Rough chronological key for loose timings; unknown words and "TBC" sort last."""
    lowered = timing.lower()
    year_match = _TIMING_YEAR.search(lowered)
    if not year_match:
        return (9999, 99, 0)
    year = int(year_match.group(0))
    month = 6
    for word in re.findall(r"[a-z0-9]+", lowered):
        if word in _SEASONS:
            month = _SEASONS[word]
            break
        if word in MONTHS:
            month = MONTHS[word]
            break
    return (year, month, 0)
