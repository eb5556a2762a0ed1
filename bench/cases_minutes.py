"""PDF minutes: `build_minutes` next to a plain ReportLab document of the same content.

The floor is what the same text costs laid out plainly: the same font, every paragraph of the
minutes as a Paragraph and every table with the same rows and cells (strings as strings, wrapped
cells as Paragraphs), on a SimpleDocTemplate with the default canvas. What the minutes add on top
is their structure: styles, charts, the contents and outline, page X of Y, kept-together blocks.
Both are built in the same run, in turns; the data are gathered once, outside the timing.
"""

from __future__ import annotations

import gc
import pickle
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table, TableStyle

from bench.registry import BENCH_DIR, Context, case
from bench.timing import Measurement, paired
from bench.workspace_builder import largest_event_id
from fieldkit.demo import ENCOUNTER_CODE, install_demo
from fieldkit.reports import MinutesData, build_minutes, gather_minutes
from fieldkit.reports.fonts import REGULAR, register_fonts
from fieldkit.reports.layout import Contents
from fieldkit.reports.minutes import MARGIN, layout_story
from fieldkit.store import Workspace

MINUTES_TARGET = 1.5
ROOT = BENCH_DIR.parent
LANG, PAPER = "es", "a4"

# Inventory of a story: a paragraph's markup, or a table's class and rows (cells: markup or a
# ("p", markup) pair for a Paragraph cell).
Item = str | tuple[type[Any], list[list[Any]]]


def _inventory(flowables: list[Any]) -> list[Item]:
    items: list[Item] = []

    def walk(flowable: Any) -> None:
        if isinstance(flowable, Paragraph):
            items.append(flowable.text)
        elif isinstance(flowable, Contents):
            items.extend(entry.markup for entry in flowable.entries)
        elif isinstance(flowable, Table):
            rows = [
                [
                    ("p", c.text) if isinstance(c, Paragraph) else c if isinstance(c, str) else ""
                    for c in row
                ]
                for row in flowable._cellvalues
            ]
            items.append((type(flowable), rows))
        elif isinstance(flowable, KeepTogether):
            for part in flowable._content:
                walk(part)

    for flowable in flowables:
        walk(flowable)
    return items


def _counts(items: list[Item]) -> tuple[int, int]:
    """(paragraphs, table rows), Paragraph cells counted as paragraphs."""
    paragraphs = rows = 0
    for item in items:
        if isinstance(item, str):
            paragraphs += 1
        else:
            rows += len(item[1])
            paragraphs += sum(1 for row in item[1] for c in row if isinstance(c, tuple))
    return paragraphs, rows


def plain_document(items: list[Item], out: Path) -> tuple[int, int]:
    """The floor: the inventory laid out plainly in the same font. Returns what it holds."""
    register_fonts()
    body = ParagraphStyle(
        "plain", fontName=REGULAR, bulletFontName=REGULAR, fontSize=9.5, leading=12.8
    )
    cell = ParagraphStyle(
        "cell", fontName=REGULAR, bulletFontName=REGULAR, fontSize=8.5, leading=10.6
    )
    width = A4[0] - 2 * MARGIN - 12  # a SimpleDocTemplate's frame has 6 points of padding a side
    story: list[Any] = []
    for item in items:
        if isinstance(item, str):
            story.append(Paragraph(item, body))
            continue
        kind, rows = item
        columns = max(len(row) for row in rows)
        story.append(
            kind(
                [
                    [Paragraph(c[1], cell) if isinstance(c, tuple) else c for c in row]
                    + [""] * (columns - len(row))
                    for row in rows
                ],
                colWidths=[width / columns] * columns,
                repeatRows=1,
                style=TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5)]),
            )
        )
    SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        initialFontName=REGULAR,
    ).build(story)
    return _counts(items)


def _sides(
    ctx: Context, data: MinutesData, name: str
) -> tuple[Callable[[], Any], Callable[[], Any]]:
    _, flowables = layout_story(data, LANG, PAPER)
    items = _inventory(flowables)
    subject_out, floor_out = ctx.scratch / f"{name}.pdf", ctx.scratch / f"{name}-floor.pdf"
    paragraphs, rows = plain_document(items, floor_out)
    ctx.log(f"  {name}: {paragraphs} paragraphs and {rows} table rows on each side")
    return (
        lambda: build_minutes(data, LANG, PAPER, subject_out),
        lambda: plain_document(items, floor_out),
    )


def compare_minutes_ms(ctx: Context, data: MinutesData, name: str, repeat: int) -> Measurement:
    subject, floor = _sides(ctx, data, name)
    subject_times, floor_times = paired(subject, floor, repeat=repeat)
    return Measurement(
        value=statistics.median(subject_times) * 1000,
        floor=statistics.median(floor_times) * 1000,
    )


_DATA: dict[str, MinutesData] = {}


def _demo_data(ctx: Context) -> MinutesData:
    if "demo" not in _DATA:
        path = ctx.scratch / "demo.sqlite"
        with Workspace(path) as ws:
            install_demo(ws)
            _DATA["demo"] = gather_minutes(ws, ENCOUNTER_CODE)
    return _DATA["demo"]


def _large_data(ctx: Context) -> MinutesData:
    """The largest event of the program-scale workspace: 5,000 people, 3 days, 30 sessions."""
    if "large" not in _DATA:
        started = time.perf_counter()
        ws = Workspace(ctx.workspace())
        try:
            _DATA["large"] = gather_minutes(ws, largest_event_id())
        finally:
            ws.close()
        data = _DATA["large"]
        ctx.log(
            f"  gathered {len(data.participants)} people, {len(data.presences)} presences, "
            f"{len(data.sessions)} sessions in {time.perf_counter() - started:.1f} s"
        )
    return _DATA["large"]


@case("minutes_demo", unit="ms", target=MINUTES_TARGET)
def minutes_demo(ctx: Context) -> Measurement:
    """The Spanish minutes of the demo encounter (3 days, 90 people, about 23 pages)."""
    return compare_minutes_ms(ctx, _demo_data(ctx), "minutes-demo", repeat=15)


@case("minutes_large", unit="ms", target=MINUTES_TARGET)
def minutes_large(ctx: Context) -> Measurement:
    """The minutes of the largest event (about 150 pages, most of them the attendance list)."""
    return compare_minutes_ms(ctx, _large_data(ctx), "minutes-large", repeat=3)


def _high_water_kib() -> int:
    """The peak resident memory of this process since the last reset (Linux's VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def _grown_mb(load: Callable[[], Any], build: Callable[[Any], Any]) -> float:
    """In this process: how far the peak resident memory rises above what the input holds.

    The high-water mark is reset once the input is loaded (a forked child also starts with its
    parent's, which `getrusage` would report), so only the build's own peak counts.
    """
    value = load()
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # 5: reset the peak resident size
    before = _high_water_kib()
    build(value)
    return (_high_water_kib() - before) / 1024


def child_peak(side: str, source: str, out: str) -> None:
    """The child process of `minutes_large_peak_mb`: prints one side's growth in MB."""
    path = Path(source)
    if side == "subject":
        grown = _grown_mb(
            lambda: pickle.loads(path.read_bytes()),
            lambda data: build_minutes(data, LANG, PAPER, Path(out)),
        )
    else:
        grown = _grown_mb(
            lambda: pickle.loads(path.read_bytes()), lambda items: plain_document(items, Path(out))
        )
    print(f"{grown:.3f}")


def _child(side: str, source: Path, out: Path) -> float:
    code = (
        "from bench.cases_minutes import child_peak; "
        f"child_peak({side!r}, {str(source)!r}, {str(out)!r})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(result.stdout.split()[-1])


@case("minutes_large_peak_mb", unit="MB", target=None)
def minutes_large_peak(ctx: Context) -> Measurement:
    """Peak memory of building the large minutes, next to the plain document's.

    Each side runs in a fresh process that loads its input (the minutes' data, or the plain
    document's inventory) and reports how far its peak resident memory rose while building.
    """
    data = _large_data(ctx)
    _, flowables = layout_story(data, LANG, PAPER)
    subject_in, floor_in = ctx.scratch / "large-data.pickle", ctx.scratch / "large-items.pickle"
    subject_in.write_bytes(pickle.dumps(data))
    floor_in.write_bytes(pickle.dumps(_inventory(flowables)))
    del flowables
    return Measurement(
        value=_child("subject", subject_in, ctx.scratch / "peak.pdf"),
        floor=_child("floor", floor_in, ctx.scratch / "peak-floor.pdf"),
    )
