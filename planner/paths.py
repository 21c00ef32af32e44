"""Where the planner keeps its files. Tests point FWP_DATA_DIR at a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "fwp-planner"
APP_AUTHOR = "fwp"


def data_dir() -> Path:
    override = os.environ.get("FWP_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when no override: keeps tests off real user folders

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return data_dir() / "programme.db"
