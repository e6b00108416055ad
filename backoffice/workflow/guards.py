"""Guards: checks named in workflow.yaml that refuse an action with a message saying why.

Each guard returns None when the action may go ahead, or the refusal. Consent refusals are
PermissionDenied (the person's wishes forbid it); the rest are ValidationProblem (not now).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import select

from backoffice.workflow.context import ActionContext
from intake.db.models import AuditEvent
from intake.errors import PermissionDenied, SanctionsError, ValidationProblem
from intake.vocabulary import Duty


@dataclass(frozen=True)
class Refusal:
    message: str
    error: type[SanctionsError] = ValidationProblem

    def exception(self, reference: str) -> SanctionsError:
        return self.error(f"{reference}: {self.message}")


Guard = Callable[[ActionContext], Refusal | None]


def _once(ctx: ActionContext) -> Refusal | None:
    query = select(AuditEvent.id).where(
        AuditEvent.case_id == ctx.case_id, AuditEvent.action == ctx.spec.name
    )
    if ctx.session.exec(query).first() is not None:
        return Refusal(f"'{ctx.spec.name}' has already been done for this case")
    return None


def _imb_consent(ctx: ActionContext) -> Refusal | None:
    consent = ctx.consent()
    if consent is None or not consent.imb_enquiries:
        return Refusal(
            "the person has not consented to IMB enquiries (protocol step 4: only with consent)",
            PermissionDenied,
        )
    return None


def _identity_consent(ctx: ActionContext) -> Refusal | None:
    consent = ctx.consent()
    if consent is not None and consent.share_identity:
        return None
    if consent is not None and consent.refer_without_consent and consent.justification:
        if consent.confirmed_at is not None:
            return None
        return Refusal(
            "the referral without consent has not been confirmed by a supervisor yet "
            "(action confirm_referral_without_consent); until then refer anonymised",
            PermissionDenied,
        )
    return Refusal(
        "the person has not consented to their identity being shared with the establishment: "
        "refer anonymised (outcome 'anonymised'), or, if there is an immediate serious risk, "
        "record a justified referral without consent (action record_referral_without_consent) "
        "for a supervisor to confirm",
        PermissionDenied,
    )


def _no_open_escalation(ctx: ActionContext) -> Refusal | None:
    if ctx.has_open_duty(Duty.ESCALATE.value):
        return Refusal("an escalation is already open for this case; escalate or decline it")
    return None


def _no_open_monitoring(ctx: ActionContext) -> Refusal | None:
    if ctx.has_open_duty(Duty.IMB_MONITORING.value):
        return Refusal("IMB monitoring is already open for this case")
    return None


def _without_consent_unrecorded(ctx: ActionContext) -> Refusal | None:
    consent = ctx.consent()
    if consent is not None and consent.share_identity:
        return Refusal("the person consented to sharing their identity: no override is needed")
    if consent is not None and consent.refer_without_consent:
        return Refusal("a referral without consent is already recorded for this case")
    return None


def _awaiting_confirmation(ctx: ActionContext) -> Refusal | None:
    consent = ctx.consent()
    if consent is None or not consent.refer_without_consent:
        return Refusal("no referral without consent is recorded for this case")
    if consent.confirmed_at is not None:
        return Refusal("the referral without consent has already been confirmed")
    return None


def _recommendations_open(ctx: ActionContext) -> Refusal | None:
    if not ctx.open_recommendations():
        return Refusal("there are no open recommendations for this case")
    return None


GUARD_FUNCTIONS: dict[str, Guard] = {
    "once": _once,
    "imb_consent": _imb_consent,
    "identity_consent": _identity_consent,
    "no_open_escalation": _no_open_escalation,
    "no_open_monitoring": _no_open_monitoring,
    "without_consent_unrecorded": _without_consent_unrecorded,
    "awaiting_confirmation": _awaiting_confirmation,
    "recommendations_open": _recommendations_open,
}


def first_refusal(ctx: ActionContext, names: tuple[str, ...]) -> Refusal | None:
    for name in names:
        refusal = GUARD_FUNCTIONS[name](ctx)
        if refusal is not None:
            return refusal
    return None
