"""Gather what the minutes of an event, a day or a session print, through the facade only.

Everything comes from the public methods of `Workspace` (no SQL here) and leaves as the plain data
of `fieldkit.reports.data`, limited to the scope and sorted, so the same workspace always gives the
same data and the same PDF.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from fieldkit.core.errors import NotFound
from fieldkit.core.model import (
    ActionItem,
    ActionOwner,
    Attachment,
    Attendance,
    AttendanceMode,
    Axis,
    Day,
    Decision,
    Event,
    EventPartner,
    GroupMember,
    Note,
    Objective,
    Organisation,
    PartnerRole,
    Person,
    Programme,
    Registration,
    Role,
    Session,
    SessionAxis,
    SessionObjective,
    Tally,
    WorkingGroup,
)
from fieldkit.core.text import fold
from fieldkit.i18n import _, ngettext
from fieldkit.reports.data import (
    ActionInfo,
    AxisInfo,
    DayInfo,
    EventInfo,
    GroupInfo,
    HeadCount,
    MinutesData,
    NoteInfo,
    ObjectiveInfo,
    Participant,
    PartnerInfo,
    Photo,
    Presence,
    Scope,
    SessionInfo,
    Signatory,
)
from fieldkit.store import Workspace

IMAGE_TYPES = ("image/jpeg", "image/png")
# The setting that holds the SHA-256 of the logo's bytes (stored with `Workspace.add_blob`).
LOGO_SETTING = "logo"
ORGANISATION_SETTING = "organisation_name"  # the organisation that issues the minutes
_PARTNER_ORDER = {role: index for index, role in enumerate(PartnerRole)}


def gather_minutes(
    ws: Workspace, event_ref: str, *, day: int | None = None, session_id: str | None = None
) -> MinutesData:
    """The minutes of an event, of its day `day` (counted from 1) or of one session.

    Raises NotFound, with one sentence, for an unknown event, day or session.
    """
    event = ws.find_event(event_ref)
    days = ws.event_days(event.id)
    all_sessions = ws.event_sessions(event.id)
    scope, day_ids, sessions = _scope(event, days, all_sessions, day, session_id)
    return _Gatherer(ws, event, days, scope, day_ids, sessions).data()


def _scope(
    event: Event,
    days: list[Day],
    sessions: list[Session],
    day: int | None,
    session_id: str | None,
) -> tuple[Scope, set[str], list[Session]]:
    """The scope, its day ids and its sessions; NotFound for a day or session not in the event."""
    if day is not None and not 1 <= day <= len(days):
        raise NotFound(
            ngettext(
                "The event {code} has no day {number}; it has {count} day.",
                "The event {code} has no day {number}; it has {count} days.",
                len(days),
            ).format(code=event.code, number=day, count=len(days))
        )
    if session_id is not None:
        chosen = [s for s in sessions if s.id == session_id]
        if not chosen:
            raise NotFound(
                _("The event {code} has no session with the id {id}.").format(
                    code=event.code, id=session_id
                )
            )
        if day is not None and chosen[0].day_id != days[day - 1].id:
            raise NotFound(
                _("The session {id} is not on day {number} of the event {code}.").format(
                    id=session_id, number=day, code=event.code
                )
            )
        return Scope.SESSION, {chosen[0].day_id}, chosen
    if day is not None:
        day_id = days[day - 1].id
        return Scope.DAY, {day_id}, [s for s in sessions if s.day_id == day_id]
    return Scope.EVENT, {d.id for d in days}, sessions


def _group_by(records: Iterable[Any], key: str) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for record in records:
        grouped[getattr(record, key)].append(record)
    return grouped


def _name_key(person: Person) -> tuple[str, str, str]:
    return (fold(person.surnames), fold(person.given_names), person.id)


class _Gatherer:
    """One gathering: the queries are made once and shared by the parts of the data."""

    def __init__(
        self,
        ws: Workspace,
        event: Event,
        days: list[Day],
        scope: Scope,
        day_ids: set[str],
        sessions: list[Session],
    ) -> None:
        self.ws = ws
        self.event = event
        self.days = days
        self.scope = scope
        self.day_ids = day_ids
        self.sessions = sessions
        self.session_ids = [s.id for s in sessions]
        self.groups = ws.list(
            WorkingGroup, where={"session_id": self.session_ids}, order_by=("position",)
        )
        self.members = ws.list(GroupMember, where={"group_id": [g.id for g in self.groups]})
        attendance = ws.list(Attendance, where={"session_id": self.session_ids})
        self.people = self._people(
            {a.person_id for a in attendance} | {m.person_id for m in self.members}
        )
        self.presences = self._presences(attendance)
        self.organisations: dict[str, Organisation] = {}

    # --- people ----------------------------------------------------------------------------

    def _people(self, ids: set[str]) -> dict[str, Person]:
        """{id: person}, a merged duplicate standing for the person it was merged into."""
        found = {p.id: p for p in self.ws.list(Person, where={"id": sorted(ids)})}
        targets = {p.merged_into for p in found.values() if p.merged_into} - found.keys()
        while targets:  # chains of merges are short; each round fetches one more link
            extra = {p.id: p for p in self.ws.list(Person, where={"id": sorted(targets)})}
            found |= extra
            targets = {p.merged_into for p in extra.values() if p.merged_into} - found.keys()
        resolved: dict[str, Person] = {}
        for person_id in found:
            person = found[person_id]
            seen = {person_id}
            while person.merged_into and person.merged_into in found:
                if person.merged_into in seen:
                    break
                seen.add(person.merged_into)
                person = found[person.merged_into]
            resolved[person_id] = person
        return resolved

    def _presences(self, attendance: list[Attendance]) -> tuple[Presence, ...]:
        """One presence per person and session; in person wins over online."""
        modes: dict[tuple[str, str], AttendanceMode] = {}
        for row in attendance:
            person = self.people.get(row.person_id)
            if person is None:  # a tombstoned person no longer counts
                continue
            key = (row.session_id, person.id)
            if modes.get(key) != AttendanceMode.IN_PERSON:
                modes[key] = row.mode
        return tuple(
            Presence(session_id, person_id, mode)
            for (session_id, person_id), mode in sorted(modes.items())
        )

    def _organisation_names(self, ids: Iterable[str | None]) -> dict[str, Organisation]:
        wanted = {i for i in ids if i} - self.organisations.keys()
        if wanted:
            for org in self.ws.list(Organisation, where={"id": sorted(wanted)}):
                self.organisations[org.id] = org
        return self.organisations

    def _participants(self) -> tuple[Participant, ...]:
        present = {p.person_id for p in self.presences}
        people = sorted(
            (p for p in {p.id: p for p in self.people.values()}.values() if p.id in present),
            key=_name_key,
        )
        registrations = {
            r.person_id: r for r in self.ws.list(Registration, where={"event_id": self.event.id})
        }
        orgs = self._organisation_names(p.organisation_id for p in people)
        result = []
        for person in people:
            registration = registrations.get(person.id)
            org = orgs.get(person.organisation_id or "")
            result.append(
                Participant(
                    id=person.id,
                    given_names=person.given_names,
                    surnames=person.surnames,
                    gender=person.gender,
                    age_group=person.age_group,
                    organisation=org.name if org else "",
                    organisation_short=org.short_name if org else "",
                    role=registration.role if registration else Role.PARTICIPANT,
                    delegation=registration.delegation if registration else "",
                    municipality=registration.municipality if registration else "",
                    country=(registration.country if registration else "")
                    or (org.country if org else ""),
                )
            )
        return tuple(result)

    # --- the parts of the minutes -------------------------------------------------------------

    def data(self) -> MinutesData:
        event = self.event
        programme = ""
        if event.programme_id:
            found = self.ws.get(Programme, event.programme_id)
            programme = found.name if found else ""
        decisions = self.ws.list(Decision, where={"event_id": event.id}, order_by=("position",))
        objectives, axes = self._objectives(), self._axes()
        logo_digest = self.ws.setting(LOGO_SETTING)
        return MinutesData(
            scope=self.scope,
            event=EventInfo(
                code=event.code,
                title=event.title,
                start_date=event.start_date,
                end_date=event.end_date,
                places=event.places,
                format=event.format,
                context=event.context,
                general_objective=event.general_objective,
                programme=programme,
            ),
            days=self._days(decisions, axes),
            day_count=len(self.days),
            partners=self._partners(),
            objectives=objectives,
            axes=tuple(AxisInfo(a.position, a.title, a.description) for a in axes),
            general_decisions=tuple(d.text for d in decisions if d.session_id is None)
            if self.scope == Scope.EVENT
            else (),
            actions=self._actions(),
            participants=self._participants(),
            presences=self.presences,
            head_counts=self._head_counts(),
            registered=self.ws.registered_count(event.id),
            signatories=self._signatories(),
            logo=self.ws.blob(logo_digest) if isinstance(logo_digest, str) else None,
            organisation=str(self.ws.setting(ORGANISATION_SETTING) or ""),
        )

    def _partners(self) -> tuple[PartnerInfo, ...]:
        links = self.ws.list(EventPartner, where={"event_id": self.event.id})
        orgs = self._organisation_names(link.organisation_id for link in links)
        partners = [
            PartnerInfo(org.name, org.short_name, org.country, link.role)
            for link in links
            if (org := orgs.get(link.organisation_id)) is not None
        ]
        return tuple(sorted(partners, key=lambda p: (_PARTNER_ORDER[p.role], fold(p.name))))

    def _objectives(self) -> tuple[ObjectiveInfo, ...]:
        objectives = self.ws.list(
            Objective, where={"event_id": self.event.id}, order_by=("position",)
        )
        links = _group_by(
            self.ws.list(SessionObjective, where={"session_id": self.session_ids}), "objective_id"
        )
        order = {session_id: index for index, session_id in enumerate(self.session_ids)}
        return tuple(
            ObjectiveInfo(
                o.position,
                o.text,
                tuple(sorted((link.session_id for link in links[o.id]), key=order.__getitem__)),
            )
            for o in objectives
        )

    def _axes(self) -> list[Axis]:
        return self.ws.list(Axis, where={"event_id": self.event.id}, order_by=("position",))

    def _days(self, decisions: list[Decision], axes: list[Axis]) -> tuple[DayInfo, ...]:
        axis_titles = {a.id: a.title for a in axes}
        axis_positions = {a.id: a.position for a in axes}
        session_axes = _group_by(
            self.ws.list(SessionAxis, where={"session_id": self.session_ids}), "session_id"
        )
        objective_positions = {
            o.id: o.position for o in self.ws.list(Objective, where={"event_id": self.event.id})
        }
        session_objectives = _group_by(
            self.ws.list(SessionObjective, where={"session_id": self.session_ids}), "session_id"
        )
        notes = {
            (n.session_id, n.group_id): n
            for n in self.ws.list(Note, where={"session_id": self.session_ids})
        }
        photos = self._photos()
        groups = self._groups(notes, decisions, photos, axis_titles)
        by_session = _group_by(decisions, "session_id")
        result = []
        for number, day in enumerate(self.days, start=1):
            if day.id not in self.day_ids:
                continue
            sessions = []
            for s in (s for s in self.sessions if s.day_id == day.id):
                linked_axes = sorted(session_axes[s.id], key=lambda x: axis_positions[x.axis_id])
                sessions.append(
                    SessionInfo(
                        id=s.id,
                        day_number=number,
                        start_time=s.start_time,
                        end_time=s.end_time,
                        title=s.title,
                        kind=s.kind,
                        mode=s.mode,
                        room=s.room,
                        link=s.link,
                        facilitator=s.facilitator,
                        rapporteur=s.rapporteur,
                        description=s.description,
                        names_taken=s.names_taken,
                        axes=tuple(axis_titles[x.axis_id] for x in linked_axes),
                        objective_positions=tuple(
                            sorted(
                                objective_positions[o.objective_id]
                                for o in session_objectives[s.id]
                            )
                        ),
                        note=_note(notes.get((s.id, None))),
                        decisions=tuple(
                            d.text for d in by_session.get(s.id, []) if d.group_id is None
                        ),
                        groups=tuple(groups.get(s.id, [])),
                        photos=tuple(photos.get((s.id, None), [])),
                    )
                )
            result.append(DayInfo(number, day.date, day.title, tuple(sessions)))
        return tuple(result)

    def _groups(
        self,
        notes: dict[tuple[str, str | None], Note],
        decisions: list[Decision],
        photos: dict[tuple[str, str | None], list[Photo]],
        axis_titles: dict[str, str],
    ) -> dict[str, list[GroupInfo]]:
        members = _group_by(self.members, "group_id")
        by_group = _group_by((d for d in decisions if d.group_id), "group_id")
        result: dict[str, list[GroupInfo]] = defaultdict(list)
        for group in self.groups:
            people = sorted(
                {self.people[m.person_id] for m in members[group.id] if m.person_id in self.people},
                key=_name_key,
            )
            result[group.session_id].append(
                GroupInfo(
                    position=group.position,
                    name=group.name,
                    axis=axis_titles.get(group.axis_id or "", ""),
                    facilitator=group.facilitator,
                    rapporteur=group.rapporteur,
                    members=tuple(p.full_name for p in people),
                    note=_note(notes.get((group.session_id, group.id))),
                    decisions=tuple(d.text for d in by_group.get(group.id, [])),
                    photos=tuple(photos.get((group.session_id, group.id), [])),
                )
            )
        return result

    def _photos(self) -> dict[tuple[str, str | None], list[Photo]]:
        """{(session id, group id or None): photos that consent allows}, by file name."""
        attachments = self.ws.list(
            Attachment,
            where={"event_id": self.event.id, "session_id": self.session_ids},
            order_by=("filename",),
        )
        members = _group_by(self.members, "group_id")
        present = _group_by(self.presences, "session_id")
        result: dict[tuple[str, str | None], list[Photo]] = defaultdict(list)
        for item in attachments:
            if item.media_type not in IMAGE_TYPES or item.session_id is None:
                continue
            if item.shows_people:
                ids = (
                    {m.person_id for m in members[item.group_id]}
                    if item.group_id
                    else {p.person_id for p in present[item.session_id]}
                )
                shown = [self.people.get(i) for i in ids]
                if not shown or not all(p is not None and p.consent_photos for p in shown):
                    continue
            data = self.ws.blob(item.sha256)
            if data is not None:
                result[(item.session_id, item.group_id)].append(
                    Photo(data, item.caption, item.media_type)
                )
        return result

    def _actions(self) -> tuple[ActionInfo, ...]:
        items = self.ws.list(ActionItem, where={"event_id": self.event.id}, order_by=("position",))
        if self.scope != Scope.EVENT:
            in_scope = set(self.session_ids)
            items = [i for i in items if i.session_id in in_scope]
        owners = _group_by(
            self.ws.list(ActionOwner, where={"action_id": [i.id for i in items]}), "action_id"
        )
        all_owners = [o for i in items for o in owners[i.id]]
        people = {
            p.id: p
            for p in self.ws.list(
                Person, where={"id": sorted({o.person_id for o in all_owners if o.person_id})}
            )
        }
        orgs = self._organisation_names(o.organisation_id for o in all_owners)

        def name(owner: ActionOwner) -> str:
            if owner.person_id and owner.person_id in people:
                return people[owner.person_id].full_name
            if owner.organisation_id and owner.organisation_id in orgs:
                org = orgs[owner.organisation_id]
                return org.short_name or org.name
            return owner.name

        return tuple(
            ActionInfo(
                item.what,
                tuple(sorted((n for n in map(name, owners[item.id]) if n), key=fold)),
                item.due_date,
                item.status,
            )
            for item in items
        )

    def _head_counts(self) -> tuple[HeadCount, ...]:
        tallies = _group_by(
            self.ws.list(Tally, where={"session_id": self.session_ids}), "session_id"
        )
        return tuple(
            HeadCount(
                session_id,
                women=sum(t.women for t in rows),
                men=sum(t.men for t in rows),
                another=sum(t.another for t in rows),
                not_stated=sum(t.not_stated for t in rows),
            )
            for session_id, rows in sorted(tallies.items())
        )

    def _signatories(self) -> tuple[Signatory, ...]:
        """The organisers registered at the event: they validate the minutes."""
        organisers = self.ws.list(
            Registration, where={"event_id": self.event.id, "role": Role.ORGANISER}
        )
        people = sorted(
            self.ws.list(Person, where={"id": [r.person_id for r in organisers]}), key=_name_key
        )
        orgs = self._organisation_names(p.organisation_id for p in people)
        return tuple(
            Signatory(
                p.full_name,
                (org.short_name or org.name) if (org := orgs.get(p.organisation_id or "")) else "",
            )
            for p in people
        )


def _note(note: Note | None) -> NoteInfo:
    if note is None:
        return NoteInfo()
    return NoteInfo(note.key_points, note.lessons, note.proposals, note.agreements)
