"""`fieldkit duplicates`, `fieldkit people merge` and `fieldkit people unmerge`.

Registered from `fieldkit.cli`; the rules are the facade's (`Workspace.merge_people`…) and
`fieldkit.core.person_merge`'s, the same as the window's.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldkit.cli_common import open_workspace as _open
from fieldkit.cli_common import say as _say
from fieldkit.core.model import Person
from fieldkit.core.person_merge import (
    MERGE_FIELDS,
    chosen_values,
    default_choices,
    reason_text,
    taken_fields,
)
from fieldkit.i18n import _, format_list, ngettext

if TYPE_CHECKING:
    from fieldkit.core.duplicate_scan import Suggestion

Command = Callable[..., argparse.ArgumentParser]


def say_people_came_in(people: object) -> None:
    """After a sync that brought people: where to see who may now be there twice (a scan of a
    programme's people takes seconds, so the command line points to it rather than running it)."""
    if people:
        _say(
            _(
                "People came in from other laptops: “fieldkit duplicates” lists who may be there twice."
            )
        )


def suggestion_as_dict(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "a": {"id": suggestion.a.id, "full_name": suggestion.a.full_name},
        "b": {"id": suggestion.b.id, "full_name": suggestion.b.full_name},
        "score": suggestion.score,
        "reasons": [reason.value for reason in suggestion.reasons],
    }


def cmd_duplicates(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        found = ws.duplicate_suggestions()
    if args.json:
        print(json.dumps([suggestion_as_dict(s) for s in found], ensure_ascii=False, indent=2))
        return 0
    for s in found:
        reasons = format_list([reason_text(reason) for reason in s.reasons])
        print(f"{s.score:3d}  {s.a.full_name} ({s.a.id})  ~  {s.b.full_name} ({s.b.id}): {reasons}")
    _say(
        ngettext("{count} possible duplicate.", "{count} possible duplicates.", len(found)).format(
            count=len(found)
        )
    )
    return 0


def cmd_people_merge(args: argparse.Namespace) -> int:
    take = set(args.take or ())  # argparse refuses a field that is not one of MERGE_FIELDS
    with _open(args) as ws:
        keep, other = ws.require(Person, args.keep), ws.require(Person, args.other)
        if not args.take:  # the kept person's values, completed where they are empty
            take = set(taken_fields(default_choices(keep, other)))
        ws.merge_people(keep.id, other.id, values=chosen_values(keep, other, take))
        kept = ws.require(Person, keep.id)
    _say(
        _("{other} was merged into {kept}; `fieldkit people unmerge {id}` undoes it.").format(
            other=other.full_name, kept=kept.full_name, id=other.id
        )
    )
    return 0


def cmd_people_unmerge(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        person = ws.unmerge_person(args.person).value
    _say(_("{name} is a person of their own again.").format(name=person.full_name))
    return 0


def add_duplicates_command(command: Command) -> None:
    duplicates = command("duplicates", cmd_duplicates, _("list people who may be the same person"))
    duplicates.add_argument("--json", action="store_true", help=_("print a JSON list"))


def add_people_merge_commands(people_command: Command) -> None:
    from fieldkit.cli import WRITING

    WRITING.update({cmd_people_merge, cmd_people_unmerge})  # the day's backup first
    merge = people_command("merge", cmd_people_merge, _("merge a person into another, who is kept"))
    merge.add_argument("keep", metavar="KEEP", help=_("the id of the person who is kept"))
    merge.add_argument("other", metavar="OTHER", help=_("the id of the person merged into KEEP"))
    merge.add_argument(
        "--take",
        action="append",
        choices=MERGE_FIELDS,
        metavar="FIELD",
        help=_(
            "take OTHER's value of this field (repeatable; default: KEEP's values, completed "
            "with OTHER's where KEEP's are empty)"
        ),
    )
    unmerge = people_command("unmerge", cmd_people_unmerge, _("undo the merge of a person"))
    unmerge.add_argument("person", metavar="ID", help=_("the id of the person who was merged"))
