"""Two laptops record the demo encounter's second day apart and meet again, all by command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ENV = {**os.environ, "LANGUAGE": "en"}


def fieldkit(db: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "fieldkit", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit_event(db: Path, folder: Path, name: str, change: Any) -> None:
    """Record work on a laptop: export the event, change it, import it back as local edits."""
    document_path = folder / f"{name}.json"
    fieldkit(db, "export-json", "PE-BO-2021", "--out", str(document_path))
    document = json.loads(document_path.read_text("utf-8"))
    change(document["event"])
    document_path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    fieldkit(db, "import-json", str(document_path))


def test_registration_and_working_group_laptops_meet_again(tmp_path: Path) -> None:
    registration = tmp_path / "registration" / "w.sqlite"
    group = tmp_path / "group" / "w.sqlite"
    registration.parent.mkdir()
    group.parent.mkdir()
    fieldkit(registration, "demo")
    fieldkit(
        registration, "sync", "export", "--no-passphrase", "--out", str(tmp_path / "morning.fkx")
    )
    fieldkit(group, "sync", "import", str(tmp_path / "morning.fkx"))

    document = json.loads(fieldkit(registration, "dump"))
    day_two = sorted(
        (d for d in document["day"] if d["values"]["event_id"] == _event_id(document)),
        key=lambda d: d["values"]["date"],
    )[1]["id"]
    sessions = [s for s in document["session"] if s["values"]["day_id"] == day_two]
    plenary = next(s for s in sessions if s["values"]["kind"] == "plenary")["id"]
    arrival = next(s for s in sessions if s["values"]["kind"] == "arrival")["id"]
    registered = [r["values"]["person_id"] for r in document["registration"]]

    def at_the_door(event: dict[str, Any]) -> None:
        present = {(a["session_id"], a["person_id"]) for a in event["attendance"]}
        latecomers = [p for p in registered if (arrival, p) not in present][:5]
        event["attendance"] += [
            {
                "session_id": arrival,
                "person_id": p,
                "status": "present",
                "mode": "in_person",
                "checked_in_at": "2021-10-12T09:40:00",
                "left_at": None,
                "recorded_by": "Mesa",
            }
            for p in latecomers
        ]
        _session(event, plenary)["title"] = "Plenaria: retos de la cooperación (registro)"

    def in_the_group(event: dict[str, Any]) -> None:
        note = next(
            n for n in event["notes"] if n["session_id"] == plenary and n["group_id"] is None
        )
        note["lessons"] += "\n- La conectividad limita la participación virtual."
        _session(event, plenary)["title"] = "Plenaria: nuevos retos de la cooperación"

    edit_event(registration, tmp_path, "registration", at_the_door)
    edit_event(group, tmp_path, "group", in_the_group)

    fieldkit(registration, "sync", "export", "--no-passphrase", "--out", str(tmp_path / "r.fkx"))
    fieldkit(group, "sync", "export", "--no-passphrase", "--out", str(tmp_path / "g.fkx"))
    preview = json.loads(fieldkit(group, "sync", "import", "--dry-run", str(tmp_path / "r.fkx")))
    assert preview["conflicts"] == 1 and preview["dry_run"]
    fieldkit(group, "sync", "import", str(tmp_path / "r.fkx"))
    fieldkit(registration, "sync", "import", str(tmp_path / "g.fkx"))

    assert fieldkit(registration, "dump") == fieldkit(group, "dump")
    conflicts = json.loads(fieldkit(registration, "conflicts", "--json"))
    assert [(c["record_id"], c["field"]) for c in conflicts] == [(plenary, "title")]
    assert {conflicts[0]["kept_value"], conflicts[0]["other_value"]} == {
        "Plenaria: retos de la cooperación (registro)",
        "Plenaria: nuevos retos de la cooperación",
    }
    merged = json.loads(fieldkit(group, "dump"))
    note = next(
        n
        for n in merged["note"]
        if n["values"]["session_id"] == plenary and not n["values"]["group_id"]
    )
    assert "conectividad" in note["values"]["lessons"]
    checked = {(a["values"]["session_id"], a["values"]["person_id"]) for a in merged["attendance"]}
    assert sum(1 for s, _p in checked if s == arrival) >= 5


def _event_id(document: dict[str, Any]) -> str:
    return next(e["id"] for e in document["event"] if e["values"]["code"] == "PE-BO-2021")


def _session(event: dict[str, Any], session_id: str) -> dict[str, Any]:
    return next(s for s in event["sessions"] if s["id"] == session_id)
