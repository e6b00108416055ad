"""The cases counted in the window, and how they group: by establishment (in SQL), by wing or
unit (cases the reader is identified to only) and by staff described.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Text, cast, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from backoffice.access import identified_filter, visible_cases_filter
from backoffice.alerts.locations import wings
from backoffice.alerts.staff import (
    _person_parts,
    group_names,
    is_a_persons_name,
    staff_from_evidence,
    staff_keys,
)
from intake.core.clock import utcnow
from intake.core.db.models import Answer, CaseClassification, SanctionCase, table_of
from intake.core.users import Actor
from intake.core.vocabulary import ClassificationSource


@dataclass
class _Case:
    id: int
    reference: str
    establishment_id: int | None
    received: datetime
    identified: bool
    person_name: str | None
    location: str | None


@dataclass
class _Group:
    kind: str
    establishment_id: int
    name: str
    cases: dict[int, _Case] = field(default_factory=dict)


def _since(window_days: int, on: datetime | None = None) -> datetime:
    return (on or utcnow()) - timedelta(days=window_days)


def _scope(actor: Actor, window_days: int, include_demo: bool) -> list[Any]:
    where = [
        visible_cases_filter(actor),
        col(SanctionCase.created_at) >= _since(window_days),
        col(SanctionCase.disposed_at).is_(None),
    ]
    if not include_demo:
        where.append(~col(SanctionCase.is_demo))
    return where


def _holds_only_demo(session: Session) -> bool:
    real = session.exec(select(SanctionCase.id).where(~col(SanctionCase.is_demo)).limit(1))
    return real.first() is None


def _establishment_groups(session: Session, where: list[Any], least: int) -> dict[int, int]:
    """Establishment id to its number of cases, for those with ``least`` or more (SQL)."""
    est = col(SanctionCase.establishment_id)
    query = (
        select(est, func.count())
        .where(*where, est.is_not(None))
        .group_by(est)
        .having(func.count() >= least)
    )
    return {int(e): int(n) for e, n in session.execute(query)}


def _cases(session: Session, actor: Actor, where: list[Any]) -> dict[int, _Case]:
    cases = table_of(SanctionCase)
    query = sa_select(
        cases.c.id,
        cases.c.reference,
        cases.c.establishment_id,
        cases.c.created_at,
        identified_filter(actor).label("identified"),
        cases.c.person_name,
        cases.c.location,
    ).where(*where)
    return {
        int(row[0]): _Case(int(row[0]), row[1], row[2], row[3], bool(row[4]), row[5], row[6])
        for row in session.execute(query)
    }


def _answers(session: Session, where: list[Any]) -> list[tuple[int, str, str]]:
    ids = select(SanctionCase.id).where(*where)
    query = select(Answer.case_id, Answer.key, Answer.answer).where(
        col(Answer.case_id).in_(ids), col(Answer.key).in_(("staff_involved", "when_where"))
    )
    return [(int(c), k, a or "") for c, k, a in session.execute(query)]


def _staff_evidence(session: Session, where: list[Any]) -> list[tuple[int, str, list[Any]]]:
    """The rules' evidence naming staff, with the account it points into (only the cases whose
    evidence has a staff span are read)."""
    query = (
        select(CaseClassification.case_id, SanctionCase.narrative, CaseClassification.evidence)
        .join(SanctionCase, col(SanctionCase.id) == CaseClassification.case_id)
        .where(
            *where,
            CaseClassification.source == ClassificationSource.RULES.value,
            cast(CaseClassification.evidence, Text).like('%"staff"%'),
        )
    )
    return [(int(c), n or "", list(e or [])) for c, n, e in session.execute(query)]


def _staff_groups(
    session: Session, where: list[Any], cases: dict[int, _Case]
) -> dict[tuple[int, str], _Group]:
    named: dict[int, set[str]] = {}
    for case_id, key, answer in _answers(session, where):
        if key == "staff_involved":
            named.setdefault(case_id, set()).update(staff_keys(answer))
    for case_id, narrative, evidence in _staff_evidence(session, where):
        named.setdefault(case_id, set()).update(staff_from_evidence(narrative, evidence))
    everyone = _person_parts(c.person_name for c in cases.values())
    groups: dict[tuple[int, str], _Group] = {}
    by_place: dict[int, list[tuple[int, str]]] = {}
    for case_id, keys in named.items():
        case = cases.get(case_id)
        if case is None or case.establishment_id is None:
            continue
        for key in sorted(keys):
            if is_a_persons_name(key, everyone):
                continue  # never a person's name, whoever's case it came from
            by_place.setdefault(case.establishment_id, []).append((case_id, key))
    for place, pairs in by_place.items():
        names = group_names(key for _, key in pairs)
        for case_id, key in pairs:
            group = groups.setdefault((place, names[key]), _Group("staff", place, names[key]))
            group.cases[case_id] = cases[case_id]
    return groups


def _wing_groups(
    session: Session, where: list[Any], cases: dict[int, _Case]
) -> dict[tuple[int, str], _Group]:
    """Wings from the location and "when and where": only of cases the reader is identified to
    (a location identifies the person)."""
    places: dict[int, set[str]] = {}
    for case in cases.values():
        if case.identified:
            places.setdefault(case.id, set()).update(wings(case.location))
    for case_id, key, answer in _answers(session, where):
        if key == "when_where" and cases.get(case_id) and cases[case_id].identified:
            places.setdefault(case_id, set()).update(wings(answer))
    groups: dict[tuple[int, str], _Group] = {}
    for case_id, found in places.items():
        case = cases[case_id]
        if case.establishment_id is None:
            continue
        for wing in found:
            group = groups.setdefault(
                (case.establishment_id, wing), _Group("wing", case.establishment_id, wing)
            )
            group.cases[case_id] = case
    return groups
