"""Explainable, rule-based classifier for alleged sanctions (HMIP / IMB / PPO protocol).

``classify(text)`` reads a narrative and says whether it qualifies as a sanction (protocol para 2),
which detriments and bodies it names, whether there is an immediate risk, how serious it is and
where it should go, with the spans of the text every decision rests on. The vocabulary is data
(``prompts/classifier/*.yaml``), tolerant of typos and prison and detention slang.
"""

from __future__ import annotations

from intake.classifier import compiled

# before any other module of the classifier: a build of the rules that matches their source
COMPILED = compiled.load(__path__)

from intake.classifier.document import Document, checked_text, tokenize
from intake.classifier.explain import evidence, rationale
from intake.classifier.facts import read_facts
from intake.classifier.language import flag_if_not_english
from intake.classifier.learned import second_opinion
from intake.classifier.learned.helper import Reading, reading
from intake.classifier.learned.helper import forget as forget_in_helper
from intake.classifier.learned.helper import start_helper as start_model_helper
from intake.classifier.lexicon import Vocabulary, vocabulary
from intake.classifier.matcher import clear_cache, find_hits
from intake.classifier.result import (
    MAX_TEXT_CHARS,
    Classification,
    ClassifierInputError,
    Evidence,
    Setting,
)
from intake.classifier.rules import decide, prisoner_in_sanction
from intake.classifier.tempering import (
    RulesReading,
    opinion_evidence,
    set_aside_evidence,
    temper,
)

__all__ = [
    "MAX_TEXT_CHARS",
    "Classification",
    "ClassifierInputError",
    "Evidence",
    "Setting",
    "classify",
    "start_model_helper",
]

_DEFAULT_SETTING = Setting()


def classify(text: str, *, setting: Setting | None = None, learned: bool = True) -> Classification:
    """Classify one narrative. Raises :class:`ClassifierInputError` for unusable input.
    ``learned=False`` leaves out the learned second opinion (the rules alone)."""
    clean = checked_text(text)
    if not learned:
        return _classify(text, clean, setting, None)
    # the model reads beside the rules, in a helper process when there is one (learned/helper.py)
    with reading(second_opinion(), clean) as aside:
        return _classify(text, clean, setting, aside)


def _classify(
    text: str, clean: str, setting: Setting | None, aside: Reading | None
) -> Classification:
    vocab = vocabulary()
    doc = tokenize(text, clean)
    corrections = correct_typos(doc, vocab)
    facts = read_facts(doc, find_hits(doc))
    decision = decide(doc, facts, setting or _DEFAULT_SETTING, vocab.severity)
    acted: list[str] = []
    if aside is not None:
        model = second_opinion()
        opinion = aside.opinion()
        rules_reading = RulesReading.of(facts, prisoner_in_sanction(doc, facts), doc)
        acted = temper(decision, opinion, rules_reading, model.read)
    result = Classification(
        qualifies=decision.qualifies,
        categories=decision.categories,
        body=decision.bodies,
        immediate_risk=decision.immediate_risk,
        possible_immediate_risk=decision.possible_risk,
        severity=decision.severity,
        route=decision.route,
        evidence=evidence(doc, facts, decision, corrections)
        + (opinion_evidence(text, opinion, acted) if acted else [])
        + (set_aside_evidence(doc.text, facts, decision, opinion) if aside is not None else []),
        rationale=rationale(doc, facts, decision, vocab.route_names),
        missing=decision.missing,
    )
    # never a silent "no" (intake/classifier/language.py)
    return flag_if_not_english(result, clean, doc.originals)


def clear_caches() -> None:
    """Forget remembered sentences and typo corrections (benchmarks measure the cold path)."""
    clear_cache()
    vocabulary().fuzzy.correct.cache_clear()
    second_opinion().forget()
    forget_in_helper()


def correct_typos(doc: Document, vocab: Vocabulary) -> dict[int, str]:
    """Replace misspelt words in ``doc`` by the vocabulary word meant; returns what changed."""
    corrector = vocab.fuzzy
    changed: dict[int, str] = {}
    for i in corrector.candidates(doc.words):
        fixed = corrector.correct(doc.words[i])
        if fixed is not None:
            doc.words[i] = doc.bases[i] = fixed
            changed[i] = fixed
    if changed:
        doc.distinct = None  # made again from the corrected words when next asked
    return changed
