"""Planner-tier fixtures: a small hand-built committee programme."""

from __future__ import annotations

import pytest
from sample_programme import Cesc, build_cesc

from planner.db.database import Database


@pytest.fixture
def cesc(db: Database) -> Cesc:
    """Surrey's Children and Education Select Committee 2018/19, committed before the test."""
    return build_cesc(db)
