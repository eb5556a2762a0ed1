"""Scaling: the same paths on a workspace of 5,000 people and on the program-scale one (50,000).

The smaller workspace is the builder's scale 0.1 (5,000 people, 200 events, 50,000 attendance
rows, a largest event of 500 people), so every count grows tenfold from one to the other. Each
path is measured at both sizes next to its floor, as its own case measures it: the check-in search
(median keystroke on the largest event), the check-in commit, opening the largest event
(`load_overview`), its minutes, and the exchange (importing the whole workspace into an empty
one). A path whose figure grows much more than tenfold does work per record that grows with the
data; the table printed after the run says which (`scaling_table`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import cases_checkin, cases_gui, cases_minutes, cases_sync
from bench.registry import Context, case, summary
from bench.timing import Measurement, compare_ms
from bench.workspace_builder import cached_workspace, largest_event_id

SCALES = (("5k", 0.1), ("50k", 1.0))
DATA_GROWTH = 10.0
PREFIX = "scale_"

_contexts: dict[tuple[int, float], Context] = {}
_sync: dict[Path, dict[str, float]] = {}


def scaled(ctx: Context, scale: float) -> Context:
    """A context whose workspace is the one at `scale` (the run's own for 1.0)."""
    if scale == 1:
        return ctx
    key = (id(ctx), scale)
    if key not in _contexts:
        path = cached_workspace(ctx.cache_dir, rebuild=ctx.rebuild, log=ctx.log, scale=scale)
        scratch = ctx.scratch / f"scale-{scale:g}"
        scratch.mkdir(parents=True, exist_ok=True)
        _contexts[key] = Context(
            cache_dir=ctx.cache_dir, log=ctx.log, scratch=scratch, _workspace=path
        )
    return _contexts[key]


def _checkin_search(ctx: Context) -> Measurement:
    return cases_checkin.checkin_search_p50(ctx)


def _checkin_commit(ctx: Context) -> Measurement:
    return cases_checkin.checkin_commit(ctx)


def _open_event(ctx: Context) -> Measurement:
    """`load_overview` of the largest event, next to the same queries through sqlite3."""
    from fieldkit.gui.events.overview import load_overview
    from fieldkit.store import Workspace

    path = ctx.workspace()
    event_id = largest_event_id()
    ws = Workspace(path)
    try:
        data = load_overview(ws, event_id)
        assert data is not None
        ctx.log(f"  the largest event: {data.outline.registered} registered people")
        return compare_ms(
            lambda: load_overview(ws, event_id),
            lambda: cases_gui.floor_open(path, event_id),
            repeat=21,
        )
    finally:
        ws.close()


def _minutes(ctx: Context) -> Measurement:
    from fieldkit.reports import gather_minutes
    from fieldkit.store import Workspace

    ws = Workspace(ctx.workspace())
    try:
        data = gather_minutes(ws, largest_event_id())
    finally:
        ws.close()
    name = f"minutes-{ctx.workspace().stem}"
    return cases_minutes.compare_minutes_ms(ctx, data, name, repeat=3)


def _sync_import(ctx: Context) -> Measurement:
    path = ctx.workspace()
    if path == cases_sync.program_path(ctx):  # the sync rows' own figures, when they ran
        results = cases_sync.results(ctx)
    else:
        if path not in _sync:
            _sync[path] = cases_sync.measure(ctx)
        results = _sync[path]
    return Measurement(results["import"], results["floor_import"])


PATHS: tuple[tuple[str, str, Callable[[Context], Measurement]], ...] = (
    ("checkin_search", "ms/key", _checkin_search),
    ("checkin_commit", "ms", _checkin_commit),
    ("open_event", "ms", _open_event),
    ("minutes", "ms", _minutes),
    ("sync_import", "s", _sync_import),
)


def _register(path: str, unit: str, measure: Callable[[Context], Measurement]) -> None:
    for label, scale in SCALES:

        def run(ctx: Context, scale: float = scale) -> Measurement:
            return measure(scaled(ctx, scale))

        case(f"{PREFIX}{path}_{label}", unit=unit, target=None)(run)


for _path, _unit, _measure in PATHS:
    _register(_path, _unit, _measure)


@summary
def scaling_table(rows: list[dict[str, Any]]) -> str | None:
    """Each path at 5k and 50k people, how much it grew, and how much its floor grew."""
    by_name = {row["name"]: row for row in rows}
    (small, _), (large, _) = SCALES
    lines = [("path", "unit", small, large, "growth", "floor growth", "data growth")]
    for path, unit, _measure in PATHS:
        low, high = by_name.get(f"{PREFIX}{path}_{small}"), by_name.get(f"{PREFIX}{path}_{large}")
        if low is None or high is None:
            continue
        lines.append(
            (
                path,
                unit,
                f"{low['value']:g}",
                f"{high['value']:g}",
                f"{high['value'] / low['value']:.1f}x" if low["value"] else "-",
                f"{high['floor'] / low['floor']:.1f}x" if low["floor"] else "-",
                f"{DATA_GROWTH:g}x",
            )
        )
    if len(lines) == 1:
        return None
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = []
    for number, line in enumerate(lines):
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        text.append("  ".join(cells).rstrip())
        if number == 0:
            text.append("  ".join("-" * w for w in widths))
    return "scaling, 5,000 to 50,000 people:\n" + "\n".join(text)
