"""`python -m bench [--only PREFIX] [--rebuild]`: run the cases, print the table, keep the figures.

The figures go to bench/results.json, the record of the last run: a list of
{"name", "value", "unit", "floor", "ratio", "target"}. A run limited with --only replaces its own
rows there and keeps the others.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.registry import BENCH_DIR, CASE_MODULES, CASES, SUMMARIES, Case, Context

RESULTS = BENCH_DIR / "results.json"
COLUMNS = ("name", "value", "unit", "floor", "ratio", "target")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PREFIX",
        help="run the cases whose name starts with PREFIX (repeatable, or comma-separated)",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached workspace")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help=f"where to write the figures ({RESULTS})"
    )
    args = parser.parse_args(argv)

    for module in CASE_MODULES:
        importlib.import_module(module)
    prefixes = [p for option in args.only for p in option.split(",") if p]
    cases = [c for c in CASES if not prefixes or c.name.startswith(tuple(prefixes))]
    if args.list:
        for item in cases:
            print(item.name)
        return 0
    if not cases:
        print(f"no case starts with {', '.join(prefixes)}", file=sys.stderr)
        return 2

    context = Context(rebuild=args.rebuild, log=lambda line: print(line, flush=True))
    rows: list[dict[str, Any]] = []
    try:
        for item in cases:
            rows.append(_run(item, context))
    finally:
        shutil.rmtree(context.scratch, ignore_errors=True)
    print()
    print(format_table(rows))
    for make in SUMMARIES:
        if (text := make(rows)) is not None:
            print()
            print(text)
    _write(args.results, rows, keep_others=bool(prefixes))
    return 0


def _run(item: Case, context: Context) -> dict[str, Any]:
    started = time.perf_counter()
    measurement = item.run(context)  # builds the cached workspace first when needed
    print(f"{item.name}: measured in {time.perf_counter() - started:.1f} s", flush=True)
    return {
        "name": item.name,
        "value": _round(measurement.value),
        "unit": item.unit,
        "floor": _round(measurement.floor),
        "ratio": round(measurement.ratio, 2),
        "target": item.target,
    }


def _round(value: float) -> float:
    """Four significant digits: more would be noise on this machine."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, max(0, 3 - math.floor(math.log10(abs(value)))))


def format_table(rows: list[dict[str, Any]]) -> str:
    def text(value: Any) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    cells = [list(COLUMNS)] + [[text(row[column]) for column in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for number, line in enumerate(cells):
        padded = [
            cell.ljust(width) if index in (0, 2) else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _write(path: Path, rows: list[dict[str, Any]], *, keep_others: bool) -> None:
    """Write the figures; with keep_others, the rows of cases not run stay as they were."""
    merged = rows
    if keep_others and path.exists():
        previous: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
        fresh = {row["name"]: row for row in rows}
        merged = [fresh.pop(row["name"], row) for row in previous] + list(fresh.values())
        order = {item.name: index for index, item in enumerate(CASES)}
        merged.sort(key=lambda row: order.get(row["name"], len(order)))
    path.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
