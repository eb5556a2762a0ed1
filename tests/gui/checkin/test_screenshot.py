"""The screenshots of the check-in screen mid-queue are made from the demo encounter."""

from pathlib import Path

from tests.gui.checkin.conftest import POPUP
from tests.gui.test_screenshots import assert_rendered

from fieldkit.gui.shell import screenshots


@POPUP
def test_the_screenshots_are_written_at_the_smallest_screen_size(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert screenshots.main([str(tmp_path), "--only", "checkin"]) == 0
    assert_rendered(
        tmp_path,
        ["checkin-paper.png", "checkin-tally.png", "checkin-walk-in.png", "checkin.png"],
    )


def test_the_video_call_matching_is_shot_from_the_demo(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert screenshots.main([str(tmp_path), "--only", "checkin-video"]) == 0
    assert_rendered(tmp_path, ["checkin-video.png"])
