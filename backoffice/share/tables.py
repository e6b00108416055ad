"""The insights as titled tables and lines, the same in the workbook and the report."""

from __future__ import annotations

from backoffice.insights import Count, Insights, change_words, days_words, share_words


def _count_tables(insights: Insights) -> list[tuple[str, list[Count]]]:
    return [
        ("By establishment", insights.by_establishment),
        ("By category (a case may have several)", insights.by_category),
        ("By body contacted (a case may name several)", insights.by_body),
        ("By how the body was contacted", insights.by_channel),
        ("By risk level", insights.by_risk),
        ("By outcome", insights.by_outcome),
        (
            f"Repeat establishments ({insights.repeat_threshold} or more allegations)",
            insights.repeat_establishments,
        ),
    ]


STEP_COLUMNS = [
    "Step or duty",
    "Opened",
    "Done",
    "Median days",
    "Days allowed",
    "Late",
    "Open",
    "Overdue",
    "Stopped",
]


def _step_cells(insights: Insights) -> list[list[str]]:
    return [
        [s.label, str(s.opened), str(s.done), days_words(s.median_days),
         days_words(s.median_allowed_days), str(s.late), str(s.open), str(s.overdue),
         str(s.stopped)]
        for s in insights.steps
    ]  # fmt: skip


def _consent_lines(insights: Insights) -> list[str]:
    c = insights.consent
    if not c.confirmed:
        return ["none confirmed"]
    return [
        f"{c.confirmed} confirmed",
        f"{c.declined} the person declined ({share_words(c.declined_share)})",
        f"{c.consents} the person consents",
        f"{c.not_from_person} not (yet) the person's own word",
    ]


def _totals(insights: Insights) -> str:
    line = f"{insights.total} cases received"
    if insights.previous_total is not None and insights.previous_from and insights.previous_to:
        line += (
            f"; {insights.previous_total} in as many days before "
            f"({insights.previous_from.isoformat()} to {insights.previous_to.isoformat()}, "
            f"{change_words(insights.total, insights.previous_total)})"
        )
    return line + (" (DEMO data)" if insights.includes_demo else "")
