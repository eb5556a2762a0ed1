"""Exchange files encrypted by default: the team passphrase, the keyring, the explicit choice."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from fieldkit.cli import main
from fieldkit.core import ids
from fieldkit.core.model import Person
from fieldkit.store import Workspace
from fieldkit.sync import team_passphrase
from fieldkit.sync.fileformat import AGE_MAGIC

PASSPHRASE = "quinua lluvia cóndor taraco"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in memory, as a laptop's secret service would."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def db(db_path: Path) -> str:
    with Workspace(db_path) as ws:
        ws.save(
            Person(ids.new_id(), "Rosa", "Quispe", phone="+591 71234567", id_card="CI 123"),
            Person(ids.new_id(), "Juan", "Choque", email="juan@example.org"),
        )
    return str(db_path)


@pytest.fixture(autouse=True)
def no_keyring() -> None:
    """As on this CI machine: no secret service. (Defining `MemoryKeyring` registers it as a
    backend keyring could pick by itself, so the test says which one is in force.)"""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(no_keyring: None) -> MemoryKeyring:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    return memory


def _pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def test_without_a_passphrase_nor_a_choice_the_export_is_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not team_passphrase.keyring_usable()  # as on this machine: no secret service
    out = tmp_path / "a.fkx"
    assert main(["--db", db, "sync", "export", "--out", str(out)]) == 1
    assert "encrypted by default" in capsys.readouterr().err
    assert not out.exists()


def test_an_unencrypted_export_says_what_it_gives_away(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.fkx"
    assert main(["--db", db, "sync", "export", "--no-passphrase", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert (
        "Not encrypted: anyone who gets the file can read it, with 2 people of whom 1 with a "
        "phone number, 1 with an e-mail address and 1 with an ID-card number." in err
    )
    assert out.read_bytes().startswith(b"PK")


def test_both_choices_at_once_are_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", db, "sync", "export", "--out", str(tmp_path / "a.fkx"), "--no-passphrase"]
    assert main([*args, "--passphrase-file", str(_pass_file(tmp_path))]) == 1
    assert "not both" in capsys.readouterr().err


def test_with_no_keyring_the_passphrase_is_never_stored(
    db: str, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "a.fkx"
    args = ["--db", db, "sync", "export", "--out", str(out)]
    assert main([*args, "--passphrase-file", str(_pass_file(tmp_path))]) == 0
    assert out.read_bytes().startswith(AGE_MAGIC)
    assert team_passphrase.remembered(db_path) is None
    folder = db_path.parent
    for path in folder.rglob("*"):
        if path.is_file() and path != out and path.name != "team.txt":
            assert PASSPHRASE.encode() not in path.read_bytes(), path
    assert main([*args]) == 1  # asked again next time (here: no terminal, so refused)


def test_the_keyring_remembers_the_team_passphrase(
    db: str, db_path: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    first, second = tmp_path / "a.fkx", tmp_path / "b.fkx"
    args = ["--db", db, "sync", "export"]
    assert main([*args, "--out", str(first), "--passphrase-file", str(_pass_file(tmp_path))]) == 0
    assert team_passphrase.remembered(db_path) == PASSPHRASE
    assert main([*args, "--out", str(second)]) == 0  # no passphrase given: the keyring's
    assert second.read_bytes().startswith(AGE_MAGIC)
    other = tmp_path / "other" / "w.sqlite"
    other.parent.mkdir()
    # the other laptop has no passphrase remembered: it must be given
    assert main(["--db", str(other), "sync", "import", str(second), "--dry-run"]) != 0
    team_passphrase.remember(other, PASSPHRASE)
    assert main(["--db", str(other), "sync", "import", str(second)]) == 0
    with Workspace(other) as ws:
        assert len(ws.list(Person)) == 2
    assert PASSPHRASE.encode() not in db_path.read_bytes()
