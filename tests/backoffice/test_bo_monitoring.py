"""Issue 15: monitoring follows the person (para 25) and partners are kept informed (para 23).

Every confirmed allegation gets IMB monitoring with review dates; it outlives the case until a
Board member ends it with a reason, and the closed case stays in the Board's queue meanwhile. A
transfer moves the case, and its monitoring, to the new establishment's Board. Where there is
no Board (a secure training centre) the receiving organisation does the IMB's part, and the task
says so. Updates to the internal lead and the partners are a thread, and closing opens the last.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from backoffice.case_view import show_case
from backoffice.queue import QueueFilters, list_queue
from backoffice.view_models import CaseView
from intake.core.db.models import AuditEvent
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import ConsentAnswers
from intake.core.vocabulary import Organisation
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn, ViewFn

DECLINES = ConsentAnswers(pursue=False)


def _open(case: CaseView, duty: str) -> list[str]:
    return [t.title for t in case.tasks if t.duty == duty and t.is_open]


def _closed_not_pursued(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = submit(consent=DECLINES)
    act(staff.imb, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="declines", note="Does not want it pursued")
    act(staff.imb, ref, "close_not_pursued", note="Not pursued", confirm_close=True)
    return ref


def _queue_refs(settings: Settings, user: str) -> dict[str, str]:
    done = run_cli("backoffice", "--as", user, "queue", env=cli_env(settings))
    assert done.returncode == 0, done.stderr
    return {line.split()[0]: line for line in done.stdout.splitlines() if line.startswith("SAN-")}


def test_monitoring_outlives_the_case_until_a_board_member_ends_it(
    act: ActFn, staff: Staff, submit: SubmitFn, view: ViewFn, settings: Settings
) -> None:
    ref = _closed_not_pursued(act, staff, submit)
    case = view(ref)
    assert case.summary.status == "closed"
    assert _open(case, "imb_monitoring")  # closing the case did not end the monitoring
    listed = _queue_refs(settings, "Ian Board")
    assert ref in listed and "STILL-MONITORED" in listed[ref]

    act(staff.imb, ref, "review_monitoring", note="Seen on the wing; no change")
    reviewed = view(ref)
    assert len(_open(reviewed, "imb_monitoring")) == 1  # a new review date
    act(staff.imb, ref, "end_monitoring", note="Released on Friday; the risk has passed")
    assert not _open(view(ref), "imb_monitoring")
    assert ref not in _queue_refs(settings, "Ian Board")


def test_a_closed_case_is_still_monitored_only_while_its_imb_monitoring_is_open(
    act: ActFn, staff: Staff, submit: SubmitFn, view: ViewFn, engine: Engine
) -> None:
    """STILL MONITORED comes from an open IMB monitoring task, not from any open task: closing
    leaves the last updates to the internal lead and the partners open after monitoring ends."""
    monitored = _closed_not_pursued(act, staff, submit)
    ended = _closed_not_pursued(act, staff, submit)
    act(staff.imb, ended, "end_monitoring", note="Released on Friday; the risk has passed")
    assert _open(view(ended), "inform_partners") and not _open(view(ended), "imb_monitoring")
    assert view(monitored).summary.still_monitored
    assert not view(ended).summary.still_monitored
    with Session(engine) as session:
        page = list_queue(session, actor=staff.imb, filters=QueueFilters(open_only=False))
    rows = {row.reference: row for row in page.rows}
    assert rows[monitored].still_monitored
    assert rows[ended].open_tasks == 2 and not rows[ended].still_monitored


def test_updates_are_a_thread_and_closing_opens_the_last(
    act: ActFn, staff: Staff, submit: SubmitFn, view: ViewFn
) -> None:
    ref = submit(consent=DECLINES)
    act(staff.imb, ref, "confirm_qualifies")
    act(staff.imb, ref, "inform_partners", note="Emailed HMIP and PPO leads")
    act(staff.imb, ref, "update_partners", note="Report-back requested from the Governor")
    act(staff.imb, ref, "update_internal_lead", note="Same update to our lead")
    case = view(ref)
    sent = [(t.title, t.note) for t in case.tasks if t.duty == "inform_partners" and t.done_at]
    assert len(sent) == 2
    assert sent[1] == ("Update the two other organisations on a development",
                       "Report-back requested from the Governor")  # fmt: skip
    assert not _open(case, "inform_partners")

    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="declines", note="Does not want it pursued")
    closed = act(staff.imb, ref, "close_not_pursued", note="Not pursued", confirm_close=True).case
    assert _open(closed, "inform_partners") == [
        "Send the two other organisations the last update: how the case ended"
    ]
    assert _open(closed, "inform_internal_lead") == [
        "Tell the internal sanctions lead how the case ended"
    ]
    act(staff.imb, ref, "update_partners", note="Closed: not pursued without consent")
    assert not _open(view(ref), "inform_partners")


def test_a_case_that_never_qualified_sends_no_last_update(
    act: ActFn, staff: Staff, submit: SubmitFn, view: ViewFn
) -> None:
    from intake.core.vocabulary import Qualifies, Route

    ref = submit(qualifies=Qualifies.NO, route=Route.COMPLAINT)
    act(
        staff.imb, ref, "does_not_qualify", outcome="complaint", note="Canteen",
        told=date.today(), confirm_close=True,
    )  # fmt: skip
    case = view(ref)
    assert not _open(case, "inform_partners") and not _open(case, "imb_monitoring")


def test_a_transfer_moves_the_case_and_its_monitoring_to_the_new_board(
    act: ActFn, staff: Staff, submit: SubmitFn, settings: Settings, engine: Engine
) -> None:
    ref = submit()
    act(staff.imb, ref, "confirm_qualifies")
    env = cli_env(settings)
    moved = run_cli(
        "backoffice", "--as", "Ian Board", "transfer", ref, "--to", "HMP Belmarsh",
        "--note", "Moved on the 4th, no reason given", env=env,
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert "moved to HMP Belmarsh; IMB monitoring now with IMB" in moved.stdout
    with Session(engine) as session:
        case = show_case(session, actor=staff.imb_away, reference=ref)  # the new Board sees it
        assert case.summary.establishment == "HMP Belmarsh"
        assert len(_open(case, "imb_monitoring")) == 1
        history = [t for t in case.tasks if t.duty == "imb_monitoring" and t.done_at]
        assert history and history[0].outcome == "moved"
        events = session.exec(
            select(AuditEvent.reason).where(AuditEvent.action == "case.transferred")
        )
        assert "moved from HMP Wandsworth to HMP Belmarsh" in (events.one() or "")
    gone = run_cli("backoffice", "--as", "Ian Board", "show", ref, env=env)
    assert gone.returncode == 1 and "can see" in gone.stderr  # need to know follows the person


def test_a_transfer_to_an_ambiguous_place_changes_nothing(
    act: ActFn, staff: Staff, submit: SubmitFn, settings: Settings, view: ViewFn
) -> None:
    ref = submit()
    act(staff.imb, ref, "confirm_qualifies")
    before = view(ref)
    done = run_cli(
        "backoffice", "--as", "Ian Board", "transfer", ref, "--to", "Brook", "--note", "moved",
        env=cli_env(settings),
    )  # fmt: skip
    assert done.returncode == 1 and "could be several places" in done.stderr
    after = view(ref)
    assert after.summary.establishment == before.summary.establishment
    assert after.summary.version == before.summary.version


def test_without_a_board_the_receiving_organisation_does_the_imb_part(
    act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine
) -> None:
    with Session(engine) as session:
        stc = resolve_establishment_id(session, "Oakhill STC")
    ref = submit(establishment_id=stc, receiving_organisation=Organisation.HMIP)
    case = act(staff.hmip, ref, "confirm_qualifies").case
    monitoring = [t for t in case.tasks if t.duty == "imb_monitoring" and t.is_open]
    assert monitoring[0].owner_organisation == "HMIP"
    assert "no IMB here: HMIP does it" in monitoring[0].title
    reviewed = act(staff.hmip, ref, "review_monitoring", note="Spoke to him at the unit").case
    assert len(_open(reviewed, "imb_monitoring")) == 1
