"""Issue 13, session 20: a detriment told, and dated, before the contact is no sanction for it.

"I lost my job in January for a failed test ... In March I spoke to the IMB": what came first
cannot be caused by the contact, and the model does not add it back. Not a state still going on
("on the block since 2 May"), and not a date told later of something else ("the course was
withdrawn, though my funding was approved in June"). A person moved back in with the one who
assaulted them, or next door, is moved.

The rules are tested alone (``learned=False``) where they decide; the whole classifier where
the model must not add back what came first. Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize("learned", [False, True], ids=["rules", "with-model"])
def test_a_detriment_dated_before_the_contact_is_not_read(learned: bool) -> None:
    text = (
        "To be straight with you, I lost my gardens job in January for a failed MDT. In "
        "March I spoke to the IMB about my eyes. Within days I was down the seg for a week "
        "with no adjudication."
    )
    result = classify(text, learned=learned)
    assert C.ISOLATION in result.categories
    assert C.LOSS_OF_EMPLOYMENT not in result.categories


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            # a state still going on after the contact
            "Pr has been on the block since 2 May and is still there. He saw the IMB on 9 May "
            "about the food; since then the SO says 'the Board can visit you down here'.",
            C.ISOLATION,
        ),
        (
            # the date is of something else, told after the contact
            "In September I wrote to the ombudsman about my post. Since then my place on the "
            "plumbing course was withdrawn, though my funding was approved in June.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            # dated after the contact
            "I saw the IMB on 3 June. On 5 June I lost my servery job, no reason.",
            C.LOSS_OF_EMPLOYMENT,
        ),
    ],
    ids=["still-going-on", "a-date-of-something-else", "dated-after"],
)
def test_a_detriment_not_dated_before_the_contact_stays(text: str, kept: SanctionCategory) -> None:
    assert kept in classify(text, learned=False).categories


@pytest.mark.parametrize(
    "text",
    [
        "Pr told the IMB 5/9. On 7/9 the CM moved Pr back into the same cell with the woman "
        "who hit her.",
        "He wrote to the PPO on 25/10. On 29/10 he was relocated to C-2-14, next door to the "
        "man who assaulted him.",
    ],
    ids=["back-into-the-same-cell", "next-door-to"],
)
def test_moved_back_in_with_or_next_to_an_assailant_is_relocation(text: str) -> None:
    assert C.RELOCATION in classify(text, learned=False).categories


def test_what_a_downgrade_takes_spelled_out_is_labelled() -> None:
    text = (
        "The week after my letter to the ombudsman I was dropped to basic. On basic you have to "
        "give your own clothes back and wear prison greys."
    )
    categories = classify(text, learned=False).categories
    assert {C.RECATEGORISATION, C.ENTITLEMENTS} <= set(categories)
