"""The JSON Schemas of the exchange file, derived from the record model.

`python -m fieldkit.sync.schema` prints them; the copies shipped in resources/schema/ are checked
against them by a test. The import itself checks lines with typed decoding (msgspec) and the
record model, which is what these schemas describe, because validating a million lines with a
generic JSON Schema validator would be many times slower.
"""

from __future__ import annotations

import json
from typing import Any

from fieldkit.core.codec import field_types
from fieldkit.core.model import RECORD_KINDS
from fieldkit.io.interchange_schema import UUID_PATTERN, _value_schema
from fieldkit.sync.fileformat import FORMAT

STAMP = {"type": "string", "pattern": r"^\d{13}:\d{5}:[0-9a-f]{1,32}$"}


def record_line_schema() -> dict[str, Any]:
    variants = []
    for kind in RECORD_KINDS:
        values = {name: _value_schema(ftype, kind) for name, ftype in field_types(kind).items()}
        values["deleted"] = {"type": "boolean"}
        variants.append(
            {
                "properties": {
                    "kind": {"const": kind},
                    "values": {
                        "type": "object",
                        "properties": values,
                        "required": sorted(values),
                        "additionalProperties": False,
                    },
                }
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "fieldkit exchange file: one line of records.jsonl",
        "type": "object",
        "properties": {
            "kind": {"enum": list(RECORD_KINDS)},
            "id": {"type": "string", "pattern": UUID_PATTERN},
            "values": {"type": "object"},
            "clocks": {
                "description": "Clock stamps grouped: {stamp: [field, …]}, every field once.",
                "type": "object",
                "propertyNames": STAMP,
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "vv": {
                "description": "Per field, the newest stamp seen from each other laptop.",
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": STAMP,
                },
            },
        },
        "required": ["kind", "id", "values", "clocks"],
        "additionalProperties": False,
        "oneOf": variants,
    }


def manifest_schema() -> dict[str, Any]:
    sha = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "fieldkit exchange file: manifest.json",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"type": "integer", "minimum": 1},
            "readable_since": {"type": "string"},
            "app_version": {"type": "string"},
            "schema_version": {"type": "string"},
            "device": {"type": "string"},
            "device_name": {"type": "string"},
            "created_at": {"type": "string"},
            "events": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "pattern": UUID_PATTERN},
                        "code": {"type": "string"},
                        "title": {"type": "string"},
                    },
                    "required": ["id", "code", "title"],
                    "additionalProperties": False,
                },
            },
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "members": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {
                            "type": "string",
                            "pattern": "^(records\\.jsonl|blobs/[0-9a-f]{64})$",
                        },
                        "size": {"type": "integer", "minimum": 0},
                        "sha256": sha,
                    },
                    "required": ["name", "size", "sha256"],
                    "additionalProperties": False,
                },
            },
        },
        "required": [
            "format",
            "version",
            "readable_since",
            "app_version",
            "schema_version",
            "device",
            "device_name",
            "created_at",
            "events",
            "counts",
            "members",
        ],
        "additionalProperties": False,
    }


SCHEMAS = {
    "exchange-record.schema.json": record_line_schema,
    "exchange-manifest.schema.json": manifest_schema,
}


def main() -> None:
    from fieldkit.paths import resources_dir

    for name, build in SCHEMAS.items():
        text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
        (resources_dir() / "schema" / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
