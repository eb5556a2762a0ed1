"""The duplicates scan over the program-scale workspace's 50,000 people.

The subject is what the Duplicates tab and `fieldkit duplicates` run: read the people (with their
delegations and the pairs marked as different) and scan them, blocks, reasons and ranking
included. The floor is rapidfuzz's own `process.cdist` of every folded name against every other,
in rows of 2,000 so it fits in memory, on both cores: the plain way to compare everyone, with no
reasons at all. The scan must stay within twice that, and under ten seconds on its own.
"""

from __future__ import annotations

import statistics

import numpy as np
from rapidfuzz import fuzz, process

from bench.registry import Context, case
from bench.timing import Measurement, seconds
from fieldkit.core.duplicate_scan import FUZZY_CUTOFF, folded_name
from fieldkit.store import Workspace

TARGET = 2.0
REPEAT = 3
ROWS_PER_CHUNK = 2_000


def _cdist_all(names: list[str]) -> int:
    """Every name against every name; returns the pairs over the cut-off (so nothing is skipped)."""
    found = 0
    for start in range(0, len(names), ROWS_PER_CHUNK):
        scores = process.cdist(
            names[start : start + ROWS_PER_CHUNK],
            names,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=FUZZY_CUTOFF,
            dtype=np.uint8,
            workers=-1,
        )
        found += int(np.count_nonzero(scores))
    return found


@case("duplicates_scan_50k", unit="s", target=TARGET)
def duplicates_scan_50k(ctx: Context) -> Measurement:
    ws = Workspace(ctx.workspace())
    try:
        people = ws.scan_people()
        names = [folded_name(person) for person in people]
        ws.duplicate_suggestions()  # warm-up: the first read of the file
        subject = [seconds(ws.duplicate_suggestions) for _ in range(REPEAT)]
        found = len(ws.duplicate_suggestions())
    finally:
        ws.close()
    floor = seconds(lambda: _cdist_all(names))  # once: it takes most of a minute
    ctx.log(
        f"duplicates_scan_50k: {len(people)} people, {found} suggestions, "
        f"scan {statistics.median(subject):.2f} s, cdist {floor:.1f} s"
    )
    return Measurement(statistics.median(subject), floor)
