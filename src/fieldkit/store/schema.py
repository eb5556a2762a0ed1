"""The tables of a workspace, derived from the record dataclasses of `fieldkit.core.model`.

Each record table holds the record's fields as plain values (ISO text for dates, enumeration
values as text, 0/1 for booleans), plus `deleted` (a tombstone that syncs like any field) and
`clocks` (the per-field clock stamps, see `fieldkit.core.clocks`) and `vv` (version vectors). Foreign keys are deferred to
the end of a transaction so that an import may write children before parents.

The migrations in `migrations/versions` are the truth about the file on disk; this module is the
truth about what the code expects, and a test checks that both agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)

from fieldkit.core.codec import field_types
from fieldkit.core.model import RECORD_KINDS

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Columns that a table has beyond its record's fields, maintained by the facade for this laptop
# only: they are derived, never synced and never exported.
LOCAL_COLUMNS: dict[str, tuple[str, ...]] = {"person": ("search",)}


def _record_table(kind: str) -> Table:
    columns: list[Column[object]] = [Column("id", Text, primary_key=True)]
    for name, ftype in field_types(kind).items():
        if ftype.base is bool:
            column_type: type[Text] | type[Integer] | type[Boolean] = Boolean
        elif ftype.base is int:
            column_type = Integer
        else:
            column_type = Text
        if ftype.ref:
            key = ForeignKey(f"{ftype.ref}.id", deferrable=True, initially="DEFERRED")
            columns.append(Column(name, column_type, key, nullable=ftype.optional))
        else:
            columns.append(Column(name, column_type, nullable=ftype.optional))
    columns.append(Column("deleted", Boolean, nullable=False, default=False))
    columns.append(Column("clocks", Text, nullable=False, default="{}"))
    # Per field, the newest stamp seen from each other laptop, when there is one: tells a later
    # edit from a concurrent one (see fieldkit.sync.merge). NULL for fields only this laptop wrote.
    columns.append(Column("vv", Text, nullable=True))
    for extra in LOCAL_COLUMNS.get(kind, ()):
        columns.append(Column(extra, Text, nullable=False, default=""))
    return Table(kind, metadata, *columns)


record_tables: dict[str, Table] = {kind: _record_table(kind) for kind in RECORD_KINDS}

# Lookups that the app makes on every screen.
Index(None, record_tables["event"].c.code, unique=True)
Index(None, record_tables["registration"].c.event_id)
Index(None, record_tables["day"].c.event_id)
Index(None, record_tables["session"].c.day_id)
Index(None, record_tables["attendance"].c.session_id)
Index(None, record_tables["attendance"].c.person_id)
Index(None, record_tables["working_group"].c.session_id)
Index(None, record_tables["group_member"].c.group_id)
Index(None, record_tables["note"].c.session_id)
Index(None, record_tables["person"].c.search)


def _index_links() -> None:
    """An index on every column that points at another record.

    SQLite looks children up by these when a parent row is written while deferred foreign keys
    are pending (an import that brings a person before the person it was merged into): without
    an index each such write scans the whole child table.
    """
    for table in record_tables.values():
        indexed = {next(iter(index.columns)).name for index in table.indexes}
        for column in table.columns:
            if column.foreign_keys and column.name not in indexed:
                Index(None, column)


_index_links()
Index(None, record_tables["conflict"].c.record_id)

# This install: its device id and the last clock stamp it issued (so the clock never runs back
# even when the laptop's clock is reset).
device = Table(
    "device",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False, default=""),
    Column("created_at", Text, nullable=False, default=lambda: dt.datetime.now(dt.UTC).isoformat()),
    Column("last_stamp", Text, nullable=False, default=""),
)

# Local preferences of this workspace (not synced).
setting = Table(
    "setting",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# Attachment bytes by SHA-256: content-addressed, immutable, so they need no clocks.
blob = Table(
    "blob",
    metadata,
    Column("sha256", Text, primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

# This laptop's exchanges: what was imported and exported, and the snapshot that undoes an import.
exchange_log = Table(
    "exchange_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Text, nullable=False),
    Column("direction", Text, nullable=False),  # "import" or "export"
    Column("file_name", Text, nullable=False),
    Column("file_sha256", Text, nullable=False),
    Column("peer_device", Text, nullable=False, default=""),
    Column("summary", Text, nullable=False, default="{}"),
    Column("snapshot", Text, nullable=True),  # the backup taken before an import
)

# The sync folder's segments that this laptop wrote or read, by laptop and file name, so each is
# read once; with, per laptop, the newest stamp of it that the segment holds. Not synced.
folder_segment = Table(
    "folder_segment",
    metadata,
    Column("device", Text, primary_key=True),
    Column("name", Text, primary_key=True),
    Column("sha256", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("direction", Text, nullable=False),  # "written" or "read"
    Column("marks", Text, nullable=False, default="{}"),  # {device: newest stamp}
    # The conflict log's entries it holds: made by whoever merged, stamped by whoever lost.
    Column("conflicts", Text, nullable=False, default="[]"),
    Column("at", Text, nullable=False),
)

# The records written since this laptop's last sync-folder round (kept by triggers, see the
# migration 0005, once the row seq 0 says this laptop takes part in a folder). Not synced.
folder_pending = Table(
    "folder_pending",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("record_id", Text, nullable=False),
)
