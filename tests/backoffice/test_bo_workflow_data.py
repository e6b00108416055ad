"""The workflow data file: every mistake in it names the file and the line, and the guard and
effect names it uses are exactly those the code implements (its registries)."""

from __future__ import annotations

import pytest

from backoffice.workflow import workflow
from backoffice.workflow.definition import WORKFLOW_FILE, parse_workflow
from backoffice.workflow.effects import EFFECT_FUNCTIONS
from backoffice.workflow.guards import GUARD_FUNCTIONS
from prompts import PromptDataError, load_text

SHIPPED = load_text(WORKFLOW_FILE)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _broken(old: str, new: str) -> str:
    assert old in SHIPPED
    return SHIPPED.replace(old, new, 1)


CASES = [
    ("an unknown top-level key", SHIPPED + "\nextras: 1\n", "extras: 1", "unknown key 'extras'"),
    (
        "an unknown key under defaults",
        _broken(
            "  organisations: [HMIP, IMB, PPO]", "  organisations: [HMIP, IMB, PPO]\n  role: x"
        ),
        "  role: x",
        "unknown key 'role' under defaults",
    ),
    (
        "an unknown key in an action",
        _broken("    to: confirmed\n", "    to: confirmed\n    colour: red\n"),
        "    colour: red",
        "action 'confirm_qualifies' colour: unknown key",
    ),
    (
        "an effect the code does not implement",
        _broken("effects: [triage_confirms,", "effects: [triage_confirmz,"),
        "  confirm_qualifies:",
        "unknown effect(s) ['triage_confirmz']",
    ),
    (
        "a guard the code does not implement",
        _broken("guards: [", "guards: [no_such_guard, "),
        None,
        "unknown guard(s) ['no_such_guard']",
    ),
]


@pytest.mark.parametrize(
    ("text", "where", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_mistake_in_the_workflow_file_names_the_file_and_line(
    text: str, where: str | None, message: str
) -> None:
    with pytest.raises(PromptDataError) as raised:
        parse_workflow(text, guards=GUARD_FUNCTIONS, effects=EFFECT_FUNCTIONS)
    said = str(raised.value)
    assert said.startswith(f"prompts/{WORKFLOW_FILE} line ")
    assert message in said
    if where is not None:
        assert said.startswith(f"prompts/{WORKFLOW_FILE} line {_line_of(text, where)}:")


def test_the_workflow_uses_exactly_the_guards_and_effects_the_code_implements() -> None:
    used_guards: set[str] = set()
    used_effects: set[str] = set()
    for action in workflow().actions.values():
        used_guards.update(action.guards, *(o.guards for o in action.outcomes.values()))
        used_effects.update(action.effects, *(o.effects for o in action.outcomes.values()))
    assert used_guards == set(GUARD_FUNCTIONS)
    assert used_effects == set(EFFECT_FUNCTIONS)
