"""Accounts written the way inspection, monitoring and ombudsman reports put them: third person,
passive voice, "the prisoner alleged", "we were told", "a man told us". Written for these tests
(not taken from any report or from the dev set); each asserts the decision a reader would expect.

The reporting body in a frame ("the IMB was told by a prisoner") may also be listed as a body,
so only the bodies that must be there are checked.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from intake.classifier import classify


class Case(NamedTuple):
    text: str
    qualifies: str
    route: str
    categories: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()
    risk: bool | None = None


def case(
    text: str,
    qualifies: str,
    route: str,
    cats: str = "",
    bodies: str = "",
    risk: bool | None = None,
) -> Case:
    return Case(text, qualifies, route, frozenset(cats.split()), frozenset(bodies.split()), risk)


SP = "sanction_protocol"

CASES = [
    case(
        "The IMB was told by a prisoner that after he had spoken to inspectors, he was moved to "
        "the segregation unit without explanation.",
        "yes",
        SP,
        "isolation",
        "HMIP",
    ),
    case(
        "A detainee at Brook House alleged that an officer had threatened him after his "
        "complaint to the PPO.",
        "yes",
        SP,
        "threats",
        "PPO",
    ),
    case(
        "A man told us that since he had made an application to the IMB, staff had repeatedly "
        "searched his cell and left it in a mess.",
        "yes",
        SP,
        "psychological_abuse",
        "IMB",
    ),
    case(
        "A woman in the care and separation unit said she had been placed there the day after "
        "she spoke to the inspectors.",
        "yes",
        SP,
        "isolation",
        "HMIP",
    ),
    case(
        "We were told by several prisoners that officers had called them 'grasses' for speaking "
        "to inspectors during our previous visit.",
        "yes",
        SP,
        "verbal_abuse",
        "HMIP",
    ),
    case(
        "The prisoner alleged that his IEP status had been reduced to basic because he had "
        "written to the Prisons and Probation Ombudsman.",
        "yes",
        SP,
        "recategorisation",
        "PPO",
    ),
    case(
        "A young man at the YOI reported that he had lost his job in the kitchens after he "
        "raised concerns with the Board.",
        "yes",
        SP,
        "loss_of_employment",
        "IMB",
    ),
    case(
        "The Board was informed that a letter addressed to the Ombudsman had been opened by "
        "staff and not sent.",
        "yes",
        SP,
        "communication_limits",
        "PPO",
    ),
    case(
        "One prisoner said that he had been transferred to another establishment shortly after "
        "he gave evidence to HMIP inspectors, and believed this was a punishment.",
        "yes",
        SP,
        "transfer",
        "HMIP",
    ),
    case(
        "A detainee reported that DCOs had told him he would be moved to a different removal "
        "centre if he continued to complain to the monitoring board.",
        "yes",
        SP,
        "threats",
        "IMB",
    ),
    case(
        "He alleged that officers had restrained him roughly and caused injury to his wrist "
        "after he asked to see the IMB.",
        "yes",
        SP,
        "physical_abuse",
        "IMB",
    ),
    case(
        "A prisoner told inspectors that his visits had been cancelled after his family "
        "contacted the IMB on his behalf.",
        "yes",
        SP,
        "communication_limits",
        "IMB",
    ),
    case(
        "The IMB heard from a prisoner who said staff had withheld his medication since he "
        "submitted a confidential complaint to the PPO.",
        "yes",
        SP,
        "entitlements",
        "PPO",
    ),
    case(
        "A woman alleged that she had been strip-searched in front of male officers as a "
        "punishment for speaking to the inspectorate.",
        "yes",
        SP,
        "humiliation",
        "HMIP",
    ),
    case(
        "Staff were reported to have told other prisoners that he was an informant after he met "
        "with the Independent Monitoring Board.",
        "yes",
        SP,
        "psychological_abuse",
        "IMB",
    ),
    case(
        "A detainee said that after he had spoken to inspectors, an officer told him that he "
        "would 'regret it'.",
        "yes",
        SP,
        "threats",
        "HMIP",
    ),
    case(
        "A prisoner in the CSU alleged that he had been kept there for three weeks because he "
        "had told the IMB about bullying by staff.",
        "yes",
        SP,
        "isolation",
        "IMB",
    ),
    case(
        "The IMB applications box on the wing had been removed, and prisoners told us that "
        "officers refused to hand out application forms.",
        "yes",
        SP,
        "communication_limits",
        "IMB",
    ),
    case(
        "The prisoner alleged that he was called a grass after he spoke to the Board.",
        "yes",
        SP,
        "verbal_abuse",
        "IMB",
    ),
    case(
        "A prisoner on the wing said an officer threatened to ship him out for talking to the "
        "inspectors.",
        "yes",
        SP,
        "threats",
        "HMIP",
    ),
    # --- a human must decide
    case(
        "A prisoner said that he had been moved to another wing after an application, but he "
        "could not say to whom it had been made.",
        "unclear",
        SP,
        "relocation",
    ),
    case(
        "A man told us he had spoken to the IMB in the spring and had been transferred in the "
        "summer, although he did not think the two were connected.",
        "unclear",
        SP,
        "transfer",
        "IMB",
    ),
    # --- not a sanction: other routes
    case(
        "A prisoner told us that he had not experienced any reprisals for speaking to the Board; "
        "his concern was the lack of time out of cell.",
        "no",
        "complaint",
    ),
    case(
        "A man in the segregation unit complained to inspectors about the poor quality of the "
        "food.",
        "no",
        "complaint",
    ),
    case(
        "A prisoner alleged that he had been assaulted by officers after he complained to his MP.",
        "no",
        "complaint",
    ),
    case(
        "A member of staff told inspectors that she feared being disciplined by managers if she "
        "raised concerns about the treatment of prisoners.",
        "no",
        "whistleblowing",
    ),
    case(
        "An officer told us in confidence that he was worried colleagues would turn on him for "
        "speaking to the inspection team.",
        "no",
        "whistleblowing",
    ),
    case(
        "The PPO is investigating the death of a man who was found hanging in his cell in March.",
        "no",
        "death_in_custody",
    ),
    case(
        "A prisoner's family told the IMB that he had died in hospital nine days after his "
        "release.",
        "no",
        "death_in_custody",
    ),
    case(
        "A prisoner complained that a member of the IMB had been dismissive and had discussed "
        "his case in front of officers.",
        "no",
        "imb_member_complaint",
    ),
    case(
        "A man held in police custody alleged that he had been refused a phone call after asking "
        "to speak to the inspectors.",
        "no",
        "out_of_scope",
    ),
    case(
        "A man detained under section 3 in a secure hospital told us staff had punished him for "
        "writing to the ombudsman.",
        "no",
        "out_of_scope",
    ),
    case(
        "A prisoner told the Board that he was being threatened by other prisoners over a drug "
        "debt and feared for his safety tonight.",
        "no",
        "safer_custody",
        risk=True,
    ),
    case(
        "Inspectors were told by a woman that she had self-harmed the previous night and had not "
        "been seen by healthcare.",
        "no",
        "safer_custody",
        risk=True,
    ),
]


@pytest.mark.parametrize("expected", CASES, ids=[c.text[:40] for c in CASES])
def test_report_style_account(expected: Case) -> None:
    result = classify(expected.text)
    got = (result.qualifies.value, result.route.value)
    assert got == (expected.qualifies, expected.route), result.rationale
    assert expected.categories <= {c.value for c in result.categories}
    assert expected.bodies <= {b.value for b in result.body}
    if expected.qualifies == "no":
        assert result.categories == []
    if expected.risk is not None:
        assert result.immediate_risk is expected.risk
