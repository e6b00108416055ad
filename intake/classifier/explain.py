"""Evidence spans and the one-sentence rationale a supervisor reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from intake.classifier.document import Document
from intake.classifier.facts import Facts
from intake.classifier.hits import Hit
from intake.classifier.result import Evidence
from intake.classifier.rules import Decision
from intake.core.vocabulary import Body, Qualifies, Route

_PER_LABEL = 20  # spans kept per evidence label
_ROUTE_LABEL = {
    "death": "route:death_in_custody",
    "out_of_scope": "route:out_of_scope",
    "whistle": "route:whistleblowing",
    "imb_person": "route:imb_member_complaint",
    "imb_complaint": "route:imb_member_complaint",
}


def evidence(
    doc: Document, facts: Facts, decision: Decision, corrections: dict[int, str]
) -> list[Evidence]:
    """The spans the decision used, in text order, with plain words for each.

    Detriments are shown only for the categories the decision lists. A long text can name the
    IMB a hundred times: the first ``_PER_LABEL`` spans of each label are kept, and staff are
    shown where a detriment is described.
    """
    # Only the categories the decision kept: a "no" lists no detriment, so neither does its
    # evidence (the panel never shows "no category found" above a detriment's span).
    kept = {c: hs for c, hs in facts.categories.items() if c in decision.categories}
    detriment_sentences = {doc.sentences[h.first] for hs in kept.values() for h in hs}
    spans: list[tuple[Hit, str]] = []
    spans += [(h, f"body:{body.value}") for body, hs in facts.bodies.items() for h in hs]
    spans += [(h, "body:vague") for h in facts.vague]
    spans += [(h, "contact:other") for h in facts.others]
    spans += [(h, "link") for h in facts.links]
    spans += [(h, f"category:{c.value}") for c, hs in kept.items() for h in hs]
    spans += [(h, "negation") for h in (*facts.denials, *facts.contact_denials)]
    spans += [(h, "negation") for h in facts.prospective]
    spans += [(h, "doubt") for h in facts.doubts]
    spans += [(h, "risk") for h in facts.risks]
    spans += [(h, "possible_risk") for h in facts.possible_risks]
    spans += [(h, "staff") for h in facts.staff if doc.sentences[h.first] in detriment_sentences]
    spans += [(h, "severity") for h in (*facts.severity, *facts.children)]
    spans += [(h, _route_label(h)) for h in _route_hits(facts, decision.route)]
    seen: set[tuple[int, int, str]] = set()
    per_label: Counter[str] = Counter()
    out: list[Evidence] = []
    for hit, label in sorted(spans, key=lambda s: (s[0].start, s[0].end, s[1])):
        key = (hit.start, hit.end, label)
        if key in seen or per_label[label] >= _PER_LABEL:
            continue
        seen.add(key)
        per_label[label] += 1
        out.append(
            Evidence(
                start=hit.start,
                end=hit.end,
                matched=doc.text[hit.start : hit.end],
                label=label,
                stands_for=_stands_for(doc, hit, corrections),
            )
        )
    return out


def _route_label(hit: Hit) -> str:
    return _ROUTE_LABEL[hit.label.split(":", 1)[0]]


def _route_hits(facts: Facts, route: Route) -> list[Hit]:
    return {
        Route.DEATH_IN_CUSTODY: facts.deaths,
        Route.OUT_OF_SCOPE: facts.out_of_scope,
        Route.WHISTLEBLOWING: [*facts.whistle_speaker, *facts.whistle_fear],
        Route.IMB_MEMBER_COMPLAINT: [*facts.imb_person, *facts.imb_complaint],
    }.get(route, [])


def _stands_for(doc: Document, hit: Hit, corrections: dict[int, str]) -> str:
    fixed = [
        f"'{doc.originals[i]}' read as '{corrections[i]}'"
        for i in range(hit.first, hit.last + 1)
        if i in corrections
    ]
    return f"{hit.stands_for} ({'; '.join(fixed)})" if fixed else hit.stands_for


def _quote(doc: Document, hits: Iterable[Hit]) -> str:
    first = min(hits, key=lambda h: h.start, default=None)
    return f" ('{doc.text[first.start : first.end]}')" if first else ""


def _names(items: Iterable[str]) -> str:
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def rationale(doc: Document, facts: Facts, decision: Decision, route_names: dict) -> str:
    """One sentence: the decision, what it rests on, and where it goes."""
    cats = _names(c.label for c in decision.categories)
    bodies = _names(b.full_name for b in decision.bodies) or "an unnamed body"
    fear = _quote(doc, facts.whistle_fear)
    staff_fear = f"A member of staff fears sanctions for themselves{fear}"
    text = {
        "yes": f"Qualifies: {cats} linked to contact with {bodies}{_quote(doc, facts.links)}",
        "doubt": f"Unclear: {cats} after contact with {bodies}, but the person doubts the link"
        f"{_quote(doc, facts.doubts)}",
        "no_link": f"Unclear: {cats} and contact with {bodies}, but no link between them is given",
        "vague_body": f"Unclear: {cats} after contact with a body not named"
        f"{_quote(doc, facts.vague)}; a human must confirm who it was",
        "denial": f"Does not qualify: the person says there was no sanction"
        f"{_quote(doc, facts.denials)}",
        "other_contact": f"Does not qualify: the account is about contact with someone other than"
        f" HMIP, an IMB or the PPO{_quote(doc, facts.others)}",
        "linked_elsewhere": f"Does not qualify: what happened followed contact with someone"
        f" other than HMIP, an IMB or the PPO{_quote(doc, facts.links_elsewhere)}, not the"
        f" contact with {bodies}",
        "no_detriment": f"Does not qualify: contact with {bodies} but no detriment is described",
        "vague_no_link": "Does not qualify: no link to contacting HMIP, an IMB or the PPO",
        "no_contact": "Does not qualify: no contact with HMIP, an IMB or the PPO is described",
        "out_of_scope": f"Outside the protocol: the place{_quote(doc, facts.out_of_scope)} is"
        " covered by another body",
        "whistleblowing": staff_fear,
        "death": "Not a sanction for the protocol: the PPO investigates every death in custody",
        "whose_detriment": f"unclear: {cats} linked to contact with {bodies}, but whether they"
        " fell on the staff member or on a prisoner is for a person to decide at step 2",
        "second_opinion": f"Unclear: the rules found no sanction, but the learned second opinion"
        f" reads one{' (' + cats + ')' if cats else ''}; a person decides at step 2",
        "imb_member_complaint": "A complaint about an IMB member's own conduct"
        f"{_quote(doc, facts.imb_complaint)}",
    }[decision.reason]
    if decision.learned_route:
        text = (
            "The learned second opinion reads a member of staff fearing sanctions for themselves; "
            + text[0].lower()
            + text[1:]
        )
    elif decision.route is Route.WHISTLEBLOWING and decision.reason != "whistleblowing":
        text = f"{staff_fear} and tells of a prisoner's; " + text[0].lower() + text[1:]
    if decision.route is Route.DEATH_IN_CUSTODY:
        text = f"A death is described{_quote(doc, facts.deaths)}; " + text[0].lower() + text[1:]
    if decision.immediate_risk:
        text += f"; immediate risk{_quote(doc, facts.risks)}"
    elif decision.possible_risk:
        text += f"; possible immediate risk, ask now{_quote(doc, facts.possible_risks)}"
    if decision.learned_urgency:
        text += "; the learned second opinion reads a risk more likely than not"
    if decision.set_aside:
        set_aside = _names(c.label.lower() for c in decision.set_aside)
        text += f"; the learned second opinion set aside {set_aside}, which the rules read"
    route = route_names.get(decision.route, decision.route.value)
    return f"{text}; route: {route}."


def body_names(bodies: list[Body]) -> str:
    return _names(b.value for b in bodies)


def qualifies_word(q: Qualifies) -> str:
    return {Qualifies.YES: "qualifies", Qualifies.UNCLEAR: "unclear", Qualifies.NO: "no"}[q]
