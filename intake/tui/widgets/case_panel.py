"""The live case panel: what is known, the risk, the assessment and its evidence, what is left."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from intake.core.vocabulary import RiskLevel
from intake.interview.panel import CasePanelData
from intake.tui.widgets.rich_text import classification_block, facts_grid, risk_badge


class CasePanel(VerticalScroll):
    """Shows a `CasePanelData`; the screen sets `data` whenever something changes."""

    def compose(self) -> ComposeResult:
        yield Static("", id="panel-facts", markup=False)
        yield Static("", id="panel-assessment", markup=False)
        yield Static("", id="panel-left", markup=False)
        yield Static("", id="panel-advice", markup=False)

    def on_mount(self) -> None:
        self.border_title = "Case"
        self.query_one("#panel-advice", Static).display = False

    def show_advice(self, lines: list[str]) -> None:
        """The optional model's reading, beside the rules' (advisory: it changes nothing)."""
        advice = self.query_one("#panel-advice", Static)
        text = Text("Model's reading (advisory)", style="bold")
        for line in lines:
            text.append(f"\n{line}")
        advice.update(text)
        advice.display = True

    def show(self, data: CasePanelData) -> None:
        self.query_one("#panel-facts", Static).update(self._facts(data))
        assessment = self.query_one("#panel-assessment", Static)
        assessment.border_title = "Assessment (live)" if data.live else "Assessment"
        assessment.set_class(data.live, "live")
        assessment.update(self._assessment(data))
        self.query_one("#panel-left", Static).update(self._left(data))
        if data.live:
            self.call_after_refresh(self.scroll_to_widget, assessment, top=True, animate=False)

    @staticmethod
    def _facts(data: CasePanelData) -> RenderableType:
        rows: list[tuple[str, RenderableType]] = list(data.facts)
        risk = Text()
        if data.risk is None:
            risk.append("not yet assessed", style="italic")
        else:
            risk.append_text(risk_badge(data.risk))
        if data.immediate_risk and data.risk != RiskLevel.IMMEDIATE:
            risk.append(" immediate", style="sanctions.immediate")
        elif data.possible_risk:
            risk.append(" possible: ask now", style="sanctions.possible")
        for reason in data.risk_reasons:
            risk.append(f"\n• {reason}")
        rows.append(("Risk", risk))
        parts: list[RenderableType] = [facts_grid(rows)]
        if not data.facts:
            parts.insert(0, Text("Nothing recorded yet.", style="italic"))
        if data.routes:
            parts.append(CasePanel._routes(data.routes))
        return Group(*parts)

    @staticmethod
    def _routes(labels: list[str]) -> Text:
        """Where it would go, main first: proposed, a person in the office confirms it."""
        text = Text("Goes to (proposed)", style="bold")
        for label in labels:
            text.append(f"\n• {label}")
        return text

    @staticmethod
    def _assessment(data: CasePanelData) -> RenderableType:
        if data.ending is not None:
            text = Text()
            text.append("Signposted: ", style="bold")
            text.append("; ".join(route.label for route in data.ending.routes))
            return text
        block = classification_block(data.classification, data.classified_text)
        if data.not_english is None:
            return block
        return Group(Text(data.not_english, style="bold reverse"), block)

    @staticmethod
    def _left(data: CasePanelData) -> Text:
        text = Text()
        text.append("Still to find out", style="bold")
        if data.stopped:
            text.append(f"\n{data.stopped}: no account and no consent until one is there.")
            return text
        if not data.gaps and not data.sections_left:
            text.append("\nNothing: review and submit.")
            return text
        for gap in data.gaps:
            text.append(f"\n• {gap}")
        if data.sections_left:
            count = data.questions_left
            text.append(f"\n{count} question{'s' if count != 1 else ''} left: ")
            text.append(", ".join(data.sections_left))
        return text
