"""Where fieldkit finds its resources and keeps the user's data.

Resources and catalogs sit next to the package in a built wheel (copied in by the build) and at
the top of a checkout in an editable install; both are looked for.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import platformdirs

APP_NAME = "fieldkit"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"fieldkit's {name} folder is missing from this installation")


@functools.cache
def resources_dir() -> Path:
    return _bundled("resources")


@functools.cache
def translations_dir() -> Path:
    return _bundled("translations")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    """The workspace used when neither --db nor FIELDKIT_DB names one."""
    env = os.environ.get("FIELDKIT_DB")
    if env:
        return Path(env)
    return user_data_dir() / "workspace.sqlite"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
