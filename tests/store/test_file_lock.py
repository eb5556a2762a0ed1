"""The workspace's lock: one copy of the app per workspace file, across processes too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.store.file_lock import FileLock, LockHeld


def test_a_second_lock_on_the_same_file_is_refused_until_the_first_is_released(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "w.sqlite.lock")
    first, second = FileLock(path), FileLock(path)
    first.acquire()
    with pytest.raises(LockHeld):
        second.acquire()
    first.release()
    first.release()  # twice is harmless
    second.acquire()
    assert second.is_locked
    second.release()


def test_another_process_is_refused_while_the_lock_is_held(tmp_path: Path) -> None:
    path = str(tmp_path / "w.sqlite.lock")
    lock = FileLock(path)
    lock.acquire()
    script = (
        "import sys\n"
        "from fieldkit.store.file_lock import FileLock, LockHeld\n"
        "try:\n"
        f"    FileLock({path!r}).acquire()\n"
        "except LockHeld:\n"
        "    sys.exit(3)\n"
    )
    try:
        held = subprocess.run([sys.executable, "-c", script], timeout=60, check=False)
    finally:
        lock.release()
    assert held.returncode == 3
    free = subprocess.run([sys.executable, "-c", script], timeout=60, check=False)
    assert free.returncode == 0
