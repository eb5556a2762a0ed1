"""The sync folder: a folder that Syncthing, Nextcloud, a network share or a USB stick carries.

Each laptop writes only under `<folder>/<device id>/`: a small `device.json` with its name, and
immutable journal segments, each holding the records changed since its previous segment (an
exchange ZIP, encrypted with the passphrase when there is one) beside a manifest that gives the
segment's size and SHA-256. A segment is written under a temporary name and renamed; nothing is
ever rewritten in place. A round reads every other laptop's segments that this one has not read
yet (remembered by name and hash in the workspace, which the folder never sees), merges them field
by field as an exchange import does, then writes what changed here since this laptop's last
segment. Whatever else lies in the folder (file-sync tools' temporary, partial, lock and conflict
files, their version folders) matches no name the reader takes, so it is ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import itertools
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from fieldkit.core.clocks import device_of
from fieldkit.core.errors import InvalidInput, UserError
from fieldkit.core.merge import RecordState
from fieldkit.core.model import Changes, EventSummary, Result
from fieldkit.i18n import _
from fieldkit.store import Workspace
from fieldkit.store.exchange_store import MergeSummary
from fieldkit.store.folder_store import READ, UNREAD, WRITTEN, SegmentMark
from fieldkit.sync.fileformat import AGE_MAGIC
from fieldkit.sync.reader import SharedIdentity, open_exchange_file
from fieldkit.sync.writer import Origin, encrypt_in_place, write_exchange_zip

SEGMENT_FORMAT = "fieldkit-folder-segment"
SEGMENT_VERSION = 1
DEVICE_FILE = "device.json"
MAX_MANIFEST_BYTES = 64 * 1024
_DEVICE = re.compile(r"\A[0-9a-f]{16}\Z")
_MANIFEST = re.compile(r"\A(\d{8})-([0-9a-f]{16})\.json\Z")
_SEQUENCED = re.compile(r"\A\d{8}-[0-9a-f]{16}\.(?:json|fkseg)\Z")
_HASHING_CHUNK = 1 << 20


class SegmentManifest(msgspec.Struct, forbid_unknown_fields=True):
    """What a reader checks a segment against before reading a byte of it."""

    format: str
    version: int
    device: str
    sequence: int
    segment: str  # the file's name, beside this manifest
    size: int
    sha256: str
    previous: str  # the name of the same laptop's segment before this one ("" for the first)


class DeviceFile(msgspec.Struct):
    device: str
    name: str


@dataclass(frozen=True)
class Arrived:
    """A segment read in this round."""

    device: str
    device_name: str
    name: str
    new: int
    changed: int
    conflicts: int


@dataclass(frozen=True)
class IdentityChange:
    """Another laptop was found using this laptop's identity; this one took a new one."""

    old: str
    new: str
    other_name: str


@dataclass
class FolderReport:
    folder: Path
    arrived: list[Arrived] = field(default_factory=list)
    written: str = ""  # the segment this round wrote ("" when nothing had changed)
    written_records: int = 0
    waiting: list[str] = field(default_factory=list)  # segments still arriving, retried later
    refused: list[tuple[str, str]] = field(default_factory=list)  # (segment, the reason)
    ignored: int = 0  # other files lying in the folder (file-sync tools' leftovers and the like)
    laptops: int = 0  # other laptops seen in the folder
    identity: IdentityChange | None = None
    first_round: bool = True  # nothing this laptop wrote or read was in the folder before
    # What came in, as people see it: {"new"|"changed"|"removed": {what: how many}}.
    seen: dict[str, dict[str, int]] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)

    def add_seen(self, seen: dict[str, dict[str, int]]) -> None:
        for change, counts in seen.items():
            mine = self.seen.setdefault(change, {})
            for what, n in counts.items():
                mine[what] = mine.get(what, 0) + n

    @property
    def anything_came(self) -> bool:
        return any(a.new or a.changed or a.conflicts for a in self.arrived)


@dataclass(frozen=True)
class _Listed:
    device: str
    manifest: Path
    sequence: int

    @property
    def segment(self) -> str:
        """The name of the segment that the manifest describes."""
        return self.manifest.name.removesuffix(".json") + ".fkseg"


def _noted(entry: _Listed, sha256: str | None) -> bool:
    """Whether the workspace already noted this segment: its name holds the start of its hash,
    and segments are never rewritten, so the name and the noted hash answer without opening the
    manifest (a round then costs the new segments, not every one the folder ever held)."""
    return sha256 is not None and sha256.startswith(entry.segment[9:25])


def sync_folder(ws: Workspace, folder: Path, passphrase: str | None = None) -> FolderReport:
    """One round: read what other laptops wrote, then write what changed here."""
    if not folder.is_dir():
        raise UserError(
            _(
                "The sync folder {path} is not there (a stick not plugged in, a share not "
                "mounted?); nothing was read, written or deleted."
            ).format(path=folder)
        )
    report = FolderReport(folder)
    listed = _list(folder, report)
    ws.start_folder_tracking()
    marks = ws.folder_segments()
    # Nothing this laptop wrote or read is in this folder yet: a new folder, or its first round.
    with contextlib.suppress(OSError):
        present = _present(folder)
        report.first_round = not any((m.device, m.name) in present for m in marks)
    report.identity = _check_identity(ws, folder, listed, marks)
    if report.identity is not None:
        marks = ws.folder_segments()
    known = {(m.device, m.name): m.sha256 for m in marks if m.direction != UNREAD}
    # This laptop's own segments that an undo put its workspace back before: read them back.
    unread = {m.name: m for m in marks if m.device == ws.device_id and m.direction == UNREAD}
    report.laptops = len({entry.device for entry in listed if entry.device != ws.device_id})
    for entry in listed:
        own = unread.get(entry.segment) if entry.device == ws.device_id else None
        if entry.device == ws.device_id and own is None:
            continue
        _read_one(ws, entry, known, passphrase, report, own)
    _write(ws, folder, passphrase, report)
    return report


def _list(folder: Path, report: FolderReport) -> list[_Listed]:
    """The manifests in every laptop's sub-folder, by laptop then sequence; counts the rest."""
    listed: list[_Listed] = []
    try:
        children = sorted(folder.iterdir())
    except OSError as error:
        raise UserError(_folder_error(folder, error)) from None
    for child in children:
        if not _DEVICE.match(child.name) or not child.is_dir():
            report.ignored += 1
            continue
        try:
            names = sorted(p.name for p in child.iterdir())
        except OSError:
            continue
        for name in names:
            match = _MANIFEST.match(name)
            if match is None:
                if name != DEVICE_FILE and not _is_segment_name(name):
                    report.ignored += 1
                continue
            listed.append(_Listed(child.name, child / name, int(match[1])))
    return listed


def _is_segment_name(name: str) -> bool:
    return re.fullmatch(r"\d{8}-[0-9a-f]{16}\.fkseg", name) is not None


def _load_manifest(path: Path) -> SegmentManifest | None:
    """The manifest, or None when it cannot be read yet (arriving) or is not one of ours."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
        manifest = msgspec.json.decode(data, type=SegmentManifest)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    expected = path.name.removesuffix(".json") + ".fkseg"
    if (
        len(data) > MAX_MANIFEST_BYTES
        or manifest.format != SEGMENT_FORMAT
        or manifest.device != path.parent.name
        or manifest.segment != expected
        or not manifest.sha256.startswith(path.name[9:25])
    ):
        return None
    return manifest


def _hash(path: Path, limit: int) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(_HASHING_CHUNK):
            size += len(block)
            if size > limit:
                break
            digest.update(block)
    return size, digest.hexdigest()


def _device_name(folder: Path) -> str:
    try:
        with (folder / DEVICE_FILE).open("rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES)
        return msgspec.json.decode(data, type=DeviceFile).name[:200]
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return ""


def _check_identity(
    ws: Workspace, folder: Path, listed: list[_Listed], marks: list[SegmentMark]
) -> IdentityChange | None:
    """A segment under this laptop's id that it did not write (or wrote otherwise) means that
    another laptop shares its identity: a cloned disk or a copied workspace. This one then
    takes a new identity; its records stay, and the other's segments are read like anyone's."""
    mine = {m.name: m.sha256 for m in marks if m.device == ws.device_id}
    for entry in listed:
        if entry.device != ws.device_id or _noted(entry, mine.get(entry.segment)):
            continue
        manifest = _load_manifest(entry.manifest)
        if manifest is None:
            continue
        if mine.get(manifest.segment) != manifest.sha256:
            return _new_identity(ws, _device_name(folder / ws.device_id))
    return None


def _new_identity(ws: Workspace, other_name: str) -> IdentityChange:
    old = ws.device_id
    new = ws.take_new_identity()
    return IdentityChange(old, new, other_name or old)


def _read_one(
    ws: Workspace,
    entry: _Listed,
    known: dict[tuple[str, str], str],
    passphrase: str | None,
    report: FolderReport,
    own: SegmentMark | None = None,
) -> None:
    """Read one segment unless it was read before; `own`: one of this laptop's own, to read
    back after an undo (noted as written again once it is in)."""
    if _noted(entry, known.get((entry.device, entry.segment))):
        return  # read (or written) in an earlier round
    manifest = _load_manifest(entry.manifest)
    if manifest is None:
        report.ignored += 1
        return
    if known.get((entry.device, manifest.segment)) == manifest.sha256:
        return
    segment = entry.manifest.parent / manifest.segment
    try:
        size, digest = _hash(segment, manifest.size)
    except OSError:
        size, digest = -1, ""
    if size != manifest.size or digest != manifest.sha256:
        report.waiting.append(manifest.segment)  # still arriving: next round
        return
    newest: dict[str, str] = {}
    conflicts: set[str] = set()

    def mark() -> SegmentMark:  # noted in the merge's own transaction
        if own is not None:
            return dataclasses.replace(own, direction=WRITTEN)
        return SegmentMark(entry.device, manifest.segment, digest, size, READ, dict(newest))

    try:
        merged = _merge_segment(ws, segment, passphrase, newest, conflicts, mark)
    except SharedIdentity:
        # Someone else wrote under this laptop's id and has moved on: the clone is this one.
        report.identity = report.identity or _new_identity(ws, "")
        newest.clear()
        conflicts.clear()
        try:
            merged = _merge_segment(ws, segment, passphrase, newest, conflicts, mark)
        except InvalidInput as error:
            report.refused.append((manifest.segment, str(error)))
            return
    except InvalidInput as error:
        if _encrypted(segment):
            raise UserError(
                _(
                    "The passphrase does not open the segments in the sync folder (or none was "
                    "given); use the passphrase of the other laptops."
                )
            ) from None
        report.refused.append((manifest.segment, str(error)))
        return
    summary = merged.value
    report.changes = report.changes | merged.changes
    report.add_seen(summary.seen.as_dict())
    known[(entry.device, manifest.segment)] = digest
    report.arrived.append(
        Arrived(
            entry.device,
            _device_name(entry.manifest.parent),
            manifest.segment,
            sum(summary.new.values()),
            sum(summary.changed.values()),
            len(summary.conflicts),
        )
    )


def _merge_segment(
    ws: Workspace,
    segment: Path,
    passphrase: str | None,
    newest: dict[str, str],
    conflicts: set[str],
    mark: Callable[[], SegmentMark],
) -> Result[MergeSummary]:
    """Merge one segment and note it read; gather the newest stamp per laptop and the conflict
    entries it holds."""
    with open_exchange_file(segment, passphrase, scratch=ws.path.parent) as incoming:

        def states() -> Iterator[RecordState]:
            for state in incoming.record_states(
                local_device=ws.device_id, local_last_stamp=ws.clock.last_issued
            ):
                for stamp in state.stamps.values():
                    device = device_of(stamp)
                    if stamp > newest.get(device, ""):
                        newest[device] = stamp
                if state.kind == "conflict":
                    conflicts.add(state.id)
                yield state

        return ws.merge_segment(states(), incoming.blobs, mark)


def _encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(AGE_MAGIC)) == AGE_MAGIC
    except OSError:
        return False


def _write(ws: Workspace, folder: Path, passphrase: str | None, report: FolderReport) -> None:
    """Write this laptop's next segment: every record holding a stamp that no segment still
    in the folder holds for its laptop; nothing when nothing changed."""
    own = folder / ws.device_id
    try:
        present = _present(folder)
    except OSError as error:
        raise UserError(_folder_error(folder, error)) from None
    upto = ws.pending_upto()
    noted = ws.folder_segments()
    marks = [m for m in noted if (m.device, m.name) in present]
    ours = [m for m in noted if m.device == ws.device_id and m.direction in (WRITTEN, UNREAD)]
    gone = [(m.device, m.name) for m in ours if (m.device, m.name) not in present]
    # Only what changed since the last round, unless this is the first round in this folder,
    # one of this laptop's own segments went missing, or it has just taken a new identity.
    everything = report.first_round or bool(gone) or report.identity is not None
    covered: dict[str, str] = {}
    for mark in marks:
        for device, stamp in mark.marks.items():
            # A laptop's own segments hold every stamp of its own; ours hold what we sent.
            if mark.device in (device, ws.device_id) and stamp > covered.get(device, ""):
                covered[device] = stamp
    if report.identity is not None:
        # The old identity's stamps were written by two laptops: its segments cover none of
        # ours for sure, so every record holding one goes out again under the new identity.
        covered.pop(report.identity.old, None)
    written = sorted(
        (m for m in marks if m.device == ws.device_id and m.direction in (WRITTEN, UNREAD)),
        key=lambda m: m.name,
    )
    sequence = 1 + max((int(n[:8]) for n in _own_names(own)), default=0)
    if written:
        sequence = max(sequence, int(written[-1].name[:8]) + 1)
    tally = _Tally()
    known = frozenset().union(*(m.conflicts for m in marks))
    states = tally.watch(ws.states_after(covered, known, everything=everything))
    first = next(states, None)
    if first is None:
        _done(ws, upto, gone)
        return
    try:
        # The sub-folder and its name file come with the laptop's first segment: a laptop that
        # has written nothing yet has nothing to name.
        own.mkdir(parents=True, exist_ok=True)
        _write_device_file(own, ws)
        temporary = _write_segment(ws, own, itertools.chain([first], states), passphrase)
        try:
            size, digest = _hash(temporary, 1 << 62)
            name = f"{sequence:08d}-{digest[:16]}.fkseg"
            # Noted before it takes its name: a segment of ours found without a note would
            # look like another laptop writing under our identity.
            ws.note_folder_segment(
                SegmentMark(
                    ws.device_id, name, digest, size, WRITTEN, tally.newest, tally.conflicts()
                )
            )
            temporary.replace(own / name)
        finally:
            temporary.unlink(missing_ok=True)
        previous = written[-1].name if written else ""
        manifest = SegmentManifest(
            SEGMENT_FORMAT, SEGMENT_VERSION, ws.device_id, sequence, name, size, digest, previous
        )
        _put(own / name.replace(".fkseg", ".json"), msgspec.json.encode(manifest))
    except OSError as error:
        raise UserError(_folder_error(folder, error)) from None
    _done(ws, upto, gone)
    report.written = name
    report.written_records = tally.count


def _done(ws: Workspace, upto: int, gone: list[tuple[str, str]]) -> None:
    """The round has dealt with the records noted up to `upto`, and republished whatever the
    segments that went missing held."""
    ws.clear_pending(upto)
    ws.forget_folder_segments(gone)


class _Tally:
    """Counts the records going into a segment, the newest stamp per laptop, the conflicts."""

    def __init__(self) -> None:
        self.count = 0
        self.newest: dict[str, str] = {}
        self._conflicts: set[str] = set()

    def watch(self, states: Iterator[RecordState]) -> Iterator[RecordState]:
        for state in states:
            self.count += 1
            for stamp in state.stamps.values():
                device = device_of(stamp)
                if stamp > self.newest.get(device, ""):
                    self.newest[device] = stamp
            if state.kind == "conflict":
                self._conflicts.add(state.id)
            yield state

    def conflicts(self) -> frozenset[str]:
        return frozenset(self._conflicts)


def _own_names(own: Path) -> list[str]:
    """This laptop's segments and manifests in the folder, whole or not: their sequence
    numbers are taken."""
    try:
        return [p.name for p in own.iterdir() if _SEQUENCED.match(p.name)]
    except OSError:
        return []


def _present(folder: Path) -> set[tuple[str, str]]:
    """(laptop, segment name) of every segment in the folder that has its manifest beside it
    (a segment without one is never read, so it covers nothing)."""
    found: set[tuple[str, str]] = set()
    for child in folder.iterdir():
        if _DEVICE.match(child.name) and child.is_dir():
            names = {p.name for p in child.iterdir()}
            found |= {
                (child.name, name)
                for name in names
                if _is_segment_name(name) and name.replace(".fkseg", ".json") in names
            }
    return found


def _write_segment(
    ws: Workspace, own: Path, states: Iterator[RecordState], passphrase: str | None
) -> Path:
    """Write the segment under a temporary name in `own`; the caller names it."""
    origin = Origin(ws.device_id, ws.device_name, ws.schema_version)
    attachments: set[str] = set()

    # The manifest names the events whose records the segment carries, no others (a reader holds
    # the manifest to the records); `write_exchange_zip` reads this list after the records.
    carried: list[EventSummary] = []

    def noting(states: Iterator[RecordState]) -> Iterator[RecordState]:
        for state in states:
            if state.kind == "attachment":
                attachments.add(str(state.values.get("sha256")))
            elif state.kind == "event" and not state.values.get("deleted"):
                values = state.values
                carried.append(
                    EventSummary(
                        state.id,
                        str(values.get("code") or ""),
                        str(values.get("title") or ""),
                        None,
                        None,
                    )
                )
            yield state

    def blobs() -> Iterator[tuple[str, bytes]]:  # read after the records: all noted by then
        for digest in sorted(attachments):
            data = ws.blob(digest)
            if data is not None:
                yield digest, data

    handle, temporary_name = tempfile.mkstemp(prefix=".fieldkit-", suffix=".tmp", dir=own)
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write_exchange_zip(temporary, origin, carried, noting(states), blobs())
        if passphrase:
            encrypt_in_place(temporary, passphrase)
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _put(target: Path, data: bytes) -> None:
    """Write a small file under a temporary name and rename it (never a half file)."""
    handle, temporary_name = tempfile.mkstemp(prefix=".fieldkit-", suffix=".tmp", dir=target.parent)
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def _write_device_file(own: Path, ws: Workspace) -> None:
    data = msgspec.json.encode(DeviceFile(ws.device_id, ws.device_name))
    with contextlib.suppress(OSError):
        if (own / DEVICE_FILE).read_bytes() == data:
            return
    _put(own / DEVICE_FILE, data)


def _folder_error(folder: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("The sync folder {path} is full; nothing was written there.").format(path=folder)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _(
            "The sync folder {path} cannot be written to (read-only or not allowed); "
            "nothing was written there."
        ).format(path=folder)
    return _("The sync folder {path} cannot be used: {reason}.").format(
        path=folder, reason=error.strerror or error
    )
