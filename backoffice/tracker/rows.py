"""The tracker's rows, built from the query's plain rows with what repeats from one case to the
next worked out once; pseudonymised when asked, or when the exporter is not identified.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from backoffice.access import EXPORT_ROLES
from backoffice.pseudonyms import Pseudonymiser, pseudonym_secret
from backoffice.tracker.cells import _consent_of, _day, _json, _safe
from backoffice.tracker.columns import RECOMMENDATION_COLUMNS, STILL_OPEN, TRACKED_DUTIES
from backoffice.tracker.query import _RAW_COLUMNS, _TEXT_COLUMNS, _query
from intake.core.consent import SNAPSHOT_FIELDS
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, Organisation, ProtocolStep, Role

BATCH = 1000


def may_export(actor: Actor) -> None:
    """Supervisors, leads and admins of any organisation; HMIP triage (HMIP keeps the log)."""
    if actor.role in EXPORT_ROLES:
        return
    if actor.role == Role.TRIAGE and actor.organisation == Organisation.HMIP:
        return
    raise PermissionDenied(
        f"{actor.name} ({actor.role.value}, {actor.organisation.value}) may not export the "
        "tracker: this needs a supervisor, lead or admin, or HMIP triage"
    )


#: How many distinct values each cache of :class:`_Lines` keeps before starting again.
CACHED = 4096


class _CachingPseudonymiser(Pseudonymiser):
    """Each pseudonym's HMAC once per distinct value: a person's pseudonym and their prison
    number's share one, and a person with several cases gets it once."""

    def __init__(self, secret: bytes) -> None:
        super().__init__(secret)
        self._codes: dict[tuple[str, str], str] = {}

    def _code(self, kind: str, value: str) -> str:
        code = self._codes.get((kind, value))
        if code is None:
            if len(self._codes) >= CACHED:
                self._codes.clear()
            code = self._codes[kind, value] = super()._code(kind, value)
        return code


class _Lines:
    """Builds tracker lines from the query's rows, remembering what repeats from one case to
    the next (joined lists, consent words, pseudonyms) so that each row costs little."""

    def __init__(self, pseudo: Pseudonymiser, pseudonymise_all: bool) -> None:
        self._pseudo = pseudo
        self._pseudonymise_all = pseudonymise_all
        self._joined: dict[Any, str] = {}
        self._consent: dict[tuple[Any, ...], str] = {}

    def _join(self, value: Any, leave_out: str | None = None) -> str:
        """A JSON list as "a, b" (without ``leave_out``), remembered by its raw value."""
        key = (value, leave_out) if isinstance(value, str) else None
        words = self._joined.get(key) if key else None
        if words is None:
            words = ", ".join(w for w in _json(value) or [] if w != leave_out)
            if key:
                if len(self._joined) >= CACHED:
                    self._joined.clear()
                self._joined[key] = words
        return words

    def _consent_words(self, snapshot: tuple[Any, ...]) -> str:
        words = self._consent.get(snapshot)
        if words is None:
            if len(self._consent) >= CACHED:
                self._consent.clear()
            words = self._consent[snapshot] = _consent_of(snapshot)
        return words

    def line(self, row: Sequence[Any]) -> list[str]:
        """One tracker line; pseudonymised when asked or when the exporter is not identified."""
        (
            reference, place, organisation, name, number, ho_ref, qualifies, route, risk,
            severity, status, overridden, outcome, channel,
            created_at, closed_at, categories, routes, bodies,
            establishment, step_dates, logged_at, identified,
            recommendations, recommendations_open, recommendations_overdue,
        ) = row[:_FIXED]  # fmt: skip
        if self._pseudonymise_all or not identified:
            pseudo = self._pseudo
            name = pseudo.person(name, number, ho_ref)
            number, ho_ref = pseudo.prison_number(number), pseudo.home_office_ref(ho_ref)
        consent = tuple(row[_FIXED:_DUTIES])
        duties = row[_DUTIES:]
        return [
            reference,
            _day(created_at),
            _day(logged_at),
            _safe(establishment or place),
            organisation,
            self._join(bodies),
            channel or "",
            _safe(name),
            _safe(number),
            _safe(ho_ref),
            self._join(categories),
            qualifies,
            route,
            self._join(routes, route),
            self._consent_words(consent),
            risk,
            severity,
            status,
            "yes" if overridden else "no",
            *_step_dates(step_dates, created_at, status, closed_at),
            *_duties(duties),
            *_monitoring(duties[-3:]),
            str(int(recommendations or 0)),
            str(int(recommendations_open or 0)),
            str(int(recommendations_overdue or 0)),
            outcome or "",
            _day(closed_at),
        ]


#: Where the consent snapshot and the duties' columns start in a row of :func:`_query`: after
#: the case's columns, establishment, step dates, logged, identified and the three
#: recommendation counts.
_FIXED = len(_TEXT_COLUMNS) + len(_RAW_COLUMNS) + 4 + len(RECOMMENDATION_COLUMNS)
_DUTIES = _FIXED + len(SNAPSHOT_FIELDS)


def _duties(values: Sequence[Any]) -> list[str]:
    """Opened and done (or still open) of each tracked duty, from (opened, done, open)s."""
    cells = []
    triples = iter(values[: 3 * len(TRACKED_DUTIES)])
    for opened, done, still_open in zip(triples, triples, triples, strict=True):
        cells += [
            _day(opened) if opened else "",
            STILL_OPEN if still_open else _day(done) if done else "",
        ]
    return cells


def _monitoring(values: Sequence[Any]) -> list[str]:
    started, last, still_open = values
    if started is None:
        return ["", "", ""]
    return [_day(started), _day(last), "ongoing" if still_open else "ended"]


_STEPS = [str(int(step)) for step in ProtocolStep]
_SIGNPOSTED = CaseStatus.SIGNPOSTED.value


def _step_dates(raw: Any, created_at: Any, status: str, closed_at: Any) -> list[str]:
    found = dict(_json(raw) or {})
    found.setdefault("1", _day(created_at))
    if status == _SIGNPOSTED and closed_at is not None:
        found.setdefault("2", _day(closed_at))
    return [found.get(step, "") for step in _STEPS]


def tracker_rows(
    session: Session,
    *,
    actor: Actor,
    date_from: date | None = None,
    date_to: date | None = None,
    pseudonymise: bool = False,
) -> Iterator[list[str]]:
    """The tracker's rows (without the header), streamed in batches from the database.

    ``pseudonymise`` pseudonymises every row; without it, the rows of cases the actor is not
    identified to are pseudonymised all the same.
    """
    may_export(actor)
    if date_from and date_to and date_from > date_to:
        raise ValidationProblem("--from must not be after --to")
    lines = _Lines(_CachingPseudonymiser(pseudonym_secret(session)), pseudonymise)
    query = _query(actor, date_from, date_to).execution_options(yield_per=BATCH)
    # The session's own connection, but a Core result: plain rows, without the ORM's loading
    # (a second a 100,000 cases).
    for row in session.connection().execute(query):
        yield lines.line(row)
