"""The sync folder's round in plain values and in sentences: for `fieldkit sync folder` and the
Exchange page, which keeps the last round in the workspace's settings and shows it again."""

from __future__ import annotations

from typing import Any

from fieldkit.i18n import _, ngettext
from fieldkit.sync.folder import FolderReport


def report_as_dict(report: FolderReport) -> dict[str, Any]:
    return {
        "folder": str(report.folder),
        "laptops": report.laptops,
        "arrived": [
            {
                "device": a.device,
                "name": a.device_name,
                "segment": a.name,
                "new": a.new,
                "changed": a.changed,
                "conflicts": a.conflicts,
            }
            for a in report.arrived
        ],
        "seen": report.seen,
        "written": report.written,
        "written_records": report.written_records,
        "waiting": report.waiting,
        "refused": [{"segment": name, "reason": reason} for name, reason in report.refused],
        "ignored": report.ignored,
        "identity": None
        if report.identity is None
        else {
            "old": report.identity.old,
            "new": report.identity.new,
            "name": report.identity.other_name,
        },
    }


def report_sentences(report: dict[str, Any]) -> list[str]:
    """The round (as `report_as_dict` gives it) in sentences, for the command line and the
    window."""
    said: list[str] = []
    identity = report.get("identity")
    if identity:
        said.append(
            _(
                "Another laptop ({name}) was using this laptop's identity {old}; this laptop "
                "now has the new identity {new}, and kept all its records."
            ).format(name=identity["name"], old=identity["old"], new=identity["new"])
        )
    if not report["laptops"]:
        said.append(_("The sync folder holds nothing from other laptops yet; nothing was deleted."))
    elif report["arrived"]:
        segments = len(report["arrived"])
        records = sum(a["new"] + a["changed"] for a in report["arrived"])
        said.append(
            ngettext(
                "Read {count} segment from other laptops.",
                "Read {count} segments from other laptops.",
                segments,
            ).format(count=segments)
        )
        said.append(
            ngettext(
                "{count} record came in new or changed.",
                "{count} records came in new or changed.",
                records,
            ).format(count=records)
        )
    else:
        said.append(_("Nothing new from the other laptops."))
    if report["waiting"]:
        said.append(
            ngettext(
                "{count} segment is still arriving; it will be read next time.",
                "{count} segments are still arriving; they will be read next time.",
                len(report["waiting"]),
            ).format(count=len(report["waiting"]))
        )
    for refused in report["refused"]:
        said.append(
            _("The segment {name} was refused: {reason}").format(
                name=refused["segment"], reason=refused["reason"]
            )
        )
    if report["written"]:
        said.append(
            ngettext(
                "Wrote {count} changed record to the folder.",
                "Wrote {count} changed records to the folder.",
                report["written_records"],
            ).format(count=report["written_records"])
        )
    return said
