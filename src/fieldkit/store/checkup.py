"""`fieldkit check`: SQLite's integrity and foreign-key checks and the model's rules over the data.

Everything is read through one read-only connection: checking a workspace never writes to it,
whatever it finds (not even the journal is replayed into the file).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.core.codec import field_types, record_from_plain
from fieldkit.core.model import RECORD_KINDS
from fieldkit.core.rules import Breach, StoredRecords, record_problem, stored_breaches
from fieldkit.i18n import _, ngettext
from fieldkit.store import health
from fieldkit.store.database import head_revision

MAX_LISTED = 200  # SQLite's own checks stop listing after this many


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a workspace: SQLite's own words, or a rule of the model."""

    source: str  # "integrity", "foreign_key", "journal", "record"
    message: str


def _integrity(connection: sqlite3.Connection) -> list[Finding]:
    rows = connection.execute(f"PRAGMA integrity_check({MAX_LISTED})").fetchall()
    if rows == [("ok",)]:
        return []
    return [Finding("integrity", str(row[0])) for row in rows]


def _foreign_keys(connection: sqlite3.Connection) -> list[Finding]:
    found: list[Finding] = []
    for table, rowid, parent, _index in connection.execute("PRAGMA foreign_key_check"):
        record = connection.execute(
            f'SELECT id FROM "{table}" WHERE rowid = ?', (rowid,)
        ).fetchone()
        found.append(
            Finding(
                "foreign_key",
                _("The {kind} record {id} points at a {parent} record that does not exist.").format(
                    kind=table, id=record[0] if record else rowid, parent=parent
                ),
            )
        )
        if len(found) >= MAX_LISTED:
            break
    return found


def _records(connection: sqlite3.Connection, kind: str) -> tuple[list[Any], list[Breach]]:
    """The records of a kind that are not deleted; a row that cannot be read is a breach."""
    names = ["id", *field_types(kind)]
    columns = ", ".join(f'"{name}"' for name in names)
    records: list[Any] = []
    unreadable: list[Breach] = []
    for row in connection.execute(f'SELECT {columns} FROM "{kind}" WHERE deleted = 0'):
        try:
            records.append(record_from_plain(kind, dict(zip(names, row, strict=True))))
        except (ValueError, TypeError) as error:
            unreadable.append(
                Breach(
                    kind,
                    str(row[0]),
                    _(
                        "The {kind} record {id} holds a value fieldkit cannot read ({reason})."
                    ).format(kind=kind, id=row[0], reason=error),
                )
            )
    return records, unreadable


def _links(connection: sqlite3.Connection, kind: str, column: str) -> dict[str, str | None]:
    rows = connection.execute(f'SELECT id, "{column}" FROM "{kind}" WHERE deleted = 0')
    return {str(record_id): target for record_id, target in rows}


def _model(connection: sqlite3.Connection) -> list[Finding]:
    breaches: list[Breach] = []

    def read(kind: str) -> list[Any]:
        records, unreadable = _records(connection, kind)
        breaches.extend(unreadable)
        return records

    stored = StoredRecords(
        events=read("event"),
        days=read("day"),
        sessions=read("session"),
        groups=read("working_group"),
        tallies=read("tally"),
        notes=read("note"),
        decisions=read("decision"),
        actions=read("action_item"),
        attachments=read("attachment"),
        person_links=_links(connection, "person", "merged_into"),
        organisation_links=_links(connection, "organisation", "parent_id"),
    )
    breaches.extend(stored_breaches(stored))
    breaches.extend(_record_rules(connection, {b.record_id for b in breaches}))
    return [Finding("record", breach.message) for breach in breaches]


def _record_rules(connection: sqlite3.Connection, named: set[str]) -> list[Breach]:
    """The rules of one record that the writes apply (texts, numbers, derived ids…) over every
    record, once per record: one already named above is not named again."""
    found: list[Breach] = []
    for kind in RECORD_KINDS:
        names = ["id", *field_types(kind)]
        columns = ", ".join(f'"{name}"' for name in names)
        for row in connection.execute(f'SELECT {columns} FROM "{kind}" WHERE deleted = 0'):
            values = dict(zip(names, row, strict=True))
            if str(values["id"]) in named:
                continue
            problem = record_problem(kind, values)
            if problem is not None:
                found.append(
                    Breach(
                        kind,
                        str(values["id"]),
                        _("The {kind} record {id} breaks a rule of the model: {problem}.").format(
                            kind=kind, id=values["id"], problem=problem
                        ),
                    )
                )
                if len(found) >= MAX_LISTED:
                    return found
    return found


def check_workspace(path: Path) -> list[Finding]:
    """Everything wrong with the workspace at `path`; empty when it is sound.

    A file that is not a workspace at all (or no file) raises the sentence of `health.inspect`.
    """
    real = path.resolve()
    inspection = health.inspect(real, head_revision())
    if inspection.state is health.State.NEW:
        raise health.no_workspace(path)
    findings: list[Finding] = []
    lost = health.lost_commits(health.wal_path(real))
    if lost:
        findings.append(
            Finding(
                "journal",
                ngettext(
                    "The journal (-wal) of the workspace is damaged: {count} saved change after "
                    "the damage cannot be read.",
                    "The journal (-wal) of the workspace is damaged: {count} saved changes after "
                    "the damage cannot be read.",
                    lost,
                ).format(count=lost),
            )
        )
    journal = health.wal_path(real).exists()
    connection = sqlite3.connect(health.read_only_uri(real, immutable=not journal), uri=True)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        steps: list[Callable[[sqlite3.Connection], list[Finding]]] = [_integrity, _foreign_keys]
        for step in steps:
            findings.extend(step(connection))
        if not any(f.source == "integrity" for f in findings):
            findings.extend(_model(connection))  # rules over damaged pages would only mislead
    except sqlite3.DatabaseError:
        raise health.damaged(path) from None
    finally:
        connection.close()
    return findings
