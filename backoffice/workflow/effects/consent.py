"""Consent's effects: the person's own answer (at consultation, or changed later), who is
handed their identity because of it, and a referral without consent proposed and confirmed.
"""

from __future__ import annotations

from collections.abc import Mapping

from backoffice.workflow.consent_flow import resume_after_consent, stop_without_consent
from backoffice.workflow.context import ActionContext
from intake.core.clock import utcnow
from intake.core.consent import SNAPSHOT_FIELDS
from intake.core.db.models import ConsentRecord
from intake.core.validation import required_text
from intake.core.vocabulary import ConsentGiver, ConsentKind, Organisation

_CONSENT = {
    "consents": {"pursue": True, "share_identity": True, "imb_enquiries": True},
    "consents_anonymous": {"pursue": True, "share_identity": False, "imb_enquiries": True},
    "consents_no_imb": {"pursue": True, "share_identity": False, "imb_enquiries": False},
    "declines": {"pursue": False, "share_identity": False, "imb_enquiries": False},
}


def _snapshot(ctx: ActionContext, kind: ConsentKind, values: Mapping[str, object]) -> None:
    """Append the new consent state (history is never rewritten), audited on the case."""
    current = ctx.consent()
    before = {k: getattr(current, k) for k in SNAPSHOT_FIELDS} if current is not None else {}
    row = ConsentRecord(
        case_id=ctx.case_id,
        kind=kind.value,
        recorded_by_id=ctx.actor.id,
        note=ctx.note,
        **{**before, **values},
    )
    ctx.session.add(row)
    ctx.session.flush()
    ctx.record(
        f"consent_{kind.value}",
        entity="consent_record",
        entity_id=row.id,
        before={k: before.get(k) for k in values},
        after=dict(values),
        reason=ctx.note,
    )


def _change_consent(ctx: ActionContext, kind: ConsentKind) -> None:
    """The person's own answer now: record it, then resume or stop what depends on it."""
    values = _CONSENT.get(ctx.outcome or "")
    if values is None:
        return
    before = ctx.consent_state()
    _snapshot(ctx, kind, {"given_by": ConsentGiver.PERSON.value, **values})
    after = ctx.consent_state()
    if after.pursue:
        resume_after_consent(ctx)
    else:
        stop_without_consent(ctx, withdrawn=before.pursue)
    _sync_identified(ctx)


def consent_from_consultation(ctx: ActionContext) -> None:
    _change_consent(ctx, ConsentKind.CONSULTATION)


def consent_changed(ctx: ActionContext) -> None:
    _change_consent(ctx, ConsentKind.CHANGE)


def _sync_identified(ctx: ActionContext) -> None:
    """The IMB is handed the person's identity only with consent to IMB enquiries, the PPO
    only while it may investigate with consent; the receiving organisation always knows."""
    state = ctx.consent_state()
    handed = set(ctx.changes.get("identified_to", ctx.case.identified_to or []))
    if state.imb_enquiries:
        handed.add(Organisation.IMB.value)
    else:
        handed.discard(Organisation.IMB.value)
    if not state.pursue:
        handed.discard(Organisation.PPO.value)
    _set_identified(ctx, handed)


def _set_identified(ctx: ActionContext, handed: set[str]) -> None:
    handed.discard(ctx.case.receiving_organisation)
    ordered = sorted(handed)
    if ordered != sorted(ctx.case.identified_to or []):
        ctx.changes["identified_to"] = ordered


def hand_to_imb(ctx: ActionContext) -> None:
    _sync_identified(ctx)


def hand_to_ppo(ctx: ActionContext) -> None:
    handed = set(ctx.changes.get("identified_to", ctx.case.identified_to or []))
    _set_identified(ctx, handed | {Organisation.PPO.value})


def record_without_consent(ctx: ActionContext) -> None:
    justification = required_text(ctx.note or "", what="the justification")
    values = {
        "refer_without_consent": True,
        "justification": justification,
        "exception_by_id": ctx.actor.id,
        "confirmed_by_id": None,
        "confirmed_at": None,
    }
    _snapshot(ctx, ConsentKind.EXCEPTION, values)
    ctx.changes["awaiting_supervisor"] = True
    ctx.messages.append(
        "referral without consent proposed: a second person of "
        f"{ctx.case.receiving_organisation} (supervisor or lead) must confirm it"
    )


def confirm_without_consent(ctx: ActionContext) -> None:
    values = {"confirmed_by_id": ctx.actor.id, "confirmed_at": utcnow()}
    _snapshot(ctx, ConsentKind.EXCEPTION_CONFIRMED, values)
    ctx.changes["awaiting_supervisor"] = False
    ctx.messages.append("referral without consent confirmed: tell the person it was made")
