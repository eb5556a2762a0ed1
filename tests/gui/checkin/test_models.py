"""The results and sheet models, without a window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fieldkit.core.checkin import CheckinPerson
from fieldkit.core.model import Attendance, AttendanceMode, AttendanceStatus, Gender
from fieldkit.gui.checkin.paper_panel import SheetModel
from fieldkit.gui.checkin.results_model import ResultsModel

JUANA = CheckinPerson(
    "p1", "Juana", "Núñez", Gender.WOMAN, "Red de Mujeres", "RM", True, "Taraco", "B-1"
)
ANA = CheckinPerson("p2", "Ana", "Mamani", Gender.WOMAN)
AT = dt.datetime(2021, 10, 11, 8, 42)


def test_results_show_name_origin_badge_and_check_in(qapp) -> None:  # type: ignore[no-untyped-def]
    records = {
        "p1": Attendance("a1", "s", "p1", mode=AttendanceMode.VIRTUAL, checked_in_at=AT),
    }
    model = ResultsModel(records.get)
    model.set_people([JUANA, ANA])
    cells = [[model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert cells == [
        ["Juana Núñez", "RM · Taraco", "B-1", "✓ 8:42\u202fAM virtual"],
        ["Ana Mamani", "", "", "not registered"],
    ]
    assert model.index(0, 0).data(ResultsModel.PersonIdRole) == "p1"
    assert model.index(1, 0).data(ResultsModel.PersonRole) is ANA
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"

    records["p1"] = Attendance(
        "a1", "s", "p1", status=AttendanceStatus.LEFT_EARLY, checked_in_at=AT, left_at=AT
    )
    model.refresh_status()
    assert model.index(0, 3).data() == "left early 8:42\u202fAM"
    assert model.person(5) is None


def test_the_sheet_numbers_its_rows(qapp) -> None:  # type: ignore[no-untyped-def]
    model = SheetModel(lambda _person_id: None)
    model.set_people([ANA, JUANA])
    assert model.columnCount() == 5
    assert [model.index(r, 0).data() for r in range(2)] == ["1", "2"]
    assert model.index(1, 1).data() == "Juana Núñez"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Row"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"
