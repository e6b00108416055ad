"""Who is interviewing in line mode: this login's user, one chosen among several, or the first
start of a new database (``intake.interview.profile`` decides; this asks)."""

from __future__ import annotations

from intake.cli.lineio import LineIO
from intake.cli.support import AppContext
from intake.core.errors import ValidationProblem
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role
from intake.interview.answers import match_choice
from intake.interview.line_text import question_lines
from intake.interview.profile import (
    FIRST_START_ROLES,
    active_users,
    board_establishment,
    current_interviewer,
    find_interviewer,
    first_user_name,
    register_first_user,
    remember,
)
from intake.interview.script import Choice, Kind, Question


def choose(io: LineIO, prompt: str, choices: list[Choice]) -> str:
    question = Question(key="_", section="_", kind=Kind.CHOICE, prompt=prompt, choices=choices)
    while True:
        for line in question_lines(question):
            io.say(line)
        try:
            return match_choice(question, io.ask())
        except ValidationProblem as problem:
            io.say(f"! {problem}")


def identify(io: LineIO, app: AppContext, as_user: str | None) -> Actor:
    """Who is interviewing: --as, the remembered user, the user list, or a first start."""
    engine, settings = app.engine, app.settings
    if as_user:
        actor = find_interviewer(engine, as_user)
        remember(settings, actor)
        return actor
    remembered = current_interviewer(engine, settings)
    if remembered is not None:
        io.say(f"Interviewer: {remembered.name} ({remembered.organisation.value})")
        return remembered
    if active_users(engine):
        while True:
            io.say("Who is interviewing? Type your name as in the user list.")
            try:
                actor = find_interviewer(engine, io.ask())
                remember(settings, actor)
                return actor
            except ValidationProblem as problem:
                io.say(f"! {problem}")
    return _first_start(io, app)


def _first_start(io: LineIO, app: AppContext) -> Actor:
    io.say("First start on this computer: who will be interviewing?")
    while True:
        name = _first_name(io)
        organisation = choose(
            io,
            "Your organisation?",
            [Choice(value=o.value, label=o.full_name) for o in Organisation],
        )
        role = choose(
            io, "Your role?", [Choice(value=r.value, label=label) for r, label in FIRST_START_ROLES]
        )
        establishment_id = None
        if organisation == Organisation.IMB.value:
            establishment_id = _board_establishment(io, app)
        try:
            return register_first_user(
                app.engine,
                app.settings,
                name=name,
                organisation=Organisation(organisation),
                role=Role(role),
                establishment_id=establishment_id,
            )
        except ValidationProblem as problem:
            io.say(f"! {problem}")


def _first_name(io: LineIO) -> str:
    while True:
        io.say("Your name?")
        try:
            return first_user_name(io.ask())
        except ValidationProblem as problem:
            io.say(f"! {problem}")


def _board_establishment(io: LineIO, app: AppContext) -> int:
    while True:
        io.say("Which establishment is your Board at?")
        try:
            return board_establishment(app.engine, io.ask())
        except ValidationProblem as problem:
            io.say(f"! {problem}")
