"""Establishments the protocol covers: the project's data file, first-start loading and look-up.

Look-up is fuzzy (rapidfuzz) over names, aliases and codes, so "scrubs", "BWI", "brook hse" and
"yarls wood" all find their place. A place outside the protocol (a police station, a hospital,
a Scottish prison) comes back as not covered, naming the body that covers it, never as the
nearest prison.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter
from rapidfuzz import fuzz, process, utils
from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import Establishment
from intake.core.vocabulary import EstablishmentType

MATCH_CUTOFF = 82.0
OUT_OF_SCOPE_FUZZY_CUTOFF = 90.0


class EstablishmentRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    type: EstablishmentType
    also_yoi: bool
    country: str
    code: str | None
    operator: str
    aliases: tuple[str, ...]

    @property
    def holds_children(self) -> bool:
        return self.type in (EstablishmentType.YOI, EstablishmentType.STC)


class OutOfScopePlace(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    covered_by: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    record: EstablishmentRecord
    score: float
    matched_on: str


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
    """The result of a look-up: candidate establishments, or a place not covered."""

    query: str
    matches: tuple[Match, ...] = field(default_factory=tuple)
    not_covered: NotCovered | None = None

    @property
    def best(self) -> EstablishmentRecord | None:
        """The single clear answer, or None when there is none or a choice must be made."""
        if self.not_covered or not self.matches:
            return None
        top = self.matches[0]
        if len(self.matches) > 1 and self.matches[1].score >= top.score - 0.5:
            return None
        return top.record


def _read_package_file(name: str) -> str:
    return resources.files("intake").joinpath("data", name).read_text(encoding="utf-8")


@cache
def reference_establishments() -> tuple[EstablishmentRecord, ...]:
    """The establishments in the project's data file."""
    data = json.loads(_read_package_file("establishments.json"))
    adapter = TypeAdapter(list[EstablishmentRecord])
    return tuple(adapter.validate_python(data["establishments"]))


@cache
def out_of_scope_places() -> tuple[OutOfScopePlace, ...]:
    data = yaml.safe_load(_read_package_file("out_of_scope_places.yaml"))
    return tuple(TypeAdapter(list[OutOfScopePlace]).validate_python(data))


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation to spaces, spaces collapsed."""
    text = re.sub(r"['’`]", "", text.lower())
    return " ".join(utils.default_process(text).split())


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
        return Lookup(query, self._fuzzy(text, limit))

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
            if f" {pattern} " in padded:
                return NotCovered(place.kind, place.covered_by, pattern)
        for pattern, place in self._out_of_scope:
            if len(pattern) >= 6 and fuzz.partial_ratio(pattern, text) >= OUT_OF_SCOPE_FUZZY_CUTOFF:
                return NotCovered(place.kind, place.covered_by, pattern)
        return None

    def _fuzzy(self, text: str, limit: int) -> tuple[Match, ...]:
        scored = process.extract(
            text,
            self._choices,
            scorer=fuzz.WRatio,
            score_cutoff=MATCH_CUTOFF,
            limit=limit * 4,
        )
        best: dict[str, Match] = {}
        for choice, score, index in scored:
            owner = self._owners[index]
            if owner.name not in best or best[owner.name].score < score:
                best[owner.name] = Match(owner, float(score), choice)
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.record.name))
        return tuple(ranked[:limit])


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
    """The database id of the one establishment ``text`` names, or a clear ValidationProblem."""
    from intake.core.errors import ValidationProblem

    result = default_directory().lookup(text)
    if result.not_covered is not None:
        raise ValidationProblem(result.not_covered.message)
    record = result.best
    if record is None:
        options = ", ".join(m.record.name for m in result.matches) or "none close"
        raise ValidationProblem(f"{text!r} does not name one establishment (options: {options})")
    row = session.exec(select(Establishment).where(Establishment.name == record.name)).one()
    assert row.id is not None
    return row.id
