"""Make the screenshots of the documentation: `python -m fieldkit.gui.shell.screenshots OUTDIR`.

A temporary workspace gets the demo events; the main window is shown offscreen at 1366×768 (the
smallest screen the app must serve) and grabbed on every page, with the dialogs a facilitator
meets on them drawn over the window where they would open; then once more on an empty workspace,
where the demo is offered. The pages written alongside (Check-in, Notes, Exchange, Reports) have
their own scripts, run from here too, each in its own process.

With `--language fr` (or es, or a regional variant), the main pages are saved in that language
beside the English ones, named with it: `checkin-fr.png`, `agenda-es.png`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
# What the offscreen platform says about itself; nothing to do with the window.
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")
# The pages written alongside have their own scripts (a queue half way, notes being typed…):
# (module, arguments after the output folder's placeholder).
PAGE_SCRIPTS = (
    ("fieldkit.gui.checkin.screenshot", ["{outdir}/checkin.png", "--all"]),
    ("fieldkit.gui.notes.screenshot", ["{outdir}"]),
    ("fieldkit.gui.exchange.screenshot", ["{outdir}/exchange.png"]),
    ("fieldkit.gui.reports.screenshot", ["{outdir}/reports.png"]),
)


# The main pages, also shown in the other languages.
LOCALISED = ("main-window", "agenda", "people", "checkin", "notes", "reports", "settings")


def _pick(events: Sequence[Any], codes: Sequence[str]) -> tuple[Any, Any]:
    """(the Peru–Bolivia encounter, the 2008 mission) among the demo events, as well as known."""
    demo = [e for e in events if e.code in codes] or list(events)
    mission = next((e for e in demo if e.start_date and e.start_date.year == 2008), None)
    others = [e for e in demo if e is not mission]
    encounter = others[0] if others else None
    return encounter, mission


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fieldkit.gui.shell.screenshots",
        description="Save screenshots of every page of the window with the demo events.",
    )
    parser.add_argument("outdir", type=Path)
    parser.add_argument(
        "--language",
        default="en",
        help="interface language (en, fr, es, a regional variant, pseudo); other than en, the "
        "main pages are saved named with it (agenda-fr.png)",
    )
    parser.add_argument(
        "--window-only",
        action="store_true",
        help="leave out the pages that have their own screenshot script",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from fieldkit.gui.shell.app import application
    from fieldkit.i18n import set_language

    def on_message(kind: QtMsgType, _context: object, text: str) -> None:
        if not any(noise in text for noise in _PLATFORM_NOISE):
            print(text, file=sys.stderr)

    previous_handler = qInstallMessageHandler(on_message)
    set_language(args.language)
    app = application([sys.argv[0]])
    args.outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as shots:
            # English straight into the folder; another language first aside, then renamed.
            outdir = args.outdir if args.language == "en" else Path(shots)
            written += _window_shots(app, Path(folder), outdir)
            if not args.window_only:
                _page_scripts(outdir, args.language)
            if outdir != args.outdir:
                written = _localised(outdir, args.outdir, args.language)
    except OSError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous_handler)
    return 0 if written else 1


def _localised(shots: Path, outdir: Path, language: str) -> list[Path]:
    """The main pages among `shots`, copied into `outdir` named with the language."""
    written = []
    for name in LOCALISED:
        source = shots / f"{name}.png"
        if source.exists():
            target = outdir / f"{name}-{language}.png"
            shutil.copyfile(source, target)
            written.append(target)
            print(target)
    return written


def _page_scripts(outdir: Path, language: str) -> None:
    """Run the screenshot script of each page that has one, each in a process of its own."""
    for module, arguments in PAGE_SCRIPTS:
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            continue
        filled = [argument.format(outdir=outdir) for argument in arguments]
        result = subprocess.run(
            [sys.executable, "-m", module, *filled, "--language", language], check=False
        )
        if result.returncode != 0:
            print(f"{module} failed ({result.returncode})", file=sys.stderr)


def _window_shots(app: Any, folder: Path, outdir: Path) -> list[Path]:
    from fieldkit import demo
    from fieldkit.gui.shell.main_controller import DEMO_OFFERED, create_main_window
    from fieldkit.store import Workspace

    written: list[Path] = []

    def grab(window: Any, name: str, dialog: Any = None) -> None:
        window.statusBar().clearMessage()  # the temporary path means nothing to a reader
        for _ in range(3):
            app.processEvents()
        image = window.grab()
        if dialog is not None:
            _draw_dialog(image, dialog)
        path = outdir / name
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
        print(path)

    with Workspace(folder / "demo.sqlite") as ws:
        demo.install_demo(ws)
        ws.set_setting(DEMO_OFFERED, True)
        window = create_main_window(ws)
        window.resize(*SIZE)
        window.show()
        encounter, mission = _pick(ws.events(), getattr(demo, "DEMO_EVENT_CODES", ()))
        if mission is not None:
            window.controller.select_event(mission.id)
            grab(window, "main-window-mission.png")
        if encounter is not None:
            window.controller.select_event(encounter.id)
            grab(window, "main-window.png")
            for shoot in _page_shots():
                shoot(window, lambda file, dialog=None: grab(window, file, dialog))
        window.close()
    with Workspace(folder / "empty.sqlite") as ws:
        window = create_main_window(ws)
        window.resize(*SIZE)
        window.show()
        grab(window, "first-start.png")
        window.close()
    return written


def _draw_dialog(image: Any, dialog: Any) -> None:
    """Paint a dialog (a window of its own) over the window's picture, centred, with a title bar
    as a desktop would give it."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPen

    dialog.adjustSize()
    picture = dialog.grab()
    bar = 28
    width, height = picture.width(), picture.height() + bar
    x = (image.width() - width) // 2
    y = max(30, (image.height() - height) // 2)
    painter = QPainter(image)
    painter.fillRect(x + 5, y + 5, width, height, QColor(0, 0, 0, 50))
    painter.fillRect(x, y, width, bar, QColor("#dcdcdc"))
    font = QFont(dialog.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#222222"))
    painter.drawText(QRect(x, y, width, bar), Qt.AlignmentFlag.AlignCenter, dialog.windowTitle())
    painter.drawPixmap(x, y + bar, picture)
    painter.setPen(QPen(QColor("#888888")))
    painter.drawRect(x, y, width - 1, height - 1)
    painter.end()


Shot = Callable[[Any, Callable[..., None]], None]


def _page_shots() -> list[Shot]:
    """The pages and dialogs to show, each a function (window, grab)."""

    def details(window: Any, grab: Callable[..., None]) -> None:
        window.show_page("details")
        grab("details.png")

    def agenda(window: Any, grab: Callable[..., None]) -> None:
        from fieldkit.core.model import SessionKind

        window.show_page("agenda")
        page = window.page("agenda")
        groups = next(s for s in page.sessions if s.kind == SessionKind.WORKING_GROUP)
        page.select("session", groups.id)
        grab("agenda.png")
        dialog = page.edit_session()
        grab("session-form.png", dialog)
        dialog.close()
        split = page.groups.open_split() if page.groups.people_to_split()[0] else None
        if split is not None:
            split.count_spin.setValue(5)
            grab("split-groups.png", split)
            split.reject()

    def people(window: Any, grab: Callable[..., None]) -> None:
        window.show_page("people")
        page = window.page("people")
        page.reload()
        registered = [row for row in page.model.rows if row.registered and row.delegation]
        if registered:
            page.select_person(registered[len(registered) // 3].id)
        grab("people.png")
        page.tabs.setCurrentWidget(page.organisations)
        grab("organisations.png")
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
            grab("person-duplicate.png")
            page.use_existing(known.id)

    def settings(window: Any, grab: Callable[..., None]) -> None:
        window.show_page("overview")
        dialog = window.controller.workspace_actions.show_settings()
        grab("settings.png", dialog)
        dialog.close()

    return [details, agenda, people, settings]


if __name__ == "__main__":
    raise SystemExit(main())
