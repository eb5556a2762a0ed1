"""An erasure of personal data run off the GUI thread, for the People page and the retention review.

After the erasure's own transaction, the facade clears the file of the freed bytes (a checkpoint,
a VACUUM, another checkpoint): on a program-scale workspace that rewrites hundreds of megabytes,
seconds during which a window running it on its own thread would freeze. So the whole erasure
runs on the thread pool (`PageContext.run_in_background`), the window showing that it is working
(its progress dialog, which also keeps the user from writing meanwhile); the changes reach every
page and `done(report)` runs on the GUI thread once it is over. A refusal (everyone already
erased, a full disk) goes to `refused` in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from fieldkit.core.errors import UserError
from fieldkit.core.model import Result
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.worker import BackgroundTask, Progress
from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.store.erasure_store import ErasureReport


def erase_in_background(
    context: PageContext,
    parent: QWidget,
    person_ids: Sequence[str],
    keep_initials: bool,
    *,
    done: Callable[[Result[ErasureReport]], object],
    refused: Callable[[str], object],
    initiator: object = None,
) -> BackgroundTask:
    """Erase the personal data of `person_ids` off the GUI thread; see the module's note.

    `done` hears the result with its changes (already announced to every page, `initiator`
    named as theirs).
    """
    ws = context.ws
    ids = list(person_ids)

    def work(progress: Progress) -> Result[ErasureReport]:
        progress(0, 0)
        return ws.erase_people(ids, keep_initials=keep_initials)

    def succeeded(result: Result[ErasureReport]) -> None:
        changes = result.changes.by(initiator)
        context.announce(changes)
        done(Result(result.value, changes))

    def failed(error: BaseException) -> bool:
        if isinstance(error, UserError):
            refused(error.message)
            return True
        return False  # a programming error: the crash handler

    return context.run_in_background(
        parent, _("Erasing personal data and clearing it from the file…"), work, succeeded, failed
    )
