"""Who was contacted and how it is linked to what followed.

- a *topic* ("told the IMB about the showers"): what a contact was about is not a detriment;
- a *denial* ("nothing to do with the Board"): the body it names does not count;
- a link counts near a contact: a reason, a time, or a remark naming it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from intake.classifier.addressee import addressed_contacts
from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.facts.scope import by_sentence, clause_end
from intake.classifier.hits import Hit
from intake.core.vocabulary import Body, SanctionCategory

_TOPIC_REACH = 6  # words between a contact and "about"


_TOPIC_SPAN = 12  # longest topic masked


_DENIAL_REACH = 12  # words after a contact denial whose bodies do not count


_LINK_SENTENCES = 2  # a link counts within this many sentences of a body


_FORWARD_REACH = 10  # words from "since" / "because" to the contact it introduces


_TOPIC_NEAR = 3  # words from "about" to another contact that is what something was about


def topic_mask(
    doc: Document, links: list[Hit], bodies: list[Hit], staff: Sequence[Hit] = ()
) -> set[int]:
    """Words that say what a contact was about, or why it was made.

    "told the IMB about the showers" and "wrote to the Ombudsman because they stopped my visits"
    describe the reason for the contact, not a detriment that followed it. A member of staff
    acting ends the topic ("about the showers the officer has called me ..."), unless the
    topic is that member of staff ("about the officer who restrained him").
    """
    subjects = _staff_subjects(doc, staff)
    named = [h for h in bodies if not h.label.startswith("addressee:")]  # "Dear IMB" is no contact
    contacts = by_sentence(doc, [h for h in links if h.label == "link:attempt"] + named)
    mask: set[int] = set()
    cues = {h.first for h in links if h.label.startswith("link:")}
    for i in _told_what(doc, bodies):  # what staff did is what the body was told ...
        told = range(i, _topic_end(doc, i, set()) + 1)
        if not cues.intersection(told):  # ... unless it is the sanction itself ("that since")
            mask.update(told)
    for cue in links:
        i = cue.first
        if cue.label not in ("topic", "link:forward") or i == 0:
            continue
        for c in contacts.get(doc.sentences[i], ()):
            if not 0 < i - c.last <= _TOPIC_REACH:
                continue
            # "because" must follow the contact's own clause; "about" may be a clause on.
            if cue.label == "link:forward" and doc.clauses[c.last] != doc.clauses[i - 1]:
                continue
            mask.update(range(i, _topic_end(doc, i, subjects) + 1))
            break
    return mask


#: Verbs of telling before a body whose "that" opens what the body was told ("told your
#: members that four officers held him face down"): the topic, not a detriment after it.
_TELLING = frozenset(
    {"told", "tell", "tells", "telling", "informed", "warned", "reported", "explained", "said"}
)
_TELLING_REACH = 4


#: Subjects that open what a body was told without "that", in the same clause: "told the
#: inspectors he is kept behind his door most of the day".
_REPORTED_SUBJECTS = frozenset({"he", "she", "i", "they", "we", "he's", "she's", "i'm", "they're"})


def _told_what(doc: Document, bodies: list[Hit]) -> list[int]:
    """Where "that" (or a subject in the same clause) follows a body told something: "told the
    IMB that ...", "told the inspectors he is kept behind his door"."""
    starts = []
    for body in bodies:
        i = body.last + 1
        if i >= len(doc) or doc.sentences[i] != doc.sentences[body.first]:
            continue
        reported = (
            body.label.startswith("body:")
            and doc.words[i] in _REPORTED_SUBJECTS
            and doc.clauses[i] == doc.clauses[body.last]
        )
        if doc.words[i] != "that" and not reported:
            continue
        before = doc.words[max(0, body.first - _TELLING_REACH) : i]  # "told your members"
        if _TELLING & set(before):
            starts.append(i)
    return starts


#: Words that start what followed a contact when no comma marks it ("rang the board about me
#: getting no education they moved me"; "if I go to the ombudsman about my review I'd be down
#: the block"), unless they open a clause the topic holds ("about how they stopped my visits").
_NEXT_CLAUSE = frozenset(
    {"they", "then", "i'd", "i'll", "you'd", "you'll", "he'd", "he'll", "she'd", "she'll"}
    | {"they've", "theyve", "they're", "theyre", "they'd", "they'll", "i've", "ive", "i'm", "im"}
)
_OPENS_TOPIC = frozenset({"about", "how", "what", "that", "when", "why", "where", "who", "re"})


#: Words before a member of staff that make them part of the topic ("about the officer",
#: "complained of staff"), and words after that describe rather than act ("the officer who").
_HOLDS_STAFF = _OPENS_TOPIC | {
    *("of", "to", "by", "with", "from", "for", "and", "or", "against", "in", "on", "at"),
    *("into", "onto", "over", "under", "all", "both", "whether", "way"),
}
_DESCRIBES_STAFF = frozenset({"who", "that", "which", "whose", "'s", "s"})
#: A possessive that opens a new subject after a noun ("... my son my phone credit"), not one
#: the topic holds ("with my son", "the way my cell was left").
_POSSESSIVES = frozenset({"my", "his", "her", "their"})
_DETERMINERS = frozenset({"the", "a", "an", "one", "two", "three", "some", "my", "his", "her"})


def _staff_subjects(doc: Document, staff: Sequence[Hit]) -> set[int]:
    """First words of staff named as the subject of a new clause ("... the officer refused")."""
    starts = set()
    for hit in staff:
        if hit.label != "staff":
            continue
        first = hit.first
        if first > 0 and doc.words[first - 1] in _DETERMINERS:
            first -= 1
        after = doc.words[hit.last + 1] if hit.last + 1 < len(doc) else ""
        if first > 0 and doc.words[first - 1] not in _HOLDS_STAFF and after not in _DESCRIBES_STAFF:
            starts.add(first)
    return starts


def _topic_end(doc: Document, start: int, subjects: set[int]) -> int:
    end = clause_end(doc, start, _TOPIC_SPAN)
    for j in range(start + 2, end + 1):
        if doc.words[j] in _NEXT_CLAUSE and doc.words[j - 1] not in _OPENS_TOPIC:
            return j - 1
        if j in subjects:
            return j - 1
        if doc.words[j] in _POSSESSIVES and doc.words[j - 1] not in _HOLDS_STAFF:
            return j - 1  # "about contact with my son my phone credit's been stuck"
    return end


#: Words after a contact denial that point back to a body already named ("the inspectors were
#: on the wing but he never spoke to them").
_BACK = frozenset({"them", "these", "those", "either", "both"})
#: "... nothing to do with it", "no part in it": "it" points back as well (not "hasn't seen it").
_BACK_BY_IT = frozenset({"with", "in", "into"})
#: ... unless it is a doubt: "might be nothing to do with it" (the link is for a person).
_HEDGES = frozenset({"might", "may", "could", "maybe", "probably", "possibly", "perhaps"})


def read_bodies(doc: Document, facts: Facts, hits: list[Hit], doubts: list[Hit]) -> None:
    denied: set[int] = set()
    for cue in facts.contact_denials:
        sent = doc.sentences[cue.first]
        stop = min(len(doc) - 1, cue.last + _DENIAL_REACH)
        denied.update(j for j in range(cue.first, stop + 1) if doc.sentences[j] == sent)
        back = doc.words[cue.last] == "it"  # "the Board and the inspectors don't come into it"
        after = doc.words[cue.last + 1] if cue.last + 1 < len(doc) else ""
        hedged = bool(_HEDGES & set(doc.words[max(0, cue.first - 3) : cue.first]))
        back = back or (after == "it" and doc.words[cue.last] in _BACK_BY_IT and not hedged)
        if back or after in _BACK:
            denied.update(j for j in range(cue.first) if doc.sentences[j] in (sent, sent - 1))
    doubted = {doc.sentences[h.first] for h in doubts}
    wanted = {j for cue in facts.prospective for j in range(cue.first, cue.last + 1)}
    for hit in hits:
        if hit.label.startswith("body:"):
            if hit.first in denied or hit.first in wanted:
                continue
            if doc.sentences[hit.first] in doubted:
                facts.vague.append(hit)
                continue
            facts.bodies.setdefault(Body(hit.label.split(":", 1)[1]), []).append(hit)
        elif hit.label == "vague":
            if hit.first not in denied and hit.first not in wanted:  # "thought about an app"
                facts.vague.append(hit)
        elif hit.label.startswith("other:"):
            facts.others.append(hit)
    for body, hit in addressed_contacts(hits, denied | wanted):
        facts.bodies.setdefault(body, []).append(hit)
    # "Her MP wrote ... She hasn't been in touch with the Board": the contact was the other
    # one, and an application or a letter in the account is not a contact with a body.
    if facts.contact_denials and facts.others and not facts.bodies:
        facts.vague = []
    # Keep only the "wants to contact" cues that actually held a body back (for the evidence).
    facts.prospective = [
        cue
        for cue in facts.prospective
        if any(h.label.startswith("body:") and cue.first <= h.first <= cue.last for h in hits)
    ]
    _namesakes_elsewhere(doc, facts)
    # A vague word beside another named contact ("made a complaint to my MP") is that contact.
    other_clauses = {doc.clauses[h.first] for h in facts.others}
    facts.vague = [
        h for h in facts.vague if h.label != "vague" or doc.clauses[h.first] not in other_clauses
    ]


def links_near_contacts(
    doc: Document, facts: Facts, links: list[Hit], topic: set[int] | frozenset[int] = frozenset()
) -> tuple[list[Hit], list[Hit]]:
    """Link cues that point at a contact: forward ("since I saw the IMB"), back ("since then"
    after a contact), or naming it themselves ("for grassing", a remark), near a body; and,
    apart, those that point at a contact with someone else."""
    named = [h for hs in facts.bodies.values() for h in hs] + facts.vague
    contacts = by_sentence(
        doc, named + [h for h in links if h.label in ("contact", "link:attempt")]
    )
    named_sentences = {doc.sentences[h.first] for h in named}
    about = [h.last for h in links if h.label == "topic"]
    others = [  # what a contact or a complaint was about is no contact: "about my legal letters"
        h
        for h in facts.others
        if h.first not in topic and not any(0 < h.first - a <= _TOPIC_NEAR for a in about)
    ]
    reach = range(-_LINK_SENTENCES, _LINK_SENTENCES + 1)
    near, elsewhere = [], []
    for hit in links:
        if not hit.label.startswith("link:"):
            continue
        sent = doc.sentences[hit.first]
        if hit.label != "link:remark" and not any(sent + d in named_sentences for d in reach):
            continue
        if _points_at_someone_else(doc, hit, contacts, others):
            elsewhere.append(hit)
            continue
        if hit.label == "link:forward" and not any(
            0 < c.first - hit.last <= _FORWARD_REACH for c in contacts.get(sent, ())
        ):
            continue
        if hit.label == "link:back" and not any(
            c.last < hit.first
            for back in range(_LINK_SENTENCES + 1)
            for c in contacts.get(sent - back, ())
        ):
            continue
        near.append(hit)
    return near, elsewhere


def _points_at_someone_else(
    doc: Document, link: Hit, contacts: dict[int, list[Hit]], others: list[Hit]
) -> bool:
    """A time or a reason that points at a contact with someone else only: "after he wrote to
    the Home Office" or "... emailed the Children's Commissioner. Since then": what followed
    followed that contact (eval README: "no"). Not when a body shares the other's sentence ("her
    advocate forwarded it to the ombudsman", "the inspectors or some charity")."""
    sent = doc.sentences[link.first]
    if link.label in ("link:forward", "link:cause"):
        ahead = [o for o in others if 0 < o.first - link.last <= _FORWARD_REACH]
        return bool(ahead) and not _beside(doc, contacts, sent, ahead, after=link.last)
    if link.label == "link:back":
        window = range(sent - _LINK_SENTENCES, sent + 1)
        before = [h for h in others if doc.sentences[h.first] in window and h.last < link.first]
        if not before:
            return False
        last = max(before, key=lambda h: h.last)
        behind = [c for s in window for c in contacts.get(s, ()) if c.last < link.first]
        if _beside(doc, contacts, doc.sentences[last.first], [last], after=-1):
            return False
        return all(
            c.last < last.first
            for c in behind
            if doc.sentences[c.first] != doc.sentences[last.first]
        )
    return False


def _beside(
    doc: Document, contacts: dict[int, list[Hit]], sent: int, others: list[Hit], after: int
) -> bool:
    """A body or a described one in ``sent`` (after word ``after``): the other is not alone."""
    return any(
        c.first > after and c.label.startswith(("body:", "vague", "addressee:"))
        for c in contacts.get(sent, ())
    )


#: Words naming the contact's own paper: a detriment done to it is done to the contact.
_THE_CONTACTS_PAPER = frozenset(
    {"letter", "letters", "reply", "replies", "app", "apps", "application", "applications"}
    | {"envelope", "envelopes", "form", "forms", "note", "complaint", "complaints", "post", "mail"}
)


def interference_with_contact(doc: Document, facts: Facts) -> list[Hit]:
    """Post stopped, opened or binned in the sentence naming a body or the one after ("I wrote
    to the ombudsman ... when the letter come back a officer opened it"): the detriment is done
    to the contact itself, so it is linked to it. Not the contact named as post ("his open PPO
    complaint"), nor a Board member's own handling of it (an IMB member complaint)."""
    limits = facts.categories.get(SanctionCategory.COMMUNICATION_LIMITS, [])
    if not limits or not facts.bodies or facts.imb_person or facts.imb_complaint:
        return []  # a Board member who would not take an application is no sanction
    bodies = [h for hs in facts.bodies.values() for h in hs]
    named = {doc.sentences[h.first] for h in bodies}
    return [
        _done_to_the_contact(hit, "the contact itself stopped")
        for hit in limits
        if {doc.sentences[hit.first], doc.sentences[hit.first] - 1} & named
        and any(w in _THE_CONTACTS_PAPER for w in doc.words[hit.first : hit.last + 1])
        and not any(hit.first <= b.first <= hit.last for b in bodies)  # "an open PPO complaint"
    ]


def _done_to_the_contact(hit: Hit, why: str) -> Hit:
    """A detriment done to the contact itself, read as the link to it."""
    return replace(hit, lexicon="links", label="link:contact", stands_for=why)


#: Words of pressure to undo a contact: "thought about withdrawing it", "drop the complaint".
_UNDOING = frozenset(
    {"withdraw", "withdrawing", "withdrew", "withdrawn", "retract", "retracting", "retracted"}
    | {"drop", "dropping", "dropped", "mistake"}
)


def pressure_to_withdraw(doc: Document, facts: Facts) -> list[Hit]:
    """Pressure to withdraw a complaint to a body named in its sentence or the two before ("her
    keyworker brings up her PPO complaint at every session, asks whether she's thought about
    withdrawing it"): the pressure is about the contact itself, so it is linked to it."""
    pressure = facts.categories.get(SanctionCategory.PSYCHOLOGICAL_ABUSE, [])
    if not pressure or not facts.bodies or facts.imb_complaint:
        return []
    named = {doc.sentences[h.first] for hs in facts.bodies.values() for h in hs}
    return [
        _done_to_the_contact(hit, "pressure to withdraw it")
        for hit in pressure
        if {doc.sentences[hit.first] - d for d in range(3)} & named
        and any(w in _UNDOING for w in doc.words[hit.first : hit.last + 1])
    ]


#: Another body of the same kind as a protocol body, and the words only the protocol body's own
#: name has: with the other named, "ombudsman" or "the monitors" alone means the other one.
_NAMESAKES = {
    "other:other_ombudsman": (Body.PPO, frozenset({"prisons", "prison", "ppo", "probation"})),
    "other:ima": (Body.IMB, frozenset({"board", "imb", "boards"})),
    "other:other_inspectorate": (Body.HMIP, frozenset({"hmip", "prisons", "prison", "majesty's"})),
}


def _namesakes_elsewhere(doc: Document, facts: Facts) -> None:
    """With another ombudsman named ("my mum complained to the Local Government Ombudsman"),
    a bare "ombudsman" ("staff call me 'ombudsman boy'") is that one, not the PPO; with the
    Independent Monitoring Authority named, "the monitors" are not an IMB."""
    for other in {h.label for h in facts.others} & set(_NAMESAKES):
        body, own_words = _NAMESAKES[other]
        named = facts.bodies.get(body, [])
        kept = [h for h in named if own_words & set(doc.words[h.first : h.last + 1])]
        if kept:
            facts.bodies[body] = kept
        else:
            facts.bodies.pop(body, None)
