"""Who acted: staff telling other prisoners the person informed, and other prisoners' words."""

from __future__ import annotations

from dataclasses import replace

from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.hits import Hit
from intake.core.vocabulary import SanctionCategory

_AGENT_REACH = 3  # words from a detriment to "by <someone>" naming who did it


#: Words before "told the landing ..." that leave staff (named earlier) as who told.
_STAFF_GO_ON = frozenset({"they", "they've", "theyve", "they'd", "then", "and", "also", "have"})


def exposures(doc: Document, people: list[Hit], topic: set[int]) -> list[Hit]:
    """Others told the person informed, by staff: a member of staff named before it in the
    sentence, or "they" / a sentence starting with the telling; never the person's own
    telling ("I told the lads I'd written to the Board", "he had told other men") nor another
    prisoner's."""
    return [
        p
        for p in people
        if p.label == "exposed" and p.first not in topic and _told_by_staff(doc, p, people)
    ]


def _told_by_staff(doc: Document, hit: Hit, people: list[Hit]) -> bool:
    if said_by_peer(doc, hit, people):
        return False
    sent = doc.sentences[hit.first]
    if any(
        p.label == "staff" and p.last < hit.first and doc.sentences[p.first] == sent for p in people
    ):
        return True
    return (
        hit.first == 0
        or doc.sentences[hit.first - 1] != sent
        or doc.words[hit.first - 1] in _STAFF_GO_ON
    )


def read_exposures(doc: Document, facts: Facts, exposures: list[Hit], people: list[Hit]) -> None:
    """Telling others the person is an informant is psychological abuse; done with the person
    there ("in front of him", "while I stood there"), humiliation too (eval README)."""
    present = {doc.sentences[p.first] for p in people if p.label == "present"}
    for hit in exposures:
        as_psych = replace(hit, lexicon="categories", label=SanctionCategory.PSYCHOLOGICAL_ABUSE)
        facts.categories.setdefault(SanctionCategory.PSYCHOLOGICAL_ABUSE, []).append(as_psych)
        if doc.sentences[hit.first] in present:
            public = replace(
                as_psych,
                label=SanctionCategory.HUMILIATION,
                stands_for="marked out as an informant in front of others",
            )
            facts.categories.setdefault(SanctionCategory.HUMILIATION, []).append(public)


def said_by_peer(doc: Document, hit: Hit, people: list[Hit]) -> bool:
    """Whether another prisoner, not staff, did this: the agent of a passive ("threatened by
    other prisoners") if there is one, else the nearest person named before ``hit``."""
    sent = doc.sentences[hit.first]
    actors = [p for p in people if p.label in ("staff", "peer") and doc.sentences[p.first] == sent]
    agents = [
        p
        for p in actors
        if 0 < p.first - hit.last <= _AGENT_REACH and doc.words[p.first - 1] == "by"
    ]
    if agents:
        return min(agents, key=lambda p: p.first).label == "peer"
    before = [p for p in actors if p.last < hit.first]
    return bool(before) and max(before, key=lambda p: p.last).label == "peer"
