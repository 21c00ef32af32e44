"""The token index answers any word exactly as ``word in text`` would: through a pass
over all the tokens' bytes, or, typing on, by checking the tokens an earlier word
found; with tokens split across chunks and words evicted from what it keeps."""

from __future__ import annotations

import random

import numpy as np
import pytest

from ui.models import long_filter, token_index
from ui.models.long_filter import LongFilter


def _texts(rng: random.Random, rows: int) -> list[str]:
    letters = "abcdeéß1-,"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(3000)
    ]
    gaps = [" ", " ", " ", "\n", "\t", "\x0b", "\xa0", "\x1c"]
    return [
        "".join(rng.choice(vocabulary) + rng.choice(gaps) for _ in range(rng.randint(0, 25)))
        for _ in range(rows)
    ]


def _plain(texts: list[str], word: str) -> list[int]:
    return [i for i, text in enumerate(texts) if word in text]


@pytest.mark.parametrize("chunk", [1, 7, 1024])
def test_typing_on_and_back_matches_a_plain_search(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(long_filter, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(token_index, "RECENT_WORDS", 3)  # evictions while typing
    rng = random.Random(chunk)
    texts = _texts(rng, 400)
    index = LongFilter(texts, None)
    words = ["abc", "ébß", "1-,", "a,b", "ß1", "cab", "dd", "e\xa0"]
    for word in words + words[::-1]:
        for end in list(range(1, len(word) + 1)) + list(range(len(word), 0, -1)):
            typed = word[:end]
            for piece in typed.split():
                found = np.flatnonzero(index.matching([piece])).tolist()
                assert found == _plain(texts, piece), piece


def test_narrowing_checks_only_the_earlier_words_tokens() -> None:
    rng = random.Random(5)
    texts = _texts(rng, 300)
    index = token_index.TokenIndex(len(texts))
    chunk = [token_index.encoded(t) for t in texts]
    lengths = np.array([len(c) + 1 for c in chunk], dtype=np.int64)
    index.add(0, b"\n".join(chunk) + b"\n", np.cumsum(lengths) - lengths)
    index.finish()
    scans: list[bytes] = []
    real_scan = index._scan
    index._scan = lambda needle: scans.append(needle) or real_scan(needle)  # type: ignore[method-assign]
    for typed in ["a", "ab", "abc", "abcd"]:
        assert np.flatnonzero(index.rows_holding(typed)).tolist() == _plain(texts, typed)
    # "a" and "ab" are in too many tokens to check one by one: scanned; "abc" checks
    # only the tokens "ab" found, and "abcd" those "abc" found.
    assert scans == [b"a", b"ab"]


def test_an_empty_list_and_words_found_nowhere() -> None:
    index = LongFilter(["", "   ", "\n"], None)
    assert index.matching(["x"]).tolist() == [False, False, False]
    assert index.matching(["xyz", "ab"]).tolist() == [False, False, False]
    assert LongFilter([], None).matching(["abc"]).tolist() == []
