"""Exporting and importing exchange files: what the window's Exchange page and the command line call.

Export: the whole state of the chosen events (default: all) with per-field clocks, tombstones, the
conflict log and attachments, verified before it gets its final name.
Import: every check of `fieldkit.sync.reader` → a snapshot → one transaction that merges field by
field. A refused file leaves the workspace exactly as it was; "undo last import" restores the
snapshot.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.core.errors import UserError
from fieldkit.core.model import Changes, EventSummary, ExchangeLogEntry, Result
from fieldkit.core.seen_counts import Change, SeenCounts, count_held
from fieldkit.i18n import _
from fieldkit.store import Workspace
from fieldkit.store.exchange_store import ExchangeLogLine, MergeSummary
from fieldkit.sync.fileformat import Manifest
from fieldkit.sync.reader import ClockWarning, open_exchange_file
from fieldkit.sync.team_passphrase import ContactCounts
from fieldkit.sync.writer import Origin, atomic_target, encrypt_in_place, write_exchange_zip

LAST_STAMP_KEY = "last_stamp_after"


@dataclass(frozen=True)
class ExportReport:
    path: Path
    events: list[EventSummary]
    counts: dict[str, int]  # records per kind, as the file's manifest has them
    size: int
    encrypted: bool
    seen: dict[str, int] = field(default_factory=dict)  # what it holds, as people see it
    contacts: ContactCounts = field(default_factory=ContactCounts)  # people and their details


@dataclass(frozen=True)
class ImportReport:
    manifest: Manifest
    summary: MergeSummary
    dry_run: bool
    clock_warnings: list[ClockWarning] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)  # what the import wrote (none: preview)

    def as_dict(self) -> dict[str, Any]:
        """The preview in plain values (for `--json` and the window)."""
        return {
            "from_device": self.manifest.device,
            "from_name": self.manifest.device_name,
            "events": [
                {"id": e.id, "code": e.code, "title": e.title} for e in self.manifest.events
            ],
            "new": dict(sorted(self.summary.new.items())),
            "changed": dict(sorted(self.summary.changed.items())),
            # The same in the things a person sees: {"new"|"changed"|"removed": {what: n}}.
            "seen": self.summary.seen.as_dict(),
            "conflicts": len(self.summary.conflicts),
            # People whose personal data the file erases here (the import cannot be undone).
            "erased": len(self.summary.erased),
            "per_event": {
                event_id or "workspace": figures
                for event_id, figures in sorted(self.summary.per_event.items())
            },
            "renamed_codes": [
                {"event_id": r.event_id, "title": r.title, "old": r.old, "new": r.new}
                for r in self.summary.renamed_codes
            ],
            "dry_run": self.dry_run,
            "clock_warnings": [
                {"device": w.device, "ahead_hours": round(w.ahead_ms / 3_600_000, 1)}
                for w in self.clock_warnings
            ],
        }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def export_exchange(
    ws: Workspace,
    out: Path,
    event_refs: Sequence[str] = (),
    passphrase: str | None = None,
) -> ExportReport:
    """Write the exchange file of some events (all when none is named)."""
    chosen = {ws.find_event(reference).id for reference in event_refs}
    events = [e for e in ws.events() if not chosen or e.id in chosen]
    scope = ws.exchange_scope(sorted(chosen)) if chosen else None
    origin = Origin(ws.device_id, ws.device_name, ws.schema_version)

    def blobs() -> Iterator[tuple[str, bytes]]:
        for digest in ws.blob_digests(scope):
            data = ws.blob(digest)
            if data is not None:
                yield digest, data

    held = SeenCounts()
    try:
        with atomic_target(out) as temporary:
            manifest = write_exchange_zip(
                temporary, origin, events, count_held(ws.record_states(scope), held), blobs()
            )
            if passphrase:
                encrypt_in_place(temporary, passphrase)
            # Read it back (decrypted, every member unpacked and hashed against the manifest)
            # before it gets its real name: a bad stick shows here, not at the other laptop.
            # Checked from the workspace's folder, not the stick's, which may be full.
            with open_exchange_file(
                temporary, passphrase, scratch=ws.path.parent, owner=ws.path.name
            ):
                pass
    except OSError as error:
        raise UserError(
            _("The exchange file {path} could not be written: {reason}.").format(
                path=out, reason=error.strerror or error
            )
        ) from None
    size = out.stat().st_size
    ws.log_exchange("export", out, _sha256(out), "", {"counts": manifest.counts})
    return ExportReport(
        out,
        events,
        manifest.counts,
        size,
        bool(passphrase),
        held.counts(Change.NEW),
        ContactCounts(*ws.contact_counts(scope)),
    )


def import_exchange(
    ws: Workspace, path: Path, passphrase: str | None = None, *, dry_run: bool = False
) -> ImportReport:
    """Check an exchange file and merge it in one transaction (or only preview it)."""
    with open_exchange_file(
        path, passphrase, scratch=ws.path.parent, owner=ws.path.name
    ) as incoming:

        def states() -> Iterator[Any]:
            return incoming.records(
                local_device=ws.device_id, local_last_stamp=ws.clock.last_issued
            )

        if dry_run:
            summary = ws.merge_states(states(), dry_run=True).value
            return ImportReport(incoming.manifest, summary, True, incoming.clock_warnings)
        # Copied now, checked on the other cores while the file is merged on this one; the
        # merge commits only once the copy has passed its check (`log_line` waits for it).
        pending = ws.start_snapshot("before-import")

        def log_line(summary: MergeSummary) -> ExchangeLogLine:
            snapshot = pending.wait()  # a copy that fails its check rolls the import back
            # The laptop's last stamp once the import is in: an edit typed later issues a newer
            # one, which is how an undo knows that it would take such edits away too.
            seen = ImportReport(incoming.manifest, summary, False, incoming.clock_warnings)
            logged = {**seen.as_dict(), LAST_STAMP_KEY: ws.clock.last_issued}
            # An import that erases someone's data keeps no copy to undo it with (see below).
            undo = None if summary.erased else snapshot
            return ExchangeLogLine(
                "import", path, incoming.digest, incoming.manifest.device, logged, undo
            )

        try:
            merged = ws.merge_states(states(), blobs=incoming.blobs, log=log_line)
            pending.wait()
        except BaseException:
            pending.discard()
            pending.target.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                pending.target.parent.rmdir()  # only when the import made the folder
            raise
        report = ImportReport(
            incoming.manifest, merged.value, False, incoming.clock_warnings, merged.changes
        )
    if report.summary.erased:
        # The file erased someone's personal data here: no copy may keep it, so this import
        # (and the ones before) can no longer be undone.
        ws.drop_import_snapshots()
        ws.clear_free_space()
        return report
    ws.prune_snapshots()
    return report


def edited_since(ws: Workspace, entry: ExchangeLogEntry) -> bool:
    """Whether something was typed on this laptop after the import `entry` (True when unknown:
    an import logged by an older fieldkit)."""
    try:
        last = json.loads(entry.summary or "{}").get(LAST_STAMP_KEY)
    except (ValueError, AttributeError):
        last = None
    return not isinstance(last, str) or ws.clock.last_issued > last


def undo_last_import(ws: Workspace) -> Result[ExchangeLogEntry]:
    """Put the workspace back as it was before the last import; returns that import's log."""
    entry = ws.last_import()
    if entry is None:
        raise UserError(_("There is no import to undo."))
    snapshot = Path(entry.snapshot or "")
    if not entry.snapshot or not snapshot.is_file():
        raise UserError(_("The copy made before the last import is gone; it cannot be undone."))
    restored = ws.restore(snapshot)
    # The restored log is the one from before that import; the undo itself is noted in it.
    ws.log_exchange("undo", Path(entry.file_name), entry.file_sha256, entry.peer_device, {})
    return Result(entry, restored.changes)
