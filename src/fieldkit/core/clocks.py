"""The per-field clocks of a stored record, as kept in its `clocks` and `vv` columns.

In memory: {field: stamp}. Stored: the same grouped by stamp, {stamp: [fields]}, sorted, because
most records are written whole at once and then carry a single stamp; this keeps a 500,000-row
attendance table small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import msgspec


class _Unloaded:
    """Stands for the codecs below until one is first used, then puts them in their place.

    msgspec is a dozen modules and a library, and the window's first paint reads no clocks; once
    loaded, the functions reach the codecs directly, at no extra cost."""

    def __init__(self, slot: str) -> None:
        self.slot = slot

    def __getattr__(self, name: str) -> Any:
        global _encoder, _decoder, _vv_decoder  # bound once, then read by the functions
        import msgspec

        _encoder = msgspec.json.Encoder()
        _decoder = msgspec.json.Decoder(dict[str, list[str]])
        _vv_decoder = msgspec.json.Decoder(dict[str, dict[str, str]])
        return getattr(globals()[self.slot], name)


_encoder: msgspec.json.Encoder = _Unloaded("_encoder")  # type: ignore[assignment]
_decoder: msgspec.json.Decoder[dict[str, list[str]]] = _Unloaded("_decoder")  # type: ignore[assignment]
_vv_decoder: msgspec.json.Decoder[dict[str, dict[str, str]]] = _Unloaded("_vv_decoder")  # type: ignore[assignment]


def decode(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    by_stamp: dict[str, list[str]] = _decoder.decode(text)
    return {name: stamp for stamp, names in by_stamp.items() for name in names}


def stamps(text: str | None) -> list[str]:
    """The distinct stamps of a stored `clocks` text, without spreading them over the fields."""
    if not text:
        return []
    by_stamp: dict[str, list[str]] = _decoder.decode(text)
    return list(by_stamp)


def grouped(clocks: dict[str, str]) -> dict[str, list[str]]:
    """{stamp: [fields]}, stamps and fields sorted: the stored and exchanged form."""
    stamps = set(clocks.values())
    if len(stamps) == 1:  # a record written whole at once, as most are
        return {stamps.pop(): sorted(clocks)}
    by_stamp: dict[str, list[str]] = {}
    for name, stamp in clocks.items():
        by_stamp.setdefault(stamp, []).append(name)
    return {stamp: sorted(names) for stamp, names in sorted(by_stamp.items())}


def encode(clocks: dict[str, str]) -> str:
    return _encoder.encode(grouped(clocks)).decode("ascii")


def device_of(stamp: str) -> str:
    return stamp.rsplit(":", 1)[1]


VersionVectors = dict[str, dict[str, str]]


def decode_vv(text: str | None) -> VersionVectors:
    """{field: {device: newest stamp seen from it}} beyond the field's own current stamp."""
    if not text:
        return {}
    loaded: VersionVectors = _vv_decoder.decode(text)
    return loaded


def encode_vv(vectors: VersionVectors) -> str | None:
    kept = {name: dict(sorted(entry.items())) for name, entry in sorted(vectors.items()) if entry}
    return _encoder.encode(kept).decode("ascii") if kept else None


def note_overwrite(vectors: VersionVectors, name: str, old_stamp: str | None, writer: str) -> None:
    """Record that `writer` overwrote the value stamped `old_stamp` of field `name`, having seen it.

    The writer's own entry is implied by the field's new stamp, so it is dropped.
    """
    entry = vectors.setdefault(name, {})
    if old_stamp:
        device = device_of(old_stamp)
        if device != writer and entry.get(device, "") < old_stamp:
            entry[device] = old_stamp
    entry.pop(writer, None)
    if not entry:
        del vectors[name]
