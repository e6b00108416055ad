"""Load and validate the classifier's vocabulary (``prompts/classifier/*.yaml``), once.

Every file is parsed into :class:`LexiconFile`; every label is checked against what the rules
understand and every pattern is compiled, so a mistake fails at first use naming the file, the
entry and the pattern rather than quietly matching nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from intake.classifier.fuzzy import FuzzyCorrector, FuzzySettings
from intake.classifier.patterns import (
    WORD_RE,
    Item,
    PatternError,
    compile_pattern,
    pattern_words,
)
from intake.core.establishment_data import reference_establishments
from intake.core.vocabulary import Body, Route, SanctionCategory
from prompts import PromptDataError, load_yaml

_CATEGORIES = "|".join(c.value for c in SanctionCategory)
_BODIES = "|".join(b.value for b in Body)

#: Each vocabulary file and the labels its entries may carry.
LEXICON_LABELS: dict[str, str] = {
    "bodies": rf"body:(?:{_BODIES})|addressee:(?:{_BODIES})|you_contact|vague|other:[a-z_]+",
    "links": r"link:(?:cause|forward|back|remark|attempt)|topic|contact|defied",
    "categories": rf"(?:{_CATEGORIES})|harm",
    "risk": r"risk:[a-z_]+|possible:[a-z_]+|soon",
    "routes": r"death|out_of_scope:[a-z_]+|in_scope|whistle:(?:speaker|fear|prisoner)|imb_person"
    r"|imb_complaint",
    "negation": rf"denial|harm_denial:(?:{_CATEGORIES})|contact_denial|doubt|body_doubt|prospective"
    r"|past|risk_denial|healed",
    "staff": r"staff|peer|subject|tolerated|exposed|present|child",
    "severity": r"severity:(?:threat_to_life|injury|urgent_medical|sexualised)",
    # idioms hide what they hold from every file ("dead on his feet" is no death, threat or risk)
    "idioms": r"idiom",
}


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    stands_for: str = Field(min_length=1)
    patterns: list[str] = Field(min_length=1)


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = Field(min_length=1)
    entries: list[Entry] = Field(min_length=1)


class FamiliesFile(BaseModel):
    """Word families (``families.yaml``): a concept's words, named once, used as ``{name}``."""

    model_config = ConfigDict(extra="forbid")

    description: str = Field(min_length=1)
    families: dict[str, list[str]] = Field(min_length=1)


_FAMILY_RE = re.compile(r"\{([a-z_]+)\}")


def expand_families(source: str, families: dict[str, list[str]]) -> str:
    """``{medicine}`` in a pattern becomes the choice ``(meds|medication|...)``."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in families:
            raise PatternError(f"unknown word family {{{name}}}")
        return "(" + "|".join(families[name]) + ")"

    return _FAMILY_RE.sub(one, source)


class SeverityRules(BaseModel):
    """The documented severity rule (``severity.yaml``): thresholds the rules read."""

    model_config = ConfigDict(extra="forbid")

    exceptional_min_categories: int = Field(3, ge=2)
    serious_min_categories: int = Field(2, ge=1)
    serious_categories: list[SanctionCategory]
    exceptional_establishments: list[str]


class SeverityFile(LexiconFile):
    rules: SeverityRules


def _act_words(words: str) -> str:
    """A threatened act's words, as the rules read them: lower case, one space apart, each a
    word of the tokenizer (``WORD_RE``, as in a pattern)."""
    parts = words.split(" ")
    if not all(p and WORD_RE.fullmatch(p) and p == p.lower() for p in parts):
        raise ValueError(f"{words!r}: lower-case words, one space apart")
    return words


class CategoriesFile(LexiconFile):
    """``categories.yaml``: the detriments, and the words by which a threat names one."""

    #: Each detriment and the words a threat names it by ("the next van": a transfer): a
    #: threat whose act is then done is labelled by the act (``facts/threats.py``).
    threatened_acts: dict[SanctionCategory, list[Annotated[str, AfterValidator(_act_words)]]]


#: The files read into a model of their own; every other lexicon is a plain LexiconFile.
_FILE_MODELS: dict[str, type[LexiconFile]] = {
    "severity": SeverityFile,
    "categories": CategoriesFile,
}


@dataclass(frozen=True, slots=True)
class Phrase:
    """One compiled alternative of one pattern of one entry."""

    lexicon: str
    label: str
    stands_for: str
    items: tuple[Item, ...]
    #: Whether the phrase has a gap ("lost ... job"): a loose phrase does not hide others.
    gapped: bool


@dataclass(frozen=True, slots=True)
class Vocabulary:
    phrases: tuple[Phrase, ...]
    fuzzy: FuzzyCorrector
    severity: SeverityRules
    route_names: dict[Route, str]
    #: A threat's words -> the detriments they name (``categories.yaml``, ``threatened_acts``).
    threatened_acts: dict[str, frozenset[SanctionCategory]]


def _parse(name: str, model: type[LexiconFile]) -> LexiconFile:
    path = f"classifier/{name}.yaml"
    data = load_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PromptDataError(f"prompts/{path}: {exc}") from exc


@cache
def _families() -> dict[str, list[str]]:
    try:
        parsed = FamiliesFile.model_validate(load_yaml("classifier/families.yaml"))
    except ValidationError as exc:
        raise PromptDataError(f"prompts/classifier/families.yaml: {exc}") from exc
    return {**parsed.families, "establishment": establishment_words()}


#: Words before an establishment's own name that the family leaves out ("HMP Wayland" is heard
#: as "Wayland", whatever comes before it).
_TITLES = frozenset({"hmp", "hmyoi", "yoi"})


def establishment_words() -> list[str]:
    """The ``{establishment}`` family: every establishment's name and aliases from the project's
    data (``intake.core.establishment_data``), as the tokenizer reads them, without titles."""
    found: set[str] = set()
    for place in reference_establishments():
        for name in (place.name, *place.aliases):
            words = WORD_RE.findall(name.lower())
            while words and words[0] in _TITLES:
                words = words[1:]
            if words:
                found.add(" ".join(words))
    return sorted(found)


def _compile_file(name: str, parsed: LexiconFile) -> list[Phrase]:
    labels = LEXICON_LABELS[name]
    # Any file may shadow (hide) phrases: all of them, or one of its own labels.
    allowed = re.compile(rf"(?:{labels})|shadow|shadow:(?:{labels})")
    phrases: list[Phrase] = []
    for n, entry in enumerate(parsed.entries, start=1):
        if not allowed.fullmatch(entry.label):
            raise PromptDataError(
                f"prompts/classifier/{name}.yaml entry {n}: unknown label {entry.label!r}"
            )
        for source in entry.patterns:
            try:
                flats = compile_pattern(expand_families(source, _families()))
            except PatternError as exc:
                raise PromptDataError(
                    f"prompts/classifier/{name}.yaml entry {n} ({entry.label}): {exc}"
                ) from exc
            phrases.extend(
                Phrase(name, entry.label, entry.stands_for, f, _has_gap(f)) for f in flats
            )
    return phrases


def _has_gap(items: tuple[Item, ...]) -> bool:
    return any(i.kind == "gap" or any(_has_gap(a) for a in i.alts) for i in items)


@cache
def vocabulary() -> Vocabulary:
    """The whole vocabulary, parsed, validated and compiled on first use."""
    phrases: list[Phrase] = []
    known: set[str] = set()
    severity: SeverityRules | None = None
    acts: dict[str, frozenset[SanctionCategory]] = {}
    route_names = {route: route.goes_to for route in Route}  # prompts/protocol.yaml
    for name in LEXICON_LABELS:
        model = _FILE_MODELS.get(name, LexiconFile)
        parsed = _parse(name, model)
        compiled = _compile_file(name, parsed)
        words = pattern_words([p.items for p in compiled])
        known |= words
        phrases.extend(compiled)
        if isinstance(parsed, SeverityFile):
            severity = parsed.rules
        if isinstance(parsed, CategoriesFile):
            acts = _by_words(parsed.threatened_acts)
    try:
        settings = FuzzySettings.model_validate(load_yaml("classifier/fuzzy.yaml"))
    except ValidationError as exc:
        raise PromptDataError(f"prompts/classifier/fuzzy.yaml: {exc}") from exc
    unknown = sorted(set(settings.targets) - known)
    if unknown:
        raise PromptDataError(
            f"prompts/classifier/fuzzy.yaml: targets not used by any pattern: {unknown}"
        )
    assert severity is not None
    corrector = FuzzyCorrector(settings, settings.targets, known)
    return Vocabulary(tuple(phrases), corrector, severity, route_names, acts)


def _by_words(
    acts: dict[SanctionCategory, list[str]],
) -> dict[str, frozenset[SanctionCategory]]:
    """Each word of ``threatened_acts`` with every detriment it names ("moved": both)."""
    named: dict[str, set[SanctionCategory]] = {}
    for category, words in acts.items():
        for word in words:
            named.setdefault(word, set()).add(category)
    return {word: frozenset(cats) for word, cats in named.items()}
