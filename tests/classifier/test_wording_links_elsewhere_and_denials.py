"""Issue 13, session 15: whose contact a link points at, and denials said other ways.

- A time or a reason that points at a contact with someone else ("after his sister wrote to
  their MP", "... the local paper. Since then") ties what followed to that contact: a body named
  elsewhere without a link of its own does not make it a sanction. A body beside the other
  ("her advocate sent it on to the ombudsman", "the Board or some charity") still counts.
- "... nothing to do with it" points back at the body named before it, as "them" does; the whole
  wing or the whole prison treated alike; staff who never raised the contact; bodies never
  approached, each of a list; a bare "now" against a detriment dated before the contact.
- A complaint about an IMB member told by what she did.

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, Route, SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    "text",
    [
        "After his sister wrote to their MP about the heating, officers took his kettle and "
        "his radio. He also saw the IMB about his glasses but they have nothing on that.",
        "My story was in the local paper in May. Since then the SO has stopped my gym. I've "
        "talked to the inspectors too, but that's old news.",
        "Ever since my solicitor lodged the judicial review, DCOs search my room twice a "
        "week. I did fill in the inspectors' survey as well.",
    ],
)
def test_a_link_pointing_at_someone_else_is_not_a_sanction(text: str) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.route is Route.COMPLAINT
    assert "someone other than" in result.rationale


@pytest.mark.parametrize(
    "text",
    [
        "After her advocate sent her complaint on to the ombudsman, staff took her off the "
        "kitchen rota.",
        "I wrote to the Board or some charity, I forget which. A week later I was on the van "
        "to Swaleside.",
    ],
)
def test_a_body_beside_the_other_contact_keeps_the_link(text: str) -> None:
    assert classify(text, learned=False).qualifies is not Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "Moved to D wing on the 3rd after a fight, I'd put a letter to the ombudsman in on the "
        "20th about my missing trainers. He says the move 'came before, nothing to do with it'.",
        "Since her piece was in the paper she's been off the orderly job. She spoke to the "
        "Board that week too but 'the Board's got nothing to do with it', she says.",
        "The whole of C wing was put on a restricted regime after the inspectors left. I did "
        "speak to them, but it's the whole wing, not just me.",
        "A security sweep across the whole prison the week after the inspection: our cells "
        "were turned over, I spoke to the inspectors but so did plenty.",
    ],
)
def test_denials_pointing_back_and_the_whole_wing_are_no(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "I saw the IMB about my phone credit and that was no problem at all. They moved me to "
        "the 3s after the fight.",
        "I wrote to the ombudsman in May and nobody's said a dicky bird about it. My canteen "
        "was short because of the supplier.",
        "After I saw the Board the officer told me I'd get a negative if my music's loud "
        "again. He never mentioned the Board and said it nicely.",
    ],
)
def test_staff_who_never_raised_the_contact_and_a_contact_with_no_problem_are_no(
    text: str,
) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


def test_an_imb_member_told_of_by_what_she_did_is_a_complaint_about_the_member() -> None:
    text = (
        "I want to complain about the lady from the Board with the green coat. She told the "
        "officer in the wing office what I said in private about my son. Staff have done "
        "nothing to me, it's her I've got the problem with."
    )
    assert classify(text, learned=False).route is Route.IMB_MEMBER_COMPLAINT


def test_a_detriment_dated_before_the_contact_is_no_link_for_a_bare_now() -> None:
    text = (
        "Lost my enhanced in February for a failed MDT. Went to the Board in April to ask how "
        "long I'd be on standard. Still on standard now."
    )
    assert classify(text, learned=False).qualifies is Qualifies.NO


def test_a_list_of_bodies_never_approached_denies_each() -> None:
    text = (
        "Our client has been on basic since we issued proceedings over his injury. Staff call "
        "him 'the claimant'. He has not approached the IMB, HMIP or the PPO."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.NO
    assert result.body == []
