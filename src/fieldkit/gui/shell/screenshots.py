"""Make the screenshots of the documentation: `python -m fieldkit.gui.shell.screenshots OUTDIR`.

One harness, one list of shots. Each shot names the pictures it makes and a scene
(`fieldkit.gui.shell.screenshot_scenes`) that only says what to set up and what to click; the
harness gives every scene a fresh temporary workspace with the demo events, shows windows and
pages offscreen at 1366×768 (the smallest screen the app must serve), grabs them (a dialog drawn
over the window where it would open) and closes everything afterwards, so each shot looks the
same whether it is made alone (`--only notes`) or with all the others.

With `--language fr` (or es, or a regional variant), the main pages are saved in that language
beside the English ones, named with it: `checkin-fr.png`, `agenda-es.png`. With `--every` as
well, every shot is saved in that language under its own name (what the guide's pictures need).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.gui.shell import screenshot_scenes as scenes

SIZE = (1366, 768)
# What the offscreen platform says about itself; nothing to do with the window.
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")
# The main pages, also shown in the other languages.
LOCALISED = ("main-window", "agenda", "people", "checkin", "notes", "reports", "settings")


@dataclass(frozen=True)
class Shot:
    name: str  # what `--only` picks
    files: tuple[str, ...]  # the pictures it makes with the demo events, in docs/screenshots
    scene: Callable[[Studio], None]


SHOTS: tuple[Shot, ...] = (
    Shot("main-window", ("main-window-mission.png", "main-window.png"), scenes.main_window),
    Shot("first-start", ("first-start.png",), scenes.first_start),
    Shot("details", ("details.png",), scenes.details),
    Shot("agenda", ("agenda.png", "session-form.png", "split-groups.png"), scenes.agenda),
    Shot("people", ("people.png", "organisations.png", "person-duplicate.png"), scenes.people),
    Shot("duplicates", ("duplicates.png", "merge.png"), scenes.duplicates),
    Shot("people-import", ("people-import.png",), scenes.people_import),
    Shot("erase", ("erase.png",), scenes.erase),
    Shot("retention", ("retention.png", "retention-review.png"), scenes.retention),
    Shot("settings", ("settings.png",), scenes.settings),
    Shot(
        "checkin",
        ("checkin.png", "checkin-walk-in.png", "checkin-paper.png", "checkin-tally.png"),
        scenes.checkin,
    ),
    Shot("checkin-video", ("checkin-video.png",), scenes.checkin_video),
    Shot(
        "notes",
        ("notes.png", "notes-photos.png", "actions.png", "actions-carry.png"),
        scenes.notes,
    ),
    Shot("exchange", ("exchange.png",), scenes.exchange),
    Shot("sync-folder", ("sync-folder.png",), scenes.sync_folder),
    Shot("reports", ("reports.png", "reports-badges.png"), scenes.reports),
)


@dataclass
class Studio:
    """What a scene works with: workspaces and windows that are cleaned up after it, `grab`."""

    app: Any
    outdir: Path
    folder: Path  # a temporary folder of the scene's own
    stack: ExitStack
    written: list[Path] = field(default_factory=list)

    def workspace(
        self, name: str = "workspace", *, demo: bool = True, device_name: str | None = None
    ) -> Any:
        """A workspace in the scene's folder, with the demo events unless told otherwise."""
        from fieldkit import demo as demo_module
        from fieldkit.gui.shell.main_controller import DEMO_OFFERED
        from fieldkit.store import Workspace

        path = self.folder / f"{name}.sqlite"
        ws = self.stack.enter_context(
            Workspace(path) if device_name is None else Workspace(path, device_name=device_name)
        )
        if demo:
            demo_module.install_demo(ws)  # looked up now: the tests put sample events instead
            ws.set_setting(DEMO_OFFERED, True)
        return ws

    def window(self, ws: Any) -> Any:
        """The main window on `ws`, shown at the screen size; closed after the scene."""
        from fieldkit.gui.shell.main_controller import create_main_window

        window = create_main_window(ws)
        self.stack.callback(window.close)
        return self.show(window)

    def show(self, widget: Any) -> Any:
        """A window or a page of its own, at the screen size; closed after the scene."""
        widget.resize(*SIZE)
        widget.show()
        self.stack.callback(widget.close)
        self.settle()
        return widget

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def wait_until(self, done: Callable[[], bool], seconds: float = 60) -> bool:
        """Let background work finish (a PDF, an import preview) while the page stays live."""
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.01)
        return done()

    def grab(self, widget: Any, name: str, dialog: Any = None) -> Path:
        status = getattr(widget, "statusBar", None)
        if callable(status):
            status().clearMessage()  # the temporary path means nothing to a reader
        self.settle()
        image = widget.grab()
        if dialog is not None:
            _draw_dialog(image, dialog)
        path = self.outdir / name
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        self.written.append(path)
        print(path)
        return path


def pick(events: Sequence[Any], codes: Sequence[str]) -> tuple[Any, Any]:
    """(the Peru–Bolivia encounter, the 2008 mission) among the demo events, as well as known."""
    demo = [e for e in events if e.code in codes] or list(events)
    mission = next((e for e in demo if e.start_date and e.start_date.year == 2008), None)
    others = [e for e in demo if e is not mission]
    encounter = others[0] if others else None
    return encounter, mission


_pick = pick  # the name the tests know


@contextmanager
def _quiet_platform() -> Iterator[None]:
    """Qt's messages on stderr, but not the offscreen platform's remarks about itself."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def on_message(_kind: QtMsgType, _context: object, text: str) -> None:
        if not any(noise in text for noise in _PLATFORM_NOISE):
            print(text, file=sys.stderr)

    previous = qInstallMessageHandler(on_message)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def render(
    outdir: Path, names: Sequence[str] = (), language: str = "en", every: bool = False
) -> list[Path]:
    """Make the shots named (all when none is), each in a scene of its own; the PNGs written.

    In a language other than English only the main pages are kept, named with the language,
    unless `every` asks for every shot under its own name.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    from fieldkit.gui.shell.app import application
    from fieldkit.i18n import set_language

    unknown = sorted(set(names) - {shot.name for shot in SHOTS})
    if unknown:
        raise ValueError(f"no such shot: {', '.join(unknown)}")
    set_language(language)
    app = application([sys.argv[0]])
    outdir.mkdir(parents=True, exist_ok=True)
    if language != "en" and not every:
        # Another language: every shot aside first, then the main pages named with it.
        with tempfile.TemporaryDirectory() as aside:
            return _localised(_render_into(app, Path(aside), names), outdir, language)
    return _render_into(app, outdir, names)


def _render_into(app: Any, outdir: Path, names: Sequence[str]) -> list[Path]:
    written: list[Path] = []
    with _quiet_platform():
        for shot in SHOTS:
            if names and shot.name not in names:
                continue
            with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
                studio = Studio(app, outdir, Path(folder), stack)
                try:
                    shot.scene(studio)
                finally:
                    written += studio.written
                    stack.close()  # windows closed before their workspaces, in reverse order
                    _clear_away(app)
    return written


def _clear_away(app: Any) -> None:
    """Delete what a scene left (its windows, pages, finished tasks) before the next starts:
    collected later, in the middle of another scene's background work, they crashed Qt."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def _localised(shots: list[Path], outdir: Path, language: str) -> list[Path]:
    """The main pages among `shots`, copied into `outdir` named with the language."""
    written = []
    for source in shots:
        if source.stem in LOCALISED:
            target = outdir / f"{source.stem}-{language}.png"
            shutil.copyfile(source, target)
            written.append(target)
            print(target)
    return written


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
        "--only",
        nargs="+",
        default=[],
        metavar="SHOT",
        choices=[shot.name for shot in SHOTS],
        help="make these shots only",
    )
    parser.add_argument(
        "--every",
        action="store_true",
        help="in a language other than en, save every shot under its own name",
    )
    args = parser.parse_args(argv)
    try:
        written = render(args.outdir, args.only, args.language, args.every)
    except OSError as error:
        print(error, file=sys.stderr)
        return 1
    return 0 if written else 1


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


if __name__ == "__main__":
    raise SystemExit(main())
