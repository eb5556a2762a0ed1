"""The workspaces opened lately, newest first, in a small JSON file of the user's config folder."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from fieldkit.paths import config_dir

KEPT = 8


def recent_file() -> Path:
    return config_dir() / "recent-workspaces.json"


def recent_workspaces() -> list[Path]:
    """The paths, newest first; an unreadable list is an empty one (it is only a convenience)."""
    try:
        data = json.loads(recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(item) for item in data if isinstance(item, str)][:KEPT]


def remember_workspace(path: Path) -> None:
    """Put a workspace first in the list; a list that cannot be written is left as it was."""
    resolved = path.resolve()
    paths = [resolved, *(p for p in recent_workspaces() if p != resolved)][:KEPT]
    target = recent_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps([str(p) for p in paths], indent=1), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass  # only a convenience


def forget_workspace(path: Path) -> None:
    resolved = path.resolve()
    paths = [p for p in recent_workspaces() if p != resolved]
    with contextlib.suppress(OSError):
        recent_file().write_text(json.dumps([str(p) for p in paths], indent=1), encoding="utf-8")
