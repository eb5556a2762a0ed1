"""Conversion between record values and plain values (str, int, bool, None).

Plain values are what the database stores and what the files carry: dates and times as ISO text,
enumerations as their value, booleans as booleans. One conversion serves the store, the
interchange format and the exchange file, so they cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from fieldkit.core.model import RECORD_KINDS
from fieldkit.i18n import _

Plain = str | int | bool | None


@dataclass(frozen=True)
class FieldType:
    name: str
    base: type[Any]  # str, int, bool, dt.date, dt.datetime or a StrEnum
    optional: bool
    ref: str | None
    default: Any


@functools.cache
def field_types(kind: str) -> dict[str, FieldType]:
    """The fields of a record kind other than `id`, with their resolved types."""
    cls = RECORD_KINDS[kind]
    hints = typing.get_type_hints(cls)
    result: dict[str, FieldType] = {}
    for f in dataclasses.fields(cls):
        if f.name == "id":
            continue
        hint = hints[f.name]
        args = typing.get_args(hint)
        optional = isinstance(hint, types.UnionType) and type(None) in args
        base = next(a for a in args if a is not type(None)) if optional else hint
        result[f.name] = FieldType(f.name, base, optional, f.metadata.get("ref"), f.default)
    return result


def to_plain(value: Any) -> Plain:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"no plain form for {type(value).__name__}")


def from_plain(ftype: FieldType, raw: Any) -> Any:
    """The record value of a plain value; ValueError if it does not fit the field."""
    if raw is None:
        if ftype.optional:
            return None
        raise ValueError(_("a value is required"))
    base = ftype.base
    if base is bool:
        if isinstance(raw, bool):
            return raw
        if raw in (0, 1) and not isinstance(raw, float):
            return bool(raw)
        raise ValueError(_("expected true or false"))
    if base is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise ValueError(_("expected a whole number"))
    if not isinstance(raw, str):
        raise ValueError(_("expected text"))
    if base is str:
        return raw
    if base is dt.date:
        return dt.date.fromisoformat(raw)
    if base is dt.datetime:
        return dt.datetime.fromisoformat(raw)
    if issubclass(base, StrEnum):
        return base(raw)
    raise TypeError(f"unsupported field type {base!r}")


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_PLAIN_AS_IS = frozenset({str, int, bool, type(None)})  # exactly these types, not subclasses


def record_to_plain(record: Any) -> dict[str, Plain]:
    """{field: plain value} of a record, `id` included (every import and export turns hundreds
    of thousands of records: the field names are taken once per kind, and the values most
    fields hold, text, pass as they are)."""
    plain: dict[str, Plain] = {}
    for name in _field_names(type(record)):
        value = getattr(record, name)
        plain[name] = value if type(value) in _PLAIN_AS_IS else to_plain(value)
    return plain


def record_from_plain(kind: str, values: dict[str, Any]) -> Any:
    """A record from plain values; missing fields take their defaults. ValueError names the field."""
    cls = RECORD_KINDS[kind]
    kwargs: dict[str, Any] = {"id": values["id"]}
    for name, ftype in field_types(kind).items():
        if name in values:
            try:
                kwargs[name] = from_plain(ftype, values[name])
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from None
    return cls(**kwargs)
