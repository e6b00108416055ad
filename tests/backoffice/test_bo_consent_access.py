"""Consent decides what may be shared; need to know decides who sees what."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.case_view import show_case
from backoffice.overrides import override_classification
from backoffice.queue import list_queue
from intake.core.errors import NotFoundError, PermissionDenied
from intake.core.submission import ConsentAnswers
from intake.core.vocabulary import RiskLevel
from tests.support.factories import ActFn, Staff, SubmitFn, open_titles

NO_IDENTITY = ConsentAnswers(pursue=True, share_identity=False, imb_enquiries=True)


def test_consentless_named_referral_is_refused_until_a_supervisor_confirms(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit(consent=NO_IDENTITY, risk_level=RiskLevel.IMMEDIATE)
    act(staff.hmip, ref, "confirm_qualifies")
    with pytest.raises(PermissionDenied, match="not consented to their identity"):
        act(staff.imb, ref, "refer_senior_manager", outcome="named")

    recorded = act(
        staff.imb,
        ref,
        "record_referral_without_consent",
        note="He was assaulted last night and the officers named are still on his wing",
    )
    assert recorded.case.summary.awaiting_supervisor
    with pytest.raises(PermissionDenied, match="not been confirmed by a second person"):
        act(staff.imb, ref, "refer_senior_manager", outcome="named")
    with pytest.raises(PermissionDenied, match="supervisor or lead"):
        act(staff.imb, ref, "confirm_referral_without_consent", note="Agreed")
    with pytest.raises(PermissionDenied, match="IMB staff"):
        act(staff.hmip_supervisor, ref, "confirm_referral_without_consent", note="Agreed")

    confirmed = act(
        staff.imb_home_supervisor, ref, "confirm_referral_without_consent", note="Agreed"
    )
    assert not confirmed.case.summary.awaiting_supervisor
    assert confirmed.case.consent is not None
    assert confirmed.case.consent.confirmed_by == staff.imb_home_supervisor.name
    referred = act(staff.imb, ref, "refer_senior_manager", outcome="named", note="To the Governor")
    assert "Establishment reports back on its investigation" in open_titles(referred.case)


def test_anonymised_referral_needs_no_identity_consent(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    ref = submit(consent=NO_IDENTITY)
    act(staff.hmip, ref, "confirm_qualifies")
    referred = act(staff.imb, ref, "refer_senior_manager", outcome="anonymised")
    report_back = next(t for t in referred.case.tasks if t.duty == "report_back")
    assert report_back.is_open


def test_steps_show_the_named_referral_refused_for_now(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    from backoffice.workflow import available_actions

    ref = submit(consent=NO_IDENTITY, risk_level=RiskLevel.IMMEDIATE)
    act(staff.hmip, ref, "confirm_qualifies")
    with Session(engine) as session:
        actions = {a.name: a for a in available_actions(session, actor=staff.imb, reference=ref)}
    named = next(o for o in actions["refer_senior_manager"].outcomes if o.name == "named")
    assert not named.allowed and "consent" in (named.why_not or "")
    assert "record_referral_without_consent" in actions
    assert "confirm_referral_without_consent" not in actions


def test_imb_enquiries_need_consent(act: ActFn, staff: Staff, submit: SubmitFn) -> None:
    ref = submit()
    act(staff.hmip, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    consulted = act(staff.imb, ref, "consult_prisoner", outcome="declines")
    assert consulted.case.consent is not None and not consulted.case.consent.imb_enquiries
    with pytest.raises(PermissionDenied, match="not consented"):
        act(staff.imb, ref, "imb_enquiries", note="Spoke to him")


def test_imb_user_of_another_establishment_cannot_read_the_case(
    staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    with Session(engine) as session:
        with pytest.raises(NotFoundError, match="can see"):
            show_case(session, actor=staff.imb_away, reference=ref)
        assert show_case(session, actor=staff.imb, reference=ref).summary.reference == ref
        with pytest.raises(NotFoundError):  # a supervisor of another Board is scoped too
            show_case(session, actor=staff.imb_supervisor, reference=ref)
        assert show_case(session, actor=staff.imb_lead, reference=ref)  # the national lead
        assert list_queue(session, actor=staff.imb_away).rows == []
        assert [r.reference for r in list_queue(session, actor=staff.imb).rows] == [ref]


def test_imb_user_of_another_establishment_cannot_act(
    act: ActFn, staff: Staff, submit: SubmitFn
) -> None:
    with pytest.raises(NotFoundError):
        act(staff.imb_away, submit(), "confirm_qualifies")


def test_intake_staff_cannot_override(staff: Staff, submit: SubmitFn, engine: Engine) -> None:
    ref = submit()
    with Session(engine) as session, pytest.raises(PermissionDenied, match="supervisor"):
        override_classification(
            session, actor=staff.intake, reference=ref, changes={"risk": "high"}, reason="x"
        )
    with Session(engine) as session, pytest.raises(PermissionDenied, match="supervisor"):
        override_classification(
            session, actor=staff.hmip, reference=ref, changes={"risk": "high"}, reason="x"
        )
