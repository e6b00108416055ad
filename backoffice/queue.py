"""The triage queue: cases ordered by risk then age, filtered and searched, a page at a time.

Risk is the case's ``risk_rank`` (:func:`intake.core.risk.risk_rank`): immediate, then high, then
standard, and within high and within standard the cases whose classification saw a possible
immediate risk ("ask now") first. Nothing here loads every case. Without a search, one
LIMIT/OFFSET page comes from the ``ix_case_queue (risk_rank, created_at)`` index. A search
first narrows candidates in SQL (reference or narrative LIKE the words or their first
letters, or an establishment the fuzzy directory finds), capped at ``SEARCH_CANDIDATES`` rows
in queue order, then ranks only those with rapidfuzz, so typos such as "segragation" still
find "segregation".

Need to know (:mod:`backoffice.access`): only the cases the actor may see are listed; the
snippet of a case the actor is not identified to is redacted, and such a case is scored on its
redacted narrative, so searching for a person's name or number never finds them through a case
the searcher reads pseudonymised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, and_, case, func, literal_column, or_, union
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from backoffice.access import is_identified, require_active_role, visible_cases_filter
from backoffice.pseudonyms import CaseRedactor
from backoffice.view_models import QueuePage, QueueRow
from intake.core.clock import today
from intake.core.db.models import Establishment, Recommendation, SanctionCase, WorkflowTask
from intake.core.errors import ValidationProblem
from intake.core.establishments import default_directory
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, Duty, Organisation, RiskLevel

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
SEARCH_CANDIDATES = 400
SEARCH_CUTOFF = 75.0
PREFIX_LEN = 4
SNIPPET = 90
CLOSED = (CaseStatus.CLOSED.value, CaseStatus.SIGNPOSTED.value)


@dataclass(frozen=True)
class QueueFilters:
    """What the queue shows; every field optional."""

    statuses: Sequence[str] = ()
    establishment_ids: Sequence[int] = ()
    organisation: str | None = None
    overdue: bool = False
    overridden: bool | None = None
    open_only: bool = True
    demo: bool | None = None
    extra: Sequence[ColumnElement[bool]] = field(default_factory=tuple)


def _check(filters: QueueFilters) -> None:
    for status in filters.statuses:
        if status not in CaseStatus._value2member_map_:
            choices = ", ".join(s.value for s in CaseStatus)
            raise ValidationProblem(f"status {status!r} is not one of {choices}")
    org = filters.organisation
    if org is not None and org not in Organisation._value2member_map_:
        raise ValidationProblem(f"organisation {org!r} is not one of HMIP, IMB, PPO")


def overdue_clause(on: date) -> ColumnElement[bool]:
    """Cases with an open task or recommendation due before ``on``.

    An IN over one uncorrelated subquery (served by the open-and-due index) rather than a
    correlated EXISTS, which SQLite would otherwise plan as a scan of open tasks per case.
    """
    late_tasks = select(WorkflowTask.case_id).where(
        col(WorkflowTask.done_at).is_(None), col(WorkflowTask.due) < on
    )
    late_recommendations = select(Recommendation.case_id).where(
        col(Recommendation.done_at).is_(None), col(Recommendation.due) < on
    )
    return col(SanctionCase.id).in_(union(late_tasks, late_recommendations))


def where_clauses(actor: Actor, filters: QueueFilters, on: date) -> list[ColumnElement[bool]]:
    _check(filters)
    clauses: list[ColumnElement[bool]] = [visible_cases_filter(actor), *filters.extra]
    if filters.statuses:
        clauses.append(col(SanctionCase.status).in_(list(filters.statuses)))
    elif filters.open_only:
        clauses.append(or_(col(SanctionCase.status).not_in(CLOSED), _monitored()))
    if filters.establishment_ids:
        clauses.append(col(SanctionCase.establishment_id).in_(list(filters.establishment_ids)))
    if filters.organisation:
        clauses.append(col(SanctionCase.receiving_organisation) == filters.organisation)
    if filters.overridden is not None:
        clauses.append(col(SanctionCase.overridden) == filters.overridden)
    if filters.demo is not None:
        clauses.append(col(SanctionCase.is_demo) == filters.demo)
    if filters.overdue:
        clauses.append(overdue_clause(on))
    return clauses


def _monitored() -> ColumnElement[bool]:
    """Cases whose IMB monitoring is still open: shown after they close, until a Board member
    ends the monitoring (para 25)."""
    open_monitoring = select(WorkflowTask.case_id).where(
        col(WorkflowTask.done_at).is_(None), WorkflowTask.duty == Duty.IMB_MONITORING.value
    )
    return col(SanctionCase.id).in_(open_monitoring)


def _ordered(query: SelectOfScalar[SanctionCase]) -> SelectOfScalar[SanctionCase]:
    return query.order_by(
        col(SanctionCase.risk_rank), col(SanctionCase.created_at), col(SanctionCase.id)
    )


def establishment_names(session: Session) -> dict[int, str]:
    """Id to name of every establishment (about 150 rows of reference data)."""
    rows = session.exec(select(Establishment.id, Establishment.name)).all()
    return {int(i): n for i, n in rows if i is not None}


@dataclass(frozen=True)
class TaskStats:
    open: int = 0
    overdue: int = 0
    next_due: date | None = None
    #: Of ``overdue``, recommendations of a formal report (shown as such).
    overdue_recommendations: int = 0
    #: Of ``open``, IMB monitoring tasks (para 25): a closed case with one is still monitored.
    monitoring: int = 0


def task_stats(session: Session, case_ids: Iterable[int], on: date) -> dict[int, TaskStats]:
    """Open and overdue tasks (and recommendations) for a page of cases, in two queries."""
    ids = list(case_ids)
    if not ids:
        return {}
    stats = {i: TaskStats() for i in ids}
    monitoring = func.sum(case((col(WorkflowTask.duty) == Duty.IMB_MONITORING.value, 1), else_=0))
    for model in (WorkflowTask, Recommendation):
        query = (
            sa_select(
                col(model.case_id),
                func.count(),
                func.sum(case((col(model.due) < on, 1), else_=0)),
                func.min(col(model.due)),
                monitoring if model is WorkflowTask else literal_column("0"),
            )
            .where(col(model.case_id).in_(ids), col(model.done_at).is_(None))
            .group_by(col(model.case_id))
        )
        for case_id, count, late, first_due, monitored in session.execute(query).all():
            was = stats[case_id]
            dues = [d for d in (was.next_due, first_due) if d is not None]
            late_recs = int(late or 0) if model is Recommendation else 0
            stats[case_id] = TaskStats(
                was.open + int(count),
                was.overdue + int(late or 0),
                min(dues, default=None),
                was.overdue_recommendations + late_recs,
                was.monitoring + int(monitored or 0),
            )
    return stats


def asks_now(case: SanctionCase) -> bool:
    """The queue says "ask now": the case's classification saw a possible immediate risk and
    its risk level is not already immediate."""
    return case.possible_immediate_risk and case.risk_level != RiskLevel.IMMEDIATE.value


def snippet(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def queue_row(
    case: SanctionCase,
    names: dict[int, str],
    stats: TaskStats,
    on: date,
    score: float | None = None,
    *,
    mask: CaseRedactor | None = None,
) -> QueueRow:
    """One case as the queue lists it; ``mask`` given when the reader is not identified."""
    place, narrative = case.place_text, case.narrative
    if mask is not None:  # free text only: a directory name is never the person's
        place, narrative = mask.optional(place), mask.text(narrative)
    establishment = names.get(case.establishment_id or 0) or place
    return QueueRow(
        reference=case.reference,
        version=case.version or 1,
        status=case.status,
        risk_level=case.risk_level,
        severity=case.severity,
        qualifies=case.qualifies,
        categories=list(case.categories or []),
        route=case.route,
        receiving_organisation=case.receiving_organisation,
        establishment=establishment,
        created_at=case.created_at,
        age_days=max(0, (on - case.created_at.date()).days),
        overridden=case.overridden,
        awaiting_supervisor=case.awaiting_supervisor,
        possible_immediate_risk=case.possible_immediate_risk,
        ask_now=asks_now(case),
        open_tasks=stats.open,
        overdue=stats.overdue > 0,
        overdue_tasks=stats.overdue,
        overdue_recommendations=stats.overdue_recommendations,
        next_due=stats.next_due,
        is_demo=case.is_demo,
        still_monitored=not CaseStatus(case.status).is_open and stats.monitoring > 0,
        snippet=snippet(narrative),
        score=score,
        identified=mask is None,
    )


def mask_for(actor: Actor, case: SanctionCase) -> CaseRedactor | None:
    """None when the actor is identified to the case; else the redactor of its free text."""
    return None if is_identified(actor, case) else CaseRedactor.for_case(case)


def _rows(
    session: Session,
    actor: Actor,
    cases: Sequence[SanctionCase],
    on: date,
    scores: dict[int, float],
) -> list[QueueRow]:
    names = establishment_names(session)
    stats = task_stats(session, [c.id for c in cases if c.id is not None], on)
    return [
        queue_row(
            c,
            names,
            stats.get(c.id or 0, TaskStats()),
            on,
            scores.get(c.id or 0),
            mask=mask_for(actor, c),
        )
        for c in cases
    ]


def list_queue(
    session: Session,
    *,
    actor: Actor,
    filters: QueueFilters | None = None,
    search: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the queue this actor may see: risk first ("ask now" first within a level),
    then oldest first."""
    require_active_role(actor)
    if page < 1:
        raise ValidationProblem("pages are numbered from 1")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    on = today()
    clauses = where_clauses(actor, filters or QueueFilters(), on)
    text = (search or "").strip()
    if text:
        from intake.core.audit_chain import record_access, search_fingerprint

        found = _search_page(session, actor, clauses, text, page, page_size, on)
        details = {**search_fingerprint(text), "page": page, "results": len(found.rows)}
        record_access(session, actor=actor, action="queue.search", entity="case", details=details)
        return found
    query = _ordered(select(SanctionCase).where(and_(*clauses)))
    offset = (page - 1) * page_size
    cases = list(session.exec(query.offset(offset).limit(page_size + 1)).all())
    total = session.exec(select(func.count()).select_from(SanctionCase).where(*clauses)).one()
    rows = _rows(session, actor, cases[:page_size], on, {})
    return QueuePage(
        rows=rows, page=page, page_size=page_size, total=total, has_next=len(cases) > page_size
    )


# ---- search ------------------------------------------------------------------------------

_WORD = re.compile(r"[\w'-]+", re.UNICODE)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(column: object, fragment: str) -> ColumnElement[bool]:
    pattern = f"%{_escape_like(fragment)}%"
    return func.lower(column).like(pattern.lower(), escape="\\")


_STOPWORDS = frozenset({"the", "and", "for", "was", "his", "her", "they", "them", "with", "that"})


def search_words(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text.lower()) if len(w) >= 3]
    return [w for w in words if w not in _STOPWORDS]


@dataclass(frozen=True)
class SearchPlan:
    """The SQL prefilter of a search, and the establishments the fuzzy directory found."""

    text: str
    words: list[str]
    clause: ColumnElement[bool]
    places: dict[str, float]


_REFERENCE = re.compile(r"^(san-?)?\d[\d-]{2,}$", re.IGNORECASE)


def plan_search(text: str) -> SearchPlan:
    """SQL that keeps only plausible matches: cheap, generous, never the final ranking.

    Something shaped like a case reference ("SAN-2026-00042", "2026-00042", "00042") is
    looked for in references only.
    """
    terms: list[ColumnElement[bool]] = [_like(SanctionCase.reference, text.strip())]
    if _REFERENCE.match(text.strip()):
        return SearchPlan(text=text, words=[], clause=terms[0], places={})
    words = search_words(text)
    for word in words:
        fragment = word if len(word) <= PREFIX_LEN else word[:PREFIX_LEN]
        terms.append(_like(SanctionCase.narrative, fragment))
    found = default_directory().lookup(text, limit=5)
    places = {m.record.name: float(m.score) for m in found.matches}
    if places:
        ids = select(Establishment.id).where(col(Establishment.name).in_(list(places)))
        terms.append(col(SanctionCase.establishment_id).in_(ids))
    return SearchPlan(text=text, words=words, clause=or_(*terms), places=places)


def _vocabulary_score(words: list[str], vocabulary: set[str]) -> float:
    """Mean over the searched words of the best fuzzy match among the narrative's words."""
    if not words or not vocabulary:
        return 0.0
    total = 0.0
    for word in words:
        best = process.extractOne(word, vocabulary, scorer=fuzz.ratio)
        total += float(best[1]) if best else 0.0
    return total / len(words)


def score_case(
    plan: SearchPlan,
    case: SanctionCase,
    establishment: str | None,
    mask: CaseRedactor | None = None,
) -> float:
    """How well a case matches: the best of reference, establishment and narrative.

    With ``mask`` (the searcher is not identified to the case) only the narrative's words they
    may search by count (:meth:`CaseRedactor.words`, without the words as close to the
    person's name or numbers as a search match is), so the person's name, numbers or location
    in it match nothing.
    """
    reference = 100.0 if plan.text.strip().upper() in case.reference else 0.0
    place = plan.places.get(establishment or "", 0.0)
    text = case.narrative or ""
    if mask is not None:
        vocabulary = mask.words(text, near=SEARCH_CUTOFF)
    else:
        vocabulary = set(_WORD.findall(text.lower()))
    return max(reference, place, _vocabulary_score(plan.words, vocabulary))


def _search_page(
    session: Session,
    actor: Actor,
    clauses: list[ColumnElement[bool]],
    text: str,
    page: int,
    page_size: int,
    on: date,
) -> QueuePage:
    plan = plan_search(text)
    query = _ordered(select(SanctionCase).where(*clauses, plan.clause))
    candidates = list(session.exec(query.limit(SEARCH_CANDIDATES)).all())
    names = establishment_names(session)
    scored = []
    for candidate in candidates:
        place = names.get(candidate.establishment_id or 0) or candidate.place_text
        score = score_case(plan, candidate, place, mask_for(actor, candidate))
        if score >= SEARCH_CUTOFF:
            scored.append((score, candidate))
    scored.sort(key=lambda pair: (-round(pair[0]), pair[1].risk_rank, pair[1].created_at))
    start = (page - 1) * page_size
    chosen = scored[start : start + page_size]
    scores = {c.id or 0: s for s, c in chosen}
    rows = _rows(session, actor, [c for _, c in chosen], on, scores)
    return QueuePage(
        rows=rows,
        page=page,
        page_size=page_size,
        total=None,
        has_next=len(scored) > start + page_size,
        search=text,
    )
