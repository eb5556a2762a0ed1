"""Timing: a subject and its floor, interleaved, warm-up first, median of the repetitions."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """A case's figure and its floor's, in the case's unit."""

    value: float
    floor: float

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")


def seconds(call: Callable[[], object]) -> float:
    """The wall time of one call, after a garbage collection so no earlier garbage is paid for."""
    gc.collect()
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def paired(
    subject: Callable[[], object],
    floor: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 1,
) -> tuple[list[float], list[float]]:
    """Seconds per call of the subject and of the floor, run in turns.

    The two alternate, and which goes first alternates too, so a noisy neighbour or a warm cache
    weighs on both alike.
    """
    for _ in range(warmup):
        subject()
        floor()
    subject_times: list[float] = []
    floor_times: list[float] = []
    for index in range(repeat):
        if index % 2:
            floor_times.append(seconds(floor))
            subject_times.append(seconds(subject))
        else:
            subject_times.append(seconds(subject))
            floor_times.append(seconds(floor))
    return subject_times, floor_times


def compare_ms(
    subject: Callable[[], object],
    floor: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 1,
) -> Measurement:
    """Median milliseconds per call of a subject and of its floor."""
    subject_times, floor_times = paired(subject, floor, repeat=repeat, warmup=warmup)
    return Measurement(
        value=statistics.median(subject_times) * 1000,
        floor=statistics.median(floor_times) * 1000,
    )
