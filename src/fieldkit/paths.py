"""Where fieldkit finds its resources and keeps the user's data.

Resources and catalogs sit next to the package in a built wheel (copied in by the build) and in
the packaged app (PyInstaller's folder, `sys._MEIPASS`), and at the top of a checkout in an
editable install; all three are looked for.

The user's data (workspace, backups, settings, logs) lives in the user's folders (platformdirs),
except in portable mode: when a file named `portable` sits beside the packaged executable, all of
it lives in a `data/` folder beside it, so the app runs from a USB stick and the stick carries the
workspace, and with it the laptop's identity in the exchange, from one laptop to the next. For
development and tests, `FIELDKIT_PORTABLE_DIR` names a folder that stands for "beside the
executable" (the marker must be there too). Nothing else in fieldkit asks platformdirs or the
home folder where to write.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "fieldkit"
PORTABLE_MARKER = "portable"
PORTABLE_DIR_VARIABLE = "FIELDKIT_PORTABLE_DIR"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    candidates = [_PACKAGE / name, _PACKAGE.parents[1] / name]
    frozen_root = getattr(sys, "_MEIPASS", None)  # the packaged app's folder of bundled files
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / APP_NAME / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"fieldkit's {name} folder is missing from this installation")


@functools.cache
def resources_dir() -> Path:
    return _bundled("resources")


@functools.cache
def translations_dir() -> Path:
    return _bundled("translations")


def executable_dir() -> Path | None:
    """The folder that holds the packaged app (on macOS, the folder of fieldkit.app)."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    if folder.name == "MacOS" and folder.parent.name == "Contents":
        return folder.parents[2]  # …/fieldkit.app/Contents/MacOS → beside fieldkit.app
    return folder


def portable_dir() -> Path | None:
    """The `data/` folder of portable mode, or None when the app keeps to the user's folders."""
    chosen = os.environ.get(PORTABLE_DIR_VARIABLE)
    base = Path(chosen) if chosen else executable_dir()
    if base is None or not (base / PORTABLE_MARKER).is_file():
        return None
    return base.resolve() / "data"


def is_portable() -> bool:
    return portable_dir() is not None


def user_data_dir() -> Path:
    """The workspace's folder (its backups go in `backups/` beside the workspace file)."""
    portable = portable_dir()
    if portable is not None:
        return portable
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings of this computer's screen: the window's size, the recent workspaces."""
    portable = portable_dir()
    if portable is not None:
        return portable / "settings"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    portable = portable_dir()
    if portable is not None:
        return portable / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    """The workspace used when neither --db nor FIELDKIT_DB names one."""
    env = os.environ.get("FIELDKIT_DB")
    if env:
        return Path(env)
    return user_data_dir() / "workspace.sqlite"
