"""Make the screenshots of the documentation: `python -m fieldkit.gui.screenshots OUTDIR`.

A temporary workspace gets the demo events; the main window is shown offscreen at 1366×768 (the
smallest screen the app must serve) and grabbed once per demo event, then once more on an empty
workspace, where the demo is offered.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
# What the offscreen platform says about itself; nothing to do with the window.
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")


def _pick(events: Sequence[Any], codes: Sequence[str]) -> tuple[Any, Any]:
    """(the Peru–Bolivia encounter, the 2008 mission) among the demo events, as well as known."""
    demo = [e for e in events if e.code in codes] or list(events)
    mission = next((e for e in demo if e.start_date and e.start_date.year == 2008), None)
    others = [e for e in demo if e is not mission]
    encounter = others[0] if others else None
    return encounter, mission


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fieldkit.gui.screenshots",
        description="Save screenshots of the main window with the demo events.",
    )
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--language", default="en", help="interface language (en, fr, es)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from fieldkit import demo
    from fieldkit.gui.app import application
    from fieldkit.gui.main_controller import DEMO_OFFERED, create_main_window
    from fieldkit.i18n import set_language
    from fieldkit.store import Workspace

    def on_message(kind: QtMsgType, _context: object, text: str) -> None:
        if not any(noise in text for noise in _PLATFORM_NOISE):
            print(text, file=sys.stderr)

    previous_handler = qInstallMessageHandler(on_message)
    set_language(args.language)
    app = application([sys.argv[0]])
    args.outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def grab(window: Any, name: str) -> None:
        window.statusBar().clearMessage()  # the temporary path means nothing to a reader
        app.processEvents()
        path = args.outdir / name
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
        print(path)

    try:
        with tempfile.TemporaryDirectory() as folder:
            with Workspace(Path(folder) / "demo.sqlite") as ws:
                demo.install_demo(ws)
                ws.set_setting(DEMO_OFFERED, True)
                window = create_main_window(ws)
                window.resize(*SIZE)
                window.show()
                encounter, mission = _pick(ws.events(), getattr(demo, "DEMO_EVENT_CODES", ()))
                for name, event in (
                    ("main-window.png", encounter),
                    ("main-window-mission.png", mission),
                ):
                    if event is not None:
                        window.controller.select_event(event.id)
                        grab(window, name)
                window.close()
            with Workspace(Path(folder) / "empty.sqlite") as ws:
                window = create_main_window(ws)
                window.resize(*SIZE)
                window.show()
                grab(window, "first-start.png")
                window.close()
    except OSError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous_handler)
    return 0 if written else 1


if __name__ == "__main__":
    raise SystemExit(main())
