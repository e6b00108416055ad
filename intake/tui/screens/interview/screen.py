"""The interview: the conversation on the left, the live case panel on the right."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header

from intake.core.errors import SanctionsError, ValidationProblem
from intake.core.vocabulary import Route
from intake.interview.answers import match_choice
from intake.interview.panel import closing_words, review_questions
from intake.interview.script import Kind, Question, Stop
from intake.interview.session import InterviewSession, imported_words
from intake.interview.spoken import asked, said_signpost, said_text
from intake.interview.stops import KEEP
from intake.llm import LlmError
from intake.tui.screens.edit import prefill
from intake.tui.screens.interview.live import LiveCaseScreen
from intake.tui.widgets.answer_input import AnswerInput
from intake.tui.widgets.case_panel import CasePanel
from intake.tui.widgets.conversation import ConversationLog
from intake.tui.widgets.rich_text import classification_block, reflow
from intake.tui.widgets.risk_banner import RiskBanner

SAY_TITLES = {
    "reassurance": "Say this to them",
    "narrative_intro": "Taking the account",
    "consent": "Explain to them",
    "without_consent": "Telling a senior manager without consent",
    "raise_later": "Tell them",
    "not_named": "Tell them",
    "interpreter_stop": "Stop: an interpreter is needed",
    "in_writing": "It came in writing",
}
SUGGESTED_SECTIONS = {"follow_up"}  # where the optional model may offer a question's wording


class InterviewScreen(LiveCaseScreen):
    """Asks the engine's next question until none is left, then opens the review."""

    BINDINGS = [  # noqa: RUF012
        # Each key is in the command palette too, by its description (intake.look.commands).
        Binding("f2", "toggle_panel", "Panel", tooltip="show or hide the case panel"),
        Binding("f4", "app.drafts", "Drafts", tooltip="unfinished interviews"),
        # Priority: in the narrative's box F6 would select a line instead (TextArea's key).
        Binding(
            "f6",
            "review",
            "Answers",
            tooltip="review and change the answers, submit",
            priority=True,
        ),
        # Priority: the answer controls have their own PgUp/PgDn, which would leave no key
        # to read back through the conversation while an answer box has the focus.
        Binding("pageup", "scroll_log(-1)", "Scroll back", key_display="PgUp/Dn", priority=True),
        Binding("pagedown", "scroll_log(1)", "Scroll on", show=False, priority=True),
    ]

    def __init__(self, session: InterviewSession) -> None:
        super().__init__(session)
        self._section: str | None = None
        self._shown_ending = False
        self._shown_stop = False
        #: The answer given again to lift a stop (an interpreter is here now).
        self._resuming: str | None = None
        self._shown_closing = False
        self._shown_routes: set[Route] = set()
        self._asking: Question | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield RiskBanner(id="risk")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield ConversationLog(id="log")
                yield Vertical(id="answer-slot")
            yield CasePanel(id="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.session.actor.name} · {self.session.actor.organisation.value}"
        if self.session.resumed:
            self._replay()
        if self.session.imported is not None:
            log = self.query_one(ConversationLog)
            log.add_note(imported_words(self.session.imported))

    def on_screen_resume(self) -> None:
        """Shown (first, or back from the review): ask whatever the engine needs next."""
        self._refresh_case()
        current = self.interview.current()
        if self._asking is None or current is None or current.key != self._asking.key:
            self._ask_next()

    # -- asking ---------------------------------------------------------------------------

    def _replay(self) -> None:
        log = self.query_one(ConversationLog)
        log.add_note(f"Resumed an unfinished interview: {len(self.interview.answers)} answers.")
        for question in review_questions(self.interview):
            self._heading(question)
            log.add_exchange(question.prompt, self.interview.answers[question.key].display)
        self._shown_ending = self.interview.ending() is not None
        self._shown_stop = self.interview.stopped() is not None
        self._shown_routes = set(self.interview.extra_routes())
        self._shown_closing = closing_words(self.interview) is not None
        summary = self.session.stop_summary()
        if summary is not None:
            log.add_note(f"{summary}.")

    def _heading(self, question: Question) -> None:
        if question.section != self._section:
            self._section = question.section
            title = self.interview.script.section_title(question.section)
            self.query_one(ConversationLog).add_section(title)

    def _ask_next(self, *, new_turn: bool = True) -> None:
        question = self.interview.current()
        stop = self.interview.stopped()
        if question is None and stop is not None:
            question = self.interview.stop_question(stop)  # what now: go on, or keep it
        self._asking = question
        if question is None:
            self.query_one("#answer-slot").remove_children()
            self.app.call_later(self.action_review)
            return
        if new_turn:
            self.query_one(ConversationLog).begin_turn()
        self._heading(question)
        if question.say:
            self._say(question.say)
        ask = asked(self.interview, question)
        if ask is not None:
            self.query_one(ConversationLog).add_said(ask, title="Ask them", short=True)
        self._mount_answer(question)
        if question.section in SUGGESTED_SECTIONS and self.app.assistant is not None:  # type: ignore[attr-defined]
            self._suggest_wording(question)

    def _say(self, name: str) -> None:
        log = self.query_one(ConversationLog)
        texts = self.interview.texts
        if name == "assessment":
            result = self.interview.classification
            block = classification_block(result, self.interview.account_text())
            guide = Text(reflow(texts.assessment), style="italic")
            log.add_renderable(Group(guide, block), "assessment", title="Assessment")
            return
        title = SAY_TITLES.get(name, "Note")
        said = said_text(self.interview, name)
        if said is not None:
            log.add_said(said, title=title, reassurance=name == "reassurance")
            return
        text = self.interview.say_text(name)
        log.add_say(text, title=title, reassurance=name == "reassurance")

    def _mount_answer(self, question: Question) -> None:
        pending = self.session.pending
        text = pending.text if pending and pending.key == question.key else ""
        slot = self.query_one("#answer-slot")
        slot.remove_children()
        note = "Recovered the unfinished text from the last session: carry on." if text else ""
        chosen: list[str] = []
        if question.found is not None and not text:  # found already: Enter confirms it
            text, chosen = prefill(question, question.found.value, question.found.display)
            note = f"{question.found.source}. Enter confirms it, or change it."
        answer = AnswerInput(question, text=text, chosen=chosen, note=note)
        slot.mount(answer)
        self.call_after_refresh(answer.focus_control)
        if text and question.found is None:
            self._draft = (question, text)
            if question.kind == Kind.NARRATIVE:
                self._preview(text)

    @work(exclusive=True, group="wording", exit_on_error=False)
    async def _suggest_wording(self, question: Question) -> None:
        """The optional model's wording of a follow-up, as a note staff may use or ignore."""
        known = {key: parsed.display for key, parsed in self.interview.answers.items()}
        try:
            wording = await self.app.assistant.suggest_question(  # type: ignore[attr-defined]
                key=question.key, prompt=question.prompt, help_text=question.help,
                known=known, narrative=self.interview.account_text(),
                identifiers=self._identifiers(),
            )  # fmt: skip
        except LlmError as exc:
            self._warn_once(exc.notice)
            return
        if self._asking is question:
            self.query_one(ConversationLog).add_note(f"Suggested wording (model): {wording}")

    # -- answering ------------------------------------------------------------------------

    def on_answer_input_answered(self, event: AnswerInput.Answered) -> None:
        event.stop()
        answer_input = self.query_one(AnswerInput)
        stop = self.interview.stopped()
        if stop is not None and event.question.key == stop.choice_key:
            self._after_stop_choice(stop, event.question, event.text)
            return
        editing, self._resuming = event.question.key == self._resuming, None
        try:
            parsed = self.session.answer(event.question, event.text, editing=editing)
        except ValidationProblem as problem:
            answer_input.show_problem(str(problem))
            return
        except (SanctionsError, SQLAlchemyError) as exc:
            self.notify(f"Could not save the answer: {exc}", severity="error", timeout=10)
            answer_input.show_problem("The answer could not be saved; try again.")
            return
        self._stop_timers()
        self._draft = None
        self._mark_saved("answer")
        answer_input.remove()
        self.query_one(ConversationLog).add_exchange(event.question.prompt, parsed.display)
        if event.question.kind == Kind.NARRATIVE:
            self._advise(self.interview.account_text())
        self._after_answer()
        self._ask_next(new_turn=False)

    def _after_stop_choice(self, stop: Stop, question: Question, text: str) -> None:
        """Go on (ask again the answer that stopped it) or stop and keep the draft."""
        self.query_one(AnswerInput).remove()
        if match_choice(question, text) == KEEP:
            self.app.call_later(self.app.show_stopped, self.session)  # type: ignore[attr-defined]
            return
        again = self.interview.question(stop.resume)
        self._resuming = again.key
        self._asking = again
        log = self.query_one(ConversationLog)
        log.begin_turn()
        log.add_note("Going on: answer this again now that the interpreter is here.")
        self._mount_answer(again)

    def _after_answer(self) -> None:
        """What the answer calls for (a signpost, words to say, the risk), shown first in
        the turn that asks the next question, so it is in view when it appears."""
        log = self.query_one(ConversationLog)
        log.begin_turn()
        ending = self.interview.ending()
        if ending is not None and not self._shown_ending:
            self._signpost(ending.routes, ending.signpost)
        self._shown_ending = ending is not None
        stop = self.interview.stopped()
        if stop is not None and not self._shown_stop:
            self._say(stop.say)
            self.notify("Stop: an interpreter is needed (see what to do).", severity="warning")
        self._shown_stop = stop is not None
        for route in self.interview.extra_routes():
            if route not in self._shown_routes:
                self._shown_routes.add(route)
                label = route.label[0].upper() + route.label[1:]
                text = f"{label}.\n\n{self.interview.signpost(route)}"
                self._signpost((route,), text, title=f"Another route as well: {route.label}")
        closing = closing_words(self.interview)
        if closing is not None and not self._shown_closing:
            self._say(closing)
        self._shown_closing = closing is not None
        self._refresh_case()

    def _signpost(
        self, routes: tuple[Route, ...], english: str, *, title: str = "Where this goes instead"
    ) -> None:
        """A signpost in English, or in the interview's language with its English."""
        log = self.query_one(ConversationLog)
        saids = [s for s in (said_signpost(self.interview, r) for r in routes) if s is not None]
        if not saids:
            log.add_signpost(english, title=title)
        for said in saids:
            log.add_said(said, title=title)

    # -- actions --------------------------------------------------------------------------

    def action_toggle_panel(self) -> None:
        panel = self.query_one(CasePanel)
        panel.display = not panel.display

    def action_scroll_log(self, direction: int) -> None:
        log = self.query_one(ConversationLog)
        if direction < 0:
            log.scroll_page_up()
        else:
            log.scroll_page_down()

    def action_review(self) -> None:
        from intake.tui.screens.review import ReviewScreen

        if self.app.screen is not self:
            return
        self.app.push_screen(ReviewScreen(self.session))
