"""Checks both apps' accessibility tests share: every key in the command palette, every button
reachable and pressed without a mouse, and the words a screen shows."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Button

from intake.look.commands import RunAction, own_actions


def _target(node: DOMNode, action: str) -> tuple[int, str]:
    """Which node an action runs on, and the action there ("app.quit" on a screen is the
    app's quit)."""
    head, _, params = action.partition("(")
    namespace, _, name = head.rpartition(".")
    if namespace == "app":
        node = node.app
    elif namespace == "screen":
        node = node.screen
    return id(node), name + (f"({params}" if params else "")


def _own_bindings(app: App[Any]) -> list[tuple[DOMNode, Binding]]:
    """The apps' own bindings where the palette opens: the app's, the screen's, and those of
    the focused widget and its containers that are the apps' own."""
    screen = app.screen
    nodes: list[DOMNode] = [app, screen]
    node: DOMNode | None = screen.focused
    while node is not None and node is not screen:
        nodes.append(node)
        node = node.parent
    found = []
    for node in nodes:
        own = own_actions(node)
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.action not in own:
                    continue  # Textual's own (ctrl+c, ctrl+p): the same in every app
                if app._check_action_state(binding.action, node) is not False:
                    found.append((node, binding))
    return found


def keys_missing_from_palette(app: App[Any]) -> list[str]:
    """Each of the apps' keys on the current screen whose action the palette lacks, or whose
    description is not words."""
    commands = list(app.get_system_commands(app.screen))
    covered = {
        _target(c.callback.node, c.callback.action)
        for c in commands
        if isinstance(c.callback, RunAction)
    }
    missing = []
    for node, binding in _own_bindings(app):
        if _target(node, binding.action) not in covered:
            missing.append(f"{type(node).__name__}: {binding.key} {binding.action}")
        elif not binding.description or not binding.description[0].isalpha():
            missing.append(f"{type(node).__name__}: {binding.key} has no description")
    return missing


def palette_actions(app: App[Any]) -> int:
    """How many of the apps' keys the palette offers on the current screen."""
    commands = app.get_system_commands(app.screen)
    return sum(isinstance(c.callback, RunAction) for c in commands)


def buttons_needing_a_mouse(app: App[Any]) -> list[str]:
    """Each button on the current screen that cannot take the focus, or whose action has no
    key (a button ``#save-pdf`` is the screen's action ``save_pdf``)."""
    screen = app.screen
    actions = {
        binding.action.split("(")[0]
        for bindings in screen._bindings.key_to_bindings.values()
        for binding in bindings
    }
    found = []
    for button in screen.query(Button):
        if not button.focusable:
            found.append(f"{button.id}: cannot take the focus")
        if (button.id or "").replace("-", "_") not in actions:
            found.append(f"{button.id}: no key")
    return found
