"""The decision: qualifies, route, immediate risk and severity, from the facts.

Qualifies (eval README): ``yes`` needs a named body, a link and a detriment; ``unclear`` when
the body is vague, or named but the link is doubted or not given; ``no`` otherwise, including
denials and detriments after contact with someone else. Routes take the first rule that fits:
death, out of scope, whistleblowing, IMB member complaint, the protocol, safer custody, complaint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.classifier.document import Document
from intake.classifier.facts import ACCEPTED, Facts
from intake.classifier.facts.scope import sentences_of
from intake.classifier.hits import Hit
from intake.classifier.lexicon import SeverityRules
from intake.classifier.result import Setting
from intake.core.vocabulary import Body, Qualifies, Route, SanctionCategory, Severity

_PREEMPTING = (Route.OUT_OF_SCOPE, Route.WHISTLEBLOWING, Route.IMB_MEMBER_COMPLAINT)


@dataclass(slots=True)
class Decision:
    qualifies: Qualifies
    categories: list[SanctionCategory]
    bodies: list[Body]
    route: Route
    immediate_risk: bool
    severity: Severity
    #: Why qualifies came out as it did: a short key the rationale is written from.
    reason: str
    missing: list[str] = field(default_factory=list)
    #: Ask about risk now: a clear risk, or an indirect cue of one (never less than the risk).
    possible_risk: bool = False
    #: The route is whistleblowing because the learned second opinion read a staff member's
    #: own fear where the rules did not.
    learned_route: bool = False
    #: The route is Safer Custody because the learned second opinion read a risk in a complaint.
    learned_urgency: bool = False
    #: Detriments the rules read that the learned second opinion set aside (it read each very
    #: unlikely, and the rules read another that still stands).
    set_aside: list[SanctionCategory] = field(default_factory=list)
    #: The hits the decision rests on (for evidence), beyond bodies and categories.
    basis: list[Hit] = field(default_factory=list)


def decide(doc: Document, facts: Facts, setting: Setting, rules: SeverityRules) -> Decision:
    qualifies, reason = _qualifies(facts)
    route = _route(doc, facts, setting, qualifies)
    # A complaint about an IMB member whose breach led staff to punish the person still
    # qualifies (route rule 4 comes first); one about the member's manner alone does not.
    member_led = route is Route.IMB_MEMBER_COMPLAINT and qualifies is not Qualifies.NO
    if route in _PREEMPTING and not member_led and not _staff_report_of_sanction(doc, facts, route):
        qualifies = Qualifies.NO
        reason = route.value
    if route is Route.DEATH_IN_CUSTODY:  # the PPO investigates every death, not as a sanction
        qualifies = Qualifies.NO
        reason = "death"
    categories = [c for c in SanctionCategory if c in facts.categories]
    if qualifies is Qualifies.NO:
        categories = []
    risk = bool(facts.risks)
    possible = risk or bool(facts.possible_risks)
    if route is not Route.SANCTION_PROTOCOL and qualifies is Qualifies.NO:
        route = _fallback_route(route, risk)
    bodies = [b for b in Body if b in facts.bodies]
    severity = _severity(facts, setting, rules, categories, risk)
    missing = _missing(facts, route, categories)
    return Decision(qualifies, categories, bodies, route, risk, severity, reason, missing, possible)


def _qualifies(facts: Facts) -> tuple[Qualifies, str]:
    if not facts.categories:
        return Qualifies.NO, "no_detriment" if (facts.bodies or facts.vague) else "no_contact"
    if facts.denials:
        if facts.bodies and facts.doubts and all(d.stands_for == ACCEPTED for d in facts.denials):
            # "fair enough, so it might be that. I just don't know": a cause half accepted
            # and then doubted is a cause the person cannot choose between.
            return Qualifies.UNCLEAR, "doubt"
        return Qualifies.NO, "denial"
    if facts.bodies:
        if facts.doubts:
            return Qualifies.UNCLEAR, "doubt"
        if facts.links:
            return Qualifies.YES, "yes"
        if facts.links_elsewhere:  # what followed, followed the contact with someone else
            return Qualifies.NO, "linked_elsewhere"
        return Qualifies.UNCLEAR, "no_link"
    if facts.vague:
        if facts.links:
            return Qualifies.UNCLEAR, "vague_body"
        return Qualifies.NO, "vague_no_link"
    if facts.others:
        return Qualifies.NO, "other_contact"
    return Qualifies.NO, "no_contact"


def _route(doc: Document, facts: Facts, setting: Setting, qualifies: Qualifies) -> Route:
    if facts.deaths:
        return Route.DEATH_IN_CUSTODY
    if setting.out_of_scope_place or _out_of_scope(doc, facts, qualifies):
        return Route.OUT_OF_SCOPE
    if facts.whistle_fear and facts.whistle_speaker:
        return Route.WHISTLEBLOWING
    if _imb_member_complaint(doc, facts):
        return Route.IMB_MEMBER_COMPLAINT
    if qualifies is not Qualifies.NO:
        return Route.SANCTION_PROTOCOL
    return Route.COMPLAINT


def _staff_report_of_sanction(doc: Document, facts: Facts, route: Route) -> bool:
    """A whistleblower's note that also tells of a prisoner's sanction (the prisoner named in
    the detriment's sentence or up to three before: "Pr J." ends a sentence, "he" follows)
    keeps its qualifies; the route stays whistleblowing (rule 3 comes first)."""
    return route is Route.WHISTLEBLOWING and prisoner_in_sanction(doc, facts)


def prisoner_in_sanction(doc: Document, facts: Facts) -> bool:
    """A prisoner named (``subject``) in a detriment's sentence or up to three before it."""
    named = {doc.sentences[h.first] + d for h in facts.subjects for d in range(4)}
    return any(doc.sentences[h.first] in named for hs in facts.categories.values() for h in hs)


def _fallback_route(route: Route, risk: bool) -> Route:
    """A complaint with a clear risk in it goes to Safer Custody today. A possible risk alone
    does not move it: staff are asked to ask, and most complaints in the labelled sets with an
    indirect cue stay complaints (dev2 holds 9 safer-custody items to 53 complaints)."""
    if route is Route.COMPLAINT and risk:
        return Route.SAFER_CUSTODY
    return route


def _out_of_scope(doc: Document, facts: Facts, qualifies: Qualifies) -> bool:
    """A place outside the protocol, unless it is only the past of a qualifying account: not
    where its sanction happened ("when I was up in Addiewell last year the screws stuck me in
    the digger after I spoke to the inspectors")."""
    if not facts.out_of_scope:
        return False
    if qualifies is not Qualifies.YES:
        return True
    past = {doc.sentences[h.first] for h in facts.past}
    done = sentences_of(doc, facts.categories.values())
    contacted = sentences_of(doc, facts.bodies.values())
    return any(
        doc.sentences[h.first] not in past or doc.sentences[h.first] in done & contacted
        for h in facts.out_of_scope
    )


def _imb_member_complaint(doc: Document, facts: Facts) -> bool:
    return any(
        abs(doc.sentences[p.first] - doc.sentences[c.first]) <= 1
        for p in facts.imb_person
        for c in facts.imb_complaint
    )


def _severity(
    facts: Facts,
    setting: Setting,
    rules: SeverityRules,
    categories: list[SanctionCategory],
    risk: bool,
) -> Severity:
    cues = {h.label.split(":", 1)[1] for h in facts.severity}
    cats = set(categories)
    child = (
        setting.under_18
        or bool(facts.children)
        or (
            setting.establishment_type is not None
            and setting.establishment_type.value in rules.exceptional_establishments
        )
    )
    exceptional = (
        len(cats) >= rules.exceptional_min_categories
        or (SanctionCategory.PHYSICAL_ABUSE in cats and "injury" in cues)
        or (SanctionCategory.HUMILIATION in cats and "sexualised" in cues)
        or (SanctionCategory.ENTITLEMENTS in cats and "urgent_medical" in cues)
        or (bool(cats) and child)
        or ("threat_to_life" in cues and (bool(cats) or risk))
        or ("urgent_medical" in cues and risk and not cats)
    )
    if exceptional:
        return Severity.EXCEPTIONAL
    serious = set(rules.serious_categories)
    if len(cats) >= rules.serious_min_categories or cats & serious or risk:
        return Severity.SERIOUS
    return Severity.STANDARD


def _missing(facts: Facts, route: Route, categories: list[SanctionCategory]) -> list[str]:
    if route is Route.DEATH_IN_CUSTODY or route in _PREEMPTING:
        return []
    missing = []
    if not facts.bodies:
        missing.append("body")
    if not facts.links or facts.doubts or not (facts.bodies or facts.vague):
        missing.append("link")
    if not facts.staff:
        missing.append("staff_act")
    if not facts.categories:
        missing.append("detriment")
    return missing
