"""Every key in the command palette: each binding of the apps' own screens and widgets that is
active where the palette was opened, by its description in plain words, with its key.

So nothing is reachable only by a key somebody must remember (or only by a mouse): ctrl+p lists
it, and typing a few of its words finds it. Textual's own widget keys (cursor movement, editing)
are left out: they are the same in every Textual app.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

#: The packages whose bindings are the apps' own.
OWN_PACKAGES = ("intake", "backoffice")


@dataclass(frozen=True)
class RunAction:
    """A palette command that does what a key does: ``action`` on ``node``."""

    node: DOMNode
    action: str

    async def __call__(self) -> None:
        await self.node.app.run_action(self.action, self.node)


def own_actions(node: DOMNode) -> set[str]:
    """The actions of the keys the apps' own classes declare for ``node`` (not those it
    inherits from a Textual widget, such as a text box's cursor keys)."""
    return {
        binding.action
        for cls in type(node).__mro__
        if cls.__module__.split(".")[0] in OWN_PACKAGES
        for binding in cls.__dict__.get("BINDINGS", [])
        if isinstance(binding, Binding)
    }


def key_words(binding: Binding, node: DOMNode) -> str:
    """The key as people read it ("ctrl+s", "F5", "/")."""
    return binding.key_display or node.app.get_key_display(binding)


def binding_commands(screen: Screen[object]) -> Iterator[SystemCommand]:
    """One command for each of the apps' own active keys on ``screen`` (each action once);
    keys hidden from the footer are found by typing, not listed before anything is typed."""
    seen: set[tuple[int, str]] = set()
    actions: dict[int, set[str]] = {}

    def owned(node: DOMNode) -> set[str]:
        return actions.setdefault(id(node), own_actions(node))

    app = screen.app
    # A modal screen's active keys leave out the app's; its priority keys work there all the same.
    everywhere = [
        (app, binding)
        for bindings in app._bindings.key_to_bindings.values()
        for binding in bindings
        if binding.priority
    ]
    for node, binding in [
        (a.node, a.binding) for a in screen.active_bindings.values()
    ] + everywhere:
        if binding.action not in owned(node) or (id(node), binding.action) in seen:
            continue
        seen.add((id(node), binding.action))
        help_text = f"key {key_words(binding, node)}"
        if binding.tooltip:
            help_text = f"{binding.tooltip} · {help_text}"
        yield SystemCommand(
            binding.description, help_text, RunAction(node, binding.action), binding.show
        )
