"""A letter filled from the case, signed by the writer's body, for staff to read and edit."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from backoffice.letters.allowed import _require_allowed, _signposts, _step_task, why_not
from backoffice.letters.kinds import LetterKind, letter_text
from backoffice.letters.need_to_know import _writable_case
from backoffice.view_models import LetterChoice
from intake.core.clock import local_time, local_today
from intake.core.db.models import Establishment, Recommendation, SanctionCase
from intake.core.letter_words import (
    load_letter,
    long_date,
    organisation_words,
    received_words,
    signed_by,
    unwrapped,
)
from intake.core.users import Actor
from intake.core.vocabulary import Route


def _establishment(session: Session, case: SanctionCase) -> str:
    place = session.get(Establishment, case.establishment_id) if case.establishment_id else None
    return place.name if place is not None else "the prison"


def _decided_on(session: Session, case: SanctionCase, kind: LetterKind) -> date:
    task = _step_task(session, case, kind.step) if kind.step is not None else None
    return local_time(task.created_at).date() if task is not None else local_today()


def _where_to_go(session: Session, case: SanctionCase, language: str) -> str:
    words = letter_text(LetterKind.DOES_NOT_QUALIFY, language).routes
    routes = list(dict.fromkeys(s.route for s in _signposts(session, case)))
    parts = [words.get(route) or f"{Route(route).goes_to}." for route in routes]
    return "\n".join(part.strip() for part in parts)


def _what_next(session: Session, case: SanctionCase, language: str) -> str:
    text = letter_text(LetterKind.PROVED, language)
    rows = session.exec(
        select(Recommendation)
        .where(Recommendation.case_id == case.id)
        .order_by(col(Recommendation.seq), col(Recommendation.id))
    ).all()
    if not rows:
        return (text.no_recommendations or "").strip()
    each = "\n".join(f"- {' '.join(row.text.split())}" for row in rows)
    return (text.recommendations or "{each}").strip().format(each=each)


def fill(session: Session, case: SanctionCase, actor: Actor, kind: LetterKind, *, on: date) -> str:
    """The letter filled from the case, signed by the writer's body (no checks: see
    :func:`fill_letter`). It is in the case's language (English when none was recorded)."""
    establishment = _establishment(session, case)
    organisation = actor.organisation
    language = case.language or "en"
    fields = {
        "date": long_date(on, language),
        "name": case.person_name or load_letter(language).no_name,
        "establishment": establishment,
        "organisation": organisation_words(organisation, establishment, language),
        "received": received_words(case.received_via or "visit", case.raised_by, language),
        "received_on": long_date(local_time(case.created_at).date(), language),
        "signed": signed_by(organisation, establishment, language),
    }
    if kind is LetterKind.REASSURANCE:
        return unwrapped(load_letter(language).template.format(**fields))
    if kind is LetterKind.DOES_NOT_QUALIFY:
        fields["where_to_go"] = _where_to_go(session, case, language)
    else:
        fields["decided_on"] = long_date(_decided_on(session, case, kind), language)
    if kind is LetterKind.PROVED:
        fields["what_next"] = _what_next(session, case, language)
    return unwrapped(letter_text(kind, language).template.format(**fields))


def letter_choices(session: Session, actor: Actor, reference: str) -> list[LetterChoice]:
    """Every letter kind, and whether this case may have it now (for the dialog's list)."""
    case = _writable_case(session, actor, reference)
    found = []
    for kind in LetterKind:
        reason = why_not(session, case, kind)
        found.append(
            LetterChoice(
                kind=kind.value, title=kind.heading, allowed=reason is None, why_not=reason
            )
        )
    return found


def fill_letter(
    session: Session, actor: Actor, reference: str, kind: LetterKind, *, on: date | None = None
) -> str:
    """The letter of this kind filled from the case, for staff to read and edit; refused when
    the case may not have it now (a ValidationProblem says why). Reading the person's name
    into it is audited."""
    from intake.core.audit_chain import record_access

    case = _writable_case(session, actor, reference)
    _require_allowed(session, case, kind)
    text = fill(session, case, actor, kind, on=on or local_today())
    record_access(session, actor=actor, action="letter.filled", entity="case", entity_id=case.id,
                  case_id=case.id, details={"kind": kind.value})  # fmt: skip
    return text
