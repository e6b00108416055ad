"""Letters saved on the case: as written, marked sent, read (audited) and listed without their
words.
"""

from __future__ import annotations

import unicodedata

from sqlmodel import Session, col, select

from backoffice.access import READ_ROLES, get_visible_case, require
from backoffice.letters.allowed import _require_allowed
from backoffice.letters.kinds import LetterKind
from backoffice.letters.need_to_know import _readable_case, _writable_case
from backoffice.view_models import LetterView
from intake.core.audit import record_case_event
from intake.core.clock import local_time, utcnow
from intake.core.db.models import CaseLetter, SanctionCase, User
from intake.core.errors import NotFoundError, ValidationProblem
from intake.core.letter_words import long_date
from intake.core.users import Actor

#: The longest letter that is saved (characters); a letter is a page or two.
MAX_LETTER_CHARS = 20_000
#: Control characters a letter may hold (line breaks and tabs); any other is refused.
LETTER_CONTROLS = frozenset("\n\r\t")


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
