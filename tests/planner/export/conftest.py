"""Demo programmes built through the real services, for the spreadsheet exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.db.database import Database, open_database
from planner.services.lookup import committee_by_name
from planner.services.programme import programme
from planner.services.recommendations import list_recommendations, update_recommendation
from planner.services.views import Programme, RecommendationView

CESC = "Children and Education Select Committee"
TODAY = dt.date(2018, 11, 1)  # between the demo's meetings, so "overdue" is stable


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def db(demo_url: str) -> Iterator[Database]:
    database = open_database(demo_url)
    yield database
    database.close()


@pytest.fixture
def cesc_id(db: Database) -> str:
    with db.reading() as s:
        return committee_by_name(s, CESC, "2018/19").id


@pytest.fixture
def make_programme(db: Database, cesc_id: str) -> Callable[..., Programme]:
    def build(name: str = CESC, year: str = "2018/19", *, public: bool = False) -> Programme:
        with db.reading() as s:
            committee_id = committee_by_name(s, name, year).id
            return programme(s, committee_id, public=public, today=TODAY)

    return build


@pytest.fixture
def rated_recommendations(db: Database) -> list[RecommendationView]:
    """The demo's 2017/18 recommendations with a green, an amber and a red among them."""
    with db.transaction() as s:
        committee = committee_by_name(s, CESC, "2017/18")
        recs = list_recommendations(s, [committee.id], TODAY)
        update_recommendation(s, recs[0].id, TODAY, status="on track", next_review="2018-10-01")
        update_recommendation(
            s,
            recs[1].id,
            TODAY,
            status="slipped",
            slipped_to="2019-03-03",
            slipped_reason="staff changes",
            response="The Strategic Director will report in March.",
            agreed="in part",
        )
        update_recommendation(s, recs[2].id, TODAY, status="not achieved")
        return list_recommendations(s, [committee.id], TODAY)
