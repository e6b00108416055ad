"""Guards: checks named in workflow.yaml that refuse an action with a message saying why.

Each guard returns None when the action may go ahead, or the refusal. Consent refusals are
PermissionDenied (the person's wishes forbid it: the available actions list them with the
reason); the rest are ValidationProblem (not now, so they are not offered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import select

from backoffice.workflow.context import ActionContext
from intake.core.db.models import AuditEvent
from intake.core.errors import PermissionDenied, SanctionsError, ValidationProblem
from intake.core.vocabulary import Duty, RiskLevel


@dataclass(frozen=True)
class Refusal:
    message: str
    error: type[SanctionsError] = ValidationProblem
    #: Not listed among the available actions at all (it does not apply to this case).
    hidden: bool = False

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


def _consent_refusal(message: str) -> Refusal:
    return Refusal(message, PermissionDenied)


def _not_the_persons(ctx: ActionContext) -> str:
    state = ctx.consent_state()
    if state.awaiting_person:
        return (
            f"consent was given by {state.given_by.label if state.given_by else 'someone else'}, "
            "not yet by the person: record their own consent at step 4 (action record_consent)"
        )
    return "the person has not consented to it being pursued (protocol para 23)"


def _imb_consent(ctx: ActionContext) -> Refusal | None:
    if not ctx.consent_state().imb_enquiries:
        if not ctx.consent_state().pursue:
            return _consent_refusal(_not_the_persons(ctx))
        return _consent_refusal(
            "the person has not consented to IMB enquiries (protocol step 4: only with consent)"
        )
    return None


def _consent_to_pursue(ctx: ActionContext) -> Refusal | None:
    if ctx.consent_state().pursue:
        return None
    return _consent_refusal(
        _not_the_persons(ctx) + ": no briefing, investigation or referral goes ahead"
    )


def _may_refer(ctx: ActionContext) -> Refusal | None:
    state = ctx.consent_state()
    if state.may_refer:
        return None
    if state.exception_recorded:
        return _consent_refusal(
            "the referral without consent waits for a second person of the receiving "
            "organisation to confirm it (action confirm_referral_without_consent)"
        )
    return _consent_refusal(
        _not_the_persons(ctx) + ": no referral goes ahead; only with an immediate serious risk "
        "may a referral without consent be proposed (action record_referral_without_consent)"
    )


def _identity_consent(ctx: ActionContext) -> Refusal | None:
    state = ctx.consent_state()
    if state.may_refer_named:
        return None
    if state.exception_recorded:
        return _consent_refusal(
            "the referral without consent has not been confirmed by a second person yet "
            "(action confirm_referral_without_consent); until then refer anonymised"
        )
    return _consent_refusal(
        "the person has not consented to their identity being shared with the establishment: "
        "refer anonymised (outcome 'anonymised'), or, if there is an immediate serious risk, "
        "propose a justified referral without consent (action record_referral_without_consent) "
        "for a second person to confirm"
    )


def _no_consent_to_pursue(ctx: ActionContext) -> Refusal | None:
    if ctx.consent_state().pursue:
        return Refusal("the person consents to it being pursued: carry on with the protocol")
    return None


def _immediate_risk(ctx: ActionContext) -> Refusal | None:
    if ctx.case.risk_level == RiskLevel.IMMEDIATE.value:
        return None
    return Refusal(
        "a referral without consent is only for an immediate serious risk (protocol para 23); "
        f"this case's risk is {ctx.case.risk_level}: a supervisor may override the risk first",
        PermissionDenied,
        hidden=True,
    )


def _second_person(ctx: ActionContext) -> Refusal | None:
    if ctx.consent_state().exception_recorded_by_id == ctx.actor.id:
        return _consent_refusal(
            "you proposed this referral without consent: a second person of the receiving "
            "organisation must confirm it"
        )
    return None


def _signpost_open(ctx: ActionContext) -> Refusal | None:
    if ctx.outcome is None or ctx.signpost_task(ctx.outcome) is not None:
        return None
    return Refusal(f"there is no open signpost task for the route {ctx.outcome}")


def _no_open_escalation(ctx: ActionContext) -> Refusal | None:
    if ctx.has_open_duty(Duty.ESCALATE.value):
        return Refusal("an escalation is already open for this case; escalate or decline it")
    return None


def _no_open_monitoring(ctx: ActionContext) -> Refusal | None:
    if ctx.has_open_duty(Duty.IMB_MONITORING.value):
        return Refusal("IMB monitoring is already open for this case")
    return None


def _without_consent_unrecorded(ctx: ActionContext) -> Refusal | None:
    state = ctx.consent_state()
    if state.share_identity:
        return Refusal("the person consented to sharing their identity: no exception is needed")
    if state.exception_recorded:
        return Refusal("a referral without consent is already recorded for this case")
    return None


def _awaiting_confirmation(ctx: ActionContext) -> Refusal | None:
    state = ctx.consent_state()
    if not state.exception_recorded:
        return Refusal("no referral without consent is recorded for this case")
    if state.exception_confirmed:
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
    "signpost_open": _signpost_open,
    "consent_to_pursue": _consent_to_pursue,
    "may_refer": _may_refer,
    "immediate_risk": _immediate_risk,
    "second_person": _second_person,
    "no_consent_to_pursue": _no_consent_to_pursue,
}


def first_refusal(ctx: ActionContext, names: tuple[str, ...]) -> Refusal | None:
    for name in names:
        refusal = GUARD_FUNCTIONS[name](ctx)
        if refusal is not None:
            return refusal
    return None
