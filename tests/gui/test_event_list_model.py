"""The events table model and its proxy, without a window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from fieldkit.core.model import EventSummary
from fieldkit.gui.events.list_model import EventFilterProxyModel, EventListModel
from fieldkit.i18n import format_date_range
from fieldkit.store import Workspace

from .conftest import Sample

COLS = EventListModel


def summary(title: str, code: str = "", start: dt.date | None = None, end: dt.date | None = None):
    return EventSummary(id=f"id-{title}", code=code, title=title, start_date=start, end_date=end)


EVENTS = [
    summary("Mission Eau Secours!", "EAU-2008", dt.date(2008, 3, 15), dt.date(2008, 3, 30)),
    summary(
        "Encuentro binacional Perú–Bolivia", "PE-BO", dt.date(2021, 10, 11), dt.date(2021, 10, 13)
    ),
    summary("Atelier sans date"),
    summary("Taller de un día", "T1", dt.date(2019, 5, 2), dt.date(2019, 5, 2)),
]


@pytest.fixture
def model(qapp) -> EventListModel:
    model = EventListModel()
    model.set_events(EVENTS)
    return model


@pytest.fixture
def proxy(model: EventListModel) -> EventFilterProxyModel:
    proxy = EventFilterProxyModel()
    proxy.setSourceModel(model)
    return proxy


def column(model, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list:
    return [model.index(row, col).data(role) for row in range(model.rowCount())]


def test_rows_and_columns(model: EventListModel) -> None:
    assert model.rowCount() == 4
    assert model.columnCount() == 3
    # Latest first, undated last.
    assert column(model, COLS.COL_TITLE) == [
        "Encuentro binacional Perú–Bolivia",
        "Taller de un día",
        "Mission Eau Secours!",
        "Atelier sans date",
    ]
    assert column(model, COLS.COL_CODE)[0] == "PE-BO"
    dates = column(model, COLS.COL_DATES)
    assert dates[2] == format_date_range(dt.date(2008, 3, 15), dt.date(2008, 3, 30), "en")
    assert "15" in dates[2] and "30" in dates[2] and "2008" in dates[2]
    assert dates[3] == ""  # no dates yet
    assert dates[1] == "May 2, 2019"  # a one-day event shows one date
    header = [
        model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for col in range(3)
    ]
    assert header == ["Title", "Code", "Dates"]


def test_id_role(model: EventListModel) -> None:
    ids = column(model, COLS.COL_DATES, EventListModel.EventIdRole)
    assert sorted(ids) == sorted(event.id for event in EVENTS)
    assert model.row_of("id-Atelier sans date") == 3
    assert model.row_of("missing") == -1


def test_fed_from_the_workspace(qapp, workspace: Workspace, sample: Sample) -> None:
    model = EventListModel()
    model.set_events(workspace.events())
    assert set(column(model, COLS.COL_CODE)) == {"EAU-2008", "PE-BO-2021", ""}
    row = model.row_of(sample.encounter.id)
    assert model.index(row, COLS.COL_TITLE).data() == sample.encounter.title


def test_sorting_by_date(proxy: EventFilterProxyModel) -> None:
    proxy.sort(COLS.COL_DATES, Qt.SortOrder.AscendingOrder)
    assert column(proxy, COLS.COL_TITLE) == [
        "Atelier sans date",
        "Mission Eau Secours!",
        "Taller de un día",
        "Encuentro binacional Perú–Bolivia",
    ]
    proxy.sort(COLS.COL_DATES, Qt.SortOrder.DescendingOrder)
    assert column(proxy, COLS.COL_TITLE)[0] == "Encuentro binacional Perú–Bolivia"


def test_sorting_by_title_ignores_accents_and_case(proxy: EventFilterProxyModel, model) -> None:
    model.set_events([*EVENTS, summary("élan"), summary("Zinc")])
    proxy.sort(COLS.COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = column(proxy, COLS.COL_TITLE)
    assert (
        titles.index("élan")
        < titles.index("Encuentro binacional Perú–Bolivia")
        < titles.index("Zinc")
    )


def test_filter_by_words_ignoring_accents(proxy: EventFilterProxyModel) -> None:
    proxy.set_filter_text("peru BOL")
    assert column(proxy, COLS.COL_TITLE) == ["Encuentro binacional Perú–Bolivia"]
    proxy.set_filter_text("eau-2008")  # the code matches too
    assert column(proxy, COLS.COL_CODE) == ["EAU-2008"]
    proxy.set_filter_text("ecours")  # words match from their start only
    assert proxy.rowCount() == 0
    proxy.set_filter_text("  ")
    assert proxy.rowCount() == 4
    assert proxy.index(0, 0).data(EventListModel.EventIdRole) in {e.id for e in EVENTS}


def test_retranslate_changes_headers_and_dates(model: EventListModel, qtbot) -> None:
    from fieldkit import i18n

    with qtbot.waitSignal(model.headerDataChanged):
        model.retranslate_ui()
    try:
        i18n.set_language("fr")
        row = model.row_of("id-Mission Eau Secours!")
        assert "mars" in model.index(row, COLS.COL_DATES).data()
    finally:
        i18n.set_language("en")
