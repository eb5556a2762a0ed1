"""The pictures of the user guide, in each language: `make guide-images`.

    python tools/guide_images.py [--languages en fr es]

For each language, the screenshot harness (`python -m fieldkit.gui.shell.screenshots`, run as it
is, in a process of its own) renders every page of the window on the demo events into a
temporary folder; the part of each picture that the guide talks about is cut out, scaled to at
most 900 pixels wide and saved as a 256-colour PNG in resources/guide/images/<language>/, so
that the guide of the three languages stays small in the packaged app. Then the guide window is
opened on each language and grabbed into docs/screenshots/guide-<language>.png, to be looked at.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "resources" / "guide"
SCREENSHOTS = ROOT / "docs" / "screenshots"
LANGUAGES = ("en", "fr", "es")
WIDTH = 900
BUDGET = 3 * 1024 * 1024  # the whole guide, pages and pictures of three languages

# The harness draws the window at 1366×768; a box is (left, top, right, bottom) in that picture.
WHOLE = None
PAGE = (282, 20, 1366, 768)  # the page, without the events and the page list on the left
IMAGES: dict[str, tuple[int, int, int, int] | None] = {
    "first-start.png": (0, 0, 1366, 300),
    "main-window.png": WHOLE,
    "details.png": (282, 20, 1366, 520),
    "agenda.png": PAGE,
    "session-form.png": (238, 100, 1128, 666),
    "people.png": (282, 20, 1366, 590),
    "checkin.png": WHOLE,
    "checkin-walk-in.png": (0, 0, 1366, 500),
    "checkin-paper.png": (0, 0, 1366, 480),
    "checkin-tally.png": (0, 0, 1366, 420),
    "notes.png": (574, 20, 1366, 740),
    "actions.png": (574, 20, 1366, 560),
    "notes-photos.png": (574, 20, 1366, 340),
    "exchange.png": (0, 0, 1366, 592),
    "reports.png": (0, 0, 1366, 420),
}


def render_window(language: str, folder: Path) -> None:
    """Every screenshot of the harness, in one language."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "fieldkit.gui.shell.screenshots", str(folder)]
    subprocess.run(
        [*command, "--language", language, "--every"],
        check=True,
        env=environment,
        stdout=subprocess.DEVNULL,
    )


def shrink(source: Path, box: tuple[int, int, int, int] | None, target: Path) -> None:
    """Cut out `box`, scale to WIDTH at most, and save with a palette of 256 colours."""
    with Image.open(source) as opened:
        image = opened.convert("RGB")
    if box is not None:
        right, bottom = min(box[2], image.width), min(box[3], image.height)
        image = image.crop((box[0], box[1], right, bottom))
    if image.width > WIDTH:
        height = round(image.height * WIDTH / image.width)
        image = image.resize((WIDTH, height), Image.Resampling.LANCZOS)
    # Screenshots have few colours: a palette keeps the text sharp at a third of the size.
    quantized = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    target.parent.mkdir(parents=True, exist_ok=True)
    quantized.save(target, optimize=True)


def render_guide(language: str, target: Path) -> None:
    """The guide window on its contents page, as a facilitator opens it, in a process of its own."""
    script = (
        "import sys\n"
        "from fieldkit.i18n import set_language\n"
        "set_language(sys.argv[1])\n"
        "from fieldkit.gui.shell.app import application\n"
        "from fieldkit.gui.shell.guide import GuideWindow\n"
        "app = application([sys.argv[0]])\n"
        "window = GuideWindow()\n"
        "window.show()\n"
        "for _ in range(3):\n"
        "    app.processEvents()\n"
        "sys.exit(0 if window.grab().save(sys.argv[2]) else 1)\n"
    )
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, "-c", script, language, str(target)], check=True, env=environment
    )


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    args = parser.parse_args(argv)
    for language in args.languages:
        with tempfile.TemporaryDirectory() as folder:
            shots = Path(folder)
            render_window(language, shots)
            for name, box in IMAGES.items():
                source = shots / name
                if not source.is_file():
                    print(f"the harness made no {name} in {language}", file=sys.stderr)
                    return 1
                shrink(source, box, GUIDE / "images" / language / name)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        render_guide(language, SCREENSHOTS / f"guide-{language}.png")
        print(f"{language}: {len(IMAGES)} pictures, guide-{language}.png")
    size = folder_size(GUIDE)
    print(f"the guide weighs {size / 1024 / 1024:.1f} MB")
    if size > BUDGET:
        print(
            f"that is over {BUDGET // 1024 // 1024} MB: crop or shrink the pictures",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
