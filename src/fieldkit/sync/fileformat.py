"""The exchange file's format: names, limits, and the typed shapes of its manifest and lines.

A ZIP (stored or deflated members only) holding
- `records.jsonl`: one line per record, with every field's value and clock stamp;
- `blobs/<sha256>`: attachment bytes, named by their SHA-256;
- `manifest.json`, written last: the format and the versions that read it, the laptop that wrote it,
  the events, counts, and the size and SHA-256 of every other member.
The whole file may be wrapped in the `age` format with a passphrase. See docs/exchange-format.md.
"""

from __future__ import annotations

import re

import msgspec

FORMAT = "fieldkit-exchange"
FORMAT_VERSION = 1
READABLE_SINCE = "0.1.0"  # the oldest fieldkit that reads what this one writes

MANIFEST = "manifest.json"
RECORDS = "records.jsonl"
BLOB_PREFIX = "blobs/"
MEMBER_NAME = re.compile(r"\A(?:records\.jsonl|blobs/[0-9a-f]{64})\Z")

AGE_MAGIC = b"age-encryption.org/v1\n"
ZIP_MAGIC = b"PK\x03\x04"

# Limits that a file, however crafted, cannot make the app exceed.
MAX_FILE_BYTES = 4 * 1024**3
MAX_MEMBERS = 200_000
MAX_MANIFEST_BYTES = 16 * 1024**2
MAX_MEMBER_BYTES = 2 * 1024**3
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed size of a deflated member
MAX_LINE_BYTES = 4 * 1024**2
# What the records may unpack to, whatever the file's size: the same cap on a text as the
# interchange format's, and about three times a programme's whole history in records.
MAX_TEXT_CHARACTERS = 200_000
MAX_RECORDS = 2_000_000
# An attachment is a photo or a scanned list; a larger one is refused before anything is read.
MAX_ATTACHMENT_BYTES = 64 * 1024**2
MAX_SCRYPT_LOG_N = 20  # the age default is 18–19; each step doubles time and memory


class MemberEntry(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    size: int
    sha256: str


class EventEntry(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    code: str
    title: str


class Manifest(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    version: int
    readable_since: str
    app_version: str
    schema_version: str
    device: str
    device_name: str
    created_at: str
    events: list[EventEntry]
    counts: dict[str, int]
    members: list[MemberEntry]


Plain = str | int | bool | None


class RecordLine(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """One record: its values (with `deleted`), stamps grouped {stamp: [fields]}, vectors."""

    kind: str
    id: str
    values: dict[str, Plain]
    clocks: dict[str, list[str]]
    vv: dict[str, dict[str, str]] | None = None
