"""Taking passwords out of any text before it is shown or stored.

Plain ``re`` only: the window's settings and start-up use it before SQLAlchemy loads.
"""

from __future__ import annotations

import re

# "scheme://user:secret@host" in any text: the secret goes.
_URL_PASSWORD = re.compile(r"(\b[a-z][\w+.-]*://[^\s:/@]*):[^\s@/]*@", re.IGNORECASE)
# libpq's "password=secret" keyword form (a conninfo string quoted back in a message).
_KEYWORD_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def scrub(text: str, password: str | None = None) -> str:
    """``text`` with any password taken out."""
    text = _URL_PASSWORD.sub(r"\1@", text)
    text = _KEYWORD_PASSWORD.sub(r"\1***", text)
    if password:
        text = text.replace(password, "***")
    return text
