"""The README's three example stories, driven through InterviewSession with scripted answers,
counting the questions asked (issue 15 point 2: an interview for a clear case is no longer than
a paper form).

Each story gives the answer to every question it may be asked, by key: the answers all three
give alike (``SHARED_ANSWERS``), then its own. A question the interview shows with an answer
already found (from the account, an earlier answer or the IMB member's own Board) is confirmed
with Enter, an empty answer, and counted as confirmed.

Run ``python -m tests.support.stories`` from a checkout to print the counts.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from intake.core.db.engine import open_database
from intake.core.errors import ValidationProblem
from intake.core.establishments import resolve_establishment_id
from intake.core.identity import system_login
from intake.core.settings import Settings, load_settings
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from intake.interview.answers import parse_answer
from intake.interview.drafts import DraftStore
from intake.interview.session import InterviewSession

TODAY = date(2026, 3, 23)


@dataclass(frozen=True)
class Story:
    title: str
    organisation: Organisation
    #: An IMB member's own Board (at their first start), or None.
    board: str | None
    narrative: str
    answers: dict[str, str] = field(default_factory=dict)


#: The answers all three stories give alike; each story lists only its own besides.
SHARED_ANSWERS = {
    "visit_date": "",
    "reassurance_given": "y",
    "interpreter": "none",
    "concern_type": "sanction",
    "witnesses": "skip",
    "still_happening": "y",
    "immediate_danger": "n",
    "self_harm": "n",
    "action_taken": "Told the duty governor, Ms Khan",
    "action_at": "10:30 today",
    "injuries": "n",
    "vulnerabilities": "none",
    "move_coming": "1",
    "out_of_hearing": "y",
    "consent_pursue": "y",
    "consent_share_identity": "y",
    "consent_imb_enquiries": "y",
    "staff_agrees": "y",
}

VISIT = Story(
    title="A visit: moved to a worse cell after speaking to the IMB",
    organisation=Organisation.HMIP,
    board=None,
    narrative=(
        "Two weeks ago I put an application in to the IMB about my canteen going missing.\n"
        "The next day Officer Price moved me off B wing to a cell on E wing with no window, "
        "and said that is what you get for going running to the Board."
    ),
    answers={
        **SHARED_ANSWERS,
        "received_via": "visit",
        "establishment": "Wandsworth",
        "raised_by": "person",
        "person_name": "Darren Hollis",
        "prison_number": "A1234BC",
        "age_band": "21 or over",
        "location": "E wing",
        "body": "IMB",
        "channel": "imb application",
        "contact_date": "two weeks ago",
        "link_reason": "The officer said so when he moved him.",
        "when_where": "The day after the application, on B wing",
        "staff_involved": "Officer Price",
        "evidence": "none",
    },
)

LETTER = Story(
    title="A solicitor's letter: visits stopped after a complaint to the PPO",
    organisation=Organisation.PPO,
    board=None,
    narrative=(
        "Dear Sir or Madam,\n\n"
        "We act for Mr Daniel Okafor (A4821KD), held at HMP Pentonville.\n\n"
        "On 3 March our client complained to the Prisons and Probation Ombudsman about how "
        "his property was handled. Since then his social visits have been cancelled twice. "
        "Officer Dale told him his visits would stay stopped while he keeps writing to the "
        "Ombudsman.\n\n"
        "Yours faithfully,\nR. Mistry, Mistry & Co Solicitors"
    ),
    answers={
        **SHARED_ANSWERS,
        "received_via": "letter",
        "establishment": "Pentonville",
        "raised_by": "lawyer",
        "person_name": "Daniel Okafor",
        "prison_number": "A4821KD",
        "age_band": "unknown",
        "location": "skip",
        "body": "PPO",
        "channel": "ppo complaint",
        "contact_date": "3 March",
        "link_reason": "An officer told him so.",
        "when_where": "skip",
        "staff_involved": "Officer Dale",
        "evidence": "documents",
    },
)

APPLICATION = Story(
    title="An IMB application: threats after speaking to inspectors",
    organisation=Organisation.IMB,
    board="Leeds",
    narrative=(
        "Please can someone from the IMB come and see me. Since the inspectors came last "
        "month and I told them about the showers, Officer Reid keeps saying I will get a "
        "kicking for grassing to the inspectors. I am scared to go to association."
    ),
    answers={
        **SHARED_ANSWERS,
        "received_via": "imb application",
        "establishment": "Leeds",
        "raised_by": "person",
        "person_name": "Kyle Barton",
        "prison_number": "B7723CD",
        "age_band": "18 to 20",
        "location": "skip",
        "body": "HMIP",
        "channel": "spoke to an inspector",
        "contact_date": "last month",
        "link_reason": "The officer says it is for grassing to the inspectors.",
        "when_where": "skip",
        "staff_involved": "Officer Reid",
        "evidence": "none",
    },
)

STORIES = (VISIT, LETTER, APPLICATION)


@dataclass
class Count:
    """How an interview went: every question asked, and how many were only confirmed."""

    asked: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    reference: str = ""

    @property
    def typed(self) -> int:
        return len(self.asked) - len(self.confirmed)


def interviewer(engine: Engine, story: Story) -> Actor:
    """The story's interviewer (an IMB member at their Board), committed."""
    with Session(engine) as session:
        board = resolve_establishment_id(session, story.board) if story.board else None
        data = UserCreate(
            name=f"{story.organisation.value} Interviewer", role=Role.INTAKE,
            organisation=story.organisation, establishment_id=board, os_login=system_login(),
        )  # fmt: skip
        actor = Actor.from_user(create_user(session, data=data))
        session.commit()
    return actor


def found_answer(question: object) -> bool:
    """The question comes with an answer already found (this branch; never before it)."""
    return getattr(question, "found", None) is not None


#: Kinds whose found answer is the account's own words: the interviewer takes them as found.
WORDS = ("text", "long_text")


def confirms(session: InterviewSession, question: Any, text: str) -> bool:
    """The story's answer is the one found (or the found words stand for it): Enter."""
    if question.kind in WORDS or not text:
        return True
    interview = session.interview
    try:
        parsed = parse_answer(question, text, directory=interview.directory, today=TODAY)
    except ValidationProblem:
        return False
    return bool(parsed.value == question.found.value)


def run_story(engine: Engine, settings: Settings, story: Story, actor: Actor) -> Count:
    """Answer every question the interview asks as the story says; submit it."""
    session = InterviewSession.start(
        DraftStore(engine), actor=actor, settings=settings, today=TODAY
    )
    answers = {**story.answers, "narrative": story.narrative}
    count = Count()
    while (question := session.interview.current()) is not None:
        if len(count.asked) > 80:
            raise RuntimeError(f"{story.title}: the interview does not end ({count.asked})")
        count.asked.append(question.key)
        text = answers.get(question.key, "")
        if found_answer(question) and confirms(session, question, text):
            count.confirmed.append(question.key)
            text = ""
        try:
            session.answer(question, text)
        except ValidationProblem as problem:
            raise RuntimeError(f"{story.title}: {question.key}: {problem}") from problem
    count.reference = session.submit()
    return count


def count_all(data_dir: Path) -> dict[str, Count]:
    settings = load_settings(data_dir=data_dir)
    engine = open_database(settings)
    counts: dict[str, Count] = {}
    for story in STORIES:
        actor = interviewer(engine, story)
        counts[story.title] = run_story(engine, settings, story, actor)
    engine.dispose()
    return counts


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for title, count in count_all(Path(folder)).items():
            print(
                f"{title}: {len(count.asked)} questions, {len(count.confirmed)} of them "
                f"confirmed with Enter, {count.typed} answered ({' '.join(count.asked)})"
            )
    sys.exit(0)


if __name__ == "__main__":
    main()
