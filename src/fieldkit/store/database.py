"""Opening the SQLite file of a workspace: pragmas, transactions, migrations and backups."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.i18n import _
from fieldkit.store import lazy_sql

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")
BACKUPS_KEPT = 5
# The newest migration. Kept here so that opening an up-to-date workspace needs no Alembic import
# (a third of a second at start-up); a test checks it against the migration scripts.
SCHEMA_REVISION = "0005_person_erasure"


def create_workspace_engine(path: Path) -> Engine:
    """An engine whose connections run in WAL mode with full sync and foreign keys on.

    pysqlite does not begin a transaction before DDL by itself; SQLAlchemy's documented recipe
    (turn its own BEGIN handling off, emit BEGIN ourselves) makes every transaction real, so a
    failed migration or import rolls back whole. Writes begin IMMEDIATE (they take the write
    lock at once, so they never fail halfway on a busy file); reads begin DEFERRED. Connections
    are pooled: a check-in should not pay for opening the file and setting its pragmas.
    """
    lazy_sql.load()  # the store's SQLAlchemy names become the real ones with the first engine
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN DEFERRED")

    return engine


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return SCHEMA_REVISION


def plain_revision(path: Path) -> str | None:
    """The revision of an existing workspace file read with sqlite3 alone (None for a new or
    empty file): opening an up-to-date workspace needs no SQLAlchemy either."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return None  # no file yet: a new workspace
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        found = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if found is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.DatabaseError as error:
        raise WorkspaceUnavailable(
            _("The workspace {path} cannot be read: {reason}.").format(path=path, reason=error)
        ) from None
    finally:
        connection.close()


def current_revision(engine: Engine) -> str | None:
    """The revision a workspace file is at (None for a new file), read without Alembic."""
    with engine.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if tables is None:
            return None
        row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return None if row is None else str(row[0])


@functools.cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return frozenset(rev.revision for rev in script.walk_revisions())


def script_head() -> str | None:
    """The newest revision according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _backup_name(path: Path, stamp: str, label: str) -> str:
    """`<stem>.<time>.<label>.backup.sqlite`: sorted by time, and never another workspace's."""
    return f"{path.stem}.{stamp}.{label}.backup.sqlite"


def backup(path: Path, engine: Engine, label: str) -> Path:
    """Copy the workspace with VACUUM INTO and check the copy; return the copy's path."""
    folder = path.parent / "backups"
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / _backup_name(path, stamp, label)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        raw = engine.raw_connection()
        try:
            # VACUUM INTO cannot run inside a transaction: the connection is in autocommit here.
            raw.driver_connection.execute("VACUUM INTO ?", (str(target),))  # type: ignore[union-attr]
        finally:
            raw.close()
        copy = sqlite3.connect(target)
        try:
            (result,) = copy.execute("PRAGMA integrity_check").fetchone()
        finally:
            copy.close()
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise WorkspaceUnavailable(
            _(
                "A safety copy of the workspace could not be made ({reason}); nothing was changed."
            ).format(reason=error)
        ) from None
    if result != "ok":
        target.unlink(missing_ok=True)
        raise WorkspaceUnavailable(
            _("The safety copy of the workspace is damaged; nothing was changed.")
        )
    return target


def prune_backups(path: Path) -> None:
    """Keep the newest copies of each kind (before an upgrade, before an import, by hand)."""
    by_label: dict[str, list[Path]] = {}
    for copy in (path.parent / "backups").glob(_backup_name(path, "*", "*")):
        label = copy.name[len(path.stem) + 1 :].split(".", 2)[1]
        by_label.setdefault(label, []).append(copy)
    for copies in by_label.values():
        for old in sorted(copies)[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)


def remove_backups(path: Path, label: str) -> int:
    """Delete the copies of one kind (the undo copies of imports, after an erasure); how many."""
    removed = 0
    for copy in (path.parent / "backups").glob(_backup_name(path, "*", label)):
        copy.unlink(missing_ok=True)
        removed += 1
    return removed


def migrate(path: Path, engine: Engine) -> bool:
    """Bring the file to the newest schema; return True when it was changed.

    An existing file is copied and the copy verified first. A file written by a newer fieldkit is
    refused before anything is written.
    """
    from sqlalchemy.exc import OperationalError

    try:
        current = current_revision(engine)
    except OperationalError as error:
        raise WorkspaceUnavailable(
            _("The workspace {path} cannot be read: {reason}.").format(path=path, reason=error.orig)
        ) from None
    head = head_revision()
    if current == head:
        return False
    if current is not None and current not in known_revisions():
        raise WorkspaceUnavailable(
            _(
                "The workspace {path} was written by a newer version of fieldkit; "
                "install the newest version to open it."
            ).format(path=path)
        )
    if current is not None:
        backup(path, engine, f"before-{head}")
        prune_backups(path)
    from alembic import command

    with engine.connect().execution_options(write=True) as connection:
        # Foreign keys are ignored inside a transaction and a batch table rebuild could cascade:
        # switch them off around the migration and check them before committing.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, or it is ignored
        with connection.begin():
            command.upgrade(_alembic_config(connection), "head")
            violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if violations:
                raise WorkspaceUnavailable(
                    _(
                        "Upgrading the workspace would break links between records; nothing was changed."
                    )
                )
        driver.execute("PRAGMA foreign_keys = ON")
    return True


@contextlib.contextmanager
def raw_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain read-only sqlite3 connection, for checks and dumps in tests and benchmarks."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()
