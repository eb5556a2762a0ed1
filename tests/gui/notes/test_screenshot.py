"""The screenshots of the notes page are made from the demo encounter by the one harness."""

from pathlib import Path

import pytest
from tests.gui.test_screenshots import assert_rendered

from fieldkit.gui.shell import screenshots


@pytest.mark.slow
def test_the_screenshots_are_written_at_the_smallest_screen_size(qapp, tmp_path: Path) -> None:
    assert screenshots.main([str(tmp_path), "--only", "notes"]) == 0
    assert_rendered(tmp_path, ["actions-carry.png", "actions.png", "notes-photos.png", "notes.png"])
