"""The screenshot of the Exchange page: a group laptop's file previewed, with a conflict."""

from __future__ import annotations

from pathlib import Path

from tests.gui.test_screenshots import assert_rendered

from fieldkit.gui.shell import screenshots


def test_the_screenshot_is_written_at_the_smallest_screen_size(qapp, tmp_path: Path) -> None:
    assert screenshots.main([str(tmp_path), "--only", "exchange"]) == 0
    assert_rendered(tmp_path, ["exchange.png"])
