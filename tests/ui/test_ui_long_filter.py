"""Long lists filter through a bigram index (numpy): the rows shown must be those a plain
``all(word in text for word in words)`` search shows, sections and mask included, for
any text and any typing (unicode, punctuation, digits, repeated words, words inside
other words). The index threshold is lowered so that short lists take that path."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ui_proxy_order import _programme

from ui.models import long_filter
from ui.models import proxy as proxy_module
from ui.models.base import RowModel
from ui.models.cells import make_row
from ui.models.proxy import KeyProxy

PIECES = ["safe", "sa", "as", "ß", "ss", "strasse", "é", "e", "2020", "20", "a-b", "?",
          "x?y", "ﬁ", "İ", "σς", "\u00a0", "tab\there", "line\nbreak", "日本", "ab", "ba",
          "v\x0btab", "fs\x1c", "ls\u2028", "\ud800", " ", "aa"]  # fmt: skip
TYPED = ["s", "sa", "saf", "safe", "sa", "s", "", "as", "ass", "ss", "ß", "straße", "strasse",
         "é", "e", "20", "202", "2020", "a-", "a-b", "?", "x?", "x?y", "fi", "ﬁ", "i̇", "σ",
         "ς", "日", "日本", "ab ba", "ab ab", "aa a", "aaa", "ba ab aa", "sa 20 é"]  # fmt: skip


@pytest.fixture(autouse=True)
def _indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proxy_module, "INDEXED_ROWS", 1)
    monkeypatch.setattr(long_filter, "CHUNK_ROWS", 7)  # several chunks, not a multiple of 8


def _flat(texts: list[str]) -> tuple[RowModel, KeyProxy]:
    model = RowModel()
    model.headers = ("Text", "More")  # type: ignore[misc]
    model.set_rows([make_row(str(i), (t, t[:3]), (t, t)) for i, t in enumerate(texts)])
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    assert (proxy._long is not None) == bool(texts)  # the index path
    return model, proxy


def _shown(proxy: KeyProxy) -> list[int]:
    return [proxy.source_row(r) for r in range(proxy.rowCount())]


def _plain(texts: list[str], text: str) -> list[bool]:
    words = text.casefold().split()
    return [all(w in t for w in words) for t in texts]


def _with_sections(
    grouping: tuple[list[int], list[bool]], hit: list[bool], words: bool
) -> list[int]:
    group_of, is_section = grouping
    whole = {group_of[i] for i, h in enumerate(hit) if h and is_section[i]} if words else set()
    some = {group_of[i] for i, h in enumerate(hit) if h}
    return [
        i for i in range(len(hit))
        if hit[i] or group_of[i] in whole or (is_section[i] and group_of[i] in some)
    ]  # fmt: skip


def test_typing_on_a_flat_list_matches_a_plain_search() -> None:
    rng = random.Random(3)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    model, proxy = _flat(texts)
    for text in TYPED + TYPED[::-1]:
        proxy.set_filter_text(text)
        hit = _plain(model.filter_texts(), text)
        assert _shown(proxy) == [i for i, h in enumerate(hit) if h], text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # Whitespace str.split knows and bytes.split does not (\x1c, \xa0, \u2028), and the
    # other way round none: the token index splits at ASCII whitespace only.
    st.lists(
        st.text(st.sampled_from("abcsßeé2 -?\n\t\x0b\x1c\xa0\u2028日İ\ud800"), max_size=40),
        min_size=1,
        max_size=40,
    ),
    st.lists(st.text(st.sampled_from("abcsßeé2 -?日İ"), max_size=6), max_size=8),
)
def test_any_texts_and_typing_match_a_plain_search(texts: list[str], typed: list[str]) -> None:
    model, proxy = _flat(texts)
    for text in typed:
        # Each query typed a letter at a time, as the filter box would send it.
        for end in range(1, len(text) + 1):
            proxy.set_filter_text(text[:end])
            hit = _plain(model.filter_texts(), text[:end])
            assert _shown(proxy) == [i for i, h in enumerate(hit) if h], text[:end]


def test_programme_sections_and_mask_match_a_plain_search() -> None:
    model = _programme(500, seed=8)
    proxy = KeyProxy()
    proxy.setSourceModel(model)
    assert proxy._long is not None
    grouping = model.groups()
    assert grouping is not None
    texts = model.filter_texts()
    rng = random.Random(4)
    odd: list[bool] = [rng.random() < 0.6 for _ in texts]
    masks: list[Callable[[], list[bool]] | None] = [None, lambda: odd]
    for mask in masks:
        proxy.set_mask(mask)
        for text in ["b", "bu", "bud", "budget", "jan", "2020", "strasse", "straße", "é",
                     "zeta carers", "2020 budget", "", "re", "rep", "report", "tbc"]:  # fmt: skip
            proxy.set_filter_text(text)
            hit = _plain(texts, text)
            if mask is not None:
                hit = [h and m for h, m in zip(hit, odd, strict=True)]
            if not text.split() and mask is None:
                expected = list(range(len(texts)))
            else:
                expected = _with_sections(grouping, hit, bool(text.split()))
            assert _shown(proxy) == expected, (text, mask is not None)
            sections = [r for r in range(proxy.rowCount()) if grouping[1][proxy.source_row(r)]]
            assert proxy.section_proxy_rows() == sections


def test_reloading_forgets_the_old_index() -> None:
    _model, proxy = _flat(["budget report", "transport", "budget"])
    proxy.set_filter_text("bud")
    assert _shown(proxy) == [0, 2]
    model = proxy.source()
    rows = [make_row("n", ("nothing", ""), ("", "")), make_row("b", ("budget", ""), ("", ""))]
    model.set_rows(rows)
    assert _shown(proxy) == [1]
