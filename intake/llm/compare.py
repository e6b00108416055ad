"""The model's reading beside the rules': advisory, with every disagreement flagged for triage.

Nothing here changes the rules' result, the route, consent or a case's status: :class:`Advice`
only holds both readings and where they differ.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from intake.classifier.result import Classification
from intake.llm.answers import Extraction

#: The fields compared, in the order staff read them.
COMPARED_FIELDS = ("qualifies", "categories", "body", "immediate_risk")


class AdviceDisagreement(BaseModel):
    """One field where the model reads the narrative differently from the rules."""

    model_config = ConfigDict(frozen=True)

    field: str
    rules: str
    model: str

    @property
    def line(self) -> str:
        """E.g. ``categories: rules isolation; model isolation, threats``."""
        return f"{self.field}: rules {self.rules}; model {self.model}"


class Advice(BaseModel):
    """The rules' classification (which stands) and the model's extraction (advisory)."""

    model_config = ConfigDict(frozen=True)

    rules: Classification
    model: Extraction
    disagreements: list[AdviceDisagreement]

    @property
    def needs_triage(self) -> bool:
        """The two readings differ: triage should look at the case."""
        return bool(self.disagreements)

    def lines(self) -> list[str]:
        """The model's reading in words, then where it differs from the rules (which stand)."""
        model = self.model
        said = [
            f"qualifies: {model.qualifies.value}",
            f"categories: {_words(model.categories)}",
            f"body: {_words(model.body)}",
            f"immediate risk: {_yes_no(model.immediate_risk)}",
        ]
        if model.link:
            said.append(f"link: \u201c{model.link}\u201d")
        if not self.disagreements:
            return [*said, "agrees with the rules"]
        return [*said, "differs from the rules (triage will see this):"] + [
            f"  {d.line}" for d in self.disagreements
        ]


def _words(values: Iterable[object]) -> str:
    text = ", ".join(str(v) for v in values)
    return text or "none"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def compare(rules: Classification, model: Extraction) -> list[AdviceDisagreement]:
    """Where ``model`` differs from ``rules`` on qualifies, categories, body and immediate risk."""
    found: list[AdviceDisagreement] = []
    if rules.qualifies != model.qualifies:
        found.append(
            AdviceDisagreement(
                field="qualifies", rules=rules.qualifies.value, model=model.qualifies.value
            )
        )
    if set(rules.categories) != set(model.categories):
        found.append(
            AdviceDisagreement(
                field="categories",
                rules=_words(sorted(rules.categories)),
                model=_words(sorted(model.categories)),
            )
        )
    if set(rules.body) != set(model.body):
        found.append(
            AdviceDisagreement(
                field="body", rules=_words(sorted(rules.body)), model=_words(sorted(model.body))
            )
        )
    if rules.immediate_risk != model.immediate_risk:
        found.append(
            AdviceDisagreement(
                field="immediate_risk",
                rules=_yes_no(rules.immediate_risk),
                model=_yes_no(model.immediate_risk),
            )
        )
    return found


def advise(rules: Classification, model: Extraction) -> Advice:
    return Advice(rules=rules, model=model, disagreements=compare(rules, model))
