"""The protocol as data: prompts/workflow.yaml read into validated, frozen models.

Guard and effect names are checked against the code that implements them, and deadline keys
against ``settings.deadlines``, so a typo in the data file fails at load with its name.
"""

from __future__ import annotations

from functools import cache
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from intake.core.settings import Deadlines
from intake.core.vocabulary import CaseStatus, Duty, Organisation, Outcome, ProtocolStep, Role
from prompts import PromptDataError, load_yaml

WORKFLOW_FILE = "workflow.yaml"
RECEIVING: Final = "receiving"

Input = Literal["recommendations", "recommendation_id", "due", "told"]
OrgRef = Literal["HMIP", "IMB", "PPO", "receiving"]

GUARDS = frozenset(
    {
        "once",
        "imb_consent",
        "identity_consent",
        "no_open_escalation",
        "no_open_monitoring",
        "without_consent_unrecorded",
        "awaiting_confirmation",
        "recommendations_open",
        "signpost_open",
        "consent_to_pursue",
        "may_refer",
        "immediate_risk",
        "second_person",
        "no_consent_to_pursue",
    }
)
EFFECTS = frozenset(
    {
        "triage_confirms",
        "propose_escalation_if_exceptional",
        "signpost",
        "hmip_informed",
        "create_tracker_entry",
        "consent_from_consultation",
        "create_recommendations",
        "complete_recommendation",
        "close_when_recommendations_done",
        "propose_escalation_from_note",
        "record_without_consent",
        "confirm_without_consent",
        "signpost_given",
        "consent_changed",
        "close_open_tasks",
        "hand_to_imb",
        "hand_to_ppo",
        "reopen",
    }
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class TaskRef(_Frozen):
    """A task named by its protocol step or its duty."""

    step: ProtocolStep | None = None
    duty: Duty | None = None

    @model_validator(mode="after")
    def _one(self) -> TaskRef:
        if (self.step is None) == (self.duty is None):
            raise ValueError("a task is named by exactly one of step or duty")
        return self

    @property
    def label(self) -> str:
        if self.step is not None:
            return f"step {int(self.step)} ({self.step.label})"
        return f"duty {self.duty}"


class TaskSpec(TaskRef):
    """A task an action opens."""

    owner: OrgRef = RECEIVING
    deadline: str
    title: str | None = None
    when: Literal["always", "at_risk", "consented"] = "always"

    @model_validator(mode="after")
    def _known_deadline(self) -> TaskSpec:
        if self.deadline not in Deadlines.model_fields:
            raise ValueError(f"unknown deadline {self.deadline!r} (see settings.deadlines)")
        return self

    def owner_for(self, receiving: str) -> str:
        return receiving if self.owner == RECEIVING else self.owner

    @property
    def default_title(self) -> str:
        if self.title:
            return self.title
        if self.step is not None:
            return self.step.label
        return DUTY_TITLES[self.duty or Duty.ESCALATE]


class OutcomeSpec(_Frozen):
    """One choice of an action's --outcome, with what it adds."""

    label: str
    to: CaseStatus | None = None
    case_outcome: Outcome | None = None
    opens: tuple[TaskSpec, ...] = ()
    guards: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    propose_escalation: str | None = None


class ActionSpec(_Frozen):
    """One action of the workflow."""

    name: str
    label: str
    step: ProtocolStep | None = None
    duty: Duty | None = None
    also_steps: tuple[ProtocolStep, ...] = ()
    from_: tuple[CaseStatus, ...] = Field(alias="from")
    to: CaseStatus | None = None
    case_outcome: Outcome | None = None
    roles: tuple[Role, ...]
    organisations: tuple[OrgRef, ...]
    requires_open: TaskRef | None = None
    closes: tuple[TaskRef, ...] = ()
    opens: tuple[TaskSpec, ...] = ()
    outcomes: dict[str, OutcomeSpec] = Field(default_factory=dict)
    outcome_required: bool = False
    note_required: bool = False
    needs: tuple[Input, ...] = ()
    accepts: tuple[Input, ...] = ()
    guards: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    propose_escalation: str | None = None

    @model_validator(mode="after")
    def _known_names(self) -> ActionSpec:
        guards = set(self.guards).union(*(o.guards for o in self.outcomes.values()))
        effects = set(self.effects).union(*(o.effects for o in self.outcomes.values()))
        if unknown := guards - GUARDS:
            raise ValueError(f"unknown guard(s) {sorted(unknown)}")
        if unknown := effects - EFFECTS:
            raise ValueError(f"unknown effect(s) {sorted(unknown)}")
        if self.outcome_required and not self.outcomes:
            raise ValueError("outcome_required needs a list of outcomes")
        return self

    def organisations_for(self, receiving: str) -> tuple[Organisation, ...]:
        found = [Organisation(receiving if o == RECEIVING else o) for o in self.organisations]
        return tuple(dict.fromkeys(found))

    @property
    def closes_case(self) -> bool:
        """True when taking it ends the case (so a person must confirm it)."""
        targets = [self.to, *(o.to for o in self.outcomes.values())]
        ends = any(t is not None and not t.is_open for t in targets)
        return ends or "close_when_recommendations_done" in self.effects

    @property
    def steps(self) -> tuple[ProtocolStep, ...]:
        first = (self.step,) if self.step is not None else ()
        return (*first, *self.also_steps)


class Workflow(_Frozen):
    actions: dict[str, ActionSpec]

    def get(self, name: str) -> ActionSpec | None:
        return self.actions.get(name.strip().lower().replace("-", "_"))

    def opening(self, ref: TaskRef, title: str | None = None) -> TaskSpec | None:
        """How the workflow opens this task (owner, deadline), as prompts/workflow.yaml says,
        for code that must open it again (resuming after consent, reopening a case)."""
        for action in self.actions.values():
            specs = [*action.opens, *(s for o in action.outcomes.values() for s in o.opens)]
            for spec in specs:
                same = spec.step == ref.step and spec.duty == ref.duty
                if same and spec.title == title:
                    return spec
        return None


DUTY_TITLES = {
    Duty.REFER_SENIOR_MANAGER: "Refer to the establishment's senior manager",
    Duty.REPORT_BACK: "Establishment reports back on its investigation",
    Duty.ESCALATE: "Escalate to senior levels",
    Duty.INFORM_INTERNAL_LEAD: "Inform the internal sanctions lead",
    Duty.INFORM_PARTNERS: "Inform the two other organisations",
    Duty.IMB_MONITORING: "IMB monitors the person's treatment while the risk lasts",
    Duty.SIGNPOST: "Tell the person where to go instead",
}


def parse_workflow(data: object) -> Workflow:
    """Validate the data file's content; errors name the action and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("actions"), dict):
        raise PromptDataError(f"prompts/{WORKFLOW_FILE}: needs an 'actions' mapping")
    defaults = data.get("defaults") or {}
    actions: dict[str, ActionSpec] = {}
    for name, raw in data["actions"].items():
        merged = {
            "roles": defaults.get("roles", []),
            "organisations": defaults.get("organisations", []),
            **(raw or {}),
            "name": name,
        }
        try:
            actions[name] = ActionSpec.model_validate(merged)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise PromptDataError(
                f"prompts/{WORKFLOW_FILE}: action {name!r} {where}: {first['msg']}"
            ) from exc
    return Workflow(actions=actions)


@cache
def workflow() -> Workflow:
    """The workflow shipped in prompts/workflow.yaml (read once)."""
    return parse_workflow(load_yaml(WORKFLOW_FILE))
