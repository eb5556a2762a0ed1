"""Before the window starts on Linux: are the system libraries that Qt loads there?

PySide6's wheels bring Qt but not the X11/xcb and OpenGL libraries of the system. When one is
missing, Qt aborts with a message about "platform plugins" that no facilitator can act on. This
module tries each library by its file name (nothing of Qt is imported) and turns what is missing
into one sentence naming the packages to install. It never installs anything itself.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

from fieldkit.i18n import _

# Library file -> Debian/Ubuntu package. What Qt's widgets need on every platform plugin...
ALWAYS: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11.so.6": "libx11-6",  # QtGui links it whatever the platform plugin
}
# ... and what the X11 (xcb) plugin needs in addition, read from its dependencies.
XCB: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Will Qt pick its X11 plugin? (Wayland sessions and offscreen need none of XCB.)"""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def missing_packages(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    loads: Callable[[str], bool] | None = None,
) -> list[str]:
    """The Debian/Ubuntu packages whose libraries cannot be loaded, in a stable order."""
    if not platform.startswith("linux"):
        return []
    env = os.environ if environ is None else environ
    needed = dict(ALWAYS)
    if uses_xcb(env):
        needed |= XCB
    can_load = loads or _loads
    return sorted({package for library, package in needed.items() if not can_load(library)})


def missing_message(packages: list[str]) -> str:
    """One sentence a user can act on."""
    return _(
        "fieldkit cannot open its window because some system libraries are missing. "
        "On Debian or Ubuntu, install them with: sudo apt install {packages}"
    ).format(packages=" ".join(packages))
