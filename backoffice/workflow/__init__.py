"""The sanctions protocol's workflow: the flowchart and parallel duties as data, and the service
that checks and takes each action."""

from backoffice.workflow.definition import ActionSpec, Workflow, workflow
from backoffice.workflow.engine import available_actions, take_action

__all__ = ["ActionSpec", "Workflow", "available_actions", "take_action", "workflow"]
