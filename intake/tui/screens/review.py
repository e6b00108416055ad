"""The review: every answer on one screen, each editable, the assessment, then submit."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from intake.core.errors import SanctionsError
from intake.interview.engine import Interview
from intake.interview.outcome import risk_triage, routes_so_far
from intake.interview.panel import closing_words, review_questions, risk_banner
from intake.interview.session import InterviewSession
from intake.tui.widgets.case_panel import CasePanel
from intake.tui.widgets.rich_text import (
    classification_block,
    highlight_evidence,
    reflow,
    risk_badge,
)
from intake.tui.widgets.risk_banner import RiskBanner

INFO = "info:"


def _heading(title: str) -> Option:
    return Option(Text(f"── {title} ──", style="bold"), id=f"{INFO}{title}")


def _is_info(option: Option) -> bool:
    return option.id is None or option.id.startswith(INFO)


def _answer_option(interview: Interview, key: str) -> Option:
    question = interview.question(key)
    display = interview.answers[key].display
    prompt = Text(question.prompt.split("(")[0].strip(), style="bold")
    if key == "narrative" and interview.classification is not None:
        inside = [e for e in interview.classification.evidence if e.end <= len(display)]
        answer = highlight_evidence(display, inside)
    else:
        answer = Text(display)
    return Option(Group(prompt, Padding(answer, (0, 0, 0, 2))), id=key)


def routes_text(interview: Interview) -> Text:
    """Each route proposed, in words, with what to tell them for it."""
    text = Text()
    for route in routes_so_far(interview):
        if text:
            text.append("\n")
        text.append(route.label[0].upper() + route.label[1:], style="bold")
        signpost = interview.signpost(route)
        if signpost:
            text.append("\n" + reflow(signpost))
    return text


def review_options(interview: Interview) -> list[Option]:
    """The review as list entries: answers (ids are question keys) and information."""
    options: list[Option] = []
    where = [
        _heading("Where this goes (a person in the office confirms it)"),
        Option(routes_text(interview), id=f"{INFO}signpost"),
    ]
    ending = interview.ending()
    if ending is not None:
        options += where
    section = None
    for question in review_questions(interview):
        if question.section != section:
            section = question.section
            options.append(_heading(interview.script.section_title(section)))
        options.append(_answer_option(interview, question.key))
    if ending is None:
        options.append(_heading("Assessment (from the words of the account)"))
        block = classification_block(interview.classification, interview.account_text())
        options.append(Option(block, id=f"{INFO}assessment"))
        options += where
    triaged = risk_triage(interview)
    risk = Text("Risk level  ", style="bold")
    risk.append_text(risk_badge(triaged.level))
    for reason in triaged.reasons:
        risk.append(f"\n• {reason}")
    banner = risk_banner(interview, immediate=interview.immediate_risk)
    if banner:
        risk.append("\n" + banner, style="bold")
    options.append(Option(risk, id=f"{INFO}risk"))
    closing = closing_words(interview)
    if closing is not None:
        words = reflow(interview.say_text(closing))
        options.append(Option(Text(words), id=f"{INFO}later"))
    left = interview.remaining()
    if left:
        options.append(_heading(f"Still to answer ({len(left)})"))
        for question in left:
            options.append(Option(Text(question.prompt), id=f"{INFO}left:{question.key}"))
    return options


class ReviewScreen(Screen[None]):
    """Change any answer (Enter or e), then submit (Ctrl+S)."""

    BINDINGS = [  # noqa: RUF012
        Binding("e", "edit", "Change", tooltip="change the chosen answer"),
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("escape", "back", "Back", tooltip="back to the interview"),
        Binding("f2", "toggle_panel", "Panel", tooltip="show or hide the case panel"),
        Binding("f4", "app.drafts", "Drafts", tooltip="unfinished interviews"),
    ]

    def __init__(self, session: InterviewSession) -> None:
        super().__init__()
        self.session = session
        self._submitting = False
        self._complete_before = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield RiskBanner(id="risk")
        with Horizontal(id="body"):
            yield OptionList(id="review")
            yield CasePanel(id="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review", OptionList).border_title = "Review"

    def on_screen_resume(self) -> None:
        """Shown, or back from an edit: redraw; new questions send staff back to answer them."""
        interview = self.session.interview
        if interview.current() is not None and self._complete_before:
            self.notify("That change needs more answers: back to the questions.")
            self.dismiss()
            return
        self._complete_before = interview.current() is None
        self._fill()

    def _fill(self) -> None:
        interview = self.session.interview
        listing = self.query_one("#review", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        options = review_options(interview)
        listing.add_options(options)
        if keep is None:
            keep = next((i for i, o in enumerate(options) if not _is_info(o)), 0)
        listing.highlighted = min(keep, listing.option_count - 1)
        data = self.session.panel()
        self.query_one(CasePanel).show(data)
        self.query_one(RiskBanner).show_banner(data.banner)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._edit(event.option.id)

    def action_edit(self) -> None:
        listing = self.query_one("#review", OptionList)
        if listing.highlighted is not None:
            self._edit(listing.get_option_at_index(listing.highlighted).id)

    def _edit(self, key: str | None) -> None:
        from intake.tui.screens.edit import EditAnswerModal

        if not key or key.startswith(INFO):
            self.notify("Choose an answer to change (the highlighted lines under each heading).")
            return
        question = self.session.interview.question(key)
        self.app.push_screen(EditAnswerModal(self.session, question))

    def action_back(self) -> None:
        if self.session.interview.current() is None:
            self.notify("Everything is answered: change an answer, or Ctrl+S to submit.")
            return
        self.dismiss()

    def action_toggle_panel(self) -> None:
        panel = self.query_one(CasePanel)
        panel.display = not panel.display

    def action_submit(self) -> None:
        left = self.session.interview.remaining()
        if left:
            self.notify(f"{len(left)} question(s) still to answer first.", severity="warning")
            return
        if self._submitting:
            return
        self._submitting = True
        self.notify("Submitting…")
        self._submit()

    @work(thread=True, exclusive=True, group="submit")
    def _submit(self) -> None:
        try:
            reference = self.session.submit()
        except (SanctionsError, SQLAlchemyError, ValueError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.app.show_done, self.session, reference)  # type: ignore[attr-defined]

    def _failed(self, message: str) -> None:
        self._submitting = False
        self.notify(f"Not submitted: {message}", severity="error", timeout=15)
