"""Portable mode: a `portable` file beside the program moves every path into `data/` beside it.

`FIELDKIT_PORTABLE_DIR` stands for "beside the executable" here; the packaged app itself is
checked the same way by `make package-test` (packaging/smoke_test.py).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit import cli, paths
from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.portable import CLOSE_LABEL, back_up_at_close, check_data_folder
from fieldkit.store import Workspace


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder standing for the USB stick's fieldkit folder, with the marker file in it."""
    folder = tmp_path / "stick" / "fieldkit"
    folder.mkdir(parents=True)
    (folder / "portable").write_text("", encoding="utf-8")
    monkeypatch.setenv(paths.PORTABLE_DIR_VARIABLE, str(folder))
    monkeypatch.delenv("FIELDKIT_DB")
    return folder


def every_path() -> dict[str, Path]:
    from fieldkit.gui.shell.recent import recent_file
    from fieldkit.gui.shell.ui_state import settings_file

    return {
        "data": paths.user_data_dir(),
        "workspace": paths.default_database(),
        "config": paths.config_dir(),
        "logs": paths.log_dir(),
        "recent": recent_file(),
        "window": settings_file(),
    }


def test_without_the_marker_nothing_is_portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    beside = tmp_path / "beside"
    beside.mkdir()
    monkeypatch.setenv(paths.PORTABLE_DIR_VARIABLE, str(beside))
    monkeypatch.delenv("FIELDKIT_DB")
    assert paths.portable_dir() is None
    assert not any(path.is_relative_to(beside) for path in every_path().values())


def test_a_folder_named_portable_is_not_the_marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "portable").mkdir()
    monkeypatch.setenv(paths.PORTABLE_DIR_VARIABLE, str(tmp_path))
    assert paths.portable_dir() is None


def test_the_marker_moves_every_path_into_data(stick: Path) -> None:
    data = stick.resolve() / "data"
    assert paths.portable_dir() == data
    found = every_path()
    assert {name: path.is_relative_to(data) for name, path in found.items()} == dict.fromkeys(
        found, True
    )
    assert found["workspace"] == data / "workspace.sqlite"


def test_the_packaged_app_looks_beside_its_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.PORTABLE_DIR_VARIABLE, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "fieldkit"))
    assert paths.portable_dir() is None
    (tmp_path / "portable").write_text("any content", encoding="utf-8")
    assert paths.portable_dir() == tmp_path.resolve() / "data"
    bundle = tmp_path / "fieldkit.app" / "Contents" / "MacOS"
    bundle.mkdir(parents=True)
    monkeypatch.setattr(sys, "executable", str(bundle / "fieldkit"))
    assert paths.executable_dir() == tmp_path.resolve()  # beside the .app, not inside it


def test_a_second_laptop_is_the_same_device(stick: Path, monkeypatch: pytest.MonkeyPatch):
    devices = []
    for laptop in ("laptop-a", "laptop-b"):
        monkeypatch.setenv("HOME", str(stick.parent / laptop))
        with Workspace.open() as ws:
            devices.append(ws.device_id)
    assert devices[0] == devices[1]


def test_the_command_line_and_the_window_write_nothing_under_home(
    stick: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        paths.PORTABLE_DIR_VARIABLE: str(stick),
        "QT_QPA_PLATFORM": "offscreen",
        "LANGUAGE": "en",
        "FIELDKIT_SMOKE_SECONDS": "1",
    }

    def fieldkit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fieldkit", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    assert fieldkit("demo").returncode == 0
    out = tmp_path / "minutes.pdf"
    assert fieldkit("minutes", "PE-BO-2021", "--out", str(out), "--lang", "es").returncode == 0
    window = fieldkit()
    assert window.returncode == 0, window.stderr
    report = json.loads(window.stdout.splitlines()[-1])
    assert report["events"] == 2
    assert report["title"] == "workspace — fieldkit (portable)"

    data = stick / "data"
    assert (data / "workspace.sqlite").is_file()
    assert (data / "settings" / "window.ini").is_file()
    assert (data / "settings" / "recent-workspaces.json").is_file()
    (copy,) = (data / "backups").glob(f"workspace.*.{CLOSE_LABEL}.backup.sqlite")
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM event").fetchone() == (2,)
    assert sorted(home.rglob("*")) == []


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "is full"), (errno.EROFS, "is read-only")]
)
def test_a_full_or_read_only_stick_gets_one_sentence_and_nothing_changes(
    stick: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code, words
) -> None:
    def refuse(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("fieldkit.portable.os.fsync", refuse)
    assert cli.main(["demo"]) == WorkspaceUnavailable.exit_code
    message = capsys.readouterr().err.strip()
    assert words in message
    assert message.count(".") == 1 and "\n" not in message  # one sentence
    assert str(stick.resolve() / "data") in message
    assert sorted(p.name for p in (stick / "data").iterdir()) == []  # no probe, no workspace


def test_without_portable_mode_nothing_is_probed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.PORTABLE_DIR_VARIABLE, raising=False)
    monkeypatch.setattr("fieldkit.portable.os.fsync", pytest.fail)
    check_data_folder()


def test_the_copy_at_close_is_checked_and_a_full_stick_is_named(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open() as ws:
        copy = back_up_at_close(ws)
        assert copy.parent == stick.resolve() / "data" / "backups"
        assert f".{CLOSE_LABEL}." in copy.name

        def full(_fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        def failed_copy(label: str = "manual") -> Path:
            raise WorkspaceUnavailable("A safety copy of the workspace could not be made.")

        monkeypatch.setattr("fieldkit.portable.os.fsync", full)
        monkeypatch.setattr(ws, "back_up", failed_copy)
        with pytest.raises(WorkspaceUnavailable, match="The USB stick is full"):
            back_up_at_close(ws)


def test_the_window_says_portable_once_and_copies_at_close(stick: Path, qtbot: object) -> None:
    from PySide6.QtWidgets import QMessageBox

    from fieldkit.gui.shell.main_controller import create_main_window

    told = []
    for _run in range(2):
        ws = Workspace.open()
        window = create_main_window(ws, owns_workspace=True)  # deleted when closed
        window.show()
        assert window.windowTitle().endswith("(portable)")
        told.append([box.text() for box in window.findChildren(QMessageBox) if box.isVisible()])
        window.close()
    assert len(told[0]) == 1 and "portable mode" in told[0][0]
    assert told[1] == []
    copies = list((stick / "data" / "backups").glob(f"*.{CLOSE_LABEL}.backup.sqlite"))
    assert len(copies) == 2
