"""The demo's cast and cases: realistic, invented, and every one marked DEMO."""

from __future__ import annotations

from dataclasses import dataclass

from intake.core.vocabulary import Organisation, Qualifies, RiskLevel, Role, Route, Severity

DEMO_ESTABLISHMENT = "HMP Wandsworth"
SECOND_ESTABLISHMENT = "HMP Belmarsh"


def demo_user_name(organisation: Organisation, role: Role) -> str:
    return f"DEMO {organisation.value} {role.value.title()}"


@dataclass(frozen=True)
class Story:
    """One kind of allegation as people tell it, with how intake classified it."""

    narrative: str
    categories: tuple[str, ...]
    severity: Severity = Severity.STANDARD
    route: Route = Route.SANCTION_PROTOCOL
    qualifies: Qualifies = Qualifies.YES
    #: The rules see an indirect cue of a risk in it: "ask now" unless the risk is immediate.
    possible_immediate_risk: bool = False


STORIES = (
    Story(
        "The day after I spoke to the IMB about the food, officers moved me to the segregation "
        "unit and said it was for my own good. Nobody has told me why.",
        ("isolation", "relocation"),
    ),
    Story(
        "Since I wrote to the Ombudsman my visits have been cancelled twice and my letters "
        "arrive opened and late. An officer said 'that's what happens to grasses'.",
        ("communication_limits", "verbal_abuse"),
    ),
    Story(
        "I told the inspectors about the showers. Next morning I lost my job in the kitchens "
        "and my IEP was dropped to basic without a review.",
        ("loss_of_employment", "entitlements"),
    ),
    Story(
        "Two officers came to my cell after the inspection interview, one held me against the "
        "wall and said if I talk to HMIP again I will be hurt. I have bruises on my arm.",
        ("physical_abuse", "threats"),
        Severity.EXCEPTIONAL,
    ),
    Story(
        "After I put in an IMB application my medication was not given for three days and the "
        "nurse said the wing officer told her to wait. Since then I have been saving up my "
        "sleeping tablets.",
        ("entitlements",),
        Severity.SERIOUS,
        possible_immediate_risk=True,
    ),
    Story(
        "Staff read out my complaint to the PPO on the landing and laughed. Other prisoners now "
        "call me names and I am scared to leave my cell.",
        ("humiliation", "psychological_abuse"),
        Severity.SERIOUS,
    ),
    Story(
        "I was told I will be shipped out to another jail if I keep talking to the Board. "
        "My transfer paperwork appeared the week after.",
        ("transfer", "threats"),
    ),
    Story(
        "My category was raised from D to C two days after I gave evidence to the inspectors, "
        "with no new information on my file.",
        ("recategorisation",),
    ),
    Story(
        "I am a member of staff. After I spoke to the inspectors my manager has moved me to "
        "nights and warned me about loyalty.",
        (),
        route=Route.WHISTLEBLOWING,
        qualifies=Qualifies.NO,
    ),
    Story(
        "The canteen sheet was wrong again and I was charged for items I never received.",
        (),
        route=Route.COMPLAINT,
        qualifies=Qualifies.NO,
    ),
    Story(
        "The man in the next cell has not eaten for days and is talking about ending it.",
        (),
        route=Route.SAFER_CUSTODY,
        qualifies=Qualifies.NO,
    ),
)

ESTABLISHMENTS = (
    DEMO_ESTABLISHMENT,
    SECOND_ESTABLISHMENT,
    "Brook House IRC",
    "HMYOI Feltham A",
    "HMP Bronzefield",
    "HMP Durham",
)

FIRST_NAMES = ("Alex", "Jordan", "Sam", "Chris", "Taylor", "Jamie", "Robin", "Casey", "Drew")
LAST_NAMES = ("Morgan", "Okafor", "Patel", "Nowak", "Evans", "Hughes", "Ahmed", "Kelly")

# Where each demo case is taken, in order; cycled over the 30 cases.
STAGES = (
    "received",
    "confirmed",
    "logged",
    "consulted",
    "briefed",
    "not_investigated",
    "investigating",
    "unfounded",
    "recommendations",
    "proved",
    "referred",
    "received",
)
RISKS = (RiskLevel.STANDARD, RiskLevel.HIGH, RiskLevel.STANDARD, RiskLevel.IMMEDIATE)
ORGANISATIONS = (Organisation.IMB, Organisation.HMIP, Organisation.PPO)
CASE_COUNT = 30
