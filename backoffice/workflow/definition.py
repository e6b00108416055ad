"""The protocol as data: prompts/workflow.yaml read into validated, frozen models.

Guard and effect names are checked against the registries of the code that implements them
(``guards.GUARD_FUNCTIONS``, ``effects.EFFECT_FUNCTIONS``, passed in by the engine that loads the
file), deadline keys against ``settings.deadlines``, and any key the file does not know is an
error: each names the file and the line, so a typo fails at load.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Final, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from intake.core.settings import Deadlines
from intake.core.vocabulary import CaseStatus, Duty, Organisation, Outcome, ProtocolStep, Role
from prompts import PromptDataError, load_text

WORKFLOW_FILE = "workflow.yaml"
RECEIVING: Final = "receiving"

Input = Literal["recommendations", "recommendation_id", "due", "told"]
OrgRef = Literal["HMIP", "IMB", "PPO", "receiving"]


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

    def owner_for(self, receiving: str, *, board: bool = True) -> str:
        """Who does the task; where no IMB monitors the place, the receiving organisation
        does the IMB's part."""
        if self.owner == RECEIVING or (self.owner == Organisation.IMB.value and not board):
            return receiving
        return self.owner

    def title_for(self, receiving: str, *, board: bool = True) -> str:
        """The task's title, saying so when the receiving organisation does the IMB's part."""
        if self.owner == Organisation.IMB.value and not board and receiving != self.owner:
            return f"{self.default_title} (no IMB here: {receiving} does it)"
        return self.default_title

    @property
    def default_title(self) -> str:
        if self.title:
            return self.title
        if self.step is not None:
            return self.step.label
        return (self.duty or Duty.ESCALATE).task_title


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
    def _known_names(self, info: ValidationInfo) -> ActionSpec:
        known = info.context or {}
        guards = set(self.guards).union(*(o.guards for o in self.outcomes.values()))
        effects = set(self.effects).union(*(o.effects for o in self.outcomes.values()))
        if unknown := guards - set(known.get("guards", guards)):
            raise ValueError(f"unknown guard(s) {sorted(unknown)}")
        if unknown := effects - set(known.get("effects", effects)):
            raise ValueError(f"unknown effect(s) {sorted(unknown)}")
        if self.outcome_required and not self.outcomes:
            raise ValueError("outcome_required needs a list of outcomes")
        return self

    def organisations_for(self, receiving: str, *, board: bool = True) -> tuple[Organisation, ...]:
        """Who may take it; where no IMB monitors the place (a secure training centre), the
        receiving organisation takes the IMB's actions."""
        found = [
            Organisation(receiving if o == RECEIVING or (o == "IMB" and not board) else o)
            for o in self.organisations
        ]
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
    #: Tasks opened whenever a case that had been confirmed closes (the last updates, para 23).
    on_close: tuple[TaskSpec, ...] = ()

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


#: The keys the data file may hold at its top level and under ``defaults``.
_TOP_KEYS = ("defaults", "statuses", "actions", "on_close")
_DEFAULT_KEYS = ("roles", "organisations")


def parse_workflow(
    text: str,
    *,
    guards: Collection[str],
    effects: Collection[str],
    file: str = f"prompts/{WORKFLOW_FILE}",
) -> Workflow:
    """Validate the data file's text against the guards and effects the code implements; an
    error names the file, the line, the action and the field."""
    try:
        data = yaml.safe_load(text)
        lines = _key_lines(yaml.compose(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise PromptDataError(f"{file}{where}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actions"), dict):
        raise PromptDataError(f"{file}: needs an 'actions' mapping")

    def refuse(path: tuple[Any, ...], message: str) -> PromptDataError:
        line = _nearest_line(lines, path)
        return PromptDataError(f"{file} line {line}: {message}")

    for key in data:
        if key not in _TOP_KEYS:
            raise refuse((key,), f"unknown key {key!r} (expected one of {', '.join(_TOP_KEYS)})")
    defaults = data.get("defaults") or {}
    for key in defaults:
        if key not in _DEFAULT_KEYS:
            raise refuse(("defaults", key), f"unknown key {key!r} under defaults")
    context = {"guards": frozenset(guards), "effects": frozenset(effects)}
    actions: dict[str, ActionSpec] = {}
    for name, raw in data["actions"].items():
        merged = {
            "roles": defaults.get("roles", []),
            "organisations": defaults.get("organisations", []),
            **(raw or {}),
            "name": name,
        }
        try:
            actions[name] = ActionSpec.model_validate(merged, context=context)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            what = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
            path = ("actions", name, *first["loc"])
            field = f" {where}" if where else ""
            raise refuse(path, f"action {name!r}{field}: {what}") from exc
    on_close = []
    for n, raw in enumerate(data.get("on_close") or []):
        try:
            on_close.append(TaskSpec.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise refuse(("on_close", n), f"on_close: {first['msg']}") from exc
    return Workflow(actions=actions, on_close=tuple(on_close))


def load_workflow(*, guards: Collection[str], effects: Collection[str]) -> Workflow:
    """The workflow shipped in prompts/workflow.yaml."""
    return parse_workflow(load_text(WORKFLOW_FILE), guards=guards, effects=effects)


def _key_lines(node: yaml.Node | None, path: tuple[Any, ...] = ()) -> Mapping[tuple[Any, ...], int]:
    """The 1-based line of every mapping key and sequence item, by its path from the top."""
    found: dict[tuple[Any, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*path, key.value)
            found[here] = key.start_mark.line + 1
            found.update(_key_lines(value, here))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found[(*path, i)] = item.start_mark.line + 1
            found.update(_key_lines(item, (*path, i)))
    return found


def _nearest_line(lines: Mapping[tuple[Any, ...], int], path: tuple[Any, ...]) -> int:
    """The line of ``path``, or of the nearest enclosing key the file has (merged defaults and
    aliases are not written where they are used)."""
    for end in range(len(path), 0, -1):
        key = tuple(str(p) if not isinstance(p, int) else p for p in path[:end])
        if key in lines:
            return lines[key]
    return 1
