"""Turn raw vocabulary hits into the facts the decision rules use.

Scopes are measured in words of the document and applied by concept:

- ``contacts``: who was contacted (a letter's "you" is its addressee), a *topic* ("told the IMB
  about the showers") is not a detriment, a *denial* ("nothing to do with the Board") takes the
  body away, and links count near a contact;
- ``detriments``: a *threat* ("if you go to the Board again you'll be shipped out") is
  threatened, not done, unless the act then follows; a nicking's stated punishment; a staff
  writer's own fears; "no one's touched me" denies harm only;
- ``people``: staff telling other prisoners the person informed, and other prisoners' words;
- ``risks``: routes read from the vocabulary, and risks set aside (past, denied, about a death).
"""

from __future__ import annotations

from intake.classifier.denials import standing_denials
from intake.classifier.document import Document
from intake.classifier.facts.chronology import (
    Dates,
    deaths_in_reach_of_release,
    detriments_before_contact,
    drop_detriments_dated_before_contact,
    links_by_dates,
    links_by_weekdays,
)
from intake.classifier.facts.contacts import (
    interference_with_contact,
    links_near_contacts,
    pressure_to_withdraw,
    read_bodies,
    topic_mask,
)
from intake.classifier.facts.detriments import HARM_DENIAL, read_categories, read_harm_denials
from intake.classifier.facts.model import Facts
from intake.classifier.facts.remarks import outside_remarks, remarks_naming_a_body
from intake.classifier.facts.risks import read_risks, read_routes
from intake.classifier.facts.scope import by_label, sentences_of
from intake.classifier.facts.threats import HARM, threats_naming_contact, threats_naming_harm
from intake.classifier.hits import Hit
from intake.core.vocabulary import SanctionCategory

__all__ = ["Facts", "read_facts"]


#: A denial that accepts a cause ("fair enough", "my own fault"): it denies the detriment it is
#: said of, in its own sentence or the one before, not another further on.
ACCEPTED = "the person accepts the cause"


def _accepted_elsewhere(doc: Document, facts: Facts) -> None:
    """Keep the denials that deny what is told. An accepted cause said of no detriment near it
    denies nothing; one said of a warning in its own sentence, with no act done there ("he said
    if I punch the door again I'm down the block, but that's fair"), accepts the warning, which
    is then no threat either: the detriments told elsewhere stand."""
    kept = []
    for denial in facts.denials:
        if denial.stands_for != ACCEPTED:
            kept.append(denial)
            continue
        sent = doc.sentences[denial.first]
        if _accepts_a_warning(doc, facts, denial):
            _drop_threats_in(doc, facts, sent)
            continue
        if sentences_of(doc, facts.categories.values()) & {sent, sent - 1}:
            kept.append(denial)
    facts.denials = kept


def _accepts_a_warning(doc: Document, facts: Facts, denial: Hit) -> bool:
    sent = doc.sentences[denial.first]
    acts = [hs for c, hs in facts.categories.items() if c is not SanctionCategory.THREATS]
    if sent in sentences_of(doc, acts):
        return False
    return any(doc.words[j] == "if" and doc.sentences[j] == sent for j in range(denial.first))


def _drop_threats_in(doc: Document, facts: Facts, sent: int) -> None:
    threats = facts.categories.get(SanctionCategory.THREATS, [])
    facts.keep(SanctionCategory.THREATS, [h for h in threats if doc.sentences[h.first] != sent])


def _denials_before_what_followed(doc: Document, facts: Facts) -> list[Hit]:
    """A cause accepted of what came first ("I got moved after a fight, my own fault") does not
    deny a detriment told after it with its own link to the contact ("... since I saw the Board
    the SO calls me a snitch"): it stands only if no linked detriment follows it in a later
    sentence. Other denials stand as they are (set aside this way, they lost "no" accounts)."""
    linked = {doc.sentences[link.first] for link in facts.links}
    acts = sentences_of(doc, facts.categories.values())
    kept = []
    for denial in facts.denials:
        after = doc.sentences[denial.last]
        if denial.stands_for != ACCEPTED or not any(s > after and s in linked for s in acts):
            kept.append(denial)
    return kept


def read_facts(doc: Document, hits: dict[str, list[Hit]]) -> Facts:
    """Apply scopes and filters to the hits of every vocabulary file."""
    links = hits.get("links", [])
    bodies_lex = hits.get("bodies", [])
    negation = by_label(hits.get("negation", []))
    categories_lex = threats_naming_harm(
        doc, hits.get("categories", []), bodies_lex, hits.get("staff", [])
    )
    facts = Facts()
    topic = topic_mask(doc, links, bodies_lex, hits.get("staff", []))
    facts.denials = standing_denials(doc, negation.get("denial", []))
    facts.contact_denials = outside_remarks(
        doc, negation.get("contact_denial", []), hits.get("staff", [])
    )
    facts.prospective = negation.get("prospective", [])
    facts.doubts = negation.get("doubt", [])
    facts.past = negation.get("past", [])
    facts.risk_denials = negation.get("risk_denial", []) + negation.get("healed", [])
    read_bodies(doc, facts, bodies_lex, negation.get("body_doubt", []))
    facts.links, facts.links_elsewhere = links_near_contacts(doc, facts, links, topic)
    read_routes(facts, hits.get("routes", []))
    harms = [h for h in hits.get("categories", []) if h.label == HARM]
    defied = [h for h in links if h.label == "defied"]
    read_categories(doc, facts, categories_lex, hits.get("staff", []), topic, harms, defied)
    harm_denials = [
        h for label, hs in negation.items() if label.startswith(HARM_DENIAL) for h in hs
    ]
    harm_denials.sort(key=lambda h: (h.first, h.last))
    read_harm_denials(facts, standing_denials(doc, harm_denials))
    _accepted_elsewhere(doc, facts)
    facts.links += threats_naming_contact(doc, facts)
    dates = Dates(doc)
    drop_detriments_dated_before_contact(doc, facts, dates)
    facts.links += links_by_dates(doc, facts, dates)
    facts.links += links_by_weekdays(doc, facts)
    facts.links += interference_with_contact(doc, facts)
    facts.links += pressure_to_withdraw(doc, facts)
    people = by_label(hits.get("staff", []))
    facts.staff = people.get("staff", [])
    facts.links += remarks_naming_a_body(doc, facts)
    facts.denials = _denials_before_what_followed(doc, facts)
    facts.denials += detriments_before_contact(doc, facts, dates)
    facts.subjects = people.get("subject", [])
    facts.children = people.get("child", [])
    risks = read_risks(doc, facts, hits.get("risk", []), negation, topic)
    facts.risks = [h for h in risks if not h.label.startswith("possible:")]
    facts.possible_risks = [h for h in risks if h.label.startswith("possible:")]
    facts.severity = [h for h in hits.get("severity", []) if h.first not in topic]
    # after the risks: a risk told in a death's sentence stays set aside either way
    facts.deaths = deaths_in_reach_of_release(doc, facts.deaths, dates)
    return facts
