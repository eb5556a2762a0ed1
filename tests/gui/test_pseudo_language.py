"""Every page and dialog in the pseudo-language at 1366×768: no text escapes translation, no label
is cut.

In the pseudo-language every message is a third longer and bracketed ("[Ŝàvé····]"). The test
opens the window on the demo workspace, visits every page of the registry (and the states of a
page a facilitator meets: the check-in's walk-in form, its paper sheet and head count, a new
person…) and opens each dialog without exec(). On each it walks the visible labels, buttons,
group boxes, tabs, table headers and window titles and collects:

- *unmarked* texts: a text with a letter that is neither inside brackets nor data. Data is what
  the workspace holds (names, titles, places: every string of `ws.dump()`), the application's
  name, and the names of months and days in the formatting locale (dates are formats, not
  messages); what is left once they are removed must have no letter;
- *cut* labels and buttons: a one-line label or a button whose `sizeHint()` is wider than its
  width, a wrapping label whose text needs more height than it has.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)

from fieldkit import i18n
from fieldkit.gui.shell.main_controller import DEMO_OFFERED, create_main_window
from fieldkit.gui.shell.main_window import MainWindow
from fieldkit.gui.shell.pages import PAGES
from fieldkit.gui.shell.qt_language import apply_language
from fieldkit.store import Workspace
from fieldkit.store.backups import DAILY, list_backups, take_backup

SIZE = (1366, 768)
_TAG = re.compile(r"<[^>]*>")
_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_LETTER = re.compile(r"[^\W\d_]")
# Qt's own texts: no pseudo catalog exists for them (they are French or Spanish in those
# languages; `test_languages` checks that).
QT_OWN = {"OK", "Cancel", "Close", "Yes", "No", "Apply", "Save", "Open", "Discard"}


@dataclass
class Findings:
    unmarked: set[tuple[str, str]] = field(default_factory=set)  # (where, text)
    cut: set[tuple[str, str]] = field(default_factory=set)

    def report(self) -> str:
        lines = [f"unmarked {where}: {text!r}" for where, text in sorted(self.unmarked)]
        lines += [f"cut {where}: {text!r}" for where, text in sorted(self.cut)]
        return "\n".join(lines)


class Checker:
    def __init__(self, data: set[str]) -> None:
        locale = Locale.parse(i18n.current_locale())
        words: set[str] = {"fieldkit"}
        for kind in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                words.update(locale.months[kind][width].values())
                words.update(locale.days[kind][width].values())
        words.update(locale.day_periods["format"]["abbreviated"].values())
        # Longest first, so a name is removed whole before a part of it.
        self.data = sorted((d for d in data | words if d.strip()), key=len, reverse=True)
        self.findings = Findings()
        self.seen = 0  # texts looked at

    def unmarked(self, text: str) -> bool:
        rest = html.unescape(_TAG.sub(" ", text))
        while True:  # inside out: a message may hold another ('[Ŝhéét: [Mondày…]··]')
            inner = _BRACKETED.sub(" ", rest)
            if inner == rest:
                break
            rest = inner
        if not _LETTER.search(rest):
            return False
        for item in self.data:
            if item in rest:
                rest = rest.replace(item, " ")
                if not _LETTER.search(rest):
                    return False
        return bool(_LETTER.search(rest))

    def text(self, where: str, text: str) -> None:
        self.seen += 1
        if text and text.replace("&", "") not in QT_OWN and self.unmarked(text):
            self.findings.unmarked.add((where, text))

    def walk(self, where: str, root: QWidget) -> None:
        self.text(f"{where} title", root.windowTitle() if root.isWindow() else "")
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisibleTo(root) and widget is not root:
                continue
            name = f"{where}/{type(widget).__name__}:{widget.objectName()}"
            if isinstance(widget, QLabel):
                self._label(name, widget)
            elif isinstance(widget, QAbstractButton):
                self._button(name, widget)
            elif isinstance(widget, QGroupBox):
                self.text(name, widget.title())
            elif isinstance(widget, QTabBar):
                for index in range(widget.count()):
                    self.text(name, widget.tabText(index))
            elif isinstance(widget, QHeaderView):
                self._header(name, widget)
            elif isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
                # A form wider than its pane: what is on the right is cut off.
                self.findings.cut.add((name, "scrolls sideways"))

    def _label(self, name: str, label: QLabel) -> None:
        text = label.text()
        if not text or label.width() <= 0:
            return
        self.text(name, text)
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 1:
                self.findings.cut.add((name, text))
        else:
            hint = label.sizeHint()
            if hint.width() > label.width() + 1 or hint.height() > label.height() + 1:
                self.findings.cut.add((name, text))

    def _button(self, name: str, button: QAbstractButton) -> None:
        """A button is cut when its text (not the style's minimum width) is wider than it."""
        text = button.text()
        self.text(name, text)
        if not text or isinstance(button, QCheckBox):
            if text and button.sizeHint().width() > button.width() + 1:
                self.findings.cut.add((name, text))
            return
        metrics = button.fontMetrics()
        wanted = metrics.horizontalAdvance(
            text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        )
        if button.icon() and not button.icon().isNull():
            wanted += button.iconSize().width() + 4
        if wanted + metrics.averageCharWidth() > button.width():
            self.findings.cut.add((name, text))

    def _header(self, name: str, header: QHeaderView) -> None:
        view = header.parent()
        model = view.model() if isinstance(view, QAbstractItemView) else header.model()
        if model is None:
            return
        orientation = header.orientation()
        if orientation != Qt.Orientation.Horizontal:
            return
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                self.text(name, value)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        yield from value.splitlines()
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _settle(app: QApplication) -> None:
    for _round in range(3):
        app.processEvents()


@pytest.fixture(params=[i18n.PSEUDO, "fr", "es"])
def pseudo_window(
    request: pytest.FixtureRequest, qtbot, workspace: Workspace
) -> Iterator[tuple[MainWindow, Checker]]:
    """The window in the pseudo-language; in French and Spanish too, where only cut texts are
    looked for (their words are not bracketed)."""
    from fieldkit import demo

    demo.install_demo(workspace)
    workspace.set_setting(DEMO_OFFERED, True)
    apply_language(request.param)
    data = {s.strip() for s in _strings(json.loads(workspace.dump())) if s.strip()}
    data.add(workspace.path.stem)
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    yield window, Checker(data)
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()


def _visits(window: MainWindow) -> Iterator[tuple[str, Callable[[], QWidget | None]]]:
    """(name, open) for each page state and dialog; `open` returns a dialog to walk, or None
    to walk the window."""
    controller = window.controller

    for spec in PAGES:
        yield spec.key, lambda key=spec.key: window.show_page(key)

    def agenda_session() -> QWidget | None:
        window.show_page("agenda")
        page = window.page("agenda")
        if page.sessions:
            page.select("session", page.sessions[0].id)
        return page.edit_session()

    def agenda_split() -> QWidget | None:
        from fieldkit.core.model import SessionKind

        window.show_page("agenda")
        page = window.page("agenda")
        groups = [s for s in page.sessions if s.kind == SessionKind.WORKING_GROUP]
        if groups:
            page.select("session", groups[0].id)
        return page.groups.open_split() if page.groups.people_to_split()[0] else None

    def people_new() -> None:
        window.show_page("people")
        window.page("people").new_person()

    def people_organisations() -> None:
        window.show_page("people")
        page = window.page("people")
        page.tabs.setCurrentWidget(page.organisations)

    def checkin_after_one() -> None:
        window.show_page("checkin")
        page = window.page("checkin")
        waiting = [p for p in page.door.sheet() if page.door.presence(p.id) is None]
        if waiting:
            page.check_in(waiting[0])

    def checkin_walk_in() -> None:
        window.show_page("checkin")
        window.page("checkin").open_walk_in()

    def checkin_paper() -> None:
        window.show_page("checkin")
        page = window.page("checkin")
        page.close_walk_in()
        page.view.paper_button.setChecked(True)

    def checkin_head_count() -> None:
        window.show_page("checkin")
        page = window.page("checkin")
        page.view.paper_button.setChecked(False)
        counted = [t for t in page.door.targets if not t.names_taken]
        if counted:
            page.choose(counted[0].session.id)

    yield "agenda session dialog", agenda_session
    yield "agenda split dialog", agenda_split
    yield "people new person", people_new
    yield "people organisations", people_organisations
    yield "check-in after a check-in", checkin_after_one
    yield "check-in walk-in", checkin_walk_in
    yield "check-in paper sheet", checkin_paper
    yield "check-in head count", checkin_head_count

    def agenda_remove() -> QWidget | None:
        window.show_page("agenda")
        page = window.page("agenda")
        if page.sessions:
            page.select("session", page.sessions[-1].id)
        return page.remove_selected()

    def people_remove() -> QWidget | None:
        window.show_page("people")
        page = window.page("people")
        page.reload()
        if page.model.rows:
            page.select_person(page.model.rows[0].id)
        return page.remove_person()

    def backup_done() -> QWidget | None:
        return controller.backup_actions._backed_up(controller.ws.path.parent / "copy.sqlite")

    def restore_list() -> QWidget | None:
        take_backup(controller.ws.path, DAILY)
        return controller.backup_actions.restore()

    def restore_question() -> QWidget | None:
        (copy, *_older) = list_backups(controller.ws.path)
        return controller.backup_actions.confirm_restore(copy.path)

    yield "agenda remove question", agenda_remove
    yield "people remove question", people_remove
    yield "delete event question", controller.event_actions.delete_event
    yield "backup done", backup_done
    yield "restore list", restore_list
    yield "restore question", restore_question
    yield "settings", controller.workspace_actions.show_settings
    yield "about", controller.show_about
    yield "duplicate event", controller.event_actions.duplicate_event


def test_every_page_and_dialog_is_translated_and_fits(qtbot, pseudo_window) -> None:
    window, checker = pseudo_window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    events = window.controller.ws.events()
    encounter = next(e for e in events if e.start_date and e.start_date.year != 2008)
    window.controller.select_event(encounter.id)
    for name, visit in _visits(window):
        dialog = visit()
        _settle(app)
        if dialog is not None:
            qtbot.waitExposed(dialog)
            checker.walk(name, dialog)
            dialog.close()
            _settle(app)
        else:
            checker.walk(name, window)
    assert checker.seen > 300  # the walk reached the pages and dialogs
    if i18n.current_language() != i18n.PSEUDO:
        checker.findings.unmarked.clear()
    assert not checker.findings.unmarked and not checker.findings.cut, checker.findings.report()


def test_the_checker_finds_what_it_must(qtbot, workspace: Workspace) -> None:
    """The rule itself: an English text is unmarked, data and dates are not, a cut label is."""
    apply_language(i18n.PSEUDO)
    checker = Checker({"Juana Núñez Quispe", "Taraco"})
    assert checker.unmarked("Save")
    assert not checker.unmarked(i18n._("Save"))
    assert not checker.unmarked("Juana Núñez Quispe · Taraco")
    assert not checker.unmarked("Mon, Oct 11, 2021 · 3:00 PM")
    assert not checker.unmarked("<b>[Ŝàvé··]</b> 12")
    assert checker.unmarked("Juana Núñez Quispe checked in")
    label = QLabel("A label much longer than its box")
    qtbot.addWidget(label)
    label.setFixedWidth(40)
    label.show()
    checker.walk("test", label)
    assert ("test/QLabel:", "A label much longer than its box") in checker.findings.cut
    assert ("test/QLabel:", "A label much longer than its box") in checker.findings.unmarked
