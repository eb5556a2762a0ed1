"""The per-field clocks of a stored record, as kept in its `clocks` column.

In memory: {field: stamp}. Stored: the same grouped by stamp, {stamp: [fields]}, sorted, because
most records are written whole at once and then carry a single stamp; this keeps a 500,000-row
attendance table small.
"""

import json


def decode(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    grouped: dict[str, list[str]] = json.loads(text)
    return {name: stamp for stamp, names in grouped.items() for name in names}


def encode(clocks: dict[str, str]) -> str:
    grouped: dict[str, list[str]] = {}
    for name, stamp in clocks.items():
        grouped.setdefault(stamp, []).append(name)
    return json.dumps(
        {stamp: sorted(names) for stamp, names in sorted(grouped.items())},
        separators=(",", ":"),
    )
