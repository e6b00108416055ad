"""The regular share of the log with the IMB and PPO leads (protocol para 24; issue 16, point 3).

"HMI Prisons will share the log": every six months the HMIP lead makes the pack for the IMB and
PPO leads with ``backoffice share --period 2026H1`` (``H1``: 1 January to 30 June, ``H2``: 1 July
to 31 December; a period is shared once it has ended). The pack is two files in a folder the
lead names, each marked OFFICIAL-SENSITIVE:

- ``sanctions-log-2026H1.xlsx``: the tracker log of the cases received in the period,
  pseudonymised (:func:`backoffice.tracker.tracker_rows`, the export's own rows: stable
  pseudonyms for names, prison numbers and Home Office references), a sheet of the period's
  insights (:func:`backoffice.insights.build_insights`) and one of the recommendations still
  open when the pack is made, whenever they were made (their text with the person's
  identifiers replaced: :class:`backoffice.pseudonyms.CaseRedactor`);
- ``sanctions-log-2026H1.pdf``: the insights and open recommendations as a printable report
  (:func:`backoffice.letter_pdf.report_pdf`: DejaVu Sans, OFFICIAL-SENSITIVE at the top and foot
  of every page). No name, number or narrative is in either.

Files are 0600, never written over an existing file without ``overwrite`` (``--force``), and
encrypted with the export passphrase when the folder is outside the data folder, as the tracker
export is (:func:`intake.core.files.choose_encryption`); the plain workbook is made in a private
temporary folder and only its final (encrypted) form reaches the target folder.

Each share is recorded (``log_share``: period, who, when, the files) with an audit event. The
HMIP lead's queue reminds them when the last six-monthly period that has ended has no share
recorded (:func:`share_reminder`).

Who: HMIP leads only. The protocol gives the sharing to HMI Prisons, and sharing a body's log
with the other bodies is a lead's decision; admins administer the system but are not party to
the cases (they see no names and no recommendations), supervisors and triage work cases.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from backoffice.access import require
from backoffice.insights import (
    Count,
    Insights,
    build_insights,
    change_words,
    days_words,
    share_words,
)
from backoffice.letter_pdf import ReportSection, report_pdf
from backoffice.pseudonyms import CaseRedactor
from backoffice.recommendations import RecommendationRow, list_recommendations
from backoffice.tracker import COLUMNS, MARKING, TITLE, tracker_rows
from backoffice.view_models import View
from intake.core.clock import today
from intake.core.db.backup import check_output
from intake.core.db.models import AuditEvent, LogShare, SanctionCase
from intake.core.errors import ValidationProblem
from intake.core.files import encrypt_bytes, private_dir, write_private_bytes
from intake.core.settings import Deadlines
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role

SHARE_ROLES = (Role.LEAD,)
SHARE_ORGANISATIONS = (Organisation.HMIP,)
WHAT = "share the log with the IMB and PPO leads"
_PERIOD = re.compile(r"^(\d{4})H([12])$")


# ---- the period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharePeriod:
    """A six-monthly period: ``2026H1`` is 1 January to 30 June 2026, ``2026H2`` the rest."""

    year: int
    half: int

    @property
    def name(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    def words(self) -> str:
        return f"{self.name} (received {self.start.isoformat()} to {self.end.isoformat()})"


def parse_period(text: str) -> SharePeriod:
    """``2026H1`` or ``2026H2`` (any case, spaces around ignored); anything else is refused."""
    found = _PERIOD.match((text or "").strip().upper())
    if found is None or not 2000 <= int(found.group(1)) <= 2999:
        raise ValidationProblem(
            f"period {text!r} is not a six-monthly period: write the year then H1 "
            "(1 January to 30 June) or H2 (1 July to 31 December), e.g. 2026H1"
        )
    return SharePeriod(int(found.group(1)), int(found.group(2)))


def last_ended_period(on: date | None = None) -> SharePeriod:
    """The last six-monthly period that has ended by ``on`` (today)."""
    on = on or today()
    return SharePeriod(on.year, 1) if on.month >= 7 else SharePeriod(on.year - 1, 2)


def check_ended(period: SharePeriod, on: date | None = None) -> None:
    """A period is shared once it has ended (a pack made earlier would miss cases)."""
    on = on or today()
    if period.end >= on:
        after = date(period.end.year + 1, 1, 1) if period.half == 2 else date(period.year, 7, 1)
        raise ValidationProblem(
            f"{period.name} has not ended (it runs to {period.end.isoformat()}): its log is "
            f"shared from {after.isoformat()}"
        )


# ---- who, and the reminder -------------------------------------------------------------------


def may_share(actor: Actor) -> None:
    require(actor, what=WHAT, roles=SHARE_ROLES)
    require(actor, what=WHAT, organisations=SHARE_ORGANISATIONS)


def is_sharer(actor: Actor) -> bool:
    return actor.role in SHARE_ROLES and actor.organisation in SHARE_ORGANISATIONS


def reminder_words(period: SharePeriod) -> str:
    return (
        f"The log for {period.name} is due to be shared with the IMB and PPO leads: "
        f"backoffice share --period {period.name}"
    )


def share_reminder(session: Session, actor: Actor, *, on: date | None = None) -> str | None:
    """For an HMIP lead: the reminder when the last period that has ended was not shared."""
    if not is_sharer(actor):
        return None
    period = last_ended_period(on)
    shared = session.exec(
        select(func.count()).select_from(LogShare).where(col(LogShare.period) == period.name)
    ).one()
    return None if shared else reminder_words(period)


# ---- the pack --------------------------------------------------------------------------------


class ShareSummary(View):
    period: str
    date_from: date
    date_to: date
    folder: str
    files: list[str]
    #: Cases received in the period and logged on the tracker (the workbook's log).
    logged: int
    #: Cases received in the period (the insights' total, logged or not).
    received: int
    open_recommendations: int
    encrypted: bool
    shared_by: str
    shared_at: datetime
    marking: str = MARKING


def pack_files(folder: Path, period: SharePeriod) -> tuple[Path, Path]:
    """The workbook and the report the pack writes in ``folder``."""
    stem = f"sanctions-log-{period.name}"
    return folder / f"{stem}.xlsx", folder / f"{stem}.pdf"


def check_pack(
    folder: Path, period: SharePeriod, *, force: bool, protected: Sequence[Path]
) -> None:
    """Refuse before any work: a file where the folder should be, a folder whose parent is
    missing, an existing pack file without ``force``, or the database."""
    if folder.exists() and not folder.is_dir():
        raise ValidationProblem(f"{folder} is a file; --out names a folder for the pack")
    if not folder.exists() and not folder.parent.is_dir():
        raise ValidationProblem(f"folder {folder.parent} does not exist")
    for path in pack_files(folder, period):
        check_output(path, force=force, protected=protected)


def share_log(
    session: Session,
    *,
    actor: Actor,
    period: SharePeriod,
    folder: Path,
    deadlines: Deadlines,
    passphrase: str | None = None,
    overwrite: bool = False,
    protected: Sequence[Path] = (),
    demo_database: bool = False,
    on: date | None = None,
) -> ShareSummary:
    """Write the period's pack into ``folder`` (made 0700 if missing) and record the share;
    the caller commits."""
    may_share(actor)
    check_ended(period, on or today())
    check_pack(folder, period, force=overwrite, protected=protected)
    private_dir(folder)
    insights = build_insights(
        session, actor=actor, date_from=period.start, date_to=period.end,
        demo_database=demo_database,
    )  # fmt: skip
    recommendations = open_recommendations(
        session, actor=actor, deadlines=deadlines, demo_database=demo_database
    )
    rows = tracker_rows(
        session, actor=actor, date_from=period.start, date_to=period.end, pseudonymise=True
    )
    book, report = pack_files(folder, period)
    made = datetime.now(UTC)
    head = _head(actor, period, made)
    logged = _write_book(book, _Workbook(head, rows, insights, recommendations, actor), passphrase)
    pdf = _report(head, period, insights, recommendations, logged, actor)
    _write_bytes(report, pdf, passphrase)
    files = [str(book), str(report)]
    share = LogShare(period=period.name, shared_by_id=actor.id, shared_at=made, files=files)
    session.add(share)
    session.flush()
    session.add(
        AuditEvent(
            case_id=None, actor_id=actor.id, actor_name=actor.name, action="log_shared",
            entity="log_share", entity_id=share.id,
            after={"period": period.name, "files": files, "logged": logged,
                   "received": insights.total, "open_recommendations": len(recommendations),
                   "encrypted": passphrase is not None, "pseudonymised": True},
        )
    )  # fmt: skip
    return ShareSummary(
        period=period.name, date_from=period.start, date_to=period.end, folder=str(folder),
        files=files, logged=logged, received=insights.total,
        open_recommendations=len(recommendations), encrypted=passphrase is not None,
        shared_by=actor.name, shared_at=made,
    )  # fmt: skip


class OpenRecommendation(View):
    """A recommendation still open, as the pack gives it: no name, number or place of the
    person (:class:`CaseRedactor`), whoever reads it."""

    reference: str
    establishment: str
    seq: int
    text: str
    owner: str
    outcome: str
    due: date | None
    status: str
    response: str
    days_overdue: int
    escalated: bool


def open_recommendations(
    session: Session, *, actor: Actor, deadlines: Deadlines, demo_database: bool = False
) -> list[OpenRecommendation]:
    """Every recommendation still open on the cases the actor may see, overdue first; demo
    cases' only on the demo's database."""
    rows = [
        r
        for r in list_recommendations(session, actor=actor, deadlines=deadlines)
        if r.recommendation.done_at is None
    ]
    cases = _cases(session, {r.reference for r in rows})
    found = []
    for row in rows:
        case = cases[row.reference]
        if case.is_demo and not demo_database:
            continue
        found.append(_open(row, CaseRedactor.for_case(case)))
    return found


def _cases(session: Session, references: Iterable[str]) -> dict[str, SanctionCase]:
    wanted = sorted(references)
    if not wanted:
        return {}
    query = select(SanctionCase).where(col(SanctionCase.reference).in_(wanted))
    return {c.reference: c for c in session.exec(query).all()}


def _open(row: RecommendationRow, mask: CaseRedactor) -> OpenRecommendation:
    rec = row.recommendation
    return OpenRecommendation(
        reference=row.reference,
        establishment=mask.text(row.establishment or ""),
        seq=rec.seq,
        text=mask.text(rec.text),
        owner=mask.text(rec.owner or ""),
        outcome=mask.text(rec.outcome or ""),
        due=rec.due,
        status=rec.status,
        response=mask.text(rec.response or ""),
        days_overdue=rec.days_overdue,
        escalated=rec.escalated_at is not None,
    )


# ---- writing ---------------------------------------------------------------------------------


def _head(actor: Actor, period: SharePeriod, made: datetime) -> list[str]:
    return [
        MARKING,
        f"{TITLE}: the share with the IMB and PPO leads for {period.words()}, made "
        f"{made:%Y-%m-%d %H:%M} UTC by {actor.name}; pseudonymised",
    ]


def _write_book(path: Path, book: _Workbook, passphrase: str | None) -> int:
    """Save the workbook in a private temporary folder, then only its final (encrypted) form
    to ``path``; how many log rows it holds."""
    with tempfile.TemporaryDirectory(prefix="sanctions-share-") as temp:
        plain = Path(temp) / path.name
        count = book.save(plain)
        _write_bytes(path, plain.read_bytes(), passphrase)
    return count


def _write_bytes(path: Path, data: bytes, passphrase: str | None) -> None:
    """0600, encrypted with a passphrase, moved into place."""
    write_private_bytes(path, encrypt_bytes(data, passphrase) if passphrase else data)


@dataclass
class _Workbook:
    head: list[str]
    rows: Iterator[list[str]]
    insights: Insights
    recommendations: list[OpenRecommendation]
    actor: Actor

    def save(self, path: Path) -> int:
        """Write the workbook (write-only: the log's rows are streamed); how many log rows."""
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        props = book.properties
        props.title = f"{TITLE}: the share with the IMB and PPO leads ({MARKING})"
        props.subject = f"{MARKING}: alleged sanctions for contact with HMIP, IMB or PPO"
        props.keywords = f"{MARKING}; sanctions; tracker; share"
        props.category = MARKING
        props.creator = self.actor.name
        log = _sheet(book, "Log", self.head)
        log.freeze_panes = "B3"
        log.append(COLUMNS)
        count = 0
        for row in self.rows:
            log.append(row)
            count += 1
        sheet = _sheet(book, "Insights", self.head)
        for line in _insight_rows(self.insights):
            sheet.append(line)
        sheet = _sheet(book, "Open recommendations", self.head)
        sheet.append(RECOMMENDATION_COLUMNS)
        for rec in self.recommendations:
            sheet.append(_recommendation_cells(rec))
        book.save(path)
        return count


def _sheet(book: Any, title: str, head: list[str]) -> Any:
    sheet = book.create_sheet(title)
    sheet.oddHeader.center.text = MARKING
    sheet.oddFooter.center.text = MARKING
    sheet.append(head)
    return sheet


RECOMMENDATION_COLUMNS = [
    "Reference",
    "Establishment",
    "Recommendation",
    "Text",
    "Owner",
    "Measurable outcome",
    "Due",
    "Status",
    "Response",
    "Days overdue",
    "Escalated to the lead",
]


def _recommendation_cells(rec: OpenRecommendation) -> list[str | int]:
    return [
        rec.reference,
        _cell(rec.establishment),
        rec.seq,
        _cell(rec.text),
        _cell(rec.owner),
        _cell(rec.outcome),
        rec.due.isoformat() if rec.due else "",
        rec.status,
        _cell(rec.response),
        rec.days_overdue,
        "yes" if rec.escalated else "no",
    ]


def _cell(text: str) -> str:
    """Text as typed, never a spreadsheet formula (as the tracker's cells)."""
    start = text.lstrip()
    return "'" + text if start[:1] in ("=", "+", "-", "@") else text


def _count_tables(insights: Insights) -> list[tuple[str, list[Count]]]:
    return [
        ("By establishment", insights.by_establishment),
        ("By category (a case may have several)", insights.by_category),
        ("By body contacted (a case may name several)", insights.by_body),
        ("By how the body was contacted", insights.by_channel),
        ("By risk level", insights.by_risk),
        ("By outcome", insights.by_outcome),
        (
            f"Repeat establishments ({insights.repeat_threshold} or more allegations)",
            insights.repeat_establishments,
        ),
    ]


STEP_COLUMNS = [
    "Step or duty",
    "Opened",
    "Done",
    "Median days",
    "Days allowed",
    "Late",
    "Open",
    "Overdue",
    "Stopped",
]


def _step_cells(insights: Insights) -> list[list[str]]:
    return [
        [s.label, str(s.opened), str(s.done), days_words(s.median_days),
         days_words(s.median_allowed_days), str(s.late), str(s.open), str(s.overdue),
         str(s.stopped)]
        for s in insights.steps
    ]  # fmt: skip


def _consent_lines(insights: Insights) -> list[str]:
    c = insights.consent
    if not c.confirmed:
        return ["none confirmed"]
    return [
        f"{c.confirmed} confirmed",
        f"{c.declined} the person declined ({share_words(c.declined_share)})",
        f"{c.consents} the person consents",
        f"{c.not_from_person} not (yet) the person's own word",
    ]


def _totals(insights: Insights) -> str:
    line = f"{insights.total} cases received"
    if insights.previous_total is not None and insights.previous_from and insights.previous_to:
        line += (
            f"; {insights.previous_total} in as many days before "
            f"({insights.previous_from.isoformat()} to {insights.previous_to.isoformat()}, "
            f"{change_words(insights.total, insights.previous_total)})"
        )
    return line + (" (DEMO data)" if insights.includes_demo else "")


def _insight_rows(insights: Insights) -> Iterator[Sequence[str | int]]:
    yield [_totals(insights)]
    yield []
    yield ["Cases received each month"]
    for month in insights.by_month:
        yield [month.month, month.count]
    for title, counts in _count_tables(insights):
        yield []
        yield [title]
        yield ["", "Cases", "Before", "Change"]
        for c in counts:
            yield [c.label, c.count, c.previous or 0, change_words(c.count, c.previous)]
    yield []
    yield ["Consent, in the cases confirmed as qualifying (step 2)"]
    for line in _consent_lines(insights):
        yield [line]
    yield []
    yield ["Time per step (days from a task opening to its being done, against its deadline)"]
    yield list(STEP_COLUMNS)
    yield from _step_cells(insights)


def _recommendation_row(r: OpenRecommendation) -> list[str]:
    due = r.due.isoformat() if r.due else ""
    late = f"{r.days_overdue} d" if r.days_overdue else ""
    return [r.reference, str(r.seq), r.text, r.outcome, due, r.status, late]


def _report(
    head: list[str],
    period: SharePeriod,
    insights: Insights,
    recommendations: list[OpenRecommendation],
    logged: int,
    actor: Actor,
) -> bytes:
    sections = [
        ReportSection(
            "Cases received each month",
            columns=["Month", "Cases"],
            rows=[[m.month, str(m.count)] for m in insights.by_month] or [["none", "0"]],
            widths=(3, 1),
        )
    ]
    for title, counts in _count_tables(insights):
        sections.append(
            ReportSection(
                title,
                columns=["", "Cases", "Before", "Change"],
                rows=[
                    [c.label, str(c.count), str(c.previous or 0), change_words(c.count, c.previous)]
                    for c in counts
                ]
                or [["none", "0", "", ""]],
            )
        )
    sections.append(
        ReportSection(
            "Consent, in the cases confirmed as qualifying (step 2)", lines=_consent_lines(insights)
        )
    )
    sections.append(
        ReportSection(
            "Time per step (days from a task opening to its being done, against its deadline)",
            columns=STEP_COLUMNS,
            rows=_step_cells(insights) or [["none", *([""] * 8)]],
            widths=(5, 1, 1, 1, 1, 1, 1, 1, 1),
        )
    )
    sections.append(
        ReportSection(
            f"Open recommendations ({len(recommendations)})",
            lines=[] if recommendations else ["none open"],
            columns=["Reference", "#", "Recommendation", "Outcome", "Due", "Status", "Overdue"]
            if recommendations
            else [],
            rows=[_recommendation_row(r) for r in recommendations],
            widths=(3, 1, 6, 5, 3, 2, 2),
        )
    )
    intro = [
        head[1],
        _totals(insights) + f"; {logged} logged on the tracker (the workbook's log)",
        "No names, prison numbers or Home Office references: the people are pseudonymised.",
    ]
    return report_pdf(
        sections,
        title=f"The sanctions log {period.name}: insights and open recommendations",
        author=actor.name,
        intro=intro,
    )
