"""Missing system libraries are named in one sentence before Qt is loaded."""

from __future__ import annotations

import subprocess
import sys

from fieldkit import system_libraries as libs


def test_nothing_is_asked_outside_linux() -> None:
    assert libs.missing_packages({}, platform="win32", loads=lambda _: False) == []


def test_the_x11_libraries_are_asked_for_only_when_qt_uses_x11() -> None:
    everything_missing = {"loads": lambda _: False, "platform": "linux"}
    on_x11 = libs.missing_packages({"DISPLAY": ":0"}, **everything_missing)  # type: ignore[arg-type]
    on_wayland = libs.missing_packages({"WAYLAND_DISPLAY": "wayland-0"}, **everything_missing)  # type: ignore[arg-type]
    offscreen = libs.missing_packages({"QT_QPA_PLATFORM": "offscreen"}, **everything_missing)  # type: ignore[arg-type]
    assert "libxcb-cursor0" in on_x11
    assert "libxcb-cursor0" not in on_wayland
    assert "libx11-6" in on_wayland  # QtGui itself needs libX11, which the package leaves out
    assert offscreen == on_wayland == sorted(set(libs.ALWAYS.values()))


def test_only_what_does_not_load_is_named() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    missing = libs.missing_packages(
        {"QT_QPA_PLATFORM": "xcb"}, platform="linux", loads=lambda name: name not in absent
    )
    assert missing == ["libxcb-icccm4", "libxcb-keysyms1"]
    sentence = libs.missing_message(missing)
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in sentence
    assert sentence.count(".") <= 2  # one sentence, no traceback


def test_the_real_loader_finds_the_c_library() -> None:
    assert libs._loads("libc.so.6") if sys.platform.startswith("linux") else True
    assert not libs._loads("libfieldkit-does-not-exist.so.9")


def test_the_window_command_stops_with_the_sentence_before_importing_qt() -> None:
    script = (
        "import sys\n"
        "from fieldkit import system_libraries, cli\n"
        "system_libraries._loads = lambda name: name != 'libxcb-cursor.so.0'\n"
        "code = cli.main([])\n"
        "assert 'PySide6' not in sys.modules, 'Qt was loaded'\n"
        "sys.exit(code)\n"
    )
    env = {"QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    if not sys.platform.startswith("linux"):
        return
    assert result.returncode == 1, result.stderr
    assert "sudo apt install libxcb-cursor0" in result.stderr
    assert "Traceback" not in result.stderr
