"""The screenshot of the Reports page: `python -m fieldkit.gui.reports.screenshot OUT.png`.

The demo encounter in a temporary workspace; its minutes in Spanish, with small counts hidden, are made as a user would (the PDF is written to a temporary folder and not opened);
the page then shows its success line. Grabbed at 1366×768.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

SIZE = (1366, 768)
SHOWN_FOLDER = Path("Documents")  # the folder the success line shows: no real path of this machine
_PLATFORM_NOISE = ("propagateSizeHints", "does not support raise")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldkit.gui.reports.screenshot")
    parser.add_argument("output", type=Path, help="the PNG file to write")
    parser.add_argument("--language", default="en", help="interface language (en, fr, es)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, QUrl, qInstallMessageHandler

    from fieldkit import demo
    from fieldkit.gui.reports import page as page_module
    from fieldkit.gui.reports.page import Made, ReportsPage
    from fieldkit.gui.shell.app import application
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.i18n import set_language
    from fieldkit.store import Workspace

    def on_message(_kind: QtMsgType, _context: object, text: str) -> None:
        if not any(noise in text for noise in _PLATFORM_NOISE):
            print(text, file=sys.stderr)

    def no_viewer(url: QUrl) -> None:
        pass

    previous = qInstallMessageHandler(on_message)
    open_url = page_module.open_url
    page_module.open_url = no_viewer  # no viewer starts
    set_language(args.language)
    app = application([sys.argv[0]])
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            with Workspace(folder / "desk.sqlite", device_name="Registration desk") as ws:
                demo.install_demo(ws)
                event = ws.find_event(demo.ENCOUNTER_CODE)
                page = ReportsPage(PageContext(ws))
                page.resize(*SIZE)
                page.show()
                page.set_event(event.id)
                page.lang_combo.setCurrentIndex(page.lang_combo.findData("es"))
                page.hide_spin.setValue(5)
                target = folder / page.default_path().name
                page.create_pdf(target)
                deadline = time.monotonic() + 60
                while page.busy() and time.monotonic() < deadline:
                    app.processEvents()
                    time.sleep(0.01)
                if page.made is None:
                    print(f"no PDF was made: {page.problem}", file=sys.stderr)
                    return 1
                page.made = Made(SHOWN_FOLDER / target.name, page.made.size)
                page._show_result()
                page.create_button.setFocus()
                app.processEvents()
                args.output.parent.mkdir(parents=True, exist_ok=True)
                if not page.grab().save(str(args.output)):
                    print(f"could not write {args.output}", file=sys.stderr)
                    return 1
                page.close()
                print(args.output)
    finally:
        page_module.open_url = open_url
        qInstallMessageHandler(previous)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
