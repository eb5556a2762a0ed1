"""The command line, run in-process: exit codes, stdout for machines, stderr for people."""

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldkit import __version__
from fieldkit.cli import main
from fieldkit.store import Workspace


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_db_is_accepted_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    Workspace(first).close()
    Workspace(second).close()
    assert main(["--db", str(first), "events", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["events", "--db", str(second), "--json"]) == 0
    assert first.exists() and second.exists()


def test_fieldkit_db_variable_names_the_default_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("FIELDKIT_DB", str(path))
    assert main(["demo"]) == 0
    assert path.exists()
    assert main(["events"]) == 0


def test_demo_then_events_lists_the_two_demo_events(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "events", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert len(listing) == 2
    assert set(listing[0]) == {"id", "code", "title", "start", "end"}
    assert {e["start"] for e in listing} == {"2008-03-15", "2021-10-11"}
    before = _dump(db_path)
    assert main(["--db", str(db_path), "demo"]) == 0
    assert "nothing changed" in capsys.readouterr().err
    assert _dump(db_path) == before
    assert main(["--db", str(db_path), "events"]) == 0
    assert "2008-03-15" in capsys.readouterr().out


def test_json_round_trip_of_the_demo_encounter(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", str(db_path), "demo"])
    code = json.loads(_events_json(db_path, capsys))[0]["code"]
    out1, out2 = tmp_path / "one.json", tmp_path / "two.json"
    other = tmp_path / "other.sqlite"
    assert main(["--db", str(db_path), "export-json", code, "--out", str(out1)]) == 0
    assert main(["--db", str(other), "import-json", str(out1)]) == 0
    assert main(["--db", str(other), "export-json", code, "--out", str(out2)]) == 0
    one, two = json.loads(out1.read_text("utf-8")), json.loads(out2.read_text("utf-8"))
    one.pop("exported_at")
    two.pop("exported_at")
    assert one == two
    assert len(one["event"]["sessions"]) > 5


def _events_json(db_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    main(["--db", str(db_path), "events", "--json"])
    return capsys.readouterr().out


def test_unknown_event_gets_one_sentence(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Workspace(db_path).close()
    before = _dump(db_path)
    assert main(["--db", str(db_path), "export-json", "NOPE", "--out", str(tmp_path / "x")]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NOPE" in err
    assert _dump(db_path) == before
    assert not (tmp_path / "x").exists()


def test_messages_follow_the_language_variable(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "es")
    Workspace(db_path).close()
    try:
        assert main(["--db", str(db_path), "events"]) == 0
        assert "no tiene eventos" in capsys.readouterr().err
    finally:
        from fieldkit.i18n import set_language

        set_language("en")


# --- bad input: one sentence, non-zero, the workspace untouched ------------------------------

GOOD_ID = "6f1c3c7e-3a0e-4d8e-9a55-2b9d0c1e7a10"


def _document(**event: Any) -> dict[str, Any]:
    return {
        "format": "fieldkit-event",
        "version": 1,
        "event": {"id": GOOD_ID, "code": "BAD", "title": "Bad", **event},
    }


def _json(document: Any) -> bytes:
    return json.dumps(document).encode("utf-8")


SESSION_ID = "0d6c1b7a-1111-4a2b-8c3d-4e5f6a7b8c9d"
DAY_ID = "0d6c1b7a-2222-4a2b-8c3d-4e5f6a7b8c9d"
PERSON_ID = "0d6c1b7a-3333-4a2b-8c3d-4e5f6a7b8c9d"

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "whitespace": (b"  \n", "empty"),
    "not json": (b"minutes of the day", "not valid JSON"),
    "not utf-8": ('{"format": "fieldkit-event", "x": "Ñuflo"}'.encode("latin-1"), "UTF-8"),
    "a picture": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "UTF-8"),
    "nan": (b'{"format": "fieldkit-event", "version": NaN}', "NaN"),
    "infinity": (b'{"format": "fieldkit-event", "version": -Infinity}', "Infinity"),
    "duplicate key": (b'{"format": "fieldkit-event", "format": "x"}', "repeats the key"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "too deeply"),
    "a list": (b"[]", "not a fieldkit event file"),
    "another format": (_json({"format": "other", "version": 1}), "not a fieldkit event file"),
    "newer version": (
        _json({"format": "fieldkit-event", "version": 7, "readable_since": "3.1.0", "event": {}}),
        "fieldkit 3.1.0 or newer",
    ),
    "bool version": (_json({"format": "fieldkit-event", "version": True}), "format version"),
    "missing event": (_json({"format": "fieldkit-event", "version": 1}), "“event” is missing"),
    "wrong type": (_json(_document(title=5)), "event.title"),
    "unknown field": (_json(_document(colour="red")), "colour"),
    "bad enum": (_json(_document(format="carrier pigeon")), "event.format"),
    "bad id": (_json(_document(id="not-a-uuid")), "event.id"),
    "impossible date": (_json(_document(start_date="2021-02-30")), "start_date"),
    "huge count": (
        _json(_document(tallies=[{"session_id": SESSION_ID, "women": 10**12}])),
        "tallies[0].women",
    ),
    "dangling session": (
        _json(_document(attendance=[{"session_id": SESSION_ID, "person_id": PERSON_ID}])),
        SESSION_ID,
    ),
    "dangling person": (
        _json(
            _document(
                days=[{"id": DAY_ID, "date": "2021-10-11"}],
                sessions=[{"id": SESSION_ID, "day_id": DAY_ID}],
                attendance=[{"session_id": SESSION_ID, "person_id": PERSON_ID}],
            )
        ),
        PERSON_ID,
    ),
    "same id twice": (
        _json(_document(days=[{"id": DAY_ID}, {"id": DAY_ID}])),
        "twice",
    ),
    "same pair twice": (
        _json(
            {
                **_document(
                    days=[{"id": DAY_ID}],
                    sessions=[{"id": SESSION_ID, "day_id": DAY_ID}],
                    attendance=[{"session_id": SESSION_ID, "person_id": PERSON_ID}] * 2,
                ),
                "people": [{"id": PERSON_ID}],
            }
        ),
        "twice",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_with_the_workspace_untouched(
    name: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = BAD_FILES[name]
    main(["--db", str(db_path), "demo"])
    capsys.readouterr()
    before = _dump(db_path)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    for extra in ([], ["--dry-run"]):
        assert main(["--db", str(db_path), "import-json", str(bad), *extra]) != 0
        err = capsys.readouterr().err
        assert expected in err
        assert err.count("\n") == 1, err
        assert "Traceback" not in err
    assert _dump(db_path) == before


def test_a_file_too_large_is_refused(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fieldkit.io import strictjson

    monkeypatch.setattr(strictjson, "MAX_BYTES", 1024)
    big = tmp_path / "big.json"
    big.write_bytes(_json(_document(context="x" * 5000)))
    assert main(["--db", str(db_path), "import-json", str(big)]) != 0
    assert "too large" in capsys.readouterr().err


def test_a_missing_file_and_a_folder_are_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "import-json", str(tmp_path / "nowhere.json")]) != 0
    assert "no file" in capsys.readouterr().err
    assert main(["--db", str(db_path), "import-json", str(tmp_path)]) != 0
    assert "folder" in capsys.readouterr().err


def test_a_record_of_another_event_cannot_be_taken_over(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", str(db_path), "demo"])
    listing = json.loads(_events_json(db_path, capsys))
    first = tmp_path / "first.json"
    main(["--db", str(db_path), "export-json", listing[0]["code"], "--out", str(first)])
    document = json.loads(first.read_text("utf-8"))
    document["event"]["id"] = GOOD_ID
    document["event"]["code"] = "COPY"
    first.write_text(json.dumps(document), "utf-8")
    before = _dump(db_path)
    assert main(["--db", str(db_path), "import-json", str(first)]) != 0
    assert "another event" in capsys.readouterr().err
    assert _dump(db_path) == before


def test_a_refused_command_leaves_the_workspace_as_it_was(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", str(db_path), "demo"])
    before = _dump(db_path)
    with pytest.raises(SystemExit):
        main(["--db", str(db_path), "export-json"])
    assert main(["--db", str(db_path), "events", "--json"]) == 0
    assert _dump(db_path) == before


def test_numbers_that_json_cannot_hold_are_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Workspace(db_path).close()
    before = _dump(db_path)
    for name, content in (
        ("long.json", b'{"version": ' + b"9" * 5000 + b"}"),
        ("inf.json", b'{"x": 1e999}'),
    ):
        bad = tmp_path / name
        bad.write_bytes(content)
        assert main(["--db", str(db_path), "import-json", str(bad)]) != 0
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
    assert _dump(db_path) == before
