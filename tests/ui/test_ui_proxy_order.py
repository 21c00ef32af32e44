"""KeyProxy orders rows as a plain stable sort on the keys would: within each programme
section, ties in the order they had, on short lists (keys ranked when first sorted)
and long ones (every column ranked as the rows load)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PySide6.QtCore import Qt

from planner.enums import MeetingStatus
from ui.models import proxy as proxy_module
from ui.models.programme import ProgrammeModel
from ui.models.proxy import KeyProxy

WORDS = ["Budget", "budget", "Carers", "École", "strasse", "Straße", "", "transport", "zeta"]


def _programme(count: int, seed: int) -> ProgrammeModel:
    rng = random.Random(seed)
    meetings = [
        (f"m{i}", dt.date(2020, 1, 1) + dt.timedelta(days=14 * i), None, None,
         MeetingStatus.SCHEDULED, None, None, 0)
        for i in range(max(1, count // 25))
    ]  # fmt: skip

    def text(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).strip()

    topics = [
        (
            f"t{i}",
            rng.choice(meetings)[0] if rng.random() < 0.8 else None,
            rng.choice([None, "Early 2021", "TBC"]),
            text(2) or "Untitled",
            text(rng.randint(0, 40)),  # long texts, often sharing a long beginning
            text(3),
            rng.choice([None, "Report", "report", "Visit"]),
            text(1),
            rng.choice(["considered", "deferred", "scheduled"]),
            rng.choice([0, 0, 1]),
            False,
            None,
            rng.randint(0, 5),
        )
        for i in range(count)
    ]
    model = ProgrammeModel()
    model.load(topics, meetings)
    return model


def _expected(model: ProgrammeModel, before: list[int], column: int, descending: bool) -> list[int]:
    group_of, is_section = model.groups()
    keys = model.sort_keys(column)
    # Stable sorts: by key (reverse keeps ties in order), then sections, each row
    # after its section's own row.
    by_key = sorted(
        before, key=lambda i: (0, "") if is_section[i] else (1, keys[i]), reverse=descending
    )
    return sorted(by_key, key=lambda i: (group_of[i], not is_section[i]))


@pytest.mark.parametrize(("count", "prepared"), [(400, False), (2_000, True)])
def test_sorting_matches_a_stable_sort(count: int, prepared: bool, monkeypatch) -> None:
    if prepared:  # rank every column as the rows load, as on lists of 20,000 rows
        monkeypatch.setattr(proxy_module, "PREPARE_SORTS", count // 2)
    model = _programme(count, seed=count)
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    assert bool(proxy._ranked) is prepared
    rng = random.Random(7)
    for _ in range(20):
        column = rng.randrange(model.columnCount())
        descending = rng.random() < 0.5
        before = [proxy.source_row(r) for r in range(proxy.rowCount())]
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        proxy.sort(column, order)
        after = [proxy.source_row(r) for r in range(proxy.rowCount())]
        assert after == _expected(model, before, column, descending)
        if rng.random() < 0.3:
            proxy.set_filter_text(rng.choice(["budget", "stra", "", "carers zeta"]))


@pytest.mark.parametrize("prepared", [False, True])
def test_flat_lists_sort_stably(prepared: bool, monkeypatch) -> None:
    from ui.models.base import RowModel
    from ui.models.cells import make_row, text_key

    if prepared:
        monkeypatch.setattr(proxy_module, "PREPARE_SORTS", 100)
    rng = random.Random(3)
    rows = [
        make_row(str(i), (w := rng.choice(WORDS), str(n := rng.randint(0, 3))), (w, n))
        for i in range(600)
    ]
    model = RowModel()
    model.headers = ("Word", "Number")  # type: ignore[misc]
    model.key_functions = (text_key, None)  # type: ignore[misc]
    model.set_rows(rows)
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    for column, descending in ((1, False), (0, True), (1, True), (0, False)):
        before = [proxy.source_row(r) for r in range(proxy.rowCount())]
        keys = model.sort_keys(column)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        proxy.sort(column, order)
        expected = sorted(before, key=keys.__getitem__, reverse=descending)
        assert [proxy.source_row(r) for r in range(proxy.rowCount())] == expected


def test_filtering_matches_a_plain_search() -> None:
    """Typing, backspacing, a second word and editing inside a word: the narrowed
    searches (from where the shorter word was found) find what a plain search does."""
    from ui.models.base import RowModel
    from ui.models.cells import make_row

    rng = random.Random(11)
    vocabulary = ["safeguarding", "safe", "as", "assess", "transport", "sat", "aa", "a", "ß"]
    texts = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 12))) for _ in range(800)
    ]
    model = RowModel()
    model.headers = ("Text",)  # type: ignore[misc]
    model.set_rows([make_row(str(i), (t,), (t,)) for i, t in enumerate(texts)])
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    typed = ["s", "sa", "saf", "safe", "safeg", "safe", "as", "ass", "a", "aa", "aaa", "saa",
             "sa t", "sa tr", "sat tr", "fe", "afe", "safe", "ss", "ß", "as s",
             "assess sat"]  # fmt: skip
    for text in typed:
        proxy.set_filter_text(text)
        words = text.casefold().split()
        expected = [i for i, t in enumerate(model.filter_texts()) if all(w in t for w in words)]
        assert [proxy.source_row(r) for r in range(proxy.rowCount())] == expected, text


def test_programme_filter_keeps_sections() -> None:
    """A section shows when any of its topics match, all of them when its label does."""
    model = _programme(600, seed=5)
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    group_of, is_section = model.groups()
    texts = model.filter_texts()
    for text in ["b", "bu", "budget", "jan", "2020", "strasse", "zeta carers", "2020 budget"]:
        proxy.set_filter_text(text)
        words = text.split()
        hit = [all(w in t for w in words) for t in texts]
        whole = {group_of[i] for i, h in enumerate(hit) if h and is_section[i]}
        some = {group_of[i] for i, h in enumerate(hit) if h}
        expected = [
            i for i in range(len(texts))
            if hit[i] or group_of[i] in whole or (is_section[i] and group_of[i] in some)
        ]  # fmt: skip
        assert [proxy.source_row(r) for r in range(proxy.rowCount())] == expected, text
