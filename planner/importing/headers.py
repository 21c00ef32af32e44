"""Recognising a table's header row and section rows by what the words mean.

Councils label the same column many ways ("Date of Meeting", "Meeting date",
"Date"); the importer matches them to the planner's fields, and the user can
correct the result with overrides such as ``{"officers": 5}`` or
``{"groups.membership": None}`` (None: leave that column out).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from planner.errors import ValidationError

Table = Literal["programme", "tracker"]
Overrides = Mapping[str, int | None]

# Sections of a programme; a tracker is one section.
SCHEDULED, GROUPS, DEVELOPMENT, UNSCHEDULED, TRACKER = (
    "scheduled", "groups", "development", "unscheduled", "tracker",
)
TOPIC_FIELDS = (
    "date", "title", "description", "outcome", "method", "officers", "cabinet_member",
    "witnesses",
)
GROUP_FIELDS = ("finish", "title", "description", "outcome", "membership", "lead_member")
TRACKER_FIELDS = (
    "reference", "meeting", "text", "addressed_to", "response_due", "response", "agreed",
    "status", "next_review",
)
SECTION_FIELDS = {
    SCHEDULED: TOPIC_FIELDS,
    DEVELOPMENT: TOPIC_FIELDS,
    UNSCHEDULED: TOPIC_FIELDS,
    GROUPS: GROUP_FIELDS,
    TRACKER: TRACKER_FIELDS,
}
KEY_FIELD: dict[Table, str] = {"programme": "title", "tracker": "text"}

_PROGRAMME_WORDS: dict[str, tuple[str, ...]] = {
    "finish": ("projected finish date", "projected finish", "finish date", "completion date",
               "end date", "expected completion", "target completion date", "report back"),
    "date": ("date of meeting", "meeting date", "date", "meeting", "committee date",
             "date of committee", "when", "timing", "timescale", "scheduled for", "month"),
    "title": ("scrutiny topic", "topic", "item", "subject", "title", "agenda item", "issue",
              "scrutiny item", "review", "task group", "name", "report title", "report"),
    "description": ("description", "purpose", "aims", "aim", "details", "purpose of scrutiny",
                    "scope", "what", "reason", "background", "rationale", "objectives",
                    "summary", "description purpose", "aims objectives"),
    "outcome": ("outcome", "outcomes", "desired outcome", "expected outcome",
                "intended outcome", "outcome sought", "added value", "impact"),
    "method": ("method", "methods", "format", "type", "approach", "how", "scrutiny method",
               "method of scrutiny", "type of scrutiny", "report type"),
    "officers": ("officers responsible", "officer responsible", "lead officer",
                 "report author", "responsible officer", "officer", "officers",
                 "contact officer", "lead", "author", "contact", "responsible"),
    "membership": ("membership", "members", "task group members", "group members"),
    "lead_member": ("lead member", "group chairman", "task group chairman"),
    "cabinet_member": ("cabinet member", "portfolio holder", "portfolio"),
    "witnesses": ("witnesses", "witness", "invitees"),
}
_PROGRAMME_KEYWORDS = (
    ("finish", ("finish", "completion")),
    ("officers", ("officer", "author")),
    ("cabinet_member", ("cabinet", "portfolio")),
    ("membership", ("membership", "members")),
    ("outcome", ("outcome",)),
    ("description", ("description", "purpose")),
    ("title", ("topic", "subject", "item")),
    ("method", ("method",)),
    ("witnesses", ("witness",)),
    ("date", ("date", "meeting", "timing")),
)
_TRACKER_WORDS: dict[str, tuple[str, ...]] = {
    "reference": ("ref", "reference", "ref no", "rec no", "recommendation number",
                  "recommendation ref", "rec ref", "no", "number", "minute", "minute ref",
                  "item", "id"),
    "meeting": ("meeting", "meeting date", "date of meeting", "date", "committee date",
                "date of recommendation", "date raised", "date made"),
    "text": ("recommendation", "recommendations", "recommendation text", "text",
             "recommendation made"),
    "addressed_to": ("addressed to", "to", "responsible", "responsibility", "owner", "lead",
                     "lead officer", "cabinet member", "responsible officer", "directed to"),
    "response_due": ("response due", "date response due", "due", "due date",
                     "response deadline", "deadline", "response date"),
    "response": ("response", "executive response", "cabinet response", "update", "progress",
                 "comments", "progress update", "latest update"),
    "agreed": ("agreed", "accepted", "decision"),
    "status": ("status", "rag", "status rag", "rag status", "rating", "progress status",
               "outcome"),
    "next_review": ("next review", "review date", "next review date", "review", "follow up",
                    "follow up date"),
}
_TRACKER_KEYWORDS = (
    ("response_due", ("due", "deadline")),
    ("next_review", ("review",)),
    ("text", ("recommendation", "recommendations")),
    ("reference", ("ref", "reference", "number")),
    ("status", ("status", "rag")),
    ("agreed", ("agreed", "accepted")),
    ("response", ("response", "update")),
    ("addressed_to", ("addressed", "responsible", "owner")),
    ("meeting", ("meeting", "date")),
)
_SECTIONS = (
    (GROUPS, ("task groups", "task group", "task and finish groups", "task and finish group",
              "task finish groups", "working groups", "task groups and reviews")),
    (DEVELOPMENT, ("in development", "topics in development", "items in development",
                   "under development")),
    (UNSCHEDULED, ("items to be scheduled", "to be scheduled", "unscheduled items",
                   "items not yet scheduled", "future items", "items to be programmed",
                   "topics to be scheduled")),
    (SCHEDULED, ("scheduled items", "scheduled topics", "scheduled")),
)
# Cyrillic and Greek letters that look Latin: PDF and OCR copies are full of them
# (the seed's "Торіс" header is Cyrillic).
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕІЈЅΑΒΕΗΙΚΜΝΟΡΤΧΥοαρτ",
    "ABEKMHOPCTXaeopcyxijsIJSABEHIKMNOPTXYoapt",
)


def normalise(text: str) -> str:
    """Lower case, look-alike letters folded, "(s)" and punctuation dropped."""
    folded = text.translate(_LOOKALIKES).lower().replace("(s)", "s").replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", folded))


@lru_cache(maxsize=4096)
def _match(text: str, table: Table) -> tuple[str | None, bool]:
    """The field a header cell means, and whether it is a known name (not a keyword)."""
    if len(text) > 80:  # most data cells: no need to look closer
        return None, False
    words = normalise(text)
    if not words or len(words) > 60:
        return None, False
    exact = _PROGRAMME_WORDS if table == "programme" else _TRACKER_WORDS
    for name, synonyms in exact.items():
        if words in synonyms:
            return name, True
    present = set(words.split())
    if len(present) > 6:  # a sentence is data, not a header
        return None, False
    keywords = _PROGRAMME_KEYWORDS if table == "programme" else _TRACKER_KEYWORDS
    return next((name for name, keys in keywords if not present.isdisjoint(keys)), None), False


def match_header(text: str, table: Table) -> str | None:
    """The field a header cell means, or None."""
    return _match(text, table)[0]


def section_of(text: str) -> str | None:
    """The section a one-cell row starts ("Task Groups" -> groups), or None."""
    words = normalise(text)
    if not words or len(words) > 50:
        return None
    for section, names in _SECTIONS:
        if words in names or any(words.startswith(n + " ") for n in names[:2]):
            return section
    return None


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (0-based) holds which field, for one section of one sheet."""

    sheet: str
    section: str
    header_row: int | None  # None: no header of its own; the columns follow the main table
    columns: Mapping[str, int]
    headers: tuple[str, ...] = ()
    overridden: tuple[str, ...] = field(default=())

    def column(self, name: str) -> int | None:
        return self.columns.get(name)

    def describe(self) -> str:
        def header(i: int) -> str:
            return f" ({self.headers[i]})" if i < len(self.headers) and self.headers[i] else ""

        parts = [f"{n}={column_letter(i)}{header(i)}" for n, i in self.columns.items()]
        where = f"row {self.header_row}" if self.header_row else "no header row"
        return f"{self.sheet}, {self.section} ({where}): " + ", ".join(parts)


def detect_header(
    cells: Sequence[str | None], table: Table, *, forced: bool = False, strict: bool = False
) -> dict[str, int] | None:
    """Fields found in a candidate header row, or None if it is not one.

    A header names the key field (a programme's topic, a tracker's recommendation)
    and at least one other, and most of its cells are headers. ``strict`` (for rows
    below the first header) wants two known names, not just keywords: data such as
    "Topic 3 | An outcome | Officer" must not pass for a header.
    """
    found: dict[str, int] = {}
    known = matched = filled = 0
    for index, text in enumerate(cells):
        if not text:
            continue
        filled += 1
        name, exact = _match(text, table)
        if name:
            matched += 1
            known += exact
            found.setdefault(name, index)
    if forced:
        return found
    if len(found) < 2 or KEY_FIELD[table] not in found or matched < 0.6 * filled:
        return None
    return None if strict and known < 2 else found


def with_overrides(mapping: ColumnMapping, overrides: Overrides | None) -> ColumnMapping:
    """The mapping after the user's corrections for this section."""
    if not overrides:
        return mapping
    allowed = SECTION_FIELDS[mapping.section]
    columns = dict(mapping.columns)
    changed: list[str] = []
    for key, column in overrides.items():
        section, _, name = key.rpartition(".")
        if name not in allowed or (section and section != mapping.section):
            continue
        # A column holds one field: whatever was there before gives way.
        columns = {n: i for n, i in columns.items() if n != name and i != column}
        if column is not None:
            columns[name] = column
        changed.append(name)
    order = {n: i for i, n in enumerate(allowed)}
    ordered = dict(sorted(columns.items(), key=lambda item: order[item[0]]))
    return ColumnMapping(mapping.sheet, mapping.section, mapping.header_row, ordered,
                         mapping.headers, tuple(changed))


def parse_column(text: str) -> int | None:
    """"B" or "2" (1-based) -> 1; "-" or "none" -> None (leave the field out)."""
    cleaned = text.strip().upper()
    if cleaned in {"-", "NONE", ""}:
        return None
    if cleaned.isdigit() and int(cleaned) >= 1:
        return int(cleaned) - 1
    if re.fullmatch(r"[A-Z]{1,2}", cleaned):
        index = 0
        for letter in cleaned:
            index = index * 26 + ord(letter) - 64
        return index - 1
    raise ValidationError("map", f"'{text}' is not a column: give a letter such as B.")


def parse_overrides(items: Sequence[str], table: Table) -> dict[str, int | None]:
    """``["officers=F", "groups.membership=E"]`` as the CLI's --map gives them."""
    known = TRACKER_FIELDS if table == "tracker" else TOPIC_FIELDS + GROUP_FIELDS
    sections = {TRACKER} if table == "tracker" else {SCHEDULED, GROUPS, DEVELOPMENT, UNSCHEDULED}
    result: dict[str, int | None] = {}
    for item in items:
        key, sep, column = item.partition("=")
        section, _, name = key.strip().lower().rpartition(".")
        if not sep or name not in known or (section and section not in sections):
            raise ValidationError(
                "map",
                f"'{item}' is not FIELD=COLUMN; the fields are {', '.join(dict.fromkeys(known))}"
                f" (optionally after a section: {', '.join(sorted(sections))}).",
            )
        result[key.strip().lower()] = parse_column(column)
    return result
