"""Turn raw vocabulary hits into the facts the decision rules use.

Three kinds of scope are applied here, all measured in words of the document:

- a *topic* ("told the IMB about the showers"): what a contact was about is not a detriment;
- a *threat* ("if you go to the Board again you'll be shipped out"): the act is threatened, not
  done, so only ``threats`` counts for that clause;
- a *denial* ("nothing to do with the Board"): the body it names does not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from intake.classifier.addressee import addressed_contacts
from intake.classifier.denials import standing_denials
from intake.classifier.document import Document
from intake.classifier.matcher import Hit
from intake.core.vocabulary import Body, SanctionCategory

_TOPIC_REACH = 6  # words between a contact and "about"
_TOPIC_SPAN = 12  # longest topic masked
_DENIAL_REACH = 12  # words after a contact denial whose bodies do not count
_LINK_SENTENCES = 2  # a link counts within this many sentences of a body
_FORWARD_REACH = 10  # words from "since" / "because" to the contact it introduces
#: Words that open a new statement after "and" (a threat's list of acts stops there).
_NEW_SUBJECT = frozenset(
    {"i", "i'm", "im", "i've", "ive", "he", "he's", "hes", "she", "she's", "shes", "they"}
    | {"they're", "theyre", "they've", "we", "we're", "you", "it", "it's", "its", "then", "now"}
    | {"the", "my", "his", "her", "their", "officers", "staff", "screws", "this", "that"}
)
_AGENT_REACH = 3  # words from a detriment to "by <someone>" naming who did it
# An insult or threat from another prisoner is not a staff sanction (an assault staff permit is).
_PEER_EXCLUDED = frozenset({SanctionCategory.VERBAL_ABUSE, SanctionCategory.THREATS})
# Threatened acts: these categories in a threat's clause are not counted as done.
_THREATENABLE = frozenset(SanctionCategory) - {
    SanctionCategory.THREATS,
    SanctionCategory.PSYCHOLOGICAL_ABUSE,
    SanctionCategory.VERBAL_ABUSE,
}


@dataclass(slots=True)
class Facts:
    """Everything the decision needs, each fact with the hits it rests on."""

    bodies: dict[Body, list[Hit]] = field(default_factory=dict)
    vague: list[Hit] = field(default_factory=list)
    others: list[Hit] = field(default_factory=list)
    links: list[Hit] = field(default_factory=list)
    categories: dict[SanctionCategory, list[Hit]] = field(default_factory=dict)
    denials: list[Hit] = field(default_factory=list)
    contact_denials: list[Hit] = field(default_factory=list)
    prospective: list[Hit] = field(default_factory=list)
    doubts: list[Hit] = field(default_factory=list)
    risks: list[Hit] = field(default_factory=list)
    #: Indirect cues that a person should be asked about risk now (``possible:*`` in risk.yaml).
    possible_risks: list[Hit] = field(default_factory=list)
    deaths: list[Hit] = field(default_factory=list)
    out_of_scope: list[Hit] = field(default_factory=list)
    whistle_speaker: list[Hit] = field(default_factory=list)
    whistle_fear: list[Hit] = field(default_factory=list)
    #: A prisoner or detainee speaking of their own custody ("my cell", "I'm on basic").
    prisoner_voice: list[Hit] = field(default_factory=list)
    imb_person: list[Hit] = field(default_factory=list)
    imb_complaint: list[Hit] = field(default_factory=list)
    staff: list[Hit] = field(default_factory=list)
    #: The prisoner a staff member's note is about ("Pr J.", "a boy told her").
    subjects: list[Hit] = field(default_factory=list)
    children: list[Hit] = field(default_factory=list)
    severity: list[Hit] = field(default_factory=list)
    past: list[Hit] = field(default_factory=list)
    #: "No risk" said outright ("I'm not going to hurt myself", "it's healed").
    risk_denials: list[Hit] = field(default_factory=list)
    #: Categories the rules read only as threatened or as what a contact was about, never as
    #: done ("if you go to the Board you'll be shipped out"; "I told the IMB about my visits").
    not_done: set[SanctionCategory] = field(default_factory=set)
    #: Risk cues set aside: in a sentence about the past or a death, or in a clause saying no risk.
    risks_set_aside: list[Hit] = field(default_factory=list)


def read_facts(doc: Document, hits: dict[str, list[Hit]]) -> Facts:
    """Apply scopes and filters to the hits of every vocabulary file."""
    links = hits.get("links", [])
    bodies_lex = hits.get("bodies", [])
    negation = _by_label(hits.get("negation", []))
    categories_lex = hits.get("categories", [])
    facts = Facts()
    facts.denials = standing_denials(doc, negation.get("denial", []))
    facts.contact_denials = negation.get("contact_denial", [])
    facts.prospective = negation.get("prospective", [])
    facts.doubts = negation.get("doubt", [])
    facts.past = negation.get("past", [])
    facts.risk_denials = negation.get("risk_denial", [])
    topic = _topic_mask(doc, links, bodies_lex)
    _read_bodies(doc, facts, bodies_lex, negation.get("body_doubt", []))
    facts.links = _links_near_contacts(doc, facts, links)
    _read_routes(facts, hits.get("routes", []))
    _read_categories(doc, facts, categories_lex, hits.get("staff", []), topic)
    _read_harm_denials(facts, standing_denials(doc, negation.get("harm_denial", [])))
    facts.links += _threats_naming_contact(doc, facts)
    people = _by_label(hits.get("staff", []))
    facts.staff = people.get("staff", [])
    facts.subjects = people.get("subject", [])
    facts.children = people.get("child", [])
    risks = _read_risks(doc, facts, hits.get("risk", []), negation, topic)
    facts.risks = [h for h in risks if not h.label.startswith("possible:")]
    facts.possible_risks = [h for h in risks if h.label.startswith("possible:")]
    facts.severity = [h for h in hits.get("severity", []) if h.first not in topic]
    return facts


def _read_harm_denials(facts: Facts, denials: list[Hit]) -> None:
    """ "No one's touched me" takes away physical abuse only; with nothing else, it is a denial."""
    if not denials:
        return
    facts.categories.pop(SanctionCategory.PHYSICAL_ABUSE, None)
    if not facts.categories:
        facts.denials += denials


def _by_label(hits: list[Hit]) -> dict[str, list[Hit]]:
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.label, []).append(hit)
    return grouped


def _clause_end(doc: Document, index: int, limit: int) -> int:
    """Last word of the clause holding word ``index``, at most ``limit`` words on."""
    clause = doc.clauses[index]
    last = index
    while last + 1 < len(doc) and doc.clauses[last + 1] == clause and last - index < limit:
        last += 1
    return last


def _clause_start(doc: Document, index: int) -> int:
    clause = doc.clauses[index]
    first = index
    while first > 0 and doc.clauses[first - 1] == clause:
        first -= 1
    return first


def _topic_mask(doc: Document, links: list[Hit], bodies: list[Hit]) -> set[int]:
    """Words that say what a contact was about, or why it was made.

    "told the IMB about the showers" and "wrote to the Ombudsman because they stopped my visits"
    describe the reason for the contact, not a detriment that followed it.
    """
    named = [h for h in bodies if not h.label.startswith("addressee:")]  # "Dear IMB" is no contact
    contacts = _by_sentence(doc, [h for h in links if h.label == "link:attempt"] + named)
    mask: set[int] = set()
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
            mask.update(range(i, _clause_end(doc, i, _TOPIC_SPAN) + 1))
            break
    return mask


def _read_bodies(doc: Document, facts: Facts, hits: list[Hit], doubts: list[Hit]) -> None:
    denied: set[int] = set()
    for cue in facts.contact_denials:
        sent = doc.sentences[cue.first]
        stop = min(len(doc) - 1, cue.last + _DENIAL_REACH)
        denied.update(j for j in range(cue.first, stop + 1) if doc.sentences[j] == sent)
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
            facts.vague.append(hit)
        elif hit.label.startswith("other:"):
            facts.others.append(hit)
    for body, hit in addressed_contacts(hits, denied | wanted):
        facts.bodies.setdefault(body, []).append(hit)
    # Keep only the "wants to contact" cues that actually held a body back (for the evidence).
    facts.prospective = [
        cue
        for cue in facts.prospective
        if any(h.label.startswith("body:") and cue.first <= h.first <= cue.last for h in hits)
    ]
    # A vague word beside another named contact ("made a complaint to my MP") is that contact.
    other_clauses = {doc.clauses[h.first] for h in facts.others}
    facts.vague = [
        h for h in facts.vague if h.label != "vague" or doc.clauses[h.first] not in other_clauses
    ]


def _by_sentence(doc: Document, hits: list[Hit]) -> dict[int, list[Hit]]:
    grouped: dict[int, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(doc.sentences[hit.first], []).append(hit)
    return grouped


def _links_near_contacts(doc: Document, facts: Facts, links: list[Hit]) -> list[Hit]:
    """Link cues that point at a contact: forward ("since I saw the IMB"), back ("since then"
    after a contact), or naming it themselves ("for grassing", a remark), near a body."""
    named = [h for hs in facts.bodies.values() for h in hs] + facts.vague
    contacts = _by_sentence(
        doc, named + [h for h in links if h.label in ("contact", "link:attempt")]
    )
    named_sentences = {doc.sentences[h.first] for h in named}
    reach = range(-_LINK_SENTENCES, _LINK_SENTENCES + 1)
    near = []
    for hit in links:
        if not hit.label.startswith("link:"):
            continue
        sent = doc.sentences[hit.first]
        if hit.label != "link:remark" and not any(sent + d in named_sentences for d in reach):
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
    return near


def _threats_naming_contact(doc: Document, facts: Facts) -> list[Hit]:
    """A threat in the same sentence as a contact ("go to the Board again and ...") is a link."""
    contact_sentences = {doc.sentences[h.first] for hs in facts.bodies.values() for h in hs}
    contact_sentences |= {doc.sentences[h.first] for h in facts.vague}
    return [
        replace(hit, stands_for="a threat tied to the contact")
        for hit in facts.categories.get(SanctionCategory.THREATS, [])
        if doc.sentences[hit.first] in contact_sentences
    ]


def _threat_masks(doc: Document, threats: list[Hit]) -> tuple[set[int], set[int]]:
    """(whole clauses holding a threat, words from each threat to its clause end)."""
    clauses: set[int] = set()
    after: set[int] = set()
    for hit in threats:
        end = _threat_end(doc, hit.last)
        clauses.update(range(_clause_start(doc, hit.first), end + 1))
        after.update(range(hit.first, end + 1))
    return clauses, after


def _threat_end(doc: Document, index: int) -> int:
    """Last word a threat reaches: its clause, and any "and ..." / "or ..." that goes on
    listing what was threatened ("I'll be down the block and shipped out") rather than
    starting a new sentence of its own ("and they moved me")."""
    end = _clause_end(doc, index, 40)
    while (
        end + 2 < len(doc)
        and doc.words[end + 1] in ("and", "or")
        and doc.sentences[end + 1] == doc.sentences[index]
        and doc.words[end + 2] not in _NEW_SUBJECT
    ):
        end = _clause_end(doc, end + 1, 40)
    return end


def _read_categories(
    doc: Document, facts: Facts, hits: list[Hit], people: list[Hit], topic: set[int]
) -> None:
    facts.not_done |= {SanctionCategory(h.label) for h in hits if h.first in topic}
    hits = [h for h in hits if h.first not in topic]
    # A member of staff's fear for their own job ("she'll be finished here if she writes it up")
    # is the whistleblower's, not a threat to the prisoner.
    fear = {doc.sentences[h.first] for h in facts.whistle_fear}
    hits = [
        h
        for h in hits
        if h.label != SanctionCategory.THREATS
        or (doc.sentences[h.first] not in fear and not _own_fear(doc, facts, h))
    ]
    threats = [h for h in hits if h.label == SanctionCategory.THREATS]
    threat_clauses, threat_after = _threat_masks(doc, threats)
    exposures = _exposures(doc, people, topic)
    _read_exposures(doc, facts, exposures, people)
    # Insults and threats from other prisoners count when staff tolerate or stir them up
    # (telling others the person informed sets them on the person).
    tolerated = bool(exposures) or any(p.label == "tolerated" for p in people)
    threatened: list[Hit] = []
    for hit in hits:
        category = SanctionCategory(hit.label)
        if category in _THREATENABLE and hit.first in threat_clauses:
            facts.not_done.add(category)
            threatened.append(hit)
            continue
        if category is SanctionCategory.VERBAL_ABUSE and hit.first in threat_after:
            continue
        if category in _PEER_EXCLUDED and not tolerated and _said_by_peer(doc, hit, people):
            continue
        facts.categories.setdefault(category, []).append(hit)
    facts.not_done -= set(facts.categories)
    _drop_carried_out(doc, facts, threatened)
    _drop_punished_nickings(doc, facts)


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
    if kept:
        facts.categories[SanctionCategory.PSYCHOLOGICAL_ABUSE] = kept
    else:
        del facts.categories[SanctionCategory.PSYCHOLOGICAL_ABUSE]


#: How a staff member's note speaks of what may happen to its writer ("she'll be moved", "if I
#: report it I'll ..."): in a whistleblower's account these are their own fears.
_OWN_FUTURE = frozenset({"she'll", "she'd", "i'll", "i'd", "if", "she"})


def _own_fear(doc: Document, facts: Facts, threat: Hit) -> bool:
    """In a staff member's account, a threat phrase about the writer (she, I) is their fear."""
    if not facts.whistle_speaker:
        return False
    first = doc.words[threat.first]
    if first == "if" and threat.first + 1 < len(doc):
        first = doc.words[threat.first + 1]
    return first in _OWN_FUTURE - {"if"} or first == "i"


def _drop_carried_out(doc: Document, facts: Facts, threatened: list[Hit]) -> None:
    """A threat whose act was then done is labelled by the act ("talk to the Board again and
    you'll be on the van" ... "two days later he was moved"): the threat no longer counts. A
    threat told after the act ("dropped to standard; one more word and he'd be on basic") is a
    further threat and stays."""
    threats = facts.categories.get(SanctionCategory.THREATS)
    if not threats or not threatened:
        return
    kept = []
    for threat in threats:
        reach = range(_clause_start(doc, threat.first), _threat_end(doc, threat.last) + 1)
        acts = {SanctionCategory(h.label) for h in threatened if h.first in reach}
        done_later = any(h.first > reach[-1] for c in acts for h in facts.categories.get(c, ()))
        if not done_later:
            kept.append(threat)
    if kept:
        facts.categories[SanctionCategory.THREATS] = kept
    else:
        del facts.categories[SanctionCategory.THREATS]


#: Words before "told the landing ..." that leave staff (named earlier) as who told.
_STAFF_GO_ON = frozenset({"they", "they've", "theyve", "they'd", "then", "and", "also", "have"})


def _exposures(doc: Document, people: list[Hit], topic: set[int]) -> list[Hit]:
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
    if _said_by_peer(doc, hit, people):
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


def _read_exposures(doc: Document, facts: Facts, exposures: list[Hit], people: list[Hit]) -> None:
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


def _said_by_peer(doc: Document, hit: Hit, people: list[Hit]) -> bool:
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


def _read_routes(facts: Facts, hits: list[Hit]) -> None:
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


_NEEDS_PRESENT = ("risk:injury", "risk:medical", "risk:self_harm")
_NEEDS_HARM = ("soon",)  # "tonight" only beside a harm in the same sentence


def _read_risks(
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
    kept = []
    for hit in hits:
        sent = doc.sentences[hit.first]
        if hit.first in topic:
            continue
        if doc.clauses[hit.first] in denied_clauses or sent in death_sentences:
            facts.risks_set_aside.append(hit)
            continue
        if hit.label in _NEEDS_PRESENT and sent in past_sentences:
            facts.risks_set_aside.append(hit)
            continue
        if hit.label in _NEEDS_HARM and sent not in harm_sentences:
            continue
        kept.append(hit)
    return kept
