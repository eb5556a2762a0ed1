"""The action items table model, without a window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from fieldkit.core.model import ActionItem, ActionStatus, Result
from fieldkit.gui.notes.actions_model import ActionsModel, split_owners


def test_rows_are_shown_and_edited(qapp, workspace, sample_event) -> None:
    written: list[Result[Any]] = []

    def write(mutation):  # type: ignore[no-untyped-def]
        written.append(mutation())
        return written[-1]

    model = ActionsModel(workspace, write)
    model.set_rows(workspace.action_rows(sample_event))
    assert model.rowCount() == 1
    assert model.headerData(ActionsModel.COL_SESSION, Qt.Orientation.Horizontal) == "Session"
    assert [model.data(model.index(0, c)) for c in range(ActionsModel.COLUMNS)] == [
        "Informe",
        "Red de Mujeres",
        "",
        "Open",
        "Plenaria",
    ]
    status = model.index(0, ActionsModel.COL_STATUS)
    assert [v for _label, v in model.data(status, ActionsModel.CHOICES_ROLE)] == [
        s.value for s in ActionStatus
    ]
    assert model.setData(model.index(0, ActionsModel.COL_DUE), dt.date(2021, 11, 30))
    assert not model.setData(model.index(0, ActionsModel.COL_DUE), dt.date(2021, 11, 30))
    assert model.setData(status, ActionStatus.DONE.value)
    assert model.setData(model.index(0, ActionsModel.COL_WHAT), "  Informe final ")
    item = workspace.require(ActionItem, model.rows[0].item.id)
    assert (item.what, item.due_date, item.status) == (
        "Informe final",
        dt.date(2021, 11, 30),
        ActionStatus.DONE,
    )
    assert len(written) == 3 and all(c.changes.notes for c in written)


def test_earlier_actions_are_read_only(qapp, workspace, sample_event) -> None:
    model = ActionsModel(workspace, lambda m: m(), earlier=True)
    model.set_rows(workspace.action_rows(sample_event))
    index = model.index(0, ActionsModel.COL_WHAT)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "x")
    assert model.data(model.index(0, ActionsModel.COL_SESSION)) == "TEST-1"


def test_owners_are_split_on_semicolons() -> None:
    assert split_owners(" RM ;; Rosa Quispe\nIDRA ") == ["RM", "Rosa Quispe", "IDRA"]
