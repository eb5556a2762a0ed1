"""`fieldkit attendance import`: the summary, --json, --dry-run, and unusable files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from fieldkit.cli import main
from fieldkit.core.ids import new_id, registration_id
from fieldkit.core.model import (
    Attendance,
    AttendanceMode,
    Day,
    Event,
    Person,
    Registration,
    Session,
)
from fieldkit.io import virtual_attendance_import
from fieldkit.io.video_report import ReportParticipant, Stay, VideoReport
from fieldkit.store import Workspace

DATE = dt.date(2024, 3, 5)
T0 = dt.datetime(2024, 3, 5, 9, 0)


def _participant(name: str, minutes: float, email: str = "") -> ReportParticipant:
    stay = Stay(T0, T0 + dt.timedelta(minutes=minutes), minutes)
    return ReportParticipant(name=name, email=email, stays=(stay,), minutes=minutes)


REPORT = VideoReport(
    tool="zoom",
    meeting_date=dt.date(2024, 3, 4),
    participants=(
        _participant("Rosa Quispe", 95, "rosa@ayni.pe"),
        _participant("Ñáñez, José", 80),
        _participant("Ana Mamani", 12),
        _participant("iPhone de Juana", 70),
    ),
    warnings=(),
)


@pytest.fixture
def db(db_path: Path) -> dict[str, str]:
    event = Event(id=new_id(), code="VIR", title="Diálogo virtual")
    day = Day(id=new_id(), event_id=event.id, date=DATE)
    session = Session(
        id=new_id(), day_id=day.id, start_time="09:00", end_time="11:00", title="Plenaria"
    )
    rosa = Person(id=new_id(), given_names="Rosa", surnames="Quispe", email="ROSA@ayni.pe")
    jose = Person(id=new_id(), given_names="José", surnames="Ñáñez")
    ana = Person(id=new_id(), given_names="Ana", surnames="Mamani")
    with Workspace(db_path) as ws:
        ws.save(event, day, session, rosa, jose, ana)
        ws.save(
            Registration(
                id=registration_id(event.id, rosa.id), event_id=event.id, person_id=rosa.id
            )
        )
    return {"db": str(db_path), "session": session.id, "rosa": rosa.id, "jose": jose.id}


@pytest.fixture
def report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A report file; its reading is the parser's job, tested on its own branch."""
    path = tmp_path / "participants.csv"
    path.write_text("stands for a report\n", encoding="utf-8")

    def read(given: Path) -> Any:
        assert given == path
        return REPORT

    monkeypatch.setattr(virtual_attendance_import, "read_video_report", read)
    return path


def _dump(db: str) -> bytes:
    with Workspace(Path(db)) as ws:
        return ws.dump()


def _args(db: dict[str, str], path: Path, *more: str) -> list[str]:
    return [
        "--db",
        db["db"],
        "attendance",
        "import",
        "VIR",
        "--session",
        db["session"],
        str(path),
        *more,
    ]


def test_import_marks_present_and_prints_a_summary(
    db: dict[str, str], report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_args(db, report)) == 0
    err = capsys.readouterr().err
    assert "The report is of a call on Mar 4, 2024, but the session is on Mar 5, 2024." in err
    assert "At least 60 minutes count as present (half the session's length)." in err
    assert "2 people present in virtual mode:" in err
    assert "  Ñáñez, José as José Ñáñez, 80 minutes" in err
    assert "1 participant below the threshold:" in err and "  Ana Mamani, 12 minutes" in err
    assert "1 participant not matched to anyone" in err
    assert "  iPhone de Juana, 70 minutes (looks like a device name; no e-mail)" in err
    assert "1 person was registered to the event." in err
    with Workspace(Path(db["db"])) as ws:
        records = ws.list(Attendance, where={"session_id": db["session"]})
        assert {r.person_id for r in records} == {db["rosa"], db["jose"]}
        assert {r.mode for r in records} == {AttendanceMode.VIRTUAL}
    dump = _dump(db["db"])
    assert main(_args(db, report, "--min-minutes", "10")) == 0  # Ana too, now
    err = capsys.readouterr().err
    assert "At least 10 minutes count as present, as asked." in err
    assert "2 people were already marked present" in err
    assert _dump(db["db"]) != dump
    dump = _dump(db["db"])
    assert main(_args(db, report, "--min-minutes", "10")) == 0
    assert _dump(db["db"]) == dump  # the same report twice: nothing more


def test_json_and_dry_run(
    db: dict[str, str], report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = _dump(db["db"])
    assert main(_args(db, report, "--dry-run", "--json")) == 0
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert printed == {
        "participants": [
            {
                "name": "Rosa Quispe",
                "email": "rosa@ayni.pe",
                "minutes": 95,
                "person_id": db["rosa"],
                "present": True,
            },
            {
                "name": "Ñáñez, José",
                "email": "",
                "minutes": 80,
                "person_id": db["jose"],
                "present": True,
            },
            {
                "name": "Ana Mamani",
                "email": "",
                "minutes": 12,
                "person_id": printed["participants"][2]["person_id"],
                "present": False,
            },
            {
                "name": "iPhone de Juana",
                "email": "",
                "minutes": 70,
                "person_id": None,
                "present": False,
            },
        ],
        "warnings": ["The report is of a call on Mar 4, 2024, but the session is on Mar 5, 2024."],
    }
    assert printed["participants"][2]["person_id"] is not None
    assert "Nothing was written: this was a dry run." in captured.err
    assert _dump(db["db"]) == dump


def test_an_unusable_file_or_session_is_one_sentence_and_changes_nothing(
    db: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = _dump(db["db"])
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(_args(db, binary)) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "photo.csv" in err
    assert main(_args(db, tmp_path / "missing.csv")) == 2
    assert capsys.readouterr().err.strip().startswith("There is no file")
    args = _args(db, binary)
    args[args.index("--session") + 1] = new_id()
    assert main(args) == 1
    assert "has no session with the id" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(_args(db, binary, "--min-minutes", "-3"))
    assert "--min-minutes takes a number of minutes" in capsys.readouterr().err
    assert _dump(db["db"]) == dump


VIDEO = Path(__file__).parent / "data" / "video"


def test_a_real_zoom_report_end_to_end(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The old Zoom export: a person on two devices grouped by e-mail, a phone, a device."""
    event = Event(id=new_id(), code="ENC", title="Encuentro binacional")
    day = Day(id=new_id(), event_id=event.id, date=dt.date(2024, 3, 5))
    session = Session(
        id=new_id(), day_id=day.id, start_time="10:00", end_time="12:00", title="Eje 1"
    )
    rosa = Person(
        id=new_id(),
        given_names="Rosa",
        surnames="Quispe Mamani",
        email="rosa.quispe@amupei.example",
    )
    wilfredo = Person(id=new_id(), given_names="Wilfredo", surnames="Ticona Copa")
    caller = Person(id=new_id(), given_names="Julia", surnames="Mamani", phone="71234567")
    with Workspace(db_path) as ws:
        ws.save(event, day, session, rosa, wilfredo, caller)
    args = ["--db", str(db_path), "attendance", "import", "ENC", "--session", session.id]
    assert main([*args, str(VIDEO / "zoom_old_trailing_comma.csv"), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    by_name = {p["name"]: p for p in printed["participants"]}
    assert list(by_name) == [
        "Sylvie Gagnon",
        "Rosa Quispe Mamani",
        "Wilfredo Ticona",
        "+591 71234567",
        "Galaxy A12",
    ]
    assert by_name["Rosa Quispe Mamani"]["person_id"] == rosa.id
    assert by_name["Rosa Quispe Mamani"]["minutes"] == 60  # two devices, overlaps once
    assert by_name["Wilfredo Ticona"] == {
        "name": "Wilfredo Ticona",
        "email": "",
        "minutes": 78,
        "person_id": wilfredo.id,
        "present": True,
    }
    assert by_name["+591 71234567"]["person_id"] == caller.id
    assert not by_name["+591 71234567"]["present"]  # 15 minutes of a 2-hour session
    assert by_name["Galaxy A12"]["person_id"] is None
    assert by_name["Sylvie Gagnon"]["person_id"] is None
    assert len(printed["warnings"]) == 1  # the order of day and month, said by the reader
    with Workspace(db_path) as ws:
        present = {a.person_id for a in ws.list(Attendance, where={"session_id": session.id})}
    assert present == {rosa.id, wilfredo.id}
