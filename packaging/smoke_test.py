"""Smoke test of the packaged app, run as a facilitator runs it: `python3 smoke_test.py dist/fieldkit`.

Only the packaged executables are run, never the Python that runs this script (which needs nothing
but the standard library). On Linux every command gets an environment of PATH=/usr/bin:/bin and an
empty HOME and nothing else (as `env -i` gives), so no virtual environment or Python can help the
package. It checks:

- `fieldkit --version` names the version of pyproject.toml;
- `fieldkit demo`, `events --json` and `minutes … --lang es` on a workspace in a temporary folder,
  the PDF with its embedded Noto Sans; a first-version workspace is upgraded by the migrations
  inside the package; the French catalog answers;
- the window, offscreen, paints the two demo events, finds Qt's French and Spanish translations
  and closes itself (FIELDKIT_SMOKE_SECONDS); its screenshot is a real picture; the Reports page
  previews the first page of the sign-in sheets with the PDFium inside the package;
- portable mode: a copy of the folder with a `portable` file keeps the workspace, settings, logs,
  backups (a checked copy at close) in its `data/` folder, a second laptop (another HOME) is the
  same device, the title says "portable", and nothing at all is written in HOME.

Each failure is one line naming what went wrong; the exit status is the number of failures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
GUI_SECONDS = 4
TIMEOUT = 120  # a window that never quits on its own fails here, instead of hanging CI
DEMO_EVENT = "PE-BO-2021"

failures: list[str] = []


def check(condition: bool, what: str) -> bool:
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"', text, re.MULTILINE)
    assert match, "pyproject.toml names no version"
    return match.group(1)


def programs(folder: Path) -> tuple[Path, Path]:
    """The console program (command line) and the windowed one (the window)."""
    if WINDOWS:
        return folder / "fieldkit-cli.exe", folder / "fieldkit.exe"
    if MACOS:
        return folder / "fieldkit-cli", folder / "fieldkit"
    return folder / "fieldkit", folder / "fieldkit"


def clean_environment(home: Path, **extra: str) -> dict[str, str]:
    if not (WINDOWS or MACOS):
        return {"PATH": "/usr/bin:/bin", "HOME": str(home), **extra}
    # Windows and macOS need some of their own variables to start a program at all.
    keep = {"SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP", "COMSPEC", "PATHEXT", "TMPDIR"}
    env = {key: value for key, value in os.environ.items() if key.upper() in keep}
    env["PATH"] = (
        os.pathsep.join([r"C:\Windows\System32", r"C:\Windows"]) if WINDOWS else "/usr/bin:/bin"
    )
    env |= {"HOME": str(home), "USERPROFILE": str(home)}
    env |= {"APPDATA": str(home / "AppData" / "Roaming")}
    env |= {"LOCALAPPDATA": str(home / "AppData" / "Local")}
    return env | extra


def run(
    program: Path, *args: str, home: Path, cwd: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    try:
        result = subprocess.run(
            [str(program), *args],
            env=clean_environment(home, **extra),
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",  # a Windows console may answer in its own code page
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        check(False, f"{program.name} {' '.join(args)} did not end within {TIMEOUT} s")
        return subprocess.CompletedProcess([], 124, "", "")
    print(f"      {program.name} {' '.join(args)}: {time.monotonic() - started:.1f} s", flush=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
    return result


def png_rows(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct rows of a PNG: a blank picture has one or two."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return 0, 0, 0
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = len(raw) // height
    rows = {raw[i * stride + 1 : (i + 1) * stride] for i in range(height)}
    return width, height, len(rows)


def window_check(
    gui: Path, home: Path, work: Path, args: list[str], name: str
) -> dict[str, object]:
    """Open the window offscreen; it reports what it painted and closes itself."""
    report = work / f"{name}.json"
    shot = work / f"{name}.png"
    guide_shot = work / f"{name}-guide.png"
    preview_shot = work / f"{name}-preview.png"
    result = run(
        gui,
        *args,
        home=home,
        cwd=work,
        QT_QPA_PLATFORM="offscreen",
        LANGUAGE="es",
        FIELDKIT_SMOKE_SECONDS=str(GUI_SECONDS),
        FIELDKIT_SMOKE_SCREENSHOT=str(shot),
        FIELDKIT_SMOKE_REPORT=str(report),
        FIELDKIT_SMOKE_GUIDE=str(guide_shot),
        FIELDKIT_SMOKE_PREVIEW=str(preview_shot),
    )
    check(result.returncode == 0, f"the window ({name}) quit on its own with status 0")
    if not check(report.is_file(), f"the window ({name}) wrote its report"):
        return {}
    facts: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    print(f"      {facts}")
    check(facts.get("painted") is True, f"the window ({name}) painted its events list")
    check(facts.get("events") == 2, f"the window ({name}) lists the 2 demo events")
    check(facts.get("qtbase_fr") is True, "Qt's French translation is in the package")
    check(facts.get("qtbase_es") is True, "Qt's Spanish translation is in the package")
    width, height, rows = png_rows(shot) if shot.is_file() else (0, 0, 0)
    check(
        width >= 800 and height >= 500 and rows > 100,
        f"the window's screenshot is a real picture ({width}×{height}, {rows} distinct rows)",
    )
    check(
        facts.get("guide_title") == "Guía de uso de fieldkit"
        and facts.get("guide_page") == "es/index.html",
        "Help ▸ User guide opens the guide in the window's language (Spanish)",
    )
    width, height, rows = png_rows(guide_shot) if guide_shot.is_file() else (0, 0, 0)
    check(rows > 100, f"the guide's screenshot is a real picture ({width}×{height}, {rows} rows)")
    width, height, rows = png_rows(preview_shot) if preview_shot.is_file() else (0, 0, 0)
    check(
        facts.get("preview_shown") is True and rows > 100,
        f"the Reports page previews the sign-in sheets ({facts.get('preview_status')}; "
        f"{width}×{height}, {rows} distinct rows)",
    )
    return facts


def install_check(folder: Path, work: Path) -> None:
    """Linux: install.sh places the menu entry, icons and command for the user, and removes them."""
    home = work / "installing-home"
    home.mkdir()
    script = folder / "install.sh"
    if not check(script.is_file(), "install.sh is in the folder"):
        return
    result = run(Path("/bin/sh"), str(script), home=home, cwd=work)
    share = home / ".local" / "share"
    desktop = share / "applications" / "fieldkit.desktop"
    check(result.returncode == 0 and desktop.is_file(), "install.sh placed the menu entry")
    check(
        (share / "icons/hicolor/256x256/apps/fieldkit.png").is_file(), "install.sh placed the icon"
    )
    installed = home / ".local" / "bin" / "fieldkit"
    result = run(installed, "--version", home=home, cwd=work)
    check(result.stdout.startswith("fieldkit "), "the installed command runs")
    run(Path("/bin/sh"), str(script), "--uninstall", home=home, cwd=work)
    # The icon theme's and the menu's indexes are the desktop's, shared with every other program
    # of the user: install.sh refreshes them (where their tools exist) rather than deleting them.
    left = [
        p
        for p in home.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name not in ("icon-theme.cache", "mimeinfo.cache")
    ]
    check(not left, f"install.sh --uninstall removed what it placed ({left[:3]})")


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def main(folder: Path) -> int:
    cli, gui = programs(folder.resolve())
    if not check(cli.is_file() and gui.is_file(), f"the packaged programs are in {folder}"):
        return 1
    with tempfile.TemporaryDirectory(prefix="fieldkit-smoke-") as temporary:
        work = Path(temporary)
        home = work / "home"
        home.mkdir()
        db = work / "workspace.sqlite"

        result = run(cli, "--version", home=home, cwd=work)
        check(result.stdout.strip() == f"fieldkit {version()}", f"--version says {version()}")

        result = run(cli, "--db", str(db), "demo", home=home, cwd=work)
        check(result.returncode == 0 and db.is_file(), "`fieldkit demo` made the demo workspace")
        result = run(cli, "--db", str(db), "events", "--json", home=home, cwd=work)
        codes = sorted(e["code"] for e in json.loads(result.stdout or "[]"))
        check(codes == ["EAU-BOL-2008", DEMO_EVENT], f"`events --json` lists {codes}")

        pdf = work / "minutes.pdf"
        args = ["--db", str(db), "minutes", DEMO_EVENT, "--out", str(pdf), "--lang", "es"]
        result = run(cli, *args, home=home, cwd=work)
        body = pdf.read_bytes() if pdf.is_file() else b""
        check(result.returncode == 0 and body.startswith(b"%PDF"), "the Spanish minutes PDF")
        check(b"NotoSans" in body, "the minutes embed the bundled Noto Sans fonts")

        # A workspace of the first schema: the migrations run from the files inside the package.
        old = work / "first-version.sqlite"
        shutil.copy(ROOT / "tests" / "data" / "workspace-0001.sqlite", old)
        result = run(cli, "--db", str(old), "events", home=home, cwd=work)
        upgraded = list((work / "backups").glob("first-version.*.backup.sqlite"))
        with sqlite3.connect(old) as connection:
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        check(
            result.returncode == 0 and len(upgraded) == 1 and revision != "0001",
            f"a first-version workspace was copied and upgraded (now at {revision})",
        )

        # A read-only command on a new path creates nothing and says so, here in French.
        empty = work / "empty.sqlite"
        result = run(cli, "--db", str(empty), "events", home=home, cwd=work, LANGUAGE="fr")
        check("Il n'y a pas d'espace de travail" in result.stderr, "the French catalog answers")
        check(not empty.exists(), "a read-only command made no workspace")

        facts = window_check(gui, home, work, ["--db", str(db)], "window")
        check("portable" not in str(facts.get("title", "")), "the installed window is not portable")
        if not (WINDOWS or MACOS):
            install_check(folder.resolve(), work)

        # Portable mode: the same folder on a "USB stick", with the marker file beside the program.
        stick = work / "stick" / "fieldkit"
        shutil.copytree(folder, stick, symlinks=True)
        (stick / "portable").write_text("", encoding="utf-8")
        s_cli, s_gui = programs(stick)
        laptop_a, laptop_b = work / "laptop-a", work / "laptop-b"
        laptop_a.mkdir()
        laptop_b.mkdir()
        data = stick / "data"
        result = run(s_cli, "demo", home=laptop_a, cwd=work)
        check(
            result.returncode == 0 and (data / "workspace.sqlite").is_file(),
            "portable: the workspace is in data/ beside the program",
        )
        facts = window_check(s_gui, laptop_a, work, [], "portable-window")
        title = str(facts.get("title", ""))
        check(any(w in title for w in ("portable", "portátil")), "portable: the title says so")
        backups = list((data / "backups").glob("*.at-close.backup.sqlite"))
        check(len(backups) == 1, "portable: a checked copy was kept at close")
        check((data / "settings" / "window.ini").is_file(), "portable: window settings in data/")
        devices = []
        for laptop in (laptop_a, laptop_b):
            run(s_cli, "events", home=laptop, cwd=work)
            with sqlite3.connect(data / "workspace.sqlite") as connection:
                devices.append(connection.execute("SELECT id FROM device").fetchall())
        check(
            devices[0] == devices[1] and len(devices[0]) == 1,
            "portable: a second laptop is the same device",
        )
        for laptop in (laptop_a, laptop_b):
            written = files_under(laptop)
            check(not written, f"portable: nothing written in HOME ({written[:5]})")
    print(f"{len(failures)} failure(s)" if failures else "the packaged app passed every check")
    return len(failures)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: smoke_test.py PACKAGED_FOLDER (for example dist/fieldkit)")
    sys.exit(main(Path(sys.argv[1])))
