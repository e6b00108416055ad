"""The pack's report: the insights and the open recommendations as a printable PDF."""

from __future__ import annotations

from backoffice.insights import Insights, change_words
from backoffice.letter_pdf import ReportSection, report_pdf
from backoffice.share.period import SharePeriod
from backoffice.share.recommendations import OpenRecommendation
from backoffice.share.tables import (
    STEP_COLUMNS,
    _consent_lines,
    _count_tables,
    _step_cells,
    _totals,
)
from intake.core.users import Actor


def _recommendation_row(r: OpenRecommendation) -> list[str]:
    due = r.due.isoformat() if r.due else ""
    late = f"{r.days_overdue} d" if r.days_overdue else ""
    return [r.reference, str(r.seq), r.text, r.outcome, due, r.status, late]


def _report(
    head: list[str],
    period: SharePeriod,
    insights: Insights,
    recommendations: list[OpenRecommendation],
    logged: int,
    actor: Actor,
) -> bytes:
    sections = [
        ReportSection(
            "Cases received each month",
            columns=["Month", "Cases"],
            rows=[[m.month, str(m.count)] for m in insights.by_month] or [["none", "0"]],
            widths=(3, 1),
        )
    ]
    for title, counts in _count_tables(insights):
        sections.append(
            ReportSection(
                title,
                columns=["", "Cases", "Before", "Change"],
                rows=[
                    [c.label, str(c.count), str(c.previous or 0), change_words(c.count, c.previous)]
                    for c in counts
                ]
                or [["none", "0", "", ""]],
            )
        )
    sections.append(
        ReportSection(
            "Consent, in the cases confirmed as qualifying (step 2)", lines=_consent_lines(insights)
        )
    )
    sections.append(
        ReportSection(
            "Time per step (days from a task opening to its being done, against its deadline)",
            columns=STEP_COLUMNS,
            rows=_step_cells(insights) or [["none", *([""] * 8)]],
            widths=(5, 1, 1, 1, 1, 1, 1, 1, 1),
        )
    )
    sections.append(
        ReportSection(
            f"Open recommendations ({len(recommendations)})",
            lines=[] if recommendations else ["none open"],
            columns=["Reference", "#", "Recommendation", "Outcome", "Due", "Status", "Overdue"]
            if recommendations
            else [],
            rows=[_recommendation_row(r) for r in recommendations],
            widths=(3, 1, 6, 5, 3, 2, 2),
        )
    )
    intro = [
        head[1],
        _totals(insights) + f"; {logged} logged on the tracker (the workbook's log)",
        "No names, prison numbers or Home Office references: the people are pseudonymised.",
    ]
    return report_pdf(
        sections,
        title=f"The sanctions log {period.name}: insights and open recommendations",
        author=actor.name,
        intro=intro,
    )
