"""The list of cases: adding one is a function decorated with `@case` in a `cases_*` module."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.timing import Measurement

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / ".cache"
# The modules whose cases `python -m bench` runs, in the order of the table.
CASE_MODULES = (
    "bench.cases_store",
    "bench.cases_checkin",
    "bench.cases_sync",
    "bench.cases_sync_folder",
    "bench.cases_people",
    "bench.cases_duplicates",
    "bench.cases_minutes",
    "bench.cases_printables",
    "bench.cases_gui",
    "bench.cases_scaling",
)


@dataclass
class Context:
    """What cases share in one run: the cached program-scale workspace and a scratch folder."""

    cache_dir: Path = CACHE_DIR
    rebuild: bool = False
    log: Callable[[str], None] = print
    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="fieldkit-bench-")))
    _workspace: Path | None = None

    def workspace(self) -> Path:
        """The program-scale workspace file, built on first use when the cache is stale.

        Read-only cases use it as is; a case that writes must work on a copy of it.
        """
        if self._workspace is None:
            from bench.workspace_builder import cached_workspace

            self._workspace = cached_workspace(self.cache_dir, rebuild=self.rebuild, log=self.log)
        return self._workspace


@dataclass(frozen=True)
class Case:
    name: str
    unit: str
    target: float | None  # the highest acceptable ratio to the floor, None when not set
    run: Callable[[Context], Measurement]


CASES: list[Case] = []
# Tables printed after the main one, each from the rows of the run (None: nothing to say).
SUMMARIES: list[Callable[[list[dict[str, Any]]], str | None]] = []


def case(
    name: str, *, unit: str, target: float | None
) -> Callable[[Callable[[Context], Measurement]], Callable[[Context], Measurement]]:
    """Register a function that measures one case and its floor."""

    def register(run: Callable[[Context], Measurement]) -> Callable[[Context], Measurement]:
        if any(existing.name == name for existing in CASES):
            raise ValueError(f"two benchmark cases are named {name}")
        CASES.append(Case(name, unit, target, run))
        return run

    return register


def summary(
    make: Callable[[list[dict[str, Any]]], str | None],
) -> Callable[[list[dict[str, Any]]], str | None]:
    """Register a table printed after the main one (e.g. how figures grow with the data)."""
    SUMMARIES.append(make)
    return make
