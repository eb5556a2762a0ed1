"""Reading an exchange file that may be broken or hostile, step by step.

copy to a private temporary file → recognise the kind (zip or age) → decrypt → check the members
(names, count, sizes, compression ratio, no links, no duplicates, no paths used as paths) →
manifest and version gate → hash every member with byte caps → strict, typed, canonical lines,
each checked against the record model. Every refusal is an `InvalidInput` with one sentence; the
reader never writes anywhere but its own temporary folder.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import re
import stat
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, NamedTuple

import msgspec

from fieldkit.core.codec import field_types, from_plain, to_plain
from fieldkit.core.errors import InvalidInput
from fieldkit.core.hlc import MAX_DRIFT_MS
from fieldkit.core.ids import is_uuid
from fieldkit.core.merge import RecordState, Unread
from fieldkit.core.model import RECORD_KINDS
from fieldkit.core.rules import record_problem
from fieldkit.i18n import _
from fieldkit.io import strictjson
from fieldkit.sync import crypto
from fieldkit.sync import scratch as scratch_folders
from fieldkit.sync.fileformat import (
    AGE_MAGIC,
    BLOB_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_ATTACHMENT_BYTES,
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_RECORDS,
    MAX_TEXT_CHARACTERS,
    MAX_TOTAL_BYTES,
    MEMBER_NAME,
    RECORDS,
    ZIP_MAGIC,
    Manifest,
    RecordLine,
)

# A laptop whose clock runs this far ahead of ours is named in a warning.
AHEAD_WARNING_MS = 24 * 3600 * 1000
_CHUNK = 1024 * 1024


class SharedIdentity(InvalidInput):
    """A file holds edits under this laptop's id that it never made: another laptop has its id."""


@dataclass(frozen=True)
class ClockWarning:
    device: str
    ahead_ms: int


class ExchangeFile:
    """A checked exchange file in a private temporary folder; use as a context manager.

    The archive is the copy in that folder, or, for an encrypted file, its decrypted bytes in
    memory: the plain text of names and phone numbers never touches the disk.
    """

    def __init__(
        self, archive: Path | bytes, folder: Path, manifest: Manifest, digest: str
    ) -> None:
        self._archive = archive
        self._folder = folder
        self.manifest = manifest
        self.digest = digest  # SHA-256 of the file as it was read, before any decryption
        self.clock_warnings: list[ClockWarning] = []

    def close(self) -> None:
        scratch_folders.remove_folder(self._folder)

    def __enter__(self) -> ExchangeFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _member(self, name: str) -> Iterator[IO[bytes]]:
        with zipfile.ZipFile(_source(self._archive)) as archive, archive.open(name) as stream:
            yield stream

    def record_states(
        self, *, local_device: str, local_last_stamp: str, now_ms: int | None = None
    ) -> Iterator[RecordState]:
        """Each record of the file, checked; refuses the first line that is not right."""
        for record in self.records(
            local_device=local_device, local_last_stamp=local_last_stamp, now_ms=now_ms
        ):
            yield record.read() if isinstance(record, Unread) else record

    def records(
        self, *, local_device: str, local_last_stamp: str, now_ms: int | None = None
    ) -> Iterator[RecordState | Unread]:
        """Each record of the file, its values read and checked when the merge needs them.

        Every line is checked here as far as the merge needs it to know whether it brings
        anything: JSON, canonical form outside its values, kind, id, not twice, its clock stamps
        and version vectors. Its values are checked (by `Unread.read`, as `record_states` does
        for every line) only for a record that the merge would write or compare, and at once for
        events and attachments, which the manifest is held to.
        """
        now = int(time.time() * 1000) if now_ms is None else now_ms
        decoder = msgspec.json.Decoder(RecordLine)
        heads = msgspec.json.Decoder(_Head)
        encoder = msgspec.json.Encoder()
        # {kind: {id: None}}: a dict of texts alone, which the garbage collector does not walk
        # (a set of (kind, id) it would walk at each of its full passes, all of it each time).
        seen: dict[str, dict[str, None]] = {}
        newest: dict[str, int] = {}
        size = next(m.size for m in self.manifest.members if m.name == RECORDS)
        described = _Described()
        with self._member(RECORDS) as stream:
            for number, line in enumerate(_lines(stream, size), start=1):
                head = _check_head(line, number, heads, encoder, seen)
                record: RecordState | Unread
                if head.kind in _READ_AT_ONCE:
                    record = _check_line(line, number, decoder, encoder)
                else:
                    record = Unread(
                        head.kind,
                        head.id,
                        _stamps(head.clocks, number, head.kind, head.id),
                        head.vv or {},
                        _clocks_text(line, head, encoder),
                        len(line),
                        functools.partial(_check_line, line, number, decoder, encoder),
                    )
                _check_stamps(record, number, now, local_device, local_last_stamp, newest)
                described.add(record)
                yield record
        # After the last record, before the merge commits: the preview shows the manifest, so
        # it must be the truth about the records.
        described.check(self.manifest)
        self.clock_warnings = [
            ClockWarning(device, millis - now)
            for device, millis in sorted(newest.items())
            if millis - now > AHEAD_WARNING_MS
        ]

    def blobs(self) -> Iterator[tuple[str, bytes]]:
        for member in self.manifest.members:
            if member.name.startswith(BLOB_PREFIX):
                with self._member(member.name) as stream:
                    yield member.sha256, stream.read(member.size + 1)


class _Described:
    """What the records of a file are, counted while they stream by, to hold the manifest to."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.events: dict[str, tuple[str, str]] = {}  # id -> (code, title), shown events only
        self.attachments: set[str] = set()  # the SHA-256 the attachment records name
        self.total = 0

    def add(self, state: RecordState | Unread) -> None:
        self.total += 1
        if self.total > MAX_RECORDS:
            raise InvalidInput(
                _("The exchange file holds more than {limit} records; it is refused.").format(
                    limit=MAX_RECORDS
                )
            )
        self.counts[state.kind] = self.counts.get(state.kind, 0) + 1
        if isinstance(state, Unread):  # not an event nor an attachment (`_READ_AT_ONCE`)
            return
        if state.kind == "attachment":
            self.attachments.add(str(state.values.get("sha256") or ""))
        if state.kind == "event" and not state.values.get("deleted"):
            self.events[state.id] = (
                str(state.values.get("code") or ""),
                str(state.values.get("title") or ""),
            )

    def check(self, manifest: Manifest) -> None:
        listed = {kind: n for kind, n in manifest.counts.items() if n}
        wrong_events = [
            event.title or event.code
            for event in manifest.events
            if self.events.get(event.id) != (event.code, event.title)
        ]
        if listed != self.counts or wrong_events:
            raise InvalidInput(
                _(
                    "The manifest of the exchange file does not describe the records it holds; "
                    "the file was changed after it was written."
                )
            )
        blobs = {m.name.removeprefix(BLOB_PREFIX) for m in manifest.members}
        blobs.discard(RECORDS)
        if blobs - self.attachments:
            raise InvalidInput(
                _("The exchange file holds an attachment that none of its records refers to.")
            )


def _damaged(name: str) -> InvalidInput:
    return InvalidInput(
        _("The part {member} of the exchange file is damaged or was changed.").format(member=name)
    )


def _record_error(number: int, kind: str, record_id: str, problem: str) -> InvalidInput:
    return InvalidInput(
        _("Record {number} of the file ({kind} {id}) is not valid: {problem}.").format(
            number=number, kind=kind, id=record_id, problem=problem
        )
    )


class _Head(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    """A line as far as the merge needs it to know whether it brings anything: its values are
    left as the line has them (their JSON checked, not decoded)."""

    kind: str
    id: str
    values: msgspec.Raw
    clocks: dict[str, list[str]]
    vv: dict[str, dict[str, str]] | None = None


# The kinds whose values are read with every line: the manifest names events and attachments;
# conflicts are few, and the merge writes them after the file's last line.
_READ_AT_ONCE = frozenset({"event", "attachment", "conflict"})


def _lines(stream: IO[bytes], size: int) -> Iterator[bytes]:
    """The lines of the records member without their ends, read a block at a time; refuses a
    line longer than fieldkit writes, more bytes than the manifest says, a last line cut short."""
    pending = b""
    read = 0
    number = 0
    while block := stream.read(_CHUNK):
        read += len(block)
        if read > size:
            raise _damaged(RECORDS)
        lines = (pending + block if pending else block).split(b"\n")
        pending = lines.pop()
        for line in lines:
            number += 1
            if len(line) >= MAX_LINE_BYTES:
                raise _too_large(number)
            yield line
        if len(pending) >= MAX_LINE_BYTES:
            raise _too_large(number + 1)
    if pending:
        raise _damaged(RECORDS)


def _too_large(number: int) -> InvalidInput:
    return InvalidInput(
        _(
            "Record {number} of the exchange file is larger than {size} MB, "
            "more than fieldkit ever writes for one record; the file is refused."
        ).format(number=number, size=MAX_LINE_BYTES // 1024**2)
    )


def _decoded(line: bytes, number: int, decoder: msgspec.json.Decoder[Any]) -> Any:
    try:
        return decoder.decode(line)
    except msgspec.ValidationError as error:
        raise _record_error(number, "?", "?", str(error)) from None
    except msgspec.DecodeError:
        raise InvalidInput(
            _("Record {number} of the file is not valid JSON.").format(number=number)
        ) from None


def _check_head(
    line: bytes,
    number: int,
    decoder: msgspec.json.Decoder[_Head],
    encoder: msgspec.json.Encoder,
    seen: dict[str, dict[str, None]],
) -> _Head:
    """A line's JSON, its canonical form outside its values, its kind, and that it comes once.
    Its id is checked with its values: only an id this laptop holds can spare a record that."""
    head: _Head = _decoded(line, number, decoder)
    # Lines are written canonically; anything else (repeated keys, spacing, escapes) is refused.
    if encoder.encode(head) != line:
        raise _record_error(number, head.kind, head.id, _("the line is not in canonical form"))
    kind = head.kind
    if kind not in RECORD_KINDS:
        raise _record_error(number, kind, head.id, _("unknown kind of record"))
    ids = seen.setdefault(kind, {})
    if head.id in ids:
        raise _record_error(number, kind, head.id, _("the record appears twice"))
    ids[head.id] = None
    return head


def _clocks_text(line: bytes, head: _Head, encoder: msgspec.json.Encoder) -> str:
    """A line's clocks as its text has them (it is canonical, `_check_head` saw to it): a line
    without version vectors ends with them, so they are cut from it rather than encoded again.
    `},"clocks":{` can stand nowhere else after the values (a text cannot hold it unescaped)."""
    if head.vv is None:
        start = line.rfind(b'},"clocks":{')
        if start >= 0:
            return line[start + 11 : -1].decode("utf-8")
    return encoder.encode(head.clocks).decode("utf-8")


def _stamps(clocks: dict[str, list[str]], number: int, kind: str, record_id: str) -> dict[str, str]:
    """{field: stamp} from the line's {stamp: [fields]}; a field with two stamps is refused."""
    if len(clocks) == 1:  # a record written whole at once, as most are
        ((stamp, names),) = clocks.items()
        stamps = dict.fromkeys(names, stamp)
        if len(stamps) == len(names):
            return stamps
    stamps = {}
    for stamp, names in clocks.items():
        for name in names:
            if name in stamps:
                raise _record_error(
                    number, kind, record_id, _("{field}: two clock stamps").format(field=name)
                )
            stamps[name] = stamp
    return stamps


def _check_line(
    line: bytes,
    number: int,
    decoder: msgspec.json.Decoder[RecordLine],
    encoder: msgspec.json.Encoder,
) -> RecordState:
    """The whole of a line (whose head `_check_head` took), its values against the model."""
    record: RecordLine = _decoded(line, number, decoder)
    if encoder.encode(record) != line:
        raise _record_error(number, record.kind, record.id, _("the line is not in canonical form"))
    kind = record.kind
    if kind not in RECORD_KINDS:
        raise _record_error(number, kind, record.id, _("unknown kind of record"))
    if not is_uuid(record.id):
        raise _record_error(number, kind, record.id, _("the id is not valid"))
    types = field_types(kind)
    plain, choices, links, optional, fields = _rules(kind)
    if record.values.keys() != fields:
        missing = sorted({*types, "deleted"} - set(record.values))
        extra = sorted(set(record.values) - {*types, "deleted"})
        problem = _("fields missing: {missing}; unknown fields: {extra}").format(
            missing=", ".join(missing) or "-", extra=", ".join(extra) or "-"
        )
        raise _record_error(number, kind, record.id, problem)
    for name, value in record.values.items():
        # Most values are right as they stand (see `_rules`); the others take the full check,
        # which says what is wrong. Inline: this runs for every field of every record.
        value_type = type(value)
        if plain.get(name) is value_type:
            if not isinstance(value, str) or len(value) <= MAX_TEXT_CHARACTERS:
                continue
        elif value is None:
            if name in optional:
                continue
        elif isinstance(value, str):
            allowed = choices.get(name)
            if (value in allowed) if allowed is not None else (name in links and is_uuid(value)):
                continue
        try:
            if name == "deleted":
                if not isinstance(value, bool):
                    raise ValueError(_("expected true or false"))
            else:
                # Stored as written, so only the one canonical form of each value is taken
                # (an ISO date, not '20240105'; true, not 1).
                if to_plain(from_plain(types[name], value)) != value:
                    raise ValueError(_("the value is not in its standard form"))
                if types[name].ref and value is not None and not is_uuid(str(value)):
                    raise ValueError(_("not a record id"))
                if isinstance(value, str) and len(value) > MAX_TEXT_CHARACTERS:
                    raise ValueError(
                        _("a text longer than {limit} characters").format(limit=MAX_TEXT_CHARACTERS)
                    )
        except ValueError as error:
            raise _record_error(number, kind, record.id, f"{name}: {error}") from None
    breach = record_problem(kind, {**record.values, "id": record.id})  # the model's own rules
    if breach is not None:
        raise _record_error(number, kind, record.id, breach)
    if kind == "conflict":
        _check_conflict(record.values, number, record.id)
    stamps = _stamps(record.clocks, number, kind, record.id)
    if stamps.keys() != record.values.keys():
        raise _record_error(number, kind, record.id, _("every field needs one clock stamp"))
    vectors = record.vv or {}
    for name, vector in vectors.items():
        if name not in record.values or not vector:
            raise _record_error(
                number, kind, record.id, _("{field}: bad version vector").format(field=name)
            )
    return RecordState(kind, record.id, record.values, stamps, vectors)  # the line's own dict


class _Rules(NamedTuple):
    """What makes a value of each field of a kind right as it stands, without converting it and
    back: the plain type of a text, yes/no or number field (a text no longer than the cap), the
    values of a choice, a record id for a link, None where a field may be empty. A value that
    fits none of these (a date, or a wrong value) takes the full check."""

    plain: dict[str, type]
    choices: dict[str, frozenset[str]]
    links: frozenset[str]
    optional: frozenset[str]
    fields: frozenset[str]  # every field a line of the kind has, "deleted" included


@functools.cache
def _rules(kind: str) -> _Rules:
    plain: dict[str, type] = {"deleted": bool}
    choices: dict[str, frozenset[str]] = {}
    links: set[str] = set()
    for name, ftype in field_types(kind).items():
        if ftype.ref:
            if ftype.base is str:
                links.add(name)
        elif ftype.base in (str, bool, int):
            plain[name] = ftype.base
        elif isinstance(ftype.base, type) and issubclass(ftype.base, StrEnum):
            choices[name] = frozenset(member.value for member in ftype.base)
    optional = frozenset(name for name, ftype in field_types(kind).items() if ftype.optional)
    fields = frozenset({*field_types(kind), "deleted"})
    return _Rules(plain, choices, frozenset(links), optional, fields)


_STAMP = re.compile(r"(\d{13}):(\d{5}):([0-9a-f]{1,32})")


def _check_conflict(values: dict[str, Any], number: int, record_id: str) -> None:
    """A conflict names a real kind and field, a clock stamp, and a value in JSON."""
    kind = values["record_kind"]
    problem = None
    if kind not in RECORD_KINDS:
        problem = _("unknown kind of record")
    elif values["field"] not in {*field_types(str(kind)), "deleted"}:
        problem = _("unknown field")
    elif _STAMP.fullmatch(str(values["stamp"])) is None:
        problem = _("a clock stamp is not valid")
    else:
        try:
            strictjson.loads(str(values["value"]).encode("utf-8"))
        except InvalidInput:
            problem = _("the value is not valid JSON")
    if problem is not None:
        raise _record_error(number, "conflict", record_id, problem)


def _check_stamps(
    state: RecordState | Unread,
    number: int,
    now: int,
    local_device: str,
    local_last_stamp: str,
    newest: dict[str, int],
) -> None:
    texts = set(state.stamps.values())
    limit = now + MAX_DRIFT_MS
    for name, vector in state.vectors.items():
        for device, text in vector.items():
            match = _STAMP.fullmatch(text)
            if match is None or match[3] != device:
                raise _record_error(
                    number,
                    state.kind,
                    state.id,
                    _("{field}: bad version vector").format(field=name),
                )
            texts.add(text)
    for text in texts:
        match = _STAMP.fullmatch(text)
        if match is None:
            raise _record_error(number, state.kind, state.id, _("a clock stamp is not valid"))
        millis, device = int(match[1]), match[3]
        if millis > limit:
            raise InvalidInput(
                _(
                    "The file holds times more than a year in the future (laptop {device}); "
                    "that laptop's clock is wrong, so the file was refused."
                ).format(device=device)
            )
        if device == local_device and text > local_last_stamp:
            raise SharedIdentity(
                _(
                    "The file holds edits that this laptop never made under its own identity: "
                    "two laptops share one identity. Give one of them a new identity first."
                )
            )
        if millis > newest.get(device, 0):
            newest[device] = millis


def open_exchange_file(
    path: Path, passphrase: str | None, *, scratch: Path, owner: str = ""
) -> ExchangeFile:
    """Copy, decrypt and check an exchange file up to its records; the caller closes it.

    The private copy lives in a temporary folder inside `scratch` (the workspace's folder), so
    nothing is written anywhere else, and it is removed when the file is closed. `owner` (the
    workspace's file name) lets the folders that killed processes left for it be cleared.
    """
    folder = scratch_folders.make_folder(scratch, owner)
    try:
        copy = folder / "incoming"
        digest = _copy_capped(path, copy)
        with copy.open("rb") as stream:
            head = stream.read(64)
        if not head:
            raise InvalidInput(_("The file {path} is empty.").format(path=path))
        archive: Path | bytes = copy
        if head.startswith(AGE_MAGIC):
            archive = crypto.decrypt(copy.read_bytes(), passphrase)
            head = archive[:64]
        if not head.startswith(ZIP_MAGIC):
            raise InvalidInput(_("{path} is not a fieldkit exchange file.").format(path=path))
        manifest = _check_archive(archive)
        return ExchangeFile(archive, folder, manifest, digest)
    except BaseException:
        scratch_folders.remove_folder(folder)
        raise


def _copy_capped(source: Path, target: Path) -> str:
    """Copy a file with a size cap; return the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    try:
        with source.open("rb") as reader, target.open("wb", buffering=0) as writer:
            copied = 0
            while block := reader.read(_CHUNK):
                copied += len(block)
                if copied > MAX_FILE_BYTES:
                    raise InvalidInput(_("The file {path} is too large.").format(path=source))
                digest.update(block)
                _write(writer, block, target)
    except FileNotFoundError:
        raise InvalidInput(_("There is no file {path}.").format(path=source)) from None
    except IsADirectoryError:
        raise InvalidInput(_("{path} is a folder, not a file.").format(path=source)) from None
    except OSError as error:
        raise InvalidInput(
            _("The file {path} cannot be read: {reason}.").format(
                path=source, reason=error.strerror
            )
        ) from None
    return digest.hexdigest()


def _source(archive: Path | bytes) -> Path | IO[bytes]:
    """What `zipfile` reads: the file, or a reader of its own over the bytes (shared, not
    copied), so that two members can be open at once."""
    return io.BytesIO(archive) if isinstance(archive, bytes) else archive


def _write(writer: IO[bytes], block: bytes, target: Path) -> None:
    """Write to the private copy; a failure there (a full disk) is no fault of the file read."""
    try:
        writer.write(block)
    except OSError as error:
        raise InvalidInput(
            _("There is no room to work in {folder}: {reason}.").format(
                folder=target.parent.parent, reason=error.strerror or error
            )
        ) from None


def _check_archive(source: Path | bytes) -> Manifest:
    try:
        archive = zipfile.ZipFile(_source(source))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InvalidInput(_("The exchange file is damaged or incomplete.")) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InvalidInput(_("The exchange file has too many parts."))
        names: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if name in names:
                raise InvalidInput(
                    _("The exchange file holds the part {member} twice.").format(member=name)
                )
            names.add(name)
            if name != MANIFEST and not MEMBER_NAME.match(name):
                raise InvalidInput(
                    _(
                        "The exchange file holds a part with a name it may not have: {member}."
                    ).format(member=name[:200])
                )
            mode = info.external_attr >> 16
            if info.is_dir() or stat.S_IFMT(mode) not in (0, stat.S_IFREG):
                raise InvalidInput(
                    _("The part {member} of the exchange file is not a plain file.").format(
                        member=name
                    )
                )
            if info.flag_bits & 0x1:
                raise InvalidInput(
                    _("The part {member} of the exchange file is encrypted.").format(member=name)
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise InvalidInput(
                    _("The part {member} uses a compression this app does not read.").format(
                        member=name
                    )
                )
            ratio_limit = info.compress_size * MAX_RATIO + 4096
            if info.file_size > MAX_MEMBER_BYTES or info.file_size > ratio_limit:
                raise InvalidInput(
                    _("The part {member} of the exchange file is too large.").format(member=name)
                )
            if name.startswith(BLOB_PREFIX) and info.file_size > MAX_ATTACHMENT_BYTES:
                raise InvalidInput(
                    _(
                        "The exchange file holds an attachment of {size} MB; "
                        "attachments of more than {limit} MB are refused."
                    ).format(
                        size=-(-info.file_size // 1024**2), limit=MAX_ATTACHMENT_BYTES // 1024**2
                    )
                )
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InvalidInput(_("The exchange file is too large once unpacked."))
        if MANIFEST not in names:
            raise InvalidInput(_("The exchange file has no manifest; it is not complete."))
        manifest = _read_manifest(archive)
        _check_members(archive, manifest, names - {MANIFEST})
    return manifest


def _read_limited(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A member's bytes, refusing more than `limit` whatever its header claims."""
    try:
        with archive.open(name) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        raise _damaged(name) from None
    if len(data) > limit:
        raise InvalidInput(
            _("The part {member} of the exchange file is too large.").format(member=name)
        )
    return data


def _read_manifest(archive: zipfile.ZipFile) -> Manifest:
    data = _read_limited(archive, MANIFEST, MAX_MANIFEST_BYTES)
    loaded = strictjson.loads(data)
    if not isinstance(loaded, dict) or loaded.get("format") != FORMAT:
        raise InvalidInput(_("This is not a fieldkit exchange file."))
    version = loaded.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput(_("The manifest of the exchange file is not valid."))
    if version > FORMAT_VERSION:
        needed = loaded.get("readable_since")
        needed = needed if isinstance(needed, str) and len(needed) < 20 else "?"
        raise InvalidInput(
            _(
                "This exchange file was written in a newer format (version {version}); "
                "fieldkit {needed} or newer reads it."
            ).format(version=version, needed=needed)
        )
    try:
        manifest = msgspec.convert(loaded, Manifest)
    except msgspec.ValidationError as error:
        raise InvalidInput(
            _("The manifest of the exchange file is not valid: {problem}.").format(problem=error)
        ) from None
    return manifest


def _check_members(archive: zipfile.ZipFile, manifest: Manifest, names: set[str]) -> None:
    listed = [member.name for member in manifest.members]
    if len(set(listed)) != len(listed):
        raise InvalidInput(_("The manifest of the exchange file lists a part twice."))
    for name in sorted(names - set(listed)):
        raise InvalidInput(
            _("The exchange file holds a part that its manifest does not list: {member}.").format(
                member=name
            )
        )
    for name in sorted(set(listed) - names):
        raise InvalidInput(
            _("The part {member} listed in the manifest is missing from the file.").format(
                member=name
            )
        )
    if RECORDS not in names:
        raise InvalidInput(_("The exchange file has no records."))
    for member in manifest.members:
        info = archive.getinfo(member.name)
        if member.size != info.file_size or member.size < 0:
            raise _damaged(member.name)
        digest = _hash_member(archive, member.name, member.size)
        if digest != member.sha256:
            raise _damaged(member.name)
        if member.name.startswith(BLOB_PREFIX) and digest != member.name[len(BLOB_PREFIX) :]:
            raise InvalidInput(
                _("The attachment {member} does not match its fingerprint.").format(
                    member=member.name
                )
            )


def _hash_member(archive: zipfile.ZipFile, name: str, size: int) -> str:
    digest = hashlib.sha256()
    read = 0
    try:
        with archive.open(name) as stream:
            while block := stream.read(_CHUNK):
                read += len(block)
                if read > size:
                    raise _damaged(name)
                digest.update(block)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zipfile.LargeZipFile, zlib.error):
        raise _damaged(name) from None
    if read != size:
        raise _damaged(name)
    return digest.hexdigest()
