import copy
import json
from pathlib import Path
from typing import Any

import pytest

from fieldkit.core import ids
from fieldkit.core.errors import UserError
from fieldkit.core.model import Event, Session, Tally
from fieldkit.io import interchange
from fieldkit.io.interchange_schema import build_schema
from fieldkit.paths import resources_dir
from fieldkit.store import Workspace


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_the_shipped_schema_is_the_one_the_code_builds() -> None:
    shipped = json.loads(
        (resources_dir() / "schema" / "event-interchange.schema.json").read_text("utf-8")
    )
    assert shipped == build_schema()


def test_export_import_export_is_lossless(
    workspace: Workspace, sample_event: str, tmp_path: Path
) -> None:
    first = interchange.export_event(workspace, sample_event)
    interchange.write_document(first, tmp_path / "event.json")
    document = interchange.read_document(tmp_path / "event.json")
    with Workspace(tmp_path / "other.sqlite") as other:
        result = interchange.import_document(other, document)
        assert result.value.created
        second = interchange.export_event(other, sample_event)
    assert _without_time(second) == _without_time(first)
    assert first["event"]["tallies"][0]["women"] == 12
    assert {s["title"] for s in first["event"]["sessions"]} >= {"Plenaria", "Paneles"}
    assert all("id" in s for s in first["event"]["sessions"])


def test_two_exports_differ_at_most_in_their_time(workspace: Workspace, sample_event: str) -> None:
    first = interchange.export_event(workspace, sample_event)
    second = interchange.export_event(workspace, "TEST-1")
    assert _without_time(first) == _without_time(second)
    text = json.dumps(first)
    assert workspace.device_id not in text


def test_importing_an_unchanged_document_changes_nothing(
    workspace: Workspace, sample_event: str
) -> None:
    document = interchange.export_event(workspace, sample_event)
    result = interchange.import_document(workspace, document)
    assert not result.value.created
    assert not result.changes.anything


def test_an_import_updates_in_place_as_local_edits(workspace: Workspace, sample_event: str) -> None:
    document = interchange.export_event(workspace, sample_event)
    session = document["event"]["sessions"][1]
    before = workspace.clocks(Session, session["id"])
    session["title"] = "Plenaria de apertura"
    document["event"]["sessions"][1]["axes"] = []
    document["event"]["tallies"][0]["men"] = 10
    result = interchange.import_document(workspace, document)
    assert result.changes.agenda
    after = workspace.clocks(Session, session["id"])
    assert after["title"] > before["title"]
    assert after["start_time"] == before["start_time"]
    assert workspace.require(Session, session["id"]).title == "Plenaria de apertura"
    again = interchange.export_event(workspace, sample_event)
    assert again["event"]["sessions"][1]["axes"] == []
    assert again["event"]["tallies"][0]["men"] == 10
    mine = [t for t in workspace.list(Tally) if t.device == workspace.device_id]
    assert [t.men for t in mine] == [1]


def test_head_counts_can_be_credited_to_a_named_device(
    workspace: Workspace, sample_event: str, tmp_path: Path
) -> None:
    document = interchange.export_event(workspace, sample_event)
    with Workspace(tmp_path / "other.sqlite") as other:
        interchange.import_document(other, document, counted_by="desk")
        tallies = other.list(Tally)
        assert {t.device for t in tallies} == {"desk"}
        counted = document["event"]["tallies"]
        assert {t.id for t in tallies} == {ids.tally_id(c["session_id"], "desk") for c in counted}
        assert sum(t.women for t in tallies) == sum(c["women"] for c in counted)
        assert not interchange.import_document(other, document, counted_by="desk").changes.anything


def test_an_event_code_taken_by_another_event_is_refused(
    workspace: Workspace, sample_event: str
) -> None:
    document = copy.deepcopy(interchange.export_event(workspace, sample_event))
    document["event"]["id"] = "00000000-0000-4000-8000-000000000000"
    for collection in ("sessions",):
        assert document["event"][collection]
    with pytest.raises(Exception, match="already has the code"):
        interchange.import_document(workspace, document)
    assert workspace.get(Event, "00000000-0000-4000-8000-000000000000") is None


def test_a_lone_surrogate_escape_is_refused_in_one_sentence_and_changes_nothing(
    workspace: Workspace, sample_event: str, tmp_path: Path
) -> None:
    from fieldkit.cli import main

    document = interchange.export_event(workspace, sample_event)
    document["event"]["title"] = "Taller PLACEHOLDER"
    text = json.dumps(document, ensure_ascii=False).replace("PLACEHOLDER", "\\ud800")
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match="not valid Unicode"):
        interchange.read_document(path)
    db = workspace.path
    before = workspace.dump()
    workspace.close()
    assert main(["--db", str(db), "import-json", str(path)]) != 0
    with Workspace(db) as again:
        assert again.dump() == before
    # A pair of surrogates is one character: an emoji in a title is welcome.
    path.write_text(text.replace("\\ud800", "\\ud83c\\udf3d"), encoding="utf-8")
    assert interchange.read_document(path)["event"]["title"] == "Taller 🌽"
