"""`intake chat`: the interview in line mode, driven as a script would drive it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

import pytest
from sqlmodel import Session, SQLModel, select

from intake.core.db.engine import open_database
from intake.core.db.models import (
    AuditEvent,
    ConsentRecord,
    InterviewDraft,
    RiskAssessment,
    SanctionCase,
    WorkflowTask,
)
from intake.core.settings import load_settings
from tests.support.chat import NARRATIVE, chat_env, run_conversation
from tests.support.cli import run_cli


def test_scripted_conversation_submits_a_case(tmp_path: Path) -> None:
    status, output = run_conversation(tmp_path, "--json")
    assert status == 0, output[-2000:]
    assert "Case reference: SAN-" in output
    assert "Before we start" in output  # the reassurance is read out
    data = json.loads(output[output.index("{") :])
    assert data["reference"].startswith("SAN-")
    assert data["person"]["prison_number"] == "A1234BC"
    assert data["person"]["name"] == "[bold red]Sam Smith"
    assert data["rules"]["qualifies"] == "yes"
    assert "recategorisation" in data["rules"]["categories"]
    assert data["bodies"] == ["HMIP"]
    assert data["consent"]["pursue"] is True

    settings = load_settings(data_dir=tmp_path / "data")
    engine = open_database(settings)
    with Session(engine) as session:
        case = session.exec(select(SanctionCase)).one()
        assert case.reference == data["reference"]
        assert case.status == "received"
        assert case.establishment_id is not None
        assert session.exec(select(AuditEvent)).all()
        draft = session.exec(select(InterviewDraft)).one()
        assert draft.status == "submitted"
    engine.dispose()


def _only_case(tmp_path: Path) -> SanctionCase:
    engine = open_database(load_settings(data_dir=tmp_path / "data"))
    try:
        with Session(engine) as session:
            return session.exec(select(SanctionCase)).one()
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("concern", "route", "signpost"),
    [
        ("2", "death_in_custody", "The Prisons and Probation Ombudsman investigates every death"),
        ("3", "imb_member_complaint", "goes through the IMB complaints procedure"),
    ],
)
def test_a_death_or_a_complaint_about_an_imb_member_is_signposted(
    tmp_path: Path, concern: str, route: str, signpost: str
) -> None:
    status, output = run_conversation(tmp_path, answers={"What is it about": concern})
    assert status == 0, output[-2000:]
    assert signpost in output
    assert "own words" not in output  # no account is taken for a route outside the protocol
    assert route not in output  # routes are shown in words, never as codes
    case = _only_case(tmp_path)
    assert case.route == route
    assert case.status == "received"  # a person confirms it at step 2; nothing closes itself
    assert [t.route for t in _records(tmp_path, WorkflowTask) if t.route] == [route]


Record = TypeVar("Record", bound=SQLModel)


def _records(tmp_path: Path, model: type[Record]) -> list[Record]:
    engine = open_database(load_settings(data_dir=tmp_path / "data"))
    try:
        with Session(engine) as session:
            return list(session.exec(select(model)).all())
    finally:
        engine.dispose()


#: Consent asked of someone raising it for the person: their word, worded as theirs.
ON_BEHALF_CONSENT = {"wants it pursued": "yes"}


def test_family_raising_it_gives_consent_as_their_word(tmp_path: Path) -> None:
    answers = {"Who is raising this": "family or a friend", **ON_BEHALF_CONSENT}
    status, output = run_conversation(tmp_path, answers=answers)
    assert status == 0, output[-2000:]
    assert "You are asking the family member or friend" in output
    assert "the person will be asked to confirm it themselves" in output
    assert "Do they consent to it being pursued?" not in output
    [consent] = _records(tmp_path, ConsentRecord)
    assert consent.given_by == "family"
    assert consent.pursue is True  # as they said it; only the person's own consent counts
    case = _only_case(tmp_path)
    assert case.raised_by == "on_behalf" and case.raised_by_detail == "family"


def test_a_prisoners_account_of_losing_a_job_stays_with_the_protocol(tmp_path: Path) -> None:
    account = (
        "I put in an IMB application about my wing. Officer Smith told me I lost my job in "
        "the kitchen because I went to the IMB."
    )
    status, output = run_conversation(tmp_path, "--json", answers={"own words": account})
    assert status == 0, output[-2000:]
    case = _only_case(tmp_path)
    assert case.route == "sanction_protocol"
    assert "whistleblowing" not in case.routes
    assert "confirms them): the sanctions protocol\n" in output
    data = json.loads(output[output.index("{") :])
    assert data["proposed_routes"] == ["sanction_protocol"]
    assert data["consent"]["given_by"] == "person"


def test_staff_who_also_fear_reprisal_add_the_whistleblowing_route(tmp_path: Path) -> None:
    answers = {
        "Who is raising this": "5",
        "fear being punished themselves": "yes",
        **ON_BEHALF_CONSENT,
    }
    status, output = run_conversation(tmp_path, answers=answers)
    assert status == 0, output[-2000:]
    assert "Also — whistleblowing" in output  # its signpost, said when the answer adds it
    assert "whistleblowing, 'reporting wrongdoing'" in output
    case = _only_case(tmp_path)
    assert case.routes == ["sanction_protocol", "whistleblowing"]
    assert [t.route for t in _records(tmp_path, WorkflowTask) if t.route] == ["whistleblowing"]
    [consent] = _records(tmp_path, ConsentRecord)
    assert consent.given_by == "staff_for_prisoner"


def test_a_sanction_with_a_death_in_custody_takes_the_whole_interview(tmp_path: Path) -> None:
    status, output = run_conversation(tmp_path, answers={"What is it about": "1, 2"})
    assert status == 0, output[-2000:]
    assert "own words" in output
    case = _only_case(tmp_path)
    assert case.routes == ["sanction_protocol", "death_in_custody"]


def test_immediate_risk_is_said_once_and_what_was_done_is_recorded(tmp_path: Path) -> None:
    answers = {
        "immediate serious risk": "yes",
        "What have you done about it now": "Told the duty governor, Ms Khan",
        "When? (e.g.": "not yet",
    }
    status, output = run_conversation(tmp_path, answers=answers)
    assert status == 0, output[-2000:]
    assert output.count("!! IMMEDIATE RISK. Act now") == 1
    assert "The IMB will monitor" not in output
    assert "!! IMMEDIATE RISK, NOT ACTED ON YET" in output  # 'not yet': the warning stays
    [risk] = _records(tmp_path, RiskAssessment)
    assert risk.action_taken == "Told the duty governor, Ms Khan"
    assert risk.action_at == "not yet"


def test_end_of_input_keeps_the_draft_to_resume(tmp_path: Path) -> None:
    lines = [
        "Ines Pector",
        "HMIP",
        "1",
        "in person",
        "scrubs",
        "",
        "yes",
        "yes",
        "1",
        "1",
        "1",
        "Sam",
        "A1234BC",
    ]
    first = run_cli("intake", "chat", env=chat_env(tmp_path), input="\n".join(lines) + "\n")
    assert first.returncode == 1
    assert "saved" in first.stdout
    listed = run_cli("intake", "drafts", "list", "--json", env=chat_env(tmp_path))
    drafts = json.loads(listed.stdout)
    assert len(drafts) == 1 and drafts[0]["person"] == "Sam"
    second = run_cli("intake", "chat", env=chat_env(tmp_path), input="1\n")
    assert "unfinished interview" in second.stdout
    assert "Their age?" in second.stdout  # resumes where it stopped


def test_bad_answers_are_explained_and_asked_again(tmp_path: Path) -> None:
    lines = ["Ines Pector", "HMIP", "1", "in person", "narnia", "scrubs", "next friday", ""]
    result = run_cli("intake", "chat", env=chat_env(tmp_path), input="\n".join(lines) + "\n")
    assert "! no establishment found for 'narnia'" in result.stdout
    assert "is in the future" in result.stdout
    assert "Traceback" not in result.stderr


def test_an_establishment_is_never_guessed_in_line_mode(tmp_path: Path) -> None:
    board = ["Isle of Man", "Brook", "Isle of Dogs", "Dungavel House"]
    place = ["Heathrow", "the holding room at Heathrow"]
    lines = ["Ines Pector", "IMB", "1", *board, "in person", *place, ""]
    result = run_cli("intake", "chat", env=chat_env(tmp_path), input="\n".join(lines) + "\n")
    out = result.stdout
    assert "! A prison on the Isle of Man is not covered by the sanctions protocol" in out
    assert "! 'Brook' could be several places: Brook House IRC; Colnbrook IRC." in out
    assert "! no establishment found for 'Isle of Dogs'. Nearest: HMP Isle of Wight" in out
    assert out.count("Which establishment is your Board at?") == 4
    assert (
        "! 'Heathrow' could be several places: Colnbrook IRC; Harmondsworth IRC; "
        "Heathrow Airport holding rooms." in out
    )
    asked = out.split("Which establishment are you in?")[1].split("date of the visit")[0]
    assert asked.count("\n! ") == 1  # the holding room at Heathrow is taken
    assert "Traceback" not in result.stderr


def test_an_indirect_cue_of_risk_is_said_once_as_ask_now(tmp_path: Path) -> None:
    narrative = NARRATIVE + " I've given my radio away to the lad next door since."
    status, output = run_conversation(tmp_path, answers={"own words": narrative})
    assert status == 0, output[-2000:]
    assert output.count("!! POSSIBLE RISK: ASK NOW") == 1
    assert "Risk in the account: possible: ask now" in output
    assert "!! IMMEDIATE RISK" not in output
