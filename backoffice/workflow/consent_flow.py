"""What the person's consent starts and stops (protocol para 23, flowchart step 4).

Without the person's own consent there is no referral, IMB enquiry, briefing or investigation:
their tasks are not opened, and when consent is declined or withdrawn the open ones are closed
("stopped: no consent"), with a list of what had already been shared. When the person consents
(again), the tasks the case's present step needs are opened, each only once.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from backoffice.workflow.context import ActionContext
from backoffice.workflow.definition import TaskRef, TaskSpec
from backoffice.workflow.tasks import close_task, open_task_once, open_tasks
from intake.core.consent import ConsentState
from intake.core.db.models import AuditEvent, SanctionCase, WorkflowTask
from intake.core.vocabulary import CaseStatus, Duty, ProtocolStep

IMB_ENQUIRIES = "IMB initial enquiries: speak to the prisoner"
STOPPED = "stopped: no consent"
REFERRED = ("named", "anonymised", "problematic")

_SHARING = {
    "log_on_tracker": "logged on the HMIP sanctions tracker",
    "inform_hmip": "HMIP informed so they log it",
    "inform_partners": "the other two organisations told of the allegation",
    "inform_internal_lead": "the internal sanctions lead told",
    "refer_senior_manager": "referred to the establishment's senior manager",
    "imb_enquiries": "IMB enquiries made and the person spoken to",
    "imb_briefing": "IMB briefing sent to HMIP and the PPO",
    "decide_to_investigate": "PPO investigation started",
    "share_conclusion": "PPO conclusion shared with HMIP and the IMB",
    "submit_formal_report": "PPO formal report sent to the prison",
}

#: The step a case waits on in each status, reopened when the person consents (again).
_RESUME = {
    CaseStatus.CONSULTED.value: TaskRef(step=ProtocolStep.IMB_BRIEFING),
    CaseStatus.BRIEFED.value: TaskRef(step=ProtocolStep.PPO_DECISION),
    CaseStatus.INVESTIGATING.value: TaskRef(step=ProtocolStep.PPO_INVESTIGATION),
}
_ENQUIRIES = TaskRef(step=ProtocolStep.CONSULT_PRISONER)
_REFERRAL = TaskRef(duty=Duty.REFER_SENIOR_MANAGER)


def needs_consent(task: WorkflowTask, state: ConsentState) -> bool:
    """Tasks that only go ahead with the person's consent (a referral also with the exception)."""
    if task.duty == Duty.REFER_SENIOR_MANAGER.value:
        return not state.exception_confirmed
    if task.duty is not None:
        return False
    if task.step == ProtocolStep.CONSULT_PRISONER:
        return task.title == IMB_ENQUIRIES
    return task.step in (ProtocolStep.IMB_BRIEFING, ProtocolStep.PPO_DECISION,
                         ProtocolStep.PPO_INVESTIGATION)  # fmt: skip


def _referral_made(session: Session, case_id: int) -> bool:
    query = select(WorkflowTask.id).where(
        WorkflowTask.case_id == case_id,
        WorkflowTask.duty == Duty.REFER_SENIOR_MANAGER.value,
        col(WorkflowTask.done_at).is_not(None),
        col(WorkflowTask.outcome).in_(REFERRED),
    )
    return session.exec(query).first() is not None


def resume_after_consent(ctx: ActionContext) -> None:
    """Open what the case's present step needs now that the person consents."""
    state = ctx.consent_state()
    wanted: list[TaskSpec | None] = []
    rules = ctx.workflow
    if ctx.case.status in _RESUME:
        wanted.append(rules.opening(_RESUME[ctx.case.status]))
    if ctx.case.status == CaseStatus.CONSULTED.value and state.imb_enquiries:
        wanted.append(rules.opening(_ENQUIRIES, title=IMB_ENQUIRIES))
    confirmed = ctx.case.status not in (CaseStatus.RECEIVED.value, *_ENDED)
    if confirmed and not _referral_made(ctx.session, ctx.case_id):
        wanted.append(rules.opening(_REFERRAL))
    for spec in wanted:
        if spec is not None:
            open_task_once(ctx.session, ctx.case, spec, actor=ctx.actor, deadlines=ctx.deadlines)


_ENDED = (CaseStatus.CLOSED.value, CaseStatus.SIGNPOSTED.value)


def stop_without_consent(ctx: ActionContext, *, withdrawn: bool) -> None:
    """Close what needs consent; on a withdrawal, say (and record) what was already shared."""
    state = ctx.consent_state()
    for task in open_tasks(ctx.session, ctx.case_id):
        if needs_consent(task, state):
            close_task(ctx.session, ctx.case, task, actor=ctx.actor, outcome=STOPPED, note=None)
    if not withdrawn:
        return
    shared = already_shared(ctx.session, ctx.case)
    line = "already shared: " + "; ".join(shared) if shared else "nothing had been shared yet"
    newest = ctx.consent()
    if newest is not None:
        newest.note = f"{newest.note}\n{line}" if newest.note else line
    ctx.messages.append(f"consent withdrawn; {line}")


def already_shared(session: Session, case: SanctionCase) -> list[str]:
    """What was done with the allegation so far, by date, for a person withdrawing consent."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id, col(AuditEvent.action).in_(list(_SHARING)))
        .order_by(col(AuditEvent.id))
    )
    found = []
    for event in session.exec(query).all():
        what = _SHARING[event.action]
        outcome = (event.after or {}).get("outcome")
        if event.action == "refer_senior_manager" and outcome:
            what += f" ({outcome})"
        found.append(f"{event.at.date().isoformat()} {what}")
    handed = ", ".join(case.identified_to or [])
    if handed:
        found.append(f"their identity known to {handed}")
    return found
