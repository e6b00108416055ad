"""Search: a generous SQL prefilter, then rapidfuzz ranks the candidates (typos still find)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select

from backoffice.pseudonyms import CaseRedactor
from backoffice.queue.filters import _ordered
from backoffice.queue.rows import _rows, establishment_names, mask_for
from backoffice.view_models import QueuePage
from intake.core.db.models import Establishment, SanctionCase
from intake.core.establishments import default_directory
from intake.core.users import Actor

SEARCH_CANDIDATES = 400
SEARCH_CUTOFF = 75.0
PREFIX_LEN = 4


_WORD = re.compile(r"[\w'-]+", re.UNICODE)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(column: object, fragment: str) -> ColumnElement[bool]:
    pattern = f"%{_escape_like(fragment)}%"
    return func.lower(column).like(pattern.lower(), escape="\\")


_STOPWORDS = frozenset({"the", "and", "for", "was", "his", "her", "they", "them", "with", "that"})


def search_words(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text.lower()) if len(w) >= 3]
    return [w for w in words if w not in _STOPWORDS]


@dataclass(frozen=True)
class SearchPlan:
    """The SQL prefilter of a search, and the establishments the fuzzy directory found."""

    text: str
    words: list[str]
    clause: ColumnElement[bool]
    places: dict[str, float]


_REFERENCE = re.compile(r"^(san-?)?\d[\d-]{2,}$", re.IGNORECASE)


def plan_search(text: str) -> SearchPlan:
    """SQL that keeps only plausible matches: cheap, generous, never the final ranking.

    Something shaped like a case reference ("SAN-2026-00042", "2026-00042", "00042") is
    looked for in references only.
    """
    terms: list[ColumnElement[bool]] = [_like(SanctionCase.reference, text.strip())]
    if _REFERENCE.match(text.strip()):
        return SearchPlan(text=text, words=[], clause=terms[0], places={})
    words = search_words(text)
    for word in words:
        fragment = word if len(word) <= PREFIX_LEN else word[:PREFIX_LEN]
        terms.append(_like(SanctionCase.narrative, fragment))
    found = default_directory().lookup(text, limit=5)
    places = {m.record.name: float(m.score) for m in found.matches}
    if places:
        ids = select(Establishment.id).where(col(Establishment.name).in_(list(places)))
        terms.append(col(SanctionCase.establishment_id).in_(ids))
    return SearchPlan(text=text, words=words, clause=or_(*terms), places=places)


def _vocabulary_score(words: list[str], vocabulary: set[str]) -> float:
    """Mean over the searched words of the best fuzzy match among the narrative's words."""
    if not words or not vocabulary:
        return 0.0
    total = 0.0
    for word in words:
        best = process.extractOne(word, vocabulary, scorer=fuzz.ratio)
        total += float(best[1]) if best else 0.0
    return total / len(words)


def score_case(
    plan: SearchPlan,
    case: SanctionCase,
    establishment: str | None,
    mask: CaseRedactor | None = None,
) -> float:
    """How well a case matches: the best of reference, establishment and narrative.

    With ``mask`` (the searcher is not identified to the case) only the narrative's words they
    may search by count (:meth:`CaseRedactor.words`, without the words as close to the
    person's name or numbers as a search match is), so the person's name, numbers or location
    in it match nothing.
    """
    reference = 100.0 if plan.text.strip().upper() in case.reference else 0.0
    place = plan.places.get(establishment or "", 0.0)
    text = case.narrative or ""
    if mask is not None:
        vocabulary = mask.words(text, near=SEARCH_CUTOFF)
    else:
        vocabulary = set(_WORD.findall(text.lower()))
    return max(reference, place, _vocabulary_score(plan.words, vocabulary))


def _search_page(
    session: Session,
    actor: Actor,
    clauses: list[ColumnElement[bool]],
    text: str,
    page: int,
    page_size: int,
    on: date,
) -> QueuePage:
    plan = plan_search(text)
    query = _ordered(select(SanctionCase).where(*clauses, plan.clause))
    candidates = list(session.exec(query.limit(SEARCH_CANDIDATES)).all())
    names = establishment_names(session)
    scored = []
    for candidate in candidates:
        place = names.get(candidate.establishment_id or 0) or candidate.place_text
        score = score_case(plan, candidate, place, mask_for(actor, candidate))
        if score >= SEARCH_CUTOFF:
            scored.append((score, candidate))
    scored.sort(key=lambda pair: (-round(pair[0]), pair[1].risk_rank, pair[1].created_at))
    start = (page - 1) * page_size
    chosen = scored[start : start + page_size]
    scores = {c.id or 0: s for s, c in chosen}
    rows = _rows(session, actor, [c for _, c in chosen], on, scores)
    return QueuePage(
        rows=rows,
        page=page,
        page_size=page_size,
        total=None,
        has_next=len(scored) > start + page_size,
        search=text,
    )
