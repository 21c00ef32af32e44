"""Loading the demo programme shipped in ``resources/demo``.

Each record's id is derived from its natural key (uuid5), so loading twice adds
nothing and never overwrites what a user has since edited.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy.orm import Session

from planner.db.models import (
    Action,
    Committee,
    Council,
    Meeting,
    MemberActivity,
    Recommendation,
    Record,
    TaskGroup,
    Topic,
)
from planner.services import actions, committees, groups, meetings, recommendations, topics

NAMESPACE = uuid.UUID("5b0c2f0e-8a39-4d55-9d0e-5f1f2c6a7d10")


def demo_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


@dataclass
class LoadReport:
    added: int = 0
    already_there: int = 0


def demo_files() -> list[dict[str, Any]]:
    folder = resources.files("resources") / "demo"
    return [
        json.loads(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".json")
    ]


class _Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.report = LoadReport()

    def _exists(self, model: type[Record], record_id: str) -> bool:
        found = self.session.get(model, record_id) is not None
        if found:
            self.report.already_there += 1
        else:
            self.report.added += 1
        return found

    def council(self, data: dict[str, Any]) -> None:
        info = data["council"]
        council_id = demo_id("council", info["name"])
        if not self._exists(Council, council_id):
            committees.create_council(
                self.session, record_id=council_id, name=info["name"], nation=info["nation"]
            )
        for committee in data["committees"]:
            self.committee(council_id, committee)

    def committee(self, council_id: str, data: dict[str, Any]) -> None:
        key = (council_id, data["name"], data["municipal_year"])
        cid = demo_id("committee", *key)
        if not self._exists(Committee, cid):
            contact = data.get("contact") or {}
            committees.create_committee(
                self.session,
                council_id,
                record_id=cid,
                name=data["name"],
                municipal_year=data["municipal_year"],
                terms_of_reference=data.get("terms_of_reference") or [],
                contact_name=contact.get("name"),
                contact_email=contact.get("email"),
                contact_phone=contact.get("phone"),
                contact_room=contact.get("room"),
            )
            for position, member in enumerate(data.get("members", [])):
                mid = demo_id("member", cid, member["name"], member["role"])
                committees.add_member(self.session, cid, record_id=mid, position=position, **member)
        meeting_ids: dict[str, str] = {}
        for meeting in data.get("meetings", []):
            mid = meeting_ids[meeting["date"]] = demo_id("meeting", cid, meeting["date"])
            if not self._exists(Meeting, mid):
                values = {k: v for k, v in meeting.items() if k != "time"}
                meetings.create_meeting(
                    self.session, cid, record_id=mid, start_time=meeting.get("time"), **values
                )
        for position, topic in enumerate(data.get("topics", [])):
            self._topic(cid, meeting_ids, position, topic)
        for group in data.get("task_groups", []):
            gid = demo_id("group", cid, group["title"])
            if not self._exists(TaskGroup, gid):
                groups.create_group(self.session, cid, record_id=gid, **group)
        for rec in data.get("recommendations", []):
            self._recommendation(cid, meeting_ids, rec)
        for action in data.get("actions", []):
            aid = demo_id("action", cid, action["text"])
            if not self._exists(Action, aid):
                values = {k: v for k, v in action.items() if k != "meeting"}
                meeting_id = meeting_ids.get(action.get("meeting") or "")
                actions.create_action(
                    self.session, cid, record_id=aid, meeting_id=meeting_id, **values
                )
        for activity in data.get("activities", []):
            aid = demo_id(
                "activity", cid, activity["kind"], activity["member"],
                activity.get("quarter") or "", activity.get("date") or "",
            )
            if not self._exists(MemberActivity, aid):
                actions.create_activity(self.session, cid, record_id=aid, **activity)

    def _topic(
        self, cid: str, meeting_ids: dict[str, str], position: int, data: dict[str, Any]
    ) -> None:
        tid = demo_id("topic", cid, data["title"], data.get("meeting") or data.get("timing") or "")
        if self._exists(Topic, tid):
            return
        values = {k: v for k, v in data.items() if k != "meeting"}
        values.setdefault("position", position)
        meeting_id = meeting_ids[data["meeting"]] if data.get("meeting") else None
        topics.create_topic(self.session, cid, record_id=tid, meeting_id=meeting_id, **values)

    def _recommendation(self, cid: str, meeting_ids: dict[str, str], data: dict[str, Any]) -> None:
        rid = demo_id("recommendation", cid, data["reference"])
        if self._exists(Recommendation, rid):
            return
        values = {k: v for k, v in data.items() if k != "meeting"}
        reference = data["reference"]
        item = reference.split("/")[0]
        if item.isdigit():
            values["item_number"] = int(item)
        meeting_id = meeting_ids[data["meeting"]] if data.get("meeting") else None
        recommendations.create_recommendation(
            self.session, cid, record_id=rid, meeting_id=meeting_id, **values
        )


def load_demo(session: Session) -> LoadReport:
    """Add the demo councils' programmes; records already present are left alone."""
    loader = _Loader(session)
    for data in demo_files():
        loader.council(data)
    session.flush()
    return loader.report
