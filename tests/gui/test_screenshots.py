"""The screenshot script writes full-size PNGs of the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from fieldkit.gui.shell import screenshots


def test_screenshots_are_written(qapp, tmp_path: Path, fake_demo) -> None:
    out = tmp_path / "shots"
    assert screenshots.main([str(out), "--window-only"]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "agenda.png",
        "details.png",
        "first-start.png",
        "main-window-mission.png",
        "main-window.png",
        "organisations.png",
        "people.png",
        "session-form.png",
        "settings.png",
    ]  # with the sample events; the real demo adds split-groups and person-duplicate
    for name in names:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == screenshots.SIZE


def test_pick_finds_the_mission_and_the_encounter(workspace, sample) -> None:
    encounter, mission = screenshots._pick(workspace.events(), ["EAU-2008", "PE-BO-2021"])
    assert (encounter.id, mission.id) == (sample.encounter.id, sample.mission.id)
