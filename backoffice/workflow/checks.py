"""Whether an action is possible now (the case's status, the open task it needs) and allowed
to this actor (role and organisation), and the context both are checked in."""

from __future__ import annotations

from sqlalchemy.orm import object_session
from sqlmodel import Session

from backoffice.access import require
from backoffice.workflow.context import ActionContext
from backoffice.workflow.definition import ActionSpec
from backoffice.workflow.shipped import workflow
from backoffice.workflow.tasks import matching, open_tasks
from intake.core.db.models import SanctionCase, WorkflowTask
from intake.core.establishments import establishment_has_board
from intake.core.settings import Deadlines
from intake.core.users import Actor
from intake.core.vocabulary import Organisation


def state_problem(spec: ActionSpec, case: SanctionCase, tasks: list[WorkflowTask]) -> str | None:
    if case.status not in spec.from_:
        wanted = ", ".join(s.value for s in spec.from_)
        return f"the case is {case.status} (this needs: {wanted})"
    if spec.requires_open is not None and not matching(tasks, spec.requires_open):
        return f"no open task for {spec.requires_open.label}"
    return None


def _organisations(spec: ActionSpec, case: SanctionCase) -> tuple[Organisation, ...]:
    session = object_session(case)
    board = session is None or establishment_has_board(session, case.establishment_id)  # type: ignore[arg-type]
    return spec.organisations_for(case.receiving_organisation, board=board)


def who(spec: ActionSpec, case: SanctionCase) -> str:
    orgs = "/".join(o.value for o in _organisations(spec, case))
    return f"{orgs}: {', '.join(r.value for r in spec.roles)}"


def check_permission(actor: Actor, spec: ActionSpec, case: SanctionCase) -> None:
    what = f"take '{spec.name}'"
    require(actor, what=what, roles=spec.roles)
    require(actor, what=what, organisations=_organisations(spec, case))


def action_context(
    session: Session, actor: Actor, spec: ActionSpec, case: SanctionCase, deadlines: Deadlines
) -> ActionContext:
    assert case.id is not None
    return ActionContext(
        session=session,
        case=case,
        actor=actor,
        spec=spec,
        deadlines=deadlines,
        open_tasks=open_tasks(session, case.id),
        workflow=workflow(),
    )
