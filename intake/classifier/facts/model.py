"""The facts the decision rules use, each with the hits it rests on."""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.classifier.hits import Hit
from intake.core.vocabulary import Body, SanctionCategory


@dataclass(slots=True)
class Facts:
    """Everything the decision needs, each fact with the hits it rests on."""

    bodies: dict[Body, list[Hit]] = field(default_factory=dict)
    vague: list[Hit] = field(default_factory=list)
    others: list[Hit] = field(default_factory=list)
    links: list[Hit] = field(default_factory=list)
    #: Times or reasons that point at a contact with someone else ("after he wrote to the Home
    #: Office"): what followed them followed that contact, not one with a body.
    links_elsewhere: list[Hit] = field(default_factory=list)
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
    #: Threats labelled by their act once it was done ("talk to the Board again and you're on
    #: the van" ... "two days later he was moved"): no longer a category, still a link.
    carried_out: list[Hit] = field(default_factory=list)
    #: Risk cues set aside: in a sentence about the past or a death, or in a clause saying no risk.
    risks_set_aside: list[Hit] = field(default_factory=list)

    def keep(self, category: SanctionCategory, hits: list[Hit]) -> None:
        """Only ``hits`` stand for ``category``; with none, the category is not read at all."""
        if hits:
            self.categories[category] = hits
        else:
            self.categories.pop(category, None)
