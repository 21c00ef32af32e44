"""Offline copies: checkout of committees into a local SQLite file, and the three-way
merge that brings the copy's edits back (issue 7; docs/offline.md)."""

from planner.offline.checkout import CheckoutReport, checkout
from planner.offline.merge import Conflict, MergePlan, merge
from planner.offline.sync import SideCounts, SyncReport, sync

__all__ = [
    "CheckoutReport",
    "Conflict",
    "MergePlan",
    "SideCounts",
    "SyncReport",
    "checkout",
    "merge",
    "sync",
]
