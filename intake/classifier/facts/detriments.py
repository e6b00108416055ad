"""The detriments: what was done, not what was threatened or what a contact was about.

- a *threat* ("if you go to the Board again you'll be shipped out"): the act is threatened, not
  done, so only ``threats`` counts for that clause; a threat whose act was then done is the act;
- a nicking whose punishment is stated is that punishment;
- a staff writer's fear for themselves is not a threat to the prisoner;
- "no one's touched me" takes away physical abuse only.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.facts.people import exposures as find_exposures
from intake.classifier.facts.people import read_exposures, said_by_peer
from intake.classifier.facts.threats import (
    JOKING,
    OPENING_QUOTES,
    drop_carried_out,
    own_fear,
    threat_masks,
)
from intake.classifier.hits import Hit
from intake.core.vocabulary import SanctionCategory

# An insult or threat from another prisoner is not a staff sanction (an assault staff permit is).
_PEER_EXCLUDED = frozenset({SanctionCategory.VERBAL_ABUSE, SanctionCategory.THREATS})
#: Words between another prisoner and the assault they did ("another detainee punched him"):
#: nearer than the insults' reach, since "no other boys were out, and one of them grabbed him"
#: is staff.
_PEER_ASSAULT_REACH = 2


# Threatened acts: these categories in a threat's clause are not counted as done.
_THREATENABLE = frozenset(SanctionCategory) - {
    SanctionCategory.THREATS,
    SanctionCategory.PSYCHOLOGICAL_ABUSE,
    SanctionCategory.VERBAL_ABUSE,
}


#: A denial of one harm is labelled ``harm_denial:<category>`` (negation.yaml).
HARM_DENIAL = "harm_denial:"


def read_harm_denials(facts: Facts, denials: list[Hit]) -> None:
    """ "No one's touched me" takes away physical abuse only, "nobody has threatened him" threats
    only, "not claiming they've hurt me or threatened me" both (a hit of each); with nothing
    else, it is a denial."""
    if not denials:
        return
    for denial in denials:
        facts.categories.pop(SanctionCategory(denial.label.removeprefix(HARM_DENIAL)), None)
    if not facts.categories:
        facts.denials += denials


#: Words just before an act that say it was never done: "I've never been searched more,
#: never been moved, never lost a job". Not "not" or "haven't", which detriments are often said
#: with ("not given my meds", "haven't been given my post").
_NEVER = frozenset({"never", "nevr", "neva"})
_BEEN = frozenset({"been", "once", "ever", "got", "had", "being"})
#: Acts whose detriment is that they were not done: "never given", "never allowed".
_OMISSIONS = frozenset(
    {"given", "gave", "give", "allowed", "let", "fed", "had", "got", "received", "offered"}
    | {"seen", "called", "unlocked", "taken", "brought", "issued", "returned", "replaced"}
)


#: "Not" before "been" and an act: "he has not been threatened", "I've not been moved".
_NOT = frozenset({"not", "hasn't", "haven't", "hadn't", "hasnt", "havent", "aint", "ain't"})


def _never_done(doc: Document, hit: Hit) -> bool:
    """The act is said never to have happened: "never moved", "never once been searched", "has
    not been threatened"."""
    if doc.words[hit.first] in _OMISSIONS:
        return False  # "never given my meds" is the detriment itself
    j = hit.first - 1
    while j >= max(0, hit.first - 2) and doc.words[j] in _BEEN:
        j -= 1
    if j < 0:
        return False
    return doc.words[j] in _NEVER or (doc.words[j] in _NOT and doc.words[j + 1] == "been")


def _assault_by_peer(doc: Document, hit: Hit, people: list[Hit]) -> bool:
    """Another prisoner named just before the assault: "another detainee punched him"."""
    return any(
        p.label == "peer" and 0 < hit.first - p.last <= _PEER_ASSAULT_REACH for p in people
    ) and said_by_peer(doc, hit, people)


def read_categories(
    doc: Document,
    facts: Facts,
    hits: list[Hit],
    people: list[Hit],
    topic: set[int],
    harms: Sequence[Hit] = (),
    defied: Sequence[Hit] = (),
) -> None:
    facts.not_done |= {SanctionCategory(h.label) for h in hits if h.first in topic}
    hits = [h for h in hits if h.first not in topic and not _never_done(doc, h)]
    # A member of staff's fear for their own job ("she'll be finished here if she writes it up")
    # is the whistleblower's, not a threat to the prisoner.
    fear = {doc.sentences[h.first] for h in facts.whistle_fear}
    hits = [
        h
        for h in hits
        if h.label != SanctionCategory.THREATS
        or (doc.sentences[h.first] not in fear and not own_fear(doc, facts, h))
    ]
    jokes = set()
    if doc.holds_any(JOKING):
        jokes = {doc.sentences[j] for j, w in enumerate(doc.words) if w in JOKING}
    hits = [
        h
        for h in hits
        if h.label != SanctionCategory.THREATS or doc.sentences[h.first] not in jokes
    ]
    threats = [h for h in hits if h.label == SanctionCategory.THREATS]
    threat_clauses, threat_after = threat_masks(doc, threats)
    exposures = find_exposures(doc, people, topic)
    read_exposures(doc, facts, exposures, people)
    # Insults and threats from other prisoners count when staff tolerate or stir them up
    # (telling others the person informed sets them on the person).
    tolerated = bool(exposures) or any(p.label == "tolerated" for p in people)
    threatened: list[Hit] = []
    for hit in hits:
        if hit.stands_for == QUOTED_NAME and not _quote_follows(doc, hit):
            continue
        category = SanctionCategory(hit.label)
        if category in _THREATENABLE and hit.first in threat_clauses:
            facts.not_done.add(category)
            threatened.append(hit)
            continue
        if category is SanctionCategory.VERBAL_ABUSE and hit.first in threat_after:
            continue
        if category in _PEER_EXCLUDED and not tolerated and said_by_peer(doc, hit, people):
            continue
        peer_assault = category is SanctionCategory.PHYSICAL_ABUSE and not tolerated
        if peer_assault and _assault_by_peer(doc, hit, people):
            continue  # an assault by others counts when staff permit it (eval README)
        facts.categories.setdefault(category, []).append(hit)
    facts.not_done -= set(facts.categories)
    drop_carried_out(doc, facts, threatened, harms, defied)
    _drop_taunts(doc, facts)
    _drop_punished_nickings(doc, facts)
    _nicknames_before_others(doc, facts)


#: What a threat in the vocabulary's own words stands for (``categories.yaml``).
THREAT_WORD = "a threat of a sanction"


def _drop_taunts(doc: Document, facts: Facts) -> None:
    """What is said while force is used ("shoved me down the stairs ... 'mind how you go'") is
    part of the assault, not a threat of something more: a threat word in the sentence of an
    assault told before it, or the sentence after, is dropped."""
    threats = facts.categories.get(SanctionCategory.THREATS)
    force = facts.categories.get(SanctionCategory.PHYSICAL_ABUSE)
    if not threats or not force:
        return
    kept = [
        t
        for t in threats
        if t.stands_for != THREAT_WORD
        or not any(
            f.last < t.first and doc.sentences[t.first] - doc.sentences[f.first] in (0, 1)
            for f in force
        )
    ]
    facts.keep(SanctionCategory.THREATS, kept)


NICKNAME = "a nickname from the body contacted"
#: "calls him" with a name in quotes after it ("calls him 'donkey'") is name-calling.
QUOTED_NAME = "a name in quotes"


def _quote_follows(doc: Document, hit: Hit) -> bool:
    return doc.text[hit.end : hit.end + 3].lstrip().startswith(OPENING_QUOTES)


def _nicknames_before_others(doc: Document, facts: Facts) -> None:
    """A nickname from the body ("Board boy") is name-calling; said in front of others ("at the
    servery to laughs from the queue") it is humiliation, and only that."""
    verbal = facts.categories.get(SanctionCategory.VERBAL_ABUSE)
    shown = {doc.sentences[h.first] for h in facts.categories.get(SanctionCategory.HUMILIATION, ())}
    if not verbal or not shown:
        return
    kept = [h for h in verbal if h.stands_for != NICKNAME or doc.sentences[h.first] not in shown]
    facts.keep(SanctionCategory.VERBAL_ABUSE, kept)


NICKING = "a nicking after the contact, no punishment stated"


#: Punishments a nicking brings that, when stated, label it instead (eval README, "Nickings").
_PUNISHMENTS = frozenset(SanctionCategory) - {
    SanctionCategory.THREATS,
    SanctionCategory.PSYCHOLOGICAL_ABUSE,
    SanctionCategory.VERBAL_ABUSE,
}


def _drop_punished_nickings(doc: Document, facts: Facts) -> None:
    """A nicking whose punishment is stated in its sentence or the next ("nicked for a fight I
    wasn't in and I've lost enhanced") is labelled by the punishment, not as harassment."""
    hits = facts.categories.get(SanctionCategory.PSYCHOLOGICAL_ABUSE)
    if not hits:
        return
    near = {
        doc.sentences[h.first] + d
        for c in _PUNISHMENTS
        for h in facts.categories.get(c, ())
        for d in (0, -1)
    }
    kept = [h for h in hits if h.stands_for != NICKING or doc.sentences[h.first] not in near]
    facts.keep(SanctionCategory.PSYCHOLOGICAL_ABUSE, kept)
