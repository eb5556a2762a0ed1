"""The base of the table models: columns declared once, headers, roles answered from a table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from fieldkit import i18n
from fieldkit.gui.checkin.results_model import ResultsModel
from fieldkit.gui.events.list_model import EventListModel
from fieldkit.gui.people.model import PeopleTableModel
from fieldkit.gui.people.organisations_model import OrganisationsModel
from fieldkit.gui.widgets.table_model import Column, TableModel
from fieldkit.i18n import _

Display = Qt.ItemDataRole.DisplayRole


class Fruits(TableModel):
    COL_NAME, COL_COLOUR = range(2)
    COLUMNS = (Column(lambda: _("Name"), "name"), Column(lambda: _("Country"), "colour"))
    NameRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self.rows = [("mango", "yellow"), ("lima", "green")]

    def row_count(self) -> int:
        return len(self.rows)

    def role_handlers(self):  # type: ignore[no-untyped-def]
        return {
            Display: lambda row, column: self.rows[row][column],
            self.NameRole: lambda row, _column: self.rows[row][0],
        }


def test_the_base_answers_headers_counts_and_roles(qapp) -> None:
    model = Fruits()
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table
    assert model.fields() == ("name", "colour")
    assert model.headerData(Fruits.COL_COLOUR, Qt.Orientation.Horizontal) == "Country"
    assert model.headerData(2, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.index(1, Fruits.COL_COLOUR).data() == "green"
    assert model.index(1, 1).data(Fruits.NameRole) == "lima"
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) is None  # a role it does not know
    assert model.data(QModelIndex()) is None


def test_headers_follow_the_language(qapp, qtbot) -> None:
    model = Fruits()
    try:
        i18n.set_language("es")
        with qtbot.waitSignal(model.headerDataChanged):
            model.retranslate_headers()
        assert model.headerData(Fruits.COL_NAME, Qt.Orientation.Horizontal) == "Nombre"
    finally:
        i18n.set_language("en")


def test_constants_that_do_not_match_the_columns_are_refused() -> None:
    with pytest.raises(TypeError, match="COL_"):

        class Wrong(TableModel):
            COL_NAME, COL_COLOUR, COL_TASTE = range(3)
            COLUMNS = (Column(lambda: "Name"), Column(lambda: "Colour"))


@pytest.mark.parametrize(
    "model", [PeopleTableModel, OrganisationsModel, EventListModel, ResultsModel]
)
def test_the_window_models_declare_their_columns_once(qapp, model: type[TableModel]) -> None:
    assert issubclass(model, TableModel)
    count = getattr(model, "COLUMN_COUNT", len(model.COLUMNS))
    assert len(model.COLUMNS) == count and all(c.header() for c in model.COLUMNS)
