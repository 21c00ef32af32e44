"""Writing an export all or nothing: a reader never sees half a file.

The data goes to a temporary file in the target's own folder (so the final rename
stays on one file system and is atomic), is flushed to disc, and only then replaces
the target. Any failure removes the temporary file and leaves an existing target as
it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from planner.errors import ExportError, PlannerError

# Plain-English reasons for the errors people actually meet when saving a file.
_REASONS = {
    errno.EACCES: "the folder is read-only",
    errno.EPERM: "the folder is read-only",
    errno.EROFS: "the disc is read-only",
    errno.ENOSPC: "the disc is full",
    errno.EDQUOT: "the disc quota is used up",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the folder path is a file, not a folder",
    errno.EISDIR: "it is a folder",
}


def _fail(target: Path, reason: str) -> ExportError:
    return ExportError(f"Cannot write {target}: {reason}.")


def _reason(exc: OSError) -> str:
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or str(exc) or type(exc).__name__).rstrip(".").lower()


def _check_target(target: Path) -> None:
    """Catch the common mistakes early, with a message that names the real problem."""
    if target.is_dir():
        raise _fail(target, "it is a folder")
    parent = target.parent
    if parent.is_dir():
        return
    # Walk up to say which part is wrong: a missing folder or a file in the way.
    for ancestor in (parent, *parent.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise _fail(target, f"{ancestor} is a file, not a folder")
            break
    raise _fail(target, f"the folder {parent} does not exist")


def _open_temp(target: Path) -> tuple[Path, int]:
    """Create the temporary file with O_EXCL so that the user's umask decides its mode.

    ``tempfile.mkstemp`` would make it 0600, and the finished export would then be
    unreadable to colleagues sharing the folder.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _fail(target, _reason(exc)) from exc


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on Windows."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | os.PathLike[str], write_fn: Callable[[BinaryIO], None]) -> Path:
    """Write ``path`` through ``write_fn(binary_file)``; returns the path written.

    Raises ExportError naming the path and the reason; nothing is left behind.
    """
    target = Path(path).expanduser()
    _check_target(target)
    temp, fd = _open_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            write_fn(handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(temp, target)
        except PermissionError as exc:
            # On Windows this is nearly always the file being open in Excel.
            raise _fail(
                target, "the file is read-only or open in another program; close it and try again"
            ) from exc
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, PlannerError):
            raise  # already one clear sentence
        if isinstance(exc, OSError):
            raise _fail(target, _reason(exc)) from exc
        if isinstance(exc, Exception):
            detail = str(exc) or type(exc).__name__
            raise _fail(target, f"the export failed ({detail.rstrip('.')})") from exc
        raise  # KeyboardInterrupt and friends: cleaned up, then passed on untouched
    _sync_folder(target.parent)
    return target


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Atomically write ready-made bytes (the calendar export)."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return atomic_write(path, write)
