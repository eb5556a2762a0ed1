"""Reading JSON that may be broken or hostile: one clear sentence, never a traceback.

Refuses what Python's json module would let through: NaN and Infinity, duplicate keys (the last
would silently win), absurd nesting (a RecursionError deep inside the parser) and sizes.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from fieldkit.core.errors import InvalidInput
from fieldkit.i18n import _

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32


def _nesting_depth(text: str) -> int:
    """The deepest bracket nesting outside strings, found without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidInput(_("The file repeats the key “{key}” in one object.").format(key=key))
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise InvalidInput(
        _("The file contains the value {name}, which is not standard JSON.").format(name=name)
    )


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 would come back as infinity
        return _no_constant(text)  # type: ignore[no-any-return]
    return value


def loads(data: bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(_("The file is not UTF-8 text.")) from None
    text = text.removeprefix("\ufeff")
    if _nesting_depth(text) > max_depth:
        raise InvalidInput(_("The file nests its data too deeply to be a fieldkit file.")) from None
    try:
        loaded = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as error:
        raise InvalidInput(
            _("The file is not valid JSON (line {line}, column {column}).").format(
                line=error.lineno, column=error.colno
            )
        ) from None
    except ValueError:  # an integer of thousands of digits
        raise InvalidInput(_("The file holds a number too long to be read.")) from None
    if _ESCAPED_SURROGATE.search(text):  # rare: only then is every string looked at
        _no_lone_surrogates(loaded)
    return loaded


# "\ud800" is valid JSON but no text: a lone half of a UTF-16 pair, which no file, database or
# PDF can store. A valid pair ("\ud83d\ude00") decodes to one character and passes.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_lone_surrogates(value: Any) -> None:
    """Refuse a lone surrogate, saying where it is, so the sentence names the record."""
    pending: list[tuple[str, Any]] = [("", value)]
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise InvalidInput(
                    _(
                        "The file holds text that is not valid Unicode at {where} "
                        "(a lone surrogate escape)."
                    ).format(where=where or _("the top level"))
                )
        elif isinstance(item, dict):
            for key, member in item.items():
                pending.append((where, key))
                pending.append((f"{where}.{key}" if where else str(key), member))
        elif isinstance(item, list):
            pending.extend((f"{where}[{index}]", member) for index, member in enumerate(item))


def load_file(path: Path, *, max_bytes: int | None = None) -> Any:
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InvalidInput(_("There is no file {path}.").format(path=path)) from None
    except IsADirectoryError:
        raise InvalidInput(_("{path} is a folder, not a file.").format(path=path)) from None
    except OSError as error:
        raise InvalidInput(
            _("The file {path} cannot be read: {reason}.").format(path=path, reason=error.strerror)
        ) from None
    if len(data) > max_bytes:
        raise InvalidInput(
            _("The file {path} is larger than {size} MB, too large to be a fieldkit file.").format(
                path=path, size=max_bytes // (1024 * 1024)
            )
        )
    if not data.strip():
        raise InvalidInput(_("The file {path} is empty.").format(path=path))
    return loads(data)
