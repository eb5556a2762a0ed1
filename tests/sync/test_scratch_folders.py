"""The temporary folders of imports killed halfway are cleared by the next import, and only those."""

from __future__ import annotations

from pathlib import Path

from fieldkit.core.ids import new_id
from fieldkit.core.model import Person
from fieldkit.store import Workspace
from fieldkit.sync import scratch
from fieldkit.sync.exchange import export_exchange, import_exchange


def _left_by_a_killed_import(folder: Path, owner: str) -> Path:
    """What a process killed during an import leaves: its folder, with the copy of the file."""
    left = scratch.make_folder(folder, owner)
    (left / "incoming").write_bytes(b"names and phone numbers")
    scratch._live.discard(left)  # the process that made it is gone
    return left


def test_the_next_import_clears_what_killed_imports_left_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir(exist_ok=True)
    with Workspace(tmp_path / "other" / "w.sqlite") as other:
        other.save(Person(id=new_id(), given_names="Juana"))
        exchange = export_exchange(other, tmp_path / "other.fkx").path
    folder = tmp_path / "team"
    folder.mkdir()
    with Workspace(folder / "w.sqlite") as ws:
        killed = [_left_by_a_killed_import(folder, "w.sqlite") for _ in range(3)]
        neighbour = _left_by_a_killed_import(folder, "neighbour.sqlite")  # open elsewhere, maybe
        untagged = folder / ".fieldkit-import-abcd1234"  # not known to be this workspace's
        untagged.mkdir()
        import_exchange(ws, exchange)
    assert not any(path.exists() for path in killed)
    assert neighbour.is_dir()
    assert untagged.is_dir()
    assert sorted(p.name for p in folder.glob(".fieldkit-import-*")) == sorted(
        [neighbour.name, untagged.name]
    )


def test_a_folder_in_use_in_this_process_is_kept(tmp_path: Path) -> None:
    reading = scratch.make_folder(tmp_path, "w.sqlite")
    (reading / "incoming").write_bytes(b"in use")
    second = scratch.make_folder(tmp_path, "w.sqlite")  # a preview while another file is read
    assert (reading / "incoming").read_bytes() == b"in use"
    scratch.remove_folder(second)
    scratch.remove_folder(reading)
    assert not list(tmp_path.iterdir())
