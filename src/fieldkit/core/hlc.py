"""Hybrid logical clock: physical time, a counter and the device id, collatable as a string.

Every value written through the workspace facade is stamped with one of these, per field, so the
exchange between laptops can merge field by field (../SYNC.md). Laptop clocks are wrong in the field:
the clock never runs backwards, and it never jumps past `now + MAX_DRIFT_MS` because of a timestamp
seen in someone else's file.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# A remote clock further ahead than this is refused as corrupt, and never adopted.
MAX_DRIFT_MS = 366 * 24 * 3600 * 1000
_MS_DIGITS = 13  # milliseconds since 1970 fit 13 digits until the year 2286
_COUNTER_DIGITS = 5


@dataclass(frozen=True, order=True)
class Stamp:
    """One clock reading. Ordered by (time, counter, device), like its string form."""

    millis: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.millis:0{_MS_DIGITS}d}:{self.counter:0{_COUNTER_DIGITS}d}:{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        millis, counter, device = text.split(":", 2)
        if len(millis) != _MS_DIGITS or len(counter) != _COUNTER_DIGITS or not device:
            raise ValueError(f"not a clock stamp: {text!r}")
        return cls(int(millis), int(counter), device)


class HybridLogicalClock:
    """The clock of one device. Thread-safe; `now()` is strictly increasing."""

    def __init__(
        self,
        device: str,
        last: Stamp | None = None,
        wall_ms: Callable[[], int] | None = None,
    ) -> None:
        self.device = device
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._millis = last.millis if last else 0
        self._counter = last.counter if last else 0
        self._lock = threading.Lock()
        self.last_issued = str(last) if last else ""

    def now(self) -> str:
        with self._lock:
            wall = self._wall_ms()
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
            self.last_issued = str(Stamp(self._millis, self._counter, self.device))
            return self.last_issued

    def renamed(self, device: str) -> HybridLogicalClock:
        """The same clock under a new device id (a laptop that takes a new identity): it goes
        on from the last reading, so no stamp it issues sorts before one it issued."""
        with self._lock:
            last = Stamp(self._millis, self._counter, device)
        return HybridLogicalClock(device, last, self._wall_ms)

    def observe(self, remote: str) -> None:
        """Move past a stamp seen in an imported file, unless it lies absurdly far ahead."""
        stamp = Stamp.parse(remote)
        with self._lock:
            if stamp.millis > self._wall_ms() + MAX_DRIFT_MS:
                return
            if (stamp.millis, stamp.counter) > (self._millis, self._counter):
                self._millis, self._counter = stamp.millis, stamp.counter
