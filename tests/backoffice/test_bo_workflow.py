"""The protocol end to end: steps 1-11, both branches, and the parallel duties."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from backoffice.workflow import available_actions
from intake.core.db.models import AuditEvent, TrackerEntry
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.settings import Settings
from intake.core.vocabulary import RiskLevel, Severity
from tests.support.factories import ActFn, Staff, SubmitFn, open_titles


def _to_briefed(act: ActFn, staff: Staff, ref: str) -> None:
    act(staff.hmip, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="consents")
    act(staff.imb, ref, "imb_enquiries", note="Spoke to him on the wing; he is safe.")
    act(staff.imb, ref, "imb_briefing", note="Briefing sent", outcome="suggest_investigation")


def test_not_investigated_branch_closes_after_outcome_explained(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    _to_briefed(act, staff, ref)
    decided = act(staff.ppo, ref, "decide_not_to_investigate", note="Local resolution is enough")
    assert decided.status == "briefed"
    assert decided.case.current_step == 7
    closed = act(
        staff.imb, ref, "explain_outcome", note="Explained on the wing", confirm_close=True
    )
    assert closed.status == "closed"
    assert closed.case.outcome == "not_investigated"
    assert closed.case.closed_at is not None
    assert closed.case.current_step is None
    assert closed.case.tracker is not None
    dates = closed.case.tracker.step_dates
    assert set(dates) == {"1", "2", "3", "4", "5", "6", "7"}
    with Session(engine) as session:
        actions = [e.action for e in session.exec(select(AuditEvent)).all()]
    assert "decide_not_to_investigate" in actions and "explain_outcome" in actions


def test_investigated_and_unfounded_branch(act: ActFn, staff: Staff, submit: SubmitFn) -> None:
    ref = submit()
    _to_briefed(act, staff, ref)
    assert act(staff.ppo, ref, "decide_to_investigate").status == "investigating"
    concluded = act(staff.ppo, ref, "share_conclusion", outcome="unfounded", note="No evidence")
    assert concluded.status == "concluded"
    assert concluded.case.current_step == 10
    closed = act(staff.ppo, ref, "tell_unfounded", note="Letter sent to him", confirm_close=True)
    assert (closed.status, closed.case.outcome) == ("closed", "unfounded")
    assert closed.case.tracker is not None
    assert {"8", "9", "10"} <= set(closed.case.tracker.step_dates)


def test_proved_branch_tracks_each_recommendation_to_done(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit()
    _to_briefed(act, staff, ref)
    act(staff.ppo, ref, "decide_to_investigate")
    act(staff.ppo, ref, "share_conclusion", outcome="proved", note="CCTV confirms it")
    report = act(
        staff.ppo,
        ref,
        "submit_formal_report",
        recommendations=[
            "Retrain wing staff on the protocol | outcome: every wing officer trained",
            "Apologise to the prisoner | owner: Governor | outcome: a written apology",
        ],
    )
    recs = report.case.recommendations
    assert [r.text for r in recs] == [
        "Retrain wing staff on the protocol",
        "Apologise to the prisoner",
    ]
    assert [r.owner for r in recs] == ["HMP Wandsworth", "Governor"] and all(r.due for r in recs)
    assert [r.outcome for r in recs] == ["every wing officer trained", "a written apology"]
    assert report.status == "concluded" and report.case.current_step == 11
    seen = "Seen on inspection"
    first = act(staff.hmip, ref, "complete_recommendation", recommendation_id=recs[0].id, note=seen)
    assert first.status == "concluded"
    with pytest.raises(ValidationProblem, match="already done"):
        act(staff.hmip, ref, "complete_recommendation", recommendation_id=recs[0].id, note=seen)
    with pytest.raises(ValidationProblem, match="closes the case; nothing was changed"):
        act(staff.imb, ref, "complete_recommendation", recommendation_id=recs[1].id, note=seen)
    last = act(
        staff.imb, ref, "complete_recommendation", recommendation_id=recs[1].id, note=seen,
        confirm_close=True,
    )  # fmt: skip
    assert (last.status, last.case.outcome) == ("closed", "proved")
    assert all(r.done_at for r in last.case.recommendations)
    assert "case closed (proved)" in last.message


def test_not_qualifying_case_closes_with_its_route_and_signpost(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit()
    with pytest.raises(ValidationProblem, match="needs an outcome"):
        act(staff.hmip, ref, "does_not_qualify", note="A canteen complaint")
    with pytest.raises(ValidationProblem, match="date the person was told"):
        act(staff.hmip, ref, "does_not_qualify", outcome="complaint", note="Canteen error")
    told = date.today()
    with pytest.raises(ValidationProblem, match="closes the case"):
        act(staff.hmip, ref, "does_not_qualify", outcome="complaint", note="x", told=told)
    done = act(
        staff.hmip, ref, "does_not_qualify", outcome="complaint", note="Canteen error",
        told=told, confirm_close=True,
    )  # fmt: skip
    assert done.status == "signposted"
    assert (done.case.summary.route, done.case.outcome) == ("complaint", "not_qualifying")
    assert done.case.signpost and "complaints process" in done.case.signpost
    assert done.case.classifications[-1].source == "triage"


def test_logging_creates_the_tracker_entry(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    act(staff.imb, ref, "confirm_qualifies")
    informed = act(staff.imb, ref, "inform_hmip")
    assert informed.status == "confirmed"
    with pytest.raises(PermissionDenied, match="HMIP"):
        act(staff.imb, ref, "log_on_tracker")
    logged = act(staff.hmip, ref, "log_on_tracker")
    assert logged.case.tracker is not None
    assert logged.case.tracker.logged_by == staff.hmip.name
    assert logged.case.tracker.informed_by == "IMB"
    with Session(engine) as session:
        assert len(session.exec(select(TrackerEntry)).all()) == 1


def test_confirming_opens_the_parallel_duties_with_deadlines(
    act: ActFn, staff: Staff, submit: SubmitFn, settings: Settings
) -> None:
    ref = submit(risk_level=RiskLevel.HIGH)
    case = act(staff.hmip, ref, "confirm_qualifies").case
    duties = {t.duty: t for t in case.tasks if t.is_open and t.duty}
    assert set(duties) == {
        "refer_senior_manager",
        "inform_internal_lead",
        "inform_partners",
        "imb_monitoring",
    }
    assert duties["imb_monitoring"].owner_organisation == "IMB"
    assert duties["refer_senior_manager"].owner_organisation == "IMB"  # the receiving body
    due = duties["imb_monitoring"].due
    assert due is not None
    gap = due - case.tasks[0].created_at.date()
    assert gap.days == settings.deadlines.imb_monitoring
    act(staff.imb, ref, "inform_internal_lead")
    act(staff.imb, ref, "inform_partners")
    ended = act(staff.imb, ref, "end_monitoring", note="Moved back to his wing; no concerns")
    still_open = {t.duty for t in ended.case.tasks if t.is_open and t.duty}
    assert still_open == {"refer_senior_manager"}


def test_every_confirmed_allegation_gets_imb_monitoring(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    case = act(staff.hmip, submit(), "confirm_qualifies").case  # standard risk
    monitoring = [t for t in case.tasks if t.duty == "imb_monitoring" and t.is_open]
    assert len(monitoring) == 1 and monitoring[0].owner_organisation == "IMB"


def test_escalation_is_proposed_for_an_exceptional_case(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit(severity=Severity.EXCEPTIONAL)
    result = act(staff.hmip, ref, "confirm_qualifies")
    assert result.escalation_proposed
    proposed = [t for t in result.case.tasks if t.proposed]
    assert len(proposed) == 1 and "exceptional" in proposed[0].title
    escalated = act(staff.imb, ref, "escalate", note="Raised with the Governor and the PGD")
    assert not any(t.proposed for t in escalated.case.tasks)
    done = next(t for t in escalated.case.tasks if t.duty == "escalate")
    assert done.outcome == "done" and "Governor" in (done.note or "")


def test_unsatisfactory_report_back_and_problematic_referral_propose_escalation(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit()
    act(staff.hmip, ref, "confirm_qualifies")
    referred = act(staff.imb, ref, "refer_senior_manager", outcome="named")
    assert "Establishment reports back on its investigation" in open_titles(referred.case)
    back = act(staff.imb, ref, "record_report_back", outcome="unsatisfactory", note="Dismissive")
    assert back.escalation_proposed
    with pytest.raises(PermissionDenied, match="supervisor"):
        act(staff.imb, ref, "decline_escalation", note="Not needed")
    with pytest.raises(PermissionDenied, match="IMB staff"):  # not their organisation's case
        act(staff.hmip_supervisor, ref, "decline_escalation", note="Dealt with by PGD")
    declined = act(staff.imb_home_supervisor, ref, "decline_escalation", note="Dealt with by PGD")
    assert not any(t.proposed for t in declined.case.tasks)

    other = submit()
    act(staff.hmip, other, "confirm_qualifies")
    problematic = act(staff.imb, other, "refer_senior_manager", outcome="problematic")
    assert problematic.escalation_proposed
    assert "Establishment reports back on its investigation" not in open_titles(problematic.case)


def test_actions_out_of_order_are_refused_with_the_reason(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit()
    with pytest.raises(ValidationProblem, match="the case is received"):
        act(staff.hmip, ref, "log_on_tracker")
    with pytest.raises(ValidationProblem, match="unknown action"):
        act(staff.hmip, ref, "make_tea")
    act(staff.hmip, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    with pytest.raises(PermissionDenied, match="PPO"):
        act(staff.hmip, ref, "decide_to_investigate")


def test_intake_staff_cannot_take_workflow_steps(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    with pytest.raises(PermissionDenied, match="intake"):
        act(staff.intake, submit(), "confirm_qualifies")


def test_steps_lists_actions_with_step_and_who(
    staff: Staff, submit: SubmitFn, act: ActFn, engine: Engine
) -> None:
    ref = submit()
    act(staff.hmip, ref, "confirm_qualifies")
    with Session(engine) as session:
        actions = {a.name: a for a in available_actions(session, actor=staff.imb, reference=ref)}
    log = actions["log_on_tracker"]
    assert log.step == 3 and log.who.startswith("HMIP")
    assert not log.allowed and "HMIP" in (log.why_not or "")
    assert actions["inform_hmip"].allowed
    assert "confirm_qualifies" not in actions
    refer = actions["refer_senior_manager"]
    assert refer.step is None and refer.duty == "refer_senior_manager"
    assert [o.name for o in refer.outcomes] == ["named", "anonymised", "problematic"]


def test_every_task_that_may_be_opened_again_is_found_in_the_workflow() -> None:
    """Reopening a case and consenting again open tasks as prompts/workflow.yaml does."""
    from backoffice.workflow import workflow
    from backoffice.workflow.definition import TaskRef
    from intake.core.vocabulary import Duty, ProtocolStep

    rules = workflow()
    for step in ProtocolStep:
        if step > ProtocolStep.CONFIRM_QUALIFIES and step != ProtocolStep.CONCLUSION_SHARED:
            assert rules.opening(TaskRef(step=step)) is not None, step
    # Opened at submission from the interview's answers (routes; evidence that expires), or
    # proposed in code (escalation): no action of the workflow opens them.
    for duty in Duty:
        if duty not in (Duty.SIGNPOST, Duty.ESCALATE, Duty.PRESERVE_EVIDENCE):
            assert rules.opening(TaskRef(duty=duty)) is not None, duty
    enquiries = rules.opening(
        TaskRef(step=ProtocolStep.CONSULT_PRISONER),
        title="IMB initial enquiries: speak to the prisoner",
    )
    assert enquiries is not None and enquiries.owner == "IMB"
