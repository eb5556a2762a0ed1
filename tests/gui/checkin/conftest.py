"""An event to check people in at, and the check-in page showing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from fieldkit.core import ids
from fieldkit.core.model import (
    Event,
    EventFormat,
    Gender,
    Organisation,
    Person,
    Registration,
    Session,
    SessionKind,
    SessionMode,
)
from fieldkit.gui.checkin.page import CheckinPage
from fieldkit.gui.shell.context import PageContext
from fieldkit.store import Workspace

NOW = dt.datetime(2021, 10, 11, 8, 42, 30)
# A popup (menu, combo list, completer) on the offscreen platform says this; not the page's doing.
POPUP = pytest.mark.qt_log_ignore("does not support grabbing the keyboard")


@dataclass(frozen=True)
class Door:
    event_id: str
    arrival: str
    plenary: str
    online: str  # a virtual session
    panels: str  # names not taken: a head count
    juana: Person
    wilber: Person
    rosa: Person
    ana: Person  # known to the workspace, not registered


def add_door_event(ws: Workspace) -> Door:
    network = Organisation(id=ids.new_id(), name="Red de Mujeres", short_name="RM")
    event = Event(
        id=ids.new_id(),
        code="PE-BO-TEST",
        title="Encuentro",
        start_date=dt.date(2021, 10, 11),
        end_date=dt.date(2021, 10, 11),
        format=EventFormat.HYBRID,
    )
    juana = Person(
        id=ids.new_id(),
        given_names="Juana",
        surnames="Núñez Quispe",
        gender=Gender.WOMAN,
        organisation_id=network.id,
        phone="+591 71234567",
    )
    wilber = Person(id=ids.new_id(), given_names="Wilber", surnames="Ch'uxña", gender=Gender.MAN)
    rosa = Person(
        id=ids.new_id(), given_names="Rosa", surnames="Quispe Mamani", gender=Gender.WOMAN
    )
    ana = Person(id=ids.new_id(), given_names="Ana", surnames="Mamani Apaza", gender=Gender.WOMAN)
    ws.save(network, event, juana, wilber, rosa, ana)
    day = ws.add_day(event.id, dt.date(2021, 10, 11)).value
    plenary = Session(
        id=ids.new_id(),
        day_id=day.id,
        start_time="09:00",
        title="Inauguración",
        mode=SessionMode.HYBRID,
    )
    online = Session(
        id=ids.new_id(),
        day_id=day.id,
        start_time="08:30",
        title="Conexión",
        kind=SessionKind.OTHER,
        mode=SessionMode.VIRTUAL,
    )
    panels = Session(
        id=ids.new_id(),
        day_id=day.id,
        start_time="11:00",
        title="Paneles",
        kind=SessionKind.EXHIBITION_PANEL,
        names_taken=False,
    )
    registrations = [
        Registration(
            id=ids.registration_id(event.id, person.id),
            event_id=event.id,
            person_id=person.id,
            delegation=delegation,
            badge_code=badge,
        )
        for person, delegation, badge in (
            (juana, "Taraco", "B-001"),
            (wilber, "Salinas", "B-002"),
            (rosa, "Taraco", "B-003"),
        )
    ]
    ws.save(plenary, online, panels, *registrations)
    return Door(
        event.id, ids.arrival_id(day.id), plenary.id, online.id, panels.id, juana, wilber, rosa, ana
    )


@pytest.fixture
def door(workspace: Workspace) -> Door:
    return add_door_event(workspace)


@pytest.fixture
def page(qtbot, workspace: Workspace, door: Door) -> Iterator[CheckinPage]:  # type: ignore[no-untyped-def]
    widget = CheckinPage(PageContext(workspace), now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.set_event(door.event_id)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.view.search.setFocus()
    qtbot.waitUntil(lambda: widget.view.search.hasFocus())
    yield widget


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard; QTest.keyClicks only knows ASCII, so accented letters are sent as
    key events that carry their text (as a Spanish keyboard's dead keys end up)."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def press(
    widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifier)


def focused() -> QWidget | None:
    return QApplication.focusWidget()
