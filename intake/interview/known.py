"""What an interview's answers establish so far: the place, who raises it and for whom, the
concerns chosen and the routes they add, the flags the script's conditions read, the risk, and
an ending with its signpost. No UI here; the engine (:mod:`intake.interview.engine`) asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from intake.classifier import Classification
from intake.core.establishment_data import reference_establishments
from intake.core.vocabulary import EstablishmentType, Qualifies, Route
from intake.interview.answers import Parsed
from intake.interview.script import Flag, Question, Script, Texts

#: Someone raising it for the person: their word about consent is theirs, not the person's.
ON_BEHALF = ("family", "other_prisoner", "lawyer", "staff_for_prisoner")
#: The route each concern chosen at "What is it about?" establishes ("other": the account's).
CONCERN_ROUTES = {
    "sanction": Route.SANCTION_PROTOCOL,
    "death": Route.DEATH_IN_CUSTODY,
    "imb_member": Route.IMB_MEMBER_COMPLAINT,
}
#: Concerns that end the interview with a signpost, when nothing else is chosen with them.
SIGNPOSTED_CONCERNS = frozenset({"death", "imb_member"})
#: Answers to the immediate-risk action questions that mean nothing has been done yet.
NOT_YET = frozenset(
    {"not yet", "no", "none", "nothing", "nothing yet", "nobody", "no one", "not done", "later"}
)
#: Ways in with nobody in front of the interviewer: the reassurance goes back in writing and
#: consent is sought from the person later (step 4).
WRITTEN_WAYS_IN = frozenset(
    {"letter", "email", "imb_application", "referral_hmip", "referral_imb", "referral_ppo",
     "survey"}
)  # fmt: skip


@cache
def _welsh_places() -> frozenset[str]:
    return frozenset(r.name for r in reference_establishments() if r.country == "Wales")


@dataclass(frozen=True)
class Ending:
    """The interview stops early with a signpost (para 4, the MoUs, places out of scope)."""

    routes: tuple[Route, ...]
    signpost: str

    @property
    def route(self) -> Route:
        """The main route (the first)."""
        return self.routes[0]


def is_not_yet(text: object) -> bool:
    """Staff's words say nothing has been done yet ('not yet', 'no one', ...)."""
    return isinstance(text, str) and text.lower().strip(" .!") in NOT_YET


class Known:
    """What one interview's answers establish so far (the engine's :class:`Interview` holds
    them: its answers, the script and texts they are read with, the account's classification).
    """

    script: Script
    texts: Texts
    answers: dict[str, Parsed]
    classification: Classification | None

    def value(self, key: str) -> Any:
        parsed = self.answers.get(key)
        return parsed.value if parsed else None

    def derived(self, question: Question) -> Any:
        """A value the narrative already gives, so the question need not be asked."""
        if question.derive == "body" and self.classification and self.classification.body:
            return [b.value for b in self.classification.body]
        return None

    def is_known(self, question: Question) -> bool:
        """Answered already. What the account or an earlier answer gives is not known until
        the interviewer confirms it (``found``)."""
        return question.key in self.answers

    @property
    def written(self) -> bool:
        """It came in writing: nobody is in front of the interviewer."""
        return self.value("received_via") in WRITTEN_WAYS_IN

    @property
    def establishment_type(self) -> EstablishmentType | None:
        value = self.value("establishment")
        if isinstance(value, dict) and "type" in value:
            return EstablishmentType(value["type"])
        return None

    @property
    def under_18(self) -> bool:
        kind = self.establishment_type
        return self.value("age_band") == "under_18" or kind in (
            EstablishmentType.YOI,
            EstablishmentType.STC,
        )

    def concerns(self) -> list[str]:
        """What it is about, as chosen (several may be)."""
        return list(self.value("concern_type") or [])

    def concern_routes(self) -> list[Route]:
        """The routes the concerns chosen establish, besides what the account shows."""
        return [CONCERN_ROUTES[c] for c in self.concerns() if c in CONCERN_ROUTES]

    @property
    def on_behalf(self) -> bool:
        """Someone else is raising it: what they say about consent is not the person's own."""
        return self.value("raised_by") in ON_BEHALF

    @property
    def staff_fears_reprisal(self) -> bool:
        return self.value("raised_by") == "staff_for_prisoner" and (
            self.value("staff_fears_reprisal") is True
        )

    def extra_routes(self) -> list[Route]:
        """Routes the answers add beside the sanctions protocol (each needs its signpost)."""
        if self.ending() is not None:
            return []
        routes: list[Route] = [r for r in self.concern_routes() if r != Route.SANCTION_PROTOCOL]
        if self.staff_fears_reprisal:
            routes.append(Route.WHISTLEBLOWING)
        return routes

    def flags(self) -> set[Flag]:
        flags: set[Flag] = set()
        kind = self.establishment_type
        if kind is not None and kind.holds_detainees:
            flags.add(Flag.DETENTION)
        result = self.classification
        if "sanction" in self.concerns() or (
            result is not None and result.route == Route.SANCTION_PROTOCOL
        ):
            flags.add(Flag.SANCTION_CONCERN)
        if result is None or result.qualifies != Qualifies.YES or "link" in result.missing:
            flags.add(Flag.LINK_WEAK)
        if self.on_behalf or self.consent_refused:
            flags.add(Flag.NO_CONSENT)
        if self.immediate_risk:
            flags.add(Flag.IMMEDIATE_RISK)
        if self.written:
            flags.add(Flag.WRITTEN)
        if self.in_wales or "language" in self.answers:
            flags.add(Flag.OFFER_LANGUAGE)
        return flags

    @property
    def in_wales(self) -> bool:
        """The establishment is in Wales, where Welsh must be offered."""
        place = self.value("establishment")
        name = place.get("name") if isinstance(place, dict) else None
        return name is not None and name in _welsh_places()

    @property
    def language(self) -> str:
        """The language the person is spoken to in ("en" unless chosen)."""
        return self.value("language") or "en"

    @property
    def consent_refused(self) -> bool:
        """Consent to pursue it, or to name them to the establishment, was refused."""
        return self.value("consent_pursue") is False or (
            self.value("consent_share_identity") is False
        )

    @property
    def immediate_risk(self) -> bool:
        from_account = bool(self.classification and self.classification.immediate_risk)
        said = self.value("immediate_danger") is True or self.value("self_harm") is True
        return from_account or said

    @property
    def possible_risk(self) -> bool:
        """The account has an indirect cue of risk: staff ask the person now (issue 13)."""
        return bool(self.classification and self.classification.possible_immediate_risk)

    def risk_acted_on(self) -> bool | None:
        """With an immediate risk: None until staff say what they did and when, False when
        they have not acted yet (the warning stays), True once they have."""
        action, when = self.value("action_taken"), self.value("action_at")
        if action is None or when is None:
            return None
        return not (is_not_yet(action) or is_not_yet(when))

    def ending(self) -> Ending | None:
        place = self.value("establishment")
        if isinstance(place, dict) and "not_covered" in place:
            return Ending((Route.OUT_OF_SCOPE,), self.signpost(Route.OUT_OF_SCOPE))
        if self.value("raised_by") == "staff_self":
            return Ending((Route.WHISTLEBLOWING,), self.signpost(Route.WHISTLEBLOWING))
        concerns = self.concerns()
        if concerns and set(concerns) <= SIGNPOSTED_CONCERNS:
            routes = tuple(CONCERN_ROUTES[c] for c in concerns)
            return Ending(routes, "\n".join(self.signpost(r) for r in routes))
        return None

    def signpost(self, route: Route, *, texts: Texts | None = None) -> str:
        """Where to go for ``route``, in the words staff say ("" when there are none); in
        ``texts`` of another language when given."""
        place = self.value("establishment")
        text = (texts or self.texts).signposts.get(route.value, "")
        if route == Route.OUT_OF_SCOPE:
            if not (isinstance(place, dict) and "not_covered" in place):
                return ""
            return text.format(kind=place["not_covered"], covered_by=place["covered_by"])
        return text

    def _holds(self, condition: Any, flags: set[Flag]) -> bool:
        if condition.flag is not None:
            return condition.flag in flags
        if condition.not_flag is not None:
            return condition.not_flag not in flags
        value = self.value(condition.answer)
        if condition.answer not in self.answers:
            return False
        if condition.is_ is not None:
            return value == condition.is_
        if condition.in_ is not None:
            return value in condition.in_
        if condition.not_in is not None:
            return value not in condition.not_in
        return True
