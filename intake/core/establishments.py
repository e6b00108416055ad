"""Establishments the protocol covers: the project's data file, first-start loading and look-up.

Look-up is fuzzy (rapidfuzz) over names, aliases and codes, so "scrubs", "BWI", "brook hse" and
"yarls wood" all find their place. It never guesses:

- a place outside the protocol (a police station, a hospital, a Scottish prison, the Isle of
  Man's prison) comes back as not covered, naming the body that covers it, never as the nearest
  prison;
- a name whose distinctive word differs from the establishment's ("Isle of Dogs" against "Isle
  of Wight") is not found, with the nearest names as suggestions;
- a name that fits several establishments about equally ("Brook", "Heathrow") is ambiguous, and
  the look-up lists them for a person to choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import Establishment
from intake.core.errors import ValidationProblem
from intake.core.establishment_data import (
    EstablishmentRecord,
    OutOfScopePlace,
    out_of_scope_places,
    reference_establishments,
)
from intake.core.vocabulary import EstablishmentType

MATCH_CUTOFF = 82.0
SUGGESTION_CUTOFF = 60.0
#: Two candidates whose scores differ by no more than this fit "about equally".
AMBIGUITY_MARGIN = 5.0
OUT_OF_SCOPE_FUZZY_CUTOFF = 90.0
#: Words that say what kind of place it is, not which one: they never tell two places apart.
GENERIC_WORDS = frozenset((
    "hmp", "hm", "yoi", "irc", "stc", "sthf", "prison", "prisons", "the", "of", "at", "in", "on",
    "a", "an", "and", "immigration", "removal", "centre", "center", "secure", "training",
    "school", "young", "offender", "offenders", "institution", "short", "term", "facility",
))  # fmt: skip
WORD_RATIO = 80.0


@dataclass(frozen=True)
class Match:
    record: EstablishmentRecord
    score: float
    matched_on: str
    #: Distinctive words of the query that the name matched on does not have.
    unmatched: int = 0


@dataclass(frozen=True)
class NotCovered:
    kind: str
    covered_by: str
    matched_on: str

    @property
    def message(self) -> str:
        return (
            f"A {self.kind} is not covered by the sanctions protocol; "
            f"it is monitored by {self.covered_by}."
        )


@dataclass(frozen=True)
class Lookup:
    """The result of a look-up: candidate establishments, or a place not covered.

    ``matches`` are the establishments the text may name, best first; ``suggestions`` the
    nearest names when none fits (shown as "did you mean", never chosen)."""

    query: str
    matches: tuple[Match, ...] = field(default_factory=tuple)
    not_covered: NotCovered | None = None
    suggestions: tuple[Match, ...] = field(default_factory=tuple)

    @property
    def tied(self) -> tuple[Match, ...]:
        """The matches that fit about as well as the best one (the best included)."""
        if not self.matches:
            return ()
        top = self.matches[0]
        return tuple(
            m
            for m in self.matches
            if m.unmatched == top.unmatched and m.score >= top.score - AMBIGUITY_MARGIN
        )

    @property
    def ambiguous(self) -> bool:
        """Several establishments fit about equally: a person must choose."""
        return self.not_covered is None and len(self.tied) > 1

    @property
    def best(self) -> EstablishmentRecord | None:
        """The single clear answer, or None when there is none or a choice must be made."""
        if self.not_covered or not self.matches or self.ambiguous:
            return None
        return self.matches[0].record

    @property
    def problem(self) -> str | None:
        """Why the text does not name one establishment, in words for the person typing it;
        None when it does."""
        if self.not_covered is not None:
            return self.not_covered.message
        if self.ambiguous:
            names = "; ".join(m.record.name for m in self.tied)
            return f"{self.query.strip()!r} could be several places: {names}. Type the full name."
        if self.best is not None:
            return None
        if not normalise(self.query):
            return "type the establishment's name, a local name or its code"
        nearest = "; ".join(m.record.name for m in self.suggestions)
        hint = f" Nearest: {nearest}." if nearest else ""
        return (
            f"no establishment found for {self.query.strip()!r}.{hint} "
            "Try its name as on the gate, or its code."
        )


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation to spaces, spaces collapsed."""
    text = re.sub(r"['’`]", "", text.lower())
    return " ".join(utils.default_process(text).split())


def distinctive_words(text: str) -> list[str]:
    """The words of a normalised name that tell one place from another."""
    return [w for w in text.split() if w not in GENERIC_WORDS]


def _is_abbreviation(short: str, word: str) -> bool:
    """``hse`` for ``house``, ``manc`` for ``manchester``: same first letter, letters in order."""
    if len(short) < 3 or len(short) >= len(word) or short[0] != word[0]:
        return False
    letters = iter(word)
    return all(letter in letters for letter in short)


def words_agree(typed: str, word: str) -> bool:
    """One typed word names the same thing as one word of a name (typos and short forms too)."""
    if typed == word:
        return True
    if min(len(typed), len(word)) >= 4 and fuzz.ratio(typed, word) >= WORD_RATIO:
        return True
    if len(typed) >= 4 and typed in word:
        return True
    return _is_abbreviation(typed, word)


def unmatched_words(typed: list[str], name: list[str]) -> tuple[list[str], list[str]]:
    """The typed words no word of the name agrees with, and the name's words no typed one does."""
    typed_left = [t for t in typed if not any(words_agree(t, w) for w in name)]
    name_left = [w for w in name if not any(words_agree(t, w) for t in typed)]
    return typed_left, name_left


class EstablishmentDirectory:
    """Fuzzy look-up by name, alias or code over a fixed set of establishments."""

    def __init__(self, records: tuple[EstablishmentRecord, ...] | None = None) -> None:
        self.records = records if records is not None else reference_establishments()
        self._by_code = {r.code.upper(): r for r in self.records if r.code}
        self._choices: list[str] = []
        self._owners: list[EstablishmentRecord] = []
        for record in self.records:
            for label in (record.name, *record.aliases):
                self._choices.append(normalise(label))
                self._owners.append(record)
        self._out_of_scope = [
            (normalise(pattern), place)
            for place in out_of_scope_places()
            for pattern in place.patterns
        ]

    def lookup(self, query: str, *, limit: int = 5) -> Lookup:
        text = normalise(query)
        if not text:
            return Lookup(query)
        code = self._by_code.get(query.strip().upper())
        if code is not None:
            return Lookup(query, (Match(code, 100.0, code.code or ""),))
        exact = self._exact(text)
        if exact:
            return Lookup(query, exact)
        outside = self._outside_scope(text)
        if outside is not None:
            return Lookup(query, not_covered=outside)
        matches, rejected = self._fuzzy(text, limit)
        return Lookup(query, matches, suggestions=() if matches else rejected[:3])

    def _exact(self, text: str) -> tuple[Match, ...]:
        found = [
            Match(owner, 100.0, choice)
            for choice, owner in zip(self._choices, self._owners, strict=True)
            if choice == text
        ]
        unique = {m.record.name: m for m in found}
        return tuple(unique.values())

    def _outside_scope(self, text: str) -> NotCovered | None:
        padded = f" {text} "
        for pattern, place in self._out_of_scope:
            if f" {pattern} " in padded and not self._covered_there(padded, place):
                return NotCovered(place.kind, place.covered_by, pattern)
        for pattern, place in self._out_of_scope:
            if (
                len(pattern) >= 6
                and len(text) >= len(pattern) - 1
                and fuzz.partial_ratio(pattern, text) >= OUT_OF_SCOPE_FUZZY_CUTOFF
                and not self._covered_there(padded, place)
            ):
                return NotCovered(place.kind, place.covered_by, pattern)
        return None

    def _covered_there(self, padded: str, place: OutOfScopePlace) -> bool:
        """The text names a covered establishment in the country the place is excluded for."""
        if place.country is None:
            return False
        return any(
            owner.country == place.country and f" {choice} " in padded
            for choice, owner in zip(self._choices, self._owners, strict=True)
        )

    def _fuzzy(self, text: str, limit: int) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
        """Establishments the text fits, and (when a distinctive word differs) the nearest
        names it does not fit that share a distinctive word with it, each best first."""
        typed = distinctive_words(text)
        scored = process.extract(
            text,
            self._choices,
            scorer=fuzz.WRatio,
            score_cutoff=SUGGESTION_CUTOFF,
            limit=limit * 8,
        )
        accepted: dict[str, Match] = {}
        rejected: dict[str, Match] = {}
        for choice, score, index in scored:
            owner = self._owners[index]
            typed_left, name_left = unmatched_words(typed, distinctive_words(choice))
            match = Match(owner, float(score), choice, len(typed_left))
            differs = bool(typed_left and name_left) or len(typed_left) == len(typed)
            into = rejected if differs or score < MATCH_CUTOFF else accepted
            if owner.name not in into or _rank(match) < _rank(into[owner.name]):
                into[owner.name] = match
        ranked = sorted(accepted.values(), key=_rank)[:limit]
        nearest = sorted(
            (
                m
                for m in rejected.values()
                if m.record.name not in accepted and m.unmatched < len(typed)
            ),
            key=lambda m: (m.unmatched, -m.score, m.record.name),
        )
        return tuple(ranked), tuple(nearest[:limit])


def _rank(match: Match) -> tuple[int, float, str]:
    """Fewer distinctive words left unexplained first, then the better score."""
    return (match.unmatched, -match.score, match.record.name)


@cache
def default_directory() -> EstablishmentDirectory:
    return EstablishmentDirectory()


def ensure_establishments(engine: Engine) -> int:
    """Load the reference establishments missing from the database; returns how many were added."""
    with Session(engine) as session:
        known = set(session.exec(select(Establishment.name)).all())
        missing = [r for r in reference_establishments() if r.name not in known]
        for record in missing:
            session.add(
                Establishment(
                    name=record.name,
                    type=record.type.value,
                    also_yoi=record.also_yoi,
                    country=record.country,
                    code=record.code,
                    operator=record.operator,
                    aliases=list(record.aliases),
                )
            )
        session.commit()
    return len(missing)


def resolve_establishment_id(session: Session, text: str) -> int:
    """The database id of the one establishment ``text`` names, or a ValidationProblem saying
    it is not covered, could be several places (listing them) or was not found (with the
    nearest names)."""
    result = default_directory().lookup(text)
    record = result.best
    if record is None:
        raise ValidationProblem(result.problem or f"{text!r} does not name one establishment")
    row = session.exec(select(Establishment).where(Establishment.name == record.name)).one()
    assert row.id is not None
    return row.id


def establishment_has_board(session: Session, establishment_id: int | None) -> bool:
    """Whether an IMB monitors the establishment (an unknown place is taken to have one)."""
    place = session.get(Establishment, establishment_id) if establishment_id else None
    return place is None or EstablishmentType(place.type).has_board
