"""The queue: cases by risk then age, one page at a time from the database, filtered and searched.

The screen never holds more than one page; every page, filter and search is one call of the
queue service, which also decides what this user may see.
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from backoffice.live import ChangeMark
from backoffice.service import BackofficeService, QueueQuery
from backoffice.tui.case_text import ASK_NOW_STYLE, LATE, OVERRIDDEN, RISK_STYLES
from backoffice.view_models import QueuePage, QueueRow
from backoffice.wording import ASK_NOW, risk_level_words, status_words
from intake.core.errors import SanctionsError

SEARCH_DELAY = 0.3
# (label, key, width): 80 columns less the table's cell padding and scroll bar.
# Risk is wide enough for "standard ask now" (a possible immediate risk, in words).
COLUMNS = (
    ("Reference", "reference", 14),
    ("Risk", "risk", 16),
    ("Age", "age", 4),
    ("Establishment", "establishment", 13),
    ("Status", "status", 10),
    ("Late", "late", 4),
    ("Ovr", "overridden", 3),
)


LIVE_SECONDS = 2.0


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def risk_cell(row: QueueRow) -> Text:
    """The risk level, and "ask now" beside it for a possible immediate risk (words, not only
    colour)."""
    cell = Text().append(risk_level_words(row.risk_level), RISK_STYLES.get(row.risk_level, ""))
    if row.ask_now:
        cell.append(" ")
        cell.append(ASK_NOW, style=ASK_NOW_STYLE)
    return cell


def row_cells(row: QueueRow) -> list[Text]:
    """One queue row as the table shows it."""
    # "R": one of the overdue items is a formal report's recommendation.
    mark = "R" if row.overdue_recommendations else ""
    late = Text().append(f"!{row.overdue_tasks}{mark}" if row.overdue else "", LATE)
    return [
        Text(row.reference),
        risk_cell(row),
        Text(f"{row.age_days}d", justify="right"),
        Text(_cut(row.establishment or "-", 13)),
        Text(_cut(status_words(row.status), 10)),
        late,
        Text().append("OVR" if row.overridden else "", OVERRIDDEN),
    ]


def page_summary(page: QueuePage, query: QueueQuery) -> str:
    """The line above the table: what is shown, of how many, and the filters in force."""
    if not page.rows:
        which = "cases" if query.include_closed or query.statuses else "open cases"
        what = f"no {which} match" + (f" {page.search!r}" if page.search else "")
        if which == "open cases":
            what += " (f: include closed)"
    elif page.total is not None:
        pages = max(1, -(-page.total // page.page_size))
        what = f"page {page.page}/{pages} · {page.total:,} cases"
    else:
        what = f"page {page.page}{' · more' if page.has_next else ''} · best matches"
    filters = query.describe()
    return what + (f" · {filters}" if filters else " · open cases")


class QueueScreen(Screen[None]):
    """The triage queue."""

    # Each key is in the command palette too, by its description (intake.look.commands).
    BINDINGS = [  # noqa: RUF012
        Binding("slash", "search", "Search", tooltip="reference, establishment or narrative"),
        Binding("f", "filters", "Filters", tooltip="status, establishment, organisation, overdue"),
        Binding("x", "clear", "Clear filters", tooltip="all open cases, no search"),
        Binding("pagedown", "page(1)", "Next page", key_display="PgDn", show=False, priority=True),
        Binding(
            "pageup", "page(-1)", "Previous page", key_display="PgUp", show=False, priority=True
        ),
        Binding("r", "reload", "Reload", show=False),  # the queue reloads itself
        Binding("i", "insights", "Insights", tooltip="counts and trends over your cases"),
        Binding(
            "a",
            "alerts",
            "Pattern alerts",
            show=False,
            tooltip="one place, wing or member of staff in several allegations",
        ),
        Binding(
            "o",
            "only_overdue",
            "Only overdue cases",
            show=False,
            tooltip="cases with a task past its due date",
        ),
        Binding(
            "v",
            "only_overridden",
            "Only overridden cases",
            show=False,
            tooltip="a supervisor changed the classification",
        ),
        Binding("q", "app.quit", "Quit", show=False),  # the footer shows ctrl+q
    ]

    def __init__(self, service: BackofficeService) -> None:
        super().__init__()
        self.service = service
        self.request = QueueQuery()
        self.page: QueuePage | None = None
        self._search_timer: Timer | None = None
        self._wanted: QueueQuery | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="/ search: reference, establishment or narrative (typos are fine)",
            id="search",
            compact=True,
        )
        yield Static("", id="share-banner", markup=False)
        yield Static("", id="alerts-banner", markup=False)
        yield Static("loading…", id="summary", markup=False)
        table: DataTable[Text] = DataTable(id="queue", cursor_type="row", zebra_stripes=True)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._mark: ChangeMark | None = None
        self.set_interval(LIVE_SECONDS, self._watch)
        self.query_one("#alerts-banner", Static).display = False
        self.query_one("#share-banner", Static).display = False
        self._share_reminder()
        if self.service.may_review_recommendations():
            self._review_recommendations()
        elif self.service.may_see_alerts():
            self._count_alerts()

    @work(exclusive=True, group="review", exit_on_error=False)
    async def _review_recommendations(self) -> None:
        """A lead's app escalates the recommendations overdue past the grace period as it opens
        (no daemon: ``backoffice.recommendations``), then counts the alerts."""
        try:
            done = await asyncio.to_thread(self.service.review_recommendations)
        except SanctionsError as exc:
            self.notify(str(exc), title="Recommendations", severity="error")
        else:
            if done.escalated:
                self.notify(
                    f"{len(done.escalated)} overdue recommendation(s) escalated to the lead",
                    title="Recommendations",
                    timeout=6,
                )
        self._count_alerts()

    @work(exclusive=True, group="share", exit_on_error=False)
    async def _share_reminder(self) -> None:
        """An HMIP lead's banner: the last six-monthly period's log is due to be shared."""
        try:
            reminder = await asyncio.to_thread(self.service.share_reminder)
        except SanctionsError:
            return
        banner = self.query_one("#share-banner", Static)
        banner.update(reminder or "")
        banner.display = reminder is not None

    @work(exclusive=True, group="alerts", exit_on_error=False)
    async def _count_alerts(self) -> None:
        """The banner above the queue: how many pattern alerts (supervisors and leads)."""
        try:
            found = await asyncio.to_thread(self.service.alerts)
        except SanctionsError:
            return
        banner = self.query_one("#alerts-banner", Static)
        count = len(found.alerts)
        banner.update(f"⚑ {count} pattern alert{'s' if count != 1 else ''}: a to see them")
        banner.display = count > 0

    @work(exclusive=True, group="live", exit_on_error=False)
    async def _watch(self) -> None:
        """The live queue: reload the page when a change was made anywhere (another desk, an
        intake laptop), without a key pressed. One cheap query every LIVE_SECONDS."""
        try:
            mark = await asyncio.to_thread(self.service.change_mark)
        except Exception:
            return
        seen, self._mark = self._mark, mark
        if seen is not None and mark != seen and self.is_current and not self.is_loading():
            self.load(self.request)

    def on_screen_resume(self) -> None:
        self.load(self._wanted or self.request)

    # -- loading --------------------------------------------------------------------------

    def load(self, request: QueueQuery) -> None:
        """Show this request's page (the latest request wins over any still on its way)."""
        self._wanted = request
        self._fetch(request)

    @work(exclusive=True, group="queue")
    async def _fetch(self, request: QueueQuery) -> None:
        try:
            page = await asyncio.to_thread(self.service.queue, request)
        except SanctionsError as exc:
            self.notify(str(exc), title="Queue", severity="error")
            self._wanted = self.request
            return
        self.request, self.page = request, page
        self._show(page)

    def is_loading(self) -> bool:
        """True while a page is being fetched or a typed search is about to be."""
        return self._wanted is not self.request or self._search_timer is not None

    def _show(self, page: QueuePage) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for row in page.rows:
            table.add_row(*row_cells(row), key=row.reference)
        if page.rows:
            table.move_cursor(row=min(keep, len(page.rows) - 1))
        self.query_one("#summary", Static).update(page_summary(page, self.request))

    def shown_references(self) -> list[str]:
        """The references in the table, top to bottom (what a person sees)."""
        return [row.reference for row in (self.page.rows if self.page else [])]

    # -- actions --------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        reference = event.row_key.value
        if self.is_loading():
            self.notify("Still fetching the cases: a moment.", timeout=2)
            return
        if reference:
            from backoffice.tui.case_screen import CaseScreen

            self.app.push_screen(CaseScreen(self.service, reference))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if event.value.startswith("/"):  # "/" pressed to search while the box had the focus
            event.input.value = event.value.lstrip("/")
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        text = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._search(text))

    def _search(self, text: str) -> None:
        self._search_timer = None
        latest = self._wanted or self.request
        if text.strip() != latest.search:
            self.load(latest.with_search(text))

    @on(Input.Submitted, "#search")
    def _search_now(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search(event.value)
        if self.is_loading():
            self.query_one(DataTable).clear()
            self.query_one("#summary", Static).update("searching…")
        self.query_one(DataTable).focus()

    def key_down(self) -> None:
        if self.focused is self.query_one("#search", Input):
            self.query_one(DataTable).focus()

    def key_escape(self) -> None:
        self.query_one(DataTable).focus()

    def action_page(self, step: int) -> None:
        page = self.page
        if page is None:
            return
        if step > 0 and not page.has_next:
            self.notify("This is the last page.", timeout=2)
            return
        if step < 0 and page.page == 1:
            self.notify("This is the first page.", timeout=2)
            return
        self.load(self.request.with_page(page.page + step))

    def action_reload(self) -> None:
        self.load(self.request)

    def action_clear(self) -> None:
        self.query_one("#search", Input).value = ""
        self.load(QueueQuery())

    def action_filters(self) -> None:
        from backoffice.tui.filters import FilterModal

        def chosen(request: QueueQuery | None) -> None:
            if request is not None:
                self.load(request)

        self.app.push_screen(FilterModal(self.service, self.request), chosen)

    def action_alerts(self) -> None:
        if not self.service.may_see_alerts():
            self.notify("Pattern alerts are for supervisors and leads.", timeout=4)
            return
        from backoffice.tui.alerts_screen import AlertsScreen

        self.app.push_screen(AlertsScreen(self.service))

    def action_insights(self) -> None:
        from backoffice.tui.insights_screen import InsightsScreen

        self.app.push_screen(InsightsScreen(self.service))

    def action_only_overdue(self) -> None:
        self.load(QueueQuery(overdue=True, search=self.request.search))

    def action_only_overridden(self) -> None:
        self.load(QueueQuery(overridden=True, search=self.request.search))
