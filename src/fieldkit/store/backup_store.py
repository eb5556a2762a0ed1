"""The facade's backups: a copy on demand, and restoring a copy with the workspace's lock held.

The copies themselves (rotation, checks, the safe replacement of the file) are made by
`fieldkit.store.backups`; this part of the facade adds what needs the open workspace: its lock,
its engine to close before the file is replaced, and its device and clock to keep.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldkit.core.hlc import HybridLogicalClock, Stamp
from fieldkit.core.model import Changes, Result
from fieldkit.store import backups
from fieldkit.store.base import WorkspaceBase, _environment_error
from fieldkit.store.database import migrate


class BackupStore(WorkspaceBase):
    def back_up_to(self, target: Path) -> Path:
        """A checked copy of the workspace at `target` (File > Back up now…, `fieldkit backup`)."""
        try:
            return backups.copy_to(self.path, target)
        except (OSError, sqlite3.Error) as error:
            raise _environment_error(self.path, error) from None

    def take_daily_backup(self) -> Path | None:
        """The day's first copy (None when today's is there already)."""
        return backups.take_daily_if_due(self.path)

    def restore_from(self, source: Path) -> Result[Path]:
        """Replace the workspace with the copy `source`; the value is the copy of what it was.

        In this order, each step refusing before the workspace is touched: the file is copied
        beside the workspace and checked (a file that is not a sound fieldkit workspace is
        refused in one sentence); the workspace is backed up ("before-restore"); the checked copy
        gets this laptop's device and clock, then the workspace's name in one rename. The lock
        is held throughout; the connections are closed before the rename and opened again after.
        """
        staged = backups.stage(source, self.path)
        try:
            before = backups.take_backup(self.path, backups.BEFORE_RESTORE)
            backups.keep_identity(staged, self.path, self.clock.last_issued)
            if self._engine is not None:
                self._engine.dispose()  # no pooled connection may outlive the old file
                self._engine = None
            backups.install(staged, self.path)
        except (OSError, sqlite3.OperationalError) as error:
            raise _environment_error(self.path, error) from None
        finally:
            staged.unlink(missing_ok=True)
        migrate(self.path, self.engine)  # a copy made by an earlier version (else a no-op)
        self.device_id, last = self._load_device("")
        self.clock = HybridLogicalClock(self.device_id, Stamp.parse(last) if last else None)
        return Result(before, Changes.everything())
