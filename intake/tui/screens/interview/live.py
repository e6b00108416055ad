"""The interview screen's live side: the case panel and the risk banner kept up to date as an
answer is typed, the optional model's reading beside the rules', and the unfinished text
autosaved. The conversation itself (asking, answering) is :mod:`.screen`'s."""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from textual import work
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from intake.classifier import classify
from intake.core.errors import SanctionsError
from intake.interview.engine import Interview
from intake.interview.panel import CasePanelData
from intake.interview.script import Kind, Question
from intake.interview.session import InterviewSession
from intake.llm import Identifiers, LlmError
from intake.tui.widgets.answer_input import AnswerInput
from intake.tui.widgets.case_panel import CasePanel
from intake.tui.widgets.conversation import ConversationLog
from intake.tui.widgets.risk_banner import RiskBanner

PREVIEW_SECONDS = 0.25
ADVICE_SECONDS = 1.5  # the optional model reads the narrative after a pause in typing
AUTOSAVE_SECONDS = 0.5


class LiveCaseScreen(Screen[None]):
    """What is typed, as it is typed: previewed on the case panel, read by the optional
    model, and kept (autosave, or :meth:`flush_unsaved` before quitting or switching)."""

    def __init__(self, session: InterviewSession) -> None:
        super().__init__()
        self.session = session
        self._shown_risk = False
        self._shown_possible_risk = False
        self._draft: tuple[Question, str] | None = None
        self._preview_timer: Timer | None = None
        self._autosave_timer: Timer | None = None
        self._advice_timer: Timer | None = None
        self._llm_warned = False

    @property
    def interview(self) -> Interview:
        return self.session.interview

    # -- the case panel -------------------------------------------------------------------

    def _refresh_case(self, data: CasePanelData | None = None) -> None:
        draft = self._draft[1] if self._draft else None
        self._show_case(data or self.session.panel(draft))

    def _show_case(self, data: CasePanelData) -> None:
        self.query_one(CasePanel).show(data)
        self.query_one(RiskBanner).show_banner(data.banner)
        if data.immediate_risk and not self._shown_risk:
            self._shown_risk = True
            log = self.query_one(ConversationLog)
            log.add_say(self.interview.texts.immediate_action, title="Immediate risk", urgent=True)
            self.notify("Immediate risk: act now (see the banner).", severity="error")
        elif data.possible_risk and not self._shown_possible_risk:
            self._shown_possible_risk = True
            log = self.query_one(ConversationLog)
            log.add_say(self.interview.texts.possible_risk, title="Possible risk: ask now")
            self.notify("Possible risk in the account: ask the person now.", severity="warning")

    # -- prose as it is typed -------------------------------------------------------------

    def on_answer_input_text_changed(self, event: AnswerInput.TextChanged) -> None:
        event.stop()
        self._draft = (event.question, event.text)
        if event.question.kind == Kind.NARRATIVE:
            if self._preview_timer is not None:
                self._preview_timer.stop()
            self._preview_timer = self.set_timer(PREVIEW_SECONDS, self._start_preview)
            if self.app.assistant is not None:  # type: ignore[attr-defined]
                if self._advice_timer is not None:
                    self._advice_timer.stop()
                self._advice_timer = self.set_timer(ADVICE_SECONDS, self._start_advice)
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(AUTOSAVE_SECONDS, self._start_autosave)

    def _start_preview(self) -> None:
        self._preview_timer = None
        if self._draft is not None:
            self._preview(self._draft[1])

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, text: str) -> None:
        data = self.session.panel(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_case, data)

    def _start_advice(self) -> None:
        self._advice_timer = None
        if self._draft is not None:
            self._advise(self._draft[1])

    @work(exclusive=True, group="advice", exit_on_error=False)
    async def _advise(self, text: str) -> None:
        """The optional model's reading beside the rules'; typing never waits for it, and a
        model that is down, slow or wrong gives one notice and the rules carry on."""
        assistant = self.app.assistant  # type: ignore[attr-defined]
        if assistant is None or not text.strip():
            return
        try:
            rules = await asyncio.to_thread(classify, text)
            advice = await assistant.advise(text, rules, self._identifiers())
        except LlmError as exc:
            self._warn_once(exc.notice)
            return
        except SanctionsError:
            return
        self.query_one(CasePanel).show_advice(advice.lines())

    def _identifiers(self) -> Identifiers:
        return Identifiers.from_answers({k: p.value for k, p in self.interview.answers.items()})

    def _warn_once(self, notice: str) -> None:
        if not self._llm_warned:
            self._llm_warned = True
            self.notify(notice, severity="warning", timeout=8)

    # -- kept as it is typed (autosave) ---------------------------------------------------

    def _start_autosave(self) -> None:
        self._autosave_timer = None
        if self._draft is not None:
            question, text = self._draft
            self._autosave(question.key, text, self.session.next_pending_seq())

    @work(thread=True, group="autosave")
    def _autosave(self, key: str, text: str, seq: int) -> None:
        try:
            saved = self.session.save_pending(key, text, seq=seq)
        except (SanctionsError, SQLAlchemyError) as exc:
            self.app.call_from_thread(
                self.notify, f"Autosave failed ({exc}); the text is still here.", severity="error"
            )
            return
        if saved:
            self.app.call_from_thread(self._mark_saved)

    def _mark_saved(self, what: str = "typing") -> None:
        """Say when the text was last kept; an autosave that lands as the screen closes (the
        text is kept all the same) has no panel left to say it on."""
        stamp = datetime.now().strftime("%H:%M:%S")
        for panel in self.query(CasePanel):
            panel.border_subtitle = f"{what} saved {stamp}"

    def _stop_timers(self) -> None:
        for timer in (self._preview_timer, self._autosave_timer, self._advice_timer):
            if timer is not None:
                timer.stop()
        self._preview_timer = self._autosave_timer = self._advice_timer = None

    def flush_unsaved(self) -> bool:
        """Save unfinished text now (before quitting or switching); False if it failed."""
        self._stop_timers()
        if self._draft is None or not self._draft[1].strip():
            return True
        question, text = self._draft
        seq = self.session.next_pending_seq()
        try:
            self.session.save_pending(question.key, text, seq=seq)
        except (SanctionsError, SQLAlchemyError):
            return False
        return True
