"""The lock that keeps a workspace file to one copy of the app at a time.

The few lines of `filelock` that the store used: importing that package (with its asynchronous
locks, asyncio and threads) took a tenth of the app's start. An exclusive lock that never waits,
on a file beside the workspace, released with it and by the system when the process ends however
it ends: `flock` on Linux and macOS, `msvcrt.locking` on Windows.
"""

from __future__ import annotations

import os
import sys


class LockHeld(Exception):
    """Another process, or another open workspace in this one, holds the lock."""


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FileLock:
    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now, or raise `LockHeld`."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise LockHeld(self.path) from None
        self._fd = fd

    def release(self) -> None:
        """Let the lock go; harmless when it is not held."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)
