"""How the learned second opinion tempers the rules' decision (issue 13).

It only ever adds. A "no" becomes "unclear" (a person decides at step 2) when the model reads a
sanction where the rules saw contact with a body (named or described) and stopped short: no
detriment they know, or a detriment and a described body but no link they know.

Never where no body is contacted at all, the person denied a sanction, the account is about
contact with someone else, or a route the rules decide by voice or place (a staff member's own
fear, a death, a place outside the protocol, an IMB member's conduct). A reopened account goes to
the protocol, from the complaints process or from safer custody (a complaint with a risk in it,
where the rules read a link or a detriment and the model a detriment: the risk stays flagged).
A case that qualifies gains the categories the model reads, except an act the rules read as only
threatened or as what the contact was about; "ask about risk now" is raised on its risk head,
unless the account puts the harm in the past or says there is no risk.
Where the model reads a member of staff fearing sanctions for their own contact with a body
(the whistleblowing route), an account the rules sent to the complaints process or the protocol
goes to whistleblowing instead, unless the rules hear a prisoner or detainee speaking of their own
custody ("my cell", "I'm on basic"): a prisoner describing an officer, or their own prison job,
is never whistleblowing. What qualifies stays the rules'. A complaint (no sanction) in which
the model reads a risk more likely than not goes to Safer Custody today, as one with a clear risk
does (the eval README's rule 6), unless the account puts the harm in the past or says there is
none. It never clears what the rules found, never closes anything and never sets immediate risk,
which stays for clear cues. Its evidence is the words that weighed most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.classifier.facts import Facts
from intake.classifier.learned import Opinion
from intake.classifier.result import Evidence
from intake.classifier.rules import Decision
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

#: Routes the model may change to whistleblowing when it reads a staff member's own fear (the
#: eval README's rule 3 comes before the protocol, safer custody and complaints).
_VOICE_OPEN = (Route.COMPLAINT, Route.SANCTION_PROTOCOL, Route.SAFER_CUSTODY)
#: The rules' reasons for a "no" the model may reopen: contact seen, the rest not recognised.
_OPEN = ("no_detriment", "vague_no_link")
#: The rules' routes for a "no" the model may reopen: the complaints process, or safer custody
#: where the rules sent a complaint with a risk in it, read a link or a detriment of their own,
#: and the model also reads a detriment (a reopened account goes to the protocol, its risk still
#: flagged). Until session 15 the rules had to read a link; pooled over ten held-out batches
#: (800 accounts, figures only) a link or a detriment set one more route right (0.900 to 0.901),
#: and the model's detriment alone three, but then a self-harm told to the inspectors, with no
#: sanction in it, went to the protocol instead of Safer Custody (the eval README's rule 6).
_REOPEN_ROUTES = (Route.COMPLAINT, Route.SAFER_CUSTODY)
_WORDS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class RulesReading:
    """What the rules read that bounds what the second opinion may change."""

    #: The person says nothing happened.
    denied: bool = False
    #: The account puts a risk in the past or says there is none: the model raises none.
    risk_discounted: bool = False
    #: A prisoner or detainee speaks of their own custody: never whistleblowing.
    prisoner_voice: bool = False
    #: A link to a contact was read (a reason, a time, a remark).
    linked: bool = False
    #: Categories read only as threatened or as what a contact was about: never added.
    not_done: frozenset[SanctionCategory] = frozenset()
    #: A staff member's note names the prisoner a detriment hit ("Pr J. was put on basic").
    prisoner_in_sanction: bool = False
    #: The detriments the rules read (dropped from a "no"; restored when the model reopens it).
    read: frozenset[SanctionCategory] = frozenset()

    @classmethod
    def of(cls, facts: Facts, prisoner_in_sanction: bool = False) -> RulesReading:
        return cls(
            denied=bool(facts.denials),
            risk_discounted=bool(facts.risks_set_aside or facts.risk_denials),
            prisoner_voice=bool(facts.prisoner_voice),
            linked=bool(facts.links),
            not_done=frozenset(facts.not_done),
            prisoner_in_sanction=prisoner_in_sanction,
            read=frozenset(facts.categories),
        )


def temper(decision: Decision, opinion: Opinion, rules: RulesReading = RulesReading()) -> list[str]:
    """Change ``decision`` in place within what ``rules`` allow; returns the heads the model
    acted on."""
    acted: list[str] = []
    if _reopens(decision, opinion, rules):
        decision.qualifies = Qualifies.UNCLEAR
        decision.reason = "second_opinion"
        decision.route = Route.SANCTION_PROTOCOL
        decision.categories = [c for c in SanctionCategory if c in rules.read]
        acted.append("sanction")
    if decision.qualifies is not Qualifies.NO:
        for cat in SanctionCategory:
            head = f"category:{cat.value}"
            new = cat not in decision.categories and cat not in rules.not_done
            if new and opinion.says(head):
                decision.categories.append(cat)
                acted.append(head)
        decision.categories.sort(key=list(SanctionCategory).index)
    if (
        not rules.prisoner_voice
        and decision.route in _VOICE_OPEN
        and opinion.says("whistleblowing")
    ):
        decision.route = Route.WHISTLEBLOWING
        decision.learned_route = True
        acted.append("whistleblowing")
        if decision.qualifies is Qualifies.YES and not rules.prisoner_in_sanction:
            # The detriment may be the staff member's own (then it is not a sanction to a
            # prisoner): a person decides at step 2.
            decision.qualifies = Qualifies.UNCLEAR
            decision.reason = "whose_detriment"
    if not decision.possible_risk and not rules.risk_discounted and opinion.says("risk"):
        decision.possible_risk = True
        acted.append("risk")
    if _urgent_complaint(decision, opinion, rules):
        decision.route = Route.SAFER_CUSTODY
        decision.learned_urgency = True
        if "risk" not in acted:
            acted.append("risk")
    return acted


#: The model's reading of a risk, more likely than not, that sends a complaint to Safer Custody.
_URGENT = 0.5


def _urgent_complaint(decision: Decision, opinion: Opinion, rules: RulesReading) -> bool:
    """A complaint (no sanction) in which the model reads a risk more likely than not goes to
    Safer Custody today, as one with a clear risk does (the eval README's rule 6): risk favours
    recall. Not where the account puts the harm in the past or says there is none."""
    return (
        decision.route is Route.COMPLAINT
        and decision.qualifies is Qualifies.NO
        and not rules.risk_discounted
        and opinion.probability("risk") >= _URGENT
    )


def _reopens(decision: Decision, opinion: Opinion, rules: RulesReading) -> bool:
    if decision.qualifies is not Qualifies.NO or decision.reason not in _OPEN or rules.denied:
        return False
    if decision.route not in _REOPEN_ROUTES:  # whistleblowing, deaths, places stay the rules'
        return False
    clear_risk = decision.route is Route.SAFER_CUSTODY and decision.immediate_risk
    if clear_risk and not (_names_a_detriment(opinion) and (rules.linked or rules.read)):
        return False  # a risk told to a body, nothing else read, stays with safer custody
    return opinion.says("sanction")


def _names_a_detriment(opinion: Opinion) -> bool:
    return any(opinion.says(f"category:{cat.value}") for cat in SanctionCategory)


def opinion_evidence(text: str, opinion: Opinion, acted: list[str]) -> list[Evidence]:
    """Where the words that weighed most for each head acted on are in ``text`` (the narrative
    as typed: spans point into it)."""
    out: list[Evidence] = []
    for head in acted:
        share = round(opinion.probability(head), 2)
        for phrase in opinion.weighing(head, _WORDS_SHOWN):
            words = r"[\s]+".join(re.escape(w) for w in phrase.split())
            found = re.search(rf"(?<![a-z0-9]){words}(?![a-z0-9])", text, re.IGNORECASE)
            if found is None:
                continue
            out.append(
                Evidence(
                    start=found.start(),
                    end=found.end(),
                    matched=text[found.start() : found.end()],
                    label=f"model:{head}",
                    stands_for=f"weighed towards {_meaning(head)}"
                    f" (learned second opinion, {share})",
                )
            )
    return out


def _meaning(head: str) -> str:
    if head == "sanction":
        return "a possible sanction"
    if head == "whistleblowing":
        return "a member of staff fearing sanctions for themselves"
    if head == "risk":
        return "a possible immediate risk"
    return SanctionCategory(head.split(":", 1)[1]).label
