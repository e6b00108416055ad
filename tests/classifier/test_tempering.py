"""Issue 13: what the learned second opinion may change in the rules' decision, one row per case.

The opinion is set by hand here (its probabilities per head), so each row states the rule itself:
which "no" it may reopen, what it adds, and what it never touches.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pytest

from intake.classifier.document import checked_text, tokenize
from intake.classifier.facts import Facts, read_facts
from intake.classifier.learned import Opinion, second_opinion
from intake.classifier.matcher import find_hits
from intake.classifier.rules import Decision
from intake.classifier.tempering import UNLIKELY, UNLIKELY_THERE, RulesReading, temper
from intake.core.vocabulary import Body, Qualifies, Route, SanctionCategory, Severity

NO, UNCLEAR, YES = Qualifies.NO, Qualifies.UNCLEAR, Qualifies.YES
PROTOCOL, COMPLAINT = Route.SANCTION_PROTOCOL, Route.COMPLAINT
CUSTODY, STAFF, DEATH = Route.SAFER_CUSTODY, Route.WHISTLEBLOWING, Route.DEATH_IN_CUSTODY
HEADS = second_opinion().heads


def opinion(**probabilities: float) -> Opinion:
    """An opinion with these probabilities (others 0) and every threshold at 0.5."""
    p = np.zeros(len(HEADS))
    for name, value in probabilities.items():
        p[HEADS.index(name.replace("__", ":"))] = value
    empty = np.zeros(0)
    return Opinion(HEADS, p, np.full(len(HEADS), 0.5), [], np.zeros((0, 0)), empty, empty)


def decision(qualifies: Qualifies, reason: str, route: Route = COMPLAINT) -> Decision:
    cats = [] if qualifies is NO else [SanctionCategory.ISOLATION]
    clear_risk = route is CUSTODY  # the rules send a complaint with a clear risk to safer custody
    return Decision(qualifies, cats, [Body.IMB], route, clear_risk, Severity.STANDARD, reason)


@dataclass(frozen=True)
class Row:
    name: str
    before: Decision
    sanction: float
    qualifies: Qualifies
    route: Route


ROWS = [
    Row("contact, no detriment: reopened", decision(NO, "no_detriment"), 0.9, UNCLEAR, PROTOCOL),
    Row("described body, no link: reopened", decision(NO, "vague_no_link"), 0.9, UNCLEAR, PROTOCOL),
    Row("model unsure: the no stays", decision(NO, "no_detriment"), 0.3, NO, COMPLAINT),
    Row("no body contacted at all: never", decision(NO, "no_contact"), 0.9, NO, COMPLAINT),
    Row("contact with someone else: never", decision(NO, "other_contact"), 0.9, NO, COMPLAINT),
    Row("safer custody, no detriment", decision(NO, "no_detriment", CUSTODY), 0.9, NO, CUSTODY),
    Row(
        "safer custody on a possible risk only: reopened as a complaint would be",
        replace(decision(NO, "no_detriment", CUSTODY), immediate_risk=False, possible_risk=True),
        0.9,
        UNCLEAR,
        PROTOCOL,
    ),
    Row("a staff member's own fear stays", decision(NO, "whistleblowing", STAFF), 0.9, NO, STAFF),
    Row("a death stays the rules'", decision(NO, "no_detriment", DEATH), 0.9, NO, DEATH),
    Row("a yes is never lowered", decision(YES, "yes", PROTOCOL), 0.0, YES, PROTOCOL),
    Row("unclear never lowered", decision(UNCLEAR, "no_link", PROTOCOL), 0.0, UNCLEAR, PROTOCOL),
]  # fmt: skip


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_what_the_second_opinion_may_change(row: Row) -> None:
    risk_before = row.before.immediate_risk
    temper(row.before, opinion(sanction=row.sanction))
    assert (row.before.qualifies, row.before.route) == (row.qualifies, row.route)
    assert row.before.immediate_risk is risk_before  # never set or cleared by the model


@pytest.mark.parametrize(
    ("rules", "moved", "after"),
    [
        (RulesReading(linked=True), 0.9, UNCLEAR),
        (RulesReading(read=frozenset({SanctionCategory.ISOLATION})), 0.9, UNCLEAR),
        (RulesReading(), 0.9, NO),
        (RulesReading(linked=True), 0.1, NO),
    ],
    ids=[
        "link and detriment: reopened",
        "a detriment of the rules' own and the model's: reopened",
        "neither link nor detriment read by the rules: stays",
        "no detriment read by the model: stays",
    ],
)
def test_safer_custody_is_reopened_only_with_a_detriment_read(
    rules: RulesReading, moved: float, after: Qualifies
) -> None:
    before = decision(NO, "no_detriment", CUSTODY)
    said = opinion(sanction=0.9, category__relocation=moved)
    temper(before, said, rules)
    assert before.qualifies is after
    assert before.route is (PROTOCOL if after is UNCLEAR else CUSTODY)


def test_the_model_never_adds_an_act_the_rules_read_as_only_threatened() -> None:
    before = decision(YES, "yes", PROTOCOL)
    said = opinion(category__transfer=0.9, category__relocation=0.9)
    not_done = frozenset({SanctionCategory.TRANSFER})
    temper(before, said, RulesReading(not_done=not_done))
    assert SanctionCategory.TRANSFER not in before.categories
    assert SanctionCategory.RELOCATION in before.categories


def test_a_denial_is_never_reopened() -> None:
    before = decision(NO, "no_detriment")
    temper(before, opinion(sanction=0.9), RulesReading(denied=True))
    assert before.qualifies is NO


def test_categories_are_added() -> None:
    before = decision(YES, "yes", PROTOCOL)
    said = opinion(sanction=0.9, category__threats=0.9)
    temper(before, said)
    assert before.categories == [SanctionCategory.ISOLATION, SanctionCategory.THREATS]


ISOLATION, THREATS = SanctionCategory.ISOLATION, SanctionCategory.THREATS


@pytest.mark.parametrize(
    ("read", "probabilities", "kept", "set_aside"),
    [
        ([ISOLATION, THREATS], {"isolation": 0.9, "threats": 0.05}, [ISOLATION], [THREATS]),
        ([ISOLATION, THREATS], {"isolation": 0.9, "threats": UNLIKELY}, [ISOLATION, THREATS], []),
        ([ISOLATION], {"isolation": 0.0}, [ISOLATION], []),
        ([ISOLATION, THREATS], {"isolation": 0.05, "threats": 0.05}, [ISOLATION, THREATS], []),
    ],
    ids=[
        "read very unlikely beside one that stands: set aside",
        "at the threshold: kept",
        "the last detriment the rules read: kept",
        "every one read very unlikely: all kept (a person reads them)",
    ],
)
def test_a_detriment_the_model_reads_very_unlikely_is_set_aside_never_the_last(
    read: list[SanctionCategory],
    probabilities: dict[str, float],
    kept: list[SanctionCategory],
    set_aside: list[SanctionCategory],
) -> None:
    before = replace(decision(YES, "yes", PROTOCOL), categories=list(read))
    temper(before, opinion(**{f"category__{c}": p for c, p in probabilities.items()}))
    assert before.categories == kept
    assert before.set_aside == set_aside
    assert (before.qualifies, before.route) == (YES, PROTOCOL)


def test_possible_risk_is_raised_unless_the_account_set_it_aside() -> None:
    raised, set_aside = decision(NO, "no_contact"), decision(NO, "no_contact")
    temper(raised, opinion(risk=0.9))
    temper(set_aside, opinion(risk=0.9), RulesReading(risk_discounted=True))
    assert raised.possible_risk and not raised.immediate_risk
    assert not set_aside.possible_risk


@pytest.mark.parametrize(
    ("route", "after"),
    [
        (COMPLAINT, STAFF),
        (PROTOCOL, STAFF),
        (CUSTODY, STAFF),  # rule 3 (a staff member's own fear) comes before safer custody
        (DEATH, DEATH),
        (Route.OUT_OF_SCOPE, Route.OUT_OF_SCOPE),
        (Route.IMB_MEMBER_COMPLAINT, Route.IMB_MEMBER_COMPLAINT),
    ],
)
def test_a_staff_members_own_fear_read_by_the_model_goes_to_whistleblowing(
    route: Route, after: Route
) -> None:
    before = decision(YES, "yes", route)
    said = opinion(whistleblowing=0.9)
    temper(before, said, RulesReading(prisoner_in_sanction=True))
    assert before.route is after
    assert before.qualifies is YES  # a prisoner's sanction told by staff still qualifies
    assert before.learned_route is (after is not route)


def test_a_staff_members_own_detriment_read_by_the_model_is_left_to_a_person() -> None:
    """No prisoner is named in the detriment: it may be the staff member's own, so "yes" becomes
    "unclear" (never "no": a person decides at step 2)."""
    before = decision(YES, "yes", PROTOCOL)
    temper(before, opinion(whistleblowing=0.9))
    assert before.route is Route.WHISTLEBLOWING
    assert before.qualifies is UNCLEAR
    assert before.reason == "whose_detriment"


def test_in_a_prisoners_own_voice_the_model_never_routes_to_whistleblowing() -> None:
    before = decision(YES, "yes", PROTOCOL)
    said = opinion(whistleblowing=0.99)
    temper(before, said, RulesReading(prisoner_voice=True))
    assert before.route is PROTOCOL and not before.learned_route


@pytest.mark.parametrize(
    ("before", "risk", "reading", "route"),
    [
        (decision(NO, "no_contact"), 0.6, RulesReading(), CUSTODY),
        (decision(NO, "other_contact"), 0.5, RulesReading(), CUSTODY),
        (decision(NO, "no_contact"), 0.45, RulesReading(), COMPLAINT),  # less likely than not
        (decision(NO, "no_contact"), 0.9, RulesReading(risk_discounted=True), COMPLAINT),
        (decision(YES, "yes", PROTOCOL), 0.9, RulesReading(), PROTOCOL),  # a sanction stays
        (decision(NO, "no_detriment", DEATH), 0.9, RulesReading(), DEATH),
        (decision(NO, "whistleblowing", STAFF), 0.9, RulesReading(), STAFF),
    ],
    ids=[
        "no contact, risk read",
        "contact elsewhere, risk read",
        "risk below even",
        "risk put in the past",
        "a sanction",
        "a death",
        "a staff member's fear",
    ],
)
def test_a_complaint_the_model_reads_a_risk_in_goes_to_safer_custody(
    before: Decision, risk: float, reading: RulesReading, route: Route
) -> None:
    """Rule 6: an urgent safety concern with no sanction goes to Safer Custody today. The model's
    risk more likely than not sends a complaint there; immediate risk itself stays the rules'."""
    temper(before, opinion(risk=risk), reading)
    assert before.route is route
    assert before.learned_urgency is (route is CUSTODY)
    assert before.immediate_risk is False


def _facts(text: str) -> Facts:
    doc = tokenize(text, checked_text(text))
    return read_facts(doc, find_hits(doc))


@pytest.mark.parametrize(
    ("text", "set_aside"),
    [
        ("I cut myself years ago when I was on remand, it's all healed now.", True),
        ("He denies any thoughts of self harm; he just wants his visits back.", True),
        ("I wrote to the Board in March about my canteen and nothing came of it.", False),
    ],
)
def test_only_a_risk_put_in_the_past_or_denied_holds_back_the_models_risk(
    text: str, set_aside: bool
) -> None:
    # A date in the past elsewhere in the account does not hold back "ask about risk now".
    facts = _facts(text)
    assert bool(facts.risks_set_aside or facts.risk_denials) is set_aside


def test_a_reopened_no_gets_back_the_detriments_the_rules_read() -> None:
    """The rules drop a "no"'s categories; reopening it restores them (never removes them)."""
    before = decision(NO, "vague_no_link")
    psych = SanctionCategory.PSYCHOLOGICAL_ABUSE
    temper(before, opinion(sanction=0.9), RulesReading(read=frozenset({psych})))
    assert before.qualifies is UNCLEAR
    assert psych in before.categories


def test_a_detriment_its_own_sentences_speak_for_is_kept() -> None:
    """Read very unlikely in the whole account but not in the sentences the rules read it in
    (one sentence of a long account): kept."""
    before = replace(decision(YES, "yes", PROTOCOL), categories=[ISOLATION, THREATS])
    said = opinion(category__isolation=0.9, category__threats=0.05)
    there = "The officer said one more app and I'd be sorry."
    temper(
        before,
        said,
        RulesReading(read_in={THREATS: there}),
        read=lambda text: opinion(category__threats=UNLIKELY_THERE if text == there else 0.0),
    )
    assert before.categories == [ISOLATION, THREATS]
    assert before.set_aside == []
