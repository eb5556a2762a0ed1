"""Two laptops that each create an event with the same short code still exchange, both ways.

The event whose code was written first keeps it; the other takes a suffix as an edit that travels;
the user is told, in the preview and after the import, and both laptops end with the same data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.core import ids
from fieldkit.core.model import Day, Event
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    for laptop in ("a", "b"):
        (tmp_path / laptop).mkdir()
    a = Workspace(tmp_path / "a" / "workspace.sqlite")
    b = Workspace(tmp_path / "b" / "workspace.sqlite")
    yield a, b
    a.close()
    b.close()


def _event(ws: Workspace, code: str, title: str) -> Event:
    event = Event(id=ids.new_id(), code=code, title=title)
    ws.save(event, Day(id=ids.new_id(), event_id=event.id))
    return event


def _codes(ws: Workspace) -> dict[str, str]:
    return {event.id: event.code for event in ws.events()}


def test_the_same_code_on_two_laptops_no_longer_stops_the_exchange(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    a, b = two
    first = _event(a, "TALLER", "Taller de vocerías, Sucre")
    second = _event(b, "TALLER", "Taller de mapeo, Cusco")  # written later: loses the code

    preview = import_exchange(b, export_exchange(a, tmp_path / "a1.fkx").path, dry_run=True)
    assert [(r.event_id, r.old, r.new) for r in preview.summary.renamed_codes] == [
        (second.id, "TALLER", "TALLER-2")
    ]
    assert _codes(b) == {second.id: "TALLER"}  # the preview wrote nothing

    report = import_exchange(b, export_exchange(a, tmp_path / "a1.fkx").path)
    assert [(r.event_id, r.new) for r in report.summary.renamed_codes] == [(second.id, "TALLER-2")]
    assert _codes(b) == {first.id: "TALLER", second.id: "TALLER-2"}

    # The other way: a meets the clash too and settles it alike, then the rename arrives.
    import_exchange(a, export_exchange(b, tmp_path / "b1.fkx").path)
    assert _codes(a) == {first.id: "TALLER", second.id: "TALLER-2"}
    import_exchange(b, export_exchange(a, tmp_path / "a2.fkx").path)
    assert a.dump() == b.dump()


def test_the_code_written_first_is_kept_whichever_laptop_imports(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    a, b = two
    first = _event(b, "ENC", "Encuentro de Cochabamba")
    second = _event(a, "ENC", "Encuentro de Puno")
    # a imports first: its own event is the later one and gives up the code.
    report = import_exchange(a, export_exchange(b, tmp_path / "b.fkx").path)
    assert [(r.event_id, r.title, r.new) for r in report.summary.renamed_codes] == [
        (second.id, "Encuentro de Puno", "ENC-2")
    ]
    assert _codes(a) == {first.id: "ENC", second.id: "ENC-2"}
    import_exchange(b, export_exchange(a, tmp_path / "a.fkx").path)
    assert _codes(b) == _codes(a)
    assert a.dump() == b.dump()
    assert not import_exchange(a, export_exchange(b, tmp_path / "b2.fkx").path).summary.anything


def test_a_suffix_already_taken_is_skipped(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    a, b = two
    _event(a, "T", "Primero")
    _event(b, "T-2", "Copia")
    late = _event(b, "T", "Segundo")
    import_exchange(b, export_exchange(a, tmp_path / "a.fkx").path)
    assert _codes(b)[late.id] == "T-3"
    import_exchange(a, export_exchange(b, tmp_path / "b.fkx").path)
    assert sorted(_codes(a).values()) == ["T", "T-2", "T-3"]
    assert a.dump() == b.dump()


def test_the_command_line_says_which_event_got_which_code(
    two: tuple[Workspace, Workspace], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldkit.cli import main

    a, b = two
    _event(a, "TALLER", "Taller de vocerías")
    _event(b, "TALLER", "Taller de mapeo")
    file = export_exchange(a, tmp_path / "a.fkx").path
    db = b.path
    b.close()
    assert main(["--db", str(db), "sync", "import", str(file), "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "“Taller de mapeo” will get the code TALLER-2: TALLER belongs to another event." in err
    assert main(["--db", str(db), "sync", "import", str(file)]) == 0
    err = capsys.readouterr().err
    assert "“Taller de mapeo” now has the code TALLER-2" in err
