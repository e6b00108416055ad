"""Issue 13, session 13: indirect risk cues that together are clear, and idioms that are not.

- Two signs of putting affairs in order ("given her radio and photos to other women", "letters
  to her children 'if anything happens'") are a clear risk; one alone is asked about.
- Critical medicine named or missed with a sign of illness near it ("warfarin ... has not had
  it since Friday ... a headache since yesterday") is a clear medical risk; a medicine and a
  condition named alone are asked about.
- Food refused said as "eaten nothing for six days"; a kettle attack "tonight" is a threat of
  serious violence. An account with no sanction and such a risk goes to Safer Custody today.
- "the hot water's killing me" is an idiom, not a threat to life.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Route


@pytest.mark.parametrize(
    "text",
    [
        "Woman on B wing has given her radio, trainers and photos to other women this week and "
        "asked an officer to post letters to her mum 'if anything happens'. No problems with "
        "staff.",
        "He takes warfarin for his heart valve. The pharmacy has not had it in since Friday and "
        "he has had a headache since yesterday. No complaint about staff.",
        "Via interpreter. He has eaten nothing for six days in protest at his removal and is "
        "drinking very little. He says the officers are kind.",
        "my cellie says hes gonna do me with the kettle tonight over a debt. its nothing to do "
        "with the screws",
    ],
)
def test_clear_risks_with_no_sanction_go_to_safer_custody_today(text: str) -> None:
    result = classify(text, learned=False)
    assert result.immediate_risk
    assert result.route is Route.SAFER_CUSTODY


def test_one_sign_of_putting_affairs_in_order_is_asked_about_not_called_clear() -> None:
    text = "She has given her radio and photos to other women this week. No problems with staff."
    result = classify(text, learned=False)
    assert result.possible_immediate_risk
    assert not result.immediate_risk


def test_a_critical_medicine_and_condition_named_alone_are_asked_about() -> None:
    text = "He takes warfarin for his heart valve. No problems with staff."
    result = classify(text, learned=False)
    assert result.possible_immediate_risk
    assert not result.immediate_risk


def test_the_hot_water_killing_me_is_an_idiom() -> None:
    text = (
        "the board came round about the showers and i told them, the hot water's killing me, "
        "freezing or scalding. the screws are sound about it. just want them fixed"
    )
    result = classify(text, learned=False)
    assert not result.immediate_risk
    assert result.route is Route.COMPLAINT
