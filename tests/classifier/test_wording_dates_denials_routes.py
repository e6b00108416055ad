"""Issue 13, session 12 (the fourteenth to sixteenth batches): concepts the rules missed.

- Dates in order link a detriment to a contact, as solicitors and staff notes link them: the
  contact dated first, the detriment a few days or weeks later. A detriment dated before the
  contact, or months after it, is no link.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies


def _qualifies(text: str) -> Qualifies:
    return classify(text, learned=False).qualifies


@pytest.mark.parametrize(
    "text",
    [
        "Mr Q. wrote to the Prisons and Probation Ombudsman on 4 April. On 11 April he was "
        "removed from his kitchen job without a reason given.",
        "Dear Board, I emailed you on 2nd June about my son's epilepsy. On 6th June his "
        "tablets were taken off him as no longer in-possession.",
        "Pr saw HMIP insp 3/9. 5/9 moved to F wing, no explanation.",
        "She spoke to the inspectors on 28 February 2026. On 3 March 2026 her ROTL was "
        "suspended.",
    ],
)
def test_dates_in_order_link_a_detriment_to_a_contact(text: str) -> None:
    assert _qualifies(text) is Qualifies.YES


@pytest.mark.parametrize(
    "text",
    [
        # the detriment dated before the contact: the contact was about it
        "On 2 May Mr Q. was removed from his kitchen job. On 9 May he wrote to the Ombudsman.",
        # months apart
        "He spoke to the IMB on 3 January. On 20 August he was moved to F wing.",
    ],
)
def test_dates_out_of_order_or_far_apart_are_no_link(text: str) -> None:
    assert _qualifies(text) is not Qualifies.YES


def test_a_date_that_is_no_date_is_read_as_none() -> None:
    text = "He wrote to the PPO on 30/2. On 31/2 he lost his job."
    assert _qualifies(text) is not Qualifies.YES
