"""Letters to the person, without any model (issue 16 point 4): plain-language templates in
``prompts/letters/`` (reading age about 9), filled from the case, edited by staff, saved on the
case (``case_letter``), audited, and written out as text or PDF (:mod:`backoffice.letter_pdf`).

Which letters a case may have now:

- ``reassurance``: the protocol's reassurance in writing, while the case is open and the
  person has not yet given their own answer on consent (the letter promises that nothing that
  needs consent goes ahead until they do, which is then true);
- ``does_not_qualify``: once step 2 recorded that it does not qualify (status signposted),
  with the words of each route the person was signposted to;
- ``no_investigation`` (step 7), ``unfounded`` (step 10) and ``proved`` (step 11): once the
  case reached that step (its step task was opened by the decision), with the day it was
  decided and, for ``proved``, the formal report's recommendations.

Every letter is addressed to the person; none tells the establishment anything. Need to know:
a letter holds the person's name, so only staff identified to the case
(:func:`backoffice.access.is_identified`) fill, save or read one; anyone who sees the case sees
that letters were saved (kind, who, when), never their words. The optional model's drafts
(:mod:`backoffice.drafting`) stay beside these, for staff who have one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, col, select

from backoffice.access import READ_ROLES, WORKFLOW_ROLES, get_visible_case, is_identified, require
from backoffice.view_models import LetterChoice, LetterView
from intake.core.audit import record_case_event
from intake.core.clock import local_time, local_today, utcnow
from intake.core.consent import consent_state
from intake.core.db.backup import check_output
from intake.core.db.models import (
    CaseLetter,
    ConsentRecord,
    Establishment,
    Recommendation,
    SanctionCase,
    Signpost,
    User,
    WorkflowTask,
)
from intake.core.errors import NotFoundError, PermissionDenied, ValidationProblem
from intake.core.files import write_private_bytes
from intake.core.letter_words import (
    load_letter,
    long_date,
    organisation_words,
    received_words,
    signed_by,
    unwrapped,
)
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus, ProtocolStep, Route
from prompts import load_validated

#: The longest letter that is saved (characters); a letter is a page or two.
MAX_LETTER_CHARS = 20_000
#: Control characters a letter may hold (line breaks and tabs); any other is refused.
LETTER_CONTROLS = frozenset("\n\r\t")


class LetterKind(StrEnum):
    """A letter to the person: the name of its file in ``prompts/letters/``."""

    REASSURANCE = "reassurance"
    DOES_NOT_QUALIFY = "does_not_qualify"
    NO_INVESTIGATION = "no_investigation"
    UNFOUNDED = "unfounded"
    PROVED = "proved"

    @property
    def heading(self) -> str:
        if self is LetterKind.REASSURANCE:
            return "Reassurance in writing"
        return letter_text(self).title

    @property
    def step(self) -> ProtocolStep | None:
        """The protocol step whose task opens this letter (the outcome letters)."""
        return _STEPS.get(self)


_STEPS = {
    LetterKind.NO_INVESTIGATION: ProtocolStep.OUTCOME_EXPLAINED,
    LetterKind.UNFOUNDED: ProtocolStep.UNFOUNDED_TOLD,
    LetterKind.PROVED: ProtocolStep.FORMAL_REPORT,
}
_DECISIONS = {
    LetterKind.NO_INVESTIGATION: "the Ombudsman's decision not to investigate (step 6)",
    LetterKind.UNFOUNDED: "the Ombudsman's conclusion that it is unfounded (step 9)",
    LetterKind.PROVED: "the Ombudsman's conclusion that a sanction is proved (step 9)",
}


class LetterText(BaseModel):
    """One letter of ``prompts/letters/`` (the reassurance has its own shape, shared with the
    intake: :mod:`intake.core.letter_words`)."""

    model_config = ConfigDict(extra="forbid")

    title: str
    template: str
    routes: dict[str, str] = {}
    recommendations: str | None = None
    no_recommendations: str | None = None


@cache
def letter_text(kind: LetterKind) -> LetterText:
    return load_validated(LetterText, f"letters/{kind.value}.yaml")


def parse_kind(text: str) -> LetterKind:
    """A letter kind as typed ('does-not-qualify' too); a ValidationProblem lists them."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return LetterKind(key)
    except ValueError:
        kinds = ", ".join(k.value for k in LetterKind)
        raise ValidationProblem(f"no letter {text.strip()!r}: choose one of {kinds}") from None


# ---- which letters now ----------------------------------------------------------------------


def _step_task(session: Session, case: SanctionCase, step: ProtocolStep) -> WorkflowTask | None:
    """The first task of that step on the case (opened by the decision that reached it)."""
    return session.exec(
        select(WorkflowTask)
        .where(WorkflowTask.case_id == case.id)
        .where(WorkflowTask.step == int(step))
        .where(col(WorkflowTask.duty).is_(None))
        .order_by(col(WorkflowTask.id))
    ).first()


def _signposts(session: Session, case: SanctionCase) -> list[Signpost]:
    return list(
        session.exec(
            select(Signpost).where(Signpost.case_id == case.id).order_by(col(Signpost.id))
        ).all()
    )


def why_not(session: Session, case: SanctionCase, kind: LetterKind) -> str | None:
    """Why the case may not have this letter now (None: it may)."""
    status = CaseStatus(case.status)
    where = f"{case.reference} is {status.value}"
    if kind is LetterKind.REASSURANCE:
        if not status.is_open:
            return f"the reassurance is for an open case; {where}"
        rows = session.exec(
            select(ConsentRecord)
            .where(ConsentRecord.case_id == case.id)
            .order_by(col(ConsentRecord.id))
        ).all()
        state = consent_state(rows)
        if state.from_person:
            return (
                "the reassurance promises that nothing needing consent goes ahead until the "
                f"person answers themselves, and they have ({state.short()}): choose another "
                "letter"
            )
        return None
    if kind is LetterKind.DOES_NOT_QUALIFY:
        if status is not CaseStatus.SIGNPOSTED or not _signposts(session, case):
            return (
                "the 'does not qualify' letter follows the step 2 decision that it does not "
                f"qualify (does_not_qualify, with the route): {where}"
            )
        return None
    step = kind.step
    assert step is not None
    if _step_task(session, case, step) is None:
        return f"the step {int(step)} letter follows {_DECISIONS[kind]}; {where}"
    return None


def allowed_kinds(session: Session, case: SanctionCase) -> list[LetterKind]:
    return [kind for kind in LetterKind if why_not(session, case, kind) is None]


# ---- need to know ---------------------------------------------------------------------------


def _require_identified(actor: Actor, case: SanctionCase, *, what: str) -> None:
    if not is_identified(actor, case):
        raise PermissionDenied(
            f"{actor.name} ({actor.organisation.value}) may not {what} for {case.reference}: "
            f"a letter holds the person's name, for those identified to the case only"
        )


def _writable_case(session: Session, actor: Actor, reference: str) -> SanctionCase:
    require(actor, what="write letters", roles=WORKFLOW_ROLES)
    case = get_visible_case(session, actor, reference)
    _require_identified(actor, case, what="write a letter")
    return case


def _readable_case(session: Session, actor: Actor, reference: str) -> SanctionCase:
    require(actor, what="read letters", roles=READ_ROLES)
    case = get_visible_case(session, actor, reference)
    _require_identified(actor, case, what="read a letter")
    return case


def _require_allowed(session: Session, case: SanctionCase, kind: LetterKind) -> None:
    reason = why_not(session, case, kind)
    if reason is not None:
        raise ValidationProblem(f"no {kind.value} letter now: {reason}")


# ---- filling --------------------------------------------------------------------------------


def _establishment(session: Session, case: SanctionCase) -> str:
    place = session.get(Establishment, case.establishment_id) if case.establishment_id else None
    return place.name if place is not None else "the prison"


def _decided_on(session: Session, case: SanctionCase, kind: LetterKind) -> date:
    task = _step_task(session, case, kind.step) if kind.step is not None else None
    return local_time(task.created_at).date() if task is not None else local_today()


def _where_to_go(session: Session, case: SanctionCase) -> str:
    words = letter_text(LetterKind.DOES_NOT_QUALIFY).routes
    routes = list(dict.fromkeys(s.route for s in _signposts(session, case)))
    parts = [words.get(route) or f"{Route(route).goes_to}." for route in routes]
    return "\n".join(part.strip() for part in parts)


def _what_next(session: Session, case: SanctionCase) -> str:
    text = letter_text(LetterKind.PROVED)
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
    :func:`fill_letter`)."""
    establishment = _establishment(session, case)
    organisation = actor.organisation
    fields = {
        "date": long_date(on),
        "name": case.person_name or "Sir or Madam",
        "establishment": establishment,
        "organisation": organisation_words(organisation, establishment),
        "received": received_words(case.received_via or "visit", case.raised_by),
        "received_on": long_date(local_time(case.created_at).date()),
        "signed": signed_by(organisation, establishment),
    }
    if kind is LetterKind.REASSURANCE:
        return unwrapped(load_letter().template.format(**fields))
    if kind is LetterKind.DOES_NOT_QUALIFY:
        fields["where_to_go"] = _where_to_go(session, case)
    else:
        fields["decided_on"] = long_date(_decided_on(session, case, kind))
    if kind is LetterKind.PROVED:
        fields["what_next"] = _what_next(session, case)
    return unwrapped(letter_text(kind).template.format(**fields))


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


# ---- saving, marking sent, reading ----------------------------------------------------------


def letter_words(text: str) -> str:
    """The letter as staff saved it, exactly; refused (never changed) when it is empty, too
    long, or holds a character that is not text."""
    if not text.strip():
        raise ValidationProblem("the letter is empty: write it, or fill it from the case")
    if len(text) > MAX_LETTER_CHARS:
        raise ValidationProblem(
            f"the letter is {len(text):,} characters; at most {MAX_LETTER_CHARS:,} are kept"
        )
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            category = unicodedata.category(char)
            if (category == "Cc" and char not in LETTER_CONTROLS) or category == "Cs":
                raise ValidationProblem(
                    f"the letter holds a character that is not text (U+{ord(char):04X}) on "
                    f"line {number}: remove it"
                )
    return text


def save_letter(
    session: Session,
    actor: Actor,
    reference: str,
    kind: LetterKind,
    text: str,
    *,
    sent: bool = False,
) -> LetterView:
    """Save the letter on the case as written (audited: which letter and its length, never its
    words); ``sent`` marks it sent now too. The caller commits."""
    case = _writable_case(session, actor, reference)
    _require_allowed(session, case, kind)
    words = letter_words(text)
    assert case.id is not None
    now = utcnow()
    row = CaseLetter(
        case_id=case.id,
        kind=kind.value,
        text=words,
        created_by_id=actor.id,
        created_at=now,
        sent_at=now if sent else None,
        sent_by_id=actor.id if sent else None,
    )
    session.add(row)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action="letter.saved",
        entity="case_letter",
        entity_id=row.id,
        after={"kind": kind.value, "chars": len(words), "sent": sent},
    )
    return _view(row, _user_names(session, [row]), with_text=True)


def mark_letter_sent(session: Session, actor: Actor, reference: str, letter_id: int) -> LetterView:
    """Record that a saved letter was sent (once); audited. The caller commits."""
    case = _writable_case(session, actor, reference)
    row = _letter_of(session, case, letter_id)
    if row.sent_at is not None:
        raise ValidationProblem(
            f"letter {letter_id} of {case.reference} was already marked sent on "
            f"{long_date(local_time(row.sent_at).date())}"
        )
    row.sent_at = utcnow()
    row.sent_by_id = actor.id
    session.add(row)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action="letter.sent",
        entity="case_letter",
        entity_id=row.id,
        before={"sent_at": None},
        after={"kind": row.kind, "sent_at": row.sent_at},
    )
    return _view(row, _user_names(session, [row]), with_text=False)


def read_letter(session: Session, actor: Actor, reference: str, letter_id: int) -> LetterView:
    """One saved letter with its words, for a reader identified to the case; audited."""
    from intake.core.audit_chain import record_access

    case = _readable_case(session, actor, reference)
    row = _letter_of(session, case, letter_id)
    record_access(session, actor=actor, action="letter.read", entity="case_letter",
                  entity_id=row.id, case_id=case.id)  # fmt: skip
    return _view(row, _user_names(session, [row]), with_text=True)


def list_letters(session: Session, actor: Actor, reference: str) -> list[LetterView]:
    """The letters saved on a case the actor may see, without their words, oldest first."""
    require(actor, what="see letters", roles=READ_ROLES)
    return case_letters(session, get_visible_case(session, actor, reference))


def case_letters(session: Session, case: SanctionCase) -> list[LetterView]:
    """The case's letters without their words (the case view lists them for every reader)."""
    rows = list(
        session.exec(
            select(CaseLetter).where(CaseLetter.case_id == case.id).order_by(col(CaseLetter.id))
        ).all()
    )
    names = _user_names(session, rows)
    return [_view(row, names, with_text=False) for row in rows]


def _letter_of(session: Session, case: SanctionCase, letter_id: int) -> CaseLetter:
    row = session.get(CaseLetter, letter_id)
    if row is None or row.case_id != case.id:
        raise NotFoundError(f"{case.reference} has no letter {letter_id}")
    return row


def _user_names(session: Session, rows: list[CaseLetter]) -> dict[int, str]:
    ids = {i for row in rows for i in (row.created_by_id, row.sent_by_id) if i is not None}
    if not ids:
        return {}
    found = session.exec(select(User.id, User.name).where(col(User.id).in_(ids))).all()
    return {int(i): name for i, name in found if i is not None}


def _title(kind: str) -> str:
    try:
        return LetterKind(kind).heading
    except ValueError:
        return kind


def _view(row: CaseLetter, names: dict[int, str], *, with_text: bool) -> LetterView:
    return LetterView(
        id=row.id or 0,
        kind=row.kind,
        title=_title(row.kind),
        created_by=names.get(row.created_by_id) if row.created_by_id is not None else None,
        created_at=row.created_at,
        sent_at=row.sent_at,
        sent_by=names.get(row.sent_by_id) if row.sent_by_id is not None else None,
        chars=len(row.text),
        text=row.text if with_text else None,
    )


# ---- files ----------------------------------------------------------------------------------

LETTER_FORMATS = ("txt", "pdf")


def letter_file_bytes(letter: LetterView, fmt: str, *, author: str) -> bytes:
    """The saved letter as a file: plain text (UTF-8, OFFICIAL-SENSITIVE on the first and last
    lines) or PDF (:mod:`backoffice.letter_pdf`)."""
    from backoffice.letter_pdf import MARKING, letter_pdf

    assert letter.text is not None, "read the letter with its words first"
    if fmt == "pdf":
        return letter_pdf(letter.text, title=letter.title, author=author)
    if fmt != "txt":
        raise ValidationProblem(f"a letter is written as {' or '.join(LETTER_FORMATS)}")
    ending = "" if letter.text.endswith("\n") else "\n"
    return f"{MARKING}\n\n{letter.text}{ending}\n{MARKING}\n".encode()


def write_letter_file(
    letter: LetterView,
    out: Path,
    fmt: str,
    *,
    author: str,
    force: bool = False,
    protected: Iterable[Path] = (),
) -> Path:
    """Write the saved letter to ``out`` (0600); an existing file only with ``force``, and
    never the database (:func:`intake.core.db.backup.check_output`)."""
    out = out.expanduser()
    check_output(out, force=force, protected=protected)
    if not out.parent.is_dir():
        raise ValidationProblem(f"there is no folder {out.parent}: choose another path")
    try:
        write_private_bytes(out, letter_file_bytes(letter, fmt, author=author))
    except OSError as exc:
        raise ValidationProblem(f"could not write {out}: {exc.strerror or exc}") from exc
    return out


def default_letter_file(folder: Path, reference: str, kind: str, fmt: str, on: date) -> Path:
    """A new file in ``folder`` named by the case, the letter and the day (no person's name):
    SAN-2026-0001-proved-2026-03-05.pdf, then -2, -3 ..."""
    base = f"{reference}-{kind.replace('_', '-')}-{on.isoformat()}"
    candidate = folder / f"{base}.{fmt}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}.{fmt}"
        number += 1
    return candidate
