"""`fieldkit minutes`: the same bytes from two processes, one sentence for what it refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reports.conftest import all_text

from fieldkit.cli import main
from fieldkit.demo import ENCOUNTER_CODE
from fieldkit.store import Workspace


def _run(db: Path, *args: str, seed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "LANGUAGE": "en"}
    return subprocess.run(
        [sys.executable, "-m", "fieldkit", "--db", str(db), "minutes", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_two_processes_write_the_same_bytes(demo_db: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    for out, seed in ((first, "1"), (second, "2")):
        result = _run(demo_db, ENCOUNTER_CODE, "--out", str(out), "--lang", "es", seed=seed)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NO-SUCH-EVENT"], "There is no event with the id or code NO-SUCH-EVENT."),
        ([ENCOUNTER_CODE, "--day", "7"], "The event PE-BO-2021 has no day 7; it has 3 days."),
        ([ENCOUNTER_CODE, "--day", "0"], "The event PE-BO-2021 has no day 0; it has 3 days."),
        (
            [ENCOUNTER_CODE, "--session", "not-a-session"],
            "The event PE-BO-2021 has no session with the id not-a-session.",
        ),
    ],
)
def test_an_unknown_event_day_or_session_is_refused_in_one_sentence(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "refused.pdf"
    code = main(["--db", str(demo_db), "minutes", *args, "--out", str(out)])
    assert code != 0
    assert capsys.readouterr().err == message + "\n"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_a_session_of_another_day_is_refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace(demo_db) as ws:
        event = ws.find_event(ENCOUNTER_CODE)
        first_day = ws.event_days(event.id)[0]
        session = next(s for s in ws.event_sessions(event.id) if s.day_id == first_day.id)
    out = tmp_path / "x.pdf"
    code = main(
        [
            "--db",
            str(demo_db),
            "minutes",
            ENCOUNTER_CODE,
            "--day",
            "2",
            "--session",
            session.id,
            "--out",
            str(out),
        ]
    )
    assert code != 0
    assert capsys.readouterr().err.count("\n") == 1
    assert not out.exists()


def test_an_unwritable_place_is_refused_in_one_sentence(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing-folder" / "minutes.pdf"
    assert main(["--db", str(demo_db), "minutes", ENCOUNTER_CODE, "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert err.startswith(f"The file {out} cannot be written")
    assert err.count("\n") == 1


def test_the_language_and_paper_default_to_the_workspace_settings(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "copy.sqlite"
    db.write_bytes(demo_db.read_bytes())
    with Workspace(db) as ws:
        ws.set_setting("output_language", "fr")
        ws.set_setting("paper", "letter")
    out = tmp_path / "jour1.pdf"
    assert main(["--db", str(db), "minutes", ENCOUNTER_CODE, "--day", "1", "--out", str(out)]) == 0
    assert "The minutes were written to" in capsys.readouterr().err
    text = all_text(out)
    assert "Compte rendu du jour 1" in text
    assert "11 octobre 2021" in text
    from pypdf import PdfReader

    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 612


def test_the_workspace_interface_language_comes_before_the_environment(
    demo_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.sqlite"
    db.write_bytes(demo_db.read_bytes())
    with Workspace(db) as ws:
        ws.set_setting("interface_language", "fr")
    out = tmp_path / "jour2.pdf"
    assert main(["--db", str(db), "minutes", ENCOUNTER_CODE, "--day", "2", "--out", str(out)]) == 0
    assert "Compte rendu du jour 2" in all_text(out)


def test_without_a_setting_the_interface_language_is_used(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "es")
    out = tmp_path / "dia3.pdf"
    try:
        assert (
            main(["--db", str(demo_db), "minutes", ENCOUNTER_CODE, "--day", "3", "--out", str(out)])
            == 0
        )
    finally:
        from fieldkit.i18n import set_language

        set_language("en")
    assert "Ayuda memoria del día 3" in all_text(out)
