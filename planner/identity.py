"""Who is making a change: the name that goes into the change history.

A configured display name (``FWP_USER``, or ``set_display_name`` from the settings)
wins over the operating-system user; on a shared database the connection's user is
recorded too by the history itself where it differs.
"""

from __future__ import annotations

import getpass
import os

_display_name: str | None = None


def set_display_name(name: str | None) -> None:
    global _display_name
    _display_name = (name or "").strip() or None


def current_user() -> str:
    if _display_name:
        return _display_name
    configured = os.environ.get("FWP_USER", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "unknown user"
