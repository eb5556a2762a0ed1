"""Backups of a workspace: verified copies kept in rotation, and putting one back safely.

The copies live in a `backups/` folder beside the workspace file: in portable mode that is the
stick's `data/backups/`, so the copies travel with the workspace they belong to; otherwise the
user data folder (platformdirs), or beside a workspace named with --db. Each copy is named
`<workspace stem>.<UTC time>.<kind>.backup.sqlite`, so a folder shared by two workspaces keeps
them apart and the names sort by time.

A copy is the workspace's file (and its `-wal`) copied inside a read transaction, which gives a
consistent picture even while the window writes (`store.backup_copy` says why), into a `.partial`
file that gets its real name only once `PRAGMA integrity_check` has passed on it (shared between
two cores: `store.integrity`): a copy that fails the check is removed and the failure said in one
sentence.

Restoring never leaves a half-written workspace: the chosen file is copied beside the workspace
and checked first, then takes the workspace's name in one `os.replace`; the caller holds the
workspace's lock throughout.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fieldkit.core.errors import InvalidInput, WorkspaceUnavailable
from fieldkit.i18n import _, format_number
from fieldkit.store import backup_copy, integrity

FOLDER = "backups"
SUFFIX = ".backup.sqlite"
DAILY = "daily"
BEFORE_IMPORT = "before-import"
BEFORE_MIGRATION = "before-migration"
BEFORE_RESTORE = "before-restore"
MANUAL = "manual"
AT_CLOSE = "at-close"  # portable mode, each time the window closes
# How many copies of each kind are kept; the oldest beyond that are removed.
KEPT: dict[str, int] = {
    DAILY: 7,
    BEFORE_IMPORT: 5,
    BEFORE_MIGRATION: 3,
    BEFORE_RESTORE: 3,
    AT_CLOSE: 5,
    MANUAL: 5,
}
KEPT_OTHERWISE = 5
_STAMP = "%Y%m%dT%H%M%S%f"
_STAMP_PATTERN = re.compile(r"\d{8}T\d{12}")
_OLD_MIGRATION_LABEL = re.compile(r"before-\d{4}")  # what earlier versions named their copies
_HEADER = b"SQLite format 3\x00"
# Tables every fieldkit workspace has had since its first schema.
_REQUIRED_TABLES = frozenset({"alembic_version", "device", "event", "person", "setting"})


class BackupFailed(WorkspaceUnavailable):
    """A copy that could not be made (the disk refused it); nothing was left of it."""


class CopyDamaged(BackupFailed):
    """A copy that did not pass its check, or a source SQLite could not read: removed."""


@dataclass(frozen=True)
class BackupCopy:
    """One copy in the backups folder."""

    path: Path
    kind: str
    taken: dt.datetime  # UTC
    size: int


def folder_of(workspace: Path) -> Path:
    return workspace.parent / FOLDER


def _kind_of(label: str) -> str:
    return BEFORE_MIGRATION if _OLD_MIGRATION_LABEL.fullmatch(label) else label


def _parse(workspace: Path, path: Path) -> BackupCopy | None:
    """The copy a file of the backups folder is, or None when it is another workspace's."""
    prefix = f"{workspace.stem}."
    name = path.name
    if not name.startswith(prefix) or not name.endswith(SUFFIX):
        return None
    middle = name[len(prefix) : -len(SUFFIX)]
    stamp, _dot, label = middle.partition(".")
    if not _STAMP_PATTERN.fullmatch(stamp) or not label or "." in label:
        return None
    taken = dt.datetime.strptime(stamp, _STAMP).replace(tzinfo=dt.UTC)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupCopy(path, _kind_of(label), taken, size)


def list_backups(workspace: Path) -> list[BackupCopy]:
    """The copies of a workspace, newest first."""
    folder = folder_of(workspace)
    if not folder.is_dir():
        return []
    copies = [c for p in folder.glob(f"*{SUFFIX}") if (c := _parse(workspace, p)) is not None]
    return sorted(copies, key=lambda c: c.taken, reverse=True)


def remove_kind(workspace: Path, kind: str) -> int:
    """Delete every copy of one kind (the undo copies of imports, after an erasure); how many."""
    removed = 0
    for copy in list_backups(workspace):
        if copy.kind == kind:
            copy.path.unlink(missing_ok=True)
            removed += 1
    return removed


STALE_PARTIAL_S = 3600  # a copy still unfinished after an hour was cut short


def prune(workspace: Path, kind: str | None = None) -> list[Path]:
    """Remove the oldest copies beyond what is kept of each kind (of `kind` only, if given),
    and what copies cut short by a crash left behind."""
    folder = folder_of(workspace)
    if folder.is_dir():
        for partial in folder.glob(f"{workspace.stem}.*{SUFFIX}.partial"):
            with contextlib.suppress(OSError):
                if time.time() - partial.stat().st_mtime > STALE_PARTIAL_S:
                    partial.unlink()
    by_kind: dict[str, list[BackupCopy]] = {}
    for copy in list_backups(workspace):
        by_kind.setdefault(copy.kind, []).append(copy)
    removed: list[Path] = []
    for each, copies in by_kind.items():
        if kind is not None and each != kind:
            continue
        for old in copies[KEPT.get(each, KEPT_OTHERWISE) :]:  # newest first: the rest are old
            old.path.unlink(missing_ok=True)
            removed.append(old.path)
    return removed


def kind_name(kind: str) -> str:
    """The kind of a copy as the user reads it."""
    names = {
        DAILY: _("Daily"),
        BEFORE_IMPORT: _("Before an import"),
        BEFORE_MIGRATION: _("Before an upgrade"),
        BEFORE_RESTORE: _("Before a restore"),
        MANUAL: _("By hand"),
        AT_CLOSE: _("At close (USB stick)"),
    }
    return names.get(kind, kind)


def size_text(size: int) -> str:
    """'392 KB', '12.4 MB' in the reader's language."""
    if size < 1024 * 1024:
        return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))
    return _("{size} MB").format(size=format_number(round(size / (1024 * 1024), 1)))


# --- copying and checking --------------------------------------------------------------------


def integrity_problem(
    path: Path, check: str = "integrity_check", *, workers: int | None = None
) -> str | None:
    """What `PRAGMA integrity_check` (or `quick_check`) finds wrong with a database file, or None
    when it is sound (the full check is shared between two cores unless `workers` says
    otherwise: see `store.integrity`)."""
    try:
        found = integrity.findings(path, check, workers=workers)
    except sqlite3.Error as error:
        return str(error)
    return "; ".join(found[:3]) if found else None


def copy_unchecked(source: Path, target: Path) -> None:
    """The copy without its check (for the benchmark's breakdown only)."""
    backup_copy.copy_database(source, target)


def _flush(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to flush."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _failed(path: Path, error: BaseException) -> BackupFailed:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return BackupFailed(
        _(
            "A safety copy of the workspace could not be made ({reason}); nothing was changed."
        ).format(reason=reason)
    )


def copy_verified(source: Path, target: Path) -> Path:
    """A checked copy of the database `source` at `target` (replaced whole, or left as it was)."""
    return start_copy(source, target).wait()


class PendingCopy:
    """A copy made and still being checked on other threads (flushed to the disk meanwhile):
    the caller goes on with its own work on this core and calls `wait()` before it relies on the
    copy, which then takes its real name, or is removed and said to have failed."""

    def __init__(
        self,
        source: Path,
        target: Path,
        partial: Path,
        kind: str | None,
        watch: SourceWatch | None = None,
        *,
        beside_work: bool = False,
    ) -> None:
        self.source, self.target, self.partial, self.kind = source, target, partial, kind
        self._watch = watch
        # The flush waits on the disk, the check on the processor: both at once.
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="backup-copy")
        self._flushed = self._executor.submit(_flush, partial)
        if beside_work:  # the caller keeps a core busy: the check takes the other one alone
            self._checked = self._executor.submit(integrity_problem, partial, workers=1)
        else:
            self._checked = self._executor.submit(integrity_problem, partial)
        self._good: Path | None = None

    @property
    def waited(self) -> bool:
        """Whether `wait()` returned it checked."""
        return self._good is not None

    def source_unchanged(self) -> bool:
        """Whether nothing was committed to the workspace since the copy was taken, by any
        connection: the copy is still the workspace as it is (False once waited for)."""
        return self._watch is not None and self._watch.unchanged()

    def wait(self) -> Path:
        """The checked copy's path; `CopyDamaged` or `BackupFailed` (the copy removed) if not."""
        if self._good is not None:
            return self._good
        self._stop_watching()
        try:
            problem = self._checked.result()  # a check that cannot read the copy says why
            self._flushed.result()
            if problem is None:
                self.partial.replace(self.target)
                _flush_folder(self.target.parent)
        except OSError as error:  # full, read-only: the disk's refusal
            _remove_partial(self.partial)
            raise _failed(self.source, error) from None
        finally:
            self._executor.shutdown()
        if problem is not None:
            _remove_partial(self.partial)
            raise _copy_damaged(problem)
        if self.kind is not None:
            prune(self.source, self.kind)
        self._good = self.target
        return self.target

    def discard(self) -> None:
        """The work it was for failed: let the check end, and remove the copy."""
        self._stop_watching()
        self._executor.shutdown()  # waits for the flush and the check
        _remove_partial(self.partial)

    def _stop_watching(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None


class SourceWatch:
    """Tells whether a database was committed to since it was opened: SQLite's `data_version`
    changes on this connection whenever another connection commits."""

    def __init__(self, source: Path) -> None:
        # Opened before the copy is taken: a commit in between reads as a change, never the
        # reverse. Asked from the thread that writes, which may not be the one that opened it.
        self._connection = sqlite3.connect(
            f"file:{source}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
        self._version = self._data_version()

    def _data_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def unchanged(self) -> bool:
        try:
            return self._data_version() == self._version
        except sqlite3.Error:  # cannot tell: take it as changed (a new copy is then taken)
            return False

    def close(self) -> None:
        self._connection.close()


def _copy_damaged(reason: object) -> CopyDamaged:
    return CopyDamaged(
        _(
            "The copy of the workspace did not pass its check ({reason}), so it was removed; "
            "the workspace was not changed."
        ).format(reason=reason)
    )


def start_copy(
    source: Path, target: Path, kind: str | None = None, *, beside_work: bool = False
) -> PendingCopy:
    """Copy the database `source` (inside a read transaction on it) into `target`'s `.partial`
    file now, and start its check; `kind`: the backups to prune once the copy is good.

    `beside_work`: the caller works on its own core while the copy is checked (an import reading
    and merging), so the check runs as SQLite's single pragma on one thread. Split between two
    threads it would end sooner alone, but it costs more processor time in all and takes the
    caller's core half of the time (measured on the people import: see `store.integrity`).
    """
    partial = target.with_name(f"{target.name}.partial")
    watch: SourceWatch | None = None
    try:
        watch = SourceWatch(source)
        backup_copy.copy_database(source, partial)
    except (sqlite3.Error, OSError) as error:
        if watch is not None:
            watch.close()
        _remove_partial(partial)
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(
            error, sqlite3.OperationalError
        ):  # the source itself cannot be read soundly
            raise _copy_damaged(error) from None
        raise _failed(source, error) from None  # full, read-only, locked: the disk's refusal
    return PendingCopy(source, target, partial, kind, watch, beside_work=beside_work)


def _remove_partial(partial: Path) -> None:
    for path in [partial, *backup_copy.sidecars(partial)]:
        path.unlink(missing_ok=True)


def take_backup(workspace: Path, kind: str, *, now: dt.datetime | None = None) -> Path:
    """A checked copy of the workspace in its backups folder; older ones of its kind removed."""
    return start_backup(workspace, kind, now=now, beside_work=False).wait()


def start_backup(
    workspace: Path, kind: str, *, now: dt.datetime | None = None, beside_work: bool = True
) -> PendingCopy:
    """`take_backup` whose check runs while the caller works: `wait()` before relying on it
    (`beside_work`: see `start_copy`)."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    folder = folder_of(workspace)
    target = folder / f"{workspace.stem}.{moment.strftime(_STAMP)}.{kind}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _failed(workspace, error) from None
    return start_copy(workspace, target, _kind_of(kind), beside_work=beside_work)


def daily_due(workspace: Path, *, now: dt.datetime | None = None) -> bool:
    """True when no daily copy was taken today (the local day) and the workspace exists."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone()
    if not workspace.is_file():
        return False
    return not any(
        c.kind == DAILY and c.taken.astimezone(moment.tzinfo).date() == moment.date()
        for c in list_backups(workspace)
    )


def take_daily_if_due(workspace: Path, *, now: dt.datetime | None = None) -> Path | None:
    """The day's first copy, or None when today's was already taken."""
    if not daily_due(workspace, now=now):
        return None
    return take_backup(workspace, DAILY, now=now)


def latest_good(workspace: Path) -> BackupCopy | None:
    """The newest copy that passes `quick_check` (a copy can be hurt after it was made).

    The quick check reads every page in a second or so; the copy chosen gets the full check
    again when it is restored.
    """
    for copy in list_backups(workspace):
        if integrity_problem(copy.path, "quick_check") is None:
            return copy
    return None


# --- restoring -------------------------------------------------------------------------------


def _not_a_workspace(path: Path) -> InvalidInput:
    return InvalidInput(
        _("The file {path} is not a fieldkit workspace; nothing was changed.").format(path=path)
    )


def _check_schema(path: Path, source: Path) -> None:
    """Refuse a sound SQLite file that is not a fieldkit workspace this version can open."""
    from fieldkit.store.database import known_revisions

    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        tables = {
            str(name)
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables >= _REQUIRED_TABLES:
            raise _not_a_workspace(source)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or str(row[0]) not in known_revisions():
        raise InvalidInput(
            _(
                "The file {path} was written by a newer version of fieldkit or by another "
                "program, so it cannot be restored; nothing was changed."
            ).format(path=source)
        )


def stage(source: Path, workspace: Path) -> Path:
    """A checked copy of `source` beside the workspace, ready to take its place.

    Refuses, in one sentence and with nothing changed, a missing file, a file that is not an
    SQLite database, a damaged one and one that is not a fieldkit workspace.
    """
    try:
        with source.open("rb") as handle:
            header = handle.read(len(_HEADER))
    except FileNotFoundError:
        raise InvalidInput(
            _("There is no file {path}; nothing was changed.").format(path=source)
        ) from None
    except OSError as error:
        raise InvalidInput(
            _("The file {path} cannot be read ({reason}); nothing was changed.").format(
                path=source, reason=error.strerror or error
            )
        ) from None
    if header != _HEADER:
        raise _not_a_workspace(source)
    for leftover in workspace.parent.glob(f".{workspace.name}.restoring-*"):
        leftover.unlink(missing_ok=True)  # of a restore that was killed (the lock is ours now)
    staged = workspace.with_name(f".{workspace.name}.restoring-{os.getpid()}")
    try:
        copy_verified(source, staged)
        _check_schema(staged, source)
    except CopyDamaged:
        staged.unlink(missing_ok=True)
        raise InvalidInput(
            _("The file {path} is damaged, so it cannot be restored; nothing was changed.").format(
                path=source
            )
        ) from None
    except sqlite3.Error:
        staged.unlink(missing_ok=True)
        raise _not_a_workspace(source) from None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def keep_identity(staged: Path, workspace: Path, last_issued: str) -> None:
    """Give the staged copy this laptop's device row, its clock never set back.

    A copy from another laptop would otherwise make this one write under that laptop's device
    id; a copy of this workspace from yesterday would let the clock reuse today's stamps.
    """
    with contextlib.closing(sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)) as current:
        mine = current.execute("SELECT id, name, created_at, last_stamp FROM device").fetchone()
    if mine is None:
        return
    with contextlib.closing(sqlite3.connect(staged, isolation_level=None)) as copy:
        (theirs,) = copy.execute("SELECT coalesce(max(last_stamp), '') FROM device").fetchone()
        last = max(str(mine[3] or ""), str(theirs or ""), last_issued)
        copy.execute("BEGIN")
        copy.execute("DELETE FROM device")
        copy.execute(
            "INSERT INTO device (id, name, created_at, last_stamp) VALUES (?, ?, ?, ?)",
            (mine[0], mine[1], mine[2], last),
        )
        copy.execute("COMMIT")
    _flush(staged)


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def _settle(workspace: Path) -> None:
    """Fold the workspace's WAL into it and leave WAL mode, so no -wal outlives the file.

    A -wal left beside the restored file would be read as part of it: the old edits applied on
    top of the restored pages.
    """
    with contextlib.closing(sqlite3.connect(workspace, isolation_level=None)) as connection:
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    for sidecar in _sidecars(workspace)[:2]:
        sidecar.unlink(missing_ok=True)


def install(staged: Path, workspace: Path) -> None:
    """Put a staged copy in the workspace's place in one rename (no connection may be open)."""
    if workspace.exists():
        _settle(workspace)
    staged.replace(workspace)
    _flush_folder(workspace.parent)


def set_aside(workspace: Path, *, now: dt.datetime | None = None) -> Path:
    """Copy a damaged workspace (and its -wal) to a dated name beside it, and return that name.

    Copied rather than moved: were the computer to stop halfway, the workspace is still there.
    """
    moment = (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    aside = workspace.with_name(f"{workspace.stem}.damaged-{moment}{workspace.suffix}")
    shutil.copy2(workspace, aside)
    wal = Path(f"{workspace}-wal")
    if wal.exists():
        shutil.copy2(wal, Path(f"{aside}-wal"))
    _flush(aside)
    return aside


def recover(workspace: Path, backup: Path) -> Path:
    """Put a backup in place of a damaged workspace; the damaged file is kept aside (returned).

    The caller holds the workspace's lock. The damaged file is not opened by SQLite at all:
    its -wal and -shm are removed only once copied aside, and the backup is copied, never moved.
    """
    return put_back(stage(backup, workspace), workspace)


def put_back(staged: Path, workspace: Path) -> Path:
    """The second half of `recover`: a staged copy in place of the damaged workspace, which is
    kept aside (its new name returned). The caller holds the workspace's lock."""
    try:
        aside = set_aside(workspace) if workspace.exists() else workspace
        for sidecar in _sidecars(workspace):
            sidecar.unlink(missing_ok=True)
        staged.replace(workspace)
        _flush_folder(workspace.parent)
    finally:
        staged.unlink(missing_ok=True)
    return aside


def clock_at_least(staged: Path, last_issued: str) -> None:
    """Never let the staged copy's clock run behind the stamps this laptop already issued
    (they may have travelled to other laptops with the edits the damaged file lost)."""
    with contextlib.closing(sqlite3.connect(staged, isolation_level=None)) as copy:
        copy.execute(
            "UPDATE device SET last_stamp = ? WHERE coalesce(last_stamp, '') < ?",
            (last_issued, last_issued),
        )
    _flush(staged)


def copy_to(workspace: Path, target: Path) -> Path:
    """A checked copy of the workspace at a file the user chose (it needs no lock: a copy
    taken inside a read transaction is consistent while the window writes)."""
    if not workspace.is_file():
        raise WorkspaceUnavailable(
            _("There is no workspace at {path}; nothing was written.").format(path=workspace)
        )
    if target.resolve() == workspace.resolve():
        raise InvalidInput(
            _("A backup cannot be written over the workspace itself; choose another file.")
        )
    return copy_verified(workspace, target)


def recover_locked(workspace: Path, backup: Path) -> Path:
    """`recover`, with the workspace's lock taken for it (the workspace could not be opened)."""
    return _locked(workspace, lambda: recover(workspace, backup))


def put_back_locked(staged: Path, workspace: Path) -> Path:
    """`put_back`, with the workspace's lock taken for it (the window closed its workspace)."""
    try:
        return _locked(workspace, lambda: put_back(staged, workspace))
    finally:
        staged.unlink(missing_ok=True)  # also when the lock was refused


def _locked(workspace: Path, work: Callable[[], Path]) -> Path:
    from fieldkit.store.file_lock import FileLock, LockHeld

    lock = FileLock(f"{workspace}.lock")
    try:
        lock.acquire()
    except LockHeld:
        raise WorkspaceUnavailable(
            _(
                "The workspace {path} is open in another copy of fieldkit; close it there first."
            ).format(path=workspace)
        ) from None
    try:
        return work()
    except OSError as error:
        raise _failed(workspace, error) from None
    finally:
        lock.release()
