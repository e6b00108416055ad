"""A person moved to another establishment: the case, and the monitoring, follow them.

A transfer is itself one of the protocol's listed sanctions (para 2), and the risk moves with
the person (para 25): the case moves to the new establishment with its history (every earlier
record stays; the move is audited with both places), the new establishment's Board sees it
from then on, and IMB monitoring passes to that Board (or, at a place without a Board, to the
organisation that received the allegation). The old Board no longer sees the case: need to know
follows the person.
"""

from __future__ import annotations

from sqlmodel import Session

from backoffice.access import WORKFLOW_ROLES, get_visible_case, require
from backoffice.queue import establishment_names
from backoffice.workflow import workflow
from backoffice.workflow.definition import TaskRef
from backoffice.workflow.tasks import close_task, open_task, open_tasks
from intake.core.audit import change_case
from intake.core.db.models import SanctionCase
from intake.core.errors import ValidationProblem
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Deadlines
from intake.core.users import Actor
from intake.core.validation import required_text
from intake.core.vocabulary import CaseStatus, Duty


def record_transfer(
    session: Session,
    actor: Actor,
    *,
    reference: str,
    to: str,
    note: str,
    deadlines: Deadlines,
) -> SanctionCase:
    """Move the case to the establishment ``to`` names; monitoring follows the person."""
    require(actor, what="record a transfer", roles=WORKFLOW_ROLES)
    case = get_visible_case(session, actor, reference)
    why = required_text(note, what="a note of the move (when, and what is known of why)")
    new_id = resolve_establishment_id(session, to)
    names = establishment_names(session)
    if new_id == case.establishment_id:
        raise ValidationProblem(f"{case.reference} is already at {_name(names, new_id)}")
    old_name, new_name = _name(names, case.establishment_id), _name(names, new_id)
    change_case(
        session,
        case,
        actor=actor,
        action="case.transferred",
        changes={"establishment_id": new_id},
        reason=f"moved from {old_name} to {new_name}: {why}",
    )
    _monitoring_follows(session, case, actor=actor, to=new_name, deadlines=deadlines)
    session.flush()
    return case


def _monitoring_follows(
    session: Session, case: SanctionCase, *, actor: Actor, to: str, deadlines: Deadlines
) -> None:
    """Close monitoring at the old place and open it at the new one, for a confirmed case."""
    assert case.id is not None
    monitoring = [t for t in open_tasks(session, case.id) if t.duty == Duty.IMB_MONITORING.value]
    for task in monitoring:
        close_task(
            session, case, task, actor=actor, outcome="moved", note=f"monitoring passes to {to}"
        )
    if not monitoring and CaseStatus(case.status) in (CaseStatus.RECEIVED, CaseStatus.SIGNPOSTED):
        return  # not (yet) a confirmed allegation: nothing to monitor
    spec = workflow().opening(TaskRef(duty=Duty.IMB_MONITORING))
    if spec is not None:
        open_task(session, case, spec, actor=actor, deadlines=deadlines)


def _name(names: dict[int, str], establishment_id: int | None) -> str:
    """The establishment's name (:func:`backoffice.queue.establishment_names`), or that none is
    recorded."""
    return names.get(establishment_id or 0) or "no establishment recorded"
