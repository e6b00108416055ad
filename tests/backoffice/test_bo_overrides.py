"""Supervisors' overrides, triage views, disagreements, and two people at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from backoffice.case_view import show_case
from backoffice.overrides import override_classification, record_triage_view
from backoffice.view_models import CaseView
from backoffice.workflow import take_action
from intake.core.db.models import AuditEvent, CaseClassification, SanctionCase
from intake.core.errors import ConflictError, ValidationProblem
from intake.core.settings import Settings
from intake.core.users import Actor
from intake.core.vocabulary import Qualifies, Route
from tests.support.factories import ActFn, Staff, SubmitFn


def _override(
    engine: Engine,
    actor: Actor,
    ref: str,
    changes: Mapping[str, str | Sequence[str]],
    reason: str = "Seen the CCTV",
    **kw: Any,
) -> CaseView:
    with Session(engine) as session:
        view = override_classification(
            session, actor=actor, reference=ref, changes=changes, reason=reason, **kw
        )
        session.commit()
        return view


def test_override_keeps_the_original_and_becomes_effective(
    staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    view = _override(
        engine,
        staff.imb_home_supervisor,
        ref,
        {"risk": "immediate", "severity": "exceptional", "categories": "isolation,threats"},
    )
    s = view.summary
    assert (s.risk_level, s.severity, s.overridden) == ("immediate", "exceptional", True)
    assert s.categories == ["isolation", "threats"]
    assert [c.source for c in view.classifications] == ["rules", "override"]
    assert view.classifications[0].severity == "standard"  # the original stays
    assert view.classifications[1].reason == "Seen the CCTV"
    fields = {d.field: d.values for d in view.disagreements}
    assert fields["severity"] == {"rules": "standard", "override": "exceptional"}
    again = _override(engine, staff.imb_home_supervisor, ref, {"severity": "serious"})
    assert again.summary.severity == "serious"  # the latest override wins
    assert again.summary.risk_level == "immediate"
    with Session(engine) as session:
        case = session.exec(select(SanctionCase)).one()
        assert case.risk_rank == 0
        events = session.exec(select(AuditEvent.action)).all()
    assert events.count("classification_overridden") == 2


def test_override_validates_values_and_needs_a_reason(
    staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    sup = staff.imb_home_supervisor
    with pytest.raises(ValidationProblem, match="severity 'huge' is not one of standard"):
        _override(engine, sup, ref, {"severity": "huge"})
    with pytest.raises(ValidationProblem, match="categories: beatings not known"):
        _override(engine, sup, ref, {"categories": "beatings"})
    with pytest.raises(ValidationProblem, match="'colour' cannot be changed"):
        _override(engine, sup, ref, {"colour": "red"})
    with pytest.raises(ValidationProblem, match="reason for the override is needed"):
        _override(engine, sup, ref, {"risk": "high"}, reason="   ")
    with Session(engine) as session:
        assert len(session.exec(select(CaseClassification)).all()) == 1  # nothing was written


def test_override_to_the_protocol_reopens_a_signposted_case(
    staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit(route=Route.COMPLAINT, qualifies=Qualifies.NO)
    view = _override(
        engine, staff.imb_home_supervisor, ref, {"route": "sanction_protocol", "qualifies": "yes"}
    )
    assert view.summary.status == "received" and view.outcome is None
    assert view.current_step == 2


def test_override_raising_risk_opens_monitoring_and_exceptional_proposes_escalation(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    act(staff.hmip, ref, "confirm_qualifies")
    view = _override(
        engine, staff.imb_home_supervisor, ref, {"risk": "high", "severity": "exceptional"}
    )
    open_duties = {t.duty for t in view.tasks if t.is_open}
    assert {"imb_monitoring", "escalate"} <= open_duties
    assert any(t.proposed for t in view.tasks)


def test_triage_view_is_kept_but_changes_nothing_effective(
    staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    ref = submit()
    with Session(engine) as session:
        view = record_triage_view(
            session,
            actor=staff.hmip,
            reference=ref,
            changes={"qualifies": "unclear"},
            reason="No link to the IMB visit yet",
        )
        session.commit()
    assert view.summary.qualifies == "yes" and not view.summary.overridden
    assert view.disagreements[0].values == {"rules": "yes", "triage": "unclear"}


def test_two_triagers_at_once_the_second_gets_a_conflict_and_nothing_is_lost(
    staff: Staff,
    submit: SubmitFn,
    engine: Engine,
    settings: Settings,
    view: Callable[[str], CaseView],
) -> None:
    ref = submit()
    first, second = Session(engine), Session(engine)
    try:
        seen_first = show_case(first, actor=staff.hmip, reference=ref).summary.version
        seen_second = show_case(second, actor=staff.imb, reference=ref).summary.version
        held = second.exec(select(SanctionCase)).one()  # the second is mid-way through its work
        assert seen_first == seen_second == held.version
        take_action(
            first, actor=staff.hmip, reference=ref, action="confirm_qualifies",
            expected_version=seen_first, settings=settings,
        )  # fmt: skip
        first.commit()
        # the second still holds the version it read: the database's version check refuses it
        with pytest.raises(ConflictError, match="while you were working on it"):
            take_action(
                second, actor=staff.imb, reference=ref, action="does_not_qualify",
                outcome="complaint", note="Looks like a complaint", expected_version=seen_second,
                settings=settings, told=date.today(), confirm_close=True,
            )  # fmt: skip
        second.rollback()
    finally:
        first.close()
        second.close()
    after = view(ref)
    assert after.summary.status == "confirmed"  # the first decision stands, whole
    actions = [e.action for e in after.audit]
    assert "confirm_qualifies" in actions and "does_not_qualify" not in actions
    assert [c.source for c in after.classifications] == ["rules"]  # no half of the second
    # the second reloads, sees the change, and can carry on from the new version
    with Session(engine) as session:
        retry = take_action(
            session, actor=staff.imb, reference=ref, action="inform_hmip",
            expected_version=after.summary.version, settings=settings,
        )  # fmt: skip
        session.commit()
    assert retry.version > after.summary.version and retry.status == "confirmed"


def test_stale_version_from_the_cli_is_a_conflict(
    act: ActFn, staff: Staff, submit: SubmitFn, view: Callable[[str], CaseView], engine: Engine
) -> None:
    ref = submit()
    version = view(ref).summary.version
    act(staff.hmip, ref, "confirm_qualifies", expected_version=version)
    with pytest.raises(ConflictError, match=f"you had {version}"):
        act(staff.hmip, ref, "log_on_tracker", expected_version=version)
    with pytest.raises(ConflictError):
        _override(
            engine, staff.imb_home_supervisor, ref, {"risk": "high"}, expected_version=version
        )
    assert view(ref).summary.status == "confirmed"
