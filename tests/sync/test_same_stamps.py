"""A record whose stamps all equal the stored ones is the same write: the import neither reads nor
writes its values. A file that claims other values under the very same stamps changes nothing on
a laptop that holds the record, and is refused, as always, by a laptop that does not (there the
record is new, so its values are read and checked)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import zipfile
from pathlib import Path

import msgspec
import pytest

from fieldkit.core.errors import InvalidInput
from fieldkit.core.merge import RecordState, Unread
from fieldkit.core.model import Person
from fieldkit.store import Workspace
from fieldkit.sync import reader
from fieldkit.sync.exchange import export_exchange, import_exchange
from fieldkit.sync.fileformat import RecordLine
from fieldkit.sync.reader import open_exchange_file


def _forged(exported: Path, target: Path, person_id: str, **values: object) -> Path:
    """The exported file with some values of one person changed under the same stamps, its
    manifest made to match (as a careful forger would)."""
    with zipfile.ZipFile(exported) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    decoder = msgspec.json.Decoder(RecordLine)
    lines = [decoder.decode(raw) for raw in members["records.jsonl"].splitlines()]
    line = next(x for x in lines if x.kind == "person" and x.id == person_id)
    line.values.update(values)
    body = b"".join(msgspec.json.encode(x) + b"\n" for x in lines)
    entries = {**members, "records.jsonl": body}
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = [
        {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in entries.items()
        if name != "manifest.json"
    ]
    entries["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


@pytest.fixture
def exported(workspace: Workspace, sample_event: str, tmp_path: Path) -> Path:
    return export_exchange(workspace, tmp_path / "mine.fkx").path


def test_other_values_under_the_same_stamps_change_nothing_here(
    workspace: Workspace, exported: Path, tmp_path: Path
) -> None:
    person = workspace.list(Person)[0]
    forged = _forged(exported, tmp_path / "forged.fkx", person.id, gender="not a gender")
    before = workspace.dump_digest()
    for dry_run in (True, False):
        report = import_exchange(workspace, forged, dry_run=dry_run)
        assert not report.summary.anything
    assert workspace.dump_digest() == before
    assert workspace.require(Person, person.id) == person


def test_the_same_file_is_refused_where_the_record_is_new(
    workspace: Workspace, exported: Path, tmp_path: Path
) -> None:
    person = workspace.list(Person)[0]
    forged = _forged(exported, tmp_path / "forged.fkx", person.id, gender="not a gender")
    (tmp_path / "empty").mkdir()
    with Workspace(tmp_path / "empty" / "workspace.sqlite") as empty:
        before = empty.dump_digest()
        for dry_run in (True, False):
            with pytest.raises(InvalidInput) as refused:
                import_exchange(empty, forged, dry_run=dry_run)
            assert "gender" in refused.value.message
            assert person.id in refused.value.message
        assert empty.dump_digest() == before


def test_an_edit_under_the_same_stamps_is_refused_where_the_stamps_differ(
    workspace: Workspace, exported: Path, tmp_path: Path
) -> None:
    """A laptop that holds the person with other stamps (edited since the file was written)
    reads the line: a value that breaks the model's rules is refused there."""
    person = workspace.list(Person)[0]
    forged = _forged(exported, tmp_path / "forged.fkx", person.id, merged_into=person.id)
    workspace.save(dataclasses.replace(person, phone="+51 951 000 111"))
    before = workspace.dump_digest()
    for dry_run in (True, False):
        with pytest.raises(InvalidInput) as refused:
            import_exchange(workspace, forged, dry_run=dry_run)
        assert "points at itself" in refused.value.message
    assert workspace.dump_digest() == before


def test_records_leave_values_unread_until_asked_and_read_them_as_record_states_do(
    workspace: Workspace, exported: Path, tmp_path: Path
) -> None:
    person = workspace.list(Person)[0]
    forged = _forged(exported, tmp_path / "forged.fkx", person.id, gender="not a gender")
    with open_exchange_file(forged, None, scratch=tmp_path) as incoming:
        found = list(incoming.records(local_device="", local_last_stamp=""))
    kinds = {type(record) for record in found}
    assert kinds == {Unread, RecordState}  # events and attachments are read at once
    assert all(isinstance(r, RecordState) for r in found if r.kind in ("event", "attachment"))
    unread = next(r for r in found if isinstance(r, Unread) and r.id == person.id)
    with pytest.raises(InvalidInput, match="gender"):
        unread.read()
    with open_exchange_file(exported, None, scratch=tmp_path) as incoming:
        read = [
            r.read() if isinstance(r, Unread) else r
            for r in incoming.records(local_device="", local_last_stamp="")
        ]
        states = list(incoming.record_states(local_device="", local_last_stamp=""))
    assert read == states


@pytest.mark.parametrize("chunk", [7, 64, 1000])
def test_lines_that_cross_the_blocks_read_are_read_whole(
    workspace: Workspace,
    exported: Path,
    tmp_path: Path,
    chunk: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_exchange_file(exported, None, scratch=tmp_path) as incoming:
        whole = list(incoming.record_states(local_device="", local_last_stamp=""))
        monkeypatch.setattr(reader, "_CHUNK", chunk)
        assert list(incoming.record_states(local_device="", local_last_stamp="")) == whole


def test_stored_clocks_are_the_same_read_as_a_stretch_or_id_by_id(
    workspace: Workspace, sample_event: str
) -> None:
    """A batch that covers its stretch of the table is read as that stretch, a thin one id by
    id: either way, the clocks of exactly the batch's ids that this laptop holds."""
    from fieldkit.core.ids import new_id

    workspace.save(*(Person(new_id(), f"Persona {n}", "Prueba") for n in range(12)))
    ids = sorted(person.id for person in workspace.list(Person, include_deleted=True))
    absent = new_id()

    with workspace._reading() as conn:
        dense = workspace._stored_clocks(conn, "person", [*ids, absent])
        thin = workspace._stored_clocks(conn, "person", [ids[0], ids[-1], absent])
        none = workspace._stored_clocks(conn, "person", [])
        rows = dict(conn.exec_driver_sql("SELECT id, clocks FROM person").all())
    assert {key: clocks for key, (clocks, _) in dense.items()} == rows
    assert {key: clocks for key, (clocks, _) in thin.items()} == {
        ids[0]: rows[ids[0]],
        ids[-1]: rows[ids[-1]],
    }
    assert none == {}
    assert all(plain for _, plain in dense.values())


def test_a_lines_clocks_text_is_their_canonical_encoding(
    workspace: Workspace, exported: Path, tmp_path: Path
) -> None:
    encoder = msgspec.json.Encoder()
    decoder = msgspec.json.Decoder(RecordLine)
    with zipfile.ZipFile(exported) as archive:
        lines = archive.read("records.jsonl").splitlines()
    with open_exchange_file(exported, None, scratch=tmp_path) as incoming:
        found = list(incoming.records(local_device="", local_last_stamp=""))
    unread = [r for r in found if isinstance(r, Unread)]
    assert unread
    by_id = {(line.kind, line.id): line for line in map(decoder.decode, lines)}
    for record in unread:
        clocks = by_id[record.kind, record.id].clocks
        assert record.clocks == encoder.encode(clocks).decode("utf-8")
