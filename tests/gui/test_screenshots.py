"""The screenshot harness: one list of shots, each writes full-size PNGs of the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fieldkit.gui.shell import screenshots

WINDOW_SHOTS = ["main-window", "first-start", "details", "agenda", "people", "settings"]


def assert_rendered(out: Path, names: list[str]) -> None:
    """Every PNG named is there, not empty, at the smallest screen size the app serves."""
    assert sorted(path.name for path in out.iterdir()) == sorted(names)
    for name in names:
        image = QImage(str(out / name))
        assert not image.isNull() and (out / name).stat().st_size > 10_000
        assert (image.width(), image.height()) == screenshots.SIZE
        colours = {image.pixel(x, y) for x in range(0, 1366, 17) for y in range(0, 768, 13)}
        assert len(colours) > 8  # something drawn, not a blank window


def test_screenshots_are_written(qapp, tmp_path: Path, fake_demo) -> None:
    out = tmp_path / "shots"
    assert screenshots.main([str(out), "--only", *WINDOW_SHOTS]) == 0
    # With the sample events; the real demo adds split-groups and person-duplicate.
    assert_rendered(
        out,
        [
            "agenda.png",
            "details.png",
            "first-start.png",
            "main-window-mission.png",
            "main-window.png",
            "organisations.png",
            "people.png",
            "session-form.png",
            "settings.png",
        ],
    )


def test_every_picture_of_the_documentation_has_one_shot() -> None:
    """The shots' names and files are unique and cover docs/screenshots (the minutes' pages
    aside: they are pictures of a PDF, not of the window)."""
    files = [name for shot in screenshots.SHOTS for name in shot.files]
    assert len(files) == len(set(files))
    assert len({shot.name for shot in screenshots.SHOTS}) == len(screenshots.SHOTS)
    docs = Path(__file__).parents[2] / "docs" / "screenshots"
    localised = {
        f"{name}-{language}.png" for name in screenshots.LOCALISED for language in ("fr", "es")
    }
    # Pages of PDFs, not windows: the minutes' and the paper of the event's; the guide has its own
    # tool (make guide-images).
    renders = {"signin-sheet.png", "badges.png", "certificate.png"}
    windows = {
        p.name
        for p in docs.glob("*.png")
        if not p.name.startswith(("minutes-", "guide-")) and p.name not in renders
    }
    assert localised <= windows
    assert set(files) == windows - localised
    assert {name.removesuffix(".png") for name in files} >= set(screenshots.LOCALISED)


def test_an_unknown_shot_is_refused(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        screenshots.main([str(tmp_path), "--only", "nowhere"])
    assert "nowhere" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_the_window_shots_of_the_demo(qapp, tmp_path: Path) -> None:
    assert screenshots.main([str(tmp_path), "--only", *WINDOW_SHOTS]) == 0
    expected = [f for shot in screenshots.SHOTS if shot.name in WINDOW_SHOTS for f in shot.files]
    assert_rendered(tmp_path, expected)


def test_pick_finds_the_mission_and_the_encounter(workspace, sample) -> None:
    encounter, mission = screenshots.pick(workspace.events(), ["EAU-2008", "PE-BO-2021"])
    assert (encounter.id, mission.id) == (sample.encounter.id, sample.mission.id)
