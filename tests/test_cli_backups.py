"""`fieldkit backup`, `backups` and `restore`, and the daily copy taken by a command that writes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core.errors import DamagedWorkspace
from fieldkit.store import Workspace, backups


def _codes(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {code for (code,) in connection.execute("SELECT code FROM event")}


def _kinds(db_path: Path) -> list[str]:
    return [c.kind for c in backups.list_backups(db_path)]


def test_backup_writes_a_checked_copy(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "demo"]) == 0
    out = tmp_path / "copy.sqlite"
    capsys.readouterr()
    assert main(["--db", str(db_path), "backup", "--out", str(out)]) == 0
    assert "copy checked" in capsys.readouterr().err
    assert _codes(out) == _codes(db_path) and backups.integrity_problem(out) is None


def test_backup_of_no_workspace_and_over_the_workspace_are_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "backup", "--out", str(tmp_path / "c.sqlite")]) == 3
    assert capsys.readouterr().err.strip().startswith("There is no workspace at")
    assert not db_path.exists()
    Workspace(db_path).close()
    assert main(["--db", str(db_path), "backup", "--out", str(db_path)]) == 2
    assert "over the workspace itself" in capsys.readouterr().err


def test_the_first_command_of_the_day_that_writes_takes_the_daily_copy(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Workspace(db_path).close()
    assert main(["--db", str(db_path), "events"]) == 0  # reading: no copy
    assert _kinds(db_path) == []
    assert main(["--db", str(db_path), "demo"]) == 0
    assert _kinds(db_path) == [backups.DAILY]
    assert main(["--db", str(db_path), "demo"]) == 0  # the second of the day: none
    assert _kinds(db_path) == [backups.DAILY]


def test_backups_lists_kind_date_and_size(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "backups"]) == 0
    assert "There are no backups" in capsys.readouterr().err
    assert main(["--db", str(db_path), "demo"]) == 0
    document = tmp_path / "event.json"
    assert main(["--db", str(db_path), "export-json", "EAU-BOL-2008", "--out", str(document)]) == 0
    assert main(["--db", str(db_path), "import-json", str(document)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "backups"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Before an import") and lines[1].startswith("Daily")
    assert " MB " in lines[0] and lines[0].endswith(f"{backups.BEFORE_IMPORT}.backup.sqlite")
    assert main(["--db", str(db_path), "backups", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [item["kind"] for item in listing] == [backups.BEFORE_IMPORT, backups.DAILY]
    assert all(item["size"] > 0 and Path(item["path"]).is_file() for item in listing)


def test_restore_backs_up_first_and_says_where(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.sqlite"
    assert main(["--db", str(db_path), "backup", "--out", str(saved)]) == 3  # no workspace yet
    Workspace(db_path).close()
    assert main(["--db", str(db_path), "backup", "--out", str(saved)]) == 0
    assert main(["--db", str(db_path), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(saved)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("The workspace was restored from") and "kept in" in err
    assert _codes(db_path) == set()
    (before,) = [c for c in backups.list_backups(db_path) if c.kind == backups.BEFORE_RESTORE]
    assert _codes(before.path) == {"EAU-BOL-2008", "PE-BO-2021"}


def test_restore_refuses_a_file_that_is_not_a_workspace(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "demo"]) == 0
    before = db_path.read_bytes()
    listing = tmp_path / "list.csv"
    listing.write_text("Nombres\nAna\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(listing)]) == 2
    err = capsys.readouterr().err
    assert err == f"The file {listing} is not a fieldkit workspace; nothing was changed.\n"
    assert db_path.read_bytes() == before
    assert backups.BEFORE_RESTORE not in _kinds(db_path)


def test_restore_over_a_damaged_workspace_keeps_the_damaged_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    assert main(["--db", str(db_path), "demo"]) == 0
    saved = tmp_path / "saved.sqlite"
    assert main(["--db", str(db_path), "backup", "--out", str(saved)]) == 0
    db_path.write_bytes(b"\0" * 8192)

    def damaged(
        path: Path, **_options: bool
    ) -> Workspace:  # what the check at open says of such a file
        raise DamagedWorkspace("The workspace is damaged.", path=path, kind="damaged")

    monkeypatch.setattr(Workspace, "open", staticmethod(damaged))
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(saved)]) == 0
    assert "the damaged file was kept as" in capsys.readouterr().err
    (aside,) = tmp_path.glob("workspace.damaged-*.sqlite")
    assert aside.read_bytes() == b"\0" * 8192
    assert _codes(db_path) == {"EAU-BOL-2008", "PE-BO-2021"}
