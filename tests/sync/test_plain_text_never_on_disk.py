"""An encrypted exchange file is opened in memory: while it is being imported, and after a crash
in the middle, no decrypted copy lies in the workspace's folder."""

from __future__ import annotations

from pathlib import Path

from fieldkit.core.model import Person
from fieldkit.demo import install_demo
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange
from fieldkit.sync.fileformat import ZIP_MAGIC
from fieldkit.sync.reader import open_exchange_file


def _every_file_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_no_decrypted_bytes_are_written_while_the_file_is_open(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    with Workspace(tmp_path / "a" / "workspace.sqlite") as a:
        install_demo(a)
        names = [p.surnames for p in a.list(Person)][:20]
        file = export_exchange(a, tmp_path / "team.fkx", passphrase="agua y territorio").path
    scratch = tmp_path / "b"
    scratch.mkdir()
    with open_exchange_file(file, "agua y territorio", scratch=scratch) as incoming:
        assert incoming.manifest.events
        assert sum(1 for _ in incoming.record_states(local_device="x", local_last_stamp="")) > 100
        for path in _every_file_under(scratch):
            data = path.read_bytes()
            assert not data.startswith(ZIP_MAGIC), path
            assert not any(name.encode() in data for name in names), path
    assert _every_file_under(scratch) == []


def test_an_encrypted_import_still_converges(tmp_path: Path) -> None:
    for laptop in ("a", "b"):
        (tmp_path / laptop).mkdir()
    with (
        Workspace(tmp_path / "a" / "workspace.sqlite") as a,
        Workspace(tmp_path / "b" / "workspace.sqlite") as b,
    ):
        install_demo(a)
        file = export_exchange(a, tmp_path / "team.fkx", passphrase="cuenca").path
        assert import_exchange(b, file, "cuenca", dry_run=True).summary.anything
        import_exchange(b, file, "cuenca")
        assert a.dump() == b.dump()
