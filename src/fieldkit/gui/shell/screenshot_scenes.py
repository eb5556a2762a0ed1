"""What each screenshot shows: per page, what to set up and what to click before each grab.

The harness (`fieldkit.gui.shell.screenshots`) runs each scene with a `Studio`: fresh demo
workspaces, windows at the screen size, `grab(widget, "name.png", dialog)`. The demo encounter
(Peru–Bolivia) is the event shown, except on the mission's own picture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldkit.gui.shell.screenshots import Studio

CHECKIN_NOW = dt.datetime(2021, 10, 11, 8, 42, 10)  # half way through the first morning's queue
EXCHANGE_TODAY = dt.date(2021, 10, 12)
SHOWN_FOLDER = Path("Documents")  # the folder the Reports page shows: no path of this machine
# The list the import dialog's picture previews: one of the partners' files the tests import.
PEOPLE_LIST = Path(__file__).parents[4] / "tests" / "data" / "people" / "formulario-en-linea.csv"


def _demo_codes() -> Sequence[str]:
    from fieldkit import demo

    return getattr(demo, "DEMO_EVENT_CODES", ())


def _on_encounter(studio: Studio) -> tuple[Any, Any]:
    """The main window on the demo encounter, and its workspace."""
    from fieldkit.gui.shell.screenshots import pick

    ws = studio.workspace()
    window = studio.window(ws)
    encounter, _mission = pick(ws.events(), _demo_codes())
    if encounter is not None:
        window.controller.select_event(encounter.id)
    return window, ws


# --- the main window and its own pages ---------------------------------------------------------


def main_window(studio: Studio) -> None:
    from fieldkit.gui.shell.screenshots import pick

    ws = studio.workspace()
    window = studio.window(ws)
    encounter, mission = pick(ws.events(), _demo_codes())
    if mission is not None:
        window.controller.select_event(mission.id)
        studio.grab(window, "main-window-mission.png")
    if encounter is not None:
        window.controller.select_event(encounter.id)
        studio.grab(window, "main-window.png")


def first_start(studio: Studio) -> None:
    """An empty workspace, where the demo is offered."""
    window = studio.window(studio.workspace("empty", demo=False))
    studio.grab(window, "first-start.png")


def details(studio: Studio) -> None:
    window, _ws = _on_encounter(studio)
    window.show_page("details")
    studio.grab(window, "details.png")


def agenda(studio: Studio) -> None:
    from fieldkit.core.model import SessionKind

    window, _ws = _on_encounter(studio)
    window.show_page("agenda")
    page = window.page("agenda")
    groups = next((s for s in page.sessions if s.kind == SessionKind.WORKING_GROUP), None)
    if groups is not None:
        page.select("session", groups.id)
    studio.grab(window, "agenda.png")
    dialog = page.edit_session()
    if dialog is not None:
        studio.grab(window, "session-form.png", dialog)
        dialog.close()
    split = page.groups.open_split() if page.groups.people_to_split()[0] else None
    if split is not None:
        split.count_spin.setValue(5)
        studio.grab(window, "split-groups.png", split)
        split.reject()


def people(studio: Studio) -> None:
    window, _ws = _on_encounter(studio)
    window.show_page("people")
    page = window.page("people")
    page.reload()
    registered = [row for row in page.model.rows if row.registered and row.delegation]
    if registered:
        page.select_person(registered[len(registered) // 3].id)
    studio.grab(window, "people.png")
    page.tabs.setCurrentWidget(page.organisations)
    studio.grab(window, "organisations.png")
    page.tabs.setCurrentIndex(0)
    # A new person typed with the surnames the other way round: the form warns.
    known = registered[len(registered) // 2] if registered else None
    if known is not None and len(known.surnames.split()) > 1:
        page.new_person()
        form = page.form
        first, *rest = known.surnames.split()
        for edit, text in (
            (form.given_edit, known.given_names.lower()),
            (form.surnames_edit, " ".join([*rest, first])),
        ):
            edit.setText(text)
            edit.textEdited.emit(text)
        form.saver.flush()
        studio.grab(window, "person-duplicate.png")
        page.use_existing(known.id)


def erase(studio: Studio) -> None:
    """The confirmation of an erasure of one person's personal data, on the People page."""
    window, _ws = _on_encounter(studio)
    window.show_page("people")
    page = window.page("people")
    page.reload()
    rows = [row for row in page.model.rows if row.phone and len(row.given_names.split()) > 1]
    rows = rows or list(page.model.rows)
    if rows:
        page.select_person(rows[len(rows) // 2].id)
    dialog = page.erase_person()
    if dialog is not None:
        studio.grab(window, "erase.png", dialog)
        dialog.reject()


def retention(studio: Studio) -> None:
    """Personal data of the 2008 mission's people is due for erasure: the reminder, the list."""
    from fieldkit.core.retention import SETTING_KEY

    ws = studio.workspace()
    ws.set_setting(SETTING_KEY, 5)
    window = studio.window(ws)
    window.show_page("overview")
    notice = window.retention_notice
    notice.check_now()
    studio.grab(window, "retention.png")
    dialog = notice.review()
    if dialog is not None:
        studio.grab(window, "retention-review.png", dialog)
        dialog.reject()


def duplicates(studio: Studio) -> None:
    """The registration laptop and a working-group laptop both typed some of the same people."""
    import dataclasses

    from fieldkit.core.ids import new_id
    from fieldkit.core.model import Person
    from fieldkit.core.text import fold

    window, ws = _on_encounter(studio)
    known = [
        p
        for p in ws.list(Person)
        if p.merged_into is None and len(p.surnames.split()) == 2 and p.given_names
    ]
    typed_again: list[Person] = []
    with_phone = [p for p in known if len(p.phone) > 8]
    if len(known) >= 4 and with_phone:
        first, second = with_phone[len(with_phone) // 2], known[len(known) // 2]
        third, fourth = known[(3 * len(known)) // 4], known[-1]
        one, two = first.surnames.split()
        typed_again = [  # as a second laptop wrote them down
            Person(
                new_id(),
                first.given_names.upper(),
                f"{two} {one}",
                gender=first.gender,
                phone=first.phone[-8:],  # without the country code
                email=f"{fold(first.given_names).split()[0]}.{fold(one)}@example.org",
            ),
            Person(new_id(), second.given_names.split()[0], second.surnames.split()[0]),
            Person(new_id(), third.given_names, f"{third.surnames.split()[0]} de Mamani"),
            dataclasses.replace(fourth, id=new_id(), email="", phone=""),
        ]
    ws.save(*typed_again)
    window.show_page("people")
    page = window.page("people")
    page.tabs.setCurrentWidget(page.duplicates)
    panel = page.duplicates
    panel.reload_now()
    rows = panel.model.rows
    shown = next((n for n, s in enumerate(rows) if s.b.given_names.isupper()), 0)
    panel.table.selectRow(shown)
    studio.grab(window, "duplicates.png")
    dialog = panel.open_merge()
    if dialog is not None:
        studio.grab(window, "merge.png", dialog)
        dialog.reject()


def people_import(studio: Studio) -> None:
    """The import dialog's preview of a partner's online-form list (a file of the tests): a
    row matched to someone registered, one looking like someone known, new ones, a rejected one.
    """
    from fieldkit.core.ids import new_id, registration_id
    from fieldkit.core.model import Person, Registration

    window, ws = _on_encounter(studio)
    window.show_page("people")
    page = window.page("people")
    event_id = page.event_id
    known = Person(id=new_id(), given_names="Rosa", surnames="Quispe Mamani")
    alike = Person(id=new_id(), given_names="María Elena", surnames="Pérez")
    ws.save(known, alike, Registration(registration_id(event_id, known.id), event_id, known.id))
    dialog = page.import_people(PEOPLE_LIST)
    if dialog is None:
        return
    studio.wait_until(lambda: not dialog.busy())
    studio.grab(window, "people-import.png", dialog)
    dialog.reject()


def settings(studio: Studio) -> None:
    window, _ws = _on_encounter(studio)
    window.show_page("overview")
    dialog = window.controller.workspace_actions.show_settings()
    studio.grab(window, "settings.png", dialog)
    dialog.close()


# --- Check-in: the queue half way, a walk-in, the paper sheet, a head count --------------------


def checkin(studio: Studio) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from fieldkit import demo
    from fieldkit.core.model import Attendance
    from fieldkit.gui.checkin.page import CheckinPage
    from fieldkit.gui.shell.context import PageContext

    ws = studio.workspace()
    event = ws.find_event(demo.ENCOUNTER_CODE)
    first_day = ws.event_days(event.id)[0]
    sessions = [s.id for s in ws.event_sessions(event.id) if s.day_id == first_day.id]
    later = [
        (Attendance, record.id)
        for record in ws.list(Attendance, where={"session_id": sessions})
        if record.checked_in_at is None or record.checked_in_at > CHECKIN_NOW
    ]
    ws.apply([], later)  # the clock says 08:42: who came later is not here yet

    page = CheckinPage(PageContext(ws), now=lambda: CHECKIN_NOW)
    page.set_event(event.id)
    studio.show(page)
    today = ws.day_attendance(first_day.id)
    waiting = [p for p in page.door.sheet() if p.id not in today]
    by_name, by_badge, following = waiting[3], waiting[-5], waiting[8]
    # The way people type at the door: a surname's first letters, a given name's.
    for text in (f"{by_name.surnames[:5]} {by_name.given_names[:2]}", by_badge.badge_code):
        QTest.keyClicks(page.view.search, text)
        QTest.keyClick(page.view.search, Qt.Key.Key_Return)
    QTest.keyClicks(page.view.search, following.surnames[:3].lower())
    QTest.keyClick(page.view.search, Qt.Key.Key_Down)
    studio.grab(page, "checkin.png")
    _walk_in(studio, page, waiting[10])
    _paper_sheet(studio, page)
    _head_count(studio, page)


def _walk_in(studio: Studio, page: Any, known: Any) -> None:
    """The walk-in form, warning that the newcomer looks like someone known."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from fieldkit.core.model import Gender

    page.view.search.clear()
    QTest.keyClicks(page.view.search, f"{known.given_names.split()[0]} {known.surnames.split()[0]}")
    QTest.keyClick(page.view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.view.walk_in
    form.gender.setCurrentIndex(form.gender.findData(known.gender.value or Gender.WOMAN.value))
    form.delegation.setEditText(known.delegation)
    page._check_suspects()
    studio.grab(page, "checkin-walk-in.png")
    QTest.keyClick(form.given_names, Qt.Key.Key_Escape)


def _paper_sheet(studio: Studio, page: Any) -> None:
    """Rows of a signed paper sheet typed in after a plenary."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from fieldkit.core.model import SessionKind, SessionMode

    plenary = next(
        t
        for t in page.door.targets
        if t.session.kind is SessionKind.PLENARY and t.session.mode is not SessionMode.VIRTUAL
    )
    page.choose(plenary.session.id)
    page.view.paper_button.setChecked(True)
    QTest.keyClicks(page.view.paper.rows_edit, "1-4, 7, 9, 12-13")
    QTest.keyClick(page.view.paper.rows_edit, Qt.Key.Key_Return)
    QTest.keyClicks(page.view.paper.rows_edit, "15, 18-")
    studio.grab(page, "checkin-paper.png")
    page.view.paper_button.setChecked(False)


def _head_count(studio: Studio, page: Any) -> None:
    """A session where no names are taken: heads counted with + and the arrows."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panels = next((t for t in page.door.targets if not t.names_taken), None)
    if panels is None:
        return
    page.choose(panels.session.id)
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Down, Qt.Key.Key_Plus):
        QTest.keyClick(page.view.tally, key)
    studio.grab(page, "checkin-tally.png")


def checkin_video(studio: Studio) -> None:
    """A plenary's Zoom report matched to the encounter's people: most found, by name in either
    order or before a device's name, by a phone number; a device, a guest and a stranger's phone
    left for the facilitator; one who only said hello below the threshold."""
    import csv

    from fieldkit import demo
    from fieldkit.core.model import SessionKind
    from fieldkit.gui.checkin.page import CheckinPage
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.io.virtual_attendance_import import read_attendance_import

    ws = studio.workspace()
    event = ws.find_event(demo.ENCOUNTER_CODE)
    days = {day.id: day for day in ws.event_days(event.id)}
    first_day = min(days.values(), key=lambda day: day.date or dt.date.max)
    plenary = max(
        (
            s
            for s in ws.event_sessions(event.id)
            if s.day_id == first_day.id and s.kind is SessionKind.PLENARY and s.end_time
        ),
        key=lambda s: (s.end_time, s.start_time),
    )
    start = dt.datetime.combine(
        first_day.date or dt.date.today(), dt.time.fromisoformat(plenary.start_time)
    )
    people = sorted(
        (p for p, registration in ws.people_to_match(event.id) if registration),
        key=lambda p: p.surnames,
    )
    a, b, c, d, e = people[2], people[7], people[12], people[20], people[31]
    caller = next((p for p in people[40:] if p.phone), None)  # joined by phone, no video
    host = ("Coordinación del encuentro", "coordinacion@encuentro.org")
    joined = [  # (name, e-mail, minutes late, minutes in the call)
        (*host, 0, 75),
        (a.full_name, "", 2, 73),
        (f"{b.surnames}, {b.given_names}", "", 4, 70),
        (f"{c.given_names.split()[0]} {c.surnames.split()[0]} (Galaxy A12)", "", 1, 64),
        (f"iPhone de {d.given_names.split()[0]}", "", 6, 58),
        (caller.phone if caller else "+51 912 000 111", "", 10, 49),
        ("+591 71 234 567", "", 12, 44),
        ("Invitada", "", 3, 68),
        (e.full_name.upper(), "", 0, 6),
    ]

    def when(value: dt.datetime) -> str:
        return value.strftime("%m/%d/%Y %I:%M:%S %p")

    # The participants report as Zoom exports it.
    path = studio.folder / "participants_84712345678.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        rows = csv.writer(file)
        end = start + dt.timedelta(minutes=75)
        rows.writerow(
            ["Topic", "ID", "Host", "Duration (minutes)", "Start time", "End time", "Participants"]
        )
        rows.writerow(
            [
                plenary.title,
                "847 1234 5678",
                f"{host[0]} ({host[1]})",
                75,
                when(start),
                when(end),
                len(joined),
            ]
        )
        rows.writerow([""] * 7)
        rows.writerow(
            [
                "Name (original name)",
                "Email",
                "Join time",
                "Leave time",
                "Duration (minutes)",
                "Guest",
            ]
        )
        for name, email, late, minutes in joined:
            begin = start + dt.timedelta(minutes=late)
            finish = begin + dt.timedelta(minutes=minutes)
            guest = "No" if email else "Yes"
            rows.writerow([name, email, when(begin), when(finish), minutes, guest])
    page = CheckinPage(PageContext(ws), now=lambda: start + dt.timedelta(hours=2))
    page.set_event(event.id)
    studio.show(page)
    page.choose(plenary.id)
    dialog = page.open_video_dialog(read_attendance_import(ws, event.id, plenary.id, path))
    # At the size it opens with on a real screen (the offscreen one is smaller than the page).
    dialog.setMinimumSize(dialog.sizeHint())
    studio.settle()
    studio.grab(page, "checkin-video.png", dialog)
    dialog.reject()


# --- Notes: a group's notes being typed, its photos, decisions and actions --------------------


def _flip_chart(path: Path, title: str, lines: Sequence[str], colour: str) -> None:
    """A made-up photo of a flip chart: a sheet of paper with a few written lines."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(2400, 3000, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a7a66"))
    painter = QPainter(image)
    painter.fillRect(QRect(200, 150, 2000, 2700), QColor("#fbfaf4"))
    painter.setPen(QColor(colour))
    font = QFont()
    font.setPixelSize(170)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(300, 250, 1800, 400), Qt.AlignmentFlag.AlignCenter, title)
    font.setPixelSize(95)
    font.setBold(False)
    painter.setFont(font)
    for n, line in enumerate(lines):
        painter.drawText(350, 900 + n * 260, f"• {line}")
    painter.end()
    image.save(str(path), "JPEG", 90)  # type: ignore[call-overload]


def notes(studio: Studio) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from fieldkit.core.model import WorkingGroup
    from fieldkit.gui.notes.view import ACTIONS_TAB, NOTES_TAB, PHOTOS_TAB

    window, ws = _on_encounter(studio)
    window.show_page("notes")
    page = window.page("notes")
    studio.settle()

    groups = [t for t in page.targets if t.group_id is not None]
    target = groups[0] if groups else page.targets[0]
    page.select_target(target.session_id, target.group_id)
    page.view.tabs.setCurrentIndex(NOTES_TAB)
    edit = page.view.sections["proposals"]
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "Share the seed fair calendar with the other delegations")
    studio.grab(window, "notes.png")

    group = ws.get(WorkingGroup, target.group_id) if target.group_id else None
    name = group.name if group else target.session_title
    charts = [
        ("Lecciones", ["Organizarse antes de la siembra", "Agua para todos"], "#1d4e89"),
        ("Propuestas", ["Feria de semillas", "Intercambio de saberes"], "#a02c2c"),
    ]
    paths = []
    for n, (title, lines, colour) in enumerate(charts, start=1):
        path = studio.folder / f"papelografo-{n}.jpg"
        _flip_chart(path, title, [name[:28], *lines], colour)
        paths.append(path)
    page.add_photos(paths)
    model = page.photos_model
    model.setData(model.index(0, 0), "Lecciones del grupo")
    model.setData(model.index(1, 0), "Propuestas del grupo")
    model.setData(model.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    page.view.tabs.setCurrentIndex(PHOTOS_TAB)
    studio.grab(window, "notes-photos.png")

    page.select_target(None)
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    studio.grab(window, "actions.png")

    # A follow-up encounter of the same programme, one open action carried into it.
    from fieldkit import demo

    encounter = ws.find_event(demo.ENCOUNTER_CODE)
    follow_up = ws.duplicate_event(
        encounter.id,
        title="Segundo encuentro binacional Perú–Bolivia",
        start_date=dt.date(2022, 10, 10),
    ).value
    window.controller.reload_events()
    window.controller.select_event(follow_up.id)
    window.show_page("notes")
    page.select_target(None)
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    earlier = page.earlier_model.rows
    if earlier:
        page.carry([earlier[0].item.id])
    studio.grab(window, "actions-carry.png")


# --- Exchange: a group laptop's file previewed at the registration desk, with a conflict -------


def exchange(studio: Studio) -> None:
    from fieldkit import demo
    from fieldkit.core.model import Note, Session
    from fieldkit.gui.exchange.page import ExchangePage
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.sync.exchange import export_exchange, import_exchange

    folder = studio.folder
    desk = studio.workspace("desk", device_name="Registration desk")
    group = studio.workspace("group", demo=False, device_name="Group 2 laptop")
    event = desk.find_event(demo.ENCOUNTER_CODE)
    export_exchange(desk, folder / "desk.fkx")
    import_exchange(group, folder / "desk.fkx")
    sessions = desk.event_sessions(event.id)
    note = next(n for n in desk.list(Note) if n.key_points and not n.group_id)
    # Both laptops add to the same key points before exchanging: one conflict.
    desk.update(
        Note, note.id, key_points=note.key_points + "\n- Agreed: one report per country by Friday."
    )
    group.update(
        Note,
        note.id,
        key_points=note.key_points
        + "\n- The report goes to both networks before the closing plenary.",
    )
    export_exchange(group, folder / "group.fkx")
    import_exchange(desk, folder / "group.fkx")
    group.update(Session, sessions[3].id, room="Salón Titicaca")
    group.update(Session, sessions[5].id, facilitator="Rosa Mamani")
    export_exchange(group, folder / "group-2021-10-12.fkx")

    page = studio.show(ExchangePage(PageContext(desk), today=lambda: EXCHANGE_TODAY))
    page.pass_edit.setText("piano radio tango canal melon")
    page.choose_import_file(folder / "group-2021-10-12.fkx")
    studio.wait_until(lambda: not page.busy(), seconds=30)
    page.file_label.setText(str(Path("E:/") / "group-2021-10-12.fkx"))
    studio.grab(page, "exchange.png")


def sync_folder(studio: Studio) -> None:
    """The sync folder set on the registration desk, just after a round with the group laptop."""
    from fieldkit import demo
    from fieldkit.core import ids
    from fieldkit.core.model import Person, Session
    from fieldkit.gui.exchange.page import ExchangePage
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.sync.folder import sync_folder as sync_round

    shared = studio.folder / "Sync" / "fieldkit"
    shared.mkdir(parents=True)
    desk = studio.workspace("desk", device_name="Registration desk")
    group = studio.workspace("group", demo=False, device_name="Working group 2")
    sync_round(desk, shared)
    sync_round(group, shared)
    event = desk.find_event(demo.ENCOUNTER_CODE)
    sessions = group.event_sessions(event.id)
    group.update(Session, sessions[3].id, room="Salón Titicaca")
    group.save(Person(id=ids.new_id(), given_names="Rosa", surnames="Quispe Mamani"))
    sync_round(group, shared)

    page = studio.show(ExchangePage(PageContext(desk), today=lambda: EXCHANGE_TODAY))
    box = page.folder_box
    box.choose_folder(str(shared))
    box.every_check.setChecked(True)
    box.every_spin.setValue(15)
    box.on_close_check.setChecked(True)
    box.pass_edit.setText("piano radio tango canal melon")
    box.sync_now()
    studio.wait_until(lambda: not box.busy(), seconds=30)
    box.folder_edit.setText(str(Path("~") / "Sync" / "fieldkit"))
    box.folder_edit.setFocus()
    studio.grab(page, "sync-folder.png")


# --- Reports: the encounter's minutes in Spanish just made, with their preview; badges -------


def reports(studio: Studio) -> None:
    from PySide6.QtCore import QUrl

    from fieldkit import demo
    from fieldkit.gui.reports import page as page_module
    from fieldkit.gui.reports.page import Made, ReportsPage
    from fieldkit.gui.shell.context import PageContext

    def no_viewer(url: QUrl) -> None:
        pass

    open_url = page_module.open_url
    page_module.open_url = no_viewer  # no viewer starts
    studio.stack.callback(setattr, page_module, "open_url", open_url)
    ws = studio.workspace("desk", device_name="Registration desk")
    event = ws.find_event(demo.ENCOUNTER_CODE)
    page = studio.show(ReportsPage(PageContext(ws)))
    page.set_event(event.id)
    page.lang_combo.setCurrentIndex(page.lang_combo.findData("es"))
    page.hide_spin.setValue(5)
    target = studio.folder / page.default_path().name
    page.create_pdf(target)
    studio.wait_until(lambda: not page.busy(), seconds=60)
    if page.made is None:
        raise OSError(f"no PDF was made: {page.problem}")
    page.made = Made(SHOWN_FOLDER / target.name, page.made.size)
    page._show_result()
    page.create_button.setFocus()
    _preview_shown(studio, page)
    studio.grab(page, "reports.png")
    # The badges of a few people ticked in the list, found by a few letters of their names.
    page.doc_combo.setCurrentIndex(page.doc_combo.findData("badges"))
    page.made = None
    page._show_result()
    people = [r for r in ws.people_rows(event.id) if r.registered]
    page.picker.search.setText("quispe")
    page.picker.set_chosen([r.id for r in people if "Quispe" in r.surnames][:3])
    _preview_shown(studio, page)
    studio.grab(page, "reports-badges.png")


def _preview_shown(studio: Studio, page: Any) -> None:
    """Wait for the preview that the last choice asked for (it waits for choices to settle)."""
    studio.wait_until(lambda: page.preview_timer.isActive() or page.preview_task is not None, 5)
    studio.wait_until(
        lambda: not page.preview_timer.isActive() and page.preview_task is None, seconds=60
    )
