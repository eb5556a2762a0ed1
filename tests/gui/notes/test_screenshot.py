"""The screenshots of the notes page are made from the demo encounter."""

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fieldkit.gui.notes import screenshot


@pytest.mark.slow
def test_the_screenshots_are_written_at_the_smallest_screen_size(qapp, tmp_path: Path) -> None:
    assert screenshot.main([str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == ["actions-carry.png", "actions.png", "notes-photos.png", "notes.png"]
    for name in names:
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == screenshot.SIZE
