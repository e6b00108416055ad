"""Insights: counts and trends over the cases a person may see (issue 16, point 1).

Figures for a period of receipt (by default the last 12 months, this one included): how many
cases by establishment, category, body contacted, how the body was contacted, risk level and
outcome, each beside the same-length period before it; cases received each month; for every
protocol step and parallel duty, how long its tasks took against their deadline and how many
were late; the share of confirmed cases in which the person declined consent; establishments
with several allegations (``repeat``, 3 by default).

Everything is counted in the database with GROUP BY (a list held in JSON, the categories and the
bodies, through ``json_each`` on SQLite and ``json_array_elements_text`` on PostgreSQL; medians
from a histogram of whole days grouped in SQL), so no case is loaded: the cost is a few scans
whatever the number of cases. Every query is limited by
:func:`backoffice.access.visible_cases_filter`: an IMB Board member's figures count only their
Board's establishment. Figures are counts only:
no name, number or narrative, and no reference, so none points at a person; an establishment
with one case is shown like any other. Demo cases are left out, unless the database is the
demo's (``--demo``) or holds nothing but demo cases (a training server); the figures then say so.

Who may see them: whoever may export the tracker (supervisors, leads and admins of any
organisation, and HMIP triage), and IMB triage for their own Board. Reading counts changes
nothing and identifies no one, so, like the queue's pages, it is not audited.
"""

from __future__ import annotations

from backoffice.insights.build import (
    DEFAULT_REPEAT,
    build_insights,
    holds_only_demo_cases,
    may_see_insights,
)
from backoffice.insights.consent import NOT_CONFIRMED
from backoffice.insights.counts import NO_OUTCOME, NOT_IN_DIRECTORY, NOT_SAID
from backoffice.insights.figures import ConsentFigures, Count, Insights, MonthCount, StepTime
from backoffice.insights.period import DEFAULT_MONTHS, Period
from backoffice.insights.steps import STOPPED_OUTCOMES
from backoffice.insights.words import BAR, bar, change_words, days_words, period_words, share_words

__all__ = [
    "BAR",
    "DEFAULT_MONTHS",
    "DEFAULT_REPEAT",
    "NOT_CONFIRMED",
    "NOT_IN_DIRECTORY",
    "NOT_SAID",
    "NO_OUTCOME",
    "STOPPED_OUTCOMES",
    "ConsentFigures",
    "Count",
    "Insights",
    "MonthCount",
    "Period",
    "StepTime",
    "bar",
    "build_insights",
    "change_words",
    "days_words",
    "holds_only_demo_cases",
    "may_see_insights",
    "period_words",
    "share_words",
]
