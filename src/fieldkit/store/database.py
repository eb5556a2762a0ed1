"""Opening the SQLite file of a workspace: pragmas, transactions and migrations.

The copies taken before a migration are made by `fieldkit.store.backups`.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.i18n import _
from fieldkit.store import lazy_sql
from fieldkit.store.backups import BEFORE_MIGRATION, take_backup

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Kept here so that opening an up-to-date workspace needs no Alembic import
# (a third of a second at start-up); a test checks it against the migration scripts.
SCHEMA_REVISION = "0006"


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
        # On the driver: SQLAlchemy's statement machinery would cost more than the BEGIN.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("BEGIN IMMEDIATE" if writing else "BEGIN DEFERRED")

    return engine


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return SCHEMA_REVISION


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
        take_backup(path, BEFORE_MIGRATION)
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
