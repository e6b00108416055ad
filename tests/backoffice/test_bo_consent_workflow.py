"""Consent governs the workflow (para 23, flowchart step 4), and a person decides at step 2.

Each rule of the issue as a service-layer test: declined consent logs the case but blocks
briefing, investigation and referral; the exception needs an immediate risk and a second person
of the receiving organisation; consent from someone else counts only once the person confirms
it; withdrawal stops what depends on consent and lists what was already shared; no case closes
itself; a case carries several routes; closing asks for confirmation and a supervisor may reopen.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from backoffice.view_models import AvailableAction
from backoffice.workflow import available_actions
from intake.core.db.models import AuditEvent, ConsentRecord, Signpost
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.submission import ClassificationView, ConsentAnswers
from intake.core.users import Actor
from intake.core.vocabulary import ConsentGiver, Qualifies, RaisedBy, RiskLevel, Route
from tests.support.factories import ActFn, Staff, SubmitFn, ViewFn, open_titles

DECLINES = ConsentAnswers(pursue=False)
FAMILY_CONSENTS = ConsentAnswers(
    given_by=ConsentGiver.FAMILY, pursue=True, share_identity=True, imb_enquiries=True
)


def _to_logged(act: ActFn, staff: Staff, ref: str) -> None:
    act(staff.imb, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")


def _actions(engine: Engine, staff_member: Actor, ref: str) -> dict[str, AvailableAction]:
    with Session(engine) as session:
        found = available_actions(session, actor=staff_member, reference=ref)
    return {a.name: a for a in found}


def test_declined_consent_is_logged_but_nothing_is_pursued(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit(consent=DECLINES)
    confirmed = act(staff.imb, ref, "confirm_qualifies")
    assert "Refer to the establishment's senior manager" not in open_titles(confirmed.case)
    logged = act(staff.hmip, ref, "log_on_tracker")
    assert logged.case.tracker is not None  # para 24: every incidence is logged
    consulted = act(staff.imb, ref, "consult_prisoner", outcome="declines")
    assert consulted.status == "consulted"
    assert not any(t.step in (5, 6) for t in consulted.case.tasks if t.is_open)
    for action, org_member in [
        ("refer_senior_manager", staff.imb),
        ("imb_briefing", staff.imb),
    ]:
        with pytest.raises((PermissionDenied, ValidationProblem)):
            act(org_member, ref, action, outcome="anonymised", note="x")
    actions = _actions(engine, staff.imb, ref)
    briefing = actions["imb_briefing"]  # listed, refused, and says why
    assert not briefing.allowed and "not consented" in (briefing.why_not or "")
    closing = actions["close_not_pursued"]
    assert closing.allowed and closing.closes_case


def test_declined_consent_refuses_referral_and_investigation_with_the_reason(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine, view: ViewFn
) -> None:
    ref = submit()
    _to_logged(act, staff, ref)
    act(staff.imb, ref, "consult_prisoner", outcome="consents")
    act(staff.imb, ref, "imb_briefing", note="Brief", outcome="suggest_investigation")
    act(staff.imb, ref, "record_consent", outcome="declines", note="Told me on the wing today")
    with pytest.raises(PermissionDenied, match="not consented to it being pursued"):
        act(staff.ppo, ref, "decide_to_investigate")
    refer = _actions(engine, staff.imb, ref)["refer_senior_manager"]
    assert not refer.allowed and "not consented" in (refer.why_not or "")
    assert not any(t.duty == "refer_senior_manager" and t.is_open for t in view(ref).tasks)


def test_withdrawal_stops_what_needs_consent_and_lists_what_was_shared(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    _to_logged(act, staff, ref)
    act(staff.imb, ref, "consult_prisoner", outcome="consents")
    act(staff.imb, ref, "refer_senior_manager", outcome="named", note="To the Governor")
    withdrawn = act(staff.imb, ref, "record_consent", outcome="declines", note="Wants it dropped")
    assert "consent withdrawn" in withdrawn.message
    assert "logged on the HMIP sanctions tracker" in withdrawn.message
    assert "referred to the establishment's senior manager (named)" in withdrawn.message
    stopped = {t.title for t in withdrawn.case.tasks if t.outcome == "stopped: no consent"}
    assert stopped == {
        "IMB initial enquiries: speak to the prisoner",
        "IMB briefing to HMIP and PPO with suggested outcome(s)",
    }
    with Session(engine) as session:
        rows = session.exec(select(ConsentRecord).order_by(col(ConsentRecord.id))).all()
    assert [r.kind for r in rows] == ["intake", "consultation", "change"]
    assert "already shared" in (rows[-1].note or "")
    resumed = act(staff.imb, ref, "record_consent", outcome="consents", note="Changed his mind")
    assert "IMB briefing to HMIP and PPO with suggested outcome(s)" in open_titles(resumed.case)


def test_consent_from_family_counts_only_once_the_person_confirms_it(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit(consent=FAMILY_CONSENTS, raised_by=RaisedBy.ON_BEHALF, raised_by_detail="family")
    confirmed = act(staff.imb, ref, "confirm_qualifies")
    assert "Refer to the establishment's senior manager" not in open_titles(confirmed.case)
    act(staff.hmip, ref, "log_on_tracker")
    with pytest.raises(PermissionDenied, match="not yet by the person"):
        act(staff.imb, ref, "refer_senior_manager", outcome="anonymised")
    consulted = act(staff.imb, ref, "consult_prisoner", outcome="consents_anonymous")
    assert "Refer to the establishment's senior manager" in open_titles(consulted.case)
    with pytest.raises(PermissionDenied, match="identity"):
        act(staff.imb, ref, "refer_senior_manager", outcome="named")
    act(staff.imb, ref, "refer_senior_manager", outcome="anonymised")


def test_exception_needs_immediate_risk_and_a_second_person_of_the_receiving_body(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    standard = submit(consent=DECLINES)
    with pytest.raises(PermissionDenied, match="only for an immediate serious risk"):
        act(staff.imb, standard, "record_referral_without_consent", note="Worried")

    ref = submit(consent=DECLINES, risk_level=RiskLevel.IMMEDIATE)
    act(staff.imb, ref, "confirm_qualifies")
    proposed = act(
        staff.imb_home_supervisor,
        ref,
        "record_referral_without_consent",
        note="Threatened with a blade tonight by the officers he named",
    )
    assert proposed.case.summary.awaiting_supervisor
    with pytest.raises(PermissionDenied, match="waits for a second person"):
        act(staff.imb, ref, "refer_senior_manager", outcome="named")
    with pytest.raises(PermissionDenied, match="second person"):
        act(staff.imb_home_supervisor, ref, "confirm_referral_without_consent", note="Agreed")
    with pytest.raises(PermissionDenied, match="IMB staff"):
        act(staff.hmip_supervisor, ref, "confirm_referral_without_consent", note="Agreed")
    with pytest.raises(PermissionDenied, match="supervisor or lead"):
        act(staff.imb, ref, "confirm_referral_without_consent", note="Agreed")
    confirmed = act(staff.imb_lead, ref, "confirm_referral_without_consent", note="Agreed")
    assert not confirmed.case.summary.awaiting_supervisor
    assert "Refer to the establishment's senior manager" in open_titles(confirmed.case)
    act(staff.imb, ref, "refer_senior_manager", outcome="named", note="Duty governor, 21:10")
    with pytest.raises(PermissionDenied, match="not consented to it being pursued"):
        act(staff.imb, ref, "imb_briefing", note="x", outcome="suggest_investigation")


def test_a_person_may_confirm_at_step_2_what_the_rules_called_no(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit(qualifies=Qualifies.NO, route=Route.COMPLAINT)
    confirmed = act(staff.imb, ref, "confirm_qualifies", note="The link is clear from his words")
    assert confirmed.status == "confirmed"
    assert confirmed.case.summary.route == "sanction_protocol"


def test_a_no_case_is_listed_at_step_2_with_its_signpost_task(
    submit: SubmitFn, view: ViewFn
) -> None:
    case = view(submit(qualifies=Qualifies.NO, route=Route.COMPLAINT))
    assert case.summary.status == "received" and case.current_step == 2
    assert case.closed_at is None and case.outcome is None
    titles = open_titles(case)
    assert any(t.startswith("Tell them where to go: a complaint") for t in titles)


def test_two_routes_each_get_a_signpost_and_a_task(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    rules = ClassificationView(
        qualifies=Qualifies.YES,
        categories=["isolation"],
        route=Route.SANCTION_PROTOCOL,
        routes=[Route.DEATH_IN_CUSTODY],
    )
    ref = submit(rules=rules)
    confirmed = act(staff.imb, ref, "confirm_qualifies")
    assert confirmed.case.summary.route == "sanction_protocol"
    task_titles = open_titles(confirmed.case)
    assert any("death in custody" in t for t in task_titles)
    with pytest.raises(ValidationProblem, match="date the person was told"):
        act(staff.imb, ref, "record_signpost", outcome="death_in_custody", note="Told")
    told = act(
        staff.imb, ref, "record_signpost", outcome="death_in_custody", note="Told on the wing",
        told=date.today(),
    )  # fmt: skip
    assert not any("death in custody" in t for t in open_titles(told.case))
    assert told.status == "confirmed"  # the sanction carries on
    with Session(engine) as session:
        signpost = session.exec(select(Signpost)).one()
    assert signpost.route == "death_in_custody" and "Ombudsman" in signpost.text


def test_a_prisoners_account_routed_to_whistleblowing_stays_a_sanction(
    submit: SubmitFn, view: ViewFn
) -> None:
    rules = ClassificationView(
        qualifies=Qualifies.YES, categories=["loss_of_employment"], route=Route.WHISTLEBLOWING
    )
    case = view(submit(rules=rules))
    assert case.summary.route == "sanction_protocol"
    said_no = rules.model_copy(update={"qualifies": Qualifies.NO})  # read as a staff voice
    unclear = view(submit(rules=said_no))
    assert (unclear.summary.route, unclear.summary.qualifies) == ("sanction_protocol", "unclear")
    staff_self = view(submit(rules=rules, raised_by=RaisedBy.STAFF_SELF))
    assert staff_self.summary.route == "whistleblowing"


def test_closing_asks_for_confirmation_and_a_supervisor_may_reopen(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit(qualifies=Qualifies.NO, route=Route.COMPLAINT)
    inputs = {"outcome": "complaint", "note": "Canteen", "told": date.today()}
    with pytest.raises(ValidationProblem, match="closes the case; nothing was changed"):
        act(staff.imb, ref, "does_not_qualify", **inputs)
    assert _actions(engine, staff.imb, ref)["does_not_qualify"].closes_case
    closed = act(staff.imb, ref, "does_not_qualify", confirm_close=True, **inputs)
    assert closed.status == "signposted"
    with pytest.raises(PermissionDenied, match="supervisor"):
        act(staff.imb, ref, "reopen", note="Wrong button")
    with pytest.raises(PermissionDenied, match="IMB staff"):
        act(staff.hmip_supervisor, ref, "reopen", note="Wrong button")
    with pytest.raises(ValidationProblem, match="needs a note"):
        act(staff.imb_home_supervisor, ref, "reopen")
    reopened = act(staff.imb_home_supervisor, ref, "reopen", note="He did link it to the IMB")
    assert reopened.status == "received" and reopened.case.outcome is None
    assert reopened.case.current_step == 2
    with Session(engine) as session:
        actions = session.exec(
            select(AuditEvent.action).where(col(AuditEvent.action).in_(["reopen"]))
        ).all()
    assert actions == ["reopen"]


def test_no_briefing_is_drafted_without_the_persons_consent(submit: SubmitFn, view: ViewFn) -> None:
    from backoffice.drafting import briefing_facts

    with pytest.raises(PermissionDenied, match="no briefing without the person's own consent"):
        briefing_facts(view(submit(consent=DECLINES)))
    with pytest.raises(PermissionDenied, match="not yet confirmed by the person"):
        briefing_facts(view(submit(consent=FAMILY_CONSENTS)))
    facts = briefing_facts(view(submit()))
    assert facts.consent and "the person consents" in facts.consent
