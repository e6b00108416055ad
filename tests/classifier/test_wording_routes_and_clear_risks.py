"""Issue 13, session 12: routes and clear risks said other ways.

- A complaint about a Board member's own conduct said other ways; court cells named by the
  court ("cells at Snaresbrook CC") and the Lay Observers are outside the protocol; the Prisons
  and Probation Ombudsman is not a staff member's probation (no whistleblowing).
- Indirect cues that together are a clear risk: a veiled threat set for tomorrow ("he'll have
  a fall on the stairs tomorrow morning"), the means of self-harm at hand with despair or a time
  ("a blade hidden 'for later' ... given his trainers away"). An account that is no sanction then
  goes to Safer Custody today; the means at hand alone is asked about, not called clear.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route


@pytest.mark.parametrize(
    ("text", "route"),
    [
        (
            "Dear Chair, I wish to complain about one of your members. She repeated what my "
            "son told her to the wing officer. Your member has made it much worse for him.",
            Route.IMB_MEMBER_COMPLAINT,
        ),
        (
            "that board man told me i should stop moaning, he never wrote down nothing. "
            "i want a different one",
            Route.IMB_MEMBER_COMPLAINT,
        ),
        (
            "I want to put a complaint in about one of the Board members. She laughed at me "
            "in front of an officer.",
            Route.IMB_MEMBER_COMPLAINT,
        ),
        (
            "Pr says in cells at Isleworth CC the escort staff refused him water all day.",
            Route.OUT_OF_SCOPE,
        ),
        (
            "He told the Lay Observers the van was freezing and the escort laughed at him.",
            Route.OUT_OF_SCOPE,
        ),
    ],
)
def test_routes_said_other_ways(text: str, route: Route) -> None:
    assert classify(text, learned=False).route is route


def test_the_prisons_and_probation_ombudsman_is_not_a_staff_members_probation() -> None:
    text = (
        "On 14 March he wrote to the Prisons and Probation Ombudsman about property lost on a "
        "transfer. On 2 April his security category was raised from C to B. An officer told "
        "him the 'Ombudsman "
        "letter did you no favours'."
    )
    found = classify(text, learned=False)
    assert found.route is Route.SANCTION_PROTOCOL and found.qualifies is Qualifies.YES


@pytest.mark.parametrize(
    "text",
    [
        "My husband spoke to a reporter about the rats. Since then an officer has told him "
        "through the door that he'll 'have a fall on the stairs tomorrow morning'.",
        "YP (16) has a blade hidden 'for later' and has given his trainers and radio to his "
        "cellmate. Says staff are fine.",
        "Has a bit of razor blade 'put away' and says he'll use it tonight. Nothing to do with "
        "staff.",
    ],
)
def test_indirect_cues_together_are_a_clear_risk(text: str) -> None:
    found = classify(text, learned=False)
    assert found.immediate_risk
    assert found.qualifies is Qualifies.NO and found.route is Route.SAFER_CUSTODY


def test_the_means_at_hand_alone_is_a_clear_risk() -> None:
    """Session 14: tablets saved or a ligature hidden stood alone in 22 readable accounts, 21 of
    them labelled immediate risk (the eval README's indirect immediate risks)."""
    found = classify("She has been saving her tablets in a sock.", learned=False)
    assert found.immediate_risk


def test_the_means_at_hand_in_the_past_is_no_clear_risk() -> None:
    found = classify("Years ago she used to save her tablets in a sock.", learned=False)
    assert not found.immediate_risk
