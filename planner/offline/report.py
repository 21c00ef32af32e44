"""A sync's report as text: the summary and one line per conflict (the terminal prints
it; the window shows the same words and uses ``when`` and ``shown`` for its table)."""

from __future__ import annotations

import datetime as dt

from planner.cli.output import clip
from planner.dates import format_date
from planner.offline.merge import DELETED, USED, Conflict
from planner.offline.sync import SyncReport


def when(stamp: str | None) -> str:
    """ "16 November 2018 at 10:02" from an ISO timestamp (UTC, as stored)."""
    if not stamp:
        return "when unknown"
    moment = dt.datetime.fromisoformat(stamp)
    return f"{format_date(moment.date())} at {moment:%H:%M}"


def shown(conflict: Conflict, side: str) -> str:
    if getattr(conflict, f"{side}_deleted"):
        return "(deleted)"
    value = conflict.source_value if side == "source" else conflict.copy_value
    if conflict.kind in (DELETED, USED):
        return "(kept)" if conflict.kind == USED else "(edited)"
    return "(blank)" if value in (None, "", []) else f"'{clip(str(value), 50)}'"


def conflict_line(conflict: Conflict) -> str:
    what = conflict.field.replace("_", " ") if conflict.field else conflict.note
    sides = " | ".join(
        f"{side} {shown(conflict, side)} ({getattr(conflict, f'{side}_who')}, "
        f"{when(getattr(conflict, f'{side}_at'))})"
        for side in ("copy", "source")
    )
    settled = f" -> kept the {conflict.resolution}'s" if conflict.resolution else ""
    return f"  {conflict.record}, {what}: {sides}{settled}"


def describe_sync(report: SyncReport) -> str:
    lines = []
    if report.resumed:
        lines.append("Finished a sync that was interrupted after the source was written.")
    if report.nothing_to_do:
        agree = "agree" if not report.open_conflicts else "agree apart from the conflicts below"
        lines.append(f"Nothing to sync: {report.copy_label} and {report.source_label} {agree}.")
    else:
        verb = "Synced" if report.applied else "Would sync"
        lines += [
            f"{verb} {report.copy_label} with {report.source_label}:",
            f"  to the source: {report.to_source.describe()}",
            f"  to the copy: {report.to_copy.describe()}",
        ]
    settled = [c for c in report.conflicts if c.resolution]
    if settled:
        lines += [f"Settled {len(settled)} conflict(s):", *map(conflict_line, settled)]
    if report.open_conflicts:
        lines += [
            f"{len(report.open_conflicts)} conflict(s) left as they are on each side; "
            "settle them with --prefer copy or --prefer source:",
            *map(conflict_line, report.open_conflicts),
        ]
    if report.held_back:
        lines += ["Waiting for a conflict to be settled:", *(f"  {t}" for t in report.held_back)]
    return "\n".join(lines)
