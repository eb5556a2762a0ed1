"""The bench's scaled workspaces and its scaling table (no workspace is built here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import workspace_builder as builder
from bench.cases_scaling import scaling_table


def test_a_tenth_of_the_programme_is_a_tenth_of_everything() -> None:
    size = builder.Size.at(0.1)
    assert (size.people, size.organisations, size.events, size.attendance) == (
        5_000,
        50,
        200,
        50_000,
    )
    assert size.largest.registered == 500
    assert size.largest.days == builder.LARGEST.days
    assert builder.Size.at(1.0) == builder.FULL  # the program-scale workspace, unchanged
    with pytest.raises(ValueError):
        builder.Size.at(0)


def test_each_scale_has_its_own_cache_and_a_build_clears_only_its_own(tmp_path: Path) -> None:
    full = builder.cache_path(tmp_path)
    tenth = builder.cache_path(tmp_path, 0.1)
    assert full.name == f"program-v{builder.BUILDER_VERSION}.sqlite"
    assert tenth.name == f"program-v{builder.BUILDER_VERSION}-scale0.1.sqlite"
    old_full = tmp_path / "program-v0.sqlite"
    old_tenth = tmp_path / "program-v0-scale0.1.sqlite"
    interrupted = tmp_path / f"{tenth.name}.building-123"
    for path in (full, tenth, old_full, old_tenth, interrupted):
        path.touch()
    assert builder.leftovers(tmp_path, 0.1) == sorted([old_tenth, interrupted])
    assert builder.leftovers(tmp_path, 1.0) == [old_full]


def test_the_scaling_table_gives_each_path_its_growth() -> None:
    def row(name: str, value: float, floor: float) -> dict[str, object]:
        return {"name": name, "value": value, "unit": "ms", "floor": floor, "ratio": 1.0}

    rows = [
        row("scale_minutes_5k", 300.0, 200.0),
        row("scale_minutes_50k", 4500.0, 2000.0),
        row("scale_open_event_5k", 10.0, 5.0),  # its 50k row did not run: left out
        row("store_open_event", 1.0, 1.0),
    ]
    table = scaling_table(rows)
    assert table is not None
    lines = table.splitlines()
    minutes = next(line for line in lines if line.startswith("minutes"))
    assert minutes.split() == ["minutes", "ms", "300", "4500", "15.0x", "10.0x", "10x"]
    assert not any(line.startswith("open_event") for line in lines)
    assert scaling_table([row("store_open_event", 1.0, 1.0)]) is None
