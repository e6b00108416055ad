"""The sanctions protocol's workflow: the flowchart and parallel duties as data, and the service
that checks and takes each action (:func:`take_action`, :func:`available_actions`)."""

from __future__ import annotations

from typing import Any

__all__ = ["available_actions", "take_action", "workflow"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so the read models may use workflow.tasks without a cycle.
    if name in ("available_actions", "take_action"):
        from backoffice.workflow import engine

        return getattr(engine, name)
    if name == "workflow":
        from backoffice.workflow.definition import workflow

        return workflow
    raise AttributeError(name)
