"""How the learned second opinion tempers the rules' decision (issue 13).

It adds, and sets aside only a detriment it reads very unlikely beside another that stands. A "no"
becomes "unclear" (a person decides at step 2) when the model reads a sanction where the rules saw
contact with a body (named or described) and stopped short: no detriment they know, or a
detriment and a described body but no link they know.

Never where no body is contacted at all, the person denied a sanction, the account is about
contact with someone else, or a route the rules decide by voice or place (a staff member's own
fear, a death, a place outside the protocol, an IMB member's conduct). A reopened account goes to
the protocol, from the complaints process or from safer custody (a complaint with a risk in it,
where the rules read a link or a detriment and the model a detriment: the risk stays flagged).
A case that qualifies gains the categories the model reads, except an act the rules read as only
threatened or as what the contact was about, and loses a detriment the rules read that the model
reads very unlikely (below ``UNLIKELY``), never the last one: its words stay in the evidence,
marked as set aside, and the rationale says so. "Ask about risk now" is raised on its risk head,
unless the account puts the harm in the past or says there is no risk.
Where the model reads a member of staff fearing sanctions for their own contact with a body
(the whistleblowing route), an account the rules sent to the complaints process or the protocol
goes to whistleblowing instead, unless the rules hear a prisoner or detainee speaking of their own
custody ("my cell", "I'm on basic"): a prisoner describing an officer, or their own prison job,
is never whistleblowing. What qualifies stays the rules'. A complaint (no sanction) in which
the model reads a risk more likely than not goes to Safer Custody today, as one with a clear risk
does (the eval README's rule 6), unless the account puts the harm in the past or says there is
none. It never lowers what qualifies, never closes anything and never sets immediate risk, which
stays for clear cues. Its evidence is the words that weighed most.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from intake.classifier.document import Document
from intake.classifier.facts import Facts
from intake.classifier.learned import CATEGORY_HEAD, Opinion, category_head
from intake.classifier.result import Evidence
from intake.classifier.rules import Decision
from intake.core.vocabulary import Qualifies, Route, SanctionCategory, set_aside_label

#: The model reading a text (``SecondOpinion.read``).
Reader = Callable[[str], Opinion]

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
    #: The sentences the rules read each detriment in (what the model reads on their own before
    #: it sets one aside).
    read_in: Mapping[SanctionCategory, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        facts: Facts,
        prisoner_in_sanction: bool = False,
        doc: Document | None = None,
    ) -> RulesReading:
        return cls(
            denied=bool(facts.denials),
            risk_discounted=bool(facts.risks_set_aside or facts.risk_denials),
            prisoner_voice=bool(facts.prisoner_voice),
            linked=bool(facts.links),
            not_done=frozenset(facts.not_done),
            prisoner_in_sanction=prisoner_in_sanction,
            read=frozenset(facts.categories),
            read_in=_sentences_read_in(doc, facts) if doc is not None else {},
        )


def _sentences_read_in(doc: Document, facts: Facts) -> dict[SanctionCategory, str]:
    out = {}
    for cat, hits in facts.categories.items():
        ranges = dict.fromkeys(doc.sentence_range(h.first) for h in hits)
        out[cat] = " ".join(doc.clean[doc.starts[a] : doc.ends[b]] for a, b in ranges)
    return out


def temper(
    decision: Decision,
    opinion: Opinion,
    rules: RulesReading = RulesReading(),
    read: Reader | None = None,
) -> list[str]:
    """Change ``decision`` in place within what ``rules`` allow; returns the heads the model
    acted on. ``read`` is the model, to read the sentences a detriment was read in on their own
    (without it a detriment is set aside on the whole account's reading)."""
    acted: list[str] = []
    if _reopens(decision, opinion, rules):
        decision.qualifies = Qualifies.UNCLEAR
        decision.reason = "second_opinion"
        decision.route = Route.SANCTION_PROTOCOL
        decision.categories = [c for c in SanctionCategory if c in rules.read]
        acted.append("sanction")
    if decision.qualifies is not Qualifies.NO:
        _set_aside_unlikely(decision, opinion, rules, read)
        for cat in SanctionCategory:
            head = category_head(cat)
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


#: Below this the model reads a detriment the rules found very unlikely in the whole account ...
#: Chosen in session 18 on the held-out batches (figures only), with the local reading below at
#: 0.5. On 1,120 accounts and the model of the time, categories micro-F1 0.835 with nothing set
#: aside, 0.841 / 0.842 / 0.844 / 0.845 / 0.847 below 0.1 / 0.125 / 0.15 / 0.175 / 0.2; again at
#: the end of the session (1,280 accounts, the shipped model): 0.832, and 0.840 / 0.843 / 0.843 /
#: 0.843 / 0.845. Every setting from 0.1 gains; 0.15 sets aside less than the top of the plateau.
UNLIKELY = 0.15
#: ... and below this in the sentences the rules read it in, read on their own: a detriment told
#: in one sentence of a long account weighs little in the whole, but not in its own sentences.
#: On the same accounts (UNLIKELY 0.15) 0.3 / 0.5 / 0.7 gave 0.842 / 0.844 / 0.842 (1,120) and
#: 0.841 / 0.843 / 0.842 (1,280), and without it a detriment in the last sentence of a long paste
#: was set aside.
UNLIKELY_THERE = 0.5


def _set_aside_unlikely(
    decision: Decision, opinion: Opinion, rules: RulesReading, read: Reader | None
) -> None:
    """A detriment the rules read that the model reads very unlikely, in the whole account and in
    the sentences it was read in, is set aside; never the last one: what qualifies, the route and
    the severity stay the rules'. The sentences are read only for a detriment the whole account's
    reading already doubts."""
    doubted = [c for c in decision.categories if opinion.probability(category_head(c)) < UNLIKELY]
    unlikely = [c for c in doubted if _read_there(c, rules, read) < UNLIKELY_THERE]
    if unlikely and len(unlikely) < len(decision.categories):
        decision.categories = [c for c in decision.categories if c not in unlikely]
        decision.set_aside = unlikely


def _read_there(cat: SanctionCategory, rules: RulesReading, read: Reader | None) -> float:
    there = rules.read_in.get(cat)
    return read(there).probability(category_head(cat)) if read is not None and there else 0.0


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
    return any(opinion.says(category_head(cat)) for cat in SanctionCategory)


def opinion_evidence(text: str, opinion: Opinion, acted: list[str]) -> list[Evidence]:
    """Where the words that weighed most for each head acted on are in ``text`` (the narrative
    as typed: spans point into it)."""
    out: list[Evidence] = []
    lower = text.lower() if text.isascii() else None
    for head in acted:
        share = round(opinion.probability(head), 2)
        for phrase in opinion.weighing(head, _WORDS_SHOWN):
            found = first_place(text, lower, phrase)
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


def first_place(text: str, lower: str | None, phrase: str) -> re.Match[str] | None:
    """Where ``phrase`` (words the model read) first stands in ``text`` as whole words, in any
    case and with any spaces between. ``lower``: ``text`` lower-cased when it is ASCII (the
    same offsets): the pattern is then tried only where its first word is."""
    words = phrase.split()
    pattern = re.compile(
        r"(?<![a-z0-9])" + r"[\s]+".join(map(re.escape, words)) + r"(?![a-z0-9])", re.IGNORECASE
    )
    if lower is None:
        return pattern.search(text)
    at = lower.find(words[0])
    while at != -1:
        found = pattern.match(text, at)
        if found is not None:
            return found
        at = lower.find(words[0], at + 1)
    return None


def set_aside_evidence(
    text: str, facts: Facts, decision: Decision, opinion: Opinion
) -> list[Evidence]:
    """The rules' words for each detriment the model set aside, marked as set aside (spans
    point into ``text``, the narrative as typed)."""
    out: list[Evidence] = []
    for cat in decision.set_aside:
        share = math.floor(opinion.probability(category_head(cat)) * 100) / 100
        for hit in facts.categories.get(cat, ()):
            out.append(
                Evidence(
                    start=hit.start,
                    end=hit.end,
                    matched=text[hit.start : hit.end],
                    label=set_aside_label(cat),
                    stands_for=f"read by the rules as {cat.label.lower()}; set aside: the"
                    f" learned second opinion reads it very unlikely ({share:.2f})",
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
    return SanctionCategory(head.removeprefix(CATEGORY_HEAD)).label
