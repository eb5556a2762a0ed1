"""Makes the broken and hostile exchange files that tests/sync/test_bad_files.py feeds the import.

Run from the repository root: `.venv/bin/python tests/data/exchange/make_files.py`. The files are
committed; rerun only when the format changes. Every hostile file recomputes the manifest's sizes
and checksums, as a careful attacker would, so that only the deeper checks can catch it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import stat
import struct
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from fieldkit.core import ids  # noqa: E402
from fieldkit.core.model import (  # noqa: E402
    Attachment,
    Event,
    Gender,
    Note,
    Person,
    Registration,
)
from fieldkit.store import Workspace  # noqa: E402
from fieldkit.sync.exchange import export_exchange  # noqa: E402

PASSPHRASE = "cinco delegaciones, tres ejes"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def good_workspace(folder: Path) -> Workspace:
    ws = Workspace(folder / "source.sqlite")
    event = Event(
        id="4d2f8e57-52a9-4d5e-8f3b-6f3c2f9a1b10",
        code="TARACO-2021",
        title="Taller de Taraco",
        start_date=dt.date(2021, 10, 11),
        end_date=dt.date(2021, 10, 11),
    )
    people = [
        Person(id=ids.new_id(), given_names="Rosa", surnames="Ch'uxña Apaza", gender=Gender.WOMAN),
        Person(id=ids.new_id(), given_names="Efraín", surnames="Núñez", gender=Gender.MAN),
    ]
    ws.save(event, *people)
    day = ws.add_day(event.id, dt.date(2021, 10, 11)).value
    digest = ws.add_blob(PNG)
    ws.save(
        *(
            Registration(id=ids.registration_id(event.id, p.id), event_id=event.id, person_id=p.id)
            for p in people
        ),
        Note(
            id=ids.note_id(ids.arrival_id(day.id)),
            session_id=ids.arrival_id(day.id),
            key_points="- a",
        ),
        Attachment(
            id=ids.new_id(),
            event_id=event.id,
            sha256=digest,
            filename="papelografo.png",
            media_type="image/png",
            size=len(PNG),
        ),
    )
    ws.check_in(ids.arrival_id(day.id), people[0].id, at=dt.datetime(2021, 10, 11, 8, 31))
    return ws


def read_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def build_zip(members: list[tuple[str, bytes]], *, fix_manifest: bool = True) -> bytes:
    """A zip of the members; the manifest's sizes and checksums recomputed to match."""
    entries = dict(members)
    if fix_manifest and "manifest.json" in entries:
        manifest = json.loads(entries["manifest.json"])
        manifest["members"] = [
            {"name": name, "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
            for name, body in members
            if name != "manifest.json"
        ]
        entries["manifest.json"] = json.dumps(manifest, indent=1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, _body in members:
            archive.writestr(
                zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), entries[name], zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


def with_records(members: dict[str, bytes], edit: callable) -> bytes:  # type: ignore[valid-type]
    lines = [json.loads(line) for line in members["records.jsonl"].splitlines()]
    new_lines = edit(lines)
    body = b"".join(
        (
            line
            if isinstance(line, bytes)
            else json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode()
        )
        + b"\n"
        for line in new_lines
    )
    return build_zip([(n, body if n == "records.jsonl" else b) for n, b in members.items()])


def lines_of(members: dict[str, bytes]) -> list[dict]:
    return [json.loads(line) for line in members["records.jsonl"].splitlines()]


def first_of(lines: list[dict], kind: str) -> dict:
    return next(line for line in lines if line["kind"] == kind)


def main() -> None:
    out = HERE
    with tempfile.TemporaryDirectory() as folder:
        ws = good_workspace(Path(folder))
        export_exchange(ws, out / "good.fkx")
        export_exchange(ws, out / "good-encrypted.fkx", passphrase=PASSPHRASE)
        ws.close()
    good = (out / "good.fkx").read_bytes()
    members = read_members(good)
    rng = random.Random(7)
    files: dict[str, bytes] = {
        "empty.fkx": b"",
        "random-bytes.fkx": bytes(rng.getrandbits(8) for _ in range(4096)),
        "picture-renamed.fkx": PNG,
        "truncated.fkx": good[: len(good) // 2],
    }
    # A byte changed inside the records (manifest left as it was).
    changed = bytearray(members["records.jsonl"])
    changed[10] ^= 0x01
    files["changed-byte.fkx"] = build_zip(
        [(n, bytes(changed) if n == "records.jsonl" else b) for n, b in members.items()],
        fix_manifest=False,
    )
    blob = next(n for n in members if n.startswith("blobs/"))
    files["absolute-name.fkx"] = build_zip([*members.items(), ("/etc/fieldkit", b"x")])
    files["dotdot-name.fkx"] = build_zip([*members.items(), ("blobs/../../escape", b"x")])
    files["colliding-names.fkx"] = build_zip([*members.items(), ("records.jsonl", b"{}\n")])
    files["no-manifest.fkx"] = build_zip(
        [(n, b) for n, b in members.items() if n != "manifest.json"]
    )
    files["member-not-in-manifest.fkx"] = build_zip(
        [*members.items(), ("blobs/" + hashlib.sha256(b"extra").hexdigest(), b"extra")],
        fix_manifest=False,
    )
    manifest = json.loads(members["manifest.json"])
    manifest["members"].append({"name": "blobs/" + "0" * 64, "size": 1, "sha256": "0" * 64})
    files["manifest-lists-missing-member.fkx"] = build_zip(
        [
            (n, json.dumps(manifest).encode() if n == "manifest.json" else b)
            for n, b in members.items()
        ],
        fix_manifest=False,
    )
    files["attachment-hash-mismatch.fkx"] = build_zip(
        [(n, b"not the picture" if n == blob else b) for n, b in members.items()]
    )
    newer = json.loads(members["manifest.json"])
    newer.update(version=2, readable_since="3.0.0")
    files["newer-format.fkx"] = build_zip(
        [
            (n, json.dumps(newer).encode() if n == "manifest.json" else b)
            for n, b in members.items()
        ],
        fix_manifest=False,
    )
    # A symbolic link member.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
        link = zipfile.ZipInfo("blobs/" + "1" * 64)
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, b"/etc/passwd")
    files["symlink.fkx"] = buffer.getvalue()
    # A zip bomb: 300 MB of zeros that deflate to a few hundred KB.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    deflated = b"".join(compressor.compress(chunk) for _ in range(300)) + compressor.flush()
    files["zip-bomb.fkx"] = _raw_zip("records.jsonl", deflated, 300 << 20, zlib.crc32(bytes(0)))
    # Declared sizes that lie: the headers and the manifest say 10 bytes, the data holds the whole
    # records (and the checksum in the manifest is that of the first 10 bytes).
    body = members["records.jsonl"]
    lying = json.loads(members["manifest.json"])
    for entry in lying["members"]:
        if entry["name"] == "records.jsonl":
            entry.update(size=10, sha256=hashlib.sha256(body[:10]).hexdigest())
    parts = [
        (n, b, len(b), zlib.crc32(b))
        for n, b in members.items()
        if n not in ("records.jsonl", "manifest.json")
    ]
    parts.append(("records.jsonl", body, 10, zlib.crc32(body[:10])))
    manifest_bytes = json.dumps(lying).encode()
    parts.append(("manifest.json", manifest_bytes, len(manifest_bytes), zlib.crc32(manifest_bytes)))
    files["lying-size.fkx"] = _raw_stored_zip(parts)
    # Records that fail the schema, every checksum recomputed.
    files["record-wrong-type.fkx"] = with_records(
        members,
        lambda ls: [
            (
                {**line, "values": {**line["values"], "title": 5}}
                if line["kind"] == "event"
                else line
            )
            for line in ls
        ],
    )
    files["record-unknown-field.fkx"] = with_records(
        members,
        lambda ls: [
            (
                {**line, "values": {**line["values"], "colour": "red"}}
                if line["kind"] == "person"
                else line
            )
            for line in ls
        ],
    )
    files["record-bad-enum.fkx"] = with_records(
        members,
        lambda ls: [
            (
                {**line, "values": {**line["values"], "gender": "robot"}}
                if line["kind"] == "person"
                else line
            )
            for line in ls
        ],
    )
    files["record-unknown-kind.fkx"] = with_records(
        members, lambda ls: [*ls, {**ls[0], "kind": "password"}]
    )
    files["record-twice.fkx"] = with_records(members, lambda ls: [*ls, first_of(ls, "person")])
    files["record-duplicate-key.fkx"] = with_records(
        members, lambda ls: [*ls[:-1], b'{"kind":"person","kind":"person"}']
    )
    files["record-missing-clock.fkx"] = with_records(
        members,
        lambda ls: [({**line, "clocks": {}} if line["kind"] == "event" else line) for line in ls],
    )
    files["record-nan.fkx"] = with_records(members, lambda ls: [*ls, b'{"kind":"person","id":NaN}'])
    conflict = {
        "kind": "conflict",
        "id": "3f1b2a4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
        "values": {
            "record_kind": "person",
            "record_id": first_of(lines_of(members), "person")["id"],
            "field": "surnames",
            "value": "not json {",
            "stamp": next(iter(first_of(lines_of(members), "person")["clocks"])),
            "resolved": False,
            "deleted": False,
        },
    }
    conflict["clocks"] = {
        conflict["values"]["stamp"]: sorted(conflict["values"]),
    }
    files["conflict-bad-value.fkx"] = with_records(members, lambda ls: [*ls, conflict])
    files["vector-garbage.fkx"] = with_records(
        members,
        lambda ls: [
            ({**line, "vv": {"surnames": {"ab": "garbage"}}} if line["kind"] == "person" else line)
            for line in ls
        ],
    )
    files["years-ahead.fkx"] = with_records(
        members,
        lambda ls: [
            (
                {
                    **line,
                    "clocks": {"9" + stamp[1:]: names for stamp, names in line["clocks"].items()},
                }
                if line["kind"] == "event"
                else line
            )
            for line in ls
        ],
    )
    # Encrypted: a changed byte in the payload, and a header that asks for absurd work.
    encrypted = bytearray((out / "good-encrypted.fkx").read_bytes())
    damaged = bytearray(encrypted)
    damaged[-20] ^= 0xFF
    files["encrypted-damaged.fkx"] = bytes(damaged)
    header_end = encrypted.index(b"\n---")
    header = bytes(encrypted[:header_end])
    stanza = next(line for line in header.split(b"\n") if line.startswith(b"-> scrypt"))
    parts = stanza.split(b" ")
    files["encrypted-absurd-work.fkx"] = bytes(encrypted).replace(
        stanza, b" ".join([*parts[:3], b"40"]), 1
    )
    for name, data in files.items():
        (out / name).write_bytes(data)
    print(f"{len(files) + 2} files in {out}")


def _raw_zip(name: str, data: bytes, declared_size: int, crc: int) -> bytes:
    """A one-member deflated zip written by hand, so its header can claim what it likes."""
    return _raw_members([(name, data, declared_size, crc)], method=8)


def _raw_stored_zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    return _raw_members(parts, method=0)


def _raw_members(parts: list[tuple[str, bytes, int, int]], method: int) -> bytes:
    body = b""
    directory = b""
    for name, data, declared_size, crc in parts:
        encoded = name.encode()
        offset = len(body)
        body += (
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                declared_size,
                len(encoded),
                0,
            )
            + encoded
            + data
        )
        directory += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                declared_size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    count = len(parts)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return body + directory + end


if __name__ == "__main__":
    main()
