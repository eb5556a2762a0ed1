"""Errors that carry one sentence for the user.

A `UserError` is an expected refusal (bad input, unknown event, locked workspace): the command line
prints its message and exits non-zero, the window shows it in a plain dialog. Anything else is a
programming error and gets the crash dialog.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A refusal explained in one translated sentence."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    """An event, day, session or person that the user named does not exist."""


class InvalidInput(UserError):
    """A file or value that the app refuses to read."""

    exit_code = 2


class WorkspaceUnavailable(UserError):
    """The workspace cannot be opened or written (locked, read-only, full, too new)."""

    exit_code = 3


class DamagedWorkspace(WorkspaceUnavailable):
    """A file that cannot be trusted as a workspace; nothing was written to it.

    `kind` says why, so that the window can offer what fits:
    - `"damaged"`: SQLite cannot read it soundly (truncated, damaged pages, bytes that are no
      longer a database): a workspace that was hurt, where restoring a backup makes sense;
    - `"foreign"`: a sound SQLite file that is not a fieldkit workspace (another application's).
    The message is the one sentence to show; `path` is the file as the user named it.
    """

    exit_code = 4
    DAMAGED = "damaged"
    FOREIGN = "foreign"

    def __init__(self, message: str, *, path: Path, kind: str) -> None:
        super().__init__(message)
        self.path = path
        self.kind = kind


class Cancelled(UserError):
    """The user stopped slow work (an import); what it was writing was rolled back."""
