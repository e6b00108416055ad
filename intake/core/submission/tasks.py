"""The tasks a submitted case opens at once: step 2 (does it qualify?), a signpost for each
route elsewhere, and evidence to ask to be kept before it expires; each one audited."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from intake.core.clock import utcnow
from intake.core.db.models import SanctionCase, WorkflowTask
from intake.core.evidence import preservation_task
from intake.core.settings import Settings
from intake.core.submission.model import CaseSubmission, ConsentAnswers
from intake.core.tasks import add_task
from intake.core.users import Actor
from intake.core.vocabulary import ConsentGiver, Duty, ProtocolStep, Route


def _open_task(
    session: Session,
    case: SanctionCase,
    settings: Settings,
    actor: Actor,
    *,
    step: ProtocolStep | None = None,
    route: Route | None = None,
) -> None:
    """Step 2 (a person confirms whether it qualifies), or one route's signpost task."""
    if step is not None:
        title, days = step.label, settings.deadlines.confirm_qualifies
    else:
        assert route is not None
        title, days = f"Tell them where to go: {route.label}", settings.deadlines.signpost
    task = WorkflowTask(
        case_id=case.id,  # type: ignore[arg-type]
        step=step.value if step is not None else None,
        duty=Duty.SIGNPOST.value if route is not None else None,
        route=route.value if route is not None else None,
        title=title,
        owner_organisation=case.receiving_organisation,
        due=utcnow().date() + timedelta(days=days),
    )
    add_task(session, case, task, actor=actor)


def may_name_to_establishment(consent: ConsentAnswers | None) -> bool:
    """The person agreed themselves to their identity being shared with the establishment."""
    if consent is None:
        return False
    return consent.given_by == ConsentGiver.PERSON and consent.pursue and consent.share_identity


def _open_preservation_task(
    session: Session, case: SanctionCase, submission: CaseSubmission, actor: Actor
) -> None:
    """Evidence that expires (CCTV, body-worn video, an injury record): one task, due soon,
    saying what to ask of whom (``prompts/evidence.yaml``); nothing when none was ticked."""
    preserve = preservation_task(
        submission.evidence,
        may_name=may_name_to_establishment(submission.consent),
        submitted_on=utcnow().date(),
    )
    if preserve is None:
        return
    task = WorkflowTask(
        case_id=case.id,  # type: ignore[arg-type]
        duty=Duty.PRESERVE_EVIDENCE.value,
        title=preserve.title,
        owner_organisation=case.receiving_organisation,
        due=preserve.due,
        note=preserve.guidance,
    )
    add_task(session, case, task, actor=actor, evidence=list(preserve.kinds))
