"""The pack's workbook: the log, the insights and the open recommendations, each sheet marked."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backoffice.insights import Insights, change_words
from backoffice.share.files import _write_bytes
from backoffice.share.recommendations import OpenRecommendation
from backoffice.share.tables import (
    STEP_COLUMNS,
    _consent_lines,
    _count_tables,
    _step_cells,
    _totals,
)
from backoffice.tracker import COLUMNS, MARKING, TITLE
from intake.core.users import Actor


def _write_book(path: Path, book: _Workbook, passphrase: str | None) -> int:
    """Save the workbook in a private temporary folder, then only its final (encrypted) form
    to ``path``; how many log rows it holds."""
    with tempfile.TemporaryDirectory(prefix="sanctions-share-") as temp:
        plain = Path(temp) / path.name
        count = book.save(plain)
        _write_bytes(path, plain.read_bytes(), passphrase)
    return count


@dataclass
class _Workbook:
    head: list[str]
    rows: Iterator[list[str]]
    insights: Insights
    recommendations: list[OpenRecommendation]
    actor: Actor

    def save(self, path: Path) -> int:
        """Write the workbook (write-only: the log's rows are streamed); how many log rows."""
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        props = book.properties
        props.title = f"{TITLE}: the share with the IMB and PPO leads ({MARKING})"
        props.subject = f"{MARKING}: alleged sanctions for contact with HMIP, IMB or PPO"
        props.keywords = f"{MARKING}; sanctions; tracker; share"
        props.category = MARKING
        props.creator = self.actor.name
        log = _sheet(book, "Log", self.head)
        log.freeze_panes = "B3"
        log.append(COLUMNS)
        count = 0
        for row in self.rows:
            log.append(row)
            count += 1
        sheet = _sheet(book, "Insights", self.head)
        for line in _insight_rows(self.insights):
            sheet.append(line)
        sheet = _sheet(book, "Open recommendations", self.head)
        sheet.append(RECOMMENDATION_COLUMNS)
        for rec in self.recommendations:
            sheet.append(_recommendation_cells(rec))
        book.save(path)
        return count


def _sheet(book: Any, title: str, head: list[str]) -> Any:
    sheet = book.create_sheet(title)
    sheet.oddHeader.center.text = MARKING
    sheet.oddFooter.center.text = MARKING
    sheet.append(head)
    return sheet


RECOMMENDATION_COLUMNS = [
    "Reference",
    "Establishment",
    "Recommendation",
    "Text",
    "Owner",
    "Measurable outcome",
    "Due",
    "Status",
    "Response",
    "Days overdue",
    "Escalated to the lead",
]


def _recommendation_cells(rec: OpenRecommendation) -> list[str | int]:
    return [
        rec.reference,
        _cell(rec.establishment),
        rec.seq,
        _cell(rec.text),
        _cell(rec.owner),
        _cell(rec.outcome),
        rec.due.isoformat() if rec.due else "",
        rec.status,
        _cell(rec.response),
        rec.days_overdue,
        "yes" if rec.escalated else "no",
    ]


def _cell(text: str) -> str:
    """Text as typed, never a spreadsheet formula (as the tracker's cells)."""
    start = text.lstrip()
    return "'" + text if start[:1] in ("=", "+", "-", "@") else text


def _insight_rows(insights: Insights) -> Iterator[Sequence[str | int]]:
    yield [_totals(insights)]
    yield []
    yield ["Cases received each month"]
    for month in insights.by_month:
        yield [month.month, month.count]
    for title, counts in _count_tables(insights):
        yield []
        yield [title]
        yield ["", "Cases", "Before", "Change"]
        for c in counts:
            yield [c.label, c.count, c.previous or 0, change_words(c.count, c.previous)]
    yield []
    yield ["Consent, in the cases confirmed as qualifying (step 2)"]
    for line in _consent_lines(insights):
        yield [line]
    yield []
    yield ["Time per step (days from a task opening to its being done, against its deadline)"]
    yield list(STEP_COLUMNS)
    yield from _step_cells(insights)
