"""Portable mode on a USB stick: a data folder that must be writable, and a copy at each close.

Where the data lives is decided in `fieldkit.paths`; this module holds what portable mode does on
top. A stick can be pulled out in the middle of a write, so the window keeps a verified copy of
the workspace (`VACUUM INTO`, then `integrity_check`) each time it closes, in `data/backups/`. A
stick that is full or read-only is named in one sentence before anything is opened.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Protocol

from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.i18n import _
from fieldkit.paths import portable_dir

CLOSE_LABEL = "at-close"
TOLD_SETTING = "portable_backup_told"  # the first portable start says what happens at close
_PROBE = ".fieldkit-write-test"


class _BacksUp(Protocol):
    path: Path

    def back_up(self, label: str = ...) -> Path: ...


def stick_problem(folder: Path, error: OSError) -> str:
    """One sentence for what the stick refused."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "The USB stick is full, so fieldkit cannot keep its data in {folder}; free some "
            "space on it and start fieldkit again."
        ).format(folder=folder)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _(
            "The USB stick is read-only, so fieldkit cannot keep its data in {folder}; unlock "
            "the stick, or copy the fieldkit folder to one that can be written, and start "
            "fieldkit again."
        ).format(folder=folder)
    return _("fieldkit cannot write its data in {folder}: {reason}.").format(
        folder=folder, reason=error.strerror or error
    )


def check_data_folder(folder: Path | None = None) -> None:
    """In portable mode, make sure the data folder can be written (a no-op otherwise).

    A small file is written, flushed to the stick and removed: a stick that is full or mounted
    read-only refuses it, and its sentence comes before a workspace is half opened.
    """
    folder = folder if folder is not None else portable_dir()
    if folder is None:
        return
    probe = folder / _PROBE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with probe.open("wb") as handle:
            handle.write(b"\0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as error:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
        raise WorkspaceUnavailable(stick_problem(folder, error)) from None


def back_up_at_close(ws: _BacksUp) -> Path:
    """The verified copy kept at each close; a stick that refuses it gets its one sentence."""
    try:
        return ws.back_up(CLOSE_LABEL)
    except WorkspaceUnavailable:
        check_data_folder(ws.path.parent / "backups")  # names a full or read-only stick
        raise
