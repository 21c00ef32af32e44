"""All-or-nothing writing: a failed export leaves no file, no temp file, and no damage."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import openpyxl
import pytest

from planner.errors import ExportError
from planner.export import atomic_write, export_programme, export_tracker, write_bytes
from planner.services.views import Programme

OLD = b"the clerk's previous export"


def half_then_fail(exc: BaseException) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        handle.write(b"PK\x03\x04 half a spreadsheet")
        raise exc

    return write


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_the_file_and_nothing_else(tmp_path: Path) -> None:
    written = atomic_write(tmp_path / "out.bin", lambda h: h.write(b"data") and None)
    assert written == tmp_path / "out.bin"
    assert written.read_bytes() == b"data"
    assert entries(tmp_path) == ["out.bin"]


def test_write_bytes(tmp_path: Path) -> None:
    assert write_bytes(tmp_path / "cal.ics", b"BEGIN:VCALENDAR").read_bytes() == b"BEGIN:VCALENDAR"


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_new_file_gets_ordinary_permissions_not_private_temp_ones(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        written = write_bytes(tmp_path / "shared.xlsx", b"x")
    finally:
        os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o644


def test_failure_half_way_leaves_no_file_and_no_temp(tmp_path: Path) -> None:
    failed = r"^Cannot write .*out\.xlsx: the export failed \(boom\)\.$"
    with pytest.raises(ExportError, match=failed):
        atomic_write(tmp_path / "out.xlsx", half_then_fail(RuntimeError("boom")))
    assert entries(tmp_path) == []


def test_failure_leaves_an_existing_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)
    with pytest.raises(ExportError):
        atomic_write(target, half_then_fail(RuntimeError("boom")))
    assert target.read_bytes() == OLD
    assert entries(tmp_path) == ["out.xlsx"]


def test_disc_full_is_said_plainly(tmp_path: Path) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(ExportError, match=r"^Cannot write .*out\.xlsx: the disc is full\.$"):
        atomic_write(tmp_path / "out.xlsx", half_then_fail(full))
    assert entries(tmp_path) == []


def test_interrupt_cleans_up_and_passes_through(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "out.xlsx", half_then_fail(KeyboardInterrupt()))
    assert entries(tmp_path) == []


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):
        # Running as root, where mode bits do not stop writes: refuse the way the
        # kernel refuses everyone else, so the same path through the code runs.
        real_open = os.open

        def refusing(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
            if Path(path).parent == folder and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, mode, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    target = folder / "out.xlsx"
    try:
        with pytest.raises(ExportError) as caught:
            write_bytes(target, b"data")
    finally:
        folder.chmod(0o700)
    assert str(caught.value) == f"Cannot write {target}: the folder is read-only."
    assert entries(folder) == []


def test_parent_is_a_regular_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    target = blocker / "out.xlsx"
    with pytest.raises(ExportError) as caught:
        write_bytes(target, b"data")
    assert str(caught.value) == f"Cannot write {target}: {blocker} is a file, not a folder."
    assert entries(tmp_path) == ["notes.txt"]
    assert blocker.read_text() == "not a folder"


def test_file_further_up_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    with pytest.raises(ExportError, match=r"notes\.txt is a file, not a folder"):
        write_bytes(blocker / "sub" / "out.xlsx", b"data")


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.xlsx"
    with pytest.raises(ExportError) as caught:
        write_bytes(target, b"data")
    assert str(caught.value) == (
        f"Cannot write {target}: the folder {tmp_path / 'nowhere'} does not exist."
    )
    assert entries(tmp_path) == []


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out.xlsx").mkdir()
    with pytest.raises(ExportError, match=r"out\.xlsx: it is a folder\.$"):
        write_bytes(tmp_path / "out.xlsx", b"data")
    assert entries(tmp_path) == ["out.xlsx"]
    assert (tmp_path / "out.xlsx").is_dir()


def test_file_in_use_when_replacing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file Excel has open."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)

    def locked(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Access is denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program"):
        write_bytes(target, b"new")
    assert target.read_bytes() == OLD
    assert entries(tmp_path) == ["out.xlsx"]


def test_failed_programme_export_keeps_the_old_file(
    make_programme: Callable[..., Programme], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "programme.xlsx"
    export_programme(make_programme(), target)
    before = target.read_bytes()
    real_save = openpyxl.Workbook.save

    def save_half(self: Any, handle: BinaryIO) -> None:
        real_save(self, handle)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(openpyxl.Workbook, "save", save_half)
    failed = r"^Cannot write .*programme\.xlsx: input/output error\.$"
    with pytest.raises(ExportError, match=failed):
        export_programme(make_programme(public=True), target)
    with pytest.raises(ExportError):
        export_tracker([], folder / "tracker.xlsx", "Tracker")
    assert target.read_bytes() == before
    assert entries(folder) == ["programme.xlsx"]
