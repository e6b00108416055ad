"""The triage queue: cases ordered by risk then age, filtered and searched, a page at a time.

Risk is the case's ``risk_rank`` (:func:`intake.core.risk.risk_rank`): immediate, then high, then
standard, and within high and within standard the cases whose classification saw a possible
immediate risk ("ask now") first. Nothing here loads every case. Without a search, one
LIMIT/OFFSET page comes from the ``ix_case_queue (risk_rank, created_at)`` index. A search
first narrows candidates in SQL (reference or narrative LIKE the words or their first
letters, or an establishment the fuzzy directory finds), capped at ``SEARCH_CANDIDATES`` rows
in queue order, then ranks only those with rapidfuzz, so typos such as "segragation" still
find "segregation".

Need to know (:mod:`backoffice.access`): only the cases the actor may see are listed; the
snippet of a case the actor is not identified to is redacted, and such a case is scored on its
redacted narrative, so searching for a person's name or number never finds them through a case
the searcher reads pseudonymised.
"""

from __future__ import annotations

from backoffice.queue.filters import CLOSED, QueueFilters, overdue_clause, where_clauses
from backoffice.queue.page import MAX_PAGE_SIZE, PAGE_SIZE, list_queue
from backoffice.queue.rows import (
    SNIPPET,
    TaskStats,
    asks_now,
    establishment_names,
    mask_for,
    queue_row,
    snippet,
    task_stats,
)
from backoffice.queue.search import (
    PREFIX_LEN,
    SEARCH_CANDIDATES,
    SEARCH_CUTOFF,
    SearchPlan,
    plan_search,
    score_case,
    search_words,
)

__all__ = [
    "CLOSED",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "PREFIX_LEN",
    "SEARCH_CANDIDATES",
    "SEARCH_CUTOFF",
    "SNIPPET",
    "QueueFilters",
    "SearchPlan",
    "TaskStats",
    "asks_now",
    "establishment_names",
    "list_queue",
    "mask_for",
    "overdue_clause",
    "plan_search",
    "queue_row",
    "score_case",
    "search_words",
    "snippet",
    "task_stats",
    "where_clauses",
]
