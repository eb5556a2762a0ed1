"""The Overview page shows what was entered about an event: its programme, partners and context."""

from __future__ import annotations

import dataclasses

from fieldkit.core.ids import new_id, partner_id
from fieldkit.core.model import EventPartner, Organisation, PartnerRole, Programme
from fieldkit.gui.events.overview import load_overview, overview_html
from fieldkit.store import Workspace

from .conftest import Sample
from .test_main_window import open_window

CONTEXT = "Depuis 2006, Uniterra travaille avec l'AMUPEI.\n\nLa Coalition <Eau Secours!> plaide."


def _enter(ws: Workspace, sample: Sample) -> None:
    programme = Programme(id=new_id(), name="Uniterra")
    amupei = Organisation(
        id=new_id(),
        name="Articulación de Mujeres por la Equidad y Igualdad",
        short_name="AMUPEI",
    )
    ceci = Organisation(id=new_id(), name="Centre d'étude et de coopération internationale")
    coalition = Organisation(id=new_id(), name="Coalition Eau Secours!", short_name="Eau Secours!")
    event = dataclasses.replace(sample.mission, context=CONTEXT, programme_id=programme.id)
    links = [
        EventPartner(
            id=partner_id(event.id, org.id), event_id=event.id, organisation_id=org.id, role=role
        )
        for org, role in (
            (ceci, PartnerRole.FUNDER),
            (coalition, PartnerRole.ORGANISER),
            (amupei, PartnerRole.ORGANISER),
        )
    ]
    ws.save(programme, amupei, ceci, coalition, event, *links)


def test_the_overview_shows_the_programme_partners_and_context(
    workspace: Workspace, sample: Sample
) -> None:
    _enter(workspace, sample)
    data = load_overview(workspace, sample.mission.id)
    assert data is not None
    assert data.programme == "Uniterra"
    # Organisers first, then funders (the order of the minutes' cover), by name within a role.
    assert [(p.role, p.name[:5]) for p in data.partners] == [
        (PartnerRole.ORGANISER, "Artic"),
        (PartnerRole.ORGANISER, "Coali"),
        (PartnerRole.FUNDER, "Centr"),
    ]
    page = overview_html(data, "en")
    assert "<td class='label'>Programme</td><td>Uniterra</td>" in page
    assert "<h2>Partner organisations</h2>" in page
    assert (
        "Organised by</td><td>Articulación de Mujeres por la Equidad y Igualdad (AMUPEI) and "
        "Coalition Eau Secours!</td>"  # no "(Eau Secours!)" after a name that says it
    ) in page
    assert "With the support of</td><td>Centre d&#x27;étude et de coopération" in page
    assert "<h2>Context</h2>" in page
    # One paragraph per block typed, the text escaped.
    assert "<p>Depuis 2006, Uniterra travaille avec l&#x27;AMUPEI.</p>" in page
    assert "<p>La Coalition &lt;Eau Secours!&gt; plaide.</p>" in page
    assert page.index("Partner organisations") < page.index("Context") < page.index("Agenda")


def test_an_event_without_them_shows_no_empty_headings(
    workspace: Workspace, sample: Sample
) -> None:
    data = load_overview(workspace, sample.workshop.id)
    assert data is not None and data.programme == "" and data.partners == ()
    page = overview_html(data, "en")
    assert "Partner organisations" not in page and "Context" not in page
    assert "Programme" not in page


def test_the_overview_page_shows_them_in_the_window(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _enter(workspace, sample)
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.mission.id)
    window.show_page("overview")
    text = window.page("overview").overview.toPlainText()
    assert "Uniterra" in text
    assert "Centre d'étude et de coopération internationale" in text
    assert "La Coalition <Eau Secours!> plaide." in text
