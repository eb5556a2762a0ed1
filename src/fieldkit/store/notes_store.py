"""The store's part of what was said and decided: notes, decisions, action items and photos.

`NotesStore` is mixed into `Workspace`. Reads return plain values; every write goes through
`_save_in` and `_apply` of `WorkspaceBase`, in one transaction, so the clocks are stamped.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, select

from fieldkit.core.errors import NotFound
from fieldkit.core.ids import derived_id, new_id, note_id, owner_id
from fieldkit.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Attachment,
    Decision,
    Event,
    Note,
    Result,
    SessionKind,
    done,
)
from fieldkit.core.text import fold
from fieldkit.i18n import _
from fieldkit.store import schema
from fieldkit.store.base import WorkspaceBase, changes_of

NOTE_FIELDS = ("key_points", "lessons", "proposals", "agreements")
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class NoteTarget:
    """A session, or one working group of it, that notes are written for."""

    session_id: str
    group_id: str | None
    date: dt.date | None
    start_time: str
    session_title: str
    group_name: str = ""  # "" for the session itself


@dataclass(frozen=True)
class ActionRow:
    """An action item with who carries it, the title of its session and of its event."""

    item: ActionItem
    owners: tuple[ActionOwner, ...]
    owner_names: tuple[str, ...]
    session_title: str
    event_title: str
    carried: bool = False  # an earlier event's action already carried into the one asked about
    event_code: str = ""


def carried_action_id(action_id: str, event_id: str) -> str:
    """The id of the copy of an action carried into an event: carrying twice makes one copy."""
    return derived_id("carried_action", action_id, event_id)


class NotesStore(WorkspaceBase):
    """Queries and writes of the notes page."""

    # --- notes -------------------------------------------------------------------------------

    def note_targets(self, event_id: str) -> builtins.list[NoteTarget]:
        """The sessions of an event (arrivals left out) and their working groups, in order."""
        day = schema.record_tables["day"]
        session = schema.record_tables["session"]
        group = schema.record_tables["working_group"]
        query = (
            select(
                session.c.id,
                day.c.date,
                session.c.start_time,
                session.c.title,
                group.c.id.label("group_id"),
                group.c.name,
                group.c.position,
            )
            .select_from(session)
            .join(day, day.c.id == session.c.day_id)
            .outerjoin(group, and_(group.c.session_id == session.c.id, group.c.deleted.is_(False)))
            .where(
                day.c.event_id == event_id,
                day.c.deleted.is_(False),
                session.c.deleted.is_(False),
                session.c.kind != SessionKind.ARRIVAL.value,
            )
        )
        with self._reading() as conn:
            rows = conn.execute(query).all()
        targets: dict[tuple[str, str | None], tuple[Any, ...]] = {}
        for sid, date, start, title, gid, name, position in rows:
            when = dt.date.fromisoformat(date) if date else None
            key = (date or "", start or "", title or "", sid)
            targets[(sid, None)] = (key, -1, NoteTarget(sid, None, when, start or "", title or ""))
            if gid is not None:
                targets[(sid, gid)] = (
                    key,
                    position or 0,
                    NoteTarget(sid, gid, when, start or "", title or "", name or ""),
                )
        ordered = sorted(targets.values(), key=lambda t: (t[0], t[1], t[2].group_name))
        return [target for _key, _position, target in ordered]

    def note_of(self, session_id: str, group_id: str | None = None) -> Note:
        """The notes of a session or group; blank ones when nothing was written yet."""
        record = self.get(Note, note_id(session_id, group_id))
        return record or Note(
            id=note_id(session_id, group_id), session_id=session_id, group_id=group_id
        )

    def write_note(
        self, session_id: str, group_id: str | None, values: dict[str, str]
    ) -> Result[Note]:
        """Save some sections of a session's or group's notes (created on the first word)."""
        unknown = set(values) - set(NOTE_FIELDS)
        if unknown:
            raise ValueError(f"not a section of the notes: {sorted(unknown)}")
        record_id = note_id(session_id, group_id)
        table = schema.record_tables["note"]
        with self._writing() as conn:
            row = conn.execute(select(table).where(table.c.id == record_id)).first()
            current = (
                Note(id=record_id, session_id=session_id, group_id=group_id)
                if row is None
                else self._record("note", row)
            )
            note = dataclasses.replace(current, **values)
            kinds = self._save_in(conn, [note])
        return Result(note, changes_of(kinds))

    # --- decisions ---------------------------------------------------------------------------

    def decisions_of(
        self, event_id: str, session_id: str | None, group_id: str | None = None
    ) -> builtins.list[Decision]:
        """The decisions of a session or group (of the whole event when `session_id` is None)."""
        where: dict[str, Any] = {"event_id": event_id}
        if session_id is not None:
            where |= {"session_id": session_id, "group_id": group_id}
        return self.list(Decision, where=where, order_by=("position",))

    def add_decision(
        self, event_id: str, session_id: str | None, group_id: str | None, text: str = ""
    ) -> Result[Decision]:
        table = schema.record_tables["decision"]
        with self._writing() as conn:
            last = conn.execute(
                select(func.max(table.c.position)).where(table.c.event_id == event_id)
            ).scalar()
            decision = Decision(
                id=new_id(),
                event_id=event_id,
                session_id=session_id,
                group_id=group_id,
                position=(last or 0) + 1,
                text=text,
            )
            kinds = self._save_in(conn, [decision])
        return Result(decision, changes_of(kinds))

    # --- action items ------------------------------------------------------------------------

    def action_rows(self, event_id: str, session_id: str | None = None) -> builtins.list[ActionRow]:
        """The action items of an event (or of one session of it), in their order."""
        where: dict[str, Any] = {"event_id": event_id}
        if session_id is not None:
            where["session_id"] = session_id
        items = self.list(ActionItem, where=where, order_by=("position",))
        return self._rows(items)

    def action_row(self, action_id: str) -> ActionRow | None:
        item = self.get(ActionItem, action_id)
        return None if item is None else self._rows([item])[0]

    def _rows(
        self, items: Sequence[ActionItem], carried_into: str | None = None
    ) -> builtins.list[ActionRow]:
        if not items:
            return []
        owners = self.list(ActionOwner, where={"action_id": [i.id for i in items]})
        person = schema.record_tables["person"]
        organisation = schema.record_tables["organisation"]
        session = schema.record_tables["session"]
        event = schema.record_tables["event"]
        action = schema.record_tables["action_item"]
        person_ids = sorted({o.person_id for o in owners if o.person_id})
        org_ids = sorted({o.organisation_id for o in owners if o.organisation_id})
        session_ids = sorted({i.session_id for i in items if i.session_id})
        event_ids = sorted({i.event_id for i in items})
        with self._reading() as conn:
            people = {
                pid: " ".join(p for p in (given, surnames) if p)
                for pid, given, surnames in conn.execute(
                    select(person.c.id, person.c.given_names, person.c.surnames).where(
                        person.c.id.in_(person_ids)
                    )
                )
            }
            orgs = {
                oid: short or name
                for oid, name, short in conn.execute(
                    select(organisation.c.id, organisation.c.name, organisation.c.short_name).where(
                        organisation.c.id.in_(org_ids)
                    )
                )
            }
            sessions = dict(
                conn.execute(
                    select(session.c.id, session.c.title).where(session.c.id.in_(session_ids))
                ).all()
            )
            events = {
                eid: (title or code, code)
                for eid, title, code in conn.execute(
                    select(event.c.id, event.c.title, event.c.code).where(event.c.id.in_(event_ids))
                )
            }
            carried: set[str] = set()
            if carried_into is not None:
                copies = {carried_action_id(i.id, carried_into): i.id for i in items}
                carried = {
                    copies[cid]
                    for (cid,) in conn.execute(
                        select(action.c.id).where(
                            action.c.id.in_(list(copies)), action.c.deleted.is_(False)
                        )
                    )
                }
        by_action: dict[str, list[ActionOwner]] = {}
        for owner in owners:
            by_action.setdefault(owner.action_id, []).append(owner)

        def name_of(owner: ActionOwner) -> str:
            if owner.person_id:
                return people.get(owner.person_id, owner.name)
            if owner.organisation_id:
                return str(orgs.get(owner.organisation_id, owner.name))
            return owner.name

        rows = []
        for item in items:
            mine = sorted(by_action.get(item.id, []), key=lambda o: fold(name_of(o)))
            rows.append(
                ActionRow(
                    item,
                    tuple(mine),
                    tuple(name_of(o) for o in mine),
                    sessions.get(item.session_id, "") if item.session_id else "",
                    events.get(item.event_id, ("", ""))[0],
                    item.id in carried,
                    events.get(item.event_id, ("", ""))[1],
                )
            )
        return rows

    def add_action(
        self, event_id: str, session_id: str | None, what: str = ""
    ) -> Result[ActionItem]:
        """A new open action at the end of the event's list."""
        table = schema.record_tables["action_item"]
        with self._writing() as conn:
            last = conn.execute(
                select(func.max(table.c.position)).where(table.c.event_id == event_id)
            ).scalar()
            item = ActionItem(
                id=new_id(),
                event_id=event_id,
                session_id=session_id,
                what=what,
                position=(last or 0) + 1,
            )
            kinds = self._save_in(conn, [item])
        return Result(item, changes_of(kinds))

    def set_action_owners(self, action_id: str, names: Sequence[str]) -> Result[None]:
        """Who carries an action, from names as typed: each is an organisation (by its name or
        short name), else a person (by full name), else kept as the name typed."""
        wanted = [n.strip() for n in names if n.strip()]
        organisation = schema.record_tables["organisation"]
        person = schema.record_tables["person"]
        owners_table = schema.record_tables["action_owner"]
        records: list[ActionOwner] = []
        with self._writing() as conn:
            orgs: dict[str, str] = {}
            for oid, name, short in conn.execute(
                select(organisation.c.id, organisation.c.name, organisation.c.short_name).where(
                    organisation.c.deleted.is_(False)
                )
            ):
                for label in (short, name):
                    if label:
                        orgs.setdefault(fold(label), oid)
            folded = [fold(n) for n in wanted]
            people = {
                search: pid
                for pid, search in conn.execute(
                    select(person.c.id, person.c.search)
                    .where(
                        person.c.search.in_(folded),
                        person.c.deleted.is_(False),
                        person.c.merged_into.is_(None),
                    )
                    .order_by(person.c.id.desc())
                )
            }
            for name, key in zip(wanted, folded, strict=True):
                if key in orgs:
                    oid = orgs[key]
                    records.append(
                        ActionOwner(owner_id(action_id, oid), action_id, organisation_id=oid)
                    )
                elif key in people:
                    pid = people[key]
                    records.append(ActionOwner(owner_id(action_id, pid), action_id, person_id=pid))
                else:
                    records.append(ActionOwner(owner_id(action_id, key), action_id, name=name))
            keep = {r.id for r in records}
            kinds = self._save_in(conn, list({r.id: r for r in records}.values()))
            for row in conn.execute(
                select(owners_table).where(
                    owners_table.c.action_id == action_id, owners_table.c.deleted.is_(False)
                )
            ):
                if row.id not in keep:
                    self._apply(conn, owners_table, "action_owner", row._mapping, {"deleted": True})
                    kinds.add("action_owner")
        return done(changes_of(kinds))

    def earlier_open_actions(self, event_id: str) -> builtins.list[ActionRow]:
        """The open and in-progress actions of the other events of this event's programme that
        started before it (all of them when this event has no date yet), oldest event first.
        `ActionRow.carried` tells those already carried into this event."""
        this = self.get(Event, event_id)
        if this is None or this.programme_id is None:
            return []
        event = schema.record_tables["event"]
        query = select(event.c.id, event.c.start_date).where(
            event.c.programme_id == this.programme_id,
            event.c.id != event_id,
            event.c.deleted.is_(False),
        )
        if this.start_date is not None:
            query = query.where(
                event.c.start_date.is_not(None),
                event.c.start_date < this.start_date.isoformat(),
            )
        with self._reading() as conn:
            events = sorted(conn.execute(query).all(), key=lambda r: (r.start_date or "", r.id))
        order = {row.id: n for n, row in enumerate(events)}
        if not order:
            return []
        items = self.list(
            ActionItem,
            where={"event_id": list(order), "status": [s.value for s in OPEN_STATUSES]},
            order_by=("position",),
        )
        items.sort(key=lambda i: (order[i.event_id], i.position, i.id))
        return self._rows(items, carried_into=event_id)

    def carry_action(
        self, action_id: str, event_id: str, session_id: str | None = None
    ) -> Result[ActionItem]:
        """Carry an earlier event's action into this one: a new action with the same what, owners
        and due date, its origin said in its text. The earlier action stays as it was.

        Everything is read inside the write transaction: what another thread wrote meanwhile is
        what gets carried.
        """
        written = self.carry_actions([action_id], event_id, session_id)
        return Result(written.value[0], written.changes)

    def carry_actions(
        self, action_ids: Sequence[str], event_id: str, session_id: str | None = None
    ) -> Result[builtins.list[ActionItem]]:
        """`carry_action` for several actions, in one transaction."""
        kinds: set[str] = set()
        carried: builtins.list[ActionItem] = []
        with self._writing() as conn:
            for action_id in action_ids:
                new, changed = self._carry_in(conn, action_id, event_id, session_id)
                carried.append(new)
                kinds |= changed
        return Result(carried, changes_of(kinds))

    def _carry_in(
        self, conn: Connection, action_id: str, event_id: str, session_id: str | None
    ) -> tuple[ActionItem, set[str]]:
        table = schema.record_tables["action_item"]
        old = self._get_in(conn, ActionItem, action_id)
        if old is None:
            raise NotFound(_("There is no such record: {id}.").format(id=action_id))
        origin = self._get_in(conn, Event, old.event_id)
        label = (origin.code or origin.title) if origin else ""
        what = (
            _("{what} (carried over from {event})").format(what=old.what, event=label)
            if label
            else old.what
        )
        owners = self._list_in(conn, ActionOwner, where={"action_id": action_id})
        last = conn.execute(
            select(func.max(table.c.position)).where(table.c.event_id == event_id)
        ).scalar()
        new = ActionItem(
            id=carried_action_id(action_id, event_id),
            event_id=event_id,
            session_id=session_id,
            what=what,
            due_date=old.due_date,
            status=old.status,
            position=(last or 0) + 1,
        )
        exists = conn.execute(
            select(table.c.id).where(table.c.id == new.id, table.c.deleted.is_(False))
        ).first()
        if exists is not None:
            return new, set()
        copies = [
            dataclasses.replace(
                owner,
                id=owner_id(new.id, owner.person_id or owner.organisation_id or fold(owner.name)),
                action_id=new.id,
            )
            for owner in owners
        ]
        return new, self._save_in(conn, [new, *copies])

    # --- photos ------------------------------------------------------------------------------

    def photos_of(
        self, event_id: str, session_id: str | None, group_id: str | None = None
    ) -> builtins.list[Attachment]:
        """The attachments of a session or group, by file name."""
        where: dict[str, Any] = {"event_id": event_id, "session_id": session_id}
        where["group_id"] = group_id
        return self.list(Attachment, where=where, order_by=("filename",))

    def attach_photo(
        self,
        event_id: str,
        session_id: str | None,
        group_id: str | None,
        data: bytes,
        *,
        filename: str,
        media_type: str,
        caption: str = "",
        shows_people: bool = False,
    ) -> Result[Attachment]:
        """Keep a photo (a flip chart, a signed sheet) with a session or group: its bytes once by
        their SHA-256, and the attachment record, in one transaction."""
        digest = hashlib.sha256(data).hexdigest()
        attachment = Attachment(
            id=new_id(),
            event_id=event_id,
            session_id=session_id,
            group_id=group_id,
            sha256=digest,
            filename=filename,
            media_type=media_type,
            size=len(data),
            caption=caption,
            shows_people=shows_people,
        )
        with self._writing() as conn:
            self._put_blob(conn, digest, data)
            kinds = self._save_in(conn, [attachment])
        return Result(attachment, changes_of(kinds))
