"""What the minutes gather from a workspace: scope, photos that consent allows, the logo."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from fieldkit.core import ids
from fieldkit.core.errors import NotFound
from fieldkit.core.model import Attachment, Person, Session, WorkingGroup
from fieldkit.demo import ENCOUNTER_CODE, MISSION_CODE
from fieldkit.reports import build_minutes, gather_minutes
from fieldkit.reports.data import Scope
from fieldkit.store import Workspace


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _photo(ws: Workspace, event_id: str, session_id: str, caption: str, **values: object) -> None:
    data = _png(("teal", "navy", "olive")[len(caption) % 3])
    ws.save(
        Attachment(
            id=ids.new_id(),
            event_id=event_id,
            session_id=session_id,
            sha256=ws.add_blob(data),
            filename=f"{caption}.png",
            media_type="image/png",
            size=len(data),
            caption=caption,
            **values,  # type: ignore[arg-type]
        )
    )


def _images(path: Path) -> int:
    count = 0
    for page in PdfReader(path).pages:
        objects = page["/Resources"].get("/XObject", {})
        count += sum(1 for x in objects.values() if x.get_object()["/Subtype"] == "/Image")
    return count


def test_photos_print_only_where_consent_allows(
    workspace: Workspace, sample_event: str, tmp_path: Path
) -> None:
    plenary = next(s for s in workspace.event_sessions(sample_event) if s.title == "Plenaria")
    group = workspace.list(WorkingGroup, where={"session_id": plenary.id})[0]
    _photo(workspace, sample_event, plenary.id, "papelógrafo sin personas")
    _photo(workspace, sample_event, plenary.id, "foto de la plenaria", shows_people=True)
    _photo(
        workspace, sample_event, plenary.id, "foto del grupo", shows_people=True, group_id=group.id
    )
    session = _session(gather_minutes(workspace, "TEST-1"), plenary)
    assert [p.caption for p in session.photos] == ["papelógrafo sin personas"]
    assert session.groups[0].photos == ()

    # Wilber, the one person recorded at the plenary, agrees to photos; Juana, the group's
    # member, does not yet.
    wilber = next(p for p in workspace.list(Person) if p.given_names == "Wilber")
    workspace.update(Person, wilber.id, consent_photos=True)
    data = gather_minutes(workspace, "TEST-1")
    session = _session(data, plenary)
    assert sorted(p.caption for p in session.photos) == [
        "foto de la plenaria",
        "papelógrafo sin personas",
    ]
    assert session.groups[0].photos == ()
    out = build_minutes(data, "es", "a4", tmp_path / "fotos.pdf")
    assert _images(out) == 2
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "foto de la plenaria" in text and "foto del grupo" not in text


def _session(data: object, session: Session) -> object:
    return next(s for s in data.sessions if s.id == session.id)  # type: ignore[attr-defined]


def test_the_logo_and_organisation_of_the_settings_are_on_the_cover(
    workspace: Workspace, sample_event: str, tmp_path: Path
) -> None:
    logo = _png("orange")
    workspace.set_setting("logo", workspace.add_blob(logo))
    workspace.set_setting("organisation_name", "Red de Mujeres Ch'uxña")
    data = gather_minutes(workspace, "TEST-1")
    assert data.logo == logo
    out = build_minutes(data, "en", "a4", tmp_path / "logo.pdf")
    first = PdfReader(out).pages[0]
    resources = first["/Resources"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in resources["/XObject"].values())
    assert "Red de Mujeres Ch'uxña" in first.extract_text()


def test_head_counts_and_names_not_taken(workspace: Workspace, sample_event: str) -> None:
    data = gather_minutes(workspace, "TEST-1")
    panel = next(s for s in data.sessions if s.title == "Paneles")
    assert not panel.names_taken
    (count,) = [h for h in data.head_counts if h.session_id == panel.id]
    assert (count.women, count.men, count.total) == (12, 9, 21)


def test_the_scope_limits_days_sessions_and_people(demo_ws: Workspace) -> None:
    event = demo_ws.find_event(ENCOUNTER_CODE)
    whole = gather_minutes(demo_ws, ENCOUNTER_CODE)
    day = gather_minutes(demo_ws, ENCOUNTER_CODE, day=3)
    assert whole.scope == Scope.EVENT and day.scope == Scope.DAY
    assert [d.number for d in day.days] == [3] and day.day_count == 3
    assert (
        len(day.participants)
        == demo_ws.present_counts(event.id)[day.days[0] and demo_ws.event_days(event.id)[2].id]
    )
    assert len(whole.participants) == len({p.person_id for p in whole.presences})
    assert day.general_decisions == ()  # the decisions of the event go with its own minutes
    assert len(whole.actions) == 7
    assert [a.what for a in day.actions] == [a.what for a in whole.actions]  # all from day 3
    assert {s.name for s in whole.signatories} == {
        "Andrés Flores Chávez",
        "Marisol Huamán Quispe",
        "Claire Dumont",
        "Julien Moreau",
    }


def test_not_found_names_what_exists(demo_ws: Workspace) -> None:
    with pytest.raises(NotFound, match=r"^The event PE-BO-2021 has no day 4; it has 3 days\.$"):
        gather_minutes(demo_ws, ENCOUNTER_CODE, day=4)
    with pytest.raises(NotFound, match="no event"):
        gather_minutes(demo_ws, "XX")


def test_the_mission_of_seven_days_lists_the_days_present(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    data = gather_minutes(demo_ws, MISSION_CODE)
    assert len(data.days) == 7
    out = build_minutes(data, "fr", "letter", tmp_path / "mission.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Jours de présence" in text
    assert "15–30 mars 2008" in text
