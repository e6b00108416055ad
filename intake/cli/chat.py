"""`intake chat`: the interview in plain line mode, for screen readers and scripts.

Each question ends with a prompt line ``> ``, its instructions before it. A choice is answered
by its number or its words (several: ``1 3`` or ``1, 3``). A narrative is typed over several
lines and ends with an empty line. A refused answer is said with ``! `` and the same question is
asked again, so the next line answers it. Nothing is wrapped at a fixed width. Every answer is
saved as it is given; end of input leaves the draft to resume.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from intake.classifier import start_model_helper
from intake.cli.chat_identity import choose, identify
from intake.cli.lineio import EndOfInput, LineIO
from intake.cli.support import AppContext
from intake.core.clock import local_today
from intake.core.errors import ValidationProblem
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.validation import MAX_NARRATIVE_CHARS
from intake.core.vocabulary import Route
from intake.interview.drafts import DraftStore
from intake.interview.engine import Interview
from intake.interview.line_text import (
    asked_again_lines,
    assessment_lines,
    question_lines,
    reflow,
    review_lines,
)
from intake.interview.outcome import build_submission, risk_level, routes_so_far
from intake.interview.panel import closing_words, review_questions, risk_banner
from intake.interview.script import Choice, Kind, Question
from intake.interview.session import Imported, InterviewSession, imported_words
from intake.interview.spoken import Said, asked, said_signpost, said_text
from intake.interview.stops import KEEP


class Stopped(EndOfInput):
    """The interviewer chose to stop: the draft keeps everything, to resume later."""


class StoppedForInterpreter(EndOfInput):
    """The interview was stopped (an interpreter is needed) and kept, to pick up later."""

    def __init__(self, summary: str) -> None:
        super().__init__(summary)
        self.summary = summary


def choose_draft(io: LineIO, store: DraftStore, actor: Actor) -> int | None:
    """Offer to resume an unfinished interview; returns its id, or None for a new one."""
    drafts = store.open_drafts(user_id=actor.id)
    if not drafts:
        return None
    latest = drafts[0]
    io.say(
        f"You have {len(drafts)} unfinished interview(s). The latest: "
        f"{latest.person or 'no name yet'} at {latest.establishment or 'no place yet'}, "
        f"{latest.answered} answers, saved {latest.updated_at:%d %b %H:%M}."
    )
    if latest.stopped:
        io.say(f"{latest.stopped}: resume it once the interpreter is there.")
    choices = [
        Choice(value="resume", label="Resume it"),
        Choice(value="new", label="Start a new interview (keep the draft)"),
        Choice(value="discard", label="Discard it and start a new interview"),
    ]
    decision = choose(io, "What would you like to do?", choices)
    if decision == "resume":
        return latest.id
    if decision == "discard":
        store.discard(latest.id)
    return None


def run_chat(
    app: AppContext,
    io: LineIO,
    *,
    as_user: str | None,
    as_json: bool,
    imported: Imported | None = None,
    language: str | None = None,
) -> int:
    """The whole conversation; returns the exit status. With ``imported``, a new interview
    whose account is that letter's text (drafts are left for another time); ``language``
    chosen at the start (a new interview)."""
    start_model_helper()  # loads while the person is identified and consents
    try:
        actor = identify(io, app, as_user)
        store = DraftStore(app.engine)
        draft_id = None if imported or language else choose_draft(io, store, actor)
        session = ChatSession(
            io, store, actor, draft_id, today=local_today(), settings=app.settings,
            imported=imported, language=language,
        )  # fmt: skip
        reference = session.run()
    except Stopped:
        io.say("Stopped. Everything said is kept in the draft; run `intake chat` to resume.")
        return 1
    except StoppedForInterpreter as stop:
        io.say(
            f"{stop.summary}. Everything noted is kept in the draft: run `intake chat` and "
            "resume it when the interpreter is there."
        )
        return 1
    except EndOfInput:
        io.say("Input ended. Everything answered is saved; run `intake chat` again to resume.")
        return 1
    if reference is None:
        io.say("Discarded.")
        return 0
    io.say(f"Submitted. Case reference: {reference}")
    routes = "; ".join(r.label for r in routes_so_far(session.interview))
    io.say(f"Proposed routes (a person in the office confirms them): {routes}")
    if as_json:
        io.say(json.dumps(session.submitted_json(reference, app), indent=2, default=str))
    return 0


class ChatSession:
    """One interview driven line by line."""

    def __init__(
        self,
        io: LineIO,
        store: DraftStore,
        actor: Actor,
        draft_id: int | None,
        *,
        today: date,
        settings: Settings,
        imported: Imported | None = None,
        language: str | None = None,
    ) -> None:
        self.io = io
        if draft_id is None:
            self.session = InterviewSession.start(
                store, actor=actor, settings=settings, today=today, imported=imported,
                language=language,
            )  # fmt: skip
            if imported is not None:
                io.say(imported_words(imported))
        else:
            self.session = InterviewSession.resume(
                store, draft_id, actor=actor, settings=settings, today=today
            )
        self.pending: str | None = self.session.pending.text if self.session.pending else None
        self._warned_risk = False
        self._warned_possible = False
        self._warned_not_yet = False
        self._shown_ending = self.interview.ending() is not None
        self._shown_stop = self.interview.stopped() is not None
        self._shown_routes = set(self.interview.extra_routes())
        self._shown_closing = closing_words(self.interview) is not None
        self._section: str | None = None

    @property
    def interview(self) -> Interview:
        return self.session.interview

    def run(self) -> str | None:
        while True:
            question = self.interview.current()
            if question is None and self.interview.stopped() is not None:
                self._stopped()
                continue
            if question is None:
                decision = self._review()
                if decision == "submit":
                    return self.session.submit()
                if decision == "discard":
                    self.session.discard()
                    return None
                continue
            self._ask(question)

    def _ask(self, question: Question, *, editing: bool = False) -> None:
        if question.section != self._section:
            self._section = question.section
            self.io.say(f"== {self.interview.script.section_title(question.section)} ==")
        if question.say:
            self._say_text(question.say)
        ask = asked(self.interview, question)
        if ask is not None:
            self._say_said(ask, "Ask them")
        for line in question_lines(question):
            self.io.say(line)
        while True:
            text = self._read(question)
            try:
                self.session.answer(question, text, editing=editing)
            except ValidationProblem as problem:
                self.io.say(f"! {problem}")
                if question.kind == Kind.NARRATIVE and text.strip():
                    self._keep_refused(question)
                else:
                    self._say_lines(asked_again_lines(question))
                continue
            self._after_answer()
            return

    def _keep_refused(self, question: Question) -> None:
        """A narrative refused (too long) stays whole in the draft: what is typed next replaces
        it only if the interviewer says so; stopping (the first choice) keeps it."""
        self.io.say("Nothing is lost: all of it is kept in this interview's draft.")
        choices = [
            Choice(value="stop", label="Stop here and keep it (run `intake chat` to resume)"),
            Choice(value="replace", label="Type a shorter account (it replaces the one kept)"),
        ]
        if choose(self.io, "What would you like to do now?", choices) == "stop":
            raise Stopped
        self.io.say(f"(at most {MAX_NARRATIVE_CHARS:,} characters; end with an empty line)")
        self.io.say(question.prompt)

    def _read(self, question: Question) -> str:
        if question.kind != Kind.NARRATIVE:
            return self.io.ask()
        if self.pending and len(self.pending) > MAX_NARRATIVE_CHARS:
            recovered, self.pending = self.pending, None
            self.io.say(f"Recovered {len(recovered):,} characters from the last session.")
            return recovered  # refused as too long, then kept or replaced as the person says
        if self.pending:
            self.io.say("Recovered from the last session (type more, or an empty line to keep):")
            self.io.say(self.pending)

        recovered = self.pending or ""
        prefix = (recovered + "\n") if recovered else ""

        def autosave(new: list[str], first: bool) -> None:
            text = "\n".join(new)
            if first:
                seq = self.session.next_pending_seq()
                self.session.save_pending(question.key, prefix + text, seq=seq)
            else:
                self.session.append_pending(question.key, "\n" + text)

        try:
            typed = self.io.ask_lines(autosave, may_be_empty=bool(recovered))
        except EndOfInput:
            if not recovered:
                raise
            typed = ""
        self.pending = None
        return prefix + typed if typed else recovered

    def _say_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.io.say(line)

    def _say_words(self, text: str, *, mark: str = "") -> None:
        """Words from prompts/ as the reader wraps them: a paragraph to a line."""
        self.io.say(mark + reflow(text))

    def _say_text(self, name: str) -> None:
        if name == "assessment":
            self._say_lines(assessment_lines(self.interview))
            return
        said = said_text(self.interview, name)
        if said is not None:
            self._say_said(said, "Say this to them")
            return
        self._say_words(self.interview.say_text(name))

    def _say_said(self, said: Said, what: str) -> None:
        """Words for the person in their language, then their English for the interviewer."""
        self.io.say(f"{what}, in {said.short_name}:")
        self._say_words(said.words)
        self.io.say("In English (for you, not to read out):")
        self._say_words(said.english)

    def _signpost(self, route: Route, english: str) -> None:
        said = said_signpost(self.interview, route)
        if said is None:
            self._say_words(english)
        else:
            self._say_said(said, "Tell them")

    def _after_answer(self) -> None:
        interview = self.interview
        if interview.immediate_risk and not self._warned_risk:
            self._warned_risk = True
            self._say_words(interview.texts.immediate_action, mark="!! ")
        elif interview.possible_risk and not self._warned_possible:
            self._warned_possible = True
            self._say_words(interview.texts.possible_risk, mark="!! ")
        if interview.risk_acted_on() is False and not self._warned_not_yet:
            self._warned_not_yet = True
            self.io.say("!! " + risk_banner(interview, immediate=True))
        ending = interview.ending()
        if ending is not None and not self._shown_ending:
            self._shown_ending = True
            if len(ending.routes) == 1:
                self._signpost(ending.route, ending.signpost)
            else:
                self._say_words(ending.signpost)
        self._shown_ending = ending is not None
        stop = interview.stopped()
        if stop is not None and not self._shown_stop:
            self._say_words(interview.say_text(stop.say), mark="!! ")
        self._shown_stop = stop is not None
        for route in interview.extra_routes():
            if route not in self._shown_routes:
                self._shown_routes.add(route)
                self.io.say(f"Also — {route.label}")
                self._signpost(route, interview.signpost(route))
        closing = closing_words(interview)
        if closing is not None and not self._shown_closing:
            self._say_words(interview.say_text(closing))
        self._shown_closing = closing is not None

    def _stopped(self) -> None:
        """Stopped (an interpreter is needed): go on once one is there, or keep the draft."""
        stop = self.interview.stopped()
        assert stop is not None
        summary = self.interview.stop_summary(stop)
        self.io.say(f"!! {summary}")
        question = self.interview.stop_question(stop)
        if choose(self.io, question.prompt, question.choices) == KEEP:
            raise StoppedForInterpreter(summary)
        self._ask(self.interview.question(stop.resume), editing=True)

    def _review(self) -> str:
        self._say_lines(review_lines(self.interview))
        choices = [
            Choice(value="submit", label="Submit"),
            Choice(value="edit", label="Change an answer"),
            Choice(value="discard", label="Discard this interview"),
        ]
        decision = choose(self.io, "Submit now?", choices)
        if decision == "edit":
            self._edit()
        return decision

    def _edit(self) -> None:
        asked = review_questions(self.interview)
        choices = [Choice(value=q.key, label=q.prompt) for q in asked]
        key = choose(self.io, "Which answer?", choices)
        self._ask(self.interview.question(key), editing=True)

    def submitted_json(self, reference: str, app: AppContext) -> dict[str, Any]:
        submission = build_submission(
            self.interview, organisation=self.session.actor.organisation, establishment_id=None
        )
        data = submission.model_dump(mode="json", exclude={"draft_id", "establishment_id"})
        data["reference"] = reference
        data["proposed_routes"] = [r.value for r in routes_so_far(self.interview)]
        data["risk_level"] = risk_level(self.interview).value
        data["interviewer"] = self.session.actor.name
        return data
