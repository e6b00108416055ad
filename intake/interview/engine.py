"""The interview engine: what is known, what to ask next, live classification. No UI here.

A checklist, not a flowchart: the script declares the questions and when each applies; the
engine asks whichever applicable question is still unknown, so changing an earlier answer
during review simply brings back (or retires) the questions that depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from intake.classifier import Classification, Setting, classify
from intake.errors import ValidationProblem
from intake.interview.answers import Parsed, parse_answer
from intake.interview.script import Flag, Kind, Question, Script, Texts, load_script, load_texts
from intake.reference.establishments import EstablishmentDirectory, default_directory
from intake.vocabulary import EstablishmentType, Qualifies, Route

ACCOUNT_SEPARATOR = "\n\nWhy they link it: "
EARLY_ENDINGS = {
    ("raised_by", "staff_self"): Route.WHISTLEBLOWING,
    ("concern_type", "death"): Route.DEATH_IN_CUSTODY,
    ("concern_type", "imb_member"): Route.IMB_MEMBER_COMPLAINT,
}


@dataclass(frozen=True)
class Ending:
    """The interview stops early with a signpost (para 4, the MoUs, places out of scope)."""

    route: Route
    signpost: str


class Interview:
    """One interview's answers and the questions still to ask."""

    def __init__(
        self,
        *,
        today: date,
        answers: dict[str, dict[str, Any]] | None = None,
        script: Script | None = None,
        texts: Texts | None = None,
        directory: EstablishmentDirectory | None = None,
    ) -> None:
        self.today = today
        self.script = script or load_script()
        self.texts = texts or load_texts()
        self.directory = directory or default_directory()
        self.answers: dict[str, Parsed] = {
            key: Parsed(item["value"], item["display"]) for key, item in (answers or {}).items()
        }
        self.classification: Classification | None = None
        if self.account_text():
            self.classification = self._classify(self.account_text())

    # -- what is known ---------------------------------------------------------------------

    def value(self, key: str) -> Any:
        parsed = self.answers.get(key)
        return parsed.value if parsed else None

    def derived(self, question: Question) -> Any:
        """A value the narrative already gives, so the question need not be asked."""
        if question.derive == "body" and self.classification and self.classification.body:
            return [b.value for b in self.classification.body]
        return None

    def is_known(self, question: Question) -> bool:
        return question.key in self.answers or self.derived(question) is not None

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

    def flags(self) -> set[Flag]:
        flags: set[Flag] = set()
        kind = self.establishment_type
        if kind is not None and kind.holds_detainees:
            flags.add(Flag.DETENTION)
        result = self.classification
        if self.value("concern_type") == "sanction" or (
            result is not None and result.route == Route.SANCTION_PROTOCOL
        ):
            flags.add(Flag.SANCTION_CONCERN)
        if result is None or result.qualifies != Qualifies.YES or "link" in result.missing:
            flags.add(Flag.LINK_WEAK)
        if self.value("consent_pursue") is False or self.value("consent_share_identity") is False:
            flags.add(Flag.NO_CONSENT)
        if self.immediate_risk:
            flags.add(Flag.IMMEDIATE_RISK)
        return flags

    @property
    def immediate_risk(self) -> bool:
        from_account = bool(self.classification and self.classification.immediate_risk)
        said = self.value("immediate_danger") is True or self.value("self_harm") is True
        return from_account or said

    def ending(self) -> Ending | None:
        place = self.value("establishment")
        if isinstance(place, dict) and "not_covered" in place:
            text = self.texts.signposts["out_of_scope"].format(
                kind=place["not_covered"], covered_by=place["covered_by"]
            )
            return Ending(Route.OUT_OF_SCOPE, text)
        for (key, value), route in EARLY_ENDINGS.items():
            if self.value(key) == value:
                return Ending(route, self.texts.signposts[route.value])
        return None

    # -- what to ask ------------------------------------------------------------------------

    def applies(self, question: Question) -> bool:
        if self.ending() is not None:
            return False
        flags = self.flags()
        return all(self._holds(condition, flags) for condition in question.ask_if)

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

    def current(self) -> Question | None:
        """The next question to ask, or None when everything needed is known."""
        for question in self.script.questions:
            if not self.is_known(question) and self.applies(question):
                return question
        return None

    def remaining(self) -> list[Question]:
        return [q for q in self.script.questions if not self.is_known(q) and self.applies(q)]

    def asked(self) -> list[Question]:
        """Questions answered and still relevant, in script order (for the review)."""
        return [q for q in self.script.questions if q.key in self.answers and self.applies(q)]

    # -- answering --------------------------------------------------------------------------

    def answer(self, text: str, *, key: str | None = None) -> Parsed:
        """Accept an answer to the current question (or to ``key`` when editing)."""
        question = self.script.question(key) if key else self.current()
        if question is None:
            raise ValidationProblem("every question has been answered; review and submit")
        parsed = parse_answer(question, text, directory=self.directory, today=self.today)
        self.answers[question.key] = parsed
        if question.kind == Kind.NARRATIVE or question.key == "link_reason":
            self.classification = self._classify(self.account_text())
        if question.key in ("establishment", "age_band") and self.account_text():
            self.classification = self._classify(self.account_text())
        return parsed

    def account_text(self) -> str:
        narrative = self.value("narrative") or ""
        link = self.value("link_reason")
        return f"{narrative}{ACCOUNT_SEPARATOR}{link}" if narrative and link else narrative

    def preview(self, narrative_in_progress: str) -> Classification | None:
        """Classify a narrative as it is typed, without accepting it as the answer."""
        if not narrative_in_progress.strip():
            return None
        try:
            return self._classify(narrative_in_progress)
        except ValueError:
            return None

    def _classify(self, text: str) -> Classification:
        place = self.value("establishment")
        setting = Setting(
            establishment_type=self.establishment_type,
            out_of_scope_place=isinstance(place, dict) and "not_covered" in place,
            under_18=self.under_18,
        )
        return classify(text, setting=setting)

    def state(self) -> dict[str, dict[str, Any]]:
        """The answers in a JSON-able form, for the draft."""
        return {k: {"value": p.value, "display": p.display} for k, p in self.answers.items()}
