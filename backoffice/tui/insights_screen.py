"""Insights: the figures of ``backoffice insights`` on tabs that fit 80x24.

The monthly trend and the categories are terminal plots (textual-plotext, Textualize's widget
over plotext, in the app's colours); every figure is also a table row, and the Steps tab says
the highlighted row in full below its table. What is counted, and for whom, is the service's
(:mod:`backoffice.insights`): an IMB Board member's figures count their Board's cases only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
)
from textual_plotext import PlotextPlot

from backoffice.insights import (
    Count,
    Insights,
    StepTime,
    bar,
    change_words,
    days_words,
    period_words,
    share_words,
)
from backoffice.service import BackofficeService
from backoffice.text import parse_date, plain
from backoffice.tui.shown import still_shows
from intake.core.errors import SanctionsError

LABEL_WIDTH = 30
BAR_WIDTH = 20
STEP_LABEL_WIDTH = 24
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: (title, the Insights field) of the tables of counts, by tab.
TABLES = {
    "places": (
        ("By establishment", "by_establishment"),
        ("Repeat establishments", "repeat_establishments"),
    ),
    "contact": (("By body contacted", "by_body"), ("By how it was contacted", "by_channel")),
    "risk": (("By risk level", "by_risk"), ("By outcome", "by_outcome")),
}


def _cut(text: str, width: int) -> str:
    text = plain(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def month_label(month: str, first: bool) -> str:
    """'Jan' for 2026-01 ('Jan 26' for the first month and every January)."""
    year, number = month.split("-")
    name = MONTHS[int(number) - 1]
    return f"{name} {year[2:]}" if first or number == "01" else name


def integer_ticks(most: int, count: int = 5) -> tuple[list[float], list[str]]:
    """Whole-number ticks from 0 to at least ``most``, and their labels (counts are never
    fractions)."""
    step = max(1, -(-most // count))
    values = range(0, max(most, 1) + step, step)
    return [float(v) for v in values], [str(v) for v in values]


def summary_words(found: Insights) -> str:
    demo = " · DEMO data" if found.includes_demo else ""
    line = f"{plain(found.scope)} · {period_words(found)} · {found.total} cases"
    if found.previous_total is not None:
        line += f" ({change_words(found.total, found.previous_total)} on the period before)"
    return line + demo


def consent_words(found: Insights) -> str:
    c = found.consent
    lines = ["Consent, in the cases confirmed as qualifying (step 2):", ""]
    if not c.confirmed:
        return "\n".join([*lines, "none confirmed in this period"])
    lines += [
        f"{c.confirmed} confirmed",
        f"{c.declined} the person declined: {share_words(c.declined_share)} of those confirmed",
        f"{c.consents} the person consents",
        f"{c.not_from_person} not (yet) the person's own word",
    ]
    return "\n".join(lines)


def step_words(s: StepTime) -> str:
    """One step's figures in full (the line below the Steps table)."""
    return (
        f"{plain(s.label)}: {s.done} of {s.opened} done, median {days_words(s.median_days)} "
        f"against {days_words(s.median_allowed_days)} allowed; {s.late} late, {s.open} open "
        f"({s.overdue} overdue), {s.stopped} stopped"
    )


class PeriodModal(ModalScreen[tuple[date | None, date | None] | None]):
    """Choose the period of receipt: both empty is the last 12 months."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply", priority=True),
    ]

    def __init__(self, date_from: date | None, date_to: date | None) -> None:
        super().__init__()
        self.date_from, self.date_to = date_from, date_to

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Cases received", classes="dialog-title")
            with Grid(classes="fields"):
                yield Label("From")
                yield Input(_iso(self.date_from), placeholder="YYYY-MM-DD", id="from",
                            compact=True)  # fmt: skip
                yield Label("To")
                yield Input(_iso(self.date_to), placeholder="YYYY-MM-DD (today)", id="to",
                            compact=True)  # fmt: skip
            yield Static("both empty: the last 12 months · ctrl+s apply · esc", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Apply", id="apply", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#from", Input).focus()

    @on(Input.Submitted, "#from")
    def _next(self) -> None:
        self.query_one("#to", Input).focus()

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted, "#to")
    def action_apply(self) -> None:
        try:
            chosen = tuple(
                parse_date(self.query_one(f"#{box}", Input).value.strip() or None, what=box)
                for box in ("from", "to")
            )
        except SanctionsError as exc:
            self.notify(str(exc), title="Period", severity="error")
            return
        self.dismiss((chosen[0], chosen[1]))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class InsightsScreen(Screen[None]):
    """Counts and trends over the cases this user may see."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "period", "Period"),
        Binding("r", "reload", "Reload"),
    ]

    def __init__(self, service: BackofficeService) -> None:
        super().__init__()
        self.service = service
        self.date_from: date | None = None
        self.date_to: date | None = None
        self.insights: Insights | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("counting…", id="insights-summary", markup=False)
        with TabbedContent(id="insights-tabs"):
            with TabPane("Trend", id="trend"):
                yield PlotextPlot(id="trend-plot")
            with TabPane("Categories", id="categories"), VerticalScroll():
                yield PlotextPlot(id="category-plot")
                yield self._table("by_category")
            for tab, label in (("places", "Places"), ("contact", "Contact"),
                               ("risk", "Risk/outcome")):  # fmt: skip
                with TabPane(label, id=tab), VerticalScroll():
                    for title, field in TABLES[tab]:
                        yield Static(title, classes="insights-heading", id=f"heading-{field}")
                        yield self._table(field)
            with TabPane("Steps", id="steps"):
                yield self._step_table()
                yield Static("", id="step-detail", markup=False)
            with TabPane("Consent", id="consent"), VerticalScroll():
                yield Static("", id="consent-figures", markup=False)
        yield Footer()

    @staticmethod
    def _table(field: str) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(id=field.replace("_", "-"), cursor_type="row",
                                           classes="insights-table")  # fmt: skip
        table.add_column("", key="label", width=LABEL_WIDTH)
        table.add_column("Cases", key="count", width=5)
        table.add_column("", key="bar", width=BAR_WIDTH)
        table.add_column("Before", key="previous", width=6)
        table.add_column("Change", key="change", width=6)
        return table

    @staticmethod
    def _step_table() -> DataTable[Text]:
        table: DataTable[Text] = DataTable(id="step-times", cursor_type="row")
        for label, key, width in (
            ("Step or duty", "label", STEP_LABEL_WIDTH),
            ("Done", "done", 4),
            ("Median", "median", 6),
            ("Allowed", "allowed", 7),
            ("Late", "late", 4),
            ("Open", "open", 4),
            ("Overdue", "overdue", 7),
            ("Stopped", "stopped", 7),
        ):
            table.add_column(label, key=key, width=width)
        return table

    def on_mount(self) -> None:
        self.load()

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        self._fetch(self.date_from, self.date_to)

    @work(exclusive=True, group="insights")
    async def _fetch(self, date_from: date | None, date_to: date | None) -> None:
        try:
            found = await asyncio.to_thread(self.service.insights, date_from, date_to)
        except SanctionsError as exc:
            self.notify(str(exc), title="Insights", severity="error")
            return
        if not still_shows(self, "#insights-summary"):
            return
        self.insights = found
        self._show(found)

    def _show(self, found: Insights) -> None:
        self.query_one("#insights-summary", Static).update(summary_words(found))
        self._plot_months(found)
        self._plot_categories(found.by_category)
        self._fill("by_category", found.by_category, found.previous_total is not None)
        for tables in TABLES.values():
            for _title, field in tables:
                counts: list[Count] = getattr(found, field)
                self._fill(field, counts, found.previous_total is not None)
        repeat = f"Repeat establishments ({found.repeat_threshold} or more allegations)"
        self.query_one("#heading-repeat_establishments", Static).update(repeat)
        self._fill_steps(found.steps)
        self.query_one("#consent-figures", Static).update(consent_words(found))

    def _plot_months(self, found: Insights) -> None:
        plt = self.query_one("#trend-plot", PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        months = found.by_month
        plt.title("Cases received each month")
        if not months:
            return
        labels = [month_label(m.month, i == 0) for i, m in enumerate(months)]
        counts = [m.count for m in months]
        plt.bar(labels, counts, width=0.6)
        plt.yticks(*integer_ticks(max(counts)))
        self.query_one("#trend-plot", PlotextPlot).refresh()

    def _plot_categories(self, counts: Sequence[Count]) -> None:
        widget = self.query_one("#category-plot", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        # One row a bar, plus the frame and the axis: plotext draws each bar on its own row
        # only at exactly this height.
        widget.styles.height = max(1, len(counts)) + 3
        if not counts:
            return
        shown = list(reversed(counts))  # plotext draws the first bar at the bottom
        plt.bar([_cut(c.label, 22) for c in shown], [c.count for c in shown],
                orientation="horizontal", width=0.5)  # fmt: skip
        plt.xticks(*integer_ticks(max(c.count for c in counts)))
        widget.refresh()

    def _fill(self, field: str, counts: Sequence[Count], compared: bool) -> None:
        table = self.query_one(f"#{field.replace('_', '-')}", DataTable)
        table.clear()
        most = max((c.count for c in counts), default=0)
        for c in counts:
            table.add_row(
                Text(_cut(c.label, LABEL_WIDTH)),
                Text(str(c.count), justify="right"),
                Text(bar(c.count, most, BAR_WIDTH)),
                Text(str(c.previous or 0) if compared else "", justify="right"),
                Text(change_words(c.count, c.previous), justify="right"),
            )
        if not counts:
            table.add_row(Text("none"), Text(""), Text(""), Text(""), Text(""))

    def _fill_steps(self, steps: Sequence[StepTime]) -> None:
        table = self.query_one("#step-times", DataTable)
        table.clear()
        for s in steps:
            table.add_row(
                Text(_cut(s.label, STEP_LABEL_WIDTH)),
                Text(str(s.done), justify="right"),
                Text(days_words(s.median_days), justify="right"),
                Text(days_words(s.median_allowed_days), justify="right"),
                *(Text(str(n), justify="right") for n in (s.late, s.open, s.overdue, s.stopped)),
            )
        detail = step_words(steps[0]) if steps else "no tasks on the cases of this period"
        self.query_one("#step-detail", Static).update(detail)

    @on(DataTable.RowHighlighted, "#step-times")
    def _step_detail(self, event: DataTable.RowHighlighted) -> None:
        steps = self.insights.steps if self.insights else []
        if 0 <= event.cursor_row < len(steps):
            self.query_one("#step-detail", Static).update(step_words(steps[event.cursor_row]))

    # -- actions --------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.load()

    def action_period(self) -> None:
        def chosen(period: tuple[date | None, date | None] | None) -> None:
            if period is not None:
                self.date_from, self.date_to = period
                self.load()

        self.app.push_screen(PeriodModal(self.date_from, self.date_to), chosen)
