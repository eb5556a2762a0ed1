"""SQLAlchemy and the table definitions, loaded when the store first needs them, not at start.

Importing SQLAlchemy (and building the tables of `fieldkit.store.schema` with it) takes about a
third of the app's start. Opening a workspace and reading what the first window shows (the events
list, the settings) go through sqlite3 instead (`WorkspaceBase._plain_reading`), so the window is
painted before SQLAlchemy is loaded; everything else still speaks SQLAlchemy.

Each store module names the SQLAlchemy objects it uses with `declare(globals(), ...)` (and
imports them for real under TYPE_CHECKING, for mypy). Until SQLAlchemy is loaded those names hold
stand-ins that load it on first use; `load()` then puts the real objects in the globals of every
module that declared them, so after the first query the code calls SQLAlchemy directly, at no
cost on the hot paths. SQLAlchemy's exceptions stand for themselves only once it is loaded:
nothing can raise them before.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

SCHEMA = "schema"  # the name under which a module declares `fieldkit.store.schema`
_declared: list[tuple[dict[str, Any], tuple[str, ...]]] = []
_lock = threading.RLock()  # importing the schema in `load` may declare again
_loaded = False


class _NotLoadedError(Exception):
    """What an `except OperationalError:` matches before SQLAlchemy is loaded: nothing."""


def _real(name: str) -> Any:
    if name == SCHEMA:
        return importlib.import_module("fieldkit.store.schema")
    import sqlalchemy
    import sqlalchemy.exc

    found = getattr(sqlalchemy, name, None)
    return found if found is not None else getattr(sqlalchemy.exc, name)


class _StandIn:
    """A name not loaded yet: calling it or reading an attribute loads SQLAlchemy first."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        load()
        return _real(self._name)(*args, **kwargs)

    def __getattr__(self, attribute: str) -> Any:
        load()
        return getattr(_real(self._name), attribute)


def declare(namespace: dict[str, Any], *names: str) -> None:
    """Bind `names` in a module's globals: stand-ins now, the real objects once loaded."""
    with _lock:  # stand-ins bound under the lock: a `load()` on another thread comes after
        _declared.append((namespace, names))
        if _loaded:
            namespace.update({name: _real(name) for name in names})
            return
        for name in names:
            namespace[name] = _NotLoadedError if name.endswith("Error") else _StandIn(name)


def load() -> None:
    """Import SQLAlchemy and the tables, and give every declaring module the real names."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        for namespace, names in _declared:
            namespace.update({name: _real(name) for name in names})
        _loaded = True
