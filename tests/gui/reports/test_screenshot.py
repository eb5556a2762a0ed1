"""The screenshot of the Reports page is made from the demo encounter, after a PDF was made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from fieldkit.gui.reports import screenshot


def test_the_screenshot_is_written_at_the_smallest_screen_size(qapp, tmp_path: Path) -> None:
    out = tmp_path / "reports.png"
    assert screenshot.main([str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == screenshot.SIZE
