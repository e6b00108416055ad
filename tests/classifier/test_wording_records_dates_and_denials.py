"""Issue 13, session 13: detriments said other ways, dates that deny a link, denials and doubt.

- Detriments without their textbook word: the body has "no record" of what was sent, or
  "received none" (communication); told "not to give" a medicine, a doctor asked for and refused,
  kept off the gym list (entitlements); taken off a course (loss of employment); "reclassified to
  closed", taken off the cat D review list (recategorisation); moved out of the room
  (relocation); the body written by the person's name (psychological abuse).
- A full stop after an initial or title ("Pr K. his insulin") does not end the sentence.
- Every dated detriment dated before the dated contact ("sent back to closed conditions in
  January ... In March he complained to the Ombudsman") is no link: no sanction.
- Denials: staff "normal with him", he "does not feel badly treated", "no prisoner affected".
  Doubt: "might be the Board thing, might not", "can't prove it wasn't".

The rules are tested alone (``learned=False``). Every text was written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classifier import classify
from intake.core.vocabulary import Qualifies, SanctionCategory

C = SanctionCategory


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Since January he has put five applications in the IMB box about the heating. The "
            "Board says it has no record of any of them.",
            C.COMMUNICATION_LIMITS,
        ),
        (
            "Since her complaint to the ombudsman went in, the night officer told the nurse not "
            "to give her the evening insulin until she 'stops writing to the ombudsman'.",
            C.ENTITLEMENTS,
        ),
        (
            "After I spoke to the inspectors I asked for a doctor and was told 'ask the "
            "inspectors'. My hand is still swollen.",
            C.ENTITLEMENTS,
        ),
        (
            "since my chat with the inspectors i aint been let on the gym list once, the SO says "
            "'inspectors can take you to the gym'",
            C.ENTITLEMENTS,
        ),
        (
            "After I told the IMB about the fights the officer took me off the welding course "
            "and said 'learn welding from the IMB'.",
            C.LOSS_OF_EMPLOYMENT,
        ),
        (
            "I wrote to the IMB at Hollesley Bay in May. Last week my husband was reclassified "
            "and sent back to closed, and an officer said 'the Board did that for you'.",
            C.RECATEGORISATION,
        ),
        (
            "Pr removed from the cat D review list 5 days after his HMIP interview. OMU: 'talking "
            "to inspectors shows low trust - defer'.",
            C.RECATEGORISATION,
        ),
        (
            "After she told the monitoring board about the broken locks, a DCO moved her out of "
            "the room she shared with her sister and said 'tell the Board about that'.",
            C.RELOCATION,
        ),
        (
            "Pr states staff wrote 'OMBUDSMAN FAN CLUB' next to his name on the landing board the "
            "day after his PPO complaint. Other prs now call him 'fan club'.",
            C.PSYCHOLOGICAL_ABUSE,
        ),
    ],
)
def test_detriments_without_their_textbook_word(text: str, category: SanctionCategory) -> None:
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert category in result.categories


def test_an_initial_does_not_end_the_sentence() -> None:
    text = (
        "Agency nurse: wing officer told her not to give Pr K. his evening insulin 'until he "
        "learns not to talk to the Board'. She fears losing her shifts if she is named."
    )
    result = classify(text, learned=False)
    assert result.qualifies is Qualifies.YES
    assert C.ENTITLEMENTS in result.categories


def test_a_detriment_dated_before_the_contact_is_no_link() -> None:
    text = (
        "My brother is at HMP Ford and was sent back to closed conditions in February after a "
        "failed drug test. In April he complained to the Ombudsman about it. We would like to "
        "know how long a reply takes."
    )
    assert classify(text, learned=False).qualifies is Qualifies.NO


def test_a_detriment_dated_after_the_contact_still_counts() -> None:
    text = (
        "In February he complained to the Ombudsman about his property. In April he was sent "
        "back to closed conditions with no reason given."
    )
    assert classify(text, learned=False).qualifies is not Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "YP put on single separation after a fight he admits starting. He told the IMB about "
        "the separation afterwards and says staff have been 'proper normal' with him since.",
        "Via interpreter. He told the inspectors the showers are cold. Officers now joke with "
        "him that he 'fixed the showers yet'; he does not feel badly treated.",
        "Officer gave a statement to the ombudsman's investigator. Since then his manager has "
        "refused his leave and written him up twice. No prisoner affected.",
    ],
)
def test_denials_said_other_ways(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.NO


@pytest.mark.parametrize(
    "text",
    [
        "YP saw the IMB on Monday about school. On Tuesday he was restrained in his room by "
        "three staff. YP says 'might be the Board thing, might not, I was kicking off'.",
        "She saw the IMB about the nursery waiting list. A week later she was taken off the "
        "kitchen job. 'They said it was numbers. Could be, I can't prove it wasn't.'",
    ],
)
def test_doubt_said_other_ways(text: str) -> None:
    assert classify(text, learned=False).qualifies is Qualifies.UNCLEAR
