"""The JSON Schema of the event interchange format, derived from the record model.

`python -m fieldkit.io.interchange_schema` prints it; the copy shipped in
resources/schema/event-interchange.schema.json is checked against it by a test, so the
documented schema and the code cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any

from fieldkit.core.codec import FieldType, field_types
from fieldkit.core.model import KIND_OF_CLASS
from fieldkit.core.rules import MAX_ATTACHMENT_BYTES, MAX_NUMBER, MAX_TEXT, MAX_YEAR, MIN_YEAR
from fieldkit.core.rules import MAX_COUNT as MAX_HEAD_COUNT
from fieldkit.io.interchange import (
    EMBEDDED,
    EVENT_COLLECTIONS,
    FORMAT,
    TALLY_FIELDS,
    TOP_COLLECTIONS,
    Collection,
)

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
MAX_ITEMS = 1_000_000
# What the schema can say of the model's rules (fieldkit.core.rules): years, times, maxima.
_YEAR = "(19[0-9]{2}|2[01][0-9]{2})"
assert (MIN_YEAR, MAX_YEAR) == (1900, 2199), "the year pattern follows the rules' years"
_TIME = "^(([01][0-9]|2[0-3]):[0-5][0-9])?$"
_MAXIMA = {("attachment", "size"): MAX_ATTACHMENT_BYTES}
_MAXIMA.update({("tally", name): MAX_HEAD_COUNT for name in TALLY_FIELDS})


def _value_schema(ftype: FieldType, kind: str = "") -> dict[str, Any]:
    base = ftype.base
    schema: dict[str, Any]
    if ftype.ref:
        schema = {"type": "string", "pattern": UUID_PATTERN}
    elif base is bool:
        schema = {"type": "boolean"}
    elif base is int:
        most = _MAXIMA.get((kind, ftype.name), MAX_NUMBER)
        schema = {"type": "integer", "minimum": 0, "maximum": most}
    elif base is dt.datetime:
        schema = {
            "type": "string",
            "pattern": rf"^{_YEAR}-\d{{2}}-\d{{2}}T\d{{2}}:\d{{2}}(:\d{{2}})?([+-]\d{{2}}:\d{{2}}|Z)?$",
        }
    elif base is dt.date:
        schema = {"type": "string", "pattern": rf"^{_YEAR}-\d{{2}}-\d{{2}}$"}
    elif isinstance(base, type) and issubclass(base, StrEnum):
        schema = {"type": "string", "enum": [member.value for member in base]}
    elif kind == "session" and ftype.name in ("start_time", "end_time"):
        schema = {"type": "string", "pattern": _TIME}
    else:
        schema = {"type": "string", "maxLength": MAX_TEXT}
    if ftype.optional:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _collection_schema(
    collection: Collection, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A record of a collection: its parent link is implied, a pair row's id is derived."""
    omit = {collection.parent} if collection.parent else set()
    return _record_schema(KIND_OF_CLASS[collection.cls], omit, not collection.derive, extra)


def _record_schema(
    kind: str, omit: set[str], with_id: bool, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    if with_id:
        properties["id"] = {"type": "string", "pattern": UUID_PATTERN}
        required.append("id")
    for name, ftype in field_types(kind).items():
        if name in omit:
            continue
        properties[name] = _value_schema(ftype, kind)
        if ftype.ref and not ftype.optional:
            required.append(name)
    properties.update(extra or {})
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _id_list() -> dict[str, Any]:
    return {
        "type": "array",
        "maxItems": MAX_ITEMS,
        "items": {"type": "string", "pattern": UUID_PATTERN},
    }


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "maxItems": MAX_ITEMS, "items": items}


def build_schema() -> dict[str, Any]:
    event_properties: dict[str, Any] = {}
    for collection in EVENT_COLLECTIONS:
        extra = {list_key: _id_list() for key, list_key, *_ in EMBEDDED if key == collection.key}
        if collection.key == "action_items":
            owner = _record_schema("action_owner", {"action_id"}, with_id=False)
            extra["owners"] = _array(owner)
        event_properties[collection.key] = _array(_collection_schema(collection, extra))
    tally = {
        "type": "object",
        "properties": {
            "session_id": {"type": "string", "pattern": UUID_PATTERN},
            **{
                name: {"type": "integer", "minimum": 0, "maximum": MAX_HEAD_COUNT}
                for name in TALLY_FIELDS
            },
        },
        "required": ["session_id"],
        "additionalProperties": False,
    }
    event_properties["tallies"] = _array(tally)
    event_schema = _record_schema("event", set(), True, event_properties)
    event_schema["required"] = ["id", "code", "title"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://fieldkit.invalid/schema/event-interchange.schema.json",
        "title": "fieldkit event interchange document",
        "description": "One event with everything recorded about it; see docs/interchange-format.md.",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"type": "integer", "minimum": 1},
            "readable_since": {"type": "string", "maxLength": 20},
            "generator": {"type": "string", "maxLength": 200},
            "exported_at": {"type": "string", "maxLength": 40},
            **{c.key: _array(_collection_schema(c)) for c in TOP_COLLECTIONS},
            "event": event_schema,
        },
        "required": ["format", "version", "event"],
        "additionalProperties": False,
    }


def main() -> None:
    print(json.dumps(build_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
