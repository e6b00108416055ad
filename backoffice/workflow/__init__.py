"""The sanctions protocol's workflow: the flowchart and parallel duties as data, and the service
that checks and takes each action (:func:`take_action`, :func:`available_actions`)."""

from __future__ import annotations

from backoffice.workflow.available import available_actions
from backoffice.workflow.engine import take_action
from backoffice.workflow.shipped import workflow

__all__ = ["available_actions", "take_action", "workflow"]
