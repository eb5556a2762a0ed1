"""Writing an exchange file so that a full or pulled-out USB stick never leaves a half file.

The file is written under a temporary name next to the target, flushed to the disk, read back
through the same checks an import makes, and only then renamed to its final name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from fieldkit import __version__
from fieldkit.core import clocks as clock_codec
from fieldkit.core.merge import RecordState
from fieldkit.core.model import EventSummary
from fieldkit.sync import crypto
from fieldkit.sync.fileformat import (
    BLOB_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    READABLE_SINCE,
    RECORDS,
    EventEntry,
    Manifest,
    MemberEntry,
    RecordLine,
)


@dataclass(frozen=True)
class Origin:
    """Who writes the file: this laptop and its database schema."""

    device: str
    device_name: str
    schema_version: str


def record_line(state: RecordState) -> RecordLine:
    return RecordLine(
        kind=state.kind,
        id=state.id,
        values=state.values,
        clocks=clock_codec.grouped(state.stamps),
        vv=state.vectors or None,
    )


def write_exchange_zip(
    target: Path,
    origin: Origin,
    events: Iterable[EventSummary],
    states: Iterable[RecordState],
    blobs: Iterable[tuple[str, bytes]],
) -> Manifest:
    """Write the ZIP (records, then blobs, then the manifest) and return its manifest."""
    encoder = msgspec.json.Encoder()
    counts: dict[str, int] = {}
    members: list[MemberEntry] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        digest = hashlib.sha256()
        size = 0
        with archive.open(RECORDS, "w", force_zip64=True) as stream:
            buffer = bytearray()
            for state in states:
                line = encoder.encode(record_line(state)) + b"\n"
                buffer += line
                counts[state.kind] = counts.get(state.kind, 0) + 1
                if len(buffer) >= 1 << 20:
                    digest.update(buffer)
                    size += len(buffer)
                    stream.write(buffer)
                    buffer.clear()
            digest.update(buffer)
            size += len(buffer)
            stream.write(buffer)
        members.append(MemberEntry(RECORDS, size, digest.hexdigest()))
        for sha256, data in blobs:
            name = BLOB_PREFIX + sha256
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_STORED
            )
            members.append(MemberEntry(name, len(data), sha256))
        manifest = Manifest(
            format=FORMAT,
            version=FORMAT_VERSION,
            readable_since=READABLE_SINCE,
            app_version=__version__,
            schema_version=origin.schema_version,
            device=origin.device,
            device_name=origin.device_name,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            events=[EventEntry(e.id, e.code, e.title) for e in events],
            counts=counts,
            members=members,
        )
        archive.writestr(MANIFEST, msgspec.json.format(msgspec.json.encode(manifest), indent=1))
    return manifest


@contextlib.contextmanager
def atomic_target(final: Path) -> Iterator[Path]:
    """A temporary path next to `final`, renamed to it only if the block succeeds."""
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".partial", dir=final.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        temporary.replace(final)
        _fsync_folder(final.parent)
    finally:
        temporary.unlink(missing_ok=True)


def encrypt_in_place(path: Path, passphrase: str) -> None:
    path.write_bytes(crypto.encrypt(path.read_bytes(), passphrase))


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
