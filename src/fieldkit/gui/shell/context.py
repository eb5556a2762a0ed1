"""What a page may use of the window: the `PageContext` (DESIGN.md, "Pages get a small typed context").

- `ws`: the workspace facade, the only door to the data;
- `write(operation, initiator=…)`: run a facade operation (a callable returning a `Result`); a
  refusal (`UserError`) gets its one sentence, the `Changes` go out to every page with the
  initiator set, and the `Result` comes back (None when the write was refused);
- `announce(changes)`: tell every page of changes made by background work (an import);
- `run_in_background(parent, label, job, …)`: slow work off the GUI thread with its progress;
- `show_error(message)`, `current_event_id()`, and `changed`, the signal that carries every
  `Changes`.

In the window the main controller makes one context and hands it to every page; a page made on
its own (tests, screenshots) gets `PageContext(ws)`, which hands the changes straight back to the
pages made with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldkit.core.errors import UserError
from fieldkit.core.model import Changes, Result
from fieldkit.gui.shell.worker import BackgroundTask, Progress, run_in_background
from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.store import Workspace

T = TypeVar("T")


class PageContext(QObject):
    changed = Signal(object)  # a Changes

    def __init__(
        self,
        ws: Workspace,
        *,
        window: QWidget | None = None,
        current_event: Callable[[], str | None] | None = None,
        hosted: bool = False,
    ) -> None:
        super().__init__(window)
        self.ws = ws
        self.window = window
        self._current_event = current_event or (lambda: None)
        # True in the window: its page host delivers the changes (to the page in view now, to
        # the others when shown). On its own, each page made with this context hears of them.
        self.hosted = hosted

    def current_event_id(self) -> str | None:
        return self._current_event()

    # --- writing -----------------------------------------------------------------------------

    def write(
        self,
        operation: Callable[[], Result[T]],
        *,
        initiator: object = None,
        refused: Callable[[str], object] | None = None,
    ) -> Result[T] | None:
        """Run one facade operation; see the module's description. `refused` shows a refusal
        in place of the default message box."""
        try:
            result = operation()
        except UserError as error:
            (refused or self.show_error)(error.message)
            return None
        changes = result.changes.by(initiator)
        self.announce(changes)
        return Result(result.value, changes)

    def announce(self, changes: Changes) -> None:
        if changes.anything:
            self.changed.emit(changes)

    # --- background work and messages --------------------------------------------------------

    def run_in_background(
        self,
        parent: QWidget,
        label: str,
        job: Callable[[Progress], T],
        on_success: Callable[[T], object] | None = None,
        on_failure: Callable[[BaseException], bool | None] | None = None,
        on_progress: Callable[[int, int], object] | None = None,
        *,
        quiet: bool = False,
    ) -> BackgroundTask:
        """`job(progress)` off the GUI thread (see `fieldkit.gui.shell.worker`)."""
        return run_in_background(
            parent, label, job, on_success, on_failure, on_progress, quiet=quiet
        )

    def show_error(self, message: str) -> QMessageBox:
        """A refusal in one sentence, never blocking (opened with open(), not exec())."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("fieldkit"), message, parent=self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
