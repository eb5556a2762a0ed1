"""Telling a fieldkit workspace from anything else, before anything is written to it.

Opening a file runs, in this order: the folder and the file (`inspect`, never writes: no lock file,
no `-wal`, no `-shm`), the header of the file (a database at all, and whole), the tables that
fieldkit expects (another application's database is refused, even one with a table of the same
name or with Alembic of its own), and, once this copy of the app holds the lock, the journal
(`check_journal`: a `-wal` whose damaged tail holds committed edits is copied aside before SQLite
drops that tail) and SQLite's own `quick_check` (`quick_check`: a second or so on a workspace of
hundreds of megabytes, so the window runs it in the background after it is shown).

Everything here reads through sqlite3 alone: an up-to-date workspace still opens without
SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from fieldkit.core.codec import field_types
from fieldkit.core.errors import DamagedWorkspace, NotFound, WorkspaceUnavailable
from fieldkit.core.model import RECORD_KINDS
from fieldkit.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

# Columns of tables that hold no record (checked against `fieldkit.store.schema` by a test: the
# schema module needs SQLAlchemy, which an up-to-date workspace opens without).
SUPPORT_TABLES: dict[str, frozenset[str]] = {
    "device": frozenset({"id", "name", "created_at", "last_stamp"}),
    "setting": frozenset({"key", "value"}),
    "blob": frozenset({"sha256", "size", "data"}),
    "exchange_log": frozenset(
        {"id", "at", "direction", "file_name", "file_sha256", "peer_device", "summary", "snapshot"}
    ),
    "folder_segment": frozenset(
        {"device", "name", "sha256", "size", "direction", "marks", "conflicts", "at"}
    ),
    "folder_pending": frozenset({"seq", "kind", "record_id"}),
}
LOCAL_COLUMNS: dict[str, tuple[str, ...]] = {"person": ("search",)}
RECORD_EXTRA_COLUMNS = ("deleted", "clocks", "vv")
# The tables of the first released schema (0001): every known revision has at least these. Written
# out, not derived from today's record kinds, which later revisions extend.
BASE_TABLES = frozenset(
    {
        "action_item", "action_owner", "attachment", "attendance", "axis", "blob", "day",
        "decision", "device", "event", "event_partner", "group_member", "note", "objective",
        "organisation", "person", "programme", "registration", "session", "session_axis",
        "session_objective", "setting", "tally", "working_group",
    }
)  # fmt: skip
_REVISION = re.compile(r"^\d{4}$")  # fieldkit's revisions; other applications' are hashes


def expected_tables() -> dict[str, frozenset[str]]:
    """Every table of the newest schema with its columns."""
    tables = dict(SUPPORT_TABLES)
    for kind in RECORD_KINDS:
        tables[kind] = frozenset(
            {"id", *field_types(kind), *RECORD_EXTRA_COLUMNS, *LOCAL_COLUMNS.get(kind, ())}
        )
    return tables


class State(enum.Enum):
    NEW = "new"  # no file, or an empty one: a new workspace for commands that write
    WORKSPACE = "workspace"  # a fieldkit workspace at a known revision
    NEWER = "newer"  # a fieldkit workspace written by a newer version


@dataclass(frozen=True)
class Inspection:
    state: State
    revision: str | None = None


# --- sentences ------------------------------------------------------------------------------------


def damaged(path: Path) -> DamagedWorkspace:
    return DamagedWorkspace(
        _(
            "The workspace {path} is damaged: SQLite found errors in it. fieldkit left it as it is."
        ).format(path=path),
        path=path,
        kind=DamagedWorkspace.DAMAGED,
    )


def _unreadable(path: Path) -> DamagedWorkspace:
    return DamagedWorkspace(
        _(
            "The file {path} is not a database that fieldkit can read: it is damaged, or it is "
            "not a workspace at all. fieldkit left it as it is."
        ).format(path=path),
        path=path,
        kind=DamagedWorkspace.DAMAGED,
    )


def _truncated(path: Path) -> DamagedWorkspace:
    return DamagedWorkspace(
        _(
            "The workspace {path} is damaged: the file is shorter than it should be, as when a "
            "copy or a write was cut off. fieldkit left it as it is."
        ).format(path=path),
        path=path,
        kind=DamagedWorkspace.DAMAGED,
    )


def _foreign(path: Path) -> DamagedWorkspace:
    return DamagedWorkspace(
        _(
            "The file {path} is a database of another application, not a fieldkit workspace. "
            "fieldkit left it as it is."
        ).format(path=path),
        path=path,
        kind=DamagedWorkspace.FOREIGN,
    )


def newer_version(path: Path) -> WorkspaceUnavailable:
    return WorkspaceUnavailable(
        _(
            "The workspace {path} was written by a newer version of fieldkit; "
            "install the newest version to open it."
        ).format(path=path)
    )


def no_folder(path: Path) -> WorkspaceUnavailable:
    return WorkspaceUnavailable(
        _("The folder {folder} does not exist; check the path of the workspace.").format(
            folder=path.parent
        )
    )


def no_workspace(path: Path) -> NotFound:
    return NotFound(_("There is no workspace at {path}.").format(path=path))


# --- the file as it is ----------------------------------------------------------------------------


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _check_header(path: Path, size: int) -> None:
    """A SQLite header, and a file as long as the header says (a cut-off copy is not)."""
    try:
        with path.open("rb") as file:
            header = file.read(HEADER_SIZE)
    except IsADirectoryError:
        raise _unreadable(path) from None
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise _unreadable(path)
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise _unreadable(path)
    change_counter, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if size % page_size:
        raise _truncated(path)
    # The page count in the header is only kept by SQLite 3.7 and later, which say so this way.
    if pages and change_counter == valid_for and size < pages * page_size:
        raise _truncated(path)


def read_only_uri(path: Path, *, immutable: bool) -> str:
    """A read-only URI of the file. `immutable` when there is no journal: then nothing (not
    even a -shm) is made beside a file that is perhaps another application's."""
    text = str(path.resolve())
    for character, escaped in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        text = text.replace(character, escaped)  # what a URI would read otherwise
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"file:{text}?{flags}"


def _tables(path: Path) -> tuple[dict[str, frozenset[str]], str | None]:
    """The tables with their columns, and the Alembic revision when there is one."""
    immutable = not wal_path(path).exists()
    try:
        connection = sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True)
    except sqlite3.Error:
        raise _unreadable(path) from None
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        names = [
            str(name)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables = {
            name: frozenset(
                str(row[1])
                for row in connection.execute("SELECT * FROM pragma_table_info(?)", (name,))
            )
            for name in names
        }
        revision = None
        if "alembic_version" in tables and "version_num" in tables["alembic_version"]:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            revision = str(rows[0][0]) if len(rows) == 1 else ""
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise WorkspaceUnavailable(
                _("The workspace {path} is busy in another program; try again in a moment.").format(
                    path=path
                )
            ) from None
        raise damaged(path) from None
    except sqlite3.DatabaseError:  # the header was sound: the damage is further in
        raise damaged(path) from None
    finally:
        connection.close()
    return tables, revision


def inspect(path: Path, head: str, known: frozenset[str] | None = None) -> Inspection:
    """What the file at `path` is, read without writing anything; refuse what is not a workspace.

    `head` is the newest revision this fieldkit knows, `known` the older ones it can upgrade
    (None: any revision of fieldkit's form up to `head`).
    """
    if not path.parent.is_dir():
        raise no_folder(path)
    if path.exists() and not path.is_file():
        raise _unreadable(path)
    size = _size(path)
    journal = wal_path(path)
    if size == 0 and (not journal.exists() or _size(journal) == 0):
        return Inspection(State.NEW)
    if size:
        _check_header(path, size)
    tables, revision = _tables(path)
    if not tables:
        return Inspection(State.NEW)  # an empty database: nothing of anyone's to lose
    if revision is None or not _REVISION.match(revision) or not tables.keys() >= BASE_TABLES:
        raise _foreign(path)
    if revision > head:
        raise newer_version(path)
    if known is not None and revision not in known:
        raise _foreign(path)
    if revision == head:
        for name, columns in expected_tables().items():
            if not columns <= tables.get(name, frozenset()):
                raise _foreign(path)
    return Inspection(State.WORKSPACE, revision)


def quick_check(path: Path) -> None:
    """SQLite's own check of every page; `DamagedWorkspace` when it finds anything.

    Read-only, and makes nothing beside the file when it has no journal; a second or so on a
    program-scale workspace.
    """
    immutable = not wal_path(path).exists()
    try:
        connection = sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True)
    except sqlite3.Error:
        raise _unreadable(path) from None
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return  # another connection of ours is writing: it would have met the damage too
        raise damaged(path) from None
    except sqlite3.DatabaseError:
        raise damaged(path) from None
    finally:
        connection.close()
    if rows != [("ok",)]:
        raise damaged(path)


# --- the journal (-wal) ---------------------------------------------------------------------------

_WAL_HEADER = 32
_FRAME_HEADER = 24
_WAL_MAGIC = (0x377F0682, 0x377F0683)


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & mask
        s1 = (s1 + words[index + 1] + s0) & mask
    return s0, s1


def lost_commits(journal: Path) -> int:
    """How many committed transactions of the `-wal` file SQLite would drop as damaged.

    SQLite replays frames up to the first one whose checksum fails and silently forgets the
    rest. Frames after that point that belong to the same generation of the journal (same salts)
    and end a transaction were committed: they are the edits a damaged tail loses. A frame cut
    off at the very end is an unfinished write, which loses nothing that was reported saved.
    """
    try:
        data = journal.read_bytes()
    except FileNotFoundError:
        return 0
    if len(data) < _WAL_HEADER:
        return 0
    magic, _version, page_size, _seq, salt1, salt2, sum1, sum2 = struct.unpack(
        ">8I", data[:_WAL_HEADER]
    )
    frame_size = _FRAME_HEADER + page_size
    frames = (len(data) - _WAL_HEADER) // frame_size if page_size else 0
    big_endian = bool(magic & 1)
    header_ok = (
        magic in _WAL_MAGIC
        and page_size >= 512
        and not page_size & (page_size - 1)
        and _checksum(data[:24], big_endian, 0, 0) == (sum1, sum2)
    )
    if not header_ok:
        # SQLite ignores the whole journal: whatever frames it holds are lost.
        return 1 if len(data) > _WAL_HEADER + _FRAME_HEADER else 0
    s0, s1 = sum1, sum2
    index = 0
    while index < frames:
        offset = _WAL_HEADER + index * frame_size
        head = data[offset : offset + _FRAME_HEADER]
        _page, _commit, f_salt1, f_salt2, f_sum1, f_sum2 = struct.unpack(">6I", head)
        if (f_salt1, f_salt2) != (salt1, salt2):
            return 0  # an older generation of the journal begins: nothing of ours after it
        s0, s1 = _checksum(head[:8], big_endian, s0, s1)
        s0, s1 = _checksum(data[offset + _FRAME_HEADER : offset + frame_size], big_endian, s0, s1)
        if (s0, s1) != (f_sum1, f_sum2):
            break
        index += 1
    else:
        return 0
    lost = 0
    for later in range(index, frames):
        offset = _WAL_HEADER + later * frame_size
        _page, commit, f_salt1, f_salt2 = struct.unpack_from(">4I", data, offset)
        if (f_salt1, f_salt2) == (salt1, salt2) and commit:
            lost += 1
    return lost


def check_journal(path: Path) -> str | None:
    """Copy a damaged `-wal` aside before SQLite opens it; the sentence to tell, or None.

    Call with the workspace's lock held: then no other copy of the app is writing the journal.
    """
    journal = wal_path(path)
    if not journal.exists() or lost_commits(journal) == 0:
        return None
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    copy = journal.with_name(f"{path.name}-wal.damaged-{stamp}")
    try:
        shutil.copy2(journal, copy)
        with copy.open("rb") as file:
            os.fsync(file.fileno())
    except OSError as error:
        raise WorkspaceUnavailable(
            _(
                "The journal of the workspace {path} is damaged and could not be copied aside "
                "({reason}); fieldkit left it as it is."
            ).format(path=path, reason=error.strerror or error)
        ) from None
    return _(
        "The journal of the workspace {path} was damaged: the edits saved after the damage could "
        "not be read, and a copy of the journal was kept as {copy}."
    ).format(path=path, copy=copy.name)
