"""The screenshots of the Reports page are made from the demo encounter: after a PDF was made,
with its preview, and the badges of a few people ticked."""

from __future__ import annotations

from pathlib import Path

from tests.gui.test_screenshots import assert_rendered

from fieldkit.gui.reports import page as page_module
from fieldkit.gui.shell import screenshots


def test_the_screenshot_is_written_at_the_smallest_screen_size(qapp, tmp_path: Path) -> None:
    open_url = page_module.open_url
    assert screenshots.main([str(tmp_path), "--only", "reports"]) == 0
    assert_rendered(tmp_path, ["reports.png", "reports-badges.png"])
    assert page_module.open_url is open_url  # no viewer was started, and none is kept away
