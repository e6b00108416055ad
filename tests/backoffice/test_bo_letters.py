"""Issue 16 point 4: letters to the person without any model, from plain-language templates in
``prompts/letters/``: each filled from a real case at its step (refused at another, saying
why), read at about age 9, saved on the case exactly as written and audited, need to know,
and written out as text and as a PDF whose words read back."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from backoffice.case_view import show_case
from backoffice.letter_pdf import MARKING
from backoffice.letters import (
    LetterKind,
    fill_letter,
    letter_choices,
    letter_text,
    list_letters,
    mark_letter_sent,
    read_letter,
    save_letter,
)
from backoffice.service import BackofficeService
from intake.core.db.models import AuditEvent, CaseLetter
from intake.core.errors import NotFoundError, PermissionDenied, ValidationProblem
from intake.core.settings import Settings
from intake.core.submission import PersonDetails
from intake.core.users import Actor
from intake.core.vocabulary import Qualifies, Route
from tests.support.factories import ActFn, Staff, SubmitFn
from tests.support.readability import readability

#: Reading age about 9 is a Flesch-Kincaid grade of about 4; no letter may read above 5.
MAX_GRADE = 5.0
#: No sentence of a letter's body may be longer than this many words.
MAX_SENTENCE = 25
RECOMMENDATION_TEXTS = ["Retrain wing staff on the protocol", "Say sorry to Mr Example in writing"]
#: As step 11 takes them: each with the measurable outcome that shows it is done.
RECOMMENDATIONS = [
    f"{text} | outcome: shown in the Governor's reply" for text in RECOMMENDATION_TEXTS
]

Prepare = Callable[[ActFn, Staff, SubmitFn], str]


def _written(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    """A letter from the person: no consent asked yet."""
    return submit(received_via="letter", consent=None)


def _signposted(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = submit(qualifies=Qualifies.NO, route=Route.COMPLAINT)
    act(staff.imb, ref, "does_not_qualify", outcome="complaint", note="Canteen",
        told=date.today(), confirm_close=True)  # fmt: skip
    return ref


def _briefed(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = submit()
    act(staff.hmip, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="consents")
    act(staff.imb, ref, "imb_enquiries", note="Spoke to him on the wing; he is safe.")
    act(staff.imb, ref, "imb_briefing", note="Briefing sent", outcome="suggest_investigation")
    return ref


def _not_investigated(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = _briefed(act, staff, submit)
    act(staff.ppo, ref, "decide_not_to_investigate", note="Local resolution is enough")
    return ref


def _concluded(outcome: str) -> Prepare:
    def prepare(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
        ref = _briefed(act, staff, submit)
        act(staff.ppo, ref, "decide_to_investigate")
        act(staff.ppo, ref, "share_conclusion", outcome=outcome, note="Findings")
        if outcome == "proved":
            act(staff.ppo, ref, "submit_formal_report", recommendations=RECOMMENDATIONS)
        return ref

    return prepare


#: Each letter: the case at its step, who writes it, and what the filled letter must say.
AT_ITS_STEP: dict[LetterKind, tuple[Prepare, str, tuple[str, ...]]] = {
    LetterKind.REASSURANCE: (_written, "imb", (
        "Thank you for your letter", "Independent Monitoring Board at HMP Wandsworth",
        "Nothing more happens until you tell us yourself")),
    LetterKind.DOES_NOT_QUALIFY: (_signposted, "imb", (
        "Where to go instead", "complaint form", "COMP1A")),
    LetterKind.NO_INVESTIGATION: (_not_investigated, "imb", (
        "decided not to start an", "keep an eye on how you are treated")),
    LetterKind.UNFOUNDED: (_concluded("unfounded"), "ppo", (
        "We call this unfounded", "did not find")),
    LetterKind.PROVED: (_concluded("proved"), "ppo", (
        "found that you were punished", *(f"- {r}" for r in RECOMMENDATION_TEXTS))),
}  # fmt: skip


def _fill(engine: Engine, actor: Actor, ref: str, kind: LetterKind) -> str:
    with Session(engine) as session:
        return fill_letter(session, actor, ref, kind, on=date(2026, 3, 5))


@pytest.mark.parametrize("kind", list(AT_ITS_STEP), ids=[k.value for k in AT_ITS_STEP])
def test_each_letter_is_filled_from_the_case_at_its_step_and_reads_at_about_age_nine(
    kind: LetterKind, act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    prepare, writer, says = AT_ITS_STEP[kind]
    ref = prepare(act, staff, submit)
    text = _fill(engine, getattr(staff, writer), ref, kind)
    assert text.startswith("5 March 2026\n\nDear Jordan Example,\n")
    assert "HMP Wandsworth" in text and f"{date.today().day} " in text
    for words in says:
        assert words in text, words
    assert not re.search(r"[{}]", text), "a placeholder was left unfilled"
    signed = "Independent Monitoring Board, HMP Wandsworth" if writer == "imb" else (
        "Prisons and Probation Ombudsman")  # fmt: skip
    assert text.rstrip().endswith(signed)
    measured = readability(text)
    assert measured.grade <= MAX_GRADE, measured
    assert measured.longest_sentence <= MAX_SENTENCE, measured


def test_every_route_has_words_for_the_person() -> None:
    words = letter_text(LetterKind.DOES_NOT_QUALIFY).routes
    assert set(words) == {r.value for r in Route} - {Route.SANCTION_PROTOCOL.value}
    template = letter_text(LetterKind.DOES_NOT_QUALIFY).template
    for route, text in words.items():
        letter = template.format(
            date="5 March 2026", name="Jordan Example", establishment="HMP Wandsworth",
            received="your letter", received_on="3 March 2026", where_to_go=text,
            signed="Independent Monitoring Board, HMP Wandsworth",
        )  # fmt: skip
        measured = readability(letter)
        assert measured.grade <= MAX_GRADE, (route, measured)
        assert measured.longest_sentence <= MAX_SENTENCE, (route, measured)


@pytest.mark.parametrize("kind", list(LetterKind), ids=[k.value for k in LetterKind])
def test_a_letter_is_refused_at_the_wrong_step_saying_why(
    kind: LetterKind, act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()  # received, the person's own consent given at interview
    with pytest.raises(ValidationProblem) as refused:
        _fill(engine, staff.imb, ref, kind)
    said = str(refused.value)
    assert said.startswith(f"no {kind.value} letter now: ")
    if kind is LetterKind.REASSURANCE:
        assert "nothing needing consent goes ahead" in said and "they have" in said
    else:
        assert "follows" in said and f"{ref} is received" in said
    with Session(engine) as session:
        choices = {c.kind: c for c in letter_choices(session, staff.imb, ref)}
    assert not choices[kind.value].allowed and choices[kind.value].why_not


def test_a_closed_case_still_has_its_outcome_letter(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = _not_investigated(act, staff, submit)
    act(staff.imb, ref, "explain_outcome", note="Letter", confirm_close=True)
    with Session(engine) as session:
        allowed = [c.kind for c in letter_choices(session, staff.imb, ref) if c.allowed]
    assert allowed == ["no_investigation"]


def test_a_letter_is_saved_exactly_listed_marked_sent_and_audited(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = _signposted(act, staff, submit)
    text = _fill(engine, staff.imb, ref, LetterKind.DOES_NOT_QUALIFY) + "\nP.S. Ring us.\n"
    with Session(engine) as session:
        saved = save_letter(session, staff.imb, ref, LetterKind.DOES_NOT_QUALIFY, text)
        session.commit()
    assert saved.text == text and saved.sent_at is None and saved.created_by == "Ian Board"
    with Session(engine) as session:
        sent = mark_letter_sent(session, staff.imb, ref, saved.id)
        session.commit()
        with pytest.raises(ValidationProblem, match="already marked sent"):
            mark_letter_sent(session, staff.imb, ref, saved.id)
        listed = list_letters(session, staff.imb, ref)
        read = read_letter(session, staff.imb, ref, saved.id)
        view = show_case(session, actor=staff.imb, reference=ref)
        events = session.exec(
            select(AuditEvent).where(col(AuditEvent.entity) == "case_letter")
            .order_by(col(AuditEvent.id))
        ).all()  # fmt: skip
    assert sent.sent_at is not None and sent.sent_by == "Ian Board"
    assert [(x.kind, x.text, x.chars) for x in listed] == [("does_not_qualify", None, len(text))]
    assert read.text == text
    assert [x.title for x in view.letters] == ["It does not qualify: where to go instead"]
    saved_event, sent_event, read_event = events
    assert (saved_event.action, saved_event.chain) == (
        "letter.saved",
        f"case:{saved_event.case_id}",
    )
    assert saved_event.after == {"kind": "does_not_qualify", "chars": len(text), "sent": False}
    assert sent_event.action == "letter.sent" and read_event.action == "letter.read"
    assert "Jordan" not in str([e.after for e in events])  # the words never enter the audit


@pytest.mark.parametrize(
    ("who", "refusal", "says"),
    [
        ("ppo", PermissionDenied, "holds the person's name"),  # not handed the case
        ("hmip", PermissionDenied, "holds the person's name"),  # IMB received it
        ("intake", PermissionDenied, "this is for triage, supervisor or lead users"),
        ("imb_away", NotFoundError, "can see"),  # another Board
    ],
)
def test_only_staff_identified_to_the_case_write_or_read_a_letter(
    who: str,
    refusal: type[Exception],
    says: str,
    act: ActFn,
    staff: Staff,
    submit: SubmitFn,
    engine: Engine,
) -> None:
    ref = _not_investigated(act, staff, submit)
    kind = LetterKind.NO_INVESTIGATION
    text = _fill(engine, staff.imb, ref, kind)
    with Session(engine) as session:
        letter = save_letter(session, staff.imb, ref, kind, text)
        session.commit()
    actor = getattr(staff, who)
    with Session(engine) as session:
        for attempt in (
            lambda: fill_letter(session, actor, ref, kind),
            lambda: save_letter(session, actor, ref, kind, text),
            lambda: mark_letter_sent(session, actor, ref, letter.id),
        ):
            with pytest.raises(refusal, match=says):
                attempt()
        if who != "intake":  # the interviewer who recorded it may read what was sent
            with pytest.raises(refusal, match=says.replace("this is for triage", "")):
                read_letter(session, actor, ref, letter.id)
        if refusal is PermissionDenied and who != "intake":
            # they see that a letter was saved, never its words
            assert [x.text for x in list_letters(session, actor, ref)] == [None]
    with Session(engine) as session:
        assert len(session.exec(select(CaseLetter)).all()) == 1


def test_an_empty_or_binary_letter_is_refused_and_nothing_saved(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = _signposted(act, staff, submit)
    kind = LetterKind.DOES_NOT_QUALIFY
    with Session(engine) as session:
        for text, says in (
            ("  \n\t", "the letter is empty"),
            ("Dear you,\nline two \x07", r"not text \(U\+0007\) on line 2"),
            ("x" * 20_001, "at most 20,000"),
        ):
            with pytest.raises(ValidationProblem, match=says):
                save_letter(session, staff.imb, ref, kind, text)
        assert session.exec(select(CaseLetter)).all() == []


_LETTER_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\r\t"),
    min_size=1,
    max_size=400,
).filter(lambda t: t.strip() != "")


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_LETTER_TEXT)
def test_any_text_typed_into_a_letter_is_stored_exactly(
    text: str, act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine, settings: Settings
) -> None:
    ref = _written(act, staff, submit)
    service = BackofficeService(engine=engine, settings=settings, actor=staff.imb)
    saved = service.save_letter(ref, LetterKind.REASSURANCE, text)
    assert service.letter(ref, saved.id).text == text


def _pdf_words(path: Path) -> tuple[list[str], list[list[str]]]:
    """The words of the PDF's letter (each page's marking lines apart) and each page's lines."""
    pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    lines = [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]
    body = [line for page in lines for line in page if line != MARKING]
    return " ".join(body).split(), lines


def test_a_letter_is_written_as_text_and_as_a_pdf_marked_on_every_page(
    staff: Staff, submit: SubmitFn, engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    ref = submit(
        received_via="email", consent=None,
        person=PersonDetails(name="Łukasz Żółć-Ωμέγα Олег", prison_number="A1234BC"),
    )  # fmt: skip
    service = BackofficeService(engine=engine, settings=settings, actor=staff.imb)
    text = service.fill_letter(ref, LetterKind.REASSURANCE)
    text += "\n" + "\n".join(
        f"Line {n} of a long letter, to need a second page." for n in range(60)
    )
    saved = service.letter(ref, service.save_letter(ref, LetterKind.REASSURANCE, text).id)
    folder = tmp_path
    pdf = service.write_letter(saved, folder / "letter.pdf", "pdf")
    words, pages = _pdf_words(pdf)
    assert words == text.split()
    assert "Dear Łukasz Żółć-Ωμέγα Олег," in pages[0]
    assert len(pages) >= 2 and all(p[0] == MARKING and p[-1] == MARKING for p in pages)
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert PdfReader(pdf).metadata.subject == MARKING  # type: ignore[union-attr]

    txt = service.write_letter(saved, folder / "letter.txt", "txt")
    assert txt.read_text(encoding="utf-8") == f"{MARKING}\n\n{text}\n\n{MARKING}\n"
    with pytest.raises(ValidationProblem, match="already exists"):
        service.write_letter(saved, txt, "pdf")
    assert service.write_letter(saved, txt, "txt", force=True) == txt
    with pytest.raises(ValidationProblem, match="never overwritten"):
        service.write_letter(saved, settings.data_dir / "sanctions.db", "txt", force=True)
