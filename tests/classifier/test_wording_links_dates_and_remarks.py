"""Issue 13, session 12: links said by the text's shape, not its words.

- Dates in order link a detriment to a contact, as solicitors and staff notes link them: the
  contact dated first, the detriment a few days or weeks later ("In April ... On 2 May" too). A
  detriment dated before the contact, or months after it, is no link; a date that is no date is
  read as none. A death dated more than 14 days after a dated release is not a death in custody.
- A staff member's quoted words that name a body are a link ("a DCO told him 'people who talk
  to inspectors don't earn here'"); the person quoting their own words is not.
- What a contact was about ends where "they" acted ("rang the board about me getting no
  education they moved me").

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route


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
        "She spoke to the inspectors on 28 February 2026. On 3 March 2026 her ROTL was suspended.",
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
        # a month alone: the detriment in the same month may have come first
        "In May he wrote to the Ombudsman. On 2 May he had been removed from the gardens.",
    ],
)
def test_dates_out_of_order_or_far_apart_are_no_link(text: str) -> None:
    assert _qualifies(text) is not Qualifies.YES


def test_a_date_that_is_no_date_is_read_as_none() -> None:
    text = "He wrote to the PPO on 30/2. On 31/2 he lost his job."
    assert _qualifies(text) is not Qualifies.YES


def test_a_death_long_after_release_is_not_a_death_in_custody() -> None:
    late = "Her brother left HMP Hull, released on 2 March, and died on 30 June of an overdose."
    soon = "Her brother was released from HMP Hull on 2 March and died on 9 March of an overdose."
    assert classify(late, learned=False).route is not Route.DEATH_IN_CUSTODY
    assert classify(soon, learned=False).route is Route.DEATH_IN_CUSTODY


@pytest.mark.parametrize(
    "text",
    [
        "He spoke to the inspectors about the heating. He was taken off his cleaning job and "
        "a DCO told him 'people who talk to inspectors don't earn here'.",
        "Pr strip searched on return from the IMB room, no intel. Off.: 'just checking what "
        "you've been handing the Board'.",
        "She wrote to the Ombudsman. Her ROTL was stopped and an officer said the 'Ombudsman "
        "letter did you no favours'.",
    ],
)
def test_a_staff_remark_in_quotes_naming_a_body_is_a_link(text: str) -> None:
    assert _qualifies(text) is Qualifies.YES


def test_the_persons_own_quoted_words_are_not_a_staff_remark() -> None:
    text = (
        "I saw the IMB last month. The officer moved me to the 4s and I said to him 'I told "
        "the IMB about the showers, that's all'."
    )
    assert _qualifies(text) is Qualifies.UNCLEAR


def test_what_a_contact_was_about_ends_where_they_acted() -> None:
    text = "when my mum rang the board about me getting no education they moved me to another unit"
    assert "relocation" in {c.value for c in classify(text, learned=False).categories}
