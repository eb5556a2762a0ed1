"""The private temporary folders an exchange file is read in, and those a killed process left.

A folder is removed when its file is closed; a process killed during an import (a power cut)
leaves its folder behind, with the copy of the file in it. Each folder's name carries a tag of the
workspace it works for, and a workspace is open in one copy of the app at a time (its lock), so
a folder with this workspace's tag that this process is not using belongs to a process that died:
the next read removes it. Folders of other workspaces in the same folder are never touched.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from pathlib import Path

PREFIX = ".fieldkit-import-"

_live: set[Path] = set()  # the folders this process is reading in now
_guard = threading.Lock()


def _prefix(owner: str) -> str:
    """The start of the folder names of one workspace (named by its file name)."""
    if not owner:
        return PREFIX
    return f"{PREFIX}{hashlib.sha256(owner.encode('utf-8')).hexdigest()[:8]}-"


def make_folder(scratch: Path, owner: str = "") -> Path:
    """A new private folder in `scratch`, after removing the ones killed processes left."""
    with _guard:
        if owner:
            _sweep(scratch, _prefix(owner))
        folder = Path(tempfile.mkdtemp(prefix=_prefix(owner), dir=scratch))
        _live.add(folder)
    return folder


def remove_folder(folder: Path) -> None:
    with _guard:
        _live.discard(folder)
    shutil.rmtree(folder, ignore_errors=True)


def _sweep(scratch: Path, prefix: str) -> None:
    for folder in scratch.glob(f"{prefix}*"):
        if folder not in _live and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
