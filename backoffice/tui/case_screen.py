"""One case: its header, the actions possible now, and tabs for every part of the record.

Keys: tab / shift+tab change tab, 1-9 take the numbered action, a shows the actions, o opens
the override dialog (supervisors), l writes a letter to the person, r reloads, esc goes back
to the queue. The actions are also
in the command palette (ctrl+p).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from backoffice.service import BackofficeService
from backoffice.tui import case_text
from backoffice.tui.letter_modal import SavedLetter
from backoffice.tui.shown import still_shows
from backoffice.view_models import ActionResult, AvailableAction, CaseView
from intake.core.errors import NotFoundError, PermissionDenied, SanctionsError

TEXT_TABS: dict[str, tuple[str, Callable[[CaseView], Text]]] = {
    "summary": ("Summary", case_text.summary_text),
    "narrative": ("Narrative", case_text.narrative_text),
    "transcript": ("Transcript", case_text.transcript_text),
    "classification": ("Classification", case_text.classifications_text),
    "tasks": ("Tasks", case_text.tasks_text),
    "audit": ("Audit", case_text.audit_text),
}
TAB_ORDER = ("actions", *TEXT_TABS)


def _action_option(number: int, action: AvailableAction) -> Option:
    where = f"step {action.step}" if action.step else "duty"
    prompt = Text()
    prompt.append(f"{number} " if number <= 9 else "  ", style="bold")
    prompt.append(f"{action.label} ({where})", style="" if action.allowed else case_text.MUTED)
    prompt.append(f"\n   {action.who}", style=case_text.MUTED)
    if not action.allowed:
        prompt.append(" · refused now", style="italic")
    return Option(prompt, id=action.name)


class CaseCommands(Provider):
    """The case's actions by name and its tabs in the command palette (its keys are there
    too, by their descriptions: ``intake.look.commands``)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, CaseScreen):
            return []
        found: list[tuple[str, str, Callable[[], object]]] = []
        for number, action in enumerate(screen.actions, start=1):
            where = f"step {action.step}" if action.step else "duty"
            mark = "" if action.allowed else " (refused now)"
            found.append((f"{action.label}{mark}", f"{where} · {action.who}",
                          partial(screen.action_take, number)))  # fmt: skip
        for key, (label, _) in TEXT_TABS.items():
            found.append(
                (f"Show {label.lower()}", "tab cycles the tabs", partial(screen.show_tab, key))
            )
        return found

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text or None)


class CaseScreen(Screen[None]):
    """Everything about one case the user may see, and what they can do next."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Back", tooltip="back to the queue"),
        Binding("tab", "tab(1)", "Next tab", priority=True),
        Binding("shift+tab", "tab(-1)", "Previous tab", show=False, priority=True),
        Binding("a", "show_actions", "Actions", tooltip="the actions possible now"),
        Binding(
            "o",
            "override",
            "Override",
            tooltip="change the classification, with a reason (supervisors)",
        ),
        Binding(
            "k",
            "link",
            "Link earlier case",
            show=False,  # the Summary says "press k" when one is offered
            tooltip="an earlier case about the same person: link it or set it aside",
        ),
        Binding(
            "m",
            "transfer",
            "Person moved",
            show=False,
            tooltip="the case and its monitoring follow them to another establishment",
        ),
        Binding("l", "letter", "Letter", tooltip="write a letter to the person"),
        Binding("r", "reload", "Reload", show=False),
        *[Binding(str(n), f"take({n})", f"Take action {n}", show=False) for n in range(1, 10)],
    ]
    COMMANDS = {CaseCommands}  # noqa: RUF012

    def __init__(self, service: BackofficeService, reference: str) -> None:
        super().__init__()
        self.service = service
        self.reference = reference
        self.view: CaseView | None = None
        self.actions: list[AvailableAction] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{self.reference}: loading…", id="head", markup=False)
        with TabbedContent(initial="summary", id="tabs"):
            with TabPane("Actions", id="actions"):
                yield OptionList(id="action-list")
            for key, (label, _) in TEXT_TABS.items():
                with TabPane(label, id=key), VerticalScroll(id=f"{key}-scroll"):
                    yield Static("", id=f"{key}-text", markup=False)
        yield Footer()

    def on_screen_resume(self) -> None:
        self.load()

    @work(exclusive=True, group="case")
    async def load(self) -> None:
        try:
            view, actions = await asyncio.to_thread(self._fetch)
        except NotFoundError as exc:
            self.notify(str(exc), title="Case", severity="error")
            self.dismiss()
            return
        except SanctionsError as exc:
            self.notify(str(exc), title="Case", severity="error")
            return
        self.show(view, actions)

    def _fetch(self) -> tuple[CaseView, list[AvailableAction]]:
        return self.service.case(self.reference), self.service.actions(self.reference)

    def show(self, view: CaseView, actions: list[AvailableAction]) -> None:
        if not still_shows(self, "#head"):
            return
        self.view, self.actions = view, actions
        self.query_one("#head", Static).update(case_text.header_text(view))
        for key, (_, render) in TEXT_TABS.items():
            self.query_one(f"#{key}-text", Static).update(render(view))
        options = self.query_one("#action-list", OptionList)
        options.clear_options()
        options.add_options([_action_option(n, a) for n, a in enumerate(actions, start=1)])
        if not actions:
            options.add_option(Option(Text().append("No action is possible now.", case_text.MUTED)))
        self._focus_tab()

    # -- tabs -----------------------------------------------------------------------------

    def show_tab(self, key: str) -> None:
        self.query_one(TabbedContent).active = key
        self._focus_tab()

    def action_tab(self, step: int) -> None:
        active = self.query_one(TabbedContent).active or "summary"
        index = (TAB_ORDER.index(active) + step) % len(TAB_ORDER)
        self.show_tab(TAB_ORDER[index])

    def action_show_actions(self) -> None:
        self.show_tab("actions")

    @on(TabbedContent.TabActivated)
    def _activated(self) -> None:
        self._focus_tab()

    def _focus_tab(self) -> None:
        active = self.query_one(TabbedContent).active or "summary"
        target = "#action-list" if active == "actions" else f"#{active}-scroll"
        self.query_one(target).focus()

    # -- actions --------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#action-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_take(event.option_index + 1)

    def action_take(self, number: int) -> None:
        if self.view is None:
            return
        if not 1 <= number <= len(self.actions):
            self.notify(f"There is no action {number} now.", timeout=3)
            return
        action = self.actions[number - 1]
        if not action.allowed:
            self.notify(action.why_not or "not yours to take", title="Refused",
                        severity="warning", timeout=8)  # fmt: skip
            return
        from backoffice.tui.action_modal import ActionModal

        self.app.push_screen(ActionModal(self.service, self.view, action), self._acted)

    def _acted(self, result: ActionResult | None) -> None:
        if result is not None:
            self.notify(result.message, title="Done", timeout=8)
            self.show(result.case, self.actions)
            self.load()

    def action_override(self) -> None:
        if self.view is None:
            return
        try:
            self.service.check_may_override()
        except PermissionDenied as exc:
            self.notify(str(exc), title="Not allowed", severity="error", timeout=8)
            return
        from backoffice.tui.override_modal import OverrideModal

        self.app.push_screen(OverrideModal(self.service, self.view), self._overridden)

    def _overridden(self, view: CaseView | None) -> None:
        if view is not None:
            self.notify(f"{view.summary.reference} overridden; everyone sees the reason.",
                        title="Overridden", timeout=8)  # fmt: skip
            self.show(view, self.actions)
            self.load()

    def action_link(self) -> None:
        if self.view is None:
            return
        if not self.view.earlier_cases:
            self.notify("No earlier case is offered as the same person.", title="Nothing to link")
            return
        from backoffice.tui.link_modal import LinkModal

        earlier = self.view.earlier_cases[0]
        self.app.push_screen(LinkModal(self.service, self.view, earlier), self._linked)

    def _linked(self, view: CaseView | None) -> None:
        if view is not None:
            self.notify(f"{view.summary.reference}: decision on the earlier case recorded.",
                        title="Recorded", timeout=8)  # fmt: skip
            self.show(view, self.actions)
            self.load()

    def action_transfer(self) -> None:
        if self.view is None:
            return
        from backoffice.tui.transfer_modal import TransferModal

        self.app.push_screen(TransferModal(self.service, self.view), self._transferred)

    def _transferred(self, view: CaseView | None) -> None:
        if view is None:
            return
        self.notify(f"{view.summary.reference} moved to {view.summary.establishment}.",
                    title="Transfer recorded", timeout=8)  # fmt: skip
        self._show_moved(view)

    @work(exclusive=True, group="case")
    async def _show_moved(self, view: CaseView) -> None:
        """The moved case with the actions now possible, read off the UI thread."""
        try:
            actions = await asyncio.to_thread(self.service.actions, view.summary.reference)
        except SanctionsError:  # the case moved out of this user's sight (another Board)
            self.dismiss()
            return
        self.show(view, actions)

    def action_letter(self) -> None:
        if self.view is None:
            return
        self._open_letters(self.view)

    @work(exclusive=True, group="letter")
    async def _open_letters(self, view: CaseView) -> None:
        """The letters possible now, read off the UI thread, then the letter dialog."""
        try:
            choices = await asyncio.to_thread(self.service.letter_choices, self.reference)
        except SanctionsError as exc:
            self.notify(str(exc), title="Not allowed", severity="error", timeout=8)
            return
        if not any(c.allowed for c in choices):
            why = "; ".join(f"{c.kind}: {c.why_not}" for c in choices)
            self.notify(f"No letter is possible now. {why}", title="No letter", timeout=12)
            return
        from backoffice.tui.letter_modal import LetterModal

        self.app.push_screen(LetterModal(self.service, view, choices), self._lettered)

    def _lettered(self, saved: SavedLetter | None) -> None:
        if saved is None:
            return
        if saved.not_written:
            self.notify(f"{saved.letter.title}: saved on the case, but not written: "
                        f"{saved.not_written}", title="Letter saved, not written",
                        severity="warning", timeout=12)  # fmt: skip
        else:
            where = f"; written to {saved.written}" if saved.written else ""
            self.notify(f"{saved.letter.title}: saved on the case{where}.",
                        title="Letter saved", timeout=10)  # fmt: skip
        self.load()

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.dismiss()
