"""The screenshot of the check-in screen mid-queue is made from the demo encounter."""

from pathlib import Path

from PySide6.QtGui import QImage
from tests.gui.checkin.conftest import POPUP

from fieldkit.gui.checkin import screenshot


@POPUP
def test_the_screenshots_are_written_at_the_smallest_screen_size(
    qapp, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert screenshot.main([str(tmp_path / "checkin.png"), "--all"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == [
        "checkin-paper.png",
        "checkin-tally.png",
        "checkin-walk-in.png",
        "checkin.png",
    ]
    image = QImage(str(tmp_path / "checkin.png"))
    assert (image.width(), image.height()) == screenshot.SIZE
