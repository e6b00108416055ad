"""The HMIP sanctions tracker export (protocol para 24): one row a case, fixed columns,
marked OFFICIAL-SENSITIVE, as CSV or xlsx.

It is the log the protocol describes: only cases logged on it at step 3, each with the bodies
contacted and how, the consent state, every parallel duty with when it was first opened and last
done (or that it is still open), IMB monitoring (started, last review, ongoing or ended) and the
formal report's recommendations (how many, how many open and overdue). Demo cases never enter
it (``backoffice demo``), and the summary says how many it left out. Rows are streamed from the
database (``yield_per``) and written as they come (:mod:`backoffice.xlsx`, every cell a text
cell), so a 100,000-case export never holds every case in memory; what repeats from one case to
the next (joined lists, consent words, pseudonyms) is worked out once. ``pseudonymise``
replaces names, prison numbers and Home Office references with stable pseudonyms
(:mod:`backoffice.pseudonyms`) for the periodic share with the IMB and PPO leads. Need to know
holds without it too: every row of a case the exporting user is not identified to
(:func:`backoffice.access.identified_filter`, computed in the same query) is pseudonymised.
Each export is recorded in the audit trail.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import Engine, Select, String, Subquery, and_, func, select, type_coerce
from sqlalchemy import case as when
from sqlmodel import Session, col

from backoffice import xlsx
from backoffice.access import EXPORT_ROLES, identified_filter, visible_cases_filter
from backoffice.pseudonyms import Pseudonymiser, pseudonym_secret
from intake.core.clock import today
from intake.core.consent import SNAPSHOT_FIELDS, consent_state
from intake.core.db.backup import check_output
from intake.core.db.models import (
    AuditEvent,
    ConsentRecord,
    Establishment,
    Recommendation,
    SanctionCase,
    TrackerEntry,
    WorkflowTask,
    table_of,
)
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.files import encrypt_bytes, write_private_bytes
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, Duty, Organisation, ProtocolStep, Role

MARKING = "OFFICIAL-SENSITIVE"
TITLE = "HMIP sanctions tracker"
BATCH = 1000
Format = Literal["csv", "xlsx"]

STEP_COLUMNS = [f"Step {int(s)}: {s.label}" for s in ProtocolStep]
#: The parallel duties (para 23): when each was first opened, and last done or still open.
TRACKED_DUTIES = (
    Duty.REFER_SENIOR_MANAGER,
    Duty.REPORT_BACK,
    Duty.ESCALATE,
    Duty.INFORM_INTERNAL_LEAD,
    Duty.INFORM_PARTNERS,
    Duty.PRESERVE_EVIDENCE,
)
DUTY_COLUMNS = [f"{d.task_title}: {what}" for d in TRACKED_DUTIES for what in ("opened", "done")]
MONITORING_COLUMNS = ["IMB monitoring: started", "IMB monitoring: last review", "IMB monitoring"]
RECOMMENDATION_COLUMNS = ["Recommendations", "Recommendations open", "Recommendations overdue"]
#: What a duty still open reads as in its "done" column.
STILL_OPEN = "open"
COLUMNS = [
    "Reference",
    "Received",
    "Logged",
    "Establishment",
    "Receiving organisation",
    "Bodies contacted",
    "Channel",
    "Person",
    "Prison number",
    "Home Office reference",
    "Categories",
    "Qualifies",
    "Route",
    "Other routes",
    "Consent",
    "Risk",
    "Severity",
    "Status",
    "Overridden",
    *STEP_COLUMNS,
    *DUTY_COLUMNS,
    *MONITORING_COLUMNS,
    *RECOMMENDATION_COLUMNS,
    "Outcome",
    "Closed",
]


class ExportSummary(BaseModel):
    path: str
    format: str
    rows: int
    pseudonymised: bool
    marking: str = MARKING
    #: Demo cases the user could see in the period, never written to the tracker.
    demo_left_out: int = 0


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


#: The case's own columns, in the order :meth:`_Lines.line` unpacks them.
_TEXT_COLUMNS = (
    "reference",
    "place_text",
    "receiving_organisation",
    "person_name",
    "prison_number",
    "home_office_ref",
    "qualifies",
    "route",
    "risk_level",
    "severity",
    "status",
    "overridden",
    "outcome",
    "communication_channel",
)
#: Read as the database holds them, never parsed into objects: the tracker shows a date and
#: joined words, which the text gives directly (SQLite) or the driver's value (PostgreSQL).
_RAW_COLUMNS = ("created_at", "closed_at", "categories", "routes", "bodies")


def _query(actor: Actor, date_from: date | None, date_to: date | None) -> Select:
    """Plain columns in a fixed order, not ORM objects: cheaper to stream."""
    table = table_of(SanctionCase)
    duties, recommendations = _duty_dates(), _recommendation_counts()
    query = (
        select(
            *(table.c[name] for name in _TEXT_COLUMNS),
            *(type_coerce(table.c[name], String).label(name) for name in _RAW_COLUMNS),
            col(Establishment.name).label("establishment"),
            type_coerce(col(TrackerEntry.step_dates), String).label("step_dates"),
            type_coerce(col(TrackerEntry.logged_at), String).label("logged_at"),
            identified_filter(actor).label("identified"),
            *(c for c in recommendations.c if c.name != "case_id"),
            *(
                col(getattr(ConsentRecord, name)).label(f"consent_{name}")
                for name in SNAPSHOT_FIELDS
            ),
            *(c for c in duties.c if c.name != "case_id"),
        )
        .select_from(table)
        .join(TrackerEntry, col(TrackerEntry.case_id) == table.c.id)  # logged at step 3
        .outerjoin(ConsentRecord, col(ConsentRecord.id) == _latest_consent(table))
        .outerjoin(Establishment, col(Establishment.id) == table.c.establishment_id)
        .outerjoin(duties, duties.c.case_id == table.c.id)
        .outerjoin(recommendations, recommendations.c.case_id == table.c.id)
        .where(visible_cases_filter(actor), ~table.c.is_demo)
        .order_by(table.c.created_at, table.c.id)
    )
    return _received_between(query, date_from, date_to)


def _duty_dates() -> Subquery:
    """Per case and duty: first opened, last done, and how many are still open (one grouped
    pass over the duties' tasks, joined once: the export stays one streamed query).

    Aggregates with ``FILTER (WHERE ...)`` (SQLite 3.30+, PostgreSQL) skip the rows of other
    duties instead of feeding each aggregate a NULL: about half the time of ``CASE`` at
    100,000 cases."""
    task = table_of(WorkflowTask)
    duties = (*TRACKED_DUTIES, Duty.IMB_MONITORING)
    columns: list[Any] = [task.c.case_id]
    for duty in duties:
        this = task.c.duty == duty.value
        columns += [
            type_coerce(func.min(task.c.created_at).filter(this), String).label(
                f"{duty.value}_opened"
            ),
            type_coerce(func.max(task.c.done_at).filter(this), String).label(f"{duty.value}_done"),
            func.count().filter(this, task.c.done_at.is_(None)).label(f"{duty.value}_open"),
        ]
    return (
        select(*columns)
        .where(task.c.duty.in_([duty.value for duty in duties]))
        .group_by(task.c.case_id)
        .subquery("duty_dates")
    )


def _recommendation_counts() -> Subquery:
    rec = table_of(Recommendation)
    still_open = rec.c.done_at.is_(None)
    late = and_(still_open, rec.c.due < today())
    return (
        select(
            rec.c.case_id,
            func.count().label("recommendations"),
            func.sum(when((still_open, 1), else_=0)).label("recommendations_open"),
            func.sum(when((late, 1), else_=0)).label("recommendations_overdue"),
        )
        .group_by(rec.c.case_id)
        .subquery("recommendation_counts")
    )


def _received_between(query: Select, date_from: date | None, date_to: date | None) -> Select:
    created_at = table_of(SanctionCase).c.created_at
    if date_from is not None:
        query = query.where(created_at >= datetime.combine(date_from, time.min, tzinfo=UTC))
    if date_to is not None:
        end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC)
        query = query.where(created_at < end)
    return query


def demo_cases_left_out(
    session: Session, actor: Actor, date_from: date | None = None, date_to: date | None = None
) -> int:
    """Demo cases the actor could see in the period: the tracker never holds them."""
    table = table_of(SanctionCase)
    query = (
        select(func.count()).select_from(table).where(visible_cases_filter(actor), table.c.is_demo)
    )
    return int(session.execute(_received_between(query, date_from, date_to)).scalar_one())


def _latest_consent(table: Any) -> Any:
    """The id of the case's newest consent snapshot (its current state)."""
    return (
        select(func.max(ConsentRecord.id))
        .where(col(ConsentRecord.case_id) == table.c.id)
        .correlate(table)
        .scalar_subquery()
    )


def _consent_of(snapshot: tuple[Any, ...]) -> str:
    """The consent column from the newest snapshot's fields (all None: none recorded)."""
    if snapshot[0] is None:
        return consent_state([]).short()
    row = ConsentRecord(case_id=0, **dict(zip(SNAPSHOT_FIELDS, snapshot, strict=True)))
    return consent_state([row]).short()


def _safe(value: str | None) -> str:
    """Text as typed, never a spreadsheet formula.

    A spreadsheet skips leading spaces and line breaks and may read the full-width "＝" or the
    small "﹦" as "=", so the check looks past leading whitespace and control characters at the
    NFKC form; the text itself is kept exactly as typed, behind an apostrophe.
    """
    text = value or ""
    if not text or (text[0].isascii() and text[0].isalnum()):
        return text  # the usual case, and nothing a spreadsheet reads as a formula
    start = 0
    while start < len(text) and (
        text[start].isspace() or unicodedata.category(text[start]) in _SKIPPED
    ):
        start += 1
    head = unicodedata.normalize("NFKC", text[start : start + 4]).lstrip()
    return "'" + text if text[:1] in ("\t", "\r") or head[:1] in _FORMULA_STARTS else text


_FORMULA_STARTS = ("=", "+", "-", "@")
_SKIPPED = ("Cc", "Cf", "Zs", "Zl", "Zp")


def _day(value: datetime | str | None) -> str:
    """The date (UTC) of a moment: SQLite gives the stored text, PostgreSQL a datetime."""
    if not value:
        return ""
    if isinstance(value, str):
        return value[:10]
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.date().isoformat()


def _json(value: Any) -> Any:
    """A JSON column read raw: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


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


def _marking_row(actor: Actor, pseudonymised: bool) -> list[str]:
    what = f"{TITLE}, exported {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by {actor.name}"
    if pseudonymised:
        return [MARKING, what + "; pseudonymised"]
    scope = (
        "need to know: no one is named (admin export)"
        if actor.role == Role.ADMIN
        else f"need to know: people are named only in cases {actor.organisation.value} "
        "received or was handed"
    )
    return [MARKING, f"{what}; {scope}"]


@contextmanager
def _atomic(path: Path, passphrase: str | None = None) -> Iterator[Path]:
    """Write beside the target, readable by the owner only, then move into place.

    With a ``passphrase`` the plain file is written in a private temporary folder (0700) and
    only its encrypted form reaches ``path`` (removable media)."""
    if path.is_dir():
        raise ValidationProblem(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise ValidationProblem(f"folder {path.parent} does not exist")
    if passphrase is not None:
        with tempfile.TemporaryDirectory(prefix="sanctions-export-") as folder:
            plain = Path(folder) / path.name
            yield plain
            write_private_bytes(path, encrypt_bytes(plain.read_bytes(), passphrase))
        return
    handle, temp = tempfile.mkstemp(prefix=".tracker-", dir=path.parent)
    os.close(handle)
    os.chmod(temp, 0o600)
    try:
        yield Path(temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _write_csv(path: Path, head: list[str], rows: Iterator[list[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(head)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_xlsx(path: Path, head: list[str], rows: Iterator[list[str]], actor: Actor) -> int:
    """Every cell a text cell (:mod:`backoffice.xlsx`): nothing is ever read as a formula."""
    properties = xlsx.Properties(
        title=f"{TITLE} ({MARKING})",
        subject=f"{MARKING}: alleged sanctions for contact with HMIP, IMB or PPO",
        keywords=f"{MARKING}; sanctions; tracker",
        category=MARKING,
        creator=actor.name,
    )
    try:
        written = xlsx.write_sheet(
            path, itertools.chain([head, COLUMNS], rows), sheet="Tracker",
            properties=properties, header_footer=MARKING, freeze=(2, 1),
        )  # fmt: skip
    except xlsx.TooLarge as error:
        raise ValidationProblem(
            f"the tracker is too large for one xlsx sheet ({error}): export it as CSV, or a "
            "shorter period with --from and --to"
        ) from error
    return written - 2


def export_tracker(
    session: Session,
    *,
    actor: Actor,
    out: Path,
    fmt: Format = "xlsx",
    date_from: date | None = None,
    date_to: date | None = None,
    pseudonymise: bool = False,
    overwrite: bool = True,
    protected: Sequence[Path] = (),
    passphrase: str | None = None,
) -> ExportSummary:
    """Write the tracker to ``out``; the caller commits (the export's audit event).

    ``out`` is never the database (nor its -wal or -shm, nor the ``protected`` files), and an
    existing file is replaced only with ``overwrite`` (the CLI's ``--force``).
    """
    if fmt not in ("csv", "xlsx"):
        raise ValidationProblem(f"format {fmt!r} is not csv or xlsx")
    may_export(actor)
    check_output(out, force=overwrite, protected=[*protected, *_database_of(session)])
    rows = tracker_rows(
        session, actor=actor, date_from=date_from, date_to=date_to, pseudonymise=pseudonymise
    )
    head = _marking_row(actor, pseudonymise)
    with _atomic(out, passphrase) as temp:
        count = (
            _write_csv(temp, head, rows) if fmt == "csv" else _write_xlsx(temp, head, rows, actor)
        )
    _audit(session, actor, out, fmt, count, pseudonymise, date_from, date_to)
    return ExportSummary(
        path=str(out), format=fmt, rows=count, pseudonymised=pseudonymise,
        demo_left_out=demo_cases_left_out(session, actor, date_from, date_to),
    )  # fmt: skip


def _database_of(session: Session) -> list[Path]:
    bind = session.get_bind()
    url = (bind if isinstance(bind, Engine) else bind.engine).url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return []
    return [Path(url.database).expanduser()]


def _audit(session: Session, actor: Actor, out: Path, fmt: str, count: int, *flags: Any) -> None:
    pseudonymised, date_from, date_to = flags
    session.add(
        AuditEvent(
            case_id=None,
            actor_id=actor.id,
            actor_name=actor.name,
            action="tracker_exported",
            entity="tracker",
            after={
                "path": str(out),
                "format": fmt,
                "rows": count,
                "pseudonymised": pseudonymised,
                "from": date_from.isoformat() if date_from else None,
                "to": date_to.isoformat() if date_to else None,
            },
        )
    )
