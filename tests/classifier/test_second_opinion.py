"""Issue 13: the learned second opinion adds to what the rules found and sets aside only a
detriment it reads very unlikely beside another that stands, says so in its evidence, reads text
as it was trained to, and was never trained on the held-out half."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.classifier import ClassifierInputError, classify
from intake.classifier.document import checked_text
from intake.classifier.learned import MODEL_PATH, second_opinion
from intake.classifier.learned.features import feature_counts
from intake.core.vocabulary import Qualifies, Route, SanctionCategory, evidence_words
from intake.tui.widgets.rich_text import highlight_evidence

DATA = Path(__file__).resolve().parents[2] / "data"

ORDER = {Qualifies.NO: 0, Qualifies.UNCLEAR: 1, Qualifies.YES: 2}
WORDS = st.sampled_from(
    [
        "IMB", "inspectors", "ombudsman", "since", "after", "officer", "basic", "seg", "visits",
        "tablets", "saving", "insulin", "grass", "shipped", "nothing", "happened", "years ago",
        "healed", "the Board", "my post", "opened", "’", "Ünïcode", "\n",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(WORDS, st.text(max_size=6)), min_size=1, max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_it_never_lowers_what_the_rules_found(text: str) -> None:
    try:
        rules = classify(text, learned=False)
    except ClassifierInputError:
        return
    both = classify(text)
    assert ORDER[both.qualifies] >= ORDER[rules.qualifies]
    set_aside = {
        SanctionCategory(ev.label.removeprefix("model:set_aside:"))
        for ev in both.evidence
        if ev.label.startswith("model:set_aside:")
    }
    assert set(rules.categories) <= set(both.categories) | set_aside
    assert not set_aside & set(both.categories)
    if rules.categories:  # never the last detriment the rules read
        assert set(rules.categories) & set(both.categories)
    assert both.immediate_risk == rules.immediate_risk  # clear risk stays the rules' alone
    assert both.possible_immediate_risk >= rules.possible_immediate_risk
    if both.qualifies is not rules.qualifies:
        assert (rules.qualifies, both.qualifies) == (Qualifies.NO, Qualifies.UNCLEAR)
    for ev in both.evidence:
        assert text[ev.start : ev.end] == ev.matched


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_it_reads_text_as_it_was_trained_to(text: str) -> None:
    """The fast reading at run time counts exactly the features training counted."""
    model = second_opinion()
    trained = {model.index[f]: n for f, n in feature_counts(text).items() if f in model.index}
    assert dict(model.known_features(text)) == trained


def test_a_no_it_reopens_says_why_in_its_own_evidence() -> None:
    text = "Ever since the inspectors spoke to me my post takes three weeks to reach me."
    rules, both = classify(text, learned=False), classify(text)
    assert rules.qualifies is Qualifies.NO
    assert both.qualifies is Qualifies.UNCLEAR
    assert "learned second opinion" in both.rationale
    mine = [ev for ev in both.evidence if ev.label == "model:sanction"]
    assert mine and all("learned second opinion" in ev.stands_for for ev in mine)
    assert all(text[ev.start : ev.end] == ev.matched for ev in mine)


def test_a_detriment_it_reads_very_unlikely_is_set_aside_and_says_so() -> None:
    # The rules read an assault in the cousin's news; the model reads none done to the person.
    text = (
        "The day after I saw the Board I was put on basic and they took my telly. "
        "My cousin in another jail got battered last week."
    )
    rules, both = classify(text, learned=False), classify(text)
    assert SanctionCategory.PHYSICAL_ABUSE in rules.categories
    assert SanctionCategory.PHYSICAL_ABUSE not in both.categories
    assert both.qualifies is rules.qualifies and both.route is rules.route
    marked = [ev for ev in both.evidence if ev.label == "model:set_aside:physical_abuse"]
    assert [ev.matched for ev in marked] and all("set aside" in ev.stands_for for ev in marked)
    assert "the learned second opinion set aside physical abuse" in both.rationale
    # where staff read the account, the words are marked as set aside, not as evidence
    assert "[battered · set aside]" in highlight_evidence(text, both.evidence).plain
    assert evidence_words(marked[0].label) == "set aside by the second opinion: physical abuse"


def test_no_contact_with_a_body_is_never_reopened() -> None:
    text = "The officer on nights shouted at me, took my canteen and moved me to the worst cell."
    assert classify(text).qualifies is Qualifies.NO


def test_a_denial_is_never_reopened() -> None:
    text = "Since I spoke to the IMB I have not had any comeback, staff have been fine with me."
    assert classify(text).qualifies is Qualifies.NO


def test_it_was_never_trained_on_the_held_out_half() -> None:
    with np.load(MODEL_PATH, allow_pickle=False) as data:
        trained_on = set(data["trained_on"].tolist())
    assert "eval/dev2-test.jsonl" not in trained_on
    # dev, the tuning half and every written batch in data/train: a batch added there and not
    # trained on, or a held-out batch trained on, fails here
    batches = {f"train/{p.name}" for p in (DATA / "train").glob("*.jsonl")}
    assert trained_on == {"eval/dev.jsonl", "eval/dev2-tune.jsonl"} | batches


def test_a_staff_members_own_fear_the_rules_miss_goes_to_whistleblowing() -> None:
    text = (
        "Night OSG here. Since I gave evidence to the inspectors about the restraint, my shifts "
        "have been changed without notice and colleagues blank me in the office."
    )
    rules, both = classify(text, learned=False), classify(text)
    assert rules.route is not Route.WHISTLEBLOWING
    assert both.route is Route.WHISTLEBLOWING
    assert both.rationale.startswith("The learned second opinion reads a member of staff")
    assert any(ev.label == "model:whistleblowing" for ev in both.evidence)


def test_a_prisoner_describing_staff_is_never_sent_to_whistleblowing_by_the_model() -> None:
    # The model reads a staff member's fear here (shifts, manager, speaking up); the rules
    # hear a prisoner (searched cell), so the route stays the protocol's.
    text = (
        "Since I told the PPO investigator what the officers did, my shifts in the workshop were "
        "cut and my manager there says I am scared to speak up for nothing. My cell was searched."
    )
    assert second_opinion().read(checked_text(text)).says("whistleblowing")
    assert classify(text).route is Route.SANCTION_PROTOCOL
