"""Earlier cases about the same person at the same establishment, offered, never merged.

A new allegation about the same person and establishment within :data:`WINDOW_DAYS` of an
earlier one is offered to triage as a possible link (issue 15): the same prison number or Home
Office reference, or a similar name ("J. Smith" and "John Smith", "Jon Smyth"). A person then
links the two or says they are not the same, with a reason; both are audited on the later case.
Nothing is merged and nothing changes on either case but the link.

Only earlier cases the actor may see are offered, and the offer says why ("same prison
number") without the identifying value, so a pseudonymised reader learns nothing new.
"""

from __future__ import annotations

import re
from datetime import timedelta

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from backoffice.access import WORKFLOW_ROLES, get_visible_case, require, visible_cases_filter
from backoffice.view_models import CaseLinkView, EarlierCaseView
from intake.core.audit import record_case_event
from intake.core.db.models import CaseLink, SanctionCase
from intake.core.errors import ConflictError, ValidationProblem
from intake.core.users import Actor
from intake.core.validation import required_text
from intake.core.vocabulary import CaseStatus, LinkDecision

#: How far back an earlier case is offered (days before the later one was received).
WINDOW_DAYS = 90
#: How alike two names must be (rapidfuzz token sort ratio, 0-100) to offer the link.
NAME_SIMILARITY = 85


def possible_earlier_cases(
    session: Session, case: SanctionCase, actor: Actor
) -> list[EarlierCaseView]:
    """Earlier cases the actor may see, at the case's establishment, within the window, about
    someone who may be the same person, and not yet decided on."""
    if case.establishment_id is None or case.id is None:
        return []
    decided = set(
        session.exec(select(CaseLink.earlier_case_id).where(CaseLink.case_id == case.id)).all()
    )
    since = case.created_at - timedelta(days=WINDOW_DAYS)
    rows = session.exec(
        select(SanctionCase)
        .where(SanctionCase.establishment_id == case.establishment_id)
        .where(col(SanctionCase.created_at) >= since)
        .where(col(SanctionCase.created_at) <= case.created_at)
        .where(SanctionCase.id != case.id)
        .where(visible_cases_filter(actor))
        .order_by(col(SanctionCase.created_at).desc())
    ).all()
    offered = []
    for earlier in rows:
        reasons = same_person_reasons(case, earlier)
        if reasons and earlier.id not in decided:
            offered.append(
                EarlierCaseView(
                    reference=earlier.reference,
                    received=earlier.created_at,
                    status=CaseStatus(earlier.status).value,
                    reasons=list(reasons),
                )
            )
    return offered


def same_person_reasons(case: SanctionCase, earlier: SanctionCase) -> tuple[str, ...]:
    """Why two cases may be about the same person, in words that reveal no identity."""
    reasons = []
    if _same_number(case.prison_number, earlier.prison_number):
        reasons.append("same prison number")
    if _same_number(case.home_office_ref, earlier.home_office_ref):
        reasons.append("same Home Office reference")
    if _similar_names(case.person_name, earlier.person_name):
        reasons.append("similar name")
    return tuple(reasons)


def _same_number(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _compact(a) == _compact(b)  # type: ignore[arg-type]


def _compact(value: str) -> str:
    return re.sub(r"[\s./-]", "", value).upper()


def _similar_names(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    left, right = _name_words(a), _name_words(b)
    if not left or not right:
        return False
    if fuzz.token_sort_ratio(" ".join(left), " ".join(right)) >= NAME_SIMILARITY:
        return True
    # An initial for a first name: "J. Smith" and "John Smith" (same surname, same initial).
    return (
        left[-1] == right[-1]
        and left[0][0] == right[0][0]
        and min(len(left[0]), len(right[0])) == 1
    )


def _name_words(name: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", name.lower())


def decide_link(
    session: Session,
    actor: Actor,
    *,
    reference: str,
    earlier_reference: str,
    decision: LinkDecision,
    reason: str | None,
) -> CaseLink:
    """Link the case to an earlier one, or record that they are not the same person."""
    require(actor, what="link cases", roles=WORKFLOW_ROLES)
    case = get_visible_case(session, actor, reference)
    earlier = get_visible_case(session, actor, earlier_reference)
    if earlier.id == case.id:
        raise ValidationProblem(f"{case.reference} cannot be linked to itself")
    if earlier.created_at > case.created_at:
        raise ValidationProblem(
            f"{earlier.reference} was received after {case.reference}: "
            f"decide on the later case ({earlier.reference})"
        )
    exists = session.exec(
        select(CaseLink)
        .where(CaseLink.case_id == case.id)
        .where(CaseLink.earlier_case_id == earlier.id)
    ).first()
    if exists is not None:
        raise ConflictError(
            f"{case.reference} and {earlier.reference} were already decided on "
            f"({LinkDecision(exists.decision).label})"
        )
    why = (
        required_text(reason or "", what="a reason they are not the same")
        if decision is LinkDecision.NOT_SAME
        else reason
    )
    assert case.id is not None and earlier.id is not None
    link = CaseLink(
        case_id=case.id,
        earlier_case_id=earlier.id,
        decision=decision.value,
        reason=why,
        decided_by_id=actor.id,
    )
    session.add(link)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action=f"case.{decision.value}",
        entity="case_link",
        entity_id=link.id,
        after={"earlier_case": earlier.reference, "decision": decision.value},
        reason=why,
    )
    return link


def case_links(session: Session, case: SanctionCase) -> list[CaseLinkView]:
    """Decisions taken on earlier cases, oldest first."""
    rows = session.exec(
        select(CaseLink, SanctionCase.reference)
        .join(SanctionCase, col(SanctionCase.id) == CaseLink.earlier_case_id)
        .where(CaseLink.case_id == case.id)
        .order_by(col(CaseLink.id))
    ).all()
    return [
        CaseLinkView(
            earlier_reference=ref,
            decision=LinkDecision(link.decision).label,
            reason=link.reason,
            decided_at=link.decided_at,
        )
        for link, ref in rows
    ]
